"""``rugzak rec``: de regels op REC-niveau uit 004.

Vier subopdrachten: ``bekostiging``, ``formatiegarantie``, ``pab`` en ``residentieel``.
Elke subopdracht leest en controleert de invoer, roept één functie uit
:mod:`rugzak.regeling.regels.rec` aan en toont de uitkomst met de uitleg.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO

from rugzak.cli.gemeenschappelijk import (
    CliFout,
    Uitvoer,
    regeling_uit,
    vang_regelingsfouten,
    voeg_algemene_opties_toe,
)
from rugzak.regeling.begrippen import Onderwijssoort
from rugzak.regeling.fouten import OngeldigeInvoer
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.regels.rec import (
    Formatiegarantie,
    GarantieToedeling,
    SchoolFormatie,
    SchoolVerschil,
    VerschilGarantie,
    formatiegarantie,
    formatiegarantie_uit_verschillen,
    pab_formatie,
    rec_bekostiging,
    verdeel_formatiegarantie,
    verreken_residentiele_plaatsen,
)
from rugzak.regeling.tijd import Schooljaar
from rugzak.regeling.uitleg import Uitleg, euro

Uitvoerder = Callable[[argparse.Namespace, Uitvoer], int]

CSV_KOLOMMEN = ("school", "basis_fre", "huidig_fre")
CSV_KOLOMMEN_VERSCHIL = ("school", "verschil_fre")


# --- invoer lezen -----------------------------------------------------------------------------


def _schooljaar(tekst: str) -> Schooljaar:
    try:
        return Schooljaar.van_tekst(tekst)
    except OngeldigeInvoer as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _getal(tekst: str) -> Decimal:
    """Decimaal getal met een punt of een komma als decimaalteken (geen duizendtallen)."""
    schoon = tekst.strip()
    if "." in schoon and "," in schoon:
        raise ValueError(f"{tekst!r}: gebruik één decimaalteken, bv. 10.5 of 10,5")
    try:
        d = Decimal(schoon.replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{tekst!r} is geen getal; schrijf bv. 10.5") from None
    if not d.is_finite():
        raise ValueError(f"{tekst!r} is geen eindig getal")
    return d


def _decimaal_arg(tekst: str) -> Decimal:
    try:
        return _getal(tekst)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _geheel_arg(tekst: str) -> int:
    try:
        return int(tekst.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{tekst!r} is geen geheel getal") from None


def _school_arg(tekst: str) -> tuple[str, Decimal, Decimal]:
    """``NAAM:BASIS:HUIDIG``; de naam mag zelf een dubbele punt bevatten."""
    delen = tekst.rsplit(":", 2)
    if len(delen) != 3 or not delen[0].strip():
        raise argparse.ArgumentTypeError(
            f"{tekst!r}: schrijf NAAM:BASIS:HUIDIG, bv. 'De Linde:120.5:118'"
        )
    try:
        return delen[0].strip(), _getal(delen[1]), _getal(delen[2])
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{tekst!r}: {e}") from None


def _verschil_arg(tekst: str) -> tuple[str, Decimal]:
    """``NAAM:VERSCHIL``, bv. ``'De Linde:-2.5'``: groei (+) of daling (−) tegenover 2002-2003."""
    naam, scheiding, fre = tekst.rpartition(":")
    if not scheiding or not naam.strip():
        raise argparse.ArgumentTypeError(
            f"{tekst!r}: schrijf NAAM:VERSCHIL, bv. 'De Linde:-2.5' of 'Het Anker:+1'"
        )
    try:
        return naam.strip(), _getal(fre.replace("+", "", 1))
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{tekst!r}: {e}") from None


def _toedeling_arg(tekst: str) -> tuple[str, Decimal]:
    """``SCHOOL:FRE``."""
    naam, scheiding, fre = tekst.rpartition(":")
    if not scheiding or not naam.strip():
        raise argparse.ArgumentTypeError(f"{tekst!r}: schrijf SCHOOL:FRE, bv. 'De Linde:60'")
    try:
        return naam.strip(), _getal(fre)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{tekst!r}: {e}") from None


def lees_formatie_csv(bron: TextIO, naam: str) -> list[tuple[str, Decimal, Decimal]]:
    """Lees ``school,basis_fre,huidig_fre`` (of met ``;`` en decimale komma's);
    een fout noemt regel en kolom."""
    rijen = _lees_csv(bron.read(), naam, verschil=False)
    return [(school, w[0], w[1]) for school, w in rijen]


def lees_verschil_csv(bron: TextIO, naam: str) -> list[tuple[str, Decimal]]:
    """Lees ``school,verschil_fre``: per school de groei (+) of daling (−) tegenover het
    basisjaar; een fout noemt regel en kolom."""
    return [(school, w[0]) for school, w in _lees_csv(bron.read(), naam, verschil=True)]


def csv_is_verschillen(inhoud: str) -> bool:
    """Heeft de kopregel een kolom ``verschil_fre`` (en geen absolute formatie)?"""
    eerste = inhoud.splitlines()[0] if inhoud.strip() else ""
    scheiding = ";" if ";" in eerste else ","
    kop = [k.strip().lstrip("\ufeff") for k in eerste.split(scheiding)]
    return "verschil_fre" in kop and "basis_fre" not in kop


def _lees_csv(inhoud: str, naam: str, *, verschil: bool) -> list[tuple[str, list[Decimal]]]:
    verwacht = CSV_KOLOMMEN_VERSCHIL if verschil else CSV_KOLOMMEN
    eerste = inhoud.splitlines()[0] if inhoud.strip() else ""
    if not eerste:
        raise CliFout(
            f"{naam}: het bestand is leeg; verwacht de kolommen {', '.join(CSV_KOLOMMEN)} "
            f"of {', '.join(CSV_KOLOMMEN_VERSCHIL)}",
            veld="bestand",
        )
    scheiding = ";" if ";" in eerste else ","
    lezer = csv.DictReader(io.StringIO(inhoud), delimiter=scheiding)
    kolommen = [k.strip() for k in (lezer.fieldnames or [])]
    lezer.fieldnames = kolommen
    ontbreekt = [k for k in verwacht if k not in kolommen]
    if ontbreekt:
        raise CliFout(
            f"{naam}: kolom(men) {', '.join(ontbreekt)} ontbreken; "
            f"verwacht de kopregel {','.join(CSV_KOLOMMEN)} (formatie per school) of "
            f"{','.join(CSV_KOLOMMEN_VERSCHIL)} (verschil tegenover het basisjaar)",
            veld="bestand",
        )
    rijen: list[tuple[str, list[Decimal]]] = []
    for rij in lezer:
        regel = lezer.line_num
        if not any((v or "").strip() for v in rij.values() if isinstance(v, str)):
            continue
        school = (rij.get("school") or "").strip()
        if not school:
            raise CliFout(
                f"{naam}, regel {regel}, kolom 'school': de naam van de school ontbreekt",
                veld="school",
            )
        waarden: list[Decimal] = []
        for kolom in verwacht[1:]:
            ruw = rij.get(kolom)
            if ruw is None or not ruw.strip():
                raise CliFout(
                    f"{naam}, regel {regel}, kolom '{kolom}': waarde ontbreekt", veld=kolom
                )
            try:
                waarden.append(_getal(ruw.strip().removeprefix("+")))
            except ValueError as e:
                raise CliFout(f"{naam}, regel {regel}, kolom '{kolom}': {e}", veld=kolom) from None
        rijen.append((school, waarden))
    return rijen


def _lees_inhoud(pad: str) -> tuple[str, str]:
    """(inhoud, naam) van een bestand of van stdin (``-``)."""
    if pad == "-":
        return sys.stdin.read(), "stdin"
    bestand = Path(pad)
    if not bestand.is_file():
        raise CliFout(f"BESTAND: {pad} bestaat niet", veld="bestand")
    try:
        return bestand.read_text(encoding="utf-8-sig"), str(bestand)
    except UnicodeDecodeError:
        raise CliFout(f"BESTAND: {pad} is geen UTF-8-tekst", veld="bestand") from None


# --- uitvoer ------------------------------------------------------------------------------------


def _fre(waarde: Decimal) -> str:
    d = waarde.normalize() if waarde != waarde.to_integral_value() else Decimal(int(waarde))
    return format(d, "f").replace(".", ",")


def _met_uitleg(regels: list[str], uitleg: Uitleg, regeling: Regeling) -> str:
    return "\n".join([*regels, "", uitleg.als_tekst(regeling.interpretatietitels())])


# --- subopdrachten ------------------------------------------------------------------------------


@vang_regelingsfouten
def _bekostiging(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling = regeling_uit(args)
    b = rec_bekostiging(
        regeling,
        args.schooljaar,
        leerlingen=args.leerlingen,
        ambulant_begeleid=args.ambulant_begeleid,
        scholen=args.scholen,
    )

    def tekst() -> str:
        regels = [
            f"REC-bekostiging {b.schooljaar} (telling van {b.teldatum.isoformat()})",
            f"  getelde leerlingen: {b.getelde_leerlingen} (ingeschreven {b.leerlingen}, "
            f"ambulant begeleid {b.ambulant_begeleid})",
            f"  dossiers: {_fre(b.dossiers)}",
            f"  indicatiestelling: {euro(b.indicatiestelling)}",
            f"  vaste voet: {euro(b.vaste_voet)}",
            f"  bedrag per school ({b.scholen} scholen): {euro(b.scholenbedrag)}",
            f"  totaal: {euro(b.totaal)}",
            f"  andere lezing (I-09, niet gekozen): {_fre(b.dossiers_andere_lezing)} dossiers, "
            f"indicatiestelling {euro(b.indicatiestelling_andere_lezing)}",
        ]
        return _met_uitleg(regels, b.uitleg, regeling)

    uitvoer.schrijf(b.als_dict(), tekst)
    return 0


@vang_regelingsfouten
def _formatiegarantie(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    rijen: list[tuple[str, Decimal, Decimal]] = []
    verschillen: list[tuple[str, Decimal]] = []
    if args.bestand is not None:
        inhoud, naam = _lees_inhoud(args.bestand)
        if csv_is_verschillen(inhoud):
            verschillen.extend(lees_verschil_csv(io.StringIO(inhoud), naam))
        else:
            rijen.extend(lees_formatie_csv(io.StringIO(inhoud), naam))
    rijen.extend(args.school)
    verschillen.extend(args.verschil)
    if rijen and verschillen:
        raise CliFout(
            "geef óf de formatie per school (--school NAAM:BASIS:HUIDIG of kolommen "
            f"{','.join(CSV_KOLOMMEN)}) óf het verschil per school (--verschil NAAM:VERSCHIL of "
            f"kolommen {','.join(CSV_KOLOMMEN_VERSCHIL)}), niet allebei",
            veld="verschil",
        )
    if not rijen and not verschillen:
        raise CliFout(
            "geef de formatie per school: een CSV-bestand (kolommen "
            f"{','.join(CSV_KOLOMMEN)} of {','.join(CSV_KOLOMMEN_VERSCHIL)}), "
            "--school NAAM:BASIS:HUIDIG of --verschil NAAM:VERSCHIL (herhaalbaar)",
            veld="school",
        )
    regeling = regeling_uit(args)
    g: Formatiegarantie | VerschilGarantie
    if verschillen:
        g = formatiegarantie_uit_verschillen(
            regeling, args.schooljaar, [SchoolVerschil(n, v) for n, v in verschillen]
        )
    else:
        scholen = [SchoolFormatie(naam, basis, huidig) for naam, basis, huidig in rijen]
        g = formatiegarantie(regeling, args.schooljaar, scholen)
    toedeling: GarantieToedeling | None = None
    if args.toedeling:
        toedeling = verdeel_formatiegarantie(g, args.toedeling)

    def tekst() -> str:
        regels = (
            _verschilregels(g, toedeling)
            if isinstance(g, VerschilGarantie)
            else _garantieregels(g, toedeling)
        )
        return _met_uitleg(regels, toedeling.uitleg if toedeling else g.uitleg, regeling)

    data: dict[str, Any] = g.als_dict()
    if toedeling is not None:
        data["toedeling"] = {s: str(fre) for s, fre in toedeling.per_school}
        data["uitleg"] = toedeling.uitleg.als_dict()
    uitvoer.schrijf(data, tekst)
    return 0


def _slotregels(
    heeft_garantie: bool, garantie: Decimal, toedeling: GarantieToedeling | None
) -> list[str]:
    regels = (
        [f"Formatiegarantie: {_fre(garantie)} fre"]
        if heeft_garantie
        else ["Geen formatiegarantie: plussen en minnen van de scholen vallen weg."]
    )
    if toedeling is not None:
        regels.append("Toedeling:")
        regels.extend(f"  {s}: {_fre(fre)} fre" for s, fre in toedeling.per_school)
    return regels


def _verschilregels(g: VerschilGarantie, toedeling: GarantieToedeling | None) -> list[str]:
    breedte = max(len("school"), *(len(s.school) for s in g.scholen))
    regels = [
        f"Formatiegarantie {g.schooljaar} (basisjaar {g.basisjaar}), verschil per school in fre",
        f"  {'school':<{breedte}}  {'verschil':>10}",
    ]
    for s in g.scholen:
        teken = "+" if s.verschil > 0 else ""
        regels.append(f"  {s.school:<{breedte}}  {teken + _fre(s.verschil):>10}")
    teken = "+" if g.saldo > 0 else ""
    regels.append(f"  {'saldo':<{breedte}}  {teken + _fre(g.saldo):>10}")
    return regels + _slotregels(g.heeft_garantie, g.garantie, toedeling)


def _garantieregels(g: Formatiegarantie, toedeling: GarantieToedeling | None) -> list[str]:
    breedte = max(len("school"), *(len(s.school) for s in g.scholen))
    kop = f"  {'school':<{breedte}}  {g.basisjaar!s:>10}  {g.schooljaar!s:>10}  {'verschil':>10}"
    regels = [f"Formatiegarantie {g.schooljaar} (basisjaar {g.basisjaar}), in fre", kop]
    for s in g.scholen:
        teken = "+" if s.verschil > 0 else ""
        regels.append(
            f"  {s.school:<{breedte}}  {_fre(s.basis):>10}  {_fre(s.huidig):>10}  "
            f"{teken + _fre(s.verschil):>10}"
        )
    teken = "+" if g.saldo > 0 else ""
    regels.append(
        f"  {'som':<{breedte}}  {_fre(g.som_basis):>10}  {_fre(g.som_huidig):>10}  "
        f"{teken + _fre(g.saldo):>10}"
    )
    return regels + _slotregels(g.heeft_garantie, g.garantie, toedeling)


@vang_regelingsfouten
def _pab(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling = regeling_uit(args)
    onderwijssoort = (
        {o.value: o for o in Onderwijssoort}[args.onderwijssoort]
        if args.onderwijssoort is not None
        else None
    )
    p = pab_formatie(
        regeling,
        args.schooljaar,
        huidig=args.huidig,
        genormeerd=args.genormeerd,
        school=args.school,
        onderwijssoort=onderwijssoort,
    )

    def tekst() -> str:
        wie = ", ".join(str(x) for x in (p.school, p.onderwijssoort) if x is not None)
        regels = [
            f"PAB-formatie {p.schooljaar}" + (f" ({wie})" if wie else ""),
            f"  huidig: {_fre(p.huidig)} fre, genormeerd: {_fre(p.genormeerd)} fre",
            f"  richting: {p.richting}",
            f"  formatie: {_fre(p.formatie)} fre",
        ]
        return _met_uitleg(regels, p.uitleg, regeling)

    uitvoer.schrijf(p.als_dict(), tekst)
    return 0


@vang_regelingsfouten
def _residentieel(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling = regeling_uit(args)
    r = verreken_residentiele_plaatsen(
        regeling, args.schooljaar, leerlingen=args.leerlingen, plaatsen=args.plaatsen
    )

    def tekst() -> str:
        regels = [
            f"Residentiële plaatsen {r.schooljaar}",
            f"  bekostigd voor {r.bekostigde_leerlingen} leerlingen en "
            f"{r.bekostigde_plaatsen} plaatsen (samen {r.bekostigd_totaal})",
        ]
        return _met_uitleg(regels, r.uitleg, regeling)

    uitvoer.schrijf(r.als_dict(), tekst)
    return 0


# --- registratie --------------------------------------------------------------------------------


def _subparser(
    sub: Any, naam: str, hulp: str, uitvoeren: Uitvoerder, schooljaar_hulp: str
) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(naam, help=hulp, description=hulp)
    p.add_argument(
        "--schooljaar",
        required=True,
        type=_schooljaar,
        metavar="JJJJ-JJJJ",
        help=schooljaar_hulp,
    )
    voeg_algemene_opties_toe(p)
    p.set_defaults(uitvoeren=uitvoeren)
    return p


def registreer(subparsers: Any) -> None:
    """Voeg ``rugzak rec`` met zijn vier subopdrachten toe."""
    rec = subparsers.add_parser(
        "rec",
        help="regels op REC-niveau: bekostiging, formatiegarantie, PAB, residentiële plaatsen",
        description="Regels op REC-niveau uit de voorlichting bij de start van LGF (004).",
    )
    sub = rec.add_subparsers(dest="rec_opdracht", metavar="REGEL", required=True)

    p = _subparser(
        sub,
        "bekostiging",
        "REC-bekostiging: indicatiestelling, vaste voet en bedrag per school (004)",
        _bekostiging,
        "2003-2004 of 2004-2005",
    )
    p.add_argument(
        "--leerlingen",
        required=True,
        type=_geheel_arg,
        metavar="AANTAL",
        help="ingeschreven leerlingen van de REC-scholen op 1 oktober 2002 "
        "(of het totaal, als u --ambulant-begeleid weglaat)",
    )
    p.add_argument(
        "--ambulant-begeleid",
        type=_geheel_arg,
        default=0,
        metavar="AANTAL",
        help="ambulant begeleide leerlingen op 1 oktober 2002 (standaard 0)",
    )
    p.add_argument(
        "--scholen", required=True, type=_geheel_arg, metavar="AANTAL", help="scholen in het REC"
    )

    p = _subparser(
        sub,
        "formatiegarantie",
        "formatiegarantie op REC-niveau tegenover 2002-2003 (004)",
        _formatiegarantie,
        "het schooljaar dat met 2002-2003 wordt vergeleken",
    )
    p.add_argument(
        "bestand",
        nargs="?",
        metavar="BESTAND",
        help=f"CSV met kolommen {','.join(CSV_KOLOMMEN)} (formatie per school) of "
        f"{','.join(CSV_KOLOMMEN_VERSCHIL)} (verschil tegenover 2002-2003, zoals 004 rekent); "
        "'-' is stdin; ';' en 10,5 mogen ook",
    )
    p.add_argument(
        "--verschil",
        action="append",
        default=[],
        type=_verschil_arg,
        metavar="NAAM:VERSCHIL",
        help="groei (+) of daling (−) van één school in fre tegenover 2002-2003, zoals 004 "
        "rekent (herhaalbaar; niet samen met --school)",
    )
    p.add_argument(
        "--school",
        action="append",
        default=[],
        type=_school_arg,
        metavar="NAAM:BASIS:HUIDIG",
        help="formatie van één school in fre (herhaalbaar)",
    )
    p.add_argument(
        "--toedeling",
        action="append",
        default=[],
        type=_toedeling_arg,
        metavar="SCHOOL:FRE",
        help="verdeling van de garantie over scholen, samen precies de garantie (herhaalbaar)",
    )

    p = _subparser(
        sub,
        "pab",
        "overgang naar de genormeerde PAB-formatie per school en onderwijssoort (004)",
        _pab,
        "2005-2006, 2006-2007 of 2007-2008",
    )
    p.add_argument(
        "--huidig",
        required=True,
        type=_decimaal_arg,
        metavar="FRE",
        help="huidige PAB-formatie C",
    )
    p.add_argument(
        "--genormeerd",
        required=True,
        type=_decimaal_arg,
        metavar="FRE",
        help="genormeerde, landelijk vastgestelde formatie N",
    )
    p.add_argument("--school", help="naam van de school (alleen voor de uitvoer)")
    p.add_argument(
        "--onderwijssoort",
        choices=Onderwijssoort.codes(),
        help="onderwijssoort (alleen voor de uitvoer)",
    )

    p = _subparser(
        sub,
        "residentieel",
        "verrekening van residentiële plaatsen met leerlingen in het startjaar (004)",
        _residentieel,
        "2003-2004",
    )
    p.add_argument(
        "--leerlingen",
        required=True,
        type=_geheel_arg,
        metavar="AANTAL",
        help="ingeschreven leerlingen op 1 oktober 2002 of 16 januari 2003",
    )
    p.add_argument(
        "--plaatsen",
        required=True,
        type=_geheel_arg,
        metavar="AANTAL",
        help="toegekende residentiële plaatsen",
    )
