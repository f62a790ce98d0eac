"""Gedeelde hulp voor de subopdrachten: invoer lezen, uitvoer schrijven, fouten."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from rugzak.regeling.fouten import OngeldigeInvoer, RegelingFout
from rugzak.regeling.laden import OngeldigeRegeling, laad_regeling, standaard_regeling
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.tijd import Schooljaar


class CliFout(Exception):
    """Een fout voor de gebruiker: de tekst zegt wat er mis is en wat wel kan.

    ``veld`` is de optie of het invoerveld dat fout is (zonder ``--``), ``toegestaan`` de
    waarden die wel kunnen; met ``--json`` komen ze als ``{"fout", "veld", "toegestaan"}``
    op stderr.
    """

    def __init__(
        self,
        bericht: str,
        code: int = 2,
        *,
        veld: str | None = None,
        toegestaan: Sequence[str] | None = None,
    ) -> None:
        super().__init__(bericht)
        self.code = code
        self.veld = veld
        self.toegestaan = tuple(toegestaan) if toegestaan is not None else None

    @classmethod
    def uit_regelingsfout(cls, fout: RegelingFout) -> CliFout:
        if isinstance(fout, OngeldigeInvoer):
            return cls(str(fout), veld=fout.veld, toegestaan=fout.toegestaan)
        return cls(str(fout))

    def als_dict(self) -> dict[str, object]:
        return {
            "fout": str(self),
            "veld": self.veld,
            "toegestaan": list(self.toegestaan) if self.toegestaan is not None else None,
        }


# argparse schrijft zijn fouten in het Engels; rugzak zegt ze in het Nederlands, met het veld.
_ARGPARSE_FOUTEN: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], CliFout]], ...] = (
    (
        re.compile(
            r"argument (?P<opt>[^:]+): invalid choice: '?(?P<w>.*?)'? "
            r"\(choose from (?P<k>.*)\)$"
        ),
        lambda m: CliFout(
            f"{_optie(m['opt'])}: {m['w']!r} is geen geldige keuze; toegestaan: "
            + ", ".join(_keuzes(m["k"])),
            veld=_veld(m["opt"]),
            toegestaan=_keuzes(m["k"]),
        ),
    ),
    (
        re.compile(r"argument (?P<opt>[^:]+): invalid (?P<t>int|float) value: '?(?P<w>.*?)'?$"),
        lambda m: CliFout(
            f"{_optie(m['opt'])}: {m['w']!r} is geen "
            + ("geheel getal" if m["t"] == "int" else "getal"),
            veld=_veld(m["opt"]),
        ),
    ),
    (
        re.compile(r"argument (?P<opt>[^:]+): expected one argument$"),
        lambda m: CliFout(f"{_optie(m['opt'])}: hier hoort een waarde bij", veld=_veld(m["opt"])),
    ),
    (
        re.compile(r"the following arguments are required: (?P<a>.*)$"),
        lambda m: CliFout(
            "verplicht maar niet opgegeven: " + m["a"],
            veld=_veld(m["a"].split(",")[0]),
        ),
    ),
    (
        re.compile(r"unrecognized arguments: (?P<a>.*)$"),
        lambda m: CliFout(
            "onbekende argumenten: " + m["a"] + " (zie --help)", veld=_veld(m["a"].split()[0])
        ),
    ),
    (
        re.compile(r"argument (?P<opt>[^:]+): (?P<rest>.*)$"),
        lambda m: CliFout(f"{_optie(m['opt'])}: {m['rest']}", veld=_veld(m["opt"])),
    ),
)


def _optie(tekst: str) -> str:
    return tekst.split("/")[-1].strip()


def _veld(tekst: str) -> str:
    return _optie(tekst).lstrip("-").replace("-", "_").lower()


def _keuzes(tekst: str) -> list[str]:
    return [k.strip().strip("'") for k in tekst.split(",") if k.strip()]


def argparse_fout(bericht: str) -> CliFout:
    """Een foutmelding van argparse als :class:`CliFout` in het Nederlands, met het veld."""
    for patroon, maak in _ARGPARSE_FOUTEN:
        m = patroon.match(bericht)
        if m:
            return maak(m)
    return CliFout(bericht)


class Parser(argparse.ArgumentParser):
    """argparse, maar een invoerfout wordt een :class:`CliFout` (Nederlands, met veld), zodat
    ``--json`` ook fouten als JSON geeft. Subparsers krijgen dezelfde klasse."""

    def error(self, message: str) -> NoReturn:
        raise argparse_fout(message)


def _json_default(obj: object) -> object:
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, date):
        return obj.isoformat()
    if hasattr(obj, "als_dict"):
        return obj.als_dict()
    raise TypeError(f"niet als JSON te schrijven: {type(obj).__name__}")


class Uitvoer:
    """Schrijft mens- of machine-uitvoer naar stdout.

    Met ``kort`` (de optie ``--kort``) valt de uitleg weg, ook uit de JSON: elke sleutel
    ``uitleg`` op het hoogste niveau of in een lijst van uitkomsten.
    """

    def __init__(self, *, json: bool, kort: bool = False) -> None:
        self.json = json
        self.kort = kort

    def schrijf(self, data: Any, tekst: Callable[[], str]) -> None:
        if self.json:
            if self.kort:
                data = _zonder_uitleg(json.loads(json.dumps(data, default=_json_default)))
            print(json.dumps(data, default=_json_default, ensure_ascii=False, indent=2))
        else:
            print(tekst())

    def fout(self, fout: CliFout) -> None:
        if self.json:
            print(json.dumps(fout.als_dict(), ensure_ascii=False), file=sys.stderr)
        else:
            schrijf_fout(str(fout))


def _zonder_uitleg(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _zonder_uitleg(v) for k, v in data.items() if k != "uitleg"}
    if isinstance(data, list):
        return [_zonder_uitleg(v) for v in data]
    return data


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
            raise CliFout(f"--regeling: bestand {pad} bestaat niet", veld="regeling")
    try:
        return laad_regeling(extra)
    except OngeldigeRegeling as e:
        raise CliFout(str(e), veld="regeling") from e


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
            raise CliFout.uit_regelingsfout(e) from e

    return omhulsel


def schrijf_fout(bericht: str) -> None:
    print(f"rugzak: fout: {bericht}", file=sys.stderr)
