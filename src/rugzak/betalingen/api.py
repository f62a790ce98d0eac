"""API: betaalruns, grootboek (ook CSV), REC-bekostiging en formatiegarantie, besteding.

- ``/api/v1/betaalruns/``: de medewerker bekostiging start een run (POST ``maand``: 202,
  de run staat in de wachtrij, ``Location`` wijst naar de run) en ziet runs met hun
  toestand, voortgang en leemtes (per CvI-nummer, zonder naam).
- ``/api/v1/grootboek/?ontvanger=<id>&schooljaar=2011-2012``: totalen per maand, per
  schooljaar en per deel, en de regels; ``grootboek/csv/`` dezelfde regels als CSV;
  ``grootboek/ontvangers/``: de ontvangers die de gebruiker mag zien.
- ``/api/v1/recs/{id}/bekostiging/``, ``formatiegarantie/`` (GET, ``?schooljaar=``),
  ``telling/``, ``formatie/``, ``toedeling/`` (POST).
- ``/api/v1/bestedingen/``: de school legt een besteding vast (POST), lezen met
  ``?leerling=<uuid>&schooljaar=``.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rugzak.betalingen import selectors, services
from rugzak.betalingen.models import FASEN, Betaalrun, Runfase
from rugzak.gedeeld.api.inzage import Inzage, Lijst, Opzoeken, Zaakinzage
from rugzak.gedeeld.api.paginering import lijst_antwoord, lijst_schema, venster_uit
from rugzak.gedeeld.csvbestand import csv_antwoord
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.paginering import Deel
from rugzak.gedeeld.zaakhandelingen.api import gevalideerd
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Organisatie
from rugzak.organisaties.rollen import Organisatiesoort
from rugzak.regeling.fouten import OngeldigeInvoer
from rugzak.regeling.regels.besteding import Bestedingssoort
from rugzak.regeling.tijd import Schooljaar

UUID_REGEX = "[0-9a-f-]{36}"


def _schooljaar(waarde: str | None, *, verplicht: bool) -> Schooljaar | None:
    if not waarde:
        if verplicht:
            raise ValidationError({"schooljaar": "geef een schooljaar, bv. 2011-2012"})
        return None
    try:
        return Schooljaar.van_tekst(waarde)
    except OngeldigeInvoer:
        raise ValidationError({"schooljaar": "verwacht een schooljaar, bv. 2011-2012"}) from None


def _geheel(waarde: str | None, veld: str) -> int:
    try:
        return int(str(waarde))
    except ValueError:
        raise ValidationError({veld: "verwacht het id van een organisatie"}) from None


# --- betaalruns -------------------------------------------------------------------------------


class BetaalrunStartSerializer(serializers.Serializer):
    maand = serializers.CharField(help_text="JJJJ-MM, bv. 2012-02")


class LeemteSerializer(serializers.Serializer):
    cvi_nummers = serializers.CharField()
    schooljaar = serializers.CharField()
    soort = serializers.CharField()
    melding = serializers.CharField()


class RunOntvangerSerializer(serializers.Serializer):
    ontvanger_id = serializers.IntegerField()
    ontvanger = serializers.CharField(source="ontvanger__naam")
    soort = serializers.CharField()
    bedrag = serializers.SerializerMethodField()

    def get_bedrag(self, obj: dict[str, Any]) -> str:
        return str(selectors._euro(obj["centen"]))


@extend_schema_field({"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}$", "example": "2011-10"})
class MaandVeld(serializers.DateField):
    """Een maand als ``JJJJ-MM``. Als gewoon DateField stond ze in het schema als datum
    (``JJJJ-MM-DD``), terwijl het antwoord ``2011-10`` is (gevonden door de fuzzrun)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m", **kwargs)


