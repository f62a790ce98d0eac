# mypy: disable-error-code="misc,untyped-decorator"
# (DRF heeft geen typestubs in dit project: Serializer/ViewSet zijn Any.)
"""Lezen in de API, als declaratie per zaaktype: de lijst, één zaak en het opzoeken van de
zaak voor een handeling.

Een viewset erft van :class:`Zaakinzage` (vóór ``Zaakacties`` of ``ViewSet``) en noemt::

    lijst = Lijst(selectors.plannen_deel, PlanMetRolSerializer, "PlanLijst", items=met_toegangsrol)
    inzage = Inzage(Opzoeken(selectors.plan_dossier, reden="api"), PlanDossierSerializer,
                    dossier="plan")
    opzoeken = Opzoeken(selectors.plan_voor_handeling, reden="api")

Daaruit komen ``list`` (met :func:`rugzak.gedeeld.api.paginering.lijst_schema`: de eigen
parameters plus ``pagina`` en ``per_pagina``), ``retrieve`` (``extend_schema`` met de
serializer als antwoord) en ``zaak_voor_handeling``. Het schema is wat de met de hand
geschreven methoden gaven. Toegang en audit blijven in de selectors: de lijst logt alleen
de getoonde pagina, inzage logt de zaak; een zaak die de gebruiker niet mag lezen (of een
id dat geen UUID is) bestaat voor hem niet: 404.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, cast

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from rugzak.gedeeld.api.paginering import lijst_antwoord, lijst_schema, venster_uit
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.zaakhandelingen.api import uuid_of_404


def zonder_grond(paren: Sequence[tuple[Any, Any]]) -> list[Any]:
    """De objecten uit ``(object, toegangsgrond)``-paren, voor een serializer zonder rol."""
    return [obj for obj, _ in paren]


def uit_query(*namen: str) -> Callable[[Request], dict[str, Any]]:
    """Filters voor de selector: per naam de query-parameter, of None als hij leeg is."""

    def filters(request: Request) -> dict[str, Any]:
        return {naam: request.query_params.get(naam) or None for naam in namen}

    return filters


def dossier_data(klasse: type[serializers.Serializer], dossier: Any, zaak: str) -> dict[str, Any]:
    """Een dossier met ``klasse``: de velden van de zaakserializer (de eerste basis van
    ``klasse`` zonder ``toegang_via_rol``) uit de zaak (het attribuut ``zaak`` van het
    dossier), ``toegang_via_rol`` de rol van ``dossier.grond`` en elk veld dat ``klasse``
    daarnaast heeft uit het attribuut van het dossier met die naam."""
    basis = next(
        k
        for k in klasse.__mro__[1:]
        if "toegang_via_rol" not in getattr(k, "_declared_fields", {"toegang_via_rol": None})
    )
    uit = dict(basis(getattr(dossier, zaak)).data)
    for naam, veld in klasse().fields.items():
        if naam == "toegang_via_rol":
            uit[naam] = dossier.grond.rol
        elif naam not in uit:
            waarde = getattr(dossier, naam)
            uit[naam] = None if waarde is None else veld.to_representation(waarde)
    return uit


@dataclass(frozen=True)
class Opzoeken:
    """Eén zaak opzoeken met ``selector(gebruiker=..., publiek_id=..., [reden=...],
    **extra)``. ``paar``: de selector geeft ``(zaak, grond)``, hier alleen de zaak; een
    fout uit ``geen`` (standaard ``GeenToegang``) en een id dat geen UUID is: 404."""

    selector: Callable[..., Any]
    reden: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    paar: bool = False
    geen: tuple[type[Exception], ...] = (GeenToegang,)

    def __call__(self, request: Request, sleutel: object) -> Any:
        kwargs = dict(self.extra)
        if self.reden is not None:
            kwargs["reden"] = self.reden
        try:
            gevonden = self.selector(
                gebruiker=request.user, publiek_id=uuid_of_404(sleutel), **kwargs
            )
        except self.geen:
            raise Http404 from None
        return gevonden[0] if self.paar else gevonden


@dataclass(frozen=True)
class Lijst:
    """GET op de verzameling: ``selector(gebruiker=..., venster=..., [reden=...],
    **filters(request))`` geeft een :class:`rugzak.gedeeld.paginering.Deel`; ``items``
    maakt van zijn items wat ``serializer`` leest (bv. ``met_toegangsrol``); ``naam`` is
    de component van het lijstantwoord, ``parameters`` de eigen query-parameters;
    ``context``: de serializer krijgt het request (voor absolute url's)."""

    selector: Callable[..., Any]
    serializer: type[serializers.Serializer]
    naam: str
    parameters: Sequence[OpenApiParameter] = ()
    filters: Callable[[Request], Mapping[str, Any]] | None = None
    reden: str | None = None
    items: Callable[[Any], Any] | None = None
    context: bool = False

    def antwoord(self, request: Request) -> Response:
        venster = venster_uit(request)
        kwargs = dict(self.filters(request)) if self.filters is not None else {}
        if self.reden is not None:
            kwargs["reden"] = self.reden
        deel = self.selector(gebruiker=request.user, venster=venster, **kwargs)
        items = self.items(deel.items) if self.items is not None else deel.items
        context = {"request": request} if self.context else {}
        data = self.serializer(items, many=True, context=context).data
        return lijst_antwoord(request, venster, deel, data)


@dataclass(frozen=True)
class Inzage:
    """GET op één zaak: ``opzoeken`` vindt haar (404 zonder toegang), ``serializer`` is
    het antwoord in het schema. Het antwoord zelf: met ``dossier`` (de naam van de zaak
    in het dossier) :func:`dossier_data`; met ``data`` wat die functie van het gevondene
    maakt; anders de serializer van het gevondene (``context``: met het request)."""

    opzoeken: Opzoeken
    serializer: type[serializers.Serializer]
    dossier: str | None = None
    data: Callable[[Any], Any] | None = None
    context: bool = False

    def antwoord(self, request: Request, sleutel: object) -> Response:
        gevonden = self.opzoeken(request, sleutel)
        if self.dossier is not None:
            return Response(dossier_data(self.serializer, gevonden, self.dossier))
        if self.data is not None:
            return Response(self.data(gevonden))
        context = {"request": request} if self.context else {}
        return Response(self.serializer(gevonden, context=context).data)


def _list(lijst: Lijst) -> Callable[..., Response]:
    def list(self: Any, request: Request) -> Response:
        return lijst.antwoord(request)

    schema = lijst_schema(lijst.serializer, lijst.naam, parameters=lijst.parameters)
    return cast("Callable[..., Response]", schema(list))


def _retrieve(inzage: Inzage) -> Callable[..., Response]:
    def retrieve(self: Any, request: Request, **kwargs: Any) -> Response:
        return inzage.antwoord(request, kwargs[getattr(self, "lookup_field", "pk")])

    return extend_schema(responses=inzage.serializer)(retrieve)


class Zaakinzage:
    # Basis (mixin) van een viewset die leest: ``lijst`` wordt ``list``, ``inzage`` wordt
    # ``retrieve``, ``opzoeken`` is ``zaak_voor_handeling`` (voor ``Zaakacties``). Geen
    # docstring: drf-spectacular neemt de docstring van een basisklasse als beschrijving
    # van elke operatie over.

    lijst: ClassVar[Lijst | None] = None
    inzage: ClassVar[Inzage | None] = None
    opzoeken: ClassVar[Opzoeken | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for naam, maak in (("lijst", _list), ("inzage", _retrieve)):
            declaratie = cls.__dict__.get(naam)
            if declaratie is not None:
                methode = maak(declaratie)
                if methode.__name__ in cls.__dict__:
                    raise TypeError(f"{cls.__name__}.{methode.__name__} bestaat al")
                setattr(cls, methode.__name__, methode)

    def zaak_voor_handeling(self, request: Request, sleutel: Any, handeling: Any) -> Any:
        if self.opzoeken is None:
            raise NotImplementedError(f"{type(self).__name__}: geef opzoeken")
        return self.opzoeken(request, sleutel)
