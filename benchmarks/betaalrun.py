"""Benchmark van de betaalrun op de bulkweg, op PostgreSQL met een heel land.

    uv run python benchmarks/betaalrun.py                  # 100.000 leerlingen, daarna weg
    uv run python benchmarks/betaalrun.py --behoud         # database rugzak_betaalrun laten staan
    uv run python benchmarks/betaalrun.py --hergebruik     # opnieuw meten vanaf de bewaarde basis
    uv run python benchmarks/betaalrun.py --leerlingen 5000 --scholen 100   # snelle ronde

Wat het doet:

1. bouwt de database op met de bouwer van ``benchmarks/api.py`` (``vul``: scholen, REC's,
   100.000 leerlingen met indicatie en een geaccepteerde melding in augustus 2011) en
   geeft de leerlingen vanaf groep 3 / leerjaar 3 een geschiedenis van drie schooljaren:
   een eerdere melding van dezelfde school in 2009 (met een eerdere indicatie), zodat de
   melding van 2011 een opvolgende melding na herindicatie is; 2% verhuist in 2010 naar
   een andere basisschool; zml-leerlingen in het basisonderwijs krijgen een toegekende
   zml-aanvraag (een op de tien daarvan later een terugplaatsing naar groep 2). 2009-2010
   is alleen voor cluster 3 in het primair onderwijs geprijsd, 2010-2011 helemaal niet:
   daar ontstaan leemtes, geen nullen;
2. draait de betaalrun voor maart 2012 (de volledige eerste run), meteen nog eens (niets
   te boeken), en na late uitschrijvingen van 5% van de leerlingen (verwerkte
   terugmeldingen per 1 november 2011) een correctierun. Per run: wandkloktijd, gesplitst
   in lezen, rekenen, grootboek (saldi en verschil) en boeken, en het aantal queries;
3. rekent een steekproef (standaard 2.000 leerlingen) over het oude pad (één
   ``betaalschema`` per leerling en schooljaar) en zet dat als verhouding naast de bulk;
   en controleert dat het grootboek na de correctierun voor elke leerling van de
   steekproef per ontvanger, deel en maand gelijk is aan dat oude pad, tot op de cent.

Met ``--behoud`` blijft na het opbouwen (vóór de eerste run) een kopie staan,
``rugzak_betaalrun_basis``; ``--hergebruik`` zet de database daaruit terug (``CREATE
DATABASE ... TEMPLATE``, seconden in plaats van minuten) en meet dus opnieuw een echte
eerste run, herhaling en correctierun op precies dezelfde gegevens: zo zijn metingen voor
en na een wijziging in één sessie te vergelijken.

Een benchmark, geen test: er wordt gemeten en afgedrukt (en de controle gemeld).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import api

DB = "rugzak_betaalrun"


def _basis(naam: str) -> str:
    return f"{naam}_basis"


def kopieer_database(van: str, naar: str) -> None:
    """``naar`` wordt een verse kopie van ``van`` (geen andere verbindingen met ``van``)."""
    import psycopg

    with psycopg.connect(f"postgresql://postgres@{api.HOST}:5432/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{naar}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{naar}" TEMPLATE "{van}"')


MAAND = "2012-03"


def geschiedenis(zaad: int = 2009) -> dict[str, int]:
    """Geef de leerlingen van ``vul`` een geschiedenis van drie schooljaren (in bulk)."""
    from django.utils import timezone

    from rugzak.indicaties.models import Indicatie
    from rugzak.meldingen.models import Melding, TerugplaatsingGroep2, ZmlAanvraag
    from rugzak.organisaties.models import Organisatie
    from rugzak.regeling.begrippen import Onderwijssoort
    from rugzak.regeling.laden import standaard_regeling
    from rugzak.regeling.regels.indicatie import indicatie_geldigheid

    rng = random.Random(zaad)
    regeling = standaard_regeling()
    nu = timezone.now()
    meldingen = list(Melding.objects.select_related("indicatie").order_by("id"))
    bao = [s for s in Organisatie.objects.filter(soort="school", schoolsoort="bao")]
    oude: list[tuple[Melding, Indicatie]] = []
    for m in meldingen:
        klas = m.groep if m.schoolsoort != "vo" else m.leerjaar
        if klas is None or klas < 3:
            continue
        dag = date(2009, 3, 1) + timedelta(days=rng.randrange(0, 150))
        g = indicatie_geldigheid(
            regeling, onderwijssoort=Onderwijssoort(m.onderwijssoort), indicatiedatum=dag
        )
        oude.append(
            (
                m,
                Indicatie(
                    leerling_id=m.leerling_id, cvi_id=m.indicatie.cvi_id,
                    cvi_nummer=f"O-{m.indicatie.cvi_nummer}", indicatiedatum=dag,
                    onderwijssoort=m.onderwijssoort, einddatum=g.einddatum,
                    herindicatie_op=g.herindicatie_op,
                ),
            )
        )  # fmt: skip
    indicaties = api._bulk(Indicatie, [i for _, i in oude])
    nieuw: list[Melding] = []
    verhuizingen: list[Melding] = []
    for (m, _), ind in zip(oude, indicaties, strict=True):
        ingeschreven = date(2009, 8, 24) if m.schoolsoort != "vo" else date(2009, 8, 31)
        velden = {
            f.attname: getattr(m, f.attname)
            for f in Melding._meta.concrete_fields
            if f.attname not in ("id", "publiek_id", "versie")
        }
        velden.update(
            indicatie_id=ind.pk, cvi_nummer=ind.cvi_nummer, indicatiedatum=ind.indicatiedatum,
            inschrijvingsdatum=ingeschreven,
            meldingsdatum=ingeschreven + timedelta(days=rng.randrange(3, 40)),
            groep=m.groep - 2 if m.groep else None,
            leerjaar=m.leerjaar - 2 if m.leerjaar else None,
        )  # fmt: skip
        nieuw.append(Melding(**velden))
        if m.schoolsoort == "bao" and rng.random() < 0.02:
            ander = rng.choice(bao)
            if ander.pk != m.school_id:
                d = date(2010, 1, 4) + timedelta(days=rng.randrange(0, 120))
                v = dict(velden)
                v.update(
                    school_id=ander.pk, inschrijvingsdatum=d,
                    meldingsdatum=d + timedelta(days=rng.randrange(1, 20)), schoolwisseling=True,
                    vorige_school_id=m.school_id, groep=m.groep - 1,
                )  # fmt: skip
                verhuizingen.append(Melding(**v))
    api._bulk(Melding, nieuw)
    api._bulk(Melding, verhuizingen)
    # de melding van 2011 is nu een opvolgende melding na herindicatie; na een verhuizing
    # komt ze van de nieuwe school
    from django.db.models import F, Value
    from django.db.models.functions import Concat

    Melding.objects.filter(pk__in=[m.pk for m, _ in oude]).update(
        herindicatie=True, vorig_cvi_nummer=Concat(Value("O-"), F("cvi_nummer"))
    )
    for v in verhuizingen:
        Melding.objects.filter(
            leerling_id=v.leerling_id, meldingsdatum__gte=date(2011, 8, 1)
        ).update(school_id=v.school_id, schoolwisseling=True, vorige_school_id=v.vorige_school_id)
    zml = [
        m for m in nieuw if m.onderwijssoort == "zml" and m.schoolsoort == "bao" and m.groep >= 3
    ]
    aanvragen = api._bulk(
        ZmlAanvraag,
        [
            ZmlAanvraag(
                melding=m, groep_3_per=m.inschrijvingsdatum, aanvraagdatum=m.meldingsdatum,
                status="toegekend", ingediend_door_id=m.ingediend_door_id, ingediend_op=nu,
            )
            for m in zml
        ],
    )  # fmt: skip
    terug = [a for a in aanvragen if rng.random() < 0.1]
    api._bulk(
        TerugplaatsingGroep2,
        [
            TerugplaatsingGroep2(
                melding_id=a.melding_id, datum=date(2011, 1, 10), gemeld_op_datum=date(2011, 1, 12),
                gemeld_door_id=a.ingediend_door_id, gemeld_op=nu,
            )
            for a in terug
        ],
    )  # fmt: skip
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return {
        "eerdere_meldingen": len(nieuw),
        "verhuizingen": len(verhuizingen),
        "zml_aanvragen": len(aanvragen),
        "terugplaatsingen": len(terug),
    }


def late_uitschrijvingen(fractie: float, zaad: int = 11) -> int:
    from django.utils import timezone

    from rugzak.meldingen.models import Melding, Terugmelding

    rng = random.Random(zaad)
    nu = timezone.now()
    kandidaten = list(
        Melding.objects.filter(status="geaccepteerd", meldingsdatum__gte=date(2011, 8, 1))
        .order_by("id")
        .values_list("id", "ingediend_door_id")
    )
    gekozen = rng.sample(kandidaten, k=int(len(kandidaten) * fractie))
    api._bulk(
        Terugmelding,
        [
            Terugmelding(
                melding_id=mid, soort="uitschrijving_so", datum=date(2011, 11, 1),
                ingediend_op_datum=date(2012, 3, 1), status="verwerkt", ingediend_door_id=door,
                ingediend_op=nu,
            )
            for mid, door in gekozen
        ],
    )  # fmt: skip
    return len(gekozen)


#: ``--profiel MAP``: per run een cProfile-bestand in deze map (``python -m pstats``)
PROFIEL: Path | None = None
#: ``--volledig``: elke run rekent iedereen opnieuw (zoals voor de incrementele run, I-190)
VOLLEDIG = False


def run(naam: str) -> dict[str, Any]:
    """Eén betaalrun zoals de service haar draait, met de tijden per fase en de queries."""
    if PROFIEL is None:
        return _run(naam)
    import cProfile

    PROFIEL.mkdir(parents=True, exist_ok=True)
    profiel = cProfile.Profile()
    profiel.enable()
    try:
        return _run(naam)
    finally:
        profiel.disable()
        bestand = PROFIEL / f"{len(list(PROFIEL.glob('*.prof'))):02d}-{naam.replace(' ', '_')}.prof"
        profiel.dump_stats(bestand)


def _run(naam: str) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from rugzak.betalingen import rechten
    from rugzak.betalingen.berekening import bereken_run
    from rugzak.betalingen.services import betaalrun_boeken
    from rugzak.gedeeld.bulk import zonder_gc
    from rugzak.organisaties.models import Gebruiker, Organisatie
    from rugzak.regeling.tijd import Maand

    door = Gebruiker.objects.get(username="bekostiging")
    belasting = os.getloadavg()
    begin = time.perf_counter()
    # zoals de service (_reken_en_boek): rekenen en boeken zonder de cyclische GC
    with CaptureQueriesContext(connection) as q, zonder_gc(), transaction.atomic():
        grond = rechten.vereis_bekostiging(door, wat="de betaalrun")
        instantie = Organisatie.objects.select_for_update().get(pk=grond.organisatie_id)
        # zoals de service: vingerafdrukken vastleggen en alleen gewijzigde leerlingen
        # opnieuw rekenen (I-190); met --volledig elke keer iedereen
        berekening = bereken_run(Maand.van_tekst(MAAND), afdrukken=True, incrementeel=not VOLLEDIG)
        t = time.perf_counter()
        r = betaalrun_boeken(door=door, grond=grond, instantie=instantie, berekening=berekening)
        boeken = time.perf_counter() - t
    wand = time.perf_counter() - begin
    uit = {
        "run": naam,
        "wand_s": round(wand, 2),
        "lezen_s": round(berekening.tijden["lezen"], 2),
        "rekenen_s": round(berekening.tijden["rekenen"], 2),
        "grootboek_s": round(berekening.tijden["grootboek"], 2),
        "boeken_s": round(boeken, 2),
        # de rest: de transactie afsluiten (PostgreSQL controleert dan de uitgestelde
        # verwijzingen van elke nieuwe regel naar leerling, ontvanger en run)
        "commit_s": round(wand - boeken - sum(berekening.tijden.values()), 2),
        "queries": len(q.captured_queries),
        "leerlingen": r.leerlingen,
        "regels": r.regels,
        "totaal_eur": str(r.totaal),
        "leemtes": r.leemtes,
        "terugval": r.terugval,
        "herberekend": r.leerlingen - berekening.ongewijzigd,
        "belasting_1min": round(belasting[0], 2),
    }
    print(
        f"{naam:16} {uit['wand_s']:7.2f} s  (lezen {uit['lezen_s']:.2f}, rekenen "
        f"{uit['rekenen_s']:.2f}, grootboek {uit['grootboek_s']:.2f}, boeken "
        f"{uit['boeken_s']:.2f}, commit {uit['commit_s']:.2f})  {uit['queries']:3} queries  {r.regels:>9} regels  "
        f"EUR {r.totaal:>16}  {r.leemtes:>7} leemtes  terugval {r.terugval}  "
        f"herberekend {uit['herberekend']}  "
        f"belasting {uit['belasting_1min']}",
        flush=True,
    )
    return uit


def oud_pad(steekproef: int, bulk_rekenen_s: float, leerlingen: int) -> dict[str, Any]:
    """Het oude pad op een steekproef, als verhouding; en de controle tegen het grootboek."""
    from collections import defaultdict

    from django.db.models import Sum

    from rugzak.betalingen.berekening import verschuldigd_per_leerling
    from rugzak.betalingen.models import Grootboekregel
    from rugzak.meldingen.models import Melding
    from rugzak.regeling.tijd import Maand, Schooljaar

    ids = sorted(
        set(Melding.objects.filter(status="geaccepteerd").values_list("leerling_id", flat=True))
    )
    gekozen = sorted(random.Random(5).sample(ids, k=min(steekproef, len(ids))))
    begin = time.perf_counter()
    moet, _, berekend, _ = verschuldigd_per_leerling(
        leerling_ids=gekozen, tot_en_met=Maand.van_tekst(MAAND)
    )
    duur = time.perf_counter() - begin
    per_leerling = duur / len(gekozen)
    geschat = per_leerling * leerlingen
    # controle: het grootboek na de runs is per sleutel gelijk aan het oude pad
    geboekt: dict[tuple[int, int, str, date], int] = defaultdict(int)
    for lid, org, deel, maand, som in (
        Grootboekregel.objects.filter(leerling_id__in=gekozen)
        .values("leerling_id", "ontvanger_id", "deel", "maand")
        .annotate(som=Sum("bedrag_centen"))
        .values_list("leerling_id", "ontvanger_id", "deel", "maand", "som")
    ):
        if (lid, Schooljaar.van_datum(maand).beginjaar) in berekend:
            geboekt[(lid, org, deel, maand)] += som
    verschil = {k for k in set(moet) | set(geboekt) if moet.get(k, 0) != geboekt.get(k, 0)}
    uit = {
        "steekproef": len(gekozen),
        "oud_s": round(duur, 2),
        "oud_ms_per_leerling": round(per_leerling * 1000, 2),
        "oud_geschat_land_s": round(geschat, 1),
        "verhouding_oud_bulk_rekenen": round(geschat / bulk_rekenen_s, 1)
        if bulk_rekenen_s
        else None,
        "grootboek_gelijk_aan_oud_pad": not verschil,
        "sleutels_vergeleken": len(set(moet) | set(geboekt)),
    }
    print(
        f"oude pad: {len(gekozen)} leerlingen in {duur:.2f} s ({per_leerling * 1000:.2f} ms per "
        f"leerling; voor {leerlingen} leerlingen geschat {geschat:.0f} s, {uit['verhouding_oud_bulk_rekenen']}x "
        f"de rekentijd van de bulk); grootboek gelijk aan het oude pad op "
        f"{uit['sleutels_vergeleken']} sleutels: {'ja' if not verschil else f'NEE ({len(verschil)})'}",
        flush=True,
    )
    return uit


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--leerlingen", type=int, default=100_000)
    p.add_argument("--scholen", type=int, default=2_000)
    p.add_argument("--steekproef", type=int, default=2_000)
    p.add_argument("--database", default=DB)
    p.add_argument("--behoud", action="store_true")
    p.add_argument(
        "--hergebruik", action="store_true", help="bewaarde database (zonder runs) opnieuw meten"
    )
    p.add_argument("--json", type=Path)
    p.add_argument("--profiel", type=Path, help="map voor een cProfile-bestand per run")
    p.add_argument(
        "--volledig", action="store_true", help="elke run iedereen opnieuw rekenen (geen I-190)"
    )
    args = p.parse_args(argv)
    global PROFIEL, VOLLEDIG
    PROFIEL = args.profiel
    VOLLEDIG = args.volledig
    env = api.omgeving(args.database)
    os.environ.update(env)
    print(f"rugzak betaalrun-benchmark: {args.leerlingen} leerlingen, PostgreSQL {args.database}; "
          f"{os.cpu_count()} kernen, belasting {os.getloadavg()}", flush=True)  # fmt: skip
    bestaand = args.hergebruik and api.database_bestaat(args.database)
    basis = bestaand and api.database_bestaat(_basis(args.database))
    if basis:
        kopieer_database(_basis(args.database), args.database)
        print(f"  teruggezet uit {_basis(args.database)} (nog geen runs)", flush=True)
    elif not bestaand:
        api.maak_database(args.database)
    uitslag: dict[str, Any] = {"leerlingen": args.leerlingen}
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        if not bestaand:
            api.vul(args.leerlingen, args.scholen)
            klaar = api._stap("geschiedenis van drie schooljaren")
            uitslag["geschiedenis"] = geschiedenis()
            klaar()
            print(f"  {uitslag['geschiedenis']}")
            if args.behoud:
                from django.db import connections

                connections.close_all()
                kopieer_database(args.database, _basis(args.database))
                print(f"  basis bewaard als {_basis(args.database)}", flush=True)
        elif not basis:
            # een bewaarde database: de runs en hun uitschrijvingen van de vorige keer gelden;
            # meet dan een herhaalde run en een correctierun
            print("  (hergebruikt: de vorige runs staan in het grootboek)")
        print(flush=True)
        runs = [run("eerste run")]
        runs.append(run("herhaling"))
        n = late_uitschrijvingen(0.05)
        print(f"  {n} late uitschrijvingen (per 2011-11-01) verwerkt", flush=True)
        runs.append(run("correctierun"))
        runs.append(run("herhaling"))
        uitslag["runs"] = runs
        uitslag["oud_pad"] = oud_pad(args.steekproef, runs[0]["rekenen_s"], runs[0]["leerlingen"])
        uitslag["belasting_na"] = os.getloadavg()
        if args.json:
            args.json.write_text(json.dumps(uitslag, indent=2, default=str), encoding="utf-8")
    finally:
        from django.db import connections

        connections.close_all()
        if not (args.behoud or args.hergebruik):
            api.verwijder_database(args.database)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
