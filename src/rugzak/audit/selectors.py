"""Lezen uit het auditlog."""

from __future__ import annotations

from uuid import UUID

from django.db.models import QuerySet

from rugzak.audit.models import AuditRegel


def auditregels_voor_leerling(*, leerling_publiek_id: UUID | str) -> QuerySet[AuditRegel]:
    """Alle regels over één leerling, nieuwste eerst (ook na verwijdering van de leerling).

    Wie dit mag inzien, bepaalt de aanroeper; in deze fundering gebruiken alleen tests het.
    """
    return AuditRegel.objects.filter(leerling_publiek_id=str(leerling_publiek_id))
