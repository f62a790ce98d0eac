"""Lezen: indicatieaanvragen en indicaties, altijd via het toegangsbeleid en altijd gelogd.

Wie een aanvraag ziet:

- de secretaris en de leden van de CvI waar de aanvraag loopt (niet een CvI van een ander
  REC, ook niet als die dezelfde leerling kent);
- wie de leerling via een andere rol mag zien (ouder, school, bestuur), zie rugzak.toegang;
- niet de AB-dienst: die ziet de indicatie (voor de RAB), niet de aanvraag.

Een indicatie ziet iedereen die de leerling mag zien (school en ouders voor de melding,
de AB-dienst voor de begeleiding, de CvI die een herindicatie behandelt).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.db.models import Q, QuerySet

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer, audit_registreer_lijst
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.paginering import Deel, Venster, pagineer
from rugzak.gedeeld.tijd import vandaag
from rugzak.indicaties.models import (
    Aanvraagstap,
    Commissieadvies,
    Dossierstuk,
    Indicatie,
    Indicatieaanvraag,
)
from rugzak.organisaties.models import Gebruiker
from rugzak.organisaties.rollen import Roltype

#: Rollen die een aanvraag alleen via de eigen CvI zien, en rollen die haar nooit zien.
_CVI_ROLLEN = frozenset({Roltype.CVI_SECRETARIS, Roltype.CVI_LID})
_GEEN_AANVRAAG = frozenset(
    {Roltype.AB_COORDINATOR, Roltype.AMBULANT_BEGELEIDER, Roltype.BEKOSTIGINGSMEDEWERKER}
)
#: Rollen die een aanvraag via de leerling zien (school, bestuur, ouder).
_VIA_LEERLING = frozenset(r.value for r in Roltype) - _CVI_ROLLEN - _GEEN_AANVRAAG


@dataclass(frozen=True)
class AanvraagDossier:
    aanvraag: Indicatieaanvraag
    stukken: list[Dossierstuk]
    stappen: list[Aanvraagstap]
    grond: toegang.Toegangsgrond
    #: de adviezen van de leden (I-150); alleen voor de CvI zelf, anders leeg
    adviezen: list[Commissieadvies] = field(default_factory=list)


def cvi_gronden(gebruiker: Gebruiker, dag: date) -> dict[int, toegang.Toegangsgrond]:
    gronden: dict[int, toegang.Toegangsgrond] = {}
    for rol in toegang.actieve_rollen(gebruiker, peildatum=dag):
        if rol.rol in _CVI_ROLLEN and rol.organisatie_id is not None:
            gronden.setdefault(rol.organisatie_id, toegang.Toegangsgrond.van_rol(rol))
    return gronden


def kandidaten(
    gebruiker: Gebruiker, dag: date, basis: QuerySet[Indicatieaanvraag] | None = None
) -> QuerySet[Indicatieaanvraag]:
    """Een ruime voorselectie van de aanvragen die ``gebruiker`` kan zien;
    :func:`aanvragen_met_grond` beslist per aanvraag. De weg via de leerling (school,
    bestuur, ouder) komt er alleen bij als de gebruiker zo'n rol heeft: een CvI-gebruiker
    ziet alleen de aanvragen van de eigen CvI, hoeveel leerlingen die ook heeft."""
    qs = _basis() if basis is None else basis
    q = Q(cvi_id__in=list(cvi_gronden(gebruiker, dag)))
    if any(r.rol in _VIA_LEERLING for r in toegang.actieve_rollen(gebruiker, peildatum=dag)):
        q |= Q(leerling__in=toegang.leerlingen_zichtbaar_voor(gebruiker, peildatum=dag))
    return qs.filter(q)


def _basis() -> QuerySet[Indicatieaanvraag]:
    return Indicatieaanvraag.objects.select_related(
        "cvi", "cvi__rec", "leerling", "aanvragende_school", "vorige_indicatie", "indicatie"
    )


def aanvragen_met_grond(
    gebruiker: Gebruiker,
    aanvragen: list[Indicatieaanvraag],
    dag: date,
    *,
    voorgefilterd: bool = False,
) -> list[tuple[Indicatieaanvraag, toegang.Toegangsgrond]]:
    """Per aanvraag de grond waarop ``gebruiker`` haar mag zien; zonder grond valt ze weg.

    ``voorgefilterd``: de aanvragen komen uit :func:`kandidaten` (van ``dag``), of hun
    leerling is al zichtbaar: een aanvraag buiten de eigen CvI kwam dan via een zichtbare
    leerling binnen (zie :func:`rugzak.toegang.leesgronden`)."""
    cvis = cvi_gronden(gebruiker, dag)
    # De weg via de leerling alleen voor aanvragen buiten de eigen CvI('s), en alleen met
    # een rol die die weg kent: zo kost een CvI met duizenden aanvragen geen leesgronden.
    buiten_cvi = sorted({a.leerling_id for a in aanvragen if a.cvi_id not in cvis})
    leerling_gronden = (
        toegang.leesgronden(
            gebruiker,
            buiten_cvi,
            peildatum=dag,
            alleen_rollen=_VIA_LEERLING,
            voorgefilterd=voorgefilterd,
        )
        if buiten_cvi
        else {}
    )
    uit = []
    for aanvraag in aanvragen:
        grond = cvis.get(aanvraag.cvi_id)
        if grond is None:
            via = leerling_gronden.get(aanvraag.leerling_id)
            if via is not None and via.rol in _VIA_LEERLING:
                grond = via
        if grond is not None:
            uit.append((aanvraag, grond))
    return uit


def aanvraag_leesgrond(
    gebruiker: Gebruiker, aanvraag: Indicatieaanvraag, *, peildatum: date | None = None
) -> toegang.Toegangsgrond | None:
    """De grond waarop ``gebruiker`` deze aanvraag mag zien, of None."""
    gevonden = aanvragen_met_grond(gebruiker, [aanvraag], peildatum or vandaag())
    return gevonden[0][1] if gevonden else None


def aanvragen_deel(
    *,
    gebruiker: Gebruiker,
    venster: Venster | None,
    status: str | None = None,
    leerling_publiek_id: UUID | None = None,
    reden: str = "overzicht indicatieaanvragen",
) -> Deel[tuple[Indicatieaanvraag, toegang.Toegangsgrond]]:
    """De aanvragen die ``gebruiker`` mag zien (nieuwste eerst), met de grond: de pagina
    ``venster`` (None: alle) en het totaal. Elke teruggegeven aanvraag krijgt een auditregel
    'lezen'."""
    dag = vandaag()
    qs = kandidaten(gebruiker, dag)
    if status:
        qs = qs.filter(status=status)
    if leerling_publiek_id is not None:
        qs = qs.filter(leerling__publiek_id=leerling_publiek_id)
    deel = pagineer(
        qs.order_by("-ingediend_op", "-id"),
        lambda aanvragen: aanvragen_met_grond(gebruiker, aanvragen, dag, voorgefilterd=True),
        venster,
        licht=("cvi", "leerling"),
    )
    audit_registreer_lijst(
        gebruiker=gebruiker,
        objecttype="indicatieaanvraag",
        items=[
            (a.publiek_id, a.leerling.publiek_id, g.rol, g.organisatie_id) for a, g in deel.items
        ],
        reden=reden,
    )
    return deel


def aanvragen_lijst(
    *,
    gebruiker: Gebruiker,
    status: str | None = None,
    leerling_publiek_id: UUID | None = None,
    reden: str = "overzicht indicatieaanvragen",
) -> list[tuple[Indicatieaanvraag, toegang.Toegangsgrond]]:
    """Alle aanvragen die ``gebruiker`` mag zien, zie :func:`aanvragen_deel` (alle gelogd)."""
    return aanvragen_deel(
        gebruiker=gebruiker,
        venster=None,
        status=status,
        leerling_publiek_id=leerling_publiek_id,
        reden=reden,
    ).items


def _geweigerd(gebruiker: Gebruiker, objecttype: str, publiek_id: UUID, reden: str) -> None:
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.GEWEIGERD,
        objecttype=objecttype,
        object_id=publiek_id,
        reden=f"{reden}: geen toegang of onbekend id",
    )


def aanvraag_voor_handeling(*, gebruiker: Gebruiker, publiek_id: UUID) -> Indicatieaanvraag:
    """De aanvraag waarop ``gebruiker`` een handeling wil doen, als hij haar mag zien; de
    service toetst daarna of hij de handeling mag. Geen inzage of onbekend: GeenToegang
    (de API maakt er 404 van). Geen leesregel: de service schrijft de auditregel."""
    aanvraag = _basis().filter(publiek_id=publiek_id).first()
    if aanvraag is None or aanvraag_leesgrond(gebruiker, aanvraag) is None:
        _geweigerd(gebruiker, "indicatieaanvraag", publiek_id, "handeling")
        raise GeenToegang("deze indicatieaanvraag", nodig="een rol die deze aanvraag mag zien")
    return aanvraag


def aanvraag_dossier(*, gebruiker: Gebruiker, publiek_id: UUID, reden: str) -> AanvraagDossier:
    """Eén aanvraag met stukken en historie, als ``gebruiker`` haar mag zien."""
    aanvraag = _basis().filter(publiek_id=publiek_id).first()
    grond = aanvraag_leesgrond(gebruiker, aanvraag) if aanvraag is not None else None
    if aanvraag is None or grond is None:
        _geweigerd(gebruiker, "indicatieaanvraag", publiek_id, reden)
        raise GeenToegang("deze indicatieaanvraag", nodig="een rol die deze aanvraag mag zien")
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.LEZEN,
        objecttype="indicatieaanvraag",
        object_id=aanvraag.publiek_id,
        leerling_publiek_id=aanvraag.leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
    )
    return AanvraagDossier(
        aanvraag=aanvraag,
        stukken=list(
            aanvraag.stukken.select_related("opgesteld_door").order_by("ontvangen_op", "id")
        ),
        stappen=list(aanvraag.stappen.select_related("door").order_by("wanneer", "id")),
        grond=grond,
        adviezen=list(aanvraag.adviezen.select_related("lid").order_by("datum", "id"))
        if grond.rol in _CVI_ROLLEN
        else [],
    )


# --- indicaties ---------------------------------------------------------------------------


def indicaties_deel(
    *,
    gebruiker: Gebruiker,
    venster: Venster | None,
    leerling_publiek_id: UUID | None = None,
    reden: str = "overzicht indicaties",
) -> Deel[tuple[Indicatie, toegang.Toegangsgrond]]:
    """De indicaties van de leerlingen die ``gebruiker`` mag zien, nieuwste eerst: de
    pagina ``venster`` (None: alle) en het totaal; de teruggegeven indicaties worden gelogd.
    Elke zichtbare leerling heeft een leesgrond, dus het filter is precies."""
    dag = vandaag()
    qs = Indicatie.objects.select_related("cvi", "leerling", "vorige").filter(
        leerling__in=toegang.leerlingen_zichtbaar_voor(gebruiker, peildatum=dag)
    )
    if leerling_publiek_id is not None:
        qs = qs.filter(leerling__publiek_id=leerling_publiek_id)

    def met_grond(indicaties: list[Indicatie]) -> list[tuple[Indicatie, toegang.Toegangsgrond]]:
        gronden = toegang.leesgronden(
            gebruiker, sorted({i.leerling_id for i in indicaties}), peildatum=dag
        )
        return [(i, gronden[i.leerling_id]) for i in indicaties if i.leerling_id in gronden]

    deel = pagineer(qs.order_by("-indicatiedatum", "-id"), met_grond, venster)
    audit_registreer_lijst(
        gebruiker=gebruiker,
        objecttype="indicatie",
        items=[
            (i.publiek_id, i.leerling.publiek_id, g.rol, g.organisatie_id) for i, g in deel.items
        ],
        reden=reden,
    )
    return deel


def indicaties_lijst(
    *,
    gebruiker: Gebruiker,
    leerling_publiek_id: UUID | None = None,
    reden: str = "overzicht indicaties",
) -> list[tuple[Indicatie, toegang.Toegangsgrond]]:
    """Alle indicaties die ``gebruiker`` mag zien, zie :func:`indicaties_deel` (alle gelogd)."""
    return indicaties_deel(
        gebruiker=gebruiker, venster=None, leerling_publiek_id=leerling_publiek_id, reden=reden
    ).items


def indicatie_detail(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> tuple[Indicatie, toegang.Toegangsgrond]:
    """Eén indicatie, als ``gebruiker`` de leerling mag zien."""
    indicatie = (
        Indicatie.objects.select_related("cvi", "leerling", "vorige")
        .filter(publiek_id=publiek_id)
        .first()
    )
    grond = toegang.leesgrond(gebruiker, indicatie.leerling) if indicatie is not None else None
    if indicatie is None or grond is None:
        _geweigerd(gebruiker, "indicatie", publiek_id, reden)
        raise GeenToegang("deze indicatie", nodig="een rol die deze leerling mag zien")
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.LEZEN,
        objecttype="indicatie",
        object_id=indicatie.publiek_id,
        leerling_publiek_id=indicatie.leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
    )
    return indicatie, grond


# --- het overzicht van één CvI (startpagina) --------------------------------------------------


@dataclass(frozen=True)
class CviOverzicht:
    """Wat een CvI-gebruiker op zijn startpagina ziet: aantallen per toestand over álle
    aanvragen van de CvI (uit de database geteld, niet uit een ingekorte lijst) en per
    werkvoorraad de eerste ``kort`` aanvragen met het totaal."""

    grond: toegang.Toegangsgrond
    per_status: dict[str, int]
    volledigheid: list[Indicatieaanvraag]
    volledigheid_aantal: int
    beslissen: list[Indicatieaanvraag]
    beslissen_aantal: int
    verlengd: list[Indicatieaanvraag]
    verlengd_aantal: int


def cvi_overzicht(
    *, gebruiker: Gebruiker, cvi_id: int, kort: int, reden: str = "startpagina: aanvragen"
) -> CviOverzicht | None:
    """Het overzicht van CvI ``cvi_id`` voor een secretaris of lid van die CvI (anders
    None). Alleen de getoonde aanvragen krijgen een auditregel; de aantallen tonen geen
    leerling. Een vast aantal queries, hoeveel aanvragen de CvI ook heeft."""
    from django.db.models import Count, F

    from rugzak.indicaties.models import Aanvraagstatus

    dag = vandaag()
    grond = cvi_gronden(gebruiker, dag).get(cvi_id)
    if grond is None:
        return None
    eigen = Indicatieaanvraag.objects.filter(cvi_id=cvi_id)
    per_status = dict(
        eigen.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    verlengd = eigen.filter(verlengingen__gt=0)
    overzicht = CviOverzicht(
        grond=grond,
        per_status=per_status,
        volledigheid=list(
            _basis()
            .filter(cvi_id=cvi_id, status=Aanvraagstatus.INGEDIEND)
            .order_by("ingediend_op", "id")[:kort]
        ),
        volledigheid_aantal=per_status.get(Aanvraagstatus.INGEDIEND, 0),
        beslissen=list(
            _basis()
            .filter(
                cvi_id=cvi_id,
                status__in=[Aanvraagstatus.DOSSIER_VOLLEDIG, Aanvraagstatus.VERLENGD],
            )
            .order_by(F("uiterste_beslisdatum").asc(nulls_last=True), "id")[:kort]
        ),
        beslissen_aantal=per_status.get(Aanvraagstatus.DOSSIER_VOLLEDIG, 0)
        + per_status.get(Aanvraagstatus.VERLENGD, 0),
        verlengd=list(
            _basis()
            .filter(cvi_id=cvi_id, verlengingen__gt=0)
            .order_by("-ingediend_op", "-id")[:kort]
        ),
        verlengd_aantal=verlengd.count(),
    )
    getoond = {
        a.pk: a for a in (*overzicht.volledigheid, *overzicht.beslissen, *overzicht.verlengd)
    }
    if getoond:
        audit_registreer_lijst(
            gebruiker=gebruiker,
            objecttype="indicatieaanvraag",
            items=[
                (a.publiek_id, a.leerling.publiek_id, grond.rol, grond.organisatie_id)
                for a in getoond.values()
            ],
            reden=reden,
        )
    return overzicht
