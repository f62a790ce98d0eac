"""Schemagestuurd fuzzen van de hele API met Schemathesis (issue 10, deel 1).

Het schema is het vastgelegde ``docs/openapi.yaml``; elk eindpunt daarin is één test
(``schema.parametrize()``). Elk verzoek gaat in-process door Django's WSGI-handler (dus
met alle middleware, sessie-inlog en CSRF), in een savepoint dat daarna wordt
teruggedraaid: het auditlog (alleen-toevoegen) en de wereld blijven zoals ze waren.

Per voorbeeld kiest Hypothesis een rol (intern begeleider, CvI-secretaris,
AB-coördinator, medewerker bekostiging, ouder, een gebruiker zonder rol en niet
ingelogd) en of de padparameters die van een echt object uit de wereld van de
rechtenmatrix zijn (kant ``a``: de eigen organisatie, kant ``b``: een andere), of wat
Schemathesis zelf maakt. Gecontroleerd wordt:

- geen 500 (``not_a_server_error``);
- status, inhoudstype, kopregels en inhoud volgen het schema;
- elke fout (4xx) is ``application/problem+json``;
- geen antwoord aan de bekostigingsinstantie bevat een naam, adres, postcode, woonplaats
  of geboortedatum van een leerling, en geen antwoord aan een gebruiker van kant ``a``
  (of zonder rol, of niet ingelogd) bevat die van een leerling van kant ``b``.

De run is vast (``derandomize``, geen voorbeelddatabase), zodat CI niet wisselt. De
tellers (eindpunten, rollen, verzoeken, bevindingen) staan onderaan dit bestand en in het
verslag; elke bevinding is als gewone regressietest vastgelegd in
``tests/app/test_api_regressies.py``.
"""

from __future__ import annotations

import os
import re
import secrets
import sys
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, note, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from rugzak.api.problemen import PROBLEEM_TYPE
from rugzak.organisaties.services import gebruiker_maak

from .rechten_opbouw import WACHTWOORD, Kant, Rechtenwereld, rechtenwereld_in_transactie
from .test_api_rechtenmatrix import MATRIX

SCHEMA_PAD = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"

#: Voorbeelden per eindpunt (over alle rollen samen); klein genoeg dat de hele fuzzrun op
#: SQLite binnen enkele minuten blijft. Lokaal langer: ``RUGZAK_API_FUZZ_VOORBEELDEN=100``.
VOORBEELDEN = int(os.environ.get("RUGZAK_API_FUZZ_VOORBEELDEN", "12"))

#: De rollen van de fuzzrun: (naam, rol in de rechtenwereld of None voor de gebruiker
#: zonder rol, "anoniem" voor niet ingelogd).
ROLLEN = (
    "intern_begeleider",
    "cvi_secretaris",
    "ab_coordinator",
    "bekostigingsmedewerker",
    "ouder",
    "zonder_rol",
    "anoniem",
)

schema = schemathesis.openapi.from_path(SCHEMA_PAD)
schema.config.phases.coverage.enabled = False
schema.config.phases.stateful.enabled = False
schema.config.generation.update(
    max_examples=VOORBEELDEN, deterministic=True, no_shrink=True, database="none"
)

CONTROLES = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

#: Tellers voor het verslag (per pytest-proces).
TELLING: Counter[str] = Counter()


# --- de wereld en de sessies -------------------------------------------------------------


@pytest.fixture(scope="module")
def rw(django_db_setup, django_db_blocker) -> Iterator[Rechtenwereld]:
    yield from rechtenwereld_in_transactie(django_db_blocker)


@pytest.fixture(scope="module")
def sessies(rw, django_db_blocker) -> dict[str, dict[str, str]]:
    """Per rol de cookies van een echte sessie (en een CSRF-cookie)."""
    uit: dict[str, dict[str, str]] = {}
    with django_db_blocker.unblock():
        zonder_rol = gebruiker_maak(
            gebruikersnaam="zonder_rol", voornaam="Geen", achternaam="Rol", wachtwoord=WACHTWOORD
        )
        for rol in ROLLEN:
            csrf = secrets.token_hex(16)
            koekjes = {"csrftoken": csrf}
            gebruiker = zonder_rol if rol == "zonder_rol" else rw.gebruiker(rol)
            if gebruiker is not None:
                c = Client()
                c.force_login(gebruiker)
                koekjes["sessionid"] = c.cookies["sessionid"].value
            uit[rol] = koekjes
    return uit


def _sjabloon(pad: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pad) + "$")


@dataclass(frozen=True)
class Echt:
    """Een echt verzoek uit de rechtenmatrix: padparameters en query van een bestaand
    object van kant ``kant``, en (bij dezelfde methode) de geldige body van die cel."""

    kant: str
    pad: dict[str, str]
    query: dict[str, str]
    body: Callable[[Kant], dict[str, Any]] | None


