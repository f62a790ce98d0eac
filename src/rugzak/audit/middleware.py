"""Eén bulkinsert voor het auditlog per HTTP-verzoek (zie
:func:`rugzak.audit.services.auditbundel`)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from rugzak.audit.services import auditbundel


class AuditbundelMiddleware:
    """Verzamelt de leesregels van het auditlog van één verzoek en schrijft ze aan het eind
    in één keer, voordat het antwoord teruggaat (ook na een fout in de view)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with auditbundel():
            return self.get_response(request)
