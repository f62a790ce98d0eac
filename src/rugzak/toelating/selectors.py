"""Lezen: toelatingszaken en gastleerlingschappen, via het toegangsbeleid en altijd gelogd.

Een zaak ziet wie de leerling mag zien (rugzak.toegang) én een rol in de zaak heeft:
een schoolrol bij de school van de zaak, bestuurder van haar bestuur, of ouder van de
leerling. Een onbekend id en een id zonder toegang geven dezelfde :class:`GeenToegang`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer, audit_registreer_lijst
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.paginering import Deel, Venster, pagineer
from rugzak.gedeeld.tijd import vandaag
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.regeling.regels.termijnen import Termijn
from rugzak.toelating import overgangen
from rugzak.toelating.models import (
    EINDTOESTANDEN,
    Begeleidingsinformatie,
    GastleerlingOvergang,
    Gastleerlingschap,
    Gastleerlingtoestand,
    Informatieverzoek,
    Onderwijsconsulent,
    Teambespreking,
    ToelatingOvergang,
    Toelatingszaak,
)


def leest_zaken(
    gebruiker: Gebruiker,
    *,
    leesrollen: frozenset[str] = overgangen.LEZEN_SCHOOL,
    ab_leest: bool = False,
) -> bool:
    """Of ``gebruiker`` vandaag een rol heeft waarmee :func:`zaakgronden` een zaak kan
    toekennen; zo niet (CvI, bekostiging), dan hoeft een lijst de zaken niet eens te lezen."""
    if not gebruiker.is_authenticated:
        return False
    return any(
        r.rol in leesrollen
        or r.rol in (Roltype.BESTUURDER, Roltype.OUDER)
        or (ab_leest and r.rol in toegang.AB_ROLLEN)
        for r in toegang.actieve_rollen(gebruiker, peildatum=vandaag())
    )


def zaakgronden(
    gebruiker: Gebruiker,
    zaken: Sequence[Any],
    *,
    scholen_van: Any,
    besturen_van: Any,
    leesrollen: frozenset[str] = overgangen.LEZEN_SCHOOL,
    ab_leest: bool = False,
    voorgefilterd: bool = False,
) -> dict[int, toegang.Toegangsgrond]:
    """Per zaak (pk) de rol waarmee ``gebruiker`` haar mag lezen, in een vast aantal queries.

    ``scholen_van(zaak)`` geeft de school-id's waarvan een schoolrol de zaak leest,
    ``besturen_van(zaak)`` de bestuur-id's waarvan de bestuurder haar leest. Zaken van
    leerlingen die het toegangsbeleid de gebruiker niet laat zien, vallen weg.

    ``ab_leest``: ook de coördinator AB en de ambulant begeleider lezen, voor leerlingen die
    zij volgens het toegangsbeleid begeleiden (het handelingsplan: de begeleider denkt erover
    mee en stelt het soms op, 001 'Ambulante begeleding'). Alleen lezen; wijzigen blijft aan
    de school.

    ``voorgefilterd``: de zaken zijn gelezen met ``leerling__in=`` de leerlingen die
    :func:`rugzak.toegang.leerlingen_zichtbaar_voor` de gebruiker vandaag laat zien (zoals
    elke lijst hier); dan hoeft dat niet nog eens gevraagd te worden (een query minder).
    """
    if not zaken or not leest_zaken(gebruiker, leesrollen=leesrollen, ab_leest=ab_leest):
        return {}  # geen enkele rol die zaken leest (CvI, bekostiging): niets te vragen
    dag = vandaag()
    rollen = toegang.actieve_rollen(gebruiker, peildatum=dag)
    leerling_ids = {z.leerling_id for z in zaken}
    zichtbaar = (
        leerling_ids
        if voorgefilterd
        else set(
            toegang.leerlingen_zichtbaar_voor(gebruiker, peildatum=dag)
            .filter(pk__in=leerling_ids)
            .values_list("pk", flat=True)
        )
    )
    kinderen: set[int] = set()
    if any(r.rol == Roltype.OUDER for r in rollen):
        # alle kinderen van de ouder, één keer per verzoek (een lijst vraagt het per app)
        kinderen = set(toegang.kinderen_van(gebruiker) & leerling_ids)
    via_ab: dict[int, toegang.Toegangsgrond] = {}
    if ab_leest and any(r.rol in toegang.AB_ROLLEN for r in rollen):
        via_ab = toegang.leesgronden(
            gebruiker, sorted(zichtbaar), peildatum=dag, alleen_rollen=toegang.AB_ROLLEN
        )
    uit: dict[int, toegang.Toegangsgrond] = {}
    for zaak in zaken:
        if zaak.leerling_id not in zichtbaar:
            continue
        scholen = set(scholen_van(zaak))
        besturen = set(besturen_van(zaak))
        for rol in rollen:
            if (rol.rol in leesrollen and rol.organisatie_id in scholen) or (
                rol.rol == Roltype.BESTUURDER and rol.organisatie_id in besturen
            ):
                uit[zaak.pk] = toegang.Toegangsgrond.van_rol(rol)
                break
            if rol.rol == Roltype.OUDER and zaak.leerling_id in kinderen:
                uit[zaak.pk] = toegang.Toegangsgrond.van_rol(rol)
                break
        else:
            if zaak.leerling_id in via_ab:
                uit[zaak.pk] = via_ab[zaak.leerling_id]
    return uit


def _zaakgronden(
    gebruiker: Gebruiker, zaken: Sequence[Toelatingszaak], *, voorgefilterd: bool = False
) -> dict[int, Any]:
    return zaakgronden(
        gebruiker,
        zaken,
        scholen_van=lambda z: [z.school_id],
        besturen_van=lambda z: [z.school.bestuur_id],
        voorgefilterd=voorgefilterd,
    )


def zaak_leesbaar(gebruiker: Gebruiker, zaak: Toelatingszaak) -> bool:
    """Of ``gebruiker`` de pagina van deze toelatingszaak mag openen (dezelfde toets als
    :func:`toelatingszaak_dossier`, zonder de zaak te lezen of te loggen): voor een link
    vanaf een andere pagina, bv. het handelingsplan, dat ook de ambulante begeleiding leest."""
    return zaak.pk in _zaakgronden(gebruiker, [zaak])


def _gastgronden(
    gebruiker: Gebruiker, zaken: Sequence[Gastleerlingschap], *, voorgefilterd: bool = False
) -> dict[int, Any]:
    return zaakgronden(
        gebruiker,
        zaken,
        scholen_van=lambda z: [z.school_id, z.rec_school_id],
        besturen_van=lambda z: [z.school.bestuur_id],
        voorgefilterd=voorgefilterd,
    )


def _kandidaten_toelating(gebruiker: Gebruiker) -> QuerySet[Toelatingszaak]:
    """Een ruime voorselectie (de rolcontrole volgt in _zaakgronden)."""
    dag = vandaag()
    zichtbaar = toegang.leerlingen_zichtbaar_voor(gebruiker, peildatum=dag)
    return (
        Toelatingszaak.objects.filter(leerling__in=zichtbaar)
        .select_related("school", "leerling")
        .order_by("-verzoek_op", "id")
    )


def toelatingszaken_met_grond(
    *, gebruiker: Gebruiker, annotaties: Mapping[str, Any] | None = None
) -> list[tuple[Toelatingszaak, toegang.Toegangsgrond]]:
    """Alle zaken die ``gebruiker`` mag zien met de grond, zonder auditregel (voor
    termijnen en overzichten die zelf loggen). ``annotaties`` gaan mee in dezelfde query
    (bv. iets van de handelingsplannen per zaak: rugzak.toelating.termijnen)."""
    if not leest_zaken(gebruiker):
        return []
    kandidaten = _kandidaten_toelating(gebruiker)
    if annotaties:
        kandidaten = kandidaten.annotate(**annotaties)
    zaken = list(kandidaten)
    gronden = _zaakgronden(gebruiker, zaken, voorgefilterd=True)
    return [(z, gronden[z.pk]) for z in zaken if z.pk in gronden]


def _log_zaken(
    gebruiker: Gebruiker,
    objecttype: str,
    paren: list[tuple[Any, toegang.Toegangsgrond]],
    reden: str,
) -> None:
    if paren:
        audit_registreer_lijst(
            gebruiker=gebruiker,
            objecttype=objecttype,
            items=[
                (z.publiek_id, z.leerling.publiek_id, g.rol, g.organisatie_id) for z, g in paren
            ],
            reden=reden,
        )


def toelatingszaken_deel(
    *,
    gebruiker: Gebruiker,
    venster: Venster | None,
    afgesloten: bool | None = None,
    reden: str = "overzicht toelatingszaken",
) -> Deel[tuple[Toelatingszaak, toegang.Toegangsgrond]]:
    """De toelatingszaken die ``gebruiker`` mag zien: de pagina ``venster`` (None: alle) en
    het totaal; elke teruggegeven zaak wordt gelogd. ``afgesloten``: alleen de zaken in
    een eindtoestand (True) of alleen de lopende (False); None: alle."""

    def met_grond(zaken: list[Toelatingszaak]) -> list[tuple[Toelatingszaak, Any]]:
        gronden = _zaakgronden(gebruiker, zaken, voorgefilterd=True)
        return [(z, gronden[z.pk]) for z in zaken if z.pk in gronden]

    kandidaten = _kandidaten_toelating(gebruiker)
    if afgesloten is True:
        kandidaten = kandidaten.filter(toestand__in=EINDTOESTANDEN)
    elif afgesloten is False:
        kandidaten = kandidaten.exclude(toestand__in=EINDTOESTANDEN)
    deel = pagineer(
        kandidaten,
        met_grond,
        venster,
        licht=("leerling", "school", "school__bestuur"),
    )
    _log_zaken(gebruiker, "toelatingszaak", deel.items, reden)
    return deel


def toelatingszaken_lijst(
    *, gebruiker: Gebruiker, reden: str = "overzicht toelatingszaken"
) -> list[tuple[Toelatingszaak, toegang.Toegangsgrond]]:
    """De toelatingszaken die ``gebruiker`` mag zien; elke getoonde zaak wordt gelogd."""
    return toelatingszaken_deel(gebruiker=gebruiker, venster=None, reden=reden).items


@dataclass(frozen=True)
class ToelatingszaakDossier:
    zaak: Toelatingszaak
    grond: toegang.Toegangsgrond
    overgangen: list[ToelatingOvergang]
    informatieverzoeken: list[Informatieverzoek]
    begeleidingsinformatie: list[Begeleidingsinformatie]
    teambesprekingen: list[Teambespreking]
    onderwijsconsulenten: list[Onderwijsconsulent]
    ontbrekend: dict[str, str]
    waarschuwingen: list[str]
    weigeringstermijn: Termijn | None
    volgende: list[str]


#: Het aanwijzend voornaamwoord bij het soort object (een het-woord krijgt "dit").
_AANWIJZEND = {"gastleerlingschap": "dit gastleerlingschap"}


def _weiger_inzage(gebruiker: Gebruiker, objecttype: str, publiek_id: UUID, reden: str) -> NoReturn:
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.GEWEIGERD,
        objecttype=objecttype,
        object_id=publiek_id,
        reden=f"{reden}: geen toegang of onbekend id",
    )
    raise GeenToegang(
        _AANWIJZEND.get(objecttype, f"deze {objecttype}"), nodig="een rol in deze zaak"
    )


def toelatingszaak_zoek(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> tuple[Toelatingszaak, toegang.Toegangsgrond]:
    """De zaak met de grond waarop ``gebruiker`` haar ziet (gelogd), of GeenToegang."""
    zaak = (
        Toelatingszaak.objects.select_related("school", "leerling", "indicatie")
        .filter(publiek_id=publiek_id)
        .first()
    )
    grond = _zaakgronden(gebruiker, [zaak]).get(zaak.pk) if zaak is not None else None
    if zaak is None or grond is None:
        _weiger_inzage(gebruiker, "toelatingszaak", publiek_id, reden)
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.LEZEN,
        objecttype="toelatingszaak",
        object_id=zaak.publiek_id,
        leerling_publiek_id=zaak.leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
    )
    return zaak, grond


def toelatingszaak_dossier(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> ToelatingszaakDossier:
    """Eén toelatingszaak met geschiedenis, onderdelen, wat de fase nog nodig heeft,
    waarschuwingen en de termijn van acht weken."""
    zaak, grond = toelatingszaak_zoek(gebruiker=gebruiker, publiek_id=publiek_id, reden=reden)
    return ToelatingszaakDossier(
        zaak=zaak,
        grond=grond,
        overgangen=list(zaak.overgangen.select_related("door").order_by("wanneer", "id")),
        informatieverzoeken=list(zaak.informatieverzoeken.all()),
        begeleidingsinformatie=list(zaak.begeleidingsinformatie.all()),
        teambesprekingen=list(zaak.teambesprekingen.all()),
        onderwijsconsulenten=list(zaak.onderwijsconsulenten.all()),
        ontbrekend=overgangen.ontbrekend(zaak),
        waarschuwingen=overgangen.waarschuwingen(zaak),
        weigeringstermijn=overgangen.weigeringstermijn(zaak),
        volgende=sorted(overgangen.OVERGANGEN[zaak.toestand]),
    )


# --- gastleerlingschappen --------------------------------------------------------------


def gastleerlingschappen_met_grond(
    *, gebruiker: Gebruiker
) -> list[tuple[Gastleerlingschap, toegang.Toegangsgrond]]:
    if not leest_zaken(gebruiker):
        return []
    zichtbaar = toegang.leerlingen_zichtbaar_voor(gebruiker, peildatum=vandaag())
    zaken = list(
        Gastleerlingschap.objects.filter(leerling__in=zichtbaar)
        .select_related("school", "rec_school", "leerling")
        .order_by("-begin", "id")
    )
    gronden = _gastgronden(gebruiker, zaken, voorgefilterd=True)
    return [(z, gronden[z.pk]) for z in zaken if z.pk in gronden]


def gastleerlingschappen_deel(
    *,
    gebruiker: Gebruiker,
    venster: Venster | None,
    beeindigd: bool | None = None,
    reden: str = "overzicht gastleerlingen",
) -> Deel[tuple[Gastleerlingschap, toegang.Toegangsgrond]]:
    """De gastleerlingschappen die ``gebruiker`` mag zien: de pagina ``venster`` (None:
    alle) en het totaal; de teruggegeven worden gelogd. ``beeindigd``: alleen de beëindigde
    (True) of alleen de andere, in concept of lopend (False); None: alle."""
    zichtbaar = toegang.leerlingen_zichtbaar_voor(gebruiker, peildatum=vandaag())
    qs = (
        Gastleerlingschap.objects.filter(leerling__in=zichtbaar)
        .select_related("school", "rec_school", "leerling")
        .order_by("-begin", "id")
    )
    if beeindigd is True:
        qs = qs.filter(toestand=Gastleerlingtoestand.BEEINDIGD)
    elif beeindigd is False:
        qs = qs.exclude(toestand=Gastleerlingtoestand.BEEINDIGD)

    def met_grond(zaken: list[Gastleerlingschap]) -> list[tuple[Gastleerlingschap, Any]]:
        gronden = _gastgronden(gebruiker, zaken, voorgefilterd=True)
        return [(z, gronden[z.pk]) for z in zaken if z.pk in gronden]

    deel = pagineer(
        qs, met_grond, venster, licht=("leerling", "school", "school__bestuur", "rec_school")
    )
    _log_zaken(gebruiker, "gastleerlingschap", deel.items, reden)
    return deel


def gastleerlingschappen_lijst(
    *, gebruiker: Gebruiker, reden: str = "overzicht gastleerlingen"
) -> list[tuple[Gastleerlingschap, toegang.Toegangsgrond]]:
    return gastleerlingschappen_deel(gebruiker=gebruiker, venster=None, reden=reden).items


@dataclass(frozen=True)
class GastleerlingDossier:
    zaak: Gastleerlingschap
    grond: toegang.Toegangsgrond
    overgangen: list[GastleerlingOvergang]


def gastleerlingschap_dossier(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> GastleerlingDossier:
    zaak = (
        Gastleerlingschap.objects.select_related("school", "rec_school", "leerling")
        .filter(publiek_id=publiek_id)
        .first()
    )
    grond = _gastgronden(gebruiker, [zaak]).get(zaak.pk) if zaak is not None else None
    if zaak is None or grond is None:
        _weiger_inzage(gebruiker, "gastleerlingschap", publiek_id, reden)
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.LEZEN,
        objecttype="gastleerlingschap",
        object_id=zaak.publiek_id,
        leerling_publiek_id=zaak.leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
    )
    return GastleerlingDossier(
        zaak=zaak,
        grond=grond,
        overgangen=list(zaak.overgangen.select_related("door").order_by("wanneer", "id")),
    )


def toelatingszaak_voor_handeling(*, gebruiker: Gebruiker, publiek_id: UUID) -> Toelatingszaak:
    """De zaak waarop ``gebruiker`` een handeling wil doen, als die haar mag lezen (de
    service controleert daarna de rol voor de handeling en logt de handeling). Zonder
    leesrecht of onbekend: GeenToegang, gelogd als geweigerd."""
    zaak = (
        Toelatingszaak.objects.select_related("school", "leerling")
        .filter(publiek_id=publiek_id)
        .first()
    )
    if zaak is None or zaak.pk not in _zaakgronden(gebruiker, [zaak]):
        _weiger_inzage(gebruiker, "toelatingszaak", publiek_id, "handeling")
    return zaak


def gastleerlingschap_voor_handeling(
    *, gebruiker: Gebruiker, publiek_id: UUID
) -> Gastleerlingschap:
    zaak = (
        Gastleerlingschap.objects.select_related("school", "rec_school", "leerling")
        .filter(publiek_id=publiek_id)
        .first()
    )
    if zaak is None or zaak.pk not in _gastgronden(gebruiker, [zaak]):
        _weiger_inzage(gebruiker, "gastleerlingschap", publiek_id, "handeling")
    return zaak


def school_op_brin(brin: str, *, veld: str = "school_brin") -> Organisatie:
    """Een school op BRIN-nummer (geen leerlinggegevens); onbekend: ValidationError."""
    school = Organisatie.objects.filter(soort=Organisatiesoort.SCHOOL, brin=brin).first()
    if school is None:
        raise ValidationError({veld: f"geen school met BRIN-nummer {brin!r}"})
    return school


def leerling_op_id(*, gebruiker: Gebruiker, publiek_id: UUID) -> Leerling:
    """De leerling voor een nieuwe zaak, als het toegangsbeleid haar laat zien; anders
    GeenToegang (gelogd). De service die volgt, legt de handeling vast."""
    leerling, grond = toegang.leerling_en_leesgrond(gebruiker, publiek_id=publiek_id)
    if leerling is None or grond is None:
        _weiger_inzage(gebruiker, "leerling", publiek_id, "nieuwe zaak")
    return leerling
