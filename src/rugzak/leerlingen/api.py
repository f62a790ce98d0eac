# mypy: disable-error-code="misc,untyped-decorator"
# (DRF heeft geen typestubs in dit project: Serializer/ViewSet zijn Any.)
"""API: de leerlingen die de gebruiker mag zien (``/api/v1/leerlingen/``) en het dossier
van één leerling over alle zaken heen (``/api/v1/leerlingen/{publiek_id}/dossier/``).

Alleen lezen via de selectors (toegang en audit zitten daar). Een onbekend id en een id
zonder toegang geven allebei 404, zodat niet te raden valt of een id bestaat. Het dossier
hergebruikt de serializers van de zaak-apps, zodat een zaak er hetzelfde uitziet als op
haar eigen eindpunt.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rugzak.ambulante_begeleiding.api import BegeleidingSerializer
from rugzak.betalingen.api import BestedingSerializer, GrootboekregelSerializer
from rugzak.gedeeld.api.paginering import lijst_antwoord, lijst_schema, venster_uit
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.handelingsplannen.api import (
    EvaluatieSerializer,
    HandelingsplanSerializer,
    OvereenkomstSerializer,
)
from rugzak.indicaties.api import AanvraagSerializer, IndicatieSerializer
from rugzak.leerlingen.api_schrijven import LeerlingSchrijven
from rugzak.leerlingen.dossier import leerling_volledig_dossier, schooljaar_uit
from rugzak.leerlingen.selectors import leerling_dossier, leerlingen_deel
from rugzak.meldingen.api import MeldingSerializer, TerugmeldingSerializer, ZmlSerializer
from rugzak.toelating.api import GastleerlingschapSerializer, ToelatingszaakKortSerializer


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


class DossierHandelingsplanSerializer(HandelingsplanSerializer):
    evaluaties = EvaluatieSerializer(source="evaluaties.all", many=True)


class DossierBetalingSerializer(GrootboekregelSerializer):
    ontvanger_id = serializers.IntegerField()
    ontvanger = serializers.CharField(source="ontvanger__naam")


class BudgetmaandSerializer(serializers.Serializer):
    maand = serializers.CharField()
    school = serializers.CharField()
    betaald = serializers.BooleanField()
    reden = serializers.CharField()
    zml_aanvulling = serializers.BooleanField()


def _bedragen() -> serializers.DictField:
    return serializers.DictField(child=serializers.DecimalField(max_digits=12, decimal_places=2))


class BudgetSerializer(serializers.Serializer):
    schooljaar = serializers.CharField()
    per_deel = _bedragen()
    per_ontvanger = _bedragen()
    totaal = serializers.DecimalField(max_digits=12, decimal_places=2)
    maanden = BudgetmaandSerializer(many=True)
    leemte = serializers.CharField(help_text="waarom de regelkern dit jaar niet kon berekenen")
    uitleg = serializers.CharField()


class JaarbetalingSerializer(serializers.Serializer):
    maand = serializers.CharField(help_text="JJJJ-MM, de maand waarop de boeking betrekking heeft")
    ontvanger_id = serializers.IntegerField()
    ontvanger = serializers.CharField()
    bedrag = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="netto geboekt")


class JaarleemteSerializer(serializers.Serializer):
    reden = serializers.CharField(help_text="de melding van de regelkern")
    soort = serializers.CharField(
        help_text="ontbrekende_bron, ongeldige_gegevens of niet_toegestaan"
    )
    actueel = serializers.BooleanField(help_text="de regelkern geeft deze leemte nu nog")
    betaalruns = serializers.ListField(
        child=serializers.CharField(), help_text="maanden (JJJJ-MM) van de runs die haar vastlegden"
    )


class JaaroverzichtSerializer(serializers.Serializer):
    schooljaar = serializers.CharField()
    budget = BudgetSerializer(allow_null=True, help_text="de rugzak volgens de regelkern")
    betaald = JaarbetalingSerializer(many=True, help_text="grootboek per maand en ontvanger")
    betaald_totaal = serializers.DecimalField(max_digits=12, decimal_places=2)
    leemtes = JaarleemteSerializer(many=True)


class VolledigDossierSerializer(serializers.Serializer):
    leerling = LeerlingSerializer()
    toegang_via_rol = serializers.CharField(source="grond.rol")
    schooljaar = serializers.CharField()
    inschrijvingen = InschrijvingSerializer(many=True)
    indicaties = IndicatieSerializer(many=True)
    indicatieaanvragen = AanvraagSerializer(many=True)
    toelatingszaken = ToelatingszaakKortSerializer(many=True)
    gastleerlingschappen = GastleerlingschapSerializer(many=True)
    overeenkomsten = OvereenkomstSerializer(many=True)
    handelingsplannen = DossierHandelingsplanSerializer(many=True)
    meldingen = MeldingSerializer(many=True)
    terugmeldingen = TerugmeldingSerializer(many=True)
    zml_aanvragen = ZmlSerializer(many=True)
    begeleidingen = BegeleidingSerializer(many=True)
    budget = BudgetSerializer(allow_null=True)
    betalingen = DossierBetalingSerializer(many=True, help_text="grootboekregels dit schooljaar")
    betalingen_per_schooljaar = _bedragen()
    bestedingen = BestedingSerializer(many=True)
    jaren = JaaroverzichtSerializer(
        many=True,
        help_text="de geschiedenis per schooljaar: met ?schooljaar= alleen dat jaar, anders "
        "elk schooljaar van de eerste melding tot nu, niet voorbij het einde van LGF (I-73)",
    )


SCHOOLJAARPARAMETER = OpenApiParameter(
    "schooljaar",
    str,
    description="bv. 2011-2012: budget, betalingen, bestedingen en jaren van dat schooljaar; "
    "weg of leeg: het huidige schooljaar, en jaren over alle schooljaren. Een andere vorm "
    "geeft 400 met het veld schooljaar.",
)


class LeerlingenViewSet(LeerlingSchrijven, viewsets.ViewSet):
    lookup_field = "publiek_id"
    lookup_value_regex = "[0-9a-f-]{36}"

    @lijst_schema(LeerlingSerializer, "LeerlingLijst")
    def list(self, request: Request) -> Response:
        venster = venster_uit(request)
        deel = leerlingen_deel(gebruiker=request.user, venster=venster, reden="api")
        return lijst_antwoord(
            request, venster, deel, LeerlingSerializer(deel.items, many=True).data
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

    @extend_schema(responses=VolledigDossierSerializer, parameters=[SCHOOLJAARPARAMETER])
    @action(detail=True, methods=["get"])
    def dossier(self, request: Request, publiek_id: str | None = None) -> Response:
        """Het dossier van de leerling over alle zaken heen, per deel gefilterd op wat de
        rol van de gebruiker mag zien, met de geschiedenis per schooljaar; een vast aantal
        queries, één auditregel."""
        try:
            id_ = UUID(str(publiek_id))
        except ValueError:
            raise Http404 from None
        schooljaar = schooljaar_uit(request.query_params.get("schooljaar"))
        try:
            dossier = leerling_volledig_dossier(
                gebruiker=request.user, publiek_id=id_, reden="api dossier", schooljaar=schooljaar
            )
        except GeenToegang:
            raise Http404 from None
        return Response(VolledigDossierSerializer(dossier).data)


def registreer(router: Any) -> None:
    router.register("leerlingen", LeerlingenViewSet, basename="leerling")
