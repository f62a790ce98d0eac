"""Menupunt van de scenario's: alleen de beleidsanalist."""

from rugzak.organisaties.rollen import Roltype
from rugzak.web.navigatie import Menupunt

MENUPUNTEN = [
    Menupunt(
        "Scenario's", "scenarios:lijst", rollen=frozenset({Roltype.BELEIDSANALIST}), volgorde=45
    ),
]
