"""TAB voor een zittende leerling zonder rugzak (004 'Terugplaatsingsbegeleiding';
interpretatie I-55): service, API en pagina. Elke weigering schrijft niets."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from rugzak.ambulante_begeleiding import services as ab
from rugzak.ambulante_begeleiding.models import Begeleiding, Begeleidingstap
from rugzak.ambulante_begeleiding.termijnen import zaaktermijnen
from rugzak.audit.models import AuditRegel
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.regeling.regels.termijnen import Termijnstatus
from tests.app.zaken_hulp import geindiceerd, maak_zaken, nieuwe_leerling, tel

pytestmark = pytest.mark.django_db

MODELLEN = (Begeleiding, Begeleidingstap, AuditRegel)
VANDAAG = date(2012, 3, 15)
BEWIJS = "verklaring inschrijving SO De Brug, kenmerk 2003-117"


@pytest.fixture
def z(wereld):
    return maak_zaken(wereld)


def _zittend(z, **extra):
    """Leerling a zit sinds 22 augustus 2011 op school A (bao) en heeft geen indicatie."""
    gegevens = {
        "door": z.w.directie_a,
        "leerling": z.w.leerling_a,
        "ab_dienst": z.w.ab_dienst,
        "vso_school": z.so_school,
        "vso_sinds": date(2001, 8, 20),
        "zittend_bewijs": BEWIJS,
    }
    gegevens.update(extra)
    return ab.begeleiding_aanvragen_tab_zittend(**gegevens)


@pytest.mark.bron("004, 'Terugplaatsingsbegeleiding', tweede alinea")
def test_een_zittende_leerling_zonder_indicatie_krijgt_een_jaar_tab(z):
    b = _zittend(z)
    assert (b.soort, b.zittend, b.indicatie) == ("tab", True, None)
    assert b.zittend_bewijs == BEWIJS
    assert (b.terugplaatsing_op, b.van, b.tot) == (
        date(2011, 8, 22), date(2011, 8, 22), date(2012, 8, 21)
    )  # fmt: skip
    audit = AuditRegel.objects.filter(objecttype="begeleiding").get()
    assert "I-55" in audit.reden and BEWIJS in audit.reden
    for gebruiker in (z.ab_coordinator, z.w.directie_a):
        termijn = next(
            t for t in zaaktermijnen(gebruiker=gebruiker, vandaag=VANDAAG)
            if t.zaak_id == str(b.publiek_id)
        )  # fmt: skip
        assert termijn.termijn.regel == "ab.tab_zittend"
        assert termijn.termijn.uiterlijk == date(2012, 8, 21)
        assert termijn.status(VANDAAG) == Termijnstatus.LOPEND
        assert "I-55" in termijn.termijn.uitleg.interpretaties()
    # de coördinator van de dienst kan haar starten, zoals elke TAB
    gestart = ab.begeleiding_starten(door=z.ab_coordinator, begeleiding=b, versie=b.versie)
    assert gestart.status == "lopend" and gestart.tot == date(2012, 8, 21)


def test_de_gewone_tab_weigert_deze_leerling_nog_steeds_zonder_indicatie(z):
    with pytest.raises(ValidationError) as e:
        ab.begeleiding_aanvragen_tab(
            door=z.w.directie_a, leerling=z.w.leerling_a, ab_dienst=z.w.ab_dienst,
            vso_school=z.so_school, vso_sinds=date(2001, 8, 20),
        )  # fmt: skip
    assert "indicatie" in e.value.message_dict


@pytest.mark.bron("004, 'De leerlingtelling', categorie 2: zittend op 31 juli 2003")
def test_wie_na_31_juli_2003_in_het_vso_kwam_is_niet_zittend_en_er_wordt_niets_geschreven(z):
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as e:
        _zittend(z, vso_sinds=date(2003, 8, 1))
    assert "2003-07-31" in " ".join(e.value.message_dict["vso_sinds"])
    assert tel(*MODELLEN) == voor


def test_zonder_bewijs_van_de_inschrijving_geen_tab_en_niets_geschreven(z):
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as e:
        _zittend(z, zittend_bewijs="  ")
    assert "vervangt" in " ".join(e.value.message_dict["zittend_bewijs"])
    assert tel(*MODELLEN) == voor


def test_wie_een_indicatie_van_de_cvi_kreeg_is_niet_meer_zittend_zonder_indicatie(z):
    # leerling a: lg, geldig vanaf 2012-03-01, dus niet op de dag van terugplaatsing
    # (2011-08-22); wel een CvI-indicatie, dus de gewone TAB (of RAB), niet deze
    geindiceerd(z)
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as e:
        _zittend(z)
    assert "gewone TAB" in " ".join(e.value.message_dict["zittend"])
    assert tel(*MODELLEN) == voor


def test_een_geldige_indicatie_op_de_dag_van_terugplaatsing_geeft_het_veld_indicatie(z):
    leerling, ouder = nieuwe_leerling(z, "Sem", ouder="ouder_sem")
    geindiceerd(
        z, leerling=leerling, ouder=ouder, school=z.so_school, ingediend=date(2011, 1, 10),
        volledig_op=date(2011, 1, 17), besluit=date(2011, 3, 7),
    )  # fmt: skip
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as e:
        _zittend(z, leerling=leerling)
    assert "RAB" in " ".join(e.value.message_dict["indicatie"])
    assert tel(*MODELLEN) == voor


def test_tab_komt_via_de_dienst_van_het_rec_van_de_vso_school(z):
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as e:
        _zittend(z, ab_dienst=z.ab3b)
    assert "ab_dienst" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        _zittend(z, vso_school=z.w.school_b)
    assert "vso_school" in e.value.message_dict
    assert tel(*MODELLEN) == voor


@pytest.mark.bron("001, 'AB, TAB en PAB': de school vraagt aan")
def test_alleen_directie_of_ib_van_de_reguliere_school_vraagt_aan(z):
    voor = tel(*MODELLEN)
    for door in (z.w.teamlid_a, z.w.ouder_a, z.w.directie_b, z.ab_coordinator):
        with pytest.raises(GeenToegang):
            _zittend(z, door=door)
    assert tel(*MODELLEN) == voor


def test_een_tweede_lopende_tab_wordt_geweigerd(z):
    _zittend(z)
    voor = tel(*MODELLEN)
    with pytest.raises(ValidationError) as e:
        _zittend(z)
    assert "loopt al" in " ".join(e.value.message_dict["leerling"])
    assert tel(*MODELLEN) == voor


# --- API en pagina -----------------------------------------------------------------------------


def _client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker)
    return c


def _api(z, **extra):
    return {
        "soort": "tab",
        "leerling": str(z.w.leerling_a.publiek_id),
        "ab_dienst": z.w.ab_dienst.pk,
        "vso_school": z.so_school.pk,
        "vso_sinds": "2001-08-20",
        "zittend": True,
        "zittend_bewijs": BEWIJS,
        **extra,
    }


def test_api_tab_voor_een_zittende_leerling_201_en_zonder_bewijs_400_met_het_veld(z):
    c = _client(z.w.ib_a)
    voor = tel(Begeleiding, Begeleidingstap)
    r = c.post(
        "/api/v1/begeleidingen/", _api(z, zittend_bewijs=""), content_type="application/json"
    )
    assert r.status_code == 400 and "zittend_bewijs" in r.json()["velden"]
    assert tel(Begeleiding, Begeleidingstap) == voor
    r = c.post("/api/v1/begeleidingen/", _api(z), content_type="application/json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert (body["zittend"], body["zittend_bewijs"], body["cvi_nummer"]) == (True, BEWIJS, None)
    assert (body["van"], body["tot"]) == ("2011-08-22", "2012-08-21")
    # zonder 'zittend' blijft het de gewone TAB, die een indicatie vraagt
    r = _client(z.w.directie_a).post(
        "/api/v1/begeleidingen/", _api(z, zittend=False), content_type="application/json"
    )
    assert r.status_code == 400


def test_de_pagina_van_de_begeleiding_toont_het_bewijs_en_de_interpretatie(z):
    b = _zittend(z)
    html = _client(z.ab_coordinator).get(f"/ambulante_begeleiding/{b.publiek_id}/").content.decode()
    assert "Zittende leerling" in html and BEWIJS in html and "I-55" in html
