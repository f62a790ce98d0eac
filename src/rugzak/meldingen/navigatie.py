"""Menupunten van de meldingen."""

from rugzak.web.navigatie import BEKOSTIGING, BESTUUR, SCHOOL, Menupunt

MENUPUNTEN = [
    Menupunt("Meldingen", "meldingen:lijst", rollen=SCHOOL | BESTUUR | BEKOSTIGING, volgorde=30)
]
