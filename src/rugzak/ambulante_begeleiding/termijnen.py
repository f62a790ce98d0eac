"""De termijnen van begeleidingen, voor het termijnenregister.

- **TAB**: het jaar terugplaatsingsbegeleiding eindigt op de datum uit
  :func:`rugzak.regeling.regels.ambulante_begeleiding.tab_recht` (003, 004), voor een
  zittende leerling zonder indicatie uit ``tab_recht_zittend`` (I-55). Voldaan als de
  begeleiding op of vóór die dag is beëindigd; loopt ze door, dan is de termijn verlopen.
- **RAB**: de begeleiding loopt tot het einde van de indicatie, uit
  :func:`rugzak.regeling.regels.indicatie.indicatie_geldigheid` (003: 'voor de duur van de
  indicatie'); daarna is een herindicatie nodig. Niet bij een indicatie voor de hele loopbaan.

Afgewezen begeleidingen hebben geen termijn.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rugzak.ambulante_begeleiding.models import Begeleidingsoort, Begeleidingstatus
from rugzak.ambulante_begeleiding.selectors import begeleidingen_met_grond, kandidaten
from rugzak.gedeeld.datumtekst import lange_datum
from rugzak.organisaties.models import Gebruiker
from rugzak.organisaties.rollen import Roltype
from rugzak.regeling.begrippen import Onderwijssoort, Schoolsoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.ambulante_begeleiding import tab_recht, tab_recht_zittend
from rugzak.regeling.regels.indicatie import indicatie_geldigheid
from rugzak.regeling.regels.termijnen import Termijn
from rugzak.termijnregister import Zaaktermijn

SCHOOLSOORTEN: dict[str, Schoolsoort] = {s.value: s for s in Schoolsoort}
ONDERWIJSSOORTEN: dict[str, Onderwijssoort] = {o.value: o for o in Onderwijssoort}
SOORTNAMEN: dict[str, str] = {k: str(v) for k, v in Begeleidingsoort.choices}
#: Wie een begeleiding beëindigt: de coördinator van de dienst (begeleiding_beeindigen).
COORDINATOR = frozenset({Roltype.AB_COORDINATOR})


@dataclass(frozen=True, slots=True)
class _Rij:
    """Wat de termijn, de toegangsgrond en de regel in het overzicht van een begeleiding
    nodig hebben: één rij uit de database, geen modelobjecten (een coördinator heeft er
    duizenden). :func:`begeleidingen_met_grond` leest ab_dienst_id, toegewezen_id,
    leerling_id en school_id."""

    publiek_id: Any
    soort: str
    beeindigd_op: date | None
    vso_sinds: date | None
    terugplaatsing_op: date | None
    nieuwe_schoolsoort: str
    school_id: int | None
    toegewezen_id: int | None
    leerling_id: int
    leerling_publiek_id: Any
    ab_dienst_id: int
    ab_dienst_naam: str
    indicatie_id: int | None
    cvi_nummer: str | None
    onderwijssoort: str | None
    indicatiedatum: date | None
    einddatum: date | None
    syndroom_van_down: bool | None
    zittend: bool = False
    zittend_bewijs: str = ""


_KOLOMMEN = (
    "publiek_id",
    "soort",
    "beeindigd_op",
    "vso_sinds",
    "terugplaatsing_op",
    "nieuwe_schoolsoort",
    "school_id",
    "toegewezen_id",
    "leerling_id",
    "leerling__publiek_id",
    "ab_dienst_id",
    "ab_dienst__naam",
    "indicatie_id",
    "indicatie__cvi_nummer",
    "indicatie__onderwijssoort",
    "indicatie__indicatiedatum",
    "indicatie__einddatum",
    "indicatie__syndroom_van_down",
    "zittend",
    "zittend_bewijs",
)


def _tab_termijn(b: _Rij) -> Termijn:
    assert b.vso_sinds is not None and b.terugplaatsing_op is not None
    if b.zittend:  # zittende leerling zonder indicatie (I-55)
        recht = tab_recht_zittend(
            ingeschreven_vso_sinds=b.vso_sinds,
            terugplaatsing_op=b.terugplaatsing_op,
            nieuwe_schoolsoort=SCHOOLSOORTEN[b.nieuwe_schoolsoort],
            heeft_geldige_indicatie=False,  # zo was het bij de aanvraag
            bewijs=b.zittend_bewijs,
        ).eis()
        return Termijn(
            regel="ab.tab_zittend",
            omschrijving="einde terugplaatsingsbegeleiding (TAB, zittende leerling): één jaar "
            "na terugplaatsing",
            begin=recht.periode.van,
            uiterlijk=recht.periode.tot,
            grondslag=recht.uitleg.bronnen(),
            uitleg=recht.uitleg,
        )
    assert b.einddatum is not None
    recht = tab_recht(
        standaard_regeling(),
        ingeschreven_vso_sinds=b.vso_sinds,
        indicatie_einde=b.einddatum,
        herindicatie=False,  # zo was het bij de aanvraag; anders was TAB geweigerd
        terugplaatsing_op=b.terugplaatsing_op,
        nieuwe_schoolsoort=SCHOOLSOORTEN[b.nieuwe_schoolsoort],
    )
    return Termijn(
        regel="ab.tab",
        omschrijving="einde terugplaatsingsbegeleiding (TAB): één jaar na terugplaatsing",
        begin=recht.periode.van,
        uiterlijk=recht.periode.tot,
        grondslag=recht.uitleg.bronnen(),
        uitleg=recht.uitleg,
    )


def _rab_termijn(b: _Rij, geldigheden: dict[tuple[str, date, bool], Any]) -> Termijn | None:
    """De RAB-termijn; ``geldigheden`` onthoudt de uitkomst van de regelkern per
    (onderwijssoort, indicatiedatum, syndroom van Down): veel indicaties delen die, en de
    regelkern hoeft dan maar één keer te rekenen."""
    if b.indicatie_id is None or b.onderwijssoort is None or b.indicatiedatum is None:
        return None
    sleutel = (b.onderwijssoort, b.indicatiedatum, bool(b.syndroom_van_down))
    if sleutel not in geldigheden:
        geldigheden[sleutel] = indicatie_geldigheid(
            standaard_regeling(),
            onderwijssoort=ONDERWIJSSOORTEN[b.onderwijssoort],
            indicatiedatum=b.indicatiedatum,
            syndroom_van_down=bool(b.syndroom_van_down),
        )
    geldigheid = geldigheden[sleutel]
    if geldigheid.einddatum is None:
        return None
    return Termijn(
        regel="indicatie.geldigheid",
        omschrijving=f"einde rugzak-AB: indicatie {b.cvi_nummer} loopt af "
        f"(herindicatie per "
        f"{lange_datum(geldigheid.herindicatie_op) if geldigheid.herindicatie_op else 'onbekend'})",
        begin=b.indicatiedatum,
        uiterlijk=geldigheid.einddatum,
        grondslag=geldigheid.uitleg.bronnen(),
        uitleg=geldigheid.uitleg,
    )


def zaaktermijnen(
    *, gebruiker: Gebruiker, vandaag: date, alleen_open: bool = False
) -> Iterable[Zaaktermijn]:
    rijen = [
        _Rij(*waarden)
        for waarden in kandidaten(gebruiker, vandaag)
        .filter(
            soort__in=[Begeleidingsoort.TAB, Begeleidingsoort.RAB],
            status__in=[
                Begeleidingstatus.AANGEVRAAGD,
                Begeleidingstatus.LOPEND,
                Begeleidingstatus.BEEINDIGD,
            ],
        )
        .order_by()
        .values_list(*_KOLOMMEN)
    ]
    # Een RAB-termijn hangt alleen af van de indicatie: één keer per indicatie rekenen.
    per_indicatie: dict[int | None, Termijn | None] = {}
    geldigheden: dict[tuple[str, date, bool], Any] = {}
    for b, grond in begeleidingen_met_grond(  # type: ignore[arg-type]
        gebruiker, rijen, vandaag, voorgefilterd=True
    ):
        if b.soort == Begeleidingsoort.TAB:
            termijn = _tab_termijn(b)
        else:
            if b.indicatie_id not in per_indicatie:
                per_indicatie[b.indicatie_id] = _rab_termijn(b, geldigheden)
            termijn = per_indicatie[b.indicatie_id]
        if termijn is None:
            continue
        voldaan = b.beeindigd_op if b.beeindigd_op and b.beeindigd_op <= vandaag else None
        yield Zaaktermijn(
            zaaktype="begeleiding",
            zaak_id=str(b.publiek_id),
            leerling_publiek_id=b.leerling_publiek_id,
            termijn=termijn,
            grond=grond,
            voldaan_op=voldaan,
            omschrijving_zaak=f"{SOORTNAMEN.get(b.soort, b.soort)} door {b.ab_dienst_naam}",
            actie=""
            if voldaan
            else "Beëindig de terugplaatsingsbegeleiding"
            if b.soort == Begeleidingsoort.TAB
            else "Beëindig de begeleiding of wacht de herindicatie af",
            actoren=frozenset() if voldaan else COORDINATOR,
            actor_id=b.ab_dienst_id,
        )
