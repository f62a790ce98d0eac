"""Wat-als-scenario's: een regeling als overlay op de basisregeling, en de vergelijking.

Een scenario is een regelingsbestand in het gewone TOML-formaat met ``soort =
"scenario"`` in ``[bestand]`` en een eigen bron (``[[bron]]`` met ``soort = "scenario"``;
interpretatie I-75). Het scenario kan

* waarden en tabellen geven (``[[waarde]]``, ``[[tabel]]``): die *vervangen* de
  basiswaarde met dezelfde parameter en sleutel voor de periode die ze noemen; buiten
  die periode blijft de basiswaarde gelden (interpretatie I-76). Een nieuw schooljaar is
  zo gewoon een waarde of tabel voor een periode die de basis nog niet kent;
* bedragen met een factor aanpassen (``[[aanpassing]]``: parameter, sleutelfilter,
  peildatum, factor en een *verplichte* afrondingsregel op hele centen; de afronding
  staat in de bron van elke aangepaste waarde; interpretatie I-77), in hun eigen periode
  of (met ``geldig_van``/``geldig_tot``) als waarde voor een nieuwe periode;
* een deel laten vervallen (``[[vervalt]]``): het bedrag wordt € 0 met het scenario als
  bron. Weglaten zou een leemte zijn (:class:`OntbrekendeBron`), geen nul (I-78).

Deze module is zuiver: :func:`pas_toe` maakt uit een basis en een gelezen
:class:`Scenario` een nieuwe :class:`Regeling`; het lezen van het bestand zit in
:func:`rugzak.regeling.laden.laad_scenario`. :func:`vergelijk` rekent een populatie op
het bulkpad (:mod:`rugzak.regeling.batch`) door onder beide regelingen;
:func:`vergelijk_leerling` geeft voor één leerling beide uitleggen (pad voor één
leerling) naast elkaar.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from rugzak.regeling.batch import (
    ONDERWIJSSOORTEN,
    SCHOOLSOORTEN,
    Leerlingjaren,
    Tarieftabellen,
    bereken,
)
from rugzak.regeling.begrippen import Ontvanger
from rugzak.regeling.bron import Bron, Publicatie
from rugzak.regeling.fouten import OngeldigeInvoer, OntbrekendeBron, RegelingFout
from rugzak.regeling.parameters import (
    Interpretatie,
    Parameterwaarde,
    Regeling,
    Sleutel,
)
from rugzak.regeling.populatie import (
    Populatie,
    gebeurtenissen_van,
    populatie_kolommen,
)
from rugzak.regeling.regels.betaling import Betaalschema, betaalschema
from rugzak.regeling.tijd import Periode, Schooljaar
from rugzak.regeling.uitleg import euro

#: Afrondingsregels op hele centen voor ``[[aanpassing]]`` (code -> (omschrijving, modus)).
AFRONDINGEN: Mapping[str, tuple[str, str]] = {
    "half_omhoog": ("op hele centen, een halve cent naar boven", ROUND_HALF_UP),
    "half_even": ("op hele centen, een halve cent naar de even cent", ROUND_HALF_EVEN),
    "omlaag": ("op hele centen naar beneden", ROUND_FLOOR),
    "omhoog": ("op hele centen naar boven", ROUND_CEILING),
}

I_OVERLAY = "I-76"
I_AFRONDING = "I-77"
I_VERVALT = "I-78"
I_POPULATIE = "I-79"

CENT = Decimal("0.01")


class ScenarioFout(RegelingFout, ValueError):
    """Een scenario past niet op de basisregeling; ``problemen`` zijn (plaats, melding)."""

    def __init__(self, problemen: Sequence[tuple[str, str]]) -> None:
        self.problemen = tuple(problemen)
        super().__init__(
            f"{len(self.problemen)} probleem/problemen in het scenario:\n"
            + "\n".join(f"  - {p}: {m}" for p, m in self.problemen)
        )


@dataclass(frozen=True, slots=True)
class Aanpassing:
    """Een ``[[aanpassing]]`` (``factor`` gegeven) of ``[[vervalt]]`` (``factor`` None).

    Ze werkt op elke basiswaarde van ``naam`` die op ``peildatum`` geldt en waarvan de
    sleutel bij ``filter`` past (per dimensie een van de genoemde waarden; een dimensie
    die het filter niet noemt, doet niet mee). De uitkomst geldt in de periode van de
    basiswaarde, of in ``periode`` als die gegeven is (een nieuw schooljaar).
    """

    plaats: str
    naam: str
    filter: tuple[tuple[str, tuple[str, ...]], ...]
    peildatum: date
    factor: Decimal | None
    afronding: str
    bron: Bron
    periode: Periode | None = None
    interpretaties: tuple[str, ...] = ()

    @property
    def vervalt(self) -> bool:
        return self.factor is None

    def past(self, sleutel: Sleutel) -> bool:
        d = dict(sleutel)
        return all(d.get(dim) in waarden for dim, waarden in self.filter)

    def filtertekst(self) -> str:
        if not self.filter:
            return "alle sleutels"
        return ", ".join(f"{d}={'|'.join(w)}" for d, w in self.filter)

    def toegepast(self, w: Parameterwaarde) -> Parameterwaarde:
        """De aangepaste waarde; de bron zegt wat er gerekend en hoe er afgerond is."""
        assert isinstance(w.waarde, Decimal)
        if self.factor is None:
            nieuw = Decimal("0.00")
            sectie = (
                f"{self.bron.sectie} ({self.plaats}): vervalt in dit scenario, € 0 in plaats "
                f"van {w.waarde}; basiswaarde: {w.bron.citeer()}"
            )
            extra = (I_VERVALT,)
        else:
            omschrijving, modus = AFRONDINGEN[self.afronding]
            nieuw = (w.waarde * self.factor).quantize(CENT, rounding=modus)
            sectie = (
                f"{self.bron.sectie} ({self.plaats}): {w.waarde} × {self.factor} = {nieuw}, "
                f"afgerond {omschrijving} ({self.afronding}); basiswaarde: {w.bron.citeer()}"
            )
            extra = (I_AFRONDING,)
        ids = tuple(dict.fromkeys((*w.interpretaties, *self.interpretaties, *extra)))
        return replace(
            w,
            waarde=nieuw,
            periode=self.periode or w.periode,
            bron=Bron(self.bron.document, sectie, publicatie=self.bron.publicatie),
            interpretaties=ids,
        )


@dataclass(frozen=True, slots=True)
class Scenario:
    """Een gelezen scenariobestand (nog niet op een basis toegepast)."""

    bestand: str
    titel: str
    bron: Publicatie
    waarden: tuple[Parameterwaarde, ...] = ()
    aanpassingen: tuple[Aanpassing, ...] = ()
    interpretaties: tuple[Interpretatie, ...] = ()

    @classmethod
    def leeg(cls, bron: Publicatie, titel: str = "leeg scenario") -> Scenario:
        return cls(bestand="", titel=titel, bron=bron)


@dataclass(frozen=True, slots=True)
class Scenarioregeling:
    """Een scenario met de basis waarop het is toegepast en de regeling die eruit volgt."""

    scenario: Scenario
    basis: Regeling
    regeling: Regeling
    #: per vervangen of aangepaste (naam, sleutel) de oude en de nieuwe waarde
    wijzigingen: tuple[tuple[Parameterwaarde | None, Parameterwaarde], ...] = ()


def _sleuteltekst(naam: str, sleutel: Sleutel) -> str:
    return f"{naam} [{', '.join(f'{k}={v}' for k, v in sleutel)}]" if sleutel else naam


def _min(periode: Periode, weg: Iterable[Periode]) -> list[Periode]:
    """``periode`` zonder de dagen in ``weg``."""
    stukken = [periode]
    for w in weg:
        nieuw: list[Periode] = []
        for s in stukken:
            if not s.overlapt(w):
                nieuw.append(s)
                continue
            if s.van < w.van:
                nieuw.append(Periode(s.van, w.van - timedelta(days=1)))
            if w.tot < s.tot:
                nieuw.append(Periode(w.tot + timedelta(days=1), s.tot))
        stukken = nieuw
    return stukken


def pas_toe(basis: Regeling, scenario: Scenario) -> Scenarioregeling:
    """Het scenario over de basis gelegd: een nieuwe, onveranderlijke :class:`Regeling`.

    Weigert met :class:`ScenarioFout` (alle problemen tegelijk) als een aanpassing op
    geen enkele basiswaarde past, of als twee scenariowaarden voor dezelfde parameter en
    sleutel elkaar in de tijd overlappen.
    """
    problemen: list[tuple[str, str]] = []
    overlay: list[tuple[str, Parameterwaarde]] = [
        (f"{w.naam} ({w.bron.sectie})", w) for w in scenario.waarden
    ]
    eigen = {id(w) for w in scenario.waarden}
    for a in scenario.aanpassingen:
        treffers = [
            w
            for w in basis.waarden
            if w.naam == a.naam and w.periode.bevat(a.peildatum) and a.past(w.sleutel)
        ]
        if not treffers:
            problemen.append(
                (
                    a.plaats,
                    f"geen enkele waarde van {a.naam} met {a.filtertekst()} geldt op "
                    f"{a.peildatum} in de basisregeling; er is niets om aan te passen",
                )
            )
        overlay.extend((a.plaats, a.toegepast(w)) for w in treffers)
    per_sleutel: dict[tuple[str, Sleutel], list[tuple[str, Parameterwaarde]]] = {}
    for plaats, w in overlay:
        per_sleutel.setdefault((w.naam, w.sleutel), []).append((plaats, w))
    for (naam, sleutel), lijst in per_sleutel.items():
        lijst.sort(key=lambda pw: pw[1].periode.van)
        for (pa, a_), (pb, b_) in pairwise(lijst):
            # twee eigen waarden die overlappen meldt het lezen van het bestand al
            if a_.periode.overlapt(b_.periode) and not (id(a_) in eigen and id(b_) in eigen):
                problemen.append(
                    (
                        pb,
                        f"{_sleuteltekst(naam, sleutel)}: periode {b_.periode} overlapt met "
                        f"{a_.periode} uit {pa}; het scenario geeft per datum één waarde",
                    )
                )
    if problemen:
        raise ScenarioFout(problemen)
    # welke sleutels vervangen een basiswaarde (dan noemt de nieuwe waarde I-76)
    vervangen = {
        (w.naam, w.sleutel)
        for w in basis.waarden
        if any(x.periode.overlapt(w.periode) for _, x in per_sleutel.get((w.naam, w.sleutel), ()))
    }
    for k in vervangen:
        per_sleutel[k] = [
            (
                p,
                x
                if I_OVERLAY in x.interpretaties
                else replace(x, interpretaties=(*x.interpretaties, I_OVERLAY)),
            )
            for p, x in per_sleutel[k]
        ]
    waarden: list[Parameterwaarde] = []
    wijzigingen: list[tuple[Parameterwaarde | None, Parameterwaarde]] = []
    for w in basis.waarden:
        nieuw = per_sleutel.get((w.naam, w.sleutel))
        if not nieuw:
            waarden.append(w)
            continue
        waarden.extend(
            replace(w, periode=p) for p in _min(w.periode, [x.periode for _, x in nieuw])
        )
        wijzigingen.extend((w, x) for _, x in nieuw if x.periode.overlapt(w.periode))
    for (naam, sleutel), lijst in per_sleutel.items():
        for _, x in lijst:
            if (naam, sleutel) not in vervangen:
                wijzigingen.append((None, x))
            waarden.append(x)
    interpretaties = [*basis.interpretaties.values(), *scenario.interpretaties]
    try:
        regeling = Regeling(waarden, interpretaties)
    except ValueError as e:  # pragma: no cover - overlap is hierboven al uitgesloten
        raise ScenarioFout([(scenario.bestand, str(e))]) from e
    return Scenarioregeling(scenario, basis, regeling, tuple(wijzigingen))


# --- vergelijking op het bulkpad ---------------------------------------------------


def _bedrag(centen: int) -> str:
    return str(Decimal(centen).scaleb(-2).quantize(CENT))


@dataclass(frozen=True, slots=True)
class Totaal:
    """Basis en scenario voor één groep (een ontvanger, REC, schoolsoort, school, ...)."""

    sleutel: str
    omschrijving: str
    leerlingen: int
    basis_centen: int
    scenario_centen: int

    @property
    def verschil_centen(self) -> int:
        return self.scenario_centen - self.basis_centen

    @property
    def verschil_procent(self) -> Decimal | None:
        """Het verschil als percentage van de basis (één decimaal); None als de basis 0 is."""
        if self.basis_centen == 0:
            return None
        return (Decimal(self.verschil_centen) * 100 / Decimal(self.basis_centen)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    def als_dict(self) -> dict[str, object]:
        p = self.verschil_procent
        return {
            "sleutel": self.sleutel,
            "omschrijving": self.omschrijving,
            "leerlingen": self.leerlingen,
            "basis": _bedrag(self.basis_centen),
            "scenario": _bedrag(self.scenario_centen),
            "verschil": _bedrag(self.verschil_centen),
            "verschil_procent": None if p is None else str(p),
        }


@dataclass(frozen=True, slots=True)
class Leerlingverschil:
    """Wat één leerling (pseudoniem) in basis en scenario in het schooljaar oplevert."""

    leerling: str
    scholen: tuple[str, ...]
    rec: str
    basis_school_centen: int
    basis_ab_centen: int
    scenario_school_centen: int
    scenario_ab_centen: int

    @property
    def basis_centen(self) -> int:
        return self.basis_school_centen + self.basis_ab_centen

    @property
    def scenario_centen(self) -> int:
        return self.scenario_school_centen + self.scenario_ab_centen

    @property
    def verschil_centen(self) -> int:
        return self.scenario_centen - self.basis_centen

    def als_dict(self) -> dict[str, object]:
        return {
            "leerling": self.leerling,
            "scholen": list(self.scholen),
            "rec": self.rec,
            "basis": _bedrag(self.basis_centen),
            "scenario": _bedrag(self.scenario_centen),
            "verschil": _bedrag(self.verschil_centen),
            "basis_school": _bedrag(self.basis_school_centen),
            "basis_ab": _bedrag(self.basis_ab_centen),
            "scenario_school": _bedrag(self.scenario_school_centen),
            "scenario_ab": _bedrag(self.scenario_ab_centen),
        }


#: De indelingen van een vergelijking, in de volgorde van tabellen en CSV.
INDELINGEN: tuple[tuple[str, str], ...] = (
    ("ontvanger", "per soort ontvanger"),
    ("rec", "per REC"),
    ("schoolsoort", "per schoolsoort"),
    ("onderwijssoort", "per onderwijssoort"),
    ("school", "per school"),
)


@dataclass(frozen=True, slots=True)
class Vergelijking:
    """Basis tegen scenario over een populatie in één schooljaar (bulkpad, hele centen).

    ``per_school`` is gesorteerd van meeste verlies naar meeste winst; gebruik
    :meth:`verliezers` en :meth:`winnaars` voor de uitersten.
    """

    schooljaar: Schooljaar
    scenario_titel: str
    scenario_bron: Publicatie
    totaal: Totaal
    per_ontvanger: tuple[Totaal, ...]
    per_rec: tuple[Totaal, ...]
    per_schoolsoort: tuple[Totaal, ...]
    per_onderwijssoort: tuple[Totaal, ...]
    per_school: tuple[Totaal, ...]
    per_leerling: tuple[Leerlingverschil, ...]
    interpretaties: tuple[str, ...] = field(default=(I_POPULATIE,))

    def indeling(self, naam: str) -> tuple[Totaal, ...]:
        return {
            "ontvanger": self.per_ontvanger,
            "rec": self.per_rec,
            "schoolsoort": self.per_schoolsoort,
            "onderwijssoort": self.per_onderwijssoort,
            "school": self.per_school,
        }[naam]

    def verliezers(self, n: int = 10) -> tuple[Totaal, ...]:
        """De ``n`` scholen die het meest verliezen (alleen wie er op achteruitgaat)."""
        return tuple(t for t in self.per_school if t.verschil_centen < 0)[:n]

    def winnaars(self, n: int = 10) -> tuple[Totaal, ...]:
        """De ``n`` scholen die het meest winnen (alleen wie er op vooruitgaat)."""
        return tuple(t for t in reversed(self.per_school) if t.verschil_centen > 0)[:n]

    def als_dict(self, *, top: int = 10) -> dict[str, object]:
        return {
            "schooljaar": str(self.schooljaar),
            "scenario": {"titel": self.scenario_titel, "bron": self.scenario_bron.als_dict()},
            "totaal": self.totaal.als_dict(),
            **{
                f"per_{naam}": [t.als_dict() for t in self.indeling(naam)] for naam, _ in INDELINGEN
            },
            "meeste_verlies": [t.als_dict() for t in self.verliezers(top)],
            "meeste_winst": [t.als_dict() for t in self.winnaars(top)],
            "per_leerling": [lv.als_dict() for lv in self.per_leerling],
            "interpretaties": list(self.interpretaties),
        }

    def csv_rijen(self) -> list[list[str]]:
        """Kop plus één rij per groep en per leerling (bedragen in euro met een punt)."""
        rijen = [
            [
                "indeling",
                "sleutel",
                "omschrijving",
                "leerlingen",
                "basis",
                "scenario",
                "verschil",
                "verschil_procent",
            ]
        ]
        for naam, _ in (("totaal", ""), *INDELINGEN):
            groepen = (self.totaal,) if naam == "totaal" else self.indeling(naam)
            for t in groepen:
                p = t.verschil_procent
                rijen.append(
                    [
                        naam,
                        t.sleutel,
                        t.omschrijving,
                        str(t.leerlingen),
                        _bedrag(t.basis_centen),
                        _bedrag(t.scenario_centen),
                        _bedrag(t.verschil_centen),
                        "" if p is None else str(p),
                    ]
                )
        for lv in self.per_leerling:
            b, s = lv.basis_centen, lv.scenario_centen
            p = Totaal("", "", 1, b, s).verschil_procent
            rijen.append(
                [
                    "leerling",
                    lv.leerling,
                    " ".join(lv.scholen),
                    "1",
                    _bedrag(b),
                    _bedrag(s),
                    _bedrag(s - b),
                    "" if p is None else str(p),
                ]
            )
        return rijen

    def als_tekst(self, *, top: int = 10, interpretaties: Mapping[str, str] | None = None) -> str:
        """Tabellen in het Nederlands; ``interpretaties`` geeft id -> titel."""
        regels = [
            f"Wat als: {self.scenario_titel} (bron: {self.scenario_bron.citeer_kop()})",
            f"Schooljaar {self.schooljaar}, {self.totaal.leerlingen} leerling(en); "
            "bedragen op het bulkpad, in hele centen",
            "",
            _tabel("Totaal", (self.totaal,)),
        ]
        for naam, titel in INDELINGEN:
            if naam == "school":
                continue
            regels += ["", _tabel(titel[0].upper() + titel[1:], self.indeling(naam))]
        regels += [
            "",
            _tabel(f"Scholen met het meeste verlies (hoogstens {top})", self.verliezers(top)),
        ]
        regels += ["", _tabel(f"Scholen met de meeste winst (hoogstens {top})", self.winnaars(top))]
        regels.append("")
        for i in self.interpretaties:
            titel = (interpretaties or {}).get(i, "")
            regels.append(f"interpretatie {i}{': ' + titel if titel else ''}")
        return "\n".join(regels)


def _tabel(titel: str, groepen: Sequence[Totaal]) -> str:
    if not groepen:
        return f"{titel}\n  (geen)"
    breedte = max(len(t.omschrijving) for t in groepen)
    breedte = max(breedte, len("groep"))
    kop = (
        f"  {'groep':<{breedte}}  {'lln':>6}  {'basis':>16}  {'scenario':>16}  "
        f"{'verschil':>16}  {'%':>7}"
    )
    regels = [titel, kop]
    for t in groepen:
        p = t.verschil_procent
        regels.append(
            f"  {t.omschrijving:<{breedte}}  {t.leerlingen:>6}  "
            f"{euro(Decimal(t.basis_centen).scaleb(-2)):>16}  "
            f"{euro(Decimal(t.scenario_centen).scaleb(-2)):>16}  "
            f"{euro(Decimal(t.verschil_centen).scaleb(-2)):>16}  "
            f"{'' if p is None else str(p).replace('.', ',') + ' %':>7}"
        )
    return "\n".join(regels)


I64 = npt.NDArray[np.int64]


def _index(sleutels: Sequence[str]) -> tuple[list[str], I64]:
    """Unieke sleutels (in volgorde van eerste voorkomen) en per rij de positie."""
    posities: dict[str, int] = {}
    terug = np.fromiter(
        (posities.setdefault(k, len(posities)) for k in sleutels),
        dtype=np.int64,
        count=len(sleutels),
    )
    return list(posities), terug


def _totalen(
    sleutels: Sequence[str],
    omschrijving: Mapping[str, str],
    leerling_idx: I64,
    basis: I64,
    scenario: I64,
) -> tuple[Totaal, ...]:
    """Tel per sleutel op (numpy, hele centen); gesorteerd op sleutel."""
    if not sleutels:
        return ()
    uniek, terug = _index(sleutels)
    b = np.zeros(len(uniek), dtype=np.int64)
    s = np.zeros(len(uniek), dtype=np.int64)
    np.add.at(b, terug, basis)
    np.add.at(s, terug, scenario)
    # verschillende leerlingen per groep: unieke paren (groep, leerling)
    paren = np.unique(terug * (int(leerling_idx.max()) + 1) + leerling_idx)
    aantal = np.bincount(paren // (int(leerling_idx.max()) + 1), minlength=len(uniek))
    return tuple(
        sorted(
            (
                Totaal(k, omschrijving.get(k, k), int(aantal[i]), int(b[i]), int(s[i]))
                for i, k in enumerate(uniek)
            ),
            key=lambda t: t.sleutel,
        )
    )


@dataclass(frozen=True, slots=True)
class _Uitkomst:
    school: I64
    ab: I64


def _reken(
    naam: str,
    regeling: Regeling,
    schooljaar: Schooljaar,
    kolommen: Leerlingjaren,
    tabellen: Tarieftabellen | None = None,
) -> _Uitkomst:
    try:
        uit = bereken(
            regeling,
            schooljaar,
            kolommen,
            tabellen=tabellen
            if tabellen is not None
            else Tarieftabellen.voor(regeling, schooljaar),
        )
    except OntbrekendeBron as e:
        toelichting = str(e).removeprefix(f"de bronnen geven geen waarde voor {e.wat}")
        raise OntbrekendeBron(
            f"{e.wat} onder de {naam}",
            e.peildatum,
            toelichting=(toelichting.strip(" ()") or None),
        ) from e
    return _Uitkomst(
        np.asarray(uit.totaal_school + uit.totaal_zml, dtype=np.int64),
        np.asarray(uit.totaal_ab, dtype=np.int64),
    )


Tabellenpaar = tuple[Tarieftabellen, Tarieftabellen]


def tabellen_voor(scenario: Scenarioregeling, schooljaar: Schooljaar) -> Tabellenpaar:
    """De tarieftabellen van basis en scenario voor één schooljaar (om te hergebruiken)."""
    return (
        Tarieftabellen.voor(scenario.basis, schooljaar),
        Tarieftabellen.voor(scenario.regeling, schooljaar),
    )


def vergelijk(
    scenario: Scenarioregeling,
    populatie: Populatie,
    schooljaar: Schooljaar,
    *,
    tabellen: Tabellenpaar | None = None,
) -> Vergelijking:
    """Basis tegen scenario voor de rijen van ``schooljaar`` in de populatie (bulkpad).

    Een leemte in een van beide regelingen (een rij met een te betalen maand zonder
    bedrag in de bronnen) is :class:`OntbrekendeBron` en noemt welke regeling; er komt
    geen nul in de plaats.
    """
    rijen = populatie.van_jaar(schooljaar)
    if not rijen:
        raise OngeldigeInvoer(
            "schooljaar",
            str(schooljaar),
            reden="de populatie heeft geen rijen voor dit schooljaar",
            toegestaan=[str(s) for s in populatie.schooljaren()],
        )
    tb, ts = tabellen if tabellen is not None else (None, None)
    kolommen = populatie_kolommen(rijen)
    b = _reken("basisregeling", scenario.basis, schooljaar, kolommen, tb)
    s = _reken(f"scenario '{scenario.scenario.titel}'", scenario.regeling, schooljaar, kolommen, ts)
    leerlingen, l_idx = _index([r.leerling for r in rijen])
    n = len(rijen)
    ontvanger_sleutels = [Ontvanger.SCHOOL.value] * n + [Ontvanger.AB_VERZORGER.value] * n
    per_ontvanger = _totalen(
        ontvanger_sleutels,
        {o.value: o.omschrijving for o in Ontvanger},
        np.concatenate([l_idx, l_idx]),
        np.concatenate([b.school, b.ab]),
        np.concatenate([s.school, s.ab]),
    )
    bt, st = b.school + b.ab, s.school + s.ab
    schoolsoorten = [r.jaar.schoolsoort.value for r in rijen]
    onderwijssoorten = [r.jaar.onderwijssoort.value for r in rijen]
    per_school = _totalen([r.school for r in rijen], {}, l_idx, bt, st)
    per_school = tuple(sorted(per_school, key=lambda t: (t.verschil_centen, t.sleutel)))
    totaal = Totaal("totaal", "alle leerlingen", len(leerlingen), int(bt.sum()), int(st.sum()))
    sommen = np.zeros((len(leerlingen), 4), dtype=np.int64)
    for kolom, waarden in enumerate((b.school, b.ab, s.school, s.ab)):
        np.add.at(sommen[:, kolom], l_idx, waarden)
    scholen: list[list[str]] = [[] for _ in leerlingen]
    recs: list[str] = [""] * len(leerlingen)
    for i, r in zip(l_idx.tolist(), rijen, strict=True):
        if r.school not in scholen[i]:
            scholen[i].append(r.school)
        recs[i] = recs[i] or r.rec
    lijst = sommen.tolist()
    per_leerling = sorted(
        (
            Leerlingverschil(k, tuple(scholen[i]), recs[i], *lijst[i])
            for i, k in enumerate(leerlingen)
        ),
        key=lambda lv: lv.leerling,
    )
    gebruikt = {i for _, nieuw in scenario.wijzigingen for i in nieuw.interpretaties}
    ids = tuple(i for i in (I_OVERLAY, I_AFRONDING, I_VERVALT) if i in gebruikt)
    return Vergelijking(
        schooljaar=schooljaar,
        scenario_titel=scenario.scenario.titel,
        scenario_bron=scenario.scenario.bron,
        interpretaties=(*ids, I_POPULATIE),
        totaal=totaal,
        per_ontvanger=per_ontvanger,
        per_rec=_totalen([r.rec for r in rijen], {}, l_idx, bt, st),
        per_schoolsoort=_totalen(
            schoolsoorten, {x.value: x.omschrijving for x in SCHOOLSOORTEN}, l_idx, bt, st
        ),
        per_onderwijssoort=_totalen(
            onderwijssoorten, {x.value: x.omschrijving for x in ONDERWIJSSOORTEN}, l_idx, bt, st
        ),
        per_school=per_school,
        per_leerling=tuple(per_leerling),
    )


# --- één leerling: beide uitleggen naast elkaar -------------------------------------


@dataclass(frozen=True, slots=True)
class Leerlingvergelijking:
    """Eén leerling onder basis en scenario: het betaalschema met uitleg (pad voor één
    leerling) naast het bedrag op het bulkpad, voor beide regelingen."""

    leerling: str
    schooljaar: Schooljaar
    scenario_titel: str
    basis: Betaalschema
    scenario: Betaalschema
    bulk_basis_centen: int
    bulk_scenario_centen: int

    @property
    def verschil(self) -> Decimal:
        return self.scenario.totaal - self.basis.totaal

    @property
    def paden_gelijk(self) -> bool:
        """Of het bulkpad voor beide regelingen tot op de cent gelijk is aan het pad voor
        één leerling (de vergelijking rekent op het bulkpad, de uitleg op het andere)."""
        return (
            int(self.basis.totaal * 100) == self.bulk_basis_centen
            and int(self.scenario.totaal * 100) == self.bulk_scenario_centen
        )

    def per_deel(self) -> list[tuple[str, str, Decimal, Decimal]]:
        """(ontvanger, deel, basis, scenario) per ontvanger-id en deel, gesorteerd."""
        sommen: dict[tuple[str, str], list[Decimal]] = {}
        for i, schema in enumerate((self.basis, self.scenario)):
            for b in schema.betalingen:
                som = sommen.setdefault((b.ontvanger_id, b.deel.value), [Decimal(0), Decimal(0)])
                som[i] += b.bedrag
        return [(o, d, v[0], v[1]) for (o, d), v in sorted(sommen.items())]

    def als_dict(self) -> dict[str, object]:
        return {
            "leerling": self.leerling,
            "schooljaar": str(self.schooljaar),
            "scenario": self.scenario_titel,
            "per_deel": [
                {
                    "ontvanger_id": o,
                    "deel": d,
                    "basis": str(b),
                    "scenario": str(s),
                    "verschil": str(s - b),
                }
                for o, d, b, s in self.per_deel()
            ],
            "basis": self.basis.als_dict(),
            "scenario_schema": self.scenario.als_dict(),
            "bulk": {
                "basis": _bedrag(self.bulk_basis_centen),
                "scenario": _bedrag(self.bulk_scenario_centen),
                "gelijk_aan_een_voor_een": self.paden_gelijk,
            },
        }

    def als_tekst(self, interpretaties: Mapping[str, str] | None = None) -> str:
        regels = [
            f"Leerling {self.leerling}, schooljaar {self.schooljaar}: basis tegen scenario "
            f"'{self.scenario_titel}'",
            "",
        ]
        rijen = [("ontvanger", "deel", "basis", "scenario", "verschil")]
        for o, d, b, s in self.per_deel():
            rijen.append((o, d, euro(b), euro(s), euro(s - b)))
        rijen.append(
            ("totaal", "", euro(self.basis.totaal), euro(self.scenario.totaal), euro(self.verschil))
        )
        breedtes = [max(len(r[i]) for r in rijen) for i in range(5)]
        for r in rijen:
            regels.append(
                "  "
                + "  ".join(
                    r[i].ljust(breedtes[i]) if i < 2 else r[i].rjust(breedtes[i]) for i in range(5)
                )
            )
        regels.append(
            "  bulkpad: "
            + (
                "gelijk aan het pad voor één leerling"
                if self.paden_gelijk
                else f"AFWIJKEND van het pad voor één leerling (bulk: basis "
                f"{_bedrag(self.bulk_basis_centen)}, scenario {_bedrag(self.bulk_scenario_centen)})"
            )
        )
        links = self.basis.uitleg.als_tekst(interpretaties).splitlines()
        rechts = self.scenario.uitleg.als_tekst(interpretaties).splitlines()
        regels += [
            "",
            "=== Basisregeling ===",
            *links,
            "",
            f"=== Scenario '{self.scenario_titel}' ===",
            *rechts,
        ]
        return "\n".join(regels)


def vergelijk_leerling(
    scenario: Scenarioregeling,
    populatie: Populatie,
    schooljaar: Schooljaar,
    leerling: str,
    *,
    tabellen: Tabellenpaar | None = None,
) -> Leerlingvergelijking:
    """Beide uitleggen voor één leerling (pad voor één leerling), met het bulkbedrag."""
    rijen = [r for r in populatie.van_jaar(schooljaar) if r.leerling == leerling]
    if not rijen:
        bekend = sorted({r.leerling for r in populatie.van_jaar(schooljaar)})
        raise OngeldigeInvoer(
            "leerling",
            leerling,
            reden=f"staat niet in de populatie voor {schooljaar}",
            toegestaan=bekend[:20] + (["..."] if len(bekend) > 20 else []),
        )
    gebeurtenissen = gebeurtenissen_van(rijen)
    geboortedatum = next((r.jaar.geboortedatum for r in rijen if r.jaar.geboortedatum), None)
    basis = betaalschema(scenario.basis, gebeurtenissen, schooljaar, geboortedatum=geboortedatum)
    nieuw = betaalschema(scenario.regeling, gebeurtenissen, schooljaar, geboortedatum=geboortedatum)
    tb, ts = tabellen if tabellen is not None else (None, None)
    kolommen = populatie_kolommen(rijen)
    b = _reken("basisregeling", scenario.basis, schooljaar, kolommen, tb)
    s = _reken(f"scenario '{scenario.scenario.titel}'", scenario.regeling, schooljaar, kolommen, ts)
    return Leerlingvergelijking(
        leerling=leerling,
        schooljaar=schooljaar,
        scenario_titel=scenario.scenario.titel,
        basis=basis,
        scenario=nieuw,
        bulk_basis_centen=int((b.school + b.ab).sum()),
        bulk_scenario_centen=int((s.school + s.ab).sum()),
    )
