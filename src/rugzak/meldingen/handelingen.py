# mypy: disable-error-code="misc"
# (DRF heeft geen typestubs in dit project: Serializer is Any.)
"""De overgangen van melding, terugmelding en zml-aanvraag, elk één keer gedeclareerd
(:class:`~rugzak.gedeeld.zaakhandelingen.overgang.Overgang`).

De medewerker bekostiging accepteert of weigert een melding (bindend: op de pagina eerst
bevestigen), verwerkt of weigert een terugmelding en kent een zml-aanvraag toe of wijst
haar af; de school meldt terug, vraagt zml aan en meldt een terugplaatsing naar groep 2
(via de API; op de webpagina's van de leerling). De services toetsen rol, versie en
toestand (:mod:`rugzak.meldingen.overgangen`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rest_framework import serializers, status

from rugzak.gedeeld.zaakhandelingen.overgang import Bindend, Overgang, Veld, Wie
from rugzak.meldingen import rechten, services
from rugzak.meldingen.kern import WIJZIGBARE_BASISGEGEVENS
from rugzak.meldingen.models import Meldingstatus, Terugmeldingstatus

# --- invoer en antwoord -----------------------------------------------------------------------


class OvergangSerializer(serializers.Serializer):
    versie = serializers.IntegerField(help_text="de versie die u las")
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class WeigerSerializer(serializers.Serializer):
    versie = serializers.IntegerField(help_text="de versie die u las")
    reden = serializers.CharField(allow_blank=True)


class TerugmeldingIndienenSerializer(serializers.Serializer):
    soort = serializers.CharField()
    datum = serializers.DateField()
    wijzigingen = serializers.DictField(
        required=False,
        help_text="bij een wijziging: " + ", ".join(WIJZIGBARE_BASISGEGEVENS),
    )


class ZmlIndienenSerializer(serializers.Serializer):
    groep_3_per = serializers.DateField(help_text="de dag waarop de leerling naar groep 3 ging")


class TerugplaatsingSerializer(serializers.Serializer):
    datum = serializers.DateField(help_text="teruggeplaatst naar groep 2 op")


class TerugplaatsingUitSerializer(serializers.Serializer):
    publiek_id = serializers.UUIDField()
    datum = serializers.DateField()
    gemeld_op_datum = serializers.DateField()


# --- wie ziet welk formulier, gevolgen --------------------------------------------------------


def _bekostiging_bij(ontvangen: str) -> Callable[[Wie, Any], bool]:
    """De medewerker bekostiging, zolang de zaak ontvangen is en niet beoordeeld."""
    return lambda wie, zaak: rechten.is_bekostiging(wie.grond) and zaak.status == ontvangen


def _gevolgen(*regels: str) -> Callable[[Any, dict[str, Any]], list[str]]:
    return lambda zaak, d: list(regels)


_TOELICHTING = {"toelichting": Veld("Toelichting", "Optioneel.")}
_REDEN = {"reden": Veld("Reden van de weigering", "De school ziet deze reden.", verplicht=False)}

# --- de overgangen ----------------------------------------------------------------------------

MELDING: tuple[Overgang, ...] = (
    Overgang(
        "accepteren",
        OvergangSerializer,
        services.melding_accepteren,
        reden="api: accepteren",
        weergave=_TOELICHTING,
        gelukt="De melding is geaccepteerd; zij telt mee in de volgende betaalrun.",
        bindend=Bindend(
            "melding accepteren",
            "Ja, melding accepteren",
            _gevolgen(
                "De melding is geaccepteerd: de leerling staat geregistreerd en de rugzak telt "
                "mee in de volgende betaalrun, vanaf de maand na de melding.",
                "Een geaccepteerde melding kan niet meer worden geweigerd; stopt de rugzak, dan "
                "volgt een terugmelding van de school.",
            ),
        ),
        mag=_bekostiging_bij(Meldingstatus.ONTVANGEN),
    ),
    Overgang(
        "weigeren",
        WeigerSerializer,
        services.melding_weigeren,
        reden="api: weigeren",
        weergave=_REDEN,
        gelukt="De melding is geweigerd; de school ziet de reden.",
        bindend=Bindend(
            "melding weigeren",
            "Ja, melding weigeren",
            _gevolgen(
                "De melding is geweigerd: er wordt niets betaald; de school ziet de reden en kan "
                "een verbeterde melding indienen.",
                "Een geweigerde melding kan niet meer worden geaccepteerd.",
            ),
        ),
        mag=_bekostiging_bij(Meldingstatus.ONTVANGEN),
    ),
    Overgang(
        "terugmelding",
        TerugmeldingIndienenSerializer,
        services.terugmelding_indienen,
        status=status.HTTP_201_CREATED,
        reden="api: terugmelding",
    ),
    Overgang(
        "zml_aanvraag",
        ZmlIndienenSerializer,
        services.zml_aanvraag_indienen,
        url="zml-aanvraag",
        status=status.HTTP_201_CREATED,
        reden="api: zml-aanvraag",
    ),
    Overgang(
        "terugplaatsing_groep2",
        TerugplaatsingSerializer,
        services.terugplaatsing_groep2_melden,
        url="terugplaatsing-groep2",
        antwoord=TerugplaatsingUitSerializer,
        status=status.HTTP_201_CREATED,
        reden="api: terugplaatsing groep 2",
    ),
)

TERUGMELDING: tuple[Overgang, ...] = (
    Overgang(
        "verwerken",
        OvergangSerializer,
        services.terugmelding_verwerken,
        reden="api: verwerken",
        weergave=_TOELICHTING,
        gelukt="De terugmelding is verwerkt.",
        mag=_bekostiging_bij(Terugmeldingstatus.ONTVANGEN),
    ),
    Overgang(
        "weigeren",
        WeigerSerializer,
        services.terugmelding_weigeren,
        reden="api: weigeren",
        weergave=_REDEN,
        gelukt="De terugmelding is geweigerd.",
        mag=_bekostiging_bij(Terugmeldingstatus.ONTVANGEN),
    ),
)

ZML_AANVRAAG: tuple[Overgang, ...] = (
    Overgang(
        "toekennen", OvergangSerializer, services.zml_aanvraag_toekennen, reden="api: toekennen"
    ),
    Overgang("afwijzen", WeigerSerializer, services.zml_aanvraag_afwijzen, reden="api: afwijzen"),
)
