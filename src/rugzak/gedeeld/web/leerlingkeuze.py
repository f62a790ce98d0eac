"""De keuzelijst "Leerling" in een formulier (melding, nieuwe toelatingszaak).

Wie weinig leerlingen mag zien, krijgt ze allemaal in de keuzelijst. Wie er meer dan
:data:`KEUZE_MAX` mag zien (een grote school, een bestuur), zoekt eerst op naam: een zoekveld
met een knop "Zoeken" in hetzelfde formulier (werkt zonder JavaScript, de rest van de invoer
blijft staan, en de naam komt niet in de URL). Het zoekblok staat na de verzendknop, zodat
Enter het formulier verstuurt en niet zoekt (zie :func:`is_zoeken` voor Enter in het
zoekveld). De keuzelijst bevat dan de gevonden leerlingen; zijn dat er meer dan
:data:`KEUZE_MAX`, dan zegt de pagina dat en hoe u verder zoekt. Niets valt stil weg, en
alleen de leerlingen in de lijst staan in het auditlog.

De server controleert de gekozen leerling altijd zelf (toegangsbeleid): een leerling die
niet in de lijst staat of die u niet mag zien, is een fout bij het veld "Leerling".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.http import QueryDict

from rugzak.gedeeld.paginering import Venster
from rugzak.leerlingen.selectors import leerlingen_aantal, leerlingen_deel
from rugzak.organisaties.models import Gebruiker

#: Zoveel leerlingen staan hoogstens in één keuzelijst.
KEUZE_MAX = 200
#: De naam van het zoekveld en van de zoekknop in het formulier.
ZOEKVELD = "zoek_leerling"
ZOEKKNOP = "leerling_zoeken"
#: Verborgen veld: de zoekterm waarmee de getoonde keuzelijst gevonden is.
GEZOCHT = "leerling_gezocht"

ONGELDIGE_LEERLING = (
    "kies een leerling uit de keuzelijst (alleen leerlingen die u mag zien); staat zij of "
    "hij er niet bij, zoek dan op naam"
)


@dataclass(frozen=True)
class Leerlingkeuze:
    """De keuzes voor het veld "Leerling" en wat de pagina erover zegt."""

    keuzes: list[tuple[str, str]]
    #: Hoeveel leerlingen de gebruiker mag zien.
    zichtbaar: int
    #: De zoekterm ("" zonder).
    zoek: str
    #: Hoeveel leerlingen de zoekterm vond (None zonder zoekterm).
    gevonden: int | None

    @property
    def met_zoeken(self) -> bool:
        """Te veel leerlingen voor één keuzelijst: het formulier toont het zoekveld."""
        return self.zichtbaar > KEUZE_MAX

    @property
    def uitleg(self) -> str:
        """Wat de keuzelijst bevat, in een zin voor onder het zoekveld."""
        if not self.met_zoeken:
            return ""
        if self.gevonden is None:
            return (
                f"U mag {_getal(self.zichtbaar)} leerlingen zien; dat zijn te veel voor één "
                "keuzelijst. Typ (een deel van) de voor- of achternaam en kies Zoeken; de "
                "keuzelijst bevat dan de gevonden leerlingen."
            )
        if self.gevonden == 0:
            return (
                f"Geen leerling gevonden met '{self.zoek}'. Typ een deel van de voor- of "
                "achternaam, zonder tussenvoegsel of met een ander deel."
            )
        if self.gevonden > KEUZE_MAX:
            return (
                f"{_getal(self.gevonden)} leerlingen gevonden met '{self.zoek}'; de eerste "
                f"{KEUZE_MAX} (op achternaam) staan in de keuzelijst. Typ meer van de naam, "
                "bijvoorbeeld voor- en achternaam."
            )
        return (
            f"{_getal(self.gevonden)} leerling{'' if self.gevonden == 1 else 'en'} gevonden "
            f"met '{self.zoek}'; kies in de keuzelijst."
        )


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def leerlingkeuze(
    gebruiker: Gebruiker, *, reden: str, zoek: str = "", gekozen: str | None = None
) -> Leerlingkeuze:
    """De keuzes voor ``gebruiker``: alle leerlingen die hij mag zien als dat er niet meer
    dan :data:`KEUZE_MAX` zijn, anders de gevonden leerlingen voor ``zoek``; de al gekozen
    leerling (``gekozen``, een publiek id) staat er altijd bij als hij haar mag zien. Elke
    leerling in de lijst krijgt een auditregel met ``reden``."""
    zoek = " ".join(zoek.split())[:100]
    zichtbaar = leerlingen_aantal(gebruiker=gebruiker)
    venster = Venster(pagina=1, per_pagina=KEUZE_MAX)
    gevonden: int | None = None
    leerlingen = []
    if zichtbaar <= KEUZE_MAX:
        zoek = ""
        leerlingen = leerlingen_deel(gebruiker=gebruiker, venster=venster, reden=reden).items
    elif zoek:
        deel = leerlingen_deel(gebruiker=gebruiker, venster=venster, reden=reden, zoek=zoek)
        leerlingen, gevonden = deel.items, deel.aantal
    keuzes = [(str(leerling.publiek_id), leerling.sorteernaam) for leerling in leerlingen]
    if gekozen and gekozen not in {k for k, _ in keuzes}:
        try:
            publiek_id = UUID(gekozen)
        except ValueError:
            publiek_id = None
        if publiek_id is not None:
            extra = leerlingen_deel(
                gebruiker=gebruiker,
                venster=Venster(pagina=1, per_pagina=1),
                reden=reden,
                publiek_ids=[publiek_id],
            ).items
            keuzes = [(str(e.publiek_id), e.sorteernaam) for e in extra] + keuzes
    return Leerlingkeuze(keuzes=keuzes, zichtbaar=zichtbaar, zoek=zoek, gevonden=gevonden)


def is_zoeken(request_post: QueryDict) -> bool:
    """Koos de gebruiker "Zoeken" (in plaats van het formulier te versturen)?

    Ook zoeken: het formulier kwam zonder de knop "Zoeken" (Enter gebruikt de verzendknop
    van het formulier, want die staat eerst), er is geen leerling gekozen en de zoekterm is
    nieuw (anders dan :data:`GEZOCHT`, de zoekterm van de getoonde keuzelijst). Zonder
    leerling zou het formulier toch geweigerd worden; zo wordt het een zoekvraag en blijft
    alles staan."""
    if ZOEKKNOP in request_post:
        return True
    zoek = " ".join(request_post.get(ZOEKVELD, "").split())
    gezocht = " ".join(request_post.get(GEZOCHT, "").split())
    return bool(zoek) and zoek != gezocht and not request_post.get("leerling")


def invoer_als_begin(post: QueryDict) -> dict[str, Any]:
    """De invoer van een formulier als beginwaarden, om het na "Zoeken" opnieuw te tonen
    zonder het te beoordelen (geen foutmeldingen, niets kwijt)."""
    return {
        k: post.get(k)
        for k in post
        if k not in ("csrfmiddlewaretoken", ZOEKVELD, ZOEKKNOP, GEZOCHT)
    }
