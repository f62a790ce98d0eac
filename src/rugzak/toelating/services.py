"""Schrijven: de toelatingszaak (002, hoofdstuk 4) en het gastleerlingschap (002, hoofdstuk 3).

Elke service controleert eerst de toegang (rugzak.toegang en de rol in de zaak, zie
:mod:`rugzak.toelating.rechten`), dan de versie die de gebruiker las, dan alle
voorwaarden; pas daarna schrijft zij, in één transactie, met een regel in het auditlog en
(bij een overgang) een regel in de geschiedenis van de zaak. Een geweigerde handeling
schrijft niets.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.gedeeld.datumtekst import lange_datum
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.versie import versie_bijwerken
from rugzak.indicaties.models import Indicatie
from rugzak.leerlingen.models import Inschrijving, Leerling
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.regeling.begrippen import Schoolsoort
from rugzak.regeling.fouten import OngeldigeInvoer
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import termijnen as regels_termijnen
from rugzak.toelating import hulp, overgangen, rechten
from rugzak.toelating.inventarisatie import valideer_inventarisatie
from rugzak.toelating.models import (
    Aanvrager,
    Begeleidingsbron,
    Begeleidingsinformatie,
    Besluit,
    Bestuursoordeel,
    GastleerlingOvergang,
    Gastleerlingschap,
    Gastleerlingtoestand,
    Informatieverzoek,
    Instantie,
    Onderwijsconsulent,
    Teambespreking,
    ToelatingOvergang,
    Toelatingszaak,
    Toestand,
)

#: Schoolsoorten van het speciaal onderwijs: daar geldt geen LGF-toelating (000, 002).
VSO_SOORTEN = frozenset({Schoolsoort.SO.value, Schoolsoort.VSO.value})

EIND = (Toestand.TOEGELATEN, Toestand.AFGEWEZEN, Toestand.INGETROKKEN)

#: Toestanden waarin een onderwijsconsulent kan worden ingeschakeld (002, fase 11a en 11b).
CONSULENT_TOESTANDEN = frozenset(
    {Toestand.F11A, Toestand.F11B, Toestand.F12A, Toestand.F12B, Toestand.AFGEWEZEN}
)


def _zaakgrond(
    door: Gebruiker,
    zaak: Toelatingszaak,
    rollen: frozenset[str],
    *,
    wat: str,
    nodig: str,
    bestuur: bool = False,
    ouder: bool = False,
) -> toegang.Toegangsgrond:
    return toegang.vereis(
        rechten.grond(
            door,
            leerling=zaak.leerling,
            scholen={zaak.school_id: rollen},
            besturen=frozenset(
                {zaak.school.bestuur_id} if bestuur and zaak.school.bestuur_id else set()
            ),
            ouder=ouder,
        ),
        wat=wat,
        nodig=nodig,
    )


def _overgang(
    *,
    zaak: Toelatingszaak,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    naar: str,
    notitie: str = "",
    extra: Mapping[str, Any] | None = None,
) -> Toelatingszaak:
    """Voer een overgang uit (na alle controles): versie bijwerken, geschiedenis, audit."""
    van = zaak.toestand
    if naar not in overgangen.OVERGANGEN[van]:  # pragma: no cover - vangnet
        raise ValidationError({"toestand": f"van {van} naar {naar} is geen toegestane overgang"})
    wijzigingen: dict[str, Any] = {"toestand": naar, **(extra or {})}
    if naar in (Toestand.TOEGELATEN, Toestand.AFGEWEZEN, Toestand.INGETROKKEN):
        wijzigingen.setdefault("afgesloten_op", vandaag())
    versie_bijwerken(zaak, verwachte_versie=zaak.versie, wijzigingen=wijzigingen)
    ToelatingOvergang.objects.create(
        zaak=zaak, datum=vandaag(), door=door, rol=grond.rol, van=van, naar=naar, notitie=notitie
    )
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="toelatingszaak",
        object_id=zaak.publiek_id,
        leerling=zaak.leerling,
        reden=f"overgang {van} -> {naar}" + (f": {notitie}" if notitie else ""),
        velden=sorted(wijzigingen),
    )
    return zaak


def _vereis_toestand(zaak: Toelatingszaak, toegestaan: set[str] | frozenset[str], wat: str) -> None:
    if zaak.toestand not in toegestaan:
        namen = ", ".join(Toestand(t).label for t in sorted(toegestaan))
        raise ValidationError(
            {"toestand": (f"{wat} kan niet in {Toestand(zaak.toestand).label}; wel in: {namen}")}
        )


# --- de zaak starten ---------------------------------------------------------------------


@transaction.atomic
def toelatingszaak_start(
    *,
    door: Gebruiker,
    school: Organisatie,
    leerling: Leerling,
    verzoek_op: date,
    indicatie: Indicatie | None = None,
    notitie: str = "",
    publiek_id: UUID | None = None,
) -> Toelatingszaak:
    """Fase 1: de ouders verzoeken de school hun kind te plaatsen (002, 4.2).

    Door de ouders zelf, of vastgelegd door directie of intern begeleider van de school
    (voor een leerling die zij al zien, bv. net ingeschreven via rugzak.leerlingen).
    """
    grond = toegang.vereis(
        rechten.grond(
            door,
            leerling=leerling,
            scholen={school.pk: overgangen.PROTOCOL},
            ouder=True,
        ),
        wat="een toelatingszaak voor deze leerling op deze school",
        nodig="ouder van de leerling, of directie of intern begeleider van de school",
    )
    fouten: dict[str, list[str]] = {}
    if school.soort != Organisatiesoort.SCHOOL:
        fouten["school"] = ["kies een school"]
    elif school.schoolsoort in VSO_SOORTEN:
        fouten["school"] = [
            "toelating met leerlinggebonden financiering geldt voor een reguliere school, "
            "niet voor een (v)so-school"
        ]
    hulp.niet_in_toekomst(fouten, "verzoek_op", verzoek_op)
    if indicatie is not None and indicatie.leerling_id != leerling.pk:
        fouten["indicatie"] = ["deze indicatie hoort bij een andere leerling"]
    if (
        Toelatingszaak.objects.filter(school=school, leerling=leerling)
        .exclude(toestand__in=EIND)
        .exists()
    ):
        fouten["leerling"] = ["voor deze leerling loopt op deze school al een toelatingszaak"]
    hulp.weiger(fouten)
    zaak = Toelatingszaak(
        school=school,
        leerling=leerling,
        indicatie=indicatie,
        verzoek_op=verzoek_op,
        aangemaakt_door=door,
    )
    if publiek_id is not None:
        zaak.publiek_id = publiek_id
    zaak.save()
    ToelatingOvergang.objects.create(
        zaak=zaak,
        datum=vandaag(),
        door=door,
        rol=grond.rol,
        van="",
        naar=Toestand.F1,
        notitie=notitie or "verzoek om plaatsing",
    )
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="toelatingszaak",
        object_id=zaak.publiek_id,
        leerling=leerling,
        reden=f"verzoek om plaatsing op {school} ({lange_datum(verzoek_op)})",
        velden=["school", "leerling", "verzoek_op"] + (["indicatie"] if indicatie else []),
    )
    return zaak


# --- gegevens van de huidige fase --------------------------------------------------------


@transaction.atomic
def toelatingszaak_vastleggen(
    *, door: Gebruiker, zaak: Toelatingszaak, versie: int, gegevens: Mapping[str, Any]
) -> Toelatingszaak:
    """Leg gegevens van de huidige fase vast (zie :data:`overgangen.VELDEN`)."""
    zaak = hulp.vers(zaak, versie)
    fase = overgangen.VELDEN.get(zaak.toestand)
    grond = _zaakgrond(
        door,
        zaak,
        fase.rollen if fase else overgangen.PROTOCOL,
        wat="gegevens vastleggen in deze toelatingszaak",
        nodig=(
            "de rol directie"
            if fase and fase.rollen == overgangen.DIRECTIE
            else "de rol directie of intern begeleider"
        )
        + " bij de school van de zaak",
    )
    if fase is None:
        raise ValidationError(
            {
                "toestand": (
                    f"in {Toestand(zaak.toestand).label} zijn geen gegevens via dit formulier "
                    "vast te leggen; gebruik de handeling van deze fase"
                )
            }
        )
    onbekend = sorted(set(gegevens) - fase.velden)
    if onbekend:
        wel = ", ".join(sorted(fase.velden))
        raise ValidationError(
            {
                veld: f"hoort niet bij {Toestand(zaak.toestand).label}; wel: {wel}"
                for veld in onbekend
            }
        )
    if not gegevens:
        raise ValidationError({"gegevens": "geef ten minste één veld"})
    kandidaat = copy.copy(zaak)
    fouten: dict[str, list[str]] = {}
    waarden: dict[str, Any] = {}
    for veld, waarde in gegevens.items():
        modelveld = Toelatingszaak._meta.get_field(veld)
        try:
            schoon = modelveld.clean(  # type: ignore[union-attr]
                waarde.strip() if isinstance(waarde, str) else waarde, kandidaat
            )
        except ValidationError as e:
            fouten.setdefault(veld, []).extend(e.messages)
            continue
        waarden[veld] = schoon
        setattr(kandidaat, veld, schoon)
        if isinstance(schoon, date) and veld not in overgangen.TOEKOMSTIGE_DATUMS:
            hulp.niet_in_toekomst(fouten, veld, schoon)
    if (
        kandidaat.aanmelding_schriftelijk_op is not None
        and kandidaat.aanmelding_schriftelijk_op < kandidaat.verzoek_op
    ):
        fouten.setdefault("aanmelding_schriftelijk_op", []).append(
            f"ligt vóór het verzoek om plaatsing ({lange_datum(kandidaat.verzoek_op)})"
        )
    if (
        "plaatsingsdatum" in waarden
        and kandidaat.besluit_op is not None
        and kandidaat.plaatsingsdatum is not None
        and kandidaat.plaatsingsdatum < kandidaat.besluit_op
    ):
        fouten.setdefault("plaatsingsdatum", []).append(
            f"ligt vóór de beslissing tot toelating ({lange_datum(kandidaat.besluit_op)})"
        )
    hulp.weiger(fouten)
    gewijzigd = {v: w for v, w in waarden.items() if getattr(zaak, v) != w}
    if not gewijzigd:
        return zaak
    versie_bijwerken(zaak, verwachte_versie=versie, wijzigingen=gewijzigd)
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="toelatingszaak",
        object_id=zaak.publiek_id,
        leerling=zaak.leerling,
        reden=f"gegevens {Toestand(zaak.toestand).label}",
        velden=sorted(gewijzigd),
    )
    return zaak


# --- overgangen ----------------------------------------------------------------------------


@transaction.atomic
def toelatingszaak_volgende_fase(
    *, door: Gebruiker, zaak: Toelatingszaak, versie: int, notitie: str = ""
) -> Toelatingszaak:
    """Rond de huidige fase af en ga naar de volgende (de vertakkingen in fase 8 en 10b
    hebben een eigen service). Geweigerd met alles wat de fase nog nodig heeft."""
    zaak = hulp.vers(zaak, versie)
    rollen = overgangen.ROLLEN_VOLGENDE.get(zaak.toestand, overgangen.PROTOCOL)
    grond = _zaakgrond(
        door,
        zaak,
        rollen,
        wat="deze toelatingszaak naar de volgende fase brengen",
        nodig=("de rol directie" if rollen == overgangen.DIRECTIE else "de rol directie of IB")
        + " bij de school van de zaak",
    )
    naar = overgangen.VOLGENDE.get(zaak.toestand)
    if naar is None:
        if zaak.toestand == Toestand.F8:
            uitleg = "leg de beslissing van de directie vast (toelaten of afwijzen)"
        elif zaak.toestand == Toestand.F10B:
            uitleg = "het bestuur toetst eerst het advies (overnemen of heroverwegen)"
        else:
            uitleg = "de zaak is afgesloten"
        raise ValidationError(
            {"toestand": f"{Toestand(zaak.toestand).label}: geen volgende fase; {uitleg}"}
        )
    ontbreekt = overgangen.ontbrekend(zaak)
    if ontbreekt:
        kop = f"{Toestand(zaak.toestand).label} is nog niet af; nog nodig: "
        raise ValidationError({veld: [kop + tekst] for veld, tekst in ontbreekt.items()})
    if zaak.toestand in (Toestand.F7, Toestand.F11B):
        # toegestaan maar niet wenselijk of te laat: blijvend zichtbaar in de geschiedenis
        for waarschuwing in overgangen.waarschuwingen(zaak):
            notitie = (
                f"{notitie}; waarschuwing: {waarschuwing}"
                if notitie
                else (f"waarschuwing: {waarschuwing}")
            )
    return _overgang(zaak=zaak, door=door, grond=grond, naar=naar, notitie=notitie)


@transaction.atomic
def toelatingszaak_beslis(
    *,
    door: Gebruiker,
    zaak: Toelatingszaak,
    versie: int,
    besluit: str,
    besluit_op: date,
    motivering: str,
) -> Toelatingszaak:
    """Fase 8: de directie beslist; toelaten gaat naar 9a, afwijzen naar 9b (advies aan
    het bestuur)."""
    zaak = hulp.vers(zaak, versie)
    grond = _zaakgrond(
        door,
        zaak,
        overgangen.DIRECTIE,
        wat="beslissen over deze aanmelding",
        nodig="de rol directie bij de school van de zaak (002, fase 8)",
    )
    _vereis_toestand(zaak, {Toestand.F8}, "de beslissing van de directie")
    fouten: dict[str, list[str]] = {}
    if besluit not in Besluit.values:
        fouten["besluit"] = [f"kies {' of '.join(Besluit.values)}"]
    hulp.vereis_tekst(fouten, "motivering", motivering, "de motivering van de beslissing")
    hulp.niet_in_toekomst(fouten, "besluit_op", besluit_op)
    if zaak.teamadvies_op is not None and besluit_op < zaak.teamadvies_op:
        fouten.setdefault("besluit_op", []).append(
            f"ligt vóór het advies van het team ({lange_datum(zaak.teamadvies_op)})"
        )
    hulp.weiger(fouten)
    naar = Toestand.F9A if besluit == Besluit.TOELATEN else Toestand.F9B
    return _overgang(
        zaak=zaak,
        door=door,
        grond=grond,
        naar=naar,
        notitie=f"beslissing: {Besluit(besluit).label}",
        extra={"besluit": besluit, "besluit_op": besluit_op, "besluit_motivering": motivering},
    )


@transaction.atomic
def toelatingszaak_bestuur_toetst(
    *,
    door: Gebruiker,
    zaak: Toelatingszaak,
    versie: int,
    oordeel: str,
    getoetst_op: date,
    toelichting: str,
    overleg_op: date | None = None,
    overleg_uitkomst: str = "",
) -> Toelatingszaak:
    """Fase 10b: het bestuur toetst procedure en advies aan het beleid. Overnemen gaat naar
    11b (besluit tot niet-toelating); heroverwegen vraagt overleg met de directie en gaat
    terug naar fase 8 voor een nieuwe beslissing."""
    zaak = hulp.vers(zaak, versie)
    grond = _zaakgrond(
        door,
        zaak,
        frozenset(),
        bestuur=True,
        wat="het advies tot afwijzing toetsen",
        nodig="de rol bestuurder bij het bestuur van de school (002, fase 10b)",
    )
    _vereis_toestand(zaak, {Toestand.F10B}, "de toetsing door het bestuur")
    fouten: dict[str, list[str]] = {}
    if oordeel not in Bestuursoordeel.values:
        fouten["oordeel"] = [f"kies {' of '.join(Bestuursoordeel.values)}"]
    hulp.vereis_tekst(fouten, "toelichting", toelichting, "de toelichting van het bestuur")
    hulp.niet_in_toekomst(fouten, "getoetst_op", getoetst_op)
    if zaak.advies_aan_bestuur_op is not None and getoetst_op < zaak.advies_aan_bestuur_op:
        fouten.setdefault("getoetst_op", []).append(
            f"ligt vóór het advies aan het bestuur ({lange_datum(zaak.advies_aan_bestuur_op)})"
        )
    if oordeel == Bestuursoordeel.HEROVERWEGEN:
        if overleg_op is None:
            fouten["overleg_op"] = ["de datum van het overleg met de directie (002, fase 10b)"]
        hulp.niet_in_toekomst(fouten, "overleg_op", overleg_op)
        hulp.vereis_tekst(
            fouten, "overleg_uitkomst", overleg_uitkomst, "de uitkomst van het overleg"
        )
    hulp.weiger(fouten)
    extra: dict[str, Any] = {
        "bestuursoordeel": oordeel,
        "bestuur_getoetst_op": getoetst_op,
        "bestuur_toelichting": toelichting,
    }
    if oordeel == Bestuursoordeel.OVERNEMEN:
        return _overgang(
            zaak=zaak,
            door=door,
            grond=grond,
            naar=Toestand.F11B,
            notitie="het bestuur neemt het advies tot afwijzing over",
            extra=extra,
        )
    assert overleg_op is not None
    # een tekst voor mensen (de geschiedenis van de zaak): het label en de lange datum
    eerder_op = lange_datum(zaak.besluit_op) if zaak.besluit_op else "een onbekende datum"
    notitie = (
        f"het bestuur vraagt heroverweging ({toelichting}); overleg met de directie op "
        f"{lange_datum(overleg_op)}: {overleg_uitkomst}. Eerdere beslissing: "
        f"{zaak.get_besluit_display()} op {eerder_op}, motivering: {zaak.besluit_motivering}"
    )
    extra.update(
        {
            "besluit": "",
            "besluit_op": None,
            "besluit_motivering": "",
            "advies_procedure": "",
            "advies_motieven": "",
            "advies_aan_bestuur_op": None,
        }
    )
    return _overgang(
        zaak=zaak, door=door, grond=grond, naar=Toestand.F8, notitie=notitie, extra=extra
    )


@transaction.atomic
def toelatingszaak_intrekken(
    *, door: Gebruiker, zaak: Toelatingszaak, versie: int, ingetrokken_op: date, reden: str
) -> Toelatingszaak:
    """De ouders trekken de aanmelding in (bv. na de toelichting in fase 10a); vastgelegd
    door de ouders zelf of door directie of intern begeleider."""
    zaak = hulp.vers(zaak, versie)
    grond = _zaakgrond(
        door,
        zaak,
        overgangen.PROTOCOL,
        ouder=True,
        wat="deze aanmelding intrekken",
        nodig="ouder van de leerling, of directie of intern begeleider van de school",
    )
    kan = {t for t, naar in overgangen.OVERGANGEN.items() if Toestand.INGETROKKEN in naar}
    _vereis_toestand(zaak, kan, "intrekken")
    fouten: dict[str, list[str]] = {}
    hulp.vereis_tekst(fouten, "reden", reden, "de reden van de intrekking")
    hulp.niet_in_toekomst(fouten, "ingetrokken_op", ingetrokken_op)
    hulp.weiger(fouten)
    return _overgang(
        zaak=zaak,
        door=door,
        grond=grond,
        naar=Toestand.INGETROKKEN,
        notitie=f"aanmelding ingetrokken: {reden}",
        extra={"afgesloten_op": ingetrokken_op, "intrekkingsreden": reden},
    )


# --- onderdelen van fasen ------------------------------------------------------------------


def _onderdeel_toegevoegd(
    *,
    zaak: Toelatingszaak,
    versie: int,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    objecttype: str,
    object_id: object,
    reden: str,
    velden: list[str],
) -> None:
    versie_bijwerken(zaak, verwachte_versie=versie, wijzigingen={})
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype=objecttype,
        object_id=object_id,
        leerling=zaak.leerling,
        reden=reden,
        velden=velden,
    )


@transaction.atomic
def informatieverzoek_registreer(
    *,
    door: Gebruiker,
    zaak: Toelatingszaak,
    versie: int,
    instantie: str,
    verzocht_op: date,
    naam_instantie: str = "",
    ontvangen_op: date | None = None,
) -> Informatieverzoek:
    """Fase 4a: gegevens opvragen bij een instantie, alleen met de schriftelijke
    toestemming van de ouders (fase 2)."""
    zaak = hulp.vers(zaak, versie)
    grond = _zaakgrond(
        door,
        zaak,
        overgangen.PROTOCOL,
        wat="gegevens opvragen voor deze toelatingszaak",
        nodig="de rol directie of intern begeleider bij de school van de zaak",
    )
    _vereis_toestand(zaak, {Toestand.F4}, "een informatieverzoek")
    fouten: dict[str, list[str]] = {}
    if instantie not in Instantie.values:
        fouten["instantie"] = [f"kies uit: {', '.join(Instantie.values)}"]
    if zaak.toestemming_derden_op is None:
        fouten["toestemming_derden_op"] = [
            "zonder schriftelijke toestemming van de ouders mag de school geen gegevens bij "
            "derden opvragen (002, fase 2 en 4a)"
        ]
    elif verzocht_op < zaak.toestemming_derden_op:
        fouten["verzocht_op"] = [
            f"ligt vóór de toestemming van de ouders ({lange_datum(zaak.toestemming_derden_op)})"
        ]
    hulp.niet_in_toekomst(fouten, "verzocht_op", verzocht_op)
    hulp.niet_in_toekomst(fouten, "ontvangen_op", ontvangen_op)
    if ontvangen_op is not None and ontvangen_op < verzocht_op:
        fouten["ontvangen_op"] = ["ligt vóór het verzoek"]
    hulp.weiger(fouten)
    verzoek = Informatieverzoek.objects.create(
        zaak=zaak,
        instantie=instantie,
        naam_instantie=naam_instantie.strip(),
        verzocht_op=verzocht_op,
        ontvangen_op=ontvangen_op,
        vastgelegd_door=door,
    )
    _onderdeel_toegevoegd(
        zaak=zaak,
        versie=versie,
        door=door,
        grond=grond,
        objecttype="informatieverzoek",
        object_id=verzoek.pk,
        reden=f"gegevens opgevraagd bij {Instantie(instantie).label}",
        velden=["instantie", "verzocht_op"] + (["ontvangen_op"] if ontvangen_op else []),
    )
    return verzoek


@transaction.atomic
def informatieverzoek_ontvangen(
    *, door: Gebruiker, verzoek: Informatieverzoek, versie: int, ontvangen_op: date
) -> Informatieverzoek:
    """De opgevraagde gegevens zijn binnen (de versie is die van de zaak)."""
    zaak = hulp.vers(verzoek.zaak, versie)
    grond = _zaakgrond(
        door,
        zaak,
        overgangen.PROTOCOL,
        wat="dit informatieverzoek bijwerken",
        nodig="de rol directie of intern begeleider bij de school van de zaak",
    )
    if zaak.is_afgesloten:
        raise ValidationError({"toestand": "de zaak is afgesloten"})
    fouten: dict[str, list[str]] = {}
    if verzoek.ontvangen_op is not None:
        fouten["ontvangen_op"] = [f"al ontvangen op {lange_datum(verzoek.ontvangen_op)}"]
    elif ontvangen_op < verzoek.verzocht_op:
        fouten["ontvangen_op"] = ["ligt vóór het verzoek"]
    hulp.niet_in_toekomst(fouten, "ontvangen_op", ontvangen_op)
    hulp.weiger(fouten)
    Informatieverzoek.objects.filter(pk=verzoek.pk).update(ontvangen_op=ontvangen_op)
    verzoek.ontvangen_op = ontvangen_op
    versie_bijwerken(zaak, verwachte_versie=versie, wijzigingen={})
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="informatieverzoek",
        object_id=verzoek.pk,
        leerling=zaak.leerling,
        reden="gegevens ontvangen",
        velden=["ontvangen_op"],
    )
    return verzoek


@transaction.atomic
def begeleidingsinformatie_registreer(
    *,
    door: Gebruiker,
    zaak: Toelatingszaak,
    versie: int,
    bron: str,
    datum: date,
    samenvatting: str,
) -> Begeleidingsinformatie:
    """Fase 4b: informatie over de begeleiding van kinderen met deze handicap."""
    zaak = hulp.vers(zaak, versie)
    grond = _zaakgrond(
        door,
        zaak,
        overgangen.PROTOCOL,
        wat="informatie vastleggen in deze toelatingszaak",
        nodig="de rol directie of intern begeleider bij de school van de zaak",
    )
    _vereis_toestand(zaak, {Toestand.F4}, "informatie over de begeleiding")
    fouten: dict[str, list[str]] = {}
    if bron not in Begeleidingsbron.values:
        fouten["bron"] = [f"kies uit: {', '.join(Begeleidingsbron.values)}"]
    hulp.vereis_tekst(fouten, "samenvatting", samenvatting, "een samenvatting")
    hulp.niet_in_toekomst(fouten, "datum", datum)
    hulp.weiger(fouten)
    info = Begeleidingsinformatie.objects.create(
        zaak=zaak, bron=bron, datum=datum, samenvatting=samenvatting.strip(), vastgelegd_door=door
    )
    _onderdeel_toegevoegd(
        zaak=zaak,
        versie=versie,
        door=door,
        grond=grond,
        objecttype="begeleidingsinformatie",
        object_id=info.pk,
        reden=f"informatie over begeleiding: {Begeleidingsbron(bron).label}",
        velden=["bron", "datum", "samenvatting"],
    )
    return info


@transaction.atomic
def inventarisatie_vastleggen(
    *, door: Gebruiker, zaak: Toelatingszaak, versie: int, schema: object, op: date
) -> Toelatingszaak:
    """Fase 5 (en aanvullend in fase 6): het schema inventarisatie (002, 4.3)."""
    zaak = hulp.vers(zaak, versie)
    grond = _zaakgrond(
        door,
        zaak,
        overgangen.PROTOCOL,
        wat="de inventarisatie van deze toelatingszaak",
        nodig="de rol directie of intern begeleider bij de school van de zaak",
    )
    _vereis_toestand(zaak, {Toestand.F5, Toestand.F6}, "de inventarisatie")
    schoon = valideer_inventarisatie(schema)
    fouten: dict[str, list[str]] = {}
    hulp.niet_in_toekomst(fouten, "op", op)
    hulp.weiger(fouten)
    versie_bijwerken(
        zaak,
        verwachte_versie=versie,
        wijzigingen={"inventarisatie": schoon, "inventarisatie_op": op},
    )
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="toelatingszaak",
        object_id=zaak.publiek_id,
        leerling=zaak.leerling,
        reden="schema inventarisatie vastgelegd",
        velden=["inventarisatie", "inventarisatie_op"],
    )
    return zaak


@transaction.atomic
def teambespreking_registreer(
    *,
    door: Gebruiker,
    zaak: Toelatingszaak,
    versie: int,
    datum: date,
    verslag: str,
    externe_deskundige: str = "",
) -> Teambespreking:
    """Fase 6: een bespreking in het team aan de hand van het schema, eventueel een tweede
    met een externe deskundige."""
    zaak = hulp.vers(zaak, versie)
    grond = _zaakgrond(
        door,
        zaak,
        overgangen.PROTOCOL,
        wat="een teambespreking vastleggen",
        nodig="de rol directie of intern begeleider bij de school van de zaak",
    )
    _vereis_toestand(zaak, {Toestand.F6}, "een teambespreking")
    fouten: dict[str, list[str]] = {}
    hulp.vereis_tekst(fouten, "verslag", verslag, "het verslag (mogelijkheden en grenzen)")
    hulp.niet_in_toekomst(fouten, "datum", datum)
    if zaak.inventarisatie_op is not None and datum < zaak.inventarisatie_op:
        fouten.setdefault("datum", []).append(
            f"ligt vóór de inventarisatie ({lange_datum(zaak.inventarisatie_op)})"
        )
    hulp.weiger(fouten)
    bespreking = Teambespreking.objects.create(
        zaak=zaak,
        datum=datum,
        verslag=verslag.strip(),
        externe_deskundige=externe_deskundige.strip(),
        vastgelegd_door=door,
    )
    _onderdeel_toegevoegd(
        zaak=zaak,
        versie=versie,
        door=door,
        grond=grond,
        objecttype="teambespreking",
        object_id=bespreking.pk,
        reden="teambespreking" + (" met externe deskundige" if externe_deskundige else ""),
        velden=["datum", "verslag"] + (["externe_deskundige"] if externe_deskundige else []),
    )
    return bespreking


@transaction.atomic
def onderwijsconsulent_aanvragen(
    *, door: Gebruiker, zaak: Toelatingszaak, versie: int, aangevraagd_op: date, vraag: str
) -> Onderwijsconsulent:
    """Fase 11: ouders of school schakelen een onderwijsconsulent in (geen overeenkomst,
    of bezwaar en beroep na afwijzing). De aanvrager volgt uit de rol."""
    zaak = hulp.vers(zaak, versie)
    grond = _zaakgrond(
        door,
        zaak,
        overgangen.PROTOCOL,
        ouder=True,
        wat="een onderwijsconsulent inschakelen",
        nodig="ouder van de leerling, of directie of intern begeleider van de school",
    )
    _vereis_toestand(zaak, CONSULENT_TOESTANDEN, "een onderwijsconsulent inschakelen")
    fouten: dict[str, list[str]] = {}
    hulp.vereis_tekst(fouten, "vraag", vraag, "waarover het advies gaat")
    hulp.niet_in_toekomst(fouten, "aangevraagd_op", aangevraagd_op)
    hulp.weiger(fouten)
    aanvrager = Aanvrager.OUDERS if grond.rol == Roltype.OUDER else Aanvrager.SCHOOL
    consulent = Onderwijsconsulent.objects.create(
        zaak=zaak,
        aangevraagd_door=aanvrager,
        aangevraagd_op=aangevraagd_op,
        vraag=vraag.strip(),
        vastgelegd_door=door,
    )
    _onderdeel_toegevoegd(
        zaak=zaak,
        versie=versie,
        door=door,
        grond=grond,
        objecttype="onderwijsconsulent",
        object_id=consulent.pk,
        reden=f"onderwijsconsulent ingeschakeld door {Aanvrager(aanvrager).label}",
        velden=["aangevraagd_door", "aangevraagd_op", "vraag"],
    )
    return consulent


@transaction.atomic
def onderwijsconsulent_advies(
    *, door: Gebruiker, inschakeling: Onderwijsconsulent, versie: int, advies_op: date, advies: str
) -> Onderwijsconsulent:
    """Het advies van de onderwijsconsulent is binnen (de versie is die van de zaak)."""
    zaak = hulp.vers(inschakeling.zaak, versie)
    grond = _zaakgrond(
        door,
        zaak,
        overgangen.PROTOCOL,
        ouder=True,
        wat="het advies van de onderwijsconsulent vastleggen",
        nodig="ouder van de leerling, of directie of intern begeleider van de school",
    )
    fouten: dict[str, list[str]] = {}
    if inschakeling.advies_op is not None:
        fouten["advies_op"] = [f"het advies is al vastgelegd ({inschakeling.advies_op})"]
    elif advies_op < inschakeling.aangevraagd_op:
        fouten["advies_op"] = ["ligt vóór de aanvraag"]
    hulp.vereis_tekst(fouten, "advies", advies, "het advies")
    hulp.niet_in_toekomst(fouten, "advies_op", advies_op)
    hulp.weiger(fouten)
    Onderwijsconsulent.objects.filter(pk=inschakeling.pk).update(
        advies_op=advies_op, advies=advies.strip()
    )
    inschakeling.advies_op, inschakeling.advies = advies_op, advies.strip()
    versie_bijwerken(zaak, verwachte_versie=versie, wijzigingen={})
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="onderwijsconsulent",
        object_id=inschakeling.pk,
        leerling=zaak.leerling,
        reden="advies onderwijsconsulent vastgelegd",
        velden=["advies_op", "advies"],
    )
    return inschakeling


# --- gastleerling ---------------------------------------------------------------------------

#: Toestand -> toegestane volgende toestanden van een gastleerlingschap.
GAST_OVERGANGEN: dict[str, frozenset[str]] = {
    Gastleerlingtoestand.CONCEPT: frozenset(
        {Gastleerlingtoestand.LOPEND, Gastleerlingtoestand.BEEINDIGD}
    ),
    Gastleerlingtoestand.LOPEND: frozenset({Gastleerlingtoestand.BEEINDIGD}),
    Gastleerlingtoestand.BEEINDIGD: frozenset(),
}

PARTIJEN = ("ouders", "rec_school", "school")


def _gastperiode(begin: date, einde: date, verlengd_tot: date | None = None) -> None:
    """De periode volgens de regelkern (002, hoofdstuk 3; I-24); fouten als ValidationError."""
    try:
        regels_termijnen.gastleerling(standaard_regeling(), begin, einde, verlengd_tot)
    except OngeldigeInvoer as e:
        raise ValidationError({e.veld: str(e)}) from None


def _gastgrond(
    door: Gebruiker,
    zaak: Gastleerlingschap,
    *,
    school: frozenset[str] = frozenset(),
    rec_school: frozenset[str] = frozenset(),
    ouder: bool = False,
    wat: str,
    nodig: str,
) -> toegang.Toegangsgrond:
    scholen: dict[int, frozenset[str]] = {}
    if school:
        scholen[zaak.school_id] = school
    if rec_school:
        scholen[zaak.rec_school_id] = scholen.get(zaak.rec_school_id, frozenset()) | rec_school
    return toegang.vereis(
        rechten.grond(door, leerling=zaak.leerling, scholen=scholen, ouder=ouder),
        wat=wat,
        nodig=nodig,
    )


def _gast_overgang(
    *,
    zaak: Gastleerlingschap,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    naar: str,
    wijzigingen: Mapping[str, Any],
    notitie: str,
    versie: int,
) -> Gastleerlingschap:
    van = zaak.toestand
    if naar != van and naar not in GAST_OVERGANGEN[van]:  # pragma: no cover - vangnet
        raise ValidationError({"toestand": f"van {van} naar {naar} is niet toegestaan"})
    alles = dict(wijzigingen)
    if naar != van:
        alles["toestand"] = naar
    versie_bijwerken(zaak, verwachte_versie=versie, wijzigingen=alles)
    if naar != van:
        GastleerlingOvergang.objects.create(
            zaak=zaak,
            datum=vandaag(),
            door=door,
            rol=grond.rol,
            van=van,
            naar=naar,
            notitie=notitie,
        )
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="gastleerlingschap",
        object_id=zaak.publiek_id,
        leerling=zaak.leerling,
        reden=notitie,
        velden=sorted(alles),
    )
    return zaak


@transaction.atomic
def gastleerlingschap_maak(
    *,
    door: Gebruiker,
    school: Organisatie,
    rec_school: Organisatie,
    leerling: Leerling,
    begin: date,
    einde: date,
    afspraken: str,
    publiek_id: UUID | None = None,
) -> Gastleerlingschap:
    """Leg de schriftelijke afspraken over een gastleerlingschap vast (002, hoofdstuk 3):
    een leerling van een REC-school volgt een week tot zes maanden de lessen op ``school``.
    Door directie of IB van een van beide scholen, of door de ouders."""
    grond = toegang.vereis(
        rechten.grond(
            door,
            leerling=leerling,
            scholen={school.pk: overgangen.PROTOCOL, rec_school.pk: overgangen.PROTOCOL},
            ouder=True,
        ),
        wat="een gastleerlingschap voor deze leerling",
        nodig="directie of intern begeleider van een van beide scholen, of ouder",
    )
    fouten: dict[str, list[str]] = {}
    if rec_school.soort != Organisatiesoort.SCHOOL or rec_school.schoolsoort not in VSO_SOORTEN:
        fouten["rec_school"] = ["de leerling staat ingeschreven bij een (v)so-school van een REC"]
    if school.soort != Organisatiesoort.SCHOOL or school.schoolsoort in VSO_SOORTEN:
        fouten["school"] = ["de ontvangende school is een reguliere school"]
    ingeschreven = Inschrijving.objects.filter(
        leerling=leerling, school_id=rec_school.pk, van__lte=begin
    ).exclude(tot__lt=begin)
    if "rec_school" not in fouten and not ingeschreven.exists():
        fouten["rec_school"] = [
            f"de leerling staat op {lange_datum(begin)} niet ingeschreven bij deze REC-school"
        ]
    hulp.vereis_tekst(fouten, "afspraken", afspraken, "de schriftelijke afspraken")
    try:
        _gastperiode(begin, einde)
    except ValidationError as e:
        for k, v in e.message_dict.items():
            fouten.setdefault(k, []).extend(v)
    hulp.weiger(fouten)
    zaak = Gastleerlingschap(
        school=school,
        rec_school=rec_school,
        leerling=leerling,
        begin=begin,
        einde=einde,
        afspraken=afspraken.strip(),
        aangemaakt_door=door,
    )
    if publiek_id is not None:
        zaak.publiek_id = publiek_id
    zaak.save()
    GastleerlingOvergang.objects.create(
        zaak=zaak,
        datum=vandaag(),
        door=door,
        rol=grond.rol,
        van="",
        naar=Gastleerlingtoestand.CONCEPT,
        notitie="afspraken opgesteld",
    )
    hulp.audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="gastleerlingschap",
        object_id=zaak.publiek_id,
        leerling=leerling,
        reden=f"gastleerling op {school} van {lange_datum(begin)} tot en met {lange_datum(einde)}",
        velden=["school", "rec_school", "begin", "einde", "afspraken"],
    )
    return zaak


@transaction.atomic
def gastleerlingschap_ondertekenen(
    *, door: Gebruiker, zaak: Gastleerlingschap, versie: int, partij: str, getekend_op: date
) -> Gastleerlingschap:
    """Een van de drie partners tekent (ouders, REC-school, ontvangende school). Als alle drie
    getekend hebben, loopt het gastleerlingschap."""
    zaak = hulp.vers(zaak, versie)
    if partij not in PARTIJEN:
        raise ValidationError({"partij": f"kies uit: {', '.join(PARTIJEN)}"})
    if partij == "ouders":
        grond = _gastgrond(
            door,
            zaak,
            ouder=True,
            school=overgangen.PROTOCOL,
            rec_school=overgangen.PROTOCOL,
            wat="tekenen namens de ouders",
            nodig="ouder van de leerling (of een school die de handtekening op papier vastlegt)",
        )
    elif partij == "rec_school":
        grond = _gastgrond(
            door,
            zaak,
            rec_school=overgangen.DIRECTIE,
            wat="tekenen namens de REC-school",
            nodig="de rol directie bij de REC-school",
        )
    else:
        grond = _gastgrond(
            door,
            zaak,
            school=overgangen.DIRECTIE,
            wat="tekenen namens de ontvangende school",
            nodig="de rol directie bij de ontvangende school",
        )
    veld = f"{partij}_getekend_op"
    fouten: dict[str, list[str]] = {}
    if zaak.toestand != Gastleerlingtoestand.CONCEPT:
        fouten["toestand"] = ["alleen afspraken in concept worden ondertekend"]
    elif getattr(zaak, veld) is not None:
        fouten[veld] = [f"al getekend op {lange_datum(getattr(zaak, veld))}"]
    hulp.niet_in_toekomst(fouten, "getekend_op", getekend_op)
    hulp.weiger(fouten)
    getekend = {p: getattr(zaak, f"{p}_getekend_op") for p in PARTIJEN}
    getekend[partij] = getekend_op
    naar = Gastleerlingtoestand.LOPEND if all(getekend.values()) else Gastleerlingtoestand.CONCEPT
    return _gast_overgang(
        zaak=zaak,
        door=door,
        grond=grond,
        naar=naar,
        wijzigingen={veld: getekend_op},
        notitie=f"ondertekend door {partij}"
        + ("; door alle drie ondertekend" if naar == Gastleerlingtoestand.LOPEND else ""),
        versie=versie,
    )


@transaction.atomic
def gastleerlingschap_verlengen(
    *, door: Gebruiker, zaak: Gastleerlingschap, versie: int, verlengd_tot: date
) -> Gastleerlingschap:
    """Verleng de periode, tot hoogstens een jaar na het begin (002, hoofdstuk 3; I-24)."""
    zaak = hulp.vers(zaak, versie)
    grond = _gastgrond(
        door,
        zaak,
        school=overgangen.DIRECTIE,
        wat="dit gastleerlingschap verlengen",
        nodig="de rol directie bij de ontvangende school",
    )
    if zaak.toestand != Gastleerlingtoestand.LOPEND:
        raise ValidationError({"toestand": "alleen een lopend gastleerlingschap wordt verlengd"})
    if zaak.verlengd_tot is not None and verlengd_tot <= zaak.verlengd_tot:
        raise ValidationError(
            {"verlengd_tot": f"ligt niet na de huidige verlenging ({zaak.verlengd_tot})"}
        )
    _gastperiode(zaak.begin, zaak.einde, verlengd_tot)
    return _gast_overgang(
        zaak=zaak,
        door=door,
        grond=grond,
        naar=zaak.toestand,
        wijzigingen={"verlengd_tot": verlengd_tot},
        notitie=f"verlengd tot en met {lange_datum(verlengd_tot)}",
        versie=versie,
    )


@transaction.atomic
def gastleerlingschap_beeindigen(
    *, door: Gebruiker, zaak: Gastleerlingschap, versie: int, beeindigd_op: date, vervolg: str
) -> Gastleerlingschap:
    """Beëindig het gastleerlingschap met het besluit over een eventuele overstap."""
    zaak = hulp.vers(zaak, versie)
    grond = _gastgrond(
        door,
        zaak,
        school=overgangen.DIRECTIE,
        rec_school=overgangen.DIRECTIE,
        wat="dit gastleerlingschap beëindigen",
        nodig="de rol directie bij de ontvangende school of de REC-school",
    )
    fouten: dict[str, list[str]] = {}
    if Gastleerlingtoestand.BEEINDIGD not in GAST_OVERGANGEN[zaak.toestand]:
        fouten["toestand"] = ["het gastleerlingschap is al beëindigd"]
    hulp.vereis_tekst(fouten, "vervolg", vervolg, "het besluit over een eventuele overstap")
    hulp.niet_in_toekomst(fouten, "beeindigd_op", beeindigd_op)
    if beeindigd_op < zaak.begin:
        fouten.setdefault("beeindigd_op", []).append("ligt vóór het begin")
    hulp.weiger(fouten)
    return _gast_overgang(
        zaak=zaak,
        door=door,
        grond=grond,
        naar=Gastleerlingtoestand.BEEINDIGD,
        wijzigingen={"beeindigd_op": beeindigd_op, "vervolg": vervolg.strip()},
        notitie=f"beëindigd per {lange_datum(beeindigd_op)}: {vervolg.strip()}",
        versie=versie,
    )
