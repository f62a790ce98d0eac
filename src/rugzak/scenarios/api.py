"""API: wat-als-scenario's van de beleidsanalist (I-104).

- ``POST /api/v1/scenarios/`` (``inhoud``: het TOML-scenario, ``schooljaar``): 202, het
  scenario staat in de wachtrij, ``Location`` wijst naar het scenario. Een ongeldig
  bestand: 400 met elk probleem op het veld ``bestand``; er wordt niets vastgelegd.
- ``GET /api/v1/scenarios/`` en ``GET /api/v1/scenarios/{id}/``: toestand, voortgang en
  (als het klaar is) de uitkomst: totalen per soort ontvanger, REC, schoolsoort,
  onderwijssoort, scholen die het meest winnen of verliezen, per CvI-nummer (centen).
- ``GET /api/v1/scenarios/{id}/csv/``: de uitkomst als CSV (UTF-8 met BOM).
Alleen de beleidsanalist; andere rollen krijgen 403 (geen recht) of 404.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rugzak.gedeeld.api.inzage import Inzage, Lijst, Opzoeken, Zaakinzage
from rugzak.gedeeld.csvbestand import csv_antwoord
from rugzak.gedeeld.zaakhandelingen.api import gevalideerd
from rugzak.scenarios import selectors, services
from rugzak.scenarios.models import Scenario

UUID_REGEX = "[0-9a-f-]{36}"


class ScenarioStartSerializer(serializers.Serializer):
    inhoud = serializers.CharField(
        help_text='het scenariobestand (TOML, soort = "scenario" met een eigen [[bron]])',
        trim_whitespace=False,
    )
    schooljaar = serializers.CharField(help_text="JJJJ-JJJJ, bv. 2011-2012")
    bestandsnaam = serializers.CharField(required=False, default="scenario.toml")


class ScenarioVoortgangSerializer(serializers.Serializer):
    gedaan = serializers.IntegerField()
    totaal = serializers.IntegerField(allow_null=True)


class ScenarioSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    url = serializers.SerializerMethodField()
    titel = serializers.CharField()
    schooljaar = serializers.CharField()
    status = serializers.CharField(
        help_text="in_wachtrij -> bezig -> klaar (met uitkomst) of mislukt (met reden)"
    )
    aangevraagd_op = serializers.DateTimeField()
    uitgevoerd_op = serializers.DateTimeField(allow_null=True)
    reden = serializers.CharField()
    voortgang = serializers.SerializerMethodField()

    @extend_schema_field(ScenarioVoortgangSerializer)
    def get_voortgang(self, obj: Scenario) -> dict[str, Any]:
        return {"gedaan": obj.leerlingen_gedaan, "totaal": obj.leerlingen_totaal}

    @extend_schema_field(serializers.URLField())
    def get_url(self, obj: Scenario) -> str:
        pad = reverse("v1:scenario-detail", args=[obj.publiek_id])
        request = self.context.get("request")
        return request.build_absolute_uri(pad) if request is not None else pad


class ScenarioDetailSerializer(ScenarioSerializer):
    uitkomst = serializers.JSONField(
        allow_null=True,
        help_text="bedragen in hele centen; leerlingen alleen op CvI-nummer (I-104)",
    )


class ScenariosViewSet(Zaakinzage, viewsets.ViewSet):
    lookup_value_regex = UUID_REGEX
    lijst = Lijst(selectors.scenario_deel, ScenarioSerializer, "ScenarioLijst", context=True)
    inzage = Inzage(
        Opzoeken(
            selectors.scenario_van, reden="uitkomst scenario (API)", geen=(Scenario.DoesNotExist,)
        ),
        ScenarioDetailSerializer,
        context=True,
    )

    @extend_schema(
        request=ScenarioStartSerializer,
        responses={202: ScenarioDetailSerializer},
        description="Controleert het scenario met de regelkern (elk probleem op het veld "
        "``bestand``), zet het in de wachtrij en keert meteen terug (202 Accepted); "
        "``Location`` wijst naar het scenario.",
    )
    def create(self, request: Request) -> Response:
        d = gevalideerd(ScenarioStartSerializer, request)
        s = services.scenario_aanvragen(
            door=request.user,
            inhoud=d["inhoud"],
            schooljaar=d["schooljaar"],
            bestandsnaam=d["bestandsnaam"],
        )
        s.refresh_from_db()
        data = ScenarioDetailSerializer(s, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    @action(detail=True, methods=["get"])
    def csv(self, request: Request, pk: str | None = None) -> HttpResponse:
        s, inhoud = Opzoeken(selectors.scenario_csv, geen=(Scenario.DoesNotExist,))(request, pk)
        return csv_antwoord(inhoud, f"scenario-{s.publiek_id}.csv")


def registreer(router: Any) -> None:
    router.register("scenarios", ScenariosViewSet, basename="scenario")
