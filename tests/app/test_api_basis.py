"""De API-basis: versie in het pad, problem+json bij fouten, schema beschikbaar."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from rugzak.api.problemen import PROBLEEM_TYPE

pytestmark = pytest.mark.django_db


def test_niet_ingelogd_geeft_problem_json_403():
    r = Client().get("/api/v1/leerlingen/")
    assert r.status_code in (401, 403)
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)
    body = r.json()
    assert {"type", "title", "status", "detail"} <= set(body)


def test_schema_is_openapi_3_en_alleen_v1(django_user_model):
    gebruiker = django_user_model.objects.create_user("s", password="x" * 12)
    c = Client()
    c.force_login(gebruiker)
    r = c.get("/api/v1/schema/?format=json")
    assert r.status_code == 200
    schema = r.json()
    assert schema["openapi"].startswith("3.")
    assert all(p.startswith("/api/v1/") for p in schema["paths"])


def test_onbekende_leerling_is_404_als_problem_json(django_user_model):
    gebruiker = django_user_model.objects.create_user("t", password="x" * 12)
    c = Client()
    c.force_login(gebruiker)
    r = c.get(f"/api/v1/leerlingen/{uuid.uuid4()}/")
    assert r.status_code == 404
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)


def test_termijnen_endpoint_weigert_onbekende_status_met_veldnaam(django_user_model):
    gebruiker = django_user_model.objects.create_user("u", password="x" * 12)
    c = Client()
    c.force_login(gebruiker)
    r = c.get("/api/v1/termijnen/?status=morgen")
    assert r.status_code == 400
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)
    assert "status" in r.json()["velden"]
    ok = c.get("/api/v1/termijnen/?status=verlopen")
    assert ok.status_code == 200
    assert ok.json() == {
        "aantal": 0,
        "pagina": 1,
        "paginas": 1,
        "per_pagina": 50,
        "volgende": None,
        "vorige": None,
        "resultaten": [],
    }
