"""Gedeelde hulp voor de subopdrachten: invoer lezen, uitvoer schrijven, fouten."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from rugzak.regeling.fouten import RegelingFout
from rugzak.regeling.laden import OngeldigeRegeling, laad_regeling, standaard_regeling
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.tijd import Schooljaar


class CliFout(Exception):
    """Een fout voor de gebruiker: de tekst zegt wat er mis is en wat wel kan."""

    def __init__(self, bericht: str, code: int = 2) -> None:
        super().__init__(bericht)
        self.code = code


def _json_default(obj: object) -> object:
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, date):
        return obj.isoformat()
    if hasattr(obj, "als_dict"):
        return obj.als_dict()
    raise TypeError(f"niet als JSON te schrijven: {type(obj).__name__}")


class Uitvoer:
    """Schrijft mens- of machine-uitvoer naar stdout."""

    def __init__(self, *, json: bool) -> None:
        self.json = json

    def schrijf(self, data: Any, tekst: Callable[[], str]) -> None:
        if self.json:
            print(json.dumps(data, default=_json_default, ensure_ascii=False, indent=2))
        else:
            print(tekst())


def voeg_algemene_opties_toe(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.add_argument(
        "--regeling",
        metavar="BESTAND",
        action="append",
        type=Path,
        default=[],
        help="extra regelingsbestand (TOML) naast de meegeleverde, bv. een nieuw schooljaar",
    )


def regeling_uit(args: argparse.Namespace) -> Regeling:
    extra: list[Path] = list(getattr(args, "regeling", []) or [])
    if not extra:
        return standaard_regeling()
    for pad in extra:
        if not pad.is_file():
            raise CliFout(f"--regeling: bestand {pad} bestaat niet")
    try:
        return laad_regeling(extra)
    except OngeldigeRegeling as e:
        raise CliFout(str(e)) from e


def datum(tekst: str) -> date:
    """argparse-type voor een datum JJJJ-MM-DD."""
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{tekst!r} is geen datum; schrijf JJJJ-MM-DD, bv. 2011-09-01"
        ) from None


def schooljaar_type(tekst: str) -> Schooljaar:
    """argparse-type voor een schooljaar, bv. 2011-2012."""
    try:
        return Schooljaar.van_tekst(tekst)
    except RegelingFout as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def vang_regelingsfouten(
    functie: Callable[[argparse.Namespace, Uitvoer], int],
) -> Callable[[argparse.Namespace, Uitvoer], int]:
    """Zet fouten uit de regelkern om in een nette foutmelding met exitcode 2."""

    def omhulsel(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
        try:
            return functie(args, uitvoer)
        except RegelingFout as e:
            raise CliFout(str(e)) from e

    return omhulsel


def schrijf_fout(bericht: str) -> None:
    print(f"rugzak: fout: {bericht}", file=sys.stderr)
