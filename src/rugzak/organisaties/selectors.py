"""Lezen: organisaties en rollen (geen leerlinggegevens; die lopen via rugzak.toegang)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from rugzak.organisaties.models import Gebruiker, Organisatie, Rol


def rollen_actief(*, gebruiker: Gebruiker, peildatum: date) -> QuerySet[Rol]:
    """De rollen van ``gebruiker`` die op ``peildatum`` gelden, met hun organisatie."""
    if not gebruiker.is_active:
        return Rol.objects.none()
    return (
        Rol.objects.filter(gebruiker=gebruiker, van__lte=peildatum)
        .filter(Q(tot__isnull=True) | Q(tot__gte=peildatum))
        .select_related("organisatie", "organisatie__bestuur", "organisatie__rec")
        .order_by("organisatie__naam", "rol")
    )


def organisaties_van_soort(*, soort: str) -> QuerySet[Organisatie]:
    return Organisatie.objects.filter(soort=soort).order_by("naam")
