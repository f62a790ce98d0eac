"""De brieven van een toelatingszaak, gevuld uit de vastgelegde zaak.

- de uitnodiging voor het eerste gesprek (002, bijlage 1);
- het besluit over de toelating; een weigering noemt de gevolgde procedure, de redenen en
  de weg van bezwaar en beroep met de onderwijsconsulent (002, fase 11b).

Datums en termijnen komen uit de zaak en de regelkern (de acht weken via
:func:`rugzak.toelating.overgangen.weigeringstermijn`). De bron noemt geen termijn voor
bezwaar en beroep; de brief noemt de weg, niet een datum (het bevoegd gezag vult zijn
eigen termijn aan in zijn toelichting).
"""

from __future__ import annotations

from datetime import date

from rugzak.documenten.brieven import (
    Afzender,
    BesluitToelating,
    Briefhoofd,
    Ondertekenaar,
    UitnodigingEersteGesprek,
)
from rugzak.gedeeld.datumtekst import lange_datum
from rugzak.leerlingen.selectors import LeerlingDossier
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.toelating import overgangen
from rugzak.toelating.models import Besluit, Instantie, Toelatingszaak


def afzender(school: Organisatie) -> Afzender:
    return Afzender(naam=school.naam, plaats=school.plaats, brin=school.brin)


def geadresseerde(dossier: LeerlingDossier) -> tuple[str, ...]:
    """De ouders van de leerling op het adres van de leerling."""
    ouders = [r.ouder.weergavenaam for r in dossier.ouders]
    l = dossier.leerling  # noqa: E741
    kop = " en ".join(ouders) if ouders else f"De ouders van {l.voornaam} {l.achternaam}"
    return (kop, l.adres, f"{l.postcode}  {l.woonplaats}")


def ondertekenaar(door: Gebruiker, rol: str) -> Ondertekenaar:
    functies = {"directie": "directeur", "intern_begeleider": "intern begeleider"}
    return Ondertekenaar(door.weergavenaam, functies.get(rol, rol.replace("_", " ")))


def kenmerk(zaak: Toelatingszaak) -> str:
    return zaak.publiek_id.hex[:8]


def uitnodiging(
    *, zaak: Toelatingszaak, dossier: LeerlingDossier, door: Gebruiker, rol: str, vandaag: date
) -> UitnodigingEersteGesprek:
    termijn = overgangen.weigeringstermijn(zaak)
    return UitnodigingEersteGesprek(
        hoofd=Briefhoofd(
            afzender(zaak.school),
            geadresseerde(dossier),
            zaak.uitnodiging_verstuurd_op or vandaag,
            "Uitnodiging voor een eerste gesprek",
            kenmerk(zaak),
        ),
        kind=dossier.leerling.voornaam,
        plaats_gesprek=zaak.school.naam,
        datum_gesprek=zaak.gesprek_gepland_op or zaak.gesprek_op or vandaag,
        tijdstip="in overleg",
        aanwezigen=(f"{door.weergavenaam}, {ondertekenaar(door, rol).functie}",),
        ondertekenaar=ondertekenaar(door, rol),
        besluit_uiterlijk=termijn.uiterlijk if termijn else None,
    )


