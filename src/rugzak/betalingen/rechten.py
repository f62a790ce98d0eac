"""Wie wat mag met betaalruns, het grootboek, REC-gegevens en bestedingen.

- betaalrun: alleen de medewerker bekostiging.
- grootboek van een ontvanger: de bekostigingsinstantie; de ontvanger zelf (directie of
  intern begeleider van de school, coördinator AB van de dienst); het bestuur van de school.
- REC: de CvI (secretaris, leden) en de AB-dienst (coördinator, begeleiders) van dat REC
  lezen; de secretaris en de coördinator leggen vast; de bekostigingsinstantie leest.
- besteding: het schooldeel schrijven via :func:`rugzak.toegang.wijziggrond` (directie of
  intern begeleider van de school van de leerling); het AB-deel schrijft de AB-verzorger
  (:func:`ab_verzorgergrond`: coördinator AB of directie van de organisatie die volgens het
  grootboek de AB-delen voor de leerling ontving; I-57). Lezen via
  :func:`rugzak.toegang.leesgrond` (ook bestuur en ouders van het eigen kind).
"""

from __future__ import annotations

from collections.abc import Iterable

from rugzak import toegang
from rugzak.meldingen.rechten import bekostigingsgrond, vereis_bekostiging
from rugzak.organisaties.models import Gebruiker, Organisatie, Rol
from rugzak.organisaties.rollen import Roltype
from rugzak.regeling.begrippen import Budgetdeel

__all__ = [
    "ab_verzorgergrond",
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


#: Wie namens de AB-verzorger een besteding van het AB-deel vastlegt (I-57): de
#: coördinator van een AB-dienst, of de directie van een (v)so-school die zelf verzorgt.
_AB_BESTEDERS = frozenset({Roltype.AB_COORDINATOR, Roltype.DIRECTIE})
AB_DELEN = (Budgetdeel.AB_PERSONEEL.value, Budgetdeel.AB_MATERIEEL.value)


def ab_verzorgergrond(
    gebruiker: Gebruiker, leerling_id: int
) -> tuple[toegang.Toegangsgrond, int] | None:
    """De rol waarmee ``gebruiker`` de besteding van het AB-deel van deze leerling mag
    vastleggen, met de organisatie (pk) die de AB-delen ontving; of None (I-57)."""
    from rugzak.betalingen.models import Grootboekregel

    rollen = [r for r in toegang.actieve_rollen(gebruiker) if r.rol in _AB_BESTEDERS]
    if not rollen:
        return None
    ontvangers = set(
        Grootboekregel.objects.filter(
            leerling_id=leerling_id,
            deel__in=AB_DELEN,
            ontvanger_id__in=[r.organisatie_id for r in rollen if r.organisatie_id],
        ).values_list("ontvanger_id", flat=True)
    )
    for rol in rollen:
        if rol.organisatie_id in ontvangers:
            return toegang.Toegangsgrond.van_rol(rol), rol.organisatie_id
    return None
