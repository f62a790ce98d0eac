"""Productie-instellingen: ``django-admin check --deploy`` is schoon, en de beveiligingskoppen
(CSP, HSTS, nosniff, Referrer-Policy, frame-ancestors/X-Frame-Options) en de cookievlaggen
staan op een pagina. De sjablonen hebben geen inline scripts of stijlen, zodat de strikte
CSP (geen 'unsafe-inline') ze toelaat.

De instellingen worden bij het importeren uit de omgeving gelezen; de tests die de echte
productie-instellingen nodig hebben, draaien daarom in een eigen proces."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from rugzak.site.omgeving import HSTS_SECONDEN, https_instellingen

PAKKET = Path(__file__).resolve().parents[2] / "src" / "rugzak"
HOST = "rugzak.example.nl"


def _productie_omgeving(tmp_path: Path, **extra: str) -> dict[str, str]:
    """De omgeving van een productieserver: geen debug, https, een lange sleutel."""
    omgeving = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("RUGZAK_") and k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    omgeving.update(
        DJANGO_SETTINGS_MODULE="rugzak.site.settings",
        RUGZAK_SECRET_KEY="p" + "0123456789abcdefghijklmnopqrstuvwxyz" * 2,
        RUGZAK_HTTPS="1",
        RUGZAK_ALLOWED_HOSTS=HOST,
        RUGZAK_SQLITE=str(tmp_path / "leeg.sqlite3"),
    )
    omgeving.update(extra)
    return omgeving


def _django_admin(omgeving: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_meldt_niets_met_de_productie_instellingen(tmp_path):
    uit = _django_admin(_productie_omgeving(tmp_path), "check", "--deploy", "--fail-level", "DEBUG")
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "System check identified no issues (0 silenced)." in uit.stdout + uit.stderr


def test_check_deploy_meldt_wel_de_https_punten_zonder_https(tmp_path):
    # de controle hierboven kan falen: zonder https noemt Django precies de https-punten
    uit = _django_admin(
        _productie_omgeving(tmp_path, RUGZAK_HTTPS="0"),
        "check",
        "--deploy",
        "--fail-level",
        "ERROR",
    )
    tekst = uit.stdout + uit.stderr
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert code in tekst, tekst


KOPPEN_SCRIPT = f"""
import json, django
django.setup()
from django.test import Client
c = Client(HTTP_HOST={HOST!r})
https = c.get("/inloggen/", secure=True)
http = c.get("/inloggen/")
print(json.dumps({{
    "status": https.status_code,
    "koppen": dict(https.headers),
    "cookies": {{n: {{k: str(v) for k, v in m.items()}} for n, m in https.cookies.items()}},
    "http_status": http.status_code,
    "http_naar": http.headers.get("Location"),
}}))
"""


def test_de_inlogpagina_draagt_de_beveiligingskoppen_van_productie(tmp_path):
    uit = subprocess.run(
        [sys.executable, "-c", KOPPEN_SCRIPT],
        env=_productie_omgeving(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert uit.returncode == 0, uit.stderr
    antwoord = json.loads(uit.stdout.strip().splitlines()[-1])
    assert antwoord["status"] == 200
    koppen = antwoord["koppen"]
    assert koppen["Strict-Transport-Security"] == (
        f"max-age={HSTS_SECONDEN}; includeSubDomains; preload"
    )
    assert koppen["X-Content-Type-Options"] == "nosniff"
    assert koppen["Referrer-Policy"] == "same-origin"
    assert koppen["X-Frame-Options"] == "DENY"
    assert koppen["Cross-Origin-Opener-Policy"] == "same-origin"
    richtlijnen = {
        d.partition(" ")[0]: d.partition(" ")[2]
        for d in koppen["Content-Security-Policy"].split("; ")
    }
    assert richtlijnen["default-src"] == "'self'"
    assert richtlijnen["script-src"] == "'self'" and richtlijnen["style-src"] == "'self'"
    assert richtlijnen["frame-ancestors"] == "'none'" and richtlijnen["object-src"] == "'none'"
    assert "unsafe" not in koppen["Content-Security-Policy"]
    assert "camera=()" in koppen["Permissions-Policy"]
    csrf = antwoord["cookies"]["csrftoken"]
    assert csrf["secure"] == "True"
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    # gewone http wordt doorgestuurd naar https
    assert antwoord["http_status"] == 301
    assert antwoord["http_naar"] == f"https://{HOST}/inloggen/"


@pytest.fixture
def met_https(settings):
    """De https-instellingen van productie (dezelfde functie als settings.py gebruikt)."""
    for naam, waarde in https_instellingen(True).items():
        setattr(settings, naam, waarde)


@pytest.mark.django_db
def test_na_inloggen_is_de_sessiecookie_secure_httponly_en_samesite(
    client, wereld, wachtwoord, met_https
):
    antwoord = client.post(
        reverse("inloggen"), {"username": "directie_a", "password": wachtwoord}, secure=True
    )
    assert antwoord.status_code == 302
    sessie = antwoord.cookies["sessionid"]
    assert sessie["secure"] and sessie["httponly"] and sessie["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["secure"]
    start = client.get(reverse("start"), secure=True)
    assert start.status_code == 200
    assert start["Strict-Transport-Security"].startswith(f"max-age={HSTS_SECONDEN}")
    assert "frame-ancestors 'none'" in start["Content-Security-Policy"]


def test_zonder_https_staan_veilige_cookies_en_hsts_uit():
    # anders werkt inloggen over http (demo, tests) niet
    instellingen = https_instellingen(False)
    assert not any(instellingen.values())
    assert https_instellingen(True, preload=False)["SECURE_HSTS_PRELOAD"] is False


#: Wat een strikte CSP zonder 'unsafe-inline' weigert: een script zonder src, een
#: style-attribuut of <style>-blok, een event-handler (onclick=...) en javascript:-links.
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style>-blok"),
    (re.compile(r"\sstyle\s*=", re.I), "style-attribuut"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event-handler"),
    (re.compile(r"javascript:", re.I), "javascript:-link"),
]


def _sjablonen() -> list[Path]:
    return sorted(p for p in PAKKET.rglob("templates/**/*") if p.suffix in (".html", ".svg"))


def test_geen_sjabloon_bevat_inline_scripts_of_stijlen():
    sjablonen = _sjablonen()
    assert len(sjablonen) > 20  # de zoektocht vindt de sjablonen echt
    gevonden = [
        f"{p.relative_to(PAKKET)}:{tekst[: m.start()].count(chr(10)) + 1}: {wat}"
        for p in sjablonen
        for tekst in [p.read_text(encoding="utf-8")]
        for patroon, wat in INLINE
        for m in patroon.finditer(tekst)
    ]
    assert not gevonden, "de CSP zou dit weigeren:\n" + "\n".join(gevonden)


def test_de_controle_op_inline_code_vindt_elk_soort():
    voorbeelden = [
        "<script>alert(1)</script>",
        "<style>p {}</style>",
        '<p style="color: red">',
        '<a onclick="x()">',
        '<a href="javascript:x()">',
    ]
    for voorbeeld, (patroon, _) in zip(voorbeelden, INLINE, strict=True):
        assert patroon.search(voorbeeld)
    assert not INLINE[0][0].search('<script src="/static/x.js"></script>')