@pytest.fixture(scope="module")
def echte_verzoeken(rw) -> dict[tuple[str, str], list[Echt]]:
    """Per (methode, padsjabloon) van het schema de echte verzoeken uit de matrix."""
    sjablonen = {sjabloon: _sjabloon(sjabloon) for sjabloon in schema.raw_schema["paths"]}
    uit: dict[tuple[str, str], list[Echt]] = {}
    for (_, methode), cel in sorted(MATRIX.items()):
        for kant in ("a", "b"):
            try:
                volledig = cel.pad(getattr(rw, kant))
            except (AttributeError, KeyError):
                continue
            pad, _, query = volledig.partition("?")
            passend = [(sj, m) for sj, p in sjablonen.items() if (m := p.match(pad))]
            # het meest letterlijke sjabloon: /meldingen/onvolledig/ is geen /meldingen/{id}/
            minst = min((sj.count("{") for sj, _ in passend), default=0)
            for sjabloon, m in passend:
                if sjabloon.count("{") != minst:
                    continue
                echt = Echt(kant, m.groupdict(), dict(parse_qsl(query)), cel.body)
                uit.setdefault((methode, sjabloon), []).append(echt)
                # dezelfde padparameters zijn ook echt voor de andere methoden van dat pad
                for andere in ("get", "post"):
                    if andere != methode:
                        zonder_body = Echt(kant, m.groupdict(), dict(parse_qsl(query)), None)
                        uit.setdefault((andere, sjabloon), []).append(zonder_body)
    return uit


def _verboden(k: Kant) -> set[str]:
    """Naam, adres, postcode, woonplaats en geboortedatum van de leerlingen van ``k``."""
    uit: set[str] = set()
    for leerling in k.leerlingen.values():
        uit |= {
            leerling.voornaam,
            leerling.achternaam,
            leerling.adres,
            leerling.postcode,
            leerling.woonplaats,
            leerling.geboortedatum.isoformat(),
        }
    return uit


@pytest.fixture(scope="module")
def verboden(rw) -> dict[str, frozenset[str]]:
    """Per rol wat nooit in een antwoord mag staan."""
    alles = _verboden(rw.a) | _verboden(rw.b)
    # van kant b wat kant a niet deelt (geboortedata en dergelijke komen op beide kanten voor)
    vreemd = _verboden(rw.b) - _verboden(rw.a)
    uit = {rol: frozenset(vreemd) for rol in ROLLEN}
    uit["bekostigingsmedewerker"] = frozenset(alles)
    uit["zonder_rol"] = frozenset(alles)
    uit["anoniem"] = frozenset(alles)
    return uit