class VoortgangSerializer(serializers.Serializer):
    gedaan = serializers.IntegerField(help_text="leerlingen berekend")
    totaal = serializers.IntegerField(allow_null=True, help_text="leerlingen te berekenen")
    fase = serializers.ChoiceField(
        choices=Runfase.choices,
        allow_null=True,
        help_text="waar een lopende run is: lezen (de zaken), rekenen (per leerling; gedaan "
        "telt mee), grootboek (vergelijken), boeken (in één transactie); null als de run niet "
        "loopt",
    )
    fase_tekst = serializers.CharField(allow_null=True, help_text="de fase in woorden")
    fase_nummer = serializers.IntegerField(
        allow_null=True, help_text=f"de hoeveelste fase (1 tot en met {len(FASEN)})"
    )
    fasen = serializers.IntegerField(help_text="aantal fasen")


class BetaalrunSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    url = serializers.SerializerMethodField()
    maand = MaandVeld()
    status = serializers.CharField(
        help_text="in_wachtrij -> bezig (met voortgang) -> klaar (met totalen) of mislukt "
        "(met reden)"
    )
    aangevraagd_op = serializers.DateTimeField()
    uitgevoerd_door = serializers.CharField(
        source="uitgevoerd_door__username", help_text="wie de run aanvroeg"
    )
    begonnen_op = serializers.DateTimeField(allow_null=True)
    uitgevoerd_op = serializers.DateTimeField(allow_null=True, help_text="afgerond op")
    hartslag_op = serializers.DateTimeField(
        allow_null=True, help_text="laatste teken van leven van de verwerker"
    )
    poging = serializers.IntegerField(help_text="hoe vaak een verwerker de run begon")
    voortgang = serializers.SerializerMethodField()
    reden = serializers.CharField(help_text="waarom mislukt, of dat de run hervat werd")
    peildatum = serializers.DateField()
    leerlingen = serializers.IntegerField(allow_null=True)
    regels = serializers.IntegerField(allow_null=True)
    leemtes = serializers.IntegerField(allow_null=True)
    terugval = serializers.IntegerField(
        help_text="leerlingen wier geschiedenis niet in bulk te rekenen was en die over het "
        "pad voor één leerling gingen (I-85); hun bedragen zijn gewoon geboekt"
    )
    totaal = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_totaal(self, obj: dict[str, Any]) -> str | None:
        if obj["totaal_centen"] is None:
            return None
        return str(selectors._euro(obj["totaal_centen"]))

    @extend_schema_field(VoortgangSerializer)
    def get_voortgang(self, obj: dict[str, Any]) -> dict[str, Any]:
        fase = obj.get("fase")
        return {
            "gedaan": obj["leerlingen_gedaan"],
            "totaal": obj["leerlingen_totaal"],
            "fase": fase,
            "fase_tekst": Runfase(fase).label if fase else None,
            "fase_nummer": FASEN.index(Runfase(fase)) + 1 if fase else None,
            "fasen": len(FASEN),
        }

    @extend_schema_field(serializers.URLField())
    def get_url(self, obj: dict[str, Any]) -> str:
        return _run_url(self.context.get("request"), obj["publiek_id"])


def _run_url(request: Request | None, publiek_id: object) -> str:
    pad = reverse("v1:betaalrun-detail", args=[publiek_id])
    return request.build_absolute_uri(pad) if request is not None else pad


class BetaalrunDetailSerializer(BetaalrunSerializer):
    leemteregels = LeemteSerializer(many=True)
    per_ontvanger = RunOntvangerSerializer(many=True)


class BetaalrunsViewSet(Zaakinzage, viewsets.ViewSet):
    lookup_value_regex = UUID_REGEX
    lijst = Lijst(selectors.betaalruns_deel, BetaalrunSerializer, "BetaalrunLijst", context=True)
    inzage = Inzage(
        Opzoeken(selectors.betaalrun_weergave, geen=(Betaalrun.DoesNotExist,)),
        BetaalrunDetailSerializer,
        context=True,
    )

    @extend_schema(
        request=BetaalrunStartSerializer,
        responses={202: BetaalrunDetailSerializer},
        description="Zet de run in de wachtrij en keert meteen terug (202 Accepted); de "
        "header ``Location`` en het veld ``url`` wijzen naar de run, die de toestand en "
        "voortgang toont en, als hij klaar is, de totalen.",
    )
    def create(self, request: Request) -> Response:
        invoer = gevalideerd(BetaalrunStartSerializer, request)
        run = services.betaalrun_aanvragen(door=request.user, maand=invoer["maand"])
        weergave = selectors.betaalrun_weergave(gebruiker=request.user, publiek_id=run.publiek_id)
        data = BetaalrunDetailSerializer(weergave, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})


