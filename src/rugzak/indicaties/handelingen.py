# mypy: disable-error-code="misc"
# (DRF heeft geen typestubs in dit project: Serializer is Any.)
"""De overgangen van de indicatieaanvraag, elk één keer gedeclareerd
(:class:`~rugzak.gedeeld.zaakhandelingen.overgang.Overgang`): de invoer, de service, wie het
formulier op de aanvraagpagina ziet en wat de bevestiging van een besluit zegt. De
API-acties (:mod:`rugzak.indicaties.api`) en de formulieren van de aanvraagpagina
(:mod:`rugzak.indicaties.views`) volgen hieruit; de services toetsen rol, versie en
toestand opnieuw.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from rest_framework import serializers

from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.zaakhandelingen.overgang import Bindend, Overgang, Veld, Wie
from rugzak.indicaties import services
from rugzak.indicaties.models import (
    TRANSITIES,
    Aanvraagstatus,
    Adviesoordeel,
    Indicatieaanvraag,
    Stuksoort,
)
from rugzak.organisaties.models import Organisatie
from rugzak.organisaties.rollen import Roltype
from rugzak.regeling.begrippen import Onderwijssoort

S = Aanvraagstatus
OPEN = (S.INGEDIEND, S.DOSSIER_VOLLEDIG, S.VERLENGD)
_AANVRAGERS = (Roltype.OUDER, Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER)

# --- invoer -------------------------------------------------------------------------------


class AanvraagVersieInvoer(serializers.Serializer):
    versie = serializers.IntegerField(min_value=1, help_text="de versie die u las")
    op = serializers.DateField(required=False, allow_null=True, default=None)


class AanvraagStukInvoer(serializers.Serializer):
    versie = serializers.IntegerField(min_value=1)
    soort = serializers.ChoiceField(choices=Stuksoort.choices)
    ontvangen_op = serializers.DateField(required=False, allow_null=True, default=None)
    opgesteld_door = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="id van de school"
    )
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="")


class AanvraagToelichtingInvoer(AanvraagVersieInvoer):
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class AanvraagVerlengenInvoer(AanvraagVersieInvoer):
    toelichting = serializers.CharField(help_text="reden van de verlenging")


class AanvraagPositiefInvoer(AanvraagVersieInvoer):
    onderwijssoort = serializers.CharField()
    syndroom_van_down = serializers.BooleanField(required=False, default=False)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class AanvraagNegatiefInvoer(AanvraagVersieInvoer):
    redenen = serializers.CharField()


class AanvraagAdviesInvoer(AanvraagVersieInvoer):
    advies = serializers.ChoiceField(choices=Adviesoordeel.choices)
    onderwijssoort = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="alleen bij een positief advies"
    )
    overwegingen = serializers.CharField()


# --- wie ziet welk formulier ----------------------------------------------------------------


def _secretaris(wie: Wie, a: Indicatieaanvraag) -> bool:
    return wie.rol == Roltype.CVI_SECRETARIS and wie.organisatie_id == a.cvi_id


def _secretaris_naar(status: str) -> Any:
    return lambda wie, a: _secretaris(wie, a) and status in TRANSITIES[a.status]


def _mag_verlengen(wie: Wie, a: Indicatieaanvraag) -> bool:
    return _secretaris_naar(S.VERLENGD)(wie, a) and services.verlengen_bezwaar(a, vandaag()) is None


def _mag_adviseren(wie: Wie, a: Indicatieaanvraag) -> bool:
    lid = wie.rol == Roltype.CVI_LID and wie.organisatie_id == a.cvi_id
    return lid and services.advies_bezwaar(a, wie.gebruiker) is None


def _mag_stuk(wie: Wie, a: Indicatieaanvraag) -> bool:
    return a.status in OPEN and (_secretaris(wie, a) or wie.rol in _AANVRAGERS)


def _mag_intrekken(wie: Wie, a: Indicatieaanvraag) -> bool:
    return a.status in OPEN and wie.rol in _AANVRAGERS


# --- keuzes, service-aanroepen en gevolgen ----------------------------------------------------


def _scholen(gebruiker: Any, a: Indicatieaanvraag) -> list[tuple[int, str]]:
    """De scholen waar de leerling ingeschreven is of was (een lege lijst als de gebruiker
    de leerling niet mag zien)."""
    from rugzak.leerlingen.selectors import leerling_dossier

    try:
        dossier = leerling_dossier(
            gebruiker=gebruiker,
            publiek_id=a.leerling.publiek_id,
            reden="indicatieaanvraag: scholen van de leerling",
        )
    except GeenToegang:
        return []
    gezien: dict[int, str] = {}
    for i in dossier.inschrijvingen:
        gezien.setdefault(i.school_id, f"{i.school.naam} ({i.school.brin})")
    return list(gezien.items())


def _onderwijssoorten(gebruiker: Any, a: Indicatieaanvraag) -> list[tuple[str, str]]:
    try:
        cluster = services.cluster_van_cvi(a.cvi)
    except Exception:
        cluster = None
    return [(o.value, o.omschrijving) for o in Onderwijssoort if cluster in (None, o.cluster)]


def _stuk(door: Any, aanvraag: Indicatieaanvraag, invoer: dict[str, Any]) -> Any:
    school_id = invoer.pop("opgesteld_door")
    school = None
    if school_id is not None:
        school = Organisatie.objects.filter(pk=school_id).first()
        if school is None:
            raise ValidationError({"opgesteld_door": ["onbekende school"]})
    return services.aanvraag_stuk_toevoegen(
        door=door, aanvraag=aanvraag, opgesteld_door=school, **invoer
    )


def _gevolgen_positief(a: Indicatieaanvraag, d: dict[str, Any]) -> list[str]:
    return [
        f"De commissie geeft {a.leerling.volledige_naam} een indicatie; die krijgt een nieuw "
        "CvI-nummer en geldt zo lang als de regeling voor deze onderwijssoort bepaalt.",
        "De ouders en de school kunnen daarmee de rugzak aanvragen; de beschikking is "
        "daarna als PDF te maken.",
        "Het besluit is bindend: het kan in rugzak niet worden teruggedraaid of gewijzigd.",
    ]


def _gevolgen_negatief(a: Indicatieaanvraag, d: dict[str, Any]) -> list[str]:
    return [
        f"De commissie geeft {a.leerling.volledige_naam} geen indicatie; de redenen staan in "
        "de beschikking voor de ouders.",
        "Het besluit is bindend: het kan in rugzak niet worden teruggedraaid of gewijzigd. "
        "Een nieuwe aanvraag blijft mogelijk.",
    ]


def _op(label: str, hulp: str = "") -> Veld:
    return Veld(label, hulp, verplicht=True)


_TOELICHTING = Veld("Toelichting")
_GRONDSLAG_BESLUIT = "000, 'Wat is het rugzakje?': de commissie beoordeelt op landelijke criteria"

# --- de overgangen ----------------------------------------------------------------------------

OVERGANGEN: tuple[Overgang, ...] = (
    Overgang(
        "stukken",
        AanvraagStukInvoer,
        doe=_stuk,
        web="stuk",
        weergave={
            "soort": Veld("Soort stuk"),
            "ontvangen_op": _op("Ontvangen op"),
            "opgesteld_door": Veld(
                "Opgesteld door (school)",
                "Verplicht bij het onderwijskundig rapport: de school die de leerling bezoekt.",
                keuzes=_scholen,
                leeg="— geen school —",
            ),
            "omschrijving": Veld("Omschrijving", regel=True),
        },
        gelukt="Het stuk is aan het dossier toegevoegd.",
        mag=_mag_stuk,
    ),
    Overgang(
        "volledig",
        AanvraagToelichtingInvoer,
        services.aanvraag_volledig_verklaren,
        weergave={
            "op": _op("Dossier volledig op", "Vanaf deze dag loopt de beslistermijn."),
            "toelichting": _TOELICHTING,
        },
        gelukt="Het dossier is volledig verklaard; de beslistermijn loopt.",
        mag=_secretaris_naar(S.DOSSIER_VOLLEDIG),
    ),
    Overgang(
        "verlengen",
        AanvraagVerlengenInvoer,
        services.aanvraag_verlengen,
        weergave={
            "op": _op("Verlengd op"),
            "toelichting": Veld(
                "Reden van de verlenging",
                "Verlengen mag één keer, vóór het einde van de termijn.",
                verplicht=False,
            ),
        },
        gelukt="De beslistermijn is verlengd.",
        mag=_mag_verlengen,
    ),
    Overgang(
        "positief",
        AanvraagPositiefInvoer,
        services.aanvraag_beslissen_positief,
        weergave={
            "onderwijssoort": Veld("Onderwijssoort (toelaatbaar tot)", keuzes=_onderwijssoorten),
            "syndroom_van_down": Veld("De leerling heeft het syndroom van Down"),
            "op": _op("Besloten op"),
            "toelichting": Veld("Overwegingen van de commissie"),
        },
        gelukt="Positief besloten: de indicatie is afgegeven.",
        bindend=Bindend("positief beslissen", "Ja, positief beslissen", _gevolgen_positief),
        grondslag=_GRONDSLAG_BESLUIT,
        mag=_secretaris_naar(S.POSITIEF),
    ),
    Overgang(
        "negatief",
        AanvraagNegatiefInvoer,
        services.aanvraag_beslissen_negatief,
        weergave={
            "op": _op("Besloten op"),
            "redenen": Veld(
                "Redenen",
                "Welke criteria niet vervuld zijn; één reden per regel.",
                verplicht=False,
            ),
        },
        gelukt="Negatief besloten.",
        bindend=Bindend("negatief beslissen", "Ja, negatief beslissen", _gevolgen_negatief),
        grondslag=_GRONDSLAG_BESLUIT,
        mag=_secretaris_naar(S.NEGATIEF),
    ),
    Overgang(
        "adviezen",
        AanvraagAdviesInvoer,
        services.aanvraag_adviseren,
        velden={
            "versie": "versie",
            "op": "op",
            "oordeel": "advies",
            "onderwijssoort": "onderwijssoort",
            "overwegingen": "overwegingen",
        },
        uitleg="Een lid van de CvI legt zijn of haar advies vast (één per lid; I-150).",
        web="advies",
        weergave={
            "oordeel": Veld("Uw advies", van="advies", rondjes=True),
            "onderwijssoort": Veld(
                "Voorgestelde onderwijssoort",
                "Alleen bij een positief advies; leeg laten als de commissie haar bepaalt.",
                keuzes=_onderwijssoorten,
                leeg="— geen voorstel —",
            ),
            "overwegingen": Veld("Overwegingen", "Welke criteria wel of niet vervuld zijn."),
            "op": _op("Geadviseerd op"),
        },
        gelukt="Uw advies is vastgelegd; de secretaris ziet het bij het besluit.",
        mag=_mag_adviseren,
    ),
    Overgang(
        "intrekken",
        AanvraagToelichtingInvoer,
        services.aanvraag_intrekken,
        weergave={"op": _op("Ingetrokken op"), "toelichting": _TOELICHTING},
        gelukt="De aanvraag is ingetrokken.",
        mag=_mag_intrekken,
    ),
)
