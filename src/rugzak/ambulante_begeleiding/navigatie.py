"""Menupunten van de ambulante begeleiding."""

from rugzak.web.navigatie import AB, Menupunt

MENUPUNTEN = [Menupunt("Begeleidingen", "ambulante_begeleiding:lijst", rollen=AB, volgorde=20)]
