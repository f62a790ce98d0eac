"""Toegang tot indicatieaanvragen en indicaties: de eigen CvI, de school, de ouders; niet
een CvI van een ander REC, niet een andere school, niet de AB-dienst."""

from __future__ import annotations

from datetime import date

import pytest

from rugzak import toegang
from rugzak.audit.models import Actie, AuditRegel
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.indicaties import selectors
from rugzak.indicaties import services as ind
from rugzak.indicaties.termijnen import zaaktermijnen
from rugzak.regeling.regels.termijnen import Termijnstatus
from rugzak.termijnregister import termijnen_voor
from tests.app.zaken_hulp import dien_in, geindiceerd, maak_zaken, met_rapport, volledig

pytestmark = pytest.mark.django_db

VANDAAG = date(2012, 3, 15)


@pytest.fixture
def z(wereld):
    return maak_zaken(wereld)


def _kan_lezen(gebruiker, aanvraag) -> bool:
    try:
        selectors.aanvraag_dossier(gebruiker=gebruiker, publiek_id=aanvraag.publiek_id, reden="t")
    except GeenToegang:
        return False
    return True


def test_de_eigen_cvi_de_ouders_en_de_school_lezen_de_aanvraag(z):
    aanvraag = dien_in(z)
    for gebruiker in (
        z.w.cvi_lid,
        z.cvi3_secretaris,
        z.w.ouder_a,
        z.w.directie_a,
        z.w.ib_a,
        z.w.teamlid_a,
        z.w.bestuurder_a,
    ):
        assert _kan_lezen(gebruiker, aanvraag), gebruiker


def test_een_cvi_van_een_ander_rec_leest_de_aanvraag_niet_en_de_poging_wordt_gelogd(z):
    aanvraag = dien_in(z)
    assert not _kan_lezen(z.cvi3b_lid, aanvraag)
    assert not _kan_lezen(z.cvi3b_secretaris, aanvraag)
    assert z.w.leerling_a not in toegang.leerlingen_zichtbaar_voor(z.cvi3b_lid)
    regel = AuditRegel.objects.filter(actie=Actie.GEWEIGERD, gebruiker_id=z.cvi3b_lid.pk).get()
    assert regel.objecttype == "indicatieaanvraag"
    assert selectors.aanvragen_lijst(gebruiker=z.cvi3b_lid) == []


def test_een_cvi_ziet_de_aanvraag_van_dezelfde_leerling_bij_een_ander_rec_niet(z):
    eerste = dien_in(z)
    ind.aanvraag_intrekken(door=z.w.ouder_a, aanvraag=eerste, versie=eerste.versie)
    tweede = dien_in(z, cvi=z.cvi3b)
    # beide CvI's zien de leerling, elk alleen de eigen aanvraag
    assert z.w.leerling_a in toegang.leerlingen_zichtbaar_voor(z.w.cvi_lid)
    assert _kan_lezen(z.w.cvi_lid, eerste) and not _kan_lezen(z.w.cvi_lid, tweede)
    assert _kan_lezen(z.cvi3b_lid, tweede) and not _kan_lezen(z.cvi3b_lid, eerste)
    lijst = selectors.aanvragen_lijst(gebruiker=z.w.cvi_lid)
    assert [a for a, _ in lijst] == [eerste]


def test_een_andere_school_een_andere_ouder_de_ab_dienst_en_cfi_lezen_niet(z):
    aanvraag = dien_in(z)
    for gebruiker in (
        z.w.directie_b,
        z.w.ouder_b,
        z.w.ambulant_begeleider,
        z.ab_coordinator,
        z.w.bekostigingsmedewerker,
        z.cvi4_secretaris,
    ):
        assert not _kan_lezen(gebruiker, aanvraag), gebruiker


def test_een_cvi_van_een_ander_rec_kan_niet_beslissen(z):
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    with pytest.raises(GeenToegang):
        ind.aanvraag_beslissen_positief(
            door=z.cvi3b_secretaris,
            aanvraag=aanvraag,
            versie=aanvraag.versie,
            onderwijssoort="lg",
        )


def test_lezen_wordt_gelogd_met_de_rol_waarmee_gelezen_werd(z):
    aanvraag = dien_in(z)
    selectors.aanvraag_dossier(gebruiker=z.w.cvi_lid, publiek_id=aanvraag.publiek_id, reden="r")
    regel = AuditRegel.objects.filter(actie=Actie.LEZEN, objecttype="indicatieaanvraag").get()
    assert (regel.rol, regel.organisatie_id) == ("cvi_lid", z.w.cvi.pk)
    assert regel.leerling_publiek_id == str(z.w.leerling_a.publiek_id)
    voor = AuditRegel.objects.filter(actie=Actie.LEZEN).count()
    selectors.aanvragen_lijst(gebruiker=z.w.ouder_a)
    assert AuditRegel.objects.filter(actie=Actie.LEZEN).count() == voor + 1