def _procedure(zaak: Toelatingszaak) -> tuple[str, ...]:
    stappen: list[str] = []

    def d(dag: date | None) -> str:
        return lange_datum(dag) if dag else "(datum onbekend)"

    if zaak.gesprek_op or zaak.aanmelding_schriftelijk_op:
        stappen.append(
            f"Gesprek met de ouders op {d(zaak.gesprek_op)}; schriftelijke aanmelding op "
            f"{d(zaak.aanmelding_schriftelijk_op)}."
        )
    verzoeken = list(zaak.informatieverzoeken.all())
    if verzoeken:
        bij = ", ".join(sorted({Instantie(v.instantie).label for v in verzoeken}))
        stappen.append(f"Met toestemming van de ouders gegevens opgevraagd bij {bij}.")
    if zaak.inventarisatie_op:
        stappen.append(
            f"Inventarisatie volgens het schema (002, 4.3) op {d(zaak.inventarisatie_op)}."
        )
    for b in zaak.teambesprekingen.all():
        stappen.append(
            f"Bespreking in het team op {d(b.datum)}"
            + (f", met {b.externe_deskundige}" if b.externe_deskundige else "")
            + "."
        )
    if zaak.teamadvies_op:
        stappen.append(
            f"Advies van het team op {d(zaak.teamadvies_op)}: {zaak.get_teamadvies_display()}."
        )
    if zaak.advies_aan_bestuur_op:
        stappen.append(
            "Voorgenomen besluit van de directie; advies aan het bestuur op "
            f"{d(zaak.advies_aan_bestuur_op)}."
        )
    if zaak.bestuur_getoetst_op:
        stappen.append(f"Toetsing door het bestuur op {d(zaak.bestuur_getoetst_op)}.")
    return tuple(stappen)


def _beslisser(zaak: Toelatingszaak, toegelaten: bool) -> tuple[Gebruiker, str] | None:
    """Wie het besluit nam (uit de geschiedenis van de zaak): bij toelating de directie die
    in fase 8 besliste, bij een weigering de directie die het schriftelijke besluit (11b)
    afrondde, of anders die in fase 8 het advies tot afwijzing gaf."""
    naar = ("9a",) if toegelaten else ("12b", "9b")
    for code in naar:
        overgang = (
            zaak.overgangen.filter(naar=code).select_related("door").order_by("-wanneer").first()
        )
        if overgang is not None:
            return overgang.door, overgang.rol
    return None


def besluit(
    *, zaak: Toelatingszaak, dossier: LeerlingDossier, door: Gebruiker, rol: str, vandaag: date
) -> BesluitToelating:
    toegelaten = zaak.besluit == Besluit.TOELATEN and zaak.traject == "a"
    termijn = overgangen.weigeringstermijn(zaak)
    bestuur = zaak.school.bestuur.naam if zaak.school.bestuur is not None else ""
    l = dossier.leerling  # noqa: E741
    if toegelaten:
        redenen = tuple(r for r in zaak.besluit_motivering.splitlines() if r.strip())
        datum = zaak.besluit_op or vandaag
    else:
        redenen = tuple(r.strip() for r in zaak.weigering_redenen.splitlines() if r.strip())
        datum = zaak.weigering_besluit_op or vandaag
    return BesluitToelating(
        hoofd=Briefhoofd(
            afzender(zaak.school),
            geadresseerde(dossier),
            datum,
            "Besluit over de aanmelding van uw kind",
            kenmerk(zaak),
        ),
        leerling_naam=l.volledige_naam,
        geboortedatum=l.geboortedatum,
        datum_aanmelding=zaak.aanmelding_schriftelijk_op or zaak.verzoek_op,
        toegelaten=toegelaten,
        ondertekenaar=ondertekenaar(*(_beslisser(zaak, toegelaten) or (door, rol))),
        datum_plaatsing=zaak.plaatsingsdatum if toegelaten else None,
        redenen=redenen,
        gevolgde_procedure=() if toegelaten else _procedure(zaak),
        bezwaar=""
        if toegelaten
        else f"u kunt schriftelijk bezwaar maken bij het bevoegd gezag van de school"
        f"{', ' + bestuur if bestuur else ''}. Vermeld in uw bezwaarschrift het kenmerk van "
        "deze brief en waarom u het niet eens bent met het besluit.",
        beroep=""
        if toegelaten
        else "na de beslissing op uw bezwaar kunt u in beroep gaan bij de rechter.",
        besluit_uiterlijk=termijn.uiterlijk if termijn and not toegelaten else None,
        bestuur=bestuur,
    )
