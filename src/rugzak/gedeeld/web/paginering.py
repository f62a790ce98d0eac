"""Pagina's in de webtoepassing: ``?pagina=`` (of een eigen parameter als een scherm meer
lijsten heeft), met "vorige" en "volgende" als gewone links (werkt zonder JavaScript) en
het totaal in beeld. Een ongeldig of te hoog paginanummer toont de dichtstbijzijnde
pagina, zoals Django's ``Paginator.get_page``. De selectors loggen alleen de getoonde
pagina (zie :mod:`rugzak.gedeeld.paginering`); :func:`selectorpagina` is de gewone vorm
(een selector met ``gebruiker`` en ``venster``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.http import HttpRequest

from rugzak.gedeeld.paginering import Deel, Venster

T = TypeVar("T")

#: Items per pagina van een lijst in de webtoepassing, tenzij een scherm iets anders kiest.
PER_PAGINA = 50


@dataclass(frozen=True)
class Webpagina(Generic[T]):
    """Wat een sjabloon nodig heeft: de items, het totaal en de links."""

    items: list[T]
    aantal: int
    nummer: int
    paginas: int
    vorige: str | None
    volgende: str | None
    per_pagina: int = 50

    @property
    def meer_dan_een(self) -> bool:
        return self.paginas > 1

    @property
    def eerste(self) -> int:
        """Het volgnummer (vanaf 1) van het eerste item op deze pagina; 0 als ze leeg is."""
        return (self.nummer - 1) * self.per_pagina + 1 if self.items else 0

    @property
    def laatste(self) -> int:
        """Het volgnummer van het laatste item op deze pagina; 0 als ze leeg is."""
        return self.eerste + len(self.items) - 1 if self.items else 0


def _nummer(request: HttpRequest, parameter: str) -> int:
    try:
        return max(1, int(request.GET.get(parameter, "1")))
    except ValueError:
        return 1


def _link(request: HttpRequest, parameter: str, nummer: int) -> str:
    params = request.GET.copy()
    if nummer == 1:
        params.pop(parameter, None)
    else:
        params[parameter] = str(nummer)
    tekst = params.urlencode()
    return f"?{tekst}" if tekst else "?"


def webpagina(
    request: HttpRequest,
    haal: Callable[[Venster], Deel[T]],
    *,
    per_pagina: int,
    parameter: str = "pagina",
) -> Webpagina[T]:
    """Haal de gevraagde pagina met ``haal(venster)`` (een selector die alleen die pagina
    logt); voorbij de laatste pagina: de laatste."""
    nummer = _nummer(request, parameter)
    deel = haal(Venster(pagina=nummer, per_pagina=per_pagina))
    paginas = deel.paginas(per_pagina)
    if nummer > paginas:
        nummer = paginas
        deel = haal(Venster(pagina=nummer, per_pagina=per_pagina))
    return Webpagina(
        items=deel.items,
        aantal=deel.aantal,
        nummer=nummer,
        paginas=paginas,
        vorige=_link(request, parameter, nummer - 1) if nummer > 1 else None,
        volgende=_link(request, parameter, nummer + 1) if nummer < paginas else None,
        per_pagina=per_pagina,
    )


def selectorpagina(
    request: HttpRequest,
    selector: Callable[..., Deel[T]],
    *,
    per_pagina: int = PER_PAGINA,
    parameter: str = "pagina",
    **kwargs: Any,
) -> Webpagina[T]:
    """:func:`webpagina` van ``selector(gebruiker=<de ingelogde gebruiker>, venster=...,
    **kwargs)`` (de filters en de reden voor de audit in ``kwargs``)."""
    gebruiker = request.user
    return webpagina(
        request,
        lambda venster: selector(gebruiker=gebruiker, venster=venster, **kwargs),
        per_pagina=per_pagina,
        parameter=parameter,
    )
