"""Lezen: begeleidingszaken, altijd via het toegangsbeleid en altijd gelogd.

Wie een begeleiding ziet:

- de coördinator AB van de dienst: alle begeleidingen van de dienst;
- een ambulant begeleider: alleen de begeleidingen die aan hem of haar zijn toegewezen
  (de haak in rugzak.toegang geeft op leerlingniveau de leerlingen van alle lopende zaken
  van de dienst, omdat zij alleen de ids van de diensten krijgt; zie het rapport);
- de school die de begeleiding aanvroeg (directie, intern begeleider, teamlid), zolang de
  leerling daar staat ingeschreven; het bestuur van die school;
- de ouders van de leerling.

De CvI en de bekostigingsinstantie zien geen begeleidingen.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db.models import Q, QuerySet

from rugzak import toegang
from rugzak.ambulante_begeleiding.models import Begeleiding, Begeleidingstap
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer, audit_registreer_lijst
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.paginering import Deel, Venster, pagineer
from rugzak.gedeeld.tijd import vandaag
from rugzak.organisaties.models import Gebruiker
from rugzak.organisaties.rollen import Roltype

_SCHOOLROLLEN = frozenset({Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER, Roltype.TEAMLID})
#: Rollen die een begeleiding via de leerling zien (de school van de zaak, bestuur, ouder).
_VIA_LEERLING = _SCHOOLROLLEN | {Roltype.OUDER, Roltype.BESTUURDER}


@dataclass(frozen=True)
class BegeleidingDossier:
    begeleiding: Begeleiding
    stappen: list[Begeleidingstap]
    grond: toegang.Toegangsgrond


def basis() -> QuerySet[Begeleiding]:
    return Begeleiding.objects.select_related(
        "leerling",
        "ab_dienst",
        "ab_dienst__rec",
        "school",
        "toegewezen",
        "indicatie",
        "vso_school",
        "adviseur",
        "adviseur_organisatie",
    )


def _ab_gronden(
    gebruiker: Gebruiker, dag: date
) -> tuple[dict[int, toegang.Toegangsgrond], dict[int, toegang.Toegangsgrond]]:
    coordinator: dict[int, toegang.Toegangsgrond] = {}
    begeleider: dict[int, toegang.Toegangsgrond] = {}
    for rol in toegang.actieve_rollen(gebruiker, peildatum=dag):
        if rol.organisatie_id is None:
            continue
        if rol.rol == Roltype.AB_COORDINATOR:
            coordinator.setdefault(rol.organisatie_id, toegang.Toegangsgrond.van_rol(rol))
        elif rol.rol == Roltype.AMBULANT_BEGELEIDER:
            begeleider.setdefault(rol.organisatie_id, toegang.Toegangsgrond.van_rol(rol))
    return coordinator, begeleider


def kandidaten(gebruiker: Gebruiker, dag: date) -> QuerySet[Begeleiding]:
    """Een ruime voorselectie; :func:`begeleidingen_met_grond` beslist per zaak. De weg via
    de leerling (school, bestuur, ouder) komt er alleen bij als de gebruiker zo'n rol heeft:
    een CvI- of AB-gebruiker ziet via de leerling nooit een begeleiding."""
    coordinator, begeleider = _ab_gronden(gebruiker, dag)
    q = Q(ab_dienst_id__in=list(coordinator)) | Q(
        ab_dienst_id__in=list(begeleider), toegewezen=gebruiker
    )
    if any(r.rol in _VIA_LEERLING for r in toegang.actieve_rollen(gebruiker, peildatum=dag)):
        q |= Q(leerling__in=toegang.leerlingen_zichtbaar_voor(gebruiker, peildatum=dag))
    return basis().filter(q)


def begeleidingen_met_grond(
    gebruiker: Gebruiker,
    begeleidingen: list[Begeleiding],
    dag: date,
    *,
    voorgefilterd: bool = False,
) -> list[tuple[Begeleiding, toegang.Toegangsgrond]]:
    """Per begeleiding de grond waarop ``gebruiker`` haar mag zien; zonder grond valt ze weg.

    ``voorgefilterd``: de begeleidingen komen uit :func:`kandidaten` (van ``dag``), of hun
    leerling is al zichtbaar: een zaak buiten de eigen dienst kwam dan via een zichtbare
    leerling binnen (zie :func:`rugzak.toegang.leesgronden`)."""
    coordinator, begeleider = _ab_gronden(gebruiker, dag)
    # De weg via de leerling alleen voor zaken zonder grond bij de eigen dienst, en alleen
    # met een rol die die weg kent: een coördinator met duizenden zaken kost dan niets extra.
    zonder = sorted(
        {
            b.leerling_id
            for b in begeleidingen
            if b.ab_dienst_id not in coordinator
            and not (b.toegewezen_id == gebruiker.pk and b.ab_dienst_id in begeleider)
        }
    )
    via_leerling = (
        toegang.leesgronden(
            gebruiker,
            zonder,
            peildatum=dag,
            alleen_rollen=_VIA_LEERLING,
            voorgefilterd=voorgefilterd,
        )
        if zonder
        else {}
    )
    uit = []
    for b in begeleidingen:
        grond = coordinator.get(b.ab_dienst_id)
        if grond is None and b.toegewezen_id == gebruiker.pk:
            grond = begeleider.get(b.ab_dienst_id)
        if grond is None:
            via = via_leerling.get(b.leerling_id)
            if via is not None and (
                (via.rol in _SCHOOLROLLEN and via.organisatie_id == b.school_id)
                or via.rol in (Roltype.OUDER, Roltype.BESTUURDER)
            ):
                grond = via
        if grond is not None:
            uit.append((b, grond))
    return uit


def begeleidingen_deel(
    *,
    gebruiker: Gebruiker,
    venster: Venster | None,
    status: str | None = None,
    statussen: Collection[str] | None = None,
    soort: str | None = None,
    leerling_publiek_id: UUID | None = None,
    reden: str = "overzicht begeleidingen",
) -> Deel[tuple[Begeleiding, toegang.Toegangsgrond]]:
    """De begeleidingen die ``gebruiker`` mag zien, nieuwste eerst: de pagina ``venster``
    (None: alle) en het totaal; elke teruggegeven begeleiding krijgt een auditregel
    'lezen'. ``statussen``: alleen begeleidingen in een van deze standen (de webpagina
    toont lopende en afgesloten apart)."""
    dag = vandaag()
    qs = kandidaten(gebruiker, dag)
    if status:
        qs = qs.filter(status=status)
    if statussen is not None:
        qs = qs.filter(status__in=list(statussen))
    if soort:
        qs = qs.filter(soort=soort)
    if leerling_publiek_id is not None:
        qs = qs.filter(leerling__publiek_id=leerling_publiek_id)
    deel = pagineer(
        qs.order_by("-aangevraagd_op", "-id"),
        lambda begeleidingen: begeleidingen_met_grond(
            gebruiker, begeleidingen, dag, voorgefilterd=True
        ),
        venster,
        licht=("ab_dienst", "toegewezen", "leerling", "school"),
    )
    audit_registreer_lijst(
        gebruiker=gebruiker,
        objecttype="begeleiding",
        items=[
            (b.publiek_id, b.leerling.publiek_id, g.rol, g.organisatie_id) for b, g in deel.items
        ],
        reden=reden,
    )
    return deel


def begeleidingen_lijst(
    *,
    gebruiker: Gebruiker,
    status: str | None = None,
    soort: str | None = None,
    leerling_publiek_id: UUID | None = None,
    reden: str = "overzicht begeleidingen",
) -> list[tuple[Begeleiding, toegang.Toegangsgrond]]:
    """Alle begeleidingen die ``gebruiker`` mag zien, zie :func:`begeleidingen_deel` (alle
    gelogd)."""
    return begeleidingen_deel(
        gebruiker=gebruiker,
        venster=None,
        status=status,
        soort=soort,
        leerling_publiek_id=leerling_publiek_id,
        reden=reden,
    ).items


def begeleiding_leesgrond(
    gebruiker: Gebruiker, begeleiding: Begeleiding
) -> toegang.Toegangsgrond | None:
    gevonden = begeleidingen_met_grond(gebruiker, [begeleiding], vandaag())
    return gevonden[0][1] if gevonden else None


def _geweigerd(gebruiker: Gebruiker, publiek_id: UUID, reden: str) -> None:
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.GEWEIGERD,
        objecttype="begeleiding",
        object_id=publiek_id,
        reden=f"{reden}: geen toegang of onbekend id",
    )


def begeleiding_voor_handeling(*, gebruiker: Gebruiker, publiek_id: UUID) -> Begeleiding:
    """De begeleiding waarop ``gebruiker`` een handeling wil doen, als hij haar mag zien
    (anders GeenToegang; de API maakt er 404 van). De service toetst de handeling zelf."""
    begeleiding = basis().filter(publiek_id=publiek_id).first()
    if begeleiding is None or begeleiding_leesgrond(gebruiker, begeleiding) is None:
        _geweigerd(gebruiker, publiek_id, "handeling")
        raise GeenToegang("deze begeleiding", nodig="een rol die deze begeleiding mag zien")
    return begeleiding


def begeleiding_dossier(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> BegeleidingDossier:
    """Eén begeleiding met haar historie, als ``gebruiker`` haar mag zien; gelogd."""
    begeleiding = basis().filter(publiek_id=publiek_id).first()
    grond = begeleiding_leesgrond(gebruiker, begeleiding) if begeleiding is not None else None
    if begeleiding is None or grond is None:
        _geweigerd(gebruiker, publiek_id, reden)
        raise GeenToegang("deze begeleiding", nodig="een rol die deze begeleiding mag zien")
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.LEZEN,
        objecttype="begeleiding",
        object_id=begeleiding.publiek_id,
        leerling_publiek_id=begeleiding.leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
    )
    return BegeleidingDossier(
        begeleiding=begeleiding,
        stappen=list(begeleiding.stappen.select_related("door").order_by("wanneer", "id")),
        grond=grond,
    )


# --- het overzicht van één AB-dienst (startpagina) ---------------------------------------------


@dataclass(frozen=True)
class DienstOverzicht:
    """Wat de coördinator (alle zaken van de dienst) of een ambulant begeleider (de zaken
    die aan hem zijn toegewezen) op de startpagina ziet: aantallen per soort en toestand,
    uit de database geteld, en de eerste ``kort`` aangevraagde en lopende zaken."""

    grond: toegang.Toegangsgrond
    #: (soort, toestand) -> aantal
    aantallen: dict[tuple[str, str], int]
    aangevraagd: list[Begeleiding]
    lopend: list[Begeleiding]

    def aantal(self, status: str) -> int:
        return sum(n for (_, s), n in self.aantallen.items() if s == status)


def dienst_overzicht(
    *, gebruiker: Gebruiker, dienst_id: int, kort: int, reden: str = "startpagina: begeleidingen"
) -> DienstOverzicht | None:
    """Het overzicht van AB-dienst ``dienst_id`` voor de coördinator of een ambulant
    begeleider van die dienst (anders None), met dezelfde gronden als
    :func:`begeleidingen_met_grond`. Alleen de getoonde zaken krijgen een auditregel."""
    from django.db.models import Count

    from rugzak.ambulante_begeleiding.models import Begeleidingstatus

    dag = vandaag()
    coordinator, begeleider = _ab_gronden(gebruiker, dag)
    filter_: dict[str, object] = {"ab_dienst_id": dienst_id}
    grond = coordinator.get(dienst_id)
    if grond is None:
        grond = begeleider.get(dienst_id)
        if grond is None:
            return None
        filter_["toegewezen"] = gebruiker
    eigen = Begeleiding.objects.filter(**filter_)
    aantallen = {
        (soort, status): n
        for soort, status, n in eigen.order_by()
        .values_list("soort", "status")
        .annotate(n=Count("id"))
        .values_list("soort", "status", "n")
    }

    def eerste(status: str) -> list[Begeleiding]:
        return list(
            basis().filter(**filter_, status=status).order_by("-aangevraagd_op", "-id")[:kort]
        )

    overzicht = DienstOverzicht(
        grond=grond,
        aantallen=aantallen,
        aangevraagd=eerste(Begeleidingstatus.AANGEVRAAGD),
        lopend=eerste(Begeleidingstatus.LOPEND),
    )
    getoond = [*overzicht.aangevraagd, *overzicht.lopend]
    if getoond:
        audit_registreer_lijst(
            gebruiker=gebruiker,
            objecttype="begeleiding",
            items=[
                (b.publiek_id, b.leerling.publiek_id, grond.rol, grond.organisatie_id)
                for b in getoond
            ],
            reden=reden,
        )
    return overzicht


def begeleiders_van_dienst(ab_dienst_id: int, dag: date) -> list[Gebruiker]:
    """De ambulant begeleiders met een rol bij deze dienst die op ``dag`` geldt (voor de
    keuzelijst van de coördinator; de service toetst de gekozen begeleider zelf)."""
    return list(
        Gebruiker.objects.filter(
            rollen__organisatie_id=ab_dienst_id,
            rollen__rol=Roltype.AMBULANT_BEGELEIDER,
            rollen__van__lte=dag,
        )
        .filter(Q(rollen__tot__isnull=True) | Q(rollen__tot__gte=dag))
        .distinct()
        .order_by("last_name", "first_name", "id")
    )
