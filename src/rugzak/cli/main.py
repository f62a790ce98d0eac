"""De opdrachtregel ``rugzak``.

Elke subopdracht staat in een eigen module in dit pakket met een functie
``registreer(subparsers)``; die module roept de regelkern aan en rekent zelf niets uit.
Menselijke uitvoer is standaard, ``--json`` geeft machine-uitvoer. Fouten gaan naar
stderr met een exitcode ongelijk aan nul en zeggen wat er te verbeteren is.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from rugzak.cli.gemeenschappelijk import CliFout, Parser, Uitvoer

#: Modules met subopdrachten, in de volgorde van de hulptekst.
SUBOPDRACHTEN: tuple[str, ...] = (
    "rugzak.cli.budget",
    "rugzak.cli.indicatie",
    "rugzak.cli.betaalschema",
    "rugzak.cli.termijnen",
    "rugzak.cli.rec",
    "rugzak.cli.regeling",
    "rugzak.cli.scenario",
    "rugzak.cli.betaalrun",
    "rugzak.cli.demo",
)


def maak_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="rugzak",
        description="De leerlinggebonden financiering (LGF, 'het rugzakje') als uitvoerbare "
        "regeling.",
    )
    sub = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT", required=True)
    for naam in SUBOPDRACHTEN:
        importlib.import_module(naam).registreer(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argumenten = list(sys.argv[1:] if argv is None else argv)
    parser = maak_parser()
    # Vóór het ontleden: ook een fout in de argumenten zelf komt met --json als JSON.
    uitvoer = Uitvoer(json="--json" in argumenten, kort="--kort" in argumenten)
    try:
        args = parser.parse_args(argumenten)
        uitvoer = Uitvoer(json=getattr(args, "json", False), kort=getattr(args, "kort", False))
        return int(args.uitvoeren(args, uitvoer) or 0)
    except CliFout as e:
        uitvoer.fout(e)
        return e.code
    except BrokenPipeError:
        # uitvoer naar bv. `head` die eerder stopt: geen fout, geen stacktrace
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
