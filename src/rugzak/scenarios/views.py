"""Webpagina's van de wat-als-scenario's (alleen de beleidsanalist, I-104): de lijst met
het formulier (plakken of uploaden, schooljaar), de uitkomst (tabellen, SVG-grafiek van
het verschil per REC, CSV) en per CvI-nummer beide uitleggen naast elkaar.

Lezen via :mod:`rugzak.scenarios.selectors`, schrijven via
:func:`rugzak.scenarios.services.scenario_aanvragen`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from rugzak.betalingen.models import Runstatus
from rugzak.gedeeld.csvbestand import csv_antwoord
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.web.formulieren import gelukt, ingelogd, met_fouten, uitvoeren
from rugzak.gedeeld.web.paginering import selectorpagina
from rugzak.scenarios import selectors, services
from rugzak.scenarios.models import Scenario
from rugzak.web.grafieken import staafdiagram

VERVERS_SECONDEN = 3


class ScenarioFormulier(forms.Form):
    bestand = forms.FileField(
        label="Scenariobestand (TOML)",
        required=False,
        help_text="Kies een .toml-bestand, of plak de inhoud hieronder.",
    )
    inhoud = forms.CharField(
        label="Of plak het scenario",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text='Het gewone regelingsformaat met soort = "scenario" in [bestand] en een '
        "eigen [[bron]] (zie README, 'Een wat-als-scenario').",
    )
    schooljaar = forms.CharField(
        label="Schooljaar",
        max_length=9,
        help_text="JJJJ-JJJJ, bv. 2011-2012: alle geaccepteerde meldingen van dat jaar.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _inhoud(d: dict[str, Any]) -> tuple[str, str]:
    bestand = d.get("bestand")
    if bestand:
        try:
            return bestand.read().decode("utf-8-sig"), bestand.name
        except UnicodeDecodeError:
            raise ValidationError({"bestand": "het bestand is geen UTF-8-tekst"}) from None
    return d.get("inhoud") or "", "geplakt-scenario.toml"


@require_http_methods(["GET", "POST"])
@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    gebruiker = ingelogd(request)
    try:
        scenarios = selectorpagina(request, selectors.scenario_deel)
    except GeenToegang:
        raise Http404("alleen de beleidsanalist werkt met scenario's") from None
    if request.method == "POST":
        formulier = ScenarioFormulier(request.POST, request.FILES)

        def doe(d: dict[str, Any]) -> Scenario:
            inhoud, naam = _inhoud(d)
            return services.scenario_aanvragen(
                door=gebruiker, inhoud=inhoud, bestandsnaam=naam, schooljaar=d["schooljaar"]
            )

        scenario = uitvoeren(formulier, doe, vertaling={"bestand": "bestand"})
        if scenario is not None:
            return gelukt(
                request,
                f"Het scenario '{scenario.titel}' staat in de wachtrij. Deze pagina toont de "
                "voortgang en daarna de uitkomst.",
                reverse("scenarios:scenario", args=[scenario.publiek_id]),
            )
    else:
        formulier = ScenarioFormulier(initial={"schooljaar": "2011-2012"})
    return render(
        request,
        "scenarios/lijst.html",
        {"scenarios": scenarios, "formulier": formulier, "fouten": met_fouten([formulier])},
    )


def _euro(centen: int) -> Decimal:
    return Decimal(centen).scaleb(-2)


def _tabel(rijen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "basis": _euro(r["basis_centen"]),
            "scenario": _euro(r["scenario_centen"]),
            "verschil": _euro(r["verschil_centen"]),
        }
        for r in rijen
    ]


def _grafiek_per_rec(per_rec: list[dict[str, Any]]) -> Any:
    """Het verschil per REC als liggend staafdiagram. De grafiek tekent lengtes; het teken
    staat in het label (lager/hoger/gelijk) en in de tabel ernaast."""
    reeks = []
    for r in per_rec:
        v = r["verschil_centen"]
        richting = "lager" if v < 0 else "hoger" if v > 0 else "gelijk"
        reeks.append((f"{r['sleutel']} ({richting})", abs(_euro(v))))
    return staafdiagram(
        titel="Verschil per REC (scenario min basis)",
        reeks=reeks,
        liggend=True,
        label_kop="REC",
        waarde_kop="Verschil (absoluut)",
    )


@require_GET
@login_required
def scenario(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    try:
        s = selectors.scenario_van(
            gebruiker=ingelogd(request), publiek_id=publiek_id, reden="uitkomst scenario"
        )
    except (GeenToegang, Scenario.DoesNotExist):
        raise Http404("dit scenario bestaat niet of is niet van u") from None
    lopend = s.status in (Runstatus.IN_WACHTRIJ, Runstatus.BEZIG)
    automatisch = lopend and request.GET.get("verversen") != "uit"
    u = s.uitkomst or {}
    context: dict[str, Any] = {
        "s": s,
        "status_tekst": Runstatus(s.status).label,
        "lopend": lopend,
        "automatisch": automatisch,
        "verversen": VERVERS_SECONDEN,
    }
    if s.status == Runstatus.KLAAR and u:
        context.update(
            totaal=_tabel([u["totaal"]])[0],
            indelingen=[
                ("per-ontvanger", "Per soort ontvanger", _tabel(u["per_ontvanger"])),
                ("per-rec", "Per REC", _tabel(u["per_rec"])),
                ("per-schoolsoort", "Per schoolsoort", _tabel(u["per_schoolsoort"])),
                ("per-onderwijssoort", "Per onderwijssoort", _tabel(u["per_onderwijssoort"])),
                ("verliezers", "Scholen die het meest verliezen", _tabel(u["verliezers"])),
                ("winnaars", "Scholen die het meest winnen", _tabel(u["winnaars"])),
            ],
            grafiek=_grafiek_per_rec(u["per_rec"]),
            leerlingen=_tabel(u["per_leerling"]),
            leemtes=u["leemtes"],
            terugval=u["terugval"],
            interpretaties=u["interpretaties"],
        )
    antwoord = render(request, "scenarios/scenario.html", context)
    if automatisch:
        antwoord["Refresh"] = str(VERVERS_SECONDEN)  # zonder JavaScript (WCAG 2.2.1: uit te zetten)
    return antwoord


@require_GET
@login_required
def csv(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    try:
        s, inhoud = selectors.scenario_csv(gebruiker=ingelogd(request), publiek_id=publiek_id)
    except (GeenToegang, Scenario.DoesNotExist):
        raise Http404("dit scenario bestaat niet of is niet van u") from None
    return csv_antwoord(inhoud, f"scenario-{s.publiek_id}.csv")


@require_GET
@login_required
def leerling(request: HttpRequest, publiek_id: UUID, cvi_nummer: str) -> HttpResponse:
    try:
        paar = selectors.uitleg_per_cvi(
            gebruiker=ingelogd(request), publiek_id=publiek_id, cvi_nummer=cvi_nummer
        )
    except (GeenToegang, Scenario.DoesNotExist, LookupError):
        raise Http404("dit CvI-nummer staat niet in de uitkomst van dit scenario") from None
    return render(
        request,
        "scenarios/leerling.html",
        {
            "p": paar,
            "basis_tekst": paar.basis.uitleg.als_tekst(paar.interpretaties) if paar.basis else "",
            "nieuw_tekst": paar.nieuw.uitleg.als_tekst(paar.interpretaties) if paar.nieuw else "",
        },
    )
