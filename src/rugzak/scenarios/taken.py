"""Achtergrondtaak van de scenario's (django-tasks, dezelfde wachtrij als de betaalrun)."""

from __future__ import annotations

from typing import Any

from django_tasks import task


class ScenarioTaakMislukt(Exception):
    """Het scenario is mislukt; de reden staat in het scenario."""


@task()
def scenario_taak(scenario_id: str) -> dict[str, Any]:
    """Reken het scenario ``scenario_id`` (publiek id) door."""
    from rugzak.betalingen.models import Runstatus
    from rugzak.scenarios.services import scenario_verwerken

    s = scenario_verwerken(publiek_id=scenario_id)
    if s.status == Runstatus.MISLUKT:
        raise ScenarioTaakMislukt(f"scenario {s.publiek_id} mislukt: {s.reden}")
    return {"scenario": str(s.publiek_id), "status": s.status}
