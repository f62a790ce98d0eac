"""``rugzak termijnen``: de termijnen van de regeling als kalenderdata.

Elke subopdracht roept één functie uit :mod:`rugzak.regeling.regels.termijnen` aan en
toont de uiterste datum, de grondslag en de uitleg; met ``--vandaag`` ook de status.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from rugzak.cli.gemeenschappelijk import (
    CliFout,
    Uitvoer,
    datum,
    regeling_uit,
    vang_regelingsfouten,
    voeg_algemene_opties_toe,
)
from rugzak.regeling.fouten import OngeldigeInvoer
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.regels.termijnen import (
    Gastleerlinggrenzen,
    Termijn,
    cvi_beslissing,
    evaluatiemomenten,
    gastleerling,
    gastleerling_grenzen,
    handelingsplan,
    status,
    terugmelding,
    weigering_toelating,
)
from rugzak.regeling.tijd import Schooljaar
from rugzak.regeling.uitleg import samenvoegen

_DAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

Uitvoerder = Callable[[argparse.Namespace, Uitvoer], int]


def lange_datum(dag: date) -> str:
    """``date(2012, 2, 29)`` -> ``'woensdag 29 februari 2012'``."""
    return f"{_DAGEN[dag.weekday()]} {dag.day} {_MAANDEN[dag.month - 1]} {dag.year}"


def _schooljaar(tekst: str) -> Schooljaar:
    try:
        return Schooljaar.van_tekst(tekst)
    except OngeldigeInvoer as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _statusvelden(termijn: Termijn, vandaag: date | None, voldaan: date | None) -> dict[str, str]:
    if vandaag is None:
        if voldaan is not None:
            raise CliFout("--voldaan vraagt ook --vandaag (de dag waarop de status geldt)")
        return {}
    velden = {"vandaag": vandaag.isoformat(), "status": str(status(termijn, vandaag, voldaan))}
    if voldaan is not None:
        velden["voldaan_op"] = voldaan.isoformat()
    return velden


def _termijnregels(termijn: Termijn, velden: dict[str, str]) -> list[str]:
    regels = [
        f"{termijn.omschrijving[0].upper()}{termijn.omschrijving[1:]}: "
        f"uiterlijk {lange_datum(termijn.uiterlijk)} ({termijn.uiterlijk.isoformat()})",
        f"  vanaf: {termijn.begin.isoformat()}",
    ]
    regels.extend(f"  grondslag: {b.citeer()}" for b in termijn.grondslag)
    if "status" in velden:
        extra = f", voldaan op {velden['voldaan_op']}" if "voldaan_op" in velden else ""
        regels.append(f"  status op {velden['vandaag']}: {velden['status']}{extra}")
    return regels


def _toon(
    regeling: Regeling,
    termijnen: Sequence[Termijn],
    args: argparse.Namespace,
    uitvoer: Uitvoer,
    *,
    kop: dict[str, Any] | None = None,
    grenzen: Gastleerlinggrenzen | None = None,
) -> int:
    voldaan: date | None = getattr(args, "voldaan", None)
    velden = [_statusvelden(t, args.vandaag, voldaan) for t in termijnen]
    data: dict[str, Any]
    if kop is None:
        data = {**termijnen[0].als_dict(), **velden[0]}
    else:
        data = {
            **kop,
            "termijnen": [{**t.als_dict(), **v} for t, v in zip(termijnen, velden, strict=True)],
        }
    if grenzen is not None:
        data["grenzen"] = grenzen.als_dict()

    def tekst() -> str:
        regels: list[str] = []
        for t, v in zip(termijnen, velden, strict=True):
            regels.extend(_termijnregels(t, v))
        if grenzen is not None:
            regels.extend(_grensregels(grenzen))
        onderwerp = termijnen[0].uitleg.onderwerp if kop is None else "evaluatiemomenten"
        uitleg = samenvoegen((t.uitleg for t in termijnen), onderwerp)
        regels.append("")
        regels.append(uitleg.als_tekst(regeling.interpretatietitels()))
        return "\n".join(regels)

    uitvoer.schrijf(data, tekst)
    return 0


@vang_regelingsfouten
def _cvi(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling = regeling_uit(args)
    termijn = cvi_beslissing(regeling, args.volledig, verlengingen=args.verlengingen)
    return _toon(regeling, (termijn,), args, uitvoer)


@vang_regelingsfouten
def _weigering(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling = regeling_uit(args)
    return _toon(regeling, (weigering_toelating(regeling, args.aanmelding),), args, uitvoer)


@vang_regelingsfouten
def _handelingsplan(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling = regeling_uit(args)
    return _toon(regeling, (handelingsplan(regeling, args.plaatsing),), args, uitvoer)


@vang_regelingsfouten
def _evaluaties(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling = regeling_uit(args)
    termijnen = evaluatiemomenten(regeling, args.schooljaar)
    return _toon(regeling, termijnen, args, uitvoer, kop={"schooljaar": str(args.schooljaar)})


@vang_regelingsfouten
def _terugmelding(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling = regeling_uit(args)
    return _toon(regeling, (terugmelding(regeling, args.uitschrijving),), args, uitvoer)


def _grensregels(grenzen: Gastleerlinggrenzen) -> list[str]:
    return [
        f"Toegestaan einde: van {lange_datum(grenzen.vroegste_einde)} "
        f"t/m {lange_datum(grenzen.laatste_einde)}",
        f"  met verlenging uiterlijk: {lange_datum(grenzen.laatste_einde_verlengd)}",
    ]


@vang_regelingsfouten
def _gastleerling(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling = regeling_uit(args)
    grenzen = gastleerling_grenzen(regeling, args.begin)
    if args.einde is None:
        if args.verlengd_tot is not None:
            raise CliFout(
                "--verlengd-tot vraagt ook --einde (het einde van de afgesproken periode)",
                veld="einde",
            )
        if args.vandaag is not None or args.voldaan is not None:
            raise CliFout(
                "--vandaag en --voldaan vragen ook --einde: zonder einde is er geen termijn",
                veld="einde",
            )

        def tekst() -> str:
            return "\n".join(
                [
                    *_grensregels(grenzen),
                    "",
                    grenzen.uitleg.als_tekst(regeling.interpretatietitels()),
                ]
            )

        uitvoer.schrijf({"grenzen": grenzen.als_dict()}, tekst)
        return 0
    termijn = gastleerling(regeling, args.begin, args.einde, args.verlengd_tot)
    return _toon(regeling, (termijn,), args, uitvoer, grenzen=grenzen)


def _subopdracht(
    sub: Any,
    naam: str,
    hulp: str,
    uitvoeren: Uitvoerder,
    datums: Sequence[tuple[str, str, bool]],
    *,
    voldaan: bool = True,
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(naam, help=hulp, description=hulp)
    for optie, uitleg, verplicht in datums:
        parser.add_argument(optie, type=datum, required=verplicht, metavar="DATUM", help=uitleg)
    parser.add_argument(
        "--vandaag", type=datum, metavar="DATUM", help="toon de status van de termijn op deze dag"
    )
    if voldaan:
        parser.add_argument(
            "--voldaan",
            type=datum,
            metavar="DATUM",
            help="dag waarop aan de termijn is voldaan (met --vandaag)",
        )
    voeg_algemene_opties_toe(parser)
    parser.set_defaults(uitvoeren=uitvoeren)
    return parser


def registreer(subparsers: Any) -> None:
    """Voeg ``rugzak termijnen`` met zijn zes subopdrachten toe."""
    parser = subparsers.add_parser(
        "termijnen",
        help="termijnen als kalenderdata (CvI, toelating, handelingsplan, evaluatie, ...)",
        description=(
            "Bereken de uiterste datum van een termijn uit de regeling, met grondslag en "
            "uitleg. Met --vandaag ook de status: lopend, bijna verlopen, verlopen, "
            "voldaan of te laat voldaan."
        ),
    )
    sub = parser.add_subparsers(dest="termijn", metavar="TERMIJN", required=True)

    cvi = _subopdracht(
        sub,
        "cvi",
        "beslistermijn van de CvI: 8 weken na het volledige dossier, eenmaal te verlengen (000)",
        _cvi,
        [("--volledig", "dag waarop het dossier bij de CvI volledig is", True)],
    )
    cvi.add_argument(
        "--verlengingen",
        type=int,
        default=0,
        metavar="AANTAL",
        help="aantal verlengingen van de beslistermijn (standaard 0; hoogstens 1)",
    )
    _subopdracht(
        sub,
        "weigering",
        "termijn voor een besluit tot niet-toelating: 8 weken na de aanmelding (002, fase 11)",
        _weigering,
        [("--aanmelding", "dag van de schriftelijke aanmelding door de ouders (I-20)", True)],
    )
    _subopdracht(
        sub,
        "handelingsplan",
        "handelingsplan gereed: een maand na plaatsing (002, fase 13)",
        _handelingsplan,
        [("--plaatsing", "dag van plaatsing van de leerling", True)],
    )
    evaluaties = _subopdracht(
        sub,
        "evaluaties",
        "evaluatiemomenten in oktober, januari, mei en aan het eind van het schooljaar (002)",
        _evaluaties,
        [],
        voldaan=False,
    )
    evaluaties.add_argument(
        "--schooljaar",
        type=_schooljaar,
        required=True,
        metavar="JAAR",
        help="schooljaar, bv. 2011-2012",
    )
    _subopdracht(
        sub,
        "terugmelding",
        "terugmeldingsformulier: 6 weken na uitschrijving, uiterlijk 31 juli (004)",
        _terugmelding,
        [("--uitschrijving", "dag van uitschrijving van de leerling", True)],
    )
    _subopdracht(
        sub,
        "gastleerling",
        "periode als gastleerling: een week tot zes maanden, verlengd hoogstens een jaar (002)",
        _gastleerling,
        [
            ("--begin", "eerste dag als gastleerling", True),
            (
                "--einde",
                "einde van de afgesproken periode; zonder --einde toont rugzak tussen welke "
                "dagen het einde mag liggen (ook met verlenging)",
                False,
            ),
            ("--verlengd-tot", "einde van de verlenging (hoogstens een jaar na het begin)", False),
        ],
    )
