"""Eén klok (issue 10, deel 4): elke datum en elk tijdstip dat rugzak vastlegt of toont,
komt uit ``rugzak.gedeeld.tijd``; met ``RUGZAK_VANDAAG`` vastgezet is dat die dag (I-99).

Twee soorten toetsen:

- de broncode (AST, geen tekstzoeken): geen module buiten ``gedeeld/tijd.py`` leest de
  systeemklok, op een lijst van toegestane plekken voor echte verstreken tijd na (I-100);
  eerst op een fout voorbeeld, zodat een lege uitkomst niet komt doordat de toets niets vindt;
- het gedrag: met de dag op 15 maart 2012 krijgen een onvolledige en een volledige melding
  (web en API), een beoordeling, auditregels, een betaalrun, een nieuwe leerling, een
  wijziging en een login allemaal die dag, en toont de pagina die dag; en in de echte demo
  (``rugzak demo`` met webserver en verwerker) dateren beide processen op die dag.
"""

from __future__ import annotations

import ast
import http.cookiejar
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.utils import timezone

import rugzak
from rugzak.audit.models import AuditRegel
from rugzak.betalingen.models import Betaalrun, Grootboekregel, Runstatus
from rugzak.betalingen.services import (
    betaalrun_aanvragen,
    betaalrun_uitvoeren,
    betaalrun_verwerken,
    betaalruns_herstellen,
)
from rugzak.gedeeld import tijd
from rugzak.leerlingen.models import Leerling
from rugzak.leerlingen.services import leerling_registreren, leerling_wijzig
from rugzak.meldingen.models import Melding, MeldingOvergang, OnvolledigeIndiening
from rugzak.meldingen.services import melding_accepteren, melding_indienen
from rugzak.regeling.tijd import Maand
from tests.app.conftest import PEILDATUM, WACHTWOORD
from tests.app.lgf_hulp import formulier, maak_indicatie

BRONCODE = Path(rugzak.__file__).resolve().parent
KLOK = BRONCODE / "gedeeld" / "tijd.py"

# --- de broncode ------------------------------------------------------------------------------

#: ``x.now``, ``x.today``, ``x.utcnow``: aangeroepen of als standaardwaarde doorgegeven
#: (``default=timezone.now``), lezen ze de systeemklok.
KLOKATTRIBUTEN = frozenset({"now", "today", "utcnow"})
#: ``timezone.localdate()`` en ``timezone.localtime()`` zonder argument lezen de klok; met
#: een argument rekenen ze alleen een gegeven tijdstip om.
LOKAAL = frozenset({"localdate", "localtime"})
#: Functies van de module ``time`` die de klok lezen (``time.sleep`` wacht alleen).
TIME_FUNCTIES = frozenset(
    {"time", "time_ns", "monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns"}
    | {"process_time", "localtime", "gmtime", "ctime", "asctime", "strftime"}
)
#: Wie dit importeert, kan de klok lezen zonder dat het aan de naam te zien is.
KLOKIMPORTS = {"time": TIME_FUNCTIES, "django.utils.timezone": frozenset({"now"}) | LOKAAL}

#: De enige plekken buiten gedeeld/tijd.py die de echte klok mogen lezen, met de reden
#: (I-100). Een nieuwe plek hoort hier niet stil bij; een plek die verdwijnt, moet hier
#: ook weg (de toets hieronder faalt op een verouderde regel).
TOEGESTAAN: dict[tuple[str, str], str] = {
    ("rugzak/betalingen/berekening.py", "time.perf_counter()"): (
        "de duur van lezen, rekenen en grootboek van een betaalrun (Runberekening.tijden, "
        "voor de benchmark): verstreken tijd, geen datum"
    ),
    ("rugzak/betalingen/services.py", "time.monotonic()"): (
        "de voortgang van een betaalrun wordt hooguit eens per echte seconde geschreven: "
        "verstreken tijd, geen datum"
    ),
    ("rugzak/betalingen/services.py", "systeemtijd()"): (
        "run_after van een uitgestelde taak: de takenwachtrij vergelijkt hem met haar eigen "
        "echte klok, dus 'over 2 seconden' is echte tijd"
    ),
    ("rugzak/site/sessies.py", "systeemtijd()"): (
        "de sessie hoogstens eens per echte minuut verversen: Django laat haar verlopen op "
        "zijn eigen echte klok, dus dit is verstreken tijd, geen datum"
    ),
}


