"""Voorbeeldbrieven met verzonnen gegevens: voor de tests, de voorbeelden op
``/documenten/voorbeeld/<soort>.pdf`` en als model voor de zaak-apps.

Alle datums en termijnen komen uit de regelkern, net als in een echte zaak.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rugzak.documenten.brieven import (
    Afzender,
    BeschikkingCvi,
    BesluitToelating,
    Briefhoofd,
    Doel,
    Handelingsplan,
    MeldingAlsIngediend,
    Ondertekenaar,
    OvereenkomstSchoolOuders,
    UitnodigingEersteGesprek,
)
from rugzak.regeling.begrippen import Onderwijssoort, Schoolsoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.budget import Situatie, jaarbudget
from rugzak.regeling.regels.indicatie import indicatie_geldigheid
from rugzak.regeling.regels.termijnen import (
    cvi_beslissing,
    evaluatiemomenten,
    evaluatiemomenten_tussen,
    handelingsplan,
    weigering_toelating,
)
from rugzak.regeling.tijd import Schooljaar

SCHOOL = Afzender(
    naam="OBS De Wieken (voorbeeld)",
    adres="Molenweg 12",
    postcode="3841 AA",
    plaats="Harderwijk",
    brin="21WK",
    telefoon="0341 000 000",
    email="info@dewieken.demo.invalid",
)
CVI = Afzender(
    naam="Commissie van Indicatiestelling REC 3 Veluwe en IJssel (voorbeeld)",
    adres="Postbus 100",
    postcode="3770 AC",
    plaats="Barneveld",
)
OUDERS = ("Familie Jansen", "Dorpsstraat 1", "3841 AB  Harderwijk")
DIRECTEUR = Ondertekenaar("M. de Vries", "directeur")
IB = Ondertekenaar("A. Bakker", "intern begeleider")
AANMELDING = date(2012, 1, 16)
PLAATSING = date(2012, 2, 1)
KENMERK = "3f2a9c1b"


def _evaluaties(schooljaar: Schooljaar) -> tuple[tuple[str, date], ...]:
    return tuple(
        (t.omschrijving, t.uiterlijk) for t in evaluatiemomenten(standaard_regeling(), schooljaar)
    )


def uitnodiging() -> UitnodigingEersteGesprek:
    return UitnodigingEersteGesprek(
        hoofd=Briefhoofd(SCHOOL, OUDERS, date(2012, 1, 18), "Uitnodiging eerste gesprek", KENMERK),
        kind="Anna",
        plaats_gesprek="OBS De Wieken, kamer van de directie",
        datum_gesprek=date(2012, 1, 25),
        tijdstip="15.30 tot 16.30 uur",
        aanwezigen=("M. de Vries, directeur", "A. Bakker, intern begeleider"),
        ondertekenaar=DIRECTEUR,
        besluit_uiterlijk=weigering_toelating(standaard_regeling(), AANMELDING).uiterlijk,
    )


def overeenkomst() -> OvereenkomstSchoolOuders:
    return OvereenkomstSchoolOuders(
        school=SCHOOL,
        leerling_naam="Anna Jansen",
        leerling_adres="Dorpsstraat 1",
        leerling_postcode_plaats="3841 AB Harderwijk",
        datum_plaatsing=PLAATSING,
        groep="groep 5",
        ab_verzorger="de dienst ambulante begeleiding van REC 3 Veluwe en IJssel",
        duur="van 1 februari 2012 tot en met 31 juli 2013",
        evaluatiemomenten=tuple(
            (t.omschrijving, t.uiterlijk)
            for t in evaluatiemomenten_tussen(standaard_regeling(), PLAATSING, date(2013, 7, 31))
        ),
        extra_evaluaties=("een gesprek zes weken na de plaatsing",),
        verdere_afspraken=(
            "De ouders en de groepsleerkracht houden een heen-en-weerschrift bij.",
            "Bij een schoolreis overlegt de school vooraf met de ouders.",
        ),
        inzet_pgb="niet van toepassing",
        plaats_ondertekening="Harderwijk",
        datum_ondertekening=None,
        namens_school=DIRECTEUR,
        namens_ouders=("J. Jansen", "K. Jansen-de Boer"),
        kenmerk=KENMERK,
    )


def besluit_weigering() -> BesluitToelating:
    return BesluitToelating(
        hoofd=Briefhoofd(
            SCHOOL, OUDERS, date(2012, 3, 5), "Besluit over de aanmelding van uw kind", KENMERK
        ),
        leerling_naam="Anna Jansen",
        geboortedatum=date(2003, 5, 1),
        datum_aanmelding=AANMELDING,
        toegelaten=False,
        ondertekenaar=DIRECTEUR,
        bestuur="het bestuur van Stichting Primair Openbaar Onderwijs Veluwerand",
        gevolgde_procedure=(
            "Gesprek met de ouders en schriftelijke aanmelding op 16 januari 2012.",
            "Informatie opgevraagd bij de CvI en de huidige school, met toestemming van de ouders.",
            "Inventarisatie volgens het schema; bespreking in het team op 13 februari 2012.",
            "Advies van het team en voorgenomen besluit van de directie.",
            "Toetsing door het bestuur aan het vastgestelde beleid.",
        ),
        redenen=(
            "De zorg die Anna in de klas nodig heeft, vraagt permanent een tweede volwassene; "
            "die kan de school ook met het budget niet bieden.",
            "Het gebouw heeft geen lift; de lokalen van groep 5 liggen op de verdieping.",
        ),
        bezwaar="U kunt binnen zes weken na de datum van deze brief schriftelijk bezwaar "
        "maken bij het bestuur (voorbeeldtekst van het bestuur).",
        beroep="Na de beslissing op uw bezwaar kunt u in beroep gaan bij de rechter "
        "(voorbeeldtekst van het bestuur).",
        besluit_uiterlijk=weigering_toelating(standaard_regeling(), AANMELDING).uiterlijk,
    )


def besluit_toelating() -> BesluitToelating:
    return BesluitToelating(
        hoofd=Briefhoofd(
            SCHOOL, OUDERS, date(2012, 1, 27), "Besluit over de aanmelding van uw kind", KENMERK
        ),
        leerling_naam="Anna Jansen",
        geboortedatum=date(2003, 5, 1),
        datum_aanmelding=AANMELDING,
        toegelaten=True,
        ondertekenaar=DIRECTEUR,
        datum_plaatsing=PLAATSING,
        groep="groep 5",
        redenen=("Het team kan met ambulante begeleiding bieden wat Anna nodig heeft.",),
    )


def beschikking() -> BeschikkingCvi:
    regeling = standaard_regeling()
    volledig = date(2011, 9, 1)
    termijn = cvi_beslissing(regeling, volledig, verlengingen=1)
    besluit = date(2011, 12, 12)
    geldigheid = indicatie_geldigheid(
        regeling, onderwijssoort=Onderwijssoort.ZML, indicatiedatum=besluit
    )
    return BeschikkingCvi(
        hoofd=Briefhoofd(CVI, OUDERS, besluit, "Beschikking indicatiestelling", KENMERK),
        leerling_naam="Anna Jansen",
        geboortedatum=date(2003, 5, 1),
        cvi_nummer="CVI-3-2011-0042",
        datum_volledig=volledig,
        datum_beslissing=besluit,
        positief=True,
        ondertekenaar=Ondertekenaar("drs. P. Smit", "secretaris van de commissie"),
        onderwijssoort=Onderwijssoort.ZML.omschrijving,
        cluster=Onderwijssoort.ZML.cluster.omschrijving,
        geldig_van=besluit,
        geldig_tot=geldigheid.einddatum,
        herindicatie_voor=geldigheid.herindicatie_op,
        redenen=("Het onderwijskundig rapport en het psychologisch onderzoek laten zien ...",),
        beslissen_uiterlijk=termijn.uiterlijk,
        verlengingen=1,
    )


def plan() -> Handelingsplan:
    regeling = standaard_regeling()
    budget = jaarbudget(
        regeling,
        Situatie(
            schooljaar=Schooljaar(2011),
            schoolsoort=Schoolsoort.BAO,
            onderwijssoort=Onderwijssoort.ZML,
            groep=5,
        ),
    )
    return Handelingsplan(
        school=SCHOOL,
        leerling_naam="Anna Jansen",
        groep="groep 5",
        schooljaar="2011-2012",
        periode="1 februari 2012 tot en met 31 juli 2012",
        beginsituatie="Anna leest op AVI-niveau E3 en rekent tot 20 met materiaal.\n"
        "Zij werkt het best in een kleine groep met vaste dagstructuur.",
        doelen=(
            Doel("Anna leest op AVI-niveau M4 aan het eind van het schooljaar.", "AVI-toets mei"),
            Doel("Anna werkt twintig minuten zelfstandig aan een taak.", "observatie leerkracht"),
        ),
        voorzieningen=(
            "Twee keer per week een half uur individuele begeleiding door de onderwijsassistent.",
            "Eens per maand een consult van de ambulant begeleider.",
            "Een dagritmebord en een eigen werkplek.",
        ),
        inzet_lgf="De formatie-uitbreiding betaalt de onderwijsassistent; het materiële deel "
        "de aangepaste leermiddelen. Het AB-deel gaat naar de AB-dienst van het REC.",
        monitoring="De intern begeleider bespreekt de voortgang na elke evaluatie met de ouders "
        "en de ambulant begeleider; doelen worden zo nodig bijgesteld.",
        opgesteld_door=(IB, Ondertekenaar("R. Mulder", "ambulant begeleider")),
        gereed_uiterlijk=handelingsplan(regeling, PLAATSING).uiterlijk,
        evaluatiemomenten=_evaluaties(Schooljaar(2011)),
        budget=budget,
        ouders=("J. Jansen", "K. Jansen-de Boer"),
        kenmerk=KENMERK,
    )


def melding() -> MeldingAlsIngediend:
    return MeldingAlsIngediend(
        soort="melding",
        kenmerk=KENMERK,
        ingediend_op=date(2012, 2, 6),
        ingediend_door="M. de Vries, directeur",
        school=SCHOOL,
        velden=(
            ("BRIN-nummer van de school", "21WK"),
            ("Schoolsoort", "basisonderwijs"),
            ("Datum van inschrijving", "1 februari 2012"),
            ("CvI-nummer", "CVI-3-2011-0042"),
            ("Datum van de indicatie", "12 december 2011"),
            ("Onderwijssoort", "zeer moeilijk lerend"),
            ("Groep", "5"),
            ("Ambulante begeleiding door", "62KB (REC 3 Veluwe en IJssel)"),
        ),
        status="ingediend",
    )


#: soort -> (sjabloon-sleutel, maker van de voorbeeldbrief)
VOORBEELDEN: dict[str, tuple[str, Callable[[], Any]]] = {
    "uitnodiging": ("uitnodiging", uitnodiging),
    "overeenkomst": ("overeenkomst", overeenkomst),
    "besluit-toelating": ("besluit-toelating", besluit_toelating),
    "besluit-weigering": ("besluit-toelating", besluit_weigering),
    "beschikking-cvi": ("beschikking-cvi", beschikking),
    "handelingsplan": ("handelingsplan", plan),
    "melding": ("melding", melding),
}

#: soort -> titel, voor de lijst met voorbeeldbrieven
VOORBEELDTITELS: dict[str, str] = {
    "uitnodiging": "Uitnodiging voor het eerste gesprek (002, bijlage 1)",
    "overeenkomst": "Overeenkomst school-ouders (002, bijlage 2)",
    "besluit-toelating": "Besluit: toegelaten (002, fasen 9-10, traject a)",
    "besluit-weigering": "Besluit: niet toegelaten, met redenen, bezwaar en beroep (002, fase 11b)",
    "beschikking-cvi": "Beschikking van de CvI",
    "handelingsplan": "Handelingsplan (002, fase 13)",
    "melding": "Melding zoals ingediend (004)",
}
