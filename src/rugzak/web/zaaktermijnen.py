"""De termijnen van één zaak als tijdlijn (SVG) met hun uitleg, voor elke zaakpagina.

Uit het termijnregister (:func:`rugzak.termijnregister.termijnen_voor`): alleen termijnen
van zaken die de gebruiker mag zien, met de datum en grondslag uit de regelkern en de
status van de regelkern. Hier wordt niets uitgerekend; de tijdlijn tekent alleen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rugzak.gedeeld.tijd import vandaag
from rugzak.termijnregister import Zaaktermijn, termijnen_voor
from rugzak.web.grafieken import Tijdlijn, Tijdlijnpunt, tijdlijn

ZAAKTYPEN = {
    "toelating": "toelatingszaak",
    "gastleerling": "gastleerlingschap",
    "indicatie": "indicatieaanvraag",
    "handelingsplan": "handelingsplan",
    "begeleiding": "begeleiding",
    "terugmelding": "terugmelding",
}

#: De zaaktypen met "het" (dus "dit handelingsplan", niet "deze handelingsplan").
ONZIJDIG = frozenset({"handelingsplan", "gastleerlingschap"})


@dataclass(frozen=True)
class Zaaktijdlijn:
    lijn: Tijdlijn
    termijnen: list[Zaaktermijn]
    statussen: list[tuple[Zaaktermijn, str]]


def zaaktijdlijn(*, gebruiker: Any, zaaktype: str, zaak_id: str) -> Zaaktijdlijn | None:
    """De tijdlijn van de termijnen van één zaak, of None als de gebruiker geen termijnen
    van die zaak ziet (of de zaak er geen heeft)."""
    dag = vandaag()
    eigen = sorted(
        (
            t
            for t in termijnen_voor(gebruiker, vandaag=dag, reden="tijdlijn van een zaak")
            if t.zaaktype == zaaktype and t.zaak_id == zaak_id
        ),
        key=lambda t: (t.termijn.begin, t.termijn.uiterlijk),
    )
    if not eigen:
        return None
    punten = [
        Tijdlijnpunt(
            omschrijving=t.termijn.omschrijving,
            begin=t.termijn.begin,
            uiterlijk=t.termijn.uiterlijk,
            status=str(t.status(dag)),
            voldaan_op=t.voldaan_op,
        )
        for t in eigen
    ]
    naam = ZAAKTYPEN.get(zaaktype, zaaktype)
    lidwoord = "dit" if naam in ONZIJDIG else "deze"
    lijn = tijdlijn(titel=f"Termijnen van {lidwoord} {naam}", vandaag=dag, punten=punten)
    return Zaaktijdlijn(lijn, eigen, [(t, str(t.status(dag))) for t in eigen])
