"""Geen ontwikkelaarstaal op de pagina's van de demo (issue 15): per rol de startpagina en
de pagina's waar die naartoe linkt (met de testclient), en op geen ervan een ruwe code van
een keuzeveld ("intern_begeleider", "dossier_volledig", "ab_verzorger") of een ISO-datum
in de tekst die de gebruiker leest."""

from __future__ import annotations

import html as htmllib
import re

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

#: Per rol hoogstens zoveel pagina's naast de startpagina (de testclient is snel, de
#: machine niet).
PER_ROL = 15

_ISO = re.compile(r"(?<![\d/-])(19|20)\d\d-\d\d-\d\d(?![\d-])")


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


def _links(pagina: str) -> list[str]:
    uit = []
    for href in re.findall(r'href="(/[^"#]*)', pagina):
        href = htmllib.unescape(href)
        if href.startswith(("/static/", "/api/", "/admin/", "/accounts/logout", "/uitloggen")):
            continue
        if re.search(r"\.(pdf|csv|png|svg)(\?|$)", href):
            continue
        uit.append(href)
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
    client = Client()
    client.force_login(Gebruiker.objects.get(username=DEMO_LOGINS[rol]), backend=MODEL_BACKEND)
    te_bezoeken, gezien, fouten = ["/start/"], set(), []
    while te_bezoeken and len(gezien) <= PER_ROL:
        pad = te_bezoeken.pop(0)
        if pad in gezien:
            continue
        gezien.add(pad)
        antwoord = client.get(pad)
        if antwoord.status_code != 200 or "text/html" not in antwoord.get("Content-Type", ""):
            continue
        pagina = antwoord.content.decode()
        tekst = _leesbare_tekst(pagina)
        for m in patroon.finditer(tekst):
            fouten.append(
                f"{pad}: code '{m[0]}' in '…{tekst[max(0, m.start() - 60) : m.end() + 20]}…'"
            )
        for m in _ISO.finditer(tekst):
            fouten.append(
                f"{pad}: ISO-datum '{m[0]}' in '…{tekst[max(0, m.start() - 60) : m.end() + 20]}…'"
            )
        te_bezoeken += [p for p in _links(pagina) if p not in gezien]
    assert len(gezien) > 1
    assert fouten == [], "\n".join(dict.fromkeys(fouten))
