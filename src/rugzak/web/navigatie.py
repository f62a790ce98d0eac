"""Het menu per rol.

Elke rugzak-app kan menupunten toevoegen met een module ``<app>/navigatie.py`` die een
lijst ``MENUPUNTEN`` van :class:`Menupunt` bevat (gevonden met
:func:`rugzak.gedeeld.ontdekking.app_modules`, net als ``api`` en ``termijnen``). Een
menupunt noemt de rollen die het zien; het menu toont alleen punten waarvan de URL-naam
bestaat, zodat een app die nog bouwt niets breekt. Het menu is een hulp, geen
toegangscontrole: elke view controleert zelf via rugzak.toegang.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from rugzak.gedeeld.ontdekking import app_modules
from rugzak.organisaties.rollen import Roltype

SCHOOL = frozenset({Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER, Roltype.TEAMLID})
BESTUUR = frozenset({Roltype.BESTUURDER})
CVI = frozenset({Roltype.CVI_SECRETARIS, Roltype.CVI_LID})
AB = frozenset({Roltype.AB_COORDINATOR, Roltype.AMBULANT_BEGELEIDER})
BEKOSTIGING = frozenset({Roltype.BEKOSTIGINGSMEDEWERKER})
OUDER = frozenset({Roltype.OUDER})
#: de beleidsanalist ziet geen leerlingen en geen termijnen, alleen scenario's (I-104)
ANALIST = frozenset({Roltype.BELEIDSANALIST})
ALLE_ROLLEN = frozenset(Roltype.values)


@dataclass(frozen=True, slots=True)
class Menupunt:
    """Eén punt in het hoofdmenu.

    ``rollen``: wie het ziet (ingelogd, met een van deze rollen); ``publiek``: ook wie
    niet is ingelogd ziet het. ``volgorde``: lager staat eerder.
    """

    label: str
    url_naam: str
    rollen: frozenset[str] = frozenset()
    publiek: bool = False
    volgorde: int = 100


@dataclass(frozen=True, slots=True)
class Menuregel:
    label: str
    url: str
    actief: bool


MENUPUNTEN = [
    Menupunt("Start", "start", rollen=ALLE_ROLLEN - OUDER, volgorde=0),
    Menupunt("Mijn kind", "start", rollen=OUDER, volgorde=0),
    Menupunt("Termijnen", "termijnen", rollen=ALLE_ROLLEN - OUDER - ANALIST, volgorde=10),
    Menupunt(
        "Leerlingen", "leerlingen", rollen=ALLE_ROLLEN - OUDER - BEKOSTIGING - ANALIST, volgorde=15
    ),
    Menupunt("Wat zit er in de rugzak?", "rekenhulp", publiek=True, volgorde=80),
    Menupunt("Interpretaties", "interpretaties", publiek=True, volgorde=90),
]


def alle_menupunten() -> list[Menupunt]:
    punten: list[Menupunt] = []
    for module in app_modules("navigatie"):
        punten.extend(getattr(module, "MENUPUNTEN", []))
    return sorted(punten, key=lambda p: (p.volgorde, p.label))


def menu(*, ingelogd: bool, rollen: Iterable[str], pad: str) -> list[Menuregel]:
    """De menuregels voor iemand met deze rollen op pagina ``pad`` (zonder dubbele URL's)."""
    eigen = set(rollen)
    regels: list[Menuregel] = []
    gezien: set[str] = set()
    for punt in alle_menupunten():
        zichtbaar = punt.publiek or (ingelogd and bool(eigen & punt.rollen))
        if not zichtbaar:
            continue
        try:
            url = reverse(punt.url_naam)
        except NoReverseMatch:
            continue
        if url in gezien:
            continue
        gezien.add(url)
        # Een menupunt is actief op zijn eigen pagina en op de pagina's eronder.
        actief = pad == url or (pad.startswith(url) and url != "/" and punt.url_naam != "start")
        regels.append(Menuregel(punt.label, url, actief))
    # Liggen twee actieve punten onder elkaar (/toelating/ en /toelating/gastleerlingen/),
    # dan is alleen het meest precieze actief: één aria-current="page".
    actief_url = max((r.url for r in regels if r.actief), key=len, default=None)
    return [
        r if r.url == actief_url or not r.actief else Menuregel(r.label, r.url, False)
        for r in regels
    ]
