"""De rijen van :mod:`rugzak.regeling.batchrijen` rekenen wat het pad voor één leerling
rekent: per ontvanger, deel en maand tot op de cent, en dezelfde leemte.

Hier staan gevallen die de bulk eens anders rekende dan :func:`betaalschema`; de
eigenschapstest op de database (``tests/app/test_betalingen_bulkrun.py``) vond ze."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pytest

from rugzak.regeling import batchrijen
from rugzak.regeling.begrippen import Onderwijssoort, Schoolsoort
from rugzak.regeling.fouten import RegelingFout
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import Gebeurtenis, Uitschrijving, betaalschema, centen
from rugzak.regeling.regels.melding import Melding
from rugzak.regeling.tijd import Schooljaar

R = standaard_regeling()

OUD = Melding(
    meldingsdatum=date(2009, 9, 1),
    school="1",
    schoolsoort=Schoolsoort.BAO,
    inschrijvingsdatum=date(2009, 8, 24),
    cvi_nummer="CVI-1",
    indicatiedatum=date(2009, 6, 1),
    onderwijssoort=Onderwijssoort.LG,
    ab_verzorger="9",
    groep=4,
)


def _bulk(gebeurtenissen: Sequence[Gebeurtenis], sj: Schooljaar):
    uit = batchrijen.bereken_jaar(R, sj, [batchrijen.Geschiedenis(1, tuple(gebeurtenissen))])
    assert not uit.terugval
    b = uit.betalingen
    betalingen = sorted(
        (b.namen[b.ontvanger[i]], batchrijen.DELEN[b.deel[i]].value, int(b.maand[i]),
         int(b.centen[i]))
        for i in range(len(b))
    )  # fmt: skip
    return betalingen, uit.leemtes.get(1)


def _een(gebeurtenissen: Sequence[Gebeurtenis], sj: Schooljaar):
    try:
        s = betaalschema(R, gebeurtenissen, sj)
    except RegelingFout as fout:
        return [], fout
    betalingen = sorted(
        (b.ontvanger_id, b.deel.value, b.maand.index_in_schooljaar, centen(b.bedrag))
        for b in s.betalingen
    )
    return betalingen, None


def _gelijk(gebeurtenissen: Sequence[Gebeurtenis], sj: Schooljaar) -> list[tuple]:
    bulk, bulk_fout = _bulk(gebeurtenissen, sj)
    een, een_fout = _een(gebeurtenissen, sj)
    assert bulk == een
    assert (bulk_fout is None) == (een_fout is None)
    if een_fout is not None:
        assert str(bulk_fout) == str(een_fout)
    return een


@pytest.mark.bron("004 'Uitschrijving ...'; interpretaties I-51, I-52")
def test_na_uitschrijving_vorig_schooljaar_betaalt_de_bulk_de_nieuwe_school_na_haar_melding():
    """Uitschrijving door de oude school in 2010-2011, daarna een melding met
    schoolwisseling in 2011-2012: de verhuisdatum is de uitschrijving (I-52), dus het
    budget gaat per 1 augustus 2011 over en de nieuwe school krijgt het vanaf de maand na
    haar melding (I-51); de bulkrij droeg die verhuisdatum eerst niet mee en rekende
    vanaf de eigen inschrijving (overname pas 1 augustus 2012)."""
    nieuw = replace(
        OUD, school="2", ab_verzorger="8", inschrijvingsdatum=date(2011, 10, 3),
        meldingsdatum=date(2011, 10, 10), vorige_school="1",
    )  # fmt: skip
    geschiedenis = [OUD, Uitschrijving(date(2011, 3, 1), "1"), nieuw]
    betalingen = _gelijk(geschiedenis, Schooljaar(2011))
    # november 2011 (maand 4) t/m mei 2012: de lg-indicatie van 1 juni 2009 geldt drie jaar
    assert sorted({m for o, _, m, _ in betalingen if o == "2"}) == list(range(4, 11))


@pytest.mark.bron("004 'Uitschrijving ...'; interpretaties I-51, I-52; 2010-2011 zonder tarief")
def test_na_uitschrijving_vorig_schooljaar_is_een_jaar_zonder_tarief_ook_in_de_bulk_een_leemte():
    """Het geval uit de eigenschapstest: uitschrijving 9 april 2010, melding met
    schoolwisseling in november 2010. De nieuwe school heeft in 2010-2011 te betalen
    maanden; dat jaar heeft geen tarief, dus een leemte, in beide paden."""
    oud = replace(
        OUD, inschrijvingsdatum=date(2009, 8, 1), meldingsdatum=date(2009, 8, 1),
        indicatiedatum=date(2009, 8, 1), groep=2, syndroom_van_down=True,
    )  # fmt: skip
    nieuw = replace(
        oud, school="2", ab_verzorger="8", inschrijvingsdatum=date(2010, 9, 12),
        meldingsdatum=date(2010, 11, 14), vorige_school="1",
    )  # fmt: skip
    geschiedenis = [oud, Uitschrijving(date(2010, 4, 9), "1"), nieuw]
    assert _gelijk(geschiedenis, Schooljaar(2010)) == []
    _, fout = _bulk(geschiedenis, Schooljaar(2010))
    assert fout is not None and "2010-2011" in str(fout)
    _gelijk(geschiedenis, Schooljaar(2011))
