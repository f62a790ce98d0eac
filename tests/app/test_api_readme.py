"""De README-sectie 'De API gebruiken' werkt zoals er staat: het curl-blok draait tegen een
echte HTTP-server met de echte WSGI-toepassing (CSRF, sessies, django-axes), logt in met
het formulier, leest de leerlingen en dient een melding in met het BRIN-nummer van de school.

De server beantwoordt de verzoeken in de testdraad zelf, terwijl curl als apart proces
loopt: zo ziet de toepassing de testgegevens binnen de testtransactie (die na afloop wordt
teruggedraaid; het auditlog staat geen wissen toe, dus geen transactional_db)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from rugzak.meldingen.models import Melding, Meldingstatus
from tests.app.lgf_hulp import maak_indicatie

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_blok() -> str:
    tekst = README.read_text(encoding="utf-8")
    m = re.search(
        r"<!-- api-voorbeeld:begin -->\s*```sh\n(?P<code>.*?)```\s*<!-- api-voorbeeld:einde -->",
        tekst,
        re.S,
    )
    assert m, "README mist het blok tussen <!-- api-voorbeeld:begin --> en :einde -->"
    return m["code"]


class _StilleHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _draai_tegen_server(script: str, omgeving: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Draai ``script`` met bash terwijl deze draad de HTTP-verzoeken afhandelt."""
    server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=_StilleHandler)
    server.timeout = 0.1
    omgeving = {**omgeving, "RUGZAK": f"http://127.0.0.1:{server.server_port}"}
    # Zoals Django's testclient: de verbinding niet sluiten aan het eind van een verzoek,
    # anders verdwijnt de testtransactie.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        proces = subprocess.Popen(
            ["bash", "-euo", "pipefail", "-c", script],
            env=omgeving,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        grens = time.monotonic() + 60
        while proces.poll() is None and time.monotonic() < grens:
            server.handle_request()
        if proces.poll() is None:
            proces.kill()
        uit, fout = proces.communicate(timeout=10)
        return subprocess.CompletedProcess(proces.args, proces.returncode, uit, fout)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        server.server_close()


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl ontbreekt")
def test_readme_api_voorbeeld_logt_in_leest_en_dient_een_melding_in(wereld, wachtwoord) -> None:
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="zml")
    omgeving = {
        **os.environ,
        "GEBRUIKER": wereld.ib_a.username,
        "WACHTWOORD": wachtwoord,
        "LEERLING": str(wereld.leerling_a.publiek_id),
        "BRIN": wereld.school_a.brin,
        "CVI": indicatie.cvi_nummer,
        "AB": str(wereld.ab_dienst.pk),
    }
    uit = _draai_tegen_server(_readme_blok(), omgeving)
    assert uit.returncode == 0, uit.stderr
    lijst_tekst, _, melding_tekst = uit.stdout.partition("}{")
    lijst = json.loads(lijst_tekst + "}")
    assert str(wereld.leerling_a.publiek_id) in {r["publiek_id"] for r in lijst["resultaten"]}
    antwoord = json.loads("{" + melding_tekst)
    assert antwoord["status"] == Meldingstatus.ONTVANGEN
    melding = Melding.objects.get(publiek_id=antwoord["publiek_id"])
    assert melding.school_id == wereld.school_a.pk
    assert melding.leerling_id == wereld.leerling_a.pk