def _is_migratie(pad: Path) -> bool:
    """Migraties zijn geschiedenis: hun velddefinities (auto_now in 0001) gelden alleen
    voor de historische modellen, niet voor de toepassing."""
    return "migrations" in pad.parts


def _bronbestanden() -> list[Path]:
    bestanden = sorted(p for p in BRONCODE.rglob("*.py") if p != KLOK and not _is_migratie(p))
    assert len(bestanden) > 100, f"broncode niet gevonden in {BRONCODE}"
    return bestanden


def klokgebruik(bron: str) -> list[str]:
    """Elke lezing van de systeemklok in ``bron``, als ``regel N: wat``."""
    boom = ast.parse(bron)
    time_namen = {"time"}
    fouten: list[tuple[int, str]] = []
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            time_namen |= {a.asname or a.name for a in knoop.names if a.name == "time"}
        elif isinstance(knoop, ast.ImportFrom) and knoop.module in KLOKIMPORTS:
            for alias in knoop.names:
                if alias.name in KLOKIMPORTS[knoop.module]:
                    fouten.append((knoop.lineno, f"from {knoop.module} import {alias.name}"))
    aangeroepen = {id(k.func) for k in ast.walk(boom) if isinstance(k, ast.Call)}
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Attribute) and knoop.attr in KLOKATTRIBUTEN:
            haakjes = "()" if id(knoop) in aangeroepen else ""
            fouten.append((knoop.lineno, f"{ast.unparse(knoop)}{haakjes}"))
        elif isinstance(knoop, ast.Call):
            f = knoop.func
            naam = (
                f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            )
            lokaal_zonder_tijdstip = naam in LOKAAL and not knoop.args and not knoop.keywords
            uit_time = (
                isinstance(f, ast.Attribute)
                and isinstance(f.value, ast.Name)
                and f.value.id in time_namen
                and f.attr in TIME_FUNCTIES
            )
            if lokaal_zonder_tijdstip or uit_time:
                fouten.append((knoop.lineno, f"{ast.unparse(f)}()"))
            for kw in knoop.keywords:
                # auto_now van Django leest timezone.now; Tijdstipveld leest gedeeld.tijd.nu
                if kw.arg in ("auto_now", "auto_now_add") and naam != "Tijdstipveld":
                    fouten.append((knoop.lineno, f"{ast.unparse(f)}({kw.arg}=...)"))
        # de echte klok van gedeeld.tijd: alleen op de plekken in TOEGESTAAN
        if (isinstance(knoop, ast.Name) and knoop.id == "systeemtijd") or (
            isinstance(knoop, ast.Attribute) and knoop.attr == "systeemtijd"
        ):
            fouten.append(
                (knoop.lineno, "systeemtijd()" if id(knoop) in aangeroepen else "systeemtijd")
            )
    return [f"regel {r}: {w}" for r, w in sorted(fouten)]


FOUT_VOORBEELD = """\
import time
import time as klok
from datetime import date, datetime
from django.utils import timezone
from django.utils.timezone import now
from django.db import models


class Zaak(models.Model):
    op = models.DateTimeField(auto_now_add=True)
    gewijzigd = models.DateTimeField(auto_now=True)
    dag = models.DateField(default=date.today)
    goed = Tijdstipveld(auto_now=True)


def service():
    a = timezone.now()
    b = date.today()
    c = datetime.now(tz=None)
    d = timezone.localdate()
    e = timezone.localtime(a)
    f = time.time() + klok.monotonic()
    time.sleep(1)
    return tijd.systeemtijd()
"""


