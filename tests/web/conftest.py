"""Tests van de webtoepassing (Django-testclient): dezelfde kleine wereld als tests/app."""

from tests.app.conftest import (  # noqa: F401 - fixtures voor deze map
    Wereld,
    maak_gebruiker,
    schrijf,
    vaste_peildatum,
    wachtwoord,
    wereld,
)
