# mypy: disable-error-code="misc"
# (DRF heeft geen typeannotaties: subklassen van Serializer zijn Any)
"""De overgangen van overeenkomst, handelingsplan en evaluatie, elk één keer gedeclareerd
(:class:`~rugzak.gedeeld.zaakhandelingen.overgang.Overgang`): de invoer, de service, wie het
formulier op de pagina ziet en wat de bevestiging van een handtekening zegt. De API-acties
(:mod:`rugzak.handelingsplannen.api`) en de formulieren van de pagina's
(:mod:`rugzak.handelingsplannen.views`) volgen hieruit; de services toetsen alles opnieuw.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from rugzak.gedeeld.zaakhandelingen.overgang import Bindend, Overgang, Veld, Wie
from rugzak.handelingsplannen import services
from rugzak.handelingsplannen.formulieren import PlanWijzigenFormulier
from rugzak.handelingsplannen.models import (
    Evaluatie,
    Handelingsplan,
    Handelingsplantoestand,
    Instemmingsbesluit,
)
from rugzak.organisaties.rollen import Roltype
from rugzak.toelating.handelingen import VersieSerializer
from rugzak.toelating.overgangen import DIRECTIE, PROTOCOL
from rugzak.toelating.rechten import is_ouder

HT = Handelingsplantoestand

# --- invoer -------------------------------------------------------------------------------


class OvereenkomstVeldenSerializer(serializers.Serializer):
    groep = serializers.IntegerField(required=False, allow_null=True)
    leerjaar = serializers.IntegerField(required=False, allow_null=True)
    looptijd_van = serializers.DateField(required=False)
    looptijd_tot = serializers.DateField(required=False)
    extra_evaluatiemomenten = serializers.ListField(child=serializers.DateField(), required=False)
    verdere_afspraken = serializers.CharField(required=False, allow_blank=True)
    inzet_pgb = serializers.CharField(required=False, allow_blank=True)
    inzet_budget = serializers.CharField(required=False, allow_blank=True)
    verplichtingen = serializers.CharField(required=False, allow_blank=True)


class OvereenkomstWijzigSerializer(VersieSerializer):
    wijzigingen = OvereenkomstVeldenSerializer()


@extend_schema_serializer(component_name="OvereenkomstTekenenSchool")
class TekenenSchoolSerializer(VersieSerializer):
    getekend_op = serializers.DateField()


@extend_schema_serializer(component_name="OvereenkomstTekenenOuders")
class TekenenOudersSerializer(VersieSerializer):
    getekend_op = serializers.DateField()
    naam = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="naam van de ouder als de school een handtekening op papier vastlegt",
    )


@extend_schema_serializer(component_name="HandelingsplanVelden")
class PlanVeldenSerializer(serializers.Serializer):
    beginsituatie = serializers.CharField(required=False, allow_blank=True)
    doelstelling = serializers.CharField(required=False, allow_blank=True)
    voorzieningen_en_maatregelen = serializers.CharField(required=False, allow_blank=True)
    inzet_lgf = serializers.CharField(required=False, allow_blank=True)
    monitoring = serializers.CharField(required=False, allow_blank=True)
    ambulant_begeleider_naam = serializers.CharField(required=False, allow_blank=True)
    periode_van = serializers.DateField(required=False, allow_null=True)
    periode_tot = serializers.DateField(required=False, allow_null=True)


@extend_schema_serializer(component_name="HandelingsplanWijzig")
class PlanWijzigSerializer(VersieSerializer):
    wijzigingen = PlanVeldenSerializer()


@extend_schema_serializer(component_name="HandelingsplanVoorleggen")
class VoorleggenSerializer(VersieSerializer):
    voorgelegd_op = serializers.DateField()


@extend_schema_serializer(component_name="HandelingsplanInstemmingInvoer")
class InstemmingInvoerSerializer(VersieSerializer):
    besluit = serializers.ChoiceField(choices=Instemmingsbesluit.choices)
    op = serializers.DateField()
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    ouder_naam = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="naam van de ouder als de school een schriftelijke instemming vastlegt",
    )


@extend_schema_serializer(component_name="EvaluatieGehouden")
class GehoudenSerializer(VersieSerializer):
    gehouden_op = serializers.DateField()
    verslag = serializers.CharField(allow_blank=True)


# --- wie ziet welk formulier ----------------------------------------------------------------


def _in(toestand: str, *rollen: str) -> Any:
    """Een plan in deze toestand, voor het protocol (directie, IB) en deze rollen."""
    return lambda wie, p: p.toestand == toestand and (wie.rol in PROTOCOL or wie.rol in rollen)


def _mag_evaluatie(wie: Wie, e: Evaluatie) -> bool:
    vastgesteld = e.handelingsplan.toestand == HT.VASTGESTELD
    return e.gehouden_op is None and wie.rol in PROTOCOL and vastgesteld


def _tekenen(namens: str) -> Bindend:
    return Bindend(
        f"tekenen namens {namens}",
        "Ja, tekenen",
        lambda o, d: [
            f"U tekent de overeenkomst namens {namens}; de handtekening wordt vastgelegd "
            "met de datum hierboven en kan niet worden ingetrokken.",
            "Als school en ouders allebei getekend hebben, ligt de overeenkomst vast: de "
            "afspraken gelden dan voor de hele looptijd.",
        ],
    )


def _plan_wijzigen(gebruiker: Any, zaak: Handelingsplan, **kwargs: Any) -> Any:
    # De opgeslagen periode: een leeg datumveld wist haar niet stil.
    opgeslagen = {"periode_van": zaak.periode_van, "periode_tot": zaak.periode_tot}
    return PlanWijzigenFormulier(opgeslagen=opgeslagen, **kwargs)


def _geen_ouder(gebruiker: Any) -> bool:
    """Een naam van de ouder vraagt alleen de school die een handtekening op papier vastlegt."""
    return not is_ouder(gebruiker)


_GETEKEND = "De handtekening is vastgelegd."

# --- de overgangen ----------------------------------------------------------------------------

OVEREENKOMST: tuple[Overgang, ...] = (
    Overgang(
        "wijzigen",
        OvereenkomstWijzigSerializer,
        services.overeenkomst_wijzigen,
        uitleg="De tekst wijzigen zolang niemand tekende.",
    ),
    Overgang(
        "ondertekenen_school",
        TekenenSchoolSerializer,
        services.overeenkomst_ondertekenen_school,
        url="ondertekenen-school",
        uitleg="De directie tekent namens de school.",
        web="school",
        weergave={"getekend_op": Veld("Getekend namens de school op")},
        gelukt=_GETEKEND,
        bindend=_tekenen("de school"),
        mag=lambda wie, o: o.school_getekend_op is None and wie.rol in DIRECTIE,
    ),
    Overgang(
        "ondertekenen_ouders",
        TekenenOudersSerializer,
        services.overeenkomst_ondertekenen_ouders,
        url="ondertekenen-ouders",
        uitleg="De ouders tekenen (zelf, of de school legt de handtekening op papier vast).",
        web="ouders",
        weergave={
            "getekend_op": Veld("Getekend door de ouders op"),
            "naam": Veld(
                "Naam van de ouder die tekende",
                "Als de school een handtekening op papier vastlegt. Een ouder die zelf "
                "tekent, laat dit leeg.",
                regel=True,
                voor=_geen_ouder,
            ),
        },
        gelukt=_GETEKEND,
        bindend=_tekenen("de ouders"),
        mag=lambda wie, o: (
            o.ouders_getekend_op is None and (wie.rol in PROTOCOL or wie.rol == Roltype.OUDER)
        ),
    ),
)

HANDELINGSPLAN: tuple[Overgang, ...] = (
    Overgang(
        "wijzigen",
        PlanWijzigSerializer,
        services.handelingsplan_wijzigen,
        uitleg="Een concept bijwerken.",
        formulier=_plan_wijzigen,
        gelukt="Het handelingsplan is opgeslagen.",
        mag=_in(HT.CONCEPT),
    ),
    Overgang(
        "voorleggen",
        VoorleggenSerializer,
        services.handelingsplan_voorleggen,
        uitleg="Afronden en voorleggen aan de ouders; geweigerd met elk ontbrekend onderdeel.",
        weergave={"voorgelegd_op": Veld("Voorgelegd aan de ouders op")},
        gelukt="Het handelingsplan is aan de ouders voorgelegd ter instemming.",
        mag=_in(HT.CONCEPT),
    ),
    Overgang(
        "instemming",
        InstemmingInvoerSerializer,
        services.handelingsplan_instemming,
        uitleg="De ouders stemmen in (vastgesteld) of weigeren (terug naar concept).",
        weergave={
            "besluit": Veld("Besluit van de ouders", rondjes=True),
            "op": Veld("Datum"),
            "toelichting": Veld("Toelichting", "Verplicht als de ouders niet instemmen."),
            "ouder_naam": Veld(
                "Naam van de ouder",
                "Als de school een schriftelijke instemming vastlegt. Een ouder die zelf "
                "beslist, laat dit leeg.",
                regel=True,
                voor=_geen_ouder,
            ),
        },
        gelukt="Het besluit van de ouders is vastgelegd.",
        mag=_in(HT.TER_INSTEMMING, Roltype.OUDER),
    ),
)

#: de evaluatie: een eigen zaak in de API, een formulier per evaluatie op de planpagina
GEHOUDEN = Overgang(
    "gehouden",
    GehoudenSerializer,
    services.evaluatie_vastleggen,
    zaak_als="evaluatie",
    uitleg="De evaluatie is gehouden, met verslag.",
    web="evaluatie",
    weergave={
        "gehouden_op": Veld("Gehouden op"),
        "verslag": Veld("Verslag", verplicht=False, regels=4),
    },
    gelukt="De evaluatie is vastgelegd.",
    mag=_mag_evaluatie,
)
