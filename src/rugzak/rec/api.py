# mypy: disable-error-code="misc,untyped-decorator"
# (DRF heeft geen typestubs in dit project: Serializer/ViewSet zijn Any.)
"""API van de REC- en (v)so-administratie (004).

- ``rec-administratie/{rec}/``: ``telling/?teldatum=`` (JSON of ``&formaat=csv``),
  ``bekostiging/?schooljaar=``, ``rapport/?schooljaar=`` (het rapport voor de
  bekostigingsinstantie, zonder namen), POST ``telling-vastleggen/``, ``inrichting/``,
  ``scholengemeenschappen/``.
- ``vso-scholen/{school}/``: ``telling/``, ``leerlingen/`` (alleen de school), ``pab-formatie/``
  (GET en POST), POST ``profiel/``, ``verbrede-toelatingen/``, ``plaatsingen/``.
- ``vestigingen/``, ``residentiele-verzoeken/`` en ``vso-aanmeldingen/``: de zaken, met hun
  overgangen als POST-acties en de ``versie`` die de gebruiker las.

Organisaties staan in de URL met hun id (geen persoonsgegevens), zaken met hun publieke
UUID. Een onbekende of niet zichtbare zaak geeft 404.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rugzak.gedeeld.api.inzage import Inzage, Lijst, Opzoeken, Zaakinzage, uit_query, zonder_grond
from rugzak.gedeeld.csvbestand import csv_antwoord
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.zaakhandelingen.api import Zaakacties, gevalideerd, of_404
from rugzak.gedeeld.zaakhandelingen.overgang import Overgang
from rugzak.leerlingen.models import Inschrijving, Leerling
from rugzak.organisaties.models import Organisatie
from rugzak.organisaties.rollen import Organisatiesoort
from rugzak.rec import selectors, services
from rugzak.rec.models import (
    Aanmeldingstatus,
    ResidentieelVerzoek,
    Verzoekstatus,
    Vestiging,
    Weigeringsgrond,
)
from rugzak.rec.services import INSTEMMENDE_PARTIJEN

# --- hulp -----------------------------------------------------------------------------------


def _pk(waarde: object) -> int:
    try:
        return int(str(waarde))
    except ValueError:
        raise Http404 from None


def _datum(request: Request, naam: str) -> date:
    tekst = request.query_params.get(naam)
    try:
        return date.fromisoformat(str(tekst))
    except ValueError:
        raise serializers.ValidationError(
            {naam: ["geef een datum als JJJJ-MM-DD, bv. 2011-10-01"]}
        ) from None


def _schooljaar(request: Request) -> str:
    tekst = request.query_params.get("schooljaar")
    if not tekst:
        raise serializers.ValidationError({"schooljaar": ["geef een schooljaar, bv. 2011-2012"]})
    return str(tekst)


def _org(pk: object, soort: str) -> Organisatie:
    org = Organisatie.objects.filter(pk=_pk(pk), soort=soort).select_related("rec").first()
    if org is None:
        raise Http404
    return org


TELDATUM = OpenApiParameter(
    "teldatum", OpenApiTypes.DATE, required=True, description="1 oktober of 16 januari"
)
FORMAAT = OpenApiParameter("formaat", str, enum=["json", "csv"], description="standaard json")
SCHOOLJAAR = OpenApiParameter("schooljaar", str, required=True, description="bv. 2011-2012")


class TellingSerializer(serializers.Serializer):
    eenheid = serializers.CharField()
    teldatum = serializers.DateField()
    ingeschreven_totaal = serializers.IntegerField()
    begeleid_totaal = serializers.IntegerField()
    per_categorie = serializers.DictField(child=serializers.IntegerField())
    rijen = serializers.ListField(child=serializers.DictField())
    apart = serializers.DictField(child=serializers.IntegerField())
    niet_geteld = serializers.ListField(child=serializers.DictField())
    uitleg = serializers.DictField()


class VersieInvoer(serializers.Serializer):
    versie = serializers.IntegerField(min_value=1, help_text="de versie die u las")


class RedenInvoer(VersieInvoer):
    reden = serializers.CharField()


def _telling_antwoord(request: Request, weergave: selectors.Tellingweergave, naam: str) -> Any:
    if request.query_params.get("formaat") == "csv":
        return csv_antwoord(
            selectors.telling_csv(weergave), f"telling-{naam}-{weergave.uitkomst.teldatum}.csv"
        )
    return Response(weergave.als_dict())


# --- REC -----------------------------------------------------------------------------------


class SchooljaarInvoer(serializers.Serializer):
    schooljaar = serializers.CharField(help_text="bv. 2003-2004")


class InrichtingInvoer(serializers.Serializer):
    clusteroverstijgend = serializers.BooleanField()


#: het grootste id dat de database kent (BigAutoField: 64 bits met teken)
MAX_ID = 2**63 - 1


class GemeenschapInvoer(serializers.Serializer):
    naam = serializers.CharField()
    schoolplan = serializers.CharField()
    # een id buiten het bereik van de database gaf een 500 (OverflowError in SQLite bij
    # ``pk__in``; gevonden door de fuzzrun): nu 400 met het veld
    scholen = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        min_length=1,
        help_text="ids van de (v)so-scholen",
    )
    gevormd_op = serializers.DateField()


class RecAdministratieViewSet(viewsets.ViewSet):
    """REC-administratie: telling, bekostiging, rapport, inrichting, scholengemeenschappen."""

    lookup_value_regex = "[0-9]+"  # id van de organisatie (in het schema: integer)

    @extend_schema(
        parameters=[TELDATUM, FORMAAT],
        responses={200: TellingSerializer, (200, "text/csv"): OpenApiTypes.STR},
    )
    @action(detail=True, methods=["get"])
    def telling(self, request: Request, pk: str | None = None) -> Any:
        weergave = of_404(
            selectors.telling_van_rec,
            gebruiker=request.user,
            rec_id=_pk(pk),
            teldatum=_datum(request, "teldatum"),
            reden="api",
        )
        return _telling_antwoord(request, weergave, f"rec-{pk}")

    @extend_schema(parameters=[SCHOOLJAAR], responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def bekostiging(self, request: Request, pk: str | None = None) -> Response:
        bekostiging, uitkomst = of_404(
            selectors.rec_bekostiging_uit_registratie,
            gebruiker=request.user,
            rec_id=_pk(pk),
            schooljaar=_schooljaar(request),
        )
        return Response({**bekostiging.als_dict(), "niet_geteld": len(uitkomst.niet_geteld)})

    @extend_schema(parameters=[SCHOOLJAAR], responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def rapport(self, request: Request, pk: str | None = None) -> Response:
        return Response(
            of_404(
                selectors.rec_rapport,
                gebruiker=request.user,
                rec_id=_pk(pk),
                schooljaar=_schooljaar(request),
                reden="api",
            )
        )

    @extend_schema(request=SchooljaarInvoer, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"], url_path="telling-vastleggen")
    def telling_vastleggen(self, request: Request, pk: str | None = None) -> Response:
        invoer = gevalideerd(SchooljaarInvoer, request)
        telling = services.rec_telling_vastleggen_uit_registratie(
            door=request.user, rec=_org(pk, Organisatiesoort.REC), schooljaar=invoer["schooljaar"]
        )
        return Response(
            {
                "schooljaar": telling.schooljaar,
                "leerlingen": telling.leerlingen,
                "ambulant_begeleid": telling.ambulant_begeleid,
            },
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=InrichtingInvoer, responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def inrichting(self, request: Request, pk: str | None = None) -> Response:
        invoer = gevalideerd(InrichtingInvoer, request)
        inrichting = services.rec_inrichting_vastleggen(
            door=request.user, rec=_org(pk, Organisatiesoort.REC), **invoer
        )
        return Response(
            {"rec": inrichting.rec_id, "clusteroverstijgend": inrichting.clusteroverstijgend}
        )

    @extend_schema(request=GemeenschapInvoer, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def scholengemeenschappen(self, request: Request, pk: str | None = None) -> Response:
        invoer = gevalideerd(GemeenschapInvoer, request)
        scholen = list(
            Organisatie.objects.filter(pk__in=invoer["scholen"], soort=Organisatiesoort.SCHOOL)
        )
        if len(scholen) != len(set(invoer["scholen"])):
            raise serializers.ValidationError({"scholen": ["onbekende school"]})
        g = services.scholengemeenschap_vormen(
            door=request.user,
            rec=_org(pk, Organisatiesoort.REC),
            naam=invoer["naam"],
            schoolplan=invoer["schoolplan"],
            scholen=scholen,
            gevormd_op=invoer["gevormd_op"],
        )
        return Response(
            {
                "publiek_id": str(g.publiek_id),
                "naam": g.naam,
                "scholen": sorted(s.brin for s in scholen),
            },
            status=status.HTTP_201_CREATED,
        )


# --- (v)so-school ----------------------------------------------------------------------------


class ProfielInvoer(serializers.Serializer):
    onderwijssoort = serializers.CharField()


class VerbreedInvoer(serializers.Serializer):
    onderwijssoort = serializers.CharField()
    vanaf = serializers.DateField()
    alle_mg_indicaties = serializers.BooleanField(default=False)


class PabInvoer(serializers.Serializer):
    onderwijssoort = serializers.CharField()
    huidig_fre = serializers.CharField(help_text="decimaal getal als tekst, bv. '4.25'")
    genormeerd_fre = serializers.CharField()


class PlaatsingInvoer(serializers.Serializer):
    leerling = serializers.UUIDField(help_text="publiek id van de leerling")
    vestiging = serializers.UUIDField(required=False, allow_null=True, default=None)
    residentieel = serializers.BooleanField(default=False)
    niveau = serializers.ChoiceField(
        choices=["so", "vso"], required=False, allow_null=True, default=None
    )


class VsoScholenViewSet(viewsets.ViewSet):
    """Een (v)so-school: telling, geplaatste leerlingen, PAB-formatie, verbrede toelating."""

    lookup_value_regex = "[0-9]+"  # id van de organisatie (in het schema: integer)

    @extend_schema(
        parameters=[TELDATUM, FORMAAT],
        responses={200: TellingSerializer, (200, "text/csv"): OpenApiTypes.STR},
    )
    @action(detail=True, methods=["get"])
    def telling(self, request: Request, pk: str | None = None) -> Any:
        weergave = of_404(
            selectors.telling_van_school,
            gebruiker=request.user,
            school_id=_pk(pk),
            teldatum=_datum(request, "teldatum"),
            reden="api",
        )
        return _telling_antwoord(request, weergave, f"school-{pk}")

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def leerlingen(self, request: Request, pk: str | None = None) -> Response:
        rijen = of_404(
            selectors.geplaatste_leerlingen, gebruiker=request.user, school_id=_pk(pk), reden="api"
        )
        return Response(
            {
                "aantal": len(rijen),
                "resultaten": [
                    {
                        "leerling": str(g.inschrijving.leerling.publiek_id),
                        "naam": g.inschrijving.leerling.volledige_naam,
                        "ingeschreven_van": g.inschrijving.van,
                        "categorie": g.categorie,
                        "residentieel": bool(g.plaatsing and g.plaatsing.residentieel),
                        "verbreed_toegelaten": g.bekostigingswijze is not None,
                        "vestiging": g.plaatsing.vestiging.naam
                        if g.plaatsing and g.plaatsing.vestiging
                        else None,
                        "bekostigingswijze": g.bekostigingswijze,
                    }
                    for g in rijen
                ],
            }
        )

    # GET geeft een lijst opgaven, POST één opgave (het schema zei bij GET: één object;
    # gevonden door de fuzzrun)
    @extend_schema(
        methods=["GET"],
        responses={200: {"type": "array", "items": {"type": "object", "additionalProperties": {}}}},
    )
    @extend_schema(methods=["POST"], request=PabInvoer, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get", "post"], url_path="pab-formatie")
    def pab_formatie(self, request: Request, pk: str | None = None) -> Response:
        if request.method == "POST":
            invoer = gevalideerd(PabInvoer, request)
            opgave = services.pab_formatie_vastleggen(
                door=request.user, school=_org(pk, Organisatiesoort.SCHOOL), **invoer
            )
            return Response(selectors.pab_overgang_van(opgave), status=status.HTTP_201_CREATED)
        return Response(
            of_404(selectors.pab_formatie_van_school, gebruiker=request.user, school_id=_pk(pk))
        )

    @extend_schema(request=ProfielInvoer, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def profiel(self, request: Request, pk: str | None = None) -> Response:
        invoer = gevalideerd(ProfielInvoer, request)
        p = services.vso_profiel_vastleggen(
            door=request.user, school=_org(pk, Organisatiesoort.SCHOOL), **invoer
        )
        return Response(
            {"school": p.school_id, "onderwijssoort": p.onderwijssoort},
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=VerbreedInvoer, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"], url_path="verbrede-toelatingen")
    def verbrede_toelatingen(self, request: Request, pk: str | None = None) -> Response:
        invoer = gevalideerd(VerbreedInvoer, request)
        vt = services.verbrede_toelating_vastleggen(
            door=request.user, school=_org(pk, Organisatiesoort.SCHOOL), **invoer
        )
        return Response(
            {"publiek_id": str(vt.publiek_id), "onderwijssoort": vt.onderwijssoort},
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=PlaatsingInvoer, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def plaatsingen(self, request: Request, pk: str | None = None) -> Response:
        invoer = gevalideerd(PlaatsingInvoer, request)
        school = _org(pk, Organisatiesoort.SCHOOL)
        inschrijving = (
            Inschrijving.objects.filter(school=school, leerling__publiek_id=invoer["leerling"])
            .order_by("-van")
            .first()
        )
        if inschrijving is None:
            raise serializers.ValidationError(
                {"leerling": ["deze leerling staat niet op deze school ingeschreven"]}
            )
        vestiging = None
        if invoer["vestiging"] is not None:
            vestiging = Vestiging.objects.filter(
                publiek_id=invoer["vestiging"], school=school
            ).first()
            if vestiging is None:
                raise serializers.ValidationError(
                    {"vestiging": ["onbekende vestiging van deze school"]}
                )
        p = services.vso_plaatsing_vastleggen(
            door=request.user,
            inschrijving=inschrijving,
            vestiging=vestiging,
            residentieel=invoer["residentieel"],
            niveau=invoer["niveau"],
        )
        return Response(
            {
                "leerling": str(invoer["leerling"]),
                "residentieel": p.residentieel,
                "verbreed_toegelaten": p.verbrede_toelating_id is not None,
                "versie": p.versie,
            },
            status=status.HTTP_201_CREATED,
        )


# --- vestigingen -------------------------------------------------------------------------------


class VestigingSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    versie = serializers.IntegerField()
    school = serializers.IntegerField(source="school_id")
    school_brin = serializers.CharField(source="school.brin")
    naam = serializers.CharField()
    gemeente = serializers.CharField()
    hoofdvestiging = serializers.BooleanField()
    status = serializers.CharField()
    omzetting_zmlk_afdeling = serializers.BooleanField()
    instemming_scholen_rec_op = serializers.DateField(allow_null=True)
    instemming_aanpalende_recs_op = serializers.DateField(allow_null=True)
    instemming_gemeente_op = serializers.DateField(allow_null=True)
    opgenomen_op = serializers.DateField(allow_null=True)


class StapSerializer(serializers.Serializer):
    van_status = serializers.CharField()
    naar_status = serializers.CharField()
    datum = serializers.DateField()
    door = serializers.CharField(source="door.weergavenaam")
    rol = serializers.CharField()
    toelichting = serializers.CharField()


def _met_historie(klasse: type[serializers.Serializer]) -> Any:
    """De zaak met ``klasse`` en haar stappen als ``historie``."""

    def data(zaak: Any) -> dict[str, Any]:
        stappen = zaak.stappen.select_related("door")
        return {**klasse(zaak).data, "historie": StapSerializer(stappen, many=True).data}

    return data


class VestigingInvoer(serializers.Serializer):
    school = serializers.IntegerField()
    naam = serializers.CharField()
    gemeente = serializers.CharField()
    hoofdvestiging = serializers.BooleanField(default=False)
    omzetting_zmlk_afdeling = serializers.BooleanField(default=False)


class InstemmingInvoer(VersieInvoer):
    partij = serializers.ChoiceField(choices=list(INSTEMMENDE_PARTIJEN))
    op = serializers.DateField(required=False, allow_null=True, default=None)


class OpnemenInvoer(VersieInvoer):
    op = serializers.DateField(required=False, allow_null=True, default=None)


def _school_filter(request: Request) -> dict[str, Any]:
    school = request.query_params.get("school")
    return {"school_id": _pk(school) if school else None}


class VestigingenViewSet(Zaakinzage, Zaakacties):
    lookup_field = "publiek_id"
    lookup_value_regex = "[0-9a-f-]{36}"
    lijst = Lijst(
        selectors.vestigingen_deel,
        VestigingSerializer,
        "VestigingLijst",
        parameters=[OpenApiParameter("school", int)],
        filters=_school_filter,
    )
    opzoeken = Opzoeken(selectors.vestiging_voor)
    inzage = Inzage(opzoeken, VestigingSerializer, data=_met_historie(VestigingSerializer))

    @extend_schema(request=VestigingInvoer, responses={201: VestigingSerializer})
    def create(self, request: Request) -> Response:
        invoer = gevalideerd(VestigingInvoer, request)
        school = _org(invoer["school"], Organisatiesoort.SCHOOL)
        if invoer["hoofdvestiging"]:
            v = services.hoofdvestiging_vastleggen(
                door=request.user, school=school, naam=invoer["naam"], gemeente=invoer["gemeente"]
            )
        else:
            v = services.nevenvestiging_voorstellen(
                door=request.user,
                school=school,
                naam=invoer["naam"],
                gemeente=invoer["gemeente"],
                omzetting_zmlk_afdeling=invoer["omzetting_zmlk_afdeling"],
            )
        return Response(VestigingSerializer(v).data, status=status.HTTP_201_CREATED)

    eerst_zaak = True
    antwoord = VestigingSerializer
    zaak_als = "vestiging"
    handelingen = (
        Overgang("instemming", InstemmingInvoer, services.vestiging_instemming_vastleggen),
        Overgang("opnemen", OpnemenInvoer, services.vestiging_opnemen),
        Overgang("intrekken", RedenInvoer, services.vestiging_intrekken),
    )


# --- residentiële verzoeken ---------------------------------------------------------------------


class VerzoekSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    versie = serializers.IntegerField()
    school = serializers.IntegerField(source="school_id")
    school_brin = serializers.CharField(source="school.brin")
    schooljaar = serializers.CharField()
    onderwijssoort = serializers.CharField()
    status = serializers.CharField()
    plaatsen = serializers.IntegerField(allow_null=True)
    leerlingen_uit_instelling = serializers.DictField(child=serializers.IntegerField())
    gemiddelde_verblijfsduur_maanden = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True
    )
    plaatsen_instelling = serializers.IntegerField(allow_null=True)
    naam_instelling = serializers.CharField()
    adres_instelling = serializers.CharField()
    aard_opvang = serializers.CharField()
    afschrift_samenwerkingsafspraken = serializers.BooleanField()
    ingediend_op = serializers.DateField(allow_null=True)
    besloten_op = serializers.DateField(allow_null=True)
    plaatsen_toegekend = serializers.IntegerField(allow_null=True)
    toegekend_tot = serializers.DateField(allow_null=True)
    besluit_toelichting = serializers.CharField()


class OnderdelenInvoer(serializers.Serializer):
    plaatsen = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    leerlingen_uit_instelling = serializers.DictField(
        child=serializers.IntegerField(min_value=0), required=False
    )
    gemiddelde_verblijfsduur_maanden = serializers.CharField(required=False, allow_null=True)
    plaatsen_instelling = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    naam_instelling = serializers.CharField(required=False, allow_blank=True)
    adres_instelling = serializers.CharField(required=False, allow_blank=True)
    aard_opvang = serializers.CharField(required=False, allow_blank=True)
    afschrift_samenwerkingsafspraken = serializers.BooleanField(required=False)


class VerzoekInvoer(OnderdelenInvoer):
    school = serializers.IntegerField()
    schooljaar = serializers.CharField()
    onderwijssoort = serializers.CharField()


class VerzoekWijzigInvoer(OnderdelenInvoer):
    versie = serializers.IntegerField(min_value=1)


class ToekennenInvoer(VersieInvoer):
    plaatsen = serializers.IntegerField(min_value=1)
    toegekend_tot = serializers.DateField()
    op = serializers.DateField(required=False, allow_null=True, default=None)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class AfwijzenInvoer(RedenInvoer):
    op = serializers.DateField(required=False, allow_null=True, default=None)


def _verzoek_data(v: ResidentieelVerzoek) -> dict[str, Any]:
    return {
        **_met_historie(VerzoekSerializer)(v),
        "verrekening": selectors.residentiele_verrekening(v),
    }


class ResidentieleVerzoekenViewSet(Zaakinzage, Zaakacties):
    lookup_field = "publiek_id"
    lookup_value_regex = "[0-9a-f-]{36}"
    lijst = Lijst(
        selectors.verzoeken_deel,
        VerzoekSerializer,
        "ResidentieelVerzoekLijst",
        parameters=[OpenApiParameter("status", str, enum=Verzoekstatus.values)],
        filters=uit_query("status"),
    )
    opzoeken = Opzoeken(selectors.verzoek_voor)
    inzage = Inzage(opzoeken, VerzoekSerializer, data=_verzoek_data)

    @extend_schema(request=VerzoekInvoer, responses={201: VerzoekSerializer})
    def create(self, request: Request) -> Response:
        invoer = gevalideerd(VerzoekInvoer, request)
        school = _org(invoer.pop("school"), Organisatiesoort.SCHOOL)
        v = services.residentieel_verzoek_aanmaken(door=request.user, school=school, **invoer)
        return Response(_verzoek_data(v), status=status.HTTP_201_CREATED)

    @extend_schema(request=VerzoekWijzigInvoer, responses=VerzoekSerializer)
    def partial_update(self, request: Request, publiek_id: str | None = None) -> Response:
        v = self.opzoeken(request, publiek_id)
        invoer = gevalideerd(VerzoekWijzigInvoer, request)
        v = services.residentieel_verzoek_wijzigen(door=request.user, verzoek=v, **invoer)
        return Response(_verzoek_data(v))

    def handeling_antwoord(self, zaak: Any, uitkomst: Any, handeling: Overgang) -> Response:
        return Response(_verzoek_data(uitkomst))

    eerst_zaak = True
    antwoord = VerzoekSerializer
    zaak_als = "verzoek"
    handelingen = (
        Overgang("indienen", OpnemenInvoer, services.residentieel_verzoek_indienen),
        Overgang("toekennen", ToekennenInvoer, services.residentieel_verzoek_toekennen),
        Overgang("afwijzen", AfwijzenInvoer, services.residentieel_verzoek_afwijzen),
        Overgang("intrekken", RedenInvoer, services.residentieel_verzoek_intrekken),
    )


# --- aanmeldingen ------------------------------------------------------------------------------


class AanmeldingSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    versie = serializers.IntegerField()
    leerling = serializers.UUIDField(source="leerling.publiek_id")
    school = serializers.IntegerField(source="school_id")
    school_brin = serializers.CharField(source="school.brin")
    cvi_nummer = serializers.CharField(source="indicatie.cvi_nummer", allow_null=True)
    onderwijssoort = serializers.CharField(source="indicatie.onderwijssoort", allow_null=True)
    status = serializers.CharField()
    aangemeld_op = serializers.DateField()
    gewenste_startdatum = serializers.DateField()
    instemming_inspectie_op = serializers.DateField(allow_null=True)
    besloten_op = serializers.DateField(allow_null=True)
    weigeringsgrond = serializers.CharField()
    toelichting = serializers.CharField()


class AanmeldingInvoer(serializers.Serializer):
    leerling = serializers.UUIDField()
    school = serializers.IntegerField()
    gewenste_startdatum = serializers.DateField()
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class ToelatenInvoer(OpnemenInvoer):
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class WeigerenInvoer(VersieInvoer):
    grond = serializers.ChoiceField(choices=Weigeringsgrond.choices)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    op = serializers.DateField(required=False, allow_null=True, default=None)


class VsoAanmeldingenViewSet(Zaakinzage, Zaakacties):
    lookup_field = "publiek_id"
    lookup_value_regex = "[0-9a-f-]{36}"
    lijst = Lijst(
        selectors.aanmeldingen_deel,
        AanmeldingSerializer,
        "VsoAanmeldingLijst",
        parameters=[OpenApiParameter("status", str, enum=Aanmeldingstatus.values)],
        filters=uit_query("status"),
        reden="api",
        items=zonder_grond,
    )
    inzage = Inzage(
        Opzoeken(selectors.aanmelding_voor, reden="api", extra={"lezen": True}, paar=True),
        AanmeldingSerializer,
        data=_met_historie(AanmeldingSerializer),
    )
    # een handeling logt de service, niet het opzoeken
    opzoeken = Opzoeken(selectors.aanmelding_voor, reden="api", extra={"lezen": False}, paar=True)

    @extend_schema(request=AanmeldingInvoer, responses={201: AanmeldingSerializer})
    def create(self, request: Request) -> Response:
        invoer = gevalideerd(AanmeldingInvoer, request)
        leerling = Leerling.objects.filter(publiek_id=invoer["leerling"]).first()
        if leerling is None:
            raise GeenToegang("deze leerling", nodig="een rol die deze leerling mag zien")
        a = services.vso_aanmelding_registreren(
            door=request.user,
            leerling=leerling,
            school=_org(invoer["school"], Organisatiesoort.SCHOOL),
            gewenste_startdatum=invoer["gewenste_startdatum"],
            toelichting=invoer["toelichting"],
        )
        return Response(AanmeldingSerializer(a).data, status=status.HTTP_201_CREATED)

    eerst_zaak = True
    antwoord = AanmeldingSerializer
    zaak_als = "aanmelding"
    handelingen = (
        Overgang("inspectie", OpnemenInvoer, services.vso_aanmelding_instemming_inspectie),
        Overgang("toelaten", ToelatenInvoer, services.vso_aanmelding_toelaten),
        Overgang("weigeren", WeigerenInvoer, services.vso_aanmelding_weigeren),
        Overgang("intrekken", RedenInvoer, services.vso_aanmelding_intrekken),
    )


def registreer(router: Any) -> None:
    router.register("rec-administratie", RecAdministratieViewSet, basename="rec-administratie")
    router.register("vso-scholen", VsoScholenViewSet, basename="vso-school")
    router.register("vestigingen", VestigingenViewSet, basename="vestiging")
    router.register(
        "residentiele-verzoeken", ResidentieleVerzoekenViewSet, basename="residentieel-verzoek"
    )
    router.register("vso-aanmeldingen", VsoAanmeldingenViewSet, basename="vso-aanmelding")
