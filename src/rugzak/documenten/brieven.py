"""Wat elke brief nodig heeft: het contract tussen een zaak-app en haar PDF-sjabloon.

Een zaak-app vult de dataclass uit haar eigen gegevens (datums en termijnen altijd uit de
regelkern), en geeft hem als ``brief`` aan :func:`rugzak.documenten.pdf.pdf_maken` met
het sjabloon uit :data:`SJABLONEN`::

    pdf = pdf_maken(sjabloon=SJABLONEN["uitnodiging"], context={"brief": uitnodiging})

Alle teksten zijn gewone strings; het sjabloon ontsnapt ze (geen HTML van gebruikers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rugzak.regeling.regels.budget import Budget


@dataclass(frozen=True, slots=True)
class Afzender:
    """De school, CvI of instantie die de brief stuurt (briefhoofd)."""

    naam: str
    adres: str = ""
    postcode: str = ""
    plaats: str = ""
    brin: str = ""
    telefoon: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class Ondertekenaar:
    naam: str
    functie: str


@dataclass(frozen=True, slots=True)
class Briefhoofd:
    """Afzender, geadresseerde (adresregels), plaats en datum, kenmerk en onderwerp.

    ``kenmerk``: een kort zaakkenmerk (bv. de eerste 8 tekens van het publieke id),
    nooit een naam.
    """

    afzender: Afzender
    geadresseerde: tuple[str, ...]
    datum: date
    onderwerp: str
    kenmerk: str = ""


@dataclass(frozen=True, slots=True)
class UitnodigingEersteGesprek:
    """002, bijlage 1 en fase 1-2: de school nodigt de ouders uit na hun verzoek om
    plaatsing."""

    hoofd: Briefhoofd
    kind: str  # roepnaam van het kind, zoals in de brief aan de ouders
    plaats_gesprek: str
    datum_gesprek: date
    tijdstip: str
    aanwezigen: tuple[str, ...]
    ondertekenaar: Ondertekenaar
    aanhef: str = "Geachte ouders,"
    #: uiterste datum van een besluit tot niet-toelating, uit de regelkern
    #: (rugzak.regeling.regels.termijnen.weigering_toelating), als die al bekend is
    besluit_uiterlijk: date | None = None


@dataclass(frozen=True, slots=True)
class OvereenkomstSchoolOuders:
    """002, bijlage 2 en fase 11 traject a: de afspraken tussen school en ouders. Waar het
    model 'persoonsgebonden budget' schrijft, zegt de brief 'leerlinggebonden budget';
    ``inzet_pgb`` gaat over een PGB voor zorg, niet over de rugzak (interpretatie I-62)."""

    school: Afzender
    leerling_naam: str
    leerling_adres: str
    leerling_postcode_plaats: str
    datum_plaatsing: date
    groep: str
    ab_verzorger: str
    duur: str
    #: de evaluatiemomenten uit de regelkern (termijnen.evaluatiemomenten):
    #: (omschrijving, uiterste datum)
    evaluatiemomenten: tuple[tuple[str, date], ...]
    plaats_ondertekening: str
    datum_ondertekening: date | None
    namens_school: Ondertekenaar
    namens_ouders: tuple[str, ...]
    extra_evaluaties: tuple[str, ...] = ()
    verdere_afspraken: tuple[str, ...] = ()
    inzet_pgb: str = ""
    kenmerk: str = ""


@dataclass(frozen=True, slots=True)
class BesluitToelating:
    """002, fasen 8-11: het besluit over toelating. Een weigering noemt de gevolgde
    procedure, de redenen, en de weg van bezwaar en beroep (fase 11 traject b); de tekst
    daarover, met de termijn, komt van het bestuur (I-41)."""

    hoofd: Briefhoofd
    leerling_naam: str
    geboortedatum: date
    datum_aanmelding: date
    toegelaten: bool
    ondertekenaar: Ondertekenaar
    datum_plaatsing: date | None = None
    groep: str = ""
    redenen: tuple[str, ...] = ()
    gevolgde_procedure: tuple[str, ...] = ()
    #: hoe en waar bezwaar kan worden gemaakt, met de termijn (tekst van het bevoegd gezag)
    bezwaar: str = ""
    #: hoe beroep kan worden ingesteld (rechter), met de termijn
    beroep: str = ""
    #: uiterste datum voor een besluit tot niet-toelating, uit de regelkern
    besluit_uiterlijk: date | None = None
    bestuur: str = ""


@dataclass(frozen=True, slots=True)
class BeschikkingCvi:
    """000 en 004: de beslissing van de Commissie van Indicatiestelling."""

    hoofd: Briefhoofd
    leerling_naam: str
    geboortedatum: date
    cvi_nummer: str
    datum_volledig: date
    datum_beslissing: date
    positief: bool
    ondertekenaar: Ondertekenaar
    onderwijssoort: str = ""
    cluster: str = ""
    geldig_van: date | None = None
    geldig_tot: date | None = None  # None bij een indicatie zonder einde (I-04)
    herindicatie_voor: date | None = None
    redenen: tuple[str, ...] = ()
    #: de uiterste beslisdatum en het aantal verlengingen, uit de regelkern
    beslissen_uiterlijk: date | None = None
    verlengingen: int = 0
    bezwaar: str = ""


@dataclass(frozen=True, slots=True)
class Doel:
    omschrijving: str
    evaluatie: str = ""


@dataclass(frozen=True, slots=True)
class Handelingsplan:
    """002, fase 13: het handelingsplan met de vijf verplichte onderdelen, de
    evaluatiemomenten en de instemming van de ouders."""

    school: Afzender
    leerling_naam: str
    groep: str
    schooljaar: str
    periode: str
    beginsituatie: str
    doelen: tuple[Doel, ...]
    voorzieningen: tuple[str, ...]
    inzet_lgf: str
    monitoring: str
    opgesteld_door: tuple[Ondertekenaar, ...]
    #: uit de regelkern: termijnen.handelingsplan (uiterlijk) en evaluatiemomenten
    gereed_uiterlijk: date | None = None
    evaluatiemomenten: tuple[tuple[str, date], ...] = ()
    budget: Budget | None = None
    instemming_ouders_op: date | None = None
    ouders: tuple[str, ...] = ()
    kenmerk: str = ""


@dataclass(frozen=True, slots=True)
class MeldingAlsIngediend:
    """004: de melding (of terugmelding) zoals de school haar indiende, veld voor veld.

    Geen naam of adres van de leerling: de bekostigingsinstantie kent alleen het
    CvI-nummer (004).
    """

    soort: str  # "melding" of "terugmelding"
    kenmerk: str
    ingediend_op: date
    ingediend_door: str
    school: Afzender
    velden: tuple[tuple[str, str], ...]
    status: str = ""
    opmerkingen: tuple[str, ...] = field(default=())


#: Het sjabloon per soort brief.
SJABLONEN: dict[str, str] = {
    "uitnodiging": "documenten/uitnodiging_eerste_gesprek.html",
    "overeenkomst": "documenten/overeenkomst_school_ouders.html",
    "besluit-toelating": "documenten/besluit_toelating.html",
    "beschikking-cvi": "documenten/beschikking_cvi.html",
    "handelingsplan": "documenten/handelingsplan.html",
    "melding": "documenten/melding.html",
}
