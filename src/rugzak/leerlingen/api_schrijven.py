# mypy: disable-error-code="misc,untyped-decorator"
# (DRF heeft geen typestubs in dit project: Serializer/ViewSet zijn Any.)
"""API: de school schrijft leerlingen en inschrijvingen (issue 13).

- ``POST /api/v1/leerlingen/``: een nieuwe leerling met inschrijving en eventueel een ouder
  (velden ``ouder_...``); dezelfde naam en geboortedatum op dezelfde school geeft 400 met
  het veld ``dubbel``, tenzij ``dubbel_bevestigd`` (I-46). Een nieuw ouderaccount komt
  met zijn beginwachtwoord in het antwoord, dat ene keer (I-45).
- ``POST /api/v1/leerlingen/{id}/inschrijvingen/``: een bekende leerling inschrijven;
  ``.../groep/``: groep of leerjaar wijzigen (van groep 2 naar 3: de melding waarbij de
  zml-aanvraag kan); ``.../uitschrijving/``: uitschrijven met reden (I-47; de terugmelding
  volgt vanzelf); ``.../ouders/``: een ouder koppelen.

Dit is een mixin voor :class:`rugzak.leerlingen.api.LeerlingenViewSet`, zodat lezen en
schrijven één eindpunt delen maar in aparte modules staan. Toegang en audit zitten in de
services; een leerling die de gebruiker niet ziet, of een onbekend id, geeft 404.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rugzak.gedeeld.fouten import GeenToegang
from rugzak.leerlingen import services, uitschrijving
from rugzak.leerlingen.models import Geslacht, Leerling, OuderRelatie, Uitschrijfreden
from rugzak.leerlingen.selectors import leerling_met_leesgrond
from rugzak.organisaties.models import Organisatie
from rugzak.organisaties.rollen import Organisatiesoort


class _OuderVelden(serializers.Serializer):
    ouder_voornaam = serializers.CharField(required=False, allow_blank=True, default="")
    ouder_achternaam = serializers.CharField(required=False, allow_blank=True, default="")
    ouder_email = serializers.CharField(
        required=False, allow_blank=True, default="",
        help_text="nieuw ouderaccount: het e-mailadres wordt de gebruikersnaam",
    )  # fmt: skip
    ouder_gebruikersnaam = serializers.CharField(
        required=False, allow_blank=True, default="",
        help_text="bestaand ouderaccount koppelen (in plaats van een nieuw)",
    )  # fmt: skip
    ouder_soort = serializers.ChoiceField(
        choices=OuderRelatie.Soort.choices, required=False, default=OuderRelatie.Soort.OUDER
    )


def _ouder(d: dict[str, Any]) -> services.NieuweOuder | services.BestaandeOuder | None:
    if d.get("ouder_gebruikersnaam"):
        return services.BestaandeOuder(
            gebruikersnaam=d["ouder_gebruikersnaam"], soort=d["ouder_soort"]
        )
    if any(d.get(v) for v in ("ouder_voornaam", "ouder_achternaam", "ouder_email")):
        return services.NieuweOuder(
            voornaam=d["ouder_voornaam"], achternaam=d["ouder_achternaam"],
            email=d["ouder_email"], soort=d["ouder_soort"],
        )  # fmt: skip
    return None


class _Klas(serializers.Serializer):
    groep = serializers.IntegerField(required=False, allow_null=True, default=None)
    leerjaar = serializers.IntegerField(required=False, allow_null=True, default=None)


class RegistratieInvoerSerializer(_OuderVelden, _Klas):
    school_brin = serializers.CharField(help_text="BRIN-nummer van uw school")
    voornaam = serializers.CharField()
    tussenvoegsel = serializers.CharField(required=False, allow_blank=True, default="")
    achternaam = serializers.CharField()
    geboortedatum = serializers.DateField()
    geslacht = serializers.ChoiceField(choices=Geslacht.choices, default=Geslacht.ONBEKEND)
    adres = serializers.CharField()
    postcode = serializers.CharField()
    woonplaats = serializers.CharField()
    van = serializers.DateField(help_text="ingeschreven vanaf")
    dubbel_bevestigd = serializers.BooleanField(
        default=False,
        help_text="de school heeft gecontroleerd dat dit een ander kind is dan de leerling "
        "met dezelfde naam en geboortedatum (I-46)",
    )


class InschrijvenInvoerSerializer(_Klas):
    school_brin = serializers.CharField()
    van = serializers.DateField()


class UitschrijvenInvoerSerializer(serializers.Serializer):
    tot = serializers.DateField(help_text="laatste schooldag")
    reden = serializers.ChoiceField(choices=Uitschrijfreden.choices)


class OuderInvoerSerializer(_OuderVelden):
    pass


class InschrijvingUitSerializer(serializers.Serializer):
    school_brin = serializers.CharField(source="school.brin")
    van = serializers.DateField()
    tot = serializers.DateField(allow_null=True)
    groep = serializers.IntegerField(allow_null=True)
    leerjaar = serializers.IntegerField(allow_null=True)
    uitschrijfreden = serializers.CharField()


class OuderUitSerializer(serializers.Serializer):
    gebruikersnaam = serializers.CharField()
    soort = serializers.CharField(source="relatie.soort")
    beginwachtwoord = serializers.CharField(
        source="wachtwoord", allow_null=True,
        help_text="alleen bij een nieuw account, alleen in dit antwoord (I-45)",
    )  # fmt: skip


class RegistratieUitSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField(source="leerling.publiek_id")
    versie = serializers.IntegerField(source="leerling.versie")
    inschrijving = InschrijvingUitSerializer()
    ouder = OuderUitSerializer(allow_null=True)


class KlasUitSerializer(serializers.Serializer):
    inschrijving = InschrijvingUitSerializer()
    vorige = serializers.CharField(help_text="de groep of het leerjaar hiervoor")
    zml_aanvraag_bij_melding = serializers.UUIDField(
        allow_null=True,
        help_text="van groep 2 naar 3: de melding waarbij de school het aanvullende "
        "zml-bedrag kan aanvragen (POST /api/v1/meldingen/{id}/zml-aanvraag/)",
    )


class UitschrijvingUitSerializer(serializers.Serializer):
    inschrijving = InschrijvingUitSerializer()
    terugmelding = serializers.UUIDField(source="terugmelding.publiek_id", allow_null=True)
    terugmelden_vanaf = serializers.DateField(allow_null=True)
    uiterlijk = serializers.DateField(allow_null=True)


def _school(brin: str) -> Organisatie:
    school = Organisatie.objects.filter(
        soort=Organisatiesoort.SCHOOL, brin=brin.strip().upper()
    ).first()
    if school is None:
        raise ValidationError({"school_brin": f"geen school met BRIN-nummer {brin!r}"})
    return school


def _leerling(request: Request, publiek_id: str | None, reden: str) -> Leerling:
    try:
        leerling, _ = leerling_met_leesgrond(
            gebruiker=request.user, publiek_id=UUID(str(publiek_id)), objecttype="leerling",
            wat="deze leerling", reden=reden,
        )  # fmt: skip
    except (GeenToegang, ValueError):
        raise Http404 from None
    return leerling


class LeerlingSchrijven:
    """De schrijfhandelingen op ``/api/v1/leerlingen/`` (mixin voor de viewset)."""

    @extend_schema(request=RegistratieInvoerSerializer, responses={201: RegistratieUitSerializer})
    def create(self, request: Request) -> Response:
        invoer = RegistratieInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = dict(invoer.validated_data)
        school = _school(d.pop("school_brin"))
        ouder = _ouder(d)
        for veld in list(d):
            if veld.startswith("ouder_"):
                del d[veld]
        registratie = services.leerling_registreren(
            door=request.user, school=school, ouder=ouder, **d
        )
        return Response(RegistratieUitSerializer(registratie).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=InschrijvenInvoerSerializer, responses={201: InschrijvingUitSerializer})
    @action(detail=True, methods=["post"])
    def inschrijvingen(self, request: Request, publiek_id: str | None = None) -> Response:
        leerling = _leerling(request, publiek_id, "api: inschrijven")
        invoer = InschrijvenInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        inschrijving = services.inschrijving_maak(
            door=request.user, leerling=leerling, school=_school(d["school_brin"]), van=d["van"],
            groep=d["groep"], leerjaar=d["leerjaar"],
        )  # fmt: skip
        return Response(
            InschrijvingUitSerializer(inschrijving).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=_Klas, responses=KlasUitSerializer)
    @action(detail=True, methods=["post"])
    def groep(self, request: Request, publiek_id: str | None = None) -> Response:
        leerling = _leerling(request, publiek_id, "api: groep of leerjaar")
        invoer = _Klas(data=request.data)
        invoer.is_valid(raise_exception=True)
        inschrijving, vorige = services.klas_wijzig(
            door=request.user, leerling=leerling, **invoer.validated_data
        )
        melding = (
            uitschrijving.zml_aanvraag_aangewezen(
                leerling=leerling, school_id=inschrijving.school_id
            )
            if vorige == "groep 2" and inschrijving.groep == 3
            else None
        )
        return Response(
            KlasUitSerializer(
                {
                    "inschrijving": inschrijving,
                    "vorige": vorige,
                    "zml_aanvraag_bij_melding": melding.publiek_id if melding else None,
                }
            ).data
        )

    @extend_schema(request=UitschrijvenInvoerSerializer, responses=UitschrijvingUitSerializer)
    @action(detail=True, methods=["post"])
    def uitschrijving(self, request: Request, publiek_id: str | None = None) -> Response:
        leerling = _leerling(request, publiek_id, "api: uitschrijven")
        invoer = UitschrijvenInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        u = uitschrijving.leerling_uitschrijven_met_vervolg(
            door=request.user, leerling=leerling, **invoer.validated_data
        )
        return Response(UitschrijvingUitSerializer(u).data)

    @extend_schema(request=OuderInvoerSerializer, responses={201: OuderUitSerializer})
    @action(detail=True, methods=["post"])
    def ouders(self, request: Request, publiek_id: str | None = None) -> Response:
        leerling = _leerling(request, publiek_id, "api: ouder koppelen")
        invoer = OuderInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        ouder = _ouder(invoer.validated_data)
        if ouder is None:
            raise ValidationError(
                {
                    "ouder_email": "geef naam en e-mailadres van een nieuwe ouder, of "
                    "ouder_gebruikersnaam van een bestaand ouderaccount"
                }
            )
        koppeling = services.ouder_koppelen(door=request.user, leerling=leerling, ouder=ouder)
        return Response(OuderUitSerializer(koppeling).data, status=status.HTTP_201_CREATED)
