"""Het einde van LGF (31 juli 2014, interpretaties I-70 tot en met I-72): elke uitleg die
daar overheen reikt zegt het, en er wordt geen maand na juli 2014 betaald, in het pad voor
één leerling en in de bulk gelijk."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings

from rugzak.regeling.batch import Leerlingjaar, Tarieftabellen, bereken, naar_kolommen
from rugzak.regeling.begrippen import Onderwijssoort, Ontvanger, Schoolsoort
from rugzak.regeling.fouten import NietToegestaan, OntbrekendeBron
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.regels.betaling import betaalschema
from rugzak.regeling.regels.budget import Situatie, jaarbudget
from rugzak.regeling.regels.indicatie import indicatie_geldigheid
from rugzak.regeling.regels.looptijd import lgf_einde
from rugzak.regeling.regels.melding import Melding
from rugzak.regeling.tijd import Maand, Schooljaar
from tests.regeling.test_eigenschappen import _geldig, als_gebeurtenissen, leerlingjaren

R = standaard_regeling()

ZML_2013 = Melding(
    meldingsdatum=date(2013, 4, 10),
    school="S",
    schoolsoort=Schoolsoort.BAO,
    inschrijvingsdatum=date(2013, 3, 4),
    cvi_nummer="CVI-1",
    indicatiedatum=date(2013, 3, 1),
    onderwijssoort=Onderwijssoort.ZML,
    ab_verzorger="AB",
    groep=5,
)


def _met_einde(laatste_dag: date) -> Regeling:
    """De meegeleverde regeling met een ander einde van LGF (om te tonen dat de grens uit
    de data komt, en om hem te toetsen in een jaar mét tarieven)."""
    oud = lgf_einde(R).waarde
    nieuw = replace(oud, waarde=laatste_dag.isoformat())
    return Regeling(
        [w for w in R.waarden if w.naam != "lgf.einde"] + [nieuw],
        R.interpretaties.values(),
    )


@pytest.mark.bron("000, aanhef 'Geen leerlinggebonden financiering (rugzakje) meer'")
def test_het_einde_van_lgf_staat_in_de_data_met_bron_000():
    einde = lgf_einde(R)
    assert einde.laatste_dag == date(2014, 7, 31)
    assert einde.eerste_dag_zonder == date(2014, 8, 1)
    assert einde.waarde.bron.document == "000"
    assert "I-70" in einde.waarde.interpretaties
    assert str(einde.laatste_schooljaar) == "2013-2014"


def test_zonder_einde_in_de_data_is_het_een_ontbrekende_bron():
    zonder = Regeling([w for w in R.waarden if w.naam != "lgf.einde"])
    with pytest.raises(OntbrekendeBron, match=r"lgf\.einde"):
        lgf_einde(zonder)


@pytest.mark.bron("003, 'Rugzak - AB (RAB)': 4 jaar voor ZML; 000: sinds 2014 geen rugzak")
def test_een_indicatie_van_2013_zegt_dat_lgf_in_juli_2014_eindigde():
    g = indicatie_geldigheid(R, onderwijssoort=Onderwijssoort.ZML, indicatiedatum=date(2013, 3, 1))
    assert g.einddatum == date(2017, 2, 28)  # de beschikking zelf blijft (I-71)
    assert g.lgf_einde == date(2014, 7, 31)
    assert {"I-70", "I-71"} <= set(g.uitleg.interpretaties())
    tekst = g.uitleg.als_tekst()
    assert "laatste bekostigde maand: 2014-07" in tekst
    assert "laatste bekostigde maand: 2017" not in tekst
    assert "samenwerkingsverbanden" in tekst
    assert g.als_dict()["lgf_einde"] == "2014-07-31"


def test_een_indicatie_die_binnen_lgf_afloopt_zegt_niets_over_het_einde():
    g = indicatie_geldigheid(R, onderwijssoort=Onderwijssoort.LG, indicatiedatum=date(2010, 5, 12))
    assert g.lgf_einde is None
    assert "I-70" not in g.uitleg.interpretaties()


def test_een_indicatie_voor_de_hele_loopbaan_zegt_dat_lgf_eindigde():
    g = indicatie_geldigheid(
        R,
        onderwijssoort=Onderwijssoort.ZML,
        indicatiedatum=date(2012, 3, 1),
        syndroom_van_down=True,
    )
    assert g.einddatum is None and g.lgf_einde == date(2014, 7, 31)
    assert "I-70" in g.uitleg.interpretaties()


@pytest.mark.bron("000: sinds 2014 geen rugzak; I-70")
def test_na_juli_2014_wordt_geen_maand_betaald_en_de_reden_is_het_einde_van_lgf():
    s = betaalschema(R, [ZML_2013], Schooljaar(2014), geboortedatum=date(2005, 1, 1))
    assert s.betalingen == ()
    assert len(s.statussen) == 12
    assert {st.reden for st in s.statussen} == {"LGF beëindigd per 2014-08-01 (passend onderwijs)"}
    assert "I-70" in s.uitleg.interpretaties()
    assert "eindigde op 2014-07-31" in s.uitleg.als_tekst()


def test_een_schooljaar_ver_na_lgf_geeft_geen_fout_en_geen_betaling():
    s = betaalschema(R, [ZML_2013], Schooljaar(2016))
    assert s.totaal == 0 and "I-70" in s.uitleg.interpretaties()


def test_een_budget_na_het_einde_van_lgf_wordt_geweigerd_met_het_einde_als_reden():
    situatie = Situatie(Schooljaar(2014), Schoolsoort.BAO, Onderwijssoort.ZML, groep=4)
    with pytest.raises(NietToegestaan, match=r"LGF eindigde op 2014-07-31.*I-70"):
        jaarbudget(R, situatie)


@pytest.mark.bron("I-70: de grens komt uit lgf.einde, niet uit de code")
def test_de_grens_komt_uit_de_data_een_eerder_einde_stopt_de_betaling_eerder():
    kort = _met_einde(date(2012, 1, 15))
    lg = replace(
        ZML_2013,
        meldingsdatum=date(2011, 9, 20),
        inschrijvingsdatum=date(2011, 8, 22),
        indicatiedatum=date(2011, 6, 1),
        onderwijssoort=Onderwijssoort.LG,
        groep=4,
    )
    s = betaalschema(kort, [lg], Schooljaar(2011))
    maanden = sorted({b.maand for b in s.betalingen})
    assert maanden[0] == Maand(2011, 10) and maanden[-1] == Maand(2012, 1)
    rij = Leerlingjaar(
        schoolsoort=Schoolsoort.BAO,
        onderwijssoort=Onderwijssoort.LG,
        groep=4,
        meldingsdatum=lg.meldingsdatum,
        inschrijvingsdatum=lg.inschrijvingsdatum,
        indicatiedatum=lg.indicatiedatum,
    )
    uit = bereken(kort, Schooljaar(2011), naar_kolommen([rij]))
    assert (int(uit.eerste_maand[0]), int(uit.laatste_maand[0])) == (3, 6)  # okt t/m jan
    assert int(uit.totaal_school[0] + uit.totaal_ab[0]) == int(s.totaal * 100)


KORT = _met_einde(date(2012, 1, 15))
SJ_KORT = Schooljaar(2011)
TABELLEN_KORT = Tarieftabellen.voor(KORT, SJ_KORT)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(leerlingjaren())
def test_bulk_en_een_voor_een_kappen_gelijk_af_op_het_einde_van_lgf(geval):
    """Met het einde van LGF midden in een geprijsd schooljaar geven bulk en één leerling per
    maand en per ontvanger precies hetzelfde, en niets na de laatste maand."""
    sj, rij, verloop = geval
    assume(sj == SJ_KORT and _geldig(rij, sj))
    schema = betaalschema(
        KORT, als_gebeurtenissen(rij, verloop), sj, geboortedatum=rij.geboortedatum
    )
    uit = bereken(KORT, sj, naar_kolommen([rij]), tabellen=TABELLEN_KORT, per_maand=True)
    assert uit.maand_school is not None and uit.maand_ab is not None
    maanden = sj.maanden()
    school = [0] * 12
    ab = [0] * 12
    for b in schema.betalingen:
        assert b.maand <= Maand(2012, 1)
        if b.school != "S" or b.cvi_nummer != "CVI-1":
            continue
        i = maanden.index(b.maand)
        if b.ontvanger is Ontvanger.SCHOOL:
            school[i] += int(b.bedrag * 100)
        else:
            ab[i] += int(b.bedrag * 100)
    assert list(uit.maand_school[0]) == school
    assert list(uit.maand_ab[0]) == ab
    assert all(x == 0 for x in list(uit.maand_school[0])[6:] + list(uit.maand_ab[0])[6:])


def test_bulk_betaalt_niets_na_juli_2014():
    rij = Leerlingjaar(
        schoolsoort=Schoolsoort.BAO,
        onderwijssoort=Onderwijssoort.ZML,
        groep=5,
        meldingsdatum=ZML_2013.meldingsdatum,
        inschrijvingsdatum=ZML_2013.inschrijvingsdatum,
        indicatiedatum=ZML_2013.indicatiedatum,
        geboortedatum=date(2005, 1, 1),
    )
    uit = bereken(R, Schooljaar(2014), naar_kolommen([rij]))
    assert uit.totaal == 0
    assert int(uit.laatste_maand[0]) < int(uit.eerste_maand[0])  # geen enkele maand


@pytest.mark.bron("000, 'Aanvragen van het rugzakje': acht weken; I-70")
def test_een_termijn_die_na_juli_2014_afloopt_zegt_dat_lgf_eindigde():
    from rugzak.regeling.regels.termijnen import cvi_beslissing

    laat = cvi_beslissing(R, date(2014, 7, 1))
    assert laat.uiterlijk == date(2014, 8, 26)  # de termijn zelf blijft
    assert "I-70" in laat.interpretaties
    vroeg = cvi_beslissing(R, date(2014, 5, 1))
    assert vroeg.uiterlijk <= date(2014, 7, 31) and "I-70" not in vroeg.interpretaties