def test_de_indicatie_zien_school_ouders_en_cvi_maar_niet_een_andere_school(z):
    indicatie = geindiceerd(z)
    for gebruiker in (z.w.directie_a, z.w.ouder_a, z.w.cvi_lid):
        gevonden = selectors.indicaties_lijst(gebruiker=gebruiker)
        assert [i for i, _ in gevonden] == [indicatie]
        selectors.indicatie_detail(gebruiker=gebruiker, publiek_id=indicatie.publiek_id, reden="t")
    for gebruiker in (z.w.directie_b, z.w.ouder_b, z.cvi3b_lid, z.w.bekostigingsmedewerker):
        assert selectors.indicaties_lijst(gebruiker=gebruiker) == []
        with pytest.raises(GeenToegang):
            selectors.indicatie_detail(
                gebruiker=gebruiker, publiek_id=indicatie.publiek_id, reden="t"
            )


@pytest.mark.bron("000, 'Aanvragen van het rugzakje', vijfde punt")
def test_de_beslistermijn_staat_in_het_termijnenregister_van_cvi_school_en_ouders(z):
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    for gebruiker in (z.cvi3_secretaris, z.w.cvi_lid, z.w.ouder_a, z.w.directie_a):
        termijnen = list(zaaktermijnen(gebruiker=gebruiker, vandaag=VANDAAG))
        assert len(termijnen) == 1
        t = termijnen[0]
        assert t.zaak_id == str(aanvraag.publiek_id)
        assert t.termijn.uiterlijk == date(2012, 3, 19)
        assert t.status(VANDAAG) == Termijnstatus.BIJNA_VERLOPEN
        assert t.termijn.grondslag[0].document == "000"
    for gebruiker in (z.cvi3b_secretaris, z.w.directie_b, z.w.ouder_b, z.ab_coordinator):
        assert list(zaaktermijnen(gebruiker=gebruiker, vandaag=VANDAAG)) == []


def test_een_beslist_besluit_is_een_voldane_termijn_en_het_register_logt_de_inzage(z):
    geindiceerd(z)
    termijnen = [
        t for t in termijnen_voor(z.cvi3_secretaris, vandaag=VANDAAG) if t.zaaktype == "indicatie"
    ]
    assert [t.status(VANDAAG) for t in termijnen] == [Termijnstatus.VOLDAAN]
    assert AuditRegel.objects.filter(
        objecttype="termijn", gebruiker_id=z.cvi3_secretaris.pk
    ).exists()


def test_een_verlopen_beslistermijn_heet_verlopen(z):
    aanvraag = dien_in(z, op=date(2011, 11, 1))
    volledig(z, met_rapport(z, aanvraag, op=date(2011, 11, 7)), op=date(2011, 11, 14))
    t = next(iter(zaaktermijnen(gebruiker=z.cvi3_secretaris, vandaag=VANDAAG)))
    assert t.status(VANDAAG) == Termijnstatus.VERLOPEN


def test_alleen_open_laat_een_besliste_aanvraag_weg_maar_niet_voor_haar_besluitdatum(z):
    """De startpagina vraagt alleen open termijnen (``alleen_open``): een besliste aanvraag
    wordt dan niet gelezen, behalve als de besluitdatum na vandaag ligt (een vastgezette
    dag in het verleden): dan loopt de termijn op die dag nog."""
    from tests.app.zaken_hulp import BESLUIT, VOLLEDIG

    geindiceerd(z)
    cvi = z.cvi3_secretaris
    alle = list(zaaktermijnen(gebruiker=cvi, vandaag=VANDAAG))
    assert [t.status(VANDAAG) for t in alle] == [Termijnstatus.VOLDAAN]
    assert list(zaaktermijnen(gebruiker=cvi, vandaag=VANDAAG, alleen_open=True)) == []
    dag = VOLLEDIG + (BESLUIT - VOLLEDIG) / 2
    assert VOLLEDIG < dag < BESLUIT
    [t] = zaaktermijnen(gebruiker=cvi, vandaag=dag, alleen_open=True)
    assert t.status(dag) in (Termijnstatus.LOPEND, Termijnstatus.BIJNA_VERLOPEN)


def test_het_register_met_alleen_open_statussen_geeft_dezelfde_open_termijnen(z):
    """Het register geeft ``alleen_open`` alleen door als de aanroeper geen voldane
    statussen vraagt; de open termijnen zijn met en zonder precies dezelfde."""
    from rugzak.indicaties.models import Stuksoort
    from rugzak.termijnregister import VOLDANE_STATUSSEN, termijnen_verzamelen

    geindiceerd(z)
    open_aanvraag = dien_in(z, leerling=z.w.leerling_b, door=z.w.ouder_b)
    ind.aanvraag_stuk_toevoegen(
        door=z.cvi3_secretaris,
        aanvraag=open_aanvraag,
        versie=open_aanvraag.versie,
        soort=Stuksoort.ONDERWIJSKUNDIG_RAPPORT,
        ontvangen_op=open_aanvraag.ingediend_op,
        opgesteld_door=z.w.school_b,
    )
    volledig(z, open_aanvraag)
    open_ = [s for s in Termijnstatus if s not in VOLDANE_STATUSSEN]
    cvi = z.cvi3_secretaris
    gefilterd = termijnen_verzamelen(cvi, vandaag=VANDAAG, statussen=open_)
    alle = termijnen_verzamelen(cvi, vandaag=VANDAAG)
    assert gefilterd == [t for t in alle if t.status(VANDAAG) in open_]
    assert len(gefilterd) == 1
    assert len(alle) > len(gefilterd)
