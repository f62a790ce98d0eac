"""De regelkern (``src/rugzak/regeling``) is zuiver: geen Django, geen netwerk, geen klok,
geen float voor geld, en alleen ``laden.py`` leest bestanden.

De toetsen lezen de broncode met :mod:`ast` (geen tekstzoeken, dus commentaar en
docstrings tellen niet mee). Elke toets wordt eerst op een fout voorbeeld gedraaid, zodat
een lege uitkomst niet komt doordat de toets niets vindt.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import rugzak.regeling

KERN = Path(rugzak.regeling.__file__).resolve().parent
KERN_PAKKET = "rugzak.regeling"
LEZER = KERN / "laden.py"

#: Pakketten die de regelkern niet mag importeren (web, database, netwerk).
VERBODEN_PAKKETTEN = (
    "django",
    "rest_framework",
    "drf_spectacular",
    "requests",
    "httpx",
    "urllib3",
    "aiohttp",
    "urllib.request",
    "http",
    "socket",
    "sqlite3",
    "psycopg",
    "psycopg2",
    "dj_database_url",
)
#: Modules voor bestanden, processen of de klok: alleen ``laden.py`` mag ze gebruiken (en
#: de klok niemand).
IO_MODULES = ("pathlib", "os", "io", "shutil", "tempfile", "glob", "tomllib", "json", "csv")
IO_MODULES += ("pickle", "shelve", "subprocess", "sys", "importlib", "builtins")
KLOK_MODULES = ("time",)
KLOK_METHODEN = ("today", "now", "utcnow", "fromtimestamp", "utcfromtimestamp")
TIME_FUNCTIES = ("time", "time_ns", "monotonic", "perf_counter", "localtime", "gmtime")
IO_METHODEN = ("read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "rglob")
IO_METHODEN += ("unlink", "mkdir", "rmdir", "touch")
NUMPY_IO = ("load", "save", "savez", "loadtxt", "savetxt", "genfromtxt", "fromfile", "tofile")


def _kernbestanden() -> list[Path]:
    bestanden = sorted(KERN.rglob("*.py"))
    assert LEZER in bestanden and len(bestanden) > 5, f"regelkern niet gevonden in {KERN}"
    return bestanden


def _naam(pad: Path) -> str:
    return pad.relative_to(KERN.parent.parent).as_posix()


def _module(pad: Path) -> str:
    """De modulenaam; een ``__init__.py`` houdt ``.__init__``, zodat een relatieve import
    voor modules en pakketten op dezelfde manier wordt opgelost."""
    return ".".join(pad.relative_to(KERN.parent.parent).with_suffix("").parts)


def _imports(boom: ast.AST, module: str) -> Iterator[tuple[int, str]]:
    """Elke geïmporteerde module (relatieve imports opgelost)."""
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            for alias in knoop.names:
                yield knoop.lineno, alias.name
        elif isinstance(knoop, ast.ImportFrom):
            if knoop.level:
                basis = module.split(".")[: -knoop.level]
                naam = ".".join([*basis, knoop.module] if knoop.module else basis)
            else:
                naam = knoop.module or ""
            for alias in knoop.names:  # 'from rugzak import web' -> rugzak.web
                yield knoop.lineno, f"{naam}.{alias.name}"


def _hoort_bij(naam: str, pakket: str) -> bool:
    return naam == pakket or naam.startswith(pakket + ".")


def _aanroepen(boom: ast.AST) -> Iterator[tuple[int, str, str]]:
    """(regel, object, methode) voor ``x.y(...)``; ('', naam) voor ``naam(...)``."""
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Call):
            f = knoop.func
            if isinstance(f, ast.Name):
                yield knoop.lineno, "", f.id
            elif isinstance(f, ast.Attribute):
                yield knoop.lineno, ast.unparse(f.value), f.attr


# --- de toetsen zelf, als functies op broncode ----------------------------------------------


def _op_regel(fouten: list[str]) -> list[str]:
    """Op regelnummer (ast.walk loopt in de breedte, niet van boven naar beneden)."""
    return sorted(fouten, key=lambda f: int(f.split(":")[0].removeprefix("regel ")))


def verboden_imports(bron: str, module: str) -> list[str]:
    fouten = []
    for regel, naam in _imports(ast.parse(bron), module):
        if any(_hoort_bij(naam, p) for p in VERBODEN_PAKKETTEN):
            fouten.append(f"regel {regel}: import {naam}")
        elif _hoort_bij(naam, "rugzak") and not _hoort_bij(naam, KERN_PAKKET):
            fouten.append(f"regel {regel}: import {naam} (buiten {KERN_PAKKET})")
    return _op_regel(fouten)


def klokgebruik(bron: str, module: str) -> list[str]:
    boom = ast.parse(bron)
    fouten = [
        f"regel {regel}: import {naam}"
        for regel, naam in _imports(boom, module)
        if any(_hoort_bij(naam, m) for m in KLOK_MODULES)
    ]
    fouten += [
        f"regel {regel}: {obj}.{methode}()"
        for regel, obj, methode in _aanroepen(boom)
        if (obj and methode in KLOK_METHODEN) or (obj == "time" and methode in TIME_FUNCTIES)
    ]
    return _op_regel(fouten)


def floatgebruik(bron: str) -> list[str]:
    """``float(...)`` en float-getallen in de code: geld is Decimal of hele centen."""
    boom = ast.parse(bron)
    fouten = [
        f"regel {regel}: float()"
        for regel, obj, naam in _aanroepen(boom)
        if not obj and naam == "float"
    ]
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Constant) and isinstance(knoop.value, float):
            fouten.append(f"regel {knoop.lineno}: float-getal {knoop.value!r}")
    return _op_regel(fouten)


def bestandsgebruik(bron: str, module: str) -> list[str]:
    boom = ast.parse(bron)
    fouten = [
        f"regel {regel}: import {naam}"
        for regel, naam in _imports(boom, module)
        if any(_hoort_bij(naam, m) for m in IO_MODULES)
    ]
    for regel, obj, methode in _aanroepen(boom):
        if not obj and methode in ("open", "exec", "eval", "__import__", "input", "print"):
            fouten.append(f"regel {regel}: {methode}()")
        elif (obj and methode in IO_METHODEN) or (obj in ("np", "numpy") and methode in NUMPY_IO):
            fouten.append(f"regel {regel}: {obj}.{methode}()")
        elif obj and methode == "tofile":
            fouten.append(f"regel {regel}: {obj}.tofile()")
    return _op_regel(fouten)


FOUT_VOORBEELD = """\
import time
from datetime import date, datetime
from pathlib import Path
from django.db import models
from rest_framework import serializers
import requests
from rugzak.leerlingen.models import Leerling
from rugzak import audit
from ...web import views
from .parameters import Regeling
import numpy as np

