# mypy: disable-error-code="misc,untyped-decorator"
# (DRF heeft geen typeannotaties: subklassen van Serializer/ViewSet en @action zijn Any)
"""API: toelatingszaken (``/api/v1/toelatingszaken/``) en gastleerlingschappen
(``/api/v1/gastleerlingschappen/``).

Lezen via de selectors, schrijven via de services (toegang en audit zitten daar). Elke
overgang en elke handeling is een POST op de zaak met de ``versie`` die de client las;
een verouderde versie geeft 409. Een zaak die de gebruiker niet mag lezen, bestaat voor
hem niet (404); een handeling die zijn rol niet toestaat, geeft 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from rugzak.gedeeld.api.inzage import Inzage, Lijst, Opzoeken, Zaakinzage
from rugzak.gedeeld.api.paginering import TOEGANG_VIA_ROL_HULP, met_toegangsrol
from rugzak.gedeeld.zaakhandelingen.api import Zaakacties, gevalideerd, of_404
from rugzak.gedeeld.zaakhandelingen.overgang import Overgang
from rugzak.indicaties.models import Indicatie
from rugzak.toelating import overgangen, selectors, services
from rugzak.toelating.handelingen import TOELATINGSZAAK, UUID_REGEX, VersieSerializer
from rugzak.toelating.models import Toelatingszaak

# --- uitvoer ------------------------------------------------------------------------------


@extend_schema_serializer(component_name="ToelatingOvergang")
class OvergangSerializer(serializers.Serializer):
    wanneer = serializers.DateTimeField()
    datum = serializers.DateField()
    door = serializers.CharField(source="door.weergavenaam")
    rol = serializers.CharField()
    van = serializers.CharField()
    naar = serializers.CharField()
    notitie = serializers.CharField()


@extend_schema_serializer(component_name="ToelatingTermijn")
class TermijnSerializer(serializers.Serializer):
    omschrijving = serializers.CharField()
    begin = serializers.DateField()
    uiterlijk = serializers.DateField()
    grondslag = serializers.SerializerMethodField()

    def get_grondslag(self, termijn: Any) -> list[str]:
        return [b.citeer() for b in termijn.grondslag]


class ToelatingszaakKortSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    versie = serializers.IntegerField()
    school_brin = serializers.CharField(source="school.brin")
    school_naam = serializers.CharField(source="school.naam")
    leerling = serializers.UUIDField(source="leerling.publiek_id")
    toestand = serializers.CharField()
    toestand_omschrijving = serializers.CharField(source="get_toestand_display")
    fase = serializers.IntegerField(allow_null=True)
    traject = serializers.CharField()
    verzoek_op = serializers.DateField()
    aanmelding_schriftelijk_op = serializers.DateField(allow_null=True)
    plaatsingsdatum = serializers.DateField(allow_null=True)
    afgesloten_op = serializers.DateField(allow_null=True)


class ToelatingszaakMetRolSerializer(ToelatingszaakKortSerializer):
    """Een toelatingszaak in de lijst, met de rol waarlangs u haar ziet."""

    toegang_via_rol = serializers.CharField(help_text=TOEGANG_VIA_ROL_HULP)


@extend_schema_serializer(component_name="ToelatingInformatieverzoek")
class InformatieverzoekSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    instantie = serializers.CharField()
    naam_instantie = serializers.CharField()
    verzocht_op = serializers.DateField()
    ontvangen_op = serializers.DateField(allow_null=True)


@extend_schema_serializer(component_name="ToelatingBegeleidingsinformatie")
class BegeleidingsinformatieSerializer(serializers.Serializer):
    bron = serializers.CharField()
    datum = serializers.DateField()
    samenvatting = serializers.CharField()


@extend_schema_serializer(component_name="ToelatingTeambespreking")
class TeambesprekingSerializer(serializers.Serializer):
    datum = serializers.DateField()
    externe_deskundige = serializers.CharField()
    verslag = serializers.CharField()


@extend_schema_serializer(component_name="ToelatingOnderwijsconsulent")
class OnderwijsconsulentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    aangevraagd_door = serializers.CharField()
    aangevraagd_op = serializers.DateField()
    vraag = serializers.CharField()
    advies_op = serializers.DateField(allow_null=True)
    advies = serializers.CharField()


#: De gegevensvelden van de zaak in de uitvoer (alles wat de fasen vastleggen).
ZAAKVELDEN = (
    "uitnodiging_verstuurd_op",
    "gesprek_gepland_op",
    "gesprek_op",
    "toestemming_derden_op",
    "communicatieafspraken",
    "gespreksverslag",
    "team_geinformeerd_op",
    "geen_huidige_school",
    "inventarisatie",
    "inventarisatie_op",
    "teamadvies",
    "teamadvies_op",
    "teamadvies_motivering",
    "besluit",
    "besluit_op",
    "besluit_motivering",
    "advies_procedure",
    "advies_motieven",
    "advies_aan_bestuur_op",
    "besluit_toegelicht_op",
    "aanmelding_gehandhaafd",
    "bestuursoordeel",
    "bestuur_getoetst_op",
    "bestuur_toelichting",
    "weigering_besluit_op",
    "weigering_redenen",
    "weigering_gesprek_op",
    "wijst_op_bezwaar_beroep",
    "wijst_op_onderwijsconsulent",
    "bestuur_geinformeerd_op",
    "mr_geinformeerd_op",
    "inspectie_geinformeerd_op",
    "belanghebbenden_geinformeerd_op",
    "belanghebbenden_toelichting",
    "intrekkingsreden",
)


class ToelatingszaakSerializer(ToelatingszaakKortSerializer):
    leerling_naam = serializers.CharField(source="leerling.volledige_naam")
    indicatie_cvi_nummer = serializers.CharField(source="indicatie.cvi_nummer", allow_null=True)
    gegevens = serializers.SerializerMethodField()
    ontbrekend = serializers.SerializerMethodField()
    waarschuwingen = serializers.SerializerMethodField()
    volgende = serializers.SerializerMethodField()

    def get_gegevens(self, zaak: Toelatingszaak) -> dict[str, Any]:
        uit: dict[str, Any] = {}
        for veld in ZAAKVELDEN:
            waarde = getattr(zaak, veld)
            uit[veld] = waarde.isoformat() if hasattr(waarde, "isoformat") else waarde
        return uit

    def get_ontbrekend(self, zaak: Toelatingszaak) -> dict[str, str]:
        return overgangen.ontbrekend(zaak)

    def get_waarschuwingen(self, zaak: Toelatingszaak) -> list[str]:
        return overgangen.waarschuwingen(zaak)

    def get_volgende(self, zaak: Toelatingszaak) -> list[str]:
        return sorted(overgangen.OVERGANGEN[zaak.toestand])


class ToelatingszaakDossierSerializer(ToelatingszaakSerializer):
    toegang_via_rol = serializers.CharField()
    overgangen = OvergangSerializer(many=True)
    informatieverzoeken = InformatieverzoekSerializer(many=True)
    begeleidingsinformatie = BegeleidingsinformatieSerializer(many=True)
    teambesprekingen = TeambesprekingSerializer(many=True)
    onderwijsconsulenten = OnderwijsconsulentSerializer(many=True)
    weigeringstermijn = TermijnSerializer(allow_null=True)


# --- invoer -------------------------------------------------------------------------------


@extend_schema_serializer(component_name="ToelatingStart")
class StartSerializer(serializers.Serializer):
    school_brin = serializers.CharField()
    leerling = serializers.UUIDField(help_text="publiek id van de leerling")
    verzoek_op = serializers.DateField()
    indicatie_cvi_nummer = serializers.CharField(required=False, allow_blank=True)
    notitie = serializers.CharField(required=False, allow_blank=True, default="")


# --- viewset ------------------------------------------------------------------------------


class ToelatingszakenViewSet(Zaakinzage, Zaakacties):
    """Toelatingszaken: het toelatingsprotocol in 14 fasen (002, hoofdstuk 4)."""

    lookup_field = "publiek_id"
    lookup_value_regex = UUID_REGEX
    lijst = Lijst(
        selectors.toelatingszaken_deel,
        ToelatingszaakMetRolSerializer,
        "ToelatingszaakLijst",
        reden="api",
        items=met_toegangsrol,
    )
    inzage = Inzage(
        Opzoeken(selectors.toelatingszaak_dossier, reden="api"),
        ToelatingszaakDossierSerializer,
        dossier="zaak",
    )
    opzoeken = Opzoeken(selectors.toelatingszaak_voor_handeling)

    @extend_schema(request=StartSerializer, responses={201: ToelatingszaakSerializer})
    def create(self, request: Request) -> Response:
        d = gevalideerd(StartSerializer, request)
        leerling = of_404(
            selectors.leerling_op_id, gebruiker=request.user, publiek_id=d["leerling"]
        )
        indicatie = None
        if d.get("indicatie_cvi_nummer"):
            indicatie = Indicatie.objects.filter(
                leerling=leerling, cvi_nummer=d["indicatie_cvi_nummer"]
            ).first()
            if indicatie is None:
                raise ValidationError(
                    {"indicatie_cvi_nummer": "geen indicatie met dit CvI-nummer bij deze leerling"}
                )
        zaak = services.toelatingszaak_start(
            door=request.user,
            school=selectors.school_op_brin(d["school_brin"]),
            leerling=leerling,
            verzoek_op=d["verzoek_op"],
            indicatie=indicatie,
            notitie=d["notitie"],
        )
        return Response(ToelatingszaakSerializer(zaak).data, status=status.HTTP_201_CREATED)

    def handeling_antwoord(self, zaak: Any, uitkomst: Any, handeling: Overgang) -> Response:
        zaak.refresh_from_db()
        return Response(ToelatingszaakSerializer(zaak).data)

    antwoord = ToelatingszaakSerializer
    handelingen = TOELATINGSZAAK


# --- gastleerlingschappen -------------------------------------------------------------------


class GastleerlingschapSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    versie = serializers.IntegerField()
    school_brin = serializers.CharField(source="school.brin")
    rec_school_brin = serializers.CharField(source="rec_school.brin")
    leerling = serializers.UUIDField(source="leerling.publiek_id")
    toestand = serializers.CharField()
    begin = serializers.DateField()
    einde = serializers.DateField()
    verlengd_tot = serializers.DateField(allow_null=True)
    afspraken = serializers.CharField()
    ouders_getekend_op = serializers.DateField(allow_null=True)
    rec_school_getekend_op = serializers.DateField(allow_null=True)
    school_getekend_op = serializers.DateField(allow_null=True)
    beeindigd_op = serializers.DateField(allow_null=True)
    vervolg = serializers.CharField()


class GastleerlingschapMetRolSerializer(GastleerlingschapSerializer):
    """Een gastleerlingschap in de lijst, met de rol waarlangs u het ziet."""

    toegang_via_rol = serializers.CharField(help_text=TOEGANG_VIA_ROL_HULP)


class GastleerlingDossierSerializer(GastleerlingschapSerializer):
    toegang_via_rol = serializers.CharField()
    overgangen = OvergangSerializer(many=True)


@extend_schema_serializer(component_name="GastleerlingStart")
class GastStartSerializer(serializers.Serializer):
    school_brin = serializers.CharField(help_text="de ontvangende school")
    rec_school_brin = serializers.CharField(help_text="de REC-school waar de leerling staat")
    leerling = serializers.UUIDField()
    begin = serializers.DateField()
    einde = serializers.DateField()
    afspraken = serializers.CharField(allow_blank=True)


@extend_schema_serializer(component_name="GastleerlingOndertekenen")
class OndertekenenSerializer(VersieSerializer):
    partij = serializers.ChoiceField(choices=[(p, p) for p in services.PARTIJEN])
    getekend_op = serializers.DateField()


@extend_schema_serializer(component_name="GastleerlingVerlengen")
class VerlengenSerializer(VersieSerializer):
    verlengd_tot = serializers.DateField()


@extend_schema_serializer(component_name="GastleerlingBeeindigen")
class BeeindigenSerializer(VersieSerializer):
    beeindigd_op = serializers.DateField()
    vervolg = serializers.CharField(allow_blank=True)


class GastleerlingschappenViewSet(Zaakinzage, Zaakacties):
    """Gastleerlingschappen (002, hoofdstuk 3): een week tot zes maanden, tot een jaar."""

    lookup_field = "publiek_id"
    lookup_value_regex = UUID_REGEX
    lijst = Lijst(
        selectors.gastleerlingschappen_deel,
        GastleerlingschapMetRolSerializer,
        "GastleerlingschapLijst",
        reden="api",
        items=met_toegangsrol,
    )
    inzage = Inzage(
        Opzoeken(selectors.gastleerlingschap_dossier, reden="api"),
        GastleerlingDossierSerializer,
        dossier="zaak",
    )
    opzoeken = Opzoeken(selectors.gastleerlingschap_voor_handeling)

    @extend_schema(request=GastStartSerializer, responses={201: GastleerlingschapSerializer})
    def create(self, request: Request) -> Response:
        d = gevalideerd(GastStartSerializer, request)
        leerling = of_404(
            selectors.leerling_op_id, gebruiker=request.user, publiek_id=d["leerling"]
        )
        zaak = services.gastleerlingschap_maak(
            door=request.user,
            school=selectors.school_op_brin(d["school_brin"]),
            rec_school=selectors.school_op_brin(d["rec_school_brin"], veld="rec_school_brin"),
            leerling=leerling,
            begin=d["begin"],
            einde=d["einde"],
            afspraken=d["afspraken"],
        )
        return Response(GastleerlingschapSerializer(zaak).data, status=status.HTTP_201_CREATED)

    antwoord = GastleerlingschapSerializer
    handelingen = (
        Overgang(
            "ondertekenen",
            OndertekenenSerializer,
            services.gastleerlingschap_ondertekenen,
            uitleg="Een van de drie partners tekent; na de derde handtekening loopt het.",
        ),
        Overgang(
            "verlengen",
            VerlengenSerializer,
            services.gastleerlingschap_verlengen,
            uitleg="Verlengen, tot hoogstens een jaar na het begin.",
        ),
        Overgang(
            "beeindigen",
            BeeindigenSerializer,
            services.gastleerlingschap_beeindigen,
            uitleg="Beëindigen met het besluit over een eventuele overstap.",
        ),
    )


def registreer(router: Any) -> None:
    router.register("toelatingszaken", ToelatingszakenViewSet, basename="toelatingszaak")
    router.register(
        "gastleerlingschappen", GastleerlingschappenViewSet, basename="gastleerlingschap"
    )
