"""Demogegevens van de REC- en (v)so-administratie (004), altijd via de services.

REC 3 krijgt naast SO De Klimboom (zml, Barneveld, met de AB-dienst) twee scholen:
Mytylschool De Vlinder (so, lg, Ede; laat zml en mg verbreed toe) en VSO De Horizon
(vso, zml, Apeldoorn). Daarbij:

- leerlingen: zittend sinds vóór 1 augustus 2003 (een deel later opnieuw geïndiceerd, twee
  vertrokken in juli 2011), op residentiële plaatsen, verbreed toegelaten (zml en mg), op
  de nevenvestiging in Ede, en ingestroomd in 2011 (zodat 1 oktober 2010 en 2011 verschillen);
- vestigingen in elke toestand: hoofdvestigingen; De Klimboom locatie Ede (andere
  gemeente, opgenomen na drie instemmingen), locatie Nijkerk (voorgesteld, één
  instemming), omzetting van een zmlk-afdeling in Wageningen (opgenomen zonder
  instemmingen), De Horizon locatie Deventer (ingetrokken);
- een scholengemeenschap (De Klimboom en De Vlinder, één schoolplan);
- verzoeken om residentiële plaatsen in elke toestand: 2003-2004 toegekend (verrekend met
  de telling van 1 oktober 2002), 2011-2012 ingediend, een onvolledig verzoek dat bij
  indienen geweigerd werd (blijft in voorbereiding), een afgewezen en een ingetrokken;
- PAB-formatie (daler, groeier, gelijk);
- aanmeldingen in elke toestand: toegelaten (jonger dan 4, met instemming van de
  inspectie), aangemeld (het kind van ouder.001), geweigerd (andere onderwijssoort) en
  ingetrokken; een weigering 'past niet' bij de eigen onderwijssoort wordt geweigerd.

De demo-logins cvi-secretaris.rec3, ab-coordinator.rec3 en bekostiging.cfi zien de
tellingen en het rapport van REC 3; ouder.001 ziet de aanmelding van het eigen kind.
"""

from __future__ import annotations

import contextlib
import random
import uuid
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from rugzak.demo import namen
from rugzak.demo.opbouw import ROLLEN_VANAF, DemoContext, registreer_stap
from rugzak.indicaties.demo import doorloop, positief
from rugzak.indicaties.models import Indicatie
from rugzak.leerlingen.models import Inschrijving, Leerling, OuderRelatie
from rugzak.leerlingen.services import inschrijving_beeindig, leerling_inschrijven, ouder_koppel
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.organisaties.services import gebruiker_maak, organisatie_maak, rol_toeken
from rugzak.rec import services
from rugzak.rec.models import Weigeringsgrond

STAP = "rec"

#: sleutel -> (naam, schoolsoort, BRIN, plaats)
NIEUWE_SCHOLEN = {
    "devlinder": ("Mytylschool De Vlinder", "so", "64VL", "Ede"),
    "dehorizon": ("VSO De Horizon", "vso", "65HZ", "Apeldoorn"),
}
#: onderwijssoort die elke (v)so-school verzorgt
PROFIELEN = {
    "hetpalet": ("rec2", "sh"),
    "deklimboom": ("rec3", "zml"),
    "devlinder": ("rec3", "lg"),
    "dehorizon": ("rec3", "zml"),
    "hetbaken": ("rec4", "cl4"),
}
VOLLEDIG_VERZOEK = {
    "leerlingen_uit_instelling": {},
    "gemiddelde_verblijfsduur_maanden": "16.5",
    "plaatsen_instelling": 48,
    "naam_instelling": "Orthopedagogisch Centrum De Boomgaard (demo)",
    "adres_instelling": "Boomgaardlaan 12, 3771 AB Barneveld",
    "aard_opvang": "wonen en behandeling voor kinderen met een verstandelijke beperking",
    "afschrift_samenwerkingsafspraken": True,
}


def _vijf_jaar(beginjaar: int, rng: random.Random) -> dict[str, int]:
    return {f"{j}-{j + 1}": rng.randint(8, 16) for j in range(beginjaar - 5, beginjaar)}


