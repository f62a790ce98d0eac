"""Tests voor de termijnen als kalenderdata (regels/termijnen.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer, OntbrekendeBron
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.parameters import Parameterwaarde, Regeling
from rugzak.regeling.regels.termijnen import (
    SIGNALERING_DAGEN,
    Duur,
    Termijn,
    Termijnstatus,
    cvi_beslissing,
    evaluatiemomenten,
    gastleerling,
    gastleerling_grenzen,
    handelingsplan,
    status,
    terugmelding,
    weigering_toelating,
)
from rugzak.regeling.tijd import Maand, Periode, Schooljaar

LGF_BEGIN = date(2003, 8, 1)
LGF_EINDE = date(2014, 7, 31)
LGF_DAGEN = st.dates(min_value=LGF_BEGIN, max_value=LGF_EINDE)

TERMIJNPARAMETERS = (
    "termijn.cvi_beslissing",
    "termijn.cvi_verlenging",
    "termijn.cvi_max_verlengingen",
    "termijn.weigering_toelating",
    "termijn.handelingsplan",
    "termijn.evaluatiemaanden",
    "termijn.terugmelding",
    "termijn.gastleerling_minimum",
    "termijn.gastleerling_maximum",
    "termijn.gastleerling_maximum_verlengd",
)


@pytest.fixture
def regeling() -> Regeling:
    return standaard_regeling()


def _gelezen(termijn: Termijn) -> list[str]:
    return [g.naam for s in termijn.uitleg.stappen for g in s.gelezen]


def _handgebouwd(naam: str, waarde: int, eenheid: str) -> Regeling:
    """Een regeling met één waarde, zoals een verkeerd bestand die zou kunnen geven (plus
    het einde van LGF, dat elke termijn leest; I-70)."""
    return Regeling(
        [
            Parameterwaarde(
                naam=naam,
                sleutel=(),
                waarde=waarde,
                eenheid=eenheid,
                periode=Periode(LGF_BEGIN, LGF_EINDE),
                bron=Bron("002", "fase 13 (toelichting toelatingsprotocol)"),
            ),
            *standaard_regeling().versies("lgf.einde"),
        ]
    )


# --- CvI (000, 'Aanvragen van het rugzakje') -------------------------------------


@pytest.mark.bron("000, 'Aanvragen van het rugzakje'")
def test_cvi_beslissing_acht_weken_na_volledig_dossier(regeling: Regeling) -> None:
    termijn = cvi_beslissing(regeling, date(2011, 9, 1))
    assert termijn.begin == date(2011, 9, 1)
    assert termijn.uiterlijk == date(2011, 10, 27)
    assert termijn.grondslag[0].document == "000"
    assert _gelezen(termijn) == ["termijn.cvi_beslissing"]


@pytest.mark.bron("000, 'Aanvragen van het rugzakje'")
def test_cvi_beslissing_eenmaal_verlengd_met_acht_weken(regeling: Regeling) -> None:
    termijn = cvi_beslissing(regeling, date(2011, 9, 1), verlengingen=1)
    assert termijn.uiterlijk == date(2011, 12, 22)
    assert [s.regel for s in termijn.uitleg.stappen] == [
        "termijn.cvi_beslissing",
        "termijn.cvi_verlenging",
    ]
    assert "termijn.cvi_max_verlengingen" in _gelezen(termijn)


@pytest.mark.bron("000, 'Aanvragen van het rugzakje'")
def test_cvi_beslissing_tweede_verlenging_niet_toegestaan(regeling: Regeling) -> None:
    with pytest.raises(NietToegestaan, match="hoogstens 1 keer") as fout:
        cvi_beslissing(regeling, date(2011, 9, 1), verlengingen=2)
    assert fout.value.bron is not None
    assert fout.value.bron.startswith("000, paragraaf 'Aanvragen van het rugzakje'")


@pytest.mark.bron("000, 'Aanvragen van het rugzakje'")
def test_cvi_beslissing_negatief_aantal_verlengingen_ongeldig(regeling: Regeling) -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        cvi_beslissing(regeling, date(2011, 9, 1), verlengingen=-1)
    assert fout.value.veld == "verlengingen"


@pytest.mark.bron("000, 'Geen leerlinggebonden financiering (rugzakje) meer'")
@pytest.mark.parametrize("dag", [date(2003, 7, 31), date(2014, 8, 1)])
def test_termijn_buiten_lgf_periode_heeft_geen_bron(regeling: Regeling, dag: date) -> None:
    with pytest.raises(OntbrekendeBron):
        cvi_beslissing(regeling, dag)
    with pytest.raises(OntbrekendeBron):
        terugmelding(regeling, dag)


@pytest.mark.bron("000, 'Aanvragen van het rugzakje'")
@given(volledig=LGF_DAGEN, verlengingen=st.integers(min_value=0, max_value=1))
def test_cvi_beslissing_is_acht_weken_per_periode(volledig: date, verlengingen: int) -> None:
    termijn = cvi_beslissing(standaard_regeling(), volledig, verlengingen=verlengingen)
    assert termijn.uiterlijk - volledig == timedelta(weeks=8 * (1 + verlengingen))


# --- weigering van toelating (002, fase 11 traject b; fase 2; I-20) ------------------


@pytest.mark.bron("002, fase 11 traject b")
def test_weigering_toelating_acht_weken_na_schriftelijke_aanmelding(regeling: Regeling) -> None:
    termijn = weigering_toelating(regeling, date(2011, 9, 5))
    assert termijn.uiterlijk == date(2011, 10, 31)
    assert "I-20" in termijn.interpretaties
    assert [b.sectie for b in termijn.grondslag] == [
        "fase 11, traject b (toelichting toelatingsprotocol)",
        "fase 2 (toelichting toelatingsprotocol)",
    ]


# --- handelingsplan (002, fase 13; I-12) ------------------------------------------


@pytest.mark.bron("002, fase 13")
def test_handelingsplan_een_maand_na_plaatsing(regeling: Regeling) -> None:
    termijn = handelingsplan(regeling, date(2011, 9, 15))
    assert termijn.uiterlijk == date(2011, 10, 15)
    assert termijn.grondslag == (Bron("002", "fase 13 (toelichting toelatingsprotocol)"),)


@pytest.mark.bron("002, fase 13")
@pytest.mark.parametrize(
    ("plaatsing", "uiterlijk"),
    [(date(2011, 1, 31), date(2011, 2, 28)), (date(2012, 1, 31), date(2012, 2, 29))],
)
def test_handelingsplan_na_31_januari_laatste_dag_februari(
    regeling: Regeling, plaatsing: date, uiterlijk: date
) -> None:
    termijn = handelingsplan(regeling, plaatsing)
    assert termijn.uiterlijk == uiterlijk
    (stap,) = termijn.uitleg.stappen
    assert "I-12" in stap.interpretaties
    assert "laatste dag van de maand" in stap.uitkomst


@pytest.mark.bron("002, fase 13")
@given(plaatsing=LGF_DAGEN)
def test_handelingsplan_valt_in_de_volgende_kalendermaand(plaatsing: date) -> None:
    uiterlijk = handelingsplan(standaard_regeling(), plaatsing).uiterlijk
    volgende = Maand.van_datum(plaatsing).volgend()
    assert Maand.van_datum(uiterlijk) == volgende
    assert uiterlijk.day == plaatsing.day or (
        uiterlijk == volgende.laatste_dag and uiterlijk.day < plaatsing.day
    )


# --- evaluatiemomenten (002, bijlage 2; I-21) --------------------------------------


@pytest.mark.bron("002, bijlage 2")
def test_evaluatiemomenten_oktober_januari_mei_en_eind_schooljaar(regeling: Regeling) -> None:
    momenten = evaluatiemomenten(regeling, Schooljaar(2011))
    assert [t.uiterlijk for t in momenten] == [
        date(2011, 10, 31),
        date(2012, 1, 31),
        date(2012, 5, 31),
        date(2012, 7, 31),
    ]
    assert [t.regel for t in momenten][-1] == "termijn.eindevaluatie"
    assert all("I-21" in t.interpretaties for t in momenten)


@pytest.mark.bron("002, bijlage 2")
def test_evaluatiemomenten_in_datumvolgorde_ook_bij_andere_maanden() -> None:
    eigen = Regeling(
        [
            Parameterwaarde(
                naam="termijn.evaluatiemaanden",
                sleutel=(),
                waarde=(5, 2, 11),
                eenheid="kalendermaanden",
                periode=Periode(LGF_BEGIN, LGF_EINDE),
                bron=Bron("002", "bijlage 2"),
            )
        ]
    )
    momenten = evaluatiemomenten(eigen, Schooljaar(2011))
    assert [t.uiterlijk for t in momenten] == [
        date(2011, 11, 30),
        date(2012, 2, 29),
        date(2012, 5, 31),
        date(2012, 7, 31),
    ]


@pytest.mark.bron("002, bijlage 2")
def test_evaluatiemomenten_na_lgf_hebben_geen_bron(regeling: Regeling) -> None:
    with pytest.raises(OntbrekendeBron):
        evaluatiemomenten(regeling, Schooljaar(2014))


# --- terugmelding (004, uitschrijving na 1 augustus 2003; I-19) --------------------


@pytest.mark.bron("004, 'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'")
def test_terugmelding_zes_weken_na_uitschrijving(regeling: Regeling) -> None:
    termijn = terugmelding(regeling, date(2011, 10, 3))
    assert termijn.uiterlijk == date(2011, 11, 14)
    assert termijn.grondslag[0].document == "004"


@pytest.mark.bron("004, 'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'")
@pytest.mark.parametrize(
    ("uitschrijving", "uiterlijk"),
    [
        (date(2012, 6, 19), date(2012, 7, 31)),  # precies zes weken
        (date(2012, 7, 1), date(2012, 7, 31)),  # afgekapt op het einde van het schooljaar
        (date(2012, 7, 31), date(2012, 7, 31)),  # laatste dag: dezelfde dag
        (date(2012, 8, 1), date(2012, 9, 12)),  # nieuw schooljaar, weer zes weken
    ],
)
def test_terugmelding_uiterlijk_31_juli_van_het_schooljaar(
    regeling: Regeling, uitschrijving: date, uiterlijk: date
) -> None:
    termijn = terugmelding(regeling, uitschrijving)
    assert termijn.uiterlijk == uiterlijk
    assert "I-19" in termijn.interpretaties


@pytest.mark.bron("004, 'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'")
@given(uitschrijving=LGF_DAGEN)
def test_terugmelding_nooit_na_31_juli_en_nooit_meer_dan_42_dagen(uitschrijving: date) -> None:
    uiterlijk = terugmelding(standaard_regeling(), uitschrijving).uiterlijk
    assert uiterlijk <= Schooljaar.van_datum(uitschrijving).einde
    assert 0 <= (uiterlijk - uitschrijving).days <= 42
    assert uiterlijk == min(
        uitschrijving + timedelta(days=42), Schooljaar.van_datum(uitschrijving).einde
    )


# --- gastleerling (002, 'Uitgangspunten', laatste punt; I-24) ----------------------


@pytest.mark.bron("002, 'Uitgangspunten', laatste punt")
def test_gastleerling_periode_van_een_week_tot_zes_maanden(regeling: Regeling) -> None:
    termijn = gastleerling(regeling, date(2011, 9, 5), date(2011, 12, 16))
    assert termijn.uiterlijk == date(2011, 12, 16)
    assert "I-24" in termijn.interpretaties
    assert gastleerling(regeling, date(2011, 9, 5), date(2011, 9, 12)).uiterlijk == date(
        2011, 9, 12
    )
    assert gastleerling(regeling, date(2011, 9, 5), date(2012, 3, 5)).uiterlijk == date(2012, 3, 5)


@pytest.mark.bron("002, 'Uitgangspunten', laatste punt")
@pytest.mark.parametrize(
    "einde",
    [date(2011, 9, 11), date(2012, 3, 6), date(2011, 9, 1)],
    ids=["te kort", "te lang", "voor het begin"],
)
def test_gastleerling_periode_buiten_grenzen_geweigerd(regeling: Regeling, einde: date) -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        gastleerling(regeling, date(2011, 9, 5), einde)
    assert fout.value.veld == "einde"
    assert fout.value.toegestaan == ("2011-09-12 t/m 2012-03-05",)


@pytest.mark.bron("002, 'Uitgangspunten', laatste punt")
def test_gastleerling_zes_maanden_na_31_augustus_afgekapt(regeling: Regeling) -> None:
    termijn = gastleerling(regeling, date(2011, 8, 31), date(2012, 2, 29))
    assert "I-12" in termijn.interpretaties
    with pytest.raises(OngeldigeInvoer, match="2011-09-07 t/m 2012-02-29"):
        gastleerling(regeling, date(2011, 8, 31), date(2012, 3, 1))


@pytest.mark.bron("002, 'Uitgangspunten', laatste punt")
def test_gastleerling_verlenging_tot_hoogstens_een_jaar_vanaf_begin(regeling: Regeling) -> None:
    termijn = gastleerling(
        regeling, date(2011, 9, 5), date(2012, 3, 5), verlengd_tot=date(2012, 9, 5)
    )
    assert termijn.uiterlijk == date(2012, 9, 5)
    assert _gelezen(termijn)[-1] == "termijn.gastleerling_maximum_verlengd"


@pytest.mark.bron("002, 'Uitgangspunten', laatste punt")
@pytest.mark.parametrize(
    "verlengd_tot",
    [date(2012, 9, 6), date(2011, 12, 1), date(2011, 11, 30)],
    ids=["meer dan een jaar", "op het oude einde", "voor het oude einde"],
)
def test_gastleerling_verlenging_buiten_grenzen_geweigerd(
    regeling: Regeling, verlengd_tot: date
) -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        gastleerling(regeling, date(2011, 9, 5), date(2011, 12, 1), verlengd_tot=verlengd_tot)
    assert fout.value.veld == "verlengd_tot"
    assert fout.value.toegestaan == ("2011-12-02 t/m 2012-09-05",)


@pytest.mark.bron("002, 'Uitgangspunten', laatste punt")
@given(begin=LGF_DAGEN, dagen=st.integers(min_value=-10, max_value=200))
def test_gastleerling_einde_toegestaan_precies_tussen_de_grenzen(begin: date, dagen: int) -> None:
    einde = begin + timedelta(days=dagen)
    if begin + timedelta(weeks=1) <= einde <= Duur(6, "maanden").na(begin):
        assert gastleerling(standaard_regeling(), begin, einde).uiterlijk == einde
    else:
        with pytest.raises(OngeldigeInvoer) as fout:
            gastleerling(standaard_regeling(), begin, einde)
        assert fout.value.veld == "einde"


# --- duur en eenheden -------------------------------------------------------------


@pytest.mark.bron("002, fase 13")
@pytest.mark.parametrize(
    ("duur", "uitkomst"),
    [
        (Duur(10, "dagen"), date(2012, 3, 10)),
        (Duur(2, "weken"), date(2012, 3, 14)),
        (Duur(1, "maanden"), date(2012, 3, 29)),
        (Duur(1, "jaren"), date(2013, 2, 28)),
    ],
)
def test_duur_rekent_elke_eenheid_expliciet_om(duur: Duur, uitkomst: date) -> None:
    assert duur.na(date(2012, 2, 29)) == uitkomst


@pytest.mark.bron("002, fase 13")
def test_duur_met_onbekende_eenheid_geweigerd() -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        Duur(30, "werkdagen")
    assert fout.value.toegestaan == ("dagen", "weken", "maanden", "jaren")


@pytest.mark.bron("002, fase 13")
def test_handelingsplan_met_onbekende_eenheid_in_regeling_geweigerd() -> None:
    eigen = _handgebouwd("termijn.handelingsplan", 30, "werkdagen")
    with pytest.raises(OngeldigeInvoer) as fout:
        handelingsplan(eigen, date(2011, 9, 15))
    assert fout.value.veld == "termijn.handelingsplan.eenheid"


@pytest.mark.bron("002, fase 13")
def test_handelingsplan_volgt_de_eenheid_uit_de_regeling() -> None:
    eigen = _handgebouwd("termijn.handelingsplan", 30, "dagen")
    assert handelingsplan(eigen, date(2011, 9, 15)).uiterlijk == date(2011, 10, 15)
    eigen = _handgebouwd("termijn.handelingsplan", 4, "weken")
    assert handelingsplan(eigen, date(2011, 9, 15)).uiterlijk == date(2011, 10, 13)


# --- status ----------------------------------------------------------------------


@pytest.fixture
def plan(regeling: Regeling) -> Termijn:
    """Handelingsplan na plaatsing op 15 september 2011: uiterlijk 15 oktober 2011."""
    return handelingsplan(regeling, date(2011, 9, 15))


@pytest.mark.bron("002, fase 13")
@pytest.mark.parametrize(
    ("vandaag", "verwacht"),
    [
        (date(2011, 9, 30), Termijnstatus.LOPEND),  # 15 dagen te gaan
        (date(2011, 10, 1), Termijnstatus.BIJNA_VERLOPEN),  # 14 dagen te gaan
        (date(2011, 10, 15), Termijnstatus.BIJNA_VERLOPEN),  # de uiterste dag zelf
        (date(2011, 10, 16), Termijnstatus.VERLOPEN),
    ],
)
def test_status_van_open_termijn(plan: Termijn, vandaag: date, verwacht: Termijnstatus) -> None:
    assert SIGNALERING_DAGEN == 14
    assert status(plan, vandaag) is verwacht


@pytest.mark.bron("002, fase 13")
@pytest.mark.parametrize(
    ("voldaan_op", "verwacht"),
    [
        (date(2011, 9, 1), Termijnstatus.VOLDAAN),
        (date(2011, 10, 15), Termijnstatus.VOLDAAN),
        (date(2011, 10, 16), Termijnstatus.TE_LAAT_VOLDAAN),
    ],
)
def test_status_van_voldane_termijn(
    plan: Termijn, voldaan_op: date, verwacht: Termijnstatus
) -> None:
    assert status(plan, date(2011, 11, 1), voldaan_op) is verwacht


@pytest.mark.bron("002, fase 13")
def test_status_voldaan_in_de_toekomst_geweigerd(plan: Termijn) -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        status(plan, date(2011, 10, 1), voldaan_op=date(2011, 10, 2))
    assert fout.value.veld == "voldaan_op"


# --- regelingsdata ---------------------------------------------------------------


@pytest.mark.bron("000, 'Geen leerlinggebonden financiering (rugzakje) meer'")
def test_termijnparameters_gelden_elke_dag_van_de_lgf_periode(regeling: Regeling) -> None:
    lgf = Periode(LGF_BEGIN, LGF_EINDE)
    for naam in TERMIJNPARAMETERS:
        assert regeling.perioden(naam) == (lgf,), naam
        assert all(regeling.heeft(naam, dag) for dag in lgf.dagen()), naam
        assert not regeling.heeft(naam, LGF_BEGIN - timedelta(days=1)), naam
        assert not regeling.heeft(naam, LGF_EINDE + timedelta(days=1)), naam


@pytest.mark.bron("002, fase 11 traject b")
def test_interpretaties_van_termijnen_staan_in_de_regeling(regeling: Regeling) -> None:
    for i in ("I-12", "I-19", "I-20", "I-21", "I-24"):
        interpretatie = regeling.interpretaties[i]
        assert interpretatie.bronnen
        assert all(b[:3] in {"000", "001", "002", "003", "004"} for b in interpretatie.bronnen)
    termijnen = [
        cvi_beslissing(regeling, date(2011, 9, 1), verlengingen=1),
        weigering_toelating(regeling, date(2011, 9, 1)),
        handelingsplan(regeling, date(2011, 1, 31)),
        *evaluatiemomenten(regeling, Schooljaar(2011)),
        terugmelding(regeling, date(2012, 7, 1)),
        gastleerling(regeling, date(2011, 8, 31), date(2012, 2, 29), date(2012, 8, 31)),
    ]
    for termijn in termijnen:
        assert set(termijn.interpretaties) <= set(regeling.interpretaties), termijn.regel
        assert termijn.grondslag, termijn.regel
        assert all(stap.grondslag for stap in termijn.uitleg.stappen), termijn.regel
        assert termijn.als_dict()["uiterlijk"] == termijn.uiterlijk.isoformat()


@pytest.mark.bron("002, 'Uitgangspunten', laatste punt")
def test_gastleerling_grenzen_zijn_de_grenzen_die_gastleerling_toepast(regeling: Regeling) -> None:
    begin = date(2011, 8, 31)
    g = gastleerling_grenzen(regeling, begin)
    assert (g.vroegste_einde, g.laatste_einde, g.laatste_einde_verlengd) == (
        date(2011, 9, 7),
        date(2012, 2, 29),
        date(2012, 8, 31),
    )
    gastleerling(regeling, begin, g.vroegste_einde)
    gastleerling(regeling, begin, g.laatste_einde, g.laatste_einde_verlengd)
    with pytest.raises(OngeldigeInvoer):
        gastleerling(regeling, begin, g.laatste_einde + timedelta(days=1))
    with pytest.raises(OngeldigeInvoer):
        gastleerling(regeling, begin, g.laatste_einde, g.laatste_einde_verlengd + timedelta(days=1))
    assert {"I-12", "I-24"} <= set(g.uitleg.interpretaties())


@pytest.mark.bron(
    "002, bijlage 2: evaluaties in oktober, januari en mei en aan het eind van elk schooljaar"
)
def test_evaluatiemomenten_tussen_alleen_binnen_de_looptijd_over_schooljaren_heen(
    regeling: Regeling,
) -> None:
    """I-160: een moment telt mee als zijn maand in de looptijd valt, ook gedeeltelijk."""
    from rugzak.regeling.regels.termijnen import evaluatiemomenten_tussen

    lang = evaluatiemomenten_tussen(regeling, date(2012, 2, 1), date(2013, 7, 31))
    assert [t.uiterlijk for t in lang] == [
        date(2012, 5, 31),
        date(2012, 7, 31),
        date(2012, 10, 31),
        date(2013, 1, 31),
        date(2013, 5, 31),
        date(2013, 7, 31),
    ]
    assert all({"I-21", "I-160"} <= set(t.interpretaties) for t in lang)
    kort = evaluatiemomenten_tussen(regeling, date(2012, 1, 15), date(2012, 6, 30))
    assert [t.uiterlijk for t in kort] == [date(2012, 1, 31), date(2012, 5, 31)]
    # na het einde van LGF (31 juli 2014) geen evaluaties meer (I-70)
    laat = evaluatiemomenten_tussen(regeling, date(2013, 9, 1), date(2016, 1, 1))
    assert laat[-1].uiterlijk == date(2014, 7, 31)
    with pytest.raises(OngeldigeInvoer):
        evaluatiemomenten_tussen(regeling, date(2013, 9, 1), date(2013, 8, 1))
