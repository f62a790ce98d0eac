"""Het interpretatielog: elke verwijzing bestaat, elke interpretatie noemt haar bronnen en
wordt ergens gebruikt, en ``docs/interpretaties.md`` is gelijk aan wat de code maakt."""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import rugzak
from rugzak.cli.regeling import interpretaties_markdown
from rugzak.regeling.bron import DOCUMENTEN
from rugzak.regeling.laden import standaard_bestanden, standaard_regeling

BRONCODE = Path(rugzak.__file__).resolve().parent
REPO = BRONCODE.parent.parent
DOCS = REPO / "docs" / "interpretaties.md"
OPNIEUW_MAKEN = "uv run rugzak regeling interpretaties --markdown > docs/interpretaties.md"

ID = re.compile(r"\bI-\d{2,}\b")

#: Interpretaties waarnaar geen data en geen code verwijst, met de reden. Een nieuwe
#: hoort hier niet stil bij: de test hieronder faalt zodra deze lijst niet klopt.
NIET_VERWEZEN: dict[str, str] = {}


def _verwijzingen_in_data() -> Iterator[tuple[str, str]]:
    """(bestand, id) voor elke ``interpretaties = [...]`` in de meegeleverde data."""

    def loop(x: object, bestand: str) -> Iterator[tuple[str, str]]:
        if isinstance(x, dict):
            for sleutel, waarde in x.items():
                if sleutel == "interpretaties" and isinstance(waarde, list):
                    yield from ((bestand, str(i)) for i in waarde)
                else:
                    yield from loop(waarde, bestand)
        elif isinstance(x, list):
            for waarde in x:
                yield from loop(waarde, bestand)

    for pad in standaard_bestanden():
        yield from loop(tomllib.loads(pad.read_text(encoding="utf-8")), pad.name)


#: Bestanden waarvan de teksten geen verwijzing zijn: ze tonen het log zelf of geven een
#: voorbeeld-id in een hulptekst ("bv. I-13"); een interpretatie die alleen daar staat,
#: wordt nergens toegepast.
GEEN_VERWIJZING = frozenset({"rugzak/cli/regeling.py"})


def _verwijzingen_in_code() -> Iterator[tuple[str, str]]:
    """(bestand:regel, id) voor elke ``I-NN`` in een tekst in de Python-code van rugzak
    (tekstconstanten, f-strings en docstrings; geen commentaar) en in de sjablonen (wat een
    gebruiker op een pagina of in een brief leest), behalve in GEEN_VERWIJZING."""
    for pad in sorted(BRONCODE.rglob("*.py")):
        naam = pad.relative_to(BRONCODE.parent).as_posix()
        if naam in GEEN_VERWIJZING:
            continue
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Constant) and isinstance(knoop.value, str):
                for i in ID.findall(knoop.value):
                    yield f"{naam}:{knoop.lineno}", i
    for pad in sorted(BRONCODE.rglob("templates/**/*.html")):
        naam = pad.relative_to(BRONCODE.parent).as_posix()
        for nr, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), start=1):
            for i in ID.findall(regel):
                yield f"{naam}:{nr}", i


def _niet_verwezen(bekend: set[str], verwijzingen: Iterable[tuple[str, str]]) -> list[str]:
    """De bekende interpretaties waarnaar geen enkele verwijzing wijst, gesorteerd."""
    gebruikt = {i for _, i in verwijzingen}
    return sorted(bekend - gebruikt, key=lambda i: int(i[2:]))


def _alle_verwijzingen() -> list[tuple[str, str]]:
    return [*_verwijzingen_in_data(), *_verwijzingen_in_code()]


@pytest.fixture(scope="module")
def bekend() -> set[str]:
    ids = set(standaard_regeling().interpretaties)
    assert len(ids) >= 20, "het interpretatielog lijkt leeg"
    return ids


def test_elke_verwijzing_in_de_data_bestaat(bekend: set[str]) -> None:
    verwijzingen = list(_verwijzingen_in_data())
    assert verwijzingen, "geen enkele verwijzing gevonden in de data"
    onbekend = [f"{bestand}: {i}" for bestand, i in verwijzingen if i not in bekend]
    assert not onbekend, "verwijzing naar een onbekende interpretatie: " + ", ".join(onbekend)


