"""De regeling als data: parameterwaarden met sleutel, geldigheid en bron.

Een :class:`Regeling` is een onveranderlijke verzameling parameterwaarden. Elke waarde
hoort bij een parameternaam (bv. ``lgf.bedrag``), een sleutel (bv. schoolsoort=bao,
onderwijssoort=doof, deel=school_personeel), een geldigheidsperiode met begin- en
einddatum, en een bron. Opzoeken op een peildatum geeft precies één waarde of een
:class:`OntbrekendeBron`; overlappende perioden worden bij het laden geweigerd.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from types import MappingProxyType

from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import OntbrekendeBron
from rugzak.regeling.tijd import Periode
from rugzak.regeling.uitleg import GelezenWaarde

Waarde = Decimal | int | bool | tuple[int, ...] | str
Sleutel = tuple[tuple[str, str], ...]


def maak_sleutel(**delen: object) -> Sleutel:
    """Sleutel met vaste volgorde (alfabetisch op dimensie)."""
    return tuple(sorted((k, str(v)) for k, v in delen.items()))


def waarde_als_tekst(waarde: Waarde) -> str:
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, tuple):
        return ", ".join(str(w) for w in waarde)
    return str(waarde)


@dataclass(frozen=True, slots=True)
class Parameterwaarde:
    naam: str
    sleutel: Sleutel
    waarde: Waarde
    eenheid: str
    periode: Periode
    bron: Bron
    interpretaties: tuple[str, ...] = ()
    label: str = ""

    def gelezen(self) -> GelezenWaarde:
        return GelezenWaarde(
            naam=self.naam,
            sleutel=self.sleutel,
            waarde=waarde_als_tekst(self.waarde),
            eenheid=self.eenheid,
            bron=self.bron,
            periode=self.periode,
            interpretaties=self.interpretaties,
        )


def _sleutel_tekst(naam: str, sleutel: Sleutel) -> str:
    if not sleutel:
        return naam
    return f"{naam} [{', '.join(f'{k}={v}' for k, v in sleutel)}]"


@dataclass(frozen=True, slots=True)
class Interpretatie:
    """Een gekozen lezing waar de bronnen botsen of zwijgen (zie docs/interpretaties.md)."""

    id: str
    titel: str
    vraag: str
    bronnen: tuple[str, ...]
    keuze: str


class Regeling:
    """Alle parameterwaarden en interpretaties; opzoeken op naam, sleutel en peildatum."""

    __slots__ = ("_index", "_interpretaties", "_waarden")

    def __init__(
        self,
        waarden: Iterable[Parameterwaarde],
        interpretaties: Iterable[Interpretatie] = (),
    ) -> None:
        index: dict[tuple[str, Sleutel], list[Parameterwaarde]] = {}
        for w in waarden:
            index.setdefault((w.naam, w.sleutel), []).append(w)
        for (naam, sleutel), lijst in index.items():
            lijst.sort(key=lambda w: w.periode.van)
            for a, b in pairwise(lijst):
                if a.periode.overlapt(b.periode):
                    raise ValueError(
                        f"overlappende perioden voor {_sleutel_tekst(naam, sleutel)}: "
                        f"{a.periode} ({a.bron.citeer()}) en {b.periode} ({b.bron.citeer()})"
                    )
        self._index: Mapping[tuple[str, Sleutel], tuple[Parameterwaarde, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in index.items()}
        )
        self._waarden = tuple(w for lijst in self._index.values() for w in lijst)
        self._interpretaties: Mapping[str, Interpretatie] = MappingProxyType(
            {i.id: i for i in interpretaties}
        )

    @property
    def waarden(self) -> tuple[Parameterwaarde, ...]:
        return self._waarden

    @property
    def interpretaties(self) -> Mapping[str, Interpretatie]:
        return self._interpretaties

    def interpretatietitels(self) -> dict[str, str]:
        return {i.id: i.titel for i in self._interpretaties.values()}

    def zoek(self, naam: str, peildatum: date, **sleuteldelen: object) -> Parameterwaarde:
        """De ene waarde die op de peildatum geldt, of :class:`OntbrekendeBron`."""
        sleutel = maak_sleutel(**sleuteldelen)
        kandidaten = self._index.get((naam, sleutel), ())
        for w in kandidaten:
            if w.periode.bevat(peildatum):
                return w
        raise OntbrekendeBron(
            _sleutel_tekst(naam, sleutel),
            peildatum,
            wel_bekend=[str(w.periode) for w in kandidaten],
            toelichting=None if kandidaten else "deze combinatie komt in geen enkele bron voor",
        )

    def versies(self, naam: str, **sleuteldelen: object) -> tuple[Parameterwaarde, ...]:
        """Alle waarden van een naam en sleutel, op volgorde van hun begin (zonder
        peildatum: voor een waarde die ook buiten haar eigen periode iets zegt, zoals het
        einde van LGF, zie :mod:`rugzak.regeling.regels.looptijd`)."""
        return self._index.get((naam, maak_sleutel(**sleuteldelen)), ())

    def heeft(self, naam: str, peildatum: date, **sleuteldelen: object) -> bool:
        sleutel = maak_sleutel(**sleuteldelen)
        return any(w.periode.bevat(peildatum) for w in self._index.get((naam, sleutel), ()))

    def perioden(self, naam: str) -> tuple[Periode, ...]:
        """Alle verschillende geldigheidsperioden van een parameter."""
        gezien = {w.periode for (n, _), lijst in self._index.items() if n == naam for w in lijst}
        return tuple(sorted(gezien))

    def sleutels(self, naam: str, peildatum: date) -> tuple[Sleutel, ...]:
        return tuple(
            s
            for (n, s), lijst in self._index.items()
            if n == naam and any(w.periode.bevat(peildatum) for w in lijst)
        )
