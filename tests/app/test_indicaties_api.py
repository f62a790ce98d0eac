"""API van de indicatiezaak: statuscodes, problem+json, geen toegang over organisaties heen."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from rugzak.api.problemen import PROBLEEM_TYPE
from rugzak.indicaties.models import Indicatie, Indicatieaanvraag
from tests.app.zaken_hulp import dien_in, maak_zaken, met_rapport, volledig

pytestmark = pytest.mark.django_db

BASIS = "/api/v1/indicatieaanvragen/"


@pytest.fixture
def z(wereld):
    return maak_zaken(wereld)


def client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker)
    return c


def post(gebruiker, pad, data):
    return client(gebruiker).post(pad, data, content_type="application/json")


def is_probleem(r, status: int) -> dict:
    assert r.status_code == status, r.content
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)
    return r.json()


def test_een_ouder_dient_in_via_de_api_en_de_cvi_ziet_de_aanvraag(z):
    r = post(
        z.w.ouder_a,
        BASIS,
        {"leerling": str(z.w.leerling_a.publiek_id), "cvi": z.w.cvi.pk, "onderwijssoort": "lg"},
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "ingediend"
    assert body["versie"] == 1
    assert body["leerling"] == str(z.w.leerling_a.publiek_id)
    assert "voornaam" not in body  # geen persoonsgegevens in de zaak
    lijst = client(z.w.cvi_lid).get(BASIS).json()
    assert [a["publiek_id"] for a in lijst["resultaten"]] == [body["publiek_id"]]
    detail = client(z.w.cvi_lid).get(f"{BASIS}{body['publiek_id']}/")
    assert detail.status_code == 200
    assert detail.json()["toegang_via_rol"] == "cvi_lid"
    assert detail.json()["historie"][0]["naar_status"] == "ingediend"


def test_cluster_1_geeft_409_niet_toegestaan(z):
    r = post(
        z.w.ouder_a,
        BASIS,
        {"leerling": str(z.w.leerling_a.publiek_id), "cvi": z.w.cvi.pk, "onderwijssoort": "blind"},
    )
    assert is_probleem(r, 409)["type"].endswith("niet-toegestaan")
    assert not Indicatieaanvraag.objects.exists()


def test_de_school_voor_cluster_3_krijgt_403(z):
    r = post(z.w.directie_a, BASIS, {"leerling": str(z.w.leerling_a.publiek_id), "cvi": z.w.cvi.pk})
    is_probleem(r, 403)
    r = post(z.w.directie_a, BASIS, {"leerling": str(z.w.leerling_a.publiek_id), "cvi": z.cvi4.pk})
    assert r.status_code == 201


def test_een_onbekende_leerling_en_een_vreemde_leerling_geven_hetzelfde_antwoord(z):
    onbekend = post(z.w.ouder_a, BASIS, {"leerling": str(uuid.uuid4()), "cvi": z.w.cvi.pk})
    vreemd = post(
        z.w.ouder_a, BASIS, {"leerling": str(z.w.leerling_b.publiek_id), "cvi": z.w.cvi.pk}
    )
    assert is_probleem(onbekend, 403)["title"] == is_probleem(vreemd, 403)["title"]


def test_de_hele_procedure_via_de_api(z):
    aanvraag = dien_in(z)
    pad = f"{BASIS}{aanvraag.publiek_id}/"
    r = post(z.cvi3_secretaris, pad + "volledig/", {"versie": 1})
    body = is_probleem(r, 400)
    assert "stukken" in body["velden"]
    r = post(
        z.w.directie_a,
        pad + "stukken/",
        {"versie": 1, "soort": "onderwijskundig_rapport", "opgesteld_door": z.w.school_a.pk},
    )
    assert r.status_code == 200, r.content
    assert r.json()["versie"] == 2
    r = post(z.cvi3_secretaris, pad + "volledig/", {"versie": 2, "op": "2012-01-23"})
    assert r.status_code == 200, r.content
    assert r.json()["uiterste_beslisdatum"] == "2012-03-19"
    detail = client(z.cvi3_secretaris).get(pad).json()
    assert detail["termijn"]["status"] == "bijna verlopen"
    assert detail["termijn"]["uiterlijk"] == "2012-03-19"
    r = post(z.cvi3_secretaris, pad + "verlengen/", {"versie": 3, "toelichting": "onderzoek"})
    assert r.status_code == 200
    assert r.json()["uiterste_beslisdatum"] == "2012-05-14"
    r = post(z.cvi3_secretaris, pad + "verlengen/", {"versie": 4, "toelichting": "nog eens"})
    assert is_probleem(r, 409)["type"].endswith("niet-toegestaan")
    r = post(z.w.cvi_lid, pad + "positief/", {"versie": 4, "onderwijssoort": "lg"})
    is_probleem(r, 403)
    r = post(z.cvi3_secretaris, pad + "positief/", {"versie": 3, "onderwijssoort": "lg"})
    assert is_probleem(r, 409)["type"].endswith("gelijktijdige-wijziging")
    r = post(z.cvi3_secretaris, pad + "positief/", {"versie": 4, "onderwijssoort": "lg"})
    assert r.status_code == 200, r.content
    indicatie = r.json()["indicatie"]
    assert indicatie["cvi_nummer"] == Indicatie.objects.get().cvi_nummer
    assert indicatie["einddatum"] == "2015-03-14"
    lijst = client(z.w.directie_a).get("/api/v1/indicaties/").json()
    assert [i["cvi_nummer"] for i in lijst["resultaten"]] == [indicatie["cvi_nummer"]]
    r = client(z.w.directie_a).get(f"/api/v1/indicaties/{indicatie['publiek_id']}/")
    assert r.status_code == 200
    assert (
        client(z.w.directie_b).get(f"/api/v1/indicaties/{indicatie['publiek_id']}/").status_code
        == 404
    )


def test_negatief_en_intrekken_via_de_api(z):
    a = volledig(z, met_rapport(z, dien_in(z)))
    r = post(z.cvi3_secretaris, f"{BASIS}{a.publiek_id}/negatief/", {"versie": a.versie})
    assert "redenen" in is_probleem(r, 400)["velden"]
    r = post(
        z.cvi3_secretaris,
        f"{BASIS}{a.publiek_id}/negatief/",
        {"versie": a.versie, "redenen": "criteria niet vervuld"},
    )
    assert r.json()["status"] == "negatief"
    b = dien_in(z, leerling=z.w.leerling_b, door=z.w.ouder_b)
    r = post(z.w.ouder_b, f"{BASIS}{b.publiek_id}/intrekken/", {"versie": 1})
    assert r.json()["status"] == "ingetrokken"


def test_een_cvi_van_een_ander_rec_krijgt_404_op_lezen_en_schrijven(z):
    aanvraag = met_rapport(z, dien_in(z))
    pad = f"{BASIS}{aanvraag.publiek_id}/"
    is_probleem(client(z.cvi3b_lid).get(pad), 404)
    is_probleem(post(z.cvi3b_secretaris, pad + "volledig/", {"versie": aanvraag.versie}), 404)
    is_probleem(client(z.w.directie_b).get(pad), 404)
    is_probleem(client(z.w.ouder_b).get(pad), 404)
    aanvraag.refresh_from_db()
    assert aanvraag.status == "ingediend"


def test_een_onbekend_id_is_404(z):
    is_probleem(client(z.cvi3_secretaris).get(f"{BASIS}{uuid.uuid4()}/"), 404)
    is_probleem(post(z.cvi3_secretaris, f"{BASIS}{uuid.uuid4()}/volledig/", {"versie": 1}), 404)


def test_zonder_versie_is_400(z):
    aanvraag = met_rapport(z, dien_in(z))
    r = post(z.cvi3_secretaris, f"{BASIS}{aanvraag.publiek_id}/volledig/", {})
    assert "versie" in is_probleem(r, 400)["velden"]


def test_niet_ingelogd_is_403_of_401(z):
    r = Client().get(BASIS)
    assert r.status_code in (401, 403)
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)


def test_de_eindpunten_staan_in_het_schema(z):
    schema = client(z.cvi3_secretaris).get("/api/v1/schema/?format=json").json()
    paden = set(schema["paths"])
    for actie in ("stukken", "volledig", "verlengen", "positief", "negatief", "intrekken"):
        assert f"/api/v1/indicatieaanvragen/{{publiek_id}}/{actie}/" in paden
    assert "/api/v1/indicaties/" in paden
