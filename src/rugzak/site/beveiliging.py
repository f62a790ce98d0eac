"""Beveiligingskoppen die Django 5 zelf niet zet: Content-Security-Policy en
Permissions-Policy. Het beleid staat alleen bronnen van de eigen herkomst toe; sjablonen
gebruiken dus geen inline scripts of stijlen."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

STANDAARD_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
STANDAARD_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"


class BeveiligingskoppenMiddleware:
    """Zet Content-Security-Policy en Permissions-Policy op elk antwoord dat ze nog mist."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp: str = getattr(settings, "RUGZAK_CONTENT_SECURITY_POLICY", STANDAARD_CSP)
        self.permissions: str = getattr(
            settings, "RUGZAK_PERMISSIONS_POLICY", STANDAARD_PERMISSIONS_POLICY
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.csp
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions
        return response
