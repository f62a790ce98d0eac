"""``python -m django betaalruns_herstellen``: hervat runs van uitgevallen verwerkers (I-81)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Zet betaalruns die 'bezig' zijn zonder teken van leven (langer dan "
        "RUGZAK_BETAALRUN_HARTSLAG_GRENS seconden) terug in de wachtrij (I-81)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--grens", type=int, default=None,
            help="seconden zonder hartslag (standaard RUGZAK_BETAALRUN_HARTSLAG_GRENS)",
        )  # fmt: skip

    def handle(self, *args: Any, grens: int | None = None, **opties: Any) -> None:
        from datetime import timedelta

        from rugzak.betalingen.services import betaalruns_herstellen

        hervat = betaalruns_herstellen(grens=None if grens is None else timedelta(seconds=grens))
        for run in hervat:
            self.stdout.write(f"hervat: betaalrun {run.maand:%Y-%m} ({run.publiek_id})")
        self.stdout.write(f"{len(hervat)} betaalrun(s) hervat")
