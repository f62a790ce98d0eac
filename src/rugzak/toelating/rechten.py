"""Wie wat mag in een toelatingszaak, een gastleerlingschap, een overeenkomst en een
handelingsplan: de rol binnen de zaak, bovenop het toegangsbeleid.

Eerst moet :mod:`rugzak.toegang` de gebruiker de leerling laten zien (daar staat ook dat
een school de leerling van een eigen toelatingszaak ziet). Daarna bepaalt de rol de
handeling: directie beslist, directie en intern begeleider voeren het protocol uit,
een teamlid leest; de bestuurder van het bestuur van de school toetst (002, fase 10b);
een ouder leest het eigen kind en stemt in. Geeft een
:class:`~rugzak.toegang.Toegangsgrond` (voor het auditlog) of None.
"""

from __future__ import annotations

from collections.abc import Mapping

from rugzak import toegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.leerlingen.models import Leerling, OuderRelatie
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Roltype


def grond(
    gebruiker: Gebruiker,
    *,
    leerling: Leerling,
    scholen: Mapping[int, frozenset[str]],
    besturen: frozenset[int] = frozenset(),
    ouder: bool = False,
) -> toegang.Toegangsgrond | None:
    """De eerste rol (in de voorrang van rugzak.toegang) waarmee ``gebruiker`` deze handeling
    mag: een rol uit ``scholen[school_id]`` bij die school, bestuurder van een bestuur uit
    ``besturen``, of (als ``ouder``) ouder van de leerling. Alleen als het toegangsbeleid de
    gebruiker de leerling laat zien."""
    if not gebruiker.is_authenticated:
        return None
    dag = vandaag()
    if toegang.leesgrond(gebruiker, leerling, peildatum=dag) is None:
        return None
    for rol in toegang.actieve_rollen(gebruiker, peildatum=dag):
        if rol.organisatie_id is not None and rol.rol in scholen.get(rol.organisatie_id, ()):
            return toegang.Toegangsgrond.van_rol(rol)
        if rol.rol == Roltype.BESTUURDER and rol.organisatie_id in besturen:
            return toegang.Toegangsgrond.van_rol(rol)
        if (
            ouder
            and rol.rol == Roltype.OUDER
            and OuderRelatie.objects.filter(ouder=gebruiker, leerling=leerling).exists()
        ):
            return toegang.Toegangsgrond.van_rol(rol)
    return None


def schoolrollen(school: Organisatie, rollen: frozenset[str]) -> dict[int, frozenset[str]]:
    return {school.pk: rollen}


def organisaties_met_rol(gebruiker: Gebruiker, rollen: frozenset[str]) -> set[int]:
    """De organisaties waarin ``gebruiker`` vandaag een van ``rollen`` heeft."""
    return {
        r.organisatie_id
        for r in toegang.actieve_rollen(gebruiker, peildatum=vandaag())
        if r.rol in rollen and r.organisatie_id is not None
    }


def is_ouder(gebruiker: Gebruiker) -> bool:
    return any(r.rol == Roltype.OUDER for r in toegang.actieve_rollen(gebruiker))
