"""Regelingsbestanden lezen en controleren (TOML).

Dit is de rand van de regelkern: hier wordt gelezen; de regels zelf krijgen een
kant-en-klare :class:`~rugzak.regeling.parameters.Regeling`. :func:`controleer`
meldt *alle* problemen in een bestand tegelijk; :func:`laad_regeling` weigert te
laden zolang er één is. Het bestandsformaat staat in de README.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import pairwise, product
from pathlib import Path
from typing import Any

from rugzak.regeling.bron import DOCUMENTEN, Bron
from rugzak.regeling.parameters import Interpretatie, Parameterwaarde, Regeling, maak_sleutel
from rugzak.regeling.schema import DIMENSIES, PARAMETERS, ParameterSchema
from rugzak.regeling.tijd import Periode, Schooljaar

DATA_MAP = Path(__file__).parent / "data"

_BEDRAG = re.compile(r"^-?\d+(\.\d{1,2})?$")
_FRACTIE = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True, slots=True)
class Probleem:
    """Eén probleem in een regelingsbestand: waar, en wat er mis is."""

    bestand: str
    plaats: str
    melding: str

    def __str__(self) -> str:
        return f"{self.bestand}: {self.plaats}: {self.melding}"


class OngeldigeRegeling(ValueError):
    """Een of meer regelingsbestanden bevatten problemen."""

    def __init__(self, problemen: Sequence[Probleem]) -> None:
        self.problemen = tuple(problemen)
        super().__init__(
            f"{len(self.problemen)} probleem/problemen in de regelingsbestanden:\n"
            + "\n".join(f"  - {p}" for p in self.problemen)
        )


class _Verzamelaar:
    def __init__(self, bestand: str) -> None:
        self.bestand = bestand
        self.problemen: list[Probleem] = []

    def meld(self, plaats: str, melding: str) -> None:
        self.problemen.append(Probleem(self.bestand, plaats, melding))


def _lees_waarde(
    schema: ParameterSchema, ruw: object, plaats: str, v: _Verzamelaar
) -> object | None:
    soort = schema.soort
    if soort in ("bedrag", "fractie"):
        if isinstance(ruw, bool) or not isinstance(ruw, str):
            v.meld(
                plaats,
                f"{soort} {ruw!r} moet als tekst met een punt als decimaalteken staan, "
                'bv. "12523.63" (geen getal met drijvende komma, geen "12.523,63")',
            )
            return None
        patroon = _BEDRAG if soort == "bedrag" else _FRACTIE
        if not patroon.match(ruw):
            v.meld(
                plaats,
                f"{soort} {ruw!r} is geen decimaal getal"
                + (" met hoogstens twee decimalen" if soort == "bedrag" else "")
                + ', bv. "12523.63"',
            )
            return None
        try:
            d = Decimal(ruw)
        except InvalidOperation:
            v.meld(plaats, f"{soort} {ruw!r} is geen decimaal getal")
            return None
        if soort == "bedrag" and d < 0:
            v.meld(plaats, f"bedrag {ruw!r} is negatief; bedragen in de bronnen zijn >= 0")
            return None
        return d
    if soort == "aantal":
        if isinstance(ruw, bool) or not isinstance(ruw, int) or ruw < 0:
            v.meld(plaats, f"aantal {ruw!r} moet een geheel getal >= 0 zijn")
            return None
        return ruw
    if soort == "ja_nee":
        if not isinstance(ruw, bool):
            v.meld(plaats, f"waarde {ruw!r} moet true of false zijn")
            return None
        return ruw
    if soort == "maanden":
        if not (
            isinstance(ruw, list)
            and ruw
            and all(isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12 for m in ruw)
        ):
            v.meld(plaats, f"waarde {ruw!r} moet een lijst maandnummers 1-12 zijn")
            return None
        return tuple(ruw)
    if soort == "schooljaar":
        if not isinstance(ruw, str):
            v.meld(plaats, f'schooljaar {ruw!r} moet tekst zijn, bv. "2002-2003"')
            return None
        try:
            return str(Schooljaar.van_tekst(ruw))
        except ValueError as e:
            v.meld(plaats, str(e))
            return None
    if soort == "datum":
        if not isinstance(ruw, date):
            v.meld(plaats, f"datum {ruw!r} moet een TOML-datum zijn, bv. 2002-10-01")
            return None
        return ruw.isoformat()
    v.meld(plaats, f"onbekende soort {soort!r}")  # pragma: no cover - schema is vast
    return None


def _periode(blok: Mapping[str, Any], plaats: str, v: _Verzamelaar) -> Periode | None:
    van, tot = blok.get("geldig_van"), blok.get("geldig_tot")
    ok = True
    for veld, waarde in (("geldig_van", van), ("geldig_tot", tot)):
        if waarde is None:
            v.meld(plaats, f"'{veld}' ontbreekt; elke waarde heeft een begin- én einddatum")
            ok = False
        elif not isinstance(waarde, date) or isinstance(waarde, bool):
            v.meld(plaats, f"'{veld}' = {waarde!r} is geen datum (schrijf bv. 2011-08-01)")
            ok = False
    if not ok:
        return None
    assert isinstance(van, date) and isinstance(tot, date)
    if tot < van:
        v.meld(plaats, f"geldig_tot {tot} ligt vóór geldig_van {van}")
        return None
    return Periode(van, tot)


def _sleutels(
    delen: Iterable[Mapping[str, Any]],
    schema: ParameterSchema,
    plaats: str,
    v: _Verzamelaar,
) -> list[dict[str, str]] | None:
    """Voeg sleuteldelen samen; lijstwaarden vermenigvuldigen tot meerdere sleutels."""
    samen: dict[str, list[str]] = {}
    ok = True
    for deel in delen:
        if not isinstance(deel, Mapping):
            v.meld(plaats, f'sleutel {deel!r} moet een tabel zijn, bv. {{ schoolsoort = "bao" }}')
            return None
        for dim, waarde in deel.items():
            if dim not in schema.dimensies:
                v.meld(
                    plaats,
                    f"dimensie '{dim}' hoort niet bij {schema.naam}; "
                    f"toegestaan: {', '.join(schema.dimensies) or '(geen)'}",
                )
                ok = False
                continue
            waarden = waarde if isinstance(waarde, list) else [waarde]
            for w in waarden:
                if not isinstance(w, str) or w not in DIMENSIES[dim]:
                    v.meld(
                        plaats,
                        f"onbekende {dim} {w!r}; toegestaan: {', '.join(DIMENSIES[dim])}",
                    )
                    ok = False
            if dim in samen:
                v.meld(plaats, f"dimensie '{dim}' staat dubbel in de sleutel")
                ok = False
            samen[dim] = [str(w) for w in waarden]
    if not ok:
        return None
    dims = sorted(samen)
    return [
        dict(zip(dims, combinatie, strict=True))
        for combinatie in product(*(samen[d] for d in dims))
    ]


def _bron(
    blok: Mapping[str, Any],
    standaard_document: object,
    plaats: str,
    v: _Verzamelaar,
    rij: str | None = None,
    kolom: str | None = None,
) -> Bron | None:
    document = blok.get("document", standaard_document)
    sectie = blok.get("sectie")
    if document is None:
        v.meld(plaats, "bron ontbreekt: geef 'document' (000-004) in [bestand] of hier")
        return None
    if not isinstance(document, str) or document not in DOCUMENTEN:
        v.meld(plaats, f"onbekend brondocument {document!r}; toegestaan: {', '.join(DOCUMENTEN)}")
        return None
    if not isinstance(sectie, str) or not sectie.strip():
        v.meld(plaats, "bron ontbreekt: 'sectie' noemt de tabel of paragraaf in het document")
        return None
    return Bron(document, sectie, rij=rij, kolom=kolom)


def _tekstlijst(
    blok: Mapping[str, Any], veld: str, plaats: str, v: _Verzamelaar
) -> tuple[str, ...]:
    waarde = blok.get(veld, [])
    if not isinstance(waarde, list) or not all(isinstance(x, str) for x in waarde):
        v.meld(plaats, f"'{veld}' moet een lijst teksten zijn")
        return ()
    return tuple(waarde)


def _schema(blok: Mapping[str, Any], plaats: str, v: _Verzamelaar) -> ParameterSchema | None:
    naam = blok.get("naam")
    if not isinstance(naam, str) or naam not in PARAMETERS:
        v.meld(plaats, f"onbekende parameter {naam!r}; bekend: {', '.join(sorted(PARAMETERS))}")
        return None
    return PARAMETERS[naam]


def _eenheid(
    blok: Mapping[str, Any], schema: ParameterSchema, plaats: str, v: _Verzamelaar
) -> str | None:
    eenheid = blok.get("eenheid", "")
    if eenheid not in schema.eenheden:
        v.meld(
            plaats,
            f"eenheid {eenheid!r} past niet bij {schema.naam}; toegestaan: "
            + ", ".join(repr(e) for e in schema.eenheden),
        )
        return None
    return str(eenheid)


_TABEL_VELDEN = {
    "naam",
    "sectie",
    "document",
    "geldig_van",
    "geldig_tot",
    "eenheid",
    "sleutel",
    "interpretaties",
    "kolommen",
    "rij",
    "titel",
}
_WAARDE_VELDEN = {
    "naam",
    "sectie",
    "document",
    "geldig_van",
    "geldig_tot",
    "eenheid",
    "sleutel",
    "interpretaties",
    "waarde",
    "label",
    "rij",
    "kolom",
}


def _onbekende_velden(
    blok: Mapping[str, Any], bekend: set[str], plaats: str, v: _Verzamelaar
) -> None:
    for veld in blok:
        if veld not in bekend:
            v.meld(plaats, f"onbekend veld '{veld}'; bekend: {', '.join(sorted(bekend))}")


def _lees_tabel(
    tabel: Mapping[str, Any], nr: int, document: object, v: _Verzamelaar
) -> Iterator[Parameterwaarde]:
    plaats = f"tabel {nr} ({tabel.get('sectie', '?')})"
    _onbekende_velden(tabel, _TABEL_VELDEN, plaats, v)
    schema = _schema(tabel, plaats, v)
    periode = _periode(tabel, plaats, v)
    interpretaties = _tekstlijst(tabel, "interpretaties", plaats, v)
    basisbron = _bron(tabel, document, plaats, v)
    if schema is None:
        return
    eenheid = _eenheid(tabel, schema, plaats, v)
    kolommen = tabel.get("kolommen")
    rijen = tabel.get("rij")
    if not isinstance(kolommen, list) or not kolommen:
        v.meld(plaats, "'kolommen' ontbreekt: een lijst { label = ..., sleutel = { ... } }")
        return
    if not isinstance(rijen, list) or not rijen:
        v.meld(plaats, "geen rijen: voeg [[tabel.rij]] toe met label, sleutel en waarden")
        return
    for k in kolommen:
        if not isinstance(k, Mapping) or not isinstance(k.get("label"), str):
            v.meld(plaats, f"kolom {k!r} mist een 'label'")
            return
    for rnr, rij in enumerate(rijen, start=1):
        rplaats = f"{plaats}, rij {rnr} ({rij.get('label', '?')})"
        _onbekende_velden(rij, {"label", "sleutel", "waarden", "interpretaties"}, rplaats, v)
        label = rij.get("label")
        if not isinstance(label, str) or not label.strip():
            v.meld(rplaats, "rij mist een 'label' (de rijtekst in de bron)")
            continue
        waarden = rij.get("waarden")
        if not isinstance(waarden, list) or len(waarden) != len(kolommen):
            v.meld(rplaats, f"'waarden' moet {len(kolommen)} waarden hebben (één per kolom)")
            continue
        rij_interp = _tekstlijst(rij, "interpretaties", rplaats, v)
        for kolom, ruw in zip(kolommen, waarden, strict=True):
            kplaats = f"{rplaats}, kolom '{kolom['label']}'"
            if ruw is None or ruw == "":
                continue  # lege cel: de bron prijst deze combinatie niet
            waarde = _lees_waarde(schema, ruw, kplaats, v)
            sleutels = _sleutels(
                [tabel.get("sleutel", {}), rij.get("sleutel", {}), kolom.get("sleutel", {})],
                schema,
                kplaats,
                v,
            )
            if waarde is None or sleutels is None or periode is None or eenheid is None:
                continue
            if basisbron is None:
                continue
            bron = Bron(basisbron.document, basisbron.sectie, rij=label, kolom=str(kolom["label"]))
            for sleutel in sleutels:
                yield Parameterwaarde(
                    naam=schema.naam,
                    sleutel=maak_sleutel(**sleutel),
                    waarde=waarde,  # type: ignore[arg-type]
                    eenheid=eenheid,
                    periode=periode,
                    bron=bron,
                    interpretaties=interpretaties + rij_interp,
                    label=label,
                )


def _lees_losse_waarde(
    blok: Mapping[str, Any], nr: int, document: object, v: _Verzamelaar
) -> Iterator[Parameterwaarde]:
    plaats = f"waarde {nr} ({blok.get('naam', '?')})"
    _onbekende_velden(blok, _WAARDE_VELDEN, plaats, v)
    schema = _schema(blok, plaats, v)
    periode = _periode(blok, plaats, v)
    rij = blok.get("rij")
    kolom = blok.get("kolom")
    bron = _bron(
        blok,
        document,
        plaats,
        v,
        rij=rij if isinstance(rij, str) else None,
        kolom=kolom if isinstance(kolom, str) else None,
    )
    interpretaties = _tekstlijst(blok, "interpretaties", plaats, v)
    if schema is None:
        return
    eenheid = _eenheid(blok, schema, plaats, v)
    if "waarde" not in blok:
        v.meld(plaats, "'waarde' ontbreekt")
        return
    waarde = _lees_waarde(schema, blok["waarde"], plaats, v)
    sleutels = _sleutels([blok.get("sleutel", {})], schema, plaats, v)
    if waarde is None or sleutels is None or periode is None or eenheid is None or bron is None:
        return
    for sleutel in sleutels:
        yield Parameterwaarde(
            naam=schema.naam,
            sleutel=maak_sleutel(**sleutel),
            waarde=waarde,  # type: ignore[arg-type]
            eenheid=eenheid,
            periode=periode,
            bron=bron,
            interpretaties=interpretaties,
            label=str(blok.get("label", "")),
        )


def _lees_interpretaties(inhoud: Mapping[str, Any], v: _Verzamelaar) -> list[Interpretatie]:
    uit: list[Interpretatie] = []
    for nr, blok in enumerate(inhoud.get("interpretatie", []), start=1):
        plaats = f"interpretatie {nr} ({blok.get('id', '?')})"
        velden = {}
        for veld in ("id", "titel", "vraag", "keuze"):
            waarde = blok.get(veld)
            if not isinstance(waarde, str) or not waarde.strip():
                v.meld(plaats, f"'{veld}' ontbreekt of is leeg")
            velden[veld] = waarde
        bronnen = _tekstlijst(blok, "bronnen", plaats, v)
        if not bronnen:
            v.meld(plaats, "'bronnen' noemt de botsende of zwijgende passages")
        if all(isinstance(x, str) and x for x in velden.values()):
            uit.append(
                Interpretatie(
                    id=str(velden["id"]),
                    titel=str(velden["titel"]),
                    vraag=str(velden["vraag"]),
                    bronnen=bronnen,
                    keuze=str(velden["keuze"]),
                )
            )
    return uit


@dataclass(frozen=True, slots=True)
class Gelezen:
    waarden: tuple[Parameterwaarde, ...]
    interpretaties: tuple[Interpretatie, ...]
    problemen: tuple[Probleem, ...]


def lees_bestand(pad: Path) -> Gelezen:
    """Lees één bestand; problemen komen terug in plaats van als uitzondering."""
    v = _Verzamelaar(pad.name)
    try:
        inhoud = tomllib.loads(pad.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        v.meld("bestand", f"kan niet gelezen worden: {e}")
        return Gelezen((), (), tuple(v.problemen))
    except tomllib.TOMLDecodeError as e:
        v.meld("bestand", f"geen geldige TOML: {e}")
        return Gelezen((), (), tuple(v.problemen))
    _onbekende_velden(inhoud, {"bestand", "tabel", "waarde", "interpretatie"}, "bestand", v)
    kop = inhoud.get("bestand", {})
    document = kop.get("document") if isinstance(kop, Mapping) else None
    waarden: list[Parameterwaarde] = []
    for nr, tabel in enumerate(inhoud.get("tabel", []), start=1):
        waarden.extend(_lees_tabel(tabel, nr, document, v))
    for nr, blok in enumerate(inhoud.get("waarde", []), start=1):
        waarden.extend(_lees_losse_waarde(blok, nr, document, v))
    interpretaties = _lees_interpretaties(inhoud, v)
    return Gelezen(tuple(waarden), tuple(interpretaties), tuple(v.problemen))


def _overlap_problemen(
    waarden: Sequence[tuple[str, Parameterwaarde]],
) -> list[Probleem]:
    per_sleutel: dict[
        tuple[str, tuple[tuple[str, str], ...]], list[tuple[str, Parameterwaarde]]
    ] = {}
    for bestand, w in waarden:
        per_sleutel.setdefault((w.naam, w.sleutel), []).append((bestand, w))
    problemen = []
    for (naam, sleutel), lijst in per_sleutel.items():
        lijst.sort(key=lambda bw: bw[1].periode.van)
        for (ba, a), (bb, b) in pairwise(lijst):
            if a.periode.overlapt(b.periode):
                sl = ", ".join(f"{k}={x}" for k, x in sleutel)
                problemen.append(
                    Probleem(
                        bb,
                        f"{naam} [{sl}]",
                        f"periode {b.periode} overlapt met {a.periode} uit {ba} "
                        f"({a.bron.citeer()}); per datum geldt precies één waarde",
                    )
                )
    return problemen


def standaard_bestanden() -> tuple[Path, ...]:
    return tuple(sorted(DATA_MAP.glob("*.toml")))


def controleer(paden: Iterable[Path], tegen: Iterable[Path] = ()) -> tuple[Probleem, ...]:
    """Alle problemen in ``paden``, ook overlap met de bestanden in ``tegen``."""
    problemen: list[Probleem] = []
    alle: list[tuple[str, Parameterwaarde]] = []
    te_controleren = [Path(p) for p in paden]
    namen = {p.resolve() for p in te_controleren}
    for pad in te_controleren:
        gelezen = lees_bestand(pad)
        problemen.extend(gelezen.problemen)
        alle.extend((pad.name, w) for w in gelezen.waarden)
    for pad in tegen:
        if Path(pad).resolve() in namen:
            continue
        alle.extend((Path(pad).name, w) for w in lees_bestand(Path(pad)).waarden)
    problemen.extend(
        p for p in _overlap_problemen(alle) if any(p.bestand == q.name for q in te_controleren)
    )
    return tuple(problemen)


def laad_regeling(extra: Iterable[Path] = (), *, alleen: Iterable[Path] | None = None) -> Regeling:
    """Laad de meegeleverde regelingsbestanden (plus ``extra``) tot één :class:`Regeling`.

    Weigert met :class:`OngeldigeRegeling` zolang een bestand een probleem heeft.
    """
    paden = list(alleen) if alleen is not None else [*standaard_bestanden(), *extra]
    waarden: list[tuple[str, Parameterwaarde]] = []
    interpretaties: list[Interpretatie] = []
    problemen: list[Probleem] = []
    for pad in paden:
        gelezen = lees_bestand(Path(pad))
        problemen.extend(gelezen.problemen)
        waarden.extend((Path(pad).name, w) for w in gelezen.waarden)
        interpretaties.extend(gelezen.interpretaties)
    problemen.extend(_overlap_problemen(waarden))
    if problemen:
        raise OngeldigeRegeling(problemen)
    return Regeling((w for _, w in waarden), interpretaties)


@cache
def standaard_regeling() -> Regeling:
    """De meegeleverde regeling, één keer geladen."""
    return laad_regeling()
