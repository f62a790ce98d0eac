"""Lezen: het volledige dossier van één leerling over alle zaken heen, in een vast aantal
queries en met één auditregel.

Elk deel volgt de toegangsregel van de app die het bezit (geen eigen beleid hier):

==========================================  ===============================================
deel                                        wie het ziet (bron van de regel)
==========================================  ===============================================
leerling, inschrijvingen, indicaties        wie de leerling mag zien (rugzak.toegang)
indicatieaanvragen                          de eigen CvI, school, bestuur, ouders
                                            (rugzak.indicaties.selectors.aanvragen_met_grond)
toelatingszaken, gastleerlingschappen,      een rol in de zaak: school, bestuur, ouder
overeenkomsten, handelingsplannen,          (rugzak.toelating.selectors.zaakgronden)
evaluaties
meldingen, terugmeldingen, zml-aanvragen    de school en haar bestuur
                                            (rugzak.meldingen.rechten.q_scholen_zichtbaar)
begeleidingen                               de AB-dienst (begeleider: alleen toegewezen),
                                            de aanvragende school, bestuur, ouders
                                            (rugzak.ambulante_begeleiding.selectors)
budget en bestedingen van het schooljaar    wie de leerling mag zien, zoals het
                                            bestedingsoverzicht (rugzak.betalingen)
betalingen (grootboekregels)                per ontvanger: de ontvanger zelf en haar
                                            bestuur (rugzak.betalingen.rechten)
jaren: per schooljaar budget, betaald per   budget en leemtes: wie de leerling mag zien;
maand en ontvanger, leemtes                 betaald: alleen de zichtbare ontvangers (zoals
                                            de betalingen)
==========================================  ===============================================

Het schooljaar is het gekozen schooljaar (``?schooljaar=2011-2012``) of anders het huidige.
``jaren`` is de geschiedenis: met een gekozen schooljaar alleen dat jaar, anders elk
schooljaar van de eerste melding tot nu, niet voorbij het einde van LGF (interpretatie
I-73), met de inhoud van de rugzak volgens de regelkern, wat het grootboek per maand en
ontvanger bevat, en de leemtes met hun reden (van de regelkern en van de betaalruns).

De bekostigingsinstantie ziet geen dossier: zij kent leerlingen alleen op CvI-nummer.
Het budget komt uit de regelkern (:func:`rugzak.regeling.regels.betaling.betaalschema`)
met de gebeurtenissen uit de geregistreerde meldingen; hier wordt niets uitgerekend.

Het aantal queries hangt niet af van het aantal zaken, betalingen of schooljaren van de
leerling: de leerling met haar toegangsgrond is één query (:mod:`rugzak.toegang`), elk deel
daarna één queryset (met ``select_related``; de toegang tot meldingen als ``EXISTS``), en
alle delen samen worden in één query gelezen (:func:`rugzak.leerlingen.bundel.lees_samen`);
de toegang per zaak wordt daarna in één keer voor alle zaken bepaald, zonder queries. Met
sessie, gebruiker, rollen en de auditregel zes queries (de ouder zeven: haar kinderen).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer
from rugzak.gedeeld.tijd import vandaag
from rugzak.leerlingen.bundel import lees_samen, zet_voorgelezen
from rugzak.leerlingen.models import Inschrijving, Leerling
from rugzak.leerlingen.selectors import leerling_met_leesgrond
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer, OntbrekendeBron, RegelingFout
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import Betaalschema, Gebeurtenis, betaalschema
from rugzak.regeling.regels.looptijd import lgf_einde
from rugzak.regeling.regels.melding import Melding as KernMelding
from rugzak.regeling.tijd import Schooljaar

#: De delen van het dossier, in de volgorde van de uitvoer (ook in het auditlog).
DELEN = (
    "inschrijvingen",
    "indicaties",
    "indicatieaanvragen",
    "toelatingszaken",
    "gastleerlingschappen",
    "overeenkomsten",
    "handelingsplannen",
    "meldingen",
    "terugmeldingen",
    "zml_aanvragen",
    "begeleidingen",
    "budget",
    "betalingen",
    "bestedingen",
    "jaren",
)

#: Schooljaren die ``?schooljaar=`` aanneemt (de kalender van de regelkern reikt zo ver).
EERSTE_BEGINJAAR, LAATSTE_BEGINJAAR = 1900, 2099


def schooljaar_uit(tekst: str | None) -> Schooljaar | None:
    """Het schooljaar uit een verzoekparameter; leeg of afwezig is None (alle jaren).

    Een ongeldige waarde is een :class:`ValidationError` op het veld ``schooljaar`` die zegt
    wat wel kan."""
    if tekst is None or not tekst.strip():
        return None
    try:
        schooljaar = Schooljaar.van_tekst(tekst)
    except OngeldigeInvoer:
        schooljaar = None
    if schooljaar is None or not EERSTE_BEGINJAAR <= schooljaar.beginjaar <= LAATSTE_BEGINJAAR:
        raise ValidationError(
            {
                "schooljaar": f"{tekst.strip()!r} is geen schooljaar; verwacht twee "
                "opeenvolgende jaren als JJJJ-JJJJ, bv. 2011-2012 (van "
                f"{Schooljaar(EERSTE_BEGINJAAR)} tot en met {Schooljaar(LAATSTE_BEGINJAAR)}), "
                "of laat het weg voor alle schooljaren"
            }
        )
    return schooljaar


@dataclass(frozen=True)
class Budgetoverzicht:
    """Het budget van één schooljaar volgens de regelkern, uit de geregistreerde meldingen.

    ``leemte`` is de melding van de regelkern als dat schooljaar niet te berekenen is (geen
    tarief in de bronnen, of gegevens die niet passen); dan zijn de bedragen leeg.
    """

    schooljaar: Schooljaar
    per_deel: dict[str, Decimal] = field(default_factory=dict)
    per_ontvanger: dict[str, Decimal] = field(default_factory=dict)
    totaal: Decimal = Decimal("0.00")
    maanden: list[dict[str, Any]] = field(default_factory=list)
    leemte: str = ""
    uitleg: str = ""
    leemtesoort: str = ""


@dataclass(frozen=True)
class Jaaroverzicht:
    """Eén schooljaar in de geschiedenis van de leerling (interpretatie I-73).

    ``budget``: de rugzak volgens de regelkern (None zonder geaccepteerde melding);
    ``betaald``: het grootboek per maand en ontvanger (netto, alleen zichtbare ontvangers);
    ``leemtes``: waarom (een deel van) dit jaar niet berekend kon worden, nooit als nul."""

    schooljaar: Schooljaar
    budget: Budgetoverzicht | None
    betaald: list[dict[str, Any]]
    betaald_totaal: Decimal
    leemtes: list[dict[str, Any]]


@dataclass(frozen=True)
class VolledigDossier:
    leerling: Leerling
    grond: toegang.Toegangsgrond
    schooljaar: Schooljaar
    inschrijvingen: list[Inschrijving]
    indicaties: list[Any]
    indicatieaanvragen: list[Any]
    toelatingszaken: list[Any]
    gastleerlingschappen: list[Any]
    overeenkomsten: list[Any]
    handelingsplannen: list[Any]
    meldingen: list[dict[str, Any]]
    terugmeldingen: list[dict[str, Any]]
    zml_aanvragen: list[dict[str, Any]]
    begeleidingen: list[Any]
    budget: Budgetoverzicht | None
    betalingen: list[dict[str, Any]]
    betalingen_per_schooljaar: dict[str, Decimal]
    bestedingen: list[Any]
    jaren: list[Jaaroverzicht]


def _euro(centen: int) -> Decimal:
    return Decimal(centen).scaleb(-2)


def _indicatiedeel(leerling: Leerling) -> QuerySet[Any]:
    from rugzak.indicaties.models import Indicatie

    return (
        Indicatie.objects.filter(leerling=leerling)
        .select_related("cvi", "leerling", "vorige")
        .order_by("-indicatiedatum", "-id")
    )


def _aanvragen_qs(leerling: Leerling) -> QuerySet[Any]:
    from rugzak.indicaties.models import Indicatieaanvraag

    return (
        Indicatieaanvraag.objects.filter(leerling=leerling)
        .select_related(
            "cvi",
            "leerling",
            "aanvragende_school",
            "vorige_indicatie",
            "indicatie",
            "indicatie__cvi",
            "indicatie__leerling",
            "indicatie__vorige",
        )
        .order_by("-ingediend_op", "-id")
    )


def _aanvragen(gebruiker: Gebruiker, aanvragen: list[Any], dag: date) -> list[Any]:
    from rugzak.indicaties.selectors import aanvragen_met_grond

    # de leerling is zichtbaar (leerling_met_leesgrond): voorgefilterd
    return [a for a, _ in aanvragen_met_grond(gebruiker, aanvragen, dag, voorgefilterd=True)]


def _toelating_qs(leerling: Leerling) -> tuple[QuerySet[Any], QuerySet[Any]]:
    from rugzak.toelating.models import Gastleerlingschap, Toelatingszaak

    zaken = (
        Toelatingszaak.objects.filter(leerling=leerling)
        .select_related("school", "leerling", "indicatie")
        .order_by("-verzoek_op", "-id")
    )
    gasten = (
        Gastleerlingschap.objects.filter(leerling=leerling)
        .select_related("school", "rec_school", "leerling")
        .order_by("-begin", "-id")
    )
    return zaken, gasten


def _toelating(
    gebruiker: Gebruiker, zaken: list[Any], gasten: list[Any]
) -> tuple[list[Any], list[Any], set[int]]:
    """Toelatingszaken en gastleerlingschappen die ``gebruiker`` mag zien, en de pk's van
    de leesbare toelatingszaken (voor overeenkomsten en handelingsplannen)."""
    from rugzak.toelating.selectors import zaakgronden

    gronden = zaakgronden(
        gebruiker,
        zaken,
        scholen_van=lambda z: [z.school_id],
        besturen_van=lambda z: [z.school.bestuur_id],
        voorgefilterd=True,  # de leerling is zichtbaar (leerling_met_leesgrond)
    )
    gastgronden = zaakgronden(
        gebruiker,
        gasten,
        scholen_van=lambda z: [z.school_id, z.rec_school_id],
        besturen_van=lambda z: [z.school.bestuur_id],
        voorgefilterd=True,
    )
    return (
        [z for z in zaken if z.pk in gronden],
        [g for g in gasten if g.pk in gastgronden],
        set(gronden),
    )


def _plannen_qs(leerling: Leerling) -> tuple[QuerySet[Any], QuerySet[Any], QuerySet[Any]]:
    """Overeenkomsten, handelingsplannen en hun evaluaties van alle toelatingszaken van de
    leerling; welke daarvan getoond worden, volgt uit de leesbare zaken (:func:`_plannen`)."""
    from rugzak.handelingsplannen.models import Evaluatie, Handelingsplan, Overeenkomst

    overeenkomsten = (
        Overeenkomst.objects.filter(zaak__leerling=leerling)
        .select_related("zaak", "zaak__school", "zaak__leerling")
        .order_by("-looptijd_van", "-id")
    )
    plannen = (
        Handelingsplan.objects.filter(zaak__leerling=leerling)
        .select_related("zaak", "zaak__school", "zaak__leerling")
        .order_by("-aangemaakt_op", "-id")
    )
    evaluaties = Evaluatie.objects.filter(handelingsplan__zaak__leerling=leerling).order_by(
        "uiterlijk", "id"
    )
    return overeenkomsten, plannen, evaluaties


def _plannen(
    overeenkomsten: list[Any], plannen: list[Any], evaluaties: list[Any], zaak_ids: set[int]
) -> tuple[list[Any], list[Any]]:
    """De overeenkomsten en handelingsplannen (met hun evaluaties) van de leesbare zaken."""
    zichtbare = [p for p in plannen if p.zaak_id in zaak_ids]
    zet_voorgelezen(zichtbare, "evaluaties", evaluaties)
    return [o for o in overeenkomsten if o.zaak_id in zaak_ids], zichtbare


def _waarden(obj: Any, velden: Iterable[str]) -> dict[str, Any]:
    """Wat ``values(*velden)`` van dit object zou geven (``a__b`` volgt de relatie; een lege
    relatie geeft None), uit een object dat zijn relaties al geladen heeft."""
    uit: dict[str, Any] = {}
    for veld in velden:
        waarde = obj
        for deel in veld.split("__"):
            if waarde is None:
                break
            waarde = getattr(waarde, deel)
        uit[veld] = waarde
    return uit


def _meldingen_qs(
    gebruiker: Gebruiker, leerling: Leerling
) -> tuple[QuerySet[Any], QuerySet[Any], QuerySet[Any], QuerySet[Any]]:
    """De meldingen, terugmeldingen en zml-aanvragen van de leerling, elk met of
    ``gebruiker`` haar mag zien (de school en haar bestuur: rugzak.meldingen.rechten) als
    ``EXISTS`` in dezelfde query, en de terugplaatsingen naar groep 2 van geaccepteerde
    meldingen (voor de regelkern)."""
    from django.db.models import Exists, OuterRef, Value

    from rugzak.meldingen import rechten
    from rugzak.meldingen.models import (
        Melding,
        Meldingstatus,
        Terugmelding,
        TerugplaatsingGroep2,
        ZmlAanvraag,
    )

    q = rechten.q_scholen_zichtbaar(gebruiker)

    def zichtbaar(veld: str) -> Any:
        if q is None:
            return Value(False)
        return Exists(Melding.objects.filter(q, pk=OuterRef(veld)))

    meldingen = (
        Melding.objects.filter(leerling=leerling)
        .select_related("indicatie", "school", "ab_verzorger", "vorige_school")
        .annotate(zichtbaar=zichtbaar("pk"))
        .order_by("-meldingsdatum", "-id")
    )
    terug = (
        Terugmelding.objects.filter(melding__leerling=leerling)
        .select_related("melding", "melding__school", "melding__indicatie")
        .annotate(zichtbaar=zichtbaar("melding_id"))
        .order_by("-ingediend_op_datum", "-id")
    )
    zml = (
        ZmlAanvraag.objects.filter(melding__leerling=leerling)
        .select_related("melding", "melding__school")
        .annotate(zichtbaar=zichtbaar("melding_id"))
        .order_by("-aanvraagdatum", "-id")
    )
    terugplaatsingen = (
        TerugplaatsingGroep2.objects.filter(
            melding__leerling=leerling, melding__status=Meldingstatus.GEACCEPTEERD
        )
        .select_related("melding")
        .order_by("id")
    )
    return meldingen, terug, zml, terugplaatsingen


def _meldingdelen(
    leerling: Leerling,
    meldingen: list[Any],
    terug: list[Any],
    zml: list[Any],
    terugplaatsingen: list[Any],
) -> tuple[
    list[dict[str, Any]],
    list[dict[str, Any]],
    list[dict[str, Any]],
    list[Gebeurtenis] | RegelingFout,
    dict[int, str],
]:
    """De meldingen, terugmeldingen en zml-aanvragen die de gebruiker mag zien (gelezen met
    :func:`_meldingen_qs`), de gebeurtenissen van de leerling voor de regelkern (uit alle
    verwerkte zaken, zonder toegangsfilter: de bouwsteen van het budget), en de namen van
    de organisaties die daarbij al gelezen zijn (scholen en AB-diensten, voor het budget).
    Geen queries."""
    from rugzak.meldingen.models import Meldingstatus, Terugmeldingstatus, Zmlstatus
    from rugzak.meldingen.selectors import (
        MELDINGVELDEN,
        TERUGMELDINGVELDEN,
        ZMLVELDEN,
        gebeurtenissen_uit,
    )

    if not meldingen:
        return [], [], [], [], {}
    namen = {
        o.pk: o.naam
        for m in meldingen
        for o in (m.school, m.ab_verzorger, m.vorige_school)
        if o is not None
    }
    geaccepteerd = [m for m in meldingen if m.status == Meldingstatus.GEACCEPTEERD]
    gebeurtenissen: list[Gebeurtenis] | RegelingFout = []
    if geaccepteerd:
        try:
            gebeurtenissen = gebeurtenissen_uit(
                [leerling.pk],
                meldingen=sorted(geaccepteerd, key=lambda m: (m.meldingsdatum, m.pk)),
                terugmeldingen=sorted(
                    (
                        t
                        for t in terug
                        if t.melding.status == Meldingstatus.GEACCEPTEERD
                        and t.status == Terugmeldingstatus.VERWERKT
                    ),
                    key=lambda t: (t.datum, t.pk),
                ),
                zml_aanvragen=sorted(
                    (
                        a
                        for a in zml
                        if a.melding.status == Meldingstatus.GEACCEPTEERD
                        and a.status == Zmlstatus.TOEGEKEND
                    ),
                    key=lambda a: (a.aanvraagdatum, a.pk),
                ),
                terugplaatsingen=terugplaatsingen,
            )[leerling.pk]
        except RegelingFout as fout:
            gebeurtenissen = fout
    publiek = {"leerling_publiek_id": leerling.publiek_id}
    zichtbare = [m for m in meldingen if m.zichtbaar]
    if not zichtbare:  # geen zichtbare melding: dan ook geen terugmelding of zml-aanvraag
        return [], [], [], gebeurtenissen, namen
    return (
        [{**_waarden(m, MELDINGVELDEN), **publiek} for m in zichtbare],
        [{**_waarden(t, TERUGMELDINGVELDEN), **publiek} for t in terug if t.zichtbaar],
        [{**_waarden(a, ZMLVELDEN), **publiek} for a in zml if a.zichtbaar],
        gebeurtenissen,
        namen,
    )


def _begeleidingen_qs(leerling: Leerling) -> QuerySet[Any]:
    from rugzak.ambulante_begeleiding.selectors import basis

    return basis().filter(leerling=leerling).order_by("-aangevraagd_op", "-id")


def _begeleidingen(gebruiker: Gebruiker, begeleidingen: list[Any], dag: date) -> list[Any]:
    from rugzak.ambulante_begeleiding.selectors import begeleidingen_met_grond

    # de leerling is zichtbaar (leerling_met_leesgrond): voorgefilterd
    return [
        b for b, _ in begeleidingen_met_grond(gebruiker, begeleidingen, dag, voorgefilterd=True)
    ]


def _leemtesoort(fout: RegelingFout) -> str:
    """De soort leemte zoals de betaalrun haar vastlegt (rugzak.betalingen.models.Leemtesoort)."""
    if isinstance(fout, OntbrekendeBron):
        return "ontbrekende_bron"
    if isinstance(fout, NietToegestaan):
        return "niet_toegestaan"
    return "ongeldige_gegevens"


def _gebeurtenissen(leerling: Leerling) -> list[Gebeurtenis] | RegelingFout:
    """De gebeurtenissen van de leerling voor de regelkern (een vast aantal queries), of de
    fout als de regelkern een geregistreerde melding weigert."""
    from rugzak.meldingen.selectors import gebeurtenissen_per_leerling

    try:
        return gebeurtenissen_per_leerling(leerling_ids=[leerling.pk])[leerling.pk]
    except RegelingFout as fout:
        return fout


def _schemas(
    leerling: Leerling, gebeurtenissen: list[Gebeurtenis] | RegelingFout, jaren: list[Schooljaar]
) -> dict[Schooljaar, Betaalschema | RegelingFout]:
    """Per schooljaar het betaalschema of de fout van de regelkern; geen schooljaar zonder
    geaccepteerde melding (dan is er geen rugzak). Geen queries."""
    if isinstance(gebeurtenissen, RegelingFout):
        return dict.fromkeys(jaren, gebeurtenissen)
    if not gebeurtenissen:
        return {}
    regeling = standaard_regeling()
    uit: dict[Schooljaar, Betaalschema | RegelingFout] = {}
    for sj in jaren:
        try:
            uit[sj] = betaalschema(
                regeling, gebeurtenissen, sj, geboortedatum=leerling.geboortedatum
            )
        except RegelingFout as fout:
            uit[sj] = fout
    return uit


def _budgetoverzicht(
    schooljaar: Schooljaar, schema: Betaalschema | RegelingFout | None, namen: dict[int, str]
) -> Budgetoverzicht | None:
    """Het budget van één schooljaar uit het betaalschema van de regelkern; hier wordt
    niets uitgerekend, alleen opgeteld en van namen voorzien."""
    if schema is None:
        return None
    if isinstance(schema, RegelingFout):
        return Budgetoverzicht(
            schooljaar=schooljaar, leemte=str(schema), leemtesoort=_leemtesoort(schema)
        )

    def naam(sleutel: str) -> str:
        return namen.get(int(sleutel), sleutel) if sleutel.isdigit() else sleutel

    per_deel: dict[str, Decimal] = defaultdict(Decimal)
    per_ontvanger: dict[str, Decimal] = defaultdict(Decimal)
    for b in schema.betalingen:
        per_deel[b.deel.value] += b.bedrag
        per_ontvanger[naam(b.ontvanger_id)] += b.bedrag
    return Budgetoverzicht(
        schooljaar=schooljaar,
        per_deel=dict(per_deel),
        per_ontvanger=dict(per_ontvanger),
        totaal=sum(per_deel.values(), Decimal("0.00")),
        maanden=[
            {
                "maand": str(s.maand),
                "school": naam(s.school),
                "betaald": s.betaald,
                "reden": s.reden,
                "zml_aanvulling": s.zml_aanvulling,
            }
            for s in schema.statussen
        ],
        uitleg=schema.uitleg.als_tekst(),
    )


def _namen(
    schemas: list[Betaalschema | RegelingFout], bekend: dict[int, str] | None = None
) -> dict[int, str]:
    """De namen van de organisaties in de betaalschema's: uit ``bekend`` (namen die het
    dossier al las, bv. de scholen van de meldingen), de rest in één query."""
    ids = {
        int(sleutel)
        for schema in schemas
        if isinstance(schema, Betaalschema)
        for sleutel in (
            *(b.ontvanger_id for b in schema.betalingen),
            *(s.school for s in schema.statussen),
        )
        if sleutel.isdigit()
    }
    bekend = bekend or {}
    uit = {i: bekend[i] for i in ids if i in bekend}
    rest = ids - set(uit)
    if rest:
        uit.update(Organisatie.objects.filter(pk__in=rest).values_list("pk", "naam"))
    return uit


def _geschiedenisjaren(
    gebeurtenissen: list[Gebeurtenis] | None, grootboekjaren: set[Schooljaar], dag: date
) -> list[Schooljaar]:
    """Van het schooljaar van de eerste melding (of eerste grootboekregel) tot het huidige,
    maar niet voorbij het laatste schooljaar van LGF, tenzij het grootboek later nog iets
    bevat (interpretatie I-73)."""
    begin = {
        Schooljaar.van_datum(g.meldingsdatum)
        for g in gebeurtenissen or ()
        if isinstance(g, KernMelding)
    } | grootboekjaren
    if not begin:
        return []
    eerste = min(begin)
    laatste = min(Schooljaar.van_datum(dag), lgf_einde(standaard_regeling()).laatste_schooljaar)
    laatste = max(laatste, eerste, *grootboekjaren)
    return [Schooljaar(j) for j in range(eerste.beginjaar, laatste.beginjaar + 1)]


def _leemtes_qs(leerling: Leerling) -> QuerySet[Any]:
    from rugzak.betalingen.models import Leemte

    return (
        Leemte.objects.filter(leerling=leerling)
        .order_by("schooljaar", "run__maand", "id")
        .values("schooljaar", "soort", "melding", "run__maand")
    )


def _leemteregels(rijen: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Per schooljaar de leemtes die betaalruns voor deze leerling vastlegden."""
    uit: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rij in rijen:
        uit[rij["schooljaar"]].append(rij)
    return uit