def test_de_klokscan_vindt_elke_soort_klokgebruik_in_een_fout_voorbeeld() -> None:
    assert klokgebruik(FOUT_VOORBEELD) == [
        "regel 5: from django.utils.timezone import now",
        "regel 10: models.DateTimeField(auto_now_add=...)",
        "regel 11: models.DateTimeField(auto_now=...)",
        "regel 12: date.today",
        "regel 17: timezone.now()",
        "regel 18: date.today()",
        "regel 19: datetime.now()",
        "regel 20: timezone.localdate()",
        "regel 22: klok.monotonic()",
        "regel 22: time.time()",
        "regel 24: systeemtijd()",
    ]
    # zonder klok: niets
    assert (
        klokgebruik("from rugzak.gedeeld.tijd import nu\nx = nu()\nTijdstipveld(auto_now=True)\n")
        == []
    )


def _alle_klokgebruik() -> dict[tuple[str, str], list[str]]:
    gevonden: dict[tuple[str, str], list[str]] = {}
    for pad in _bronbestanden():
        naam = pad.relative_to(BRONCODE.parent).as_posix()
        for fout in klokgebruik(pad.read_text(encoding="utf-8")):
            regel, wat = fout.split(": ", 1)
            gevonden.setdefault((naam, wat), []).append(regel)
    return gevonden


def test_geen_module_buiten_gedeeld_tijd_leest_de_systeemklok() -> None:
    """Elke datum of tijd komt uit rugzak.gedeeld.tijd (vandaag, nu), behalve echte
    verstreken tijd op de plekken in TOEGESTAAN (I-100)."""
    ongeoorloofd = [
        f"{naam} {regel}: {wat}"
        for (naam, wat), regels in sorted(_alle_klokgebruik().items())
        if (naam, wat) not in TOEGESTAAN
        for regel in regels
    ]
    assert ongeoorloofd == [], (
        "lees de klok via rugzak.gedeeld.tijd (vandaag(), nu(); modelvelden: Tijdstipveld); "
        "alleen echte verstreken tijd mag op de echte klok, en dan met een regel in TOEGESTAAN"
    )


def test_elke_toegestane_plek_voor_de_echte_klok_bestaat_nog() -> None:
    verouderd = sorted(set(TOEGESTAAN) - set(_alle_klokgebruik()))
    assert verouderd == [], "haal deze regels uit TOEGESTAAN"


def test_geen_sjabloon_leest_de_klok_met_de_now_tag() -> None:
    sjablonen = sorted(BRONCODE.rglob("templates/**/*.html"))
    assert len(sjablonen) > 20
    met_now = [
        p.relative_to(BRONCODE).as_posix()
        for p in sjablonen
        if "{% now" in p.read_text(encoding="utf-8")
    ]
    assert met_now == []


# --- gedeeld.tijd zelf --------------------------------------------------------------------------


def test_zonder_vaste_dag_is_nu_de_echte_klok(settings) -> None:
    settings.RUGZAK_VANDAAG = None
    voor = timezone.now()
    moment = tijd.nu()
    assert voor <= moment <= timezone.now()
    assert tijd.vandaag() == timezone.localdate()


def test_met_vaste_dag_is_nu_die_dag_met_de_echte_kloktijd(settings) -> None:
    """I-99: dezelfde lokale kloktijd, op de vastgezette dag, met tijdzone."""
    settings.RUGZAK_VANDAAG = date(2012, 3, 15)
    voor = timezone.localtime()
    moment = tijd.nu()
    na = timezone.localtime()
    assert moment.tzinfo is not None
    lokaal = timezone.localtime(moment)
    assert lokaal.date() == date(2012, 3, 15) == tijd.vandaag()
    if voor.date() == na.date():  # niet precies over middernacht heen
        assert voor.time() <= lokaal.time() <= na.time()
    # de echte klok blijft beschikbaar, voor verstreken tijd (I-100)
    assert abs(tijd.systeemtijd() - timezone.now()) < timedelta(seconds=5)


def test_een_vaste_zomerdag_houdt_de_kloktijd_en_krijgt_zomertijd(settings) -> None:
    settings.RUGZAK_VANDAAG = date(2012, 7, 2)
    lokaal = timezone.localtime(tijd.nu())
    assert lokaal.date() == date(2012, 7, 2)
    assert lokaal.utcoffset() == timedelta(hours=2)  # CEST op 2 juli in Europe/Amsterdam
    settings.RUGZAK_VANDAAG = date(2012, 1, 2)
    assert timezone.localtime(tijd.nu()).utcoffset() == timedelta(hours=1)


