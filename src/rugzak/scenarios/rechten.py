"""Wie met scenario's werkt: alleen de beleidsanalist van de bekostigingsinstantie (I-104).

De medewerker bekostiging rekent het echte geld; wat-als is het werk van de analist, en
die ziet geen leerlingen. Elk scenario is van de bekostigingsinstantie van de analist.
"""

from __future__ import annotations

from rugzak import toegang
from rugzak.organisaties.models import Gebruiker
from rugzak.organisaties.rollen import Roltype


def analistgrond(gebruiker: Gebruiker) -> toegang.Toegangsgrond | None:
    for rol in toegang.actieve_rollen(gebruiker):
        if rol.rol == Roltype.BELEIDSANALIST and rol.organisatie_id is not None:
            return toegang.Toegangsgrond.van_rol(rol)
    return None


def vereis_analist(gebruiker: Gebruiker, *, wat: str) -> toegang.Toegangsgrond:
    return toegang.vereis(analistgrond(gebruiker), wat=wat, nodig="de rol beleidsanalist")