def test_elke_verwijzing_in_de_code_bestaat(bekend: set[str]) -> None:
    verwijzingen = list(_verwijzingen_in_code())
    assert any(i == "I-15" for _, i in verwijzingen), "de zoektocht in de code vindt niets"
    onbekend = [f"{plaats}: {i}" for plaats, i in verwijzingen if i not in bekend]
    assert not onbekend, "verwijzing naar een onbekende interpretatie: " + ", ".join(onbekend)


def test_elke_interpretatie_noemt_minstens_een_brondocument() -> None:
    zonder = [
        i.id
        for i in standaard_regeling().interpretaties.values()
        if not any(b[:3] in DOCUMENTEN for b in i.bronnen)
    ]
    assert not zonder, f"interpretaties zonder bron (000-004 aan het begin van een bron): {zonder}"


def test_elke_interpretatie_wordt_in_data_of_code_gebruikt(bekend: set[str]) -> None:
    niet_gebruikt = _niet_verwezen(bekend, _alle_verwijzingen())
    assert niet_gebruikt == sorted(NIET_VERWEZEN, key=lambda i: int(i[2:])), (
        f"niet verwezen: {niet_gebruikt}; bekend als niet verwezen: {sorted(NIET_VERWEZEN)}. "
        "Verwijs naar een nieuwe interpretatie vanuit de data (interpretaties = [...]) of de "
        "code, of werk NIET_VERWEZEN bij als een verwijzing is toegevoegd."
    )


@pytest.mark.parametrize("weg", ["I-07", "I-28", "I-32", "I-60", "I-61", "I-62", "I-63"])
def test_de_gebruikstoets_vindt_een_interpretatie_zonder_verwijzing(
    bekend: set[str], weg: str
) -> None:
    """De toets hierboven kan falen: haal alle verwijzingen naar één interpretatie weg, en
    zij staat als niet verwezen gemeld (en niets anders)."""
    verwijzingen = _alle_verwijzingen()
    assert any(i == weg for _, i in verwijzingen), f"{weg} wordt nu al nergens gebruikt"
    zonder = [(plaats, i) for plaats, i in verwijzingen if i != weg]
    assert _niet_verwezen(bekend, zonder) == sorted([weg, *NIET_VERWEZEN])


def test_een_voorbeeld_in_een_hulptekst_telt_niet_als_verwijzing() -> None:
    plaatsen = [plaats for plaats, _ in _verwijzingen_in_code()]
    assert plaatsen, "de zoektocht in de code vindt niets"
    assert not [p for p in plaatsen if p.split(":")[0] in GEEN_VERWIJZING]
    assert any(p.endswith(".html") or ".html:" in p for p in plaatsen), "geen sjabloon gevonden"


def test_de_nummers_zijn_uniek_over_alle_databestanden() -> None:
    ids = [
        blok["id"]
        for pad in standaard_bestanden()
        for blok in tomllib.loads(pad.read_text(encoding="utf-8")).get("interpretatie", [])
    ]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert set(ids) == set(standaard_regeling().interpretaties)


def test_docs_interpretaties_md_is_gelijk_aan_het_log_in_de_data() -> None:
    verwacht = interpretaties_markdown(standaard_regeling())
    assert DOCS.is_file(), f"{DOCS} ontbreekt; maak het met: {OPNIEUW_MAKEN}"
    assert DOCS.read_text(encoding="utf-8") == verwacht, (
        f"{DOCS.relative_to(REPO)} loopt achter op de [[interpretatie]]-blokken in "
        f"src/rugzak/regeling/data/; maak het opnieuw met: {OPNIEUW_MAKEN}"
    )


def test_docs_interpretaties_md_noemt_elke_interpretatie() -> None:
    koppen = re.findall(r"^## (I-\d+): ", DOCS.read_text(encoding="utf-8"), flags=re.M)
    ids = sorted(standaard_regeling().interpretaties, key=lambda i: int(i[2:]))
    assert koppen == ids