def _jaarleemtes(
    budget: Budgetoverzicht | None, regels: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """De leemtes van één jaar: die de regelkern nu geeft (``actueel``) en die betaalruns
    vastlegden, elk met de maanden van de runs; dezelfde reden één keer."""
    per_reden: dict[str, dict[str, Any]] = {}
    if budget is not None and budget.leemte:
        per_reden[budget.leemte] = {
            "reden": budget.leemte,
            "soort": budget.leemtesoort,
            "actueel": True,
            "betaalruns": [],
        }
    for rij in regels:
        item = per_reden.setdefault(
            rij["melding"],
            {"reden": rij["melding"], "soort": rij["soort"], "actueel": False, "betaalruns": []},
        )
        run = rij["run__maand"].strftime("%Y-%m")
        if run not in item["betaalruns"]:
            item["betaalruns"].append(run)
    return list(per_reden.values())


def _grootboek_qs(leerling: Leerling) -> QuerySet[Any]:
    """Alle grootboekregels van de leerling met hun ontvanger (naam en bestuur, voor de
    toegang); het jaar en de totalen per maand en ontvanger volgen hieruit."""
    from rugzak.betalingen.models import Grootboekregel
    from rugzak.betalingen.selectors import REGELVELDEN

    return (
        Grootboekregel.objects.filter(leerling=leerling)
        .order_by("maand", "ontvanger_id", "deel", "id")
        .values(*REGELVELDEN, "ontvanger_id", "ontvanger__naam", "ontvanger__bestuur_id")
    )


def _betalingen(
    gebruiker: Gebruiker,
    leerling: Leerling,
    schooljaar: Schooljaar,
    alle: list[dict[str, Any]] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Decimal], list[dict[str, Any]]]:
    """De grootboekregels van deze leerling van ``schooljaar``, de netto totalen per
    schooljaar en de netto bedragen per maand en ontvanger (alle jaren), alleen van
    ontvangers waarvan ``gebruiker`` het grootboek mag zien. ``alle``: de rijen van
    :func:`_grootboek_qs` als die al gelezen zijn (anders één query)."""
    from rugzak.betalingen import rechten

    if alle is None:
        alle = list(_grootboek_qs(leerling))
    ontvangers = {
        r["ontvanger_id"]: Organisatie(pk=r["ontvanger_id"], bestuur_id=r["ontvanger__bestuur_id"])
        for r in alle
    }
    zichtbaar = rechten.ontvangergronden(gebruiker, [ontvangers[i] for i in sorted(ontvangers)])
    if not zichtbaar:
        return [], {}, []
    regels = [r for r in alle if r["ontvanger_id"] in zichtbaar]
    for r in regels:
        del r["ontvanger__bestuur_id"]
    dit_jaar = [r for r in regels if schooljaar.begin <= r["maand"] <= schooljaar.einde]
    # netto per maand en ontvanger (zoals SUM ... GROUP BY maand, ontvanger)
    sommen: dict[tuple[date, int], list[Any]] = {}
    for r in regels:
        som = sommen.setdefault((r["maand"], r["ontvanger_id"]), [r["ontvanger__naam"], 0])
        som[1] += r["bedrag_centen"]
    per_schooljaar: dict[str, Decimal] = defaultdict(Decimal)
    per_maand: list[dict[str, Any]] = []
    for (maand, ontvanger_id), (naam, centen) in sorted(sommen.items()):
        per_schooljaar[str(Schooljaar.van_datum(maand))] += _euro(centen)
        per_maand.append(
            {
                "maand": maand.strftime("%Y-%m"),
                "schooljaar": str(Schooljaar.van_datum(maand)),
                "ontvanger_id": ontvanger_id,
                "ontvanger": naam,
                "bedrag": _euro(centen),
            }
        )
    return dit_jaar, dict(sorted(per_schooljaar.items())), per_maand


