"""Wat een betaalrun moet boeken: wat tot en met de maand betaald had moeten zijn volgens
de regelkern, min wat het grootboek al bevat, per leerling, ontvanger, deel en maand.

Geen schrijfwerk: :func:`bereken_run` leest en rekent; de service
:func:`rugzak.betalingen.services.betaalrun_uitvoeren` boekt. De regels zelf komen uit
:func:`rugzak.regeling.regels.betaling.betaalschema` (één leerling tegelijk); de
toepassing telt alleen op en trekt af, in hele centen.

Een schooljaar dat de regelkern niet kan berekenen (geen tarief in de bronnen, zoals
2010-2011 en 2012-2013, of gegevens die niet passen) wordt een :class:`Leemtegeval`: voor
dat schooljaar van die leerling wordt niets geboekt, ook geen correctie, en de run meldt
het. Er wordt nooit stil overgeslagen of teruggevallen op een ander jaar.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Sum

from rugzak.betalingen.models import Boekingsoort, Grootboekregel, Leemtesoort
from rugzak.leerlingen.models import Leerling
from rugzak.meldingen.models import Melding, Meldingstatus
from rugzak.meldingen.selectors import eerste_meldingsdatum, gebeurtenissen_per_leerling
from rugzak.regeling.fouten import NietToegestaan, OntbrekendeBron, RegelingFout
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import Gebeurtenis, betaalschema, centen
from rugzak.regeling.regels.melding import Melding as KernMelding
from rugzak.regeling.tijd import Maand, Schooljaar

#: (leerling_id, ontvanger_id, deel, eerste dag van de maand)
Sleutel = tuple[int, int, str, date]


@dataclass(frozen=True, slots=True)
class Boeking:
    leerling_id: int
    ontvanger_id: int
    deel: str
    maand: date
    cvi_nummer: str
    centen: int
    soort: str


@dataclass(frozen=True, slots=True)
class Leemtegeval:
    leerling_id: int
    cvi_nummers: str
    schooljaar: Schooljaar
    soort: str
    melding: str


@dataclass(frozen=True, slots=True)
class Runberekening:
    maand: Maand
    leerlingen: int
    boekingen: tuple[Boeking, ...]
    leemtes: tuple[Leemtegeval, ...]


def _leemtesoort(fout: RegelingFout) -> str:
    if isinstance(fout, OntbrekendeBron):
        return Leemtesoort.ONTBREKENDE_BRON
    if isinstance(fout, NietToegestaan):
        return Leemtesoort.NIET_TOEGESTAAN
    return Leemtesoort.ONGELDIGE_GEGEVENS


def _cvi_nummers(gebeurtenissen: list[Gebeurtenis]) -> str:
    nummers = sorted({g.cvi_nummer for g in gebeurtenissen if isinstance(g, KernMelding)})
    return ", ".join(nummers)


#: Meldt de voortgang: (leerlingen berekend, leerlingen in totaal). De aanroeper (de
#: verwerker van een betaalrun) legt haar vast en mag een uitzondering gooien om te stoppen.
Voortgang = Callable[[int, int], None]

#: Na zoveel leerlingen meldt de berekening haar voortgang.
VOORTGANG_PER = 500


def verschuldigd(
    *, leerling_ids: list[int], tot_en_met: Maand, voortgang: Voortgang | None = None
) -> tuple[dict[Sleutel, int], dict[Sleutel, str], set[tuple[int, int]], list[Leemtegeval]]:
    """Per sleutel het bedrag in centen dat volgens de regelkern tot en met ``tot_en_met``
    betaald had moeten zijn; welke (leerling, schooljaar) berekend zijn; en de leemtes."""
    regeling = standaard_regeling()
    gebeurtenissen = gebeurtenissen_per_leerling(leerling_ids=leerling_ids)
    eerste = eerste_meldingsdatum(leerling_ids=leerling_ids)
    geboren = dict(Leerling.objects.filter(pk__in=leerling_ids).values_list("pk", "geboortedatum"))
    moet: dict[Sleutel, int] = defaultdict(int)
    cvi: dict[Sleutel, str] = {}
    berekend: set[tuple[int, int]] = set()
    leemtes: list[Leemtegeval] = []
    laatste_jaar = tot_en_met.schooljaar.beginjaar
    totaal = len(leerling_ids)
    if voortgang is not None:
        voortgang(0, totaal)
    for i, lid in enumerate(leerling_ids):
        if voortgang is not None and i and i % VOORTGANG_PER == 0:
            voortgang(i, totaal)
        if lid not in eerste:
            continue
        for beginjaar in range(Schooljaar.van_datum(eerste[lid]).beginjaar, laatste_jaar + 1):
            schooljaar = Schooljaar(beginjaar)
            try:
                schema = betaalschema(
                    regeling, gebeurtenissen[lid], schooljaar, geboortedatum=geboren.get(lid)
                )
            except RegelingFout as fout:
                leemtes.append(
                    Leemtegeval(
                        lid,
                        _cvi_nummers(gebeurtenissen[lid]),
                        schooljaar,
                        _leemtesoort(fout),
                        str(fout),
                    )
                )
                continue
            berekend.add((lid, beginjaar))
            for b in schema.betalingen:
                if b.maand > tot_en_met:
                    continue
                sleutel = (lid, int(b.ontvanger_id), b.deel.value, b.maand.eerste_dag)
                moet[sleutel] += centen(b.bedrag)
                cvi[sleutel] = b.cvi_nummer
    if voortgang is not None:
        voortgang(totaal, totaal)
    return dict(moet), cvi, berekend, leemtes


def bereken_run(maand: Maand, *, voortgang: Voortgang | None = None) -> Runberekening:
    """Wat een run voor ``maand`` moet boeken (het verschil met het grootboek).

    ``voortgang`` (sleutelwoord) krijgt onderweg (berekend, totaal) in leerlingen; de
    verwerker van de betaalrun gebruikt het voor de voortgang en de hartslag."""
    leerling_ids = sorted(
        set(
            Melding.objects.filter(status=Meldingstatus.GEACCEPTEERD).values_list(
                "leerling_id", flat=True
            )
        )
    )
    moet, cvi, berekend, leemtes = verschuldigd(
        leerling_ids=leerling_ids, tot_en_met=maand, voortgang=voortgang
    )
    geboekt: dict[Sleutel, int] = {}
    geboekt_cvi: dict[Sleutel, str] = {}
    for rij in (
        Grootboekregel.objects.filter(leerling_id__in=leerling_ids, maand__lte=maand.eerste_dag)
        .values("leerling_id", "ontvanger_id", "deel", "maand")
        .annotate(som=Sum("bedrag_centen"), cvi=Max("cvi_nummer"))
    ):
        sleutel = (rij["leerling_id"], rij["ontvanger_id"], rij["deel"], rij["maand"])
        geboekt[sleutel] = rij["som"]
        geboekt_cvi[sleutel] = rij["cvi"]
    boekingen: list[Boeking] = []
    for sleutel in sorted(set(moet) | set(geboekt)):
        lid, ontvanger, deel, dag = sleutel
        if (lid, Schooljaar.van_datum(dag).beginjaar) not in berekend:
            continue  # leemte: niets boeken, ook niet corrigeren
        verschil = moet.get(sleutel, 0) - geboekt.get(sleutel, 0)
        if verschil == 0:
            continue
        boekingen.append(
            Boeking(
                leerling_id=lid,
                ontvanger_id=ontvanger,
                deel=deel,
                maand=dag,
                cvi_nummer=cvi.get(sleutel) or geboekt_cvi.get(sleutel, ""),
                centen=verschil,
                soort=Boekingsoort.CORRECTIE if sleutel in geboekt else Boekingsoort.BETALING,
            )
        )
    return Runberekening(maand, len(leerling_ids), tuple(boekingen), tuple(leemtes))
