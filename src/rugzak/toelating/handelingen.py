# mypy: disable-error-code="misc"
# (DRF heeft geen typeannotaties: subklassen van Serializer zijn Any)
"""De overgangen en handelingen van de toelatingszaak (002, hoofdstuk 4), elk één keer
gedeclareerd (:class:`~rugzak.gedeeld.zaakhandelingen.overgang.Overgang`): de invoer, de
service, wie het formulier op de zaakpagina ziet (uit de rollen en fasen van
:mod:`rugzak.toelating.overgangen`) en wat de bevestiging van een besluit zegt. De
API-acties (:mod:`rugzak.toelating.api`) en de formulieren van de zaakpagina
(:mod:`rugzak.toelating.views`) volgen hieruit; de services toetsen alles opnieuw.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from rugzak.gedeeld.zaakhandelingen.overgang import Bindend, Overgang, Veld, Wie
from rugzak.organisaties.rollen import Roltype
from rugzak.toelating import overgangen, services
from rugzak.toelating.formulieren import (
    GegevensFormulier,
    InventarisatieFormulier,
    OntvangenFormulier,
    inventarisatie_veld,
)
from rugzak.toelating.inventarisatie import BASISBEHOEFTEN, DOMEINEN, KOLOMMEN
from rugzak.toelating.models import (
    Begeleidingsbron,
    Besluit,
    Bestuursoordeel,
    Instantie,
    Teamadvies,
    Toelatingszaak,
    Toestand,
)

UUID_REGEX = "[0-9a-f-]{36}"
T = Toestand
#: Toestanden waaruit de ouders kunnen intrekken (uit de overgangentabel).
INTREKBAAR = frozenset(t for t, naar in overgangen.OVERGANGEN.items() if T.INGETROKKEN in naar)

# --- invoer -------------------------------------------------------------------------------


@extend_schema_serializer(component_name="ToelatingVersie")
class VersieSerializer(serializers.Serializer):
    versie = serializers.IntegerField(min_value=1, help_text="de versie die u las")


@extend_schema_serializer(component_name="ToelatingGegevensInvoer")
class GegevensInvoerSerializer(serializers.Serializer):
    """Alle velden die een fase kan vastleggen; stuur alleen die van de huidige fase."""

    uitnodiging_verstuurd_op = serializers.DateField(required=False, allow_null=True)
    gesprek_gepland_op = serializers.DateField(required=False, allow_null=True)
    gesprek_op = serializers.DateField(required=False, allow_null=True)
    aanmelding_schriftelijk_op = serializers.DateField(required=False, allow_null=True)
    toestemming_derden_op = serializers.DateField(required=False, allow_null=True)
    communicatieafspraken = serializers.CharField(required=False, allow_blank=True)
    gespreksverslag = serializers.CharField(required=False, allow_blank=True)
    team_geinformeerd_op = serializers.DateField(required=False, allow_null=True)
    geen_huidige_school = serializers.BooleanField(required=False)
    teamadvies = serializers.ChoiceField(
        choices=Teamadvies.choices, required=False, allow_blank=True
    )
    teamadvies_op = serializers.DateField(required=False, allow_null=True)
    teamadvies_motivering = serializers.CharField(required=False, allow_blank=True)
    plaatsingsdatum = serializers.DateField(required=False, allow_null=True)
    advies_procedure = serializers.CharField(required=False, allow_blank=True)
    advies_motieven = serializers.CharField(required=False, allow_blank=True)
    advies_aan_bestuur_op = serializers.DateField(required=False, allow_null=True)
    besluit_toegelicht_op = serializers.DateField(required=False, allow_null=True)
    aanmelding_gehandhaafd = serializers.BooleanField(required=False, allow_null=True)
    weigering_besluit_op = serializers.DateField(required=False, allow_null=True)
    weigering_redenen = serializers.CharField(required=False, allow_blank=True)
    weigering_gesprek_op = serializers.DateField(required=False, allow_null=True)
    wijst_op_bezwaar_beroep = serializers.BooleanField(required=False)
    wijst_op_onderwijsconsulent = serializers.BooleanField(required=False)
    bestuur_geinformeerd_op = serializers.DateField(required=False, allow_null=True)
    mr_geinformeerd_op = serializers.DateField(required=False, allow_null=True)
    inspectie_geinformeerd_op = serializers.DateField(required=False, allow_null=True)
    belanghebbenden_geinformeerd_op = serializers.DateField(required=False, allow_null=True)
    belanghebbenden_toelichting = serializers.CharField(required=False, allow_blank=True)


@extend_schema_serializer(component_name="ToelatingGegevens")
class GegevensSerializer(VersieSerializer):
    gegevens = GegevensInvoerSerializer()


@extend_schema_serializer(component_name="ToelatingVolgendeFase")
class VolgendeFaseSerializer(VersieSerializer):
    notitie = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_serializer(component_name="ToelatingBesluit")
class BesluitSerializer(VersieSerializer):
    besluit = serializers.ChoiceField(choices=Besluit.choices)
    besluit_op = serializers.DateField()
    motivering = serializers.CharField(allow_blank=True)


@extend_schema_serializer(component_name="ToelatingBestuurstoetsing")
class BestuurstoetsingSerializer(VersieSerializer):
    oordeel = serializers.ChoiceField(choices=Bestuursoordeel.choices)
    getoetst_op = serializers.DateField()
    toelichting = serializers.CharField(allow_blank=True)
    overleg_op = serializers.DateField(required=False, allow_null=True)
    overleg_uitkomst = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_serializer(component_name="ToelatingIntrekken")
class IntrekkenSerializer(VersieSerializer):
    ingetrokken_op = serializers.DateField()
    reden = serializers.CharField(allow_blank=True)


@extend_schema_serializer(component_name="ToelatingInformatieverzoekInvoer")
class InformatieverzoekInvoerSerializer(VersieSerializer):
    instantie = serializers.ChoiceField(choices=Instantie.choices)
    verzocht_op = serializers.DateField()
    naam_instantie = serializers.CharField(required=False, allow_blank=True, default="")
    ontvangen_op = serializers.DateField(required=False, allow_null=True)


@extend_schema_serializer(component_name="ToelatingInformatieOntvangen")
class OntvangenSerializer(VersieSerializer):
    verzoek_id = serializers.IntegerField()
    ontvangen_op = serializers.DateField()


@extend_schema_serializer(component_name="ToelatingBegeleidingsinformatieInvoer")
class BegeleidingsinformatieInvoerSerializer(VersieSerializer):
    bron = serializers.ChoiceField(choices=Begeleidingsbron.choices)
    datum = serializers.DateField()
    samenvatting = serializers.CharField(allow_blank=True)


@extend_schema_serializer(component_name="ToelatingInventarisatie")
class InventarisatieSerializer(VersieSerializer):
    schema = serializers.JSONField(
        help_text=(
            "aard_handicap (tekst), basisbehoeften ("
            + ", ".join(BASISBEHOEFTEN)
            + ": lijst van hoogstens 3 teksten), domeinen ("
            + ", ".join(DOMEINEN)
            + ": per domein "
            + ", ".join(KOLOMMEN)
            + ")"
        )
    )
    op = serializers.DateField()


@extend_schema_serializer(component_name="ToelatingTeambesprekingInvoer")
class TeambesprekingInvoerSerializer(VersieSerializer):
    datum = serializers.DateField()
    verslag = serializers.CharField(allow_blank=True)
    externe_deskundige = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_serializer(component_name="ToelatingOnderwijsconsulentInvoer")
class OnderwijsconsulentInvoerSerializer(VersieSerializer):
    aangevraagd_op = serializers.DateField()
    vraag = serializers.CharField(allow_blank=True)


@extend_schema_serializer(component_name="ToelatingConsulentAdvies")
class ConsulentAdviesSerializer(VersieSerializer):
    inschakeling_id = serializers.IntegerField()
    advies_op = serializers.DateField()
    advies = serializers.CharField(allow_blank=True)


# --- wie ziet welk formulier ----------------------------------------------------------------


def _protocol_in(*fasen: str) -> Any:
    """De rollen van het protocol (directie, IB), in een van deze fasen."""
    return lambda wie, zaak: zaak.toestand in fasen and wie.rol in overgangen.PROTOCOL


def _mag_gegevens(wie: Wie, zaak: Toelatingszaak) -> bool:
    fase = overgangen.VELDEN.get(zaak.toestand)
    return fase is not None and wie.rol in fase.rollen


def _mag_volgende(wie: Wie, zaak: Toelatingszaak) -> bool:
    t = zaak.toestand
    return t in overgangen.VOLGENDE and wie.rol in overgangen.ROLLEN_VOLGENDE.get(
        t, overgangen.PROTOCOL
    )


def _mag_intrekken(wie: Wie, zaak: Toelatingszaak) -> bool:
    return zaak.toestand in INTREKBAAR and (
        wie.rol in overgangen.PROTOCOL or wie.rol == Roltype.OUDER
    )


# --- service-aanroepen en gevolgen ------------------------------------------------------------


def _onderdeel(onderdelen: Any, pk: int) -> Any:
    """Een verzoek of inschakeling van deze zaak; van een andere zaak bestaat het niet."""
    gevonden = onderdelen.filter(pk=pk).first()
    if gevonden is None:
        raise Http404
    return gevonden


def _ontvangen(door: Any, zaak: Toelatingszaak, d: dict[str, Any]) -> Any:
    return services.informatieverzoek_ontvangen(
        door=door,
        verzoek=_onderdeel(zaak.informatieverzoeken, d["verzoek_id"]),
        versie=d["versie"],
        ontvangen_op=d["ontvangen_op"],
    )


def _consulent_advies(door: Any, zaak: Toelatingszaak, d: dict[str, Any]) -> Any:
    return services.onderwijsconsulent_advies(
        door=door,
        inschakeling=_onderdeel(zaak.onderwijsconsulenten, d["inschakeling_id"]),
        versie=d["versie"],
        advies_op=d["advies_op"],
        advies=d["advies"],
    )


def _gevolgen_besluit(zaak: Toelatingszaak, d: dict[str, Any]) -> list[str]:
    """Wat de beslissing van de directie (fase 8) vastlegt (002, fase 8 en traject a/b)."""
    naam = zaak.leerling.volledige_naam
    if d.get("besluit") == "toelaten":
        return [
            f"De directie besluit {naam} toe te laten (traject a): de zaak gaat naar fase 9a, "
            "het gesprek met de ouders; daarna volgen de overeenkomst en het handelingsplan.",
            "Het besluit komt in de brief aan de ouders en kan in rugzak niet worden "
            "teruggedraaid.",
        ]
    return [
        f"De directie adviseert het bestuur {naam} niet toe te laten (traject b): het bestuur "
        "toetst de procedure en het advies.",
        "De termijn van acht weken voor een besluit tot niet-toelating blijft lopen.",
        "Het advies kan in rugzak niet worden teruggedraaid.",
    ]


def _gevolgen_toetsing(zaak: Toelatingszaak, d: dict[str, Any]) -> list[str]:
    if d.get("oordeel") == "overnemen":
        return [
            f"Het bestuur neemt het advies over: {zaak.leerling.volledige_naam} wordt niet "
            "toegelaten. De directie licht het besluit toe aan de ouders, met bezwaar en beroep.",
            "Het besluit is bindend en kan in rugzak niet worden teruggedraaid.",
        ]
    return [
        "Het bestuur wil dat de directie heroverweegt: na het overleg wordt alsnog een besluit "
        "over al dan niet toelaten genomen (002, traject b).",
    ]


def _datum(label: str, hulp: str = "") -> Veld:
    return Veld(label, hulp, verplicht=True)


def _vak(label: str, hulp: str = "", regels: int = 3) -> Veld:
    return Veld(label, hulp, verplicht=False, regels=regels)


# --- de overgangen ----------------------------------------------------------------------------

TOELATINGSZAAK: tuple[Overgang, ...] = (
    Overgang(
        "gegevens",
        GegevensSerializer,
        services.toelatingszaak_vastleggen,
        uitleg="Gegevens van de huidige fase vastleggen.",
        formulier=lambda gebruiker, zaak, **kw: GegevensFormulier(zaak=zaak, **kw),
        gelukt="De gegevens van deze fase zijn opgeslagen.",
        mag=_mag_gegevens,
    ),
    Overgang(
        "volgende_fase",
        VolgendeFaseSerializer,
        services.toelatingszaak_volgende_fase,
        url="volgende-fase",
        uitleg="De huidige fase afronden; geweigerd met alles wat nog ontbreekt.",
        web="volgende-fase",
        weergave={
            "notitie": Veld(
                "Notitie bij de overgang", "Optioneel; komt in de geschiedenis.", regel=True
            )
        },
        gelukt="De fase is afgerond; de zaak staat in de volgende fase.",
        vertaling=lambda sleutel: "",
        mag=_mag_volgende,
    ),
    Overgang(
        "besluit",
        BesluitSerializer,
        services.toelatingszaak_beslis,
        uitleg="Fase 8: de beslissing van de directie (toelaten -> 9a, afwijzen -> 9b).",
        weergave={
            "besluit": Veld("Beslissing van de directie", rondjes=True),
            "besluit_op": _datum("Beslissing genomen op"),
            "motivering": _vak("Motivering", "Komt in de brief aan de ouders."),
        },
        gelukt="De beslissing van de directie is vastgelegd.",
        bindend=Bindend(
            "beslissing over toelating", "Ja, beslissing vastleggen", _gevolgen_besluit
        ),
        grondslag="002, fase 8 en 9: de directie beslist over het verzoek tot plaatsen",
        mag=lambda wie, zaak: zaak.toestand == T.F8 and wie.rol in overgangen.DIRECTIE,
    ),
    Overgang(
        "bestuurstoetsing",
        BestuurstoetsingSerializer,
        services.toelatingszaak_bestuur_toetst,
        uitleg="Fase 10b: het bestuur neemt het advies over of vraagt heroverweging.",
        weergave={
            "oordeel": Veld("Oordeel van het bestuur", rondjes=True),
            "getoetst_op": _datum("Getoetst op"),
            "toelichting": _vak("Toelichting van het bestuur"),
            "overleg_op": Veld("Overleg met de directie op", "Alleen bij heroverwegen."),
            "overleg_uitkomst": Veld("Uitkomst van het overleg", "Alleen bij heroverwegen."),
        },
        gelukt="De toetsing door het bestuur is vastgelegd.",
        bindend=Bindend("toetsing door het bestuur", "Ja, toetsing vastleggen", _gevolgen_toetsing),
        grondslag="002, fase 10, traject b: het bestuur toetst de procedure en het advies",
        mag=lambda wie, zaak: zaak.toestand == T.F10B and wie.rol == Roltype.BESTUURDER,
    ),
    Overgang(
        "intrekken",
        IntrekkenSerializer,
        services.toelatingszaak_intrekken,
        uitleg="De ouders trekken de aanmelding in.",
        weergave={
            "ingetrokken_op": _datum("Ingetrokken op"),
            "reden": _vak("Reden van de intrekking"),
        },
        gelukt="De intrekking van de aanmelding is vastgelegd.",
        mag=_mag_intrekken,
    ),
    Overgang(
        "informatieverzoeken",
        InformatieverzoekInvoerSerializer,
        services.informatieverzoek_registreer,
        uitleg="Fase 4a: gegevens opvragen (alleen met toestemming van de ouders).",
        web="informatieverzoek",
        weergave={
            "instantie": Veld("Instantie"),
            "naam_instantie": Veld("Naam van de instantie", regel=True),
            "verzocht_op": _datum("Verzocht op"),
            "ontvangen_op": Veld(
                "Gegevens ontvangen op", "Leeg laten als ze nog niet binnen zijn."
            ),
        },
        gelukt="Het informatieverzoek is vastgelegd.",
        mag=_protocol_in(T.F4),
    ),
    Overgang(
        "informatie_ontvangen",
        OntvangenSerializer,
        doe=_ontvangen,
        url="informatie-ontvangen",
        uitleg="Fase 4a: de opgevraagde gegevens zijn binnen.",
        web="ontvangen",
        # één formulier per openstaand verzoek; de zaakpagina maakt ze zelf
        formulier=lambda gebruiker, zaak, **kw: OntvangenFormulier(**kw),
        gelukt="De ontvangst van de gegevens is vastgelegd.",
    ),
    Overgang(
        "begeleidingsinformatie",
        BegeleidingsinformatieInvoerSerializer,
        services.begeleidingsinformatie_registreer,
        uitleg="Fase 4b: informatie over de begeleiding.",
        weergave={
            "bron": Veld("Bron"),
            "datum": _datum("Datum"),
            "samenvatting": _vak("Samenvatting"),
        },
        gelukt="De informatie over de begeleiding is vastgelegd.",
        mag=_protocol_in(T.F4),
    ),
    Overgang(
        "inventarisatie",
        InventarisatieSerializer,
        services.inventarisatie_vastleggen,
        uitleg="Fase 5: het schema inventarisatie (002, 4.3).",
        formulier=lambda gebruiker, zaak, **kw: InventarisatieFormulier(zaak=zaak, **kw),
        gelukt="Het schema inventarisatie is opgeslagen.",
        vertaling=inventarisatie_veld,
        mag=_protocol_in(T.F5, T.F6),
    ),
    Overgang(
        "teambesprekingen",
        TeambesprekingInvoerSerializer,
        services.teambespreking_registreer,
        uitleg="Fase 6: een bespreking in het team.",
        web="teambespreking",
        weergave={
            "datum": _datum("Datum van de bespreking"),
            "verslag": _vak("Verslag: mogelijkheden en grenzen", regels=4),
            "externe_deskundige": Veld(
                "Externe deskundige (naam en functie)",
                "Bij een tweede bespreking, optioneel.",
                regel=True,
            ),
        },
        gelukt="De teambespreking is vastgelegd.",
        mag=_protocol_in(T.F6),
    ),
    Overgang(
        "onderwijsconsulent",
        OnderwijsconsulentInvoerSerializer,
        services.onderwijsconsulent_aanvragen,
        uitleg="Fase 11: een onderwijsconsulent inschakelen (ouders of school).",
    ),
    Overgang(
        "onderwijsconsulent_advies",
        ConsulentAdviesSerializer,
        doe=_consulent_advies,
        url="onderwijsconsulent-advies",
        uitleg="Het advies van de onderwijsconsulent vastleggen.",
    ),
)
