"""Opbouw voor de tests van toelating en handelingsplannen (geen testmodule).

Bovenop de wereld uit conftest: een so-school van een REC (bestuur B) met een leerling
die met haar ouder een plaats vraagt op school A (bao, bestuur A), en hulpfuncties om een
zaak via de services tot een fase te brengen en het aantal rijen te tellen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from rugzak.audit.models import AuditRegel
from rugzak.handelingsplannen.models import (
    Evaluatie,
    Handelingsplan,
    HandelingsplanOvergang,
    Instemming,
    Overeenkomst,
    OvereenkomstOvergang,
)
from rugzak.leerlingen.models import Leerling
from rugzak.leerlingen.services import leerling_inschrijven, ouder_koppel
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.organisaties.services import gebruiker_maak, organisatie_maak, rol_toeken
from rugzak.toelating import services
from rugzak.toelating.doorloop import Doorloop
from rugzak.toelating.models import (
    Begeleidingsinformatie,
    GastleerlingOvergang,
    Gastleerlingschap,
    Informatieverzoek,
    Onderwijsconsulent,
    Teambespreking,
    ToelatingOvergang,
    Toelatingszaak,
)

WACHTWOORD = "een-lang-testwachtwoord-42"


def gebruiker(naam: str, rol: str, organisatie: Organisatie | None = None) -> Gebruiker:
    g = gebruiker_maak(
        gebruikersnaam=naam, voornaam=naam.title(), achternaam="Test", wachtwoord=WACHTWOORD
    )
    rol_toeken(gebruiker=g, rol=rol, organisatie=organisatie, van=date(2003, 8, 1))
    return g


@dataclass
class Aanmelding:
    """De partijen van een aanmelding op school A."""

    w: object  # conftest.Wereld
    so_school: Organisatie
    directie_so: Gebruiker
    leerling: Leerling
    ouder: Gebruiker
    andere_ouder: Gebruiker
    bestuurder_b: Gebruiker
    ib_b: Gebruiker

    @property
    def school(self) -> Organisatie:
        return self.w.school_a  # type: ignore[attr-defined]

    def start(self, verzoek_op: date = date(2011, 11, 1), door: Gebruiker | None = None):
        return services.toelatingszaak_start(
            door=door or self.ouder,
            school=self.school,
            leerling=self.leerling,
            verzoek_op=verzoek_op,
        )

    def doorloop(self, zaak: Toelatingszaak, **extra) -> Doorloop:
        w = self.w
        gegevens = {
            "directie": w.directie_a,  # type: ignore[attr-defined]
            "ib": w.ib_a,  # type: ignore[attr-defined]
            "bestuurder": w.bestuurder_a,  # type: ignore[attr-defined]
            "ouder": self.ouder,
            "start": zaak.verzoek_op,
        }
        gegevens.update(extra)
        return Doorloop(zaak=zaak, **gegevens)

    def zaak_in(self, toestand: str, *, verzoek_op: date = date(2011, 11, 1), **extra):
        zaak = self.start(verzoek_op)
        return self.doorloop(zaak, **extra).tot(toestand)


def maak_aanmelding(w) -> Aanmelding:
    so_school = organisatie_maak(
        soort=Organisatiesoort.SCHOOL,
        naam="SO De Klimop",
        brin="33SO",
        schoolsoort="so",
        bestuur=w.bestuur_b,
        rec=w.rec,
    )
    directie_so = gebruiker("directie_so", Roltype.DIRECTIE, so_school)
    leerling = leerling_inschrijven(
        door=directie_so,
        school=so_school,
        voornaam="Daan",
        achternaam="de Vries",
        geboortedatum=date(2005, 3, 1),
        adres="Kerkstraat 3",
        postcode="3841 AC",
        woonplaats="Harderwijk",
        van=date(2009, 8, 20),
        groep=2,
    )
    ouder = gebruiker("ouder_daan", Roltype.OUDER)
    ouder_koppel(door=directie_so, leerling=leerling, ouder=ouder)
    return Aanmelding(
        w=w,
        so_school=so_school,
        directie_so=directie_so,
        leerling=leerling,
        ouder=ouder,
        andere_ouder=w.ouder_b,
        bestuurder_b=gebruiker("bestuurder_b", Roltype.BESTUURDER, w.bestuur_b),
        ib_b=gebruiker("ib_b", Roltype.INTERN_BEGELEIDER, w.school_b),
    )


MODELLEN = (
    Toelatingszaak,
    ToelatingOvergang,
    Informatieverzoek,
    Begeleidingsinformatie,
    Teambespreking,
    Onderwijsconsulent,
    Gastleerlingschap,
    GastleerlingOvergang,
    Overeenkomst,
    OvereenkomstOvergang,
    Handelingsplan,
    HandelingsplanOvergang,
    Instemming,
    Evaluatie,
    AuditRegel,
)


def tel() -> dict[str, int]:
    """Het aantal rijen per model (om te bewijzen dat een weigering niets schreef)."""
    return {m.__name__: m.objects.count() for m in MODELLEN}


def stand(obj) -> tuple:
    """Toestand en versie zoals ze in de database staan."""
    vers = type(obj).objects.get(pk=obj.pk)
    return getattr(vers, "toestand", None), vers.versie


def weigert_zonder_schrijven(functie, *, fout=ValidationError, obj=None, **kwargs):
    """Roep ``functie`` aan, verwacht ``fout``, en bewijs dat er niets is geschreven: geen
    rij erbij of eraf in de zaaktabellen en het auditlog, en de zaak in dezelfde stand."""
    voor = tel()
    stand_voor = stand(obj) if obj is not None else None
    with pytest.raises(fout) as info:
        functie(**kwargs)
    assert tel() == voor
    if obj is not None:
        assert stand(obj) == stand_voor
    return info.value


def velden(fout: ValidationError) -> set[str]:
    return set(fout.message_dict)
