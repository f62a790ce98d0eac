"""Schrijven: leerlingen, inschrijvingen, ouderrelaties.

Elke service controleert de toegang via rugzak.toegang, valideert volledig voordat er
iets wordt geschreven, draait in één transactie en legt de handeling vast in het
auditlog (met de toegangsgrond). Een geweigerde handeling schrijft niets.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.versie import versie_bijwerken
from rugzak.leerlingen.models import Inschrijving, Leerling, OuderRelatie
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
        reden=f"ingeschreven per {van.isoformat()}, {inschrijving.klas}",
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
        reden=f"ingeschreven per {van.isoformat()}, {inschrijving.klas}",
        velden=["school", "van", "groep" if groep is not None else "leerjaar"],
    )
    return inschrijving


@transaction.atomic
def inschrijving_beeindig(
    *, door: Gebruiker, inschrijving: Inschrijving, tot: date
) -> Inschrijving:
    """Beëindig een inschrijving per ``tot`` (de laatste dag op school)."""
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
    inschrijving.tot = tot
    inschrijving.full_clean()
    inschrijving.save(update_fields=["tot"])
    _audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="inschrijving",
        object_id=inschrijving.pk,
        leerling=leerling,
        reden=f"inschrijving beëindigd per {tot.isoformat()}",
        velden=["tot"],
    )
    return inschrijving


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