# --- het gedrag: alles op 15 maart 2012 --------------------------------------------------------


def _lokale_dag(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _tijdstippen_in_de_database() -> Iterator[tuple[str, str, date]]:
    """(model, veld, lokale dag) van elk ingevuld datum-tijdveld van elk rugzak-model en
    van de gebruikers; de tabellen van de takenwachtrij horen bij de bibliotheek (I-100)."""
    for model in apps.get_models():
        if not model.__module__.startswith("rugzak."):
            continue
        velden = [v for v in model._meta.concrete_fields if isinstance(v, models.DateTimeField)]
        for veld in velden:
            for waarde in model._default_manager.exclude(**{veld.name: None}).values_list(
                veld.name, flat=True
            ):
                yield model.__name__, veld.name, _lokale_dag(waarde)


@pytest.fixture
def klant(wereld):
    """Inloggen zoals een gebruiker dat doet (het inlogformulier), zodat ook 'laatst
    ingelogd' wordt vastgelegd."""

    def inloggen(gebruiker) -> Client:
        c = Client()
        r = c.post("/inloggen/", {"username": gebruiker.username, "password": WACHTWOORD})
        assert r.status_code == 302, r.content
        return c

    return inloggen


@pytest.mark.django_db
def test_een_onvolledige_melding_in_het_web_staat_op_de_vastgezette_dag(wereld, klant) -> None:
    """Het defect uit issue 10: de onvolledige melding kreeg de echte datum."""
    c = klant(wereld.directie_a)
    r = c.post(
        "/meldingen/nieuw/",
        {"leerling": str(wereld.leerling_a.publiek_id), "school": wereld.school_a.pk},
    )
    assert r.status_code == 200 and r.context["onvolledig"]
    indiening = OnvolledigeIndiening.objects.get()
    assert _lokale_dag(indiening.ingediend_op) == PEILDATUM
    regel = AuditRegel.objects.get(objecttype="onvolledige_indiening")
    assert _lokale_dag(regel.wanneer) == PEILDATUM
    # en de startpagina van de school toont hem op die dag
    start = c.get("/start/").content.decode()
    assert "Niet in behandeling genomen (15 maart 2012" in start
    assert "Deze dag is vastgezet" in start and "(I-99)" in start  # de keuze is zichtbaar


@pytest.mark.django_db
def test_een_onvolledige_melding_via_de_api_staat_op_de_vastgezette_dag(wereld, klant) -> None:
    r = klant(wereld.directie_a).post(
        "/api/v1/meldingen/",
        data=json.dumps(
            {"leerling": str(wereld.leerling_a.publiek_id), "school": wereld.school_a.pk}
        ),
        content_type="application/json",
    )
    assert r.status_code == 400
    assert _lokale_dag(OnvolledigeIndiening.objects.get().ingediend_op) == PEILDATUM
    lijst = klant(wereld.bekostigingsmedewerker).get("/api/v1/meldingen/onvolledig/").json()
    [getoond] = lijst["resultaten"] if isinstance(lijst, dict) else lijst
    assert getoond["ingediend_op"].startswith("2012-03-15T")


@pytest.mark.django_db
def test_een_volledige_melding_en_haar_beoordeling_staan_op_de_vastgezette_dag(
    wereld, klant
) -> None:
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="lg")
    c = klant(wereld.ib_a)
    r = c.post(
        "/api/v1/meldingen/",
        data=json.dumps(
            {
                "leerling": str(wereld.leerling_a.publiek_id),
                "school": wereld.school_a.pk,
                **formulier(indicatie, wereld.ab_dienst),
            }
        ),
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    melding = Melding.objects.get()
    assert _lokale_dag(melding.ingediend_op) == PEILDATUM
    getoond = c.get(f"/api/v1/meldingen/{melding.publiek_id}/").json()
    assert getoond["meldingsdatum"] == "2012-03-15"
    melding = melding_accepteren(
        door=wereld.bekostigingsmedewerker, melding=melding, versie=melding.versie
    )
    assert _lokale_dag(melding.beoordeeld_op) == PEILDATUM
    assert {_lokale_dag(o.op) for o in MeldingOvergang.objects.all()} == {PEILDATUM}


@pytest.mark.django_db
def test_een_betaalrun_staat_van_aanvraag_tot_afronding_op_de_vastgezette_dag(wereld) -> None:
    ind = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="zml")
    melding = melding_indienen(
        door=wereld.directie_a, leerling=wereld.leerling_a, school=wereld.school_a,
        gegevens=formulier(ind, wereld.ab_dienst), meldingsdatum=date(2011, 9, 5),
    )  # fmt: skip
    melding_accepteren(door=wereld.bekostigingsmedewerker, melding=melding, versie=melding.versie)
    aangevraagd = betaalrun_aanvragen(door=wereld.bekostigingsmedewerker, maand=Maand(2012, 2))
    assert _lokale_dag(aangevraagd.aangevraagd_op) == PEILDATUM
    run = betaalrun_verwerken(publiek_id=aangevraagd.publiek_id)
    assert run.status == Runstatus.KLAAR and run.regels
    for moment in (run.begonnen_op, run.hartslag_op, run.uitgevoerd_op):
        assert _lokale_dag(moment) == PEILDATUM
    assert {_lokale_dag(g.aangemaakt_op) for g in Grootboekregel.objects.all()} == {PEILDATUM}


