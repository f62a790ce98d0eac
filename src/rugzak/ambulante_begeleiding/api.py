# mypy: disable-error-code="misc,untyped-decorator"
# (DRF heeft geen typestubs in dit project: Serializer/ViewSet zijn Any.)
"""API: begeleidingen (``/api/v1/begeleidingen/``): RAB, TAB en PAB.

Aanvragen met POST op de lijst (``soort`` kiest de service); overgangen als POST-acties op
de begeleiding met de ``versie`` die de gebruiker las. Een onbekend id en een id zonder
inzage geven allebei 404.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from rugzak.ambulante_begeleiding import selectors, services
from rugzak.ambulante_begeleiding.handelingen import OVERGANGEN, gebruiker_of_fout
from rugzak.ambulante_begeleiding.models import Begeleiding, Begeleidingsoort, Begeleidingstatus
from rugzak.gedeeld.api.paginering import lijst_antwoord, lijst_schema, venster_uit
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.zaakhandelingen.api import Zaakacties, gevalideerd, uuid_of_404
from rugzak.gedeeld.zaakhandelingen.overgang import Overgang
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Organisatie
from rugzak.organisaties.rollen import Organisatiesoort

# --- uitvoer ------------------------------------------------------------------------------


class BegeleidingStapSerializer(serializers.Serializer):
    van_status = serializers.CharField()
    naar_status = serializers.CharField()
    datum = serializers.DateField()
    wanneer = serializers.DateTimeField()
    door = serializers.CharField(source="door.weergavenaam")
    rol = serializers.CharField()
    toelichting = serializers.CharField()


class BegeleidingSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    versie = serializers.IntegerField()
    soort = serializers.CharField()
    status = serializers.CharField()
    leerling = serializers.UUIDField(source="leerling.publiek_id")
    ab_dienst = serializers.IntegerField(source="ab_dienst_id")
    ab_dienst_naam = serializers.CharField(source="ab_dienst.naam")
    school = serializers.CharField(source="school.naam")
    toegewezen = serializers.CharField(source="toegewezen.weergavenaam", allow_null=True)
    aangevraagd_op = serializers.DateField()
    van = serializers.DateField(allow_null=True)
    tot = serializers.DateField(allow_null=True)
    beeindigd_op = serializers.DateField(allow_null=True)
    afgewezen_op = serializers.DateField(allow_null=True)
    reden = serializers.CharField()
    cvi_nummer = serializers.CharField(source="indicatie.cvi_nummer", allow_null=True)
    vso_school = serializers.CharField(source="vso_school.naam", allow_null=True)
    vso_sinds = serializers.DateField(allow_null=True)
    terugplaatsing_op = serializers.DateField(allow_null=True)
    zittend = serializers.BooleanField(help_text="TAB voor een zittende leerling (I-55)")
    zittend_bewijs = serializers.CharField()
    adviseur = serializers.CharField(source="adviseur.weergavenaam", allow_null=True)
    adviseur_rol = serializers.CharField()
    advies_op = serializers.DateField(allow_null=True)


class BegeleidingDossierSerializer(BegeleidingSerializer):
    historie = BegeleidingStapSerializer(source="stappen_lijst", many=True)
    toegang_via_rol = serializers.CharField()


# --- invoer -------------------------------------------------------------------------------


class BegeleidingAanvraagInvoer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=Begeleidingsoort.choices)
    leerling = serializers.UUIDField(help_text="publiek id van de leerling")
    ab_dienst = serializers.IntegerField(help_text="id van de AB-dienst (organisatie)")
    op = serializers.DateField(required=False, allow_null=True, default=None)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    vso_school = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="TAB: id van de (v)so-school"
    )
    vso_sinds = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="TAB: in het (v)so sinds"
    )
    zittend = serializers.BooleanField(
        required=False,
        default=False,
        help_text="TAB voor een zittende leerling: op 31 juli 2003 al op de (v)so-school, "
        "zonder indicatie van een CvI (004; I-55)",
    )
    zittend_bewijs = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=200,
        help_text="TAB, zittend: het bewijs van de inschrijving op 31 juli 2003 (bv. het "
        "kenmerk van de verklaring van de (v)so-school); vervangt de indicatie",
    )
    adviseur = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="PAB: id van de adviseur"
    )
    advies_op = serializers.DateField(required=False, allow_null=True, default=None)


def _organisatie(pk: int | None, veld: str, soort: str, verplicht: str) -> Organisatie:
    org = Organisatie.objects.filter(pk=pk, soort=soort).first() if pk is not None else None
    if org is None:
        raise serializers.ValidationError({veld: [verplicht]})
    return org


# --- eindpunten ---------------------------------------------------------------------------


class BegeleidingenViewSet(Zaakacties):
    lookup_field = "publiek_id"
    lookup_value_regex = "[0-9a-f-]{36}"

    def _begeleiding(self, request: Request, publiek_id: object) -> Begeleiding:
        try:
            return selectors.begeleiding_voor_handeling(
                gebruiker=request.user, publiek_id=uuid_of_404(publiek_id)
            )
        except GeenToegang:
            raise Http404 from None

    def _na_handeling(self, begeleiding: Begeleiding) -> Response:
        vers = selectors.basis().get(pk=begeleiding.pk)
        return Response(BegeleidingSerializer(vers).data)

    @lijst_schema(
        BegeleidingSerializer,
        "BegeleidingLijst",
        parameters=[
            OpenApiParameter("status", str, enum=Begeleidingstatus.values),
            OpenApiParameter("soort", str, enum=Begeleidingsoort.values),
            OpenApiParameter("leerling", UUID, description="publiek id van de leerling"),
        ],
    )
    def list(self, request: Request) -> Response:
        leerling = request.query_params.get("leerling")
        venster = venster_uit(request)
        deel = selectors.begeleidingen_deel(
            gebruiker=request.user,
            venster=venster,
            status=request.query_params.get("status") or None,
            soort=request.query_params.get("soort") or None,
            leerling_publiek_id=uuid_of_404(leerling) if leerling else None,
            reden="api",
        )
        return lijst_antwoord(
            request,
            venster,
            deel,
            BegeleidingSerializer([b for b, _ in deel.items], many=True).data,
        )

    @extend_schema(responses=BegeleidingDossierSerializer)
    def retrieve(self, request: Request, publiek_id: str | None = None) -> Response:
        try:
            dossier = selectors.begeleiding_dossier(
                gebruiker=request.user, publiek_id=uuid_of_404(publiek_id), reden="api"
            )
        except GeenToegang:
            raise Http404 from None
        b: Any = dossier.begeleiding
        b.stappen_lijst = dossier.stappen
        b.toegang_via_rol = dossier.grond.rol
        return Response(BegeleidingDossierSerializer(b).data)

    @extend_schema(request=BegeleidingAanvraagInvoer, responses={201: BegeleidingSerializer})
    def create(self, request: Request) -> Response:
        invoer = gevalideerd(BegeleidingAanvraagInvoer, request)
        leerling = Leerling.objects.filter(publiek_id=invoer["leerling"]).first()
        if leerling is None:
            raise GeenToegang("deze leerling", nodig="een rol die deze leerling mag zien")
        ab_dienst = _organisatie(
            invoer["ab_dienst"], "ab_dienst", Organisatiesoort.AB_DIENST, "onbekende AB-dienst"
        )
        gemeen = {
            "door": request.user,
            "leerling": leerling,
            "ab_dienst": ab_dienst,
            "op": invoer["op"],
            "toelichting": invoer["toelichting"],
        }
        soort = invoer["soort"]
        if soort == Begeleidingsoort.RAB:
            begeleiding = services.begeleiding_aanvragen_rab(**gemeen)
        elif soort == Begeleidingsoort.TAB:
            if invoer["vso_sinds"] is None:
                raise serializers.ValidationError(
                    {"vso_sinds": ["TAB: sinds wanneer stond de leerling in het (v)so?"]}
                )
            vso_school = _organisatie(
                invoer["vso_school"],
                "vso_school",
                Organisatiesoort.SCHOOL,
                "TAB: kies de (v)so-school die de leerling verliet",
            )
            if invoer["zittend"]:
                begeleiding = services.begeleiding_aanvragen_tab_zittend(
                    **gemeen,
                    vso_school=vso_school,
                    vso_sinds=invoer["vso_sinds"],
                    zittend_bewijs=invoer["zittend_bewijs"],
                )
            else:
                begeleiding = services.begeleiding_aanvragen_tab(
                    **gemeen, vso_school=vso_school, vso_sinds=invoer["vso_sinds"]
                )
        else:
            begeleiding = services.begeleiding_aanvragen_pab(
                **gemeen,
                adviseur=gebruiker_of_fout(invoer["adviseur"], "adviseur"),
                advies_op=invoer["advies_op"],
            )
        antwoord = self._na_handeling(begeleiding)
        antwoord.status_code = status.HTTP_201_CREATED
        return antwoord

    def zaak_voor_handeling(self, request: Request, sleutel: Any, handeling: Overgang) -> Any:
        return self._begeleiding(request, sleutel)

    def handeling_antwoord(self, zaak: Any, uitkomst: Any, handeling: Overgang) -> Response:
        return self._na_handeling(uitkomst)

    eerst_zaak = True
    zaak_als = "begeleiding"
    antwoord = BegeleidingSerializer
    handelingen = OVERGANGEN


def registreer(router: Any) -> None:
    router.register("begeleidingen", BegeleidingenViewSet, basename="begeleiding")
