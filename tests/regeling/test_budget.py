"""Het jaarbudget: per deel, per ontvanger, met uitleg, en leemtes als fout."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rugzak.regeling.begrippen import (
    Budgetdeel,
    Leerweg,
    MboNiveau,
    Onderwijssoort,
    Ontvanger,
    Regelingsoort,
    Schoolsoort,
    VoVariant,
)
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer, OntbrekendeBron
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.budget import Situatie, jaarbudget
from rugzak.regeling.tijd import Schooljaar

R = standaard_regeling()
SJ11 = Schooljaar(2011)
SJ09 = Schooljaar(2009)


def budget(**kw):
    return jaarbudget(R, Situatie(**kw))


@pytest.mark.bron("001, bao-tabel 2011, rij 'cluster 2: dove kinderen'; 001, 'Betaling'")
def test_bao_doof_2011_schooldeel_naar_school_ab_deel_naar_ab_verzorger():
    b = budget(
        schooljaar=SJ11, schoolsoort=Schoolsoort.BAO, onderwijssoort=Onderwijssoort.DOOF, groep=5
    )
    assert b.regelingsoort is Regelingsoort.LGF
    assert b.per_ontvanger() == {
        Ontvanger.SCHOOL: Decimal("12523.63") + Decimal("1096"),
        Ontvanger.AB_VERZORGER: Decimal("11161.42") + Decimal("1417"),
    }
    assert b.totaal == Decimal("26198.05")


@pytest.mark.bron("001, voetnoot * bij de bao-tabel")
def test_zml_aanvulling_hoort_bij_budget_vanaf_groep_3_in_bao():
    groep2 = budget(
        schooljaar=SJ11, schoolsoort=Schoolsoort.BAO, onderwijssoort=Onderwijssoort.ZML, groep=2
    )
    groep3 = budget(
        schooljaar=SJ11, schoolsoort=Schoolsoort.BAO, onderwijssoort=Onderwijssoort.ZML, groep=3
    )
    assert groep2.bedrag(Budgetdeel.ZML_PERSONEEL) == 0
    assert groep3.bedrag(Budgetdeel.ZML_PERSONEEL) == Decimal("6372.91")
    assert groep3.bedrag(Budgetdeel.ZML_MATERIEEL) == Decimal("296")
    assert groep3.totaal - groep2.totaal == Decimal("6668.91")


@pytest.mark.bron("003, rij 'ZMLK Groep 3 t/m 8': 'Geldt niet voor speciaal basis onderwijs'")
def test_zml_aanvulling_niet_in_speciaal_basisonderwijs():
    b = budget(
        schooljaar=SJ09, schoolsoort=Schoolsoort.SBAO, onderwijssoort=Onderwijssoort.ZML, groep=6
    )
    assert b.bedrag(Budgetdeel.ZML_PERSONEEL) == 0
    assert any("niet in het speciaal basisonderwijs" in s.omschrijving for s in b.uitleg.stappen)


@pytest.mark.bron("003, tabel 'Primair Onderwijs' 2009-2010, rij 'ZMLK Groep 3 t/m 8'")
def test_zml_groep_3_in_2009_geeft_de_sommen_uit_de_bron():
    b = budget(
        schooljaar=SJ09, schoolsoort=Schoolsoort.BAO, onderwijssoort=Onderwijssoort.ZML, groep=3
    )
    assert b.bedrag(Budgetdeel.SCHOOL_PERSONEEL) + b.bedrag(Budgetdeel.ZML_PERSONEEL) == Decimal(
        "12237.42"
    )
    assert b.bedrag(Budgetdeel.SCHOOL_MATERIEEL) + b.bedrag(Budgetdeel.ZML_MATERIEEL) == 1197
    # het 'her te besteden' bedrag gaat naar het REC (AB-verzorger)
    assert b.per_ontvanger()[Ontvanger.AB_VERZORGER] == Decimal("4858.09") + 342


@pytest.mark.bron("003, kolomkop '(s)bao'; interpretatie I-02")
def test_2009_tabel_geldt_ook_voor_sbao():
    b = budget(
        schooljaar=SJ09, schoolsoort=Schoolsoort.SBAO, onderwijssoort=Onderwijssoort.LG, groep=4
    )
    assert b.bedrag(Budgetdeel.SCHOOL_PERSONEEL) == Decimal("5961.39")
    assert "I-02" in b.uitleg.interpretaties()


@pytest.mark.bron("001, vo-tabel: schooldeel verschilt voor PRO/LWOO en overig VO")
def test_vo_schooldeel_is_een_bedrag_en_hangt_af_van_variant():
    pro = budget(
        schooljaar=SJ11,
        schoolsoort=Schoolsoort.VO,
        onderwijssoort=Onderwijssoort.LG,
        vo_variant=VoVariant.PRO_LWOO,
    )
    overig = budget(
        schooljaar=SJ11,
        schoolsoort=Schoolsoort.VO,
        onderwijssoort=Onderwijssoort.LG,
        vo_variant=VoVariant.OVERIG,
    )
    assert pro.bedrag(Budgetdeel.SCHOOL_PERSONEEL_MATERIEEL) == Decimal("1628.45")
    assert overig.bedrag(Budgetdeel.SCHOOL_PERSONEEL_MATERIEEL) == Decimal("3227.31")
    assert pro.per_ontvanger()[Ontvanger.AB_VERZORGER] == Decimal("4552.84") + 413


@pytest.mark.bron("001, vo-tabel: geen rij voor ernstige spraakmoeilijkheden")
def test_vo_met_ernstige_spraakmoeilijkheden_is_ongeprijsd_en_geeft_fout():
    with pytest.raises(OntbrekendeBron, match="ernstige spraakmoeilijkheden"):
        budget(
            schooljaar=SJ11,
            schoolsoort=Schoolsoort.VO,
            onderwijssoort=Onderwijssoort.ESM,
            vo_variant=VoVariant.OVERIG,
        )


@pytest.mark.bron("003, alleen cluster 3 in 2009-2010; interpretatie I-03")
def test_cluster_2_in_2009_is_ongeprijsd_geen_terugval_op_2011():
    with pytest.raises(OntbrekendeBron, match=r"2009-2010.*wel bekend: 2011-08-01"):
        budget(
            schooljaar=SJ09,
            schoolsoort=Schoolsoort.BAO,
            onderwijssoort=Onderwijssoort.DOOF,
            groep=3,
        )


@pytest.mark.bron("001, tabellen per 1 augustus 2011; interpretatie I-01")
def test_schooljaar_zonder_tarieven_geeft_fout():
    for jaar in (2003, 2010, 2012, 2013):
        with pytest.raises(OntbrekendeBron):
            budget(
                schooljaar=Schooljaar(jaar),
                schoolsoort=Schoolsoort.BAO,
                onderwijssoort=Onderwijssoort.LG,
                groep=4,
            )


@pytest.mark.bron("001, mbo-tabellen; interpretaties I-07, I-08")
def test_mbo_leerweg_en_niveau_kiezen_tabel_en_kolom():
    bol = budget(
        schooljaar=SJ11,
        schoolsoort=Schoolsoort.MBO,
        onderwijssoort=Onderwijssoort.DOOF,
        mbo_niveau=MboNiveau.BASIS,
        leerweg=Leerweg.BOL_VOLTIJD,
    )
    bbl = budget(
        schooljaar=SJ11,
        schoolsoort=Schoolsoort.MBO,
        onderwijssoort=Onderwijssoort.DOOF,
        mbo_niveau=MboNiveau.MIDDEN,
        leerweg=Leerweg.BBL,
    )
    assert bol.bedrag(Budgetdeel.SCHOOL_PERSONEEL_MATERIEEL) == Decimal("2410")
    assert bol.bedrag(Budgetdeel.AB_PERSONEEL) == Decimal("5159.87")
    assert bbl.bedrag(Budgetdeel.SCHOOL_PERSONEEL_MATERIEEL) == Decimal("2085")
    assert bbl.bedrag(Budgetdeel.AB_MATERIEEL) == Decimal("373")
    mg = budget(
        schooljaar=SJ11,
        schoolsoort=Schoolsoort.MBO,
        onderwijssoort=Onderwijssoort.MG_DOOF_ZML,
        mbo_niveau=MboNiveau.VAK,
        leerweg=Leerweg.BOL_DEELTIJD,
    )
    assert mg.bedrag(Budgetdeel.AB_MATERIEEL) == Decimal("183")
    assert "I-07" in mg.uitleg.interpretaties()


@pytest.mark.bron("004, slotalinea AB/PAB: geen LGF in het mbo in 2003; interpretatie I-05")
def test_mbo_in_2003_niet_toegestaan_en_in_2005_onbekend():
    with pytest.raises(NietToegestaan, match="TAB"):
        budget(
            schooljaar=Schooljaar(2003),
            schoolsoort=Schoolsoort.MBO,
            onderwijssoort=Onderwijssoort.LG,
            mbo_niveau=MboNiveau.BASIS,
            leerweg=Leerweg.BOL_VOLTIJD,
        )
    with pytest.raises(OntbrekendeBron, match="mbo"):
        budget(
            schooljaar=Schooljaar(2005),
            schoolsoort=Schoolsoort.MBO,
            onderwijssoort=Onderwijssoort.LG,
            mbo_niveau=MboNiveau.BASIS,
            leerweg=Leerweg.BOL_VOLTIJD,
        )


@pytest.mark.bron("003, laatste punt RAB: alleen regulier onderwijs")
def test_geen_lgf_in_speciaal_onderwijs():
    with pytest.raises(NietToegestaan, match="regulier"):
        budget(schooljaar=SJ11, schoolsoort=Schoolsoort.SO, onderwijssoort=Onderwijssoort.LG)


@pytest.mark.bron("001, 'Visueel gehandicapten'; 004, 'Cluster 1'")
def test_cluster_1_is_eigen_regeling_en_zo_gelabeld():
    b = budget(
        schooljaar=SJ11, schoolsoort=Schoolsoort.BAO, onderwijssoort=Onderwijssoort.BLIND, groep=3
    )
    assert b.regelingsoort is Regelingsoort.CLUSTER1
    assert b.bedrag(Budgetdeel.CLUSTER1_PERSONEEL) == Decimal("12432.02")
    assert b.bedrag(Budgetdeel.CLUSTER1_MATERIEEL) == Decimal("1233.63")
    vo = budget(
        schooljaar=SJ11,
        schoolsoort=Schoolsoort.VO,
        onderwijssoort=Onderwijssoort.SLECHTZIEND,
        vo_variant=VoVariant.OVERIG,
    )
    assert vo.totaal == Decimal("3150")
    bbl = budget(
        schooljaar=SJ11,
        schoolsoort=Schoolsoort.MBO,
        onderwijssoort=Onderwijssoort.BLIND,
        mbo_niveau=MboNiveau.BASIS,
        leerweg=Leerweg.BBL,
    )
    assert bbl.totaal == Decimal("2080")
    with pytest.raises(OntbrekendeBron):
        budget(
            schooljaar=SJ11,
            schoolsoort=Schoolsoort.MBO,
            onderwijssoort=Onderwijssoort.BLIND,
            mbo_niveau=MboNiveau.BASIS,
            leerweg=Leerweg.BOL_DEELTIJD,
        )


@pytest.mark.bron("001, voetnoot ** bij de vo-tabel; interpretatie I-18")
def test_down_aanvulling_in_vo_heeft_geen_bedrag_in_de_bronnen():
    with pytest.raises(OntbrekendeBron, match="syndroom van Down"):
        budget(
            schooljaar=SJ11,
            schoolsoort=Schoolsoort.VO,
            onderwijssoort=Onderwijssoort.ZML,
            vo_variant=VoVariant.OVERIG,
            down_aanvulling=True,
        )


def test_ontbrekende_groep_bij_zml_in_bao_noemt_het_veld_en_de_toegestane_waarden():
    with pytest.raises(OngeldigeInvoer) as e:
        budget(schooljaar=SJ11, schoolsoort=Schoolsoort.BAO, onderwijssoort=Onderwijssoort.ZML)
    assert e.value.veld == "groep"
    assert "ontbreekt" in str(e.value) and "8" in str(e.value)
    with pytest.raises(OngeldigeInvoer, match="groep"):
        Situatie(
            schooljaar=SJ11, schoolsoort=Schoolsoort.BAO, onderwijssoort=Onderwijssoort.LG, groep=9
        )


def test_uitleg_noemt_elke_gelezen_tabelcel_met_bron():
    b = budget(
        schooljaar=SJ11,
        schoolsoort=Schoolsoort.SBAO,
        onderwijssoort=Onderwijssoort.MG_LG_ZML,
        groep=4,
    )
    gelezen = [g for s in b.uitleg.stappen for g in s.gelezen]
    assert len(gelezen) == len(b.posten) == 4
    for g in gelezen:
        assert g.bron.document == "001" and g.bron.rij and g.bron.kolom
    assert "I-25" in b.uitleg.interpretaties()
    tekst = b.uitleg.als_tekst(R.interpretatietitels())
    assert "€ 8.488,94" in tekst and "I-25" in tekst
    d = b.als_dict()
    assert d["totaal"] == str(b.totaal)
    assert d["uitleg"]["stappen"][1]["gelezen"][0]["bron"]["document"] == "001"


@pytest.mark.bron("001, voetnoot * bij de tabel voor het basisonderwijs")
@pytest.mark.parametrize(
    ("schoolsoort", "onderwijssoort"),
    [
        (Schoolsoort.BAO, Onderwijssoort.LG),
        (Schoolsoort.BAO, Onderwijssoort.DOOF),
        (Schoolsoort.SBAO, Onderwijssoort.ZML),
        (Schoolsoort.SBAO, Onderwijssoort.LG),
    ],
)
def test_groep_is_niet_nodig_waar_het_bedrag_niet_van_de_groep_afhangt(schoolsoort, onderwijssoort):
    zonder = budget(schooljaar=SJ11, schoolsoort=schoolsoort, onderwijssoort=onderwijssoort)
    for groep in (1, 3, 8):
        met = budget(
            schooljaar=SJ11, schoolsoort=schoolsoort, onderwijssoort=onderwijssoort, groep=groep
        )
        assert met.posten == zonder.posten


def test_zml_aanvraag_nee_laat_de_aanvulling_weg_en_zegt_waarom():
    def zml(aanvraag):
        return budget(
            schooljaar=SJ11,
            schoolsoort=Schoolsoort.BAO,
            onderwijssoort=Onderwijssoort.ZML,
            groep=4,
            zml_aanvraag=aanvraag,
        )

    onbekend, ja, nee = zml(None), zml(True), zml(False)
    assert onbekend.posten == ja.posten
    assert ja.bedrag(Budgetdeel.ZML_PERSONEEL) == Decimal("6372.91")
    assert nee.bedrag(Budgetdeel.ZML_PERSONEEL) == 0
    assert ja.totaal - nee.totaal == Decimal("6668.91")
    assert "niet aangevraagd" in nee.uitleg.als_tekst()
    assert "aanvraag is gedaan" in ja.uitleg.als_tekst()


def test_totaal_per_deel_telt_de_zml_aanvulling_bij_het_schooldeel():
    b = budget(
        schooljaar=SJ11, schoolsoort=Schoolsoort.BAO, onderwijssoort=Onderwijssoort.ZML, groep=4
    )
    per_deel = b.per_deel()
    assert per_deel[Budgetdeel.SCHOOL_PERSONEEL] == Decimal("6098.02") + Decimal("6372.91")
    assert per_deel[Budgetdeel.SCHOOL_MATERIEEL] == Decimal("923") + Decimal("296")
    assert Budgetdeel.ZML_PERSONEEL not in per_deel
    assert sum(per_deel.values()) == b.totaal
    assert b.als_dict()["per_deel"]["school_personeel"] == "12470.93"
