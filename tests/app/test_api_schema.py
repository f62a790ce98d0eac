"""Het OpenAPI-schema staat in ``docs/openapi.yaml`` en is precies wat drf-spectacular uit
de code genereert; geen pad bevat een naam of ander persoonsgegeven."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
VERVERS = (
    "DJANGO_SETTINGS_MODULE=rugzak.site.settings_test uv run django-admin spectacular "
    "--api-version v1 --file docs/openapi.yaml --validate --fail-on-warn"
)

#: Een padparameter is een publiek id (UUID) of het id van een organisatie; nooit een naam.
TOEGESTANE_PADPARAMETERS = {
    "publiek_id": r"^[0-9a-f-]{36}$",
    "id": (r"^[0-9a-f-]{36}$", r"^[0-9]+$"),
}


def _genereer(pad: Path) -> str:
    call_command(
        "spectacular", "--api-version", "v1", "--file", str(pad), "--validate", "--fail-on-warn"
    )
    return pad.read_text(encoding="utf-8")


def test_het_vastgelegde_schema_is_wat_de_code_genereert(tmp_path):
    nieuw = _genereer(tmp_path / "openapi.yaml")
    assert SCHEMA.exists(), f"docs/openapi.yaml ontbreekt; maak het met: {VERVERS}"
    assert SCHEMA.read_text(encoding="utf-8") == nieuw, (
        f"docs/openapi.yaml is verouderd: de API is veranderd. Ververs het met: {VERVERS}"
    )


def test_het_schema_is_openapi_3_en_alleen_versie_1():
    schema = yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))
    assert schema["openapi"].startswith("3.")
    assert schema["paths"]
    assert all(p.startswith("/api/v1/") for p in schema["paths"])


def test_geen_padparameter_in_het_schema_is_een_naam():
    schema = yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))
    gezien = set()
    for pad, operaties in schema["paths"].items():
        for methode, operatie in operaties.items():
            for p in operatie.get("parameters", []):
                if p["in"] != "path":
                    continue
                toegestaan = TOEGESTANE_PADPARAMETERS.get(p["name"])
                assert toegestaan is not None, (pad, methode, p["name"])
                assert p["schema"].get("pattern") in (
                    toegestaan if isinstance(toegestaan, tuple) else (toegestaan,)
                ), (pad, methode, p)
                gezien.add(p["name"])
            # een query-parameter mag ook geen naam van een leerling vragen
            for p in operatie.get("parameters", []):
                assert not re.search(r"naam|adres|postcode|geboorte", p["name"]), (pad, p)
    assert gezien == {"publiek_id", "id"}


def _routes(patronen, voor=""):
    for p in patronen:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, voor + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield voor + str(p.pattern)


@pytest.mark.parametrize("prefix", ["api/v1/"])
def test_elke_route_van_de_api_neemt_alleen_ids_als_padparameter(prefix):
    """Ook buiten het schema om: elke benoemde groep in een API-route is een UUID of een
    getal (of het formaat-achtervoegsel van DRF)."""
    for route in _routes(get_resolver().url_patterns):
        if not route.startswith(prefix):
            continue
        for naam, regex in re.findall(r"\(\?P<(\w+)>([^)]*)\)", route):
            if naam == "format":
                continue
            assert naam in {"publiek_id", "pk"}, (route, naam)
            assert regex in {"[0-9a-f-]{36}", "[0-9]+"}, (route, naam, regex)
        assert "<" not in re.sub(r"\(\?P<\w+>", "", route).replace("<drf_format_suffix", ""), route
