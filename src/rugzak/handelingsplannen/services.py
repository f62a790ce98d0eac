"""Schrijven: overeenkomst school-ouders, handelingsplan, instemming van de ouders en
evaluaties (002, fase 11a en 13, bijlage 2).

Zoals in rugzak.toelating.services: eerst toegang, dan de versie die de gebruiker las,
dan alle voorwaarden, en pas dan schrijven, in één transactie, met auditregel en
(bij een overgang) een regel in de geschiedenis. Een geweigerde handeling schrijft niets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.gedeeld.datumtekst import lange_datum
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.versie import versie_bijwerken
from rugzak.handelingsplannen import overgangen
from rugzak.handelingsplannen.models import (
    VERPLICHTE_ONDERDELEN,
    Evaluatie,
    Handelingsplan,
    HandelingsplanOvergang,
    Handelingsplantoestand,
    Instemming,
    Instemmingsbesluit,
    Overeenkomst,
    OvereenkomstOvergang,
    Overeenkomsttoestand,
)
from rugzak.leerlingen.models import SCHOOLSOORTEN_MET_GROEP
from rugzak.organisaties.models import Gebruiker
from rugzak.organisaties.rollen import Roltype
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import termijnen as regels_termijnen
from rugzak.regeling.tijd import Schooljaar
from rugzak.toelating import hulp, rechten
from rugzak.toelating.models import Toelatingszaak, Toestand
from rugzak.toelating.overgangen import DIRECTIE, PROTOCOL

#: Toestanden van de toelatingszaak waarin een overeenkomst wordt opgesteld (fase 11a).
OVEREENKOMST_TOESTANDEN = frozenset({Toestand.F11A})
#: Toestanden waarin een handelingsplan wordt opgesteld: na de beslissing tot plaatsing en
#: de overeenkomst (fase 11a), uiterlijk in fase 13, en daarna per periode.
PLAN_TOESTANDEN = frozenset(
    {Toestand.F11A, Toestand.F12A, Toestand.F13, Toestand.F14, Toestand.TOEGELATEN}
)

OVEREENKOMST_VELDEN = frozenset(
    {
        "groep",
        "leerjaar",
        "looptijd_van",
        "looptijd_tot",
        "extra_evaluatiemomenten",
        "verdere_afspraken",
        "inzet_pgb",
        "inzet_budget",
        "verplichtingen",
    }
)
PLAN_VELDEN = frozenset(
    {
        *VERPLICHTE_ONDERDELEN,
        "ambulant_begeleider_naam",
        "periode_van",
        "periode_tot",
    }
)


def _grond(
    door: Gebruiker,
    zaak: Toelatingszaak,
    rollen: frozenset[str],
    *,
    wat: str,
    nodig: str,
    ouder: bool = False,
) -> toegang.Toegangsgrond:
    return toegang.vereis(
        rechten.grond(door, leerling=zaak.leerling, scholen={zaak.school_id: rollen}, ouder=ouder),
        wat=wat,
        nodig=nodig,
    )


def _geschiedenis(
    model: type[OvereenkomstOvergang] | type[HandelingsplanOvergang],
    *,
    zaak: Any,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    van: str,
    naar: str,
    notitie: str,
) -> None:
    model.objects.create(
        zaak=zaak, datum=vandaag(), door=door, rol=grond.rol, van=van, naar=naar, notitie=notitie
    )


# --- overeenkomst ------------------------------------------------------------------------


def _controleer_overeenkomst(
    zaak: Toelatingszaak, waarden: Mapping[str, Any], fouten: dict[str, list[str]]
) -> None:
    groep, leerjaar = waarden.get("groep"), waarden.get("leerjaar")
    if zaak.school.schoolsoort in SCHOOLSOORTEN_MET_GROEP:
        if not isinstance(groep, int) or not 1 <= groep <= 8:
            fouten["groep"] = ["de groep waarin het kind voorlopig geplaatst wordt (1-8)"]
        if leerjaar is not None:
            fouten["leerjaar"] = ["op deze school geldt een groep, geen leerjaar"]
    else:
        if not isinstance(leerjaar, int) or not 1 <= leerjaar <= 6:
            fouten["leerjaar"] = ["het leerjaar waarin de leerling voorlopig geplaatst wordt (1-6)"]
        if groep is not None:
            fouten["groep"] = ["op deze school geldt een leerjaar, geen groep"]
    van, tot = waarden.get("looptijd_van"), waarden.get("looptijd_tot")
    if not isinstance(van, date):
        fouten["looptijd_van"] = ["de begindatum van de overeenkomst"]
    if not isinstance(tot, date):
        fouten["looptijd_tot"] = ["de einddatum van de overeenkomst"]
    if isinstance(van, date) and isinstance(tot, date) and tot < van:
        fouten["looptijd_tot"] = ["ligt vóór de begindatum"]
    momenten = waarden.get("extra_evaluatiemomenten") or []
    if not isinstance(momenten, list | tuple) or not all(isinstance(m, date) for m in momenten):
        fouten["extra_evaluatiemomenten"] = ["een lijst datums"]
    elif isinstance(van, date) and isinstance(tot, date):
        buiten = [lange_datum(m) for m in momenten if not van <= m <= tot]
        if buiten:
            fouten["extra_evaluatiemomenten"] = [
                f"valt buiten de looptijd van de overeenkomst: {', '.join(buiten)}"
            ]
    for veld, wat in (
        ("inzet_budget", "de voorgenomen inzet van het leerlinggebonden budget"),
        ("verplichtingen", "de verplichtingen van de partijen"),
    ):
        hulp.vereis_tekst(fouten, veld, str(waarden.get(veld) or ""), wat)


def _schone_overeenkomst(waarden: Mapping[str, Any]) -> dict[str, Any]:
    uit = dict(waarden)
    for veld in ("verdere_afspraken", "inzet_pgb", "inzet_budget", "verplichtingen"):
        if isinstance(uit.get(veld), str):
            uit[veld] = uit[veld].strip()
    if "extra_evaluatiemomenten" in uit:
        uit["extra_evaluatiemomenten"] = sorted(
            m.isoformat() if isinstance(m, date) else m for m in uit["extra_evaluatiemomenten"]
        )
    return uit


def overeenkomst_bezwaar(zaak: Toelatingszaak) -> dict[str, str] | None:
    """Waarom er voor deze zaak nu geen overeenkomst opgesteld kan worden (veld: reden), of
    None. Dezelfde voorwaarde toetst :func:`overeenkomst_opstellen`; de webpagina toont het
    formulier alleen zonder bezwaar."""
    if zaak.toestand not in OVEREENKOMST_TOESTANDEN:
        return {
            "toestand": f"een overeenkomst hoort bij fase 11a; de zaak is in "
            f"{Toestand(zaak.toestand).label}"
        }
    if Overeenkomst.objects.filter(zaak=zaak).exists():
        return {"zaak": "deze zaak heeft al een overeenkomst"}
    return None


@transaction.atomic
def overeenkomst_opstellen(
    *,
    door: Gebruiker,
    zaak: Toelatingszaak,
    looptijd_van: date,
    looptijd_tot: date,
    inzet_budget: str,
    verplichtingen: str,
    groep: int | None = None,
    leerjaar: int | None = None,
    extra_evaluatiemomenten: Sequence[date] = (),
    verdere_afspraken: str = "",
    inzet_pgb: str = "",
    publiek_id: UUID | None = None,
) -> Overeenkomst:
    """Fase 11a: de school stelt de overeenkomst school-ouders op (model: 002, bijlage 2).

    ``inzet_budget`` is de inzet van het leerlinggebonden budget, wat bijlage 2 het
    'persoonsgebonden budget' noemt; ``inzet_pgb`` is alleen een PGB voor zorg (000),
    niet de rugzak (interpretatie I-62)."""
    zaak = (
        Toelatingszaak.objects.select_for_update()
        .select_related("school", "leerling")
        .get(pk=zaak.pk)
    )
    grond = _grond(
        door,
        zaak,
        PROTOCOL,
        wat="een overeenkomst opstellen voor deze zaak",
        nodig="de rol directie of intern begeleider bij de school van de zaak",
    )
    bezwaar = overeenkomst_bezwaar(zaak)
    if bezwaar is not None:
        raise ValidationError(bezwaar)
    waarden: dict[str, Any] = {
        "groep": groep,
        "leerjaar": leerjaar,
        "looptijd_van": looptijd_van,
        "looptijd_tot": looptijd_tot,
        "extra_evaluatiemomenten": list(extra_evaluatiemomenten),
        "verdere_afspraken": verdere_afspraken,
        "inzet_pgb": inzet_pgb,
        "inzet_budget": inzet_budget,
        "verplichtingen": verplichtingen,
    }
    fouten: dict[str, list[str]] = {}
    _controleer_overeenkomst(zaak, waarden, fouten)
    hulp.weiger(fouten)
    overeenkomst = Overeenkomst(zaak=zaak, aangemaakt_door=door, **_schone_overeenkomst(waarden))
    if publiek_id is not None:
        overeenkomst.publiek_id = publiek_id
    overeenkomst.save()
    _geschiedenis(
        OvereenkomstOvergang,
        zaak=overeenkomst,
        door=door,
        grond=grond,
        van="",
        naar=Overeenkomsttoestand.CONCEPT,
        notitie="overeenkomst opgesteld",
    )
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="overeenkomst",
        object_id=overeenkomst.publiek_id,
        leerling=zaak.leerling,
        reden="overeenkomst school-ouders opgesteld",
        velden=sorted(k for k, v in waarden.items() if v not in (None, "", [])),
    )
    return overeenkomst


@transaction.atomic
def overeenkomst_wijzigen(
    *, door: Gebruiker, overeenkomst: Overeenkomst, versie: int, wijzigingen: Mapping[str, Any]
) -> Overeenkomst:
    """Wijzig de tekst zolang nog niemand tekende."""
    overeenkomst = hulp.vers(overeenkomst, versie)
    zaak = overeenkomst.zaak
    grond = _grond(
        door,
        zaak,
        PROTOCOL,
        wat="deze overeenkomst wijzigen",
        nodig="de rol directie of intern begeleider bij de school van de zaak",
    )
    onbekend = sorted(set(wijzigingen) - OVEREENKOMST_VELDEN)
    if onbekend:
        wel = ", ".join(sorted(OVEREENKOMST_VELDEN))
        raise ValidationError({v: f"kan niet gewijzigd worden; wel: {wel}" for v in onbekend})
    if overeenkomst.toestand != Overeenkomsttoestand.CONCEPT:
        raise ValidationError(
            {"toestand": "een (deels) ondertekende overeenkomst wordt niet meer gewijzigd"}
        )
    waarden = {v: getattr(overeenkomst, v) for v in OVEREENKOMST_VELDEN}
    waarden["extra_evaluatiemomenten"] = [
        date.fromisoformat(m) for m in overeenkomst.extra_evaluatiemomenten
    ]
    waarden.update(wijzigingen)
    fouten: dict[str, list[str]] = {}
    _controleer_overeenkomst(zaak, waarden, fouten)
    hulp.weiger(fouten)
    schoon = _schone_overeenkomst({k: waarden[k] for k in wijzigingen})
    gewijzigd = {k: v for k, v in schoon.items() if getattr(overeenkomst, k) != v}
    if not gewijzigd:
        return overeenkomst
    versie_bijwerken(overeenkomst, verwachte_versie=versie, wijzigingen=gewijzigd)
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="overeenkomst",
        object_id=overeenkomst.publiek_id,
        leerling=zaak.leerling,
        reden="overeenkomst gewijzigd",
        velden=sorted(gewijzigd),
    )
    return overeenkomst


def _overeenkomst_overgang(
    *,
    overeenkomst: Overeenkomst,
    versie: int,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    wijzigingen: dict[str, Any],
    notitie: str,
) -> Overeenkomst:
    van = overeenkomst.toestand
    school = wijzigingen.get("school_getekend_op", overeenkomst.school_getekend_op)
    ouders = wijzigingen.get("ouders_getekend_op", overeenkomst.ouders_getekend_op)
    if school and ouders:
        naar = Overeenkomsttoestand.ONDERTEKEND
    elif school:
        naar = Overeenkomsttoestand.GETEKEND_SCHOOL
    else:
        naar = Overeenkomsttoestand.GETEKEND_OUDERS
    if naar not in overgangen.OVEREENKOMST_OVERGANGEN[van]:  # pragma: no cover - vangnet
        raise ValidationError({"toestand": f"van {van} naar {naar} is niet toegestaan"})
    versie_bijwerken(
        overeenkomst, verwachte_versie=versie, wijzigingen={**wijzigingen, "toestand": naar}
    )
    _geschiedenis(
        OvereenkomstOvergang,
        zaak=overeenkomst,
        door=door,
        grond=grond,
        van=van,
        naar=naar,
        notitie=notitie,
    )
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="overeenkomst",
        object_id=overeenkomst.publiek_id,
        leerling=overeenkomst.zaak.leerling,
        reden=notitie,
        velden=sorted([*wijzigingen, "toestand"]),
    )
    return overeenkomst


@transaction.atomic
def overeenkomst_ondertekenen_school(
    *, door: Gebruiker, overeenkomst: Overeenkomst, versie: int, getekend_op: date
) -> Overeenkomst:
    """De directie tekent namens de school."""
    overeenkomst = hulp.vers(overeenkomst, versie)
    grond = _grond(
        door,
        overeenkomst.zaak,
        DIRECTIE,
        wat="tekenen namens de school",
        nodig="de rol directie bij de school van de zaak",
    )
    fouten: dict[str, list[str]] = {}
    if overeenkomst.school_getekend_op is not None:
        fouten["school_getekend_op"] = [
            f"de school tekende al op {lange_datum(overeenkomst.school_getekend_op)}"
        ]
    hulp.niet_in_toekomst(fouten, "getekend_op", getekend_op)
    hulp.weiger(fouten)
    return _overeenkomst_overgang(
        overeenkomst=overeenkomst,
        versie=versie,
        door=door,
        grond=grond,
        wijzigingen={"school_getekend_op": getekend_op, "school_getekend_door": door},
        notitie=f"getekend namens de school op {lange_datum(getekend_op)}",
    )


@transaction.atomic
def overeenkomst_ondertekenen_ouders(
    *,
    door: Gebruiker,
    overeenkomst: Overeenkomst,
    versie: int,
    getekend_op: date,
    naam: str = "",
) -> Overeenkomst:
    """De ouders tekenen: zelf (als ouder ingelogd), of de school legt de handtekening op
    papier vast (directie of intern begeleider, met de naam van de ouder)."""
    overeenkomst = hulp.vers(overeenkomst, versie)
    grond = _grond(
        door,
        overeenkomst.zaak,
        PROTOCOL,
        ouder=True,
        wat="de handtekening van de ouders vastleggen",
        nodig="ouder van de leerling, of directie of intern begeleider van de school",
    )
    fouten: dict[str, list[str]] = {}
    zelf = grond.rol == Roltype.OUDER
    if not zelf:
        hulp.vereis_tekst(fouten, "naam", naam, "de naam van de ouder die op papier tekende")
    if overeenkomst.ouders_getekend_op is not None:
        fouten["ouders_getekend_op"] = [
            f"de ouders tekenden al op {lange_datum(overeenkomst.ouders_getekend_op)}"
        ]
    hulp.niet_in_toekomst(fouten, "getekend_op", getekend_op)
    hulp.weiger(fouten)
    return _overeenkomst_overgang(
        overeenkomst=overeenkomst,
        versie=versie,
        door=door,
        grond=grond,
        wijzigingen={
            "ouders_getekend_op": getekend_op,
            "ouders_getekend_door": door if zelf else None,
            "ouders_getekend_naam": door.weergavenaam if zelf else naam.strip(),
        },
        notitie=f"getekend door de ouders op {lange_datum(getekend_op)}"
        + ("" if zelf else " (op papier, vastgelegd door de school)"),
    )


# --- handelingsplan ------------------------------------------------------------------------


def _controleer_periode(waarden: Mapping[str, Any], fouten: dict[str, list[str]]) -> None:
    van, tot = waarden.get("periode_van"), waarden.get("periode_tot")
    if isinstance(van, date) and isinstance(tot, date) and tot < van:
        fouten["periode_tot"] = ["ligt vóór het begin van de periode"]


@transaction.atomic
def handelingsplan_opstellen(
    *,
    door: Gebruiker,
    zaak: Toelatingszaak,
    beginsituatie: str = "",
    doelstelling: str = "",
    voorzieningen_en_maatregelen: str = "",
    inzet_lgf: str = "",
    monitoring: str = "",
    ambulant_begeleider_naam: str = "",
    periode_van: date | None = None,
    periode_tot: date | None = None,
    publiek_id: UUID | None = None,
) -> Handelingsplan:
    """Fase 13: begin een handelingsplan (concept), op te stellen met ouders en de
    ambulant begeleider van het REC. Onderdelen mogen nog leeg zijn."""
    zaak = (
        Toelatingszaak.objects.select_for_update()
        .select_related("school", "leerling")
        .get(pk=zaak.pk)
    )
    grond = _grond(
        door,
        zaak,
        PROTOCOL,
        wat="een handelingsplan opstellen voor deze leerling",
        nodig="de rol directie of intern begeleider bij de school van de zaak",
    )
    if zaak.toestand not in PLAN_TOESTANDEN:
        raise ValidationError(
            {
                "toestand": (
                    "een handelingsplan volgt op de beslissing tot plaatsing (fase 11a tot en "
                    f"met 14); de zaak is in {Toestand(zaak.toestand).label}"
                )
            }
        )
    if zaak.handelingsplannen.exclude(toestand=Handelingsplantoestand.VASTGESTELD).exists():
        raise ValidationError(
            {"zaak": "er is al een handelingsplan in voorbereiding; werk dat bij"}
        )
    waarden = {
        "beginsituatie": beginsituatie.strip(),
        "doelstelling": doelstelling.strip(),
        "voorzieningen_en_maatregelen": voorzieningen_en_maatregelen.strip(),
        "inzet_lgf": inzet_lgf.strip(),
        "monitoring": monitoring.strip(),
        "ambulant_begeleider_naam": ambulant_begeleider_naam.strip(),
        "periode_van": periode_van,
        "periode_tot": periode_tot,
    }
    fouten: dict[str, list[str]] = {}
    _controleer_periode(waarden, fouten)
    hulp.weiger(fouten)
    plan = Handelingsplan(zaak=zaak, aangemaakt_door=door, **waarden)
    if publiek_id is not None:
        plan.publiek_id = publiek_id
    plan.save()
    _geschiedenis(
        HandelingsplanOvergang,
        zaak=plan,
        door=door,
        grond=grond,
        van="",
        naar=Handelingsplantoestand.CONCEPT,
        notitie="handelingsplan opgesteld (concept)",
    )
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="handelingsplan",
        object_id=plan.publiek_id,
        leerling=zaak.leerling,
        reden="handelingsplan opgesteld (concept)",
        velden=sorted(k for k, v in waarden.items() if v),
    )
    return plan


@transaction.atomic
def handelingsplan_wijzigen(
    *, door: Gebruiker, plan: Handelingsplan, versie: int, wijzigingen: Mapping[str, Any]
) -> Handelingsplan:
    """Werk een concept bij (ook na een weigering door de ouders)."""
    plan = hulp.vers(plan, versie)
    zaak = plan.zaak
    grond = _grond(
        door,
        zaak,
        PROTOCOL,
        wat="dit handelingsplan wijzigen",
        nodig="de rol directie of intern begeleider bij de school van de zaak",
    )
    onbekend = sorted(set(wijzigingen) - PLAN_VELDEN)
    if onbekend:
        wel = ", ".join(sorted(PLAN_VELDEN))
        raise ValidationError({v: f"kan niet gewijzigd worden; wel: {wel}" for v in onbekend})
    if plan.toestand != Handelingsplantoestand.CONCEPT:
        raise ValidationError(
            {
                "toestand": (
                    "alleen een concept wordt gewijzigd; dit plan is "
                    f"{Handelingsplantoestand(plan.toestand).label}"
                )
            }
        )
    schoon = {k: v.strip() if isinstance(v, str) else v for k, v in wijzigingen.items()}
    fouten: dict[str, list[str]] = {}
    _controleer_periode(
        {"periode_van": plan.periode_van, "periode_tot": plan.periode_tot, **schoon}, fouten
    )
    hulp.weiger(fouten)
    gewijzigd = {k: v for k, v in schoon.items() if getattr(plan, k) != v}
    if not gewijzigd:
        return plan
    versie_bijwerken(plan, verwachte_versie=versie, wijzigingen=gewijzigd)
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="handelingsplan",
        object_id=plan.publiek_id,
        leerling=zaak.leerling,
        reden="handelingsplan gewijzigd",
        velden=sorted(gewijzigd),
    )
    return plan


@transaction.atomic
def handelingsplan_voorleggen(
    *, door: Gebruiker, plan: Handelingsplan, versie: int, voorgelegd_op: date
) -> Handelingsplan:
    """Rond het concept af en leg het de ouders voor ter instemming. Geweigerd met elk
    ontbrekend verplicht onderdeel (002, fase 13)."""
    plan = hulp.vers(plan, versie)
    zaak = plan.zaak
    grond = _grond(
        door,
        zaak,
        PROTOCOL,
        wat="dit handelingsplan voorleggen",
        nodig="de rol directie of intern begeleider bij de school van de zaak",
    )
    if plan.toestand != Handelingsplantoestand.CONCEPT:
        raise ValidationError({"toestand": "alleen een concept wordt voorgelegd"})
    fouten: dict[str, list[str]] = {
        veld: [f"het handelingsplan is nog niet af; nog nodig: {tekst}"]
        for veld, tekst in overgangen.handelingsplan_ontbrekend(plan).items()
    }
    hulp.niet_in_toekomst(fouten, "voorgelegd_op", voorgelegd_op)
    hulp.weiger(fouten)
    naar = Handelingsplantoestand.TER_INSTEMMING
    versie_bijwerken(
        plan,
        verwachte_versie=versie,
        wijzigingen={"toestand": naar, "voorgelegd_op": voorgelegd_op},
    )
    _geschiedenis(
        HandelingsplanOvergang,
        zaak=plan,
        door=door,
        grond=grond,
        van=Handelingsplantoestand.CONCEPT,
        naar=naar,
        notitie=f"voorgelegd aan de ouders op {lange_datum(voorgelegd_op)}",
    )
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="handelingsplan",
        object_id=plan.publiek_id,
        leerling=zaak.leerling,
        reden="handelingsplan voorgelegd ter instemming",
        velden=["toestand", "voorgelegd_op"],
    )
    return plan


def _evaluatiemomenten(plan: Handelingsplan, vanaf: date) -> list[Evaluatie]:
    """De evaluaties van het schooljaar van ``vanaf`` die nog niet verstreken zijn (de
    momenten en uiterste datums komen uit de regelkern; I-21)."""
    schooljaar = Schooljaar.van_datum(vanaf)
    momenten = regels_termijnen.evaluatiemomenten(standaard_regeling(), schooljaar)
    return [
        Evaluatie(
            handelingsplan=plan,
            schooljaar=schooljaar.beginjaar,
            regel=t.regel,
            omschrijving=t.omschrijving,
            uiterlijk=t.uiterlijk,
        )
        for t in momenten
        if t.uiterlijk >= vanaf
    ]


@transaction.atomic
def handelingsplan_instemming(
    *,
    door: Gebruiker,
    plan: Handelingsplan,
    versie: int,
    besluit: str,
    op: date,
    toelichting: str = "",
    ouder_naam: str = "",
) -> Handelingsplan:
    """De ouders stemmen in (het plan is vastgesteld en de evaluaties worden gepland) of
    weigeren (terug naar concept). Door de ouder zelf, of door de school vastgelegd met de
    naam van de ouder (schriftelijke instemming). Pas met instemming is het plan
    vastgesteld en de termijn van een maand gehaald (I-39)."""
    plan = hulp.vers(plan, versie)
    zaak = plan.zaak
    grond = _grond(
        door,
        zaak,
        PROTOCOL,
        ouder=True,
        wat="de instemming van de ouders vastleggen",
        nodig="ouder van de leerling, of directie of intern begeleider van de school",
    )
    zelf = grond.rol == Roltype.OUDER
    fouten: dict[str, list[str]] = {}
    if plan.toestand != Handelingsplantoestand.TER_INSTEMMING:
        fouten["toestand"] = ["het plan is niet voorgelegd ter instemming"]
    if besluit not in Instemmingsbesluit.values:
        fouten["besluit"] = [f"kies {' of '.join(Instemmingsbesluit.values)}"]
    if not zelf:
        hulp.vereis_tekst(fouten, "ouder_naam", ouder_naam, "de naam van de ouder")
    if besluit == Instemmingsbesluit.GEWEIGERD:
        hulp.vereis_tekst(fouten, "toelichting", toelichting, "waarom de ouders niet instemmen")
    hulp.niet_in_toekomst(fouten, "op", op)
    if plan.voorgelegd_op is not None and op < plan.voorgelegd_op:
        fouten.setdefault("op", []).append(
            f"ligt vóór het voorleggen ({lange_datum(plan.voorgelegd_op)})"
        )
    hulp.weiger(fouten)
    instemming = Instemming.objects.create(
        handelingsplan=plan,
        besluit=besluit,
        op=op,
        ouder=door if zelf else None,
        ouder_naam=door.weergavenaam if zelf else ouder_naam.strip(),
        toelichting=toelichting.strip(),
        vastgelegd_door=door,
    )
    van = plan.toestand
    if besluit == Instemmingsbesluit.INGESTEMD:
        naar = Handelingsplantoestand.VASTGESTELD
        versie_bijwerken(
            plan, verwachte_versie=versie, wijzigingen={"toestand": naar, "vastgesteld_op": op}
        )
        Evaluatie.objects.bulk_create(_evaluatiemomenten(plan, op))
        notitie = (
            f"de ouders stemmen in ({instemming.ouder_naam}); vastgesteld op {lange_datum(op)}"
        )
    else:
        naar = Handelingsplantoestand.CONCEPT
        versie_bijwerken(
            plan, verwachte_versie=versie, wijzigingen={"toestand": naar, "voorgelegd_op": None}
        )
        notitie = f"de ouders stemmen niet in ({instemming.ouder_naam}): {toelichting.strip()}"
    _geschiedenis(
        HandelingsplanOvergang,
        zaak=plan,
        door=door,
        grond=grond,
        van=van,
        naar=naar,
        notitie=notitie,
    )
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="handelingsplan",
        object_id=plan.publiek_id,
        leerling=zaak.leerling,
        reden=notitie,
        velden=["toestand", "instemming"]
        + (["vastgesteld_op"] if naar == Handelingsplantoestand.VASTGESTELD else []),
    )
    return plan


@transaction.atomic
def evaluatie_vastleggen(
    *, door: Gebruiker, evaluatie: Evaluatie, versie: int, gehouden_op: date, verslag: str
) -> Evaluatie:
    """Een evaluatie is gehouden; het verslag hoort erbij (002, bijlage 2)."""
    evaluatie = hulp.vers(evaluatie, versie)
    plan = evaluatie.handelingsplan
    zaak = plan.zaak
    grond = _grond(
        door,
        zaak,
        PROTOCOL,
        wat="deze evaluatie vastleggen",
        nodig="de rol directie of intern begeleider bij de school van de leerling",
    )
    fouten: dict[str, list[str]] = {}
    if evaluatie.gehouden_op is not None:
        fouten["gehouden_op"] = [f"al gehouden op {lange_datum(evaluatie.gehouden_op)}"]
    hulp.vereis_tekst(fouten, "verslag", verslag, "het verslag van de evaluatie")
    hulp.niet_in_toekomst(fouten, "gehouden_op", gehouden_op)
    if plan.vastgesteld_op is not None and gehouden_op < plan.vastgesteld_op:
        fouten.setdefault("gehouden_op", []).append(
            f"ligt vóór de vaststelling van het plan ({lange_datum(plan.vastgesteld_op)})"
        )
    hulp.weiger(fouten)
    versie_bijwerken(
        evaluatie,
        verwachte_versie=versie,
        wijzigingen={
            "gehouden_op": gehouden_op,
            "verslag": verslag.strip(),
            "vastgelegd_door": door,
        },
    )
    _geschiedenis(
        HandelingsplanOvergang,
        zaak=plan,
        door=door,
        grond=grond,
        van=overgangen.EVALUATIE_GEPLAND,
        naar=overgangen.EVALUATIE_GEHOUDEN,
        notitie=f"{evaluatie.omschrijving} gehouden op {lange_datum(gehouden_op)}",
    )
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="evaluatie",
        object_id=evaluatie.publiek_id,
        leerling=zaak.leerling,
        reden=f"{evaluatie.omschrijving} gehouden",
        velden=["gehouden_op", "verslag"],
    )
    return evaluatie
