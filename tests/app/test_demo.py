"""``rugzak demo --geen-server``: maakt de SQLite-database, laadt de demogegevens één keer
en toont per rol een login die werkt."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rugzak.organisaties.rollen import Roltype


def _demo(werkmap: Path, *extra: str) -> dict:
    omgeving = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "RUGZAK_SECRET_KEY",
            "RUGZAK_VANDAAG",
            "RUGZAK_HTTPS",
            "RUGZAK_DEBUG",
        }
    }
    omgeving["RUGZAK_SQLITE"] = str(werkmap / "demo.sqlite3")
    klaar = subprocess.run(
        [sys.executable, "-m", "rugzak.cli.demo", "--geen-server", "--json", *extra],
        cwd=werkmap,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert klaar.returncode == 0, klaar.stderr
    return json.loads(klaar.stdout)


def _tel(pad: Path, tabel: str) -> int:
    with sqlite3.connect(pad) as db:
        return db.execute(f"SELECT COUNT(*) FROM {tabel}").fetchone()[0]


def _leerlingen(pad: Path) -> list[tuple]:
    with sqlite3.connect(pad) as db:
        return db.execute(
            "SELECT publiek_id, voornaam, achternaam, geboortedatum FROM leerlingen_leerling "
            "ORDER BY publiek_id"
        ).fetchall()


@pytest.fixture(scope="module")
def demomap(tmp_path_factory):
    return tmp_path_factory.mktemp("demo")


@pytest.fixture(scope="module")
def twee_runs(demomap):
    return _demo(demomap), _demo(demomap)


def test_de_demo_maakt_de_database_en_laadt_een_keer(demomap, twee_runs):
    eerste, tweede = twee_runs
    db = demomap / "demo.sqlite3"
    assert db.is_file()
    assert eerste["demogegevens_geladen"] is True
    assert tweede["demogegevens_geladen"] is False
    for veld in ("organisaties", "gebruikers", "leerlingen"):
        assert eerste[veld] == tweede[veld] > 0
    assert eerste["leerlingen"] >= 24  # "een paar dozijn"
    assert _tel(db, "leerlingen_leerling") == eerste["leerlingen"]


def test_de_demo_heeft_elke_soort_organisatie_en_schoolsoort(demomap, twee_runs):
    with sqlite3.connect(demomap / "demo.sqlite3") as db:
        soorten = {r[0] for r in db.execute("SELECT DISTINCT soort FROM organisaties_organisatie")}
        schoolsoorten = {
            r[0] for r in db.execute("SELECT DISTINCT schoolsoort FROM organisaties_organisatie")
        }
        clusters = {r[0] for r in db.execute("SELECT cluster FROM organisaties_organisatie")}
    assert soorten == {"bestuur", "school", "rec", "cvi", "ab_dienst", "bekostigingsinstantie"}
    assert {"bao", "sbao", "vo", "mbo", "so", "vso"} <= schoolsoorten
    assert {"2", "3", "4"} <= clusters


def test_de_demo_toont_per_rol_een_login(twee_runs):
    eerste, tweede = twee_runs
    assert [login["rol"] for login in eerste["logins"]] == list(Roltype.values)
    assert eerste["logins"] == tweede["logins"]
    assert all(login["wachtwoord"] for login in eerste["logins"])


def test_de_demo_is_reproduceerbaar(demomap, twee_runs):
    voor = _leerlingen(demomap / "demo.sqlite3")
    opnieuw = _demo(demomap, "--opnieuw")
    assert opnieuw["demogegevens_geladen"] is True
    assert _leerlingen(demomap / "demo.sqlite3") == voor


def test_de_demo_logins_werken(demomap, twee_runs, settings):
    from django.contrib.auth.hashers import check_password

    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    eerste, _ = twee_runs
    hashes: dict[tuple[str, str], list[str]] = {}
    with sqlite3.connect(demomap / "demo.sqlite3") as db:
        for login in eerste["logins"]:
            (hash_,) = db.execute(
                "SELECT password FROM organisaties_gebruiker WHERE username = ?",
                [login["gebruikersnaam"]],
            ).fetchone()
            hashes.setdefault((login["wachtwoord"], hash_), []).append(login["gebruikersnaam"])
    # Eén gedeelde hash voor alle demogebruikers: elke combinatie één keer controleren.
    for (wachtwoord, hash_), namen in hashes.items():
        assert check_password(wachtwoord, hash_), namen


def test_de_ambulant_begeleider_van_de_demo_leest_een_handelingsplan(demomap, twee_runs):
    """In de demo begeleidt ab.rec3 (PAB) een leerling met een vastgesteld handelingsplan,
    dus de demo-login van de ambulant begeleider laat het meelezen zien."""
    with sqlite3.connect(demomap / "demo.sqlite3") as db:
        (aantal,) = db.execute(
            """
            SELECT COUNT(*) FROM handelingsplannen_handelingsplan p
            JOIN toelating_toelatingszaak z ON z.id = p.zaak_id
            JOIN ambulante_begeleiding_begeleiding b ON b.leerling_id = z.leerling_id
            JOIN organisaties_gebruiker g ON g.id = b.toegewezen_id
            WHERE p.toestand = 'vastgesteld' AND b.status = 'lopend' AND g.username = 'ab.rec3'
            """
        ).fetchone()
    assert aantal >= 1


def test_een_ongeldige_poort_wordt_geweigerd(tmp_path):
    klaar = subprocess.run(
        [sys.executable, "-m", "rugzak.cli.demo", "--poort", "0", "--geen-server"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert klaar.returncode == 2
    assert "poort" in klaar.stderr


def test_demo_is_een_subopdracht_van_rugzak():
    from rugzak.cli.main import maak_parser

    args = maak_parser().parse_args(["demo", "--geen-server", "--poort", "8001"])
    assert args.geen_server is True
    assert args.poort == 8001
