"""Geen ontwikkelaarstaal en geen dode links op de pagina's van de demo (issue 15).

Per rol loopt de testclient vanaf de startpagina de links af (breedte eerst): elke link
die een bezochte pagina toont, moet de lezer ook kunnen openen (200, of een doorverwijzing
naar een pagina die opent), en op geen pagina een ruwe code van een keuzeveld
("intern_begeleider", "dossier_volledig", "ab_verzorger") of een ISO-datum (jjjj-mm-dd,
ook jjjj-mm) in de tekst die de gebruiker leest; in de PDF's (de overeenkomst met haar
extra evaluaties) evenmin. ISO hoort alleen in CSV, API en CLI.

Om snel te blijven opent de test per soort pagina (het pad met ids als ``<id>``) een
beperkt aantal links en volgt hij de links van nog minder pagina's per soort; welke soorten
per rol beslist bezocht moeten zijn (``MOET_BEZOCHT``: "Waarom dit bedrag?", de
overeenkomst en haar PDF), toetst de test zelf, zodat een pagina niet ongemerkt buiten de
verkenning valt."""

from __future__ import annotations

import html as htmllib
import io
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client, override_settings

from rugzak.demo.laden import laad_demo
from rugzak.demo.opbouw import DEMO_LOGINS
from rugzak.organisaties.models import Gebruiker
from tests.app.conftest import PEILDATUM
from tests.web.hulp import MODEL_BACKEND

#: Codes die het issue op pagina's vond, en andere die een gebruiker nooit mag lezen.
VASTE_CODES = {
    "intern_begeleider",
    "dossier_volledig",
    "ab_verzorger",
    "ab_coordinator",
    "cvi_secretaris",
    "ambulant_begeleider",
    "ter_instemming",
    "getekend_school",
    "in_wachtrij",
}

#: Per rol hoogstens zoveel verzoeken; per soort pagina zoveel links geopend (en op fouten
#: gelezen), en van zoveel pagina's de links gevolgd (de testclient is snel, de machine niet).
VERZOEKEN_PER_ROL = 160
OPENEN_PER_SOORT = 12
VOLGEN_PER_SOORT = 2
#: PDF's en CSV's: per soort één (een PDF maken kost tijd)
BESTANDEN_PER_SOORT = 1

#: Per rol de soorten pagina's die de verkenning moet bereiken: "Waarom dit bedrag?" (de
#: uitleg van de regelkern voor professionals), de leerlingpagina (met de rugzak), de
#: overeenkomst met haar extra evaluaties en haar PDF.
REGEL = "/betalingen/grootboek/regel/<n>/"
OVEREENKOMST = "/handelingsplannen/overeenkomsten/<id>/"
OVEREENKOMST_PDF = "/handelingsplannen/overeenkomsten/<id>/brief.pdf"
LEERLING = "/leerlingen/<id>/"
MOET_BEZOCHT = {
    "directie": {REGEL, LEERLING, OVEREENKOMST, OVEREENKOMST_PDF},
    "intern_begeleider": {LEERLING, OVEREENKOMST, OVEREENKOMST_PDF},
    "bekostigingsmedewerker": {REGEL},
    "ouder": {LEERLING},
}

#: Een ISO-datum (2012-03-15) of ISO-maand (2012-03) in leesbare tekst; "2011-2012" (een
#: schooljaar) is geen van beide.
_ISO = re.compile(r"(?<!\d)(19|20)\d\d-(0[1-9]|1[0-2])(-\d\d)?(?![\d])")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _keuzecodes() -> set[str]:
    codes: set[str] = set()
    for model in apps.get_models():
        for veld in model._meta.get_fields():
            for code, _ in getattr(veld, "flatchoices", None) or ():
                if isinstance(code, str) and "_" in code:
                    codes.add(code)
    return codes


