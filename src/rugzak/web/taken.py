"""De takenlijst op de startpagina: wat moet ú doen, voor welk kind, vóór wanneer.

Een taak is een open termijn uit het termijnregister waarvoor déze gebruiker (met een van
zijn rollen, bij de juiste organisatie) moet handelen, of een werkvoorraad zonder termijn
die de startpagina al heeft gelezen (een aanvraag op volledigheid beoordelen, een melding
beoordelen, een begeleiding toewijzen, de instemming of handtekening van een ouder). Wie
moet handelen, zegt de zaak-app (``Zaaktermijn.actoren``); hier wordt alleen ingedeeld.

- **Uw taken**: gegroepeerd naar te laat, deze week, volgende week, later en zonder vaste
  termijn, ten opzichte van een gegeven dag (maandag tot en met zondag is een week);
- **Termijnen die u volgt**: open termijnen die de gebruiker mag zien, maar waar een ander
  moet handelen (de directie voor een teamlid, de school voor een ouder).

Geen queries hier: alles komt uit wat de startpagina al gelezen heeft (de namen in één
query erbij), zodat het aantal queries niet groeit met het aantal zaken.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from django.urls import NoReverseMatch, reverse

from rugzak.organisaties.models import Rol
from rugzak.organisaties.rollen import Roltype
from rugzak.termijnregister import Zaaktermijn

#: De zaakpagina per zaaktype (waar de handeling gebeurt).
ZAAKPAGINAS = {
    "toelating": "toelating:zaak",
    "indicatie": "indicaties:aanvraag",
    "handelingsplan": "handelingsplannen:plan",
    "begeleiding": "ambulante_begeleiding:begeleiding",
    "terugmelding": "meldingen:melding",
    "melding": "meldingen:melding",
    "binnengekomen_terugmelding": "meldingen:terugmelding",
    "overeenkomst": "handelingsplannen:overeenkomst",
    "gastleerling": "toelating:gastleerlingen",
}

#: De groepen van "Uw taken", in deze volgorde.
GROEPEN = (
    ("te_laat", "Te laat"),
    ("deze_week", "Deze week"),
    ("volgende_week", "Volgende week"),
    ("later", "Later"),
    ("zonder", "Zonder vaste termijn"),
)

#: Wat er staat als de naam van de leerling niet zichtbaar is voor de gebruiker.
ONBEKEND = "(naam niet zichtbaar voor u)"

#: Hoeveel taken een groep op de startpagina hoogstens toont.
PER_GROEP = 15

ROLNAMEN: dict[frozenset[str], str] = {
    frozenset({Roltype.DIRECTIE}): "de directie",
    frozenset({Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER}): "directie of intern begeleider",
    frozenset({Roltype.BESTUURDER}): "het bestuur",
    frozenset({Roltype.CVI_SECRETARIS}): "de secretaris van de CvI",
    frozenset({Roltype.AB_COORDINATOR}): "de coördinator ambulante begeleiding",
    frozenset({Roltype.BEKOSTIGINGSMEDEWERKER}): "de bekostigingsinstantie",
    frozenset({Roltype.OUDER}): "de ouders",
}


@dataclass(frozen=True)
class Taak:
    """Eén regel van de takenlijst."""

    kind: str  # naam van de leerling, of "CvI-nummer ..." voor de bekostigingsinstantie
    actie: str  # gebiedend, in gewone taal
    wie: str  # rol en organisatie die moet handelen
    uiterlijk: date | None
    adres: str  # de pagina waar de handeling gebeurt
    knop: str  # de tekst van de knop
    zaak: str = ""  # welke zaak (bv. "toelating op School A")
    status: str = ""  # status van de termijn uit de regelkern
    soort: str = ""  # "toestemming" voor wat een ouder moet tekenen of goedkeuren
    termijn: Zaaktermijn | None = None


@dataclass
class Takenlijst:
    groepen: list[tuple[str, str, list[Taak], int]] = field(default_factory=list)
    toestemming: list[Taak] = field(default_factory=list)
    gevolgd: list[Taak] = field(default_factory=list)
    gevolgd_aantal: int = 0

    @property
    def aantal(self) -> int:
        return sum(n for _, _, _, n in self.groepen)

    def getoonde_termijnen(self) -> list[Zaaktermijn]:
        """De termijnen die de pagina toont (voor het auditlog)."""
        return [t.termijn for t in _getoond(self) if t.termijn is not None]


def groep(uiterlijk: date | None, dag: date) -> str:
    """In welke groep een taak met deze uiterste datum valt op ``dag``; een week loopt van
    maandag tot en met zondag."""
    if uiterlijk is None:
        return "zonder"
    if uiterlijk < dag:
        return "te_laat"
    zondag = dag + timedelta(days=6 - dag.weekday())
    if uiterlijk <= zondag:
        return "deze_week"
    if uiterlijk <= zondag + timedelta(days=7):
        return "volgende_week"
    return "later"


def is_eigen(rollen: Iterable[Rol], actoren: frozenset[str], actor_id: int | None) -> bool:
    """Moet deze gebruiker (met ``rollen``) handelen? Een rol uit ``actoren`` bij organisatie
    ``actor_id``; voor de ouder geldt de ouderrol (het register toont een ouder alleen de
    zaken van het eigen kind)."""
    for rol in rollen:
        if rol.rol not in actoren:
            continue
        if rol.rol == Roltype.OUDER or rol.organisatie_id == actor_id:
            return True
    return False


def wie(actoren: frozenset[str], organisatie: str = "") -> str:
    naam = ROLNAMEN.get(actoren) or " of ".join(sorted(actoren))
    return f"{naam} van {organisatie}" if organisatie and actoren != {Roltype.OUDER} else naam


def adres(zaaktype: str, zaak_id: Any, anker: str = "") -> str:
    naam = ZAAKPAGINAS.get(zaaktype)
    if naam is None:
        return reverse("zaaktijdlijn", args=[zaaktype, zaak_id])
    try:
        url = reverse(naam) if zaaktype == "gastleerling" else reverse(naam, args=[zaak_id])
    except NoReverseMatch:  # pragma: no cover - elk zaaktype hierboven heeft een pagina
        return reverse("zaaktijdlijn", args=[zaaktype, zaak_id])
    return f"{url}#{anker}" if anker else url


def takenlijst(
    *,
    termijnen: Iterable[tuple[Zaaktermijn, str]],
    rollen: list[Rol],
    namen: Callable[[list[Any]], Mapping[Any, str]],
    organisaties: Mapping[int | None, str],
    dag: date,
    extra: Iterable[Taak] = (),
) -> Takenlijst:
    """De takenlijst van de gebruiker met ``rollen`` op ``dag``, uit de open ``termijnen``
    (met hun status) en de taken zonder termijn in ``extra``. ``namen``: geeft voor de
    publieke ids van de getoonde leerlingen hun naam (leeg voor wie geen namen ziet; alleen
    de getoonde, dus één kleine query); ``organisaties``: id -> naam."""
    per_groep: dict[str, list[Taak]] = {code: [] for code, _ in GROEPEN}
    lijst = Takenlijst()
    gevolgd: list[Taak] = []
    # taken zonder eigen termijn; een instemming kan de termijn van haar zaak meedragen (dan
    # staat die termijn niet nog eens als taak in de lijst)
    al_gedekt: set[int] = set()
    for taak in extra:
        if taak.termijn is not None:
            al_gedekt.add(id(taak.termijn))
        if taak.soort == "toestemming":
            lijst.toestemming.append(taak)
        else:
            per_groep[groep(taak.uiterlijk, dag)].append(taak)
    for t, status in termijnen:
        if not t.actie or id(t) in al_gedekt:
            # de termijn geldt niet meer (toegelaten, afgesloten): geen taak
            continue
        taak = Taak(
            kind="",  # hieronder, voor de getoonde taken
            actie=t.actie,
            wie=wie(t.actoren, organisaties.get(t.actor_id, "")),
            uiterlijk=t.termijn.uiterlijk,
            adres="",  # hieronder, alleen voor de getoonde taken (reverse() per taak kost)
            knop=t.actie,
            zaak=t.omschrijving_zaak,
            status=status,
            soort="toestemming" if Roltype.OUDER in t.actoren else "",
            termijn=t,
        )
        if is_eigen(rollen, t.actoren, t.actor_id):
            if taak.soort == "toestemming":
                lijst.toestemming.append(taak)
            else:
                per_groep[groep(taak.uiterlijk, dag)].append(taak)
        else:
            gevolgd.append(taak)
    for code, titel in GROEPEN:
        taken = sorted(per_groep[code], key=lambda t: t.uiterlijk or date.max)
        lijst.groepen.append((code, titel, taken[:PER_GROEP], len(taken)))
    lijst.gevolgd = gevolgd[:PER_GROEP]
    lijst.gevolgd_aantal = len(gevolgd)
    # de namen alleen van de getoonde taken uit het register
    ids = [t.termijn.leerling_publiek_id for t in _getoond(lijst) if t.termijn and not t.kind]
    gevonden = namen([i for i in ids if i]) if ids else {}

    def met_naam(taak: Taak) -> Taak:
        if taak.termijn is None or (taak.kind and taak.adres):
            return taak
        t = taak.termijn
        # een leerling die de gebruiker niet (meer) ziet, bv. na de uitschrijving: de zaak
        # noemt dan het CvI-nummer
        naam = taak.kind or gevonden.get(t.leerling_publiek_id) or ONBEKEND
        url = taak.adres or adres(t.zaaktype, t.zaak_id, t.handeling)
        return replace(taak, kind=naam, adres=url)

    lijst.toestemming = sorted(
        (met_naam(t) for t in lijst.toestemming), key=lambda t: t.uiterlijk or date.max
    )
    lijst.groepen = [(c, n, [met_naam(t) for t in ts], a) for c, n, ts, a in lijst.groepen]
    lijst.gevolgd = [met_naam(t) for t in lijst.gevolgd]
    return lijst


def _getoond(lijst: Takenlijst) -> list[Taak]:
    return [*lijst.toestemming, *(t for _, _, ts, _ in lijst.groepen for t in ts), *lijst.gevolgd]
