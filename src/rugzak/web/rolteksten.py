"""Wat de startpagina per rol zegt over wat er (nog) te doen is."""

from __future__ import annotations

from rugzak.organisaties.rollen import Roltype

ROLTEKSTEN: dict[str, str] = {
    Roltype.DIRECTIE: "U ziet de leerlingen die op uw school ingeschreven zijn of worden. "
    "Toelating, handelingsplannen en meldingen volgen.",
    Roltype.INTERN_BEGELEIDER: "U ziet de leerlingen van uw school. Handelingsplannen en "
    "evaluaties volgen.",
    Roltype.TEAMLID: "U ziet de leerlingen van uw school.",
    Roltype.BESTUURDER: "U ziet de leerlingen van de scholen van uw bestuur. De toetsing van "
    "voorgenomen afwijzingen volgt.",
    Roltype.CVI_SECRETARIS: "Hier komen de aanvragen voor indicatiestelling bij uw CvI. "
    "Zolang die er niet zijn, ziet u geen leerlingen.",
    Roltype.CVI_LID: "Hier komen de aanvragen voor indicatiestelling bij uw CvI. Zolang die "
    "er niet zijn, ziet u geen leerlingen.",
    Roltype.AB_COORDINATOR: "Hier komen de leerlingen die uw dienst ambulant begeleidt. "
    "Zolang er geen begeleidingen zijn vastgelegd, ziet u geen leerlingen.",
    Roltype.AMBULANT_BEGELEIDER: "Hier komen de leerlingen die u ambulant begeleidt. Zolang "
    "er geen begeleidingen zijn vastgelegd, ziet u geen leerlingen.",
    Roltype.BEKOSTIGINGSMEDEWERKER: "U ziet leerlingen nooit met naam of adres, alleen op "
    "CvI-nummer. Dat overzicht volgt met de meldingen.",
    Roltype.OUDER: "U ziet de gegevens van uw eigen kind.",
    Roltype.PRIVACY_OFFICER: "U ziet geen leerlingen. U kunt het auditlog van uw organisatie "
    "exporteren (menu 'Auditlog exporteren').",
    Roltype.BELEIDSANALIST: "U ziet geen leerlingen, alleen CvI-nummers, scholen en REC's. "
    "U rekent wat-als-scenario's door (menu 'Scenario's').",
}