def _jaren(
    leerling: Leerling,
    gekozen: Schooljaar | None,
    schooljaar: Schooljaar,
    per_maand: list[dict[str, Any]],
    dag: date,
    gebeurtenissen: list[Gebeurtenis] | RegelingFout | None = None,
    namen: dict[int, str] | None = None,
    leemterijen: list[dict[str, Any]] | None = None,
) -> tuple[Budgetoverzicht | None, list[Jaaroverzicht], list[Schooljaar]]:
    """Het budget van ``schooljaar``, de geschiedenis (alleen ``gekozen``, of alle jaren;
    I-73) en alle jaren van de geschiedenis (voor een jaarkeuze), in een vast aantal
    queries, hoeveel jaren ook."""
    if gebeurtenissen is None:
        gebeurtenissen = _gebeurtenissen(leerling)
    beschikbaar = _geschiedenisjaren(
        None if isinstance(gebeurtenissen, RegelingFout) else gebeurtenissen,
        {Schooljaar.van_tekst(r["schooljaar"]) for r in per_maand},
        dag,
    )
    jaren = [gekozen] if gekozen is not None else beschikbaar
    alle = sorted({*jaren, schooljaar})
    schemas = _schemas(leerling, gebeurtenissen, alle)
    alle_namen = _namen(list(schemas.values()), namen)
    budgetten = {sj: _budgetoverzicht(sj, schemas.get(sj), alle_namen) for sj in alle}
    if leemterijen is None and jaren:
        leemterijen = list(_leemtes_qs(leerling))
    leemteregels = _leemteregels(leemterijen or [])
    overzicht = []
    for sj in jaren:
        betaald = [r for r in per_maand if r["schooljaar"] == str(sj)]
        overzicht.append(
            Jaaroverzicht(
                schooljaar=sj,
                budget=budgetten[sj],
                betaald=betaald,
                betaald_totaal=sum((r["bedrag"] for r in betaald), Decimal("0.00")),
                leemtes=_jaarleemtes(budgetten[sj], leemteregels.get(str(sj), [])),
            )
        )
    return budgetten[schooljaar], overzicht, beschikbaar