# --- grootboek ---------------------------------------------------------------------------------


class TotalenSerializer(serializers.Serializer):
    betaling = serializers.CharField()
    correctie = serializers.CharField()
    netto = serializers.CharField()


class GrootboekregelSerializer(serializers.Serializer):
    maand = MaandVeld()
    cvi_nummer = serializers.CharField()
    deel = serializers.CharField()
    bedrag = serializers.SerializerMethodField()
    soort = serializers.CharField()
    betaalrun = serializers.UUIDField(source="run__publiek_id")
    geboekt_op = serializers.DateTimeField(source="aangemaakt_op")

    def get_bedrag(self, obj: dict[str, Any]) -> str:
        return str(selectors._euro(obj["bedrag_centen"]))


def _grootboekkop() -> dict[str, serializers.Field]:
    """De eigen sleutels van het grootboekantwoord, naast de lijstvorm (de regels)."""
    return {
        "ontvanger_id": serializers.IntegerField(source="ontvanger.pk"),
        "ontvanger": serializers.CharField(source="ontvanger.naam"),
        "schooljaar": serializers.CharField(allow_null=True),
        "per_maand": serializers.DictField(child=TotalenSerializer()),
        "per_schooljaar": serializers.DictField(child=TotalenSerializer()),
        "per_deel": serializers.DictField(child=TotalenSerializer()),
    }


GrootboekkopSerializer = type("GrootboekkopSerializer", (serializers.Serializer,), _grootboekkop())


class OntvangerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()
    brin = serializers.CharField()
    soort = serializers.CharField()
    totaal = serializers.DecimalField(max_digits=14, decimal_places=2)


GROOTBOEKPARAMETERS = [
    OpenApiParameter("ontvanger", int, required=True, description="id van de ontvanger"),
    OpenApiParameter("schooljaar", str, description="bv. 2011-2012; leeg: alle schooljaren"),
]


def _overzicht_dict(o: selectors.Grootboekoverzicht) -> dict[str, Any]:
    return {
        "ontvanger": o.ontvanger,
        "schooljaar": str(o.schooljaar) if o.schooljaar else None,
        "per_maand": {k: v.als_dict() for k, v in sorted(o.per_maand.items())},
        "per_schooljaar": {k: v.als_dict() for k, v in sorted(o.per_schooljaar.items())},
        "per_deel": {k: v.als_dict() for k, v in sorted(o.per_deel.items())},
    }


