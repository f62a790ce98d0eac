"""Profiel van één verzoek: waar de tijd heen gaat (pyinstrument) en welke queries het doet.

Werkt op de database van ``benchmarks/api.py --behoud`` (standaard ``rugzak_bench``) of van
``benchmarks/paginas.py`` (``--database rugzak_paginas``), door de echte views met de
Django-testclient, met middleware, toegang en auditlog::

    uv run python benchmarks/profiel.py termijnen-school        # grootste school
    uv run python benchmarks/profiel.py termijnen-cvi
    uv run python benchmarks/profiel.py dossier
    uv run python benchmarks/profiel.py start --database rugzak_paginas --rol cvi_secretaris
    uv run python benchmarks/profiel.py pad /api/v1/leerlingen/ --gebruiker directie123
    uv run python benchmarks/profiel.py dossier --kaal --herhalingen 50   # alleen de tijden

Drukt de queries af (gegroepeerd, met hoe vaak elk voorkomt) en daarna het profiel van
``--herhalingen`` verzoeken samen. Een meetinstrument, geen test.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import api  # benchmarks/api.py: dezelfde omgeving


def _kies(doel: str, args: argparse.Namespace) -> tuple[str, Any]:
    from django.db.models import Count

    from rugzak.indicaties.models import Indicatieaanvraag
    from rugzak.leerlingen.models import Inschrijving
    from rugzak.organisaties.models import Gebruiker

    if args.gebruiker:
        gebruiker = Gebruiker.objects.get(username=args.gebruiker)
    if doel == "pad":
        return args.pad, gebruiker
    if doel == "start":
        if not args.gebruiker:
            gebruiker = Gebruiker.objects.get(username=f"{args.rol}.bench")
        return "/start/", gebruiker
    if doel == "termijnen-school":
        if not args.gebruiker:
            school = (
                Inschrijving.objects.values("school_id")
                .annotate(n=Count("id"))
                .order_by("-n")
                .values_list("school_id", flat=True)
                .first()
            )
            gebruiker = Gebruiker.objects.get(username=f"directie{school}")
        return "/api/v1/termijnen/", gebruiker
    if doel == "termijnen-cvi":
        if not args.gebruiker:
            cvi = (
                Indicatieaanvraag.objects.values("cvi_id")
                .annotate(n=Count("id"))
                .order_by("-n")
                .values_list("cvi_id", flat=True)
                .first()
            )
            gebruiker = Gebruiker.objects.get(username=f"secretaris{cvi}")
        return "/api/v1/termijnen/", gebruiker
    if doel == "dossier":
        ins = Inschrijving.objects.select_related("leerling").order_by("leerling_id")[args.leerling]
        gebruiker = Gebruiker.objects.get(username=f"directie{ins.school_id}")
        return f"/api/v1/leerlingen/{ins.leerling.publiek_id}/dossier/", gebruiker
    raise SystemExit(f"onbekend doel {doel!r}")


def _vorm(sql: str) -> str:
    """De query zonder waarden, om gelijke queries te tellen."""
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return re.sub(r"\(\?(, \?)*\)", "(...)", sql)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("doel", choices=["termijnen-school", "termijnen-cvi", "dossier", "start", "pad"])
    p.add_argument("pad", nargs="?", default="")
    p.add_argument("--database", default=api.DB)
    p.add_argument("--gebruiker", default="")
    p.add_argument("--rol", default="directie", help="bij 'start' op rugzak_paginas")
    p.add_argument("--leerling", type=int, default=4321, help="bij 'dossier': de n-de leerling")
    p.add_argument("--herhalingen", type=int, default=20)
    p.add_argument("--sql", action="store_true", help="de volledige SQL van elke query")
    p.add_argument(
        "--kaal",
        action="store_true",
        help="zonder profiler: mediaan (wandklok) en gemiddelde CPU-tijd van dit proces per "
        "verzoek; de CPU-tijd hangt weinig af van andere belasting van de machine (de tijd in "
        "PostgreSQL telt niet mee), dus geschikt om twee commits te vergelijken",
    )
    args = p.parse_args(argv)

    env = api.omgeving(args.database)
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from pyinstrument import Profiler

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    pad, gebruiker = _kies(args.doel, args)
    client = Client()
    client.force_login(gebruiker, backend="django.contrib.auth.backends.ModelBackend")
    for _ in range(2):
        r = client.get(pad)
        assert r.status_code == 200, (pad, r.status_code, r.content[:300])
    with CaptureQueriesContext(connection) as q:
        r = client.get(pad)
    print(f"{pad} als {gebruiker.username}: {len(q.captured_queries)} queries, "
          f"{len(r.content)} bytes")  # fmt: skip
    vormen = Counter(_vorm(x["sql"]) for x in q.captured_queries)
    for x in q.captured_queries:
        vorm = _vorm(x["sql"])
        if vorm in vormen:
            n = vormen.pop(vorm)
            tekst = x["sql"] if args.sql else x["sql"][:230]
            print(f"  {n:3d}x {x['time']:>6}s  {tekst}")
    if args.kaal:
        tijden, cpu = [], []
        for _ in range(args.herhalingen):
            begin, begin_cpu = time.perf_counter(), time.process_time()
            client.get(pad)
            tijden.append((time.perf_counter() - begin) * 1000)
            cpu.append((time.process_time() - begin_cpu) * 1000)
        print(f"{args.herhalingen} verzoeken: mediaan {statistics.median(tijden):.1f} ms, "
              f"CPU {statistics.mean(cpu):.1f} ms per verzoek; belasting "
              f"{os.getloadavg()[0]:.1f}")  # fmt: skip
        return 0
    profiler = Profiler(interval=0.0005)
    begin = time.perf_counter()
    with profiler:
        for _ in range(args.herhalingen):
            client.get(pad)
    duur = (time.perf_counter() - begin) / args.herhalingen * 1000
    print(f"\n{args.herhalingen} verzoeken, gemiddeld {duur:.1f} ms (met profiler)\n")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    raise SystemExit(main())
