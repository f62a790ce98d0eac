"""De demogegevens opbouwen, stap voor stap, altijd via de services.

Uitbreiden: schrijf een functie ``stap(ctx: DemoContext) -> None`` en voeg haar met
:func:`registreer_stap` toe (bv. indicaties na de leerlingen, betalingen daarna). Elke
stap krijgt een eigen random.Random, afgeleid van het demozaad en de naam van de stap;
een nieuwe stap verschuift dus niets in de gegevens van de bestaande stappen.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from rugzak.demo import namen
from rugzak.leerlingen.models import Leerling
from rugzak.leerlingen.services import leerling_inschrijven, ouder_koppel
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.organisaties.services import gebruiker_maak, organisatie_maak, rol_toeken
from rugzak.regeling.begrippen import Schoolsoort
from rugzak.regeling.tijd import Schooljaar

#: De dag waarop rollen in de demo ingaan: het begin van LGF (1 augustus 2003).
ROLLEN_VANAF = date(2003, 8, 1)


@dataclass
class DemoContext:
    """Wat de stappen delen: de peildatum, het wachtwoord en wat eerdere stappen maakten."""

    zaad: int
    peildatum: date
    wachtwoord_hash: str
    organisaties: dict[str, Organisatie] = field(default_factory=dict)
    gebruikers: dict[str, Gebruiker] = field(default_factory=dict)
    #: per school-sleutel de gebruiker die namens de school inschrijft (de directie)
    schooldirectie: dict[str, Gebruiker] = field(default_factory=dict)
    leerlingen: list[Leerling] = field(default_factory=list)
    #: per leerling (publiek id) de sleutel van de school waar ze ingeschreven is
    school_van_leerling: dict[uuid.UUID, str] = field(default_factory=dict)

    @property
    def schooljaar(self) -> Schooljaar:
        return Schooljaar.van_datum(self.peildatum)

    def rng(self, stap: str) -> random.Random:
        return random.Random(f"rugzak-demo:{self.zaad}:{stap}")


Demostap = Callable[[DemoContext], None]
STAPPEN: list[tuple[str, Demostap]] = []


def registreer_stap(naam: str, stap: Demostap) -> Demostap:
    """Voeg een stap achteraan toe; de naam moet uniek zijn."""
    if any(n == naam for n, _ in STAPPEN):
        raise ValueError(f"demostap {naam!r} bestaat al")
    STAPPEN.append((naam, stap))
    return stap


# --- de organisaties ------------------------------------------------------------------

#: sleutel -> (naam, plaats)
BESTUREN = {
    "veluwerand": ("Stichting Primair Openbaar Onderwijs Veluwerand", "Harderwijk"),
    "akker": ("Vereniging voor Christelijk Primair Onderwijs De Akker", "Nunspeet"),
    "rivierstede": ("Stichting Voortgezet Onderwijs Rivierstede", "Apeldoorn"),
    "geldersepoort": ("Stichting ROC Gelderse Poort", "Apeldoorn"),
    "kempenaer": ("Stichting Speciaal Onderwijs De Kempenaer", "Ede"),
}

#: sleutel -> (naam, schoolsoort, BRIN, bestuur, plaats, REC-sleutel of None)
SCHOLEN = {
    "dewieken": ("OBS De Wieken", Schoolsoort.BAO, "21WK", "veluwerand", "Harderwijk", None),
    "hetkompas": ("OBS Het Kompas", Schoolsoort.BAO, "22KP", "veluwerand", "Ermelo", None),
    "deregenboog": ("OBS De Regenboog", Schoolsoort.BAO, "23RB", "veluwerand", "Putten", None),
    "debrug": ("SBO De Brug", Schoolsoort.SBAO, "24BR", "veluwerand", "Harderwijk", None),
    "deakker": ("CBS De Akker", Schoolsoort.BAO, "31AK", "akker", "Nunspeet", None),
    "ichthus": ("CBS Ichthus", Schoolsoort.BAO, "32IC", "akker", "Elburg", None),
    "rivierstedecollege": (
        "Rivierstede College",
        Schoolsoort.VO,
        "41RC",
        "rivierstede",
        "Zutphen",
        None,
    ),
    "veluwslyceum": ("Veluws Lyceum", Schoolsoort.VO, "42VL", "rivierstede", "Apeldoorn", None),
    "roc": (
        "ROC Gelderse Poort, locatie Apeldoorn",
        Schoolsoort.MBO,
        "51GP",
        "geldersepoort",
        "Apeldoorn",
        None,
    ),
    "hetpalet": ("SO Het Palet", Schoolsoort.SO, "61PA", "kempenaer", "Ede", "rec2"),
    "deklimboom": ("SO De Klimboom", Schoolsoort.SO, "62KB", "kempenaer", "Barneveld", "rec3"),
    "hetbaken": ("VSO Het Baken", Schoolsoort.VSO, "63BK", "kempenaer", "Apeldoorn", "rec4"),
}

#: sleutel -> (cluster, naam, regio, plaats, BRIN van de AB-dienst of "")
RECS = {
    "rec2": ("2", "REC 2 Gelderse Vallei", "Gelderse Vallei en Veluwe", "Ede", "61PA"),
    "rec3": ("3", "REC 3 Veluwe en IJssel", "Noord- en Oost-Veluwe", "Barneveld", "62KB"),
    "rec4": ("4", "REC 4 Rivierenland", "Oost-Gelderland", "Apeldoorn", "63BK"),
}


def maak_organisaties(ctx: DemoContext) -> None:
    org = ctx.organisaties
    org["cfi"] = organisatie_maak(
        soort=Organisatiesoort.BEKOSTIGINGSINSTANTIE,
        naam="CFI, Centrale Financiën Instellingen (demo)",
        plaats="Zoetermeer",
    )
    for sleutel, (naam, plaats) in BESTUREN.items():
        org[sleutel] = organisatie_maak(soort=Organisatiesoort.BESTUUR, naam=naam, plaats=plaats)
    for sleutel, (cluster, naam, regio, plaats, ab_brin) in RECS.items():
        rec = organisatie_maak(
            soort=Organisatiesoort.REC, naam=naam, cluster=cluster, regio=regio, plaats=plaats
        )
        org[sleutel] = rec
        org[f"{sleutel}-cvi"] = organisatie_maak(
            soort=Organisatiesoort.CVI, naam=f"CvI {naam}", rec=rec, plaats=plaats
        )
        org[f"{sleutel}-ab"] = organisatie_maak(
            soort=Organisatiesoort.AB_DIENST,
            naam=f"Dienst ambulante begeleiding {naam}",
            rec=rec,
            brin=ab_brin,
            plaats=plaats,
        )
    for sleutel, (naam, soort, brin, bestuur, plaats, rec_sleutel) in SCHOLEN.items():
        org[sleutel] = organisatie_maak(
            soort=Organisatiesoort.SCHOOL,
            naam=naam,
            schoolsoort=soort.value,
            brin=brin,
            bestuur=org[bestuur],
            plaats=plaats,
            rec=org[rec_sleutel] if rec_sleutel else None,
        )


registreer_stap("organisaties", maak_organisaties)


# --- medewerkers ------------------------------------------------------------------------

#: Vaste demo-logins: per rol de gebruikersnaam die `rugzak demo` toont.
DEMO_LOGINS: dict[str, str] = {
    Roltype.DIRECTIE: "directie.dewieken",
    Roltype.INTERN_BEGELEIDER: "ib.dewieken",
    Roltype.TEAMLID: "team.dewieken",
    Roltype.BESTUURDER: "bestuur.veluwerand",
    Roltype.CVI_SECRETARIS: "cvi-secretaris.rec3",
    Roltype.CVI_LID: "cvi-lid.rec3",
    Roltype.AB_COORDINATOR: "ab-coordinator.rec3",
    Roltype.AMBULANT_BEGELEIDER: "ab.rec3",
    Roltype.BEKOSTIGINGSMEDEWERKER: "bekostiging.cfi",
    Roltype.OUDER: "ouder.001",
    Roltype.PRIVACY_OFFICER: "fg.dewieken",
    Roltype.BELEIDSANALIST: "analist.cfi",
}

_SCHOOLROLLEN = (
    ("directie", Roltype.DIRECTIE),
    ("ib", Roltype.INTERN_BEGELEIDER),
    ("team", Roltype.TEAMLID),
)


def _persoon(ctx: DemoContext, rng: random.Random, gebruikersnaam: str) -> Gebruiker:
    tussen, achter = rng.choice(namen.ACHTERNAMEN)
    gebruiker = gebruiker_maak(
        gebruikersnaam=gebruikersnaam,
        voornaam=rng.choice(namen.VOLWASSEN_VOORNAMEN),
        achternaam=f"{tussen} {achter}".strip(),
        email=f"{gebruikersnaam}@demo.invalid",
        wachtwoord_hash=ctx.wachtwoord_hash,
    )
    ctx.gebruikers[gebruikersnaam] = gebruiker
    return gebruiker


def maak_medewerkers(ctx: DemoContext) -> None:
    rng = ctx.rng("medewerkers")
    org = ctx.organisaties
    for sleutel in SCHOLEN:
        for voorvoegsel, rol in _SCHOOLROLLEN:
            gebruiker = _persoon(ctx, rng, f"{voorvoegsel}.{sleutel}")
            rol_toeken(gebruiker=gebruiker, rol=rol, organisatie=org[sleutel], van=ROLLEN_VANAF)
            if rol == Roltype.DIRECTIE:
                ctx.schooldirectie[sleutel] = gebruiker
    for sleutel in BESTUREN:
        gebruiker = _persoon(ctx, rng, f"bestuur.{sleutel}")
        rol_toeken(
            gebruiker=gebruiker, rol=Roltype.BESTUURDER, organisatie=org[sleutel], van=ROLLEN_VANAF
        )
    for rec in RECS:
        for naam, rol, dienst in (
            ("cvi-secretaris", Roltype.CVI_SECRETARIS, "cvi"),
            ("cvi-lid", Roltype.CVI_LID, "cvi"),
            ("cvi-lid2", Roltype.CVI_LID, "cvi"),
            ("ab-coordinator", Roltype.AB_COORDINATOR, "ab"),
            ("ab", Roltype.AMBULANT_BEGELEIDER, "ab"),
            ("ab2", Roltype.AMBULANT_BEGELEIDER, "ab"),
        ):
            gebruiker = _persoon(ctx, rng, f"{naam}.{rec}")
            rol_toeken(
                gebruiker=gebruiker, rol=rol, organisatie=org[f"{rec}-{dienst}"], van=ROLLEN_VANAF
            )
    for i in (1, 2):
        gebruiker = _persoon(ctx, rng, "bekostiging.cfi" if i == 1 else f"bekostiging{i}.cfi")
        rol_toeken(
            gebruiker=gebruiker,
            rol=Roltype.BEKOSTIGINGSMEDEWERKER,
            organisatie=org["cfi"],
            van=ROLLEN_VANAF,
        )
    # De functionaris gegevensbescherming van De Wieken: exporteert het auditlog van de
    # school; als laatste gemaakt, zodat de namen van de andere demogebruikers niet schuiven.
    fg = _persoon(ctx, rng, "fg.dewieken")
    rol_toeken(
        gebruiker=fg, rol=Roltype.PRIVACY_OFFICER, organisatie=org["dewieken"], van=ROLLEN_VANAF
    )
    # De beleidsanalist van de bekostigingsinstantie (wat-als-scenario's); na de FG, om
    # dezelfde reden.
    analist = _persoon(ctx, rng, "analist.cfi")
    rol_toeken(
        gebruiker=analist, rol=Roltype.BELEIDSANALIST, organisatie=org["cfi"], van=ROLLEN_VANAF
    )


registreer_stap("medewerkers", maak_medewerkers)


# --- leerlingen en ouders ---------------------------------------------------------------

#: per school: hoeveel leerlingen de demo er inschrijft
LEERLINGEN_PER_SCHOOL = {
    "dewieken": 6,
    "hetkompas": 4,
    "deregenboog": 3,
    "debrug": 4,
    "deakker": 4,
    "ichthus": 3,
    "rivierstedecollege": 4,
    "veluwslyceum": 3,
    "roc": 3,
    "hetpalet": 2,
    "deklimboom": 3,
    "hetbaken": 3,
}

#: leeftijd op 1 oktober bij groep 1 / leerjaar 1, per schoolsoort
_BEGINLEEFTIJD = {
    Schoolsoort.BAO: 4,
    Schoolsoort.SBAO: 4,
    Schoolsoort.SO: 4,
    Schoolsoort.VO: 12,
    Schoolsoort.VSO: 12,
    Schoolsoort.MBO: 16,
}
_HOOGSTE_KLAS = {
    Schoolsoort.BAO: 8,
    Schoolsoort.SBAO: 8,
    Schoolsoort.SO: 8,
    Schoolsoort.VO: 6,
    Schoolsoort.VSO: 6,
    Schoolsoort.MBO: 3,
}


def _postcode(rng: random.Random, plaats: str) -> str:
    laag, hoog = namen.PLAATSEN[plaats]
    while True:
        letters = "".join(rng.choice("ABCEGHJKLMNPRTVWXZ") for _ in range(2))
        if letters not in namen.VERBODEN_POSTCODELETTERS:
            return f"{rng.randint(laag, hoog)} {letters}"


def maak_leerlingen(ctx: DemoContext) -> None:
    """Leerlingen met inschrijving en één of twee ouders; soms een broer of zus."""
    rng = ctx.rng("leerlingen")
    jaar = ctx.schooljaar.beginjaar
    ouder_nummer = 0
    vorige: tuple[Leerling, list[Gebruiker], str] | None = None
    for sleutel, aantal in LEERLINGEN_PER_SCHOOL.items():
        _, soort, _, _, schoolplaats, _ = SCHOLEN[sleutel]
        school = ctx.organisaties[sleutel]
        directie = ctx.schooldirectie[sleutel]
        for i in range(aantal):
            klas = rng.randint(1, _HOOGSTE_KLAS[soort])
            leeftijd = _BEGINLEEFTIJD[soort] + klas - 1
            geboren = date(jaar - leeftijd, 10, 1) - timedelta(days=rng.randint(0, 364))
            # Een op de vijf leerlingen (niet de eerste van een school) is een broertje of
            # zusje van de vorige leerling op dezelfde school: zelfde ouders, zelfde adres.
            broer_zus = vorige is not None and i > 0 and rng.random() < 0.2
            voornaam, geslacht = rng.choice(namen.VOORNAMEN)
            if broer_zus and vorige is not None:
                oudste, ouders, _ = vorige
                tussen, achter = oudste.tussenvoegsel, oudste.achternaam
                adres, postcode, woonplaats = oudste.adres, oudste.postcode, oudste.woonplaats
            else:
                tussen, achter = rng.choice(namen.ACHTERNAMEN)
                woonplaats = (
                    schoolplaats if rng.random() < 0.7 else rng.choice(list(namen.PLAATSEN))
                )
                adres = f"{rng.choice(namen.STRATEN)} {rng.randint(1, 180)}"
                postcode = _postcode(rng, woonplaats)
                ouders = []
            # Inschrijving: meestal bij de start in groep 1 / leerjaar 1, soms later ingestroomd.
            if rng.random() < 0.75:
                van = date(jaar - (klas - 1), 8, rng.randint(16, 31))
            else:
                van = date(jaar, rng.choice([9, 10, 11]), rng.randint(1, 28))
            heeft_groep = soort in (Schoolsoort.BAO, Schoolsoort.SBAO, Schoolsoort.SO)
            leerling = leerling_inschrijven(
                door=directie,
                school=school,
                voornaam=voornaam,
                tussenvoegsel=tussen,
                achternaam=achter,
                geboortedatum=geboren,
                geslacht=geslacht,
                adres=adres,
                postcode=postcode,
                woonplaats=woonplaats,
                van=van,
                groep=klas if heeft_groep else None,
                leerjaar=None if heeft_groep else klas,
                publiek_id=uuid.UUID(int=rng.getrandbits(128), version=4),
            )
            if not ouders:
                for _ in range(1 if rng.random() < 0.35 else 2):
                    ouder_nummer += 1
                    ouder = gebruiker_maak(
                        gebruikersnaam=f"ouder.{ouder_nummer:03d}",
                        voornaam=rng.choice(namen.VOLWASSEN_VOORNAMEN),
                        achternaam=f"{tussen} {achter}".strip(),
                        email=f"ouder.{ouder_nummer:03d}@demo.invalid",
                        wachtwoord_hash=ctx.wachtwoord_hash,
                    )
                    rol_toeken(gebruiker=ouder, rol=Roltype.OUDER, van=ROLLEN_VANAF)
                    ctx.gebruikers[ouder.username] = ouder
                    ouders.append(ouder)
            for ouder in ouders:
                ouder_koppel(door=directie, leerling=leerling, ouder=ouder)
            ctx.leerlingen.append(leerling)
            ctx.school_van_leerling[leerling.publiek_id] = sleutel
            vorige = (leerling, ouders, sleutel)
        vorige = None


registreer_stap("leerlingen", maak_leerlingen)
