"""Demogegevens: toelatingszaken in elke fase van beide trajecten en gastleerlingschappen.

Alles via de services, met de rol die de handeling in werkelijkheid doet (ouders vragen
plaatsing, de IB'er voert het protocol uit, de directie beslist, het bestuur toetst), zodat
toegang, geschiedenis en audit ook voor de demo gelden. Peildatum 15 maart 2012:

- op OBS De Wieken (bestuur Veluwerand) een zaak in elke fase 1 tot en met 14 en in elke
  eindtoestand; de termijn van acht weken is verlopen in fase 10b (advies ligt al weken
  bij het bestuur), het handelingsplan is te laat in fase 13 (voorgelegd, de ouders -
  demo-login ``ouder.001`` - moeten nog instemmen); fase 6 en 7 vielen in één zaak samen
  (waarschuwing); één zaak kwam via heroverweging door het bestuur alsnog op traject a;
- zaken op OBS Het Kompas (zelfde bestuur) en CBS De Akker (ander bestuur: het bestuur
  van De Wieken ziet die niet);
- gastleerlingen van de so-scholen De Klimboom en Het Palet: lopend, verlengd, in
  concept, beëindigd en één waarvan de periode verstreken is zonder afronding.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from rugzak.demo import namen
from rugzak.demo.opbouw import ROLLEN_VANAF, SCHOLEN, DemoContext, registreer_stap
from rugzak.handelingsplannen import services as hp
from rugzak.leerlingen.models import Inschrijving, Leerling, OuderRelatie
from rugzak.leerlingen.services import (
    inschrijving_beeindig,
    inschrijving_maak,
    leerling_inschrijven,
    ouder_koppel,
)
from rugzak.organisaties.models import Gebruiker
from rugzak.organisaties.rollen import Roltype
from rugzak.organisaties.services import gebruiker_maak, rol_toeken
from rugzak.toelating import services
from rugzak.toelating.doorloop import Doorloop
from rugzak.toelating.models import Bestuursoordeel, Toelatingszaak

# (sleutel, school, huidige school, groep op de huidige school, doel, verzoek op,
#  plaatsingsdatum of None, extra opties)
ZAKEN: tuple[tuple[str, str, str, int, str, date, date | None, dict[str, object]], ...] = (
    ("f1", "dewieken", "deklimboom", 2, "1", date(2012, 3, 12), None, {}),
    ("f2", "dewieken", "hetpalet", 1, "2", date(2012, 3, 8), None, {}),
    ("f3", "dewieken", "ichthus", 4, "3", date(2012, 3, 1), None, {}),
    ("f4", "dewieken", "deklimboom", 3, "4", date(2012, 2, 27), None, {}),
    ("f5", "dewieken", "debrug", 5, "5", date(2012, 2, 20), None, {}),
    ("f6", "dewieken", "hetpalet", 2, "6", date(2012, 2, 15), None, {}),
    ("f7", "dewieken", "deklimboom", 4, "7", date(2012, 2, 6), None, {"tweede_bespreking": True}),
    ("f8", "dewieken", "ichthus", 6, "8", date(2012, 1, 25), None, {"fase67_samen": True}),
    ("f9a", "dewieken", "hetpalet", 3, "9a", date(2012, 1, 20), None, {}),
    ("f9b", "dewieken", "deklimboom", 5, "9b", date(2012, 1, 20), None, {}),
    ("f10a", "dewieken", "debrug", 3, "10a", date(2012, 1, 10), date(2012, 4, 2), {}),
    ("f10b", "dewieken", "deklimboom", 6, "10b", date(2011, 12, 1), None, {}),
    ("f11a", "dewieken", "hetpalet", 1, "11a", date(2011, 12, 19), date(2012, 4, 2), {}),
    ("f11b", "dewieken", "ichthus", 7, "11b", date(2012, 1, 16), None, {}),
    ("f12a", "dewieken", "deklimboom", 2, "12a", date(2011, 12, 26), date(2012, 4, 2), {}),
    ("f12b", "dewieken", "debrug", 4, "12b", date(2011, 11, 14), None, {}),
    ("f13", "dewieken", "deklimboom", 1, "13", date(2011, 10, 10), date(2012, 1, 9), {}),
    ("f14", "dewieken", "hetpalet", 4, "14", date(2011, 10, 3), date(2012, 1, 3), {}),
    ("toegelaten1", "dewieken", "deklimboom", 2, "toegelaten", date(2011, 4, 4),
     date(2011, 8, 22), {}),
    ("toegelaten2", "dewieken", "ichthus", 5, "toegelaten", date(2011, 4, 11),
     date(2011, 8, 22), {}),
    ("afgewezen", "dewieken", "debrug", 6, "afgewezen", date(2011, 9, 5), None, {}),
    ("ingetrokken", "dewieken", "hetpalet", 2, "10a", date(2011, 12, 12), date(2012, 4, 2), {}),
    ("heroverweging", "dewieken", "deklimboom", 3, "10b", date(2011, 11, 28), None, {}),
    ("kompas5", "hetkompas", "debrug", 2, "5", date(2012, 2, 22), None, {}),
    ("akker7", "deakker", "ichthus", 3, "7", date(2012, 2, 1), None, {}),
)  # fmt: skip


@dataclass
class _Personen:
    directie: Gebruiker
    ib: Gebruiker
    bestuurder: Gebruiker


def _personen(ctx: DemoContext, school: str) -> _Personen:
    bestuur = SCHOLEN[school][3]
    return _Personen(
        directie=ctx.gebruikers[f"directie.{school}"],
        ib=ctx.gebruikers[f"ib.{school}"],
        bestuurder=ctx.gebruikers[f"bestuur.{bestuur}"],
    )


def _ouder(ctx: DemoContext, rng: random.Random, nummer: int, achternaam: str) -> Gebruiker:
    naam = f"ouder.t{nummer:02d}"
    ouder = gebruiker_maak(
        gebruikersnaam=naam,
        voornaam=rng.choice(namen.VOLWASSEN_VOORNAMEN),
        achternaam=achternaam,
        email=f"{naam}@demo.invalid",
        wachtwoord_hash=ctx.wachtwoord_hash,
    )
    rol_toeken(gebruiker=ouder, rol=Roltype.OUDER, van=ROLLEN_VANAF)
    ctx.gebruikers[naam] = ouder
    return ouder


def _aanmelder(
    ctx: DemoContext,
    rng: random.Random,
    nummer: int,
    huidige_school: str,
    groep: int,
    ouder: Gebruiker | None = None,
    achternaam: tuple[str, str] | None = None,
) -> tuple[Leerling, Gebruiker]:
    """Een leerling op haar huidige school (so, sbo of een andere basisschool) met ouder."""
    directie = ctx.schooldirectie[huidige_school]
    voornaam, geslacht = rng.choice(namen.VOORNAMEN)
    tussen, achter = achternaam or rng.choice(namen.ACHTERNAMEN)
    plaats = SCHOLEN[huidige_school][4]
    jaar = ctx.schooljaar.beginjaar
    leerling = leerling_inschrijven(
        door=directie,
        school=ctx.organisaties[huidige_school],
        voornaam=voornaam,
        tussenvoegsel=tussen,
        achternaam=achter,
        geboortedatum=date(jaar - 3 - groep, 10, 1) - timedelta(days=rng.randint(0, 364)),
        geslacht=geslacht,
        adres=f"{rng.choice(namen.STRATEN)} {rng.randint(1, 180)}",
        postcode=_postcode(rng, plaats),
        woonplaats=plaats,
        van=date(jaar - groep + 1, 8, 22) if groep > 1 else date(jaar, 10, 3),
        groep=groep,
        publiek_id=uuid.UUID(int=rng.getrandbits(128), version=4),
    )
    if ouder is None:
        ouder = _ouder(ctx, rng, nummer, f"{tussen} {achter}".strip())
    ouder_koppel(door=directie, leerling=leerling, ouder=ouder)
    return leerling, ouder


def _postcode(rng: random.Random, plaats: str) -> str:
    laag, hoog = namen.PLAATSEN[plaats]
    while True:
        letters = "".join(rng.choice("ABCEGHJKLMNPRTVWXZ") for _ in range(2))
        if letters not in namen.VERBODEN_POSTCODELETTERS:
            return f"{rng.randint(laag, hoog)} {letters}"


def _inschrijven(ctx: DemoContext, zaak: Toelatingszaak, huidige: str, groep: int) -> None:
    """Na toelating: de oude school schrijft uit, de nieuwe schrijft in per plaatsing."""
    assert zaak.plaatsingsdatum is not None
    oud = Inschrijving.objects.get(leerling=zaak.leerling, tot__isnull=True)
    inschrijving_beeindig(
        door=ctx.schooldirectie[huidige],
        inschrijving=oud,
        tot=zaak.plaatsingsdatum - timedelta(days=1),
    )
    inschrijving_maak(
        door=ctx.schooldirectie[_sleutel(ctx, zaak)],
        leerling=zaak.leerling,
        school=zaak.school,
        van=zaak.plaatsingsdatum,
        groep=groep,
    )


def _sleutel(ctx: DemoContext, zaak: Toelatingszaak) -> str:
    return next(k for k, org in ctx.organisaties.items() if org.pk == zaak.school_id)


def maak_toelatingszaken(ctx: DemoContext) -> None:
    rng = ctx.rng("toelating")
    ouder_001 = ctx.gebruikers.get("ouder.001")
    for nummer, (sleutel, school, huidige, groep, doel, verzoek_op, plaatsing, opties) in enumerate(
        ZAKEN, start=1
    ):
        # ouder.001 (de demo-login) krijgt een jonger broertje of zusje in fase 13
        eigen = sleutel == "f13" and ouder_001 is not None
        achternaam = None
        if eigen:
            relatie = OuderRelatie.objects.filter(ouder=ouder_001).select_related("leerling")
            kind = relatie.first()
            if kind is not None:
                achternaam = (kind.leerling.tussenvoegsel, kind.leerling.achternaam)
        leerling, ouder = _aanmelder(
            ctx,
            rng,
            nummer,
            huidige,
            groep,
            ouder=ouder_001 if eigen else None,
            achternaam=achternaam,
        )
        p = _personen(ctx, school)
        zaak = services.toelatingszaak_start(
            door=ouder,
            school=ctx.organisaties[school],
            leerling=leerling,
            verzoek_op=verzoek_op,
            notitie="verzoek om plaatsing door de ouders",
            publiek_id=uuid.UUID(int=rng.getrandbits(128), version=4),
        )
        nieuwe_groep = min(groep + 1, 8)
        doorloop = Doorloop(
            zaak=zaak,
            directie=p.directie,
            ib=p.ib,
            bestuurder=p.bestuurder,
            ouder=ouder,
            start=verzoek_op,
            plaatsingsdatum=plaatsing,
            groep=nieuwe_groep,
            tweede_bespreking=bool(opties.get("tweede_bespreking")),
            fase67_samen=bool(opties.get("fase67_samen")),
        )
        if sleutel == "f13":
            doorloop.plan_voorgelegd_op = date(2012, 3, 1)
        if doel in ("13", "14", "toegelaten"):
            doorloop.tot("12a")
            _inschrijven(ctx, doorloop.zaak, huidige, nieuwe_groep)
        if sleutel == "f13":
            doorloop.tot("13")
            doorloop.handelingsplan(tot="ter_instemming")
        elif sleutel == "heroverweging":
            _heroverweging(doorloop)
        else:
            doorloop.tot(doel)
        zaak = doorloop.zaak
        if sleutel == "f11a":
            _overeenkomst_half(doorloop)
            services.onderwijsconsulent_aanvragen(
                door=ouder,
                zaak=zaak,
                versie=_versie(zaak),
                aangevraagd_op=date(2012, 2, 20),
                vraag="Ouders en school verschillen van mening over de inzet van het budget "
                "voor een onderwijsassistent.",
            )
        elif sleutel == "afgewezen":
            services.onderwijsconsulent_aanvragen(
                door=ouder,
                zaak=zaak,
                versie=_versie(zaak),
                aangevraagd_op=date(2011, 11, 10),
                vraag="Ouders overwegen bezwaar tegen het besluit tot niet-toelating.",
            )
        elif sleutel == "ingetrokken":
            services.toelatingszaak_vastleggen(
                door=p.ib,
                zaak=zaak,
                versie=_versie(zaak),
                gegevens={"aanmelding_gehandhaafd": False},
            )
            services.toelatingszaak_intrekken(
                door=ouder,
                zaak=zaak,
                versie=_versie(zaak),
                ingetrokken_op=date(2012, 2, 6),
                reden="Na de toelichting kiezen de ouders voor een school dichter bij huis.",
            )
        elif sleutel == "f4":
            services.informatieverzoek_registreer(
                door=p.ib,
                zaak=zaak,
                versie=_versie(zaak),
                instantie="cvi",
                verzocht_op=date(2012, 3, 12),
            )


def _versie(zaak: Toelatingszaak) -> int:
    zaak.refresh_from_db()
    return zaak.versie


def _overeenkomst_half(doorloop: Doorloop) -> None:
    """Fase 11a: de overeenkomst is opgesteld en door de school getekend; de ouders nog niet."""
    zaak = doorloop.zaak
    assert zaak.plaatsingsdatum is not None
    overeenkomst = hp.overeenkomst_opstellen(
        door=doorloop.ib,
        zaak=zaak,
        groep=doorloop.groep,
        looptijd_van=zaak.plaatsingsdatum,
        looptijd_tot=date(2012, 7, 31),
        extra_evaluatiemomenten=[date(2012, 5, 14)],
        inzet_budget="Onderwijsassistent 6 uur per week en ambulante begeleiding.",
        verplichtingen="School: handelingsplan binnen een maand; ouders: oefenen thuis.",
        inzet_pgb="Vervoer en verzorging uit het PGB.",
    )
    hp.overeenkomst_ondertekenen_school(
        door=doorloop.directie,
        overeenkomst=overeenkomst,
        versie=overeenkomst.versie,
        getekend_op=date(2012, 2, 14),
    )


def _heroverweging(doorloop: Doorloop) -> None:
    """Traject b tot 10b; het bestuur vraagt heroverweging; de directie laat alsnog toe."""
    doorloop.tot("10b")
    zaak = services.toelatingszaak_bestuur_toetst(
        door=doorloop.bestuurder,
        zaak=doorloop.zaak,
        versie=_versie(doorloop.zaak),
        oordeel=Bestuursoordeel.HEROVERWEGEN,
        getoetst_op=date(2012, 1, 23),
        toelichting="De motieven gaan vooral over de groepsgrootte; is een andere groep overwogen?",
        overleg_op=date(2012, 1, 30),
        overleg_uitkomst="Plaatsing in de combinatiegroep 3/4 is wel mogelijk.",
    )
    zaak = services.toelatingszaak_beslis(
        door=doorloop.directie,
        zaak=zaak,
        versie=zaak.versie,
        besluit="toelaten",
        besluit_op=date(2012, 2, 2),
        motivering="Na overleg met het bestuur: plaatsing in groep 3/4 met onderwijsassistent.",
    )
    services.toelatingszaak_vastleggen(
        door=doorloop.ib,
        zaak=zaak,
        versie=zaak.versie,
        gegevens={"plaatsingsdatum": date(2012, 4, 16)},
    )


# --- gastleerlingen -------------------------------------------------------------------------

#: (REC-school, ontvangende school, begin, einde, verlengd tot, toestand, beëindigd op)
GASTEN: tuple[tuple[str, str, date, date, date | None, str, date | None], ...] = (
    ("deklimboom", "dewieken", date(2012, 1, 9), date(2012, 4, 6), None, "lopend", None),
    ("hetpalet", "hetkompas", date(2011, 9, 5), date(2012, 3, 2), date(2012, 6, 29), "lopend",
     None),
    ("deklimboom", "dewieken", date(2012, 4, 2), date(2012, 5, 25), None, "concept", None),
    ("hetpalet", "dewieken", date(2011, 9, 12), date(2011, 12, 16), None, "beeindigd",
     date(2011, 12, 16)),
    ("deklimboom", "deregenboog", date(2011, 9, 1), date(2012, 2, 29), None, "lopend", None),
)  # fmt: skip


def maak_gastleerlingen(ctx: DemoContext) -> None:
    rng = ctx.rng("gastleerlingen")
    gebruikt: set[uuid.UUID] = set()
    for rec_school, school, begin, einde, verlengd, toestand, beeindigd in GASTEN:
        kandidaten = [
            ll
            for ll in ctx.leerlingen
            if ctx.school_van_leerling.get(ll.publiek_id) == rec_school
            and ll.publiek_id not in gebruikt
        ]
        leerling = kandidaten[0]
        gebruikt.add(leerling.publiek_id)
        inschrijving = Inschrijving.objects.filter(
            leerling=leerling, school__brin=SCHOLEN[rec_school][2]
        ).first()
        assert inschrijving is not None
        if inschrijving.van > begin:  # pragma: no cover - afhankelijk van het demozaad
            verschuiving = inschrijving.van - begin
            begin, einde = begin + verschuiving, einde + verschuiving
        directie_rec = ctx.schooldirectie[rec_school]
        zaak = services.gastleerlingschap_maak(
            door=directie_rec,
            school=ctx.organisaties[school],
            rec_school=ctx.organisaties[rec_school],
            leerling=leerling,
            begin=begin,
            einde=einde,
            afspraken="Ochtenden in groep 3 met begeleiding door de eigen leerkracht; "
            "vervoer door de ouders; evaluatie na zes weken.",
            publiek_id=uuid.UUID(int=rng.getrandbits(128), version=4),
        )
        ouder = OuderRelatie.objects.filter(leerling=leerling).select_related("ouder").first()
        assert ouder is not None
        teken = min(begin - timedelta(days=7), ctx.peildatum)
        zaak = services.gastleerlingschap_ondertekenen(
            door=directie_rec, zaak=zaak, versie=zaak.versie, partij="rec_school", getekend_op=teken
        )
        if toestand == "concept":
            continue
        zaak = services.gastleerlingschap_ondertekenen(
            door=ouder.ouder, zaak=zaak, versie=zaak.versie, partij="ouders", getekend_op=teken
        )
        zaak = services.gastleerlingschap_ondertekenen(
            door=ctx.schooldirectie[school],
            zaak=zaak,
            versie=zaak.versie,
            partij="school",
            getekend_op=teken,
        )
        if verlengd is not None:
            zaak = services.gastleerlingschap_verlengen(
                door=ctx.schooldirectie[school],
                zaak=zaak,
                versie=zaak.versie,
                verlengd_tot=verlengd,
            )
        if beeindigd is not None:
            services.gastleerlingschap_beeindigen(
                door=ctx.schooldirectie[school],
                zaak=zaak,
                versie=zaak.versie,
                beeindigd_op=beeindigd,
                vervolg="De leerling blijft op de so-school; een overstap is nu niet haalbaar.",
            )


registreer_stap("toelatingszaken", maak_toelatingszaken)
registreer_stap("gastleerlingen", maak_gastleerlingen)
