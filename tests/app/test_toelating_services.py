"""Services van de toelatingszaak: elke overgang, ook de geweigerde, en dat een
geweigerde overgang niets schrijft (002, hoofdstuk 4)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rugzak import toegang
from rugzak.audit.models import AuditRegel
from rugzak.gedeeld.fouten import GeenToegang, GelijktijdigeWijziging
from rugzak.handelingsplannen import services as hp
from rugzak.leerlingen.models import Inschrijving
from rugzak.leerlingen.services import inschrijving_beeindig, inschrijving_maak
from rugzak.toelating import overgangen, services
from rugzak.toelating.doorloop import voorbeeld_inventarisatie
from rugzak.toelating.models import ToelatingOvergang, Toelatingszaak

from .toelating_opbouw import maak_aanmelding, velden, weigert_zonder_schrijven


@pytest.fixture
def a(wereld):
    return maak_aanmelding(wereld)


# --- starten ---------------------------------------------------------------------------------


@pytest.mark.bron("002, fase 1")
def test_de_ouders_vragen_plaatsing_en_de_zaak_staat_in_fase_1(a):
    zaak = a.start()
    assert (zaak.toestand, zaak.fase, zaak.traject) == ("1", 1, "")
    overgang = zaak.overgangen.get()
    assert (overgang.van, overgang.naar, overgang.door) == ("", "1", a.ouder)
    regel = AuditRegel.objects.filter(objecttype="toelatingszaak", actie="aanmaken").get()
    assert regel.leerling_publiek_id == str(a.leerling.publiek_id)
    assert regel.rol == "ouder"


def test_de_school_kan_de_zaak_starten_voor_een_leerling_die_zij_ziet(a, wereld):
    zaak = services.toelatingszaak_start(
        door=wereld.ib_a,
        school=wereld.school_a,
        leerling=wereld.leerling_a,
        verzoek_op=date(2012, 3, 1),
    )
    assert zaak.toestand == "1"


@pytest.mark.parametrize("wie", ["teamlid_a", "directie_b", "ouder_a", "bestuurder_a"])
def test_zonder_passende_rol_start_niemand_een_zaak(a, wereld, wie):
    weigert_zonder_schrijven(
        services.toelatingszaak_start,
        fout=GeenToegang,
        door=getattr(wereld, wie),
        school=wereld.school_a,
        leerling=a.leerling,
        verzoek_op=date(2012, 3, 1),
    )


def test_een_so_school_kent_geen_lgf_toelating(a):
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_start,
        door=a.ouder,
        school=a.so_school,
        leerling=a.leerling,
        verzoek_op=date(2012, 3, 1),
    )
    assert "school" in velden(fout)


def test_een_tweede_lopende_zaak_op_dezelfde_school_wordt_geweigerd(a):
    a.start()
    fout = weigert_zonder_schrijven(a.start)
    assert "leerling" in velden(fout)


def test_een_verzoek_in_de_toekomst_wordt_geweigerd(a):
    fout = weigert_zonder_schrijven(a.start, verzoek_op=date(2012, 3, 16))
    assert "verzoek_op" in velden(fout)


# --- fase 1-3 ------------------------------------------------------------------------------------


@pytest.mark.bron("002, bijlage 1")
def test_fase_1_vraagt_de_uitnodiging(a, wereld):
    zaak = a.start()
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {"uitnodiging_verstuurd_op"}
    assert "nog nodig" in str(fout)


@pytest.mark.bron("002, fase 2")
def test_fase_2_noemt_alles_wat_ontbreekt(a, wereld):
    zaak = a.zaak_in("2")
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {
        "gesprek_op",
        "aanmelding_schriftelijk_op",
        "toestemming_derden_op",
        "communicatieafspraken",
        "gespreksverslag",
    }


def test_gegevens_van_een_andere_fase_worden_geweigerd(a, wereld):
    zaak = a.start()
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_vastleggen,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
        gegevens={"teamadvies": "plaatsen"},
    )
    assert "teamadvies" in velden(fout)


def test_een_teamlid_legt_geen_gegevens_vast(a, wereld):
    zaak = a.start()
    weigert_zonder_schrijven(
        services.toelatingszaak_vastleggen,
        fout=GeenToegang,
        obj=zaak,
        door=wereld.teamlid_a,
        zaak=zaak,
        versie=zaak.versie,
        gegevens={"uitnodiging_verstuurd_op": date(2011, 11, 3)},
    )


def test_de_schriftelijke_aanmelding_ligt_niet_voor_het_verzoek(a, wereld):
    zaak = a.zaak_in("2")
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_vastleggen,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
        gegevens={"aanmelding_schriftelijk_op": date(2011, 10, 1)},
    )
    assert "aanmelding_schriftelijk_op" in velden(fout)


def test_een_verouderde_versie_geeft_gelijktijdige_wijziging_en_schrijft_niets(a, wereld):
    zaak = a.start()
    services.toelatingszaak_vastleggen(
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
        gegevens={"gesprek_gepland_op": date(2011, 11, 9)},
    )
    weigert_zonder_schrijven(
        services.toelatingszaak_vastleggen,
        fout=GelijktijdigeWijziging,
        door=wereld.directie_a,
        zaak=zaak,
        versie=1,
        gegevens={"uitnodiging_verstuurd_op": date(2011, 11, 3)},
    )


def test_fase_3_vraagt_dat_het_team_is_geinformeerd(a, wereld):
    zaak = a.zaak_in("3")
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {"team_geinformeerd_op"}


# --- fase 4 --------------------------------------------------------------------------------------


@pytest.mark.bron("002, fase 4a")
def test_fase_4_vraagt_cvi_huidige_school_en_begeleidingsinformatie(a, wereld):
    zaak = a.zaak_in("4")
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {
        "informatieverzoeken.cvi",
        "informatieverzoeken.huidige_school",
        "begeleidingsinformatie",
    }


@pytest.mark.bron("002, fase 4a")
def test_zonder_huidige_school_volstaat_de_cvi(a, wereld):
    zaak = a.zaak_in("4")
    zaak = services.toelatingszaak_vastleggen(
        door=wereld.ib_a, zaak=zaak, versie=zaak.versie, gegevens={"geen_huidige_school": True}
    )
    services.informatieverzoek_registreer(
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
        instantie="cvi",
        verzocht_op=date(2011, 11, 14),
    )
    zaak.refresh_from_db()
    assert overgangen.ontbrekend(zaak) == {
        "begeleidingsinformatie": overgangen.ontbrekend(zaak)["begeleidingsinformatie"]
    }


@pytest.mark.bron("002, fase 2 en 4a")
def test_gegevens_opvragen_niet_voor_de_toestemming_van_de_ouders(a, wereld):
    zaak = a.zaak_in("4")
    fout = weigert_zonder_schrijven(
        services.informatieverzoek_registreer,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
        instantie="ggd",
        verzocht_op=zaak.toestemming_derden_op - timedelta(days=1),
    )
    assert "verzocht_op" in velden(fout)


def test_een_informatieverzoek_hoort_bij_fase_4(a, wereld):
    zaak = a.zaak_in("3")
    fout = weigert_zonder_schrijven(
        services.informatieverzoek_registreer,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
        instantie="cvi",
        verzocht_op=date(2011, 11, 14),
    )
    assert "toestand" in velden(fout)


def test_een_verzoek_wordt_ontvangen_en_verhoogt_de_versie(a, wereld):
    zaak = a.zaak_in("4")
    verzoek = services.informatieverzoek_registreer(
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
        instantie="cvi",
        verzocht_op=date(2011, 11, 14),
    )
    zaak.refresh_from_db()
    services.informatieverzoek_ontvangen(
        door=wereld.ib_a, verzoek=verzoek, versie=zaak.versie, ontvangen_op=date(2011, 11, 30)
    )
    verzoek.refresh_from_db()
    assert verzoek.ontvangen_op == date(2011, 11, 30)
    weigert_zonder_schrijven(
        services.informatieverzoek_ontvangen,
        door=wereld.ib_a,
        verzoek=verzoek,
        versie=zaak.versie + 1,
        ontvangen_op=date(2011, 12, 1),
    )


# --- fase 5-7 --------------------------------------------------------------------------------------


@pytest.mark.bron("002, 4.3")
@pytest.mark.parametrize(
    ("schema", "pad"),
    [
        ({"domeinen": {"sport": {}}}, "inventarisatie.domeinen.sport"),
        ({"domeinen": {"pedagogisch": {"wens": "x"}}}, "inventarisatie.domeinen.pedagogisch.wens"),
        (
            {"basisbehoeften": {"autonomie": ["a", "b", "c", "d"]}},
            "inventarisatie.basisbehoeften.autonomie",
        ),
        ({"basisbehoeften": {"vriendschap": ["a"]}}, "inventarisatie.basisbehoeften.vriendschap"),
        ({"extra": 1}, "inventarisatie.extra"),
    ],
)
def test_het_schema_inventarisatie_weigert_onbekende_sleutels(a, wereld, schema, pad):
    zaak = a.zaak_in("5")
    fout = weigert_zonder_schrijven(
        services.inventarisatie_vastleggen,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
        schema=schema,
        op=date(2011, 11, 25),
    )
    assert pad in velden(fout)


@pytest.mark.bron("002, 4.3")
def test_een_onvolledig_schema_houdt_fase_5_tegen_met_elk_leeg_vak(a, wereld):
    zaak = a.zaak_in("5")
    schema = voorbeeld_inventarisatie()
    schema["domeinen"]["medeleerlingen"]["grenzen"] = ""
    schema["aard_handicap"] = ""
    zaak = services.inventarisatie_vastleggen(
        door=wereld.ib_a, zaak=zaak, versie=zaak.versie, schema=schema, op=date(2011, 11, 25)
    )
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {
        "inventarisatie.aard_handicap",
        "inventarisatie.domeinen.medeleerlingen.grenzen",
    }


@pytest.mark.bron("002, fase 6")
def test_fase_6_vraagt_een_teambespreking(a, wereld):
    zaak = a.zaak_in("6")
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {"teambesprekingen"}


@pytest.mark.bron("002, fase 7")
def test_fase_6_en_7_in_een_vergadering_geeft_een_waarschuwing_geen_weigering(a):
    zaak = a.zaak_in("8", fase67_samen=True)
    assert any("één vergadering" in w for w in overgangen.waarschuwingen(zaak))
    assert "één vergadering" in zaak.overgangen.last().notitie


@pytest.mark.bron("002, fase 7")
def test_aparte_vergaderingen_geven_geen_waarschuwing(a):
    zaak = a.zaak_in("8")
    assert overgangen.waarschuwingen(zaak) == []


def test_fase_7_vraagt_het_advies_van_het_team(a, wereld):
    zaak = a.zaak_in("7")
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {"teamadvies", "teamadvies_op"}


# --- fase 8-10 -------------------------------------------------------------------------------------


def _beslis(zaak, door, besluit="toelaten", motivering="na het teamadvies"):
    return services.toelatingszaak_beslis(
        door=door,
        zaak=zaak,
        versie=zaak.versie,
        besluit=besluit,
        besluit_op=date(2012, 1, 5),
        motivering=motivering,
    )


@pytest.mark.bron("002, fase 8")
def test_in_fase_8_beslist_alleen_de_directie(a, wereld):
    zaak = a.zaak_in("8")
    weigert_zonder_schrijven(_beslis, fout=GeenToegang, obj=zaak, zaak=zaak, door=wereld.ib_a)
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.directie_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert "toestand" in velden(fout)
    fout = weigert_zonder_schrijven(
        _beslis, obj=zaak, zaak=zaak, door=wereld.directie_a, motivering=" "
    )
    assert "motivering" in velden(fout)


@pytest.mark.bron("002, fase 9")
def test_toelaten_gaat_naar_9a_afwijzen_naar_9b(a, wereld):
    zaak = _beslis(a.zaak_in("8"), wereld.directie_a)
    assert (zaak.toestand, zaak.traject) == ("9a", "a")
    andere = maak_tweede(a)
    andere = _beslis(andere, wereld.directie_a, besluit="afwijzen")
    assert (andere.toestand, andere.traject) == ("9b", "b")


def maak_tweede(a):
    """Een tweede aanmelding (andere school van hetzelfde bestuur niet nodig: sluit de eerste)."""
    zaak = Toelatingszaak.objects.get(leerling=a.leerling)
    services.toelatingszaak_intrekken(
        door=a.ouder, zaak=zaak, versie=zaak.versie, ingetrokken_op=date(2012, 1, 4), reden="test"
    )
    return a.zaak_in("8")


@pytest.mark.bron("002, fase 9b")
def test_het_advies_aan_het_bestuur_is_van_de_directie_met_procedure_en_motieven(a, wereld):
    zaak = a.zaak_in("9b")
    weigert_zonder_schrijven(
        services.toelatingszaak_vastleggen,
        fout=GeenToegang,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
        gegevens={"advies_motieven": "x"},
    )
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.directie_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {"advies_procedure", "advies_motieven", "advies_aan_bestuur_op"}


def _toets(zaak, door, oordeel="overnemen", **extra):
    return services.toelatingszaak_bestuur_toetst(
        door=door,
        zaak=zaak,
        versie=zaak.versie,
        oordeel=oordeel,
        getoetst_op=date(2012, 1, 10),
        toelichting="getoetst aan het beleid",
        **extra,
    )


@pytest.mark.bron("002, fase 10b")
@pytest.mark.parametrize("wie", ["directie_a", "ib_a", "bestuurder_b", "ouder"])
def test_alleen_het_bestuur_van_de_school_toetst_het_advies(a, wereld, wie):
    zaak = a.zaak_in("10b")
    door = getattr(a, wie, None) or getattr(wereld, wie)
    weigert_zonder_schrijven(_toets, fout=GeenToegang, obj=zaak, zaak=zaak, door=door)


@pytest.mark.bron("002, fase 10b")
def test_het_bestuur_neemt_het_advies_over_en_de_zaak_gaat_naar_11b(a, wereld):
    zaak = _toets(a.zaak_in("10b"), wereld.bestuurder_a)
    assert zaak.toestand == "11b"
    assert zaak.overgangen.last().rol == "bestuurder"


@pytest.mark.bron("002, fase 10b")
def test_heroverwegen_vraagt_het_overleg_met_de_directie(a, wereld):
    zaak = a.zaak_in("10b")
    fout = weigert_zonder_schrijven(
        _toets, obj=zaak, zaak=zaak, door=wereld.bestuurder_a, oordeel="heroverwegen"
    )
    assert {"overleg_op", "overleg_uitkomst"} <= velden(fout)


@pytest.mark.bron("002, fase 10b")
def test_heroverwegen_brengt_de_zaak_terug_naar_een_nieuwe_beslissing(a, wereld):
    zaak = _toets(
        a.zaak_in("10b"),
        wereld.bestuurder_a,
        oordeel="heroverwegen",
        overleg_op=date(2012, 1, 12),
        overleg_uitkomst="toch plaatsen in groep 3/4",
    )
    assert zaak.toestand == "8"
    assert (zaak.besluit, zaak.advies_motieven) == ("", "")
    assert "Eerdere beslissing: afwijzen" in zaak.overgangen.last().notitie
    zaak = _beslis(zaak, wereld.directie_a)
    assert zaak.toestand == "9a"


@pytest.mark.bron("002, fase 10a")
def test_ouders_die_de_aanmelding_niet_handhaven_trekken_haar_in(a, wereld):
    zaak = a.zaak_in("10a")
    zaak = services.toelatingszaak_vastleggen(
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
        gegevens={"besluit_toegelicht_op": date(2012, 1, 5), "aanmelding_gehandhaafd": False},
    )
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert "aanmelding_gehandhaafd" in velden(fout)
    zaak = services.toelatingszaak_intrekken(
        door=a.ouder,
        zaak=zaak,
        versie=zaak.versie,
        ingetrokken_op=date(2012, 1, 6),
        reden="andere school",
    )
    assert (zaak.toestand, zaak.afgesloten_op, zaak.is_afgesloten) == (
        "ingetrokken",
        date(2012, 1, 6),
        True,
    )


def test_intrekken_kan_niet_meer_na_de_melding_aan_bestuur_mr_en_inspectie(a, wereld):
    zaak = a.zaak_in("12a", plaatsingsdatum=date(2012, 1, 9), verzoek_op=date(2011, 9, 1))
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_intrekken,
        obj=zaak,
        door=a.ouder,
        zaak=zaak,
        versie=zaak.versie,
        ingetrokken_op=date(2012, 1, 6),
        reden="x",
    )
    assert "toestand" in velden(fout)


# --- fase 11-14 -------------------------------------------------------------------------------------


@pytest.mark.bron("002, fase 11a")
def test_fase_11a_vraagt_een_overeenkomst_getekend_door_school_en_ouders(a, wereld):
    zaak = a.zaak_in("11a", plaatsingsdatum=date(2012, 4, 2))
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {"overeenkomst"}
    overeenkomst = hp.overeenkomst_opstellen(
        door=wereld.ib_a,
        zaak=zaak,
        groep=3,
        looptijd_van=date(2012, 4, 2),
        looptijd_tot=date(2012, 7, 31),
        inzet_budget="onderwijsassistent",
        verplichtingen="handelingsplan",
    )
    hp.overeenkomst_ondertekenen_school(
        door=wereld.directie_a,
        overeenkomst=overeenkomst,
        versie=overeenkomst.versie,
        getekend_op=date(2012, 3, 1),
    )
    zaak.refresh_from_db()
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {"overeenkomst.ouders_getekend_op"}


@pytest.mark.bron("002, fase 11b")
def test_het_besluit_tot_niet_toelating_wijst_op_bezwaar_beroep_en_onderwijsconsulent(a, wereld):
    zaak = a.zaak_in("11b")
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.directie_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {
        "weigering_besluit_op",
        "weigering_redenen",
        "weigering_gesprek_op",
        "wijst_op_bezwaar_beroep",
        "wijst_op_onderwijsconsulent",
    }


@pytest.mark.bron("002, fase 11b")
def test_een_besluit_tot_niet_toelating_na_acht_weken_geeft_een_waarschuwing(a, wereld):
    zaak = a.zaak_in("11b", verzoek_op=date(2011, 11, 1))
    # aanmelding op 10 november 2011 (dag 9): uiterlijk 5 januari 2012
    assert overgangen.weigeringstermijn(zaak).uiterlijk == date(2012, 1, 5)
    zaak = services.toelatingszaak_vastleggen(
        door=wereld.directie_a,
        zaak=zaak,
        versie=zaak.versie,
        gegevens={"weigering_besluit_op": date(2012, 1, 6)},
    )
    assert any("acht weken" in w for w in overgangen.waarschuwingen(zaak))


@pytest.mark.bron("002, fase 12b")
def test_traject_b_sluit_na_mr_en_inspectie(a, wereld):
    zaak = a.zaak_in("12b")
    assert zaak.bestuur_geinformeerd_op is None
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {"mr_geinformeerd_op", "inspectie_geinformeerd_op"}


@pytest.mark.bron("002, fase 12a")
def test_traject_a_meldt_ook_aan_het_bestuur(a, wereld):
    zaak = a.zaak_in("12a", plaatsingsdatum=date(2012, 1, 9), verzoek_op=date(2011, 9, 1))
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {
        "bestuur_geinformeerd_op",
        "mr_geinformeerd_op",
        "inspectie_geinformeerd_op",
    }


@pytest.mark.bron("002, fase 13")
def test_fase_13_vraagt_een_vastgesteld_handelingsplan(a, wereld):
    zaak = a.zaak_in("13", plaatsingsdatum=date(2012, 1, 9), verzoek_op=date(2011, 9, 1))
    d = a.doorloop(zaak, plaatsingsdatum=date(2012, 1, 9))
    d.handelingsplan(tot="ter_instemming")
    zaak.refresh_from_db()
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {"handelingsplan"}


@pytest.mark.bron("002, fase 14")
def test_fase_14_sluit_de_zaak_als_toegelaten(a, wereld):
    zaak = a.zaak_in("14", plaatsingsdatum=date(2012, 1, 9), verzoek_op=date(2011, 9, 1))
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert velden(fout) == {"belanghebbenden_geinformeerd_op"}
    zaak = a.doorloop(zaak).tot("toegelaten")
    assert zaak.afgesloten_op == date(2012, 3, 15)
    # zonder inschrijving ziet de school de leerling na het afsluiten niet meer
    weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        fout=GeenToegang,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )


def test_na_toelating_ziet_de_school_de_leerling_via_de_inschrijving(a, wereld):
    zaak = a.zaak_in("13", plaatsingsdatum=date(2012, 1, 9), verzoek_op=date(2011, 9, 1))
    inschrijving_beeindig(
        door=a.directie_so,
        inschrijving=Inschrijving.objects.get(leerling=a.leerling),
        tot=date(2012, 1, 8),
    )
    inschrijving_maak(
        door=wereld.directie_a,
        leerling=a.leerling,
        school=wereld.school_a,
        van=date(2012, 1, 9),
        groep=3,
    )
    zaak = a.doorloop(zaak, plaatsingsdatum=date(2012, 1, 9)).tot("toegelaten")
    assert toegang.leesgrond(wereld.ib_a, a.leerling) is not None
    fout = weigert_zonder_schrijven(
        services.toelatingszaak_volgende_fase,
        obj=zaak,
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
    )
    assert "afgesloten" in str(fout)


# --- onderwijsconsulent -----------------------------------------------------------------------------


@pytest.mark.bron("002, fase 11a")
def test_ouders_en_school_kunnen_een_onderwijsconsulent_inschakelen(a, wereld):
    zaak = a.zaak_in("11a", plaatsingsdatum=date(2012, 4, 2))
    ouders = services.onderwijsconsulent_aanvragen(
        door=a.ouder,
        zaak=zaak,
        versie=zaak.versie,
        aangevraagd_op=date(2012, 3, 1),
        vraag="geen overeenstemming",
    )
    zaak.refresh_from_db()
    school = services.onderwijsconsulent_aanvragen(
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
        aangevraagd_op=date(2012, 3, 2),
        vraag="idem",
    )
    assert (ouders.aangevraagd_door, school.aangevraagd_door) == ("ouders", "school")
    zaak.refresh_from_db()
    services.onderwijsconsulent_advies(
        door=wereld.ib_a,
        inschakeling=ouders,
        versie=zaak.versie,
        advies_op=date(2012, 3, 10),
        advies="compromis",
    )
    ouders.refresh_from_db()
    assert ouders.advies == "compromis"


def test_een_onderwijsconsulent_hoort_niet_bij_fase_5(a):
    zaak = a.zaak_in("5")
    fout = weigert_zonder_schrijven(
        services.onderwijsconsulent_aanvragen,
        obj=zaak,
        door=a.ouder,
        zaak=zaak,
        versie=zaak.versie,
        aangevraagd_op=date(2012, 3, 1),
        vraag="x",
    )
    assert "toestand" in velden(fout)


# --- geschiedenis ------------------------------------------------------------------------------------


def test_de_geschiedenis_kan_alleen_groeien(a):
    zaak = a.start()
    regel = zaak.overgangen.get()
    regel.notitie = "anders"
    with pytest.raises(TypeError):
        regel.save()
    with pytest.raises(TypeError):
        regel.delete()
    with pytest.raises(TypeError):
        ToelatingOvergang.objects.filter(pk=regel.pk).update(notitie="x")
    with pytest.raises(TypeError):
        ToelatingOvergang.objects.all().delete()


def test_de_overgangentabel_dekt_elke_toestand_en_alleen_bekende_toestanden():
    from rugzak.toelating.models import Toestand

    assert set(overgangen.OVERGANGEN) == set(Toestand.values)
    for naar in overgangen.OVERGANGEN.values():
        assert naar <= set(Toestand.values)
    for van, naar in overgangen.VOLGENDE.items():
        assert naar in overgangen.OVERGANGEN[van]


# --- termijn van acht weken ---------------------------------------------------------------------


def _weigeringstermijn(gebruiker):
    from rugzak.termijnregister import termijnen_voor

    (termijn,) = [
        t for t in termijnen_voor(gebruiker) if t.termijn.regel == "termijn.weigering_toelating"
    ]
    return termijn


@pytest.mark.bron("002, fase 11b")
def test_de_acht_weken_lopen_vanaf_de_schriftelijke_aanmelding(a, wereld):
    zaak = a.zaak_in("3", verzoek_op=date(2012, 1, 2))
    termijn = _weigeringstermijn(wereld.directie_a)
    assert (termijn.termijn.begin, termijn.termijn.uiterlijk) == (
        date(2012, 1, 11),
        date(2012, 3, 7),
    )
    assert termijn.zaak_id == str(zaak.publiek_id)
    assert str(termijn.status(date(2012, 3, 15))) == "verlopen"


@pytest.mark.bron("002, fase 11b")
def test_de_acht_weken_zijn_voldaan_met_het_schriftelijke_besluit(a, wereld):
    zaak = a.zaak_in("12b")
    termijn = _weigeringstermijn(a.ouder)
    assert termijn.voldaan_op == zaak.weigering_besluit_op
    assert termijn.grond.rol == "ouder"


def test_de_acht_weken_zijn_voldaan_met_de_beslissing_tot_toelating(a, wereld):
    zaak = a.zaak_in("9a")
    assert _weigeringstermijn(wereld.ib_a).voldaan_op == zaak.besluit_op
