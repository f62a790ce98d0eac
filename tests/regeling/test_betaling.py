"""Het betaalschema uit gebeurtenissen: elke regel met de kleinste geschiedenis die hem toont."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from rugzak.regeling.begrippen import Budgetdeel, Onderwijssoort, Ontvanger, Schoolsoort, VoVariant
from rugzak.regeling.fouten import OngeldigeInvoer, OntbrekendeBron
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import (
    Groepsovergang,
    TerugplaatsingGroep2,
    Uitschrijving,
    ZmlAanvraag,
    betaalschema,
    maandbedragen,
)
from rugzak.regeling.regels.melding import Melding
from rugzak.regeling.tijd import Maand, Schooljaar

R = standaard_regeling()
SJ = Schooljaar(2011)

LG = Melding(
    meldingsdatum=date(2011, 9, 20),
    school="12AB",
    schoolsoort=Schoolsoort.BAO,
    inschrijvingsdatum=date(2011, 8, 22),
    cvi_nummer="CVI-1",
    indicatiedatum=date(2011, 6, 1),
    onderwijssoort=Onderwijssoort.LG,
    ab_verzorger="AB-3",
    groep=4,
)


def maanden(schema, school=None, ontvanger=None):
    return sorted(
        {
            b.maand
            for b in schema.betalingen
            if (school is None or b.school == school)
            and (ontvanger is None or b.ontvanger_id == ontvanger)
        }
    )


@pytest.mark.bron("000, 'Aanvragen', laatste punt; 001, 'Betaling'; 002, hoofdstuk 6")
def test_betaling_begint_in_de_maand_na_de_melding():
    s = betaalschema(R, [LG], SJ)
    assert maanden(s)[0] == Maand(2011, 10)
    assert maanden(s)[-1] == Maand(2012, 7)
    op_de_eerste = betaalschema(R, [replace(LG, meldingsdatum=date(2011, 9, 1))], SJ)
    assert maanden(op_de_eerste)[0] == Maand(2011, 10)
    eind_augustus = betaalschema(R, [replace(LG, meldingsdatum=date(2011, 8, 31))], SJ)
    assert maanden(eind_augustus)[0] == Maand(2011, 9)


@pytest.mark.bron("001, 'Betaling': schooldeel naar de school, AB-deel naar de AB-verzorger")
def test_schooldeel_naar_school_en_ab_deel_naar_ab_verzorger():
    s = betaalschema(
        R, [replace(LG, meldingsdatum=date(2011, 7, 15), inschrijvingsdatum=date(2011, 7, 1))], SJ
    )
    assert s.per_ontvanger() == {
        "12AB": Decimal("6098.02") + 979,
        "AB-3": Decimal("4286.81") + 501,
    }
    assert all(b.school == "12AB" for b in s.betalingen)
    ab = {b.deel for b in s.betalingen if b.ontvanger is Ontvanger.AB_VERZORGER}
    assert ab == {Budgetdeel.AB_PERSONEEL, Budgetdeel.AB_MATERIEEL}


@pytest.mark.bron("interpretatie I-11: maandverdeling in hele centen")
def test_twaalf_maanden_zijn_precies_het_jaarbedrag_en_verschillen_hooguit_een_cent():
    for bedrag in ("12523.63", "1096", "0.05", "4963.99", "6372.91"):
        m = maandbedragen(Decimal(bedrag))
        assert sum(m) == Decimal(bedrag)
        assert max(m) - min(m) <= Decimal("0.01")
    with pytest.raises(OngeldigeInvoer):
        maandbedragen(Decimal("1.005"))


@pytest.mark.bron("003, tweede punt onder de tabel: tenzij de leerling wordt uitgeschreven")
def test_uitschrijving_stopt_na_de_maand_van_de_laatste_schooldag():
    halverwege = betaalschema(R, [LG, Uitschrijving(date(2012, 3, 15), "12AB")], SJ)
    assert maanden(halverwege)[-1] == Maand(2012, 3)
    op_de_eerste = betaalschema(R, [LG, Uitschrijving(date(2012, 3, 1), "12AB")], SJ)
    assert maanden(op_de_eerste)[-1] == Maand(2012, 2)
    assert any("uitgeschreven" in st.reden for st in op_de_eerste.statussen)


@pytest.mark.bron("003, 'Rugzak - AB (RAB)': duur van de indicatie; interpretatie I-13")
def test_na_afloop_van_de_indicatie_stopt_de_betaling():
    # LG: drie jaar; indicatie 2009-02-20 loopt t/m 2012-02-19
    m = replace(
        LG,
        indicatiedatum=date(2009, 2, 20),
        meldingsdatum=date(2009, 3, 1),
        inschrijvingsdatum=date(2008, 8, 18),
    )
    s = betaalschema(R, [m], SJ)
    assert maanden(s) == [Maand(2011, 8).plus(i) for i in range(7)]  # aug t/m feb
    assert any("indicatie verlopen op 2012-02-19" in st.reden for st in s.statussen)


@pytest.mark.bron("003 punt 'Na drie/vier jaar ... meldt de school dit bij de CFI'")
def test_herindicatie_loopt_verder_vanaf_de_maand_na_de_nieuwe_melding():
    oud = replace(
        LG,
        indicatiedatum=date(2009, 2, 20),
        meldingsdatum=date(2009, 3, 1),
        inschrijvingsdatum=date(2008, 8, 18),
    )
    nieuw = replace(
        oud,
        cvi_nummer="CVI-2",
        indicatiedatum=date(2012, 2, 10),
        meldingsdatum=date(2012, 3, 12),
        vorig_cvi_nummer="CVI-1",
    )
    s = betaalschema(R, [oud, nieuw], SJ)
    assert Maand(2012, 3) not in maanden(s)
    assert maanden(s)[-1] == Maand(2012, 7)
    assert {b.cvi_nummer for b in s.betalingen if b.maand >= Maand(2012, 4)} == {"CVI-2"}


@pytest.mark.bron("003 eerste punt; 004 'Uitschrijving ...': verhuizing; interpretatie I-14")
def test_verhuizing_rest_van_het_schooljaar_bij_oude_school_nieuwe_vanaf_1_augustus():
    nieuw = replace(
        LG,
        school="34CD",
        ab_verzorger="AB-4",
        inschrijvingsdatum=date(2012, 2, 6),
        meldingsdatum=date(2012, 2, 20),
        vorige_school="12AB",
    )
    dit_jaar = betaalschema(R, [LG, nieuw], SJ)
    assert maanden(dit_jaar, school="12AB")[-1] == Maand(2012, 7)
    assert maanden(dit_jaar, school="34CD") == []
    assert any("pas vanaf 1 augustus" in st.reden for st in dit_jaar.statussen)
    assert any("I-14" in s.alle_interpretaties() for s in dit_jaar.uitleg.stappen)


@pytest.mark.bron("004 'Uitschrijving ...': nieuwe school vanaf 1 augustus volgend op inschrijving")
def test_verhuizing_in_de_zomer_nieuwe_school_vanaf_1_augustus_na_eigen_melding():
    vorig = replace(LG, inschrijvingsdatum=date(2010, 8, 23), meldingsdatum=date(2010, 9, 1))
    nieuw = replace(
        LG,
        school="34CD",
        ab_verzorger="AB-4",
        inschrijvingsdatum=date(2011, 8, 1),
        meldingsdatum=date(2011, 8, 10),
        vorige_school="12AB",
    )
    s = betaalschema(R, [vorig, nieuw], SJ)
    assert maanden(s, school="12AB") == []
    assert maanden(s, school="34CD")[0] == Maand(2011, 9)
    assert set(maanden(s, ontvanger="AB-4")) == set(maanden(s, school="34CD"))


@pytest.mark.bron("003, punt over formulier 66007: eenmalige aanvraag en terugplaatsing")
def test_zml_aanvulling_vanaf_maand_na_aanvraag_tot_maand_van_terugplaatsing():
    zml = replace(LG, onderwijssoort=Onderwijssoort.ZML, groep=3, meldingsdatum=date(2011, 7, 20))
    s = betaalschema(
        R, [zml, ZmlAanvraag(date(2011, 10, 3)), TerugplaatsingGroep2(date(2012, 1, 15))], SJ
    )
    aanvulling = sorted({b.maand for b in s.betalingen if b.deel.is_zml_aanvulling})
    assert aanvulling == [Maand(2011, 11), Maand(2011, 12), Maand(2012, 1)]
    # zonder aanvraag geen aanvulling, ook al hoort die bij het jaarbudget
    zonder = betaalschema(R, [zml], SJ)
    assert not any(b.deel.is_zml_aanvulling for b in zonder.betalingen)


@pytest.mark.bron("003, punt over formulier 66007: daarna elk schooljaar automatisch")
def test_zml_aanvulling_loopt_na_groepsovergang_naar_groep_3_door():
    zml = replace(
        LG,
        onderwijssoort=Onderwijssoort.ZML,
        groep=2,
        meldingsdatum=date(2010, 9, 1),
        inschrijvingsdatum=date(2010, 8, 20),
        indicatiedatum=date(2010, 6, 1),
    )
    s = betaalschema(
        R, [zml, Groepsovergang(date(2011, 8, 1), 3), ZmlAanvraag(date(2011, 6, 20))], SJ
    )
    aanvulling = sorted({b.maand for b in s.betalingen if b.deel.is_zml_aanvulling})
    assert aanvulling == list(SJ.maanden())
    assert sum(b.bedrag for b in s.betalingen if b.deel.is_zml_aanvulling) == Decimal("6668.91")


@pytest.mark.bron("003, laatste punt RAB: de leerling moet 4 jaar zijn; interpretatie I-23")
def test_geen_betaling_voor_de_maand_waarin_de_leerling_nog_geen_4_is():
    m = replace(LG, groep=1, meldingsdatum=date(2011, 7, 1))
    s = betaalschema(R, [m], SJ, geboortedatum=date(2007, 10, 15))
    assert maanden(s)[0] == Maand(2011, 11)
    s = betaalschema(R, [m], SJ, geboortedatum=date(2007, 10, 1))
    assert maanden(s)[0] == Maand(2011, 10)


@pytest.mark.bron("001, tabellen per schooljaar; een leemte is een fout")
def test_schooljaar_zonder_tarieven_geeft_fout_zodra_er_iets_te_betalen_valt():
    with pytest.raises(OntbrekendeBron):
        betaalschema(
            R,
            [
                replace(
                    LG,
                    indicatiedatum=date(2010, 6, 1),
                    meldingsdatum=date(2010, 9, 1),
                    inschrijvingsdatum=date(2010, 8, 20),
                )
            ],
            Schooljaar(2010),
        )
    # zonder te betalen maand (nog niet gemeld) geen fout
    leeg = betaalschema(R, [LG], Schooljaar(2010))
    assert leeg.betalingen == ()


@pytest.mark.bron("004 'Uitschrijving ...': een uitschrijving vraagt een lopende inschrijving")
def test_uitschrijving_zonder_inschrijving_wordt_geweigerd():
    with pytest.raises(OngeldigeInvoer, match=r"uitschrijving\.school"):
        betaalschema(R, [LG, Uitschrijving(date(2012, 1, 1), "99ZZ")], SJ)


def test_uitleg_vat_maanden_samen_met_reden_en_bron():
    s = betaalschema(R, [LG, Uitschrijving(date(2012, 3, 15), "12AB")], SJ)
    tekst = s.uitleg.als_tekst(R.interpretatietitels())
    assert "2011-10 t/m 2012-03: betaald" in tekst
    assert "niet betaald (uitgeschreven per 2012-03-15)" in tekst
    assert "I-11" in tekst and "001, paragraaf 'Betaling'" in tekst
    assert s.als_dict()["totaal"] == str(s.totaal)


def test_vo_melding_zonder_groep_betaalt_vo_bedragen():
    vo = replace(
        LG,
        schoolsoort=Schoolsoort.VO,
        groep=None,
        leerjaar=1,
        vo_variant=VoVariant.PRO_LWOO,
        meldingsdatum=date(2011, 7, 1),
        inschrijvingsdatum=date(2011, 7, 1),
    )
    s = betaalschema(R, [vo], SJ)
    assert s.per_ontvanger()["12AB"] == Decimal("1628.45")
