"""Opbouw voor de tests van de REC- en (v)so-administratie (004): twee REC's van cluster 3,
(v)so-scholen met hun onderwijssoort, gebruikers in elke betrokken rol en hulpfuncties
om leerlingen met indicatie en plaatsing in te schrijven, altijd via de services."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

from rugzak.audit.models import AuditRegel
from rugzak.indicaties.models import Indicatie
from rugzak.leerlingen.models import Inschrijving, Leerling
from rugzak.leerlingen.services import leerling_inschrijven, ouder_koppel
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.organisaties.services import gebruiker_maak, organisatie_maak, rol_toeken
from rugzak.rec import services as recdienst
from rugzak.regeling.begrippen import Onderwijssoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.indicatie import indicatie_geldigheid

_nummers = itertools.count(1)
_brin = itertools.count(10)


def gebruiker(naam: str, rol: str, organisatie: Organisatie | None = None) -> Gebruiker:
    g = gebruiker_maak(
        gebruikersnaam=naam,
        voornaam=naam.title(),
        achternaam="Test",
        wachtwoord="een-lang-testwachtwoord-42",
    )
    rol_toeken(gebruiker=g, rol=rol, organisatie=organisatie, van=date(2003, 8, 1))
    return g


def indicatie(
    leerling: Leerling, cvi: Organisatie, onderwijssoort: str, indicatiedatum: date
) -> Indicatie:
    """Een indicatie als rij (de indicatiezaak zelf is elders getest)."""
    geldigheid = indicatie_geldigheid(
        standaard_regeling(),
        onderwijssoort=Onderwijssoort(onderwijssoort),
        indicatiedatum=indicatiedatum,
    )
    return Indicatie.objects.create(
        leerling=leerling,
        cvi=cvi,
        cvi_nummer=f"R-{next(_nummers):05d}",
        indicatiedatum=indicatiedatum,
        onderwijssoort=onderwijssoort,
        einddatum=geldigheid.einddatum,
        herindicatie_op=geldigheid.herindicatie_op,
    )


@dataclass
class RecWereld:
    bestuur: Organisatie
    rec: Organisatie
    cvi: Organisatie
    ab: Organisatie
    zml: Organisatie  # so-school, zml, met de AB-dienst (zelfde BRIN)
    lg: Organisatie  # so-school, lg
    vso: Organisatie  # vso-school, zml
    regulier: Organisatie  # basisschool
    ander_rec: Organisatie
    andere_school: Organisatie  # so-school van het andere REC
    secretaris: Gebruiker
    coordinator: Gebruiker
    cvi_lid: Gebruiker
    directie_zml: Gebruiker
    ib_zml: Gebruiker
    team_zml: Gebruiker
    directie_lg: Gebruiker
    directie_vso: Gebruiker
    directie_regulier: Gebruiker
    directie_andere: Gebruiker
    secretaris_ander: Gebruiker
    bekostiging: Gebruiker
    bestuurder: Gebruiker
    ouder: Gebruiker


def _school(naam: str, soort: str, bestuur: Organisatie, rec: Organisatie | None) -> Organisatie:
    return organisatie_maak(
        soort=Organisatiesoort.SCHOOL,
        naam=naam,
        brin=f"{next(_brin) % 90 + 10:02d}RS",
        schoolsoort=soort,
        bestuur=bestuur,
        rec=rec,
        plaats="Ede",
    )


def maak_rec_wereld() -> RecWereld:
    bestuur = organisatie_maak(soort=Organisatiesoort.BESTUUR, naam="Stichting SO")
    rec = organisatie_maak(soort=Organisatiesoort.REC, naam="REC 3 Test", cluster="3", regio="Oost")
    cvi = organisatie_maak(soort=Organisatiesoort.CVI, naam="CvI REC 3 Test", rec=rec)
    zml = _school("SO De Zon", "so", bestuur, rec)
    ab = organisatie_maak(
        soort=Organisatiesoort.AB_DIENST, naam="AB De Zon", rec=rec, brin=zml.brin
    )
    lg = _school("Mytylschool De Vlinder", "so", bestuur, rec)
    vso = _school("VSO De Horizon", "vso", bestuur, rec)
    regulier = _school("OBS Het Veld", "bao", bestuur, None)
    ander_rec = organisatie_maak(
        soort=Organisatiesoort.REC, naam="REC 3 Elders", cluster="3", regio="West"
    )
    ander_cvi = organisatie_maak(soort=Organisatiesoort.CVI, naam="CvI Elders", rec=ander_rec)
    andere_school = _school("SO Elders", "so", bestuur, ander_rec)
    cfi = organisatie_maak(soort=Organisatiesoort.BEKOSTIGINGSINSTANTIE, naam="CFI")
    w = RecWereld(
        bestuur=bestuur,
        rec=rec,
        cvi=cvi,
        ab=ab,
        zml=zml,
        lg=lg,
        vso=vso,
        regulier=regulier,
        ander_rec=ander_rec,
        andere_school=andere_school,
        secretaris=gebruiker("secretaris", Roltype.CVI_SECRETARIS, cvi),
        coordinator=gebruiker("coordinator", Roltype.AB_COORDINATOR, ab),
        cvi_lid=gebruiker("cvilid", Roltype.CVI_LID, cvi),
        directie_zml=gebruiker("directie_zml", Roltype.DIRECTIE, zml),
        ib_zml=gebruiker("ib_zml", Roltype.INTERN_BEGELEIDER, zml),
        team_zml=gebruiker("team_zml", Roltype.TEAMLID, zml),
        directie_lg=gebruiker("directie_lg", Roltype.DIRECTIE, lg),
        directie_vso=gebruiker("directie_vso", Roltype.DIRECTIE, vso),
        directie_regulier=gebruiker("directie_regulier", Roltype.DIRECTIE, regulier),
        directie_andere=gebruiker("directie_andere", Roltype.DIRECTIE, andere_school),
        secretaris_ander=gebruiker("secretaris_ander", Roltype.CVI_SECRETARIS, ander_cvi),
        bekostiging=gebruiker("cfi", Roltype.BEKOSTIGINGSMEDEWERKER, cfi),
        bestuurder=gebruiker("bestuurder", Roltype.BESTUURDER, bestuur),
        ouder=gebruiker("ouder", Roltype.OUDER),
    )
    rec_sec = w.secretaris
    recdienst.vso_profiel_vastleggen(door=rec_sec, school=zml, onderwijssoort="zml")
    recdienst.vso_profiel_vastleggen(door=rec_sec, school=lg, onderwijssoort="lg")
    recdienst.vso_profiel_vastleggen(door=rec_sec, school=vso, onderwijssoort="zml")
    recdienst.vso_profiel_vastleggen(
        door=w.secretaris_ander, school=andere_school, onderwijssoort="zml"
    )
    return w


def leerling_op(
    door: Gebruiker,
    school: Organisatie,
    *,
    van: date,
    geboortedatum: date = date(2003, 5, 1),
    geslacht: str = "m",
    tot: date | None = None,
    voornaam: str = "Kim",
) -> tuple[Leerling, Inschrijving]:
    heeft_groep = school.schoolsoort in ("so", "bao", "sbao")
    leerling = leerling_inschrijven(
        door=door,
        school=school,
        voornaam=voornaam,
        achternaam="Test",
        geboortedatum=geboortedatum,
        geslacht=geslacht,
        adres="Laan 1",
        postcode="6711 AB",
        woonplaats="Ede",
        van=van,
        groep=3 if heeft_groep else None,
        leerjaar=None if heeft_groep else 2,
    )
    inschrijving = leerling.inschrijvingen.get()
    if tot is not None:
        Inschrijving.objects.filter(pk=inschrijving.pk).update(tot=tot)
        inschrijving.refresh_from_db()
    return leerling, inschrijving


def koppel_ouder(w: RecWereld, leerling: Leerling, door: Gebruiker) -> None:
    ouder_koppel(door=door, leerling=leerling, ouder=w.ouder)


def tel(*modellen) -> tuple[int, ...]:
    """Aantallen rijen (en auditregels): een weigering schrijft niets."""
    return (AuditRegel.objects.count(), *(m.objects.count() for m in modellen))


#: Een volledig verzoek om residentiële plaatsen (004, 'Residentiële plaatsen').
VERZOEK_VOLLEDIG: dict[str, object] = {
    "plaatsen": 20,
    "leerlingen_uit_instelling": {
        "2006-2007": 14,
        "2007-2008": 15,
        "2008-2009": 17,
        "2009-2010": 18,
        "2010-2011": 19,
    },
    "gemiddelde_verblijfsduur_maanden": "14.5",
    "plaatsen_instelling": 60,
    "naam_instelling": "Orthopedagogisch Centrum De Hoeve",
    "adres_instelling": "Hoeveweg 3, 6711 AA Ede",
    "aard_opvang": "behandeling en verblijf voor kinderen met een verstandelijke beperking",
    "afschrift_samenwerkingsafspraken": True,
}
