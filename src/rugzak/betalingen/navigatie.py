"""Menupunten van de betalingen."""

from rugzak.web.navigatie import BEKOSTIGING, Menupunt

MENUPUNTEN = [
    Menupunt("Betaalruns", "betalingen:runs", rollen=BEKOSTIGING, volgorde=40),
    Menupunt("Grootboek", "betalingen:ontvangers", rollen=BEKOSTIGING, volgorde=41),
]
