# mypy: disable-error-code="misc,untyped-decorator"
# (DRF heeft geen typestubs in dit project: Serializer/ViewSet zijn Any.)
"""API: indicatieaanvragen (``/api/v1/indicatieaanvragen/``) en indicaties
(``/api/v1/indicaties/``).

De eindpunten lezen invoer, roepen één selector of service aan en geven het resultaat;
toegang, toestandsmachine en audit zitten in selectors en services. Overgangen zijn
POST-acties op de aanvraag met de ``versie`` die de gebruiker las (verouderd: 409).
Een onbekend id en een id zonder inzage geven allebei 404.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from rugzak.gedeeld.api.paginering import lijst_antwoord, lijst_schema, venster_uit
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.zaakhandelingen.api import Zaakacties, gevalideerd, uuid_of_404
from rugzak.gedeeld.zaakhandelingen.overgang import Overgang
from rugzak.indicaties import selectors, services
from rugzak.indicaties.handelingen import OVERGANGEN
from rugzak.indicaties.models import (
    TERMIJN_STATUSSEN,
    Aanvraagstatus,
    Indicatie,
    Indicatieaanvraag,
)
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Organisatie
from rugzak.organisaties.rollen import Organisatiesoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.termijnen import cvi_beslissing
from rugzak.regeling.regels.termijnen import status as termijnstatus

# --- uitvoer ------------------------------------------------------------------------------


class IndicatieSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    leerling = serializers.UUIDField(source="leerling.publiek_id")
    cvi_nummer = serializers.CharField()
    cvi = serializers.CharField(source="cvi.naam")
    indicatiedatum = serializers.DateField()
    onderwijssoort = serializers.CharField()
    onderwijssoort_omschrijving = serializers.CharField(source="get_onderwijssoort_display")
    syndroom_van_down = serializers.BooleanField()
    einddatum = serializers.DateField(allow_null=True)
    herindicatie_op = serializers.DateField(allow_null=True)
    vorige_cvi_nummer = serializers.CharField(source="vorige.cvi_nummer", allow_null=True)


class AanvraagTermijnSerializer(serializers.Serializer):
    omschrijving = serializers.CharField()
    begin = serializers.DateField()
    uiterlijk = serializers.DateField()
    status = serializers.CharField()
    grondslag = serializers.ListField(child=serializers.CharField())


class AanvraagDossierstukSerializer(serializers.Serializer):
    soort = serializers.CharField()
    omschrijving = serializers.CharField()
    opgesteld_door = serializers.CharField(source="opgesteld_door.naam", allow_null=True)
    ontvangen_op = serializers.DateField()


class AanvraagStapSerializer(serializers.Serializer):
    van_status = serializers.CharField()
    naar_status = serializers.CharField()
    datum = serializers.DateField()
    wanneer = serializers.DateTimeField()
    door = serializers.CharField(source="door.weergavenaam")
    rol = serializers.CharField()
    toelichting = serializers.CharField()


class AanvraagSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    versie = serializers.IntegerField()
    leerling = serializers.UUIDField(source="leerling.publiek_id")
    cvi = serializers.IntegerField(source="cvi_id")
    cvi_naam = serializers.CharField(source="cvi.naam")
    status = serializers.CharField()
    aanvrager_soort = serializers.CharField()
    aanvragende_school = serializers.CharField(source="aanvragende_school.naam", allow_null=True)
    onderwijssoort_gevraagd = serializers.CharField()
    vorige_cvi_nummer = serializers.CharField(source="vorige_indicatie.cvi_nummer", allow_null=True)
    ingediend_op = serializers.DateField()
    volledig_op = serializers.DateField(allow_null=True)
    verlengingen = serializers.IntegerField()
    uiterste_beslisdatum = serializers.DateField(allow_null=True)
    besloten_op = serializers.DateField(allow_null=True)
    besluit_toelichting = serializers.CharField()
    ingetrokken_op = serializers.DateField(allow_null=True)
    indicatie = IndicatieSerializer(allow_null=True)


class CommissieadviesSerializer(serializers.Serializer):
    lid = serializers.CharField(source="lid.weergavenaam")
    advies = serializers.CharField(source="oordeel")
    onderwijssoort = serializers.CharField()
    overwegingen = serializers.CharField()
    datum = serializers.DateField()


class AanvraagDossierSerializer(AanvraagSerializer):
    termijn = AanvraagTermijnSerializer(allow_null=True)
    stukken = AanvraagDossierstukSerializer(source="stukken_lijst", many=True)
    historie = AanvraagStapSerializer(many=True)
    adviezen = CommissieadviesSerializer(
        source="adviezen_lijst",
        many=True,
        help_text="de adviezen van de leden van de CvI (I-150); alleen voor de CvI zelf",
    )
    toegang_via_rol = serializers.CharField()


def _termijn(aanvraag: Indicatieaanvraag) -> dict[str, Any] | None:
    if aanvraag.volledig_op is None or aanvraag.status == Aanvraagstatus.INGETROKKEN:
        return None
    termijn = cvi_beslissing(
        standaard_regeling(), aanvraag.volledig_op, verlengingen=aanvraag.verlengingen
    )
    voldaan = None if aanvraag.status in TERMIJN_STATUSSEN else aanvraag.besloten_op
    return {
        "omschrijving": termijn.omschrijving,
        "begin": termijn.begin,
        "uiterlijk": termijn.uiterlijk,
        "status": str(termijnstatus(termijn, max(vandaag(), voldaan or vandaag()), voldaan)),
        "grondslag": [b.citeer() for b in termijn.grondslag],
    }


# --- invoer -------------------------------------------------------------------------------


class AanvraagIndienenInvoer(serializers.Serializer):
    leerling = serializers.UUIDField(help_text="publiek id van de leerling")
    cvi = serializers.IntegerField(help_text="id van de CvI (organisatie)")
    onderwijssoort = serializers.CharField(required=False, allow_blank=True, default="")
    vorige_cvi_nummer = serializers.CharField(required=False, allow_blank=True, default="")
    op = serializers.DateField(required=False, allow_null=True, default=None)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


# --- eindpunten ---------------------------------------------------------------------------


class IndicatieaanvragenViewSet(Zaakacties):
    lookup_field = "publiek_id"
    lookup_value_regex = "[0-9a-f-]{36}"

    def _aanvraag(self, request: Request, publiek_id: object) -> Indicatieaanvraag:
        try:
            return selectors.aanvraag_voor_handeling(
                gebruiker=request.user, publiek_id=uuid_of_404(publiek_id)
            )
        except GeenToegang:
            raise Http404 from None

    def _na_handeling(self, aanvraag: Indicatieaanvraag) -> Response:
        aanvraag = (
            Indicatieaanvraag.objects.select_related(
                "cvi", "leerling", "aanvragende_school", "vorige_indicatie", "indicatie"
            )
            .select_related("indicatie__cvi", "indicatie__leerling", "indicatie__vorige")
            .get(pk=aanvraag.pk)
        )
        return Response(AanvraagSerializer(aanvraag).data)

    @lijst_schema(
        AanvraagSerializer,
        "IndicatieaanvraagLijst",
        parameters=[
            OpenApiParameter("status", str, enum=Aanvraagstatus.values),
            OpenApiParameter("leerling", UUID, description="publiek id van de leerling"),
        ],
    )
    def list(self, request: Request) -> Response:
        leerling = request.query_params.get("leerling")
        venster = venster_uit(request)
        deel = selectors.aanvragen_deel(
            gebruiker=request.user,
            venster=venster,
            status=request.query_params.get("status") or None,
            leerling_publiek_id=uuid_of_404(leerling) if leerling else None,
            reden="api",
        )
        return lijst_antwoord(
            request, venster, deel, AanvraagSerializer([a for a, _ in deel.items], many=True).data
        )

    @extend_schema(responses=AanvraagDossierSerializer)
    def retrieve(self, request: Request, publiek_id: str | None = None) -> Response:
        try:
            dossier = selectors.aanvraag_dossier(
                gebruiker=request.user, publiek_id=uuid_of_404(publiek_id), reden="api"
            )
        except GeenToegang:
            raise Http404 from None
        a: Any = dossier.aanvraag
        a.termijn = _termijn(a)
        a.stukken_lijst = dossier.stukken
        a.historie = dossier.stappen
        a.adviezen_lijst = dossier.adviezen
        a.toegang_via_rol = dossier.grond.rol
        data = AanvraagDossierSerializer(a).data
        return Response(data)

    @extend_schema(request=AanvraagIndienenInvoer, responses={201: AanvraagSerializer})
    def create(self, request: Request) -> Response:
        invoer = gevalideerd(AanvraagIndienenInvoer, request)
        leerling = Leerling.objects.filter(publiek_id=invoer.pop("leerling")).first()
        if leerling is None:
            raise GeenToegang("deze leerling", nodig="een rol die deze leerling mag zien")
        cvi = Organisatie.objects.filter(pk=invoer.pop("cvi"), soort=Organisatiesoort.CVI).first()
        if cvi is None:
            raise serializers.ValidationError({"cvi": ["onbekende CvI"]})
        aanvraag = services.aanvraag_indienen(
            door=request.user, leerling=leerling, cvi=cvi, **invoer
        )
        antwoord = self._na_handeling(aanvraag)
        antwoord.status_code = status.HTTP_201_CREATED
        return antwoord

    def zaak_voor_handeling(self, request: Request, sleutel: Any, handeling: Overgang) -> Any:
        return self._aanvraag(request, sleutel)

    def handeling_antwoord(self, zaak: Any, uitkomst: Any, handeling: Overgang) -> Response:
        return self._na_handeling(zaak)

    eerst_zaak = True
    zaak_als = "aanvraag"
    antwoord = AanvraagSerializer
    handelingen = OVERGANGEN


class IndicatiesViewSet(viewsets.ViewSet):
    lookup_field = "publiek_id"
    lookup_value_regex = "[0-9a-f-]{36}"

    @lijst_schema(
        IndicatieSerializer,
        "IndicatieLijst",
        parameters=[OpenApiParameter("leerling", UUID, description="publiek id van de leerling")],
    )
    def list(self, request: Request) -> Response:
        leerling = request.query_params.get("leerling")
        venster = venster_uit(request)
        deel = selectors.indicaties_deel(
            gebruiker=request.user,
            venster=venster,
            leerling_publiek_id=uuid_of_404(leerling) if leerling else None,
            reden="api",
        )
        return lijst_antwoord(
            request, venster, deel, IndicatieSerializer([i for i, _ in deel.items], many=True).data
        )

    @extend_schema(responses=IndicatieSerializer)
    def retrieve(self, request: Request, publiek_id: str | None = None) -> Response:
        try:
            indicatie, _ = selectors.indicatie_detail(
                gebruiker=request.user, publiek_id=uuid_of_404(publiek_id), reden="api"
            )
        except GeenToegang:
            raise Http404 from None
        return Response(IndicatieSerializer(indicatie).data)


def registreer(router: Any) -> None:
    router.register("indicatieaanvragen", IndicatieaanvragenViewSet, basename="indicatieaanvraag")
    router.register("indicaties", IndicatiesViewSet, basename="indicatie")


__all__ = ["Indicatie", "registreer"]
