"""Regelingsbestanden lezen en controleren (TOML).

Dit is de rand van de regelkern: hier wordt gelezen; de regels zelf krijgen een
kant-en-klare :class:`~rugzak.regeling.parameters.Regeling`. :func:`controleer`
meldt *alle* problemen in een bestand tegelijk; :func:`laad_regeling` weigert te
laden zolang er één is. Het bestandsformaat staat in de README.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import product
from pathlib import Path
from typing import Any

from rugzak.regeling.bron import (
    DOCUMENTEN,
    PUBLICATIE_ID,
    PUBLICATIESOORTEN,
    Bron,
    Publicatie,
    kenmerk_fout,
    url_fout,
)
from rugzak.regeling.parameters import Interpretatie, Parameterwaarde, Regeling, maak_sleutel
from rugzak.regeling.populatie import (
    OngeldigePopulatie,
    Populatie,
    Rijfout,
    populatie_uit_rijen,
)
from rugzak.regeling.scenario import (
    AFRONDINGEN,
    Aanpassing,
    Scenario,
    ScenarioFout,
    Scenarioregeling,
    pas_toe,
)
from rugzak.regeling.schema import DIMENSIES, PARAMETERS, ParameterSchema
from rugzak.regeling.tijd import Periode, Schooljaar

DATA_MAP = Path(__file__).parent / "data"

_BEDRAG = re.compile(r"^-?[0-9]+(\.[0-9]{1,2})?$")
_FRACTIE = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
_INTERPRETATIE_ID = re.compile(r"^I-[0-9]{2,}$")
#: Bovengrenzen die de rekenkern in hele centen (int64) veilig houden: een bedrag per
#: leerling per schooljaar, een aantal (jaren, weken, ...) en een scenariofactor.
_MAX_BEDRAG = Decimal("1000000000")
_MAX_AANTAL = 1_000_000
_MAX_FACTOR = Decimal("100")


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
        self.verwijzingen: list[tuple[str, str]] = []
        #: de in dit bestand verklaarde eigen bronnen ([[bron]]), op id
        self.publicaties: dict[str, Publicatie] = {}
        #: ids van [[bron]]-blokken met een probleem (al gemeld; verwijzingen zwijgen)
        self.kapotte_bronnen: set[str] = set()

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
        if soort == "bedrag" and d > _MAX_BEDRAG:
            v.meld(plaats, f"bedrag {ruw!r} is groter dan {_MAX_BEDRAG}; geen leerlingbedrag")
            return None
        return d
    if soort == "aantal":
        if isinstance(ruw, bool) or not isinstance(ruw, int) or not 0 <= ruw <= _MAX_AANTAL:
            v.meld(plaats, f"aantal {ruw!r} moet een geheel getal van 0 tot {_MAX_AANTAL} zijn")
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
        if not isinstance(ruw, date) or isinstance(ruw, datetime):
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
        elif not isinstance(waarde, date) or isinstance(waarde, datetime):
            v.meld(plaats, f"'{veld}' = {waarde!r} is geen datum (schrijf bv. 2011-08-01)")
            ok = False
    if not ok:
        return None
    assert isinstance(van, date) and isinstance(tot, date)
    if tot < van:
        v.meld(plaats, f"geldig_tot {tot} ligt vóór geldig_van {van}")
        return None
    return Periode(van, tot)


_Sleuteldeel = dict[str, list[str]]


def _sleuteldeel(
    deel: object, schema: ParameterSchema, plaats: str, v: _Verzamelaar
) -> _Sleuteldeel | None:
    """Controleer één sleuteldeel (van tabel, rij of kolom); ``None`` bij een probleem.

    Elk deel wordt één keer gecontroleerd, zodat een fout in de sleutel van een rij
    één melding geeft en niet één per kolom.
    """
    if not isinstance(deel, Mapping):
        v.meld(plaats, f'sleutel {deel!r} moet een tabel zijn, bv. {{ schoolsoort = "bao" }}')
        return None
    uit: _Sleuteldeel = {}
    ok = True
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
        if not waarden:
            v.meld(plaats, f"dimensie '{dim}' heeft een lege lijst; noem minstens één waarde")
            ok = False
        for w in waarden:
            if not isinstance(w, str) or w not in DIMENSIES[dim]:
                v.meld(
                    plaats,
                    f"onbekende {dim} {w!r}; toegestaan: {', '.join(DIMENSIES[dim])}",
                )
                ok = False
        uit[dim] = [str(w) for w in waarden]
    return uit if ok else None


def _combineer(
    delen: Iterable[_Sleuteldeel | None], plaats: str, v: _Verzamelaar
) -> _Sleuteldeel | None:
    """Voeg gecontroleerde sleuteldelen samen; een dimensie staat in hoogstens één deel."""
    samen: _Sleuteldeel = {}
    ok = True
    for deel in delen:
        if deel is None:
            ok = False
            continue
        for dim, waarden in deel.items():
            if dim in samen:
                v.meld(plaats, f"dimensie '{dim}' staat dubbel in de sleutel")
                ok = False
            samen[dim] = waarden
    return samen if ok else None


def _uitgeschreven(samen: _Sleuteldeel) -> list[dict[str, str]]:
    """Lijstwaarden vermenigvuldigen tot meerdere sleutels."""
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
    ok = True
    publicatie: Publicatie | None = None
    if document is None:
        v.meld(
            plaats,
            "bron ontbreekt: geef 'document' (000-004 of een [[bron]]-id) in [bestand] of hier",
        )
        ok = False
    elif isinstance(document, str) and document in v.publicaties:
        publicatie = v.publicaties[document]
    elif isinstance(document, str) and document in v.kapotte_bronnen:
        ok = False  # het [[bron]]-blok zelf is al gemeld
    elif not isinstance(document, str) or document not in DOCUMENTEN:
        eigen = sorted(v.publicaties)
        v.meld(
            plaats,
            f"onbekend brondocument {document!r}; toegestaan: {', '.join(DOCUMENTEN)}"
            + (
                f", of een [[bron]] uit dit bestand: {', '.join(eigen)}"
                if eigen
                else ", of een eigen bron die dit bestand in een [[bron]]-blok verklaart"
            ),
        )
        ok = False
    if not isinstance(sectie, str) or not sectie.strip():
        v.meld(plaats, "bron ontbreekt: 'sectie' noemt de tabel of paragraaf in het document")
        ok = False
    if not ok:
        return None
    assert isinstance(document, str) and isinstance(sectie, str)
    return Bron(document, sectie, rij=rij, kolom=kolom, publicatie=publicatie)


_BRON_VELDEN = {"id", "titel", "kenmerk", "publicatiedatum", "url", "soort"}


def _lees_bronnen(inhoud: Mapping[str, Any], v: _Verzamelaar) -> None:
    """De ``[[bron]]``-blokken: eigen bronnen buiten 000-004 (interpretatie I-75).

    Elk veld wordt gecontroleerd en elk probleem gemeld; een geldige bron komt in
    ``v.publicaties``, zodat waarden in dit bestand haar met ``document = "<id>"`` citeren.
    """
    for nr, blok in _blokken(inhoud, "bron", v):
        ruw_id = blok.get("id")
        plaats = f"bron {nr} ({ruw_id if isinstance(ruw_id, str) else '?'})"
        _onbekende_velden(blok, _BRON_VELDEN, plaats, v)
        ok = True
        if not isinstance(ruw_id, str) or not PUBLICATIE_ID.match(ruw_id):
            v.meld(
                plaats,
                f"'id' = {ruw_id!r} ongeldig: kleine letters, cijfers en '-', beginnend met een "
                'letter, bv. "stcrt-2012-12345" (000-004 zijn de brondocumenten zelf)',
            )
            ok = False
        elif ruw_id in v.publicaties or ruw_id in v.kapotte_bronnen:
            v.meld(plaats, f"bron-id {ruw_id!r} staat al eerder in dit bestand")
            ok = False
        soort = blok.get("soort", "publicatie")
        if soort not in PUBLICATIESOORTEN:
            v.meld(
                plaats,
                f"'soort' = {soort!r}; toegestaan: {', '.join(PUBLICATIESOORTEN)}",
            )
            ok = False
        titel = blok.get("titel")
        if not isinstance(titel, str) or not titel.strip():
            v.meld(plaats, "'titel' ontbreekt: de titel van de publicatie of het scenario")
            ok = False
        kenmerk = blok.get("kenmerk")
        if not isinstance(kenmerk, str):
            v.meld(
                plaats,
                '\'kenmerk\' ontbreekt: bv. "Stcrt. 2012, 12345" of "BWBR0004368" '
                "(bij een scenario een eigen naam)",
            )
            ok = False
        elif soort in PUBLICATIESOORTEN and (fout := kenmerk_fout(kenmerk, str(soort))):
            v.meld(plaats, fout)
            ok = False
        datum_ = blok.get("publicatiedatum")
        if not isinstance(datum_, date) or isinstance(datum_, datetime):
            v.meld(
                plaats,
                f"'publicatiedatum' = {datum_!r} is geen TOML-datum (schrijf bv. 2012-06-15)",
            )
            ok = False
        url = blok.get("url")
        if url is not None and (not isinstance(url, str) or (fout := url_fout(url))):
            v.meld(plaats, fout if isinstance(url, str) and fout else f"url {url!r} is geen tekst")
            ok = False
        if not ok:
            if isinstance(ruw_id, str):
                v.kapotte_bronnen.add(ruw_id)
            continue
        assert isinstance(ruw_id, str) and isinstance(titel, str) and isinstance(kenmerk, str)
        assert isinstance(datum_, date)
        v.publicaties[ruw_id] = Publicatie(
            id=ruw_id,
            titel=titel,
            kenmerk=kenmerk,
            publicatiedatum=datum_,
            soort="scenario" if soort == "scenario" else "publicatie",
            url=url if isinstance(url, str) else None,
        )


def _tekstlijst(
    blok: Mapping[str, Any], veld: str, plaats: str, v: _Verzamelaar
) -> tuple[str, ...]:
    waarde = blok.get(veld, [])
    if not isinstance(waarde, list) or not all(isinstance(x, str) for x in waarde):
        v.meld(plaats, f"'{veld}' moet een lijst teksten zijn")
        return ()
    return tuple(waarde)


def _verwijzingen(blok: Mapping[str, Any], plaats: str, v: _Verzamelaar) -> tuple[str, ...]:
    """De interpretaties waarnaar een tabel, rij of waarde verwijst; ze worden na het
    lezen getoetst tegen het interpretatielog."""
    ids = _tekstlijst(blok, "interpretaties", plaats, v)
    v.verwijzingen.extend((plaats, i) for i in ids)
    return ids


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


_BESTAND_VELDEN = {"titel", "document", "soort"}
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
_KOLOM_VELDEN = {"label", "sleutel"}
_RIJ_VELDEN = {"label", "sleutel", "waarden", "interpretaties"}
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
_INTERPRETATIE_VELDEN = {"id", "titel", "vraag", "bronnen", "keuze"}


def _onbekende_velden(
    blok: Mapping[str, Any], bekend: set[str], plaats: str, v: _Verzamelaar
) -> None:
    for veld in blok:
        if veld not in bekend:
            v.meld(plaats, f"onbekend veld '{veld}'; bekend: {', '.join(sorted(bekend))}")


def _blokken(
    inhoud: Mapping[str, Any], veld: str, v: _Verzamelaar
) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """De ``[[veld]]``-blokken van een bestand; wat geen tabel is, wordt gemeld."""
    blokken = inhoud.get(veld, [])
    if not isinstance(blokken, list):
        v.meld(veld, f"'{veld}' moet een lijst blokken zijn: schrijf [[{veld}]]")
        return
    for nr, blok in enumerate(blokken, start=1):
        if not isinstance(blok, Mapping):
            v.meld(f"{veld} {nr}", f"{blok!r} is geen blok; schrijf [[{veld}]] met velden")
            continue
        yield nr, blok


def _lees_tabel(
    tabel: Mapping[str, Any], nr: int, document: object, v: _Verzamelaar
) -> Iterator[Parameterwaarde]:
    plaats = f"tabel {nr} ({tabel.get('sectie', '?')})"
    _onbekende_velden(tabel, _TABEL_VELDEN, plaats, v)
    schema = _schema(tabel, plaats, v)
    periode = _periode(tabel, plaats, v)
    interpretaties = _verwijzingen(tabel, plaats, v)
    basisbron = _bron(tabel, document, plaats, v)
    if schema is None:
        return
    eenheid = _eenheid(tabel, schema, plaats, v)
    tabelsleutel = _sleuteldeel(tabel.get("sleutel", {}), schema, plaats, v)
    kolommen = tabel.get("kolommen")
    rijen = tabel.get("rij")
    if not isinstance(kolommen, list) or not kolommen:
        v.meld(plaats, "'kolommen' ontbreekt: een lijst { label = ..., sleutel = { ... } }")
        return
    if not isinstance(rijen, list) or not rijen:
        v.meld(plaats, "geen rijen: voeg [[tabel.rij]] toe met label, sleutel en waarden")
        return
    kolomlabels: list[str] = []
    kolomsleutels: list[_Sleuteldeel | None] = []
    for knr, k in enumerate(kolommen, start=1):
        if not isinstance(k, Mapping) or not isinstance(k.get("label"), str):
            v.meld(plaats, f"kolom {knr} {k!r} mist een 'label' (de kolomkop in de bron)")
            kolomlabels.append(f"kolom {knr}")
            kolomsleutels.append(None)
            continue
        kplaats = f"{plaats}, kolom '{k['label']}'"
        _onbekende_velden(k, _KOLOM_VELDEN, kplaats, v)
        kolomlabels.append(str(k["label"]))
        kolomsleutels.append(_sleuteldeel(k.get("sleutel", {}), schema, kplaats, v))
    for rnr, rij in enumerate(rijen, start=1):
        if not isinstance(rij, Mapping):
            v.meld(f"{plaats}, rij {rnr}", f"{rij!r} is geen rij; schrijf [[tabel.rij]]")
            continue
        rplaats = f"{plaats}, rij {rnr} ({rij.get('label', '?')})"
        _onbekende_velden(rij, _RIJ_VELDEN, rplaats, v)
        label = rij.get("label")
        label_ok = isinstance(label, str) and bool(label.strip())
        if not label_ok:
            v.meld(rplaats, "rij mist een 'label' (de rijtekst in de bron)")
        rij_interp = _verwijzingen(rij, rplaats, v)
        rijsleutel = _combineer(
            [tabelsleutel, _sleuteldeel(rij.get("sleutel", {}), schema, rplaats, v)], rplaats, v
        )
        waarden = rij.get("waarden")
        if not isinstance(waarden, list):
            v.meld(rplaats, f"'waarden' ontbreekt: een lijst met {len(kolommen)} waarden")
            continue
        aantal_ok = len(waarden) == len(kolommen)
        if not aantal_ok:
            v.meld(
                rplaats,
                f"'waarden' heeft {len(waarden)} waarden; verwacht {len(kolommen)} "
                f"(één per kolom: {', '.join(repr(k) for k in kolomlabels)})",
            )
        for i, ruw in enumerate(waarden):
            kolomlabel = kolomlabels[i] if i < len(kolomlabels) else f"waarde {i + 1}"
            kplaats = f"{rplaats}, kolom '{kolomlabel}'"
            if ruw == "":
                continue  # lege cel: de bron prijst deze combinatie niet
            waarde = _lees_waarde(schema, ruw, kplaats, v)
            if not aantal_ok or not label_ok:
                continue
            samen = _combineer([rijsleutel, kolomsleutels[i]], kplaats, v)
            if waarde is None or samen is None or periode is None or eenheid is None:
                continue
            if basisbron is None:
                continue
            bron = replace(basisbron, rij=str(label), kolom=kolomlabel)
            for sleutel in _uitgeschreven(samen):
                yield Parameterwaarde(
                    naam=schema.naam,
                    sleutel=maak_sleutel(**sleutel),
                    waarde=waarde,  # type: ignore[arg-type]
                    eenheid=eenheid,
                    periode=periode,
                    bron=bron,
                    interpretaties=interpretaties + rij_interp,
                    label=str(label),
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
    interpretaties = _verwijzingen(blok, plaats, v)
    if "waarde" not in blok:
        v.meld(plaats, "'waarde' ontbreekt")
    if schema is None:
        return
    eenheid = _eenheid(blok, schema, plaats, v)
    sleutel = _sleuteldeel(blok.get("sleutel", {}), schema, plaats, v)
    if "waarde" not in blok:
        return
    waarde = _lees_waarde(schema, blok["waarde"], plaats, v)
    if waarde is None or sleutel is None or periode is None or eenheid is None or bron is None:
        return
    for s in _uitgeschreven(sleutel):
        yield Parameterwaarde(
            naam=schema.naam,
            sleutel=maak_sleutel(**s),
            waarde=waarde,  # type: ignore[arg-type]
            eenheid=eenheid,
            periode=periode,
            bron=bron,
            interpretaties=interpretaties,
            label=str(blok.get("label", "")),
        )


def _lees_interpretaties(inhoud: Mapping[str, Any], v: _Verzamelaar) -> list[Interpretatie]:
    uit: list[Interpretatie] = []
    for nr, blok in _blokken(inhoud, "interpretatie", v):
        plaats = f"interpretatie {nr} ({blok.get('id', '?')})"
        _onbekende_velden(blok, _INTERPRETATIE_VELDEN, plaats, v)
        velden = {}
        for veld in ("id", "titel", "vraag", "keuze"):
            waarde = blok.get(veld)
            if not isinstance(waarde, str) or not waarde.strip():
                v.meld(plaats, f"'{veld}' ontbreekt of is leeg")
            velden[veld] = waarde
        ok = all(isinstance(x, str) and x.strip() for x in velden.values())
        if isinstance(velden["id"], str) and not _INTERPRETATIE_ID.match(velden["id"]):
            v.meld(plaats, f'id {velden["id"]!r} heeft niet de vorm I-NN, bv. "I-07"')
            ok = False
        bronnen = _tekstlijst(blok, "bronnen", plaats, v)
        if not bronnen:
            v.meld(plaats, "'bronnen' noemt de botsende of zwijgende passages")
        if ok:
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


_AANPASSING_VELDEN = {
    "naam",
    "sleutel",
    "peildatum",
    "factor",
    "afronding",
    "sectie",
    "document",
    "geldig_van",
    "geldig_tot",
    "interpretaties",
}
_VERVALT_VELDEN = {"naam", "sleutel", "peildatum", "sectie", "document", "interpretaties"}


def _lees_aanpassingen(
    inhoud: Mapping[str, Any], document: object, v: _Verzamelaar
) -> list[Aanpassing]:
    """``[[aanpassing]]`` (bedragen met een factor) en ``[[vervalt]]`` (een deel betaalt
    niets meer) in een scenario; elk probleem wordt gemeld."""
    uit: list[Aanpassing] = []
    for veld, velden in (("aanpassing", _AANPASSING_VELDEN), ("vervalt", _VERVALT_VELDEN)):
        for nr, blok in _blokken(inhoud, veld, v):
            plaats = f"{veld} {nr} ({blok.get('naam', '?')})"
            _onbekende_velden(blok, velden, plaats, v)
            schema = _schema(blok, plaats, v)
            if schema is not None and schema.soort != "bedrag":
                v.meld(
                    plaats,
                    f"{schema.naam} is geen bedrag ({schema.soort}); [[{veld}]] werkt alleen op "
                    "bedragen; schrijf een andere waarde als [[waarde]] of [[tabel]]",
                )
                schema = None
            bron = _bron(blok, document, plaats, v)
            interpretaties = _verwijzingen(blok, plaats, v)
            peildatum = blok.get("peildatum")
            if not isinstance(peildatum, date) or isinstance(peildatum, datetime):
                v.meld(
                    plaats,
                    f"'peildatum' = {peildatum!r} is geen datum; de basiswaarden die op die dag "
                    "gelden worden aangepast (schrijf bv. 2011-08-01)",
                )
                peildatum = None
            factor: Decimal | None = None
            afronding = "half_omhoog"
            periode: Periode | None = None
            ok = True
            if veld == "aanpassing":
                ruw = blok.get("factor")
                if (
                    isinstance(ruw, str)
                    and _FRACTIE.match(ruw)
                    and not ruw.startswith("-")
                    and Decimal(ruw) <= _MAX_FACTOR
                ):
                    factor = Decimal(ruw)
                else:
                    v.meld(
                        plaats,
                        f"'factor' = {ruw!r} moet een decimaal getal van 0 tot en met "
                        f'{_MAX_FACTOR} als tekst zijn, bv. "0.90" voor 10 % lager',
                    )
                    ok = False
                a = blok.get("afronding")
                if isinstance(a, str) and a in AFRONDINGEN:
                    afronding = str(a)
                else:
                    v.meld(
                        plaats,
                        f"'afronding' = {a!r}; kies expliciet hoe op hele centen wordt "
                        f"afgerond: {', '.join(AFRONDINGEN)}",
                    )
                    ok = False
                if "geldig_van" in blok or "geldig_tot" in blok:
                    periode = _periode(blok, plaats, v)
                    ok = ok and periode is not None
            sleutel = _sleuteldeel(blok.get("sleutel", {}), schema, plaats, v) if schema else None
            if not ok or schema is None or bron is None or peildatum is None or sleutel is None:
                continue
            uit.append(
                Aanpassing(
                    plaats=plaats,
                    naam=schema.naam,
                    filter=tuple(sorted((d, tuple(w)) for d, w in sleutel.items())),
                    peildatum=peildatum,
                    factor=factor,
                    afronding=afronding,
                    bron=bron,
                    periode=periode,
                    interpretaties=interpretaties,
                )
            )
    return uit


@dataclass(frozen=True, slots=True)
class Gelezen:
    waarden: tuple[Parameterwaarde, ...]
    interpretaties: tuple[Interpretatie, ...]
    problemen: tuple[Probleem, ...]
    #: (plaats, interpretatie-id) voor elke verwijzing in ``interpretaties = [...]``.
    verwijzingen: tuple[tuple[str, str], ...] = ()
    #: "regeling" of "scenario" (``soort`` in ``[bestand]``)
    soort: str = "regeling"
    titel: str = ""
    publicaties: tuple[Publicatie, ...] = ()
    aanpassingen: tuple[Aanpassing, ...] = ()
    #: de eigen bron van een scenario (``document`` in ``[bestand]``)
    scenariobron: Publicatie | None = None


_BESTANDSOORTEN = ("regeling", "scenario")


def lees_bestand(pad: Path) -> Gelezen:
    """Lees één bestand; problemen komen terug in plaats van als uitzondering."""
    try:
        tekst = pad.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        v = _Verzamelaar(pad.name)
        v.meld("bestand", f"kan niet gelezen worden: {e}")
        return Gelezen((), (), tuple(v.problemen))
    return lees_tekst(tekst, pad.name)


def lees_tekst(tekst: str, naam: str) -> Gelezen:
    """Als :func:`lees_bestand`, voor de inhoud van een bestand (bv. een upload) met zijn naam."""
    v = _Verzamelaar(naam)
    try:
        inhoud = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as e:
        v.meld("bestand", f"geen geldige TOML: {e}")
        return Gelezen((), (), tuple(v.problemen))
    kop = inhoud.get("bestand", {})
    soort = "regeling"
    titel = ""
    if isinstance(kop, Mapping):
        _onbekende_velden(kop, _BESTAND_VELDEN, "[bestand]", v)
        document = kop.get("document")
        soort_ruw = kop.get("soort", "regeling")
        if soort_ruw in _BESTANDSOORTEN:
            soort = str(soort_ruw)
        else:
            v.meld(
                "[bestand]",
                f"'soort' = {soort_ruw!r}; toegestaan: {', '.join(_BESTANDSOORTEN)}",
            )
        titel = kop["titel"] if isinstance(kop.get("titel"), str) else ""
    else:
        v.meld("[bestand]", "'bestand' moet een tabel zijn: [bestand] met titel en document")
        document = None
    bekend = {"bestand", "tabel", "waarde", "interpretatie", "bron"}
    if soort == "scenario":
        bekend |= {"aanpassing", "vervalt"}
    else:
        for veld in ("aanpassing", "vervalt"):
            if veld in inhoud:
                v.meld(
                    veld,
                    f'[[{veld}]] kan alleen in een scenario: zet soort = "scenario" in '
                    "[bestand] (zie README, 'Een wat-als-scenario')",
                )
    _onbekende_velden(
        {k: x for k, x in inhoud.items() if k not in ("aanpassing", "vervalt")},
        bekend,
        "bestand",
        v,
    )
    _lees_bronnen(inhoud, v)
    scenariobron: Publicatie | None = None
    if soort == "scenario":
        if not titel.strip():
            v.meld("[bestand]", "'titel' ontbreekt: een scenario heeft een naam")
        p = v.publicaties.get(document) if isinstance(document, str) else None
        if p is not None and p.soort == "scenario":
            scenariobron = p
        elif not (isinstance(document, str) and document in v.kapotte_bronnen):
            v.meld(
                "[bestand]",
                "een scenario is zijn eigen bron (I-75): verklaar een [[bron]] met "
                "soort = \"scenario\" en noem haar id als 'document' in [bestand]"
                + (f"; nu: document = {document!r}" if document is not None else ""),
            )
    waarden: list[Parameterwaarde] = []
    for nr, tabel in _blokken(inhoud, "tabel", v):
        waarden.extend(_lees_tabel(tabel, nr, document, v))
    for nr, blok in _blokken(inhoud, "waarde", v):
        waarden.extend(_lees_losse_waarde(blok, nr, document, v))
    aanpassingen = _lees_aanpassingen(inhoud, document, v) if soort == "scenario" else []
    interpretaties = _lees_interpretaties(inhoud, v)
    return Gelezen(
        tuple(waarden),
        tuple(interpretaties),
        tuple(v.problemen),
        tuple(v.verwijzingen),
        soort=soort,
        titel=titel,
        publicaties=tuple(v.publicaties.values()),
        aanpassingen=tuple(aanpassingen),
        scenariobron=scenariobron,
    )


def _overlap_problemen(
    waarden: Sequence[tuple[str, Parameterwaarde]],
    verdacht: Collection[str] = (),
) -> list[Probleem]:
    """Elke waarde waarvan de periode overlapt met een eerdere waarde met dezelfde sleutel.

    Het probleem staat op naam van het bestand uit ``verdacht`` (het nieuwe bestand)
    als één van beide daarin staat, anders op naam van het bestand van de latere waarde.
    """
    per_sleutel: dict[
        tuple[str, tuple[tuple[str, str], ...]], list[tuple[str, Parameterwaarde]]
    ] = {}
    for bestand, w in waarden:
        per_sleutel.setdefault((w.naam, w.sleutel), []).append((bestand, w))
    problemen = []
    for (naam, sleutel), lijst in per_sleutel.items():
        lijst.sort(key=lambda bw: (bw[1].periode.van, bw[1].periode.tot))
        sl = ", ".join(f"{k}={x}" for k, x in sleutel)
        # Vergelijk met de eerdere waarde die het langst doorloopt: zo wordt ook een
        # overlap met een niet-directe voorganger gevonden.
        langst: tuple[str, Parameterwaarde] | None = None
        for bb, b in lijst:
            if langst is not None and langst[1].periode.overlapt(b.periode):
                # Op naam van het nieuwe bestand als één van beide dat is.
                (ba_, a_), (bb_, b_) = langst, (bb, b)
                if bb_ not in verdacht and ba_ in verdacht:
                    (ba_, a_), (bb_, b_) = (bb_, b_), (ba_, a_)
                problemen.append(
                    Probleem(
                        bb_,
                        f"{naam} [{sl}]",
                        f"periode {b_.periode} overlapt met {a_.periode} uit {ba_} "
                        f"({a_.bron.citeer()}); per datum geldt precies één waarde",
                    )
                )
            if langst is None or b.periode.tot > langst[1].periode.tot:
                langst = (bb, b)
    return problemen


def _interpretatie_problemen(
    gelezen: Sequence[tuple[str, Gelezen]], bekend_elders: Collection[str] = ()
) -> list[Probleem]:
    """Dubbele interpretatie-ids, en verwijzingen naar interpretaties die niet bestaan."""
    problemen = []
    gezien: dict[str, str] = {}
    for bestand, g in gelezen:
        for i in g.interpretaties:
            if i.id in gezien:
                problemen.append(
                    Probleem(
                        bestand,
                        f"interpretatie {i.id}",
                        f"id {i.id} bestaat al in {gezien[i.id]}; kies een nieuw nummer",
                    )
                )
            else:
                gezien[i.id] = bestand
    bekend = set(gezien) | set(bekend_elders)
    for bestand, g in gelezen:
        for plaats, ref in g.verwijzingen:
            if ref not in bekend:
                problemen.append(
                    Probleem(
                        bestand,
                        plaats,
                        f"interpretatie {ref!r} bestaat niet; bekend: "
                        + ", ".join(sorted(bekend, key=_id_volgorde)),
                    )
                )
    return problemen


def _id_volgorde(i: str) -> tuple[int, str]:
    nummer = i.removeprefix("I-")
    return (int(nummer), i) if nummer.isdigit() else (10**9, i)


def standaard_bestanden() -> tuple[Path, ...]:
    return tuple(sorted(DATA_MAP.glob("*.toml")))


def _standaard_interpretaties() -> set[str]:
    return {i.id for p in standaard_bestanden() for i in lees_bestand(p).interpretaties}


def _scenario_uit(g: Gelezen, bestand: str) -> Scenario | None:
    if g.soort != "scenario" or g.scenariobron is None:
        return None
    return Scenario(
        bestand=bestand,
        titel=g.titel,
        bron=g.scenariobron,
        waarden=g.waarden,
        aanpassingen=g.aanpassingen,
        interpretaties=g.interpretaties,
    )


def _toepassingsproblemen(scenario: Scenario, basis: Regeling) -> list[Probleem]:
    try:
        pas_toe(basis, scenario)
    except ScenarioFout as e:
        return [Probleem(scenario.bestand, plaats, melding) for plaats, melding in e.problemen]
    return []


def controleer(paden: Iterable[Path], tegen: Iterable[Path] = ()) -> tuple[Probleem, ...]:
    """Alle problemen in ``paden``, ook overlap met de bestanden in ``tegen``.

    Verwijzingen naar interpretaties worden altijd getoetst tegen het meegeleverde
    interpretatielog plus de interpretaties in ``paden`` en ``tegen``. Een scenario
    (``soort = "scenario"``) overlapt niet maar vervangt (I-76): het wordt alleen op
    overlap binnen zichzelf getoetst, en op ``tegen`` toegepast om te zien of elke
    aanpassing iets aanpast.
    """
    problemen: list[Probleem] = []
    alle: list[tuple[str, Parameterwaarde]] = []
    te_controleren = [Path(p) for p in paden]
    namen = {p.resolve() for p in te_controleren}
    eigen = {p.name for p in te_controleren}
    gelezen: list[tuple[str, Gelezen]] = []
    scenarios: list[tuple[Scenario | None, Gelezen, str]] = []
    for pad in te_controleren:
        g = lees_bestand(pad)
        problemen.extend(g.problemen)
        if g.soort == "scenario":
            scenarios.append((_scenario_uit(g, pad.name), g, pad.name))
            problemen.extend(_overlap_problemen([(pad.name, w) for w in g.waarden], {pad.name}))
        else:
            alle.extend((pad.name, w) for w in g.waarden)
        gelezen.append((pad.name, g))
    gelezen_tegen: list[tuple[str, Gelezen]] = []
    tegen_paden = [Path(p) for p in tegen if Path(p).resolve() not in namen]
    for pad in tegen_paden:
        g = lees_bestand(pad)
        alle.extend((pad.name, w) for w in g.waarden)
        gelezen_tegen.append((pad.name, g))
    problemen.extend(p for p in _overlap_problemen(alle, eigen) if p.bestand in eigen)
    # 'tegen' eerst: een dubbel interpretatienummer staat dan op naam van het nieuwe bestand.
    problemen.extend(
        p
        for p in _interpretatie_problemen(gelezen_tegen + gelezen, _standaard_interpretaties())
        if p.bestand in eigen
    )
    if scenarios and tegen_paden:
        try:
            basis: Regeling | None = laad_regeling(alleen=tegen_paden)
        except OngeldigeRegeling:
            basis = None  # de basis zelf is stuk; dat is niet het probleem van dit bestand
        for scenario, _g, _ in scenarios:
            if basis is not None and scenario is not None:
                problemen.extend(_toepassingsproblemen(scenario, basis))
    return tuple(problemen)


def _scenarioproblemen(
    g: Gelezen, naam: str, basis: Regeling | None
) -> tuple[Scenario | None, list[Probleem]]:
    """Elk probleem van een gelezen scenario: in het bestand, en (met een basis) bij het
    toepassen van de delen die wel in orde zijn."""
    problemen = list(g.problemen)
    problemen.extend(_overlap_problemen([(naam, w) for w in g.waarden], {naam}))
    if g.soort != "scenario" and not any(p.plaats == "bestand" for p in g.problemen):
        problemen.append(
            Probleem(
                naam,
                "[bestand]",
                'dit is geen scenario: zet soort = "scenario" in [bestand] en verklaar '
                'een eigen [[bron]] met soort = "scenario" (zie README, \'Een '
                "wat-als-scenario')",
            )
        )
    scenario = _scenario_uit(g, naam)
    if scenario is not None and basis is not None:
        bekend = set(basis.interpretaties)
        problemen += [
            Probleem(naam, "interpretatie " + i.id, f"id {i.id} bestaat al in de basis")
            for i in scenario.interpretaties
            if i.id in bekend
        ]
        bekend |= {i.id for i in scenario.interpretaties}
        problemen += [
            Probleem(naam, plaats, f"interpretatie {ref!r} bestaat niet")
            for plaats, ref in g.verwijzingen
            if ref not in bekend
        ]
        problemen += _toepassingsproblemen(scenario, basis)
    if scenario is None and not problemen:  # pragma: no cover - dan is er altijd een melding
        problemen.append(Probleem(naam, "bestand", "geen scenario"))
    return scenario, problemen


def lees_scenario(pad: Path) -> Scenario:
    """Lees een scenariobestand zonder het toe te passen; :class:`OngeldigeRegeling` met
    elk probleem als het niet in orde is (ook als het geen scenario is)."""
    pad = Path(pad)
    scenario, problemen = _scenarioproblemen(lees_bestand(pad), pad.name, None)
    if problemen or scenario is None:
        raise OngeldigeRegeling(problemen)
    return scenario


def laad_scenario_uit_tekst(
    tekst: str, naam: str, basis: Regeling | None = None
) -> Scenarioregeling:
    """Als :func:`laad_scenario`, voor de inhoud van een scenariobestand (bv. een upload)."""
    basis = basis if basis is not None else standaard_regeling()
    scenario, problemen = _scenarioproblemen(lees_tekst(tekst, naam), naam, basis)
    if problemen or scenario is None:
        raise OngeldigeRegeling(problemen)
    return pas_toe(basis, scenario)


def laad_scenario(pad: Path, basis: Regeling | None = None) -> Scenarioregeling:
    """Lees een scenario en leg het over ``basis`` (standaard: de meegeleverde regeling).

    Alle problemen (in het bestand en bij het toepassen van wat wel in orde is) komen
    samen in één :class:`OngeldigeRegeling`; er wordt dan niets berekend.
    """
    pad = Path(pad)
    basis = basis if basis is not None else standaard_regeling()
    scenario, problemen = _scenarioproblemen(lees_bestand(pad), pad.name, basis)
    if problemen or scenario is None:
        raise OngeldigeRegeling(problemen)
    return pas_toe(basis, scenario)


def lees_populatie(pad: Path) -> Populatie:
    """Lees een populatiebestand (CSV, UTF-8, komma of puntkomma als scheidingsteken).

    Elke foute rij komt met rijnummer en veld in :class:`OngeldigePopulatie`.
    """
    pad = Path(pad)
    try:
        tekst = pad.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        fout = Rijfout(1, "(bestand)", f"kan niet gelezen worden: {e}")
        raise OngeldigePopulatie([fout], pad.name) from None
    return lees_populatie_uit_tekst(tekst, pad.name)


def lees_populatie_uit_tekst(tekst: str, naam: str = "populatie") -> Populatie:
    """Als :func:`lees_populatie`, voor de inhoud van een CSV-bestand (bv. een upload)."""
    tekst = tekst.removeprefix("\ufeff")
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    try:
        lezer = csv.DictReader(io.StringIO(tekst, newline=""), delimiter=scheiding)
        kop = lezer.fieldnames
        rijen = list(lezer)
    except csv.Error as e:
        fout = Rijfout(1, "(bestand)", f"geen geldige CSV: {e}")
        raise OngeldigePopulatie([fout], naam) from None
    return populatie_uit_rijen(kop, rijen, bestand=naam)


def laad_regeling(extra: Iterable[Path] = (), *, alleen: Iterable[Path] | None = None) -> Regeling:
    """Laad de meegeleverde regelingsbestanden (plus ``extra``) tot één :class:`Regeling`.

    Weigert met :class:`OngeldigeRegeling` zolang een bestand een probleem heeft; er
    wordt dan niets geladen. Een extra bestand dat al meegeleverd is, telt één keer.
    """
    if alleen is not None:
        paden = [Path(p) for p in alleen]
        verdacht: set[str] = set()
    else:
        standaard = list(standaard_bestanden())
        bekend = {p.resolve() for p in standaard}
        nieuw = [Path(p) for p in extra if Path(p).resolve() not in bekend]
        paden = [*standaard, *nieuw]
        verdacht = {p.name for p in nieuw}
    waarden: list[tuple[str, Parameterwaarde]] = []
    interpretaties: list[Interpretatie] = []
    problemen: list[Probleem] = []
    gelezen: list[tuple[str, Gelezen]] = []
    for pad in paden:
        g = lees_bestand(pad)
        problemen.extend(g.problemen)
        if g.soort == "scenario":
            problemen.append(
                Probleem(
                    pad.name,
                    "[bestand]",
                    'dit is een wat-als-scenario (soort = "scenario"), geen regeling: het '
                    "vervangt basiswaarden in plaats van ze aan te vullen; gebruik "
                    "`rugzak scenario --scenario ...` (I-76)",
                )
            )
            continue
        waarden.extend((pad.name, w) for w in g.waarden)
        interpretaties.extend(g.interpretaties)
        gelezen.append((pad.name, g))
    problemen.extend(_overlap_problemen(waarden, verdacht))
    problemen.extend(_interpretatie_problemen(gelezen))
    if problemen:
        raise OngeldigeRegeling(problemen)
    return Regeling((w for _, w in waarden), interpretaties)


@cache
def standaard_regeling() -> Regeling:
    """De meegeleverde regeling, één keer geladen."""
    return laad_regeling()
