"""Menupunt van de REC- en (v)so-administratie."""

from rugzak.web.navigatie import AB, BEKOSTIGING, BESTUUR, CVI, SCHOOL, Menupunt

MENUPUNTEN = [
    Menupunt(
        "Leerlingtelling",
        "rec:overzicht",
        rollen=CVI | AB | BEKOSTIGING | SCHOOL | BESTUUR,
        volgorde=70,
    )
]