def _persoon(
    ctx: DemoContext, rng: random.Random, naam: str, rol: str, org: Organisatie
) -> Gebruiker:
    tussen, achter = rng.choice(namen.ACHTERNAMEN)
    g = gebruiker_maak(
        gebruikersnaam=naam,
        voornaam=rng.choice(namen.VOLWASSEN_VOORNAMEN),
        achternaam=f"{tussen} {achter}".strip(),
        email=f"{naam}@demo.invalid",
        wachtwoord_hash=ctx.wachtwoord_hash,
    )
    rol_toeken(gebruiker=g, rol=rol, organisatie=org, van=ROLLEN_VANAF)
    ctx.gebruikers[naam] = g
    return g


def _scholen(ctx: DemoContext, rng: random.Random) -> None:
    org = ctx.organisaties
    for sleutel, (naam, soort, brin, plaats) in NIEUWE_SCHOLEN.items():
        school = organisatie_maak(
            soort=Organisatiesoort.SCHOOL,
            naam=naam,
            schoolsoort=soort,
            brin=brin,
            bestuur=org["kempenaer"],
            plaats=plaats,
            rec=org["rec3"],
        )
        org[sleutel] = school
        for voorvoegsel, rol in (
            ("directie", Roltype.DIRECTIE),
            ("ib", Roltype.INTERN_BEGELEIDER),
            ("team", Roltype.TEAMLID),
        ):
            g = _persoon(ctx, rng, f"{voorvoegsel}.{sleutel}", rol, school)
            if rol == Roltype.DIRECTIE:
                ctx.schooldirectie[sleutel] = g


def _ouder(ctx: DemoContext, rng: random.Random, achternaam: str) -> Gebruiker:
    nummer = sum(1 for n in ctx.gebruikers if n.startswith("ouder.rec.")) + 1
    naam = f"ouder.rec.{nummer:02d}"
    g = gebruiker_maak(
        gebruikersnaam=naam,
        voornaam=rng.choice(namen.VOLWASSEN_VOORNAMEN),
        achternaam=achternaam,
        email=f"{naam}@demo.invalid",
        wachtwoord_hash=ctx.wachtwoord_hash,
    )
    rol_toeken(gebruiker=g, rol=Roltype.OUDER, van=ROLLEN_VANAF)
    ctx.gebruikers[naam] = g
    return g


def _leerling(
    ctx: DemoContext,
    rng: random.Random,
    school: str,
    *,
    geboren: date,
    van: date,
    klas: int,
) -> Leerling:
    org = ctx.organisaties[school]
    plaats = org.plaats if org.plaats in namen.PLAATSEN else "Ede"
    voornaam, geslacht = rng.choice(namen.VOORNAMEN)
    tussen, achter = rng.choice(namen.ACHTERNAMEN)
    laag, hoog = namen.PLAATSEN[plaats]
    groep = org.schoolsoort in ("so", "bao", "sbao")
    leerling = leerling_inschrijven(
        door=ctx.schooldirectie[school],
        school=org,
        voornaam=voornaam,
        tussenvoegsel=tussen,
        achternaam=achter,
        geboortedatum=geboren,
        geslacht=geslacht,
        adres=f"{rng.choice(namen.STRATEN)} {rng.randint(1, 120)}",
        postcode=f"{rng.randint(laag, hoog)} {rng.choice(['AB', 'CD', 'EG', 'HK', 'LM', 'NP'])}",
        woonplaats=plaats,
        van=van,
        groep=klas if groep else None,
        leerjaar=None if groep else klas,
        publiek_id=uuid.UUID(int=rng.getrandbits(128), version=4),
    )
    ouder = _ouder(ctx, rng, f"{tussen} {achter}".strip())
    ouder_koppel(door=ctx.schooldirectie[school], leerling=leerling, ouder=ouder)
    ctx.leerlingen.append(leerling)
    ctx.school_van_leerling[leerling.publiek_id] = school
    return leerling


def _indiceer(
    ctx: DemoContext, leerling: Leerling, school: str, onderwijssoort: str, ingediend: date
) -> Indicatie:
    aanvraag = doorloop(
        ctx,
        leerling=leerling,
        school=school,
        rec="rec3",
        procedure=positief(ingediend, doorlooptijd=35),
        onderwijssoort=onderwijssoort,
    )
    assert aanvraag.indicatie is not None
    return aanvraag.indicatie


