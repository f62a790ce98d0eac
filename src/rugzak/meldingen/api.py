"""API: meldingen, terugmeldingen, zml-aanvragen en het overzicht van de bekostigingsinstantie.

- ``/api/v1/meldingen/``: de school dient in (POST), iedereen met een rol ziet zijn
  meldingen (GET); ``{id}/accepteren/`` en ``{id}/weigeren/`` voor de bekostigingsinstantie;
  ``{id}/terugmelding/``, ``{id}/zml-aanvraag/`` en ``{id}/terugplaatsing-groep2/`` voor de
  school; ``onvolledig/``: formulieren die niet in behandeling zijn genomen.
- ``/api/v1/terugmeldingen/`` met ``verwerken/`` en ``weigeren/``;
  ``/api/v1/zml-aanvragen/`` met ``toekennen/`` en ``afwijzen/``.
- ``/api/v1/geregistreerde-leerlingen/``: de bekostigingsinstantie, op CvI-nummer.

De serializers noemen elk veld expliciet; geen ervan bevat een naam of adres, en voor de
bekostigingsinstantie ontbreekt ook het publieke id van de leerling.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rugzak.gedeeld.api.paginering import lijst_antwoord, lijst_schema, venster_uit
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.zaakhandelingen.api import Zaakacties, of_404, uuid_of_404
from rugzak.gedeeld.zaakhandelingen.overgang import Overgang
from rugzak.leerlingen.models import Leerling
from rugzak.meldingen import selectors, services
from rugzak.meldingen.handelingen import MELDING, TERUGMELDING, ZML_AANVRAAG
from rugzak.organisaties.models import Organisatie
from rugzak.organisaties.rollen import Organisatiesoort

UUID_REGEX = "[0-9a-f-]{36}"


# --- serializers ----------------------------------------------------------------------------


class GeschiedenisSerializer(serializers.Serializer):
    van = serializers.CharField()
    naar = serializers.CharField()
    op = serializers.DateTimeField()
    notitie = serializers.CharField()
    door = serializers.CharField(source="door__username")


class MeldingSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    status = serializers.CharField()
    versie = serializers.IntegerField()
    meldingsdatum = serializers.DateField()
    inschrijvingsdatum = serializers.DateField()
    schoolsoort = serializers.CharField()
    groep = serializers.IntegerField(allow_null=True)
    leerjaar = serializers.IntegerField(allow_null=True)
    vo_variant = serializers.CharField()
    mbo_niveau = serializers.CharField()
    leerweg = serializers.CharField()
    cvi_nummer = serializers.CharField()
    indicatiedatum = serializers.DateField()
    onderwijssoort = serializers.CharField()
    herindicatie = serializers.BooleanField()
    vorig_cvi_nummer = serializers.CharField()
    brin = serializers.CharField(source="school__brin")
    school = serializers.CharField(source="school__naam")
    ab_verzorger_id = serializers.IntegerField()
    ab_verzorger = serializers.CharField(source="ab_verzorger__naam")
    schoolwisseling = serializers.BooleanField()
    vorige_school_brin = serializers.CharField(source="vorige_school__brin", allow_null=True)
    syndroom_van_down = serializers.BooleanField()
    toelichting = serializers.CharField()
    leerling = serializers.UUIDField(
        source="leerling_publiek_id",
        required=False,
        help_text="alleen voor school en bestuur; de bekostigingsinstantie krijgt het niet",
    )


class MeldingDetailSerializer(MeldingSerializer):
    geschiedenis = GeschiedenisSerializer(many=True)


class VerhuisjaarSerializer(serializers.Serializer):
    schooljaar = serializers.CharField()
    eerste_maand = serializers.DateField(allow_null=True)
    laatste_maand = serializers.DateField(allow_null=True)
    maanden = serializers.IntegerField()
    bedrag = serializers.DecimalField(max_digits=12, decimal_places=2)
    fout = serializers.CharField(allow_null=True)


class VerhuisoverzichtSerializer(serializers.Serializer):
    """Het overzicht na een verhuizing voor de school van de melding (004; I-53)."""

    rol = serializers.ChoiceField(choices=["oude school", "nieuwe school"])
    andere_school = serializers.CharField()
    cvi_nummer = serializers.CharField()
    onderwijssoort = serializers.CharField()
    datum = serializers.DateField()
    uitschrijving = serializers.DateField(allow_null=True)
    oude_school_tot_en_met = serializers.DateField()
    nieuwe_school_vanaf = serializers.DateField()
    in_de_zomer = serializers.BooleanField()
    jaren = VerhuisjaarSerializer(many=True)
    interpretaties = serializers.ListField(child=serializers.CharField())


class MeldingIndienenSerializer(serializers.Serializer):
    """Het meldingsformulier (004). Alle velden zijn optioneel in het schema: de regelkern
    weigert een onvolledig formulier en noemt dan élk ontbrekend veld."""

    leerling = serializers.UUIDField()
    school_brin = serializers.CharField(
        required=False,
        help_text="BRIN-nummer van de meldende school (bv. 12AB); of geef het id in 'school'",
    )
    school = serializers.IntegerField(
        required=False, help_text="id van de meldende school (in plaats van school_brin)"
    )
    inschrijvingsdatum = serializers.CharField(required=False, allow_null=True)
    schoolsoort = serializers.CharField(required=False, allow_null=True)
    groep = serializers.CharField(required=False, allow_null=True)
    leerjaar = serializers.CharField(required=False, allow_null=True)
    vo_variant = serializers.CharField(required=False, allow_null=True)
    mbo_niveau = serializers.CharField(required=False, allow_null=True)
    leerweg = serializers.CharField(required=False, allow_null=True)
    cvi_nummer = serializers.CharField(required=False, allow_null=True)
    indicatiedatum = serializers.CharField(required=False, allow_null=True)
    onderwijssoort = serializers.CharField(required=False, allow_null=True)
    herindicatie = serializers.BooleanField(required=False)
    vorig_cvi_nummer = serializers.CharField(required=False, allow_null=True)
    ab_verzorger = serializers.CharField(
        required=False,
        allow_null=True,
        help_text="wie de ambulante begeleiding verzorgt: het BRIN-nummer van de (v)so-school of "
        "het id van de AB-dienst van het REC",
    )
    schoolwisseling = serializers.BooleanField(required=False)
    vorige_school = serializers.CharField(
        required=False, allow_null=True, help_text="BRIN-nummer (of id) van de vorige school"
    )
    aanvullende_formatie_2003 = serializers.CharField(required=False, allow_null=True)


class ToestandSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    status = serializers.CharField()
    versie = serializers.IntegerField()


class OnvolledigSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    brin = serializers.CharField(source="school__brin")
    cvi_nummer = serializers.CharField()
    ingediend_op = serializers.DateTimeField()
    fouten = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    leerling = serializers.UUIDField(source="leerling_publiek_id", required=False)


class TerugmeldingSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    status = serializers.CharField()
    versie = serializers.IntegerField()
    soort = serializers.CharField()
    datum = serializers.DateField()
    ingediend_op_datum = serializers.DateField()
    groep = serializers.IntegerField(allow_null=True)
    leerjaar = serializers.IntegerField(allow_null=True)
    vo_variant = serializers.CharField()
    mbo_niveau = serializers.CharField()
    leerweg = serializers.CharField()
    ab_verzorger_id = serializers.IntegerField(allow_null=True)
    melding = serializers.UUIDField(source="melding__publiek_id")
    cvi_nummer = serializers.CharField(source="melding__cvi_nummer")
    brin = serializers.CharField(source="melding__school__brin")
    toelichting = serializers.CharField()
    leerling = serializers.UUIDField(source="leerling_publiek_id", required=False)


class ZmlSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    status = serializers.CharField()
    versie = serializers.IntegerField()
    groep_3_per = serializers.DateField()
    aanvraagdatum = serializers.DateField()
    melding = serializers.UUIDField(source="melding__publiek_id")
    cvi_nummer = serializers.CharField(source="melding__cvi_nummer")
    brin = serializers.CharField(source="melding__school__brin")
    toelichting = serializers.CharField()
    leerling = serializers.UUIDField(source="leerling_publiek_id", required=False)


class PseudoniemSerializer(serializers.Serializer):
    cvi_nummer = serializers.CharField()
    brin = serializers.CharField()
    schoolsoort = serializers.CharField()
    onderwijssoort = serializers.CharField()


# --- hulpjes ---------------------------------------------------------------------------------


def _toestand(zaak: Any, code: int = status.HTTP_200_OK) -> Response:
    return Response(
        ToestandSerializer(
            {"publiek_id": zaak.publiek_id, "status": zaak.status, "versie": zaak.versie}
        ).data,
        status=code,
    )


class _Zaakacties(Zaakacties):
    # De handelingen op meldingen, terugmeldingen en zml-aanvragen: de zaak via
    # ``voor_handeling`` (met de reden van de handeling voor de audit), antwoord de
    # toestand. (Geen docstring: die kwam in het schema bij elke operatie.)

    voor_handeling: ClassVar[Callable[..., Any]]
    antwoord = ToestandSerializer

    def zaak_voor_handeling(self, request: Request, sleutel: Any, handeling: Overgang) -> Any:
        zaak, _ = of_404(
            type(self).voor_handeling,
            gebruiker=request.user,
            publiek_id=uuid_of_404(sleutel),
            reden=handeling.reden,
        )
        return zaak

    def handeling_antwoord(self, zaak: Any, uitkomst: Any, handeling: Overgang) -> Response:
        if handeling.antwoord is not None:
            return Response(handeling.antwoord(uitkomst).data, status=handeling.status)
        return _toestand(uitkomst, handeling.status)


STATUSPARAMETER = OpenApiParameter("status", str, description="alleen zaken met deze status")


# --- meldingen -------------------------------------------------------------------------------


class MeldingenViewSet(_Zaakacties):
    lookup_field = "pk"
    lookup_value_regex = UUID_REGEX

    @lijst_schema(MeldingSerializer, "MeldingLijst", parameters=[STATUSPARAMETER])
    def list(self, request: Request) -> Response:
        venster = venster_uit(request)
        deel = selectors.meldingen_deel(
            gebruiker=request.user,
            venster=venster,
            status=request.query_params.get("status"),
            reden="api",
        )
        return lijst_antwoord(request, venster, deel, MeldingSerializer(deel.items, many=True).data)

    @extend_schema(responses=MeldingDetailSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        try:
            weergave = selectors.melding_weergave(
                gebruiker=request.user, publiek_id=uuid_of_404(pk), reden="api"
            )
        except GeenToegang:
            raise Http404 from None
        return Response(MeldingDetailSerializer(weergave.velden).data)

    @extend_schema(
        operation_id="meldingen_verhuisoverzicht",
        responses=VerhuisoverzichtSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def verhuisoverzicht(self, request: Request, pk: str | None = None) -> Response:
        """Het overzicht na een verhuizing (004, 'Uitschrijving ...'; I-53): leeg als de
        melding geen deel van een verhuizing is."""
        try:
            overzicht = selectors.verhuisoverzicht(
                gebruiker=request.user, publiek_id=uuid_of_404(pk), reden="api: verhuisoverzicht"
            )
        except GeenToegang:
            raise Http404 from None
        return Response(VerhuisoverzichtSerializer(overzicht, many=True).data)

    @extend_schema(request=MeldingIndienenSerializer, responses={201: ToestandSerializer})
    def create(self, request: Request) -> Response:
        invoer = MeldingIndienenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        brin, school_id = (invoer.validated_data.get(k) for k in ("school_brin", "school"))
        if (brin is None) == (school_id is None):
            raise ValidationError(
                {
                    "school_brin": "geef de meldende school: haar BRIN-nummer in 'school_brin' "
                    "(bv. 12AB) of haar id in 'school', één van beide"
                }
            )
        leerling = Leerling.objects.filter(publiek_id=invoer.validated_data["leerling"]).first()
        scholen = Organisatie.objects.filter(soort=Organisatiesoort.SCHOOL)
        school = (
            scholen.filter(brin=brin.strip().upper()).first()
            if brin is not None
            else scholen.filter(pk=school_id).first()
        )
        if leerling is None or school is None:
            raise GeenToegang("deze leerling of school", nodig="een rol bij de school")
        gegevens = {
            k: v
            for k, v in request.data.items()
            if k not in ("leerling", "school", "school_brin", "versie")
        }
        melding = services.melding_indienen(
            door=request.user, leerling=leerling, school=school, gegevens=gegevens
        )
        return _toestand(melding, status.HTTP_201_CREATED)

    voor_handeling = staticmethod(selectors.melding_voor_handeling)
    zaak_als = "melding"
    handelingen = MELDING

    @lijst_schema(
        OnvolledigSerializer, "OnvolledigeIndieningLijst", operation_id="meldingen_onvolledig_list"
    )
    @action(detail=False, methods=["get"])
    def onvolledig(self, request: Request) -> Response:
        venster = venster_uit(request)
        deel = selectors.onvolledige_indieningen_deel(
            gebruiker=request.user, venster=venster, reden="api"
        )
        return lijst_antwoord(
            request, venster, deel, OnvolledigSerializer(deel.items, many=True).data
        )


class TerugmeldingenViewSet(_Zaakacties):
    lookup_value_regex = UUID_REGEX

    @lijst_schema(TerugmeldingSerializer, "TerugmeldingLijst", parameters=[STATUSPARAMETER])
    def list(self, request: Request) -> Response:
        venster = venster_uit(request)
        deel = selectors.terugmeldingen_deel(
            gebruiker=request.user,
            venster=venster,
            status=request.query_params.get("status"),
            reden="api",
        )
        return lijst_antwoord(
            request, venster, deel, TerugmeldingSerializer(deel.items, many=True).data
        )

    voor_handeling = staticmethod(selectors.terugmelding_voor_handeling)
    zaak_als = "terugmelding"
    handelingen = TERUGMELDING


class ZmlAanvragenViewSet(_Zaakacties):
    lookup_value_regex = UUID_REGEX

    @lijst_schema(ZmlSerializer, "ZmlAanvraagLijst", parameters=[STATUSPARAMETER])
    def list(self, request: Request) -> Response:
        venster = venster_uit(request)
        deel = selectors.zml_aanvragen_deel(
            gebruiker=request.user,
            venster=venster,
            status=request.query_params.get("status"),
            reden="api",
        )
        return lijst_antwoord(request, venster, deel, ZmlSerializer(deel.items, many=True).data)

    voor_handeling = staticmethod(selectors.zml_aanvraag_voor_handeling)
    zaak_als = "aanvraag"
    handelingen = ZML_AANVRAAG


class GeregistreerdeLeerlingenViewSet(viewsets.ViewSet):
    """De bekostigingsinstantie: geregistreerde leerlingen op CvI-nummer (004)."""

    @lijst_schema(PseudoniemSerializer, "GeregistreerdeLeerlingLijst")
    def list(self, request: Request) -> Response:
        venster = venster_uit(request)
        deel = selectors.pseudoniem_deel(gebruiker=request.user, venster=venster, reden="api")
        return lijst_antwoord(
            request, venster, deel, PseudoniemSerializer(deel.items, many=True).data
        )


def registreer(router: Any) -> None:
    router.register("meldingen", MeldingenViewSet, basename="melding")
    router.register("terugmeldingen", TerugmeldingenViewSet, basename="terugmelding")
    router.register("zml-aanvragen", ZmlAanvragenViewSet, basename="zml-aanvraag")
    router.register(
        "geregistreerde-leerlingen",
        GeregistreerdeLeerlingenViewSet,
        basename="geregistreerde-leerling",
    )
