# mypy: disable-error-code="misc,untyped-decorator"
# (DRF heeft geen typeannotaties: subklassen van Serializer/ViewSet en @action zijn Any)
"""API-kant van de zaakhandelingen: een viewset declareert zijn POST-acties als tupel
:class:`~rugzak.gedeeld.zaakhandelingen.overgang.Overgang` in ``handelingen``;
:class:`Zaakacties` maakt er bij het aanmaken van de klasse de DRF-acties van (met
``extend_schema``, zodat het OpenAPI-schema precies is wat een met de hand geschreven
``@action`` gaf: methodenaam, url, docstring, invoer en antwoord).

Elke actie doet hetzelfde:

1. de invoer valideren met ``Overgang.invoer`` (400 met de velden);
2. de zaak opzoeken met :meth:`Zaakacties.zaak_voor_handeling` (het zaaktype: zijn
   selector ``..._voor_handeling``; een zaak die de gebruiker niet mag lezen is 404);
   bij ``Zaakacties.eerst_zaak`` gaan 1 en 2 andersom;
3. de service aanroepen (``Overgang.service``), met ``door`` de ingelogde gebruiker,
   de zaak onder ``zaak_als`` (van de handeling of de viewset) en de invoervelden als
   trefwoorden; de service controleert rol (403), versie (409) en voorwaarden (400) en
   schrijft geschiedenis en audit;
4. antwoorden met :meth:`Zaakacties.handeling_antwoord` (het zaaktype: meestal zijn
   serializer van de zaak) en ``Overgang.status``.

Fouten vertaalt de gewone foutafhandeling van de API (:mod:`rugzak.api.problemen`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar
from uuid import UUID

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.zaakhandelingen.overgang import Overgang


def uuid_of_404(waarde: object) -> UUID:
    """Een id uit de url; geen geldige UUID is een zaak die niet bestaat (404)."""
    try:
        return UUID(str(waarde))
    except ValueError:
        raise Http404 from None


def gevalideerd(klasse: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """De invoer van ``request`` gevalideerd met ``klasse`` (anders 400 met de velden)."""
    s = klasse(data=request.data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)


def of_404(ophalen: Callable[..., Any], **kwargs: Any) -> Any:
    """``ophalen(**kwargs)``; een zaak die de gebruiker niet mag lezen, bestaat voor hem
    niet (``GeenToegang`` wordt 404)."""
    try:
        return ophalen(**kwargs)
    except GeenToegang:
        raise Http404 from None


def _actie(handeling: Overgang, antwoord: Any) -> Callable[..., Response]:
    def methode(self: Zaakacties, request: Request, **kwargs: Any) -> Response:
        sleutel = kwargs.get(getattr(self, "lookup_field", "pk"))
        if self.eerst_zaak:
            zaak = self.zaak_voor_handeling(request, sleutel, handeling)
        invoer = handeling.invoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        if not self.eerst_zaak:
            zaak = self.zaak_voor_handeling(request, sleutel, handeling)
        uitkomst = handeling.aanroep(request.user, zaak, dict(invoer.validated_data), self.zaak_als)
        return self.handeling_antwoord(zaak, uitkomst, handeling)

    methode.__name__ = methode.__qualname__ = handeling.naam
    methode.__doc__ = handeling.uitleg
    schema_antwoord = handeling.antwoord or antwoord
    if handeling.status != status.HTTP_200_OK and not isinstance(schema_antwoord, dict):
        schema_antwoord = {handeling.status: schema_antwoord}
    extra = {"url_path": handeling.url} if handeling.url else {}
    methode = action(detail=True, methods=["post"], **extra)(methode)
    return extend_schema(request=handeling.invoer, responses=schema_antwoord)(methode)


class Zaakacties(viewsets.ViewSet):
    # Basis van een viewset van een zaaktype: ``handelingen`` worden acties. Een subklasse
    # geeft ``handelingen``, ``antwoord`` (de serializer van het antwoord in het schema) en
    # zaak_voor_handeling(); handeling_antwoord() geeft standaard ``antwoord(uitkomst)``
    # met de status van de handeling. ``eerst_zaak``: eerst opzoeken, dan valideren.
    # Geen docstring, ook niet in een subklasse die zelf geen viewset is: drf-spectacular
    # neemt de docstring van een basisklasse als beschrijving van elke operatie over.

    handelingen: ClassVar[tuple[Overgang, ...]] = ()
    antwoord: ClassVar[Any] = None
    #: eerst de zaak opzoeken (404), dan de invoer valideren (400); standaard andersom
    eerst_zaak: ClassVar[bool] = False
    #: onder welk trefwoord de services de zaak krijgen (tenzij de handeling het zegt)
    zaak_als: ClassVar[str] = "zaak"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for handeling in cls.__dict__.get("handelingen", ()):
            if handeling.naam in cls.__dict__:
                raise TypeError(f"{cls.__name__}.{handeling.naam} bestaat al")
            setattr(cls, handeling.naam, _actie(handeling, cls.antwoord))

    def zaak_voor_handeling(self, request: Request, sleutel: Any, handeling: Overgang) -> Any:
        raise NotImplementedError

    def handeling_antwoord(self, zaak: Any, uitkomst: Any, handeling: Overgang) -> Response:
        return Response(self.antwoord(uitkomst).data, status=handeling.status)
