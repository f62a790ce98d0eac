"""Menupunten van de toelatingszaak."""

from rugzak.web.navigatie import BESTUUR, SCHOOL, Menupunt

MENUPUNTEN = [Menupunt("Toelating", "toelating:lijst", rollen=SCHOOL | BESTUUR, volgorde=20)]
