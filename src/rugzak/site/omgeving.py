"""Instellingen uit de omgeving lezen, zonder Django (ook bruikbaar vóór django.setup())."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

#: Standaardplaats van de ingebouwde SQLite-database, relatief aan de werkmap.
STANDAARD_SQLITE = Path("var") / "rugzak.sqlite3"


def sqlite_pad() -> Path:
    """Het pad van de SQLite-database: ``RUGZAK_SQLITE`` of ``var/rugzak.sqlite3``."""
    pad = os.environ.get("RUGZAK_SQLITE", "").strip()
    return Path(pad).expanduser().resolve() if pad else (Path.cwd() / STANDAARD_SQLITE)


def database_url() -> str | None:
    """``DATABASE_URL`` als die gezet is (bv. postgresql://postgres@127.0.0.1:5432/test)."""
    return os.environ.get("DATABASE_URL", "").strip() or None


def vlag(naam: str, standaard: bool) -> bool:
    """Een ja/nee-instelling: 1/true/ja/aan of 0/false/nee/uit."""
    waarde = os.environ.get(naam, "").strip().lower()
    if not waarde:
        return standaard
    if waarde in {"1", "true", "ja", "aan", "yes", "on"}:
        return True
    if waarde in {"0", "false", "nee", "uit", "no", "off"}:
        return False
    raise ValueError(f"{naam}={waarde!r}: gebruik 1 of 0")


def lijst(naam: str, standaard: list[str]) -> list[str]:
    waarde = os.environ.get(naam, "").strip()
    return [d.strip() for d in waarde.split(",") if d.strip()] if waarde else standaard


def datum(naam: str) -> date | None:
    waarde = os.environ.get(naam, "").strip()
    if not waarde:
        return None
    try:
        return date.fromisoformat(waarde)
    except ValueError:
        raise ValueError(f"{naam}={waarde!r} is geen datum; schrijf JJJJ-MM-DD") from None


#: Hoe lang een browser na een bezoek alleen https gebruikt (HSTS): een jaar, de waarde die
#: de preloadlijst van de browsers vraagt.
HSTS_SECONDEN = 365 * 24 * 3600


def https_instellingen(https: bool, *, preload: bool | None = None) -> dict[str, object]:
    """De Django-instellingen die van https afhangen: cookies alleen over https, HSTS en
    doorsturen van http naar https. ``preload`` (standaard gelijk aan ``https``) zet
    ``preload`` in de HSTS-kop; dat meldt de site niet aan bij de preloadlijst, maar
    staat het toe (een subdomein komt er nooit op). Zonder https staat alles uit, anders
    werkt inloggen over http (demo, tests) niet."""
    preload = https if preload is None else preload
    return {
        "SESSION_COOKIE_SECURE": https,
        "CSRF_COOKIE_SECURE": https,
        "SECURE_SSL_REDIRECT": https,
        "SECURE_HSTS_SECONDS": HSTS_SECONDEN if https else 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": https,
        "SECURE_HSTS_PRELOAD": https and preload,
    }
