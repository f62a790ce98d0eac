"""Datums als Nederlandse tekst: lezen wat een mens typt, en één notatie om te tonen.

- :func:`lange_datum`: "3 december 2026" (pagina's, meldingen, brieven);
- :func:`korte_datum`: "03-12-2026" (waar weinig plaats is, en in invoervelden);
- :func:`lees_datum`: tekst naar een datum, of een :class:`Datumfout` met een zin die de
  gebruiker begrijpt ("31 februari 2012 bestaat niet"). Nooit een andere uitzondering.

ISO (JJJJ-MM-DD) blijft alleen in de datakolommen van CSV-bestanden en in de API.
Zuiver Python, geen klok: wat "vandaag" is, weet deze module niet.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

#: Maandnamen en hun gangbare afkortingen (met of zonder punt).
_MAANDNAMEN: dict[str, int] = {naam: i for i, naam in enumerate(MAANDEN, start=1)}
_MAANDNAMEN.update(
    {
        "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "maa": 3, "apr": 4, "jun": 6, "jul": 7,
        "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
    }
)  # fmt: skip

_WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

#: Het oudste en jongste jaar dat rugzak als invoer aanneemt (geboortedata tot en met
#: termijnen na het einde van LGF); daarbuiten is het bijna altijd een tikfout.
EERSTE_JAAR = 1900
LAATSTE_JAAR = 2099

VOORBEELD = "14-05-2012"

_DMJ = re.compile(r"(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{1,4})")
_JMD = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_GESCHREVEN = re.compile(r"(\d{1,2})\s*([a-zë]+)\.?\s*,?\s*(\d{1,4})")


class Datumfout(ValueError):
    """De tekst is geen (bestaande) datum; ``str(fout)`` zegt waarom, in gewone taal."""


def lange_datum(dag: date) -> str:
    """``date(2026, 12, 3)`` -> ``"3 december 2026"``."""
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}"


def lange_maand(jaar: int, maand: int) -> str:
    """``(2012, 3)`` -> ``"maart 2012"`` (een maand van de bekostiging)."""
    return f"{MAANDEN[maand - 1]} {jaar}"


def korte_datum(dag: date) -> str:
    """``date(2026, 12, 3)`` -> ``"03-12-2026"`` (dag-maand-jaar, zoals men het typt)."""
    return f"{dag.day:02d}-{dag.month:02d}-{dag.year:04d}"


def _maakt(jaar: int, maand: int, dag: int, tekst: str) -> date:
    if not EERSTE_JAAR <= jaar <= LAATSTE_JAAR:
        if jaar < 100:
            raise Datumfout(f"schrijf het jaar voluit (bijvoorbeeld {VOORBEELD}), niet '{tekst}'")
        raise Datumfout(
            f"het jaar {jaar} ligt buiten {EERSTE_JAAR}–{LAATSTE_JAAR}; is het een tikfout?"
        )
    if not 1 <= maand <= 12:
        raise Datumfout(f"maand {maand} bestaat niet (een maand is 1 tot en met 12)")
    laatste = calendar.monthrange(jaar, maand)[1]
    if not 1 <= dag <= laatste:
        if dag == 0:
            raise Datumfout(f"dag 0 bestaat niet (een dag is 1 tot en met {laatste})")
        raise Datumfout(
            f"{dag} {MAANDEN[maand - 1]} {jaar} bestaat niet ({MAANDEN[maand - 1]} {jaar} "
            f"heeft {laatste} dagen)"
        )
    return date(jaar, maand, dag)


def lees_datum(tekst: str) -> date:
    """Lees een datum zoals een mens die typt: ``31-2-2012``, ``31-02-2012``, ``31/2/2012``,
    ``31.02.2012``, ``2012-02-29`` (ISO), ``29 februari 2012``, ``29 feb. 2012``, eventueel
    met de weekdag ervoor ("woensdag 29 februari 2012"). Een onmogelijke datum of andere
    tekst geeft een :class:`Datumfout` met de reden; lege tekst ook (de aanroeper beslist
    wat leeg betekent)."""
    schoon = " ".join(str(tekst).split()).lower()
    if not schoon:
        raise Datumfout("vul een datum in")
    woorden = schoon.split(" ", 1)
    if len(woorden) == 2 and woorden[0].rstrip(",") in _WEEKDAGEN:
        schoon = woorden[1]
    if len(schoon) > 40:
        raise Datumfout(f"dit is geen datum; schrijf dag-maand-jaar, bijvoorbeeld {VOORBEELD}")
    if m := _JMD.fullmatch(schoon):
        return _maakt(int(m[1]), int(m[2]), int(m[3]), tekst.strip())
    if m := _DMJ.fullmatch(schoon):
        return _maakt(int(m[3]), int(m[2]), int(m[1]), tekst.strip())
    if m := _GESCHREVEN.fullmatch(schoon):
        maand = _MAANDNAMEN.get(m[2])
        if maand is None:
            raise Datumfout(f"'{m[2]}' is geen maand; schrijf bijvoorbeeld {VOORBEELD}")
        return _maakt(int(m[3]), maand, int(m[1]), tekst.strip())
    raise Datumfout(
        f"'{tekst.strip()[:40]}' is geen datum; schrijf dag-maand-jaar, bijvoorbeeld {VOORBEELD}"
    )


_MJ = re.compile(r"(\d{1,2})\s*[-/.\s]\s*(\d{4})")
_JM = re.compile(r"(\d{4})\s*-\s*(\d{1,2})")
_GESCHREVEN_MAAND = re.compile(r"([a-zë]+)\.?\s*,?\s*(\d{4})")
VOORBEELD_MAAND = "03-2012"


def lees_maand(tekst: str) -> tuple[int, int]:
    """Een maand zoals een mens haar typt ("03-2012", "3/2012", "maart 2012", ook ISO
    "2012-03") als (jaar, maand), of een :class:`Datumfout` die zegt waarom niet."""
    schoon = tekst.strip().lower()
    jaar = maand = None
    if m := _MJ.fullmatch(schoon):
        maand, jaar = int(m[1]), int(m[2])
    elif m := _JM.fullmatch(schoon):
        jaar, maand = int(m[1]), int(m[2])
    elif m := _GESCHREVEN_MAAND.fullmatch(schoon):
        if m[1] not in _MAANDNAMEN:
            raise Datumfout(f"'{m[1]}' is geen maand; schrijf bijvoorbeeld {VOORBEELD_MAAND}")
        maand, jaar = _MAANDNAMEN[m[1]], int(m[2])
    if jaar is None or maand is None:
        raise Datumfout(
            f"'{tekst.strip()[:40]}' is geen maand; schrijf maand-jaar, bijvoorbeeld "
            f"{VOORBEELD_MAAND} of maart 2012"
        )
    if not 1 <= maand <= 12:
        raise Datumfout(f"maand {maand} bestaat niet; een maand is 1 tot en met 12")
    if not EERSTE_JAAR <= jaar <= LAATSTE_JAAR:
        raise Datumfout(f"het jaar {jaar} ligt buiten {EERSTE_JAAR}-{LAATSTE_JAAR}")
    return jaar, maand


_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
#: een ISO-maand ("2011-08"); "2011-2012" (een schooljaar) is er geen
_ISO_MAAND = re.compile(r"(?<![\d-])(\d{4})-(0[1-9]|1[0-2])(?![\d-])")


def iso_naar_nl(tekst: str) -> str:
    """Zet de ISO-datums en -maanden in een tekst van de regelkern ("2011-11-01 + 8 weken",
    "2011-08 t/m 2012-03: betaald") om in de lange notatie ("1 november 2011 + 8 weken",
    "augustus 2011 t/m maart 2012: betaald"), voor weergave. Wat geen bestaande datum is,
    blijft staan."""

    def vervang(m: re.Match[str]) -> str:
        try:
            return lange_datum(date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return m[0]

    def vervang_maand(m: re.Match[str]) -> str:
        jaar = int(m[1])
        if not EERSTE_JAAR <= jaar <= LAATSTE_JAAR:
            return m[0]
        return lange_maand(jaar, int(m[2]))

    return _ISO_MAAND.sub(vervang_maand, _ISO.sub(vervang, tekst))
