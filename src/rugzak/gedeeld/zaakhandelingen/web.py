"""Webkant van de zaakhandelingen: de formulieren van een zaakpagina en de POST van een
:class:`~rugzak.gedeeld.zaakhandelingen.overgang.Overgang`.

:func:`verwerk_overgang` volgt POST/redirect/GET: het formulier uit de declaratie valideren
en de service aanroepen (:func:`rugzak.gedeeld.web.formulieren.uitvoeren` zet de fouten van
de service naast de velden); bij een bindende overgang eerst de bevestigingspagina
(:mod:`rugzak.gedeeld.web.bevestiging`: de service draait dan als proef en schrijft niets),
pas na "Ja" echt; bij succes een melding en een redirect naar de zaak, anders de zaakpagina
opnieuw met het gebonden formulier en alles wat de gebruiker typte. :func:`overgangview`
maakt daar de view van. Toegang, versie, voorwaarden, geschiedenis en audit zitten in de
services.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.web import bevestiging
from rugzak.gedeeld.web.formulieren import gelukt, ingelogd, uitvoeren
from rugzak.gedeeld.zaakhandelingen.overgang import Overgang, Wie, zichtbaar


def formulieren(
    overgangen: Sequence[Overgang],
    wie: Wie,
    zaak: Any,
    *,
    initial: Mapping[str, Any],
    gebonden: forms.Form | None = None,
) -> dict[str, forms.Form]:
    """De formulieren die de zaakpagina toont (:func:`~.overgang.zichtbaar`), per naam op de
    pagina; ``gebonden``: het formulier dat net met fouten terugkwam (zijn prefix is de
    naam)."""
    return {
        o.webnaam: gebonden
        if gebonden is not None and gebonden.prefix == o.webnaam
        else o.formulier_voor(wie.gebruiker, zaak, prefix=o.webnaam, initial=dict(initial))
        for o in zichtbaar(overgangen, wie, zaak)
    }


def overgang_of_404(overgangen: Sequence[Overgang], naam: str) -> Overgang:
    """De overgang met deze naam op de zaakpagina (een onbekende naam is 404)."""
    for o in overgangen:
        if o.webnaam == naam and (o.mag is not None or o.formulier is not None):
            return o
    raise Http404("deze handeling bestaat niet")


def verwerk_overgang(
    request: HttpRequest,
    overgang: Overgang,
    zaak: Any,
    *,
    pagina: Callable[[forms.Form], HttpResponse],
    terug: str,
    omschrijving: Callable[[], str],
    zaak_als: str = "zaak",
    prefix: str | None = None,
) -> HttpResponse:
    """De POST van een overgang op de zaakpagina. ``pagina(formulier)`` toont de zaak met
    het gebonden formulier, ``terug`` is de url van de zaak, ``omschrijving()`` de zaak in
    één zin op de bevestigingspagina; ``prefix`` als de pagina meer formulieren van deze
    overgang heeft."""
    formulier = overgang.formulier_voor(
        ingelogd(request), zaak, data=request.POST, prefix=prefix or overgang.webnaam
    )

    def doe(_: dict[str, Any]) -> Any:
        invoer = overgang.invoer_van(formulier)
        return overgang.aanroep(ingelogd(request), zaak, invoer, zaak_als)

    if bevestiging.terug_gevraagd(request):
        return pagina(formulier)
    bindend = overgang.bindend
    if bindend is not None and not bevestiging.bevestigd(request):
        if not bevestiging.proef(formulier, doe, vertaling=overgang.vertaling):
            return pagina(formulier)
        gevolgen = bindend.gevolgen(zaak, formulier.cleaned_data)
        if overgang.grondslag:
            gevolgen = [*gevolgen, f"Grondslag: {overgang.grondslag}."]
        return bevestiging.bevestigingspagina(
            request,
            formulier=formulier,
            titel=bindend.titel,
            gevolgen=gevolgen,
            knop=bindend.knop,
            terug_naar=terug,
            zaak=omschrijving(),
        )
    if uitvoeren(formulier, doe, vertaling=overgang.vertaling) is not None:
        return gelukt(request, overgang.gelukt, terug)
    return pagina(formulier)


#: De zaak van een POST: ``(request, publiek_id, overgang) -> zaak`` (``GeenToegang`` is 404).
Opzoeken = Callable[[HttpRequest, UUID, Overgang], Any]
#: De zaakpagina met het gebonden formulier: ``(request, publiek_id, formulier)``.
Pagina = Callable[[HttpRequest, UUID, forms.Form], HttpResponse]


def overgangview(
    overgangen: Sequence[Overgang],
    *,
    opzoeken: Opzoeken,
    pagina: Pagina,
    terug: str,
    omschrijving: Callable[[Any], str] = str,
    zaak_als: str = "zaak",
) -> Callable[..., HttpResponse]:
    """De POST-view ``(request, publiek_id, naam)`` van de overgangen van een zaakpagina:
    de overgang (onbekend: 404), de zaak (niet leesbaar: 404), dan :func:`verwerk_overgang`.
    ``terug``: de naam van de url van de zaakpagina; ``omschrijving(zaak)``: de zaak in één
    zin op de bevestigingspagina. Heeft de pagina meer formulieren van één overgang (een per
    informatieverzoek, per evaluatie), dan stuurt elk het id van zijn onderdeel mee in het
    verborgen veld ``onderdeel`` en is zijn prefix ``<naam>-<onderdeel>``."""

    @require_POST
    @login_required
    def view(request: HttpRequest, publiek_id: UUID, naam: str) -> HttpResponse:
        overgang = overgang_of_404(overgangen, naam)
        try:
            zaak = opzoeken(request, publiek_id, overgang)
        except GeenToegang:
            raise Http404("dit bestaat niet of u hebt er geen toegang toe") from None
        return verwerk_overgang(
            request,
            overgang,
            zaak,
            pagina=lambda formulier: pagina(request, publiek_id, formulier),
            terug=reverse(terug, args=[publiek_id]),
            omschrijving=lambda: omschrijving(zaak),
            zaak_als=zaak_als,
            prefix=f"{naam}-{onderdeel}" if (onderdeel := request.POST.get("onderdeel")) else None,
        )

    return view