def _leesbare_tekst(pagina: str) -> str:
    """Wat de gebruiker leest: zonder scripts, stijlen, tags en attributen."""
    pagina = re.sub(r"<(script|style)\b.*?</\1>", " ", pagina, flags=re.S)
    pagina = re.sub(r"<!--.*?-->", " ", pagina, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", pagina))


def _pdf_tekst(inhoud: bytes) -> str:
    import pypdf

    return " ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(inhoud)).pages)


def _links(pagina: str) -> list[str]:
    """De links naar pagina's en bestanden van de toepassing (niet naar statische
    bestanden, de API, het beheer of uitloggen)."""
    uit = []
    for href in re.findall(r'<a\b[^>]*\bhref="(/[^"#]*)', pagina):
        href = htmllib.unescape(href)
        if href.startswith(("/static/", "/api/", "/admin/", "/accounts/logout", "/uitloggen")):
            continue
        uit.append(href)
    return uit


def soort(pad: str) -> str:
    """De soort pagina: het pad met ids als ``<id>`` en getallen als ``<n>``, en alleen de
    namen van de parameters (``/leerlingen/<id>/?schooljaar``)."""
    delen = urlsplit(pad)
    vorm = re.sub(r"/\d+(?=/|$)", "/<n>", _UUID.sub("<id>", delen.path))
    namen = sorted({k for k, _ in parse_qsl(delen.query, keep_blank_values=True)})
    return vorm + ("?" + "&".join(namen) if namen else "")


def test_soort_vervangt_ids_en_parameterwaarden():
    assert soort("/leerlingen/3b491ac5-59ff-4ed1-9858-b65eca8b2e34/?schooljaar=2011-2012") == (
        "/leerlingen/<id>/?schooljaar"
    )
    assert soort("/betalingen/grootboek/regel/773/") == REGEL


@pytest.mark.parametrize(
    "tekst",
    ["op 2012-01-13, motivering", "periode 2011-08-01/2012-07-31", "betaalrun van 2012-03"],
)
def test_het_patroon_vindt_iso_datums_en_maanden(tekst):
    assert _ISO.search(tekst)


@pytest.mark.parametrize("tekst", ["schooljaar 2011-2012", "13 januari 2012", "CvI 3-2012-0042"])
def test_het_patroon_laat_gewone_tekst_staan(tekst):
    assert _ISO.search(tekst) is None


@dataclass
class Verkenning:
    """Wat de testclient voor één rol zag."""

    #: pad -> leesbare tekst van elke geopende HTML-pagina en PDF
    teksten: dict[str, str] = field(default_factory=dict)
    #: "pad (status) <- de pagina met de link"
    dood: list[str] = field(default_factory=list)
    soorten: set[str] = field(default_factory=set)


_VERKENNINGEN: dict[str, Verkenning] = {}


def _verken(rol: str) -> Verkenning:
    """Breedte eerst vanaf /start/, met voorrang voor een link naar een soort uit
    ``MOET_BEZOCHT`` die nog niet bezocht is; binnen de module één keer per rol (de demo is
    die van de module en de tests schrijven er niets in)."""
    if rol in _VERKENNINGEN:
        return _VERKENNINGEN[rol]
    client = Client()
    client.force_login(Gebruiker.objects.get(username=DEMO_LOGINS[rol]), backend=MODEL_BACKEND)
    uit = Verkenning()
    moet = MOET_BEZOCHT.get(rol, set())
    wachtrij: deque[tuple[str, str]] = deque([("/start/", "")])
    geopend: set[str] = set()
    geopend_per_soort: Counter[str] = Counter()
    gevolgd_per_soort: Counter[str] = Counter()
    verzoeken = 0
    while wachtrij and verzoeken < VERZOEKEN_PER_ROL:
        pad, bron = wachtrij.popleft()
        vorm = soort(pad)
        bestand = re.search(r"\.(pdf|csv|png|svg)$", urlsplit(pad).path) is not None
        grens = BESTANDEN_PER_SOORT if bestand else OPENEN_PER_SOORT
        if pad in geopend or geopend_per_soort[vorm] >= grens:
            continue
        geopend.add(pad)
        geopend_per_soort[vorm] += 1
        verzoeken += 1
        antwoord = client.get(pad)
        if antwoord.status_code in (301, 302, 303):
            wachtrij.appendleft((antwoord["Location"], pad))
            continue
        if antwoord.status_code != 200:
            uit.dood.append(f"{pad} ({antwoord.status_code}) <- {bron}")
            continue
        uit.soorten.add(vorm)
        soort_inhoud = antwoord.get("Content-Type", "")
        if "application/pdf" in soort_inhoud:
            uit.teksten[pad] = _pdf_tekst(antwoord.content)
            continue
        if "text/html" not in soort_inhoud:
            continue  # CSV en dergelijke: ISO mag daar
        pagina = antwoord.content.decode()
        uit.teksten[pad] = _leesbare_tekst(pagina)
        if gevolgd_per_soort[vorm] < VOLGEN_PER_SOORT:
            gevolgd_per_soort[vorm] += 1
            for link in _links(pagina):
                if link in geopend:
                    continue
                if soort(link) in moet and soort(link) not in uit.soorten:
                    wachtrij.appendleft((link, pad))  # een soort die bereikt moet worden
                else:
                    wachtrij.append((link, pad))
    _VERKENNINGEN[rol] = uit
    return uit


@pytest.fixture(scope="module")
def _demo_module(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(RUGZAK_VANDAAG=PEILDATUM),
        transaction.atomic(),
    ):
        laad_demo()
        yield
        _VERKENNINGEN.clear()
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_module, db, settings):
    settings.RUGZAK_VANDAAG = PEILDATUM


def test_de_vaste_lijst_bestaat_uit_echte_keuzecodes(demo):
    assert _keuzecodes() | {"ab_verzorger"} >= VASTE_CODES


@pytest.mark.parametrize("rol", sorted(DEMO_LOGINS))
def test_geen_pagina_van_de_demo_toont_een_ruwe_code_of_een_iso_datum(demo, rol):
    codes = _keuzecodes() | VASTE_CODES
    patroon = re.compile(r"\b(" + "|".join(sorted(map(re.escape, codes), key=len)[::-1]) + r")\b")
    verkenning = _verken(rol)
    assert len(verkenning.teksten) > 1
    assert MOET_BEZOCHT.get(rol, set()) <= verkenning.soorten, (
        f"niet bereikt: {MOET_BEZOCHT[rol] - verkenning.soorten}"
    )
    fouten = []
    for pad, tekst in verkenning.teksten.items():
        for m in patroon.finditer(tekst):
            fouten.append(
                f"{pad}: code '{m[0]}' in '…{tekst[max(0, m.start() - 60) : m.end() + 20]}…'"
            )
        for m in _ISO.finditer(tekst):
            fouten.append(
                f"{pad}: ISO-datum '{m[0]}' in '…{tekst[max(0, m.start() - 60) : m.end() + 20]}…'"
            )
    assert fouten == [], "\n".join(dict.fromkeys(fouten))


@pytest.mark.parametrize("rol", sorted(DEMO_LOGINS))
def test_elke_link_op_een_pagina_van_de_demo_opent(demo, rol):
    """Een pagina linkt alleen naar wat de lezer mag openen: geen 403 of 404 achter een link
    (bv. naar een leerling die niet meer op de school staat)."""
    verkenning = _verken(rol)
    assert verkenning.dood == [], "dode links:\n" + "\n".join(verkenning.dood)
