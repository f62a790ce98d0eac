"""Webkant van de zaakhandelingen: een zaakpagina declareert elke handeling één keer als
:class:`Webhandeling` (formulier, service, melding bij succes, eventueel de bevestiging
van een bindend besluit); :func:`verwerk` doet de POST.

:func:`verwerk` volgt POST/redirect/GET: het formulier valideren en de service aanroepen
(:func:`rugzak.gedeeld.web.formulieren.uitvoeren` zet de fouten van de service naast de velden);
bij een bindende handeling eerst de bevestigingspagina (:mod:`rugzak.gedeeld.web.bevestiging`:
de service draait dan als proef en schrijft niets), pas na "Ja" echt; bij succes een
melding en een redirect naar de zaak, anders de zaakpagina opnieuw met het gebonden
formulier en alles wat de gebruiker typte. Toegang, versie, voorwaarden, geschiedenis en
audit zitten in de services.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse

from rugzak.gedeeld.web import bevestiging
from rugzak.gedeeld.web.formulieren import gelukt, ingelogd, uitvoeren

if TYPE_CHECKING:
    from rugzak.gedeeld.zaakhandelingen.overgang import Overgang, Wie

#: De gevolgen van een bindend besluit, uit de zaak en de schone invoer.
Gevolgen = Callable[[Any, dict[str, Any]], list[str]]
#: De service-aanroep: ``(door, zaak, schone invoer)``.
Doe = Callable[[Any, Any, dict[str, Any]], Any]
Vertaling = Mapping[str, str] | Callable[[str], str | None] | None


@dataclass(frozen=True)
class Bindend:
    """Een bindend besluit: eerst een bevestigingspagina met deze titel, knop en gevolgen."""

    titel: str
    knop: str
    gevolgen: Gevolgen


@dataclass(frozen=True)
class Webhandeling:
    """Een POST op de zaakpagina: welk formulier (``maak``), welke service (``doe``), welke
    melding bij succes; ``bevestig`` bij een bindend besluit; ``vertaling`` van de
    foutsleutels van de service naar velden van het formulier."""

    maak: Callable[..., forms.Form]
    doe: Doe
    gelukt: str
    bevestig: Bindend | None = None
    vertaling: Vertaling = None


def roep(service: Callable[..., Any], zaak_als: str, *velden: str, **omzetting: str) -> Doe:
    """De gewone service-aanroep: ``service(door=door, <zaak_als>=zaak, veld=invoer[veld]
    ..., argument=invoer[veld] ...)`` met ``velden`` onder hun eigen naam en ``omzetting``
    (argument -> veld) onder een andere."""
    paren = {**{v: v for v in velden}, **omzetting}

    def doe(door: Any, zaak: Any, d: dict[str, Any]) -> Any:
        return service(door=door, **{zaak_als: zaak}, **{a: d[v] for a, v in paren.items()})

    return doe


def verwerk(
    request: HttpRequest,
    *,
    spec: Webhandeling,
    zaak: Any,
    formulier: forms.Form,
    pagina: Callable[[], HttpResponse],
    terug: str,
    omschrijving: Callable[[], str],
    doe: Callable[[dict[str, Any]], Any] | None = None,
) -> HttpResponse:
    """Eén handeling op de zaak (POST). ``pagina()`` toont de zaak met ``formulier``
    gebonden, ``terug`` is de url van de zaak, ``omschrijving()`` de zaak in één zin op de
    bevestigingspagina; ``doe`` vervangt ``spec.doe`` als de view de invoer aanvult."""
    if doe is None:
        doe = lambda d: spec.doe(ingelogd(request), zaak, d)  # noqa: E731
    if bevestiging.terug_gevraagd(request):
        return pagina()
    if spec.bevestig is not None and not bevestiging.bevestigd(request):
        if not bevestiging.proef(formulier, doe, vertaling=spec.vertaling):
            return pagina()
        return bevestiging.bevestigingspagina(
            request,
            formulier=formulier,
            titel=spec.bevestig.titel,
            gevolgen=spec.bevestig.gevolgen(zaak, formulier.cleaned_data),
            knop=spec.bevestig.knop,
            terug_naar=terug,
            zaak=omschrijving(),
        )
    if uitvoeren(formulier, doe, vertaling=spec.vertaling) is not None:
        return gelukt(request, spec.gelukt, terug)
    return pagina()


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
    from rugzak.gedeeld.zaakhandelingen.overgang import zichtbaar

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
    """De POST van een overgang op de zaakpagina: het formulier uit de declaratie, dan
    :func:`verwerk`. ``pagina(formulier)`` toont de zaak met het gebonden formulier;
    ``prefix`` als de pagina meer formulieren van deze overgang heeft."""
    formulier = overgang.formulier_voor(
        ingelogd(request), zaak, data=request.POST, prefix=prefix or overgang.webnaam
    )
    bevestig = overgang.bindend
    if bevestig is not None and overgang.grondslag:
        eigen = bevestig.gevolgen
        bevestig = Bindend(
            bevestig.titel,
            bevestig.knop,
            lambda z, d: [*eigen(z, d), f"Grondslag: {overgang.grondslag}."],
        )
    spec = Webhandeling(
        maak=lambda **kw: formulier,
        doe=lambda door, z, d: overgang.aanroep(door, z, overgang.invoer_van(formulier), zaak_als),
        gelukt=overgang.gelukt,
        bevestig=bevestig,
        vertaling=overgang.vertaling,
    )
    return verwerk(
        request,
        spec=spec,
        zaak=zaak,
        formulier=formulier,
        pagina=lambda: pagina(formulier),
        terug=terug,
        omschrijving=omschrijving,
    )