def leerling_volledig_dossier(
    *,
    gebruiker: Gebruiker,
    publiek_id: UUID,
    reden: str,
    schooljaar: Schooljaar | None = None,
) -> VolledigDossier:
    """Het dossier van één leerling over alle zaken heen, elk deel gefilterd op wat de rol
    van ``gebruiker`` mag zien (zie de module-uitleg), met één auditregel 'lezen'.

    ``schooljaar``: het jaar van budget, betalingen, bestedingen en ``jaren``; zonder is dat
    het huidige schooljaar en bevat ``jaren`` elk schooljaar van de leerling (I-73).

    Geen toegang of onbekend id: :class:`GeenToegang` (en een auditregel 'geweigerd').
    """
    from rugzak.betalingen.models import Besteding

    dag = vandaag()
    leerling, grond = leerling_met_leesgrond(
        gebruiker=gebruiker, publiek_id=publiek_id, objecttype="dossier",
        wat="dit dossier", reden=reden, peildatum=dag,
    )  # fmt: skip
    gekozen = schooljaar
    schooljaar = gekozen if gekozen is not None else Schooljaar.van_datum(dag)
    # Elk deel één queryset (met de toegang als EXISTS waar die in SQL zit), samen in één
    # query gelezen (rugzak.leerlingen.bundel); de toegang per zaak daarna, zonder queries.
    (
        inschrijvingen, indicaties, aanvragen, zaken, gasten, overeenkomsten, plannen,
        evaluaties, meldingen, terug, zml, terugplaatsingen, grootboek, leemterijen,
        begeleidingen, bestedingen,
    ) = lees_samen(
        [
            leerling.inschrijvingen.select_related("school").order_by("-van", "id"),
            _indicatiedeel(leerling),
            _aanvragen_qs(leerling),
            *_toelating_qs(leerling),
            *_plannen_qs(leerling),
            *_meldingen_qs(gebruiker, leerling),
            _grootboek_qs(leerling),
            _leemtes_qs(leerling),
            _begeleidingen_qs(leerling),
            Besteding.objects.filter(leerling=leerling, schooljaar=str(schooljaar))
            .select_related("ab_verzorger")
            .order_by("vastgelegd_op", "id"),
        ]
    )  # fmt: skip
    zaken, gasten, zaak_ids = _toelating(gebruiker, zaken, gasten)
    overeenkomsten, plannen = _plannen(overeenkomsten, plannen, evaluaties, zaak_ids)
    meldingdelen = _meldingdelen(leerling, meldingen, terug, zml, terugplaatsingen)
    meldingen, terugmeldingen, zml_aanvragen, gebeurtenissen, namen = meldingdelen
    betalingen, per_schooljaar, per_maand = _betalingen(gebruiker, leerling, schooljaar, grootboek)
    budget, jaren, _ = _jaren(
        leerling, gekozen, schooljaar, per_maand, dag, gebeurtenissen, namen, leemterijen
    )
    dossier = VolledigDossier(
        leerling=leerling,
        grond=grond,
        schooljaar=schooljaar,
        inschrijvingen=inschrijvingen,
        indicaties=indicaties,
        indicatieaanvragen=_aanvragen(gebruiker, aanvragen, dag),
        toelatingszaken=zaken,
        gastleerlingschappen=gasten,
        overeenkomsten=overeenkomsten,
        handelingsplannen=plannen,
        meldingen=meldingen,
        terugmeldingen=terugmeldingen,
        zml_aanvragen=zml_aanvragen,
        begeleidingen=_begeleidingen(gebruiker, begeleidingen, dag),
        budget=budget,
        betalingen=betalingen,
        betalingen_per_schooljaar=per_schooljaar,
        bestedingen=bestedingen,
        jaren=jaren,
    )
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.LEZEN,
        objecttype="dossier",
        object_id=leerling.publiek_id,
        leerling_publiek_id=leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden if gekozen is None else f"{reden}, schooljaar {gekozen}",
        velden=[d for d in DELEN if getattr(dossier, d)],
    )
    return dossier


