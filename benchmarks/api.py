"""Benchmark van de API op PostgreSQL met een land vol leerlingen (standaard 100.000).

    uv run python benchmarks/api.py                 # alles, daarna de database weg
    uv run python benchmarks/api.py --behoud        # database rugzak_bench laten staan
    uv run python benchmarks/api.py --leerlingen 5000 --scholen 100 --duur 20   # snel

Wat het doet, en hoe lang (op een machine met twee kernen samen ruim vijf minuten):

1. maakt een aparte database ``rugzak_bench`` op 127.0.0.1:5432 (gebruiker postgres),
   migreert haar, en vult haar in bulk: besturen, ~2.000 scholen, 40 REC's (cluster 2-4)
   met CvI en AB-dienst, 100.000 leerlingen met inschrijving en indicatie (einddatum en
   herindicatie uit de regelkern), geaccepteerde meldingen, indicatieaanvragen in elke
   toestand (beslistermijn uit de regelkern), lopende RAB-begeleidingen, toelatingszaken in
   elke fase en vastgestelde handelingsplannen met hun evaluaties (uit de regelkern).
   ``bulk_create`` voor het volume, maar elke rij zoals de services haar zouden schrijven;
2. telt in het proces zelf (Django-testclient en ``CaptureQueriesContext``) hoeveel
   SQL-queries één verzoek kost, voor een kleine en een grote school en CvI;
3. start gunicorn (de productieserver) op 127.0.0.1 en laat 16 gelijktijdige clients
   (threads met ``http.client``, keep-alive) per eindpunt een begrensd aantal verzoeken
   doen, met een tijdslimiet: de termijnenlijst van een schoolgebruiker en van een
   CvI-secretaris, en het dossier van willekeurige leerlingen (door de directie van hun
   school);
4. drukt per eindpunt mediaan, p95 en maximum van de latentie af, verzoeken per seconde,
   en het aantal queries per verzoek; stopt gunicorn en verwijdert de database.

Een benchmark, geen test: er wordt niets beweerd, alleen gemeten en afgedrukt.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

DB = "rugzak_bench"
HOST = "127.0.0.1"
PEILDATUM = "2012-03-15"
BATCH = 5000
#: de productie-instellingen van gunicorn (README, "Productie"), als die er zijn
GUNICORN_CONF = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"


def _stap(tekst: str) -> Callable[[], None]:
    begin = time.perf_counter()
    print(f"- {tekst} ...", end="", flush=True)

    def klaar() -> None:
        print(f" {time.perf_counter() - begin:.1f} s", flush=True)

    return klaar


# --- database ----------------------------------------------------------------------------------


def maak_database(naam: str) -> None:
    import psycopg

    with psycopg.connect(f"postgresql://postgres@{HOST}:5432/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{naam}"')


def database_bestaat(naam: str) -> bool:
    import psycopg

    with psycopg.connect(f"postgresql://postgres@{HOST}:5432/postgres", autocommit=True) as c:
        return (
            c.execute("SELECT 1 FROM pg_database WHERE datname = %s", (naam,)).fetchone()
            is not None
        )


def verwijder_database(naam: str) -> None:
    import psycopg

    with psycopg.connect(f"postgresql://postgres@{HOST}:5432/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


def omgeving(naam: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": f"postgresql://postgres@{HOST}:5432/{naam}",
            "DJANGO_SETTINGS_MODULE": "rugzak.site.settings",
            "RUGZAK_SECRET_KEY": "benchmark-" + "x" * 50,
            "RUGZAK_HTTPS": "0",
            "RUGZAK_DEBUG": "0",
            "RUGZAK_VANDAAG": PEILDATUM,
            "RUGZAK_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        }
    )
    return env


# --- de gegevens -------------------------------------------------------------------------------

#: cluster -> (aantal REC's, onderwijssoorten met gewicht)
CLUSTERS: dict[str, tuple[int, list[tuple[str, int]]]] = {
    "2": (10, [("doof", 2), ("sh", 5), ("esm", 8)]),
    "3": (15, [("lg", 6), ("lz", 5), ("zml", 10), ("mg_lg_zml", 1)]),
    "4": (15, [("cl4", 1)]),
}
#: het aandeel leerlingen per cluster (van alle geïndiceerde leerlingen)
CLUSTER_AANDEEL = {"2": 0.25, "3": 0.30, "4": 0.45}
#: schoolsoort -> aandeel scholen
SCHOOLSOORTEN = [("bao", 0.75), ("sbao", 0.05), ("vo", 0.20)]


@dataclass
class Land:
    scholen: list[Any] = field(default_factory=list)
    directies: dict[int, Any] = field(default_factory=dict)  # school-id -> gebruiker
    cvis: dict[tuple[str, int], Any] = field(default_factory=dict)  # (cluster, regio) -> cvi
    abs: dict[tuple[str, int], Any] = field(default_factory=dict)
    secretarissen: dict[int, Any] = field(default_factory=dict)  # cvi-id -> gebruiker
    leerlingen: list[tuple[int, str, int]] = field(default_factory=list)  # (pk, publiek, school)


def lees_land() -> Land:
    """Het land van een eerdere run uit de database (gebruikers op hun vaste namen)."""
    from rugzak.leerlingen.models import Inschrijving
    from rugzak.organisaties.models import Gebruiker, Organisatie

    land = Land()
    land.scholen = list(Organisatie.objects.filter(soort="school").order_by("pk"))
    for g in Gebruiker.objects.filter(username__startswith="directie"):
        land.directies[int(g.username.removeprefix("directie"))] = g
    for g in Gebruiker.objects.filter(username__startswith="secretaris"):
        land.secretarissen[int(g.username.removeprefix("secretaris"))] = g
    land.leerlingen = [
        (lid, str(publiek), school)
        for lid, publiek, school in Inschrijving.objects.order_by("leerling_id")
        .values_list("leerling_id", "leerling__publiek_id", "school_id")
        .distinct()
    ]
    return land


def _gewogen(rng: random.Random, opties: list[tuple[str, int]]) -> str:
    return rng.choices([o for o, _ in opties], weights=[w for _, w in opties])[0]


def _bulk(model: Any, rijen: list[Any]) -> list[Any]:
    uit: list[Any] = []
    for i in range(0, len(rijen), BATCH):
        uit.extend(model.objects.bulk_create(rijen[i : i + BATCH]))
    return uit


def vul(aantal_leerlingen: int, aantal_scholen: int, zaad: int = 2012) -> Land:
    """Vul de database in bulk; elke rij zoals de services haar zouden schrijven."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from rugzak.ambulante_begeleiding.models import Begeleiding
    from rugzak.demo import namen
    from rugzak.handelingsplannen.models import Evaluatie, Handelingsplan
    from rugzak.indicaties.models import Dossierstuk, Indicatie, Indicatieaanvraag
    from rugzak.leerlingen.models import Inschrijving, Leerling, OuderRelatie
    from rugzak.meldingen.models import Melding
    from rugzak.organisaties.models import Gebruiker, Organisatie, Rol
    from rugzak.organisaties.rollen import Organisatiesoort, Roltype
    from rugzak.regeling.begrippen import Onderwijssoort
    from rugzak.regeling.laden import standaard_regeling
    from rugzak.regeling.regels.indicatie import indicatie_geldigheid
    from rugzak.regeling.regels.termijnen import cvi_beslissing, evaluatiemomenten
    from rugzak.regeling.tijd import Schooljaar
    from rugzak.toelating.models import Toelatingszaak

    rng = random.Random(zaad)
    regeling = standaard_regeling()
    land = Land()
    nu = timezone.now()
    wachtwoord = make_password("benchmark-wachtwoord-2012")
    vanaf = date(2003, 8, 1)

    klaar = _stap("organisaties en gebruikers")
    besturen = _bulk(
        Organisatie,
        [
            Organisatie(soort=Organisatiesoort.BESTUUR, naam=f"Stichting Onderwijs {i:03d}")
            for i in range(max(1, aantal_scholen // 8))
        ],
    )
    recs: list[Any] = []
    for cluster, (aantal, _) in CLUSTERS.items():
        for regio in range(aantal):
            recs.append(
                Organisatie(
                    soort=Organisatiesoort.REC,
                    naam=f"REC cluster {cluster} regio {regio + 1}",
                    cluster=cluster,
                    regio=f"regio {regio + 1}",
                )
            )
    recs = _bulk(Organisatie, recs)
    cvis = _bulk(
        Organisatie,
        [Organisatie(soort=Organisatiesoort.CVI, naam=f"CvI {r.naam}", rec=r) for r in recs],
    )
    abs_ = _bulk(
        Organisatie,
        [
            Organisatie(
                soort=Organisatiesoort.AB_DIENST,
                naam=f"AB-dienst {r.naam}",
                rec=r,
                brin=f"{10 + i % 90:02d}{chr(65 + i // 90 % 26)}Z",
            )
            for i, r in enumerate(recs)
        ],
    )
    per_cluster: dict[str, int] = {}
    for rec, cvi, ab in zip(recs, cvis, abs_, strict=True):
        regio = per_cluster.get(rec.cluster, 0)
        per_cluster[rec.cluster] = regio + 1
        land.cvis[(rec.cluster, regio)] = cvi
        land.abs[(rec.cluster, regio)] = ab
    scholen = []
    for i in range(aantal_scholen):
        soort = _gewogen(rng, [(s, int(a * 100)) for s, a in SCHOOLSOORTEN])
        scholen.append(
            Organisatie(
                soort=Organisatiesoort.SCHOOL,
                naam=f"School {i:04d}",
                brin=f"{10 + i % 90:02d}{chr(65 + i // 90 % 26)}{chr(65 + i // 2340 % 26)}",
                schoolsoort=soort,
                bestuur=besturen[i % len(besturen)],
            )
        )
    land.scholen = _bulk(Organisatie, scholen)
    cfi = Organisatie.objects.create(soort=Organisatiesoort.BEKOSTIGINGSINSTANTIE, naam="CFI")

    gebruikers: list[Any] = []
    rollen: list[tuple[int, str, Any]] = []  # (index gebruiker, rol, organisatie)
    for school in land.scholen:
        gebruikers.append(
            Gebruiker(username=f"directie{school.pk}", password=wachtwoord, first_name="Directie")
        )
        rollen.append((len(gebruikers) - 1, Roltype.DIRECTIE, school))
    for cvi in cvis:
        gebruikers.append(
            Gebruiker(username=f"secretaris{cvi.pk}", password=wachtwoord, first_name="Secr")
        )
        rollen.append((len(gebruikers) - 1, Roltype.CVI_SECRETARIS, cvi))
    for ab in abs_:
        gebruikers.append(
            Gebruiker(username=f"coordinator{ab.pk}", password=wachtwoord, first_name="Coord")
        )
        rollen.append((len(gebruikers) - 1, Roltype.AB_COORDINATOR, ab))
    gebruikers.append(Gebruiker(username="bekostiging", password=wachtwoord, first_name="CFI"))
    rollen.append((len(gebruikers) - 1, Roltype.BEKOSTIGINGSMEDEWERKER, cfi))
    gebruikers = _bulk(Gebruiker, gebruikers)
    _bulk(
        Rol,
        [Rol(gebruiker=gebruikers[i], rol=r, organisatie=o, van=vanaf) for i, r, o in rollen],
    )
    for i, rol, org in rollen:
        if rol == Roltype.DIRECTIE:
            land.directies[org.pk] = gebruikers[i]
        elif rol == Roltype.CVI_SECRETARIS:
            land.secretarissen[org.pk] = gebruikers[i]
    directie_van = land.directies
    klaar()

    klaar = _stap(f"{aantal_leerlingen} leerlingen met inschrijving en indicatie")
    leerlingen: list[Any] = []
    inschrijvingen: list[tuple[Any, int]] = []
    for _ in range(aantal_leerlingen):
        school = land.scholen[rng.randrange(len(land.scholen))]
        voornaam, geslacht = rng.choice(namen.VOORNAMEN)
        achternaam = rng.choice(namen.ACHTERNAMEN)[0]
        if school.schoolsoort == "vo":
            klas = rng.randint(1, 4)
            geboren = date(2011 - klas - 11, rng.randint(1, 12), rng.randint(1, 28))
        else:
            klas = rng.randint(1, 8)
            geboren = date(2011 - klas - 4, rng.randint(1, 12), rng.randint(1, 28))
        leerlingen.append(
            Leerling(
                voornaam=voornaam,
                achternaam=achternaam,
                geboortedatum=geboren,
                geslacht=geslacht,
                adres=f"{rng.choice(namen.STRATEN)} {rng.randint(1, 180)}",
                postcode=f"{rng.randint(1000, 9999)} {rng.choice('ABCEFGHJKLMN')}{rng.choice('ABCEFGHJKLMN')}",
                woonplaats=rng.choice(list(namen.PLAATSEN)),
            )
        )
        inschrijvingen.append((school, klas))
    leerlingen = _bulk(Leerling, leerlingen)
    _bulk(
        Inschrijving,
        [
            Inschrijving(
                leerling=leerling,
                school=school,
                van=date(2011 - (klas - 1), 8, 22)
                if school.schoolsoort != "vo"
                else date(2011 - (klas - 1), 8, 29),
                groep=klas if school.schoolsoort != "vo" else None,
                leerjaar=klas if school.schoolsoort == "vo" else None,
            )
            for leerling, (school, klas) in zip(leerlingen, inschrijvingen, strict=True)
        ],
    )
    land.leerlingen = [
        (leerling.pk, str(leerling.publiek_id), school.pk)
        for leerling, (school, _) in zip(leerlingen, inschrijvingen, strict=True)
    ]

    geldigheid: dict[tuple[str, date], Any] = {}
    indicaties: list[Any] = []
    per_leerling: list[tuple[str, int]] = []  # (cluster, regio)
    for n, leerling in enumerate(leerlingen):
        cluster = _gewogen(rng, [(c, int(a * 100)) for c, a in CLUSTER_AANDEEL.items()])
        aantal, soorten = CLUSTERS[cluster]
        regio = rng.randrange(aantal)
        soort = _gewogen(rng, soorten)
        dag = date(2009, 9, 1) + timedelta(days=rng.randrange(0, 700))
        sleutel = (soort, dag)
        if sleutel not in geldigheid:
            geldigheid[sleutel] = indicatie_geldigheid(
                regeling, onderwijssoort=Onderwijssoort(soort), indicatiedatum=dag
            )
        g = geldigheid[sleutel]
        indicaties.append(
            Indicatie(
                leerling=leerling,
                cvi=land.cvis[(cluster, regio)],
                cvi_nummer=f"C{cluster}-{dag.year}-{n:06d}",
                indicatiedatum=dag,
                onderwijssoort=soort,
                einddatum=g.einddatum,
                herindicatie_op=g.herindicatie_op,
            )
        )
        per_leerling.append((cluster, regio))
    indicaties = _bulk(Indicatie, indicaties)
    klaar()

    klaar = _stap("meldingen (geaccepteerd) en lopende RAB-begeleidingen")
    medewerker = next(g for g in gebruikers if g.username == "bekostiging")
    meldingen = []
    begeleidingen = []
    for leerling, indicatie, (school, klas), (cluster, regio) in zip(
        leerlingen, indicaties, inschrijvingen, per_leerling, strict=True
    ):
        if rng.random() < 0.92:
            ingeschreven = date(2011, 8, 22) if school.schoolsoort != "vo" else date(2011, 8, 29)
            meldingsdatum = max(indicatie.indicatiedatum, ingeschreven) + timedelta(
                days=rng.randrange(3, 40)
            )
            meldingen.append(
                Melding(
                    leerling=leerling,
                    school=school,
                    indicatie=indicatie,
                    status="geaccepteerd",
                    meldingsdatum=min(meldingsdatum, date(2012, 3, 1)),
                    inschrijvingsdatum=ingeschreven,
                    schoolsoort=school.schoolsoort,
                    groep=klas if school.schoolsoort != "vo" else None,
                    leerjaar=klas if school.schoolsoort == "vo" else None,
                    vo_variant="overig" if school.schoolsoort == "vo" else "",
                    cvi_nummer=indicatie.cvi_nummer,
                    indicatiedatum=indicatie.indicatiedatum,
                    onderwijssoort=indicatie.onderwijssoort,
                    ab_verzorger=land.abs[(cluster, regio)],
                    ingediend_door=directie_van[school.pk],
                    ingediend_op=nu,
                    beoordeeld_door=medewerker,
                    beoordeeld_op=nu,
                )
            )
        if rng.random() < 0.4:
            begonnen = date(2011, 9, 1) + timedelta(days=rng.randrange(0, 150))
            begeleidingen.append(
                Begeleiding(
                    soort="rab",
                    leerling=leerling,
                    ab_dienst=land.abs[(cluster, regio)],
                    school=school,
                    status="lopend",
                    aangevraagd_op=begonnen - timedelta(days=14),
                    aangevraagd_door=directie_van[school.pk],
                    van=begonnen,
                    tot=indicatie.einddatum,
                    indicatie=indicatie,
                )
            )
    _bulk(Melding, meldingen)
    _bulk(Begeleiding, begeleidingen)
    klaar()

    klaar = _stap("indicatieaanvragen in elke toestand (10% van de leerlingen), met ouders")
    ouders = []
    kandidaten = rng.sample(range(len(leerlingen)), k=len(leerlingen) // 10)
    for n in kandidaten:
        ouders.append(
            Gebruiker(
                username=f"ouder{leerlingen[n].pk}",
                password=wachtwoord,
                first_name=rng.choice(namen.VOLWASSEN_VOORNAMEN),
                last_name=leerlingen[n].achternaam,
            )
        )
    ouders = _bulk(Gebruiker, ouders)
    _bulk(Rol, [Rol(gebruiker=o, rol=Roltype.OUDER, van=vanaf) for o in ouders])
    _bulk(
        OuderRelatie,
        [
            OuderRelatie(ouder=o, leerling=leerlingen[n])
            for o, n in zip(ouders, kandidaten, strict=True)
        ],
    )
    aanvragen = []
    scholen_van_aanvraag = []
    for ouder, n in zip(ouders, kandidaten, strict=True):
        cluster, regio = per_leerling[n]
        ingediend = date(2011, 9, 1) + timedelta(days=rng.randrange(0, 190))
        status = _gewogen(
            rng,
            [("ingediend", 20), ("dossier_volledig", 25), ("verlengd", 5), ("negatief", 10)],
        )
        volledig = ingediend + timedelta(days=rng.randrange(5, 20))
        if volledig > date(2012, 3, 15):
            status = "ingediend"
        verlengingen = 1 if status == "verlengd" else 0
        a = Indicatieaanvraag(
            leerling=leerlingen[n],
            cvi=land.cvis[(cluster, regio)],
            aanvrager_soort="ouders",
            aanvrager=ouder,
            vorige_indicatie=indicaties[n],
            status=status,
            ingediend_op=ingediend,
        )
        if status != "ingediend":
            a.volledig_op = volledig
            a.verlengingen = verlengingen
            a.uiterste_beslisdatum = cvi_beslissing(
                regeling, volledig, verlengingen=verlengingen
            ).uiterlijk
        if status == "negatief":
            a.besloten_op = min(volledig + timedelta(days=30), date(2012, 3, 15))
            a.besluit_toelichting = "geen toelaatbaarheid vastgesteld"
        aanvragen.append(a)
        scholen_van_aanvraag.append(inschrijvingen[n][0])
    aanvragen = _bulk(Indicatieaanvraag, aanvragen)
    # het onderwijskundig rapport van de huidige school: nodig voor een volledig dossier
    _bulk(
        Dossierstuk,
        [
            Dossierstuk(
                aanvraag=a,
                soort="onderwijskundig_rapport",
                opgesteld_door=school,
                ontvangen_op=a.ingediend_op,
                toegevoegd_door=a.aanvrager,
            )
            for a, school in zip(aanvragen, scholen_van_aanvraag, strict=True)
            if a.status != "ingediend"
        ],
    )
    klaar()

    klaar = _stap("toelatingszaken (3%) en handelingsplannen met evaluaties")
    momenten = evaluatiemomenten(regeling, Schooljaar(2011))
    zaken = []
    fasen = ["1", "2", "3", "4", "5", "6", "7", "8", "9a", "10a", "11a", "12a", "13", "14"]
    for n in rng.sample(range(len(leerlingen)), k=len(leerlingen) * 3 // 100):
        school, _ = inschrijvingen[n]
        toestand = rng.choice([*fasen, "toegelaten", "toegelaten", "toegelaten"])
        verzoek = date(2011, 9, 1) + timedelta(days=rng.randrange(0, 150))
        z = Toelatingszaak(
            school=school,
            leerling=leerlingen[n],
            indicatie=indicaties[n],
            toestand=toestand,
            verzoek_op=verzoek,
            aangemaakt_door=directie_van[school.pk],
        )
        if toestand != "1":
            z.aanmelding_schriftelijk_op = verzoek + timedelta(days=9)
            z.gesprek_op = verzoek + timedelta(days=9)
            z.toestemming_derden_op = verzoek + timedelta(days=9)
        if toestand in ("9a", "10a", "11a", "12a", "13", "14", "toegelaten"):
            z.besluit = "toelaten"
            z.besluit_op = verzoek + timedelta(days=46)
            z.plaatsingsdatum = verzoek + timedelta(days=76)
        if toestand == "toegelaten":
            z.afgesloten_op = verzoek + timedelta(days=100)
        zaken.append(z)
    zaken = _bulk(Toelatingszaak, zaken)
    plannen = _bulk(
        Handelingsplan,
        [
            Handelingsplan(
                zaak=z,
                toestand="vastgesteld",
                periode_van=z.plaatsingsdatum,
                beginsituatie="leest klankzuivere woorden",
                doelstelling="woorden van vier letters lezen",
                voorzieningen_en_maatregelen="instructietafel, dagritmekaarten",
                inzet_lgf="onderwijsassistent 8 uur per week",
                monitoring="evaluatie in oktober, januari, mei en aan het eind",
                ambulant_begeleider_naam="ambulant begeleider van het REC",
                voorgelegd_op=z.plaatsingsdatum + timedelta(days=14),
                vastgesteld_op=z.plaatsingsdatum + timedelta(days=21),
                aangemaakt_door=z.aangemaakt_door,
            )
            for z in zaken
            if z.toestand == "toegelaten"
        ],
    )
    _bulk(
        Evaluatie,
        [
            Evaluatie(
                handelingsplan=p,
                schooljaar=2011,
                regel=m.regel,
                omschrijving=m.omschrijving[:100],
                uiterlijk=m.uiterlijk,
                gehouden_op=m.uiterlijk - timedelta(days=5)
                if m.uiterlijk < date(2012, 3, 15)
                else None,
            )
            for p in plannen
            for m in momenten
        ],
    )
    klaar()
    klaar = _stap("ANALYZE")
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    klaar()
    return land


# --- queries per verzoek, in het proces ---------------------------------------------------------


@dataclass
class Doel:
    naam: str
    pad: Callable[[random.Random], tuple[str, str]]  # -> (pad, sessiesleutel)


def sessie(gebruiker: Any) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    s = SessionStore()
    s[SESSION_KEY] = str(gebruiker.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = gebruiker.get_session_auth_hash()
    s.create()
    return str(s.session_key)


def queries_per_verzoek(pad: str, gebruiker: Any) -> tuple[int, int]:
    """(queries, grootte van het antwoord in bytes) voor één verzoek, in het proces."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    c = Client()
    c.force_login(gebruiker)
    c.get(pad)
    with CaptureQueriesContext(connection) as q:
        r = c.get(pad)
    assert r.status_code == 200, (pad, r.status_code, r.content[:200])
    return len(q.captured_queries), len(r.content)


# --- gunicorn en de clients ---------------------------------------------------------------------


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@contextmanager
def gunicorn(env: dict[str, str], poort: int, workers: int, threads: int) -> Iterator[None]:
    """gunicorn met gunicorn.conf.py; ``workers``/``threads`` 0: wat die zegt."""
    proces = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "rugzak.site.wsgi:application",
            *(["-c", str(GUNICORN_CONF)] if GUNICORN_CONF.exists() else []),
            "--bind", f"{HOST}:{poort}",
            *(["--workers", str(workers)] if workers else []),
            *(["--threads", str(threads)] if threads else []),
            "--worker-class", "gthread", "--keep-alive", "30", "--log-level", "warning",
        ],
        env=env,
        start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(200):
            try:
                with socket.create_connection((HOST, poort), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn start niet")
        yield
    finally:
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()


@dataclass
class Meting:
    latenties: list[float] = field(default_factory=list)
    fouten: dict[int, int] = field(default_factory=dict)
    duur: float = 0.0


def belast(
    poort: int, verzoeken: list[tuple[str, str]], clients: int, tijdslimiet: float
) -> Meting:
    """``clients`` threads met elk een keep-alive-verbinding werken de lijst ``verzoeken``
    (pad, sessiesleutel) af, tot hij op is of de tijd om is."""
    meting = Meting()
    slot = threading.Lock()
    volgende = iter(verzoeken)
    einde = time.monotonic() + tijdslimiet

    def werk() -> None:
        verbinding = http.client.HTTPConnection(HOST, poort, timeout=60)
        while time.monotonic() < einde:
            with slot:
                item = next(volgende, None)
            if item is None:
                break
            pad, sleutel = item
            begin = time.perf_counter()
            verbinding.request("GET", pad, headers={"Cookie": f"sessionid={sleutel}"})
            antwoord = verbinding.getresponse()
            antwoord.read()
            duur = time.perf_counter() - begin
            with slot:
                if antwoord.status == 200:
                    meting.latenties.append(duur)
                else:
                    meting.fouten[antwoord.status] = meting.fouten.get(antwoord.status, 0) + 1
        verbinding.close()

    begin = time.perf_counter()
    draden = [threading.Thread(target=werk) for _ in range(clients)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    meting.duur = time.perf_counter() - begin
    return meting


def _p(waarden: list[float], fractie: float) -> float:
    if not waarden:
        return float("nan")
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, round(fractie * (len(geordend) - 1)))]


# --- hoofdprogramma ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--leerlingen", type=int, default=100_000)
    p.add_argument("--scholen", type=int, default=2_000)
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--verzoeken", type=int, default=800, help="per eindpunt")
    p.add_argument("--duur", type=float, default=60, help="hoogstens zoveel seconden per eindpunt")
    p.add_argument(
        "--workers", type=int, default=0, help="standaard: gunicorn.conf.py (2 per kern)"
    )
    p.add_argument("--threads", type=int, default=0, help="standaard: gunicorn.conf.py (4)")
    p.add_argument("--database", default=DB)
    p.add_argument("--behoud", action="store_true", help="database na afloop laten staan")
    p.add_argument(
        "--hergebruik",
        action="store_true",
        help="een bestaande database van een eerdere run (--behoud) opnieuw meten, zonder "
        "opbouw; ontbreekt ze, dan wordt ze opgebouwd (impliceert --behoud)",
    )
    p.add_argument("--json", type=Path, help="schrijf de cijfers ook als JSON naar dit bestand")
    args = p.parse_args(argv)

    start = time.perf_counter()
    env = omgeving(args.database)
    os.environ.update(env)
    print(f"rugzak API-benchmark: {args.leerlingen} leerlingen, {args.scholen} scholen, "
          f"{args.clients} clients, PostgreSQL-database {args.database}; "
          f"{os.cpu_count()} kernen, belasting {os.getloadavg()[0]:.1f}")  # fmt: skip
    if args.hergebruik:
        args.behoud = True
    bestaand = args.hergebruik and database_bestaat(args.database)
    if not bestaand:
        klaar = _stap(f"database {args.database} maken en migreren")
        maak_database(args.database)
    try:
        import django

        django.setup()
        from django.core.management import call_command

        if bestaand:
            klaar = _stap(f"bestaande database {args.database} migreren en lezen")
            call_command("migrate", verbosity=0)
            land = lees_land()
            klaar()
            print(
                f"  {len(land.leerlingen)} leerlingen, {len(land.directies)} scholen (hergebruikt)"
            )
        else:
            call_command("migrate", verbosity=0)
            klaar()
            land = vul(args.leerlingen, args.scholen)
        uitslag = meet(land, env, args)
        uitslag["totale_duur_s"] = round(time.perf_counter() - start, 1)
        print(f"\ntotaal {uitslag['totale_duur_s']} s")
        if args.json:
            args.json.write_text(json.dumps(uitslag, indent=2), encoding="utf-8")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.behoud:
            klaar = _stap(f"database {args.database} verwijderen")
            verwijder_database(args.database)
            klaar()
    return 0


def meet(land: Land, env: dict[str, str], args: argparse.Namespace) -> dict[str, Any]:
    from django.db.models import Count

    from rugzak.indicaties.models import Indicatieaanvraag
    from rugzak.leerlingen.models import Inschrijving

    rng = random.Random(7)
    per_school = dict(
        Inschrijving.objects.values("school_id")
        .annotate(n=Count("id"))
        .values_list("school_id", "n")
    )
    scholen = sorted(per_school, key=lambda s: per_school[s])
    per_cvi = dict(
        Indicatieaanvraag.objects.values("cvi_id")
        .annotate(n=Count("id"))
        .values_list("cvi_id", "n")
    )
    cvis = sorted(per_cvi, key=lambda c: per_cvi[c])

    klaar = _stap("sessies voor de clients")
    school_sessies = [
        sessie(land.directies[s]) for s in rng.sample(scholen, k=min(50, len(scholen)))
    ]
    cvi_sessies = [sessie(land.secretarissen[c]) for c in cvis]
    steekproef = rng.sample(land.leerlingen, k=min(args.verzoeken * 2, len(land.leerlingen)))
    directie_sessies: dict[int, str] = {}
    dossiers = []
    for _, publiek, school in steekproef:
        if school not in directie_sessies:
            directie_sessies[school] = sessie(land.directies[school])
        dossiers.append((f"/api/v1/leerlingen/{publiek}/dossier/", directie_sessies[school]))
    klaar()

    # queries per verzoek: kleinste en grootste school en CvI, twee leerlingen
    klaar = _stap("queries per verzoek tellen (in het proces)")
    q: dict[str, list[tuple[int, int, int]]] = {
        "termijnen_school": [],
        "termijnen_cvi": [],
        "dossier": [],
    }
    for s in (scholen[0], scholen[len(scholen) // 2], scholen[-1]):
        n, grootte = queries_per_verzoek("/api/v1/termijnen/", land.directies[s])
        q["termijnen_school"].append((per_school[s], n, grootte))
    for c in (cvis[0], cvis[-1]):
        n, grootte = queries_per_verzoek("/api/v1/termijnen/", land.secretarissen[c])
        q["termijnen_cvi"].append((per_cvi[c], n, grootte))
    for _, publiek, school in steekproef[:3]:
        n, grootte = queries_per_verzoek(
            f"/api/v1/leerlingen/{publiek}/dossier/", land.directies[school]
        )
        q["dossier"].append((1, n, grootte))
    klaar()
    for naam, rijen in q.items():
        print(
            f"  {naam}: "
            + "; ".join(f"{k} zaken/leerlingen -> {n} queries, {g} bytes" for k, n, g in rijen)
        )

    from django.db import connections

    connections.close_all()
    eindpunten = {
        "termijnen (schoolgebruiker)": [
            ("/api/v1/termijnen/", rng.choice(school_sessies)) for _ in range(args.verzoeken)
        ],
        "termijnen (CvI-secretaris)": [
            ("/api/v1/termijnen/", rng.choice(cvi_sessies)) for _ in range(args.verzoeken)
        ],
        "dossier (willekeurige leerling)": dossiers[: args.verzoeken],
    }
    poort = vrije_poort()
    uitslag: dict[str, Any] = {
        "leerlingen": args.leerlingen,
        "scholen": args.scholen,
        "clients": args.clients,
        "gunicorn": f"{args.workers or 'gunicorn.conf.py'} workers x "
        f"{args.threads or 'gunicorn.conf.py'} threads (gthread)",
        "queries_per_verzoek": {k: [n for _, n, _ in v] for k, v in q.items()},
        "eindpunten": {},
    }
    print(f"\ngunicorn op {HOST}:{poort} ({uitslag['gunicorn']}); {args.clients} clients, "
          f"hoogstens {args.verzoeken} verzoeken of {args.duur:.0f} s per eindpunt\n")  # fmt: skip
    print(
        f"{'eindpunt':34} {'n':>5} {'mediaan':>9} {'p95':>9} {'max':>9} {'req/s':>7} {'queries':>8}"
    )
    sleutels = {
        "termijnen (schoolgebruiker)": "termijnen_school",
        "termijnen (CvI-secretaris)": "termijnen_cvi",
        "dossier (willekeurige leerling)": "dossier",
    }
    uitslag["belasting_voor"] = round(os.getloadavg()[0], 2)
    with gunicorn(env, poort, args.workers, args.threads):
        # opwarmen: elke worker laadt de regeling en opent zijn verbindingen
        belast(poort, eindpunten["dossier (willekeurige leerling)"][:32], args.clients, 30)
        for naam, verzoeken in eindpunten.items():
            m = belast(poort, verzoeken, args.clients, args.duur)
            uitslag.setdefault("belasting_tijdens", []).append(round(os.getloadavg()[0], 2))
            lat = m.latenties
            queries = sorted({n for _, n, _ in q[sleutels[naam]]})
            rij = {
                "n": len(lat),
                "fouten": m.fouten,
                "mediaan_ms": round(statistics.median(lat) * 1000, 1) if lat else None,
                "p95_ms": round(_p(lat, 0.95) * 1000, 1),
                "max_ms": round(max(lat) * 1000, 1) if lat else None,
                "per_seconde": round(len(lat) / m.duur, 1) if m.duur else None,
                "queries": queries,
            }
            uitslag["eindpunten"][naam] = rij
            print(
                f"{naam:34} {rij['n']:>5} {rij['mediaan_ms']:>7} ms {rij['p95_ms']:>7} ms "
                f"{rij['max_ms']:>7} ms {rij['per_seconde']:>7} {'/'.join(map(str, queries)):>8}"
                + (f"  fouten: {m.fouten}" if m.fouten else "")
            )
    print(
        f"\nbelasting van de machine (1 min): voor {uitslag['belasting_voor']}, "
        f"na elk eindpunt {uitslag['belasting_tijdens']} ({os.cpu_count()} kernen)"
    )
    return uitslag


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    raise SystemExit(main())
