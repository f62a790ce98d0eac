"""Basis tegen scenario over de geregistreerde populatie van één schooljaar (bulkpad).

Gekozen pad: dezelfde lezing uit de database als de betaalrun
(:func:`rugzak.betalingen.berekening.lees_geschiedenissen`, een vast aantal queries) en
dezelfde omzetting naar batchrijen (:func:`rugzak.regeling.batchrijen.bereken_jaar`),
eenmaal onder de basisregeling en eenmaal onder het scenario. Zo rekent het scenario
precies zoals het geld gaat (verhuizing, herindicatie, uitschrijving, zml, Down, ...),
zonder de geschiedenis eerst terug te brengen tot het CSV-formaat van een
:class:`~rugzak.regeling.populatie.Populatie` (dat kent niet elke gebeurtenis; I-79).
Een leerling wiens geschiedenis niet in bulk past, gaat door het pad voor één leerling
(:func:`betaalschema`), zoals in de betaalrun.

Een leerling met een leemte (geen bron voor een te betalen maand) onder de basis *of*
het scenario telt in geen van beide totalen mee en staat in de uitkomst bij de leemtes
(I-103): een nul in de plaats zou het verschil vertekenen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rugzak.betalingen.berekening import lees_geschiedenissen
from rugzak.indicaties.models import Indicatie
from rugzak.meldingen.models import Melding, Meldingstatus
from rugzak.organisaties.models import Organisatie
from rugzak.regeling import batchrijen
from rugzak.regeling.begrippen import Budgetdeel, Onderwijssoort, Ontvanger
from rugzak.regeling.fouten import RegelingFout
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.regels.betaling import betaalschema
from rugzak.regeling.scenario import Scenarioregeling
from rugzak.regeling.tijd import Schooljaar

I_LEEMTE = "I-103"
I_PSEUDONIEM = "I-104"
I_TOEKENNING = "I-105"

_AB_DELEN = frozenset({Budgetdeel.AB_PERSONEEL.value, Budgetdeel.AB_MATERIEEL.value})
_DEELNAAM = {i: d.value for i, d in enumerate(batchrijen.DELEN)}
SCHOOLSOORTEN = {
    "bao": "basisonderwijs",
    "sbao": "speciaal basisonderwijs",
    "vo": "voortgezet onderwijs",
    "mbo": "middelbaar beroepsonderwijs",
}

#: (leerling, cvi-nummer, ontvanger-id, deel) -> centen
Bedragen = dict[tuple[int, str, str, str], int]


@dataclass
class _Jaar:
    bedragen: Bedragen
    leemtes: dict[int, str]
    terugval: set[int]


def _reken(
    regeling: Regeling, schooljaar: Schooljaar, geschiedenissen: list[batchrijen.Geschiedenis]
) -> _Jaar:
    uit = batchrijen.bereken_jaar(regeling, schooljaar, geschiedenissen)
    b = uit.betalingen
    bedragen: Bedragen = defaultdict(int)
    for lid, ontv, deel, cent, cvi in zip(
        b.sleutel.tolist(), b.ontvanger.tolist(), b.deel.tolist(), b.centen.tolist(),
        b.cvi.tolist(), strict=True,
    ):  # fmt: skip
        bedragen[(lid, b.namen[cvi], b.namen[ontv], _DEELNAAM[deel])] += cent
    leemtes = {lid: str(f) for lid, f in uit.leemtes.items()}
    per_lid = {g.sleutel: g for g in geschiedenissen}
    for lid in sorted(uit.terugval):
        g = per_lid[lid]
        try:
            schema = betaalschema(
                regeling, g.gebeurtenissen, schooljaar, geboortedatum=g.geboortedatum
            )
        except RegelingFout as fout:
            leemtes[lid] = str(fout)
            continue
        for bet in schema.betalingen:
            sleutel = (lid, bet.cvi_nummer, bet.ontvanger_id, bet.deel.value)
            bedragen[sleutel] += int((bet.bedrag * 100).to_integral_value())
    return _Jaar(dict(bedragen), leemtes, set(uit.terugval))


def _groep(sleutel: str, omschrijving: str) -> dict[str, Any]:
    leeg: set[int] = set()
    return {
        "sleutel": sleutel,
        "omschrijving": omschrijving,
        "leerlingen": leeg,
        "basis": 0,
        "scenario": 0,
    }


def _af(groepen: Mapping[str, dict[str, Any]]) -> list[dict[str, Any]]:
    uit = []
    for g in groepen.values():
        uit.append(
            {
                "sleutel": g["sleutel"],
                "omschrijving": g["omschrijving"],
                "leerlingen": len(g["leerlingen"]),
                "basis_centen": g["basis"],
                "scenario_centen": g["scenario"],
                "verschil_centen": g["scenario"] - g["basis"],
            }
        )
    return sorted(uit, key=lambda r: r["sleutel"])


def vergelijk_populatie(
    scenario: Scenarioregeling,
    schooljaar: Schooljaar,
    *,
    voortgang: Callable[[int, int], None] | None = None,
    top: int = 10,
) -> dict[str, Any]:
    """De uitkomst van het scenario als JSON-baar woordenboek (bedragen in hele centen)."""
    gelezen = lees_geschiedenissen()
    ongeldig = {lid: str(f) for lid, f in gelezen.ongeldig.items()}
    geschiedenissen = [g for lid, g in gelezen.geschiedenissen.items() if lid not in ongeldig]
    totaal = len(geschiedenissen)
    if voortgang:
        voortgang(0, totaal)
    basis = _reken(scenario.basis, schooljaar, geschiedenissen)
    if voortgang:
        voortgang(totaal // 2, totaal)
    nieuw = _reken(scenario.regeling, schooljaar, geschiedenissen)
    if voortgang:
        voortgang(totaal, totaal)

    # Meldingen van het schooljaar: per CvI-nummer school, REC, schoolsoort, onderwijssoort.
    meldingen = (
        Melding.objects.filter(
            status=Meldingstatus.GEACCEPTEERD, meldingsdatum__lte=schooljaar.einde
        )
        .order_by("meldingsdatum", "id")
        .values_list("leerling_id", "cvi_nummer", "school_id", "schoolsoort", "onderwijssoort")
    )
    per_cvi: dict[str, tuple[int, str, str]] = {}
    for _lid, cvi, school, ss, os_ in meldingen:
        per_cvi[cvi] = (school, ss, os_)  # de laatste melding met dit nummer telt (I-105)
    rec_per_cvi = {
        cvi: (rec_id, rec_naam)
        for cvi, rec_id, rec_naam in Indicatie.objects.filter(cvi_nummer__in=per_cvi).values_list(
            "cvi_nummer", "cvi__rec_id", "cvi__rec__naam"
        )
    }
    org_ids = {int(s) for s, _, _ in per_cvi.values()}
    for jaar in (basis, nieuw):
        org_ids |= {int(o) for (_, _, o, _) in jaar.bedragen}
    orgs = {
        o["id"]: o
        for o in Organisatie.objects.filter(id__in=org_ids).values("id", "naam", "brin", "soort")
    }

    leemte_lids = set(basis.leemtes) | set(nieuw.leemtes) | set(ongeldig)
    cvi_van: dict[int, set[str]] = defaultdict(set)
    for jaar in (basis, nieuw):
        for lid, cvi, _, _ in jaar.bedragen:
            cvi_van[lid].add(cvi)
    for lid in leemte_lids:
        g = gelezen.geschiedenissen.get(lid)
        for e in g.gebeurtenissen if g else ():
            if (c := getattr(e, "cvi_nummer", None)) is not None:
                cvi_van[lid].add(c)
    leemteregels = sorted(
        (
            {
                "cvi_nummers": ", ".join(sorted(cvi_van[lid])) or "-",
                "basis": basis.leemtes.get(lid, ongeldig.get(lid, "")),
                "scenario": nieuw.leemtes.get(lid, ongeldig.get(lid, "")),
            }
            for lid in leemte_lids
            if lid in cvi_van or lid in basis.leemtes or lid in nieuw.leemtes
        ),
        key=lambda r: r["cvi_nummers"],
    )

    ontvangers: dict[str, dict[str, Any]] = {}
    recs: dict[str, dict[str, Any]] = {}
    schoolsoorten: dict[str, dict[str, Any]] = {}
    onderwijssoorten: dict[str, dict[str, Any]] = {}
    scholen: dict[str, dict[str, Any]] = {}
    leerlingen: dict[str, dict[str, Any]] = {}
    alle: dict[str, dict[str, Any]] = {"totaal": _groep("totaal", "alle leerlingen")}
    os_naam = {o.value: o.omschrijving for o in Onderwijssoort}

    def tel(sleutel: tuple[int, str, str, str], kolom: str, centen: int) -> None:
        lid, cvi, ontvanger_id, deel = sleutel
        school_id, ss, os_ = per_cvi.get(cvi, (int(ontvanger_id), "", ""))
        ab = deel in _AB_DELEN
        soort = Ontvanger.AB_VERZORGER if ab else Ontvanger.SCHOOL
        school_pk = int(school_id) if ab else int(ontvanger_id)
        school = orgs.get(school_pk, {"naam": "?", "brin": ""})
        _, rec_naam = rec_per_cvi.get(cvi, (None, "onbekend REC"))
        schoolsleutel = school["brin"] or str(school_pk)
        for groepen, k, oms in (
            (alle, "totaal", "alle leerlingen"),
            (ontvangers, soort.value, soort.omschrijving),
            (recs, rec_naam or "onbekend REC", rec_naam or "onbekend REC"),
            (schoolsoorten, ss, SCHOOLSOORTEN.get(ss, ss)),
            (onderwijssoorten, os_, os_naam.get(os_, os_)),
            (scholen, schoolsleutel, school["naam"]),
        ):
            g = groepen.setdefault(k, _groep(k, oms))
            g["leerlingen"].add(lid)
            g[kolom] += centen
        ll = leerlingen.setdefault(
            cvi,
            {"cvi_nummer": cvi, "scholen": set(), "rec": rec_naam or "", "basis": 0, "scenario": 0},
        )
        ll["scholen"].add(schoolsleutel)
        ll[kolom] += centen

    for jaar, kolom in ((basis, "basis"), (nieuw, "scenario")):
        for sleutel, centen in jaar.bedragen.items():
            if sleutel[0] not in leemte_lids:
                tel(sleutel, kolom, centen)

    per_school = sorted(_af(scholen), key=lambda r: (r["verschil_centen"], r["sleutel"]))
    per_leerling = sorted(
        (
            {
                "cvi_nummer": v["cvi_nummer"],
                "scholen": sorted(v["scholen"]),
                "rec": v["rec"],
                "basis_centen": v["basis"],
                "scenario_centen": v["scenario"],
                "verschil_centen": v["scenario"] - v["basis"],
            }
            for v in leerlingen.values()
        ),
        key=lambda r: r["cvi_nummer"],
    )
    gebruikt = {i for _, w in scenario.wijzigingen for i in w.interpretaties}
    return {
        "schooljaar": str(schooljaar),
        "scenario_titel": scenario.scenario.titel,
        "scenario_bron": str(scenario.scenario.bron),
        "interpretaties": sorted(gebruikt | {I_LEEMTE, I_PSEUDONIEM, I_TOEKENNING}),
        "totaal": _af(alle)[0],
        "per_ontvanger": _af(ontvangers),
        "per_rec": _af(recs),
        "per_schoolsoort": _af(schoolsoorten),
        "per_onderwijssoort": _af(onderwijssoorten),
        "verliezers": [r for r in per_school if r["verschil_centen"] < 0][:top],
        "winnaars": [r for r in reversed(per_school) if r["verschil_centen"] > 0][:top],
        "per_school": per_school,
        "per_leerling": per_leerling,
        "leemtes": leemteregels,
        "terugval": len(basis.terugval | nieuw.terugval),
        "berekende_leerlingen": totaal,
    }


def euro(centen: int) -> Decimal:
    return Decimal(centen) / 100
