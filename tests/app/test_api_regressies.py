"""Regressietests voor wat de schemagestuurde fuzzrun (``test_api_fuzz.py``) vond: elke
bevinding als gewone, kleine test, zodat ze ook zonder de fuzzer bewaakt blijft."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.test import Client

from rugzak.api.problemen import PROBLEEM_TYPE

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"


@pytest.fixture
def ingelogd(wereld) -> Client:
    c = Client()
    c.force_login(wereld.ib_a)
    return c


# --- bevinding 1: fouten stonden niet in het schema ------------------------------------------


def test_elk_eindpunt_in_het_schema_noemt_fouten_als_problem_json():
    """Elke 400/403/404/409 is application/problem+json; het vastgelegde schema zei bij
    geen enkel eindpunt dat er een fout kon komen (de fuzzer: 'Undocumented status code')."""
    schema = yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))
    assert set(schema["components"]["schemas"]["Probleem"]["required"]) == {
        "type",
        "title",
        "status",
        "detail",
    }
    zonder = [
        (methode, pad)
        for pad, operaties in schema["paths"].items()
        for methode, operatie in operaties.items()
        if PROBLEEM_TYPE not in operatie["responses"].get("4XX", {}).get("content", {})
    ]
    assert not zonder


# --- bevinding 2: een API-pad dat geen route is, gaf een HTML-pagina -----------------------------


@pytest.mark.parametrize(
    "pad",
    [
        "/api/v1/leerlingen/geen-uuid/",  # publiek id dat niet op het patroon past
        "/api/v1/meldingen/%0D/weigeren/",
        "/api/v1/rec-administratie/abc/telling/",  # id dat geen getal is
        "/api/v1/bestaat-niet/",
    ],
)
def test_een_api_pad_zonder_route_is_404_als_problem_json(ingelogd, pad):
    r = ingelogd.get(pad)
    assert r.status_code == 404
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)
    assert r.json()["status"] == 404


def test_een_api_pad_zonder_route_is_ook_niet_ingelogd_problem_json(db):
    r = Client().post("/api/v1/handelingsplannen/Scunthorpe/instemming/", {})
    assert r.status_code == 404
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)


def test_buiten_de_api_blijft_een_onbekend_pad_de_html_foutpagina(ingelogd):
    r = ingelogd.get("/bestaat-niet/")
    assert r.status_code == 404
    assert r["Content-Type"].startswith("text/html")


# --- bevinding 3: een maand stond in het schema als datum ---------------------------------------


def test_een_maand_staat_in_het_schema_als_jjjj_mm_zoals_het_antwoord():
    """Grootboekregels, betaalruns en het dossier geven ``maand`` als ``2011-10``; het schema
    zei ``format: date`` (``2011-10-01``)."""
    schema = yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))["components"]["schemas"]
    for naam in ("DossierBetaling", "Grootboekregel", "Betaalrun"):
        maand = schema[naam]["properties"]["maand"]
        assert "format" not in maand and maand["pattern"] == "^[0-9]{4}-[0-9]{2}$", naam


# --- bevinding 4: GET pab-formatie geeft een lijst, het schema zei één object ---------------------


def test_pab_formatie_get_is_in_het_schema_een_lijst_en_post_een_object():
    operaties = yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))["paths"][
        "/api/v1/vso-scholen/{id}/pab-formatie/"
    ]
    get = operaties["get"]["responses"]
    assert get["200"]["content"]["application/json"]["schema"]["type"] == "array"
    assert "201" not in get and "requestBody" not in operaties["get"]
    assert set(operaties["post"]["responses"]) == {"201", "4XX"}


# --- bevinding 5: een te groot getal als id gaf een 500 ----------------------------------------

TE_GROOT = 10**40


def test_een_te_groot_school_id_bij_een_scholengemeenschap_is_400_met_het_veld(wereld, ingelogd):
    r = ingelogd.post(
        f"/api/v1/rec-administratie/{wereld.rec.pk}/scholengemeenschappen/",
        {"naam": "x", "schoolplan": "y", "scholen": [TE_GROOT], "gevormd_op": "2012-03-01"},
        content_type="application/json",
    )
    assert r.status_code == 400, r.content
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)
    assert "scholen" in str(r.json()["velden"])


@pytest.mark.parametrize(
    "pad",
    [
        f"/api/v1/rec-administratie/{TE_GROOT}/telling/?teldatum=2011-10-01",
        f"/api/v1/rec-administratie/{TE_GROOT}/rapport/?schooljaar=2011-2012",
        f"/api/v1/vso-scholen/{TE_GROOT}/pab-formatie/",
        f"/api/v1/recs/{TE_GROOT}/bekostiging/?schooljaar=2003-2004",
        f"/api/v1/betaalruns/{TE_GROOT}/",
    ],
)
def test_een_te_groot_id_in_het_pad_is_geweigerd_als_problem_json_geen_500(ingelogd, pad):
    r = ingelogd.get(pad)
    assert r.status_code in (403, 404), r.content
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)
