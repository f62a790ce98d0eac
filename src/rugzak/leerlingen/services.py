"""Schrijven: leerlingen, inschrijvingen, ouderrelaties.

Elke service controleert de toegang via rugzak.toegang, valideert volledig voordat er
iets wordt geschreven, draait in één transactie en legt de handeling vast in het
auditlog (met de toegangsgrond). Een geweigerde handeling schrijft niets.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer
from rugzak.gedeeld.datumtekst import lange_datum
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.versie import versie_bijwerken
from rugzak.leerlingen.models import Inschrijving, Leerling, OuderRelatie, Uitschrijfreden
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Roltype
from rugzak.organisaties.selectors import rollen_actief

#: Velden van een leerling die leerling_wijzig accepteert.
WIJZIGBARE_VELDEN = frozenset(
    {
        "voornaam",
        "tussenvoegsel",
        "achternaam",
        "geboortedatum",
        "geslacht",
        "adres",
        "postcode",
        "woonplaats",
    }
)


def normaliseer_postcode(postcode: str) -> str:
    """``"3811ab"`` en ``"3811 AB"`` worden ``"3811 AB"``; de rest laat de validatie zien."""
    schoon = re.sub(r"\s+", "", postcode).upper()
    if re.fullmatch(r"[0-9]{4}[A-Z]{2}", schoon):
        return f"{schoon[:4]} {schoon[4:]}"
    return postcode.strip()


def _audit(
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    actie: Actie,
    objecttype: str,
    object_id: object,
    leerling: Leerling,
    reden: str,
    velden: list[str] | tuple[str, ...] = (),
) -> None:
    audit_registreer(
        gebruiker=door,
        actie=actie,
        objecttype=objecttype,
        object_id=object_id,
        leerling_publiek_id=leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
        velden=velden,
    )


def _controleer_geen_overlap(inschrijving: Inschrijving) -> None:
    andere = Inschrijving.objects.filter(leerling_id=inschrijving.leerling_id).exclude(
        pk=inschrijving.pk
    )
    andere = andere.filter(Q(tot__isnull=True) | Q(tot__gte=inschrijving.van))
    if inschrijving.tot is not None:
        andere = andere.filter(van__lte=inschrijving.tot)
    if andere.exists():
        raise ValidationError(
            {
                "van": "de leerling staat in deze periode al op een andere school ingeschreven; "
                "beëindig eerst die inschrijving"
            }
        )


@transaction.atomic
def leerling_inschrijven(
    *,
    door: Gebruiker,
    school: Organisatie,
    voornaam: str,
    achternaam: str,
    geboortedatum: date,
    adres: str,
    postcode: str,
    woonplaats: str,
    van: date,
    tussenvoegsel: str = "",
    geslacht: str = "o",
    groep: int | None = None,
    leerjaar: int | None = None,
    publiek_id: UUID | None = None,
) -> Leerling:
    """Leg een nieuwe leerling vast met haar of zijn inschrijving op ``school``.

    Alleen de directie of intern begeleider van die school. ``publiek_id`` alleen voor
    reproduceerbare gegevens (demo); anders een nieuwe willekeurige UUID.
    """
    grond = toegang.vereis(
        toegang.inschrijfgrond(door, school),
        wat=f"leerlingen inschrijven op {school}",
        nodig="de rol directie of intern begeleider bij deze school",
    )
    leerling = Leerling(
        voornaam=voornaam.strip(),
        tussenvoegsel=tussenvoegsel.strip(),
        achternaam=achternaam.strip(),
        geboortedatum=geboortedatum,
        geslacht=geslacht,
        adres=adres.strip(),
        postcode=normaliseer_postcode(postcode),
        woonplaats=woonplaats.strip(),
    )
    if publiek_id is not None:
        leerling.publiek_id = publiek_id
    inschrijving = Inschrijving(
        leerling=leerling, school=school, van=van, groep=groep, leerjaar=leerjaar
    )
    fouten: dict[str, list[str]] = {}
    for obj, uitsluiten in ((leerling, []), (inschrijving, ["leerling"])):
        try:
            obj.full_clean(exclude=uitsluiten)
        except ValidationError as e:
            for veld, berichten in e.message_dict.items():
                fouten.setdefault(veld, []).extend(berichten)
    if fouten:
        raise ValidationError(fouten)
    leerling.save()
    inschrijving.leerling = leerling
    inschrijving.save()
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="leerling",
        object_id=leerling.publiek_id,
        leerling=leerling,
        reden="leerling vastgelegd bij inschrijving",
        velden=sorted(WIJZIGBARE_VELDEN),
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="inschrijving",
        object_id=inschrijving.pk,
        leerling=leerling,
        reden=f"ingeschreven per {lange_datum(van)}, {inschrijving.klas}",
        velden=["school", "van", "groep" if groep is not None else "leerjaar"],
    )
    return leerling


@transaction.atomic
def inschrijving_maak(
    *,
    door: Gebruiker,
    leerling: Leerling,
    school: Organisatie,
    van: date,
    groep: int | None = None,
    leerjaar: int | None = None,
) -> Inschrijving:
    """Schrijf een bekende leerling in op ``school`` (bv. na een overstap binnen het bestuur).

    ``door`` moet de leerling mogen zien én op ``school`` mogen inschrijven; de nieuwe
    inschrijving mag niet overlappen met een andere.
    """
    toegang.vereis(
        toegang.leesgrond(door, leerling),
        wat="deze leerling",
        nodig="een rol die deze leerling mag zien",
    )
    grond = toegang.vereis(
        toegang.inschrijfgrond(door, school),
        wat=f"leerlingen inschrijven op {school}",
        nodig="de rol directie of intern begeleider bij deze school",
    )
    Leerling.objects.select_for_update().filter(pk=leerling.pk).first()
    inschrijving = Inschrijving(
        leerling=leerling, school=school, van=van, groep=groep, leerjaar=leerjaar
    )
    inschrijving.full_clean()
    _controleer_geen_overlap(inschrijving)
    inschrijving.save()
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="inschrijving",
        object_id=inschrijving.pk,
        leerling=leerling,
        reden=f"ingeschreven per {lange_datum(van)}, {inschrijving.klas}",
        velden=["school", "van", "groep" if groep is not None else "leerjaar"],
    )
    return inschrijving


@transaction.atomic
def inschrijving_beeindig(
    *, door: Gebruiker, inschrijving: Inschrijving, tot: date, reden: str = ""
) -> Inschrijving:
    """Beëindig een inschrijving per ``tot`` (de laatste dag op school), met de reden van
    uitschrijving (:class:`~rugzak.leerlingen.models.Uitschrijfreden`; leeg: niet
    vastgelegd, zoals in oudere gegevens)."""
    leerling = inschrijving.leerling
    grond = toegang.vereis(
        toegang.wijziggrond(door, leerling),
        wat="de inschrijving van deze leerling",
        nodig="de rol directie of intern begeleider bij de school",
    )
    if grond.organisatie_id != inschrijving.school_id:
        raise GeenToegang("de inschrijving op een andere school", nodig="een rol bij die school")
    if inschrijving.tot is not None:
        raise ValidationError({"tot": f"de inschrijving is al beëindigd per {inschrijving.tot}"})
    if reden and reden not in Uitschrijfreden.values:
        raise ValidationError({"reden": _redenfout()})
    inschrijving.tot = tot
    inschrijving.uitschrijfreden = reden
    inschrijving.full_clean()
    inschrijving.save(update_fields=["tot", "uitschrijfreden"])
    _audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="inschrijving",
        object_id=inschrijving.pk,
        leerling=leerling,
        reden=f"inschrijving beëindigd per {lange_datum(tot)}"
        + (f" ({inschrijving.get_uitschrijfreden_display()}; I-47)" if reden else ""),
        velden=["tot", "uitschrijfreden"] if reden else ["tot"],
    )
    return inschrijving


def _redenfout() -> str:
    wel = "; ".join(f"{k} ({v})" for k, v in Uitschrijfreden.choices)
    return f"kies de reden van uitschrijving: {wel}"


def lopende_inschrijving(
    *, leerling: Leerling, school_id: int | None, peildatum: date | None = None
) -> Inschrijving | None:
    """De inschrijving van ``leerling`` op deze school die op de peildatum loopt of daarna
    begint (de laatste als er meer zijn), of None."""
    dag = peildatum or vandaag()
    return (
        Inschrijving.objects.filter(leerling=leerling, school_id=school_id)
        .filter(Q(tot__isnull=True) | Q(tot__gte=dag))
        .select_related("school")
        .order_by("-van")
        .first()
    )


def _eigen_lopende_inschrijving(
    door: Gebruiker, leerling: Leerling, *, wat: str
) -> tuple[toegang.Toegangsgrond, Inschrijving]:
    """De grond (directie of IB) en de lopende inschrijving op de school van ``door``."""
    grond = toegang.vereis(
        toegang.wijziggrond(door, leerling),
        wat=wat,
        nodig="de rol directie of intern begeleider bij de school waar de leerling "
        "ingeschreven staat",
    )
    inschrijving = lopende_inschrijving(leerling=leerling, school_id=grond.organisatie_id)
    if inschrijving is None:  # pragma: no cover - wijziggrond vereist een lopende inschrijving
        raise GeenToegang(wat, nodig="een lopende inschrijving op uw school")
    return grond, inschrijving


@transaction.atomic
def leerling_uitschrijven(
    *, door: Gebruiker, leerling: Leerling, tot: date, reden: str
) -> Inschrijving:
    """Schrijf de leerling uit op de school van ``door``: de lopende inschrijving eindigt
    per ``tot`` (de laatste dag op school), met de reden. De reden beslist wat er bij de
    bekostigingsinstantie volgt (004 'Uitschrijving ...'; I-47): bij een overstap naar een
    andere reguliere school niets, naar het (v)so of uit het onderwijs een terugmelding
    (:mod:`rugzak.leerlingen.uitschrijving`)."""
    _, inschrijving = _eigen_lopende_inschrijving(
        door, leerling, wat="het uitschrijven van deze leerling"
    )
    fouten: dict[str, str] = {}
    if reden not in Uitschrijfreden.values:
        fouten["reden"] = _redenfout()
    if inschrijving.tot is not None:
        fouten["tot"] = f"de inschrijving is al beëindigd per {lange_datum(inschrijving.tot)}"
    elif tot < inschrijving.van:
        fouten["tot"] = f"ligt vóór het begin van de inschrijving ({lange_datum(inschrijving.van)})"
    if fouten:
        raise ValidationError(fouten)
    return inschrijving_beeindig(door=door, inschrijving=inschrijving, tot=tot, reden=reden)


def inschrijving_sluiten_na_terugmelding(
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    leerling_id: int,
    school_id: int,
    laatste_dag: date,
    reden: str,
) -> Inschrijving | None:
    """Een verwerkte terugmelding van uitschrijving beëindigt de inschrijving per
    ``laatste_dag`` (de dag vóór de datum van de terugmelding; I-47).

    Alleen voor :func:`rugzak.meldingen.services.terugmelding_verwerken`, dat de rol van de
    bekostigingsinstantie al toetste en hier in zijn transactie aanroept; ``grond`` is die
    rol. Een inschrijving die al op of vóór ``laatste_dag`` eindigde, blijft zoals zij is
    (alleen een ontbrekende reden wordt aangevuld). None: geen inschrijving op die dag."""
    inschrijving = (
        Inschrijving.objects.select_for_update()
        .filter(leerling_id=leerling_id, school_id=school_id, van__lte=laatste_dag)
        .order_by("-van")
        .first()
    )
    if inschrijving is None:
        return None
    velden: list[str] = []
    if inschrijving.tot is None or inschrijving.tot > laatste_dag:
        inschrijving.tot = laatste_dag
        velden.append("tot")
    if not inschrijving.uitschrijfreden and (velden or inschrijving.tot == laatste_dag):
        inschrijving.uitschrijfreden = reden
        velden.append("uitschrijfreden")
    if not velden:
        return inschrijving
    inschrijving.full_clean()
    inschrijving.save(update_fields=velden)
    audit_registreer(
        gebruiker=door,
        actie=Actie.WIJZIGEN,
        objecttype="inschrijving",
        object_id=inschrijving.pk,
        leerling_publiek_id=Leerling.objects.values_list("publiek_id", flat=True).get(
            pk=leerling_id
        ),
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=f"inschrijving beëindigd per {lange_datum(laatste_dag)} na verwerkte "
        "terugmelding (I-47)",
        velden=velden,
    )
    return inschrijving


@transaction.atomic
def klas_wijzig(
    *,
    door: Gebruiker,
    leerling: Leerling,
    groep: int | None = None,
    leerjaar: int | None = None,
) -> tuple[Inschrijving, str]:
    """Zet de leerling op de school van ``door`` in een andere groep of een ander leerjaar.
    Geeft de inschrijving en de klas van daarvoor (bv. ``"groep 2"``).

    De inschrijving kent één groep of leerjaar, geen geschiedenis: de vorige staat in het
    auditlog (I-48). Voor de bekostiging telt niet deze wijziging maar de zml-aanvraag of
    terugmelding bij de bekostigingsinstantie; de pagina wijst daarop."""
    grond, inschrijving = _eigen_lopende_inschrijving(
        door, leerling, wat="het wijzigen van de groep of het leerjaar van deze leerling"
    )
    vorige = inschrijving.klas
    oud = (inschrijving.groep, inschrijving.leerjaar)
    inschrijving.groep, inschrijving.leerjaar = groep, leerjaar
    inschrijving.full_clean()
    if (groep, leerjaar) == oud:
        veld = "groep" if groep is not None else "leerjaar"
        raise ValidationError({veld: f"de leerling zit al in {vorige}; kies een andere"})
    veld = "groep" if inschrijving.groep is not None else "leerjaar"
    inschrijving.save(update_fields=["groep", "leerjaar"])
    _audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="inschrijving",
        object_id=inschrijving.pk,
        leerling=leerling,
        reden=f"{vorige} -> {inschrijving.klas} (I-48)",
        velden=[veld],
    )
    return inschrijving, vorige


@transaction.atomic
def leerling_wijzig(
    *,
    door: Gebruiker,
    leerling: Leerling,
    verwachte_versie: int,
    wijzigingen: Mapping[str, object],
    reden: str = "",
) -> Leerling:
    """Wijzig persoonsgegevens van een leerling, als niemand anders hem intussen wijzigde.

    ``verwachte_versie`` is de versie die de wijziger las; is die intussen veranderd, dan
    volgt :class:`~rugzak.gedeeld.fouten.GelijktijdigeWijziging` en is er niets opgeslagen.
    """
    grond = toegang.vereis(
        toegang.wijziggrond(door, leerling),
        wat="het wijzigen van deze leerling",
        nodig="de rol directie of intern begeleider bij de school van de leerling",
    )
    onbekend = sorted(set(wijzigingen) - WIJZIGBARE_VELDEN)
    if onbekend:
        wel = ", ".join(sorted(WIJZIGBARE_VELDEN))
        raise ValidationError(
            {veld: f"dit veld kan niet gewijzigd worden; wel: {wel}" for veld in onbekend}
        )
    waarden = dict(wijzigingen)
    for veld, waarde in list(waarden.items()):
        if isinstance(waarde, str):
            waarden[veld] = normaliseer_postcode(waarde) if veld == "postcode" else waarde.strip()
    kandidaat = copy.copy(leerling)
    for veld, waarde in waarden.items():
        setattr(kandidaat, veld, waarde)
    kandidaat.full_clean(validate_unique=False)
    gewijzigd = {v: w for v, w in waarden.items() if getattr(leerling, v) != w}
    if not gewijzigd:
        return leerling
    versie_bijwerken(leerling, verwachte_versie=verwachte_versie, wijzigingen=gewijzigd)
    _audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="leerling",
        object_id=leerling.publiek_id,
        leerling=leerling,
        reden=reden or "persoonsgegevens gewijzigd",
        velden=sorted(gewijzigd),
    )
    return leerling


@transaction.atomic
def ouder_koppel(
    *,
    door: Gebruiker,
    leerling: Leerling,
    ouder: Gebruiker,
    soort: str = OuderRelatie.Soort.OUDER,
) -> OuderRelatie:
    """Koppel een gebruiker met de rol 'ouder' aan een leerling (door de school)."""
    grond = toegang.vereis(
        toegang.wijziggrond(door, leerling),
        wat="het koppelen van ouders aan deze leerling",
        nodig="de rol directie of intern begeleider bij de school van de leerling",
    )
    if not rollen_actief(gebruiker=ouder, peildatum=vandaag()).filter(rol=Roltype.OUDER).exists():
        raise ValidationError({"ouder": "deze gebruiker heeft geen rol 'ouder'; ken die eerst toe"})
    relatie = OuderRelatie(ouder=ouder, leerling=leerling, soort=soort)
    relatie.full_clean()
    relatie.save()
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="ouderrelatie",
        object_id=relatie.pk,
        leerling=leerling,
        reden=f"{relatie.get_soort_display()} gekoppeld (gebruiker {ouder.pk})",
        velden=["ouder", "soort"],
    )
    return relatie


@transaction.atomic
def leerling_verwijder(*, door: Gebruiker, leerling: Leerling, reden: str) -> None:
    """Verwijder een leerling met inschrijvingen en ouderrelaties (bv. een dubbele invoer).

    Alleen de directie van de (enige) school van de leerling, met een reden. Het auditlog
    blijft bestaan: het verwijst naar het publieke id, niet naar de rij.
    """
    if not reden.strip():
        raise ValidationError({"reden": "geef een reden voor het verwijderen"})
    grond = toegang.vereis(
        toegang.verwijdergrond(door, leerling),
        wat="het verwijderen van deze leerling",
        nodig="de rol directie bij de enige school van de leerling",
    )
    publiek_id = leerling.publiek_id
    leerling.delete()
    audit_registreer(
        gebruiker=door,
        actie=Actie.VERWIJDEREN,
        objecttype="leerling",
        object_id=publiek_id,
        leerling_publiek_id=publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden.strip(),
    )


# --- registreren door de school: dubbelen, ouders -------------------------------------------


#: Tekens van een beginwachtwoord: zonder 0/o, 1/l/i, zodat het over te schrijven is.
_WACHTWOORDTEKENS = "abcdefghjkmnpqrstuvwxyz23456789"


def beginwachtwoord() -> str:
    """Een willekeurig beginwachtwoord van 4 x 4 tekens (ca. 79 bits), bv.
    ``"k7mq-2xhd-9pfa-r3tw"``: de school geeft het de ouder één keer (I-45)."""
    import secrets

    return "-".join("".join(secrets.choice(_WACHTWOORDTEKENS) for _ in range(4)) for _ in range(4))


def dubbele_leerlingen(
    *,
    school: Organisatie,
    voornaam: str,
    tussenvoegsel: str,
    achternaam: str,
    geboortedatum: date,
) -> list[Leerling]:
    """De leerlingen met dezelfde naam (hoofdletters en spaties tellen niet) en
    geboortedatum die op ``school`` ingeschreven staan of stonden (I-46)."""
    return list(
        Leerling.objects.filter(
            voornaam__iexact=voornaam.strip(),
            tussenvoegsel__iexact=tussenvoegsel.strip(),
            achternaam__iexact=achternaam.strip(),
            geboortedatum=geboortedatum,
            inschrijvingen__school=school,
        ).distinct()
    )


@dataclass(frozen=True)
class NieuweOuder:
    """Een ouder zonder account: de school maakt het account (I-45)."""

    voornaam: str
    achternaam: str
    email: str
    soort: str = OuderRelatie.Soort.OUDER


@dataclass(frozen=True)
class BestaandeOuder:
    """Een ouder die al een account met de rol 'ouder' heeft (bv. van een broer of zus)."""

    gebruikersnaam: str
    soort: str = OuderRelatie.Soort.OUDER


@dataclass(frozen=True)
class Ouderkoppeling:
    """Een gekoppelde ouder. ``wachtwoord`` alleen bij een nieuw account: het
    beginwachtwoord, dat nergens bewaard wordt en één keer getoond (I-45)."""

    relatie: OuderRelatie
    gebruikersnaam: str
    wachtwoord: str | None


@dataclass(frozen=True)
class Registratie:
    leerling: Leerling
    inschrijving: Inschrijving
    ouder: Ouderkoppeling | None


def _ouderfouten(
    ouder: NieuweOuder | BestaandeOuder,
) -> tuple[dict[str, list[str]], Gebruiker | None]:
    """De fouten in de gegevens van een ouder (sleutels ``ouder_...``), en bij een
    bestaande ouder diens account."""
    from django.core.validators import validate_email

    fouten: dict[str, list[str]] = {}
    soorten = OuderRelatie.Soort.values
    if ouder.soort not in soorten:
        fouten["ouder_soort"] = [f"kies de relatie: {', '.join(soorten)}"]
    if isinstance(ouder, BestaandeOuder):
        naam = ouder.gebruikersnaam.strip()
        gevonden = Gebruiker.objects.filter(username=naam).first() if naam else None
        if gevonden is None or not (
            rollen_actief(gebruiker=gevonden, peildatum=vandaag())
            .filter(rol=Roltype.OUDER)
            .exists()
        ):
            fouten["ouder_gebruikersnaam"] = [
                "geen ouder met deze gebruikersnaam; vul de gebruikersnaam van een bestaand "
                "ouderaccount in, of maak een nieuw account (naam en e-mailadres)"
            ]
            gevonden = None
        return fouten, gevonden
    for veld, waarde in (
        ("ouder_voornaam", ouder.voornaam),
        ("ouder_achternaam", ouder.achternaam),
    ):
        if not waarde.strip():
            fouten[veld] = ["vul de naam van de ouder in"]
    email = ouder.email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        fouten["ouder_email"] = [
            "vul een geldig e-mailadres van de ouder in (bv. naam@voorbeeld.nl); het wordt "
            "de gebruikersnaam"
        ]
    else:
        if Gebruiker.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
            fouten["ouder_email"] = [
                "er is al een account met dit e-mailadres; koppel die ouder met zijn "
                "gebruikersnaam (bestaande ouder)"
            ]
    return fouten, None


def _ouder_vastleggen(
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    leerling: Leerling,
    ouder: NieuweOuder | BestaandeOuder,
    account: Gebruiker | None,
) -> Ouderkoppeling:
    """Schrijf een ouder weg die :func:`_ouderfouten` goedkeurde (in de transactie van de
    aanroeper): het account met de rol 'ouder' (nieuw) en de ouderrelatie."""
    from rugzak.organisaties.services import gebruiker_maak, rol_toeken

    wachtwoord: str | None = None
    if isinstance(ouder, NieuweOuder):
        wachtwoord = beginwachtwoord()
        email = ouder.email.strip().lower()
        account = gebruiker_maak(
            gebruikersnaam=email,
            voornaam=ouder.voornaam,
            achternaam=ouder.achternaam,
            email=email,
            wachtwoord=wachtwoord,
            door=door,
        )
        rol_toeken(gebruiker=account, rol=Roltype.OUDER, door=door)
    assert account is not None
    relatie = OuderRelatie(ouder=account, leerling=leerling, soort=ouder.soort)
    try:
        relatie.full_clean()
    except ValidationError as e:
        raise ValidationError({"ouder_gebruikersnaam": e.messages}) from e
    relatie.save()
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="ouderrelatie",
        object_id=relatie.pk,
        leerling=leerling,
        reden=f"{relatie.get_soort_display()} gekoppeld (gebruiker {account.pk}"
        + (", nieuw account met beginwachtwoord; I-45)" if wachtwoord else "; I-45)"),
        velden=["ouder", "soort"],
    )
    return Ouderkoppeling(relatie=relatie, gebruikersnaam=account.username, wachtwoord=wachtwoord)


@transaction.atomic
def ouder_koppelen(
    *, door: Gebruiker, leerling: Leerling, ouder: NieuweOuder | BestaandeOuder
) -> Ouderkoppeling:
    """De school koppelt een ouder aan een leerling: een nieuw ouderaccount (met een
    beginwachtwoord dat de school de ouder één keer geeft) of een bestaand (I-45). De
    ouder ziet het kind meteen na het inloggen."""
    grond = toegang.vereis(
        toegang.wijziggrond(door, leerling),
        wat="het koppelen van ouders aan deze leerling",
        nodig="de rol directie of intern begeleider bij de school van de leerling",
    )
    fouten, account = _ouderfouten(ouder)
    if account is not None and leerling.ouderrelaties.filter(ouder=account).exists():
        fouten["ouder_gebruikersnaam"] = ["deze ouder is al aan deze leerling gekoppeld"]
    if fouten:
        raise ValidationError(fouten)
    return _ouder_vastleggen(
        door=door, grond=grond, leerling=leerling, ouder=ouder, account=account
    )


@transaction.atomic
def leerling_registreren(
    *,
    door: Gebruiker,
    school: Organisatie,
    voornaam: str,
    achternaam: str,
    geboortedatum: date,
    adres: str,
    postcode: str,
    woonplaats: str,
    van: date,
    tussenvoegsel: str = "",
    geslacht: str = "o",
    groep: int | None = None,
    leerjaar: int | None = None,
    ouder: NieuweOuder | BestaandeOuder | None = None,
    dubbel_bevestigd: bool = False,
) -> Registratie:
    """De school legt een nieuwe leerling vast, schrijft haar of hem in en koppelt
    eventueel een ouder, in één keer: lukt één deel niet, dan is er niets opgeslagen.

    Staat er op deze school al een leerling met dezelfde naam en geboortedatum, dan wordt
    er niets opgeslagen en noemt de fout (veld ``dubbel``) die leerling, tenzij
    ``dubbel_bevestigd`` (de school heeft gecontroleerd dat het een ander kind is; I-46)."""
    grond = toegang.vereis(
        toegang.inschrijfgrond(door, school),
        wat=f"leerlingen inschrijven op {school}",
        nodig="de rol directie of intern begeleider bij deze school",
    )
    fouten: dict[str, list[str]] = {}
    account: Gebruiker | None = None
    if ouder is not None:
        fouten, account = _ouderfouten(ouder)
    if not dubbel_bevestigd:
        dubbel = dubbele_leerlingen(
            school=school, voornaam=voornaam, tussenvoegsel=tussenvoegsel,
            achternaam=achternaam, geboortedatum=geboortedatum,
        )  # fmt: skip
        if dubbel:
            fouten["dubbel"] = [
                f"op {school.naam} staat of stond al een leerling met deze naam en "
                f"geboortedatum ({len(dubbel)}x); controleer of het hetzelfde kind is "
                "(schrijf het dan opnieuw in via de leerlingpagina). Is het echt een ander "
                "kind, bevestig dat en verstuur opnieuw (I-46)"
            ]
    try:
        leerling = leerling_inschrijven(
            door=door, school=school, voornaam=voornaam, tussenvoegsel=tussenvoegsel,
            achternaam=achternaam, geboortedatum=geboortedatum, geslacht=geslacht, adres=adres,
            postcode=postcode, woonplaats=woonplaats, van=van, groep=groep, leerjaar=leerjaar,
        )  # fmt: skip
    except ValidationError as e:
        for veld, berichten in e.message_dict.items():
            fouten.setdefault(veld, []).extend(berichten)
        raise ValidationError(fouten) from None
    if fouten:
        raise ValidationError(fouten)  # de transactie draait de leerling terug
    koppeling = (
        _ouder_vastleggen(door=door, grond=grond, leerling=leerling, ouder=ouder, account=account)
        if ouder is not None
        else None
    )
    inschrijving = leerling.inschrijvingen.get()
    return Registratie(leerling=leerling, inschrijving=inschrijving, ouder=koppeling)