@pytest.mark.django_db
def test_een_nieuwe_leerling_en_een_wijziging_staan_op_de_vastgezette_dag(wereld) -> None:
    """aangemaakt op / gewijzigd op (Tijdstipveld), ook via versie_bijwerken."""
    registratie = leerling_registreren(
        door=wereld.directie_a, school=wereld.school_a, voornaam="Noor", achternaam="Klok",
        geboortedatum=date(2004, 2, 1), adres="Dijk 1", postcode="1234 AB",
        woonplaats="Ergens", van=date(2012, 3, 1), groep=4,
    )  # fmt: skip
    leerling = Leerling.objects.get(pk=registratie.leerling.pk)
    assert _lokale_dag(leerling.aangemaakt_op) == _lokale_dag(leerling.gewijzigd_op) == PEILDATUM
    gewijzigd = leerling_wijzig(
        door=wereld.directie_a, leerling=leerling, verwachte_versie=leerling.versie,
        wijzigingen={"woonplaats": "Elders"}, reden="verhuisd",
    )  # fmt: skip
    assert _lokale_dag(gewijzigd.gewijzigd_op) == PEILDATUM
    assert _lokale_dag(Leerling.objects.get(pk=leerling.pk).gewijzigd_op) == PEILDATUM


@pytest.mark.django_db
def test_inloggen_en_een_nieuwe_gebruiker_staan_op_de_vastgezette_dag(wereld, klant) -> None:
    klant(wereld.directie_a)
    wereld.directie_a.refresh_from_db()
    assert _lokale_dag(wereld.directie_a.last_login) == PEILDATUM
    assert _lokale_dag(wereld.directie_a.date_joined) == PEILDATUM


@pytest.mark.django_db
def test_na_een_dag_werk_staat_elk_tijdstip_in_de_database_op_de_vastgezette_dag(
    wereld, klant
) -> None:
    """Alles tegelijk, over elk datum-tijdveld van elk model: wat een service vergeet,
    valt hier op."""
    c = klant(wereld.directie_a)
    c.post(
        "/meldingen/nieuw/",
        {"leerling": str(wereld.leerling_a.publiek_id), "school": wereld.school_a.pk},
    )
    ind = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="zml")
    melding = melding_indienen(
        door=wereld.directie_a, leerling=wereld.leerling_a, school=wereld.school_a,
        gegevens=formulier(ind, wereld.ab_dienst),
    )  # fmt: skip
    melding_accepteren(door=wereld.bekostigingsmedewerker, melding=melding, versie=melding.versie)
    betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=Maand(2012, 3))
    c.get("/start/")
    gevonden = list(_tijdstippen_in_de_database())
    velden = {(m, v) for m, v, _ in gevonden}
    # de toets ziet echt iets: auditregels, meldingen, de run, leerlingen, gebruikers
    assert {
        ("AuditRegel", "wanneer"),
        ("Melding", "ingediend_op"),
        ("Betaalrun", "uitgevoerd_op"),
    } <= velden
    assert {("OnvolledigeIndiening", "ingediend_op"), ("Leerling", "aangemaakt_op")} <= velden
    assert {("Gebruiker", "last_login"), ("Gebruiker", "date_joined")} <= velden
    anders = sorted({(m, v, d) for m, v, d in gevonden if d != PEILDATUM})
    assert anders == []


