"""Gedeelde opbouw voor de toepassingstests: een kleine wereld met twee besturen, twee
scholen, een REC met CvI en AB-dienst, de bekostigingsinstantie, gebruikers in elke rol
en twee leerlingen met elk een ouder. Alles via de services, zoals de toepassing zelf."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from rugzak.leerlingen.models import Leerling
from rugzak.leerlingen.services import leerling_inschrijven, ouder_koppel
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.organisaties.services import gebruiker_maak, organisatie_maak, rol_toeken

PEILDATUM = date(2012, 3, 15)
WACHTWOORD = "een-lang-testwachtwoord-42"


@pytest.fixture(autouse=True)
def vaste_peildatum(settings):
    """Elke test rekent op dezelfde dag, midden in schooljaar 2011-2012."""
    settings.RUGZAK_VANDAAG = PEILDATUM


@dataclass
class Wereld:
    bestuur_a: Organisatie
    bestuur_b: Organisatie
    school_a: Organisatie
    school_b: Organisatie
    rec: Organisatie
    cvi: Organisatie
    ab_dienst: Organisatie
    cfi: Organisatie
    directie_a: Gebruiker
    ib_a: Gebruiker
    teamlid_a: Gebruiker
    directie_b: Gebruiker
    bestuurder_a: Gebruiker
    cvi_lid: Gebruiker
    ambulant_begeleider: Gebruiker
    bekostigingsmedewerker: Gebruiker
    ouder_a: Gebruiker
    ouder_b: Gebruiker
    leerling_a: Leerling
    leerling_b: Leerling


def maak_gebruiker(naam: str, rol: str, organisatie: Organisatie | None = None) -> Gebruiker:
    gebruiker = gebruiker_maak(
        gebruikersnaam=naam, voornaam=naam.title(), achternaam="Test", wachtwoord=WACHTWOORD
    )
    rol_toeken(gebruiker=gebruiker, rol=rol, organisatie=organisatie, van=date(2003, 8, 1))
    return gebruiker


def schrijf_in(
    door: Gebruiker, school: Organisatie, voornaam: str, *, groep: int | None = None, **extra
) -> Leerling:
    leerjaar = None if groep is not None else extra.pop("leerjaar", 1)
    gegevens = {
        "achternaam": "Jansen",
        "geboortedatum": date(2004, 5, 1),
        "adres": "Dorpsstraat 1",
        "postcode": "3841 AB",
        "woonplaats": "Harderwijk",
        "van": date(2011, 8, 22),
    }
    gegevens.update(extra)
    return leerling_inschrijven(
        door=door,
        school=school,
        voornaam=voornaam,
        groep=groep,
        leerjaar=leerjaar,
        **gegevens,
    )


@pytest.fixture
def wereld(db) -> Wereld:
    bestuur_a = organisatie_maak(soort=Organisatiesoort.BESTUUR, naam="Bestuur A")
    bestuur_b = organisatie_maak(soort=Organisatiesoort.BESTUUR, naam="Bestuur B")
    school_a = organisatie_maak(
        soort=Organisatiesoort.SCHOOL,
        naam="School A",
        brin="11AA",
        schoolsoort="bao",
        bestuur=bestuur_a,
    )
    school_b = organisatie_maak(
        soort=Organisatiesoort.SCHOOL,
        naam="School B",
        brin="22BB",
        schoolsoort="vo",
        bestuur=bestuur_b,
    )
    rec = organisatie_maak(soort=Organisatiesoort.REC, naam="REC 3", cluster="3", regio="Noord")
    cvi = organisatie_maak(soort=Organisatiesoort.CVI, naam="CvI REC 3", rec=rec)
    ab_dienst = organisatie_maak(soort=Organisatiesoort.AB_DIENST, naam="AB REC 3", rec=rec)
    cfi = organisatie_maak(soort=Organisatiesoort.BEKOSTIGINGSINSTANTIE, naam="CFI")

    directie_a = maak_gebruiker("directie_a", Roltype.DIRECTIE, school_a)
    directie_b = maak_gebruiker("directie_b", Roltype.DIRECTIE, school_b)
    ouder_a = maak_gebruiker("ouder_a", Roltype.OUDER)
    ouder_b = maak_gebruiker("ouder_b", Roltype.OUDER)
    leerling_a = schrijf_in(directie_a, school_a, "Anna", groep=5)
    leerling_b = schrijf_in(directie_b, school_b, "Bram", leerjaar=2, achternaam="Bakker")
    ouder_koppel(door=directie_a, leerling=leerling_a, ouder=ouder_a)
    ouder_koppel(door=directie_b, leerling=leerling_b, ouder=ouder_b)
    return Wereld(
        bestuur_a=bestuur_a,
        bestuur_b=bestuur_b,
        school_a=school_a,
        school_b=school_b,
        rec=rec,
        cvi=cvi,
        ab_dienst=ab_dienst,
        cfi=cfi,
        directie_a=directie_a,
        ib_a=maak_gebruiker("ib_a", Roltype.INTERN_BEGELEIDER, school_a),
        teamlid_a=maak_gebruiker("teamlid_a", Roltype.TEAMLID, school_a),
        directie_b=directie_b,
        bestuurder_a=maak_gebruiker("bestuurder_a", Roltype.BESTUURDER, bestuur_a),
        cvi_lid=maak_gebruiker("cvi_lid", Roltype.CVI_LID, cvi),
        ambulant_begeleider=maak_gebruiker("ab", Roltype.AMBULANT_BEGELEIDER, ab_dienst),
        bekostigingsmedewerker=maak_gebruiker("cfi", Roltype.BEKOSTIGINGSMEDEWERKER, cfi),
        ouder_a=ouder_a,
        ouder_b=ouder_b,
        leerling_a=leerling_a,
        leerling_b=leerling_b,
    )


@pytest.fixture
def schrijf():
    """De hulpfunctie schrijf_in als fixture (tests importeren conftest niet)."""
    return schrijf_in


@pytest.fixture
def wachtwoord():
    """Het wachtwoord van alle testgebruikers."""
    return WACHTWOORD


# --- tests met echte commits (transaction=True) en de alleen-toevoegen-triggers -----------------


def _triggers(cursor, vendor: str) -> list[tuple[str, str, str]]:
    """(naam, tabel, definitie) van de eigen triggers in de database."""
    if vendor == "postgresql":
        cursor.execute(
            "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
        )
    else:
        cursor.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
    return list(cursor.fetchall())


@pytest.fixture
def zonder_alleen_toevoegen_triggers(transactional_db, request):
    """Voor tests met ``transaction=True``: pytest-django leegt na de test alle tabellen
    (flush), wat de alleen-toevoegen-triggers terecht weigeren. Deze fixture haalt de
    triggers na de test weg; :func:`pytest_runtest_teardown` zet ze na de flush terug."""
    yield
    from django.db import connection

    with connection.cursor() as cursor:
        bewaard = _triggers(cursor, connection.vendor)
        for naam, tabel, _ in bewaard:
            if connection.vendor == "postgresql":
                cursor.execute(f'DROP TRIGGER "{naam}" ON "{tabel}"')
            else:
                cursor.execute(f'DROP TRIGGER "{naam}"')
    request.node._rugzak_triggers = bewaard


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    bewaard = getattr(item, "_rugzak_triggers", None)
    if not bewaard or nextitem is None:
        # na de laatste test heeft pytest-django de testdatabase al opgeruimd; de
        # verbinding wijst dan naar de gewone database (in CI bestaat die, leeg)
        return
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock(), connection.cursor() as cursor:
        for _, _, definitie in bewaard:
            cursor.execute(definitie)
