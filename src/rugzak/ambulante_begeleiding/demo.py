"""Demogegevens: begeleidingen (RAB, TAB, PAB) in elke toestand.

Alles via de services: de intern begeleider van de reguliere school vraagt aan, de
coördinator AB wijst toe, start of wijst af, en beëindigt. Peildatum 15 maart 2012.

- RAB voor de meeste leerlingen met een geldige indicatie, bij de AB-dienst van het REC
  van hun cluster: lopend (toegewezen aan ``ab.recN`` of ``ab2.recN``), net aangevraagd,
  één afgewezen (en opnieuw aangevraagd), en bij een herindicatie de vorige RAB beëindigd
  op het einde van de oude indicatie.
- PAB voor leerlingen zonder indicatie met een lopende aanvraag, op advies van de
  secretaris van de CvI of de coördinator AB.
- PAB bij een leerling met een vastgesteld handelingsplan, begeleid door ``ab.rec3``: zo
  leest de ambulant begeleider in de demo een handelingsplan mee.
- TAB voor drie leerlingen die in het (v)so hun indicatie verloren en naar een reguliere
  school gingen: lopend, aangevraagd, en één waarvan het TAB-jaar al voorbij is maar die
  nog niet beëindigd is (een verlopen termijn).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from rugzak.ambulante_begeleiding import services
from rugzak.ambulante_begeleiding.models import Begeleiding
from rugzak.demo import namen
from rugzak.demo.opbouw import ROLLEN_VANAF, SCHOLEN, DemoContext, registreer_stap
from rugzak.handelingsplannen.models import Handelingsplan, Handelingsplantoestand
from rugzak.indicaties.demo import Procedure, doorloop, positief
from rugzak.indicaties.models import Aanvraagstatus, Indicatie, Indicatieaanvraag
from rugzak.leerlingen.models import Leerling
from rugzak.leerlingen.services import leerling_inschrijven, ouder_koppel
from rugzak.organisaties.rollen import Roltype
from rugzak.organisaties.services import gebruiker_maak, rol_toeken
from rugzak.regeling.begrippen import Schoolsoort

_REC_VAN_CLUSTER = {"2": "rec2", "3": "rec3", "4": "rec4"}
_CLUSTER = {
    "doof": "2", "sh": "2", "esm": "2",
    "lg": "3", "lz": "3", "zml": "3", "mg_lg_zml": "3", "mg_sh_zml": "3", "mg_doof_zml": "3",
    "cl4": "4",
}  # fmt: skip

#: TAB: (sleutel, (v)so-school, onderwijssoort, indicatie aangevraagd, in (v)so sinds,
#: nieuwe school, groep of leerjaar, teruggeplaatst op, TAB aangevraagd, gestart of None)
_TAB = (
    ("tab1", "deklimboom", "lg", date(2008, 1, 14), date(2006, 8, 21), "dewieken", 5,
     date(2011, 8, 22), date(2011, 8, 29), date(2011, 9, 12)),
    ("tab2", "hetbaken", "cl4", date(2007, 4, 2), date(2005, 8, 22), "rivierstedecollege", 3,
     date(2010, 8, 23), date(2010, 8, 30), date(2010, 9, 13)),
    ("tab3", "hetpalet", "sh", date(2008, 6, 2), date(2004, 8, 23), "hetkompas", 6,
     date(2012, 1, 9), date(2012, 2, 20), None),
)  # fmt: skip


def _ab(ctx: DemoContext, rec: str, nummer: int) -> tuple[str, str]:
    return f"ab-coordinator.{rec}", f"ab.{rec}" if nummer % 3 else f"ab2.{rec}"


def _rab(
    ctx: DemoContext,
    *,
    leerling: Leerling,
    school: str,
    rec: str,
    aangevraagd: date,
    gestart: date | None,
    nummer: int,
) -> Begeleiding:
    coordinator, begeleider = _ab(ctx, rec, nummer)
    b = services.begeleiding_aanvragen_rab(
        door=ctx.gebruikers[f"ib.{school}"],
        leerling=leerling,
        ab_dienst=ctx.organisaties[f"{rec}-ab"],
        op=aangevraagd,
        toelichting="begeleiding van leerkracht en leerling volgens het handelingsplan",
    )
    if gestart is not None:
        b = services.begeleiding_starten(
            door=ctx.gebruikers[coordinator],
            begeleiding=b,
            versie=b.versie,
            op=gestart,
            begeleider=ctx.gebruikers[begeleider],
        )
    return b


def _tab_leerling(ctx: DemoContext, nummer: int, school: str, groep: int, van: date) -> Leerling:
    rng = ctx.rng(f"begeleidingen:tab{nummer}")
    soort = SCHOLEN[school][1]
    heeft_groep = soort in (Schoolsoort.BAO, Schoolsoort.SBAO)
    voornaam, geslacht = rng.choice(namen.VOORNAMEN)
    tussen, achter = rng.choice(namen.ACHTERNAMEN)
    plaats = SCHOLEN[school][4]
    jaar = ctx.schooljaar.beginjaar
    leeftijd = (4 if heeft_groep else 12) + groep - 1
    laag, _ = namen.PLAATSEN[plaats]
    leerling = leerling_inschrijven(
        door=ctx.schooldirectie[school],
        school=ctx.organisaties[school],
        voornaam=voornaam,
        tussenvoegsel=tussen,
        achternaam=achter,
        geboortedatum=date(jaar - leeftijd, 10, 1) - timedelta(days=rng.randint(0, 364)),
        geslacht=geslacht,
        adres=f"{rng.choice(namen.STRATEN)} {rng.randint(1, 180)}",
        postcode=f"{laag} {'RT' if nummer % 2 else 'KL'}",
        woonplaats=plaats,
        van=van,
        groep=groep if heeft_groep else None,
        leerjaar=None if heeft_groep else groep,
        publiek_id=uuid.UUID(int=rng.getrandbits(128), version=4),
    )
    ouder = gebruiker_maak(
        gebruikersnaam=f"ouder.ab{nummer}",
        voornaam=rng.choice(namen.VOLWASSEN_VOORNAMEN),
        achternaam=f"{tussen} {achter}".strip(),
        email=f"ouder.ab{nummer}@demo.invalid",
        wachtwoord_hash=ctx.wachtwoord_hash,
    )
    rol_toeken(gebruiker=ouder, rol=Roltype.OUDER, van=ROLLEN_VANAF)
    ctx.gebruikers[ouder.username] = ouder
    ouder_koppel(door=ctx.schooldirectie[school], leerling=leerling, ouder=ouder)
    return leerling


def maak_begeleidingen(ctx: DemoContext) -> None:
    rng = ctx.rng("begeleidingen")
    p = ctx.peildatum
    nummer = 0

    # --- RAB --------------------------------------------------------------------------
    afgewezen = False
    for leerling in ctx.leerlingen:
        school = ctx.school_van_leerling[leerling.publiek_id]
        if not SCHOLEN[school][1].is_regulier:
            continue
        indicaties = list(Indicatie.objects.filter(leerling=leerling).order_by("indicatiedatum"))
        geldig = [i for i in indicaties if i.geldig_op(p)]
        if not geldig:
            continue
        eerste = leerling is ctx.leerlingen[0]  # het kind van ouder.001: altijd RAB
        if not eerste and rng.random() < 0.15:
            continue  # (nog) geen AB aangevraagd
        nummer += 1
        indicatie = geldig[-1]
        rec = _REC_VAN_CLUSTER[_CLUSTER[indicatie.onderwijssoort]]
        vorige = indicatie.vorige
        if vorige is not None and vorige.einddatum is not None:
            # De RAB op de vorige indicatie eindigde met die indicatie.
            oud = _rab(
                ctx, leerling=leerling, school=school, rec=rec, nummer=nummer,
                aangevraagd=vorige.indicatiedatum + timedelta(days=14),
                gestart=vorige.indicatiedatum + timedelta(days=35),
            )  # fmt: skip
            services.begeleiding_beeindigen(
                door=ctx.gebruikers[f"ab-coordinator.{rec}"],
                begeleiding=oud,
                versie=oud.versie,
                reden="de indicatie is afgelopen; de RAB gaat verder op de herindicatie",
                op=vorige.einddatum,
            )
        aangevraagd = min(indicatie.indicatiedatum + timedelta(days=rng.randint(5, 20)), p)
        if not afgewezen and aangevraagd <= p - timedelta(days=60):
            b = _rab(ctx, leerling=leerling, school=school, rec=rec, nummer=nummer,
                     aangevraagd=aangevraagd, gestart=None)  # fmt: skip
            services.begeleiding_afwijzen(
                door=ctx.gebruikers[f"ab-coordinator.{rec}"],
                begeleiding=b,
                versie=b.versie,
                reden="de aanvraag noemt geen begeleidingsvraag; graag opnieuw aanvragen met "
                "het handelingsplan",
                op=aangevraagd + timedelta(days=7),
            )
            aangevraagd += timedelta(days=21)
            afgewezen = True
        gestart = aangevraagd + timedelta(days=rng.randint(7, 28))
        if nummer % 8 == 0:
            # Net aangevraagd: de coördinator moet nog beslissen en toewijzen.
            aangevraagd = max(aangevraagd, p - timedelta(days=rng.randint(3, 12)))
            gestart = p + timedelta(days=1)
        _rab(
            ctx, leerling=leerling, school=school, rec=rec, nummer=nummer,
            aangevraagd=aangevraagd, gestart=gestart if gestart <= p else None,
        )  # fmt: skip

    # --- PAB: leerlingen zonder indicatie met een lopende aanvraag ---------------------
    open_aanvragen = Indicatieaanvraag.objects.filter(
        status__in=[
            Aanvraagstatus.INGEDIEND,
            Aanvraagstatus.DOSSIER_VOLLEDIG,
            Aanvraagstatus.VERLENGD,
        ],
        vorige_indicatie__isnull=True,
    ).select_related("leerling", "cvi__rec")
    pab = 0
    for aanvraag in open_aanvragen.order_by("ingediend_op", "id"):
        rec = _REC_VAN_CLUSTER[aanvraag.cvi.rec.cluster]  # type: ignore[union-attr]
        school = ctx.school_van_leerling[aanvraag.leerling.publiek_id]
        if pab >= 3 or not SCHOLEN[school][1].is_regulier:
            continue
        adviseur = "cvi-secretaris" if pab % 2 == 0 else "ab-coordinator"
        advies = aanvraag.ingediend_op + timedelta(days=3)
        b = services.begeleiding_aanvragen_pab(
            door=ctx.gebruikers[f"ib.{school}"],
            leerling=aanvraag.leerling,
            ab_dienst=ctx.organisaties[f"{rec}-ab"],
            adviseur=ctx.gebruikers[f"{adviseur}.{rec}"],
            advies_op=advies,
            op=advies + timedelta(days=4),
            toelichting="preventieve begeleiding in afwachting van de indicatiestelling",
        )
        if pab != 1:
            services.begeleiding_starten(
                door=ctx.gebruikers[f"ab-coordinator.{rec}"],
                begeleiding=b,
                versie=b.versie,
                op=advies + timedelta(days=14),
                begeleider=ctx.gebruikers[f"ab.{rec}"],
            )
        pab += 1

    # --- PAB bij een leerling met een vastgesteld handelingsplan: de ambulant begeleider
    # leest dat plan mee (001 'Ambulante begeleding': meedenken over het handelingsplan).
    plan = (
        Handelingsplan.objects.filter(toestand=Handelingsplantoestand.VASTGESTELD)
        .select_related("zaak__leerling", "zaak__school")
        .order_by("vastgesteld_op", "id")
        .first()
    )
    if plan is not None and plan.vastgesteld_op is not None:
        school = next(k for k, o in ctx.organisaties.items() if o.pk == plan.zaak.school_id)
        advies = plan.vastgesteld_op + timedelta(days=7)
        b = services.begeleiding_aanvragen_pab(
            door=ctx.gebruikers[f"ib.{school}"],
            leerling=plan.zaak.leerling,
            ab_dienst=ctx.organisaties["rec3-ab"],
            adviseur=ctx.gebruikers["ab-coordinator.rec3"],
            advies_op=advies,
            op=advies + timedelta(days=2),
            toelichting="preventieve begeleiding bij de uitvoering van het handelingsplan",
        )
        services.begeleiding_starten(
            door=ctx.gebruikers["ab-coordinator.rec3"],
            begeleiding=b,
            versie=b.versie,
            op=advies + timedelta(days=9),
            begeleider=ctx.gebruikers["ab.rec3"],
        )

    # --- TAB: terug uit het (v)so na verlies van de indicatie --------------------------
    for i, (
        _,
        vso,
        soort,
        ingediend,
        vso_sinds,
        school,
        groep,
        terug,
        tab_op,
        start,
    ) in enumerate(_TAB, start=1):
        rec = _REC_VAN_CLUSTER[_CLUSTER[soort]]
        leerling = _tab_leerling(ctx, i, school, groep, terug)
        doorloop(
            ctx, leerling=leerling, school=vso, rec=rec, onderwijssoort=soort,
            procedure=positief(ingediend, doorlooptijd=30), rapport_door_ouders=True,
        )  # fmt: skip
        b = services.begeleiding_aanvragen_tab(
            door=ctx.gebruikers[f"ib.{school}"],
            leerling=leerling,
            ab_dienst=ctx.organisaties[f"{rec}-ab"],
            vso_school=ctx.organisaties[vso],
            vso_sinds=vso_sinds,
            op=tab_op,
            toelichting="overdracht van de (v)so-school; begeleiding bij de terugplaatsing",
        )
        if start is not None:
            services.begeleiding_starten(
                door=ctx.gebruikers[f"ab-coordinator.{rec}"],
                begeleiding=b,
                versie=b.versie,
                op=start,
                begeleider=ctx.gebruikers[f"ab.{rec}"],
            )


registreer_stap("begeleidingen", maak_begeleidingen)

__all__ = ["Procedure", "maak_begeleidingen"]
