"""Sjabloonhulpen van rugzak: ``{% load weergave %}``.

- ``{{ bedrag|euro }}``: een Decimal als "€ 12.523,63" (de notatie van de regelkern);
- ``{{ code|label }}``: een code van een keuzeveld (rol, status, soort) als haar label;
- ``{{ dag|datum }}``: een datum als "3 december 2026", en ``{{ dag|kortedatum }}`` als
  "03-12-2026" waar weinig plaats is (:mod:`rugzak.gedeeld.datumtekst`). De enige twee
  notaties op pagina's, in meldingen en brieven; ISO alleen in CSV-data en de API;
- ``{% navigatie %}``: het hoofdmenu voor de rollen van de ingelogde gebruiker;
- ``{% uitleg budget.uitleg %}``: "Waarom dit bedrag?" bij elke
  :class:`rugzak.regeling.uitleg.Uitleg` (stappen, invoer, gelezen waarden met hun bron,
  interpretaties met een link naar het interpretatielog). Optioneel
  ``kop="Waarom deze datum?"`` en ``open=True``;
- ``{% ouderuitleg rugzak.uitleg %}``: dezelfde uitleg in gewone taal, voor ouders
  (rugzak.web.ouders);
- ``{% lgf_na_einde indicatie.einddatum as na %}``: loopt deze datum (None: de hele
  loopbaan) voorbij het einde van LGF? Met de laatste dag uit de regeling (I-70);
- ``{% staafdiagram grafiek %}`` en ``{% tijdlijn lijn %}``: SVG-grafieken met tabel
  (zie rugzak.web.grafieken).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

from rugzak import toegang
from rugzak.gedeeld.datumtekst import iso_naar_nl, korte_datum, lange_datum, lange_maand
from rugzak.regeling.begrippen import (
    Budgetdeel,
    Leerweg,
    MboNiveau,
    MboNiveaugroep,
    MboTijd,
    Onderwijssoort,
    Schoolsoort,
    VoVariant,
)
from rugzak.regeling.bron import DOCUMENTEN, Bron
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.uitleg import GelezenWaarde, Uitleg
from rugzak.regeling.uitleg import euro as _euro
from rugzak.web.grafieken import Staafdiagram, Tijdlijn
from rugzak.web.navigatie import menu

register = template.Library()
_uitlegnummer = itertools.count(1)

#: Leesbare namen van de codes in sleutels en invoer (alleen weergave).
_BEGRIPPEN: dict[str, Any] = {
    "schoolsoort": Schoolsoort,
    "onderwijssoort": Onderwijssoort,
    "deel": Budgetdeel,
    "vo_variant": VoVariant,
    "mbo_niveau": MboNiveau,
    "mbo_niveaugroep": MboNiveaugroep,
    "mbo_tijd": MboTijd,
    "leerweg": Leerweg,
}


@register.simple_tag
def lgf_na_einde(dag: date | None) -> str:
    """De laatste dag van LGF ("31 juli 2014") als ``dag`` erna ligt of None is (een
    indicatie voor de hele loopbaan), anders leeg; de grens komt uit de regelkern (I-70)."""
    from rugzak.regeling.regels.looptijd import lgf_einde

    einde = lgf_einde(standaard_regeling())
    return lange_datum(einde.laatste_dag) if dag is None or einde.voorbij(dag) else ""


@functools.cache
def _keuzelabels() -> dict[str, str]:
    """Elke keuzecode van de modellen (rol, status, toestand, soort, ...) met haar label."""
    from django.apps import apps

    uit: dict[str, str] = {}
    for model in apps.get_models():
        for veld in model._meta.get_fields():
            for code, tekst in getattr(veld, "flatchoices", None) or ():
                if isinstance(code, str) and code:
                    uit.setdefault(code, str(tekst))
    return uit


def keuzelabel(code: object) -> str:
    """Een code van een keuzeveld als zijn label ("intern_begeleider" -> "intern
    begeleider"); wat geen code is, blijft zoals het is."""
    if code is None or code == "":
        return ""
    return _keuzelabels().get(str(code), str(code))


@register.filter
def label(code: object) -> str:
    """``{{ s.rol|label }}``: nooit een ruwe code op een pagina (zie :func:`keuzelabel`)."""
    return keuzelabel(code)


@register.filter
def kerntekst(tekst: object) -> str:
    """Een tekst van de regelkern (reden, leemte, uitleg) voor een mens: ISO-datums in de
    lange notatie en codes tussen aanhalingstekens (``deel 'school_personeel'``) als hun
    omschrijving. De regelkern zelf blijft ISO en codes geven (API, CLI)."""
    if tekst is None:
        return ""
    uit = iso_naar_nl(str(tekst))
    for soort in _BEGRIPPEN.values():
        for lid in soort:
            uit = uit.replace(f"'{lid.value}'", f"'{lid.omschrijving}'")
    return uit


@register.filter
def meldingsvelden(velden: object) -> str:
    """De velden van het meldingsformulier (codes uit de regelkern, zoals
    "ab_verzorger") als hun labels, gescheiden door komma's."""
    from rugzak.meldingen.formulieren import MeldingFormulier

    if isinstance(velden, dict):
        velden = list(velden)
    if not isinstance(velden, list | tuple):
        return keuzelabel(velden)
    labels = []
    for v in velden:
        veld = MeldingFormulier.base_fields.get(str(v))
        labels.append(str(veld.label).lower() if veld is not None and veld.label else str(v))
    return ", ".join(labels)


def _datumtekst(waarde: object, notatie: Callable[[date], str]) -> str:
    """``waarde`` (datum of datum-tijd) in ``notatie``; leeg blijft leeg, de rest tekst."""
    if isinstance(waarde, datetime):
        waarde = waarde.date()
    if isinstance(waarde, date):
        return notatie(waarde)
    return "" if waarde is None else str(waarde)


@register.filter
def datum(waarde: object) -> str:
    """Een datum (of datum-tijd) als "3 december 2026"; leeg blijft leeg."""
    return _datumtekst(waarde, lange_datum)


@register.filter
def kortedatum(waarde: object) -> str:
    """Een datum als "03-12-2026" (tabellen met weinig plaats)."""
    return _datumtekst(waarde, korte_datum)


@register.filter
def maandtekst(waarde: object) -> str:
    """Een maand als "maart 2012": een datum, of een ISO-maand ("2012-03") zoals de selectors
    en de API die geven (ook een lijst: "maart 2012, april 2012"); leeg blijft leeg."""
    if isinstance(waarde, list | tuple):
        return ", ".join(maandtekst(w) for w in waarde)
    if isinstance(waarde, datetime):
        waarde = waarde.date()
    if isinstance(waarde, date):
        return lange_maand(waarde.year, waarde.month)
    return "" if waarde is None else iso_naar_nl(str(waarde))


@register.filter
def euro(waarde: object) -> str:
    """Een bedrag in Nederlandse notatie; wat geen bedrag is, blijft zoals het is."""
    if waarde is None or waarde == "":
        return ""
    try:
        return _euro(Decimal(str(waarde)))
    except (InvalidOperation, ValueError):
        return str(waarde)


def leesbaar(veld: str, code: str) -> str:
    """``("schoolsoort", "bao")`` -> ``"basisonderwijs"``; onbekend blijft de code."""
    soort = _BEGRIPPEN.get(veld)
    if soort is not None:
        for lid in soort:
            if lid.value == code:
                return str(lid.omschrijving)
    return code


#: De pagina van een zaak per zaaktype van het termijnregister.
ZAAKPAGINAS = {
    "toelating": "toelating:zaak",
    "indicatie": "indicaties:aanvraag",
    "handelingsplan": "handelingsplannen:plan",
    "begeleiding": "ambulante_begeleiding:begeleiding",
}


@register.simple_tag
def zaakpagina(zaaktype: str, zaak_id: str) -> str:
    """De URL van de pagina van een zaak, of leeg als het zaaktype geen eigen pagina heeft."""
    naam = ZAAKPAGINAS.get(zaaktype)
    if naam is None:
        return ""
    try:
        return reverse(naam, args=[zaak_id])
    except NoReverseMatch:
        return ""


@register.filter
def centen(waarde: object) -> str:
    """Een bedrag in hele centen (int) als euro's."""
    if waarde is None or waarde == "":
        return ""
    return _euro(Decimal(int(waarde)).scaleb(-2))  # type: ignore[call-overload]


@register.filter
def begrip(code: object, veld: str) -> str:
    """Een code leesbaar: ``{{ "zml"|begrip:"onderwijssoort" }}`` -> "zeer moeilijk lerend"."""
    if code is None or code == "":
        return ""
    if veld == "terugmelding":
        from rugzak.meldingen.models import Terugmeldingsoort

        return str(dict(Terugmeldingsoort.choices).get(str(code), code))
    return leesbaar(veld, str(code))


def veldnaam(veld: str) -> str:
    return veld.replace("_", " ")


@register.simple_tag
def bron_tekst(bron: Bron) -> str:
    """De bron voluit: document met titel, sectie of tabel, rij en kolom."""
    tekst = f"document {bron.document} ({DOCUMENTEN.get(bron.document, '')}), {bron.sectie}"
    if bron.rij:
        tekst += f", rij ‘{bron.rij}’"
    if bron.kolom:
        tekst += f", kolom ‘{bron.kolom}’"
    return tekst


def _waarde_tekst(g: GelezenWaarde) -> tuple[str, str]:
    """De gelezen waarde en de rest van de eenheid, bedragen in euro's."""
    if g.eenheid.startswith("EUR"):
        return euro(g.waarde), g.eenheid.removeprefix("EUR").strip()
    return iso_naar_nl(str(g.waarde)), g.eenheid


def uitleg_weergave(uitleg: Uitleg) -> dict[str, Any]:
    """De uitleg als eenvoudige structuur voor het sjabloon (codes leesbaar gemaakt)."""
    titels = standaard_regeling().interpretatietitels()
    stappen = []
    for stap in uitleg.stappen:
        gelezen = []
        for g in stap.gelezen:
            waarde, eenheid = _waarde_tekst(g)
            gelezen.append(
                {
                    "naam": g.naam,
                    "sleutel": [(veldnaam(k), iso_naar_nl(leesbaar(k, v))) for k, v in g.sleutel],
                    "waarde": waarde,
                    "eenheid": eenheid,
                    "periode": f"{lange_datum(g.periode.van)} tot en met "
                    f"{lange_datum(g.periode.tot)}",
                    "bron": bron_tekst(g.bron),
                }
            )
        stappen.append(
            {
                "omschrijving": iso_naar_nl(stap.omschrijving),
                "regel": stap.regel,
                "invoer": [(veldnaam(k), iso_naar_nl(leesbaar(k, v))) for k, v in stap.invoer],
                "gelezen": gelezen,
                "grondslag": [bron_tekst(b) for b in stap.grondslag],
                "uitkomst": iso_naar_nl(stap.uitkomst),
                "interpretaties": [
                    {
                        "id": i,
                        "titel": titels.get(i, ""),
                        "url": reverse("interpretatie", args=[i]),
                    }
                    for i in stap.alle_interpretaties()
                ],
            }
        )
    return {"onderwerp": iso_naar_nl(uitleg.onderwerp), "stappen": stappen}


@register.inclusion_tag("rugzak/onderdelen/uitleg.html")
def uitleg(u: Uitleg, kop: str = "Waarom dit bedrag?", open: bool = False) -> dict[str, Any]:
    return {
        "u": uitleg_weergave(u),
        "kop": kop,
        "open": open,
        "id": f"uitleg-{next(_uitlegnummer)}",
    }


@register.inclusion_tag("rugzak/onderdelen/uitleg_ouders.html")
def ouderuitleg(u: Uitleg, kop: str = "Waarom dit bedrag?", open: bool = False) -> dict[str, Any]:
    """ "Waarom dit bedrag?" voor ouders: dezelfde stappen in gewone taal (rugzak.web.ouders)."""
    from rugzak.web.ouders import gewone_uitleg

    return {
        "u": gewone_uitleg(u),
        "kop": kop,
        "open": open,
        "id": f"uitleg-{next(_uitlegnummer)}",
    }


@register.inclusion_tag("rugzak/onderdelen/navigatie.html", takes_context=True)
def navigatie(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    gebruiker = getattr(request, "user", None)
    ingelogd = bool(gebruiker is not None and gebruiker.is_authenticated)
    rollen = [r.rol for r in toegang.actieve_rollen(gebruiker)] if gebruiker and ingelogd else []
    pad = request.path if request is not None else ""
    return {"menu": menu(ingelogd=ingelogd, rollen=rollen, pad=pad)}


@register.inclusion_tag("rugzak/grafieken/staafdiagram.html")
def staafdiagram(grafiek: Staafdiagram) -> dict[str, Any]:
    return {"g": grafiek}


@register.inclusion_tag("rugzak/grafieken/tijdlijn.html")
def tijdlijn(lijn: Tijdlijn) -> dict[str, Any]:
    return {"t": lijn}
