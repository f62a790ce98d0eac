"""Services van de begeleidingszaak (RAB, TAB, PAB): elke overgang, en weigeringen
schrijven niets. De regels zelf komen uit de regelkern."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from rugzak import toegang
from rugzak.ambulante_begeleiding import selectors
from rugzak.ambulante_begeleiding import services as ab
from rugzak.ambulante_begeleiding.models import (
    TRANSITIES,
    Begeleiding,
    Begeleidingstap,
    Begeleidingstatus,
)
from rugzak.ambulante_begeleiding.termijnen import zaaktermijnen
from rugzak.audit.models import Actie, AuditRegel
from rugzak.gedeeld.fouten import GeenToegang, GelijktijdigeWijziging
from rugzak.organisaties.rollen import Organisatiesoort
from rugzak.organisaties.services import organisatie_maak
from rugzak.regeling.begrippen import Schoolsoort
from rugzak.regeling.fouten import NietToegestaan
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.ambulante_begeleiding import tab_recht
from rugzak.regeling.regels.termijnen import Termijnstatus
from tests.app.zaken_hulp import geindiceerd, maak_zaken, nieuwe_leerling, tel

pytestmark = pytest.mark.django_db

MODELLEN = (Begeleiding, Begeleidingstap)
VANDAAG = date(2012, 3, 15)


@pytest.fixture
def z(wereld):
    return maak_zaken(wereld)


@pytest.fixture
def rab(z):
    geindiceerd(z)  # leerling a, lg, geldig vanaf 2012-03-01
    return ab.begeleiding_aanvragen_rab(
        door=z.w.ib_a, leerling=z.w.leerling_a, ab_dienst=z.w.ab_dienst, op=date(2012, 3, 5)
    )


@pytest.fixture
def teruggeplaatst(z):
    """Een leerling die in 2008 in het so een lg-indicatie kreeg (t/m 2011-03-09), die
    zonder herindicatie afliep, en sinds 2011-08-22 op school A zit."""
    leerling, ouder = nieuwe_leerling(z, "Sem", ouder="ouder_sem")
    geindiceerd(
        z,
        leerling=leerling,
        ouder=ouder,
        school=z.so_school,
        ingediend=date(2008, 1, 14),
        volledig_op=date(2008, 1, 21),
        besluit=date(2008, 3, 10),
    )
    return leerling


def _zelfde(b, voor):
    b.refresh_from_db()
    return (b.status, b.versie) == voor


# --- RAB ----------------------------------------------------------------------------------


@pytest.mark.bron("003, paragraaf 'Rugzak - AB (RAB)', eerste alinea")
def test_rab_bij_de_eigen_dienst_met_een_geldige_indicatie(z, rab):
    assert rab.status == Begeleidingstatus.AANGEVRAAGD
    assert rab.school == z.w.school_a
    assert rab.indicatie.leerling == z.w.leerling_a
    assert rab.tot == rab.indicatie.einddatum
    assert rab.stappen.get().naar_status == "aangevraagd"
    regel = AuditRegel.objects.filter(objecttype="begeleiding").get()
    assert (regel.actie, regel.rol) == (Actie.AANMAKEN, "intern_begeleider")


@pytest.mark.bron("003, paragraaf 'Rugzak - AB (RAB)', eerste alinea")
def test_rab_mag_door_een_ander_rec_van_hetzelfde_cluster(z):
    geindiceerd(z)
    b = ab.begeleiding_aanvragen_rab(door=z.w.ib_a, leerling=z.w.leerling_a, ab_dienst=z.ab3b)
    assert b.ab_dienst == z.ab3b


@pytest.mark.bron("003, paragraaf 'Rugzak - AB (RAB)', eerste alinea")
def test_rab_door_een_rec_van_een_ander_cluster_weigert_de_regelkern(z):
    geindiceerd(z)
    voor = tel(*MODELLEN)
    with pytest.raises(NietToegestaan, match="cluster"):
        ab.begeleiding_aanvragen_rab(door=z.w.ib_a, leerling=z.w.leerling_a, ab_dienst=z.ab4)
    assert tel(*MODELLEN) == voor


def _ab_dienst_rec2(z):
    return organisatie_maak(soort=Organisatiesoort.AB_DIENST, naam="AB REC 2", rec=z.rec2)


@pytest.mark.bron("001, bao-tabel per 1 augustus 2011: AB van doof+zml met cluster-2-bedragen")
def test_rab_voor_doof_zml_mag_een_dienst_van_een_rec_van_cluster_2_verzorgen(z):
    # Geïndiceerd door de CvI van cluster 3 (I-06); 001 prijst de AB als cluster 2 (I-29).
    geindiceerd(z, onderwijssoort="mg_doof_zml")
    dienst = _ab_dienst_rec2(z)
    b = ab.begeleiding_aanvragen_rab(door=z.w.ib_a, leerling=z.w.leerling_a, ab_dienst=dienst)
    assert (b.ab_dienst, b.indicatie.onderwijssoort) == (dienst, "mg_doof_zml")


@pytest.mark.bron("001, bao-tabel per 1 augustus 2011: AB van lg en lg+zml met cluster-3-bedragen")
@pytest.mark.parametrize("onderwijssoort", ["lg", "mg_lg_zml"])
def test_rab_voor_lg_of_lg_zml_door_een_dienst_van_cluster_2_wordt_geweigerd(z, onderwijssoort):
    geindiceerd(z, onderwijssoort=onderwijssoort)
    dienst = _ab_dienst_rec2(z)
    voor = tel(*MODELLEN)
    with pytest.raises(NietToegestaan, match="I-29"):
        ab.begeleiding_aanvragen_rab(door=z.w.ib_a, leerling=z.w.leerling_a, ab_dienst=dienst)
    assert tel(*MODELLEN) == voor


def test_rab_zonder_geldige_indicatie_wordt_geweigerd(z):
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as fout:
        ab.begeleiding_aanvragen_rab(
            door=z.w.ib_a, leerling=z.w.leerling_a, ab_dienst=z.w.ab_dienst
        )
    assert "geen geldige indicatie" in str(fout.value.message_dict["indicatie"])
    assert tel(*MODELLEN) == voor


def test_rab_vraagt_de_school_aan_niet_een_teamlid_ouder_of_andere_school(z):
    geindiceerd(z)
    voor = tel(*MODELLEN)
    for door in (z.w.teamlid_a, z.w.ouder_a, z.w.directie_b, z.ab_coordinator):
        with pytest.raises(GeenToegang):
            ab.begeleiding_aanvragen_rab(
                door=door, leerling=z.w.leerling_a, ab_dienst=z.w.ab_dienst
            )
    assert tel(*MODELLEN) == voor


def test_een_tweede_lopende_rab_wordt_geweigerd(z, rab):
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as fout:
        ab.begeleiding_aanvragen_rab(door=z.w.ib_a, leerling=z.w.leerling_a, ab_dienst=z.ab3b)
    assert "loopt al" in str(fout.value.message_dict["leerling"])
    assert tel(*MODELLEN) == voor


# --- TAB ----------------------------------------------------------------------------------


@pytest.mark.bron("003, paragraaf 'Terugplaatsings-AB (TAB)'")
def test_tab_een_jaar_na_verlies_van_de_indicatie_in_het_so(z, teruggeplaatst):
    b = ab.begeleiding_aanvragen_tab(
        door=z.w.directie_a,
        leerling=teruggeplaatst,
        ab_dienst=z.w.ab_dienst,
        vso_school=z.so_school,
        vso_sinds=date(2007, 8, 20),
    )
    verwacht = tab_recht(
        standaard_regeling(),
        ingeschreven_vso_sinds=date(2007, 8, 20),
        indicatie_einde=date(2011, 3, 9),
        herindicatie=False,
        terugplaatsing_op=date(2011, 8, 22),
        nieuwe_schoolsoort=Schoolsoort.BAO,
    ).periode
    assert (b.van, b.tot) == (verwacht.van, verwacht.tot) == (date(2011, 8, 22), date(2012, 8, 21))
    assert b.indicatie.einddatum == date(2011, 3, 9)
    assert b.terugplaatsing_op == date(2011, 8, 22)
    for gebruiker in (z.ab_coordinator, z.w.directie_a):
        termijnen = list(zaaktermijnen(gebruiker=gebruiker, vandaag=VANDAAG))
        tab = [t for t in termijnen if t.zaak_id == str(b.publiek_id)]
        assert tab[0].termijn.uiterlijk == date(2012, 8, 21)
        assert tab[0].status(VANDAAG) == Termijnstatus.LOPEND
        assert tab[0].termijn.grondslag[0].document == "003"


@pytest.mark.bron("001, paragraaf 'Ambulante begeleding: AB, TAB en PAB'")
def test_tab_na_minder_dan_een_jaar_vso_weigert_de_regelkern(z, teruggeplaatst):
    voor = tel(*MODELLEN)
    with pytest.raises(NietToegestaan, match="minder dan één jaar"):
        ab.begeleiding_aanvragen_tab(
            door=z.w.directie_a,
            leerling=teruggeplaatst,
            ab_dienst=z.w.ab_dienst,
            vso_school=z.so_school,
            vso_sinds=date(2010, 9, 1),
        )
    assert tel(*MODELLEN) == voor


def test_tab_terwijl_de_indicatie_nog_loopt_weigert_de_regelkern(z):
    geindiceerd(z)
    with pytest.raises(NietToegestaan):
        ab.begeleiding_aanvragen_tab(
            door=z.w.directie_a,
            leerling=z.w.leerling_a,
            ab_dienst=z.w.ab_dienst,
            vso_school=z.so_school,
            vso_sinds=date(2007, 8, 20),
        )


def test_tab_komt_van_de_dienst_van_het_rec_van_de_vso_school(z, teruggeplaatst):
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as fout:
        ab.begeleiding_aanvragen_tab(
            door=z.w.directie_a,
            leerling=teruggeplaatst,
            ab_dienst=z.ab3b,
            vso_school=z.so_school,
            vso_sinds=date(2007, 8, 20),
        )
    assert "ab_dienst" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        ab.begeleiding_aanvragen_tab(
            door=z.w.directie_a,
            leerling=teruggeplaatst,
            ab_dienst=z.w.ab_dienst,
            vso_school=z.w.school_b,
            vso_sinds=date(2007, 8, 20),
        )
    assert "vso_school" in fout.value.message_dict
    assert tel(*MODELLEN) == voor


# --- PAB ----------------------------------------------------------------------------------


@pytest.mark.bron("003, paragraaf 'Preventieve- AB (PAB)'")
@pytest.mark.parametrize("adviseur", ["cvi3_secretaris", "ab_coordinator"])
def test_pab_op_advies_van_cvi_secretaris_of_ab_coordinator_en_wie_adviseerde_staat_erin(
    z, adviseur
):
    persoon = getattr(z, adviseur)
    b = ab.begeleiding_aanvragen_pab(
        door=z.w.directie_a,
        leerling=z.w.leerling_a,
        ab_dienst=z.w.ab_dienst,
        adviseur=persoon,
        advies_op=date(2012, 3, 1),
    )
    assert b.adviseur == persoon
    rol = persoon.rollen.get()
    assert (b.adviseur_rol, b.adviseur_organisatie_id) == (rol.rol, rol.organisatie_id)
    assert b.advies_op == date(2012, 3, 1)


@pytest.mark.bron("003, paragraaf 'Preventieve- AB (PAB)'")
def test_pab_op_advies_van_een_ander_weigert_de_regelkern(z):
    voor = tel(*MODELLEN)
    for adviseur in (z.w.cvi_lid, z.w.teamlid_a, z.w.ambulant_begeleider):
        with pytest.raises(NietToegestaan, match="PAB vraagt advies"):
            ab.begeleiding_aanvragen_pab(
                door=z.w.directie_a,
                leerling=z.w.leerling_a,
                ab_dienst=z.w.ab_dienst,
                adviseur=adviseur,
            )
    assert tel(*MODELLEN) == voor


def test_pab_met_een_geldige_indicatie_is_rab_en_wordt_geweigerd(z):
    geindiceerd(z)
    with pytest.raises(NietToegestaan, match="RAB"):
        ab.begeleiding_aanvragen_pab(
            door=z.w.directie_a,
            leerling=z.w.leerling_a,
            ab_dienst=z.w.ab_dienst,
            adviseur=z.cvi3_secretaris,
        )


def test_pab_advies_komt_uit_het_rec_van_de_dienst(z):
    with pytest.raises(ValidationError) as fout:
        ab.begeleiding_aanvragen_pab(
            door=z.w.directie_a,
            leerling=z.w.leerling_a,
            ab_dienst=z.w.ab_dienst,
            adviseur=z.cvi3b_secretaris,
        )
    assert "ander REC" in str(fout.value.message_dict["adviseur"])


# --- overgangen ---------------------------------------------------------------------------


def test_de_coordinator_wijst_toe_start_en_de_school_beeindigt(z, rab):
    b = ab.begeleiding_toewijzen(
        door=z.ab_coordinator, begeleiding=rab, versie=rab.versie, begeleider=z.begeleider2
    )
    assert b.toegewezen == z.begeleider2
    b = ab.begeleiding_starten(
        door=z.ab_coordinator,
        begeleiding=b,
        versie=b.versie,
        op=date(2012, 3, 12),
        begeleider=z.w.ambulant_begeleider,
    )
    assert (b.status, b.van, b.toegewezen) == ("lopend", date(2012, 3, 12), z.w.ambulant_begeleider)
    b = ab.begeleiding_beeindigen(
        door=z.w.directie_a, begeleiding=b, versie=b.versie, reden="leerling verhuist"
    )
    assert (b.status, b.beeindigd_op) == ("beeindigd", VANDAAG)
    stappen = list(b.stappen.values_list("van_status", "naar_status"))
    assert stappen == [
        ("", "aangevraagd"),
        ("aangevraagd", "aangevraagd"),
        ("aangevraagd", "lopend"),
        ("lopend", "beeindigd"),
    ]


def test_alleen_de_coordinator_van_de_dienst_start_toewijst_of_afwijst(z, rab):
    voor, stand = tel(*MODELLEN), (rab.status, rab.versie)
    for door in (z.w.ambulant_begeleider, z.ab3b_coordinator, z.w.directie_a, z.cvi3_secretaris):
        with pytest.raises(GeenToegang):
            ab.begeleiding_starten(door=door, begeleiding=rab, versie=rab.versie)
        with pytest.raises(GeenToegang):
            ab.begeleiding_afwijzen(door=door, begeleiding=rab, versie=rab.versie, reden="x")
        with pytest.raises(GeenToegang):
            ab.begeleiding_toewijzen(
                door=door, begeleiding=rab, versie=rab.versie, begeleider=z.begeleider2
            )
    assert tel(*MODELLEN) == voor
    assert _zelfde(rab, stand)


def test_toewijzen_alleen_aan_een_begeleider_van_de_dienst(z, rab):
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as fout:
        ab.begeleiding_toewijzen(
            door=z.ab_coordinator, begeleiding=rab, versie=rab.versie, begeleider=z.w.teamlid_a
        )
    assert "begeleider" in fout.value.message_dict
    assert tel(*MODELLEN) == voor


def test_afwijzen_vraagt_een_reden_en_is_een_eindtoestand(z, rab):
    with pytest.raises(ValidationError):
        ab.begeleiding_afwijzen(door=z.ab_coordinator, begeleiding=rab, versie=rab.versie, reden="")
    b = ab.begeleiding_afwijzen(
        door=z.ab_coordinator, begeleiding=rab, versie=rab.versie, reden="geen capaciteit"
    )
    assert (b.status, b.afgewezen_op, b.reden) == ("afgewezen", VANDAAG, "geen capaciteit")
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as fout:
        ab.begeleiding_starten(door=z.ab_coordinator, begeleiding=b, versie=b.versie)
    assert "niets meer" in str(fout.value.message_dict["status"])
    assert tel(*MODELLEN) == voor


def test_een_aangevraagde_begeleiding_kan_niet_beeindigd_worden(z, rab):
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError):
        ab.begeleiding_beeindigen(
            door=z.ab_coordinator, begeleiding=rab, versie=rab.versie, reden="x"
        )
    assert tel(*MODELLEN) == voor


def test_starten_voor_de_aanvraag_kan_niet(z, rab):
    with pytest.raises(ValidationError):
        ab.begeleiding_starten(
            door=z.ab_coordinator, begeleiding=rab, versie=rab.versie, op=date(2012, 3, 1)
        )


def test_een_verouderde_versie_schrijft_niets(z, rab):
    voor = tel(*MODELLEN)
    with pytest.raises(GelijktijdigeWijziging):
        ab.begeleiding_starten(door=z.ab_coordinator, begeleiding=rab, versie=rab.versie + 1)
    assert tel(*MODELLEN) == voor


def test_de_transitietabel_kent_elke_toestand():
    assert set(TRANSITIES) == set(Begeleidingstatus.values)
    assert TRANSITIES["beeindigd"] == TRANSITIES["afgewezen"] == frozenset()


# --- toegang ------------------------------------------------------------------------------


def _ziet(gebruiker, b) -> bool:
    return selectors.begeleiding_leesgrond(gebruiker, b) is not None


def test_de_coordinator_ziet_de_leerlingen_van_lopende_zaken_van_de_dienst(z, rab):
    assert z.w.leerling_a in toegang.leerlingen_zichtbaar_voor(z.ab_coordinator)
    assert _ziet(z.ab_coordinator, rab)
    assert not _ziet(z.ab3b_coordinator, rab)
    assert z.w.leerling_a not in toegang.leerlingen_zichtbaar_voor(z.ab3b_coordinator)
    b = ab.begeleiding_starten(door=z.ab_coordinator, begeleiding=rab, versie=rab.versie)
    ab.begeleiding_beeindigen(door=z.ab_coordinator, begeleiding=b, versie=b.versie, reden="klaar")
    # na het einde: geen leerlingtoegang meer, de eigen zaak blijft zichtbaar
    assert z.w.leerling_a not in toegang.leerlingen_zichtbaar_voor(z.ab_coordinator)
    assert _ziet(z.ab_coordinator, b)


def test_een_ambulant_begeleider_ziet_alleen_de_toegewezen_begeleidingen(z, rab):
    assert not _ziet(z.w.ambulant_begeleider, rab)
    assert selectors.begeleidingen_lijst(gebruiker=z.w.ambulant_begeleider) == []
    ab.begeleiding_toewijzen(
        door=z.ab_coordinator,
        begeleiding=rab,
        versie=rab.versie,
        begeleider=z.w.ambulant_begeleider,
    )
    rab.refresh_from_db()
    assert _ziet(z.w.ambulant_begeleider, rab)
    assert not _ziet(z.begeleider2, rab)
    lijst = selectors.begeleidingen_lijst(gebruiker=z.w.ambulant_begeleider)
    assert [b for b, _ in lijst] == [rab]


def test_een_ambulant_begeleider_ziet_op_leerlingniveau_alleen_toegewezen_leerlingen(z, rab):
    """De coördinator ziet de leerlingen van alle lopende zaken van de dienst; een ambulant
    begeleider alleen die van zaken die aan hem zijn toegewezen (ook in rugzak.toegang)."""
    assert z.w.leerling_a in toegang.leerlingen_zichtbaar_voor(z.ab_coordinator)
    assert z.w.leerling_a not in toegang.leerlingen_zichtbaar_voor(z.w.ambulant_begeleider)
    ab.begeleiding_toewijzen(
        door=z.ab_coordinator,
        begeleiding=rab,
        versie=rab.versie,
        begeleider=z.w.ambulant_begeleider,
    )
    assert z.w.leerling_a in toegang.leerlingen_zichtbaar_voor(z.w.ambulant_begeleider)
    assert z.w.leerling_a not in toegang.leerlingen_zichtbaar_voor(z.begeleider2)


def test_school_ouders_en_bestuur_zien_de_begeleiding_een_andere_school_en_de_cvi_niet(z, rab):
    for gebruiker in (z.w.directie_a, z.w.teamlid_a, z.w.ouder_a, z.w.bestuurder_a):
        assert _ziet(gebruiker, rab), gebruiker
    for gebruiker in (z.w.directie_b, z.w.ouder_b, z.w.cvi_lid, z.w.bekostigingsmedewerker):
        assert not _ziet(gebruiker, rab), gebruiker
    with pytest.raises(GeenToegang):
        selectors.begeleiding_dossier(
            gebruiker=z.w.directie_b, publiek_id=rab.publiek_id, reden="t"
        )
    assert AuditRegel.objects.filter(actie=Actie.GEWEIGERD, objecttype="begeleiding").exists()
    selectors.begeleiding_dossier(gebruiker=z.w.ouder_a, publiek_id=rab.publiek_id, reden="t")
    regel = AuditRegel.objects.filter(actie=Actie.LEZEN, objecttype="begeleiding").get()
    assert regel.rol == "ouder"


@pytest.mark.bron("003, paragraaf 'Rugzak - AB (RAB)'")
def test_de_rab_termijn_is_het_einde_van_de_indicatie(z, rab):
    termijnen = list(zaaktermijnen(gebruiker=z.ab_coordinator, vandaag=VANDAAG))
    assert [t.termijn.uiterlijk for t in termijnen] == [rab.indicatie.einddatum]
