"""Regels op REC-niveau uit de voorlichting bij de start van LGF (bron 004).

Vier regels: de REC-bekostiging van de indicatiestelling, de formatiegarantie op
REC-niveau, de overgang naar genormeerde PAB-formatie en de verrekening van
residentiële plaatsen, plus de controle van een verzoek om residentiële plaatsen.
Alles rekent exact met ``Decimal``; alleen eurobedragen worden op centen afgerond.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    Inexact,
    InvalidOperation,
    Overflow,
)
from enum import StrEnum
from typing import TypeVar

from rugzak.regeling.begrippen import Onderwijssoort
from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer, OntbrekendeBron
from rugzak.regeling.parameters import Parameterwaarde, Regeling
from rugzak.regeling.tijd import Schooljaar
from rugzak.regeling.uitleg import GelezenWaarde, Stap, Uitleg, euro, invoer

__all__ = [
    "BRON_FORMATIEGARANTIE",
    "BRON_PAB",
    "BRON_REC_BEKOSTIGING",
    "BRON_RESIDENTIEEL",
    "ONDERDELEN_VERZOEK",
    "Formatiegarantie",
    "GarantieToedeling",
    "OntvankelijkVerzoek",
    "OnvolledigVerzoek",
    "PabFormatie",
    "RecBekostiging",
    "ResidentieleVerrekening",
    "Richting",
    "SchoolFormatie",
    "VerzoekResidentielePlaatsen",
    "beoordeel_verzoek_residentiele_plaatsen",
    "formatiegarantie",
    "formatiegarantie_per_rec",
    "ontbrekende_onderdelen",
    "pab_formatie",
    "rec_bekostiging",
    "verdeel_formatiegarantie",
    "verreken_residentiele_plaatsen",
]

BRON_REC_BEKOSTIGING = Bron("004", "paragraaf 'Rec-bekostiging'")
BRON_FORMATIEGARANTIE = Bron("004", "paragraaf 'Formatiegarantieregeling'")
BRON_PAB = Bron(
    "004",
    "paragraaf 'Ambulante begeleiding (AB) en preventieve ambulante begeleiding (PAB)'",
)
BRON_RESIDENTIEEL = Bron("004", "paragraaf 'Residentiële plaatsen'")

#: Rekencontext zonder afronding: een tussenresultaat dat niet exact past, is een fout.
_EXACT = Context(prec=200, traps=[Inexact, InvalidOperation, Overflow])
_CENT = Decimal("0.01")
_NUL = Decimal(0)
_EEN = Decimal(1)


# --- hulpfuncties ---------------------------------------------------------------------------


def _maal(*factoren: Decimal) -> Decimal:
    uitkomst = _EEN
    for f in factoren:
        uitkomst = _EXACT.multiply(uitkomst, f)
    return uitkomst


def _som(termen: Iterable[Decimal]) -> Decimal:
    uitkomst = _NUL
    for t in termen:
        uitkomst = _EXACT.add(uitkomst, t)
    return uitkomst


def _verschil(a: Decimal, b: Decimal) -> Decimal:
    return _EXACT.subtract(a, b)


def _op_centen(bedrag: Decimal) -> Decimal:
    """Rond een eurobedrag af op hele centen, half naar boven (ROUND_HALF_UP)."""
    return bedrag.quantize(_CENT, rounding=ROUND_HALF_UP, context=Context(prec=200))


def _getal(waarde: Decimal | int) -> str:
    """Getal in Nederlandse notatie zonder overbodige nullen: ``Decimal('9.8750')`` -> ``9,875``."""
    d = Decimal(waarde)
    if d == d.to_integral_value():
        return str(int(d))
    tekst = format(d, "f").rstrip("0").rstrip(".")
    return tekst.replace(".", ",")


def _procent(fractie: Decimal) -> str:
    return f"{_getal(_maal(fractie, Decimal(100)))} %"


def _met_teken(waarde: Decimal) -> str:
    return ("+" if waarde > 0 else "") + _getal(waarde)


def _aantal(veld: str, waarde: object, *, minimum: int = 0) -> int:
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        raise OngeldigeInvoer(veld, waarde, reden="verwacht een geheel getal")
    if waarde < minimum:
        raise OngeldigeInvoer(veld, waarde, reden=f"moet ten minste {minimum} zijn")
    return waarde


def _fre(veld: str, waarde: object, *, wat: str = "een formatie") -> Decimal:
    """Een formatie in fre (of een andere grootheid ``wat``): ``Decimal`` of geheel getal,
    eindig en niet negatief; nooit float."""
    if isinstance(waarde, bool) or not isinstance(waarde, Decimal | int):
        raise OngeldigeInvoer(
            veld, waarde, reden="verwacht een decimaal getal (Decimal), geen float of tekst"
        )
    d = Decimal(waarde)
    if not d.is_finite():
        raise OngeldigeInvoer(veld, waarde, reden="verwacht een eindig getal")
    if d < 0:
        raise OngeldigeInvoer(veld, waarde, reden=f"{wat} is nooit negatief")
    return d


def _schooljaar(waarde: object) -> Schooljaar:
    if not isinstance(waarde, Schooljaar):
        raise OngeldigeInvoer("schooljaar", waarde, reden="verwacht een Schooljaar")
    return waarde


def _zoek(
    regeling: Regeling,
    naam: str,
    schooljaar: Schooljaar,
    *,
    wat: str,
    toelichting: str,
    **sleutel: object,
) -> Parameterwaarde:
    """Zoek een waarde op de eerste dag van het schooljaar; een leemte krijgt een uitleg."""
    try:
        return regeling.zoek(naam, schooljaar.begin, **sleutel)
    except OntbrekendeBron as e:
        raise OntbrekendeBron(
            f"{wat} in schooljaar {schooljaar} ({naam})",
            schooljaar.begin,
            wel_bekend=e.wel_bekend,
            toelichting=toelichting,
        ) from e


def _decimaal(w: Parameterwaarde) -> Decimal:
    if not isinstance(w.waarde, Decimal):  # pragma: no cover - het schema bewaakt de soort
        raise TypeError(f"{w.naam} is geen decimaal getal maar {w.waarde!r}")
    return w.waarde


# --- 1. REC-bekostiging ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecBekostiging:
    """De bekostiging van een REC in één schooljaar (004, 'Rec-bekostiging').

    ``dossiers`` is exact (niet afgerond); de eurobedragen zijn op centen afgerond.
    De velden ``*_andere_lezing`` tonen de uitkomst van de niet gekozen lezing (I-09).
    """

    schooljaar: Schooljaar
    teldatum: date
    leerlingen: int
    ambulant_begeleid: int
    scholen: int
    dossiers: Decimal
    indicatiestelling: Decimal
    vaste_voet: Decimal
    scholenbedrag: Decimal
    totaal: Decimal
    dossiers_andere_lezing: Decimal
    indicatiestelling_andere_lezing: Decimal
    uitleg: Uitleg

    @property
    def getelde_leerlingen(self) -> int:
        """Ingeschreven plus ambulant begeleide leerlingen op de teldatum."""
        return self.leerlingen + self.ambulant_begeleid

    def als_dict(self) -> dict[str, object]:
        return {
            "schooljaar": str(self.schooljaar),
            "teldatum": self.teldatum.isoformat(),
            "leerlingen": self.leerlingen,
            "ambulant_begeleid": self.ambulant_begeleid,
            "getelde_leerlingen": self.getelde_leerlingen,
            "scholen": self.scholen,
            "dossiers": str(self.dossiers),
            "indicatiestelling": str(self.indicatiestelling),
            "vaste_voet": str(self.vaste_voet),
            "scholenbedrag": str(self.scholenbedrag),
            "totaal": str(self.totaal),
            "andere_lezing": {
                "interpretatie": "I-09",
                "dossiers": str(self.dossiers_andere_lezing),
                "indicatiestelling": str(self.indicatiestelling_andere_lezing),
            },
            "uitleg": self.uitleg.als_dict(),
        }


def rec_bekostiging(
    regeling: Regeling,
    schooljaar: Schooljaar,
    *,
    leerlingen: int,
    scholen: int,
    ambulant_begeleid: int = 0,
) -> RecBekostiging:
    """Bereken de REC-bekostiging: indicatiestelling naar de telling van 1 oktober 2002,
    vaste voet en bedrag per school (004, 'Rec-bekostiging'; interpretaties I-09, I-22).

    ``leerlingen`` zijn de ingeschreven leerlingen van de scholen van het REC op de
    teldatum, ``ambulant_begeleid`` de ambulant begeleide leerlingen; samen N.
    """
    schooljaar = _schooljaar(schooljaar)
    leerlingen = _aantal("leerlingen", leerlingen)
    ambulant_begeleid = _aantal("ambulant_begeleid", ambulant_begeleid)
    scholen = _aantal("scholen", scholen, minimum=1)

    wat = "de REC-bekostiging"
    toelichting = (
        "004 regelt de REC-bekostiging alleen voor de schooljaren 2003-2004 en 2004-2005; "
        "zie interpretatie I-22"
    )
    w_teldatum = _zoek(regeling, "rec.teldatum", schooljaar, wat=wat, toelichting=toelichting)
    w_aandeel = _zoek(
        regeling, "rec.aandeel_leerlingen", schooljaar, wat=wat, toelichting=toelichting
    )
    w_opslag = _zoek(
        regeling, "rec.opslag_niet_positief", schooljaar, wat=wat, toelichting=toelichting
    )
    w_per_dossier = _zoek(
        regeling, "rec.bedrag_per_dossier", schooljaar, wat=wat, toelichting=toelichting
    )
    w_voet = _zoek(regeling, "rec.vaste_voet", schooljaar, wat=wat, toelichting=toelichting)
    w_per_school = _zoek(
        regeling, "rec.bedrag_per_school", schooljaar, wat=wat, toelichting=toelichting
    )

    teldatum = date.fromisoformat(str(w_teldatum.waarde))
    aandeel = _decimaal(w_aandeel)
    opslag = _decimaal(w_opslag)
    per_dossier = _decimaal(w_per_dossier)
    voet = _decimaal(w_voet)
    per_school = _decimaal(w_per_school)

    n = leerlingen + ambulant_begeleid
    dossiers = _maal(aandeel, Decimal(n), _EXACT.add(_EEN, opslag))
    indicatiestelling_exact = _maal(dossiers, per_dossier)
    indicatiestelling = _op_centen(indicatiestelling_exact)
    dossiers_anders = _maal(_EXACT.add(aandeel, opslag), Decimal(n))
    indicatiestelling_anders = _op_centen(_maal(dossiers_anders, per_dossier))
    vaste_voet = _op_centen(voet)
    scholenbedrag = _op_centen(_maal(per_school, Decimal(scholen)))
    totaal = _op_centen(_som((indicatiestelling_exact, voet, _maal(per_school, Decimal(scholen)))))

    grondslag = (BRON_REC_BEKOSTIGING,)
    stappen = (
        Stap(
            regel="rec.bekostiging.telling",
            omschrijving=(
                "Getelde leerlingen N: de ingeschreven leerlingen plus de ambulant begeleide "
                f"leerlingen van de scholen van het REC op de teldatum {teldatum.isoformat()}, "
                f"die voor {schooljaar} geldt."
            ),
            invoer=invoer(leerlingen=leerlingen, ambulant_begeleid=ambulant_begeleid),
            gelezen=(w_teldatum.gelezen(),),
            grondslag=grondslag,
            uitkomst=f"N = {leerlingen} + {ambulant_begeleid} = {n} leerlingen",
        ),
        Stap(
            regel="rec.bekostiging.indicatiestelling",
            omschrijving=(
                f"Bekostiging indicatiestelling: {_procent(aandeel)} van N als dossiers, met "
                f"{_procent(opslag)} opslag voor dossiers waaraan de CvI werkt zonder positieve "
                f"beslissing, maal {euro(per_dossier)} per dossier. Het aantal dossiers wordt "
                "niet afgerond; het bedrag wordt op hele centen afgerond (half naar boven). "
                f"Andere lezing (I-09): {_getal(aandeel)} × N + {_getal(opslag)} × N = "
                f"{_getal(dossiers_anders)} dossiers, samen {euro(indicatiestelling_anders)}."
            ),
            invoer=invoer(N=n),
            gelezen=(w_aandeel.gelezen(), w_opslag.gelezen(), w_per_dossier.gelezen()),
            grondslag=grondslag,
            interpretaties=("I-09",),
            uitkomst=(
                f"{_getal(aandeel)} × {n} × (1 + {_getal(opslag)}) = {_getal(dossiers)} dossiers;"
                f" × {euro(per_dossier)} = {euro(indicatiestelling)}"
            ),
        ),
        Stap(
            regel="rec.bekostiging.vaste_voet",
            omschrijving="Vaste voet voor het REC, los van het aantal leerlingen.",
            gelezen=(w_voet.gelezen(),),
            grondslag=grondslag,
            uitkomst=euro(vaste_voet),
        ),
        Stap(
            regel="rec.bekostiging.scholen",
            omschrijving="Bedrag per school die deelneemt in het REC.",
            invoer=invoer(scholen=scholen),
            gelezen=(w_per_school.gelezen(),),
            grondslag=grondslag,
            uitkomst=f"{scholen} × {euro(per_school)} = {euro(scholenbedrag)}",
        ),
        Stap(
            regel="rec.bekostiging.totaal",
            omschrijving=(
                "Totale REC-bekostiging: indicatiestelling plus vaste voet plus bedrag per "
                "school. Tussenresultaten zijn exact; alleen de eurobedragen zijn op hele centen "
                "afgerond (ROUND_HALF_UP, half naar boven)."
            ),
            grondslag=grondslag,
            uitkomst=(
                f"{euro(indicatiestelling)} + {euro(vaste_voet)} + {euro(scholenbedrag)} = "
                f"{euro(totaal)}"
            ),
        ),
    )
    return RecBekostiging(
        schooljaar=schooljaar,
        teldatum=teldatum,
        leerlingen=leerlingen,
        ambulant_begeleid=ambulant_begeleid,
        scholen=scholen,
        dossiers=dossiers,
        indicatiestelling=indicatiestelling,
        vaste_voet=vaste_voet,
        scholenbedrag=scholenbedrag,
        totaal=totaal,
        dossiers_andere_lezing=dossiers_anders,
        indicatiestelling_andere_lezing=indicatiestelling_anders,
        uitleg=Uitleg(f"REC-bekostiging {schooljaar}", stappen),
    )


# --- 2. Formatiegarantie --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SchoolFormatie:
    """De formatie (fre) van één school van het REC in het basisjaar en in het schooljaar
    (004, 'Formatiegarantieregeling')."""

    school: str
    basis: Decimal
    huidig: Decimal

    def __post_init__(self) -> None:
        if not isinstance(self.school, str) or not self.school.strip():
            raise OngeldigeInvoer("school", self.school, reden="een school heeft een naam")
        object.__setattr__(self, "basis", _fre("basis_fre", self.basis))
        object.__setattr__(self, "huidig", _fre("huidig_fre", self.huidig))

    @property
    def verschil(self) -> Decimal:
        """Huidige min basisformatie: positief voor een groeier, negatief voor een daler."""
        return _verschil(self.huidig, self.basis)

    def als_dict(self) -> dict[str, str]:
        return {
            "school": self.school,
            "basis_fre": str(self.basis),
            "huidig_fre": str(self.huidig),
            "verschil_fre": str(self.verschil),
        }


@dataclass(frozen=True, slots=True)
class Formatiegarantie:
    """De formatiegarantie van een REC: het tekort van de som van de formatie ten opzichte
    van het basisjaar, nooit negatief (004, 'Formatiegarantieregeling'; I-10, I-28)."""

    schooljaar: Schooljaar
    basisjaar: Schooljaar
    scholen: tuple[SchoolFormatie, ...]
    som_basis: Decimal
    som_huidig: Decimal
    saldo: Decimal
    garantie: Decimal
    uitleg: Uitleg

    @property
    def heeft_garantie(self) -> bool:
        return self.garantie > 0

    @property
    def verschillen(self) -> tuple[tuple[str, Decimal], ...]:
        """Per school het verschil huidig − basis in fre (plussen en minnen)."""
        return tuple((s.school, s.verschil) for s in self.scholen)

    @property
    def dalers(self) -> tuple[SchoolFormatie, ...]:
        return tuple(s for s in self.scholen if s.verschil < 0)

    @property
    def groeiers(self) -> tuple[SchoolFormatie, ...]:
        return tuple(s for s in self.scholen if s.verschil > 0)

    def als_dict(self) -> dict[str, object]:
        return {
            "schooljaar": str(self.schooljaar),
            "basisjaar": str(self.basisjaar),
            "scholen": [s.als_dict() for s in self.scholen],
            "som_basis_fre": str(self.som_basis),
            "som_huidig_fre": str(self.som_huidig),
            "saldo_fre": str(self.saldo),
            "garantie_fre": str(self.garantie),
            "uitleg": self.uitleg.als_dict(),
        }


#: SchoolFormatie of SchoolVerschil: de invoer van de formatiegarantie per school.
_S = TypeVar("_S", bound="SchoolFormatie | SchoolVerschil")


def _rec_scholen(scholen: Iterable[_S], soort: type[_S], wat: str) -> tuple[_S, ...]:
    """De scholen van een REC voor de formatiegarantie: ten minste één, elk van ``soort``,
    elke naam één keer."""
    lijst = tuple(scholen)
    if not lijst:
        raise OngeldigeInvoer(
            "scholen", "(geen)", reden=f"geef {wat} van ten minste één school van het REC"
        )
    gezien: set[str] = set()
    for s in lijst:
        if not isinstance(s, soort):
            raise OngeldigeInvoer("scholen", s, reden=f"verwacht {soort.__name__} per school")
        if s.school in gezien:
            raise OngeldigeInvoer("school", s.school, reden="staat meer dan eens in de invoer")
        gezien.add(s.school)
    return lijst


def _garantie_basisjaar(
    regeling: Regeling, schooljaar: Schooljaar
) -> tuple[Parameterwaarde, Schooljaar]:
    """Het basisjaar van de formatiegarantie in ``schooljaar``, dat erna moet liggen; alleen
    in 2003-2004 en 2004-2005 (I-28), anders een ontbrekende bron zoals bij de
    REC-bekostiging (I-22)."""
    w_basisjaar = _zoek(
        regeling,
        "formatiegarantie.basisjaar",
        schooljaar,
        wat="de formatiegarantie",
        toelichting=(
            "004 werkt de formatiegarantie alleen uit voor de schooljaren 2003-2004 en "
            "2004-2005, net als de REC-bekostiging; zie interpretaties I-28 en I-22"
        ),
    )
    basisjaar = Schooljaar.van_tekst(str(w_basisjaar.waarde))
    if schooljaar <= basisjaar:
        raise OngeldigeInvoer(
            "schooljaar", str(schooljaar), reden=f"moet na het basisjaar {basisjaar} liggen"
        )
    return w_basisjaar, basisjaar


def formatiegarantie(
    regeling: Regeling, schooljaar: Schooljaar, scholen: Iterable[SchoolFormatie]
) -> Formatiegarantie:
    """Bepaal de formatiegarantie van een REC: plussen en minnen van de scholen vallen tegen
    elkaar weg, een netto tekort ten opzichte van het basisjaar wordt aangevuld (004,
    'Formatiegarantieregeling'). Alleen in 2003-2004 en 2004-2005 (I-28); daarna een
    ontbrekende bron, zoals bij de REC-bekostiging (I-22)."""
    schooljaar = _schooljaar(schooljaar)
    lijst = _rec_scholen(scholen, SchoolFormatie, "de formatie")
    w_basisjaar, basisjaar = _garantie_basisjaar(regeling, schooljaar)

    som_basis = _som(s.basis for s in lijst)
    som_huidig = _som(s.huidig for s in lijst)
    saldo = _verschil(som_huidig, som_basis)
    garantie = max(_NUL, _verschil(som_basis, som_huidig))

    per_school = "; ".join(
        f"{s.school}: {_getal(s.basis)} → {_getal(s.huidig)} ({_met_teken(s.verschil)})"
        for s in lijst
    )
    if garantie > 0:
        dalers = ", ".join(s.school for s in lijst if s.verschil < 0)
        slot = (
            f"formatiegarantie {_getal(garantie)} fre; het REC meldt aan Cfi aan welke "
            f"school of scholen die wordt toegekend (dalende scholen: {dalers})"
        )
    else:
        slot = "geen formatiegarantie: de scholen vangen de schommelingen op de gewone manier op"
    stappen = (
        Stap(
            regel="rec.formatiegarantie.saldo",
            omschrijving=(
                f"Som van de formatie van alle scholen van het REC in {schooljaar} tegenover "
                f"het basisjaar {basisjaar}; plussen en minnen van scholen vallen tegen elkaar "
                "weg. Per school: basis → huidig (verschil), in fre."
            ),
            invoer=invoer(schooljaar=schooljaar, scholen=per_school),
            gelezen=(w_basisjaar.gelezen(),),
            grondslag=(BRON_FORMATIEGARANTIE,),
            interpretaties=("I-10",),
            uitkomst=(
                f"som {basisjaar} = {_getal(som_basis)} fre, som {schooljaar} = "
                f"{_getal(som_huidig)} fre, saldo {_met_teken(saldo)} fre"
            ),
        ),
        Stap(
            regel="rec.formatiegarantie.garantie",
            omschrijving=(
                "Is de som lager dan in het basisjaar, dan wordt het verschil aanvullend "
                "toegekend: garantie = grootste van 0 en (som basis − som huidig)."
            ),
            grondslag=(BRON_FORMATIEGARANTIE,),
            interpretaties=("I-10",),
            uitkomst=(
                f"max(0, {_getal(som_basis)} − {_getal(som_huidig)}) = {_getal(garantie)} fre: "
                + slot
            ),
        ),
    )
    return Formatiegarantie(
        schooljaar=schooljaar,
        basisjaar=basisjaar,
        scholen=lijst,
        som_basis=som_basis,
        som_huidig=som_huidig,
        saldo=saldo,
        garantie=garantie,
        uitleg=Uitleg(f"formatiegarantie REC {schooljaar}", stappen),
    )


def formatiegarantie_per_rec(
    regeling: Regeling,
    schooljaar: Schooljaar,
    recs: Mapping[str, Iterable[SchoolFormatie]] | Iterable[tuple[str, Iterable[SchoolFormatie]]],
) -> dict[str, Formatiegarantie]:
    """Formatiegarantie voor veel REC's tegelijk (bulk); een fout noemt het REC
    (004, 'Formatiegarantieregeling')."""
    paren = recs.items() if isinstance(recs, Mapping) else recs
    uit: dict[str, Formatiegarantie] = {}
    for naam, scholen in paren:
        if naam in uit:
            raise OngeldigeInvoer("rec", naam, reden="staat meer dan eens in de invoer")
        try:
            uit[naam] = formatiegarantie(regeling, schooljaar, scholen)
        except OngeldigeInvoer as e:
            raise OngeldigeInvoer(
                f"rec {naam}: {e.veld}", e.waarde, toegestaan=e.toegestaan, reden=e.reden
            ) from e
    return uit


@dataclass(frozen=True, slots=True)
class SchoolVerschil:
    """Het verschil in formatie (fre) van één school tegenover het basisjaar: positief voor
    een groeier, negatief voor een daler (004, 'Formatiegarantieregeling': plussen en minnen)."""

    school: str
    verschil: Decimal

    def __post_init__(self) -> None:
        if not isinstance(self.school, str) or not self.school.strip():
            raise OngeldigeInvoer("school", self.school, reden="een school heeft een naam")
        waarde = self.verschil
        if isinstance(waarde, bool) or not isinstance(waarde, Decimal | int):
            raise OngeldigeInvoer(
                "verschil_fre", waarde, reden="een verschil in fre is een decimaal getal"
            )
        d = Decimal(waarde)
        if not d.is_finite():
            raise OngeldigeInvoer("verschil_fre", waarde, reden="moet een eindig getal zijn")
        object.__setattr__(self, "verschil", d)

    def als_dict(self) -> dict[str, str]:
        return {"school": self.school, "verschil_fre": str(self.verschil)}


@dataclass(frozen=True, slots=True)
class VerschilGarantie:
    """De formatiegarantie van een REC uit de verschillen per school tegenover het basisjaar:
    het netto tekort wordt aangevuld, nooit negatief (004, 'Formatiegarantieregeling'; I-10).
    Dezelfde uitkomst als :func:`formatiegarantie` met absolute formaties."""

    schooljaar: Schooljaar
    basisjaar: Schooljaar
    scholen: tuple[SchoolVerschil, ...]
    saldo: Decimal
    garantie: Decimal
    uitleg: Uitleg

    @property
    def heeft_garantie(self) -> bool:
        return self.garantie > 0

    @property
    def verschillen(self) -> tuple[tuple[str, Decimal], ...]:
        return tuple((s.school, s.verschil) for s in self.scholen)

    def als_dict(self) -> dict[str, object]:
        return {
            "schooljaar": str(self.schooljaar),
            "basisjaar": str(self.basisjaar),
            "scholen": [s.als_dict() for s in self.scholen],
            "saldo_fre": str(self.saldo),
            "garantie_fre": str(self.garantie),
            "uitleg": self.uitleg.als_dict(),
        }


def formatiegarantie_uit_verschillen(
    regeling: Regeling, schooljaar: Schooljaar, scholen: Iterable[SchoolVerschil]
) -> VerschilGarantie:
    """Bepaal de formatiegarantie van een REC uit de plussen en minnen van zijn scholen
    tegenover het basisjaar: ze vallen tegen elkaar weg, een netto min wordt aangevuld
    (004, 'Formatiegarantieregeling')."""
    schooljaar = _schooljaar(schooljaar)
    lijst = _rec_scholen(scholen, SchoolVerschil, "het verschil")
    w_basisjaar, basisjaar = _garantie_basisjaar(regeling, schooljaar)
    saldo = _som(s.verschil for s in lijst)
    garantie = max(_NUL, -saldo)
    per_school = "; ".join(f"{s.school}: {_met_teken(s.verschil)}" for s in lijst)
    stappen = (
        Stap(
            regel="rec.formatiegarantie.saldo",
            omschrijving=(
                f"Plussen en minnen van de scholen van het REC in {schooljaar} tegenover het "
                f"basisjaar {basisjaar} vallen tegen elkaar weg. Per school het verschil in fre."
            ),
            invoer=invoer(schooljaar=schooljaar, scholen=per_school),
            gelezen=(w_basisjaar.gelezen(),),
            grondslag=(BRON_FORMATIEGARANTIE,),
            interpretaties=("I-10",),
            uitkomst=f"saldo {_met_teken(saldo)} fre",
        ),
        Stap(
            regel="rec.formatiegarantie.garantie",
            omschrijving=(
                "Is het saldo negatief, dan wordt dat tekort aanvullend toegekend: "
                "garantie = grootste van 0 en −saldo."
            ),
            grondslag=(BRON_FORMATIEGARANTIE,),
            interpretaties=("I-10",),
            uitkomst=(
                f"max(0, −({_met_teken(saldo)})) = {_getal(garantie)} fre"
                + (
                    ""
                    if garantie > 0
                    else ": geen formatiegarantie, de scholen vangen de schommelingen op de "
                    "gewone manier op"
                )
            ),
        ),
    )
    return VerschilGarantie(
        schooljaar=schooljaar,
        basisjaar=basisjaar,
        scholen=lijst,
        saldo=saldo,
        garantie=garantie,
        uitleg=Uitleg(f"formatiegarantie REC {schooljaar}", stappen),
    )


@dataclass(frozen=True, slots=True)
class GarantieToedeling:
    """Hoe het REC de formatiegarantie over zijn scholen verdeelt, zoals het die aan Cfi
    meldt (004, 'Formatiegarantieregeling')."""

    garantie: Formatiegarantie | VerschilGarantie
    per_school: tuple[tuple[str, Decimal], ...]
    uitleg: Uitleg

    def als_dict(self) -> dict[str, object]:
        return {
            "schooljaar": str(self.garantie.schooljaar),
            "garantie_fre": str(self.garantie.garantie),
            "toedeling": {school: str(fre) for school, fre in self.per_school},
            "uitleg": self.uitleg.als_dict(),
        }


def verdeel_formatiegarantie(
    garantie: Formatiegarantie | VerschilGarantie,
    toedeling: Mapping[str, Decimal] | Iterable[tuple[str, Decimal]],
) -> GarantieToedeling:
    """Leg de verdeling van de garantie over scholen van het REC vast; de delen zijn niet
    negatief en tellen exact op tot de garantie (004, 'Formatiegarantieregeling')."""
    paren = tuple(toedeling.items() if isinstance(toedeling, Mapping) else toedeling)
    namen = tuple(s.school for s in garantie.scholen)
    gezien: set[str] = set()
    delen: list[tuple[str, Decimal]] = []
    for school, deel in paren:
        if school not in namen:
            raise OngeldigeInvoer(
                "toedeling.school",
                school,
                toegestaan=namen,
                reden="de garantie gaat alleen naar scholen van het REC",
            )
        if school in gezien:
            raise OngeldigeInvoer(
                "toedeling.school", school, reden="staat meer dan eens in de toedeling"
            )
        gezien.add(school)
        delen.append((school, _fre(f"toedeling[{school}]", deel)))
    som = _som(d for _, d in delen)
    if som != garantie.garantie:
        raise OngeldigeInvoer(
            "toedeling",
            _getal(som),
            reden=(
                f"de toegedeelde fre ({_getal(som)}) moeten exact optellen tot de "
                f"formatiegarantie ({_getal(garantie.garantie)} fre)"
            ),
        )
    tekst = "; ".join(f"{s}: {_getal(d)} fre" for s, d in delen) or "(niets toe te delen)"
    stap = Stap(
        regel="rec.formatiegarantie.toedeling",
        omschrijving=(
            "Het REC coördineert de inzet van de formatiegarantie en meldt aan Cfi welke "
            "school of scholen haar krijgen; de delen tellen op tot de garantie."
        ),
        invoer=invoer(toedeling=tekst),
        grondslag=(BRON_FORMATIEGARANTIE,),
        uitkomst=f"{_getal(som)} fre toegedeeld van {_getal(garantie.garantie)} fre",
    )
    return GarantieToedeling(garantie, tuple(delen), garantie.uitleg.met(stap))


# --- 3. Overgang naar genormeerde PAB-formatie -----------------------------------------------


class Richting(StrEnum):
    """Of de genormeerde PAB-formatie van een school lager (daler), hoger (groeier) of gelijk
    is aan haar huidige formatie (004, PAB-overgang)."""

    DALER = "daler"
    GROEIER = "groeier"
    GELIJK = "gelijk"


@dataclass(frozen=True, slots=True)
class PabFormatie:
    """De PAB-formatie van één school en onderwijssoort in een overgangsjaar (004, PAB;
    interpretatie I-16). De formatie wordt niet afgerond."""

    schooljaar: Schooljaar
    huidig: Decimal
    genormeerd: Decimal
    richting: Richting
    aandeel: Decimal | None
    formatie: Decimal
    uitleg: Uitleg
    school: str | None = None
    onderwijssoort: Onderwijssoort | None = None

    def als_dict(self) -> dict[str, object]:
        return {
            "schooljaar": str(self.schooljaar),
            "school": self.school,
            "onderwijssoort": str(self.onderwijssoort) if self.onderwijssoort else None,
            "huidig_fre": str(self.huidig),
            "genormeerd_fre": str(self.genormeerd),
            "richting": str(self.richting),
            "aandeel": str(self.aandeel) if self.aandeel is not None else None,
            "formatie_fre": str(self.formatie),
            "uitleg": self.uitleg.als_dict(),
        }


def pab_formatie(
    regeling: Regeling,
    schooljaar: Schooljaar,
    *,
    huidig: Decimal,
    genormeerd: Decimal,
    school: str | None = None,
    onderwijssoort: Onderwijssoort | None = None,
) -> PabFormatie:
    """PAB-formatie in de overgang naar de genormeerde formatie: daler N + x·(C − N), groeier
    C + x·(N − C) (004, 'Ambulante begeleiding (AB) en preventieve ambulante begeleiding
    (PAB)'; interpretatie I-16)."""
    schooljaar = _schooljaar(schooljaar)
    c = _fre("huidig", huidig)
    n = _fre("genormeerd", genormeerd)
    if onderwijssoort is not None and not isinstance(onderwijssoort, Onderwijssoort):
        raise OngeldigeInvoer("onderwijssoort", onderwijssoort, toegestaan=Onderwijssoort.codes())

    def zoek(richting: Richting) -> Parameterwaarde:
        return _zoek(
            regeling,
            "pab.aandeel_toegekend",
            schooljaar,
            wat=f"de PAB-overgang ({richting})",
            toelichting=(
                "004 geeft de overgang naar genormeerde PAB-formatie alleen voor 2005-2006, "
                "2006-2007 en 2007-2008; zie interpretatie I-16"
            ),
            richting=str(richting),
        )

    labels = invoer(school=school, onderwijssoort=onderwijssoort, C=_getal(c), N=_getal(n))
    aandeel: Decimal | None
    gelezen: tuple[GelezenWaarde, ...]
    if n < c:
        richting = Richting.DALER
        w = zoek(richting)
        aandeel = _decimaal(w)
        formatie = _EXACT.add(n, _maal(aandeel, _verschil(c, n)))
        anders = _verschil(c, _maal(aandeel, _verschil(c, n)))
        gelezen = (w.gelezen(),)
        omschrijving = (
            f"Daler (genormeerd N lager dan huidig C) in {schooljaar}: formatie = N + "
            f"{_procent(aandeel)} van (C − N); de school houdt {_procent(aandeel)} van haar "
            f"overschot. Andere lezing (I-16): C − {_procent(aandeel)} van (C − N) = "
            f"{_getal(anders)} fre."
        )
        uitkomst = (
            f"{_getal(n)} + {_getal(aandeel)} × ({_getal(c)} − {_getal(n)}) = "
            f"{_getal(formatie)} fre"
        )
    elif n > c:
        richting = Richting.GROEIER
        w = zoek(richting)
        aandeel = _decimaal(w)
        formatie = _EXACT.add(c, _maal(aandeel, _verschil(n, c)))
        gelezen = (w.gelezen(),)
        omschrijving = (
            f"Groeier (genormeerd N hoger dan huidig C) in {schooljaar}: formatie = C + "
            f"{_procent(aandeel)} van (N − C); de school krijgt {_procent(aandeel)} van haar "
            "tekort erbij."
        )
        uitkomst = (
            f"{_getal(c)} + {_getal(aandeel)} × ({_getal(n)} − {_getal(c)}) = "
            f"{_getal(formatie)} fre"
        )
    else:
        richting = Richting.GELIJK
        gelezen = (zoek(Richting.DALER).gelezen(), zoek(Richting.GROEIER).gelezen())
        aandeel = None
        formatie = n
        omschrijving = (
            f"Huidige en genormeerde formatie zijn gelijk in {schooljaar}: er is geen verschil "
            "om over te gaan; de formatie is de genormeerde formatie."
        )
        uitkomst = f"{_getal(formatie)} fre"

    stap = Stap(
        regel="rec.pab.overgang",
        omschrijving=omschrijving,
        invoer=labels,
        gelezen=gelezen,
        grondslag=(BRON_PAB,),
        interpretaties=("I-16",),
        uitkomst=uitkomst,
    )
    onderwerp = f"PAB-formatie {schooljaar}" + (f" {school}" if school else "")
    return PabFormatie(
        schooljaar=schooljaar,
        huidig=c,
        genormeerd=n,
        richting=richting,
        aandeel=aandeel,
        formatie=formatie,
        uitleg=Uitleg(onderwerp, (stap,)),
        school=school,
        onderwijssoort=onderwijssoort,
    )


# --- 4. Residentiële plaatsen ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResidentieleVerrekening:
    """Bekostigde leerlingen en plaatsen na verrekening van toegekende residentiële plaatsen
    met de getelde leerlingen (004, 'Residentiële plaatsen'). Een plaats kost wat een
    leerling kost."""

    schooljaar: Schooljaar
    leerlingen: int
    plaatsen: int
    verrekend: bool
    bekostigde_leerlingen: int
    bekostigde_plaatsen: int
    uitleg: Uitleg

    @property
    def bekostigd_totaal(self) -> int:
        """Leerlingen plus plaatsen waarvoor de school bekostigd wordt."""
        return self.bekostigde_leerlingen + self.bekostigde_plaatsen

    def als_dict(self) -> dict[str, object]:
        return {
            "schooljaar": str(self.schooljaar),
            "leerlingen": self.leerlingen,
            "plaatsen": self.plaatsen,
            "verrekend": self.verrekend,
            "bekostigde_leerlingen": self.bekostigde_leerlingen,
            "bekostigde_plaatsen": self.bekostigde_plaatsen,
            "bekostigd_totaal": self.bekostigd_totaal,
            "uitleg": self.uitleg.als_dict(),
        }


def verreken_residentiele_plaatsen(
    regeling: Regeling, schooljaar: Schooljaar, *, leerlingen: int, plaatsen: int
) -> ResidentieleVerrekening:
    """Trek in het startjaar 2003-2004 de toegekende plaatsen af van de leerlingen op de
    teldatum, om dubbele bekostiging te voorkomen (004, 'Residentiële plaatsen'). Meer
    plaatsen dan getelde leerlingen weigert de regel (interpretatie I-63)."""
    schooljaar = _schooljaar(schooljaar)
    leerlingen = _aantal("leerlingen", leerlingen)
    plaatsen = _aantal("plaatsen", plaatsen)
    w = _zoek(
        regeling,
        "residentieel.verrekening",
        schooljaar,
        wat="de verrekening van residentiële plaatsen met leerlingen",
        toelichting="004 regelt de verrekening alleen voor het startjaar 2003-2004",
    )
    verrekend = w.waarde is True
    if verrekend and plaatsen > leerlingen:
        raise OngeldigeInvoer(
            "plaatsen",
            plaatsen,
            reden=(
                f"er kunnen niet meer plaatsen ({plaatsen}) worden verrekend dan er leerlingen "
                f"op de teldatum stonden ingeschreven ({leerlingen}); 004 rekent alleen plaatsen "
                "binnen de telling (interpretatie I-63)"
            ),
        )
    bekostigde_leerlingen = leerlingen - plaatsen if verrekend else leerlingen
    if verrekend:
        omschrijving = (
            f"In {schooljaar} gaan de toegekende plaatsen af van de leerlingen die op de teldatum "
            "(1 oktober 2002 of 16 januari 2003) stonden ingeschreven, om dubbele bekostiging "
            "te voorkomen; een plaats wordt bekostigd als een leerling."
        )
        uitkomst = (
            f"{leerlingen} − {plaatsen} = {bekostigde_leerlingen} leerlingen en {plaatsen} "
            f"plaatsen (samen {bekostigde_leerlingen + plaatsen})"
        )
    else:
        omschrijving = f"In {schooljaar} worden plaatsen niet met leerlingen verrekend."
        uitkomst = f"{leerlingen} leerlingen en {plaatsen} plaatsen"
    stap = Stap(
        regel="rec.residentieel.verrekening",
        omschrijving=omschrijving,
        invoer=invoer(leerlingen=leerlingen, plaatsen=plaatsen),
        gelezen=(w.gelezen(),),
        grondslag=(BRON_RESIDENTIEEL,),
        interpretaties=("I-63",) if verrekend else (),
        uitkomst=uitkomst,
    )
    return ResidentieleVerrekening(
        schooljaar=schooljaar,
        leerlingen=leerlingen,
        plaatsen=plaatsen,
        verrekend=verrekend,
        bekostigde_leerlingen=bekostigde_leerlingen,
        bekostigde_plaatsen=plaatsen,
        uitleg=Uitleg(f"residentiële plaatsen {schooljaar}", (stap,)),
    )


#: De onderdelen die een verzoek om residentiële plaatsen volgens 004 bevat: veld en omschrijving.
ONDERDELEN_VERZOEK: tuple[tuple[str, str], ...] = (
    ("plaatsen", "het aantal plaatsen waarvoor vergoeding en formatie wordt gevraagd"),
    (
        "leerlingen_uit_instelling",
        "per schooljaar het aantal leerlingen uit de instelling, over de vijf voorafgaande "
        "schooljaren",
    ),
    (
        "gemiddelde_verblijfsduur_maanden",
        "hoe lang een leerling gemiddeld in de instelling verblijft",
    ),
    ("plaatsen_instelling", "het totale aantal plaatsen in de instelling"),
    ("naam_instelling", "de naam van de instelling"),
    ("adres_instelling", "het adres van de instelling"),
    ("aard_opvang", "de aard van de opvang die de instelling biedt"),
    (
        "afschrift_samenwerkingsafspraken",
        "een afschrift van de samenwerkingsafspraken tussen school en instelling",
    ),
)
_OMSCHRIJVING = dict(ONDERDELEN_VERZOEK)


@dataclass(frozen=True, slots=True)
class VerzoekResidentielePlaatsen:
    """Een verzoek van een school om residentiële plaatsen voor een schooljaar, met de
    onderdelen die 004 voorschrijft (004, 'Residentiële plaatsen'). ``None`` is 'ontbreekt'."""

    school: str
    schooljaar: Schooljaar
    onderwijssoort_school: Onderwijssoort
    onderwijssoort: Onderwijssoort
    plaatsen: int | None = None
    leerlingen_uit_instelling: tuple[tuple[Schooljaar, int], ...] = ()
    gemiddelde_verblijfsduur_maanden: Decimal | None = None
    plaatsen_instelling: int | None = None
    naam_instelling: str | None = None
    adres_instelling: str | None = None
    aard_opvang: str | None = None
    afschrift_samenwerkingsafspraken: bool = False
    verbrede_toelating: bool = False

    @property
    def vorige_schooljaren(self) -> tuple[Schooljaar, ...]:
        """De vijf schooljaren vóór het schooljaar van het verzoek, oudste eerst."""
        return tuple(Schooljaar(self.schooljaar.beginjaar - i) for i in range(5, 0, -1))


class OnvolledigVerzoek(OngeldigeInvoer):
    """Een verzoek mist onderdelen die 004 voorschrijft; de fout noemt ze allemaal tegelijk."""

    def __init__(self, ontbrekend: tuple[tuple[str, str], ...]) -> None:
        self.ontbrekend = ontbrekend
        super().__init__(
            "verzoek",
            "onvolledig",
            reden=(
                f"het verzoek mist {len(ontbrekend)} onderdeel/onderdelen die "
                f"{BRON_RESIDENTIEEL.citeer()} voorschrijft: "
                + "; ".join(f"{veld} ({omschrijving})" for veld, omschrijving in ontbrekend)
            ),
        )

    @property
    def velden(self) -> tuple[str, ...]:
        return tuple(veld for veld, _ in self.ontbrekend)


def _leeg(tekst: str | None) -> bool:
    return tekst is None or not tekst.strip()


def ontbrekende_onderdelen(verzoek: VerzoekResidentielePlaatsen) -> tuple[tuple[str, str], ...]:
    """Alle onderdelen die het verzoek mist, als (veld, omschrijving), in de volgorde van 004;
    een ontbrekend schooljaar heet ``leerlingen_uit_instelling[2001-2002]``."""
    ontbrekend: list[tuple[str, str]] = []

    def mist(veld: str, omschrijving: str | None = None) -> None:
        ontbrekend.append((veld, omschrijving or _OMSCHRIJVING[veld]))

    if verzoek.plaatsen is None:
        mist("plaatsen")
    opgegeven = {sj for sj, _ in verzoek.leerlingen_uit_instelling}
    if not opgegeven:
        mist("leerlingen_uit_instelling")
    else:
        for sj in verzoek.vorige_schooljaren:
            if sj not in opgegeven:
                mist(
                    f"leerlingen_uit_instelling[{sj}]",
                    f"het aantal leerlingen uit de instelling in {sj}",
                )
    if verzoek.gemiddelde_verblijfsduur_maanden is None:
        mist("gemiddelde_verblijfsduur_maanden")
    if verzoek.plaatsen_instelling is None:
        mist("plaatsen_instelling")
    if _leeg(verzoek.naam_instelling):
        mist("naam_instelling")
    if _leeg(verzoek.adres_instelling):
        mist("adres_instelling")
    if _leeg(verzoek.aard_opvang):
        mist("aard_opvang")
    if not verzoek.afschrift_samenwerkingsafspraken:
        mist("afschrift_samenwerkingsafspraken")
    return tuple(ontbrekend)


@dataclass(frozen=True, slots=True)
class OntvankelijkVerzoek:
    """Een verzoek om residentiële plaatsen dat volledig is en mag worden ingediend
    (004, 'Residentiële plaatsen'); over de toekenning zelf beslist het verzoek niets."""

    verzoek: VerzoekResidentielePlaatsen
    uitleg: Uitleg


def beoordeel_verzoek_residentiele_plaatsen(
    verzoek: VerzoekResidentielePlaatsen,
) -> OntvankelijkVerzoek:
    """Controleer een verzoek om residentiële plaatsen: alleen voor de eigen onderwijssoort,
    niet samen met verbrede toelating, en met alle onderdelen (004, 'Residentiële plaatsen')."""
    if not isinstance(verzoek, VerzoekResidentielePlaatsen):
        raise OngeldigeInvoer("verzoek", verzoek, reden="verwacht VerzoekResidentielePlaatsen")
    _schooljaar(verzoek.schooljaar)
    redenen: list[str] = []
    if verzoek.onderwijssoort != verzoek.onderwijssoort_school:
        redenen.append(
            f"residentiële plaatsen kunnen alleen worden gevraagd voor de onderwijssoort die de "
            f"school zelf verzorgt ({verzoek.onderwijssoort_school}), niet voor "
            f"{verzoek.onderwijssoort}"
        )
    if verzoek.verbrede_toelating:
        redenen.append(
            "residentiële plaatsen kunnen niet samen met verbrede toelating worden gevraagd: "
            "verbrede toelating gaat over leerlingen met een indicatie voor een andere "
            "onderwijssoort"
        )
    if redenen:
        raise NietToegestaan("; ".join(redenen), bron=BRON_RESIDENTIEEL.citeer())

    ontbrekend = ontbrekende_onderdelen(verzoek)
    if ontbrekend:
        raise OnvolledigVerzoek(ontbrekend)

    assert verzoek.plaatsen is not None
    assert verzoek.plaatsen_instelling is not None
    assert verzoek.gemiddelde_verblijfsduur_maanden is not None
    _aantal("plaatsen", verzoek.plaatsen, minimum=1)
    _aantal("plaatsen_instelling", verzoek.plaatsen_instelling, minimum=1)
    duur = _fre(
        "gemiddelde_verblijfsduur_maanden",
        verzoek.gemiddelde_verblijfsduur_maanden,
        wat="een verblijfsduur",
    )
    if duur <= 0:
        raise OngeldigeInvoer(
            "gemiddelde_verblijfsduur_maanden", duur, reden="moet groter dan 0 zijn"
        )
    vorige = verzoek.vorige_schooljaren
    gezien: set[Schooljaar] = set()
    for sj, aantal in verzoek.leerlingen_uit_instelling:
        veld = f"leerlingen_uit_instelling[{sj}]"
        if sj not in vorige:
            raise OngeldigeInvoer(
                "leerlingen_uit_instelling",
                str(sj),
                toegestaan=[str(v) for v in vorige],
                reden="alleen de vijf schooljaren vóór het verzoek",
            )
        if sj in gezien:
            raise OngeldigeInvoer(veld, aantal, reden="schooljaar staat dubbel in het verzoek")
        gezien.add(sj)
        _aantal(veld, aantal)

    per_jaar = ", ".join(f"{sj}: {a}" for sj, a in sorted(verzoek.leerlingen_uit_instelling))
    stap = Stap(
        regel="rec.residentieel.verzoek",
        omschrijving=(
            "Een verzoek om residentiële plaatsen is alleen mogelijk voor de eigen "
            "onderwijssoort van de school, niet samen met verbrede toelating, en gaat vergezeld "
            "van alle onderdelen die 004 noemt."
        ),
        invoer=invoer(
            school=verzoek.school,
            schooljaar=verzoek.schooljaar,
            onderwijssoort=verzoek.onderwijssoort,
            plaatsen=verzoek.plaatsen,
            leerlingen_uit_instelling=per_jaar,
            gemiddelde_verblijfsduur_maanden=_getal(duur),
            plaatsen_instelling=verzoek.plaatsen_instelling,
            instelling=f"{verzoek.naam_instelling}, {verzoek.adres_instelling}",
            aard_opvang=verzoek.aard_opvang,
        ),
        grondslag=(BRON_RESIDENTIEEL,),
        uitkomst="verzoek is volledig en ontvankelijk",
    )
    return OntvankelijkVerzoek(
        verzoek, Uitleg(f"verzoek residentiële plaatsen {verzoek.school}", (stap,))
    )
