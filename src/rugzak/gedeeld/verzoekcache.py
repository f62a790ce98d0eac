"""Een cache die precies één HTTP-verzoek leeft, voor wat binnen een verzoek niet verandert
maar wel vaak wordt gevraagd (de rollen van de gebruiker op de peildatum).

:class:`VerzoekcacheMiddleware` opent de cache aan het begin van elk verzoek en gooit haar
aan het eind weg. Buiten een verzoek (services en selectors in tests, de CLI, de
betaalrun) is er geen cache en rekent :func:`onthoud` gewoon uit. Wie binnen een verzoek
rollen wijzigt, leegt de cache via het signaal in ``rugzak.organisaties``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_cache: ContextVar[dict[Hashable, Any] | None] = ContextVar("rugzak_verzoekcache", default=None)


def onthoud(sleutel: Hashable, bereken: Callable[[], T]) -> T:
    """De waarde voor ``sleutel`` in dit verzoek; de eerste keer ``bereken()``."""
    cache = _cache.get()
    if cache is None:
        return bereken()
    if sleutel not in cache:
        cache[sleutel] = bereken()
    waarde: T = cache[sleutel]
    return waarde


def leeg() -> None:
    """Vergeet alles wat dit verzoek onthield (bv. na het wijzigen van een rol)."""
    cache = _cache.get()
    if cache is not None:
        cache.clear()


class VerzoekcacheMiddleware:
    """Geeft elk verzoek een eigen, lege cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        teken = _cache.set({})
        try:
            return self.get_response(request)
        finally:
            _cache.reset(teken)