def _inschrijving(leerling: Leerling) -> Inschrijving:
    return leerling.inschrijvingen.order_by("-van").first()  # type: ignore[return-value]


def maak_rec_administratie(ctx: DemoContext) -> None:
    rng = ctx.rng(STAP)
    org = ctx.organisaties
    _scholen(ctx, rng)
    secretaris = ctx.gebruikers["cvi-secretaris.rec3"]
    coordinator = ctx.gebruikers["ab-coordinator.rec3"]
    cfi = ctx.gebruikers["bekostiging.cfi"]
    klimboom, vlinder, horizon = org["deklimboom"], org["devlinder"], org["dehorizon"]
    dir_k, dir_v, dir_h = (ctx.schooldirectie[s] for s in ("deklimboom", "devlinder", "dehorizon"))

    # --- inrichting: onderwijssoorten en vestigingen ------------------------------------------
    for sleutel, (rec, soort) in PROFIELEN.items():
        services.vso_profiel_vastleggen(
            door=ctx.gebruikers[f"cvi-secretaris.{rec}"], school=org[sleutel], onderwijssoort=soort
        )
    services.rec_inrichting_vastleggen(door=secretaris, rec=org["rec3"], clusteroverstijgend=False)
    for sleutel in PROFIELEN:
        school = org[sleutel]
        services.hoofdvestiging_vastleggen(
            door=ctx.schooldirectie[sleutel],
            school=school,
            naam=school.naam,
            gemeente=school.plaats,
        )
    ede = services.nevenvestiging_voorstellen(
        door=dir_k,
        school=klimboom,
        naam="De Klimboom, locatie Ede",
        gemeente="Ede",
        toelichting="groei van het aantal zml-leerlingen uit Ede en Wageningen",
    )
    for partij, op in (
        ("scholen_rec", date(2009, 3, 2)),
        ("aanpalende_recs", date(2009, 4, 14)),
        ("gemeente", date(2009, 5, 19)),
    ):
        ede = services.vestiging_instemming_vastleggen(
            door=secretaris, vestiging=ede, versie=ede.versie, partij=partij, op=op
        )
    ede = services.vestiging_opnemen(
        door=secretaris, vestiging=ede, versie=ede.versie, op=date(2009, 6, 1)
    )
    nijkerk = services.nevenvestiging_voorstellen(
        door=dir_k, school=klimboom, naam="De Klimboom, locatie Nijkerk", gemeente="Nijkerk"
    )
    services.vestiging_instemming_vastleggen(
        door=coordinator,
        vestiging=nijkerk,
        versie=nijkerk.versie,
        partij="scholen_rec",
        op=date(2012, 2, 20),
    )
    zmlk = services.nevenvestiging_voorstellen(
        door=dir_v,
        school=vlinder,
        naam="De Vlinder, zmlk-afdeling Wageningen",
        gemeente="Wageningen",
        omzetting_zmlk_afdeling=True,
    )
    services.vestiging_opnemen(
        door=secretaris, vestiging=zmlk, versie=zmlk.versie, op=date(2004, 8, 1)
    )
    deventer = services.nevenvestiging_voorstellen(
        door=dir_h, school=horizon, naam="De Horizon, locatie Deventer", gemeente="Deventer"
    )
    services.vestiging_intrekken(
        door=dir_h,
        vestiging=deventer,
        versie=deventer.versie,
        reden="de aanpalende REC's stemden niet in; leerlingen gaan naar Apeldoorn",
    )
    services.scholengemeenschap_vormen(
        door=secretaris,
        rec=org["rec3"],
        naam="Scholengemeenschap Gelderse Vallei (demo)",
        schoolplan="Schoolplan SG Gelderse Vallei 2011-2015",
        scholen=[klimboom, vlinder],
        gevormd_op=date(2011, 8, 1),
    )

    # --- zittende leerlingen van De Klimboom (al vóór 1 augustus 2003) --------------------------
    zittend: list[Leerling] = []
    for i in range(6):
        geboren = date(1998 + i % 2, rng.randint(1, 12), rng.randint(1, 28))
        van = date(2002 + (i % 3 == 2), 8, 19) if i % 3 != 2 else date(2003, 3, 3)
        zittend.append(_leerling(ctx, rng, "deklimboom", geboren=geboren, van=van, klas=1))
    # twee opnieuw geïndiceerd (tellen dan als geïndiceerd, I-30), twee vertrokken in juli 2011
    for leerling in zittend[:2]:
        _indiceer(ctx, leerling, "deklimboom", "zml", date(2007, 2, 5))
    for leerling in zittend[4:]:
        inschrijving_beeindig(
            door=dir_k, inschrijving=_inschrijving(leerling), tot=date(2011, 7, 15)
        )

    # --- residentiële plaatsen: het verzoek van het startjaar, toegekend ------------------------
    verzoek = services.residentieel_verzoek_aanmaken(
        door=dir_k,
        school=klimboom,
        schooljaar="2003-2004",
        onderwijssoort="zml",
        plaatsen=3,
        **{**VOLLEDIG_VERZOEK, "leerlingen_uit_instelling": _vijf_jaar(2003, rng)},
    )
    verzoek = services.residentieel_verzoek_indienen(
        door=dir_k, verzoek=verzoek, versie=verzoek.versie, op=date(2003, 5, 12)
    )
    services.residentieel_verzoek_toekennen(
        door=cfi,
        verzoek=verzoek,
        versie=verzoek.versie,
        plaatsen=2,
        toegekend_tot=date(2014, 7, 31),
        op=date(2003, 7, 1),
        toelichting="twee plaatsen; verrekend met de telling van 1 oktober 2002",
    )
    uitbreiding = services.residentieel_verzoek_aanmaken(
        door=dir_k,
        school=klimboom,
        schooljaar="2011-2012",
        onderwijssoort="zml",
        plaatsen=4,
        **{**VOLLEDIG_VERZOEK, "leerlingen_uit_instelling": _vijf_jaar(2011, rng)},
    )
    services.residentieel_verzoek_indienen(
        door=dir_k, verzoek=uitbreiding, versie=uitbreiding.versie, op=date(2012, 2, 27)
    )
    onvolledig = services.residentieel_verzoek_aanmaken(
        door=dir_h,
        school=horizon,
        schooljaar="2011-2012",
        onderwijssoort="zml",
        plaatsen=6,
        leerlingen_uit_instelling={"2009-2010": 5, "2010-2011": 7},
        naam_instelling="Jeugdzorginstelling De Wissel (demo)",
    )
    with contextlib.suppress(
        ValidationError
    ):  # geweigerd: de regelkern noemt elk ontbrekend onderdeel; het verzoek blijft concept
        services.residentieel_verzoek_indienen(
            door=dir_h, verzoek=onvolledig, versie=onvolledig.versie
        )
    afgewezen = services.residentieel_verzoek_aanmaken(
        door=dir_h,
        school=horizon,
        schooljaar="2010-2011",
        onderwijssoort="zml",
        plaatsen=5,
        **{
            **VOLLEDIG_VERZOEK,
            "leerlingen_uit_instelling": _vijf_jaar(2010, rng),
            "naam_instelling": "Dagbehandeling Het Anker (demo)",
        },
    )
    afgewezen = services.residentieel_verzoek_indienen(
        door=dir_h, verzoek=afgewezen, versie=afgewezen.versie, op=date(2010, 4, 6)
    )
    services.residentieel_verzoek_afwijzen(
        door=cfi,
        verzoek=afgewezen,
        versie=afgewezen.versie,
        op=date(2010, 6, 15),
        reden="de leerlingen zijn niet door de plaatsing op het onderwijs van de school "
        "aangewezen: geen afhankelijkheidsrelatie tussen instelling en school",
    )
    ingetrokken = services.residentieel_verzoek_aanmaken(
        door=dir_h, school=horizon, schooljaar="2009-2010", onderwijssoort="zml"
    )
    services.residentieel_verzoek_intrekken(
        door=dir_h,
        verzoek=ingetrokken,
        versie=ingetrokken.versie,
        reden="de instelling sloot haar afdeling in Apeldoorn",
    )

    # --- geïndiceerde leerlingen: residentieel, nevenvestiging, verbreed, vso ------------------
    def geplaatst(
        school: str,
        soort: str,
        *,
        geboren: date,
        van: date,
        klas: int,
        ingediend: date,
        **plaatsing: Any,
    ) -> Leerling:
        leerling = _leerling(ctx, rng, school, geboren=geboren, van=van, klas=klas)
        _indiceer(ctx, leerling, school, soort, ingediend)
        services.vso_plaatsing_vastleggen(
            door=ctx.schooldirectie[school], inschrijving=_inschrijving(leerling), **plaatsing
        )
        return leerling

    geplaatst(
        "deklimboom",
        "zml",
        geboren=date(2002, 4, 9),
        van=date(2009, 8, 17),
        klas=3,
        ingediend=date(2009, 9, 7),
        residentieel=True,
    )
    geplaatst(
        "deklimboom",
        "zml",
        geboren=date(2003, 11, 21),
        van=date(2010, 8, 16),
        klas=2,
        ingediend=date(2010, 8, 23),
        residentieel=True,
    )
    geplaatst(
        "deklimboom",
        "zml",
        geboren=date(2004, 2, 2),
        van=date(2010, 8, 16),
        klas=2,
        ingediend=date(2010, 8, 30),
        vestiging=ede,
    )
    geplaatst(
        "deklimboom",
        "zml",
        geboren=date(2005, 6, 30),
        van=date(2011, 8, 15),
        klas=1,
        ingediend=date(2011, 8, 22),
        vestiging=ede,
    )
    geplaatst(
        "deklimboom",
        "zml",
        geboren=date(2005, 9, 14),
        van=date(2011, 9, 5),
        klas=1,
        ingediend=date(2011, 9, 12),
    )
    services.verbrede_toelating_vastleggen(
        door=dir_v, school=vlinder, onderwijssoort="zml", vanaf=date(2008, 8, 1)
    )
    services.verbrede_toelating_vastleggen(
        door=dir_v,
        school=vlinder,
        onderwijssoort="mg_lg_zml",
        vanaf=date(2009, 8, 1),
        alle_mg_indicaties=True,
    )
    geplaatst(
        "devlinder",
        "lg",
        geboren=date(2003, 3, 3),
        van=date(2009, 8, 17),
        klas=3,
        ingediend=date(2009, 8, 24),
    )
    geplaatst(
        "devlinder",
        "lg",
        geboren=date(2004, 12, 12),
        van=date(2010, 8, 16),
        klas=2,
        ingediend=date(2010, 9, 6),
    )
    geplaatst(
        "devlinder",
        "zml",
        geboren=date(2003, 7, 7),
        van=date(2010, 1, 11),
        klas=3,
        ingediend=date(2009, 11, 9),
    )
    geplaatst(
        "devlinder",
        "mg_lg_zml",
        geboren=date(2004, 10, 1),
        van=date(2011, 8, 15),
        klas=2,
        ingediend=date(2011, 8, 29),
    )
    geplaatst(
        "dehorizon",
        "zml",
        geboren=date(1996, 5, 5),
        van=date(2008, 8, 18),
        klas=1,
        ingediend=date(2008, 9, 1),
    )
    geplaatst(
        "dehorizon",
        "zml",
        geboren=date(1997, 1, 20),
        van=date(2010, 8, 16),
        klas=1,
        ingediend=date(2010, 8, 30),
    )

    # --- PAB-formatie -------------------------------------------------------------------------
    for school, soort, huidig, norm in (
        (klimboom, "zml", "6.5000", "4.8000"),
        (vlinder, "lg", "2.0000", "3.1000"),
        (horizon, "zml", "3.0000", "3.0000"),
    ):
        services.pab_formatie_vastleggen(
            door=secretaris,
            school=school,
            onderwijssoort=soort,
            huidig_fre=huidig,
            genormeerd_fre=norm,
        )

    # --- aanmeldingen --------------------------------------------------------------------------
    # toegelaten: jonger dan 4, met indicatie en instemming van de inspectie
    peuter = _leerling(
        ctx, rng, "devlinder", geboren=date(2008, 3, 1), van=date(2012, 1, 9), klas=1
    )
    ouder = OuderRelatie.objects.filter(leerling=peuter).first()
    assert ouder is not None
    _indiceer(ctx, peuter, "devlinder", "lg", date(2011, 10, 3))
    a = services.vso_aanmelding_registreren(
        door=ouder.ouder,
        leerling=peuter,
        school=vlinder,
        gewenste_startdatum=date(2012, 1, 9),
        op=date(2011, 11, 28),
        toelichting="vroeg naar school: fysiotherapie op school",
    )
    with contextlib.suppress(
        ValidationError
    ):  # eerst geweigerd: de inspectie heeft nog niet ingestemd
        services.vso_aanmelding_toelaten(
            door=dir_v, aanmelding=a, versie=a.versie, op=date(2011, 12, 5)
        )
    a = services.vso_aanmelding_instemming_inspectie(
        door=dir_v, aanmelding=a, versie=a.versie, op=date(2011, 12, 19)
    )
    services.vso_aanmelding_toelaten(
        door=dir_v, aanmelding=a, versie=a.versie, op=date(2011, 12, 21)
    )
    services.vso_plaatsing_vastleggen(door=dir_v, inschrijving=_inschrijving(peuter))

    # aangemeld (open): het kind van ouder.001 (demo-login) bij De Klimboom
    eerste = ctx.gebruikers["ouder.001"]
    kind = Leerling.objects.filter(ouderrelaties__ouder=eerste).order_by("id").first()
    assert kind is not None
    open_aanmelding = services.vso_aanmelding_registreren(
        door=eerste,
        leerling=kind,
        school=klimboom,
        gewenste_startdatum=date(2012, 8, 20),
        op=date(2012, 3, 5),
        toelichting="op advies van het REC na de indicatieaanvraag",
    )
    del open_aanmelding

    # geweigerd (andere onderwijssoort) en ingetrokken: leerlingen van een basisschool
    regulier = "deregenboog"
    for soort, afloop in (("lg", "weigeren"), ("zml", "intrekken")):
        leerling = _leerling(
            ctx,
            rng,
            regulier,
            geboren=date(2005, rng.randint(1, 12), 5),
            van=date(2009, 8, 17),
            klas=3,
        )
        _indiceer(ctx, leerling, regulier, soort, date(2011, 9, 5))
        relatie = OuderRelatie.objects.filter(leerling=leerling).first()
        assert relatie is not None
        a = services.vso_aanmelding_registreren(
            door=relatie.ouder,
            leerling=leerling,
            school=klimboom,
            gewenste_startdatum=date(2012, 1, 9),
            op=date(2011, 11, 21),
        )
        if afloop == "weigeren":
            services.vso_aanmelding_weigeren(
                door=dir_k,
                aanmelding=a,
                versie=a.versie,
                grond=Weigeringsgrond.ANDERE_ONDERWIJSSOORT,
                toelichting="geïndiceerd voor lg; De Vlinder verzorgt lg",
                op=date(2011, 12, 2),
            )
        else:
            services.vso_aanmelding_intrekken(
                door=relatie.ouder,
                aanmelding=a,
                versie=a.versie,
                reden="de ouders kozen toch voor de eigen basisschool met een rugzak",
            )

    # een weigering 'past niet' bij de eigen onderwijssoort: geweigerd, er verandert niets
    zml_kind = _leerling(
        ctx, rng, regulier, geboren=date(2006, 2, 14), van=date(2010, 8, 16), klas=2
    )
    _indiceer(ctx, zml_kind, regulier, "zml", date(2011, 10, 10))
    relatie = OuderRelatie.objects.filter(leerling=zml_kind).first()
    assert relatie is not None
    b = services.vso_aanmelding_registreren(
        door=relatie.ouder,
        leerling=zml_kind,
        school=klimboom,
        gewenste_startdatum=date(2012, 4, 2),
        op=date(2012, 2, 13),
    )
    with contextlib.suppress(ValidationError):
        services.vso_aanmelding_weigeren(
            door=dir_k,
            aanmelding=b,
            versie=b.versie,
            grond=Weigeringsgrond.PAST_NIET,
            op=date(2012, 3, 1),
        )


registreer_stap(STAP, maak_rec_administratie)
