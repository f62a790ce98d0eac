"""Menupunten van de toelatingszaak."""

from rugzak.web.navigatie import BESTUUR, SCHOOL, Menupunt

MENUPUNTEN = [
    Menupunt("Toelating", "toelating:lijst", rollen=SCHOOL | BESTUUR, volgorde=20),
    Menupunt("Gastleerlingen", "toelating:gastleerlingen", rollen=SCHOOL | BESTUUR, volgorde=21),
]
