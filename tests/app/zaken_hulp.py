"""Opbouw voor de tests van indicaties en ambulante begeleiding, bovenop de gedeelde
``wereld`` (conftest): REC's van cluster 2, 3 (twee) en 4 met CvI-secretarissen, een
AB-coördinator, een so-school en hulpfuncties die een aanvraag door de services sturen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rugzak.audit.models import AuditRegel
from rugzak.indicaties import services as ind
from rugzak.indicaties.models import Indicatie, Indicatieaanvraag, Stuksoort
from rugzak.leerlingen.models import Leerling
from rugzak.leerlingen.services import leerling_inschrijven, ouder_koppel
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.organisaties.services import gebruiker_maak, organisatie_maak, rol_toeken

INGEDIEND = date(2012, 1, 9)
RAPPORT = date(2012, 1, 16)
VOLLEDIG = date(2012, 1, 23)  # + 8 weken = 2012-03-19
BESLUIT = date(2012, 3, 1)


def gebruiker(naam: str, rol: str, organisatie: Organisatie | None = None) -> Gebruiker:
    g = gebruiker_maak(
        gebruikersnaam=naam,
        voornaam=naam.title(),
        achternaam="Test",
        wachtwoord="een-lang-testwachtwoord-42",
    )
    rol_toeken(gebruiker=g, rol=rol, organisatie=organisatie, van=date(2003, 8, 1))
    return g


@dataclass
class Zaken:
    w: object  # de gedeelde wereld
    cvi3_secretaris: Gebruiker
    rec2: Organisatie
    cvi2: Organisatie
    rec4: Organisatie
    cvi4: Organisatie
    cvi4_secretaris: Gebruiker
    rec3b: Organisatie
    cvi3b: Organisatie
    cvi3b_secretaris: Gebruiker
    cvi3b_lid: Gebruiker
    ab3b: Organisatie
    ab3b_coordinator: Gebruiker
    ab4: Organisatie
    ab_coordinator: Gebruiker
    begeleider2: Gebruiker
    so_school: Organisatie


def maak_zaken(w) -> Zaken:
    rec2 = organisatie_maak(soort=Organisatiesoort.REC, naam="REC 2", cluster="2", regio="Noord")
    cvi2 = organisatie_maak(soort=Organisatiesoort.CVI, naam="CvI REC 2", rec=rec2)
    rec4 = organisatie_maak(soort=Organisatiesoort.REC, naam="REC 4", cluster="4", regio="Noord")
    cvi4 = organisatie_maak(soort=Organisatiesoort.CVI, naam="CvI REC 4", rec=rec4)
    ab4 = organisatie_maak(soort=Organisatiesoort.AB_DIENST, naam="AB REC 4", rec=rec4)
    rec3b = organisatie_maak(
        soort=Organisatiesoort.REC, naam="REC 3 Zuid", cluster="3", regio="Zuid"
    )
    cvi3b = organisatie_maak(soort=Organisatiesoort.CVI, naam="CvI REC 3 Zuid", rec=rec3b)
    ab3b = organisatie_maak(soort=Organisatiesoort.AB_DIENST, naam="AB REC 3 Zuid", rec=rec3b)
    so_school = organisatie_maak(
        soort=Organisatiesoort.SCHOOL,
        naam="SO De Klim",
        brin="33SO",
        schoolsoort="so",
        bestuur=w.bestuur_b,
        rec=w.rec,
    )
    return Zaken(
        w=w,
        cvi3_secretaris=gebruiker("cvi_secretaris", Roltype.CVI_SECRETARIS, w.cvi),
        rec2=rec2,
        cvi2=cvi2,
        rec4=rec4,
        cvi4=cvi4,
        cvi4_secretaris=gebruiker("cvi4_secretaris", Roltype.CVI_SECRETARIS, cvi4),
        rec3b=rec3b,
        cvi3b=cvi3b,
        cvi3b_secretaris=gebruiker("cvi3b_secretaris", Roltype.CVI_SECRETARIS, cvi3b),
        cvi3b_lid=gebruiker("cvi3b_lid", Roltype.CVI_LID, cvi3b),
        ab3b=ab3b,
        ab3b_coordinator=gebruiker("ab3b_coordinator", Roltype.AB_COORDINATOR, ab3b),
        ab4=ab4,
        ab_coordinator=gebruiker("ab_coordinator", Roltype.AB_COORDINATOR, w.ab_dienst),
        begeleider2=gebruiker("ab2", Roltype.AMBULANT_BEGELEIDER, w.ab_dienst),
        so_school=so_school,
    )


def dien_in(
    z: Zaken,
    *,
    leerling: Leerling | None = None,
    door: Gebruiker | None = None,
    cvi: Organisatie | None = None,
    op: date = INGEDIEND,
    **extra,
) -> Indicatieaanvraag:
    return ind.aanvraag_indienen(
        door=door or z.w.ouder_a,
        leerling=leerling or z.w.leerling_a,
        cvi=cvi or z.w.cvi,
        op=op,
        **extra,
    )


def met_rapport(
    z: Zaken, aanvraag: Indicatieaanvraag, *, school: Organisatie | None = None, op: date = RAPPORT
) -> Indicatieaanvraag:
    aanvraag.refresh_from_db()
    ind.aanvraag_stuk_toevoegen(
        door=z.w.directie_a,
        aanvraag=aanvraag,
        versie=aanvraag.versie,
        soort=Stuksoort.ONDERWIJSKUNDIG_RAPPORT,
        ontvangen_op=op,
        opgesteld_door=school or z.w.school_a,
    )
    aanvraag.refresh_from_db()
    return aanvraag


def volledig(
    z: Zaken,
    aanvraag: Indicatieaanvraag,
    *,
    op: date = VOLLEDIG,
    secretaris: Gebruiker | None = None,
) -> Indicatieaanvraag:
    aanvraag.refresh_from_db()
    return ind.aanvraag_volledig_verklaren(
        door=secretaris or z.cvi3_secretaris, aanvraag=aanvraag, versie=aanvraag.versie, op=op
    )


def geindiceerd(
    z: Zaken,
    *,
    leerling: Leerling | None = None,
    ouder: Gebruiker | None = None,
    school: Organisatie | None = None,
    onderwijssoort: str = "lg",
    ingediend: date = INGEDIEND,
    volledig_op: date = VOLLEDIG,
    besluit: date = BESLUIT,
    **extra,
) -> Indicatie:
    """Een leerling door de hele procedure tot een positief besluit (cluster 3)."""
    aanvraag = dien_in(z, leerling=leerling, door=ouder, op=ingediend, **extra)
    aanvraag.refresh_from_db()
    ind.aanvraag_stuk_toevoegen(
        door=z.cvi3_secretaris,
        aanvraag=aanvraag,
        versie=aanvraag.versie,
        soort=Stuksoort.ONDERWIJSKUNDIG_RAPPORT,
        ontvangen_op=ingediend,
        opgesteld_door=school or z.w.school_a,
    )
    volledig(z, aanvraag, op=volledig_op)
    aanvraag.refresh_from_db()
    return ind.aanvraag_beslissen_positief(
        door=z.cvi3_secretaris,
        aanvraag=aanvraag,
        versie=aanvraag.versie,
        onderwijssoort=onderwijssoort,
        op=besluit,
    )


def nieuwe_leerling(
    z: Zaken,
    voornaam: str,
    *,
    van: date = date(2011, 8, 22),
    groep: int = 4,
    ouder: str | None = None,
) -> tuple[Leerling, Gebruiker | None]:
    leerling = leerling_inschrijven(
        door=z.w.directie_a,
        school=z.w.school_a,
        voornaam=voornaam,
        achternaam="Visser",
        geboortedatum=date(2004, 2, 2),
        adres="Kerkstraat 3",
        postcode="3841 AC",
        woonplaats="Harderwijk",
        van=van,
        groep=groep,
    )
    o = None
    if ouder:
        o = gebruiker(ouder, Roltype.OUDER)
        ouder_koppel(door=z.w.directie_a, leerling=leerling, ouder=o)
    return leerling, o


def tel(*modellen) -> tuple[int, ...]:
    """Aantallen rijen (en auditregels) om te bewijzen dat een weigering niets schreef."""
    return (AuditRegel.objects.count(), *(m.objects.count() for m in modellen))
