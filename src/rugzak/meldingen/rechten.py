"""Wie wat mag met meldingen, terugmeldingen en zml-aanvragen.

Alles volgt uit de rollen die :mod:`rugzak.toegang` geeft (``actieve_rollen``); deze
module past ze toe op de zaken van deze app:

- school (directie, intern begeleider): indienen voor de eigen school; ook na de
  uitschrijving van de leerling, want de terugmelding komt juist dan (004). Teamleden lezen.
- bestuur: de meldingen van de eigen scholen (lezen).
- bekostigingsinstantie (medewerker bekostiging): alle meldingen, beoordelen; ziet
  leerlingen alleen op CvI-nummer (zie de serializers en
  :func:`rugzak.toegang.bekostiging_pseudoniem_overzicht`).
- ouders, CvI en AB-dienst: geen toegang tot deze zaken.
"""

from __future__ import annotations

from django.db.models import Q

from rugzak import toegang
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Roltype


def bekostigingsgrond(gebruiker: Gebruiker) -> toegang.Toegangsgrond | None:
    for rol in toegang.actieve_rollen(gebruiker):
        if rol.rol == Roltype.BEKOSTIGINGSMEDEWERKER:
            return toegang.Toegangsgrond.van_rol(rol)
    return None


def vereis_bekostiging(gebruiker: Gebruiker, *, wat: str) -> toegang.Toegangsgrond:
    return toegang.vereis(
        bekostigingsgrond(gebruiker), wat=wat, nodig="de rol medewerker bekostiging"
    )


def schoolgrond(
    gebruiker: Gebruiker, school: Organisatie, *, wijzigen: bool
) -> toegang.Toegangsgrond | None:
    """De schoolrol van ``gebruiker`` bij ``school`` (directie/IB om te wijzigen)."""
    rollen = toegang.SCHOOLROLLEN_WIJZIGEN if wijzigen else toegang.SCHOOLROLLEN_LEZEN
    for rol in toegang.actieve_rollen(gebruiker):
        if rol.rol in rollen and rol.organisatie_id == school.pk:
            return toegang.Toegangsgrond.van_rol(rol)
    return None


def vereis_school(gebruiker: Gebruiker, school: Organisatie, *, wat: str) -> toegang.Toegangsgrond:
    return toegang.vereis(
        schoolgrond(gebruiker, school, wijzigen=True),
        wat=wat,
        nodig=f"de rol directie of intern begeleider bij {school}",
    )


def leesgrond_school(gebruiker: Gebruiker, school: Organisatie) -> toegang.Toegangsgrond | None:
    """Wie de zaken van ``school`` mag lezen: de school zelf, haar bestuur, de
    bekostigingsinstantie (die laatste zonder namen)."""
    for rol in toegang.actieve_rollen(gebruiker):
        if rol.rol in toegang.SCHOOLROLLEN_LEZEN and rol.organisatie_id == school.pk:
            return toegang.Toegangsgrond.van_rol(rol)
        if rol.rol == Roltype.BESTUURDER and rol.organisatie_id == school.bestuur_id:
            return toegang.Toegangsgrond.van_rol(rol)
        if rol.rol == Roltype.BEKOSTIGINGSMEDEWERKER:
            return toegang.Toegangsgrond.van_rol(rol)
    return None


def q_scholen_zichtbaar(gebruiker: Gebruiker, veld: str = "school") -> Q | None:
    """Een Q over een model met een schoolveld: de zaken die ``gebruiker`` mag zien.

    None: niets. ``Q()``: alles (de bekostigingsinstantie).
    """
    scholen: set[int] = set()
    besturen: set[int] = set()
    for rol in toegang.actieve_rollen(gebruiker):
        if rol.rol == Roltype.BEKOSTIGINGSMEDEWERKER:
            return Q()
        if rol.rol in toegang.SCHOOLROLLEN_LEZEN and rol.organisatie_id is not None:
            scholen.add(rol.organisatie_id)
        elif rol.rol == Roltype.BESTUURDER and rol.organisatie_id is not None:
            besturen.add(rol.organisatie_id)
    if not scholen and not besturen:
        return None
    return Q(**{f"{veld}_id__in": scholen}) | Q(**{f"{veld}__bestuur_id__in": besturen})


def lijstgrond(gebruiker: Gebruiker) -> tuple[Q, toegang.Toegangsgrond] | None:
    """Voor een overzicht: welke zaken (Q over het schoolveld) en met welke rol (de eerste
    passende; de bekostigingsinstantie gaat voor). None: geen toegang."""
    q = q_scholen_zichtbaar(gebruiker)
    if q is None:
        return None
    grond = bekostigingsgrond(gebruiker)
    if grond is None:
        for rol in toegang.actieve_rollen(gebruiker):
            if rol.rol in toegang.SCHOOLROLLEN_LEZEN or rol.rol == Roltype.BESTUURDER:
                grond = toegang.Toegangsgrond.van_rol(rol)
                break
    assert grond is not None
    return q, grond


def is_bekostiging(grond: toegang.Toegangsgrond) -> bool:
    """Of een toegangsgrond die van de bekostigingsinstantie is (dan: geen namen)."""
    return grond.rol == Roltype.BEKOSTIGINGSMEDEWERKER


def geen_toegang(wat: str) -> GeenToegang:
    return GeenToegang(wat, nodig="een rol bij de school, haar bestuur of de bekostigingsinstantie")
