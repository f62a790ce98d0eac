"""Achtergrondtaken van de betalingen (django-tasks, wachtrij in de eigen database).

De taak doet alleen het werk van :func:`rugzak.betalingen.services.betaalrun_verwerken`;
recht, toestand, voortgang en herstel staan daar. Een verwerker start met
``python -m django db_worker`` of ``rugzak betaalrun verwerker`` (dat eerst
uitgevallen runs hervat); meer verwerkers op meer machines delen de wachtrij.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task


class BetaalrunTaakMislukt(Exception):
    """De run is mislukt; de reden staat in de run. Zo toont ook de wachtrij de taak als
    mislukt."""


@task()
def betaalrun_taak(run_id: str) -> dict[str, Any]:
    """Voer de betaalrun ``run_id`` (publiek id) uit."""
    from rugzak.betalingen.models import Runstatus
    from rugzak.betalingen.services import betaalrun_verwerken

    run = betaalrun_verwerken(publiek_id=run_id)
    if run.status == Runstatus.MISLUKT:
        raise BetaalrunTaakMislukt(f"betaalrun {run.publiek_id} mislukt: {run.reden}")
    return {"run": str(run.publiek_id), "status": run.status}
