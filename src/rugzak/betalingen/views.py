"""Webpagina's van de betalingen: de betaalrun per maand, het grootboek per ontvanger (ook
als CSV), de uitleg van elke grootboekregel ("Waarom dit bedrag?") en de besteding van de
rugzak van een leerling (naast wat er ontvangen is; vastleggen met
:func:`rugzak.betalingen.services.besteding_vastleggen`).

Lezen via :mod:`rugzak.betalingen.selectors` en :mod:`rugzak.web.geld`, schrijven via
:func:`rugzak.betalingen.services.betaalrun_aanvragen` (de run gaat in de wachtrij; een
verwerker voert hem uit). Leerlingen staan in runs en
grootboek alleen op CvI-nummer.
"""

from __future__ import annotations

import contextlib
from typing import Any
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from rugzak.betalingen import rechten, selectors, services
from rugzak.betalingen.models import FASEN, Betaalrun, Runfase, Runstatus
from rugzak.gedeeld.csvbestand import csv_antwoord
from rugzak.gedeeld.datumtekst import Datumfout, lees_maand
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.paginering import Deel, Venster
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.web.formulieren import (
    datumveld,
    gelukt,
    ingelogd,
    met_fouten,
    tekstregel,
    tekstvak,
    uitvoeren,
)
from rugzak.gedeeld.web.paginering import selectorpagina, webpagina
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Organisatie
from rugzak.regeling.begrippen import Budgetdeel
from rugzak.regeling.fouten import OngeldigeInvoer
from rugzak.regeling.regels.besteding import Onderdeel
from rugzak.regeling.tijd import Schooljaar
from rugzak.web.geld import geldverdeling, grootboekregel_uitleg

DELEN = {d.value: d.omschrijving for d in Budgetdeel}
#: Regels per pagina in het grootboek (de totalen gaan over alle regels).
REGELS_PER_PAGINA = 200
#: leemtes per pagina op de pagina van een run
LEEMTES_PER_PAGINA = 100
#: Zolang een run in de wachtrij staat of bezig is, ververst zijn pagina zichzelf (zonder
#: JavaScript: de HTTP-kop ``Refresh``) na zoveel seconden.
VERVERS_SECONDEN = 3


class RunFormulier(forms.Form):
    maand = forms.CharField(
        label="Maand",
        max_length=20,
        help_text="Maand en jaar, bv. 03-2012 of maart 2012. Een maand wordt betaald naar de "
        "toestand op haar eerste dag; nogmaals draaien boekt niets dubbel.",
    )

    def clean_maand(self) -> str:
        """De maand zoals de service haar kent (JJJJ-MM); getypt in de Nederlandse notatie."""
        try:
            jaar, maand = lees_maand(self.cleaned_data["maand"])
        except Datumfout as e:
            raise forms.ValidationError(str(e)) from None
        return f"{jaar:04d}-{maand:02d}"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


@require_http_methods(["GET", "POST"])
@login_required
def runs(request: HttpRequest) -> HttpResponse:
    """De betaalruns, en een run uitvoeren voor een maand (alleen de medewerker bekostiging)."""
    lijst = selectors.betaalruns_lijst(gebruiker=ingelogd(request))
    if request.method == "POST":
        formulier = RunFormulier(request.POST)
        run = uitvoeren(
            formulier,
            lambda d: services.betaalrun_aanvragen(door=ingelogd(request), maand=d["maand"]),
        )
        if run is not None:
            return gelukt(
                request,
                f"De betaalrun voor {run.maand:%m-%Y} staat in de wachtrij. Deze pagina toont "
                "de voortgang en daarna de totalen.",
                reverse("betalingen:run", args=[run.publiek_id]),
            )
    else:
        formulier = RunFormulier(initial={"maand": f"{vandaag():%m-%Y}"})
    return render(
        request,
        "betalingen/runs.html",
        {"runs": lijst, "formulier": formulier, "fouten": met_fouten([formulier])},
    )