def regel(bedrag):
    vandaag = date.today()
    nu = datetime.now()
    t = time.time()
    x = float(bedrag) * 0.5
    tekst = open("x.toml").read()
    Path("y").write_text("z")
    np.save("a.npy", x)
    return x
"""


def test_de_toetsen_vinden_overtredingen_in_een_fout_voorbeeld() -> None:
    module = "rugzak.regeling.regels.voorbeeld"
    assert verboden_imports(FOUT_VOORBEELD, module) == [
        "regel 4: import django.db.models",
        "regel 5: import rest_framework.serializers",
        "regel 6: import requests",
        "regel 7: import rugzak.leerlingen.models.Leerling (buiten rugzak.regeling)",
        "regel 8: import rugzak.audit (buiten rugzak.regeling)",
        "regel 9: import rugzak.web.views (buiten rugzak.regeling)",
    ]
    assert klokgebruik(FOUT_VOORBEELD, module) == [
        "regel 1: import time",
        "regel 14: date.today()",
        "regel 15: datetime.now()",
        "regel 16: time.time()",
    ]
    assert floatgebruik(FOUT_VOORBEELD) == ["regel 17: float()", "regel 17: float-getal 0.5"]
    assert bestandsgebruik(FOUT_VOORBEELD, module) == [
        "regel 3: import pathlib.Path",
        "regel 18: open()",
        "regel 19: Path('y').write_text()",
        "regel 20: np.save()",
    ]
    # De relatieve import .parameters blijft binnen de regelkern en is toegestaan.
    assert not verboden_imports("from .parameters import Regeling\n", module)
    assert not verboden_imports("from rugzak import regeling\n", module)


# --- de regelkern -----------------------------------------------------------------------------


@pytest.mark.parametrize("pad", _kernbestanden(), ids=_naam)
def test_regelkern_importeert_geen_django_netwerk_of_rugzak_buiten_de_regelkern(
    pad: Path,
) -> None:
    fouten = verboden_imports(pad.read_text(encoding="utf-8"), _module(pad))
    assert not fouten, f"{_naam(pad)}: " + "; ".join(fouten)


@pytest.mark.parametrize("pad", _kernbestanden(), ids=_naam)
def test_regelkern_leest_de_klok_niet(pad: Path) -> None:
    """Een regel krijgt zijn peildatum als invoer; de uitkomst hangt niet af van vandaag."""
    fouten = klokgebruik(pad.read_text(encoding="utf-8"), _module(pad))
    assert not fouten, f"{_naam(pad)}: " + "; ".join(fouten)


@pytest.mark.parametrize("pad", _kernbestanden(), ids=_naam)
def test_regelkern_rekent_niet_met_float(pad: Path) -> None:
    """Bedragen en fracties zijn Decimal of hele centen; float rondt ongemerkt af."""
    fouten = floatgebruik(pad.read_text(encoding="utf-8"))
    assert not fouten, f"{_naam(pad)}: " + "; ".join(fouten)


@pytest.mark.parametrize("pad", [p for p in _kernbestanden() if p != LEZER], ids=_naam)
def test_alleen_laden_py_leest_bestanden(pad: Path) -> None:
    fouten = bestandsgebruik(pad.read_text(encoding="utf-8"), _module(pad))
    assert not fouten, (
        f"{_naam(pad)}: " + "; ".join(fouten) + " — bestanden lezen hoort in regeling/laden.py"
    )


def test_laden_py_is_de_enige_lezer_en_leest_wel() -> None:
    """Tegenproef: de toets op bestandsgebruik herkent het lezen in laden.py zelf."""
    fouten = bestandsgebruik(LEZER.read_text(encoding="utf-8"), _module(LEZER))
    assert any("read_text()" in f for f in fouten)
    assert any("import tomllib" in f for f in fouten)
