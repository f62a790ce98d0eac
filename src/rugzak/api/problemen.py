"""Fouten als ``application/problem+json`` (RFC 9457).

Elke fout krijgt ``type``, ``title``, ``status`` en ``detail``; validatiefouten ook
``velden``: per veld de meldingen, zodat een client elk fout veld kan tonen.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from rugzak.gedeeld.fouten import GelijktijdigeWijziging
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer, OntbrekendeBron, RegelingFout

PROBLEEM_TYPE = "application/problem+json"
_BASIS = "https://rugzak.example/problemen/"


def probleem(
    status_code: int,
    titel: str,
    detail: str,
    soort: str,
    velden: dict[str, list[str]] | None = None,
) -> Response:
    data: dict[str, Any] = {
        "type": _BASIS + soort,
        "title": titel,
        "status": status_code,
        "detail": detail,
    }
    if velden:
        data["velden"] = velden
    return Response(data, status=status_code, content_type=PROBLEEM_TYPE)


def _velden_uit(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(detail, dict):
        uit: dict[str, list[str]] = {}
        for k, v in detail.items():
            uit.update(_velden_uit(v, f"{prefix}.{k}" if prefix else str(k)))
        return uit
    if isinstance(detail, list):
        if all(not isinstance(x, dict | list) for x in detail):
            return {prefix or "algemeen": [str(x) for x in detail]}
        uit = {}
        for i, x in enumerate(detail):
            uit.update(_velden_uit(x, f"{prefix}[{i}]"))
        return uit
    return {prefix or "algemeen": [str(detail)]}


def verwerk_fout(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler: alles wordt een probleem; niets lekt als stacktrace."""
    if isinstance(exc, DjangoValidationError):
        velden = (
            {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
            if hasattr(exc, "error_dict")
            else {"algemeen": [str(m) for m in exc.messages]}
        )
        return probleem(
            400,
            "Ongeldige invoer",
            "; ".join(f"{k}: {' '.join(v)}" for k, v in velden.items()),
            "ongeldige-invoer",
            velden,
        )
    if isinstance(exc, OngeldigeInvoer):
        return probleem(
            400, "Ongeldige invoer", str(exc), "ongeldige-invoer", {exc.veld: [str(exc)]}
        )
    if isinstance(exc, GelijktijdigeWijziging):
        return probleem(409, "Gelijktijdige wijziging", str(exc), "gelijktijdige-wijziging")
    if isinstance(exc, NietToegestaan):
        return probleem(409, "Niet toegestaan door de regeling", str(exc), "niet-toegestaan")
    if isinstance(exc, OntbrekendeBron):
        return probleem(422, "Geen bron voor deze situatie", str(exc), "ontbrekende-bron")
    if isinstance(exc, RegelingFout):
        return probleem(422, "Regelingsfout", str(exc), "regelingsfout")
    if isinstance(exc, PermissionDenied):
        return probleem(403, "Geen toegang", str(exc) or "geen toegang", "geen-toegang")
    if isinstance(exc, Http404):
        return probleem(
            404, "Niet gevonden", "dit object bestaat niet of u mag het niet zien", "niet-gevonden"
        )
    antwoord = exception_handler(exc, context)
    if antwoord is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        velden = _velden_uit(exc.detail)
        return probleem(
            400,
            "Ongeldige invoer",
            "; ".join(f"{k}: {' '.join(v)}" for k, v in velden.items()),
            "ongeldige-invoer",
            velden,
        )
    titels = {
        status.HTTP_401_UNAUTHORIZED: ("Niet ingelogd", "niet-ingelogd"),
        status.HTTP_403_FORBIDDEN: ("Geen toegang", "geen-toegang"),
        status.HTTP_404_NOT_FOUND: ("Niet gevonden", "niet-gevonden"),
        status.HTTP_405_METHOD_NOT_ALLOWED: ("Methode niet toegestaan", "methode"),
        status.HTTP_429_TOO_MANY_REQUESTS: ("Te veel verzoeken", "te-veel"),
    }
    titel, soort = titels.get(antwoord.status_code, ("Fout", "fout"))
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    antwoord = probleem(antwoord.status_code, titel, str(detail), soort)
    return antwoord


#: Het schema van een probleem (RFC 9457) zoals :func:`probleem` het maakt.
PROBLEEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Een fout als application/problem+json (RFC 9457).",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "velden": {
            "type": "object",
            "description": "per veld de meldingen (bij ongeldige invoer)",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["type", "title", "status", "detail"],
}

_METHODEN = ("get", "put", "post", "patch", "delete", "head", "options", "trace")


def schema_met_problemen(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Postprocessing-hook van drf-spectacular: elk eindpunt kan een fout (4xx) geven, en
    die is altijd ``application/problem+json``; het schema zegt dat nu ook (gevonden door
    de fuzzrun: geen enkele 400/403/404 stond in het schema)."""
    componenten = result.setdefault("components", {}).setdefault("schemas", {})
    componenten["Probleem"] = PROBLEEM_SCHEMA
    for pad in result.get("paths", {}).values():
        for methode, operatie in pad.items():
            if methode not in _METHODEN:
                continue
            operatie.setdefault("responses", {})["4XX"] = {
                "description": "fout: ongeldige invoer, niet ingelogd, geen toegang, niet "
                "gevonden, gelijktijdige wijziging of niet toegestaan door de regeling",
                "content": {PROBLEEM_TYPE: {"schema": {"$ref": "#/components/schemas/Probleem"}}},
            }
    return result


# --- foutpagina's van Django (handler400/403/404/500 in rugzak.site.urls) ---------------------


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _probleem_http(status_code: int, titel: str, detail: str, soort: str) -> HttpResponse:
    """Een probleem als gewone Django-respons (buiten DRF om)."""
    return JsonResponse(
        {"type": _BASIS + soort, "title": titel, "status": status_code, "detail": detail},
        status=status_code,
        content_type=PROBLEEM_TYPE,
    )


def foutpagina_400(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _probleem_http(
            400, "Ongeldig verzoek", "dit verzoek kan niet gelezen worden", "ongeldig-verzoek"
        )
    return defaults.bad_request(request, exception)


def foutpagina_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _probleem_http(403, "Geen toegang", "geen toegang", "geen-toegang")
    return defaults.permission_denied(request, exception)


def foutpagina_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Ook een pad onder /api/ dat geen route is (bv. een publiek id dat geen UUID is):
    een probleem, geen HTML-pagina (gevonden door de fuzzrun)."""
    if _is_api(request):
        return _probleem_http(
            404, "Niet gevonden", "dit object bestaat niet of u mag het niet zien", "niet-gevonden"
        )
    return defaults.page_not_found(request, exception)


def foutpagina_500(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _probleem_http(
            500,
            "Interne fout",
            "er is een fout opgetreden; er is niets half opgeslagen",
            "interne-fout",
        )
    return defaults.server_error(request)
