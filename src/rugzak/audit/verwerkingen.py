"""Het register van verwerkingen: welke verwerking en welke grondslag bij een auditregel horen.

De standaard Logboek Dataverwerkingen (Logius) vraagt bij elke verwerking van
persoonsgegevens: wie (actor), welke verwerkingsactiviteit, van wie de gegevens zijn
(betrokkene), wanneer, en op welke grondslag. De aanroepers van
:func:`rugzak.audit.services.audit_registreer` geven het soort object; dit register leidt er
op één plek de verwerkingsactiviteit en haar grondslag uit af, zodat geen aanroeper ze zelf
hoeft te kiezen (en niet elke aanroeper aangepast hoeft te worden).

De grondslag noemt de wet die de bronnen bij de procedure noemen, met de bron (I-94). Een
soort object dat hier niet staat, krijgt geen verwerking en geen grondslag (lege velden,
in beeld als "niet vastgelegd"); ``tests/app/test_auditrecht.py`` faalt als een soort
object uit de code ontbreekt.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Verwerking:
    """Eén verwerkingsactiviteit met haar grondslag en de bron van die grondslag."""

    code: str
    naam: str
    grondslag: str
    bron: str


_ALGEMEEN = "AVG art. 6 lid 1 onder e (taak van algemeen belang)"

VERWERKINGEN: dict[str, Verwerking] = {
    v.code: v
    for v in (
        Verwerking(
            "leerlingadministratie",
            "leerlingadministratie (inschrijving, ouders)",
            f"{_ALGEMEEN}; WPO/WVO, inschrijving van de leerling",
            "003, paragraaf over de registratie bij CFI (WPO en WVO); "
            "002, paragraaf 2.1 'De Wet op het Primair Onderwijs'",
        ),
        Verwerking(
            "indicatiestelling",
            "indicatiestelling door de CvI",
            f"{_ALGEMEEN}; WEC, indicatiestelling door de CvI van het REC",
            "002, paragraaf 2.2 'De Wet op de Expertise Centra'; 000, 'Aanvragen van het rugzakje'",
        ),
        Verwerking(
            "toelating",
            "toelating van een leerling met een indicatie",
            f"{_ALGEMEEN}; WPO art. 8 lid 4 en WEC, toelatingsbeleid",
            "002, paragrafen 2.1 en 2.2 en het toelatingsprotocol (fasen 1-14); "
            "004, paragraaf 'Toelating'",
        ),
        Verwerking(
            "handelingsplan",
            "handelingsplan, overeenkomst en evaluatie",
            f"{_ALGEMEEN}; WEC en regeling LGF, handelingsplan bij toelating",
            "002, paragraaf over het handelingsplan (binnen een maand) en de evaluaties",
        ),
        Verwerking(
            "melding_bekostiging",
            "melding bij de bekostigingsinstantie en bekostiging van de rugzak",
            f"{_ALGEMEEN}; regeling LGF (Stb. 2002, 631), melding en bekostiging",
            "004, paragraaf 'Aanmelding en uitschrijving van geïndiceerde leerlingen'; "
            "003, registratie bij CFI",
        ),
        Verwerking(
            "ambulante_begeleiding",
            "ambulante begeleiding (RAB, TAB, PAB)",
            f"{_ALGEMEEN}; WEC art. 8a, ambulante begeleiding",
            "004, paragraaf 'Ambulante begeleiding (AB) en preventieve ambulante begeleiding "
            "(PAB) (artikel 8a WEC)'; 003",
        ),
        Verwerking(
            "rec_administratie",
            "REC-administratie (telling, plaatsen, vestigingen)",
            f"{_ALGEMEEN}; WEC art. 71b, 71c en 76a, REC-administratie",
            "004, paragrafen 'Scholengemeenschap', 'Residentiële plaatsen', 'Nevenvestigingen', "
            "'Verbrede toelating' en 'Leerlingtelling'",
        ),
        Verwerking(
            "termijnbewaking",
            "bewaking van wettelijke termijnen",
            f"{_ALGEMEEN}; de termijnen van WEC en regeling LGF",
            "000, 'Aanvragen van het rugzakje' (acht weken); 002, fase 10-11 (acht weken); "
            "004 (zes weken)",
        ),
        Verwerking(
            "toegangsbeheer",
            "beheer van gebruikers, rollen en organisaties",
            "AVG art. 32 (beveiliging van de verwerking)",
            "geen bron in 000-004; zie I-94",
        ),
        Verwerking(
            "inzage_betrokkene",
            "inzage van de ouder in het auditlog",
            "AVG art. 15 (recht op inzage)",
            "geen bron in 000-004; zie I-94",
        ),
        Verwerking(
            "toezicht_gegevensbescherming",
            "toezicht door de functionaris gegevensbescherming",
            "AVG art. 38 en 39 (taken van de functionaris gegevensbescherming)",
            "geen bron in 000-004; zie I-94",
        ),
    )
}

#: Soort object (zoals de aanroepers van audit_registreer het noemen) naar verwerking.
PER_OBJECTTYPE: dict[str, str] = {
    # leerlingadministratie
    "leerling": "leerlingadministratie",
    "inschrijving": "leerlingadministratie",
    "ouderrelatie": "leerlingadministratie",
    "dossier": "leerlingadministratie",
    "geregistreerde_leerling": "leerlingadministratie",
    # indicatiestelling
    "indicatieaanvraag": "indicatiestelling",
    "indicatie": "indicatiestelling",
    "dossierstuk": "indicatiestelling",
    # toelating
    "toelatingszaak": "toelating",
    "gastleerlingschap": "toelating",
    "informatieverzoek": "toelating",
    "begeleidingsinformatie": "toelating",
    "teambespreking": "toelating",
    "onderwijsconsulent": "toelating",
    "vso_aanmelding": "toelating",
    "vso_plaatsing": "toelating",
    # handelingsplan
    "handelingsplan": "handelingsplan",
    "overeenkomst": "handelingsplan",
    "evaluatie": "handelingsplan",
    # melding en bekostiging
    "melding": "melding_bekostiging",
    "onvolledige_indiening": "melding_bekostiging",
    "terugmelding": "melding_bekostiging",
    "zml_aanvraag": "melding_bekostiging",
    "terugplaatsing_groep2": "melding_bekostiging",
    "verhuisoverzicht": "melding_bekostiging",
    "rugzak": "melding_bekostiging",
    "grootboek": "melding_bekostiging",
    "grootboekregel": "melding_bekostiging",
    "betaalrun": "melding_bekostiging",
    "leemte": "melding_bekostiging",
    "besteding": "melding_bekostiging",
    # wat-als-scenario's van de beleidsanalist (pseudoniem, I-104)
    "scenario": "melding_bekostiging",
    # ambulante begeleiding
    "begeleiding": "ambulante_begeleiding",
    "pab_formatie": "ambulante_begeleiding",
    # REC-administratie
    "residentieel_verzoek": "rec_administratie",
    "vestiging": "rec_administratie",
    "verbrede_toelating": "rec_administratie",
    "scholengemeenschap": "rec_administratie",
    "rec_inrichting": "rec_administratie",
    "leerlingtelling": "rec_administratie",
    "vso_profiel": "rec_administratie",
    # termijnen
    "termijn": "termijnbewaking",
    # beheer
    "gebruiker": "toegangsbeheer",
    "rol": "toegangsbeheer",
    "organisatie": "toegangsbeheer",
    # het auditlog zelf
    "auditlog_inzage": "inzage_betrokkene",
    "auditlog_export": "toezicht_gegevensbescherming",
}


def verwerking_van(objecttype: str) -> Verwerking | None:
    """De verwerking bij dit soort object, of None als het register het niet kent."""
    code = PER_OBJECTTYPE.get(objecttype)
    return VERWERKINGEN[code] if code is not None else None
