"""``python -m django betaalrun_verwerker``: hervat eerst uitgevallen betaalruns (I-81) en
scenario's (I-110) en start dan de verwerker van django-tasks-db (``db_worker``, met
dezelfde opties)."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorker


class Command(DbWorker):
    help = (
        "Hervat betaalruns en scenario's van uitgevallen verwerkers en verwerk dan de wachtrij "
        "(als db_worker). Meer verwerkers, ook op meer machines, delen dezelfde wachtrij."
    )

    def handle(self, *args: Any, **opties: Any) -> None:
        from rugzak.betalingen.services import betaalruns_herstellen
        from rugzak.scenarios.services import scenarios_herstellen

        for run in betaalruns_herstellen():
            self.stdout.write(f"hervat: betaalrun {run.maand:%Y-%m} ({run.publiek_id})")
        for scenario in scenarios_herstellen():
            self.stdout.write(f"hervat: scenario {scenario.titel} ({scenario.publiek_id})")
        super().handle(*args, **opties)
