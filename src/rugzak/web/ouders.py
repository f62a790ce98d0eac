"""De rugzak in gewone taal, voor ouders en verzorgers.

Alleen weergave: de bedragen, maanden en stappen komen uit de regelkern (het betaalschema
van :func:`rugzak.regeling.regels.betaling.betaalschema` met zijn uitleg, en per betaling
het jaarbedrag van het deel). Hier wordt niets uitgerekend; de stappen van de uitleg worden
in gewone zinnen gezet, zonder formules, codes of "invoer = ...", elk met de bron waar het
staat en de gekozen lezing als link naar het interpretatielog.

- :func:`rugzakdelen`: per deel het bedrag per schooljaar, wie het krijgt, vanaf wanneer;
- :func:`rugzakzin`: dat in één zin;
- :func:`gewone_uitleg`: de volledige uitleg ("Waarom?") stap voor stap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.urls import reverse

from rugzak.regeling.begrippen import Budgetdeel
from rugzak.regeling.bron import DOCUMENTEN, Bron
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import Betaling
from rugzak.regeling.tijd import Maand, Schooljaar
from rugzak.regeling.uitleg import Stap, Uitleg
from rugzak.regeling.uitleg import euro as _euro

MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

#: Wat elk deel van de rugzak betaalt, in woorden voor ouders (de regelkern noemt ze met
#: de termen van de bekostiging: "personele deel (formatie-uitbreiding)").
DEEL_VOOR_OUDERS: dict[Budgetdeel, str] = {
    Budgetdeel.SCHOOL_PERSONEEL: "extra personeel",
    Budgetdeel.SCHOOL_MATERIEEL: "materiaal en voorzieningen",
    Budgetdeel.SCHOOL_PERSONEEL_MATERIEEL: "extra personeel en materiaal",
    Budgetdeel.AB_PERSONEEL: "de ambulant begeleider",
    Budgetdeel.AB_MATERIEEL: "materiaal voor de begeleiding",
    Budgetdeel.ZML_PERSONEEL: "extra personeel vanaf groep 3 (zeer moeilijk lerend)",
    Budgetdeel.ZML_MATERIEEL: "extra materiaal vanaf groep 3 (zeer moeilijk lerend)",
    Budgetdeel.CLUSTER1_PERSONEEL: "personeel (bijzondere bekostiging)",
    Budgetdeel.CLUSTER1_MATERIEEL: "materiaal (bijzondere bekostiging)",
    Budgetdeel.CLUSTER1: "bijzondere bekostiging",
}


def euro(bedrag: Decimal) -> str:
    """Een bedrag zoals de regelkern het schrijft, met een vaste spatie na het euroteken
    (in een zin breekt "€ 4.286,81" zo nooit over twee regels)."""
    return _euro(bedrag).replace("€ ", "€\u00a0")


def dag_tekst(dag: date) -> str:
    """``date(2012, 1, 1)`` -> ``"1 januari 2012"``."""
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}"


def maand_tekst(maand: Maand) -> str:
    return f"{MAANDEN[maand.maand - 1]} {maand.jaar}"


def gewone_datums(tekst: str) -> str:
    """Datums en maanden uit de regelkern ("2011-12-25", "2011-08 t/m 2011-12") in
    gewone woorden ("25 december 2011", "augustus 2011 tot en met december 2011")."""
    tekst = re.sub(
        r"\b(\d{4})-(\d{2})-(\d{2})\b",
        lambda m: dag_tekst(date(int(m[1]), int(m[2]), int(m[3]))),
        tekst,
    )
    tekst = re.sub(
        r"\b(\d{4})-(0[1-9]|1[0-2])\b(?!-\d)",
        lambda m: maand_tekst(Maand(int(m[1]), int(m[2]))),
        tekst,
    )
    return tekst.replace(" t/m ", " tot en met ")


# --- wat de rugzak bevat ------------------------------------------------------------------


@dataclass(frozen=True)
class Rugzakdeel:
    """Eén deel van de rugzak in een schooljaar: wat het betaalt, wie het krijgt, het
    bedrag per schooljaar (uit het jaarbudget), van welke tot welke maand het betaald wordt
    en wat dat dit schooljaar is (de som van de betalingen van de regelkern)."""

    deel: Budgetdeel
    wat: str
    ontvanger: str
    per_schooljaar: Decimal | None
    vanaf: Maand
    tot_en_met: Maand
    dit_schooljaar: Decimal

    @property
    def vanaf_dag(self) -> date:
        return self.vanaf.eerste_dag

    @property
    def tot_en_met_dag(self) -> date:
        return self.tot_en_met.volgend().eerste_dag - timedelta(days=1)


def rugzakdelen(betalingen: Iterable[Betaling], namen: Mapping[str, str]) -> list[Rugzakdeel]:
    """De delen van de rugzak uit de betalingen van het betaalschema, in de volgorde waarin
    de regelkern ze betaalt; ``namen`` geeft de naam van elke ontvanger (organisatie-id)."""
    groepen: dict[tuple[Budgetdeel, str, Decimal | None], list[Betaling]] = {}
    for b in betalingen:
        groepen.setdefault((b.deel, b.ontvanger_id, b.jaarbedrag), []).append(b)
    uit = []
    for (deel, ontvanger_id, jaarbedrag), reeks in groepen.items():
        maanden = sorted(b.maand for b in reeks)
        uit.append(
            Rugzakdeel(
                deel=deel,
                wat=DEEL_VOOR_OUDERS.get(deel, deel.omschrijving),
                ontvanger=namen.get(ontvanger_id, ontvanger_id),
                per_schooljaar=jaarbedrag,
                vanaf=maanden[0],
                tot_en_met=maanden[-1],
                dit_schooljaar=sum((b.bedrag for b in reeks), Decimal("0.00")),
            )
        )
    return uit


def _opsomming(delen: Sequence[str]) -> str:
    if len(delen) <= 1:
        return "".join(delen)
    return ", ".join(delen[:-1]) + " en " + delen[-1]


def rugzakzin(
    *, voornaam: str, schooljaar: Schooljaar, delen: Sequence[Rugzakdeel], totaal: Decimal
) -> str:
    """In één zin wat de rugzak bevat en vanaf wanneer: per ontvanger de delen met hun
    bedrag per schooljaar, de eerste (en als het eerder stopt, de laatste) betaalde dag, en
    wat dat dit schooljaar samen is."""
    if not delen:
        return (
            f"De rugzak van {voornaam} bevat in schooljaar {schooljaar} geen geld: er is "
            "geen maand om te betalen."
        )
    per_ontvanger: dict[str, list[Rugzakdeel]] = {}
    for d in delen:
        per_ontvanger.setdefault(d.ontvanger, []).append(d)
    begin = {d.vanaf for d in delen}
    eind = {d.tot_en_met for d in delen}
    een_periode = len(begin) == 1 and len(eind) == 1

    def periode(reeks: Sequence[Rugzakdeel]) -> str:
        eerste, laatste = min(d.vanaf for d in reeks), max(d.tot_en_met for d in reeks)
        tekst = f"vanaf {dag_tekst(eerste.eerste_dag)}"
        if laatste != Maand.van_datum(schooljaar.einde):
            tekst += f" tot en met {dag_tekst(laatste.volgend().eerste_dag - timedelta(days=1))}"
        return tekst

    stukken = []
    for ontvanger, reeks in per_ontvanger.items():
        bedragen = _opsomming(
            [
                f"{euro(d.per_schooljaar) if d.per_schooljaar is not None else 'een bedrag'}"
                f" voor {d.wat}"
                for d in reeks
            ]
        )
        stuk = f"voor {ontvanger} {bedragen}"
        if not een_periode:
            stuk += f", {periode(reeks)}"
        stukken.append(stuk)
    kop = f"De rugzak van {voornaam} bevat in schooljaar {schooljaar}"
    if een_periode:
        kop += f", {periode(list(delen))}"
    return (
        f"{kop}, per schooljaar: {'; en '.join(stukken)}; over dit schooljaar is dat samen "
        f"{euro(totaal)}."
    )


# --- "Waarom?" in gewone taal -----------------------------------------------------------------


def bron_voor_ouders(bron: Bron) -> str:
    """Waar het staat: het document met zijn titel, de sectie of tabel, rij en kolom."""
    titel = DOCUMENTEN.get(bron.document)
    tekst = f"{titel} (document {bron.document})" if titel else f"document {bron.document}"
    tekst += f", {bron.sectie}"
    if bron.rij:
        tekst += f", rij ‘{bron.rij}’"
    if bron.kolom:
        tekst += f", kolom ‘{bron.kolom}’"
    return tekst


_MAANDEN_STAP = re.compile(
    r"^School (?P<school>.+?): (?P<periode>\d{4}-\d{2}(?: t/m \d{4}-\d{2})?): "
    r"(?P<wat>niet betaald|betaald) \((?P<reden>.*?)\)(?P<rest>.*?)\.?$"
)
_REGELING_STAP = re.compile(
    r"^Leerling met een indicatie (?P<soort>.+) in het (?P<school>[^:]+): "
    r"leerlinggebonden financiering\.$"
)
_TOTAAL = re.compile(r"^totaal in (?P<jaar>\S+): (?P<bedrag>-?€ [\d.,]+)(?P<rest>.*)$")


def _reden(reden: str) -> str:
    if reden == "nog niet gemeld":
        return "de school had uw kind nog niet gemeld bij de bekostigingsinstantie"
    if reden.startswith("gemeld op "):
        rest = reden.removeprefix("gemeld op ")
        datum, _, verder = rest.partition(";")
        tekst = f"de school meldde uw kind op {gewone_datums(datum.strip())}"
        return tekst + (f"; {gewone_datums(verder.strip())}" if verder else "")
    return gewone_datums(reden)


def _stap_tekst(stap: Stap) -> tuple[str, str]:
    """(wat deze stap zegt, de uitkomst) in gewone zinnen."""
    regel = stap.regel
    if regel == "betaling.regel":
        return (
            "Het geld komt per maand. Een maand telt mee als uw kind op de eerste dag van "
            "die maand op de school ingeschreven staat, de indicatie op die dag geldt en de "
            "school uw kind vóór die dag heeft gemeld bij de bekostigingsinstantie. Het geld "
            "begint dus in de maand na de melding.",
            "",
        )
    if regel == "betaling.maanden" and (m := _MAANDEN_STAP.match(stap.omschrijving)):
        periode = gewone_datums(m["periode"])
        periode = periode[:1].upper() + periode[1:]
        if m["wat"] == "betaald":
            tekst = f"{periode}: geld voor {m['school']}, want {_reden(m['reden'])}"
        else:
            tekst = f"{periode}: geen geld voor {m['school']}, want {_reden(m['reden'])}"
        if m["rest"].strip():
            tekst += gewone_datums(m["rest"]).replace("inclusief", "met")
        return tekst + ".", f"Bedrag voor deze maanden: {stap.uitkomst}."
    if regel == "budget.regeling" and (m := _REGELING_STAP.match(stap.omschrijving)):
        return (
            f"Uw kind heeft een indicatie {m['soort']} en gaat naar het {m['school']}: "
            "daarom is er een rugzak (leerlinggebonden financiering).",
            "",
        )
    if regel.startswith("budget.") and (deel := _deel(regel)) is not None:
        ontvanger = deel.ontvanger.omschrijving
        return (
            f"Voor {DEEL_VOOR_OUDERS.get(deel, deel.omschrijving)} krijgt de {ontvanger} "
            f"{stap.uitkomst}.",
            "",
        )
    if regel == "budget.totaal":
        return "Alle delen die bij het budget horen, samen per ontvanger.", gewone_datums(
            stap.uitkomst
        )[:1].upper() + (gewone_datums(stap.uitkomst)[1:] + ".")
    if regel == "betaling.maandverdeling":
        uitkomst = stap.uitkomst
        if m := _TOTAAL.match(uitkomst):
            uitkomst = f"Over schooljaar {m['jaar']} is dat samen {m['bedrag']}{m['rest']}."
        return (
            "Het bedrag per schooljaar wordt verdeeld over twaalf maanden, van augustus tot "
            "en met juli, in hele centen; daardoor kan het ene maandbedrag een cent "
            "verschillen van het andere. Alleen de maanden die meetellen, worden betaald.",
            uitkomst,
        )
    uitkomst = gewone_datums(stap.uitkomst)
    tekst = gewone_datums(stap.omschrijving).replace(
        "Zml-leerling", "Een zeer moeilijk lerende leerling (zml)"
    )
    return tekst, (uitkomst[:1].upper() + uitkomst[1:] + ".")


def _deel(regel: str) -> Budgetdeel | None:
    code = regel.removeprefix("budget.")
    return next((d for d in Budgetdeel if d.value == code), None)


def _gegevens(stap: Stap) -> list[str]:
    """De gegevens van uw kind die de stap gebruikte, als waarden (zonder codes)."""
    from rugzak.web.templatetags.weergave import leesbaar

    uit = []
    for veld, waarde in stap.invoer:
        tekst = leesbaar(veld, waarde)
        if veld == "groep":
            tekst = f"groep {waarde}"
        elif veld == "schooljaar":
            tekst = f"schooljaar {waarde}"
        elif veld in {"betalingen", "zonder_bron", "zml_aanvraag"}:
            continue  # tellingen en vlaggen van de berekening, geen gegevens van uw kind
        uit.append(tekst)
    return uit


def _waarde(waarde: str, eenheid: str) -> str:
    """Een gelezen waarde met eenheid: bedragen in euro's, datums in woorden."""
    if eenheid.startswith("EUR"):
        try:
            return f"{euro(Decimal(waarde))} {eenheid.removeprefix('EUR').strip()}".strip()
        except ArithmeticError:
            pass
    return gewone_datums(f"{waarde} {eenheid}".strip())


def gewone_uitleg(uitleg: Uitleg) -> dict[str, Any]:
    """De uitleg van de regelkern als stappen in gewone taal, elk met de gebruikte
    gegevens, de bedragen die uit de regeling gelezen werden (met hun bron en de periode
    waarin ze gelden), de bronnen en de gekozen lezingen."""
    titels = standaard_regeling().interpretatietitels()
    stappen = []
    for stap in uitleg.stappen:
        tekst, uitkomst = (t.replace("€ ", "€\u00a0") for t in _stap_tekst(stap))
        gelezen = [
            {
                "tekst": _waarde(g.waarde, g.eenheid),
                "geldig": f"van {dag_tekst(g.periode.van)} tot en met {dag_tekst(g.periode.tot)}",
                "bron": bron_voor_ouders(g.bron),
            }
            for g in stap.gelezen
        ]
        stappen.append(
            {
                "tekst": tekst,
                "uitkomst": uitkomst,
                "gegevens": _gegevens(stap),
                "gelezen": gelezen,
                "bronnen": [bron_voor_ouders(b) for b in stap.grondslag],
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
    return {"stappen": stappen}