@pytest.fixture
def wsgi_app(db) -> Iterator[WSGIHandler]:
    """Django's WSGI-handler, zonder dat hij na elk verzoek de testverbinding sluit (zoals
    Django's eigen testclient ook doet)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def uitzonderingen() -> Iterator[list[BaseException]]:
    """Uitzonderingen die de handler in een 500 omzette (voor de foutmelding)."""
    gevangen: list[BaseException] = []

    def vang(sender: Any, request: Any = None, **kwargs: Any) -> None:
        exc = sys.exc_info()[1]
        if exc is not None:
            gevangen.append(exc)

    signals.got_request_exception.connect(vang)
    try:
        yield gevangen
    finally:
        signals.got_request_exception.disconnect(vang)


# --- de eigen controles ------------------------------------------------------------------


def fout_is_probleem(ctx: Any, response: Any, case: Any) -> bool | None:
    """Elke fout (4xx, 5xx) is ``application/problem+json``."""
    if response.status_code >= 400:
        soort = (response.headers.get("content-type") or [""])[0]
        assert soort.startswith(PROBLEEM_TYPE), (
            f"fout {response.status_code} is geen {PROBLEEM_TYPE} maar {soort!r}"
        )
    return None


def geen_leerlinggegevens(verboden: frozenset[str]) -> Any:
    def geen_leerlinggegevens(ctx: Any, response: Any, case: Any) -> bool | None:
        """Geen naam, adres of geboortedatum van een leerling die de rol niet mag zien."""
        tekst = response.content.decode("utf-8", "replace")
        gevonden = sorted(t for t in verboden if t in tekst)
        assert not gevonden, f"antwoord bevat leerlinggegevens: {gevonden[:5]}"
        return None

    return geen_leerlinggegevens


# --- de fuzztest --------------------------------------------------------------------------


@schema.parametrize()
@schema.given(data=st.data())
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_fuzz(
    case, data, rw, wsgi_app, sessies, echte_verzoeken, verboden, uitzonderingen
) -> None:
    """Eén eindpunt, elke rol: geen 500, alles volgens het schema, fouten als
    problem+json, en geen leerlinggegevens waar ze niet horen."""
    rol = data.draw(st.sampled_from(ROLLEN), label="rol")
    echte = echte_verzoeken.get((case.operation.method.lower(), case.operation.path), [])
    if echte:
        echt = data.draw(st.sampled_from([None, *echte]), label="echt verzoek")
        if echt is not None:
            if case.path_parameters is not None:
                case.path_parameters = {**case.path_parameters, **echt.pad}
            if echt.query and data.draw(st.booleans(), label="echte query"):
                case.query = {**(case.query or {}), **echt.query}
            if echt.body is not None and data.draw(st.booleans(), label="geldige body"):
                case.body = echt.body(getattr(rw, echt.kant))
                case.media_type = "application/json"
    note(f"rol: {rol}")
    koekjes = sessies[rol]
    sid = transaction.savepoint()
    try:
        uitzonderingen.clear()
        antwoord = case.call(
            app=wsgi_app, cookies=koekjes, headers={"X-CSRFToken": koekjes["csrftoken"]}
        )
        TELLING["verzoeken"] += 1
        TELLING[f"status {antwoord.status_code}"] += 1
        TELLING[f"rol {rol}"] += 1
        TELLING[f"eindpunt {case.operation.method.upper()} {case.operation.path}"] += 1
        try:
            case.validate_response(
                antwoord,
                checks=[*CONTROLES, fout_is_probleem, geen_leerlinggegevens(verboden[rol])],
            )
        except Exception:
            # pytest toont de uitvoer van een falende test: rol en de fout in de toepassing
            for exc in uitzonderingen:
                print("uitzondering in de toepassing:")
                traceback.print_exception(exc, file=sys.stdout)
            raise
    finally:
        transaction.savepoint_rollback(sid)


def test_elk_geslaagd_verzoek_uit_de_matrix_volgt_het_schema(rw, wsgi_app, uitzonderingen):
    """Aanvulling op de fuzzrun, die zelden een geldige body treft: per cel van de
    rechtenmatrix het geldige verzoek van een rol die het mag, op kant a, door dezelfde
    WSGI-handler en met dezelfde controles. Zo wordt ook elk 200- en 201-antwoord van een
    handeling aan het schema getoetst."""
    sjablonen = {sj: _sjabloon(sj) for sj in schema.raw_schema["paths"]}
    afwijkingen: list[str] = []
    getoetst = 0
    for (naam, methode), cel in sorted(MATRIX.items()):
        pad, _, query = cel.pad(rw.a).partition("?")
        passend = [(sj, m) for sj, p in sjablonen.items() if (m := p.match(pad))]
        if not passend or "anoniem" in cel.mag:
            continue  # api-root en het schema zelf staan niet in het schema
        sjabloon, m = min(passend, key=lambda x: x[0].count("{"))
        rol = sorted(cel.mag)[0]
        gebruiker = rw.gebruiker(rol, cel.school)
        c = Client()
        c.force_login(gebruiker)
        csrf = secrets.token_hex(16)
        body = cel.body(rw.a) if cel.body else None
        case = schema[sjabloon][methode.upper()].Case(
            path_parameters=m.groupdict(),
            query=dict(parse_qsl(query)) or None,
            **({"body": body, "media_type": "application/json"} if body is not None else {}),
        )
        sid = transaction.savepoint()
        try:
            uitzonderingen.clear()
            antwoord = case.call(
                app=wsgi_app,
                cookies={"sessionid": c.cookies["sessionid"].value, "csrftoken": csrf},
                headers={"X-CSRFToken": csrf},
            )
            TELLING["verzoeken"] += 1
            getoetst += 1
            if antwoord.status_code != cel.status:
                afwijkingen.append(f"{naam} {methode} ({rol}): status {antwoord.status_code}")
            try:
                case.validate_response(antwoord, checks=[*CONTROLES, fout_is_probleem])
            except Exception as exc:
                afwijkingen.append(f"{naam} {methode} ({rol}): {exc}")
        finally:
            transaction.savepoint_rollback(sid)
    assert not afwijkingen, "\n".join(afwijkingen)
    assert getoetst > 100


def test_zz_fuzztelling_verslag(capsys) -> None:
    """Schrijft de tellers van de fuzzrun (alleen ter informatie; faalt als er niets
    verstuurd is terwijl de fuzztests in dit proces draaiden)."""
    if not TELLING:
        pytest.skip("de fuzztests zijn in dit proces niet gedraaid")
    eindpunten = sum(1 for k in TELLING if k.startswith("eindpunt "))
    rollen = sum(1 for k in TELLING if k.startswith("rol "))
    with capsys.disabled():
        print(
            f"\nfuzzrun: {eindpunten} eindpunten, {rollen} rollen, "
            f"{TELLING['verzoeken']} verzoeken; statussen: "
            + ", ".join(
                f"{k[7:]}: {v}" for k, v in sorted(TELLING.items()) if k.startswith("status ")
            )
        )
    assert TELLING["verzoeken"] >= eindpunten