# --- de hartslag met een vastgezette dag (I-99) ---------------------------------------------


@pytest.fixture
def bezige_run(wereld):
    run = betaalrun_aanvragen(
        door=wereld.bekostigingsmedewerker, maand=Maand(2012, 2), wachtrij=False
    )

    def met_hartslag(op: datetime) -> Betaalrun:
        Betaalrun.objects.filter(pk=run.pk).update(
            status=Runstatus.BEZIG, poging=1, begonnen_op=op, hartslag_op=op
        )
        return run

    return met_hartslag


@pytest.mark.django_db
def test_een_hartslag_binnen_de_grens_houdt_de_run_bij_zijn_verwerker(bezige_run) -> None:
    bezige_run(tijd.nu() - timedelta(seconds=30))
    assert betaalruns_herstellen(grens=timedelta(minutes=5)) == []


@pytest.mark.django_db
def test_een_hartslag_ouder_dan_de_grens_wordt_hervat(bezige_run) -> None:
    run = bezige_run(tijd.nu() - timedelta(minutes=10))
    assert [r.pk for r in betaalruns_herstellen(grens=timedelta(minutes=5))] == [run.pk]


@pytest.mark.django_db
def test_een_hartslag_later_vandaag_is_van_voor_middernacht_en_wordt_hervat(bezige_run) -> None:
    """Met een vastgezette dag springt nu() om middernacht terug; een hartslag die verder
    dan de grens in de toekomst ligt, is van een eerdere echte dag (I-99)."""
    run = bezige_run(tijd.nu() + timedelta(hours=3))
    assert [r.pk for r in betaalruns_herstellen(grens=timedelta(minutes=5))] == [run.pk]


# --- de demo, zoals een nieuwe gebruiker haar probeert -----------------------------------------

CSRF_VELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _Bezoeker:
    """Een browser zonder browser: cookies, CSRF-token uit het formulier, POST als formulier."""

    def __init__(self, adres: str) -> None:
        self.adres = adres
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def haal(self, pad: str, data: dict[str, str] | None = None) -> str:
        verzoek = urllib.request.Request(
            self.adres + pad,
            data=urllib.parse.urlencode(data).encode() if data is not None else None,
        )
        with self.opener.open(verzoek, timeout=60) as antwoord:
            return str(antwoord.read().decode())

    def verstuur(self, pad: str, data: dict[str, str]) -> str:
        [token] = CSRF_VELD.findall(self.haal(pad))[:1]
        return self.haal(pad, {"csrfmiddlewaretoken": token, **data})


def _lokale_dag_uit_sqlite(waarde: str) -> date:
    """SQLite bewaart een tijdstip als UTC-tekst zonder tijdzone."""
    moment = datetime.fromisoformat(waarde).replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo("Europe/Amsterdam")).date()