class GrootboekViewSet(viewsets.ViewSet):
    @lijst_schema(
        GrootboekregelSerializer,
        "Grootboek",
        parameters=GROOTBOEKPARAMETERS,
        extra=_grootboekkop(),
        description="De totalen gaan over het hele grootboek (van het schooljaar); "
        "``resultaten`` zijn de regels van deze pagina.",
    )
    def list(self, request: Request) -> Response:
        ontvanger_id = _geheel(request.query_params.get("ontvanger"), "ontvanger")
        schooljaar = _schooljaar(request.query_params.get("schooljaar"), verplicht=False)
        venster = venster_uit(request)
        overzicht = selectors.grootboek_overzicht(
            gebruiker=request.user,
            ontvanger_id=ontvanger_id,
            schooljaar=schooljaar,
            venster=venster,
        )
        return lijst_antwoord(
            request,
            venster,
            Deel(overzicht.regels, overzicht.aantal_regels),
            GrootboekregelSerializer(overzicht.regels, many=True).data,
            **GrootboekkopSerializer(_overzicht_dict(overzicht)).data,
        )

    @extend_schema(parameters=GROOTBOEKPARAMETERS, responses={(200, "text/csv"): OpenApiTypes.STR})
    @action(detail=False, methods=["get"])
    def csv(self, request: Request) -> HttpResponse:
        schooljaar = _schooljaar(request.query_params.get("schooljaar"), verplicht=False)
        ontvanger_id = _geheel(request.query_params.get("ontvanger"), "ontvanger")
        tekst = selectors.grootboek_csv(
            gebruiker=request.user, ontvanger_id=ontvanger_id, schooljaar=schooljaar
        )
        return csv_antwoord(tekst, f"grootboek-{ontvanger_id}-{schooljaar or 'alle'}.csv")

    @extend_schema(responses=OntvangerSerializer(many=True))
    @action(detail=False, methods=["get"])
    def ontvangers(self, request: Request) -> Response:
        return Response(
            OntvangerSerializer(selectors.ontvangers(gebruiker=request.user), many=True).data
        )


# --- REC -----------------------------------------------------------------------------------------


class RecBekostigingSerializer(serializers.Serializer):
    schooljaar = serializers.CharField()
    teldatum = serializers.DateField()
    leerlingen = serializers.IntegerField()
    ambulant_begeleid = serializers.IntegerField()
    scholen = serializers.IntegerField()
    dossiers = serializers.CharField()
    indicatiestelling = serializers.CharField()
    vaste_voet = serializers.CharField()
    scholenbedrag = serializers.CharField()
    totaal = serializers.CharField()
    uitleg = serializers.CharField()


class FormatiegarantieSerializer(serializers.Serializer):
    schooljaar = serializers.CharField()
    basisjaar = serializers.CharField()
    scholen = serializers.ListField(child=serializers.DictField())
    som_basis_fre = serializers.CharField()
    som_huidig_fre = serializers.CharField()
    garantie_fre = serializers.CharField()
    toedelingen = serializers.ListField(child=serializers.DictField())
    uitleg = serializers.CharField()


class TellingSerializer(serializers.Serializer):
    schooljaar = serializers.CharField()
    leerlingen = serializers.IntegerField()
    ambulant_begeleid = serializers.IntegerField(default=0)


class FormatieSerializer(serializers.Serializer):
    schooljaar = serializers.CharField()
    school = serializers.IntegerField()
    basis_fre = serializers.CharField()
    huidig_fre = serializers.CharField()


class ToedelingSerializer(serializers.Serializer):
    schooljaar = serializers.CharField()
    toedeling = serializers.DictField(
        child=serializers.CharField(), help_text="BRIN -> fre, samen precies de garantie"
    )


class VastgelegdSerializer(serializers.Serializer):
    vastgelegd = serializers.BooleanField()


SCHOOLJAARPARAMETER = OpenApiParameter("schooljaar", str, required=True, description="2011-2012")


def _rec_object(pk: str | None) -> Organisatie:
    rec = Organisatie.objects.filter(pk=_geheel(pk, "rec"), soort=Organisatiesoort.REC).first()
    if rec is None:
        raise Http404
    return rec


