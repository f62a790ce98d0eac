"""Wie wat mag in de REC- en (v)so-administratie.

- **REC-beheer** (inrichting, onderwijssoort van de scholen, scholengemeenschap,
  PAB-formatie, vestigingen in het spreidingsplan, REC-telling vastleggen): zoals de
  REC-gegevens van rugzak.betalingen (:func:`rugzak.betalingen.rechten.recgrond`): de
  secretaris van de CvI of de coördinator AB van dat REC legt vast; CvI-leden en ambulant
  begeleiders van het REC en de medewerker bekostiging lezen. Een REC heeft in rugzak geen
  eigen rollen (rugzak.organisaties.rollen): wie namens het REC werkt, doet dat in de CvI
  of de AB-dienst.
- **(v)so-school** (plaatsingen, verbrede toelating, verzoek om residentiële plaatsen,
  aanmeldingen en besluiten, nevenvestiging voorstellen): directie en intern begeleider
  van de school schrijven; teamleden lezen; het bestuur van de school leest.
- **bekostigingsinstantie**: leest tellingen en rapporten per REC en school, zonder namen;
  beslist over verzoeken om residentiële plaatsen.
"""

from __future__ import annotations

from rugzak import toegang
from rugzak.betalingen.rechten import recgrond
from rugzak.organisaties.models import VSO_SCHOOLSOORTEN, Gebruiker, Organisatie, Rol
from rugzak.organisaties.rollen import Organisatiesoort, Roltype

__all__ = [
    "bekostigingsgrond",
    "is_vso_school",
    "rec_grond",
    "schoolgrond",
    "tellinggrond",
]


def is_vso_school(school: Organisatie) -> bool:
    return (
        school.soort == Organisatiesoort.SCHOOL
        and school.schoolsoort in VSO_SCHOOLSOORTEN
        and school.rec_id is not None
    )


def rec_grond(
    gebruiker: Gebruiker, rec: Organisatie, *, schrijven: bool
) -> toegang.Toegangsgrond | None:
    """De rol waarmee ``gebruiker`` de REC-administratie van ``rec`` leest of vastlegt."""
    if rec.soort != Organisatiesoort.REC:
        return None
    return recgrond(gebruiker, rec, schrijven=schrijven)


def schoolgrond(
    gebruiker: Gebruiker,
    school: Organisatie,
    *,
    schrijven: bool,
    actieve_rollen: list[Rol] | None = None,
) -> toegang.Toegangsgrond | None:
    """De rol waarmee ``gebruiker`` de (v)so-administratie van ``school`` leest of wijzigt.
    ``actieve_rollen``: de rollen van :func:`toegang.actieve_rollen`, als de aanroeper ze al
    heeft (een lijst, zodat ze niet per item opnieuw worden gelezen)."""
    rollen = toegang.SCHOOLROLLEN_WIJZIGEN if schrijven else toegang.SCHOOLROLLEN_LEZEN
    if actieve_rollen is None:
        actieve_rollen = toegang.actieve_rollen(gebruiker)
    for rol in actieve_rollen:
        if rol.rol in rollen and rol.organisatie_id == school.pk:
            return toegang.Toegangsgrond.van_rol(rol)
        if (
            not schrijven
            and rol.rol == Roltype.BESTUURDER
            and school.bestuur_id is not None
            and rol.organisatie_id == school.bestuur_id
        ):
            return toegang.Toegangsgrond.van_rol(rol)
    return None


def bekostigingsgrond(gebruiker: Gebruiker) -> toegang.Toegangsgrond | None:
    for rol in toegang.actieve_rollen(gebruiker):
        if rol.rol == Roltype.BEKOSTIGINGSMEDEWERKER:
            return toegang.Toegangsgrond.van_rol(rol)
    return None


def tellinggrond(gebruiker: Gebruiker, school: Organisatie) -> toegang.Toegangsgrond | None:
    """Wie de telling van een (v)so-school ziet: de school (en haar bestuur), het REC van
    de school en de bekostigingsinstantie. Een telling bevat geen namen."""
    grond = schoolgrond(gebruiker, school, schrijven=False)
    if grond is not None:
        return grond
    if school.rec is not None:
        return rec_grond(gebruiker, school.rec, schrijven=False)
    return bekostigingsgrond(gebruiker)