@dataclass(frozen=True)
class Geschiedenis:
    """De rugzak van een leerling over de schooljaren heen, zoals de leerlingpagina hem
    toont: de jaren om uit te kiezen, het gekozen jaar (None: alle) en per getoond jaar
    het overzicht (I-73)."""

    leerling: Leerling
    beschikbaar: list[Schooljaar]
    gekozen: Schooljaar | None
    jaren: list[Jaaroverzicht]


def rugzak_geschiedenis(
    *, gebruiker: Gebruiker, publiek_id: UUID, schooljaar: Schooljaar | None, reden: str
) -> Geschiedenis:
    """De geschiedenis per schooljaar van één leerling (alleen ``schooljaar``, of alle
    jaren), met dezelfde toegang per deel als het dossier: budget en leemtes voor wie de
    leerling ziet, het grootboek alleen van zichtbare ontvangers. Eén auditregel 'lezen'
    (objecttype 'rugzak', veld 'jaren') als er iets getoond wordt; geen toegang:
    :class:`GeenToegang` met een auditregel 'geweigerd'."""
    dag = vandaag()
    leerling, grond = leerling_met_leesgrond(
        gebruiker=gebruiker, publiek_id=publiek_id, objecttype="rugzak",
        wat="deze leerling", reden=reden, peildatum=dag,
    )  # fmt: skip
    huidig = schooljaar if schooljaar is not None else Schooljaar.van_datum(dag)
    # grootboek, leemtes en de zaken voor de regelkern samen in één query, zoals het dossier
    meldingen, terug, zml, terugplaatsingen, grootboek, leemterijen = lees_samen(
        [*_meldingen_qs(gebruiker, leerling), _grootboek_qs(leerling), _leemtes_qs(leerling)]
    )
    *_, gebeurtenissen, namen = _meldingdelen(leerling, meldingen, terug, zml, terugplaatsingen)
    _, _, per_maand = _betalingen(gebruiker, leerling, huidig, grootboek)
    _, jaren, beschikbaar = _jaren(
        leerling, schooljaar, huidig, per_maand, dag, gebeurtenissen, namen, leemterijen
    )
    if jaren:
        audit_registreer(
            gebruiker=gebruiker,
            actie=Actie.LEZEN,
            objecttype="rugzak",
            object_id=leerling.publiek_id,
            leerling_publiek_id=leerling.publiek_id,
            rol=grond.rol,
            organisatie_id=grond.organisatie_id,
            reden=f"{reden}: " + ", ".join(str(j.schooljaar) for j in jaren),
            velden=["jaren"],
        )
    return Geschiedenis(leerling, beschikbaar, schooljaar, jaren)
