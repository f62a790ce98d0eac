# mypy: disable-error-code="misc"
# (DRF heeft geen typeannotaties: serializers.Field en Serializer zijn Any)
"""Eén declaratie per overgang van een zaak: :class:`Overgang`.

Een zaaktype noemt elke overgang één keer (naam, invoer-serializer, service, wie hem op de
zaakpagina ziet, de melding bij succes, eventueel de bevestiging van een bindend besluit);
daaruit volgen

- de API-actie: ``handelingen = OVERGANGEN`` in een
  :class:`~rugzak.gedeeld.zaakhandelingen.api.Zaakacties`;
- het formulier op de zaakpagina: :meth:`Overgang.formulier_voor` leidt het af van de
  serializer (:func:`webveld`: datum als tekst die Nederlandse invoer leest, tekst, keuze,
  vinkje, keuzelijst van ids) met de labels en hulpteksten uit ``weergave``;
  ``formulier`` vervangt dat als het formulier echt iets anders vraagt dan de API;
- welke formulieren de zaakpagina toont (:func:`zichtbaar`, met ``mag``) en de POST
  (:func:`rugzak.gedeeld.zaakhandelingen.web.verwerk_overgang`).

De service blijft de poortwachter: ``mag`` bepaalt alleen welke knoppen er staan; rol,
versie, voorwaarden, geschiedenis en audit toetst en schrijft de service.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from rest_framework import serializers, status
from rest_framework.fields import empty

from rugzak.gedeeld.web.formulieren import (
    DATUMHULP,
    Datumveld,
    Invoerformulier,
    Versieformulier,
    tekstregel,
    tekstvak,
)

__all__ = ["Bindend", "Overgang", "Veld", "Wie", "webveld", "zichtbaar"]

#: Een service-aanroep die meer doet dan velden doorgeven: ``(door, zaak, invoer)``.
Doe = Callable[[Any, Any, dict[str, Any]], Any]
#: De gevolgen van een bindend besluit, uit de zaak en de schone invoer.
Gevolgen = Callable[[Any, dict[str, Any]], list[str]]
#: Foutsleutels van de service naar velden van het formulier.
Vertaling = Mapping[str, str] | Callable[[str], str | None] | None
#: Keuzes van een keuzeveld op de zaakpagina: ``(gebruiker, zaak) -> [(waarde, tekst)]``.
Keuzes = Callable[[Any, Any], Sequence[tuple[Any, str]]]


@dataclass(frozen=True)
class Bindend:
    """Een bindend besluit: eerst een bevestigingspagina met deze titel, knop en gevolgen."""

    titel: str
    knop: str
    gevolgen: Gevolgen


@dataclass(frozen=True)
class Wie:
    """Wie de zaakpagina bekijkt: de gebruiker en de grond (de rol) waarmee hij de zaak mag
    lezen, zoals het dossier van de zaak haar geeft."""

    gebruiker: Any
    grond: Any

    @property
    def rol(self) -> str:
        return str(self.grond.rol)

    @property
    def organisatie_id(self) -> int | None:
        return self.grond.organisatie_id  # type: ignore[no-any-return]


#: Of een overgang op de zaakpagina een formulier krijgt: ``(wie, zaak) -> bool``.
Mag = Callable[[Wie, Any], bool]


@dataclass(frozen=True)
class Veld:
    """Hoe een invoerveld op de zaakpagina staat (de API kent alleen de serializer).

    ``verplicht``: None is zoals de serializer; ``keuzes``: de keuzelijst (anders die van
    een ``ChoiceField``); ``leeg``: de lege keuze bovenaan; ``van``: het veld van de
    serializer als het formulierveld anders heet; ``regel``: tekst op één regel
    in plaats van een tekstvak (van ``regels`` hoog); ``rondjes``: keuzerondjes in plaats
    van een keuzelijst; ``voor``: het veld staat alleen op het formulier als
    ``voor(gebruiker)`` waar is (anders de standaardwaarde van de serializer)."""

    label: str
    hulp: str = ""
    verplicht: bool | None = None
    keuzes: Keuzes | None = None
    leeg: str | None = None
    van: str | None = None
    regel: bool = False
    regels: int = 3
    rondjes: bool = False
    voor: Callable[[Any], bool] | None = None


def webveld(invoer: Any, veld: Veld, keuzes: Sequence[tuple[Any, str]] | None) -> forms.Field:
    """Het formulierveld bij een veld van de serializer (zie de moduledocstring)."""
    verplicht = invoer.required if veld.verplicht is None else veld.verplicht
    if isinstance(invoer, serializers.DateField):
        return Datumveld(
            label=veld.label, required=verplicht, help_text=f"{veld.hulp} {DATUMHULP}".strip()
        )
    if isinstance(invoer, serializers.BooleanField):
        return forms.BooleanField(label=veld.label, required=False, help_text=veld.hulp)
    if keuzes is not None or isinstance(invoer, serializers.ChoiceField):
        lijst = list(keuzes if keuzes is not None else invoer.choices.items())
        if veld.leeg is not None:
            lijst.insert(0, ("", veld.leeg))
        algemeen: dict[str, Any] = {
            "label": veld.label,
            "choices": lijst,
            "required": verplicht,
            "help_text": veld.hulp,
            "widget": forms.RadioSelect if veld.rondjes else forms.Select,
        }
        if isinstance(invoer, serializers.IntegerField):
            return forms.TypedChoiceField(coerce=int, empty_value=None, **algemeen)
        return forms.ChoiceField(**algemeen)
    if isinstance(invoer, serializers.CharField):
        if veld.regel:
            return tekstregel(veld.label, verplicht=verplicht, hulp=veld.hulp)
        return tekstvak(veld.label, verplicht=verplicht, hulp=veld.hulp, regels=veld.regels)
    raise TypeError(f"geen formulierveld voor {type(invoer).__name__} ({veld.label})")


@dataclass(frozen=True)
class Overgang:
    """Eén overgang van een zaak, voor de API én de zaakpagina.

    - ``naam``: de methodenaam van de API-actie (en zo het ``operationId``); de url is
      ``url`` of de naam; ``uitleg``: de docstring (de beschrijving in het schema);
    - ``invoer``: de serializer van de invoer;
    - ``service``: de service; aangeroepen als ``service(door=..., <zaak_als>=zaak,
      **velden)`` met per invoerveld (of per paar in ``velden``: argument -> veld) de
      waarde uit de gevalideerde invoer (``None`` als een niet-verplicht veld ontbreekt);
      ``zaak_als``: het trefwoord van de zaak (anders dat van de viewset, of ``zaak``);
    - ``doe``: in plaats van ``service``: ``(door, zaak, invoer)``, als de aanroep meer
      doet (een onderdeel van de zaak opzoeken, velden omzetten);
    - ``antwoord``: het antwoord in het schema als het niet dat van de viewset is;
      ``status``: de statuscode bij succes; ``reden``: de reden waarmee de zaak wordt
      opgezocht (voor de audit), als het zaaktype die vraagt;
    - ``web``: de naam op de zaakpagina (prefix van het formulier en url), standaard
      ``naam``;
    - ``weergave``: per zichtbaar veld van de invoer zijn :class:`Veld`, in de volgorde van
      het formulier; een veld dat er niet in staat (behalve ``versie``, verborgen) komt
      niet op de pagina en krijgt de standaardwaarde van de serializer;
    - ``formulier``: een eigen formulier als de pagina iets anders vraagt dan de API
      (aangeroepen met ``gebruiker``, ``zaak`` en de gewone trefwoorden); heeft het een
      methode ``als_invoer()``, dan geeft die de invoer zoals de API haar krijgt;
    - ``gelukt``: de melding na succes; ``bindend``: eerst bevestigen;
      ``vertaling``: foutsleutels van de service naar velden van het formulier;
    - ``mag``: of de zaakpagina het formulier toont (de rol en de toestand; de service
      blijft de poortwachter); None: geen formulier (alleen de API);
    - ``grondslag``: de bron van de overgang, op de bevestigingspagina.
    """

    naam: str
    invoer: type[serializers.Serializer]
    service: Callable[..., Any] | None = None
    doe: Doe | None = None
    zaak_als: str | None = None
    velden: Mapping[str, str] | None = None
    url: str | None = None
    uitleg: str | None = None
    antwoord: Any = None
    status: int = status.HTTP_200_OK
    reden: str = ""
    web: str | None = None
    weergave: Mapping[str, Veld] = field(default_factory=dict)
    formulier: Callable[..., forms.Form] | None = None
    gelukt: str = ""
    bindend: Bindend | None = None
    vertaling: Vertaling = None
    mag: Mag | None = None
    grondslag: str = ""

    def __post_init__(self) -> None:
        if (self.service is None) == (self.doe is None):
            raise TypeError(f"overgang {self.naam}: geef service of doe, één van beide")

    @property
    def webnaam(self) -> str:
        return self.web or self.naam

    def argumenten(self, invoer: Mapping[str, Any]) -> dict[str, Any]:
        """De trefwoorden voor de service uit de gevalideerde invoer."""
        paren = self.velden if self.velden is not None else {v: v for v in self.invoer().fields}
        return {argument: invoer.get(veld) for argument, veld in paren.items()}

    def aanroep(self, door: Any, zaak: Any, invoer: dict[str, Any], zaak_als: str = "zaak") -> Any:
        """De service (of ``doe``) met de gevalideerde invoer; voor API en web dezelfde."""
        if self.doe is not None:
            return self.doe(door, zaak, dict(invoer))
        assert self.service is not None
        zaak_als = self.zaak_als or zaak_als
        return self.service(door=door, **{zaak_als: zaak}, **self.argumenten(invoer))

    def invoer_van(self, formulier: forms.Form) -> dict[str, Any]:
        """De invoer voor de service uit een geldig formulier van de zaakpagina."""
        als_invoer = getattr(formulier, "als_invoer", None)
        if als_invoer is not None:
            return {**self.invoer_uit({}), **als_invoer()}
        return self.invoer_uit(formulier.cleaned_data)

    def invoer_uit(self, schoon: Mapping[str, Any]) -> dict[str, Any]:
        """De invoer zoals de API haar krijgt uit de schone invoer van het formulier: de
        velden onder hun naam in de serializer, de standaardwaarde van de serializer voor
        wat niet op het formulier staat."""
        uit = {
            naam: None if veld.default is empty else veld.default
            for naam, veld in self.invoer().fields.items()
        }
        for naam, waarde in schoon.items():
            veld = self.weergave.get(naam)
            uit[veld.van or naam if veld is not None else naam] = waarde
        return uit

    def formulier_voor(self, gebruiker: Any, zaak: Any, **kwargs: Any) -> forms.Form:
        """Het formulier op de zaakpagina (``kwargs``: ``data``, ``prefix``, ``initial``)."""
        if self.formulier is not None:
            return self.formulier(gebruiker=gebruiker, zaak=zaak, **kwargs)
        velden = self.invoer().fields
        basis = Versieformulier if "versie" in velden else Invoerformulier
        formulier = basis(**kwargs)
        for naam, veld in self.weergave.items():
            if veld.voor is not None and not veld.voor(gebruiker):
                continue
            keuzes = veld.keuzes(gebruiker, zaak) if veld.keuzes is not None else None
            formulier.fields[naam] = webveld(velden[veld.van or naam], veld, keuzes)
        return formulier


def zichtbaar(overgangen: Sequence[Overgang], wie: Wie, zaak: Any) -> list[Overgang]:
    """De overgangen waarvoor de zaakpagina van ``zaak`` een formulier toont."""
    return [o for o in overgangen if o.mag is not None and o.mag(wie, zaak)]
