"""Uitleg ("waarom dit bedrag?"): elke uitkomst draagt de stappen die ertoe leidden.

Een stap noemt de regel, de gebruikte invoer, de gelezen parameterwaarden met hun
bron, en de uitkomst. De uitleg is data (``als_dict`` geeft JSON-klare waarden) en
wordt als Nederlandse tekst weergegeven met ``als_tekst``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from rugzak.regeling.bron import Bron
from rugzak.regeling.tijd import Periode


def euro(bedrag: Decimal) -> str:
    """``Decimal('12523.63')`` -> ``'€ 12.523,63'`` (Nederlandse notatie)."""
    teken = "-" if bedrag < 0 else ""
    gehele, _, centen = f"{abs(bedrag):.2f}".partition(".")
    groepen: list[str] = []
    while len(gehele) > 3:
        groepen.insert(0, gehele[-3:])
        gehele = gehele[:-3]
    groepen.insert(0, gehele)
    return f"{teken}€ {'.'.join(groepen)},{centen}"


@dataclass(frozen=True, slots=True)
class GelezenWaarde:
    """Een parameterwaarde die een regel gebruikte, met zijn bron."""

    naam: str
    sleutel: tuple[tuple[str, str], ...]
    waarde: str
    eenheid: str
    bron: Bron
    periode: Periode
    interpretaties: tuple[str, ...] = ()

    def als_dict(self) -> dict[str, object]:
        return {
            "naam": self.naam,
            "sleutel": dict(self.sleutel),
            "waarde": self.waarde,
            "eenheid": self.eenheid,
            "geldig_van": self.periode.van.isoformat(),
            "geldig_tot": self.periode.tot.isoformat(),
            "bron": self.bron.als_dict(),
            "interpretaties": list(self.interpretaties),
        }


@dataclass(frozen=True, slots=True)
class Stap:
    """Eén stap van een berekening of beslissing."""

    regel: str
    omschrijving: str
    uitkomst: str
    grondslag: tuple[Bron, ...] = ()
    invoer: tuple[tuple[str, str], ...] = ()
    gelezen: tuple[GelezenWaarde, ...] = ()
    interpretaties: tuple[str, ...] = ()

    def alle_interpretaties(self) -> tuple[str, ...]:
        ids = list(self.interpretaties)
        for g in self.gelezen:
            ids.extend(i for i in g.interpretaties if i not in ids)
        return tuple(ids)

    def als_dict(self) -> dict[str, object]:
        return {
            "regel": self.regel,
            "omschrijving": self.omschrijving,
            "invoer": dict(self.invoer),
            "gelezen": [g.als_dict() for g in self.gelezen],
            "uitkomst": self.uitkomst,
            "grondslag": [b.als_dict() for b in self.grondslag],
            "interpretaties": list(self.alle_interpretaties()),
        }


@dataclass(frozen=True, slots=True)
class Uitleg:
    """De stappen achter één uitkomst."""

    onderwerp: str
    stappen: tuple[Stap, ...] = field(default=())

    def met(self, *stappen: Stap) -> Uitleg:
        return Uitleg(self.onderwerp, self.stappen + stappen)

    def samen(self, ander: Uitleg) -> Uitleg:
        return Uitleg(self.onderwerp, self.stappen + ander.stappen)

    def interpretaties(self) -> tuple[str, ...]:
        ids: list[str] = []
        for s in self.stappen:
            ids.extend(i for i in s.alle_interpretaties() if i not in ids)
        return tuple(ids)

    def bronnen(self) -> tuple[Bron, ...]:
        gezien: list[Bron] = []
        for s in self.stappen:
            for b in (*s.grondslag, *(g.bron for g in s.gelezen)):
                if b not in gezien:
                    gezien.append(b)
        return tuple(gezien)

    def als_dict(self) -> dict[str, object]:
        return {
            "onderwerp": self.onderwerp,
            "stappen": [s.als_dict() for s in self.stappen],
            "interpretaties": list(self.interpretaties()),
        }

    def als_tekst(self, interpretaties: Mapping[str, str] | None = None) -> str:
        """Leesbare Nederlandse uitleg; ``interpretaties`` geeft id -> titel."""
        regels = [f"Waarom: {self.onderwerp}"]
        for nr, s in enumerate(self.stappen, start=1):
            regels.append(f"{nr}. {s.omschrijving}")
            if s.invoer:
                regels.append("   invoer: " + ", ".join(f"{k} = {v}" for k, v in s.invoer))
            for g in s.gelezen:
                sleutel = f" [{', '.join(v for _, v in g.sleutel)}]" if g.sleutel else ""
                regels.append(
                    f"   gelezen: {g.naam}{sleutel} = {g.waarde} {g.eenheid}"
                    f" (geldig {g.periode}; bron: {g.bron.citeer()})"
                )
            for b in s.grondslag:
                regels.append(f"   grondslag: {b.citeer()}")
            regels.append(f"   uitkomst: {s.uitkomst}")
            for i in s.alle_interpretaties():
                titel = (interpretaties or {}).get(i, "")
                regels.append(f"   interpretatie {i}{': ' + titel if titel else ''}")
        return "\n".join(regels)


def invoer(**waarden: object) -> tuple[tuple[str, str], ...]:
    """Hulp om invoer van een stap als tekstparen vast te leggen (None wordt weggelaten)."""
    return tuple((k, str(v)) for k, v in waarden.items() if v is not None)


def samenvoegen(uitleggen: Iterable[Uitleg], onderwerp: str) -> Uitleg:
    stappen: list[Stap] = []
    for u in uitleggen:
        stappen.extend(u.stappen)
    return Uitleg(onderwerp, tuple(stappen))
