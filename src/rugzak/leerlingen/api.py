"""API: de leerlingen die de gebruiker mag zien (``/api/v1/leerlingen/``).

Alleen lezen via de selectors (toegang en audit zitten daar). Een onbekend id en een id
zonder toegang geven allebei 404, zodat niet te raden valt of een id bestaat.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from rugzak.gedeeld.fouten import GeenToegang
from rugzak.leerlingen.selectors import leerling_dossier, leerlingen_pagina


class InschrijvingSerializer(serializers.Serializer):
    school_brin = serializers.CharField(source="school.brin")
    school_naam = serializers.CharField(source="school.naam")
    van = serializers.DateField()
    tot = serializers.DateField(allow_null=True)
    groep = serializers.IntegerField(allow_null=True)
    leerjaar = serializers.IntegerField(allow_null=True)


class LeerlingSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    voornaam = serializers.CharField()
    tussenvoegsel = serializers.CharField()
    achternaam = serializers.CharField()
    geboortedatum = serializers.DateField()
    versie = serializers.IntegerField()


class LeerlingDossierSerializer(LeerlingSerializer):
    adres = serializers.CharField()
    postcode = serializers.CharField()
    woonplaats = serializers.CharField()
    inschrijvingen = InschrijvingSerializer(many=True)
    toegang_via_rol = serializers.CharField()


class LeerlingenViewSet(viewsets.ViewSet):
    lookup_field = "publiek_id"
    lookup_value_regex = "[0-9a-f-]{36}"

    @extend_schema(
        parameters=[OpenApiParameter("pagina", int, description="paginanummer, vanaf 1")],
        responses=LeerlingSerializer(many=True),
    )
    def list(self, request: Request) -> Response:
        try:
            nummer = int(request.query_params.get("pagina", "1"))
        except ValueError:
            nummer = 1
        pagina = leerlingen_pagina(gebruiker=request.user, paginanummer=nummer, reden="api")
        return Response(
            {
                "aantal": pagina.paginator.count,
                "pagina": pagina.number,
                "paginas": pagina.paginator.num_pages,
                "resultaten": LeerlingSerializer(pagina.object_list, many=True).data,
            }
        )

    @extend_schema(responses=LeerlingDossierSerializer)
    def retrieve(self, request: Request, publiek_id: str | None = None) -> Response:
        try:
            dossier = leerling_dossier(
                gebruiker=request.user, publiek_id=UUID(str(publiek_id)), reden="api"
            )
        except (GeenToegang, ValueError):
            raise Http404 from None
        leerling: Any = dossier.leerling
        data = LeerlingDossierSerializer(
            {
                **{
                    f: getattr(leerling, f)
                    for f in (
                        "publiek_id",
                        "voornaam",
                        "tussenvoegsel",
                        "achternaam",
                        "geboortedatum",
                        "versie",
                        "adres",
                        "postcode",
                        "woonplaats",
                    )
                },
                "inschrijvingen": dossier.inschrijvingen,
                "toegang_via_rol": dossier.grond.rol,
            }
        ).data
        return Response(data)


def registreer(router: Any) -> None:
    router.register("leerlingen", LeerlingenViewSet, basename="leerling")