@pytest.fixture(scope="module")
def demoserver(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """``rugzak demo`` als subproces, met webserver én verwerker, zonder RUGZAK_VANDAAG uit
    de omgeving: de demo zet haar dag zelf."""
    werkmap = tmp_path_factory.mktemp("klokdemo")
    omgeving = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "RUGZAK_SECRET_KEY", "RUGZAK_VANDAAG"}
        | {"RUGZAK_HTTPS", "RUGZAK_DEBUG", "RUGZAK_SQLITE"}
    }
    db = werkmap / "demo.sqlite3"
    omgeving["RUGZAK_SQLITE"] = str(db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    log = (werkmap / "server.log").open("w")
    proces = subprocess.Popen(
        [sys.executable, "-m", "rugzak.cli.demo", "--poort", str(poort)],
        cwd=werkmap, env=omgeving, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    adres = f"http://127.0.0.1:{poort}"
    try:
        grens = time.monotonic() + 400
        while True:
            if proces.poll() is not None:
                log.flush()
                pytest.fail("de demo stopte:\n" + (werkmap / "server.log").read_text()[-4000:])
            try:
                with urllib.request.urlopen(adres + "/inloggen/", timeout=5) as antwoord:
                    if antwoord.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > grens:
                pytest.fail("de demo kwam niet binnen 400 s op")
            time.sleep(0.5)
        yield adres, db
    finally:
        proces.terminate()  # de demo stopt dan ook haar verwerker
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait(timeout=15)
        log.close()


def test_in_de_demo_staan_een_onvolledige_melding_en_een_betaalrun_op_de_dag_van_de_demo(
    demoserver,
) -> None:
    """Issue 10: een nieuwe gebruiker meldt in de demo onvolledig en vraagt een betaalrun
    aan; de webserver én de verwerker (een eigen proces) dateren ze op 15 maart 2012."""
    adres, db = demoserver
    with sqlite3.connect(db) as sql:
        [school_id] = sql.execute(
            "SELECT id FROM organisaties_organisatie WHERE brin = '21WK'"
        ).fetchone()
        [leerling_hex] = sql.execute(
            "SELECT l.publiek_id FROM leerlingen_leerling l JOIN leerlingen_inschrijving i "
            "ON i.leerling_id = l.id WHERE i.school_id = ? AND i.van <= '2012-03-15' "
            "AND (i.tot IS NULL OR i.tot >= '2012-03-15') ORDER BY l.id LIMIT 1",
            (school_id,),
        ).fetchone()
        voor = sql.execute("SELECT MAX(id) FROM meldingen_onvolledigeindiening").fetchone()[0]
    school = _Bezoeker(adres)
    school.verstuur("/inloggen/", {"username": "directie.dewieken", "password": "rugzak-demo-2011"})
    pagina = school.verstuur(
        "/meldingen/nieuw/", {"leerling": str(UUID(leerling_hex)), "school": str(school_id)}
    )
    assert "niet in behandeling" in pagina.lower()
    with sqlite3.connect(db) as sql:
        nieuw = sql.execute(
            "SELECT ingediend_op FROM meldingen_onvolledigeindiening WHERE id > ?", (voor or 0,)
        ).fetchall()
    assert [_lokale_dag_uit_sqlite(w) for (w,) in nieuw] == [PEILDATUM]
    assert "Niet in behandeling genomen (15 maart 2012" in school.haal("/start/")

    cfi = _Bezoeker(adres)
    cfi.verstuur("/inloggen/", {"username": "bekostiging.cfi", "password": "rugzak-demo-2011"})
    with sqlite3.connect(db) as sql:
        runs_voor = sql.execute("SELECT MAX(id) FROM betalingen_betaalrun").fetchone()[0]
    cfi.verstuur("/betalingen/runs/", {"maand": "2012-03"})
    grens = time.monotonic() + 120
    while True:  # de verwerker, een eigen proces, voert de run uit
        with sqlite3.connect(db) as sql:
            rij = sql.execute(
                "SELECT publiek_id, status, aangevraagd_op, begonnen_op, uitgevoerd_op "
                "FROM betalingen_betaalrun WHERE id > ?",
                (runs_voor or 0,),
            ).fetchone()
        if rij and rij[1] in ("klaar", "mislukt"):
            break
        assert time.monotonic() < grens, f"de verwerker voerde de run niet uit: {rij}"
        time.sleep(0.5)
    publiek_id, status, *momenten = rij
    assert status == "klaar"
    assert [_lokale_dag_uit_sqlite(m) for m in momenten] == [PEILDATUM] * 3
    runpagina = cfi.haal(f"/betalingen/runs/{UUID(publiek_id)}/")
    for kop in ("Aangevraagd", "Begonnen", "Afgerond"):
        assert re.search(rf"<dt>{kop}</dt><dd>15 maart 2012 \d\d:\d\d:\d\d", runpagina), kop
