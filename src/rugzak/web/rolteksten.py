"""Wat de startpagina onder "Uw rollen" per rol zegt: wat u met deze rol ziet en doet.

Alleen wat de toepassing nu kan (geen "volgt" of "hier komen"); de taken zelf staan in
de takenlijst bovenaan de startpagina."""

from __future__ import annotations

from rugzak.organisaties.rollen import Roltype

ROLTEKSTEN: dict[str, str] = {
    Roltype.DIRECTIE: "U ziet de leerlingen van uw school. U beslist over toelating, tekent "
    "overeenkomsten en meldt leerlingen bij de bekostigingsinstantie.",
    Roltype.INTERN_BEGELEIDER: "U ziet de leerlingen van uw school. U voert het "
    "toelatingsprotocol uit, stelt handelingsplannen op en houdt de evaluaties.",
    Roltype.TEAMLID: "U ziet de leerlingen van uw school en hun dossiers.",
    Roltype.BESTUURDER: "U ziet de leerlingen van de scholen van uw bestuur en toetst een "
    "voorgenomen besluit tot niet-toelating.",
    Roltype.CVI_SECRETARIS: "U behandelt de aanvragen voor een indicatie bij uw CvI: stukken, "
    "volledig verklaren, verlengen en beslissen.",
    Roltype.CVI_LID: "U leest de aanvragen voor een indicatie bij uw CvI.",
    Roltype.AB_COORDINATOR: "U ziet de begeleidingen van uw dienst: aangevraagd, lopend en "
    "afgesloten.",
    Roltype.AMBULANT_BEGELEIDER: "U ziet de leerlingen die u ambulant begeleidt.",
    Roltype.BEKOSTIGINGSMEDEWERKER: "U ziet leerlingen nooit met naam of adres, alleen op "
    "CvI-nummer. U beoordeelt meldingen en start de betaalrun per maand.",
    Roltype.OUDER: "U ziet de gegevens van uw eigen kind.",
    Roltype.PRIVACY_OFFICER: "U ziet geen leerlingen. U kunt het auditlog van uw organisatie "
    "exporteren (menu 'Auditlog exporteren').",
    Roltype.BELEIDSANALIST: "U ziet geen leerlingen, alleen CvI-nummers, scholen en REC's. "
    "U rekent wat-als-scenario's door (menu 'Scenario's').",
}
