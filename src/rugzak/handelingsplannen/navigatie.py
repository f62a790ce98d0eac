"""Menupunten van overeenkomsten en handelingsplannen."""

from rugzak.web.navigatie import SCHOOL, Menupunt

MENUPUNTEN = [Menupunt("Handelingsplannen", "handelingsplannen:lijst", rollen=SCHOOL, volgorde=25)]
