"""Lezen: overeenkomsten, handelingsplannen en evaluaties, via het toegangsbeleid en gelogd.

Wie de toelatingszaak mag lezen (schoolrol bij de school, bestuurder, ouder van de
leerling), leest ook haar overeenkomst, handelingsplannen en evaluaties; zie
:func:`rugzak.toelating.selectors.zaakgronden`. Handelingsplannen en evaluaties leest ook
de AB-dienst die de leerling begeleidt (coördinator AB en de toegewezen ambulant
begeleider): die denkt mee over het plan en stelt het soms op (001 'Ambulante
begeleding'). Alleen lezen: handelingen op een plan vragen de leesgrond van de zaak
(``*_voor_handeling``) en daarna de schoolrol die de service eist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NoReturn
from uuid import UUID

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer, audit_registreer_lijst
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.paginering import Deel, Venster, pagineer
from rugzak.gedeeld.tijd import vandaag
from rugzak.handelingsplannen.models import (
    Evaluatie,
    Handelingsplan,
    HandelingsplanOvergang,
    Instemming,
    Overeenkomst,
    OvereenkomstOvergang,
)
from rugzak.handelingsplannen.overgangen import (
    HANDELINGSPLAN_OVERGANGEN,
    handelingsplan_ontbrekend,
)
from rugzak.organisaties.models import Gebruiker
from rugzak.toelating.models import Toelatingszaak
from rugzak.toelating.selectors import leest_zaken, zaakgronden


def _gronden(
    gebruiker: Gebruiker,
    zaken: Sequence[Toelatingszaak],
    *,
    ab_leest: bool = False,
    voorgefilterd: bool = False,
) -> dict[int, Any]:
    """``voorgefilterd``: de zaken komen uit een lijst met ``zaak__leerling__in=``
    :func:`_zichtbare_zaken` (zie :func:`rugzak.toelating.selectors.zaakgronden`)."""
    return zaakgronden(
        gebruiker,
        zaken,
        scholen_van=lambda z: [z.school_id],
        besturen_van=lambda z: [z.school.bestuur_id],
        ab_leest=ab_leest,
        voorgefilterd=voorgefilterd,
    )


def _plangronden(
    gebruiker: Gebruiker, zaken: Sequence[Toelatingszaak], *, voorgefilterd: bool = False
) -> dict[int, Any]:
    """Wie een handelingsplan of evaluatie mag lezen: wie de zaak leest, en daarnaast de
    AB-dienst die de leerling begeleidt (coördinator, toegewezen ambulant begeleider)."""
    return _gronden(gebruiker, zaken, ab_leest=True, voorgefilterd=voorgefilterd)


def _zichtbare_zaken(gebruiker: Gebruiker) -> Any:
    return toegang.leerlingen_zichtbaar_voor(gebruiker, peildatum=vandaag())


def _weiger(gebruiker: Gebruiker, objecttype: str, publiek_id: UUID, reden: str) -> NoReturn:
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.GEWEIGERD,
        objecttype=objecttype,
        object_id=publiek_id,
        reden=f"{reden}: geen toegang of onbekend id",
    )
    raise GeenToegang(f"dit object ({objecttype})", nodig="een rol in de toelatingszaak")


def _lees(
    gebruiker: Gebruiker, objecttype: str, obj: Any, zaak: Toelatingszaak, grond: Any, reden: str
) -> None:
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.LEZEN,
        objecttype=objecttype,
        object_id=obj.publiek_id,
        leerling_publiek_id=zaak.leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
    )


def _lijst(gebruiker: Gebruiker, objecttype: str, paren: list[tuple[Any, Any]], reden: str) -> None:
    if paren:
        audit_registreer_lijst(
            gebruiker=gebruiker,
            objecttype=objecttype,
            items=[
                (o.publiek_id, o.zaak.leerling.publiek_id, g.rol, g.organisatie_id)
                for o, g in paren
            ],
            reden=reden,
        )


# --- overeenkomsten ------------------------------------------------------------------------


#: De velden die de toegangscontrole van een lijst leest (zie rugzak.gedeeld.paginering).
_LICHT = ("zaak", "zaak__leerling", "zaak__school", "zaak__school__bestuur")


def overeenkomsten_deel(
    *, gebruiker: Gebruiker, venster: Venster | None, reden: str = "overzicht overeenkomsten"
) -> Deel[tuple[Overeenkomst, toegang.Toegangsgrond]]:
    """De overeenkomsten die ``gebruiker`` mag lezen: de pagina ``venster`` (None: alle)
    en het totaal; de teruggegeven worden gelogd."""
    qs = (
        Overeenkomst.objects.filter(zaak__leerling__in=_zichtbare_zaken(gebruiker))
        .select_related("zaak", "zaak__school", "zaak__leerling")
        .order_by("-looptijd_van", "id")
    )

    def met_grond(objecten: list[Overeenkomst]) -> list[tuple[Overeenkomst, Any]]:
        gronden = _gronden(gebruiker, [o.zaak for o in objecten], voorgefilterd=True)
        return [(o, gronden[o.zaak.pk]) for o in objecten if o.zaak.pk in gronden]

    deel = pagineer(qs, met_grond, venster, licht=_LICHT)
    _lijst(gebruiker, "overeenkomst", deel.items, reden)
    return deel


def overeenkomsten_lijst(
    *, gebruiker: Gebruiker, reden: str = "overzicht overeenkomsten"
) -> list[tuple[Overeenkomst, toegang.Toegangsgrond]]:
    return overeenkomsten_deel(gebruiker=gebruiker, venster=None, reden=reden).items


@dataclass(frozen=True)
class OvereenkomstDossier:
    overeenkomst: Overeenkomst
    grond: toegang.Toegangsgrond
    overgangen: list[OvereenkomstOvergang]


def _overeenkomst(
    gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> tuple[Overeenkomst, toegang.Toegangsgrond]:
    obj = (
        Overeenkomst.objects.select_related("zaak", "zaak__school", "zaak__leerling")
        .filter(publiek_id=publiek_id)
        .first()
    )
    grond = _gronden(gebruiker, [obj.zaak]).get(obj.zaak.pk) if obj is not None else None
    if obj is None or grond is None:
        _weiger(gebruiker, "overeenkomst", publiek_id, reden)
    return obj, grond


def overeenkomst_voor_handeling(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> Overeenkomst:
    """De overeenkomst waarop ``gebruiker`` een handeling wil doen, als hij haar mag lezen;
    geen leesregel (de service legt de handeling vast; een geweigerde schrijft niets)."""
    return _overeenkomst(gebruiker, publiek_id, reden)[0]


def overeenkomst_dossier(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> OvereenkomstDossier:
    obj, grond = _overeenkomst(gebruiker, publiek_id, reden)
    _lees(gebruiker, "overeenkomst", obj, obj.zaak, grond, reden)
    return OvereenkomstDossier(
        overeenkomst=obj,
        grond=grond,
        overgangen=list(obj.overgangen.select_related("door").order_by("wanneer", "id")),
    )


# --- handelingsplannen ---------------------------------------------------------------------


def handelingsplannen_deel(
    *, gebruiker: Gebruiker, venster: Venster | None, reden: str = "overzicht handelingsplannen"
) -> Deel[tuple[Handelingsplan, toegang.Toegangsgrond]]:
    """De handelingsplannen die ``gebruiker`` mag lezen: de pagina ``venster`` (None: alle)
    en het totaal; de teruggegeven worden gelogd."""
    qs = (
        Handelingsplan.objects.filter(zaak__leerling__in=_zichtbare_zaken(gebruiker))
        .select_related("zaak", "zaak__school", "zaak__leerling")
        .order_by("-aangemaakt_op", "id")
    )

    def met_grond(objecten: list[Handelingsplan]) -> list[tuple[Handelingsplan, Any]]:
        gronden = _plangronden(gebruiker, [o.zaak for o in objecten], voorgefilterd=True)
        return [(o, gronden[o.zaak.pk]) for o in objecten if o.zaak.pk in gronden]

    deel = pagineer(qs, met_grond, venster, licht=_LICHT)
    _lijst(gebruiker, "handelingsplan", deel.items, reden)
    return deel


def handelingsplannen_lijst(
    *, gebruiker: Gebruiker, reden: str = "overzicht handelingsplannen"
) -> list[tuple[Handelingsplan, toegang.Toegangsgrond]]:
    return handelingsplannen_deel(gebruiker=gebruiker, venster=None, reden=reden).items


def handelingsplannen_met_grond(
    *, gebruiker: Gebruiker
) -> list[tuple[Handelingsplan, toegang.Toegangsgrond]]:
    """Als :func:`handelingsplannen_lijst`, zonder auditregel (voor de termijnen, die het
    termijnregister zelf logt)."""
    if not leest_zaken(gebruiker, ab_leest=True):
        return []
    objecten = list(
        Handelingsplan.objects.filter(zaak__leerling__in=_zichtbare_zaken(gebruiker))
        .select_related("zaak", "zaak__school", "zaak__leerling")
        .order_by("id")
    )
    gronden = _plangronden(gebruiker, [o.zaak for o in objecten], voorgefilterd=True)
    return [(o, gronden[o.zaak.pk]) for o in objecten if o.zaak.pk in gronden]


def evaluaties_met_grond(*, gebruiker: Gebruiker) -> list[tuple[Evaluatie, toegang.Toegangsgrond]]:
    """De evaluaties van de handelingsplannen die ``gebruiker`` mag lezen (dezelfde regel als
    :func:`handelingsplannen_met_grond`), op uiterste datum, met plan, zaak, school en
    leerling in dezelfde query; zonder auditregel (voor de termijnen)."""
    if not leest_zaken(gebruiker, ab_leest=True):
        return []
    evaluaties = list(
        Evaluatie.objects.filter(handelingsplan__zaak__leerling__in=_zichtbare_zaken(gebruiker))
        .select_related(
            "handelingsplan", "handelingsplan__zaak", "handelingsplan__zaak__school",
            "handelingsplan__zaak__leerling",
        )
        .order_by("uiterlijk", "id")
    )  # fmt: skip
    zaken = {e.handelingsplan.zaak.pk: e.handelingsplan.zaak for e in evaluaties}
    gronden = _plangronden(gebruiker, list(zaken.values()), voorgefilterd=True)
    return [
        (e, gronden[e.handelingsplan.zaak.pk])
        for e in evaluaties
        if e.handelingsplan.zaak.pk in gronden
    ]


@dataclass(frozen=True)
class HandelingsplanDossier:
    plan: Handelingsplan
    grond: toegang.Toegangsgrond
    overgangen: list[HandelingsplanOvergang]
    instemmingen: list[Instemming]
    evaluaties: list[Evaluatie]
    ontbrekend: dict[str, str]
    volgende: list[str]


def _handelingsplan(
    gebruiker: Gebruiker, publiek_id: UUID, reden: str, *, ab_leest: bool = False
) -> tuple[Handelingsplan, toegang.Toegangsgrond]:
    plan = (
        Handelingsplan.objects.select_related("zaak", "zaak__school", "zaak__leerling")
        .filter(publiek_id=publiek_id)
        .first()
    )
    grond = (
        _gronden(gebruiker, [plan.zaak], ab_leest=ab_leest).get(plan.zaak.pk)
        if plan is not None
        else None
    )
    if plan is None or grond is None:
        _weiger(gebruiker, "handelingsplan", publiek_id, reden)
    return plan, grond


def handelingsplan_voor_handeling(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> Handelingsplan:
    """Als :func:`overeenkomst_voor_handeling`, voor een handelingsplan."""
    return _handelingsplan(gebruiker, publiek_id, reden)[0]


def handelingsplan_dossier(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> HandelingsplanDossier:
    plan, grond = _handelingsplan(gebruiker, publiek_id, reden, ab_leest=True)
    _lees(gebruiker, "handelingsplan", plan, plan.zaak, grond, reden)
    return HandelingsplanDossier(
        plan=plan,
        grond=grond,
        overgangen=list(plan.overgangen.select_related("door").order_by("wanneer", "id")),
        instemmingen=list(plan.instemmingen.all()),
        evaluaties=list(plan.evaluaties.all()),
        ontbrekend=handelingsplan_ontbrekend(plan),
        volgende=sorted(HANDELINGSPLAN_OVERGANGEN[plan.toestand]),
    )


def evaluatie_voor_handeling(*, gebruiker: Gebruiker, publiek_id: UUID, reden: str) -> Evaluatie:
    """Als :func:`overeenkomst_voor_handeling`, voor een evaluatie."""
    return evaluatie_zoek(gebruiker=gebruiker, publiek_id=publiek_id, reden=reden, lezen=False)[0]


def evaluatie_zoek(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str, lezen: bool = True
) -> tuple[Evaluatie, toegang.Toegangsgrond]:
    evaluatie = (
        Evaluatie.objects.select_related(
            "handelingsplan",
            "handelingsplan__zaak",
            "handelingsplan__zaak__school",
            "handelingsplan__zaak__leerling",
        )
        .filter(publiek_id=publiek_id)
        .first()
    )
    zaak = evaluatie.handelingsplan.zaak if evaluatie is not None else None
    grond = _gronden(gebruiker, [zaak], ab_leest=lezen).get(zaak.pk) if zaak is not None else None
    if evaluatie is None or zaak is None or grond is None:
        _weiger(gebruiker, "evaluatie", publiek_id, reden)
    if lezen:
        _lees(gebruiker, "evaluatie", evaluatie, zaak, grond, reden)
    return evaluatie, grond
