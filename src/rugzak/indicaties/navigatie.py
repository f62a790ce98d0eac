"""Menupunten van de indicatieaanvragen."""

from rugzak.web.navigatie import CVI, Menupunt

MENUPUNTEN = [Menupunt("Aanvragen", "indicaties:lijst", rollen=CVI, volgorde=20)]