class RecsViewSet(viewsets.ViewSet):
    lookup_value_regex = "[0-9]+"

    @extend_schema(parameters=[SCHOOLJAARPARAMETER], responses=RecBekostigingSerializer)
    @action(detail=True, methods=["get"])
    def bekostiging(self, request: Request, pk: str | None = None) -> Response:
        schooljaar = _schooljaar(request.query_params.get("schooljaar"), verplicht=True)
        assert schooljaar is not None
        uitkomst = selectors.rec_bekostiging_voor(
            gebruiker=request.user, rec_id=_geheel(pk, "rec"), schooljaar=schooljaar
        )
        data = uitkomst.als_dict()
        data["uitleg"] = uitkomst.uitleg.als_tekst()
        return Response(RecBekostigingSerializer(data).data)

    @extend_schema(parameters=[SCHOOLJAARPARAMETER], responses=FormatiegarantieSerializer)
    @action(detail=True, methods=["get"])
    def formatiegarantie(self, request: Request, pk: str | None = None) -> Response:
        schooljaar = _schooljaar(request.query_params.get("schooljaar"), verplicht=True)
        assert schooljaar is not None
        garantie, toedelingen = selectors.formatiegarantie_voor(
            gebruiker=request.user, rec_id=_geheel(pk, "rec"), schooljaar=schooljaar
        )
        data = garantie.als_dict()
        data["toedelingen"] = [
            {
                "publiek_id": str(t["publiek_id"]),
                "garantie_fre": str(t["garantie_fre"]),
                "gemeld_op": t["gemeld_op"].isoformat(),
                "toedeling": {k: str(v) for k, v in t["toedeling"].items()},
            }
            for t in toedelingen
        ]
        data["uitleg"] = garantie.uitleg.als_tekst()
        return Response(FormatiegarantieSerializer(data).data)

    @extend_schema(request=TellingSerializer, responses={201: VastgelegdSerializer})
    @action(detail=True, methods=["post"])
    def telling(self, request: Request, pk: str | None = None) -> Response:
        invoer = gevalideerd(TellingSerializer, request)
        services.rec_telling_vastleggen(door=request.user, rec=_rec_object(pk), **invoer)
        return Response({"vastgelegd": True}, status=status.HTTP_201_CREATED)

    @extend_schema(request=FormatieSerializer, responses={201: VastgelegdSerializer})
    @action(detail=True, methods=["post"])
    def formatie(self, request: Request, pk: str | None = None) -> Response:
        invoer = gevalideerd(FormatieSerializer, request)
        school = Organisatie.objects.filter(pk=invoer["school"]).first()
        if school is None:
            raise ValidationError({"school": "onbekende school"})
        services.formatie_vastleggen(
            door=request.user, rec=_rec_object(pk), school=school,
            schooljaar=invoer["schooljaar"],
            basis_fre=invoer["basis_fre"],
            huidig_fre=invoer["huidig_fre"],
        )  # fmt: skip
        return Response({"vastgelegd": True}, status=status.HTTP_201_CREATED)

    @extend_schema(request=ToedelingSerializer, responses={201: VastgelegdSerializer})
    @action(detail=True, methods=["post"])
    def toedeling(self, request: Request, pk: str | None = None) -> Response:
        invoer = gevalideerd(ToedelingSerializer, request)
        services.formatiegarantie_toedelen(
            door=request.user, rec=_rec_object(pk),
            schooljaar=invoer["schooljaar"],
            toedeling=invoer["toedeling"],
        )  # fmt: skip
        return Response({"vastgelegd": True}, status=status.HTTP_201_CREATED)


# --- besteding -------------------------------------------------------------------------------


class BestedingInSerializer(serializers.Serializer):
    leerling = serializers.UUIDField()
    schooljaar = serializers.CharField()
    soort = serializers.ChoiceField(choices=[(s.value, s.omschrijving) for s in Bestedingssoort])
    omschrijving = serializers.CharField(allow_blank=True)
    bedrag = serializers.CharField()
    ouders_akkoord_op = serializers.DateField(allow_null=True, required=False)
    handelingsplan = serializers.CharField(required=False, allow_blank=True, default="")
    reden_overschrijding = serializers.CharField(
        required=False, allow_blank=True, default="",
        help_text="verplicht als de besteding boven wat de besteder dit schooljaar voor dit "
        "onderdeel ontving uitkomt (I-56)",
    )  # fmt: skip


class BestedingSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    schooljaar = serializers.CharField()
    soort = serializers.CharField()
    onderdeel = serializers.CharField()
    omschrijving = serializers.CharField()
    bedrag = serializers.DecimalField(max_digits=10, decimal_places=2)
    ouders_akkoord_op = serializers.DateField()
    handelingsplan = serializers.CharField()
    besteed_door = serializers.SerializerMethodField(
        help_text="'school', of de naam van de AB-verzorger die het AB-deel besteedt (I-57)"
    )
    overschrijding = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        help_text="het deel boven wat er voor dit onderdeel nog over was (I-56)",
    )
    overschrijding_reden = serializers.CharField()

    def get_besteed_door(self, besteding: Any) -> str:
        return besteding.ab_verzorger.naam if besteding.ab_verzorger_id else "school"


def _bestedingskop() -> dict[str, serializers.Field]:
    """De eigen sleutels van het bestedingsoverzicht, naast de lijstvorm (de bestedingen)."""
    return {
        "leerling": serializers.UUIDField(),
        "schooljaar": serializers.CharField(),
        "besteed": serializers.DictField(
            child=serializers.CharField(), help_text="per onderdeel, over alle bestedingen"
        ),
        "ontvangen": serializers.DictField(child=serializers.CharField()),
        "overschreden": serializers.DictField(
            child=serializers.CharField(),
            help_text="per onderdeel: wat met een reden boven het ontvangen bedrag is besteed "
            "(I-56)",
        ),
    }


BestedingskopSerializer = type(
    "BestedingskopSerializer", (serializers.Serializer,), _bestedingskop()
)


class BestedingenViewSet(viewsets.ViewSet):
    @lijst_schema(
        BestedingSerializer,
        "Bestedingsoverzicht",
        parameters=[
            OpenApiParameter("leerling", str, required=True, description="publiek id"),
            SCHOOLJAARPARAMETER,
        ],
        extra=_bestedingskop(),
    )
    def list(self, request: Request) -> Response:
        schooljaar = _schooljaar(request.query_params.get("schooljaar"), verplicht=True)
        assert schooljaar is not None
        venster = venster_uit(request)
        try:
            publiek_id = UUID(str(request.query_params.get("leerling")))
            overzicht = selectors.bestedingen_van_leerling(
                gebruiker=request.user, publiek_id=publiek_id, schooljaar=schooljaar,
                venster=venster,
            )  # fmt: skip
        except (ValueError, GeenToegang):
            raise Http404 from None
        return lijst_antwoord(
            request,
            venster,
            Deel(overzicht.bestedingen, overzicht.aantal),
            BestedingSerializer(overzicht.bestedingen, many=True).data,
            **BestedingskopSerializer(
                {
                    "leerling": overzicht.leerling.publiek_id,
                    "schooljaar": str(overzicht.schooljaar),
                    "besteed": {k: str(v) for k, v in overzicht.besteed.items()},
                    "ontvangen": {k: str(v) for k, v in overzicht.ontvangen.items()},
                    "overschreden": {k: str(v) for k, v in overzicht.overschreden.items()},
                }
            ).data,
        )

    @extend_schema(request=BestedingInSerializer, responses={201: BestedingSerializer})
    def create(self, request: Request) -> Response:
        gegevens = gevalideerd(BestedingInSerializer, request)
        leerling = Leerling.objects.filter(publiek_id=gegevens.pop("leerling")).first()
        if leerling is None:
            raise GeenToegang("deze leerling", nodig="een rol bij de school van de leerling")
        besteding = services.besteding_vastleggen(
            door=request.user, leerling=leerling,
            ouders_akkoord_op=gegevens.pop("ouders_akkoord_op", None), **gegevens,
        )  # fmt: skip
        return Response(BestedingSerializer(besteding).data, status=status.HTTP_201_CREATED)


def registreer(router: Any) -> None:
    router.register("betaalruns", BetaalrunsViewSet, basename="betaalrun")
    router.register("grootboek", GrootboekViewSet, basename="grootboek")
    router.register("recs", RecsViewSet, basename="rec")
    router.register("bestedingen", BestedingenViewSet, basename="besteding")
