# mypy: disable-error-code="misc"
# (DRF heeft geen typestubs in dit project: Serializer is Any.)
"""De overgangen van de begeleiding (RAB, TAB, PAB), elk één keer gedeclareerd
(:class:`~rugzak.gedeeld.zaakhandelingen.overgang.Overgang`). De coördinator van de
AB-dienst kent een aangevraagde begeleiding toe (starten, met of zonder begeleider), wijst
haar af, kiest een ambulant begeleider en beëindigt haar; de school die haar aanvroeg, kan
haar beëindigen. Welke formulieren de begeleidingspagina toont, volgt uit die rollen en de
toestandsmachine (:data:`~rugzak.ambulante_begeleiding.models.TRANSITIES`); de services
toetsen alles opnieuw. Starten, afwijzen en beëindigen vragen op de pagina eerst een
bevestiging.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from rest_framework import serializers

from rugzak.ambulante_begeleiding import selectors, services
from rugzak.ambulante_begeleiding.models import (
    LOPENDE_STATUSSEN,
    TRANSITIES,
    Begeleiding,
    Begeleidingsoort,
)
from rugzak.ambulante_begeleiding.models import Begeleidingstatus as S
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.zaakhandelingen.overgang import Bindend, Overgang, Veld, Wie
from rugzak.organisaties.models import Gebruiker
from rugzak.organisaties.rollen import Roltype

# --- invoer -------------------------------------------------------------------------------


class BegeleidingVersieInvoer(serializers.Serializer):
    versie = serializers.IntegerField(min_value=1, help_text="de versie die u las")


class BegeleidingToewijzenInvoer(BegeleidingVersieInvoer):
    begeleider = serializers.IntegerField(help_text="id van de ambulant begeleider")


class BegeleidingStartenInvoer(BegeleidingVersieInvoer):
    op = serializers.DateField(required=False, allow_null=True, default=None)
    begeleider = serializers.IntegerField(required=False, allow_null=True, default=None)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class BegeleidingRedenInvoer(BegeleidingVersieInvoer):
    op = serializers.DateField(required=False, allow_null=True, default=None)
    reden = serializers.CharField()


# --- wie ziet welk formulier ----------------------------------------------------------------


def _coordinator(wie: Wie, b: Begeleiding) -> bool:
    return wie.rol == Roltype.AB_COORDINATOR and wie.organisatie_id == b.ab_dienst_id


def _school(wie: Wie, b: Begeleiding) -> bool:
    schoolrol = wie.rol in (Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER)
    return schoolrol and wie.organisatie_id == b.school_id


def _coordinator_naar(status: str) -> Any:
    return lambda wie, b: _coordinator(wie, b) and status in TRANSITIES[b.status]


def _mag_toewijzen(wie: Wie, b: Begeleiding) -> bool:
    return _coordinator(wie, b) and b.status in LOPENDE_STATUSSEN


def _mag_beeindigen(wie: Wie, b: Begeleiding) -> bool:
    return (_coordinator(wie, b) or _school(wie, b)) and S.BEEINDIGD in TRANSITIES[b.status]


# --- keuzes, service-aanroepen en gevolgen ----------------------------------------------------


def _begeleiders(gebruiker: Any, b: Begeleiding) -> list[tuple[int, str]]:
    return [
        (g.pk, g.weergavenaam) for g in selectors.begeleiders_van_dienst(b.ab_dienst_id, vandaag())
    ]


def gebruiker_of_fout(pk: int | None, veld: str) -> Gebruiker:
    gebruiker = Gebruiker.objects.filter(pk=pk).first() if pk is not None else None
    if gebruiker is None:
        raise ValidationError({veld: ["onbekende of ontbrekende gebruiker"]})
    return gebruiker


def _toewijzen(door: Any, begeleiding: Begeleiding, invoer: dict[str, Any]) -> Any:
    return services.begeleiding_toewijzen(
        door=door,
        begeleiding=begeleiding,
        versie=invoer["versie"],
        begeleider=gebruiker_of_fout(invoer["begeleider"], "begeleider"),
    )


def _starten(door: Any, begeleiding: Begeleiding, invoer: dict[str, Any]) -> Any:
    begeleider = invoer.pop("begeleider")
    return services.begeleiding_starten(
        door=door,
        begeleiding=begeleiding,
        begeleider=gebruiker_of_fout(begeleider, "begeleider") if begeleider else None,
        **invoer,
    )


def _gevolgen_starten(b: Begeleiding, d: dict[str, Any]) -> list[str]:
    uit = [
        f"De {b.get_soort_display()} voor {b.leerling.volledige_naam} is toegekend en loopt "
        "vanaf de gekozen dag; de school ziet dat de aanvraag is aangenomen.",
        "Een toegekende begeleiding kan daarna niet meer worden afgewezen, alleen beëindigd.",
    ]
    if d.get("begeleider") is None:
        uit.append("Er is nog geen ambulant begeleider gekozen; dat kan later op deze pagina.")
    if b.soort == Begeleidingsoort.TAB and b.tot is not None:
        uit.append(
            "Het jaar terugplaatsingsbegeleiding blijft lopen zoals de regeling het bepaalt."
        )
    return uit


def _gevolgen_afwijzen(b: Begeleiding, d: dict[str, Any]) -> list[str]:
    return [
        f"De aanvraag voor {b.get_soort_display()} van {b.leerling.volledige_naam} is "
        f"afgewezen; {b.school.naam} ziet de reden.",
        "Een afgewezen aanvraag kan niet meer worden toegekend: de school moet dan een nieuwe "
        "aanvraag doen.",
    ]


def _gevolgen_beeindigen(b: Begeleiding, d: dict[str, Any]) -> list[str]:
    return [
        f"De {b.get_soort_display()} van {b.leerling.volledige_naam} is beëindigd per de "
        "gekozen dag.",
        "Een beëindigde begeleiding kan niet opnieuw starten; daarvoor is een nieuwe aanvraag "
        "nodig.",
    ]


# --- de overgangen ----------------------------------------------------------------------------

OVERGANGEN: tuple[Overgang, ...] = (
    Overgang(
        "toewijzen",
        BegeleidingToewijzenInvoer,
        doe=_toewijzen,
        weergave={
            "begeleider": Veld(
                "Ambulant begeleider",
                "Een ambulant begeleider van uw dienst; hij of zij ziet daarna deze leerling.",
                keuzes=_begeleiders,
                leeg="— kies —",
            )
        },
        gelukt="De ambulant begeleider is gekozen.",
        mag=_mag_toewijzen,
    ),
    Overgang(
        "starten",
        BegeleidingStartenInvoer,
        doe=_starten,
        weergave={
            "op": Veld(
                "Start op",
                "De dag waarop de begeleiding begint (niet in de toekomst).",
                verplicht=True,
            ),
            "begeleider": Veld(
                "Ambulant begeleider",
                "Mag ook later; tot dan staat er 'nog niet toegewezen'.",
                keuzes=_begeleiders,
                leeg="— later kiezen —",
            ),
            "toelichting": Veld("Toelichting"),
        },
        gelukt="De begeleiding is toegekend en loopt.",
        bindend=Bindend("toekennen en starten", "Ja, toekennen en starten", _gevolgen_starten),
        mag=_coordinator_naar(S.LOPEND),
    ),
    Overgang(
        "afwijzen",
        BegeleidingRedenInvoer,
        services.begeleiding_afwijzen,
        weergave={
            "op": Veld("Afgewezen op", verplicht=True),
            "reden": Veld("Reden van de afwijzing", "De school ziet deze reden."),
        },
        gelukt="De aanvraag is afgewezen; de school ziet de reden.",
        bindend=Bindend("aanvraag afwijzen", "Ja, afwijzen", _gevolgen_afwijzen),
        mag=_coordinator_naar(S.AFGEWEZEN),
    ),
    Overgang(
        "beeindigen",
        BegeleidingRedenInvoer,
        services.begeleiding_beeindigen,
        weergave={
            "op": Veld("Beëindigd op", verplicht=True),
            "reden": Veld("Reden van de beëindiging"),
        },
        gelukt="De begeleiding is beëindigd.",
        bindend=Bindend("begeleiding beëindigen", "Ja, beëindigen", _gevolgen_beeindigen),
        mag=_mag_beeindigen,
    ),
)
