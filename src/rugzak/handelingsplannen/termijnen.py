"""De evaluatietermijnen van vastgestelde handelingsplannen (002, bijlage 2; I-21).

Elk gepland evaluatiemoment is een termijn uit
:func:`rugzak.regeling.regels.termijnen.evaluatiemomenten`; voldaan op de dag dat de
evaluatie is gehouden. (De termijn voor het handelingsplan zelf, een maand na plaatsing,
hoort bij de toelatingszaak: zie rugzak.toelating.termijnen.)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from rugzak.handelingsplannen.selectors import evaluaties_met_grond
from rugzak.organisaties.models import Gebruiker
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import termijnen as regels
from rugzak.regeling.regels.termijnen import Termijn
from rugzak.regeling.tijd import Schooljaar
from rugzak.termijnregister import Zaaktermijn
from rugzak.toelating.overgangen import PROTOCOL


def zaaktermijnen(
    *, gebruiker: Gebruiker, vandaag: date, alleen_open: bool = False
) -> Iterator[Zaaktermijn]:
    regeling = standaard_regeling()
    momenten: dict[int, dict[tuple[str, date], Termijn]] = {}
    # één query: de evaluaties met hun plan, zaak, school en leerling
    for evaluatie, grond in evaluaties_met_grond(gebruiker=gebruiker):
        plan = evaluatie.handelingsplan
        if evaluatie.schooljaar not in momenten:
            momenten[evaluatie.schooljaar] = {
                (t.regel, t.uiterlijk): t
                for t in regels.evaluatiemomenten(regeling, Schooljaar(evaluatie.schooljaar))
            }
        termijn = momenten[evaluatie.schooljaar].get((evaluatie.regel, evaluatie.uiterlijk))
        if termijn is None:  # pragma: no cover - de regeling veranderde na het plannen
            continue
        gehouden = evaluatie.gehouden_op
        yield Zaaktermijn(
            zaaktype="handelingsplan",
            zaak_id=str(plan.publiek_id),
            leerling_publiek_id=plan.zaak.leerling.publiek_id,
            termijn=termijn,
            grond=grond,
            voldaan_op=gehouden if gehouden is not None and gehouden <= vandaag else None,
            omschrijving_zaak=f"handelingsplan op {plan.zaak.school.naam}",
            # de school houdt de evaluatie met de ouders en legt het verslag vast (002,
            # bijlage 2); directie of intern begeleider (evaluatie_vastleggen)
            actie="Houd de evaluatie en leg het verslag vast",
            actoren=PROTOCOL,
            actor_id=plan.zaak.school_id,
            handeling="evaluaties",
        )
