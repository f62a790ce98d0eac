"""De migraties zijn compleet: de modellen vragen geen nieuwe migratie."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_makemigrations_check_vindt_geen_wijzigingen():
    uit = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=uit, stderr=uit)
    except SystemExit as e:  # --check stopt met code 1 als er migraties ontbreken
        pytest.fail(f"er ontbreken migraties:\n{uit.getvalue()}\n(exitcode {e.code})")
    assert "No changes detected" in uit.getvalue()
