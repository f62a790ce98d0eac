"""Demogegevens: gehouden evaluaties van de handelingsplannen uit de toelatingsdemo.

Elke evaluatie waarvan de uiterste datum vóór de peildatum ligt, is gehouden (met
verslag), behalve bij elk tweede plan de laatste: die is verlopen, zodat het
termijnenoverzicht een te late evaluatie toont. Door de IB'er van de school.
"""

from __future__ import annotations

from datetime import timedelta

from rugzak.demo.opbouw import DemoContext, registreer_stap
from rugzak.handelingsplannen.models import Handelingsplan, Handelingsplantoestand
from rugzak.handelingsplannen.services import evaluatie_vastleggen


def houd_evaluaties(ctx: DemoContext) -> None:
    plannen = Handelingsplan.objects.filter(
        toestand=Handelingsplantoestand.VASTGESTELD
    ).select_related("zaak__school")
    met_verleden = [
        plan
        for plan in plannen.order_by("zaak__verzoek_op", "id")
        if plan.evaluaties.filter(uiterlijk__lt=ctx.peildatum).exists()
    ]
    for index, plan in enumerate(met_verleden):
        ib = next(g for naam, g in ctx.gebruikers.items() if naam == f"ib.{_sleutel(ctx, plan)}")
        verleden = list(plan.evaluaties.filter(uiterlijk__lt=ctx.peildatum).order_by("uiterlijk"))
        if index % 2 == 1:
            verleden = verleden[:-1]
        for evaluatie in verleden:
            evaluatie_vastleggen(
                door=ib,
                evaluatie=evaluatie,
                versie=evaluatie.versie,
                gehouden_op=evaluatie.uiterlijk - timedelta(days=6),
                verslag=f"{evaluatie.omschrijving}: doelen grotendeels bereikt; "
                "instructie in kleine stappen blijft nodig. Plan bijgesteld op rekenen.",
            )


def _sleutel(ctx: DemoContext, plan: Handelingsplan) -> str:
    return next(k for k, org in ctx.organisaties.items() if org.pk == plan.zaak.school_id)


registreer_stap("evaluaties", houd_evaluaties)
