"""API van de begeleidingszaak: statuscodes, problem+json, geen toegang over diensten heen."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.test import Client

from rugzak.ambulante_begeleiding.models import Begeleiding
from rugzak.api.problemen import PROBLEEM_TYPE
from tests.app.zaken_hulp import geindiceerd, maak_zaken, nieuwe_leerling

pytestmark = pytest.mark.django_db

BASIS = "/api/v1/begeleidingen/"


@pytest.fixture
def z(wereld):
    return maak_zaken(wereld)


def post(gebruiker, pad, data):
    c = Client()
    c.force_login(gebruiker)
    return c.post(pad, data, content_type="application/json")


def get(gebruiker, pad):
    c = Client()
    c.force_login(gebruiker)
    return c.get(pad)


def is_probleem(r, status: int) -> dict:
    assert r.status_code == status, r.content
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)
    return r.json()


def test_rab_aanvragen_starten_en_beeindigen_via_de_api(z):
    geindiceerd(z)
    r = post(
        z.w.ib_a,
        BASIS,
        {"soort": "rab", "leerling": str(z.w.leerling_a.publiek_id), "ab_dienst": z.w.ab_dienst.pk},
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert (body["soort"], body["status"], body["versie"]) == ("rab", "aangevraagd", 1)
    assert body["cvi_nummer"].startswith("C3-")
    pad = f"{BASIS}{body['publiek_id']}/"
    is_probleem(post(z.ab3b_coordinator, pad + "starten/", {"versie": 1}), 404)
    is_probleem(post(z.w.directie_a, pad + "starten/", {"versie": 1}), 403)
    r = post(
        z.ab_coordinator, pad + "starten/", {"versie": 1, "begeleider": z.w.ambulant_begeleider.pk}
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "lopend"
    is_probleem(post(z.ab_coordinator, pad + "starten/", {"versie": 1}), 409)
    detail = get(z.w.ambulant_begeleider, pad)
    assert detail.status_code == 200
    assert detail.json()["toegang_via_rol"] == "ambulant_begeleider"
    assert [s["naar_status"] for s in detail.json()["historie"]] == ["aangevraagd", "lopend"]
    r = post(z.w.directie_a, pad + "beeindigen/", {"versie": 2})
    assert "reden" in is_probleem(r, 400)["velden"]
    r = post(z.w.directie_a, pad + "beeindigen/", {"versie": 2, "reden": "naar het so"})
    assert r.json()["status"] == "beeindigd"


def test_rab_bij_een_ander_cluster_is_409(z):
    geindiceerd(z)
    r = post(
        z.w.ib_a,
        BASIS,
        {"soort": "rab", "leerling": str(z.w.leerling_a.publiek_id), "ab_dienst": z.ab4.pk},
    )
    assert is_probleem(r, 409)["type"].endswith("niet-toegestaan")
    assert not Begeleiding.objects.exists()


def test_pab_en_tab_via_de_api(z):
    r = post(
        z.w.directie_a,
        BASIS,
        {
            "soort": "pab",
            "leerling": str(z.w.leerling_a.publiek_id),
            "ab_dienst": z.w.ab_dienst.pk,
            "adviseur": z.cvi3_secretaris.pk,
        },
    )
    assert r.status_code == 201, r.content
    assert r.json()["adviseur_rol"] == "cvi_secretaris"
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
    gegevens = {"soort": "tab", "leerling": str(leerling.publiek_id), "ab_dienst": z.w.ab_dienst.pk}
    assert "vso_sinds" in is_probleem(post(z.w.directie_a, BASIS, gegevens), 400)["velden"]
    r = post(
        z.w.directie_a,
        BASIS,
        {**gegevens, "vso_school": z.so_school.pk, "vso_sinds": "2007-08-20"},
    )
    assert r.status_code == 201, r.content
    assert (r.json()["van"], r.json()["tot"]) == ("2011-08-22", "2012-08-21")


def test_lijst_en_detail_alleen_voor_wie_mag(z):
    geindiceerd(z)
    post(
        z.w.ib_a,
        BASIS,
        {"soort": "rab", "leerling": str(z.w.leerling_a.publiek_id), "ab_dienst": z.w.ab_dienst.pk},
    )
    b = Begeleiding.objects.get()
    assert get(z.ab_coordinator, BASIS).json()["aantal"] == 1
    assert get(z.w.ouder_a, BASIS + "?soort=rab").json()["aantal"] == 1
    for gebruiker in (z.ab3b_coordinator, z.w.directie_b, z.w.ambulant_begeleider, z.w.cvi_lid):
        assert get(gebruiker, BASIS).json()["aantal"] == 0
        is_probleem(get(gebruiker, f"{BASIS}{b.publiek_id}/"), 404)
    is_probleem(get(z.ab_coordinator, f"{BASIS}{uuid.uuid4()}/"), 404)


def test_de_eindpunten_staan_in_het_schema(z):
    schema = get(z.ab_coordinator, "/api/v1/schema/?format=json").json()
    for actie in ("toewijzen", "starten", "afwijzen", "beeindigen"):
        assert f"/api/v1/begeleidingen/{{publiek_id}}/{actie}/" in schema["paths"]
