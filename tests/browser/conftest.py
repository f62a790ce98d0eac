"""Browsertests: Playwright (Python) stuurt Debians Chromium headless aan tegen de draaiende
toepassing met demogegevens (``python -m rugzak.cli.demo`` in een subproces, met een eigen
database), en axe-core controleert elke bezochte pagina.

- Chromium: ``RUGZAK_CHROMIUM`` of ``chromium`` op het pad (Debian-pakket); Playwright
  downloadt nooit een eigen browser.
- axe-core: ``node_modules/axe-core/axe.min.js`` (``npm ci``).
- Database: een SQLite-bestand in een tijdelijke map; met ``DATABASE_URL`` (PostgreSQL) een
  eigen database ``<naam>_browser`` op dezelfde server, die na afloop wordt verwijderd.
- Schermafdrukken: ``artefacten/`` in de werkmap van de repository (genegeerd door git).

Ontbreekt Chromium, axe-core of poppler, dan slaan de tests over met de reden, behalve in CI
(``CI=true``): daar is dat een fout, zodat ze nooit stilletjes wegvallen.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTEFACTEN = REPO / "artefacten"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_VLAGGEN = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: axe-regels voor WCAG 2.0 en 2.1, niveaus A en AA
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ERNSTIG = {"serious", "critical"}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "ja"}


def ontbreekt(reden: str) -> None:
    """Overslaan op een ontwikkelmachine, falen in CI."""
    if in_ci():
        pytest.fail(f"{reden} (CI=true: browsertests mogen niet overslaan)", pytrace=False)
    pytest.skip(reden)


def chromium_pad() -> str | None:
    pad = os.environ.get("RUGZAK_CHROMIUM") or shutil.which("chromium")
    if pad is None and Path("/usr/bin/chromium").exists():
        pad = "/usr/bin/chromium"
    return pad


# --- de server -----------------------------------------------------------------------------


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _postgres_database(url: str) -> tuple[str, str]:
    """Een verse database naast die van ``url``: (nieuwe url, naam)."""
    import psycopg

    delen = urlsplit(url)
    # Onder pytest-xdist start elke werker een eigen server met een eigen database.
    werker = os.environ.get("PYTEST_XDIST_WORKER", "")
    naam = (delen.path.lstrip("/") or "rugzak") + "_browser" + (f"_{werker}" if werker else "")
    beheer = urlunsplit(delen._replace(path="/postgres"))
    with psycopg.connect(beheer, autocommit=True) as verbinding:
        verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        verbinding.execute(f'CREATE DATABASE "{naam}"')
    return urlunsplit(delen._replace(path=f"/{naam}")), naam


def _postgres_opruimen(url: str, naam: str) -> None:
    import psycopg

    beheer = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(beheer, autocommit=True) as verbinding:
        verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


@dataclass
class Server:
    adres: str
    database: str
    log: Path
    #: de omgeving waarmee de server draait (database, geen vaste peildatum van buiten)
    omgeving: dict[str, str] = field(default_factory=dict)

    def logstaart(self, tekens: int = 6000) -> str:
        return self.log.read_text(errors="replace")[-tekens:]

    def url(self, pad: str) -> str:
        return self.adres.rstrip("/") + pad

    def opbouw(self, module: str) -> dict[str, Any]:
        """Draai ``python -m <module>`` (een opbouwscript in tests/browser) tegen de
        database van deze server, met dezelfde omgeving; het script drukt één regel JSON af.
        Zo zet een test gegevens klaar die de demo niet heeft, via de services."""
        uit = subprocess.run(
            [sys.executable, "-m", module],
            cwd=REPO,
            env=self.omgeving,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if uit.returncode != 0:
            pytest.fail(f"{module} faalde:\n{uit.stderr[-4000:]}", pytrace=False)
        gegevens: dict[str, Any] = json.loads(uit.stdout.strip().splitlines()[-1])
        return gegevens


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    """De toepassing met demogegevens, zoals ``rugzak demo`` haar start."""
    werkmap = tmp_path_factory.mktemp("browserserver")
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
            "RUGZAK_SQLITE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    omgeving["RUGZAK_SQLITE"] = str(werkmap / "browser.sqlite3")
    pg: tuple[str, str] | None = None
    database = "SQLite"
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pg = _postgres_database(os.environ["DATABASE_URL"])
        omgeving["DATABASE_URL"] = pg[0]
        database = f"PostgreSQL {pg[1]}"
    poort = _vrije_poort()
    log = (werkmap / "server.log").open("w")
    proces = subprocess.Popen(
        [sys.executable, "-m", "rugzak.cli.demo", "--poort", str(poort)],
        cwd=werkmap,
        env=omgeving,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    adres = f"http://127.0.0.1:{poort}"
    try:
        grens = time.monotonic() + 300
        while True:
            if proces.poll() is not None:
                log.flush()
                pytest.fail(
                    "de demoserver stopte:\n" + (werkmap / "server.log").read_text()[-4000:],
                    pytrace=False,
                )
            try:
                with urllib.request.urlopen(adres + "/inloggen/", timeout=5) as antwoord:
                    if antwoord.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > grens:
                pytest.fail("de demoserver kwam niet binnen 300 s op", pytrace=False)
            time.sleep(0.5)
        yield Server(adres, database, werkmap / "server.log", omgeving)
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait(timeout=15)
        log.close()
        if pg is not None:
            with contextlib.suppress(Exception):
                _postgres_opruimen(os.environ["DATABASE_URL"], pg[1])


# --- de browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_bron() -> str:
    if not AXE.exists():
        ontbreekt(f"axe-core ontbreekt ({AXE}); draai 'npm ci' in de repository")
    return AXE.read_text(encoding="utf-8")


# Per module, niet per sessie: Playwrights sync-API laat zijn event loop tussen twee
# aanroepen als "lopend" in deze thread staan, en Django weigert dan elke databaseaanroep
# (SynchronousOnlyOperation). Onder pytest-xdist draait een werker na een browsermodule
# gewone databasetests; pas als Playwright stopt, is de loop weer weg.
@pytest.fixture(scope="module")
def browser():
    pad = chromium_pad()
    if pad is None:
        ontbreekt("Chromium ontbreekt; installeer het Debian-pakket 'chromium'")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - dev-afhankelijkheid
        ontbreekt("playwright ontbreekt; 'uv sync'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=pad, headless=True, args=CHROMIUM_VLAGGEN)
        yield b
        b.close()


@dataclass
class Bezoek:
    """Een browsertab die bijhoudt welke pagina's bezocht zijn en of axe ze controleerde."""

    page: object
    server: Server
    axe_bron: str
    bezocht: list[str] = field(default_factory=list)
    gecontroleerd: set[str] = field(default_factory=set)
    csp_fouten: list[str] = field(default_factory=list)
    serverfouten: list[str] = field(default_factory=list)

    def ga_naar(self, pad: str) -> object:
        antwoord = self.page.goto(self.server.url(pad))  # type: ignore[attr-defined]
        self.controleer()
        return antwoord

    def controleer(self) -> None:
        """axe-core op de huidige pagina: geen ernstige of kritieke schendingen."""
        page = self.page
        page.wait_for_load_state("load")  # type: ignore[attr-defined]
        if not page.evaluate("typeof window.axe !== 'undefined'"):  # type: ignore[attr-defined]
            page.evaluate(self.axe_bron)  # type: ignore[attr-defined]
        uitkomst = page.evaluate(  # type: ignore[attr-defined]
            """async (tags) => {
                const r = await axe.run(document, {
                    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    doelen: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
            }""",
            AXE_TAGS,
        )
        ernstig = [v for v in uitkomst if v["impact"] in ERNSTIG]
        url = page.url  # type: ignore[attr-defined]
        assert not ernstig, f"axe-core op {url}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']} bij {', '.join(v['doelen'])}" for v in ernstig
        )
        self.gecontroleerd.add(url)

    def na(self, actie) -> None:
        """Voer een handeling uit die naar een nieuwe pagina leidt (klik, Enter), wacht op
        die pagina en controleer haar met axe."""
        with self.page.expect_navigation():  # type: ignore[attr-defined]
            actie()
        self.controleer()

    def schermafdruk(self, naam: str) -> Path:
        ARTEFACTEN.mkdir(exist_ok=True)
        pad = ARTEFACTEN / f"{naam}.png"
        self.page.screenshot(path=str(pad), full_page=True)  # type: ignore[attr-defined]
        return pad

    def inloggen(self, gebruikersnaam: str, wachtwoord: str) -> None:
        page = self.page
        self.ga_naar("/inloggen/")
        page.fill("#id_username", gebruikersnaam)  # type: ignore[attr-defined]
        page.fill("#id_password", wachtwoord)  # type: ignore[attr-defined]
        self.na(lambda: page.click("form.formulier button[type=submit]"))  # type: ignore[attr-defined]


