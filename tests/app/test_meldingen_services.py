"""Melding, terugmelding, zml-aanvraag en terugplaatsing: elke overgang, ook de geweigerde,
en dat een geweigerde overgang niets schrijft."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from rugzak.audit.models import Actie, AuditRegel
from rugzak.gedeeld.fouten import GeenToegang, GelijktijdigeWijziging
from rugzak.leerlingen.models import Inschrijving
from rugzak.leerlingen.services import inschrijving_beeindig
from rugzak.meldingen import services
from rugzak.meldingen.models import (
    Melding,
    MeldingOvergang,
    Meldingstatus,
    OnvolledigeIndiening,
    Terugmeldingsoort,
    Terugmeldingstatus,
    Zmlstatus,
)
from rugzak.meldingen.selectors import gebeurtenissen_per_leerling
from rugzak.meldingen.termijnen import zaaktermijnen
from rugzak.organisaties.services import organisatie_maak
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import betaling
from rugzak.regeling.regels.termijnen import Termijnstatus
from rugzak.regeling.tijd import Schooljaar
from tests.app.lgf_hulp import formulier, geaccepteerde_melding, maak_indicatie, tellingen

pytestmark = pytest.mark.django_db

PEILDATUM = date(2012, 3, 15)


@pytest.fixture
def indicatie(wereld):
    return maak_indicatie(wereld.leerling_a, wereld.cvi)


@pytest.fixture
def melding(wereld, indicatie):
    return services.melding_indienen(
        door=wereld.directie_a,
        leerling=wereld.leerling_a,
        school=wereld.school_a,
        gegevens=formulier(indicatie, wereld.ab_dienst),
        meldingsdatum=date(2011, 9, 5),
    )


@pytest.fixture
def geaccepteerd(wereld, melding):
    return services.melding_accepteren(
        door=wereld.bekostigingsmedewerker, melding=melding, versie=melding.versie
    )


# --- indienen ------------------------------------------------------------------------------


@pytest.mark.bron("004, 'Inschrijving van leerlingen met een handicap na 1 augustus 2003'")
def test_een_volledige_melding_wordt_ontvangen_met_geschiedenis_en_audit(wereld, melding):
    assert melding.status == Meldingstatus.ONTVANGEN
    assert melding.school == wereld.school_a
    assert melding.meldingsdatum == date(2011, 9, 5)
    overgang = MeldingOvergang.objects.get(melding=melding)
    assert (overgang.van, overgang.naar, overgang.door) == ("", "ontvangen", wereld.directie_a)
    regel = AuditRegel.objects.get(objecttype="melding", actie=Actie.AANMAKEN)
    assert regel.leerling_publiek_id == str(wereld.leerling_a.publiek_id)
    assert regel.rol == "directie"


@pytest.mark.bron("004, 'Inschrijving ...': alleen volledig ingevulde formulieren")
def test_een_leeg_formulier_noemt_elk_ontbrekend_veld_en_bewaart_geen_halve_melding(wereld):
    voor = tellingen()
    with pytest.raises(ValidationError) as e:
        services.melding_indienen(
            door=wereld.directie_a, leerling=wereld.leerling_a, school=wereld.school_a, gegevens={}
        )
    velden = set(e.value.message_dict)
    assert {
        "inschrijvingsdatum",
        "schoolsoort",
        "cvi_nummer",
        "indicatiedatum",
        "onderwijssoort",
        "ab_verzorger",
    } <= velden
    na = tellingen()
    assert na["Melding"] == voor["Melding"] and na["MeldingOvergang"] == voor["MeldingOvergang"]
    indiening = OnvolledigeIndiening.objects.get()
    assert set(indiening.fouten) == velden
    assert na["OnvolledigeIndiening"] == voor["OnvolledigeIndiening"] + 1


@pytest.mark.bron("004, 'Inschrijving ...', opsomming")
def test_per_schoolsoort_worden_groep_leerjaar_en_varianten_gevraagd(wereld):
    indicatie_b = maak_indicatie(wereld.leerling_b, wereld.cvi, onderwijssoort="lg")
    with pytest.raises(ValidationError) as e:
        services.melding_indienen(
            door=wereld.directie_b,
            leerling=wereld.leerling_b,
            school=wereld.school_b,
            gegevens=formulier(indicatie_b, wereld.ab_dienst, schoolsoort="vo", groep=None),
        )
    assert {"leerjaar", "vo_variant"} <= set(e.value.message_dict)
    assert not Melding.objects.exists()


def test_herindicatie_zonder_vorig_nummer_en_schoolwissel_zonder_vorige_school(wereld, indicatie):
    nieuwe = maak_indicatie(
        wereld.leerling_a, wereld.cvi, indicatiedatum=date(2011, 6, 1), vorige=indicatie
    )
    with pytest.raises(ValidationError) as e:
        services.melding_indienen(
            door=wereld.directie_a,
            leerling=wereld.leerling_a,
            school=wereld.school_a,
            gegevens=formulier(nieuwe, wereld.ab_dienst, herindicatie=True, schoolwisseling=True),
        )
    assert {"vorig_cvi_nummer", "vorige_school"} <= set(e.value.message_dict)


def test_een_cvi_nummer_van_een_andere_leerling_wordt_geweigerd(wereld):
    ander = maak_indicatie(wereld.leerling_b, wereld.cvi)
    with pytest.raises(ValidationError) as e:
        services.melding_indienen(
            door=wereld.directie_a,
            leerling=wereld.leerling_a,
            school=wereld.school_a,
            gegevens=formulier(ander, wereld.ab_dienst),
        )
    assert "cvi_nummer" in e.value.message_dict
    assert not Melding.objects.exists()


def test_afwijkende_indicatiedatum_onderwijssoort_en_schoolsoort_worden_genoemd(wereld, indicatie):
    with pytest.raises(ValidationError) as e:
        services.melding_indienen(
            door=wereld.directie_a,
            leerling=wereld.leerling_a,
            school=wereld.school_a,
            gegevens=formulier(
                indicatie,
                wereld.ab_dienst,
                indicatiedatum="2011-05-13",
                onderwijssoort="lg",
                schoolsoort="sbao",
            ),
        )
    assert {"indicatiedatum", "onderwijssoort", "schoolsoort"} <= set(e.value.message_dict)


def test_de_ab_verzorger_moet_een_ab_dienst_of_vso_school_zijn(wereld, indicatie):
    with pytest.raises(ValidationError) as e:
        services.melding_indienen(
            door=wereld.directie_a,
            leerling=wereld.leerling_a,
            school=wereld.school_a,
            gegevens=formulier(indicatie, wereld.school_b),
        )
    assert "ab_verzorger" in e.value.message_dict


def test_dezelfde_indicatie_twee_keer_melden_wordt_geweigerd(wereld, indicatie, melding):
    with pytest.raises(ValidationError) as e:
        services.melding_indienen(
            door=wereld.directie_a,
            leerling=wereld.leerling_a,
            school=wereld.school_a,
            gegevens=formulier(indicatie, wereld.ab_dienst),
        )
    assert "al gemeld" in " ".join(e.value.message_dict["cvi_nummer"])
    assert Melding.objects.count() == 1


@pytest.mark.parametrize("wie", ["directie_b", "teamlid_a", "bekostigingsmedewerker", "ouder_a"])
def test_alleen_directie_of_ib_van_de_school_dient_in_en_anders_wordt_niets_geschreven(
    wereld, indicatie, wie
):
    voor = tellingen()
    with pytest.raises(GeenToegang):
        services.melding_indienen(
            door=getattr(wereld, wie),
            leerling=wereld.leerling_a,
            school=wereld.school_a,
            gegevens=formulier(indicatie, wereld.ab_dienst),
        )
    assert tellingen() == voor


# --- beoordelen ----------------------------------------------------------------------------


def test_de_bekostigingsinstantie_accepteert_met_versie_geschiedenis_en_audit(wereld, geaccepteerd):
    geaccepteerd.refresh_from_db()
    assert geaccepteerd.status == Meldingstatus.GEACCEPTEERD
    assert geaccepteerd.versie == 2
    assert geaccepteerd.beoordeeld_door == wereld.bekostigingsmedewerker
    assert list(geaccepteerd.geschiedenis.values_list("van", "naar")) == [
        ("", "ontvangen"),
        ("ontvangen", "geaccepteerd"),
    ]
    regel = AuditRegel.objects.get(objecttype="melding", actie=Actie.WIJZIGEN)
    assert regel.rol == "bekostigingsmedewerker"


def test_weigeren_vraagt_een_reden_en_zonder_reden_wordt_niets_geschreven(wereld, melding):
    voor = tellingen()
    with pytest.raises(ValidationError) as e:
        services.melding_weigeren(
            door=wereld.bekostigingsmedewerker, melding=melding, versie=melding.versie, reden=" "
        )
    assert "reden" in e.value.message_dict
    assert tellingen() == voor
    melding.refresh_from_db()
    assert melding.status == Meldingstatus.ONTVANGEN
    services.melding_weigeren(
        door=wereld.bekostigingsmedewerker,
        melding=melding,
        versie=melding.versie,
        reden="CvI-nummer niet bekend bij de CvI",
    )
    melding.refresh_from_db()
    assert melding.status == Meldingstatus.GEWEIGERD
    assert melding.toelichting == "CvI-nummer niet bekend bij de CvI"


def test_na_een_weigering_mag_de_school_opnieuw_melden(wereld, indicatie, melding):
    services.melding_weigeren(
        door=wereld.bekostigingsmedewerker, melding=melding, versie=melding.versie, reden="fout"
    )
    opnieuw = services.melding_indienen(
        door=wereld.directie_a,
        leerling=wereld.leerling_a,
        school=wereld.school_a,
        gegevens=formulier(indicatie, wereld.ab_dienst),
    )
    assert opnieuw.status == Meldingstatus.ONTVANGEN


@pytest.mark.parametrize("wie", ["directie_a", "ib_a", "bestuurder_a", "cvi_lid"])
def test_alleen_de_bekostigingsinstantie_beoordeelt(wereld, melding, wie):
    voor = tellingen()
    with pytest.raises(GeenToegang):
        services.melding_accepteren(door=getattr(wereld, wie), melding=melding, versie=1)
    assert tellingen() == voor


def test_een_beoordeelde_melding_kan_niet_nog_eens_worden_beoordeeld(wereld, geaccepteerd):
    voor = tellingen()
    with pytest.raises(ValidationError) as e:
        services.melding_weigeren(
            door=wereld.bekostigingsmedewerker,
            melding=geaccepteerd,
            versie=geaccepteerd.versie,
            reden="toch niet",
        )
    assert "status" in e.value.message_dict
    assert tellingen() == voor


def test_een_verouderde_versie_geeft_gelijktijdige_wijziging_en_schrijft_niets(wereld, melding):
    voor = tellingen()
    with pytest.raises(GelijktijdigeWijziging):
        services.melding_accepteren(door=wereld.bekostigingsmedewerker, melding=melding, versie=7)
    assert tellingen() == voor
    assert Melding.objects.get(pk=melding.pk).status == Meldingstatus.ONTVANGEN


# --- terugmelding --------------------------------------------------------------------------


@pytest.mark.bron("004, 'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'")
def test_uitschrijving_naar_het_so_wordt_teruggemeld_en_verwerkt(wereld, geaccepteerd):
    t = services.terugmelding_indienen(
        door=wereld.directie_a,
        melding=geaccepteerd,
        soort=Terugmeldingsoort.UITSCHRIJVING_SO,
        datum=date(2012, 1, 9),
        ingediend_op=date(2012, 1, 20),
    )
    assert t.status == Terugmeldingstatus.ONTVANGEN
    t = services.terugmelding_verwerken(
        door=wereld.bekostigingsmedewerker, terugmelding=t, versie=t.versie
    )
    assert t.status == Terugmeldingstatus.VERWERKT
    assert list(t.geschiedenis.values_list("naar", flat=True)) == ["ontvangen", "verwerkt"]


def test_een_niet_geaccepteerde_melding_kan_niet_worden_teruggemeld(wereld, melding):
    voor = tellingen()
    with pytest.raises(ValidationError) as e:
        services.terugmelding_indienen(
            door=wereld.directie_a,
            melding=melding,
            soort=Terugmeldingsoort.UITSCHRIJVING_GEEN_ONDERWIJS,
            datum=date(2012, 1, 9),
        )
    assert "melding" in e.value.message_dict
    assert tellingen() == voor


@pytest.mark.bron("004, 'Uitschrijving ...', eerste punt")
def test_bij_overstap_naar_een_andere_reguliere_school_hoeft_de_oude_school_niets(
    wereld, geaccepteerd
):
    inschrijving = wereld.leerling_a.inschrijvingen.get()
    inschrijving_beeindig(door=wereld.directie_a, inschrijving=inschrijving, tot=date(2012, 1, 6))
    andere = organisatie_maak(
        soort="school", naam="School C", brin="33CC", schoolsoort="bao", bestuur=wereld.bestuur_a
    )
    # De inschrijving op de nieuwe school (de service daarvoor vraagt een rol die de
    # leerling al ziet; hier is alleen de rij nodig).
    Inschrijving.objects.create(
        leerling=wereld.leerling_a, school=andere, van=date(2012, 1, 9), groep=5
    )
    voor = tellingen()
    with pytest.raises(ValidationError) as e:
        services.terugmelding_indienen(
            door=wereld.directie_a,
            melding=geaccepteerd,
            soort=Terugmeldingsoort.UITSCHRIJVING_GEEN_ONDERWIJS,
            datum=date(2012, 1, 7),
        )
    assert "andere reguliere school" in " ".join(e.value.message_dict["soort"])
    assert tellingen() == voor
    # en er loopt geen termijn
    assert not list(zaaktermijnen(gebruiker=wereld.directie_a, vandaag=PEILDATUM))


def test_een_uitschrijving_wordt_een_keer_teruggemeld(wereld, geaccepteerd):
    services.terugmelding_indienen(
        door=wereld.directie_a,
        melding=geaccepteerd,
        soort=Terugmeldingsoort.UITSCHRIJVING_SO,
        datum=date(2012, 1, 9),
    )
    with pytest.raises(ValidationError):
        services.terugmelding_indienen(
            door=wereld.directie_a,
            melding=geaccepteerd,
            soort=Terugmeldingsoort.UITSCHRIJVING_GEEN_ONDERWIJS,
            datum=date(2012, 1, 10),
        )


def test_een_wijziging_van_basisgegevens_gaat_door_de_regelkern(wereld, geaccepteerd):
    with pytest.raises(ValidationError) as e:
        services.terugmelding_indienen(
            door=wereld.directie_a,
            melding=geaccepteerd,
            soort=Terugmeldingsoort.WIJZIGING,
            datum=date(2012, 1, 9),
            wijzigingen={"groep": 11, "achternaam": "X"},
        )
    assert {"groep", "achternaam"} <= set(e.value.message_dict)
    t = services.terugmelding_indienen(
        door=wereld.directie_a,
        melding=geaccepteerd,
        soort=Terugmeldingsoort.WIJZIGING,
        datum=date(2012, 1, 9),
        wijzigingen={"groep": 6},
    )
    assert t.groep == 6


def test_terugmelding_weigeren_vraagt_reden_en_alleen_de_bekostigingsinstantie(
    wereld, geaccepteerd
):
    t = services.terugmelding_indienen(
        door=wereld.directie_a,
        melding=geaccepteerd,
        soort=Terugmeldingsoort.UITSCHRIJVING_SO,
        datum=date(2012, 1, 9),
    )
    voor = tellingen()
    with pytest.raises(GeenToegang):
        services.terugmelding_verwerken(door=wereld.directie_a, terugmelding=t, versie=t.versie)
    with pytest.raises(ValidationError):
        services.terugmelding_weigeren(
            door=wereld.bekostigingsmedewerker, terugmelding=t, versie=t.versie, reden=""
        )
    assert tellingen() == voor
    t = services.terugmelding_weigeren(
        door=wereld.bekostigingsmedewerker, terugmelding=t, versie=t.versie, reden="datum onjuist"
    )
    assert t.status == Terugmeldingstatus.GEWEIGERD


def test_een_andere_school_kan_niet_terugmelden(wereld, geaccepteerd):
    voor = tellingen()
    with pytest.raises(GeenToegang):
        services.terugmelding_indienen(
            door=wereld.directie_b,
            melding=geaccepteerd,
            soort=Terugmeldingsoort.UITSCHRIJVING_SO,
            datum=date(2012, 1, 9),
        )
    assert tellingen() == voor


# --- termijn -------------------------------------------------------------------------------


@pytest.mark.bron("004, 'Uitschrijving ...', tweede punt")
def test_een_uitschrijving_zonder_terugmelding_is_na_zes_weken_verlopen(wereld, geaccepteerd):
    inschrijving = wereld.leerling_a.inschrijvingen.get()
    inschrijving_beeindig(door=wereld.directie_a, inschrijving=inschrijving, tot=date(2012, 1, 19))
    [t] = zaaktermijnen(gebruiker=wereld.directie_a, vandaag=PEILDATUM)
    assert t.termijn.begin == date(2012, 1, 20)
    assert t.termijn.uiterlijk == date(2012, 3, 2)
    assert t.status(PEILDATUM) == Termijnstatus.VERLOPEN
    assert t.grond.rol == "directie"
    # de oude school meldt alsnog terug: voldaan (te laat)
    services.terugmelding_indienen(
        door=wereld.directie_a,
        melding=geaccepteerd,
        soort=Terugmeldingsoort.UITSCHRIJVING_GEEN_ONDERWIJS,
        datum=date(2012, 1, 20),
    )
    [t] = zaaktermijnen(gebruiker=wereld.directie_a, vandaag=PEILDATUM)
    assert t.voldaan_op == PEILDATUM
    assert t.status(PEILDATUM) == Termijnstatus.TE_LAAT_VOLDAAN
    # een andere school en de bekostigingsinstantie zien deze termijn niet
    assert not list(zaaktermijnen(gebruiker=wereld.directie_b, vandaag=PEILDATUM))
    assert list(zaaktermijnen(gebruiker=wereld.bestuurder_a, vandaag=PEILDATUM))


# --- zml-aanvraag en terugplaatsing --------------------------------------------------------


@pytest.mark.bron("003, punt over formulier 66007")
def test_de_zml_aanvraag_is_eenmalig_tot_een_terugplaatsing_naar_groep_2(wereld, geaccepteerd):
    aanvraag = services.zml_aanvraag_indienen(
        door=wereld.directie_a, melding=geaccepteerd, groep_3_per=date(2011, 8, 22)
    )
    assert aanvraag.status == Zmlstatus.ONTVANGEN
    voor = tellingen()
    with pytest.raises(ValidationError) as e:
        services.zml_aanvraag_indienen(
            door=wereld.directie_a, melding=geaccepteerd, groep_3_per=date(2011, 8, 22)
        )
    assert "eenmalig" in " ".join(e.value.message_dict["melding"])
    assert tellingen() == voor
    aanvraag = services.zml_aanvraag_toekennen(
        door=wereld.bekostigingsmedewerker, aanvraag=aanvraag, versie=aanvraag.versie
    )
    assert aanvraag.status == Zmlstatus.TOEGEKEND
    services.terugplaatsing_groep2_melden(
        door=wereld.directie_a, melding=geaccepteerd, datum=date(2011, 12, 12)
    )
    with pytest.raises(ValidationError):
        services.terugplaatsing_groep2_melden(
            door=wereld.directie_a, melding=geaccepteerd, datum=date(2011, 12, 13)
        )
    nieuw = services.zml_aanvraag_indienen(
        door=wereld.directie_a, melding=geaccepteerd, groep_3_per=date(2012, 2, 1)
    )
    assert nieuw.status == Zmlstatus.ONTVANGEN


def test_zml_aanvraag_alleen_voor_zml_in_het_basisonderwijs(wereld):
    indicatie_b = maak_indicatie(wereld.leerling_b, wereld.cvi, onderwijssoort="lg")
    melding_b = geaccepteerde_melding(
        door=wereld.directie_b,
        beoordelaar=wereld.bekostigingsmedewerker,
        leerling=wereld.leerling_b,
        school=wereld.school_b,
        gegevens=formulier(
            indicatie_b, wereld.ab_dienst, schoolsoort="vo", groep=None, leerjaar=2,
            vo_variant="overig",
        ),
    )  # fmt: skip
    voor = tellingen()
    with pytest.raises(ValidationError) as e:
        services.zml_aanvraag_indienen(
            door=wereld.directie_b, melding=melding_b, groep_3_per=date(2011, 9, 1)
        )
    tekst = " ".join(e.value.message_dict["melding"])
    assert "zml" in tekst and "basisonderwijs" in tekst
    assert tellingen() == voor


def test_zml_afwijzen_en_terugplaatsing_zonder_toekenning_worden_geweigerd(wereld, geaccepteerd):
    aanvraag = services.zml_aanvraag_indienen(
        door=wereld.directie_a, melding=geaccepteerd, groep_3_per=date(2011, 8, 22)
    )
    voor = tellingen()
    with pytest.raises(ValidationError):
        services.terugplaatsing_groep2_melden(
            door=wereld.directie_a, melding=geaccepteerd, datum=date(2011, 12, 12)
        )
    with pytest.raises(GeenToegang):
        services.zml_aanvraag_toekennen(door=wereld.directie_a, aanvraag=aanvraag, versie=1)
    assert tellingen() == voor
    aanvraag = services.zml_aanvraag_afwijzen(
        door=wereld.bekostigingsmedewerker, aanvraag=aanvraag, versie=1, reden="geen groep 3"
    )
    assert aanvraag.status == Zmlstatus.AFGEWEZEN


# --- gebeurtenissen voor de regelkern ------------------------------------------------------


def test_de_gebeurtenissen_volgen_de_verwerkte_zaken(wereld, geaccepteerd):
    aanvraag = services.zml_aanvraag_indienen(
        door=wereld.directie_a,
        melding=geaccepteerd,
        groep_3_per=date(2011, 8, 22),
        aanvraagdatum=date(2011, 9, 20),
    )
    services.zml_aanvraag_toekennen(
        door=wereld.bekostigingsmedewerker, aanvraag=aanvraag, versie=aanvraag.versie
    )
    t = services.terugmelding_indienen(
        door=wereld.directie_a,
        melding=geaccepteerd,
        soort=Terugmeldingsoort.UITSCHRIJVING_SO,
        datum=date(2012, 1, 9),
        ingediend_op=date(2012, 1, 10),
    )
    # een niet verwerkte terugmelding telt nog niet
    [gebeurtenissen] = gebeurtenissen_per_leerling(leerling_ids=[wereld.leerling_a.pk]).values()
    assert not any(isinstance(g, betaling.Uitschrijving) for g in gebeurtenissen)
    services.terugmelding_verwerken(
        door=wereld.bekostigingsmedewerker, terugmelding=t, versie=t.versie
    )
    [gebeurtenissen] = gebeurtenissen_per_leerling(leerling_ids=[wereld.leerling_a.pk]).values()
    soorten = [type(g).__name__ for g in gebeurtenissen]
    assert soorten == ["Melding", "Uitschrijving", "Groepsovergang", "ZmlAanvraag"]
    schema = betaling.betaalschema(standaard_regeling(), gebeurtenissen, Schooljaar(2011))
    betaalde = sorted({str(b.maand) for b in schema.betalingen})
    assert betaalde == ["2011-10", "2011-11", "2011-12", "2012-01"]
    assert any(b.deel.is_zml_aanvulling for b in schema.betalingen)
