"""Pagina's uit een lijst: welk stuk de aanroeper wil (:class:`Venster`) en wat hij krijgt
(:class:`Deel`: de items van die pagina en hoeveel er in totaal zijn).

De selectors die een overzicht geven, nemen een ``venster`` en loggen alleen de items die ze
teruggeven: wie pagina 2 opvraagt, heeft pagina 1 niet gezien. Zonder venster geven ze de
hele lijst (en loggen ze die hele lijst), zonder stil plafond.

:func:`pagineer` knipt een queryset met een toegangscontrole per item (``met_grond``) in
een vast aantal queries, hoe groot de lijst of de pagina ook is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import ceil
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet

T = TypeVar("T")
M = TypeVar("M", bound=Model)
G = TypeVar("G")


@dataclass(frozen=True, slots=True)
class Venster:
    """Pagina ``pagina`` (vanaf 1) van ``per_pagina`` items."""

    pagina: int = 1
    per_pagina: int = 50

    @property
    def begin(self) -> int:
        return (self.pagina - 1) * self.per_pagina

    @property
    def eind(self) -> int:
        return self.begin + self.per_pagina

    def knip(self, items: Sequence[T]) -> list[T]:
        return list(items[self.begin : self.eind])


@dataclass(frozen=True, slots=True)
class Deel(Generic[T]):
    """De items van één pagina (of van de hele lijst) en het totaal aantal items."""

    items: list[T]
    aantal: int

    def paginas(self, per_pagina: int) -> int:
        """Het aantal pagina's; een lege lijst heeft één (lege) pagina."""
        return max(1, ceil(self.aantal / per_pagina))


def knip_lijst(items: Sequence[T], venster: Venster | None) -> Deel[T]:
    """Een lijst die al in het geheugen staat, als :class:`Deel`."""
    if venster is None:
        return Deel(list(items), len(items))
    return Deel(venster.knip(items), len(items))


def pagineer(
    kandidaten: QuerySet[M],
    met_grond: Callable[[list[M]], list[tuple[M, G]]],
    venster: Venster | None,
    *,
    licht: Sequence[str] | None = None,
) -> Deel[tuple[M, G]]:
    """Eén pagina uit ``kandidaten`` (een geordende queryset), met per item de grond uit
    ``met_grond``, die items zonder grond weglaat.

    - ``licht=None``: elke kandidaat heeft een grond (de queryset filtert al precies);
      het totaal is ``count()`` en alleen de pagina wordt geladen.
    - ``licht``: de velden die ``met_grond`` leest. Omdat ``met_grond`` dan kandidaten kan
      weglaten, beslist zij over álle kandidaten, geladen met alleen deze velden; daarna
      wordt alleen de pagina volledig geladen (met de ``select_related`` van
      ``kandidaten``). Zo klopt het totaal en blijft het aantal queries vast.

    Zonder venster: alle kandidaten met grond, volledig geladen.
    """
    if venster is None:
        paren = met_grond(list(kandidaten))
        return Deel(paren, len(paren))
    if licht is None:
        aantal = kandidaten.count()
        if venster.begin >= aantal:
            return Deel([], aantal)
        return Deel(met_grond(list(kandidaten[venster.begin : venster.eind])), aantal)
    relaties = sorted({veld.rsplit("__", 1)[0] for veld in licht if "__" in veld})
    lichte_qs: QuerySet[Any] = kandidaten.select_related(None)
    if relaties:
        lichte_qs = lichte_qs.select_related(*relaties)
    lichte = met_grond(list(lichte_qs.only(*licht)))
    stuk = venster.knip(lichte)
    if not stuk:
        return Deel([], len(lichte))
    volledig = {o.pk: o for o in kandidaten.filter(pk__in=[o.pk for o, _ in stuk])}
    return Deel([(volledig[o.pk], g) for o, g in stuk if o.pk in volledig], len(lichte))