@pytest.fixture
def bezoek(browser, server, axe_bron) -> Iterator[Bezoek]:
    """Een nieuwe browsercontext (eigen cookies) per test; na afloop moet elke bezochte
    HTML-pagina door axe gecontroleerd zijn, en mag de CSP niets geweigerd hebben."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    b = Bezoek(page, server, axe_bron)

    def navigatie(frame) -> None:
        if frame == page.main_frame and not frame.url.endswith(".pdf"):
            b.bezocht.append(frame.url)

    def console(bericht) -> None:
        if "Content Security Policy" in bericht.text:
            b.csp_fouten.append(bericht.text)

    def antwoord(r) -> None:
        if r.status >= 500:
            b.serverfouten.append(f"{r.status} {r.url}")

    page.on("response", antwoord)
    page.on("framenavigated", navigatie)
    page.on("console", console)
    try:
        yield b
    finally:
        context.close()
    assert not b.serverfouten, f"serverfouten {b.serverfouten}:\n{server.logstaart()}"
    niet_gecontroleerd = [u for u in b.bezocht if u not in b.gecontroleerd]
    assert not niet_gecontroleerd, f"pagina's zonder axe-controle: {niet_gecontroleerd}"
    assert not b.csp_fouten, f"de CSP weigerde iets: {b.csp_fouten}"
