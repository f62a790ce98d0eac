"""Verhuizing naar een andere reguliere school in de betaalregel (003, 004; I-14, I-50-I-52).

Elke volgorde van uitschrijving en melding, en de zomer, in het pad voor één leerling én
in de bulkberekening: dezelfde maanden voor de oude en de nieuwe school."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from rugzak.regeling.batch import Leerlingjaar, bereken, naar_kolommen
from rugzak.regeling.begrippen import Onderwijssoort, Schoolsoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import Uitschrijving, betaalschema, overname_dag
from rugzak.regeling.regels.melding import Melding
from rugzak.regeling.tijd import Maand, Schooljaar

R = standaard_regeling()
SJ = Schooljaar(2011)

OUD = Melding(
    meldingsdatum=date(2010, 9, 1),
    school="OUD",
    schoolsoort=Schoolsoort.BAO,
    inschrijvingsdatum=date(2010, 8, 23),
    cvi_nummer="CVI-1",
    indicatiedatum=date(2010, 6, 1),
    onderwijssoort=Onderwijssoort.LG,
    ab_verzorger="AB-OUD",
    groep=4,
)


def nieuw(inschrijving: date, melding: date, vorige: str | None = "OUD") -> Melding:
    return replace(
        OUD,
        school="NIEUW",
        ab_verzorger="AB-NIEUW",
        inschrijvingsdatum=inschrijving,
        meldingsdatum=melding,
        vorige_school=vorige,
    )


def maanden(schema, school):
    return sorted({b.maand for b in schema.betalingen if b.school == school})


def jaar(van: Maand, tot: Maand) -> list[Maand]:
    uit = [van]
    while uit[-1] < tot:
        uit.append(uit[-1].volgend())
    return uit


def bulk_maanden(rij: Leerlingjaar, sj: Schooljaar = SJ) -> list[Maand]:
    uit = bereken(R, sj, naar_kolommen([rij]))
    eerste, laatste = int(uit.eerste_maand[0]), int(uit.laatste_maand[0])
    return [m for k, m in enumerate(sj.maanden(), start=1) if eerste <= k <= laatste]


def oude_rij(verhuisd_op: date) -> Leerlingjaar:
    return Leerlingjaar(
        schoolsoort=Schoolsoort.BAO,
        onderwijssoort=Onderwijssoort.LG,
        groep=4,
        meldingsdatum=OUD.meldingsdatum,
        inschrijvingsdatum=OUD.inschrijvingsdatum,
        indicatiedatum=OUD.indicatiedatum,
        verhuisd_op=verhuisd_op,
    )


def nieuwe_rij(m: Melding, verhuisd_van_op: date | None) -> Leerlingjaar:
    return Leerlingjaar(
        schoolsoort=Schoolsoort.BAO,
        onderwijssoort=Onderwijssoort.LG,
        groep=4,
        meldingsdatum=m.meldingsdatum,
        inschrijvingsdatum=m.inschrijvingsdatum,
        indicatiedatum=m.indicatiedatum,
        via_verhuizing=True,
        verhuisd_van_op=verhuisd_van_op,
    )


HEEL_2011 = jaar(Maand(2011, 8), Maand(2012, 7))
NA_31_OKTOBER = [
    pytest.param(
        [Uitschrijving(date(2011, 10, 31), "OUD")], date(2011, 10, 31), id="uitschr-eerst"
    ),
    pytest.param([], None, id="melding-eerst-oude-doet-niets"),
    pytest.param(
        [Uitschrijving(date(2011, 11, 20), "OUD")], None, id="melding-eerst-late-uitschrijving"
    ),
]


@pytest.mark.bron("004 'Uitschrijving ...': de oude school doet niets, houdt het schooljaar; I-52")
@pytest.mark.parametrize(("uitschrijvingen", "verhuisd_van"), NA_31_OKTOBER)
def test_verhuizing_in_oktober_oude_school_houdt_het_hele_schooljaar_in_elke_volgorde(
    uitschrijvingen, verhuisd_van
):
    b = nieuw(date(2011, 11, 1), date(2011, 11, 15))
    s = betaalschema(R, [OUD, *uitschrijvingen, b], SJ)
    assert maanden(s, "OUD") == HEEL_2011  # ook november, ondanks de uitschrijving
    assert maanden(s, "NIEUW") == []
    assert any("pas vanaf 1 augustus 2012" in st.reden for st in s.statussen)
    assert s.verhuizingen[0].overname == date(2012, 8, 1)
    # de bulk rekent hetzelfde
    assert bulk_maanden(oude_rij(verhuisd_van or b.inschrijvingsdatum)) == HEEL_2011
    assert bulk_maanden(nieuwe_rij(b, verhuisd_van)) == []


@pytest.mark.bron("004 'Uitschrijving ...': nieuwe school vanaf 1 augustus volgend op inschrijving")
@pytest.mark.parametrize("eerst_uitschrijven", [True, False])
def test_nieuwe_school_na_verhuizing_vorig_schooljaar_vanaf_1_augustus(eerst_uitschrijven):
    oud = replace(OUD, inschrijvingsdatum=date(2009, 8, 24), meldingsdatum=date(2009, 9, 1))
    b = nieuw(date(2010, 11, 1), date(2010, 11, 15))
    uit = [Uitschrijving(date(2010, 10, 31), "OUD")] if eerst_uitschrijven else []
    s = betaalschema(R, [oud, *uit, b], SJ)
    assert maanden(s, "OUD") == []
    assert maanden(s, "NIEUW") == HEEL_2011
    assert {b.ontvanger_id for b in s.betalingen if b.ontvanger.value != "school"} == {"AB-NIEUW"}
    assert bulk_maanden(nieuwe_rij(b, date(2010, 10, 31) if eerst_uitschrijven else None)) == (
        HEEL_2011
    )


@pytest.mark.bron(
    "004 'Uitschrijving ...'; interpretatie I-52: zonder schoolwisseling geen verhuizing"
)
@pytest.mark.parametrize("vorige", [None, "ANDERE"])
def test_uitschrijving_gevolgd_door_melding_zonder_schoolwisseling_stopt_de_bekostiging(vorige):
    b = nieuw(date(2011, 11, 1), date(2011, 11, 15), vorige=vorige)
    s = betaalschema(R, [OUD, Uitschrijving(date(2011, 10, 31), "OUD"), b], SJ)
    assert maanden(s, "OUD") == jaar(Maand(2011, 8), Maand(2011, 10))
    assert maanden(s, "NIEUW") == jaar(Maand(2011, 12), Maand(2012, 7))
    assert s.verhuizingen == ()


ZOMER = [
    pytest.param([], date(2011, 8, 22), id="melding-eerst-inschrijving-20-augustus"),
    pytest.param(
        [Uitschrijving(date(2011, 7, 8), "OUD")], date(2011, 8, 22), id="uitschrijving-juli"
    ),
    pytest.param(
        [Uitschrijving(date(2011, 8, 22), "OUD")], date(2011, 8, 22), id="uitschrijving-op-dag"
    ),
    pytest.param([], date(2011, 9, 1), id="inschrijving-1-september"),
]


@pytest.mark.bron("004 'Uitschrijving ...'; 003 eerste punt; interpretatie I-50 (zomer)")
@pytest.mark.parametrize(("uitschrijvingen", "inschrijving"), ZOMER)
def test_verhuizing_in_de_zomer_blijft_niet_het_hele_volgende_jaar_bij_de_oude_school(
    uitschrijvingen, inschrijving
):
    b = nieuw(inschrijving, inschrijving.replace(day=max(inschrijving.day, 25)))
    s = betaalschema(R, [OUD, *uitschrijvingen, b], SJ)
    assert maanden(s, "OUD") == []
    assert maanden(s, "NIEUW") == jaar(Maand.van_datum(b.meldingsdatum).volgend(), Maand(2012, 7))
    verhuisd = uitschrijvingen[0].datum if uitschrijvingen else inschrijving
    lezing = "I-50" if (verhuisd.month, verhuisd.day) > (8, 1) else "I-51"
    assert any(lezing in stap.alle_interpretaties() for stap in s.uitleg.stappen)
    assert bulk_maanden(oude_rij(verhuisd)) == []
    van = verhuisd if verhuisd < inschrijving else None
    assert bulk_maanden(nieuwe_rij(b, van)) == maanden(s, "NIEUW")


@pytest.mark.bron("interpretatie I-50: laatste dag op de oude school in september telt in dat jaar")
def test_verhuizing_op_2_september_is_een_verhuizing_tijdens_het_schooljaar():
    b = nieuw(date(2011, 9, 2), date(2011, 9, 5))
    s = betaalschema(R, [OUD, b], SJ)
    assert maanden(s, "OUD") == HEEL_2011
    assert maanden(s, "NIEUW") == []
    assert bulk_maanden(oude_rij(date(2011, 9, 2))) == HEEL_2011


@pytest.mark.bron("interpretatie I-51: nieuwe school wacht niet op een volgend schooljaar")
def test_uitschrijving_vorig_schooljaar_en_inschrijving_later_nieuwe_school_na_eigen_melding():
    oud = replace(OUD, inschrijvingsdatum=date(2009, 8, 24), meldingsdatum=date(2009, 9, 1))
    b = nieuw(date(2011, 10, 3), date(2011, 10, 10))
    s = betaalschema(R, [oud, Uitschrijving(date(2011, 3, 1), "OUD"), b], SJ)
    assert maanden(s, "NIEUW") == jaar(Maand(2011, 11), Maand(2012, 7))
    assert any("I-51" in stap.alle_interpretaties() for stap in s.uitleg.stappen)
    assert bulk_maanden(nieuwe_rij(b, date(2011, 3, 1))) == maanden(s, "NIEUW")


@pytest.mark.bron("interpretatie I-50: de overname-1-augustus per verhuisdatum")
@pytest.mark.parametrize(
    ("verhuisdatum", "overname"),
    [
        (date(2011, 10, 31), date(2012, 8, 1)),
        (date(2012, 7, 20), date(2012, 8, 1)),
        (date(2012, 8, 1), date(2012, 8, 1)),
        (date(2012, 8, 2), date(2012, 8, 1)),
        (date(2012, 9, 1), date(2012, 8, 1)),
        (date(2012, 9, 2), date(2013, 8, 1)),
    ],
)
def test_overname_dag_na_verhuizing(verhuisdatum, overname):
    assert overname_dag(verhuisdatum) == overname


@pytest.mark.bron("004 'Uitschrijving ...': uitleg noemt de verhuizing en I-14")
def test_uitleg_van_de_oude_school_noemt_de_verhuizing_en_de_bron():
    s = betaalschema(
        R,
        [
            OUD,
            Uitschrijving(date(2011, 10, 31), "OUD"),
            nieuw(date(2011, 11, 1), date(2011, 11, 15)),
        ],
        SJ,
    )
    tekst = s.uitleg.als_tekst()
    assert "verhuisd per 2011-10-31 naar NIEUW" in tekst
    assert "I-52" in tekst and "I-14" in tekst
    assert s.verhuizingen[0].uitschrijving == date(2011, 10, 31)


@pytest.mark.bron("interpretatie I-52: uitschrijving en inschrijving op dezelfde dag")
def test_uitschrijving_op_de_dag_van_de_nieuwe_inschrijving_is_alleen_met_schoolwisseling_verhuizing():
    uit = Uitschrijving(date(2011, 11, 1), "OUD")
    met = betaalschema(R, [OUD, uit, nieuw(date(2011, 11, 1), date(2011, 11, 15))], SJ)
    assert maanden(met, "OUD") == HEEL_2011
    zonder = betaalschema(
        R, [OUD, uit, nieuw(date(2011, 11, 1), date(2011, 11, 15), vorige=None)], SJ
    )
    assert maanden(zonder, "OUD") == jaar(Maand(2011, 8), Maand(2011, 10))
    assert maanden(zonder, "NIEUW") == jaar(Maand(2011, 12), Maand(2012, 7))