@require_GET
@login_required
def run(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    try:
        gebruiker = ingelogd(request)
        weergave = selectors.betaalrun_weergave(
            gebruiker=gebruiker, publiek_id=publiek_id, leemtes=False
        )
    except Betaalrun.DoesNotExist:
        raise Http404("deze betaalrun bestaat niet") from None
    leemtes = None
    groepen: list[dict[str, object]] = []
    if weergave["status"] == Runstatus.KLAAR:
        # ~115.000 leemtes in een landelijke run: geteld per schooljaar en soort, en per
        # pagina (alleen de getoonde staan in het auditlog)
        groepen = selectors.betaalrun_leemtegroepen(gebruiker=gebruiker, publiek_id=publiek_id)
        leemtes = selectorpagina(
            request,
            selectors.betaalrun_leemtes_deel,
            per_pagina=LEEMTES_PER_PAGINA,
            publiek_id=publiek_id,
        )
    for r in weergave["per_ontvanger"]:
        r["bedrag"] = selectors._euro(r["centen"])
    klaar = weergave["status"] == Runstatus.KLAAR
    weergave["totaal"] = selectors._euro(weergave["totaal_centen"]) if klaar else None
    weergave["status_tekst"] = Runstatus(weergave["status"]).label
    totaal = weergave["leerlingen_totaal"]
    weergave["procent"] = int(100 * weergave["leerlingen_gedaan"] / totaal) if totaal else 0
    fase = weergave.get("fase")
    weergave["fase_tekst"] = Runfase(fase).label if fase else ""
    weergave["fase_nummer"] = FASEN.index(Runfase(fase)) + 1 if fase else 0
    weergave["fasen"] = len(FASEN)
    lopend = weergave["status"] in (Runstatus.IN_WACHTRIJ, Runstatus.BEZIG)
    automatisch = lopend and request.GET.get("verversen") != "uit"
    antwoord = render(
        request,
        "betalingen/run.html",
        {
            "r": weergave,
            "leemtes": leemtes,
            "leemtegroepen": groepen,
            "lopend": lopend,
            "automatisch": automatisch,
            "verversen": VERVERS_SECONDEN,
        },
    )
    if automatisch:
        # Verversen zonder JavaScript: de HTTP-kop Refresh (geen <meta>: de gebruiker kan het
        # uitzetten met ?verversen=uit, WCAG 2.2.1).
        antwoord["Refresh"] = str(VERVERS_SECONDEN)
    return antwoord


def _schooljaar(request: HttpRequest) -> Schooljaar | None:
    tekst = request.GET.get("schooljaar")
    if tekst == "alle":
        return None
    if tekst:
        try:
            return Schooljaar.van_tekst(tekst)
        except OngeldigeInvoer:
            raise Http404("onbekend schooljaar") from None
    return Schooljaar.van_datum(vandaag())


@require_GET
@login_required
def grootboek(request: HttpRequest, ontvanger_id: int) -> HttpResponse:
    """Het grootboek van één ontvanger in een schooljaar: per maand, per deel en per
    onderwijssoort, en elke regel met een link naar de run en naar "Waarom dit bedrag?"."""
    schooljaar = _schooljaar(request)
    overzichten: list[selectors.Grootboekoverzicht] = []

    def haal(venster: Venster) -> Deel[dict[str, Any]]:
        o = selectors.grootboek_overzicht(
            gebruiker=ingelogd(request),
            ontvanger_id=ontvanger_id,
            schooljaar=schooljaar,
            venster=venster,
        )
        overzichten.append(o)
        return Deel(o.regels, o.aantal_regels)

    try:
        pagina = webpagina(request, haal, per_pagina=REGELS_PER_PAGINA)
    except GeenToegang:
        raise Http404("dit grootboek bestaat niet of u hebt er geen toegang toe") from None
    overzicht = overzichten[-1]
    grafieken = []
    verdeling = None
    if schooljaar is not None:
        verdeling = geldverdeling(
            gebruiker=ingelogd(request),
            ontvanger_ids=[ontvanger_id],
            schooljaar=schooljaar,
            titel=overzicht.ontvanger.naam,
        )
        grafieken = verdeling.grafieken(overzicht.ontvanger.naam)
    regels = overzicht.regels
    for r in regels:
        r["bedrag"] = selectors._euro(r["bedrag_centen"])
        r["deel_tekst"] = DELEN.get(r["deel"], r["deel"])
    totalen = {
        k: {
            "betaling": selectors._euro(t.betaling),
            "correctie": selectors._euro(t.correctie),
            "netto": selectors._euro(t.netto),
        }
        for k, t in overzicht.per_maand.items()
    }
    return render(
        request,
        "betalingen/grootboek.html",
        {
            "o": overzicht,
            "ontvanger": overzicht.ontvanger,
            "schooljaar": schooljaar,
            "schooljaren": [
                str(Schooljaar(j))
                for j in range(2003, Schooljaar.van_datum(vandaag()).beginjaar + 1)
            ],
            "regels": regels,
            "pagina": pagina,
            "per_maand": sorted(totalen.items()),
            "per_deel": [
                (DELEN.get(k, k), selectors._euro(t.netto))
                for k, t in sorted(overzicht.per_deel.items())
            ],
            "grafieken": grafieken,
            "verdeling": verdeling,
            # alleen de bekostigingsinstantie opent een betaalrun; anderen zien de maand
            "runs_zichtbaar": rechten.bekostigingsgrond(ingelogd(request)) is not None,
        },
    )


@require_GET
@login_required
def csv(request: HttpRequest, ontvanger_id: int) -> HttpResponse:
    schooljaar = _schooljaar(request) if request.GET.get("schooljaar") else None
    try:
        inhoud = selectors.grootboek_csv(
            gebruiker=ingelogd(request),
            ontvanger_id=ontvanger_id,
            schooljaar=schooljaar,
        )
    except GeenToegang:
        raise Http404 from None
    ontvanger = Organisatie.objects.filter(pk=ontvanger_id).values_list("brin", flat=True).first()
    naam = f"grootboek-{(ontvanger or ontvanger_id)}-{schooljaar or 'alle'}.csv".lower()
    return csv_antwoord(inhoud, naam)


@require_GET
@login_required
def regel(request: HttpRequest, regel_id: int) -> HttpResponse:
    """Waarom dit bedrag: de grootboekregel, de run die haar boekte, en het betaalschema van
    de regelkern (regel, invoer, tarieftabelcellen en bronnen) voor die leerling en maand."""
    try:
        uitleg = grootboekregel_uitleg(gebruiker=ingelogd(request), regel_id=regel_id)
    except GeenToegang:
        raise Http404("deze grootboekregel bestaat niet of u hebt er geen toegang toe") from None
    return render(
        request,
        "betalingen/regel.html",
        {
            "u": uitleg,
            "deel": DELEN.get(uitleg.regel["deel"], uitleg.regel["deel"]),
            # zoals in het grootboek: alleen de bekostigingsinstantie opent een betaalrun
            "runs_zichtbaar": rechten.bekostigingsgrond(ingelogd(request)) is not None,
        },
    )


@require_GET
@login_required
def ontvangers(request: HttpRequest) -> HttpResponse:
    from rugzak.web.geld import ontvangers_met_totaal

    schooljaar = Schooljaar.van_datum(vandaag())
    return render(
        request,
        "betalingen/ontvangers.html",
        {
            "ontvangers": ontvangers_met_totaal(gebruiker=ingelogd(request), schooljaar=schooljaar),
            "schooljaar": schooljaar,
        },
    )


# --- besteding van de rugzak ---------------------------------------------------------------

ONDERDELEN = {o.value: o.omschrijving for o in Onderdeel}


class BestedingFormulier(forms.Form):
    """Een besteding vastleggen; de soorten zijn die de gebruiker mag (school of
    AB-verzorger, I-57). De service toetst alles opnieuw."""

    schooljaar = forms.CharField(widget=forms.HiddenInput)
    soort = forms.ChoiceField(label="Soort besteding")
    omschrijving = tekstvak(
        "Omschrijving", verplicht=True, hulp="Wat, hoeveel uur of welk middel.", regels=2
    )
    bedrag = forms.CharField(
        label="Bedrag in euro's",
        max_length=14,
        help_text="Bijvoorbeeld 1250.00 (hoogstens twee decimalen).",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    ouders_akkoord_op = datumveld(
        "Akkoord van de ouders op",
        verplicht=True,
        hulp="De inzet van de rugzak spreekt u met de ouders af (handelingsplan).",
    )
    handelingsplan = tekstregel("Handelingsplan (kenmerk)", lengte=100)
    reden_overschrijding = tekstvak(
        "Reden als u meer besteedt dan er ontvangen is",
        hulp="Alleen nodig als de besteding boven wat er dit schooljaar voor dit onderdeel "
        "ontvangen is uitkomt; de reden komt op de besteding en in het auditlog "
        "(interpretatie I-56).",
        regels=2,
    )

    def __init__(self, *args: Any, soorten: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        soort = self.fields["soort"]
        assert isinstance(soort, forms.ChoiceField)
        soort.choices = soorten


@require_http_methods(["GET", "POST"])
@login_required
def bestedingen(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    """De bestedingen van de rugzak van één leerling in een schooljaar (``?schooljaar=``),
    per onderdeel naast wat er ontvangen is, met wie besteedde en elke overschrijding met
    haar reden; en een besteding vastleggen voor wie dat mag."""
    gebruiker = ingelogd(request)
    schooljaar = _schooljaar(request) or Schooljaar.van_datum(vandaag())
    leerling = Leerling.objects.filter(publiek_id=publiek_id).first()
    soorten = (
        [(s.value, s.omschrijving) for s in selectors.besteedbare_soorten(
            gebruiker=gebruiker, leerling=leerling
        )]
        if leerling is not None
        else []
    )  # fmt: skip
    formulier: BestedingFormulier | None = None
    if request.method == "POST":
        if leerling is None or not soorten:
            raise Http404("deze leerling bestaat niet of u legt geen bestedingen vast")
        formulier = BestedingFormulier(request.POST, soorten=soorten)
        gedaan = uitvoeren(
            formulier,
            lambda d: services.besteding_vastleggen(
                door=gebruiker, leerling=leerling, schooljaar=d["schooljaar"], soort=d["soort"],
                omschrijving=d["omschrijving"], bedrag=d["bedrag"],
                ouders_akkoord_op=d["ouders_akkoord_op"], handelingsplan=d["handelingsplan"],
                reden_overschrijding=d["reden_overschrijding"],
            ),
        )  # fmt: skip
        if gedaan is not None:
            tekst = f"De besteding van € {gedaan.bedrag} is vastgelegd."
            if gedaan.overschrijding_centen:
                tekst += (
                    f" € {gedaan.overschrijding} daarvan komt boven wat er ontvangen is; de "
                    "reden staat bij de besteding."
                )
            return gelukt(
                request,
                tekst,
                reverse("betalingen:bestedingen", args=[publiek_id])
                + f"?schooljaar={gedaan.schooljaar}",
            )
        with contextlib.suppress(OngeldigeInvoer):  # het overzicht van het gekozen jaar
            schooljaar = Schooljaar.van_tekst(str(formulier.data.get("schooljaar", "")))
    elif soorten:
        formulier = BestedingFormulier(initial={"schooljaar": str(schooljaar)}, soorten=soorten)
    try:
        overzicht = selectors.bestedingen_van_leerling(
            gebruiker=gebruiker, publiek_id=publiek_id, schooljaar=schooljaar
        )
    except GeenToegang:
        raise Http404("deze leerling bestaat niet of u hebt er geen toegang toe") from None
    onderdelen = [
        {
            "omschrijving": ONDERDELEN.get(code, "extra formatie en materieel samen (vo, mbo)"),
            "ontvangen": ontvangen,
            "besteed": overzicht.besteed.get(code),
            "overschreden": overzicht.overschreden.get(code),
        }
        for code, ontvangen in overzicht.ontvangen.items()
    ]
    return render(
        request,
        "betalingen/bestedingen.html",
        {
            "o": overzicht,
            "onderdelen": onderdelen,
            "onderdeelnamen": ONDERDELEN,
            "formulier": formulier,
            "fouten": met_fouten([formulier]),
        },
    )
