"""Wie wat mag met betaalruns, het grootboek, REC-gegevens en bestedingen.

- betaalrun: alleen de medewerker bekostiging.
- grootboek van een ontvanger: de bekostigingsinstantie; de ontvanger zelf (directie of
  intern begeleider van de school, coördinator AB van de dienst); het bestuur van de school.
- REC: de CvI (secretaris, leden) en de AB-dienst (coördinator, begeleiders) van dat REC
  lezen; de secretaris en de coördinator leggen vast; de bekostigingsinstantie leest.
- besteding: schrijven via :func:`rugzak.toegang.wijziggrond` (directie of intern
  begeleider van de school van de leerling), lezen via :func:`rugzak.toegang.leesgrond`
  (ook bestuur en ouders van het eigen kind).
"""

from __future__ import annotations

from collections.abc import Iterable

from rugzak import toegang
from rugzak.meldingen.rechten import bekostigingsgrond, vereis_bekostiging
from rugzak.organisaties.models import Gebruiker, Organisatie, Rol
from rugzak.organisaties.rollen import Roltype

__all__ = [
    "bekostigingsgrond",
    "ontvangergrond",
    "ontvangergronden",
    "recgrond",
    "vereis_bekostiging",
]

_ONTVANGERROLLEN = frozenset({Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER, Roltype.AB_COORDINATOR})
_REC_LEZEN = frozenset(
    {Roltype.CVI_SECRETARIS, Roltype.CVI_LID, Roltype.AB_COORDINATOR, Roltype.AMBULANT_BEGELEIDER}
)
_REC_SCHRIJVEN = frozenset({Roltype.CVI_SECRETARIS, Roltype.AB_COORDINATOR})


def ontvangergrond(gebruiker: Gebruiker, ontvanger: Organisatie) -> toegang.Toegangsgrond | None:
    """De rol waarmee ``gebruiker`` het grootboek van ``ontvanger`` mag zien, of None."""
    return _ontvangergrond(toegang.actieve_rollen(gebruiker), ontvanger)


def ontvangergronden(
    gebruiker: Gebruiker, ontvangers: Iterable[Organisatie]
) -> dict[int, toegang.Toegangsgrond]:
    """Als :func:`ontvangergrond` voor veel ontvangers tegelijk (één query voor de rollen):
    per ontvanger (pk) de grond; ontvangers zonder grond ontbreken."""
    rollen = toegang.actieve_rollen(gebruiker)
    uit: dict[int, toegang.Toegangsgrond] = {}
    for ontvanger in ontvangers:
        if (grond := _ontvangergrond(rollen, ontvanger)) is not None:
            uit[ontvanger.pk] = grond
    return uit


def _ontvangergrond(rollen: Iterable[Rol], ontvanger: Organisatie) -> toegang.Toegangsgrond | None:
    for rol in rollen:
        if rol.rol == Roltype.BEKOSTIGINGSMEDEWERKER:
            return toegang.Toegangsgrond.van_rol(rol)
        if rol.rol in _ONTVANGERROLLEN and rol.organisatie_id == ontvanger.pk:
            return toegang.Toegangsgrond.van_rol(rol)
        if (
            rol.rol == Roltype.BESTUURDER
            and ontvanger.bestuur_id is not None
            and rol.organisatie_id == ontvanger.bestuur_id
        ):
            return toegang.Toegangsgrond.van_rol(rol)
    return None


def recgrond(
    gebruiker: Gebruiker, rec: Organisatie, *, schrijven: bool
) -> toegang.Toegangsgrond | None:
    """De rol waarmee ``gebruiker`` de gegevens van ``rec`` mag lezen of vastleggen."""
    rollen = _REC_SCHRIJVEN if schrijven else _REC_LEZEN
    for rol in toegang.actieve_rollen(gebruiker):
        if not schrijven and rol.rol == Roltype.BEKOSTIGINGSMEDEWERKER:
            return toegang.Toegangsgrond.van_rol(rol)
        if rol.rol in rollen and rol.organisatie is not None and rol.organisatie.rec_id == rec.pk:
            return toegang.Toegangsgrond.van_rol(rol)
    return None
