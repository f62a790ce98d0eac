"""Schooljaren, perioden en kalenderrekenen met expliciete afronding.

Een schooljaar loopt van 1 augustus tot en met 31 juli. Perioden zijn gesloten
intervallen (begin en einde horen erbij). "Een maand na 31 januari" wordt
afgekapt op de laatste dag van februari; dat is een keuze, zie interpretatie I-12.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from rugzak.regeling.fouten import OngeldigeInvoer


@dataclass(frozen=True, slots=True, order=True)
class Periode:
    """Gesloten datuminterval ``[van, tot]``."""

    van: date
    tot: date

    def __post_init__(self) -> None:
        if self.tot < self.van:
            raise OngeldigeInvoer(
                "geldig_tot", self.tot.isoformat(), reden=f"ligt vóór geldig_van {self.van}"
            )

    def bevat(self, dag: date) -> bool:
        return self.van <= dag <= self.tot

    def overlapt(self, ander: Periode) -> bool:
        return self.van <= ander.tot and ander.van <= self.tot

    def dagen(self) -> Iterator[date]:
        dag = self.van
        while dag <= self.tot:
            yield dag
            dag += timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.van.isoformat()} t/m {self.tot.isoformat()}"


_SCHOOLJAAR = re.compile(r"^(\d{4})[-/](\d{2}|\d{4})$")


@dataclass(frozen=True, slots=True, order=True)
class Schooljaar:
    """Een schooljaar, genoemd naar het kalenderjaar waarin het begint (1 augustus)."""

    beginjaar: int

    @classmethod
    def van_tekst(cls, tekst: str) -> Schooljaar:
        """``"2011-2012"`` of ``"2011/12"``."""
        m = _SCHOOLJAAR.match(tekst.strip())
        if not m:
            raise OngeldigeInvoer("schooljaar", tekst, reden="verwacht bv. '2011-2012'")
        begin = int(m.group(1))
        if not 1 <= begin <= 9998:
            # '0000-0001' gaf een ValueError uit date() (gevonden door de fuzztest)
            raise OngeldigeInvoer(
                "schooljaar", tekst, reden="het eerste jaar moet 0001 tot en met 9998 zijn"
            )
        eind = m.group(2)
        eindjaar = int(eind) if len(eind) == 4 else (begin + 1) % 100
        if (len(eind) == 4 and eindjaar != begin + 1) or (
            len(eind) == 2 and int(eind) != (begin + 1) % 100
        ):
            raise OngeldigeInvoer(
                "schooljaar", tekst, reden="het tweede jaar moet direct op het eerste volgen"
            )
        return cls(begin)

    @classmethod
    def van_datum(cls, dag: date) -> Schooljaar:
        return cls(dag.year if dag.month >= 8 else dag.year - 1)

    @property
    def begin(self) -> date:
        return date(self.beginjaar, 8, 1)

    @property
    def einde(self) -> date:
        return date(self.beginjaar + 1, 7, 31)

    @property
    def periode(self) -> Periode:
        return Periode(self.begin, self.einde)

    def maanden(self) -> tuple[Maand, ...]:
        """De twaalf maanden, augustus tot en met juli."""
        return tuple(Maand(self.beginjaar, 8).plus(i) for i in range(12))

    def volgend(self) -> Schooljaar:
        return Schooljaar(self.beginjaar + 1)

    def __str__(self) -> str:
        return f"{self.beginjaar}-{self.beginjaar + 1}"


@dataclass(frozen=True, slots=True, order=True)
class Maand:
    """Een kalendermaand."""

    jaar: int
    maand: int

    def __post_init__(self) -> None:
        if not 1 <= self.maand <= 12:
            raise OngeldigeInvoer("maand", self.maand, reden="moet 1 tot en met 12 zijn")
        if not 1 <= self.jaar <= 9999:
            # een kalenderdatum kent geen jaar 0 of 10000 (de maand na december 9999)
            raise OngeldigeInvoer(
                "maand",
                f"{self.jaar}-{self.maand:02d}",
                reden="het jaar moet 1 tot en met 9999 zijn",
            )

    @classmethod
    def van_datum(cls, dag: date) -> Maand:
        return cls(dag.year, dag.month)

    @classmethod
    def van_tekst(cls, tekst: str) -> Maand:
        m = re.match(r"^(\d{4})-(\d{2})$", tekst.strip())
        if not m:
            raise OngeldigeInvoer("maand", tekst, reden="verwacht bv. '2011-09'")
        return cls(int(m.group(1)), int(m.group(2)))

    @property
    def eerste_dag(self) -> date:
        return date(self.jaar, self.maand, 1)

    @property
    def laatste_dag(self) -> date:
        return date(self.jaar, self.maand, calendar.monthrange(self.jaar, self.maand)[1])

    @property
    def schooljaar(self) -> Schooljaar:
        return Schooljaar.van_datum(self.eerste_dag)

    @property
    def index_in_schooljaar(self) -> int:
        """1 voor augustus tot en met 12 voor juli."""
        return (self.maand - 8) % 12 + 1

    def plus(self, aantal: int) -> Maand:
        totaal = self.jaar * 12 + (self.maand - 1) + aantal
        return Maand(totaal // 12, totaal % 12 + 1)

    def volgend(self) -> Maand:
        return self.plus(1)

    def __str__(self) -> str:
        return f"{self.jaar:04d}-{self.maand:02d}"


def plus_maanden(dag: date, aantal: int) -> date:
    """Tel kalendermaanden op; bestaat de dag niet, dan de laatste dag van die maand.

    >>> plus_maanden(date(2012, 1, 31), 1)
    datetime.date(2012, 2, 29)
    """
    doel = Maand.van_datum(dag).plus(aantal)
    return date(doel.jaar, doel.maand, min(dag.day, doel.laatste_dag.day))


def plus_jaren(dag: date, aantal: int) -> date:
    """Tel kalenderjaren op; 29 februari wordt 28 februari in een gewoon jaar."""
    return plus_maanden(dag, 12 * aantal)


def leeftijd_op(geboortedatum: date, peildatum: date) -> int:
    """Leeftijd in hele jaren op de peildatum (wie op 29 februari jarig is, wordt in
    een gewoon jaar op 1 maart een jaar ouder)."""
    jaren = peildatum.year - geboortedatum.year
    if (peildatum.month, peildatum.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return jaren
