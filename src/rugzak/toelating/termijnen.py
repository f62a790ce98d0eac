"""De termijnen van toelatingszaken en gastleerlingschappen, als kalenderdata uit de regelkern.

- acht weken voor een besluit tot niet-toelating, vanaf de schriftelijke aanmelding
  (002, fase 11b en fase 2; I-20). Voldaan met het schriftelijke besluit tot
  niet-toelating, of met de beslissing tot toelating (dan is er niets meer te weigeren).
  De naam van de termijn en wie moet handelen volgen de fase van de zaak (I-140): vóór de
  beslissing (fase 1-8) is het de termijn om over toelating te beslissen; pas op traject b
  (9b, 10b, 11b) is het de termijn voor het besluit tot niet-toelating.
- het handelingsplan binnen een maand na plaatsing (002, fase 13; I-12), voor elke zaak op
  traject a met een datum van plaatsing; voldaan op de dag dat een handelingsplan met
  instemming van de ouders is vastgesteld.
- het einde van een gastleerlingschap (002, hoofdstuk 3; I-24); voldaan bij beëindiging.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from django.db.models import Exists, Min, OuterRef, Subquery

from rugzak.organisaties.models import Gebruiker
from rugzak.organisaties.rollen import Roltype
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import termijnen as regels
from rugzak.termijnregister import Zaaktermijn
from rugzak.toelating import selectors
from rugzak.toelating.models import EINDTOESTANDEN, Besluit, Toelatingszaak, Toestand
from rugzak.toelating.overgangen import DIRECTIE, PROTOCOL

BESTUUR = frozenset({Roltype.BESTUURDER})
OUDER = frozenset({Roltype.OUDER})
#: De fasen vóór de beslissing van de directie (002, fase 1-8).
VOOR_BESLISSING = frozenset(
    {Toestand.F1, Toestand.F2, Toestand.F3, Toestand.F4, Toestand.F5, Toestand.F6, Toestand.F7}
)
#: Traject b: de directie adviseert af te wijzen, het bestuur toetst, het besluit volgt.
TRAJECT_B = frozenset({Toestand.F9B, Toestand.F10B, Toestand.F11B, Toestand.F12B})


def _tot_vandaag(dag: date | None, vandaag: date) -> date | None:
    return dag if dag is not None and dag <= vandaag else None


def weigering_voldaan_op(zaak: Toelatingszaak) -> date | None:
    if zaak.weigering_besluit_op is not None:
        return zaak.weigering_besluit_op
    if zaak.besluit == Besluit.TOELATEN and zaak.traject == "a":
        return zaak.besluit_op
    return None


def weigering_stap(zaak: Toelatingszaak) -> tuple[str, str, frozenset[str], str]:
    """De naam van de achtwekentermijn in de fase van de zaak, en wat er nu moet gebeuren,
    door wie en waar (anker op de zaakpagina); geen actie als de termijn niet meer geldt:
    toegelaten, afgewezen of afgesloten (I-140; 002, fase 8, 9, 10 en 11)."""
    t = zaak.toestand
    if t in TRAJECT_B or t == Toestand.AFGEWEZEN:
        naam = "schriftelijk besluit tot niet-toelating"
        if t == Toestand.F9B:
            return naam, "Stuur het advies tot afwijzing naar het bestuur", DIRECTIE, "gegevens"
        if t == Toestand.F10B:
            return naam, "Toets het advies tot afwijzing", BESTUUR, "bestuurstoetsing"
        if t == Toestand.F11B:
            actie = "Leg het schriftelijke besluit tot niet-toelating vast"
            return naam, actie, DIRECTIE, "gegevens"
        return naam, "", frozenset(), ""
    if weigering_voldaan_op(zaak) is not None or zaak.besluit == Besluit.TOELATEN:
        return "beslissing over toelating: toegelaten", "", frozenset(), ""
    naam = "beslissing over toelating (een weigering kan alleen binnen acht weken)"
    if t in EINDTOESTANDEN:
        return naam, "", frozenset(), ""
    if t == Toestand.F8:
        return naam, "Beslis over toelating", DIRECTIE, "besluit"
    if t in VOOR_BESLISSING:
        return naam, "Rond de toelatingsprocedure af en beslis over toelating", PROTOCOL, "nodig"
    return naam, "", frozenset(), ""  # pragma: no cover - elke toestand staat hierboven


def zaaktermijnen(
    *, gebruiker: Gebruiker, vandaag: date, alleen_open: bool = False
) -> Iterator[Zaaktermijn]:
    regeling = standaard_regeling()
    from rugzak.handelingsplannen.models import Handelingsplan, Handelingsplantoestand

    plannen_van_zaak = Handelingsplan.objects.filter(zaak_id=OuterRef("pk")).order_by()
    # in dezelfde query als de zaken: per zaak het eerste vastgestelde plan, en of er een
    # plan ter instemming bij de ouders ligt (dan moeten zij handelen, niet de school)
    paren = selectors.toelatingszaken_met_grond(
        gebruiker=gebruiker,
        annotaties={
            "eerste_plan_op": Subquery(
                plannen_van_zaak.values("zaak_id").annotate(m=Min("vastgesteld_op")).values("m")
            ),
            "plan_ter_instemming": Exists(
                plannen_van_zaak.filter(
                    toestand=Handelingsplantoestand.TER_INSTEMMING, voorgelegd_op__isnull=False
                )
            ),
        },
    )
    plannen: dict[int, date | None] = {}
    ter_instemming: set[int] = set()
    for z, _ in paren:
        if z.traject == "a" and z.plaatsingsdatum:
            if z.eerste_plan_op is not None:
                plannen[z.pk] = z.eerste_plan_op
            if z.plan_ter_instemming:
                ter_instemming.add(z.pk)
    for zaak, grond in paren:
        if zaak.toestand == Toestand.INGETROKKEN:
            continue
        omschrijving = f"toelating op {zaak.school.naam}, {Toestand(zaak.toestand).label}"
        if zaak.aanmelding_schriftelijk_op is not None:
            termijn = regels.weigering_toelating(regeling, zaak.aanmelding_schriftelijk_op)
            naam, actie, actoren, handeling = weigering_stap(zaak)
            yield Zaaktermijn(
                zaaktype="toelating",
                zaak_id=str(zaak.publiek_id),
                leerling_publiek_id=zaak.leerling.publiek_id,
                termijn=replace(termijn, omschrijving=naam),
                grond=grond,
                voldaan_op=_tot_vandaag(weigering_voldaan_op(zaak), vandaag),
                omschrijving_zaak=omschrijving,
                actie=actie,
                actoren=actoren,
                actor_id=(zaak.school.bestuur_id if actoren == BESTUUR else zaak.school_id),
                handeling=handeling,
            )
        if zaak.traject == "a" and zaak.plaatsingsdatum is not None:
            voldaan = _tot_vandaag(plannen.get(zaak.pk), vandaag)
            if voldaan is not None or zaak.toestand in EINDTOESTANDEN:
                actie, actoren, handeling = "", frozenset(), ""
            elif zaak.pk in ter_instemming:
                actie, actoren, handeling = "Geef instemming met het handelingsplan", OUDER, ""
            else:
                actie = "Stel het handelingsplan op en leg het voor aan de ouders"
                actoren, handeling = PROTOCOL, "handelingsplan"
            yield Zaaktermijn(
                zaaktype="toelating",
                zaak_id=str(zaak.publiek_id),
                leerling_publiek_id=zaak.leerling.publiek_id,
                termijn=regels.handelingsplan(regeling, zaak.plaatsingsdatum),
                grond=grond,
                voldaan_op=voldaan,
                omschrijving_zaak=omschrijving,
                actie=actie,
                actoren=actoren,
                actor_id=None if actoren == OUDER else zaak.school_id,
                handeling=handeling,
            )
    for gast, grond in selectors.gastleerlingschappen_met_grond(gebruiker=gebruiker):
        yield Zaaktermijn(
            zaaktype="gastleerling",
            zaak_id=str(gast.publiek_id),
            leerling_publiek_id=gast.leerling.publiek_id,
            termijn=regels.gastleerling(regeling, gast.begin, gast.einde, gast.verlengd_tot),
            grond=grond,
            voldaan_op=_tot_vandaag(gast.beeindigd_op, vandaag),
            omschrijving_zaak=f"gastleerling op {gast.school.naam}",
            actie="Verleng of beëindig het gastleerlingschap",
            actoren=PROTOCOL,
            actor_id=gast.school_id,
        )
