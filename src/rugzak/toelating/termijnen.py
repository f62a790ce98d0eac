"""De termijnen van toelatingszaken en gastleerlingschappen, als kalenderdata uit de regelkern.

- acht weken voor een besluit tot niet-toelating, vanaf de schriftelijke aanmelding
  (002, fase 11b en fase 2; I-20). Voldaan met het schriftelijke besluit tot
  niet-toelating, of met de beslissing tot toelating (dan is er niets meer te weigeren).
- het handelingsplan binnen een maand na plaatsing (002, fase 13; I-12), voor elke zaak op
  traject a met een datum van plaatsing; voldaan op de dag dat een handelingsplan met
  instemming van de ouders is vastgesteld.
- het einde van een gastleerlingschap (002, hoofdstuk 3; I-24); voldaan bij beëindiging.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Min

from rugzak.organisaties.models import Gebruiker
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import termijnen as regels
from rugzak.termijnregister import Zaaktermijn
from rugzak.toelating import selectors
from rugzak.toelating.models import Besluit, Toelatingszaak, Toestand


def _tot_vandaag(dag: date | None, vandaag: date) -> date | None:
    return dag if dag is not None and dag <= vandaag else None


def weigering_voldaan_op(zaak: Toelatingszaak) -> date | None:
    if zaak.weigering_besluit_op is not None:
        return zaak.weigering_besluit_op
    if zaak.besluit == Besluit.TOELATEN and zaak.traject == "a":
        return zaak.besluit_op
    return None


def zaaktermijnen(*, gebruiker: Gebruiker, vandaag: date) -> Iterator[Zaaktermijn]:
    regeling = standaard_regeling()
    paren = selectors.toelatingszaken_met_grond(gebruiker=gebruiker)
    plannen: dict[int, date | None] = {}
    met_plaatsing = [z.pk for z, _ in paren if z.traject == "a" and z.plaatsingsdatum]
    if met_plaatsing:
        from rugzak.handelingsplannen.models import Handelingsplan

        plannen = dict(
            Handelingsplan.objects.filter(zaak_id__in=met_plaatsing, vastgesteld_op__isnull=False)
            .values("zaak_id")
            .annotate(eerste=Min("vastgesteld_op"))
            .values_list("zaak_id", "eerste")
        )
    # Veel zaken delen hun datum: de regelkern rekent elke datum één keer.
    weigeringen: dict[date, regels.Termijn] = {}
    planningen: dict[date, regels.Termijn] = {}
    for zaak, grond in paren:
        if zaak.toestand == Toestand.INGETROKKEN:
            continue
        omschrijving = f"toelating op {zaak.school.naam}, {Toestand(zaak.toestand).label}"
        if zaak.aanmelding_schriftelijk_op is not None:
            yield Zaaktermijn(
                zaaktype="toelating",
                zaak_id=str(zaak.publiek_id),
                leerling_publiek_id=zaak.leerling.publiek_id,
                termijn=weigeringen.get(zaak.aanmelding_schriftelijk_op)
                or weigeringen.setdefault(
                    zaak.aanmelding_schriftelijk_op,
                    regels.weigering_toelating(regeling, zaak.aanmelding_schriftelijk_op),
                ),
                grond=grond,
                voldaan_op=_tot_vandaag(weigering_voldaan_op(zaak), vandaag),
                omschrijving_zaak=omschrijving,
            )
        if zaak.traject == "a" and zaak.plaatsingsdatum is not None:
            yield Zaaktermijn(
                zaaktype="toelating",
                zaak_id=str(zaak.publiek_id),
                leerling_publiek_id=zaak.leerling.publiek_id,
                termijn=planningen.get(zaak.plaatsingsdatum)
                or planningen.setdefault(
                    zaak.plaatsingsdatum, regels.handelingsplan(regeling, zaak.plaatsingsdatum)
                ),
                grond=grond,
                voldaan_op=_tot_vandaag(plannen.get(zaak.pk), vandaag),
                omschrijving_zaak=omschrijving,
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
        )
