"""Demogegevens: indicatieaanvragen in elke toestand en indicaties voor de meeste leerlingen.

Alles via de services, met de rol die de handeling in werkelijkheid doet (de ouders of,
in cluster 4, de intern begeleider dienen in; de intern begeleider levert het
onderwijskundig rapport; de secretaris van de CvI verklaart volledig, verlengt en beslist),
zodat toegang, historie en audit ook voor de demo gelden. Peildatum 15 maart 2012.

- De meeste leerlingen van de reguliere scholen krijgen een positief besluit (een
  indicatie, met onderwijssoorten over de clusters 2-4), sommige na een herindicatie die
  naar het vorige CvI-nummer verwijst, twee met het syndroom van Down (geen einddatum),
  één te laat besloten en één na een verlenging. De leerlingen van de (v)so-scholen
  krijgen een indicatie van het REC van hun school.
- Bij de CvI van REC 3 (demo-logins ``cvi-secretaris.rec3`` en ``cvi-lid.rec3``) staat een
  aanvraag in elke toestand: ingediend, dossier volledig (lopend, bijna verlopen, verlopen),
  verlengd, negatief besloten, plus een lopende herindicatie. Bij REC 4 een aanvraag van de
  school (cluster 4) en een die ondanks verlenging over de termijn is; bij REC 2 een
  ingetrokken aanvraag.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from rugzak.demo.opbouw import SCHOLEN, DemoContext, registreer_stap
from rugzak.indicaties import services
from rugzak.indicaties.models import Indicatie, Indicatieaanvraag, Stuksoort
from rugzak.leerlingen.models import Inschrijving, Leerling, OuderRelatie
from rugzak.organisaties.models import Gebruiker
from rugzak.regeling.begrippen import Schoolsoort

#: Onderwijssoorten met een realistisch gewicht; het cluster bepaalt het REC.
_SOORTEN: tuple[tuple[str, int], ...] = (
    ("cl4", 34),
    ("zml", 14),
    ("lg", 12),
    ("lz", 9),
    ("sh", 8),
    ("esm", 7),
    ("doof", 4),
    ("mg_lg_zml", 4),
    ("mg_sh_zml", 2),
    ("mg_doof_zml", 2),
)
_REC_VAN_CLUSTER = {"2": "rec2", "3": "rec3", "4": "rec4"}
_REC_VAN_SCHOOL = {"hetpalet": "rec2", "deklimboom": "rec3", "hetbaken": "rec4"}
_SOORTEN_VSO = {
    "rec2": ("doof", "sh", "esm"),
    "rec3": ("zml", "mg_lg_zml", "lg"),
    "rec4": ("cl4",),
}
_CLUSTER = {
    "doof": "2", "sh": "2", "esm": "2",
    "lg": "3", "lz": "3", "zml": "3", "mg_lg_zml": "3", "mg_sh_zml": "3", "mg_doof_zml": "3",
    "cl4": "4",
}  # fmt: skip


@dataclass(frozen=True)
class Procedure:
    """De datums van één aanvraag; None: die stap is (nog) niet gezet."""

    ingediend: date
    rapport: date | None = None
    volledig: date | None = None
    verlengd: date | None = None
    besluit: date | None = None
    negatief: str = ""
    ingetrokken: date | None = None
    door_school: bool = False


def _ouder(leerling: Leerling) -> Gebruiker:
    relatie = OuderRelatie.objects.filter(leerling=leerling).order_by("id").first()
    assert relatie is not None, "elke demoleerling heeft een ouder"
    return relatie.ouder


def doorloop(
    ctx: DemoContext,
    *,
    leerling: Leerling,
    school: str,
    rec: str,
    procedure: Procedure,
    onderwijssoort: str,
    gevraagd: str | None = None,
    down: bool = False,
    vorige: Indicatie | None = None,
    rapport_door_ouders: bool = False,
) -> Indicatieaanvraag:
    """Stuur één aanvraag door de services tot de toestand die ``procedure`` beschrijft.

    Het onderwijskundig rapport van ``school`` voegt haar intern begeleider toe, of de
    ouders (``rapport_door_ouders``, bv. als de leerling die school al verliet)."""
    secretaris = ctx.gebruikers[f"cvi-secretaris.{rec}"]
    ib = ctx.gebruikers[f"ib.{school}"]
    aanvraag = services.aanvraag_indienen(
        door=ib if procedure.door_school else _ouder(leerling),
        leerling=leerling,
        cvi=ctx.organisaties[f"{rec}-cvi"],
        onderwijssoort=onderwijssoort if gevraagd is None else gevraagd,
        vorige_cvi_nummer=vorige.cvi_nummer if vorige else "",
        op=procedure.ingediend,
    )
    services.aanvraag_stuk_toevoegen(
        door=_ouder(leerling),
        aanvraag=aanvraag,
        versie=aanvraag.versie,
        soort=Stuksoort.AANMELDINGSFORMULIER,
        ontvangen_op=procedure.ingediend,
    )
    aanvraag.refresh_from_db()
    if procedure.rapport is not None:
        services.aanvraag_stuk_toevoegen(
            door=_ouder(leerling) if rapport_door_ouders else ib,
            aanvraag=aanvraag,
            versie=aanvraag.versie,
            soort=Stuksoort.ONDERWIJSKUNDIG_RAPPORT,
            ontvangen_op=procedure.rapport,
            opgesteld_door=ctx.organisaties[school],
            omschrijving="model onderwijskundig rapport (WSNS)",
        )
        aanvraag.refresh_from_db()
    if procedure.volledig is not None:
        aanvraag = services.aanvraag_volledig_verklaren(
            door=secretaris, aanvraag=aanvraag, versie=aanvraag.versie, op=procedure.volledig
        )
    if procedure.verlengd is not None:
        aanvraag = services.aanvraag_verlengen(
            door=secretaris,
            aanvraag=aanvraag,
            versie=aanvraag.versie,
            toelichting="aanvullend psychologisch onderzoek nodig",
            op=procedure.verlengd,
        )
    if procedure.besluit is not None:
        if procedure.negatief:
            aanvraag = services.aanvraag_beslissen_negatief(
                door=secretaris,
                aanvraag=aanvraag,
                versie=aanvraag.versie,
                redenen=procedure.negatief,
                op=procedure.besluit,
            )
        else:
            services.aanvraag_beslissen_positief(
                door=secretaris,
                aanvraag=aanvraag,
                versie=aanvraag.versie,
                onderwijssoort=onderwijssoort,
                syndroom_van_down=down,
                op=procedure.besluit,
            )
            aanvraag.refresh_from_db()
    if procedure.ingetrokken is not None:
        aanvraag = services.aanvraag_intrekken(
            door=_ouder(leerling),
            aanvraag=aanvraag,
            versie=aanvraag.versie,
            toelichting="de ouders zien af van de aanvraag",
            op=procedure.ingetrokken,
        )
    return aanvraag


def positief(ingediend: date, *, doorlooptijd: int, door_school: bool = False) -> Procedure:
    """Een gewone procedure: rapport na een week, volledig na twee, besluit ``doorlooptijd``
    dagen later."""
    volledig = ingediend + timedelta(days=14)
    return Procedure(
        ingediend=ingediend,
        rapport=ingediend + timedelta(days=7),
        volledig=volledig,
        besluit=volledig + timedelta(days=doorlooptijd),
        door_school=door_school,
    )


#: De open en bijzondere aanvragen: (REC, onderwijssoort, procedure). Elk krijgt een eigen
#: leerling van een reguliere school (al ingeschreven vóór september 2011).
_BIJZONDER: tuple[tuple[str, str, Procedure], ...] = (
    ("rec3", "zml", Procedure(ingediend=date(2012, 3, 5))),
    ("rec3", "lg", Procedure(date(2012, 1, 30), date(2012, 2, 6), date(2012, 2, 13))),
    ("rec3", "lz", Procedure(date(2012, 1, 9), date(2012, 1, 16), date(2012, 1, 23))),
    ("rec3", "mg_lg_zml", Procedure(date(2011, 11, 14), date(2011, 11, 21), date(2011, 11, 28))),
    (
        "rec3",
        "zml",
        Procedure(date(2011, 12, 5), date(2011, 12, 12), date(2011, 12, 19), date(2012, 2, 6)),
    ),
    (
        "rec3",
        "lg",
        Procedure(
            date(2011, 10, 3),
            date(2011, 10, 10),
            date(2011, 10, 17),
            besluit=date(2011, 12, 1),
            negatief="de belemmeringen vallen niet onder de landelijke criteria voor cluster 3",
        ),
    ),
    (
        "rec4",
        "cl4",
        Procedure(date(2012, 2, 20), date(2012, 2, 22), date(2012, 2, 27), door_school=True),
    ),
    (
        "rec4",
        "cl4",
        Procedure(date(2011, 10, 10), date(2011, 10, 12), date(2011, 10, 24), date(2011, 12, 12)),
    ),
    ("rec2", "esm", Procedure(date(2011, 11, 7), ingetrokken=date(2012, 1, 10))),
)


def _van(leerling: Leerling) -> date:
    inschrijving = Inschrijving.objects.filter(leerling=leerling).order_by("van").first()
    assert inschrijving is not None
    return inschrijving.van


def _kies_soort(rng: random.Random, schoolsoort: Schoolsoort) -> str:
    soorten = [(s, g) for s, g in _SOORTEN if not (s == "esm" and schoolsoort is Schoolsoort.VO)]
    return rng.choices([s for s, _ in soorten], weights=[g for _, g in soorten])[0]


def maak_indicaties(ctx: DemoContext) -> None:
    rng = ctx.rng("indicaties")
    p = ctx.peildatum
    regulier: list[tuple[Leerling, str]] = []
    vso: list[tuple[Leerling, str]] = []
    for leerling in ctx.leerlingen:
        school = ctx.school_van_leerling[leerling.publiek_id]
        (vso if school in _REC_VAN_SCHOOL else regulier).append((leerling, school))

    # De bijzondere aanvragen bij leerlingen die al vóór september 2011 op school zaten;
    # niet bij de eerste leerling van De Wieken (het kind van demo-login ouder.001).
    vroeg = [(lln, s) for lln, s in regulier[1:] if _van(lln) < date(2011, 9, 1)]
    gekozen = rng.sample(range(len(vroeg)), len(_BIJZONDER))
    bijzonder = {vroeg[i][0].pk for i in gekozen}
    for i, (rec, soort, procedure) in zip(gekozen, _BIJZONDER, strict=True):
        leerling, school = vroeg[i]
        if SCHOLEN[school][1] is Schoolsoort.VO and soort == "esm":
            soort = "sh"
        doorloop(ctx, leerling=leerling, school=school, rec=rec, procedure=procedure,
                 onderwijssoort=soort)  # fmt: skip

    # Een lopende herindicatie bij REC 3: eerst een indicatie lg uit 2009, die in 2012 afloopt.
    herindicatie_open = vroeg[next(i for i in range(len(vroeg)) if i not in gekozen)]
    bijzonder.add(herindicatie_open[0].pk)

    down = 0
    te_laat = verlengd = False
    for leerling, school in regulier:
        schoolsoort = SCHOLEN[school][1]
        if leerling.pk in bijzonder and leerling.pk != herindicatie_open[0].pk:
            continue
        van = _van(leerling)
        if leerling.pk == herindicatie_open[0].pk:
            soort = "lg"
        elif leerling is regulier[0][0]:
            soort = "zml"  # het kind van ouder.001: cluster 3, REC 3
        else:
            soort = _kies_soort(rng, schoolsoort)
        rec = _REC_VAN_CLUSTER[_CLUSTER[soort]]
        door_school = soort == "cl4" and rng.random() < 0.3
        is_down = soort == "zml" and down < 2 and rng.random() < 0.5
        down += is_down

        if leerling.pk == herindicatie_open[0].pk:
            eerste = doorloop(
                ctx, leerling=leerling, school=school, rec=rec, onderwijssoort=soort,
                procedure=positief(max(van + timedelta(days=30), date(2009, 1, 12)),
                                   doorlooptijd=40),
            )  # fmt: skip
            assert eerste.indicatie is not None and eerste.indicatie.einddatum is not None
            doorloop(
                ctx, leerling=leerling, school=school, rec=rec, onderwijssoort=soort,
                vorige=eerste.indicatie,
                procedure=Procedure(date(2012, 1, 16), date(2012, 1, 20), date(2012, 2, 6)),
            )  # fmt: skip
            continue

        if van <= date(2007, 9, 1) and not is_down and rng.random() < 0.45:
            # Herindicatie: een eerste indicatie die vóór de peildatum afliep.
            eerste = doorloop(
                ctx, leerling=leerling, school=school, rec=rec, onderwijssoort=soort,
                procedure=positief(date(2007, 9, 3) + timedelta(days=rng.randint(0, 120)),
                                   doorlooptijd=rng.randint(20, 50), door_school=door_school),
            )  # fmt: skip
            vorige = eerste.indicatie
            assert vorige is not None and vorige.einddatum is not None
            ingediend = min(
                vorige.einddatum - timedelta(days=rng.randint(70, 110)), p - timedelta(days=75)
            )
            doorloop(
                ctx, leerling=leerling, school=school, rec=rec, onderwijssoort=soort,
                vorige=vorige,
                procedure=positief(ingediend, doorlooptijd=rng.randint(20, 45),
                                   door_school=door_school),
            )  # fmt: skip
            continue

        vroegst = max(van + timedelta(days=21), date(2009, 6, 1))
        laatst = date(2011, 12, 12)
        ingediend = vroegst + timedelta(days=rng.randint(0, max(0, (laatst - vroegst).days)))
        if not te_laat and ingediend < date(2011, 6, 1):
            # Te laat besloten: tien weken na het volledige dossier (termijn acht weken).
            procedure = positief(ingediend, doorlooptijd=70)
            te_laat = True
        elif not verlengd and ingediend < date(2011, 6, 1):
            volledig = ingediend + timedelta(days=14)
            procedure = Procedure(
                ingediend, ingediend + timedelta(days=7), volledig,
                verlengd=volledig + timedelta(days=50), besluit=volledig + timedelta(days=90),
            )  # fmt: skip
            verlengd = True
        else:
            procedure = positief(ingediend, doorlooptijd=rng.randint(15, 52),
                                 door_school=door_school)  # fmt: skip
        assert procedure.besluit is not None and procedure.besluit <= p
        doorloop(
            ctx, leerling=leerling, school=school, rec=rec, procedure=procedure,
            onderwijssoort=soort, gevraagd="" if rng.random() < 0.25 else None, down=is_down,
        )  # fmt: skip

    # De leerlingen van de (v)so-scholen: een indicatie van het REC van hun school.
    for leerling, school in vso:
        rec = _REC_VAN_SCHOOL[school]
        van = _van(leerling)
        ingediend = max(van + timedelta(days=21), date(2009, 9, 7))
        ingediend += timedelta(days=rng.randint(0, max(0, (date(2011, 12, 1) - ingediend).days)))
        doorloop(
            ctx, leerling=leerling, school=school, rec=rec,
            onderwijssoort=rng.choice(_SOORTEN_VSO[rec]),
            procedure=positief(ingediend, doorlooptijd=rng.randint(15, 50)),
        )  # fmt: skip


registreer_stap("indicaties", maak_indicaties)
