"""Alle lopende termijnen van alle zaken, per gebruiker: wat moet wanneer af, en waarom.

Elke zaak-app levert zijn termijnen met een module ``<app>/termijnen.py`` met een functie
``zaaktermijnen(*, gebruiker, vandaag, alleen_open=False) -> Iterable[Zaaktermijn]``; die
functie filtert zelf via het toegangsbeleid (rugzak.toegang) en geeft per termijn de
toegangsgrond mee; met ``alleen_open`` mag ze voldane termijnen weglaten (de startpagina
vraagt alleen open termijnen, en hoeft dan niet elke besliste zaak te lezen). Dit
register verzamelt ze, berekent de status met de regelkern en legt de inzage vast in het
auditlog: :func:`termijnen_voor` alles wat het teruggeeft, :func:`termijnen_deel` alleen
de gevraagde pagina. De termijnen zelf (datum en grondslag) komen altijd uit
:mod:`rugzak.regeling.regels.termijnen`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from rugzak.audit.services import audit_registreer_lijst
from rugzak.gedeeld.ontdekking import app_modules
from rugzak.gedeeld.paginering import Deel, Venster, knip_lijst
from rugzak.gedeeld.tijd import vandaag as vandaag_van_de_toepassing
from rugzak.regeling.regels.termijnen import Termijn, Termijnstatus, status
from rugzak.toegang import Toegangsgrond

#: de statussen van een termijn die niet meer open is
VOLDANE_STATUSSEN = frozenset({Termijnstatus.VOLDAAN, Termijnstatus.TE_LAAT_VOLDAAN})


@dataclass(frozen=True, slots=True)
class Zaaktermijn:
    """Een termijn van een zaak, met wie hem ziet en of hij al voldaan is."""

    zaaktype: str  # bv. "indicatie", "toelating", "handelingsplan", "melding"
    zaak_id: str  # publiek id van de zaak
    leerling_publiek_id: UUID | None
    termijn: Termijn
    grond: Toegangsgrond
    voldaan_op: date | None = None
    omschrijving_zaak: str = ""
    #: wat er moet gebeuren, in gewone taal en gebiedend ("Beslis over de toelating");
    #: leeg als er niets meer te doen is (de termijn geldt niet meer of is voldaan)
    actie: str = ""
    #: de rollen die moeten handelen (bv. {"directie"}), bij de organisatie ``actor_id``
    #: (de school, de CvI, de AB-dienst, het bestuur); voor de ouder is ``actor_id`` None
    actoren: frozenset[str] = frozenset()
    actor_id: int | None = None
    #: het anker (id) van het onderdeel op de zaakpagina waar de handeling gebeurt
    handeling: str = ""

    def status(self, vandaag: date) -> Termijnstatus:
        return status(self.termijn, vandaag, self.voldaan_op)

    def als_dict(self, vandaag: date) -> dict[str, Any]:
        return {
            "zaaktype": self.zaaktype,
            "zaak_id": self.zaak_id,
            "leerling": str(self.leerling_publiek_id) if self.leerling_publiek_id else None,
            "omschrijving": self.termijn.omschrijving,
            "zaak": self.omschrijving_zaak,
            "begin": self.termijn.begin.isoformat(),
            "uiterlijk": self.termijn.uiterlijk.isoformat(),
            "status": str(self.status(vandaag)),
            "voldaan_op": self.voldaan_op.isoformat() if self.voldaan_op else None,
            "grondslag": [b.citeer() for b in self.termijn.grondslag],
        }


def termijnen_verzamelen(
    gebruiker: Any,
    *,
    vandaag: date | None = None,
    statussen: Iterable[Termijnstatus] | None = None,
) -> list[Zaaktermijn]:
    """Alle termijnen die ``gebruiker`` mag zien, op uiterste datum; optioneel gefilterd op
    status. Nog niet gelogd: wie ze toont, roept :func:`termijnen_loggen` aan met wat hij
    toont (bv. één pagina)."""
    dag = vandaag or vandaag_van_de_toepassing()
    gewenst = set(statussen) if statussen is not None else None
    alle: list[Zaaktermijn] = []
    # Vraagt de aanroeper geen voldane termijnen, dan mag elke zaakmodule die overslaan
    # zonder ze te lezen (``alleen_open``); de status wordt hier toch nog getoetst.
    alleen_open = gewenst is not None and not gewenst & VOLDANE_STATUSSEN
    for module in app_modules("termijnen"):
        for t in module.zaaktermijnen(gebruiker=gebruiker, vandaag=dag, alleen_open=alleen_open):
            if gewenst is None or t.status(dag) in gewenst:
                alle.append(t)
    alle.sort(key=lambda t: (t.termijn.uiterlijk, t.zaaktype, t.zaak_id))
    return alle


def termijnen_loggen(
    gebruiker: Any, termijnen: Iterable[Zaaktermijn], *, reden: str = "termijnenoverzicht"
) -> None:
    """Leg vast dat ``gebruiker`` deze termijnen zag: een auditregel per termijn met een
    leerling."""
    audit_registreer_lijst(
        gebruiker=gebruiker,
        objecttype="termijn",
        items=[
            (
                f"{t.zaaktype}:{t.zaak_id}",
                t.leerling_publiek_id,
                t.grond.rol,
                t.grond.organisatie_id,
            )
            for t in termijnen
            if t.leerling_publiek_id is not None
        ],
        reden=reden,
    )


def termijnen_deel(
    gebruiker: Any,
    *,
    venster: Venster,
    vandaag: date | None = None,
    statussen: Iterable[Termijnstatus] | None = None,
    reden: str = "termijnenoverzicht",
) -> Deel[Zaaktermijn]:
    """Eén pagina van :func:`termijnen_verzamelen`, met het totaal; alleen de termijnen op
    de pagina worden gelogd."""
    alle = termijnen_verzamelen(gebruiker, vandaag=vandaag, statussen=statussen)
    deel = knip_lijst(alle, venster)
    termijnen_loggen(gebruiker, deel.items, reden=reden)
    return deel


def termijnen_voor(
    gebruiker: Any,
    *,
    vandaag: date | None = None,
    statussen: Iterable[Termijnstatus] | None = None,
    reden: str = "termijnenoverzicht",
) -> list[Zaaktermijn]:
    """Alle termijnen die ``gebruiker`` mag zien, op uiterste datum; optioneel gefilterd op
    status. Elke teruggegeven termijn met een leerling krijgt een auditregel (wie maar een
    deel toont, gebruikt :func:`termijnen_deel` of :func:`termijnen_verzamelen`)."""
    alle = termijnen_verzamelen(gebruiker, vandaag=vandaag, statussen=statussen)
    termijnen_loggen(gebruiker, alle, reden=reden)
    return alle
