"""Services van overeenkomst, handelingsplan, instemming en evaluaties (002, fase 11a en
13, bijlage 2), met de geweigerde overgangen en dat die niets schrijven."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from rugzak.gedeeld.fouten import GeenToegang, GelijktijdigeWijziging
from rugzak.handelingsplannen import services as hp
from rugzak.handelingsplannen.models import Evaluatie, HandelingsplanOvergang
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import termijnen as regels
from rugzak.regeling.regels.termijnen import Termijnstatus
from rugzak.regeling.tijd import Schooljaar
from rugzak.termijnregister import termijnen_voor

from .toelating_opbouw import maak_aanmelding, velden, weigert_zonder_schrijven

PLAATSING = date(2012, 1, 9)


@pytest.fixture
def a(wereld):
    return maak_aanmelding(wereld)


@pytest.fixture
def zaak11a(a):
    return a.zaak_in("11a", plaatsingsdatum=PLAATSING, verzoek_op=date(2011, 9, 1))


@pytest.fixture
def zaak13(a):
    return a.zaak_in("13", plaatsingsdatum=PLAATSING, verzoek_op=date(2011, 9, 1))


def _overeenkomst(zaak, door, **extra):
    gegevens = {
        "groep": 3,
        "looptijd_van": PLAATSING,
        "looptijd_tot": date(2012, 7, 31),
        "inzet_budget": "onderwijsassistent 8 uur",
        "verplichtingen": "school: handelingsplan; ouders: oefenen thuis",
    }
    gegevens.update(extra)
    return hp.overeenkomst_opstellen(door=door, zaak=zaak, **gegevens)


# --- overeenkomst -------------------------------------------------------------------------------


@pytest.mark.bron("002, bijlage 2")
def test_de_overeenkomst_legt_de_inhoud_uit_bijlage_2_vast(zaak11a, wereld):
    o = _overeenkomst(
        zaak11a,
        wereld.ib_a,
        extra_evaluatiemomenten=[date(2012, 2, 20)],
        verdere_afspraken="verslagen naar school",
        inzet_pgb="verzorging uit het PGB",
    )
    assert (o.toestand, o.groep, o.extra_evaluatiemomenten) == ("concept", 3, ["2012-02-20"])
    assert o.overgangen.get().naar == "concept"


def test_een_overeenkomst_hoort_bij_fase_11a(a, wereld):
    zaak = a.zaak_in("10a", plaatsingsdatum=PLAATSING, verzoek_op=date(2011, 9, 1))
    fout = weigert_zonder_schrijven(_overeenkomst, zaak=zaak, door=wereld.ib_a)
    assert "toestand" in velden(fout)


def test_de_overeenkomst_noemt_elk_ontbrekend_of_fout_veld(zaak11a, wereld):
    fout = weigert_zonder_schrijven(
        _overeenkomst,
        zaak=zaak11a,
        door=wereld.ib_a,
        groep=None,
        leerjaar=2,
        inzet_budget="",
        verplichtingen=" ",
        extra_evaluatiemomenten=[date(2012, 9, 1)],
    )
    assert velden(fout) == {
        "groep",
        "leerjaar",
        "inzet_budget",
        "verplichtingen",
        "extra_evaluatiemomenten",
    }


def test_een_teamlid_stelt_geen_overeenkomst_op(zaak11a, wereld):
    weigert_zonder_schrijven(_overeenkomst, fout=GeenToegang, zaak=zaak11a, door=wereld.teamlid_a)


@pytest.mark.bron("002, fase 11a")
def test_school_en_ouders_tekenen_en_dan_is_de_overeenkomst_ondertekend(zaak11a, wereld, a):
    o = _overeenkomst(zaak11a, wereld.ib_a)
    weigert_zonder_schrijven(
        hp.overeenkomst_ondertekenen_school,
        fout=GeenToegang,
        obj=o,
        door=wereld.ib_a,
        overeenkomst=o,
        versie=o.versie,
        getekend_op=date(2012, 1, 3),
    )
    o = hp.overeenkomst_ondertekenen_school(
        door=wereld.directie_a, overeenkomst=o, versie=o.versie, getekend_op=date(2012, 1, 3)
    )
    assert (o.toestand, o.school_getekend_door) == ("getekend_school", wereld.directie_a)
    fout = weigert_zonder_schrijven(
        hp.overeenkomst_wijzigen,
        obj=o,
        door=wereld.ib_a,
        overeenkomst=o,
        versie=o.versie,
        wijzigingen={"groep": 4},
    )
    assert "toestand" in velden(fout)
    fout = weigert_zonder_schrijven(
        hp.overeenkomst_ondertekenen_school,
        obj=o,
        door=wereld.directie_a,
        overeenkomst=o,
        versie=o.versie,
        getekend_op=date(2012, 1, 4),
    )
    assert "school_getekend_op" in velden(fout)
    o = hp.overeenkomst_ondertekenen_ouders(
        door=a.ouder, overeenkomst=o, versie=o.versie, getekend_op=date(2012, 1, 5)
    )
    assert (o.toestand, o.ouders_getekend_door, o.ouders_getekend_naam) == (
        "ondertekend",
        a.ouder,
        a.ouder.weergavenaam,
    )
    assert [r.naar for r in o.overgangen.order_by("id")] == [
        "concept",
        "getekend_school",
        "ondertekend",
    ]


def test_de_school_legt_een_handtekening_op_papier_vast_met_de_naam_van_de_ouder(zaak11a, wereld):
    o = _overeenkomst(zaak11a, wereld.ib_a)
    fout = weigert_zonder_schrijven(
        hp.overeenkomst_ondertekenen_ouders,
        obj=o,
        door=wereld.ib_a,
        overeenkomst=o,
        versie=o.versie,
        getekend_op=date(2012, 1, 5),
    )
    assert "naam" in velden(fout)
    o = hp.overeenkomst_ondertekenen_ouders(
        door=wereld.ib_a,
        overeenkomst=o,
        versie=o.versie,
        getekend_op=date(2012, 1, 5),
        naam="M. de Vries",
    )
    assert (o.toestand, o.ouders_getekend_door, o.ouders_getekend_naam) == (
        "getekend_ouders",
        None,
        "M. de Vries",
    )


def test_een_andere_ouder_tekent_niet(zaak11a, wereld):
    o = _overeenkomst(zaak11a, wereld.ib_a)
    weigert_zonder_schrijven(
        hp.overeenkomst_ondertekenen_ouders,
        fout=GeenToegang,
        obj=o,
        door=wereld.ouder_a,
        overeenkomst=o,
        versie=o.versie,
        getekend_op=date(2012, 1, 5),
    )


def test_een_concept_wordt_gewijzigd_met_de_gelezen_versie(zaak11a, wereld):
    o = _overeenkomst(zaak11a, wereld.ib_a)
    o = hp.overeenkomst_wijzigen(
        door=wereld.ib_a, overeenkomst=o, versie=o.versie, wijzigingen={"groep": 4}
    )
    assert (o.groep, o.versie) == (4, 2)
    weigert_zonder_schrijven(
        hp.overeenkomst_wijzigen,
        fout=GelijktijdigeWijziging,
        door=wereld.ib_a,
        overeenkomst=o,
        versie=1,
        wijzigingen={"groep": 5},
    )


# --- handelingsplan ---------------------------------------------------------------------------


def test_een_handelingsplan_volgt_op_de_beslissing_tot_plaatsing(a, wereld):
    zaak = a.zaak_in("9a", verzoek_op=date(2011, 9, 1))
    fout = weigert_zonder_schrijven(hp.handelingsplan_opstellen, door=wereld.ib_a, zaak=zaak)
    assert "toestand" in velden(fout)


@pytest.mark.bron("002, fase 13")
def test_voorleggen_noemt_elk_ontbrekend_verplicht_onderdeel(zaak13, wereld):
    plan = hp.handelingsplan_opstellen(door=wereld.ib_a, zaak=zaak13, doelstelling="lezen")
    fout = weigert_zonder_schrijven(
        hp.handelingsplan_voorleggen,
        obj=plan,
        door=wereld.ib_a,
        plan=plan,
        versie=plan.versie,
        voorgelegd_op=date(2012, 1, 20),
    )
    assert velden(fout) == {
        "beginsituatie",
        "voorzieningen_en_maatregelen",
        "inzet_lgf",
        "monitoring",
        "ambulant_begeleider_naam",
    }


def _plan_ter_instemming(a, zaak):
    return a.doorloop(zaak, plaatsingsdatum=PLAATSING).handelingsplan(tot="ter_instemming")


@pytest.mark.bron("002, fase 13")
def test_zonder_instemming_van_de_ouders_is_het_plan_niet_vastgesteld(a, zaak13, wereld):
    plan = _plan_ter_instemming(a, zaak13)
    assert (plan.toestand, plan.vastgesteld_op) == ("ter_instemming", None)
    fout = weigert_zonder_schrijven(
        hp.handelingsplan_instemming,
        obj=plan,
        door=a.ouder,
        plan=plan,
        versie=plan.versie,
        besluit="geweigerd",
        op=date(2012, 1, 25),
    )
    assert "toelichting" in velden(fout)
    plan = hp.handelingsplan_instemming(
        door=a.ouder,
        plan=plan,
        versie=plan.versie,
        besluit="geweigerd",
        op=date(2012, 1, 25),
        toelichting="te weinig uren onderwijsassistent",
    )
    assert (plan.toestand, plan.vastgesteld_op) == ("concept", None)
    assert plan.instemmingen.get().besluit == "geweigerd"
    assert not Evaluatie.objects.exists()


@pytest.mark.bron("002, bijlage 2")
def test_instemming_stelt_het_plan_vast_en_plant_de_evaluaties_uit_de_regelkern(a, zaak13, wereld):
    plan = _plan_ter_instemming(a, zaak13)
    plan = hp.handelingsplan_instemming(
        door=a.ouder, plan=plan, versie=plan.versie, besluit="ingestemd", op=date(2012, 1, 25)
    )
    assert (plan.toestand, plan.vastgesteld_op) == ("vastgesteld", date(2012, 1, 25))
    verwacht = [
        t.uiterlijk
        for t in regels.evaluatiemomenten(standaard_regeling(), Schooljaar(2011))
        if t.uiterlijk >= date(2012, 1, 25)
    ]
    assert list(plan.evaluaties.values_list("uiterlijk", flat=True)) == verwacht
    assert verwacht == [date(2012, 1, 31), date(2012, 5, 31), date(2012, 7, 31)]


def test_een_andere_ouder_of_een_teamlid_stemt_niet_in(a, zaak13, wereld):
    plan = _plan_ter_instemming(a, zaak13)
    for door in (wereld.ouder_a, wereld.teamlid_a):
        weigert_zonder_schrijven(
            hp.handelingsplan_instemming,
            fout=GeenToegang,
            obj=plan,
            door=door,
            plan=plan,
            versie=plan.versie,
            besluit="ingestemd",
            op=date(2012, 1, 25),
        )


def test_de_school_legt_een_schriftelijke_instemming_vast_met_de_naam_van_de_ouder(
    a, zaak13, wereld
):
    plan = _plan_ter_instemming(a, zaak13)
    fout = weigert_zonder_schrijven(
        hp.handelingsplan_instemming,
        obj=plan,
        door=wereld.ib_a,
        plan=plan,
        versie=plan.versie,
        besluit="ingestemd",
        op=date(2012, 1, 25),
    )
    assert "ouder_naam" in velden(fout)
    plan = hp.handelingsplan_instemming(
        door=wereld.ib_a,
        plan=plan,
        versie=plan.versie,
        besluit="ingestemd",
        op=date(2012, 1, 25),
        ouder_naam="M. de Vries",
    )
    assert plan.instemmingen.get().ouder is None


def test_een_vastgesteld_plan_wordt_niet_meer_gewijzigd(a, zaak13, wereld):
    plan = a.doorloop(zaak13, plaatsingsdatum=PLAATSING).handelingsplan()
    fout = weigert_zonder_schrijven(
        hp.handelingsplan_wijzigen,
        obj=plan,
        door=wereld.ib_a,
        plan=plan,
        versie=plan.versie,
        wijzigingen={"doelstelling": "anders"},
    )
    assert "toestand" in velden(fout)


# --- evaluaties ----------------------------------------------------------------------------------


@pytest.mark.bron("002, bijlage 2")
def test_een_evaluatie_vraagt_een_verslag_en_een_datum_die_geweest_is(a, zaak13, wereld):
    plan = a.doorloop(zaak13, plaatsingsdatum=PLAATSING).handelingsplan()
    evaluatie = plan.evaluaties.order_by("uiterlijk").first()
    fout = weigert_zonder_schrijven(
        hp.evaluatie_vastleggen,
        obj=evaluatie,
        door=wereld.ib_a,
        evaluatie=evaluatie,
        versie=evaluatie.versie,
        gehouden_op=date(2012, 3, 16),
        verslag="",
    )
    assert velden(fout) == {"verslag", "gehouden_op"}
    weigert_zonder_schrijven(
        hp.evaluatie_vastleggen,
        fout=GeenToegang,
        door=wereld.teamlid_a,
        evaluatie=evaluatie,
        versie=evaluatie.versie,
        gehouden_op=date(2012, 1, 30),
        verslag="x",
    )
    evaluatie = hp.evaluatie_vastleggen(
        door=wereld.ib_a,
        evaluatie=evaluatie,
        versie=evaluatie.versie,
        gehouden_op=date(2012, 1, 30),
        verslag="doelen bereikt",
    )
    assert evaluatie.gehouden_op == date(2012, 1, 30)
    regel = HandelingsplanOvergang.objects.filter(zaak=plan).last()
    assert (regel.van, regel.naar) == ("evaluatie gepland", "evaluatie gehouden")
    with pytest.raises(ValidationError):
        hp.evaluatie_vastleggen(
            door=wereld.ib_a,
            evaluatie=evaluatie,
            versie=evaluatie.versie,
            gehouden_op=date(2012, 1, 31),
            verslag="nog een keer",
        )


# --- termijnen ------------------------------------------------------------------------------------


@pytest.mark.bron("002, fase 13")
def test_het_handelingsplan_is_uiterlijk_een_maand_na_plaatsing_gereed(a, zaak13, wereld):
    termijnen = [
        t for t in termijnen_voor(wereld.ib_a) if t.termijn.regel == "termijn.handelingsplan"
    ]
    assert [t.termijn.uiterlijk for t in termijnen] == [date(2012, 2, 9)]
    assert termijnen[0].status(date(2012, 3, 15)) == Termijnstatus.VERLOPEN
    a.doorloop(
        zaak13,
        plaatsingsdatum=PLAATSING,
        plan_voorgelegd_op=date(2012, 1, 20),
        plan_instemming_op=date(2012, 2, 1),
    ).handelingsplan()
    (termijn,) = [
        t for t in termijnen_voor(wereld.ib_a) if t.termijn.regel == "termijn.handelingsplan"
    ]
    assert (termijn.voldaan_op, termijn.status(date(2012, 3, 15))) == (
        date(2012, 2, 1),
        Termijnstatus.VOLDAAN,
    )


@pytest.mark.bron("002, bijlage 2")
def test_elke_geplande_evaluatie_is_een_termijn_voldaan_als_hij_gehouden_is(a, zaak13, wereld):
    plan = a.doorloop(zaak13, plaatsingsdatum=PLAATSING).handelingsplan()
    januari = plan.evaluaties.order_by("uiterlijk").first()
    hp.evaluatie_vastleggen(
        door=wereld.ib_a,
        evaluatie=januari,
        versie=januari.versie,
        gehouden_op=date(2012, 1, 31),
        verslag="goed",
    )
    evaluaties = {
        t.termijn.uiterlijk: t for t in termijnen_voor(a.ouder) if t.zaaktype == "handelingsplan"
    }
    assert set(evaluaties) == {date(2012, 1, 31), date(2012, 5, 31), date(2012, 7, 31)}
    assert evaluaties[date(2012, 1, 31)].voldaan_op == date(2012, 1, 31)
    assert evaluaties[date(2012, 5, 31)].voldaan_op is None
    assert evaluaties[date(2012, 1, 31)].grond.rol == "ouder"


def test_het_overeenkomstformulier_zegt_welk_budget_bijlage_2_bedoelt():
    """I-62: het verplichte veld is het leerlinggebonden budget (bijlage 2: 'persoonsgebonden
    budget'); het PGB-veld gaat alleen over een PGB voor zorg."""
    from rugzak.handelingsplannen.formulieren import OvereenkomstFormulier

    velden = OvereenkomstFormulier().fields
    assert "leerlinggebonden budget" in str(velden["inzet_budget"].label)
    assert "I-62" in str(velden["inzet_budget"].help_text)
    assert str(velden["inzet_pgb"].label).endswith("voor zorg")
    assert "I-62" in str(velden["inzet_pgb"].help_text)
