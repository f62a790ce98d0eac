"""Menupunt van het auditlog: de export voor de functionaris gegevensbescherming."""

from rugzak.organisaties.rollen import Roltype
from rugzak.web.navigatie import Menupunt

MENUPUNTEN = [
    Menupunt(
        "Auditlog exporteren",
        "audit:export",
        rollen=frozenset({Roltype.PRIVACY_OFFICER}),
        volgorde=60,
    ),
]
