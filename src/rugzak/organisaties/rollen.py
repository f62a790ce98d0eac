"""Welke rollen bij welke soort organisatie horen: de enige plek waar dat staat.

Een ouder heeft geen organisatie; de ouder is via een ouderrelatie aan het eigen kind
gekoppeld (002, fase 1-2: de ouders melden hun kind aan). Een REC zelf heeft in deze
fundering geen eigen rollen voor het werk met leerlingen: wie namens een REC werkt, doet dat
in de CvI of de AB-dienst; alleen de functionaris gegevensbescherming kan ook bij het REC.
"""

from __future__ import annotations

from django.db import models


class Organisatiesoort(models.TextChoices):
    BESTUUR = "bestuur", "bevoegd gezag (bestuur)"
    SCHOOL = "school", "school"
    REC = "rec", "regionaal expertisecentrum (REC)"
    CVI = "cvi", "commissie van indicatiestelling (CvI)"
    AB_DIENST = "ab_dienst", "dienst ambulante begeleiding"
    BEKOSTIGINGSINSTANTIE = "bekostigingsinstantie", "bekostigingsinstantie (CFI/DUO)"


class Roltype(models.TextChoices):
    DIRECTIE = "directie", "directie"
    INTERN_BEGELEIDER = "intern_begeleider", "intern begeleider"
    TEAMLID = "teamlid", "teamlid"
    BESTUURDER = "bestuurder", "bestuurder"
    CVI_SECRETARIS = "cvi_secretaris", "secretaris van de CvI"
    CVI_LID = "cvi_lid", "lid van de CvI"
    AB_COORDINATOR = "ab_coordinator", "coördinator ambulante begeleiding"
    AMBULANT_BEGELEIDER = "ambulant_begeleider", "ambulant begeleider"
    BEKOSTIGINGSMEDEWERKER = "bekostigingsmedewerker", "medewerker bekostiging"
    OUDER = "ouder", "ouder of verzorger"
    PRIVACY_OFFICER = "privacy_officer", "functionaris gegevensbescherming"
    BELEIDSANALIST = "beleidsanalist", "beleidsanalist"


#: De functionaris gegevensbescherming (AVG art. 37-39) kan er zijn bij elke soort
#: organisatie die leerlinggegevens verwerkt; de rol geeft geen toegang tot leerlingen,
#: alleen tot het auditlog van de eigen organisatie (rugzak.audit.selectors).
_FG = Roltype.PRIVACY_OFFICER

#: De rollen die binnen een soort organisatie kunnen bestaan.
ROLLEN_PER_SOORT: dict[str, frozenset[str]] = {
    Organisatiesoort.SCHOOL: frozenset(
        {Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER, Roltype.TEAMLID, _FG}
    ),
    Organisatiesoort.BESTUUR: frozenset({Roltype.BESTUURDER, _FG}),
    Organisatiesoort.CVI: frozenset({Roltype.CVI_SECRETARIS, Roltype.CVI_LID, _FG}),
    Organisatiesoort.AB_DIENST: frozenset(
        {Roltype.AB_COORDINATOR, Roltype.AMBULANT_BEGELEIDER, _FG}
    ),
    # De beleidsanalist rekent wat-als-scenario's door en ziet alleen pseudoniemen
    # (CvI-nummers), nooit leerlingen: geen leesgrond in rugzak.toegang (I-104).
    Organisatiesoort.BEKOSTIGINGSINSTANTIE: frozenset(
        {Roltype.BEKOSTIGINGSMEDEWERKER, Roltype.BELEIDSANALIST, _FG}
    ),
    Organisatiesoort.REC: frozenset({_FG}),
}

#: Rollen zonder organisatie.
ROLLEN_ZONDER_ORGANISATIE: frozenset[str] = frozenset({Roltype.OUDER})


def soort_van_rol(rol: str) -> str | None:
    """De organisatiesoort waar ``rol`` bij hoort, of None voor een rol zonder organisatie."""
    for soort, rollen in ROLLEN_PER_SOORT.items():
        if rol in rollen:
            return soort
    return None


def rolfout(rol: str, soort: str | None) -> str | None:
    """Een foutmelding als ``rol`` niet past bij een organisatie van ``soort`` (None: geen
    organisatie), anders None."""
    if rol not in Roltype.values:
        return f"onbekende rol {rol!r}; toegestaan: {', '.join(Roltype.values)}"
    if soort is None:
        if rol in ROLLEN_ZONDER_ORGANISATIE:
            return None
        soorten = [s for s, rollen in ROLLEN_PER_SOORT.items() if rol in rollen]
        soortnaam = (
            " of ".join(f"'{Organisatiesoort(s).label}'" for s in soorten)
            if soorten
            else "onbekend"
        )
        return (
            f"de rol '{Roltype(rol).label}' hoort bij een organisatie van soort "
            f"{soortnaam}; kies die organisatie"
        )
    if rol in ROLLEN_ZONDER_ORGANISATIE:
        return f"de rol '{Roltype(rol).label}' heeft geen organisatie; laat de organisatie leeg"
    if rol in ROLLEN_PER_SOORT.get(soort, frozenset()):
        return None
    toegestaan = sorted(ROLLEN_PER_SOORT.get(soort, frozenset()))
    return (
        f"de rol '{Roltype(rol).label}' past niet bij een organisatie van soort "
        f"'{Organisatiesoort(soort).label}'; toegestaan: {', '.join(toegestaan) or 'geen rollen'}"
    )
