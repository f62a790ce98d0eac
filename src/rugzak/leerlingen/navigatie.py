"""Menupunten van de leerlingen: registreren door directie en intern begeleider."""

from rugzak.organisaties.rollen import Roltype
from rugzak.web.navigatie import Menupunt

MENUPUNTEN = [
    Menupunt(
        "Nieuwe leerling",
        "leerlingen:nieuw",
        rollen=frozenset({Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER}),
        volgorde=16,
    )
]
