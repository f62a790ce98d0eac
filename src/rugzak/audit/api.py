"""API: de export van het auditlog voor de functionaris gegevensbescherming.

- ``/api/v1/auditlog/export/?organisatie=<id>&van=JJJJ-MM-DD&tot=JJJJ-MM-DD``: de
  auditregels van de eigen organisatie in die periode (tot en met) als CSV (UTF-8 met
  BOM, puntkomma), zoals op de webpagina ``/audit/export/`` (I-95). De export wordt
  vastgelegd. Zonder de rol: 403 (problem+json); een ongeldige invoer: 400 met het veld.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request

from rugzak.audit import selectors
from rugzak.gedeeld.csvbestand import csv_antwoord

EXPORTPARAMETERS = [
    OpenApiParameter(
        "organisatie",
        int,
        required=True,
        description="id van de organisatie waarvan u functionaris gegevensbescherming bent",
    ),
    OpenApiParameter(
        "van", OpenApiTypes.DATE, required=True, description="eerste dag (JJJJ-MM-DD)"
    ),
    OpenApiParameter(
        "tot", OpenApiTypes.DATE, required=True, description="laatste dag, tot en met"
    ),
]


def _datum(waarde: str | None, veld: str) -> date:
    if not waarde:
        raise ValidationError({veld: "verplicht: een datum als JJJJ-MM-DD"})
    try:
        return date.fromisoformat(waarde)
    except ValueError:
        raise ValidationError({veld: "verwacht een datum als JJJJ-MM-DD, bv. 2012-03-01"}) from None


def _organisatie(waarde: str | None) -> int:
    try:
        return int(str(waarde))
    except ValueError:
        raise ValidationError(
            {"organisatie": "verwacht het id (een geheel getal) van uw organisatie"}
        ) from None


class AuditlogViewSet(viewsets.ViewSet):
    @extend_schema(
        parameters=EXPORTPARAMETERS,
        responses={(200, "text/csv"): OpenApiTypes.STR},
        operation_id="auditlog_export",
    )
    @action(detail=False, methods=["get"])
    def export(self, request: Request) -> HttpResponse:
        organisatie_id = _organisatie(request.query_params.get("organisatie"))
        van = _datum(request.query_params.get("van"), "van")
        tot = _datum(request.query_params.get("tot"), "tot")
        tekst, _ = selectors.auditlog_export_csv(
            gebruiker=request.user, organisatie_id=organisatie_id, van=van, tot=tot
        )
        return csv_antwoord(tekst, selectors.export_bestandsnaam(organisatie_id, van, tot))


def registreer(router: Any) -> None:
    router.register("auditlog", AuditlogViewSet, basename="auditlog")
