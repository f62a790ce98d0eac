"""Paginatijden: de mediane responstijd van de startpagina van elke rol, op PostgreSQL met
een groot land (standaard 100.000 leerlingen), en het aantal queries per pagina.

Het land wordt één keer opgebouwd in een eigen database (standaard ``rugzak_paginas`` op
de server van ``DATABASE_URL``, of postgresql://postgres@127.0.0.1:5432); een tweede
keer gebruikt het script die database opnieuw (``--opnieuw`` bouwt opnieuw). De opbouw
schrijft rechtstreeks met ``bulk_create`` (de services zouden uren kosten) en houdt zich
aan alle databasebeperkingen; bedragen in het grootboek zijn vaste maandbedragen per deel,
want hier telt de omvang, niet de regel. De metingen gaan door de echte views (Django-
testclient, ingelogd als een gebruiker per rol), met auditlog en al.

Gebruik::

    uv run python benchmarks/paginas.py                    # 100.000 leerlingen
    uv run python benchmarks/paginas.py --leerlingen 20000 --herhalingen 11
    uv run python benchmarks/paginas.py --opnieuw          # database opnieuw opbouwen

Doel (issue 4): elke startpagina onder de 300 ms (mediaan) op deze machine.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from urllib.parse import urlsplit, urlunsplit

STANDAARD_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
PEILDATUM = date(2012, 3, 15)
DOEL_MS = 300.0


def _database_url(naam: str) -> str:
    basis = os.environ.get("DATABASE_URL") or STANDAARD_SERVER
    if not basis.startswith("postgres"):
        sys.exit(
            "benchmarks/paginas.py meet op PostgreSQL: zet DATABASE_URL op een PostgreSQL-server"
        )
    return urlunsplit(urlsplit(basis)._replace(path=f"/{naam}"))


def _maak_database(url: str, *, opnieuw: bool) -> bool:
    """Maak de database als die er niet is (of opnieuw); True als hij nieuw is."""
    import psycopg

    delen = urlsplit(url)
    naam = delen.path.lstrip("/")
    beheer = urlunsplit(delen._replace(path="/postgres"))
    with psycopg.connect(beheer, autocommit=True) as verbinding:
        bestaat = verbinding.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (naam,)
        ).fetchone()
        if bestaat and opnieuw:
            verbinding.execute(f'DROP DATABASE "{naam}" WITH (FORCE)')
            bestaat = None
        if not bestaat:
            verbinding.execute(f'CREATE DATABASE "{naam}"')
            return True
    return False


# --- het land ---------------------------------------------------------------------------------


def bouw_land(aantal: int, *, zaad: int = 2012) -> dict[str, str]:
    """Bouw het land en geef per rol de gebruikersnaam die gemeten wordt."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from rugzak.ambulante_begeleiding.models import Begeleiding
    from rugzak.betalingen.models import Betaalrun, Grootboekregel
    from rugzak.handelingsplannen.models import Evaluatie, Handelingsplan
    from rugzak.indicaties.models import Indicatie, Indicatieaanvraag
    from rugzak.leerlingen.models import Inschrijving, Leerling, OuderRelatie
    from rugzak.meldingen.models import Melding
    from rugzak.organisaties.models import Gebruiker, Organisatie, Rol
    from rugzak.toelating.models import Toelatingszaak

    rng = random.Random(zaad)
    nu = timezone.now()
    wachtwoord = make_password(None)  # onbruikbaar: er wordt niet ingelogd, alleen force_login
    vanaf = date(2003, 8, 1)
    B = 5000

    def gebruiker(naam: str) -> Gebruiker:
        return Gebruiker.objects.create(
            username=naam,
            password=wachtwoord,
            first_name=naam.split(".")[0].title(),
            last_name="Bench",
        )

    def rol(g: Gebruiker, r: str, org: Organisatie | None) -> None:
        Rol.objects.create(gebruiker=g, rol=r, organisatie=org, van=vanaf)

    with transaction.atomic():
        cfi = Organisatie.objects.create(soort="bekostigingsinstantie", naam="CFI (benchmark)")
        recs = []
        for i, cluster in enumerate(["2", "3", "3", "4", "4", "2"]):
            rec = Organisatie.objects.create(
                soort="rec", naam=f"REC {cluster}-{i}", cluster=cluster, regio=f"regio {i}"
            )
            cvi = Organisatie.objects.create(soort="cvi", naam=f"CvI REC {cluster}-{i}", rec=rec)
            ab = Organisatie.objects.create(
                soort="ab_dienst", naam=f"AB REC {cluster}-{i}", rec=rec, brin=f"9{i}AB"
            )
            recs.append((cluster, rec, cvi, ab))
        besturen = Organisatie.objects.bulk_create(
            [Organisatie(soort="bestuur", naam=f"Bestuur {i:03d}") for i in range(100)]
        )
        soorten = ["bao"] * 80 + ["sbao"] * 5 + ["vo"] * 12 + ["mbo"] * 3
        scholen = Organisatie.objects.bulk_create(
            [
                Organisatie(
                    soort="school",
                    naam=f"School {i:04d}",
                    brin=f"{i:04d}",
                    schoolsoort=soorten[i % 100],
                    bestuur=besturen[i // 10],
                    plaats="Ergens",
                )
                for i in range(max(aantal // 100, 10))
            ]
        )
        gewoon = Gebruiker.objects.create(username="ouders.algemeen", password=wachtwoord)

        # leerlingen, inschrijvingen
        leerlingen = Leerling.objects.bulk_create(
            [
                Leerling(
                    voornaam=rng.choice(["Anna", "Daan", "Sanne", "Milan", "Noa", "Levi"]),
                    achternaam=f"Bench{i:06d}",
                    geboortedatum=date(2000 + i % 8, 1 + i % 12, 1),
                    adres="Dorpsstraat 1",
                    postcode="3841 AB",
                    woonplaats="Harderwijk",
                )
                for i in range(aantal)
            ],
            batch_size=B,
        )
        school_van: dict[int, Organisatie] = {}
        inschrijvingen = []
        for i, leerling in enumerate(leerlingen):
            school = scholen[i % len(scholen)]
            school_van[leerling.pk] = school
            groep = 1 + i % 8 if school.schoolsoort in ("bao", "sbao") else None
            inschrijvingen.append(
                Inschrijving(
                    leerling=leerling,
                    school=school,
                    van=date(2011, 8, 22),
                    groep=groep,
                    leerjaar=None if groep else 1 + i % 4,
                )
            )
        Inschrijving.objects.bulk_create(inschrijvingen, batch_size=B)

        # LGF: een op de tien leerlingen heeft een indicatie, een melding en een RAB
        lgf = leerlingen[::10]
        soort_per_cluster = {"2": ["sh", "doof"], "3": ["zml", "lg", "lz"], "4": ["cl4"]}
        indicaties, aanvragen, meldingen, begeleidingen = [], [], [], []
        for n, leerling in enumerate(lgf):
            cluster, rec, cvi, ab = recs[n % len(recs)]
            soort = soort_per_cluster[cluster][n % len(soort_per_cluster[cluster])]
            indicaties.append(
                Indicatie(
                    leerling=leerling,
                    cvi=cvi,
                    cvi_nummer=f"B{n:07d}",
                    indicatiedatum=date(2011, 6, 1),
                    onderwijssoort=soort,
                    einddatum=date(2015, 5, 31),
                    herindicatie_op=date(2015, 1, 31),
                )
            )
        Indicatie.objects.bulk_create(indicaties, batch_size=B)
        for n, (leerling, ind) in enumerate(zip(lgf, indicaties, strict=True)):
            cluster, rec, cvi, ab = recs[n % len(recs)]
            school = school_van[leerling.pk]
            aanvragen.append(
                Indicatieaanvraag(
                    leerling=leerling,
                    cvi=cvi,
                    aanvrager_soort="ouders",
                    aanvrager=gewoon,
                    status="positief",
                    ingediend_op=date(2011, 3, 1),
                    volledig_op=date(2011, 4, 4),
                    uiterste_beslisdatum=date(2011, 5, 30),
                    besloten_op=date(2011, 6, 1),
                    indicatie=ind,
                )
            )
            groep = 1 + (n * 10) % 8 if school.schoolsoort in ("bao", "sbao") else None
            meldingen.append(
                Melding(
                    leerling=leerling,
                    school=school,
                    indicatie=ind,
                    status="geaccepteerd",
                    meldingsdatum=date(2011, 9, 1),
                    inschrijvingsdatum=date(2011, 8, 22),
                    schoolsoort=school.schoolsoort,
                    groep=groep,
                    leerjaar=None if groep else 1,
                    vo_variant="overig" if school.schoolsoort == "vo" else "",
                    mbo_niveau="basis" if school.schoolsoort == "mbo" else "",
                    leerweg="bol_voltijd" if school.schoolsoort == "mbo" else "",
                    cvi_nummer=ind.cvi_nummer,
                    indicatiedatum=ind.indicatiedatum,
                    onderwijssoort=ind.onderwijssoort,
                    ab_verzorger=ab,
                    ingediend_door=gewoon,
                    ingediend_op=nu,
                )
            )
            begeleidingen.append(
                Begeleiding(
                    soort="rab",
                    leerling=leerling,
                    ab_dienst=ab,
                    school=school,
                    status="lopend",
                    aangevraagd_op=date(2011, 8, 1),
                    aangevraagd_door=gewoon,
                    van=date(2011, 8, 22),
                    tot=date(2015, 5, 31),
                    indicatie=ind,
                )
            )
        # open aanvragen: volledigheid en beslissingen die eraan komen
        for n, leerling in enumerate(leerlingen[5::50]):
            cluster, rec, cvi, ab = recs[n % len(recs)]
            volledig = n % 3 != 0
            aanvragen.append(
                Indicatieaanvraag(
                    leerling=leerling,
                    cvi=cvi,
                    aanvrager_soort="ouders",
                    aanvrager=gewoon,
                    status="dossier_volledig" if volledig else "ingediend",
                    ingediend_op=date(2012, 1, 9),
                    volledig_op=date(2012, 1, 23) + timedelta(days=n % 40) if volledig else None,
                    uiterste_beslisdatum=date(2012, 3, 19) + timedelta(days=n % 40)
                    if volledig
                    else None,
                )
            )
        Indicatieaanvraag.objects.bulk_create(aanvragen, batch_size=B)
        Melding.objects.bulk_create(meldingen, batch_size=B)
        Begeleiding.objects.bulk_create(begeleidingen, batch_size=B)

        # toelatingszaken in elke fase, handelingsplannen met evaluaties
        fasen = [
            "1",
            "2",
            "3",
            "4",
            "5",
            "6",
            "7",
            "8",
            "9a",
            "9b",
            "10a",
            "10b",
            "11a",
            "11b",
            "12a",
            "12b",
            "13",
            "14",
            "toegelaten",
            "afgewezen",
        ]
        zaken = []
        for n, (leerling, ind) in enumerate(zip(lgf[::3], indicaties[::3], strict=True)):
            t = fasen[n % len(fasen)]
            a = t in ("9a", "10a", "11a", "12a", "13", "14", "toegelaten")
            zaken.append(
                Toelatingszaak(
                    school=school_van[leerling.pk],
                    leerling=leerling,
                    indicatie=ind,
                    toestand=t,
                    verzoek_op=date(2012, 1, 2),
                    aangemaakt_door=gewoon,
                    aanmelding_schriftelijk_op=date(2012, 1, 16) if t != "1" else None,
                    besluit="toelaten" if a else ("afwijzen" if t.endswith("b") else ""),
                    besluit_op=date(2012, 2, 20) if a else None,
                    plaatsingsdatum=date(2012, 3, 1) if a else None,
                )
            )
        Toelatingszaak.objects.bulk_create(zaken, batch_size=B)
        plannen = Handelingsplan.objects.bulk_create(
            [
                Handelingsplan(
                    zaak=z,
                    toestand="vastgesteld",
                    periode_van=date(2012, 3, 1),
                    periode_tot=date(2012, 7, 31),
                    beginsituatie="b",
                    doelstelling="d",
                    voorzieningen_en_maatregelen="v",
                    inzet_lgf="i",
                    monitoring="m",
                    ambulant_begeleider_naam="A. Begeleider",
                    voorgelegd_op=date(2012, 3, 5),
                    vastgesteld_op=date(2012, 3, 8),
                    aangemaakt_door=gewoon,
                )
                for z in zaken
                if z.toestand in ("13", "14", "toegelaten")
            ],
            batch_size=B,
        )
        Evaluatie.objects.bulk_create(
            [
                Evaluatie(
                    handelingsplan=p,
                    schooljaar=2011,
                    regel="termijn.evaluatie",
                    omschrijving=f"Evaluatie {naam} 2012",
                    uiterlijk=dag,
                )
                for p in plannen
                for naam, dag in (("mei", date(2012, 5, 31)), ("eind", date(2012, 7, 31)))
            ],
            batch_size=B,
        )

        # het grootboek: augustus 2011 t/m maart 2012, vier delen per leerling
        run = Betaalrun.objects.create(
            maand=date(2012, 3, 1),
            organisatie=cfi,
            uitgevoerd_door=gewoon,
            aangevraagd_op=nu,
            begonnen_op=nu,
            uitgevoerd_op=nu,
            status="klaar",
            peildatum=PEILDATUM,
            leerlingen=len(lgf),
            regels=0,
            totaal_centen=0,
            leemtes=0,
        )
        maanden = [date(2011, m, 1) for m in (8, 9, 10, 11, 12)] + [
            date(2012, m, 1) for m in (1, 2, 3)
        ]
        delen = (
            ("lgf_personeel", 29643, "school"),
            ("lgf_materieel", 4487, "school"),
            ("ab_personeel", 20839, "ab"),
            ("ab_materieel", 1463, "ab"),
        )
        regels = []
        for m in meldingen:
            for maand in maanden:
                for deel, centen, wie in delen:
                    regels.append(
                        Grootboekregel(
                            maand=maand,
                            ontvanger=m.school if wie == "school" else m.ab_verzorger,
                            leerling=m.leerling,
                            cvi_nummer=m.cvi_nummer,
                            deel=deel,
                            bedrag_centen=centen,
                            run=run,
                            soort="betaling",
                            aangemaakt_op=nu,
                        )
                    )
            if len(regels) >= 50_000:
                Grootboekregel.objects.bulk_create(regels, batch_size=B)
                regels = []
        Grootboekregel.objects.bulk_create(regels, batch_size=B)

        # de gemeten gebruikers
        school = scholen[0]
        cluster, rec, cvi, ab = recs[1]
        namen = {}
        for r, org in (
            ("directie", school),
            ("intern_begeleider", school),
            ("teamlid", school),
            ("bestuurder", school.bestuur),
            ("cvi_secretaris", cvi),
            ("cvi_lid", cvi),
            ("ab_coordinator", ab),
            ("ambulant_begeleider", ab),
            ("bekostigingsmedewerker", cfi),
            ("ouder", None),
        ):
            g = gebruiker(f"{r}.bench")
            rol(g, r, org)
            namen[r] = g.username
        begeleider = Gebruiker.objects.get(username=namen["ambulant_begeleider"])
        Begeleiding.objects.filter(
            pk__in=list(Begeleiding.objects.filter(ab_dienst=ab).values_list("pk", flat=True)[:40])
        ).update(toegewezen=begeleider)
        kind = next(l for l in lgf if school_van[l.pk] == school)  # noqa: E741
        OuderRelatie.objects.create(
            ouder=Gebruiker.objects.get(username=namen["ouder"]), leerling=kind
        )
    from django.db import connection

    with connection.cursor() as c:
        c.execute("ANALYZE")
    return namen


# --- meten ------------------------------------------------------------------------------------


def meet(namen: dict[str, str], herhalingen: int) -> list[tuple[str, str, float, float, int, int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from rugzak.organisaties.models import Gebruiker

    uit = []
    for rol, naam in namen.items():
        client = Client()
        client.force_login(
            Gebruiker.objects.get(username=naam),
            backend="django.contrib.auth.backends.ModelBackend",
        )
        for _ in range(2):  # opwarmen (sjablonen, regelkern, caches van PostgreSQL)
            antwoord = client.get("/start/")
            assert antwoord.status_code == 200, (rol, antwoord.status_code)
        tijden = []
        for _ in range(herhalingen):
            begin = time.perf_counter()
            antwoord = client.get("/start/")
            tijden.append((time.perf_counter() - begin) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            antwoord = client.get("/start/")
        uit.append(
            (
                rol,
                naam,
                statistics.median(tijden),
                sorted(tijden)[int(len(tijden) * 0.9) - 1],
                len(ctx.captured_queries),
                len(antwoord.content),
            )
        )
    return uit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leerlingen", type=int, default=100_000)
    parser.add_argument("--herhalingen", type=int, default=15)
    parser.add_argument("--database", default="rugzak_paginas")
    parser.add_argument("--opnieuw", action="store_true", help="de database opnieuw opbouwen")
    args = parser.parse_args(argv)

    url = _database_url(args.database)
    nieuw = _maak_database(url, opnieuw=args.opnieuw)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "rugzak.site.settings"
    os.environ["RUGZAK_VANDAAG"] = PEILDATUM.isoformat()
    os.environ.setdefault("RUGZAK_SECRET_KEY", "benchmark-" + "x" * 50)
    os.environ["RUGZAK_DEBUG"] = "0"
    os.environ["RUGZAK_HTTPS"] = "0"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", interactive=False, verbosity=0)

    from rugzak.leerlingen.models import Leerling
    from rugzak.organisaties.models import Gebruiker

    if nieuw or not Leerling.objects.exists():
        begin = time.perf_counter()
        namen = bouw_land(args.leerlingen)
        print(
            f"land opgebouwd: {args.leerlingen} leerlingen in {time.perf_counter() - begin:.0f} s"
        )
    else:
        namen = {
            g.username.removesuffix(".bench"): g.username
            for g in Gebruiker.objects.filter(username__endswith=".bench").order_by("username")
        }
    print(
        f"database {args.database}: {Leerling.objects.count()} leerlingen; "
        f"{args.herhalingen} metingen per startpagina"
    )
    rijen = meet(namen, args.herhalingen)
    print(f"\n{'rol':24} {'mediaan':>9} {'p90':>9} {'queries':>8} {'bytes':>8}")
    te_traag = []
    for rol, _naam, mediaan, p90, queries, grootte in rijen:
        teken = "" if mediaan < DOEL_MS else "  > 300 ms"
        print(f"{rol:24} {mediaan:7.0f}ms {p90:7.0f}ms {queries:8d} {grootte:8d}{teken}")
        if mediaan >= DOEL_MS:
            te_traag.append(rol)
    print(
        "\nalle startpagina's onder 300 ms (mediaan)"
        if not te_traag
        else f"\nboven 300 ms: {', '.join(te_traag)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
