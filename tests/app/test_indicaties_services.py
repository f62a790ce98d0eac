"""Services van de indicatiezaak: elke overgang, en elke weigering schrijft niets."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from rugzak import toegang
from rugzak.audit.models import Actie, AuditRegel
from rugzak.gedeeld.fouten import GeenToegang, GelijktijdigeWijziging
from rugzak.indicaties import services as ind
from rugzak.indicaties.models import (
    TRANSITIES,
    Aanvraagstap,
    Aanvraagstatus,
    Aanvragersoort,
    Dossierstuk,
    Indicatie,
    Indicatieaanvraag,
    Stuksoort,
)
from rugzak.regeling.begrippen import Onderwijssoort
from rugzak.regeling.fouten import NietToegestaan
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.indicatie import indicatie_geldigheid
from rugzak.regeling.regels.termijnen import cvi_beslissing
from tests.app.zaken_hulp import (
    BESLUIT,
    INGEDIEND,
    VOLLEDIG,
    dien_in,
    geindiceerd,
    maak_zaken,
    met_rapport,
    tel,
    volledig,
)

pytestmark = pytest.mark.django_db

MODELLEN = (Indicatieaanvraag, Aanvraagstap, Dossierstuk, Indicatie)


@pytest.fixture
def z(wereld):
    return maak_zaken(wereld)


def _zelfde(aanvraag, voor):
    """De aanvraag staat er nog precies zo bij als ``voor`` (status en versie)."""
    aanvraag.refresh_from_db()
    return (aanvraag.status, aanvraag.versie) == voor


# --- indienen -----------------------------------------------------------------------------


@pytest.mark.bron("000, 'Aanvragen van het rugzakje'")
def test_ouders_dienen_de_aanvraag_in_bij_de_cvi_van_het_rec(z):
    aanvraag = dien_in(z, onderwijssoort="lg")
    assert aanvraag.status == Aanvraagstatus.INGEDIEND
    assert aanvraag.aanvrager_soort == Aanvragersoort.OUDERS
    assert aanvraag.aanvragende_school is None
    assert aanvraag.ingediend_op == INGEDIEND
    stap = aanvraag.stappen.get()
    assert (stap.van_status, stap.naar_status, stap.door, stap.rol) == (
        "",
        "ingediend",
        z.w.ouder_a,
        "ouder",
    )
    regel = AuditRegel.objects.filter(objecttype="indicatieaanvraag").get()
    assert regel.actie == Actie.AANMAKEN
    assert regel.leerling_publiek_id == str(z.w.leerling_a.publiek_id)
    assert regel.rol == "ouder"


@pytest.mark.bron("000, 'Aanvragen van het rugzakje'")
def test_de_cvi_ziet_de_leerling_pas_na_een_aanvraag(z):
    assert z.w.leerling_a not in toegang.leerlingen_zichtbaar_voor(z.w.cvi_lid)
    dien_in(z)
    assert z.w.leerling_a in toegang.leerlingen_zichtbaar_voor(z.w.cvi_lid)
    assert z.w.leerling_a in toegang.leerlingen_zichtbaar_voor(z.cvi3_secretaris)


def test_de_school_mag_voor_cluster_4_aanvragen(z):
    aanvraag = dien_in(z, door=z.w.ib_a, cvi=z.cvi4)
    assert aanvraag.aanvrager_soort == Aanvragersoort.SCHOOL
    assert aanvraag.aanvragende_school == z.w.school_a


def test_de_school_mag_niet_voor_cluster_3_aanvragen_en_dat_schrijft_niets(z):
    voor = tel(*MODELLEN)
    with pytest.raises(GeenToegang, match=r"alleen voor cluster 4.*I-60"):
        dien_in(z, door=z.w.directie_a, cvi=z.w.cvi)
    with pytest.raises(GeenToegang, match="I-60"):
        dien_in(z, door=z.w.directie_a, cvi=z.cvi2)
    assert tel(*MODELLEN) == voor


def test_een_teamlid_mag_ook_voor_cluster_4_niet_aanvragen(z):
    with pytest.raises(GeenToegang):
        dien_in(z, door=z.w.teamlid_a, cvi=z.cvi4)


def test_een_ouder_van_een_ander_kind_mag_niet_aanvragen(z):
    voor = tel(*MODELLEN)
    with pytest.raises(GeenToegang):
        dien_in(z, door=z.w.ouder_b)
    assert tel(*MODELLEN) == voor


@pytest.mark.bron("004, paragraaf 'Cluster 1. Visueel gehandicapten'")
@pytest.mark.parametrize("soort", ["blind", "slechtziend"])
def test_cluster_1_kent_geen_cvi_en_de_regelkern_weigert(z, soort):
    voor = tel(*MODELLEN)
    with pytest.raises(NietToegestaan, match="cluster 1"):
        dien_in(z, onderwijssoort=soort)
    assert tel(*MODELLEN) == voor


@pytest.mark.bron("000, 'Aanvragen van het rugzakje', tweede punt")
def test_een_onderwijssoort_van_een_ander_cluster_hoort_bij_een_ander_rec(z):
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as fout:
        dien_in(z, onderwijssoort="doof")
    assert "cluster 2" in str(fout.value.message_dict["onderwijssoort"])
    assert tel(*MODELLEN) == voor


def test_een_onbekende_onderwijssoort_noemt_de_toegestane(z):
    with pytest.raises(ValidationError) as fout:
        dien_in(z, onderwijssoort="hoogbegaafd")
    assert "zml" in str(fout.value.message_dict["onderwijssoort"])


def test_een_tweede_lopende_aanvraag_voor_dezelfde_leerling_wordt_geweigerd(z):
    dien_in(z)
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as fout:
        dien_in(z, cvi=z.cvi3b)
    assert "loopt al een aanvraag" in str(fout.value.message_dict["leerling"])
    assert tel(*MODELLEN) == voor


def test_indienen_in_de_toekomst_wordt_geweigerd(z):
    with pytest.raises(ValidationError) as fout:
        dien_in(z, op=date(2012, 3, 16))
    assert "op" in fout.value.message_dict


# --- dossier ------------------------------------------------------------------------------


@pytest.mark.bron("004, paragraaf 'Onderwijskundig rapport'")
def test_het_onderwijskundig_rapport_van_de_huidige_school_komt_in_het_dossier(z):
    aanvraag = dien_in(z)
    versie = aanvraag.versie
    aanvraag = met_rapport(z, aanvraag)
    stuk = aanvraag.stukken.get()
    assert stuk.soort == Stuksoort.ONDERWIJSKUNDIG_RAPPORT
    assert stuk.opgesteld_door == z.w.school_a
    assert stuk.toegevoegd_door == z.w.directie_a
    assert aanvraag.versie == versie + 1
    assert AuditRegel.objects.filter(objecttype="dossierstuk", actie=Actie.AANMAKEN).count() == 1


@pytest.mark.bron("004, paragraaf 'Onderwijskundig rapport'")
def test_een_rapport_van_een_andere_school_dan_de_huidige_wordt_geweigerd(z):
    aanvraag = dien_in(z)
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as fout:
        ind.aanvraag_stuk_toevoegen(
            door=z.w.ouder_a,
            aanvraag=aanvraag,
            versie=aanvraag.versie,
            soort=Stuksoort.ONDERWIJSKUNDIG_RAPPORT,
            opgesteld_door=z.w.school_b,
        )
    assert "aanvraagdatum" in str(fout.value.message_dict["opgesteld_door"])
    assert tel(*MODELLEN) == voor
    assert _zelfde(aanvraag, ("ingediend", 1))


def test_een_rapport_zonder_school_wordt_geweigerd(z):
    aanvraag = dien_in(z)
    with pytest.raises(ValidationError) as fout:
        ind.aanvraag_stuk_toevoegen(
            door=z.w.ouder_a,
            aanvraag=aanvraag,
            versie=aanvraag.versie,
            soort=Stuksoort.ONDERWIJSKUNDIG_RAPPORT,
        )
    assert "opgesteld_door" in fout.value.message_dict


def test_de_ouder_en_de_secretaris_mogen_stukken_toevoegen_een_lid_en_een_andere_school_niet(z):
    aanvraag = dien_in(z)
    for door in (z.w.ouder_a, z.cvi3_secretaris):
        aanvraag.refresh_from_db()
        ind.aanvraag_stuk_toevoegen(
            door=door, aanvraag=aanvraag, versie=aanvraag.versie, soort=Stuksoort.OVERIG
        )
    voor = tel(*MODELLEN)
    for door in (z.w.cvi_lid, z.w.directie_b, z.cvi3b_secretaris, z.w.ouder_b):
        aanvraag.refresh_from_db()
        with pytest.raises(GeenToegang):
            ind.aanvraag_stuk_toevoegen(
                door=door, aanvraag=aanvraag, versie=aanvraag.versie, soort=Stuksoort.OVERIG
            )
    assert tel(*MODELLEN) == voor


@pytest.mark.bron("004, paragraaf 'Onderwijskundig rapport'")
def test_zonder_onderwijskundig_rapport_is_het_dossier_niet_volledig(z):
    aanvraag = dien_in(z)
    aanvraag.refresh_from_db()
    ind.aanvraag_stuk_toevoegen(
        door=z.w.ouder_a, aanvraag=aanvraag, versie=aanvraag.versie, soort=Stuksoort.OVERIG
    )
    aanvraag.refresh_from_db()
    voor, stand = tel(*MODELLEN), (aanvraag.status, aanvraag.versie)
    with pytest.raises(ValidationError) as fout:
        volledig(z, aanvraag)
    assert "onderwijskundig rapport" in str(fout.value.message_dict["stukken"])
    assert tel(*MODELLEN) == voor
    assert _zelfde(aanvraag, stand)
    assert aanvraag.volledig_op is None


@pytest.mark.bron("000, 'Aanvragen van het rugzakje', vijfde punt")
def test_dossier_volledig_start_de_beslistermijn_uit_de_regelkern(z):
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    assert aanvraag.status == Aanvraagstatus.DOSSIER_VOLLEDIG
    assert aanvraag.volledig_op == VOLLEDIG
    verwacht = cvi_beslissing(standaard_regeling(), VOLLEDIG).uiterlijk
    assert aanvraag.uiterste_beslisdatum == verwacht == date(2012, 3, 19)
    stap = aanvraag.stappen.order_by("-id").first()
    assert (stap.van_status, stap.naar_status, stap.rol) == (
        "ingediend",
        "dossier_volledig",
        "cvi_secretaris",
    )


def test_een_cvi_lid_leest_mee_maar_verklaart_niet_volledig(z):
    aanvraag = met_rapport(z, dien_in(z))
    voor = tel(*MODELLEN)
    with pytest.raises(GeenToegang, match="secretaris"):
        volledig(z, aanvraag, secretaris=z.w.cvi_lid)
    with pytest.raises(GeenToegang):
        volledig(z, aanvraag, secretaris=z.cvi3b_secretaris)
    assert tel(*MODELLEN) == voor


def test_volledig_verklaren_voor_de_indiening_wordt_geweigerd(z):
    aanvraag = met_rapport(z, dien_in(z))
    with pytest.raises(ValidationError) as fout:
        volledig(z, aanvraag, op=INGEDIEND - timedelta(days=1))
    assert "op" in fout.value.message_dict


# --- verlengen ----------------------------------------------------------------------------


@pytest.mark.bron("000, 'Aanvragen van het rugzakje', vijfde punt")
def test_de_beslistermijn_kan_een_keer_met_acht_weken_verlengd_worden(z):
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    aanvraag = ind.aanvraag_verlengen(
        door=z.cvi3_secretaris,
        aanvraag=aanvraag,
        versie=aanvraag.versie,
        toelichting="aanvullend onderzoek nodig",
        op=date(2012, 3, 15),
    )
    assert aanvraag.status == Aanvraagstatus.VERLENGD
    assert aanvraag.verlengingen == 1
    assert aanvraag.uiterste_beslisdatum == date(2012, 5, 14)
    assert aanvraag.uiterste_beslisdatum == (
        cvi_beslissing(standaard_regeling(), VOLLEDIG, verlengingen=1).uiterlijk
    )


@pytest.mark.bron("000, 'Aanvragen van het rugzakje', vijfde punt")
def test_een_tweede_verlenging_weigert_de_regelkern_en_schrijft_niets(z):
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    aanvraag = ind.aanvraag_verlengen(
        door=z.cvi3_secretaris,
        aanvraag=aanvraag,
        versie=aanvraag.versie,
        toelichting="onderzoek",
        op=date(2012, 3, 1),
    )
    voor, stand = tel(*MODELLEN), (aanvraag.status, aanvraag.versie)
    with pytest.raises(NietToegestaan, match="hoogstens 1 keer"):
        ind.aanvraag_verlengen(
            door=z.cvi3_secretaris,
            aanvraag=aanvraag,
            versie=aanvraag.versie,
            toelichting="nog meer onderzoek",
        )
    assert tel(*MODELLEN) == voor
    assert _zelfde(aanvraag, stand)
    assert aanvraag.uiterste_beslisdatum == date(2012, 5, 14)


def test_verlengen_vraagt_een_reden(z):
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as fout:
        ind.aanvraag_verlengen(
            door=z.cvi3_secretaris, aanvraag=aanvraag, versie=aanvraag.versie, toelichting=" "
        )
    assert "toelichting" in fout.value.message_dict
    assert tel(*MODELLEN) == voor


def test_een_verstreken_termijn_kan_niet_meer_verlengd_worden(z):
    aanvraag = dien_in(z, op=date(2011, 12, 1))
    aanvraag = volledig(z, met_rapport(z, aanvraag, op=date(2011, 12, 5)), op=date(2011, 12, 12))
    assert aanvraag.uiterste_beslisdatum == date(2012, 2, 6)
    with pytest.raises(ValidationError) as fout:
        ind.aanvraag_verlengen(
            door=z.cvi3_secretaris, aanvraag=aanvraag, versie=aanvraag.versie, toelichting="x"
        )
    assert "verstreken" in str(fout.value.message_dict["op"])


def test_verlengen_voordat_het_dossier_volledig_is_kan_niet(z):
    aanvraag = dien_in(z)
    with pytest.raises(ValidationError) as fout:
        ind.aanvraag_verlengen(
            door=z.cvi3_secretaris, aanvraag=aanvraag, versie=aanvraag.versie, toelichting="x"
        )
    assert "status" in fout.value.message_dict


# --- besluit ------------------------------------------------------------------------------


@pytest.mark.bron("003, paragraaf 'Rugzak - AB (RAB)'")
def test_een_positief_besluit_geeft_een_indicatie_met_cvi_nummer_en_geldigheid_uit_de_kern(z):
    indicatie = geindiceerd(z, onderwijssoort="lg")
    aanvraag = indicatie.aanvraag
    assert aanvraag.status == Aanvraagstatus.POSITIEF
    assert aanvraag.besloten_op == BESLUIT
    verwacht = indicatie_geldigheid(
        standaard_regeling(), onderwijssoort=Onderwijssoort.LG, indicatiedatum=BESLUIT
    )
    assert indicatie.leerling == z.w.leerling_a
    assert indicatie.cvi == z.w.cvi
    assert indicatie.onderwijssoort == "lg"
    assert indicatie.indicatiedatum == BESLUIT
    assert (indicatie.einddatum, indicatie.herindicatie_op) == (
        verwacht.einddatum,
        verwacht.herindicatie_op,
    )
    assert indicatie.cvi_nummer.startswith("C3-")
    assert indicatie.vorige is None
    assert AuditRegel.objects.filter(objecttype="indicatie", actie=Actie.AANMAKEN).count() == 1


@pytest.mark.bron("003, paragraaf 'Rugzak - AB (RAB)'")
def test_syndroom_van_down_geeft_een_indicatie_zonder_einddatum(z):
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    indicatie = ind.aanvraag_beslissen_positief(
        door=z.cvi3_secretaris,
        aanvraag=aanvraag,
        versie=aanvraag.versie,
        onderwijssoort="zml",
        syndroom_van_down=True,
    )
    assert indicatie.einddatum is None
    assert indicatie.syndroom_van_down


def test_cvi_nummers_zijn_uniek(z, schrijf):
    tweede = schrijf(z.w.directie_a, z.w.school_a, "Cas", groep=3)
    from rugzak.leerlingen.services import ouder_koppel

    ouder_koppel(door=z.w.directie_a, leerling=tweede, ouder=z.w.ouder_a)
    a = geindiceerd(z)
    b = geindiceerd(z, leerling=tweede)
    assert a.cvi_nummer != b.cvi_nummer


def test_beslissen_kan_niet_voordat_het_dossier_volledig_is(z):
    aanvraag = met_rapport(z, dien_in(z))
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as fout:
        ind.aanvraag_beslissen_positief(
            door=z.cvi3_secretaris, aanvraag=aanvraag, versie=aanvraag.versie, onderwijssoort="lg"
        )
    assert "status" in fout.value.message_dict
    assert tel(*MODELLEN) == voor


@pytest.mark.bron("004, paragraaf 'Cluster 1. Visueel gehandicapten'")
def test_een_positief_besluit_voor_cluster_1_weigert_de_regelkern(z):
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    voor, stand = tel(*MODELLEN), (aanvraag.status, aanvraag.versie)
    with pytest.raises(NietToegestaan):
        ind.aanvraag_beslissen_positief(
            door=z.cvi3_secretaris,
            aanvraag=aanvraag,
            versie=aanvraag.versie,
            onderwijssoort="blind",
        )
    assert tel(*MODELLEN) == voor
    assert _zelfde(aanvraag, stand)


def test_een_positief_besluit_buiten_het_cluster_van_de_cvi_wordt_geweigerd(z):
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError):
        ind.aanvraag_beslissen_positief(
            door=z.cvi3_secretaris, aanvraag=aanvraag, versie=aanvraag.versie, onderwijssoort="cl4"
        )
    assert tel(*MODELLEN) == voor


def test_een_cvi_lid_beslist_niet(z):
    # I-61: de commissie beslist, alleen de secretaris legt het vast.
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    voor = tel(*MODELLEN)
    with pytest.raises(GeenToegang, match="I-61"):
        ind.aanvraag_beslissen_positief(
            door=z.w.cvi_lid, aanvraag=aanvraag, versie=aanvraag.versie, onderwijssoort="lg"
        )
    with pytest.raises(GeenToegang, match="I-61"):
        ind.aanvraag_beslissen_negatief(
            door=z.w.cvi_lid, aanvraag=aanvraag, versie=aanvraag.versie, redenen="x"
        )
    assert tel(*MODELLEN) == voor


def test_een_negatief_besluit_noemt_de_redenen(z):
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as fout:
        ind.aanvraag_beslissen_negatief(
            door=z.cvi3_secretaris, aanvraag=aanvraag, versie=aanvraag.versie, redenen="  "
        )
    assert "redenen" in fout.value.message_dict
    assert tel(*MODELLEN) == voor
    aanvraag = ind.aanvraag_beslissen_negatief(
        door=z.cvi3_secretaris,
        aanvraag=aanvraag,
        versie=aanvraag.versie,
        redenen="de criteria voor cluster 3 zijn niet vervuld",
    )
    assert aanvraag.status == Aanvraagstatus.NEGATIEF
    assert aanvraag.indicatie is None
    assert aanvraag.besluit_toelichting.startswith("de criteria")
    assert not Indicatie.objects.exists()


@pytest.mark.bron("000, 'Wat is het rugzakje?'")
def test_een_herindicatie_verwijst_naar_het_vorige_cvi_nummer(z):
    eerste = geindiceerd(
        z, ingediend=date(2009, 1, 12), volledig_op=date(2009, 1, 19), besluit=date(2009, 2, 2)
    )
    aanvraag = dien_in(z, vorige_cvi_nummer=eerste.cvi_nummer)
    assert aanvraag.vorige_indicatie == eerste
    aanvraag = volledig(z, met_rapport(z, aanvraag))
    tweede = ind.aanvraag_beslissen_positief(
        door=z.cvi3_secretaris, aanvraag=aanvraag, versie=aanvraag.versie, onderwijssoort="lg"
    )
    assert tweede.vorige == eerste
    assert tweede.cvi_nummer != eerste.cvi_nummer
    # een tweede herindicatie van dezelfde indicatie kan niet
    with pytest.raises(ValidationError) as fout:
        dien_in(z, vorige_cvi_nummer=eerste.cvi_nummer)
    assert "al opnieuw" in str(fout.value.message_dict["vorige_cvi_nummer"])


def test_een_herindicatie_met_een_onbekend_of_vreemd_cvi_nummer_wordt_geweigerd(z):
    vreemd = geindiceerd(z)  # van leerling a
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError):
        dien_in(z, leerling=z.w.leerling_b, door=z.w.ouder_b, vorige_cvi_nummer=vreemd.cvi_nummer)
    with pytest.raises(ValidationError):
        dien_in(z, leerling=z.w.leerling_b, door=z.w.ouder_b, vorige_cvi_nummer="C3-999-2000-1")
    assert tel(*MODELLEN) == voor


# --- intrekken ----------------------------------------------------------------------------


def test_de_ouder_trekt_de_aanvraag_in(z):
    aanvraag = dien_in(z)
    aanvraag = ind.aanvraag_intrekken(
        door=z.w.ouder_a, aanvraag=aanvraag, versie=aanvraag.versie, toelichting="verhuisd"
    )
    assert aanvraag.status == Aanvraagstatus.INGETROKKEN
    assert aanvraag.ingetrokken_op == date(2012, 3, 15)
    # daarna kan een nieuwe aanvraag
    dien_in(z, cvi=z.cvi3b)


def test_de_school_trekt_alleen_de_eigen_cluster_4_aanvraag_in(z):
    eigen = dien_in(z, door=z.w.directie_a, cvi=z.cvi4)
    ind.aanvraag_intrekken(door=z.w.ib_a, aanvraag=eigen, versie=eigen.versie)
    van_ouders = dien_in(z, cvi=z.cvi4)
    voor = tel(*MODELLEN)
    with pytest.raises(GeenToegang):
        ind.aanvraag_intrekken(door=z.w.directie_a, aanvraag=van_ouders, versie=van_ouders.versie)
    with pytest.raises(GeenToegang):
        ind.aanvraag_intrekken(door=z.cvi4_secretaris, aanvraag=van_ouders, versie=1)
    assert tel(*MODELLEN) == voor


def test_een_besliste_aanvraag_kan_niet_meer_ingetrokken_worden(z):
    aanvraag = geindiceerd(z).aanvraag
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as fout:
        ind.aanvraag_intrekken(door=z.w.ouder_a, aanvraag=aanvraag, versie=aanvraag.versie)
    assert "niets meer" in str(fout.value.message_dict["status"])
    assert tel(*MODELLEN) == voor


# --- gelijktijdigheid en historie ----------------------------------------------------------


def test_een_verouderde_versie_geeft_een_gelijktijdige_wijziging_en_schrijft_niets(z):
    aanvraag = met_rapport(z, dien_in(z))
    oud = aanvraag.versie - 1
    voor = tel(*MODELLEN)
    with pytest.raises(GelijktijdigeWijziging):
        ind.aanvraag_volledig_verklaren(door=z.cvi3_secretaris, aanvraag=aanvraag, versie=oud)
    with pytest.raises(GelijktijdigeWijziging):
        ind.aanvraag_stuk_toevoegen(
            door=z.w.ouder_a, aanvraag=aanvraag, versie=oud, soort=Stuksoort.OVERIG
        )
    assert tel(*MODELLEN) == voor
    assert _zelfde(aanvraag, ("ingediend", oud + 1))


def test_een_positief_besluit_op_een_oude_versie_maakt_geen_indicatie(z):
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    voor = tel(*MODELLEN)
    with pytest.raises(GelijktijdigeWijziging):
        ind.aanvraag_beslissen_positief(
            door=z.cvi3_secretaris,
            aanvraag=aanvraag,
            versie=aanvraag.versie - 1,
            onderwijssoort="lg",
        )
    assert tel(*MODELLEN) == voor


def test_elke_overgang_staat_in_de_historie(z):
    indicatie = geindiceerd(z)
    stappen = list(indicatie.aanvraag.stappen.values_list("van_status", "naar_status"))
    assert stappen == [
        ("", "ingediend"),
        ("ingediend", "dossier_volledig"),
        ("dossier_volledig", "positief"),
    ]


def test_de_historie_kan_niet_gewijzigd_of_gewist_worden(z):
    stap = dien_in(z).stappen.get()
    stap.toelichting = "anders"
    with pytest.raises(TypeError):
        stap.save()
    with pytest.raises(TypeError):
        stap.delete()
    with pytest.raises(TypeError):
        Aanvraagstap.objects.all().update(toelichting="x")
    with pytest.raises(TypeError):
        Aanvraagstap.objects.all().delete()


def test_de_transitietabel_kent_elke_toestand_en_eindtoestanden_hebben_geen_uitgang():
    assert set(TRANSITIES) == set(Aanvraagstatus.values)
    for eind in ("positief", "negatief", "ingetrokken"):
        assert TRANSITIES[eind] == frozenset()
    assert "positief" not in TRANSITIES["ingediend"]
