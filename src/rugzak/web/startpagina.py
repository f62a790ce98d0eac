"""De startpagina per rol: wat moet er deze week gebeuren.

Bovenaan de takenlijst van de gebruiker (:mod:`rugzak.web.taken`): per kind wat er moet
gebeuren, wie moet handelen, vóór wanneer, en een knop naar de pagina waar het gebeurt;
alleen wat déze gebruiker moet doen, gegroepeerd naar te laat, deze week, volgende week en
later. De ouder ziet bovenaan waar zijn instemming of handtekening wordt gevraagd.

Lezen, dus een selector: alles komt uit de selectors van de zaak-apps (toegang en audit
zitten daar) en uit het termijnregister; bedragen uit het grootboek of uit de regelkern.
Per rol een blok:

- **school** (directie, intern begeleider, teamlid): LGF-leerlingen (meldingen),
  toelatingszaken per fase, handelingsplannen in voorbereiding en evaluaties die eraan
  komen, meldingen en terugmeldingen, het geld van dit schooljaar;
- **bestuur**: voorgenomen afwijzingen om te toetsen (002, fase 10b), zaken per fase;
- **CvI**: aanvragen op volledigheid, beslissingen die eraan komen, verlengingen;
- **AB-dienst**: het werk per soort begeleiding (RAB, TAB, PAB);
- **bekostigingsinstantie**: binnengekomen meldingen en terugmeldingen, niet in
  behandeling genomen formulieren, de betaalruns, het grootboek per ontvanger;
- **ouder**: per kind het dossier, de overeenkomst, het handelingsplan, de evaluaties en
  wat de rugzak dit schooljaar bevat (uit de regelkern, met "Waarom dit bedrag?").

Elk blok doet een vast aantal queries, onafhankelijk van het aantal zaken: lijsten worden
afgekapt (de volledige lijst staat op de pagina van de app).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from rugzak import termijnregister, toegang
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.paginering import Venster
from rugzak.gedeeld.tijd import vandaag, vaste_dag
from rugzak.organisaties.models import Gebruiker, Organisatie, Rol
from rugzak.organisaties.rollen import Roltype
from rugzak.regeling.regels.termijnen import Termijnstatus
from rugzak.regeling.tijd import Schooljaar
from rugzak.termijnregister import Zaaktermijn, termijnen_loggen
from rugzak.web.rolteksten import ROLTEKSTEN
from rugzak.web.taken import Taak, Takenlijst, adres, takenlijst

#: Open termijnen (de rest is voldaan).
OPEN_STATUSSEN = ("lopend", "bijna verlopen", "verlopen")
#: Hoeveel regels een lijst op de startpagina hoogstens toont.
KORT = 12
#: De CvI- en AB-blokken tellen per status over de nieuwste 500 zaken (en loggen die).

SCHOOLROLLEN = frozenset({Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER, Roltype.TEAMLID})
CVI_ROLLEN = frozenset({Roltype.CVI_SECRETARIS, Roltype.CVI_LID})
AB_ROLLEN = frozenset({Roltype.AB_COORDINATOR, Roltype.AMBULANT_BEGELEIDER})


@dataclass
class Telling:
    """Aantallen per toestand, in de volgorde van de toestandsmachine."""

    regels: list[tuple[str, str, int]]  # (code, omschrijving, aantal)

    @property
    def totaal(self) -> int:
        return sum(a for _, _, a in self.regels)


def _telling(codes: Iterable[str], keuzes: Iterable[tuple[str, str]]) -> Telling:
    teller = Counter(codes)
    return Telling([(c, str(o), teller[c]) for c, o in keuzes if teller[c]])


@dataclass
class Geld:
    """Het geld van een ontvanger in een schooljaar, uit het grootboek, met de grafieken
    per maand en per onderwijssoort."""

    ontvanger: Organisatie
    schooljaar: Schooljaar
    netto: Decimal
    grafieken: list[Any] = field(default_factory=list)


@dataclass
class Schoolblok:
    school: Organisatie
    rol: str
    lgf: list[dict[str, Any]] = field(default_factory=list)
    lgf_aantal: int = 0
    zaken: list[Any] = field(default_factory=list)
    zaken_per_fase: Telling | None = None
    plannen: list[Any] = field(default_factory=list)
    evaluaties: list[Zaaktermijn] = field(default_factory=list)
    meldingen_open: list[dict[str, Any]] = field(default_factory=list)
    terugmeldingen_open: list[dict[str, Any]] = field(default_factory=list)
    onvolledig: list[dict[str, Any]] = field(default_factory=list)
    geld: Geld | None = None


@dataclass
class Bestuursblok:
    bestuur: Organisatie
    te_toetsen: list[Any] = field(default_factory=list)
    zaken_per_fase: Telling | None = None


@dataclass
class Cviblok:
    cvi: Organisatie
    per_status: Telling | None = None
    volledigheid: list[Any] = field(default_factory=list)
    beslissen: list[Any] = field(default_factory=list)
    verlengd: list[Any] = field(default_factory=list)
    #: hoeveel er in totaal in elke werkvoorraad zitten (de lijsten tonen de eerste KORT)
    volledigheid_aantal: int = 0
    beslissen_aantal: int = 0
    verlengd_aantal: int = 0


@dataclass
class Abblok:
    dienst: Organisatie
    rol: str
    per_soort: list[tuple[str, str, int, int]] = field(default_factory=list)
    aangevraagd: list[Any] = field(default_factory=list)
    lopend: list[Any] = field(default_factory=list)
    aangevraagd_aantal: int = 0
    lopend_aantal: int = 0
    geld: Geld | None = None


@dataclass
class Bekostigingsblok:
    meldingen: list[dict[str, Any]] = field(default_factory=list)
    terugmeldingen: list[dict[str, Any]] = field(default_factory=list)
    zml: list[dict[str, Any]] = field(default_factory=list)
    onvolledig: list[dict[str, Any]] = field(default_factory=list)
    runs: list[dict[str, Any]] = field(default_factory=list)
    ontvangers: list[dict[str, Any]] = field(default_factory=list)
    schooljaar: Schooljaar | None = None
    #: hoeveel er in totaal zijn (de lijsten tonen de eerste KORT)
    meldingen_aantal: int = 0
    terugmeldingen_aantal: int = 0
    zml_aantal: int = 0
    onvolledig_aantal: int = 0


@dataclass
class Kindblok:
    dossier: Any
    indicaties: list[Any] = field(default_factory=list)
    zaken: list[Any] = field(default_factory=list)
    overeenkomsten: list[Any] = field(default_factory=list)
    plannen: list[Any] = field(default_factory=list)
    evaluaties: list[Zaaktermijn] = field(default_factory=list)
    begeleidingen: list[Any] = field(default_factory=list)
    rugzak: Any = None


@dataclass
class Startpagina:
    peildatum: date
    schooljaar: Schooljaar
    rolregels: list[tuple[Rol, str]]
    taken: Takenlijst = field(default_factory=Takenlijst)
    open_aantal: int = 0
    scholen: list[Schoolblok] = field(default_factory=list)
    besturen: list[Bestuursblok] = field(default_factory=list)
    cvis: list[Cviblok] = field(default_factory=list)
    ab_diensten: list[Abblok] = field(default_factory=list)
    bekostiging: Bekostigingsblok | None = None
    kinderen: list[Kindblok] = field(default_factory=list)
    #: de dag is vastgezet (RUGZAK_VANDAAG, demo): tijdstippen krijgen die dag (I-99)
    peildatum_vast: bool = False
    #: de beleidsanalist: de eigen wat-als-scenario's (nieuwste eerst), None voor anderen
    scenarios: list[Any] | None = None

    @property
    def is_ouder(self) -> bool:
        return bool(self.kinderen) or any(r.rol == Roltype.OUDER for r, _ in self.rolregels)


# --- onderdelen ----------------------------------------------------------------------------


def _geld(gebruiker: Gebruiker, ontvanger: Organisatie, schooljaar: Schooljaar) -> Geld | None:
    """Het netto geboekte bedrag van dit schooljaar per maand en per onderwijssoort (alleen
    voor wie het grootboek van deze ontvanger mag zien; alleen totalen)."""
    from rugzak.web.geld import geldverdeling

    try:
        verdeling = geldverdeling(
            gebruiker=gebruiker,
            ontvanger_ids=[ontvanger.pk],
            schooljaar=schooljaar,
            titel=ontvanger.naam,
        )
    except GeenToegang:
        return None
    return Geld(ontvanger, schooljaar, verdeling.totaal, verdeling.grafieken(ontvanger.naam))


def _open(termijnen: list[Zaaktermijn], dag: date) -> list[tuple[Zaaktermijn, str]]:
    return [(t, s) for t in termijnen if (s := str(t.status(dag))) in OPEN_STATUSSEN]


def _schoolblokken(
    gebruiker: Gebruiker, rollen: list[Rol], termijnen: list[Zaaktermijn], dag: date
) -> list[Schoolblok]:
    from rugzak.handelingsplannen.models import Handelingsplantoestand
    from rugzak.handelingsplannen.selectors import handelingsplannen_lijst
    from rugzak.meldingen import selectors as meldingen
    from rugzak.toelating.models import EINDTOESTANDEN, Toestand
    from rugzak.toelating.selectors import toelatingszaken_lijst

    blokken: dict[int, Schoolblok] = {}
    for rol in rollen:
        if rol.rol in SCHOOLROLLEN and rol.organisatie is not None:
            blokken.setdefault(rol.organisatie_id, Schoolblok(rol.organisatie, rol.rol))  # type: ignore[arg-type]
    if not blokken:
        return []
    schooljaar = Schooljaar.van_datum(dag)

    zaken = [
        z
        for z, _ in toelatingszaken_lijst(gebruiker=gebruiker, reden="startpagina: toelatingszaken")
        if z.school_id in blokken
    ]
    plannen = [
        p
        for p, _ in handelingsplannen_lijst(
            gebruiker=gebruiker, reden="startpagina: handelingsplannen"
        )
        if p.zaak.school_id in blokken and p.toestand != Handelingsplantoestand.VASTGESTELD
    ]
    try:
        # de LGF-leerlingen (geaccepteerd) en de open meldingen (ontvangen) in één query
        per_status = meldingen.meldingen_lijsten(
            gebruiker=gebruiker,
            redenen={
                "geaccepteerd": "startpagina: LGF-leerlingen",
                "ontvangen": "startpagina: meldingen",
            },
        )
        lgf, ontvangen = per_status["geaccepteerd"], per_status["ontvangen"]
        terug = meldingen.terugmeldingen_lijst(
            gebruiker=gebruiker, status="ontvangen", reden="startpagina: terugmeldingen"
        )
        onvolledig = meldingen.onvolledige_indieningen_lijst(
            gebruiker=gebruiker, reden="startpagina: niet in behandeling genomen"
        )
    except GeenToegang:
        lgf, ontvangen, terug, onvolledig = [], [], [], []
    namen = _namen(gebruiker, [r.get("leerling_publiek_id") for r in lgf], dag)

    for school_id, blok in blokken.items():
        brin = blok.school.brin
        eigen = [z for z in zaken if z.school_id == school_id]
        blok.zaken_per_fase = _telling((z.toestand for z in eigen), Toestand.choices)
        blok.zaken = [z for z in eigen if z.toestand not in EINDTOESTANDEN][:KORT]
        blok.plannen = [p for p in plannen if p.zaak.school_id == school_id][:KORT]
        eigen_lgf = [
            # zonder naam geen link: wie de leerling niet (meer) mag zien, kreeg een 404
            dict(r, naam=namen.get(r.get("leerling_publiek_id"), ""))
            for r in lgf
            if r["school__brin"] == brin
        ]
        blok.lgf_aantal = len(eigen_lgf)
        blok.lgf = sorted(eigen_lgf, key=lambda r: (r["naam"], r["cvi_nummer"]))[:KORT]
        blok.meldingen_open = [r for r in ontvangen if r["school__brin"] == brin][:KORT]
        blok.terugmeldingen_open = [r for r in terug if r["melding__school__brin"] == brin][:KORT]
        blok.onvolledig = [r for r in onvolledig if r["school__brin"] == brin][:5]
        blok.evaluaties = [
            t
            for t in termijnen
            if t.zaaktype == "handelingsplan"
            and str(t.status(dag)) in OPEN_STATUSSEN
            and t.grond.organisatie_id == school_id
        ][:KORT]
        blok.geld = _geld(gebruiker, blok.school, schooljaar)
    return list(blokken.values())


def _namen(gebruiker: Gebruiker, publieke_ids: Iterable[Any], dag: date) -> dict[Any, str]:
    """De namen van leerlingen die ``gebruiker`` al in een gelogd overzicht ziet (één query)."""
    ids = [i for i in publieke_ids if i]
    if not ids:
        return {}
    uit: dict[Any, str] = {}
    for leerling in toegang.leerlingen_zichtbaar_voor(gebruiker, peildatum=dag).filter(
        publiek_id__in=ids
    ):
        uit[leerling.publiek_id] = leerling.sorteernaam
    return uit


def _bestuursblokken(gebruiker: Gebruiker, rollen: list[Rol]) -> list[Bestuursblok]:
    from rugzak.toelating.models import Toestand
    from rugzak.toelating.selectors import toelatingszaken_lijst

    besturen = {
        r.organisatie_id: Bestuursblok(r.organisatie)
        for r in rollen
        if r.rol == Roltype.BESTUURDER and r.organisatie is not None
    }
    if not besturen:
        return []
    zaken = [
        z
        for z, g in toelatingszaken_lijst(gebruiker=gebruiker, reden="startpagina: bestuur")
        if g.rol == Roltype.BESTUURDER
    ]
    for bestuur_id, blok in besturen.items():
        eigen = [z for z in zaken if z.school.bestuur_id == bestuur_id]
        blok.zaken_per_fase = _telling((z.toestand for z in eigen), Toestand.choices)
        blok.te_toetsen = [z for z in eigen if z.toestand == Toestand.F10B][:KORT]
    return list(besturen.values())


def _cviblokken(gebruiker: Gebruiker, rollen: list[Rol]) -> list[Cviblok]:
    from rugzak.indicaties.models import Aanvraagstatus
    from rugzak.indicaties.selectors import cvi_overzicht

    cvis: dict[int, Cviblok] = {
        r.organisatie_id: Cviblok(r.organisatie)
        for r in rollen
        if r.rol in CVI_ROLLEN and r.organisatie is not None and r.organisatie_id is not None
    }
    for cvi_id, blok in list(cvis.items()):
        overzicht = cvi_overzicht(gebruiker=gebruiker, cvi_id=cvi_id, kort=KORT)
        if overzicht is None:  # pragma: no cover - de rol geeft de grond
            del cvis[cvi_id]
            continue
        blok.per_status = Telling(
            [
                (c, str(o), overzicht.per_status[c])
                for c, o in Aanvraagstatus.choices
                if overzicht.per_status.get(c)
            ]
        )
        blok.volledigheid = overzicht.volledigheid
        blok.volledigheid_aantal = overzicht.volledigheid_aantal
        blok.beslissen = overzicht.beslissen
        blok.beslissen_aantal = overzicht.beslissen_aantal
        blok.verlengd = overzicht.verlengd
        blok.verlengd_aantal = overzicht.verlengd_aantal
    return list(cvis.values())


def _abblokken(gebruiker: Gebruiker, rollen: list[Rol], dag: date) -> list[Abblok]:
    from rugzak.ambulante_begeleiding.models import Begeleidingsoort, Begeleidingstatus
    from rugzak.ambulante_begeleiding.selectors import dienst_overzicht

    diensten: dict[int, Abblok] = {}
    for r in rollen:
        if r.rol in AB_ROLLEN and r.organisatie is not None:
            diensten.setdefault(r.organisatie_id, Abblok(r.organisatie, r.rol))  # type: ignore[arg-type]
    schooljaar = Schooljaar.van_datum(dag)
    for dienst_id, blok in list(diensten.items()):
        overzicht = dienst_overzicht(gebruiker=gebruiker, dienst_id=dienst_id, kort=KORT)
        if overzicht is None:  # pragma: no cover - de rol geeft de grond
            del diensten[dienst_id]
            continue
        for soort, omschrijving in Begeleidingsoort.choices:
            blok.per_soort.append(
                (
                    soort,
                    str(omschrijving),
                    overzicht.aantallen.get((soort, Begeleidingstatus.AANGEVRAAGD), 0),
                    overzicht.aantallen.get((soort, Begeleidingstatus.LOPEND), 0),
                )
            )
        blok.aangevraagd = overzicht.aangevraagd
        blok.aangevraagd_aantal = overzicht.aantal(Begeleidingstatus.AANGEVRAAGD)
        blok.lopend = overzicht.lopend
        blok.lopend_aantal = overzicht.aantal(Begeleidingstatus.LOPEND)
        if blok.rol == Roltype.AB_COORDINATOR:
            blok.geld = _geld(gebruiker, blok.dienst, schooljaar)
    return list(diensten.values())


def _bekostigingsblok(gebruiker: Gebruiker, dag: date) -> Bekostigingsblok:
    from rugzak.betalingen import selectors as betalingen
    from rugzak.meldingen import selectors as meldingen

    schooljaar = Schooljaar.van_datum(dag)
    blok = Bekostigingsblok(schooljaar=schooljaar)
    # Alleen de eerste KORT van elke werkvoorraad (en alleen die worden gelogd), met het totaal.
    eerste = Venster(pagina=1, per_pagina=KORT)
    deel = meldingen.meldingen_deel(
        gebruiker=gebruiker, venster=eerste, status="ontvangen",
        reden="startpagina: binnengekomen meldingen",
    )  # fmt: skip
    blok.meldingen, blok.meldingen_aantal = deel.items, deel.aantal
    terug = meldingen.terugmeldingen_deel(
        gebruiker=gebruiker, venster=eerste, status="ontvangen",
        reden="startpagina: binnengekomen terugmeldingen",
    )  # fmt: skip
    blok.terugmeldingen, blok.terugmeldingen_aantal = terug.items, terug.aantal
    zml = meldingen.zml_aanvragen_deel(
        gebruiker=gebruiker, venster=eerste, status="ontvangen", reden="startpagina: zml-aanvragen"
    )
    blok.zml, blok.zml_aantal = zml.items, zml.aantal
    onvolledig = meldingen.onvolledige_indieningen_deel(
        gebruiker=gebruiker, venster=Venster(pagina=1, per_pagina=5),
        reden="startpagina: niet in behandeling genomen",
    )  # fmt: skip
    blok.onvolledig, blok.onvolledig_aantal = onvolledig.items, onvolledig.aantal
    blok.runs = betalingen.betaalruns_deel(
        gebruiker=gebruiker, venster=Venster(pagina=1, per_pagina=3)
    ).items
    from rugzak.web.geld import ontvangers_met_totaal

    blok.ontvangers = ontvangers_met_totaal(gebruiker=gebruiker, schooljaar=schooljaar)
    return blok


def _kindblokken(gebruiker: Gebruiker, termijnen: list[Zaaktermijn], dag: date) -> list[Kindblok]:
    from rugzak.ambulante_begeleiding.selectors import begeleidingen_lijst
    from rugzak.handelingsplannen.selectors import handelingsplannen_lijst, overeenkomsten_lijst
    from rugzak.indicaties.selectors import indicaties_lijst
    from rugzak.leerlingen.models import OuderRelatie
    from rugzak.leerlingen.selectors import leerling_dossier
    from rugzak.toelating.selectors import toelatingszaken_lijst
    from rugzak.web.geld import rugzak_van_leerling

    kinderen = list(
        OuderRelatie.objects.filter(ouder=gebruiker)
        .order_by("leerling__voornaam", "leerling_id")
        .values_list("leerling__publiek_id", flat=True)
    )
    if not kinderen:
        return []
    zaken = toelatingszaken_lijst(gebruiker=gebruiker, reden="startpagina ouder: toelating")
    overeenkomsten = overeenkomsten_lijst(gebruiker=gebruiker, reden="startpagina ouder")
    plannen = handelingsplannen_lijst(gebruiker=gebruiker, reden="startpagina ouder")
    begeleidingen = begeleidingen_lijst(gebruiker=gebruiker, reden="startpagina ouder")
    blokken = []
    schooljaar = Schooljaar.van_datum(dag)
    for publiek_id in kinderen:
        try:
            dossier = leerling_dossier(
                gebruiker=gebruiker, publiek_id=publiek_id, reden="startpagina ouder: eigen kind"
            )
        except GeenToegang:  # pragma: no cover - de ouderrelatie geeft altijd toegang
            continue
        lid = dossier.leerling.pk
        blok = Kindblok(dossier=dossier)
        blok.indicaties = [
            i
            for i, _ in indicaties_lijst(
                gebruiker=gebruiker, leerling_publiek_id=publiek_id, reden="startpagina ouder"
            )
        ]
        blok.zaken = [z for z, _ in zaken if z.leerling_id == lid]
        blok.overeenkomsten = [o for o, _ in overeenkomsten if o.zaak.leerling_id == lid]
        blok.plannen = [p for p, _ in plannen if p.zaak.leerling_id == lid]
        blok.begeleidingen = [b for b, _ in begeleidingen if b.leerling_id == lid]
        blok.evaluaties = [
            t
            for t in termijnen
            if t.zaaktype == "handelingsplan" and t.leerling_publiek_id == publiek_id
        ]
        blok.rugzak = rugzak_van_leerling(
            gebruiker=gebruiker, publiek_id=publiek_id, schooljaar=schooljaar
        )
        blokken.append(blok)
    return blokken


def _taken_zonder_termijn(
    rollen: list[Rol], pagina: Startpagina, bij: dict[str, Zaaktermijn]
) -> list[Taak]:
    """De werkvoorraden die de blokken al lazen, als taken van wie moet handelen; ``bij``:
    de termijn van een toelatingszaak (publiek id) waaraan een instemming vastzit."""
    from rugzak.handelingsplannen.models import Handelingsplantoestand, Overeenkomsttoestand

    uit: list[Taak] = []
    for kind in pagina.kinderen:
        naam = kind.dossier.leerling.volledige_naam
        for plan in kind.plannen:
            if plan.toestand == Handelingsplantoestand.TER_INSTEMMING:
                t = bij.get(str(plan.zaak.publiek_id))
                uit.append(
                    Taak(
                        kind=naam,
                        actie="Geef instemming met het handelingsplan",
                        wie="u, als ouder",
                        uiterlijk=t.termijn.uiterlijk if t else None,
                        adres=adres("handelingsplan", plan.publiek_id, "instemming"),
                        knop="Naar het handelingsplan: instemmen of niet",
                        zaak=f"handelingsplan op {plan.zaak.school.naam}",
                        soort="toestemming",
                        termijn=t,
                    )
                )
        for o in kind.overeenkomsten:
            if o.ouders_getekend_op is None and o.toestand in (
                Overeenkomsttoestand.CONCEPT,
                Overeenkomsttoestand.GETEKEND_SCHOOL,
            ):
                uit.append(
                    Taak(
                        kind=naam,
                        actie="Onderteken de overeenkomst met de school",
                        wie="u, als ouder",
                        uiterlijk=None,
                        adres=adres("overeenkomst", o.publiek_id, "tekenen-ouders"),
                        knop="Naar de overeenkomst: ondertekenen",
                        zaak=f"overeenkomst met {o.zaak.school.naam}",
                        soort="toestemming",
                    )
                )
    secretaris = {r.organisatie_id for r in rollen if r.rol == Roltype.CVI_SECRETARIS}
    for cvi in pagina.cvis:
        if cvi.cvi.pk not in secretaris:
            continue
        for a in cvi.volledigheid:
            uit.append(
                Taak(
                    kind=a.leerling.sorteernaam,
                    actie="Beoordeel of het dossier volledig is",
                    wie=f"de secretaris van {cvi.cvi.naam}",
                    uiterlijk=None,
                    adres=adres("indicatie", a.publiek_id, "volledig"),
                    knop="Beoordeel het dossier",
                    zaak="indicatieaanvraag" + (" (herindicatie)" if a.is_herindicatie else ""),
                )
            )
    for ab in pagina.ab_diensten:
        if ab.rol != Roltype.AB_COORDINATOR:
            continue
        for b in ab.aangevraagd:
            uit.append(
                Taak(
                    kind=b.leerling.sorteernaam,
                    actie="Wijs de begeleiding toe of af",
                    wie=f"de coördinator van {ab.dienst.naam}",
                    uiterlijk=None,
                    adres=adres("begeleiding", b.publiek_id),
                    knop="Naar de aanvraag",
                    zaak=f"{b.get_soort_display()}, aangevraagd",
                )
            )
    if pagina.bekostiging is not None:
        for m in pagina.bekostiging.meldingen:
            uit.append(
                Taak(
                    kind=f"CvI-nummer {m['cvi_nummer']}",
                    actie="Beoordeel de melding",
                    wie="de bekostigingsinstantie",
                    uiterlijk=None,
                    adres=adres("melding", m["publiek_id"], "accepteren"),
                    knop="Beoordeel de melding",
                    zaak=f"melding van {m['school__naam']} ({m['school__brin']})",
                )
            )
        for tm in pagina.bekostiging.terugmeldingen:
            uit.append(
                Taak(
                    kind=f"CvI-nummer {tm['melding__cvi_nummer']}",
                    actie="Verwerk de terugmelding",
                    wie="de bekostigingsinstantie",
                    uiterlijk=None,
                    adres=adres("binnengekomen_terugmelding", tm["publiek_id"]),
                    knop="Verwerk de terugmelding",
                    zaak=f"terugmelding van {tm['melding__school__brin']}",
                )
            )
    return uit


def _takenlijst(
    gebruiker: Gebruiker,
    rollen: list[Rol],
    pagina: Startpagina,
    open_: list[tuple[Zaaktermijn, str]],
    dag: date,
) -> Takenlijst:
    """De takenlijst uit de open termijnen en de werkvoorraden van de blokken: twee queries
    (de namen van de leerlingen en van de organisaties), hoeveel zaken er ook zijn."""
    met_actie = [(t, s) for t, s in open_ if t.actie]
    zonder_namen = Roltype.BEKOSTIGINGSMEDEWERKER in {r.rol for r in rollen}

    def namen(publieke_ids: list[Any]) -> dict[Any, str]:
        if zonder_namen:  # de bekostigingsinstantie ziet geen namen (004)
            return {}
        return _namen(gebruiker, publieke_ids, dag)

    ids = {t.actor_id for t, _ in met_actie if t.actor_id is not None}
    organisaties: dict[int | None, str] = {
        r.organisatie_id: r.organisatie.naam for r in rollen if r.organisatie is not None
    }
    if ids - organisaties.keys():
        organisaties.update(
            Organisatie.objects.filter(pk__in=ids - organisaties.keys()).values_list("pk", "naam")
        )
    bij = {
        t.zaak_id: t
        for t, _ in met_actie
        if t.zaaktype == "toelating" and t.termijn.regel == "termijn.handelingsplan"
    }
    return takenlijst(
        termijnen=met_actie,
        rollen=rollen,
        namen=namen,
        organisaties=organisaties,
        dag=dag,
        extra=_taken_zonder_termijn(rollen, pagina, bij),
    )


# --- de pagina -------------------------------------------------------------------------------


def startpagina(*, gebruiker: Gebruiker) -> Startpagina:
    """Alles voor de startpagina van ``gebruiker``, per rol (gelogd in de selectors)."""
    dag = vandaag()
    rollen = toegang.actieve_rollen(gebruiker, peildatum=dag)
    soorten = {r.rol for r in rollen}
    # Alleen de open termijnen; de status komt uit de regelkern. Gelogd wordt aan het eind
    # alleen wat de pagina toont (de eerste 20, en de evaluaties in de blokken).
    # Via de module, niet via een bij het importeren gebonden naam: wie het register
    # vervangt (een test), vervangt het zo ook hier, en zet het ook hier weer terug.
    termijnen = termijnregister.termijnen_verzamelen(
        gebruiker,
        vandaag=dag,
        statussen=[s for s in Termijnstatus if str(s) in OPEN_STATUSSEN],
    )
    open_ = _open(termijnen, dag)
    pagina = Startpagina(
        peildatum=dag,
        schooljaar=Schooljaar.van_datum(dag),
        rolregels=[(r, ROLTEKSTEN.get(r.rol, "")) for r in rollen],
        open_aantal=len(open_),
        peildatum_vast=vaste_dag() is not None,
    )
    if soorten & SCHOOLROLLEN:
        pagina.scholen = _schoolblokken(gebruiker, rollen, termijnen, dag)
    if Roltype.BESTUURDER in soorten:
        pagina.besturen = _bestuursblokken(gebruiker, rollen)
    if soorten & CVI_ROLLEN:
        pagina.cvis = _cviblokken(gebruiker, rollen)
    if soorten & AB_ROLLEN:
        pagina.ab_diensten = _abblokken(gebruiker, rollen, dag)
    if Roltype.BEKOSTIGINGSMEDEWERKER in soorten:
        pagina.bekostiging = _bekostigingsblok(gebruiker, dag)
    if Roltype.OUDER in soorten:
        pagina.kinderen = _kindblokken(gebruiker, termijnen, dag)
    if Roltype.BELEIDSANALIST in soorten:
        from rugzak.scenarios.selectors import scenario_deel

        pagina.scenarios = scenario_deel(
            gebruiker=gebruiker, venster=Venster(pagina=1, per_pagina=10)
        ).items
    pagina.taken = _takenlijst(gebruiker, rollen, pagina, open_, dag)
    getoond: dict[int, Zaaktermijn] = {}
    for t in (
        *pagina.taken.getoonde_termijnen(),
        *(t for blok in pagina.scholen for t in blok.evaluaties),
        *(t for blok in pagina.kinderen for t in blok.evaluaties),
    ):
        getoond.setdefault(id(t), t)
    termijnen_loggen(gebruiker, getoond.values(), reden="startpagina: open termijnen")
    return pagina
