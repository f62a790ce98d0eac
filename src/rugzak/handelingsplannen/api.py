# mypy: disable-error-code="misc,untyped-decorator"
# (DRF heeft geen typeannotaties: subklassen van Serializer/ViewSet en @action zijn Any)
"""API: overeenkomsten school-ouders (``/api/v1/overeenkomsten/``), handelingsplannen
(``/api/v1/handelingsplannen/``) en evaluaties (``/api/v1/evaluaties/``).

Zoals rugzak.toelating.api: lezen via selectors, schrijven via services, elke handeling
een POST met de ``versie`` die de client las; niet leesbaar is 404, niet toegestaan 403.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from rugzak.gedeeld.api.inzage import Inzage, Lijst, Opzoeken, Zaakinzage
from rugzak.gedeeld.api.paginering import TOEGANG_VIA_ROL_HULP, met_toegangsrol
from rugzak.gedeeld.zaakhandelingen.api import Zaakacties, gevalideerd
from rugzak.handelingsplannen import selectors, services
from rugzak.handelingsplannen.handelingen import (
    GEHOUDEN,
    HANDELINGSPLAN,
    OVEREENKOMST,
    OvereenkomstVeldenSerializer,
    PlanVeldenSerializer,
)
from rugzak.handelingsplannen.models import Handelingsplan
from rugzak.handelingsplannen.overgangen import (
    HANDELINGSPLAN_OVERGANGEN,
    handelingsplan_ontbrekend,
)
from rugzak.toelating.api import OvergangSerializer, ToelatingszakenViewSet
from rugzak.toelating.handelingen import UUID_REGEX

#: de toelatingszaak van een nieuwe overeenkomst of een nieuw plan (404 zonder toegang)
_toelatingszaak = ToelatingszakenViewSet.opzoeken


# --- overeenkomsten ------------------------------------------------------------------------


class OvereenkomstSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    versie = serializers.IntegerField()
    zaak = serializers.UUIDField(source="zaak.publiek_id")
    leerling = serializers.UUIDField(source="zaak.leerling.publiek_id")
    school_brin = serializers.CharField(source="zaak.school.brin")
    datum_plaatsing = serializers.DateField(source="zaak.plaatsingsdatum", allow_null=True)
    toestand = serializers.CharField()
    groep = serializers.IntegerField(allow_null=True)
    leerjaar = serializers.IntegerField(allow_null=True)
    looptijd_van = serializers.DateField()
    looptijd_tot = serializers.DateField()
    extra_evaluatiemomenten = serializers.ListField(child=serializers.DateField())
    verdere_afspraken = serializers.CharField()
    inzet_pgb = serializers.CharField()
    inzet_budget = serializers.CharField()
    verplichtingen = serializers.CharField()
    school_getekend_op = serializers.DateField(allow_null=True)
    ouders_getekend_op = serializers.DateField(allow_null=True)
    ouders_getekend_naam = serializers.CharField()


class OvereenkomstMetRolSerializer(OvereenkomstSerializer):
    """Een overeenkomst in de lijst, met de rol waarlangs u haar ziet."""

    toegang_via_rol = serializers.CharField(help_text=TOEGANG_VIA_ROL_HULP)


class OvereenkomstDossierSerializer(OvereenkomstMetRolSerializer):
    """Eén overeenkomst, met de rol waarlangs u haar ziet en haar geschiedenis."""

    overgangen = OvergangSerializer(many=True)


class OvereenkomstMaakSerializer(OvereenkomstVeldenSerializer):
    zaak = serializers.UUIDField(help_text="publiek id van de toelatingszaak (fase 11a)")
    looptijd_van = serializers.DateField()
    looptijd_tot = serializers.DateField()
    inzet_budget = serializers.CharField(allow_blank=True)
    verplichtingen = serializers.CharField(allow_blank=True)


class OvereenkomstenViewSet(Zaakinzage, Zaakacties):
    """De overeenkomst school-ouders (002, fase 11a, bijlage 2)."""

    lookup_field = "publiek_id"
    lookup_value_regex = UUID_REGEX
    lijst = Lijst(
        selectors.overeenkomsten_deel,
        OvereenkomstMetRolSerializer,
        "OvereenkomstLijst",
        reden="api",
        items=met_toegangsrol,
    )
    inzage = Inzage(
        Opzoeken(selectors.overeenkomst_dossier, reden="api"),
        OvereenkomstDossierSerializer,
        dossier="overeenkomst",
    )
    opzoeken = Opzoeken(selectors.overeenkomst_voor_handeling, reden="api")

    @extend_schema(request=OvereenkomstMaakSerializer, responses={201: OvereenkomstSerializer})
    def create(self, request: Request) -> Response:
        d = gevalideerd(OvereenkomstMaakSerializer, request)
        zaak = _toelatingszaak(request, d.pop("zaak"))
        overeenkomst = services.overeenkomst_opstellen(door=request.user, zaak=zaak, **d)
        return Response(OvereenkomstSerializer(overeenkomst).data, status=status.HTTP_201_CREATED)

    antwoord = OvereenkomstSerializer
    zaak_als = "overeenkomst"
    handelingen = OVEREENKOMST


# --- handelingsplannen ---------------------------------------------------------------------


@extend_schema_serializer(component_name="HandelingsplanEvaluatie")
class EvaluatieSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    versie = serializers.IntegerField()
    handelingsplan = serializers.UUIDField(source="handelingsplan.publiek_id")
    omschrijving = serializers.CharField()
    uiterlijk = serializers.DateField()
    gehouden_op = serializers.DateField(allow_null=True)
    verslag = serializers.CharField()


@extend_schema_serializer(component_name="HandelingsplanInstemming")
class InstemmingSerializer(serializers.Serializer):
    besluit = serializers.CharField()
    op = serializers.DateField()
    ouder_naam = serializers.CharField()
    toelichting = serializers.CharField()


class HandelingsplanSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    versie = serializers.IntegerField()
    zaak = serializers.UUIDField(source="zaak.publiek_id")
    leerling = serializers.UUIDField(source="zaak.leerling.publiek_id")
    school_brin = serializers.CharField(source="zaak.school.brin")
    datum_plaatsing = serializers.DateField(source="zaak.plaatsingsdatum", allow_null=True)
    toestand = serializers.CharField()
    periode_van = serializers.DateField(allow_null=True)
    periode_tot = serializers.DateField(allow_null=True)
    beginsituatie = serializers.CharField()
    doelstelling = serializers.CharField()
    voorzieningen_en_maatregelen = serializers.CharField()
    inzet_lgf = serializers.CharField()
    monitoring = serializers.CharField()
    ambulant_begeleider_naam = serializers.CharField()
    voorgelegd_op = serializers.DateField(allow_null=True)
    vastgesteld_op = serializers.DateField(allow_null=True)
    ontbrekend = serializers.SerializerMethodField()
    volgende = serializers.SerializerMethodField()

    def get_ontbrekend(self, plan: Handelingsplan) -> dict[str, str]:
        return handelingsplan_ontbrekend(plan)

    def get_volgende(self, plan: Handelingsplan) -> list[str]:
        return sorted(HANDELINGSPLAN_OVERGANGEN[plan.toestand])


class HandelingsplanMetRolSerializer(HandelingsplanSerializer):
    """Een handelingsplan in de lijst, met de rol waarlangs u het ziet."""

    toegang_via_rol = serializers.CharField(help_text=TOEGANG_VIA_ROL_HULP)


class HandelingsplanDossierSerializer(HandelingsplanMetRolSerializer):
    """Eén handelingsplan, met de rol waarlangs u het ziet, de geschiedenis, de instemming
    van de ouders en de geplande evaluaties."""

    overgangen = OvergangSerializer(many=True)
    instemmingen = InstemmingSerializer(many=True)
    evaluaties = EvaluatieSerializer(many=True)


@extend_schema_serializer(component_name="HandelingsplanMaak")
class PlanMaakSerializer(PlanVeldenSerializer):
    zaak = serializers.UUIDField(help_text="publiek id van de toelatingszaak (traject a)")


class HandelingsplannenViewSet(Zaakinzage, Zaakacties):
    """Handelingsplannen (002, fase 13) met de instemming van de ouders."""

    lookup_field = "publiek_id"
    lookup_value_regex = UUID_REGEX
    lijst = Lijst(
        selectors.handelingsplannen_deel,
        HandelingsplanMetRolSerializer,
        "HandelingsplanLijst",
        reden="api",
        items=met_toegangsrol,
    )
    inzage = Inzage(
        Opzoeken(selectors.handelingsplan_dossier, reden="api"),
        HandelingsplanDossierSerializer,
        dossier="plan",
    )
    opzoeken = Opzoeken(selectors.handelingsplan_voor_handeling, reden="api")

    @extend_schema(request=PlanMaakSerializer, responses={201: HandelingsplanSerializer})
    def create(self, request: Request) -> Response:
        d = gevalideerd(PlanMaakSerializer, request)
        zaak = _toelatingszaak(request, d.pop("zaak"))
        plan = services.handelingsplan_opstellen(door=request.user, zaak=zaak, **d)
        return Response(HandelingsplanSerializer(plan).data, status=status.HTTP_201_CREATED)

    antwoord = HandelingsplanSerializer
    zaak_als = "plan"
    handelingen = HANDELINGSPLAN


# --- evaluaties ----------------------------------------------------------------------------


class EvaluatiesViewSet(Zaakinzage, Zaakacties):
    """Evaluaties van een handelingsplan (002, bijlage 2)."""

    lookup_field = "publiek_id"
    lookup_value_regex = UUID_REGEX
    inzage = Inzage(Opzoeken(selectors.evaluatie_zoek, reden="api", paar=True), EvaluatieSerializer)
    opzoeken = Opzoeken(selectors.evaluatie_voor_handeling, reden="api")

    antwoord = EvaluatieSerializer
    handelingen = (GEHOUDEN,)


def registreer(router: Any) -> None:
    router.register("overeenkomsten", OvereenkomstenViewSet, basename="overeenkomst")
    router.register("handelingsplannen", HandelingsplannenViewSet, basename="handelingsplan")
    router.register("evaluaties", EvaluatiesViewSet, basename="evaluatie")
