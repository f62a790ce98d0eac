"""Bevestigen vóór een bindend besluit (zonder JavaScript).

Een handeling die een bindend besluit vastlegt (een indicatiebesluit, het besluit over
toelating, het beoordelen van een melding, het tekenen van een overeenkomst, het starten of
afwijzen van een begeleiding) gaat in twee stappen:

1. het formulier wordt verstuurd; :func:`proef` voert de service uit in een savepoint dat
   altijd wordt teruggedraaid. Weigert de service, dan staan de fouten meteen naast de
   velden (niemand bevestigt iets dat toch niet kan); zou het slagen, dan toont
   :func:`bevestigingspagina` wat er zal gebeuren (de ingevulde waarden en de gevolgen in
   gewone woorden), met de invoer als verborgen velden, een knop "Ja, ..." en een knop
   "Terug naar het formulier";
2. pas met ``bevestigd=ja`` roept de view de service echt aan (die toetst alles opnieuw).

"Terug" (:func:`terug_gevraagd`) toont de zaak weer met het formulier zoals het was
ingevuld; er is dan niets opgeslagen. De service toetst bij de tweede stap alles opnieuw:
de bevestiging is alleen een extra stap voor de gebruiker, geen controle.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from django import forms
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import date as datumfilter

from rugzak.gedeeld.web.formulieren import uitvoeren

#: POST-velden die niet als invoer worden doorgegeven
_NIET_DOORGEVEN = frozenset({"csrfmiddlewaretoken", "bevestigd", "terug"})


def bevestigd(request: HttpRequest) -> bool:
    """Heeft de gebruiker op de bevestigingspagina "Ja" gekozen?"""
    return request.POST.get("bevestigd") == "ja"


def terug_gevraagd(request: HttpRequest) -> bool:
    """Koos de gebruiker op de bevestigingspagina "Terug naar het formulier"?"""
    return "terug" in request.POST


class _Slaagt(Exception):
    """Intern: de proef slaagde; het savepoint wordt teruggedraaid."""


def proef(
    formulier: forms.Form,
    doe: Callable[[dict[str, Any]], object],
    *,
    vertaling: Mapping[str, str] | Callable[[str], str | None] | None = None,
) -> bool:
    """Voer de handeling op proef uit (:func:`rugzak.gedeeld.web.formulieren.uitvoeren` in een
    savepoint dat altijd wordt teruggedraaid). True: zij zou slagen en er is niets
    geschreven. False: de fouten staan op het formulier, zoals bij een echte poging. Een
    ``GeenToegang`` gaat gewoon door (403)."""
    try:
        with transaction.atomic():
            if uitvoeren(formulier, doe, vertaling=vertaling) is not None:
                raise _Slaagt
    except _Slaagt:
        return True
    return False


def _waarde(veld: forms.BoundField, waarde: Any) -> str:
    if waarde is None or waarde == "" or waarde == []:
        return "—"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, date):
        return str(datumfilter(waarde, "j F Y"))
    keuzes = getattr(veld.field, "choices", None)
    if keuzes:
        for code, label in keuzes:
            if str(code) == str(waarde):
                return str(label)
    if isinstance(waarde, list | tuple):
        return ", ".join(_waarde(veld, w) for w in waarde)
    if hasattr(waarde, "weergavenaam"):
        return str(waarde.weergavenaam)
    return str(waarde)


def samenvatting(formulier: forms.Form) -> list[tuple[str, str]]:
    """De zichtbare velden van een geldig formulier als (label, waarde in woorden)."""
    uit = []
    for veld in formulier.visible_fields():
        waarde = formulier.cleaned_data.get(veld.name)
        uit.append((str(veld.label), _waarde(veld, waarde)))
    return uit


def invoer(request: HttpRequest) -> list[tuple[str, str]]:
    """De verstuurde invoer (zonder CSRF-token en knoppen), om als verborgen velden mee te
    sturen; elke waarde van een veld met meer waarden blijft staan."""
    return [
        (sleutel, waarde)
        for sleutel in request.POST
        if sleutel not in _NIET_DOORGEVEN
        for waarde in request.POST.getlist(sleutel)
    ]


def bevestigingspagina(
    request: HttpRequest,
    *,
    formulier: forms.Form,
    titel: str,
    gevolgen: Sequence[str],
    knop: str,
    terug_naar: str,
    zaak: str,
) -> HttpResponse:
    """De tweede stap: wat er gebeurt als de gebruiker bevestigt. ``gevolgen`` zijn zinnen
    voor de gebruiker (wat er vastligt, wie het ziet, wat er daarna niet meer kan);
    ``terug_naar`` is de zaakpagina (de link "Annuleren")."""
    return render(
        request,
        "rugzak/bevestigen.html",
        {
            "titel": titel,
            "zaak": zaak,
            "samenvatting": samenvatting(formulier),
            "gevolgen": list(gevolgen),
            "knop": knop,
            "invoer": invoer(request),
            "actie": request.path,
            "terug_naar": terug_naar,
        },
    )
