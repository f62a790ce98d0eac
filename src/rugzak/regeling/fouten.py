"""Fouten van de regelkern. Elke fout zegt wat er mis is en wat wel kan."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


class RegelingFout(Exception):
    """Basis voor alle fouten uit de regelkern."""


class OngeldigeInvoer(RegelingFout, ValueError):
    """Een invoerveld heeft een waarde die de regeling niet kent."""

    def __init__(
        self,
        veld: str,
        waarde: object,
        *,
        toegestaan: Iterable[str] | None = None,
        reden: str | None = None,
    ) -> None:
        self.veld = veld
        self.waarde = waarde
        self.toegestaan = tuple(toegestaan) if toegestaan is not None else None
        self.reden = reden
        delen = [
            f"veld '{veld}' ontbreekt"
            if waarde is None
            else f"veld '{veld}': waarde {waarde!r} is ongeldig"
        ]
        if reden:
            delen.append(reden)
        if self.toegestaan is not None:
            delen.append("toegestaan: " + ", ".join(self.toegestaan))
        super().__init__("; ".join(delen))


class OntbrekendeBron(RegelingFout, LookupError):
    """De bronnen geven voor deze situatie geen waarde: een leemte, geen nul.

    rugzak valt nooit terug op een ander jaar of een andere rij; wie een waarde mist,
    voegt een bron toe (zie README, 'Een nieuw schooljaar toevoegen').
    """

    def __init__(
        self,
        wat: str,
        peildatum: date | None = None,
        *,
        wel_bekend: Iterable[str] = (),
        toelichting: str | None = None,
    ) -> None:
        self.wat = wat
        self.peildatum = peildatum
        self.wel_bekend = tuple(wel_bekend)
        bericht = f"de bronnen geven geen waarde voor {wat}"
        if peildatum is not None:
            bericht += f" op {peildatum.isoformat()}"
        if toelichting:
            bericht += f" ({toelichting})"
        if self.wel_bekend:
            bericht += "; wel bekend: " + "; ".join(self.wel_bekend)
        super().__init__(bericht)


class NietToegestaan(RegelingFout):
    """De regeling staat deze handeling of situatie niet toe; de reden noemt de bron."""

    def __init__(self, reden: str, *, bron: str | None = None) -> None:
        self.reden = reden
        self.bron = bron
        super().__init__(reden + (f" [{bron}]" if bron else ""))
