"""Het betaalschema voor een schooljaar zonder tarief (issue 14; I-101, I-102).

Standaard is een te betalen maand zonder bron een fout (de betaalrun legt een leemte vast,
nooit een nul). Met ``toon_zonder_bron=True`` komt zo'n maand apart, met de ontvangers per
deel en wat er ontbreekt, en tellen de totalen haar niet mee, ook niet als nul."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings

from rugzak.regeling.begrippen import (
    Budgetdeel,
    Leerweg,
    MboNiveau,
    Onderwijssoort,
    Ontvanger,
    Schoolsoort,
    VoVariant,
)
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer, OntbrekendeBron
from rugzak.regeling.laden import laad_regeling, standaard_bestanden, standaard_regeling
from rugzak.regeling.regels.betaling import (
    GEEN_BRON,
    TerugplaatsingGroep2,
    Uitschrijving,
    ZmlAanvraag,
    betaalschema,
)
from rugzak.regeling.regels.budget import Situatie, budgetdelen, jaarbudget
from rugzak.regeling.regels.melding import Melding
from rugzak.regeling.tijd import Maand, Schooljaar
from tests.regeling.test_eigenschappen import _geldig, als_gebeurtenissen, leerlingjaren

R = standaard_regeling()
SJ_2011 = Schooljaar(2011)
SJ_2012 = Schooljaar(2012)

#: Gemeld in 2010, indicatie lg van 1 juni 2010: drie jaar, tot en met 31 mei 2013.
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
#: De nieuwe school meldt met schoolwisseling na de uitschrijving door de oude.
NIEUW = replace(
    OUD,
    school="NIEUW",
    ab_verzorger="AB-NIEUW",
    inschrijvingsdatum=date(2011, 11, 1),
    meldingsdatum=date(2011, 11, 15),
    vorige_school="OUD",
)
VERHUIZING = [OUD, Uitschrijving(date(2011, 10, 31), "OUD"), NIEUW]

#: Gemeld in 2011 met een indicatie lg van 1 juni 2011: loopt tot en met 31 mei 2014.
LG_2011 = replace(
    OUD,
    school="12AB",
    ab_verzorger="AB-3",
    meldingsdatum=date(2011, 9, 20),
    inschrijvingsdatum=date(2011, 8, 22),
    indicatiedatum=date(2011, 6, 1),
)


def jaar(van: Maand, tot: Maand) -> list[Maand]:
    uit = [van]
    while uit[-1] < tot:
        uit.append(uit[-1].volgend())
    return uit


# --- de standaard blijft weigeren ------------------------------------------------------


@pytest.mark.bron("001, 'Bedragen'; interpretatie I-01: zonder bron een leemte, geen nul")
def test_standaard_weigert_de_nieuwe_school_na_verhuizing_in_een_jaar_zonder_tarief():
    with pytest.raises(OntbrekendeBron, match=r"schooljaar 2012-2013"):
        betaalschema(R, VERHUIZING, SJ_2012)


# --- verhuizing: de nieuwe school neemt over in 2012-2013 -----------------------------


@pytest.mark.bron("004 'Uitschrijving ...', slotalinea; 001 'Betaling'; I-101, I-102")
def test_nieuwe_school_na_verhuizing_krijgt_2012_2013_te_betalen_zonder_bedrag():
    s = betaalschema(R, VERHUIZING, SJ_2012, toon_zonder_bron=True)
    assert s.betalingen == ()
    assert not s.volledig
    # Vanaf de overname-1-augustus tot en met mei 2013 (de indicatie verloopt 31 mei 2013).
    verwacht = jaar(Maand(2012, 8), Maand(2013, 5))
    assert s.per_ontvanger_zonder_bron() == {"NIEUW": tuple(verwacht), "AB-NIEUW": tuple(verwacht)}
    per_maand = {(z.maand, z.ontvanger_id, z.deel) for z in s.zonder_bron}
    assert len(per_maand) == len(s.zonder_bron) == 4 * len(verwacht)
    assert {(z.deel, z.ontvanger, z.ontvanger_id) for z in s.zonder_bron} == {
        (Budgetdeel.SCHOOL_PERSONEEL, Ontvanger.SCHOOL, "NIEUW"),
        (Budgetdeel.SCHOOL_MATERIEEL, Ontvanger.SCHOOL, "NIEUW"),
        (Budgetdeel.AB_PERSONEEL, Ontvanger.AB_VERZORGER, "AB-NIEUW"),
        (Budgetdeel.AB_MATERIEEL, Ontvanger.AB_VERZORGER, "AB-NIEUW"),
    }
    z = s.zonder_bron[0]
    assert z.school == "NIEUW" and z.cvi_nummer == "CVI-1"
    assert "lgf.bedrag" in z.ontbreekt and "2012-2013" in z.ontbreekt
    assert z.wel_bekend == ("2009-08-01 t/m 2010-07-31", "2011-08-01 t/m 2012-07-31")
    assert "wel bekend" in z.fout


@pytest.mark.bron("003, eerste punt; 004 'Uitschrijving ...'; I-14, I-101")
def test_oude_school_blijft_niet_betaald_en_niet_zonder_bron_na_het_verhuisjaar():
    s = betaalschema(R, VERHUIZING, SJ_2012, toon_zonder_bron=True)
    oud = [st for st in s.statussen if st.school == "OUD"]
    assert len(oud) == 12
    assert all(not st.betaald and not st.zonder_bron for st in oud)
    assert all(st.reden.startswith("verhuisd") for st in oud)
    assert {z.school for z in s.zonder_bron} == {"NIEUW"}


@pytest.mark.bron("interpretatie I-101: de maandstatus zegt 'te betalen, bedrag onbekend'")
def test_maandstatus_zonder_bron_noemt_te_betalen_en_de_verhuizing():
    s = betaalschema(R, VERHUIZING, SJ_2012, toon_zonder_bron=True)
    nieuw = {st.maand: st for st in s.statussen if st.school == "NIEUW"}
    aug = nieuw[Maand(2012, 8)]
    assert aug.zonder_bron and not aug.betaald
    assert aug.reden.startswith("te betalen, bedrag onbekend: geen bron")
    assert "na verhuizing per 2011-10-31" in aug.reden
    assert {"I-101", "I-102", "I-14"} <= set(aug.interpretaties)
    # Na het einde van de indicatie gewoon 'niet betaald', geen leemte.
    juni = nieuw[Maand(2013, 6)]
    assert not juni.zonder_bron and not juni.betaald
    assert juni.reden.startswith("indicatie verlopen op 2013-05-31")


@pytest.mark.bron("interpretatie I-101: een maand zonder bron telt niet als nul")
def test_totalen_tellen_een_maand_zonder_bron_niet_als_nul():
    s = betaalschema(R, VERHUIZING, SJ_2012, toon_zonder_bron=True)
    assert s.totaal == Decimal(0) and s.per_ontvanger() == {}
    per_maand = s.per_maand()
    assert all(per_maand[m] is None for m in jaar(Maand(2012, 8), Maand(2013, 5)))
    assert per_maand[Maand(2013, 6)] == per_maand[Maand(2013, 7)] == Decimal(0)
    d = s.als_dict()
    assert d["volledig"] is False
    assert d["per_maand"]["2012-08"] == GEEN_BRON and d["per_maand"]["2013-06"] == "0"
    assert {z["bedrag"] for z in d["zonder_bron"]} == {GEEN_BRON}
    assert d["per_ontvanger_zonder_bron"]["AB-NIEUW"][0] == "2012-08"


@pytest.mark.bron("interpretaties I-101, I-102: de uitleg zegt het en noemt de lezing")
def test_uitleg_noemt_geen_bron_de_ontvangers_en_het_onvolledige_totaal():
    s = betaalschema(R, VERHUIZING, SJ_2012, toon_zonder_bron=True)
    (stap,) = [st for st in s.uitleg.stappen if st.regel == "betaling.zonder_bron"]
    assert stap.omschrijving.startswith("School NIEUW: 2012-08 t/m 2013-05: te betalen, bedrag")
    assert "NIEUW: school: personele deel" in stap.omschrijving
    assert "AB-NIEUW: ambulante begeleiding: personele deel" in stap.omschrijving
    assert "wel bekend: 2009-08-01 t/m 2010-07-31; 2011-08-01 t/m 2012-07-31" in stap.omschrijving
    assert stap.uitkomst == "bedrag onbekend (geen bron)"
    assert {"I-101", "I-102", "I-01", "I-14"} <= set(stap.interpretaties)
    totaal = s.uitleg.stappen[-1]
    assert totaal.regel == "betaling.maandverdeling"
    assert "onvolledig: 10 te betalen maanden zonder bron" in totaal.uitkomst
    assert "I-101" in totaal.interpretaties
    tekst = s.uitleg.als_tekst(R.interpretatietitels())
    assert "interpretatie I-101: Een te betalen maand zonder tarief" in tekst


@pytest.mark.bron("004 'Uitschrijving ...'; I-14: het verhuisjaar zelf heeft een bron")
def test_het_verhuisjaar_2011_2012_is_met_en_zonder_de_stand_gelijk():
    assert betaalschema(R, VERHUIZING, SJ_2011, toon_zonder_bron=True) == betaalschema(
        R, VERHUIZING, SJ_2011
    )


# --- een indicatie die in 2012-2013 doorloopt ------------------------------------------


@pytest.mark.bron("003, tweede punt: bekostiging de hele indicatieperiode; I-101")
def test_indicatie_die_doorloopt_in_2012_2013_geeft_twaalf_maanden_zonder_bron():
    with pytest.raises(OntbrekendeBron):
        betaalschema(R, [LG_2011], SJ_2012)
    s = betaalschema(R, [LG_2011], SJ_2012, toon_zonder_bron=True)
    assert s.maanden_zonder_bron() == tuple(SJ_2012.maanden())
    assert set(s.per_ontvanger_zonder_bron()) == {"12AB", "AB-3"}
    assert all(st.zonder_bron for st in s.statussen) and len(s.statussen) == 12
    assert all(st.reden.endswith("gemeld op 2011-09-20") for st in s.statussen)


@pytest.mark.bron("001 'Betaling' en tabellen 2011; I-101: met een bron verandert de stand niets")
def test_een_schooljaar_met_tarief_is_met_en_zonder_de_stand_gelijk():
    gewoon = betaalschema(R, [LG_2011], SJ_2011)
    getoond = betaalschema(R, [LG_2011], SJ_2011, toon_zonder_bron=True)
    assert getoond == gewoon and getoond.volledig and getoond.zonder_bron == ()
    assert getoond.als_dict()["volledig"] is True
    assert all(v is not None for v in getoond.per_maand().values())


@pytest.mark.bron("001 voetnoot *; 003 punt over formulier 66007; I-15, I-102")
def test_zml_aanvulling_zonder_bron_volgt_aanvraag_en_terugplaatsing():
    zml = replace(LG_2011, onderwijssoort=Onderwijssoort.ZML, groep=3)
    gebeurtenissen = [zml, ZmlAanvraag(date(2011, 10, 3)), TerugplaatsingGroep2(date(2012, 11, 15))]
    s = betaalschema(R, gebeurtenissen, SJ_2012, toon_zonder_bron=True)
    aanvulling = sorted({z.maand for z in s.zonder_bron if z.deel.is_zml_aanvulling})
    # De terugplaatsing stopt de aanvulling met ingang van de maand erna (december).
    assert aanvulling == jaar(Maand(2012, 8), Maand(2012, 11))
    assert {z.ontvanger_id for z in s.zonder_bron if z.deel.is_zml_aanvulling} == {"12AB"}
    assert s.maanden_zonder_bron() == tuple(SJ_2012.maanden())
    zonder_aanvraag = betaalschema(R, [zml], SJ_2012, toon_zonder_bron=True)
    assert not any(z.deel.is_zml_aanvulling for z in zonder_aanvraag.zonder_bron)


@pytest.mark.bron("003 tabel 2009-2010 (alleen cluster 3); I-101: bekend en onbekend apart")
def test_herindicatie_naar_een_ongeprijsde_soort_houdt_bekende_bedragen_apart():
    sj = Schooljaar(2009)
    lg = replace(
        LG_2011,
        meldingsdatum=date(2009, 8, 20),
        inschrijvingsdatum=date(2009, 8, 17),
        indicatiedatum=date(2009, 6, 1),
    )
    # Herindicatie als doof (cluster 2): 003 prijst in 2009-2010 alleen cluster 3.
    doof = replace(
        lg,
        meldingsdatum=date(2010, 1, 20),
        cvi_nummer="CVI-2",
        vorig_cvi_nummer=lg.cvi_nummer,
        indicatiedatum=date(2010, 1, 4),
        onderwijssoort=Onderwijssoort.DOOF,
    )
    with pytest.raises(OntbrekendeBron):
        betaalschema(R, [lg, doof], sj)
    s = betaalschema(R, [lg, doof], sj, toon_zonder_bron=True)
    betaald = sorted({b.maand for b in s.betalingen})
    assert betaald == jaar(Maand(2009, 9), Maand(2010, 1))
    assert s.maanden_zonder_bron() == tuple(jaar(Maand(2010, 2), Maand(2010, 7)))
    assert {z.cvi_nummer for z in s.zonder_bron} == {"CVI-2"}
    assert s.totaal == sum((b.bedrag for b in s.betalingen), Decimal(0)) > 0
    per_maand = s.per_maand()
    assert per_maand[Maand(2009, 8)] == Decimal(0)
    assert per_maand[Maand(2010, 1)] is not None and per_maand[Maand(2010, 2)] is None


@pytest.mark.bron("001 'Visueel gehandicapten'; I-102: zonder delen geen ontvangers")
def test_cluster1_in_het_sbao_blijft_ook_in_de_stand_een_fout():
    blind = replace(
        LG_2011,
        schoolsoort=Schoolsoort.SBAO,
        onderwijssoort=Onderwijssoort.BLIND,
        indicatie_einddatum=date(2014, 5, 31),  # cluster 1 kent geen CvI-termijn
    )
    with pytest.raises(OntbrekendeBron, match="cluster 1"):
        betaalschema(R, [blind], SJ_2011, toon_zonder_bron=True)


# --- budgetdelen: dezelfde delen als het jaarbudget ------------------------------------


def _situaties(schooljaar: Schooljaar):
    for soort in (Schoolsoort.BAO, Schoolsoort.SBAO, Schoolsoort.VO, Schoolsoort.MBO):
        for onderwijssoort, groep, zml_aanvraag, vo_variant, niveau, leerweg in itertools.product(
            Onderwijssoort,
            (None, 2, 3) if soort in (Schoolsoort.BAO, Schoolsoort.SBAO) else (None,),
            (None, True, False),
            tuple(VoVariant) if soort is Schoolsoort.VO else (None,),
            (MboNiveau.BASIS, MboNiveau.VAK) if soort is Schoolsoort.MBO else (None,),
            tuple(Leerweg) if soort is Schoolsoort.MBO else (None,),
        ):
            yield Situatie(
                schooljaar=schooljaar,
                schoolsoort=soort,
                onderwijssoort=onderwijssoort,
                groep=groep,
                vo_variant=vo_variant,
                mbo_niveau=niveau,
                leerweg=leerweg,
                zml_aanvraag=zml_aanvraag,
            )


@pytest.mark.bron("001 'Betaling' en tabellen 2011; 003 tabel 2009-2010; I-102")
@pytest.mark.parametrize("schooljaar", [Schooljaar(2009), SJ_2011])
def test_budgetdelen_zijn_de_delen_van_elk_geprijsd_jaarbudget(schooljaar: Schooljaar):
    geprijsd = 0
    for situatie in _situaties(schooljaar):
        try:
            budget = jaarbudget(R, situatie)
        except (OntbrekendeBron, NietToegestaan, OngeldigeInvoer):
            continue
        geprijsd += 1
        assert budgetdelen(situatie) == tuple(p.deel for p in budget.posten), situatie
    assert geprijsd > (100 if schooljaar == SJ_2011 else 10)


@pytest.mark.bron("001 'Betaling'; I-102: de delen van een jaar zonder tarief")
def test_budgetdelen_kent_de_delen_ook_zonder_tarief():
    zml = Situatie(SJ_2012, Schoolsoort.BAO, Onderwijssoort.ZML, groep=5)
    assert budgetdelen(zml) == (
        Budgetdeel.SCHOOL_PERSONEEL,
        Budgetdeel.SCHOOL_MATERIEEL,
        Budgetdeel.AB_PERSONEEL,
        Budgetdeel.AB_MATERIEEL,
        Budgetdeel.ZML_PERSONEEL,
        Budgetdeel.ZML_MATERIEEL,
    )
    vo = Situatie(SJ_2012, Schoolsoort.VO, Onderwijssoort.LG, vo_variant=VoVariant.OVERIG)
    assert [d.ontvanger for d in budgetdelen(vo)] == [
        Ontvanger.SCHOOL,
        Ontvanger.AB_VERZORGER,
        Ontvanger.AB_VERZORGER,
    ]
    with pytest.raises(OngeldigeInvoer, match="groep"):
        budgetdelen(Situatie(SJ_2012, Schoolsoort.BAO, Onderwijssoort.ZML))


# --- eigenschap: zonder tarief precies de maanden, ontvangers en delen van met tarief ------

TARIEFBESTANDEN = {
    "lgf-2011-2012.toml",
    "lgf-2009-2010-cluster3-po.toml",
    "cluster1-2011-2012.toml",
}
ZONDER_TARIEVEN = laad_regeling(
    alleen=[p for p in standaard_bestanden() if p.name not in TARIEFBESTANDEN]
)


def _zonder_bedrag(posten) -> list[tuple[object, ...]]:
    return sorted(
        (str(p.maand), p.school, p.cvi_nummer, p.ontvanger_id, p.ontvanger.value, p.deel.value)
        for p in posten
    )


@pytest.mark.bron("001 'Betaling'; 003; 004; interpretaties I-101, I-102 voor elke geschiedenis")
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(leerlingjaren())
def test_zonder_tarieven_staan_precies_de_betalingen_zonder_bedrag_in_het_schema(geval):
    sj, rij, verloop = geval
    assume(_geldig(rij, sj))
    gebeurtenissen = als_gebeurtenissen(rij, verloop)
    met = betaalschema(R, gebeurtenissen, sj, geboortedatum=rij.geboortedatum)
    zonder = betaalschema(
        ZONDER_TARIEVEN, gebeurtenissen, sj, geboortedatum=rij.geboortedatum, toon_zonder_bron=True
    )
    assert zonder.betalingen == () and zonder.totaal == 0
    assert _zonder_bedrag(zonder.zonder_bron) == _zonder_bedrag(met.betalingen)
    assert zonder.volledig == (not met.betalingen)
    betaald = {(s.maand, s.school) for s in met.statussen if s.betaald}
    assert {(s.maand, s.school) for s in zonder.statussen if s.zonder_bron} == betaald
    assert not any(s.betaald for s in zonder.statussen)
    per_maand = zonder.per_maand()
    for m in sj.maanden():
        assert (per_maand[m] is None) == (m in {b.maand for b in met.betalingen})
