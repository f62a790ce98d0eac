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
budget en bestedingen van dit schooljaar    wie de leerling mag zien, zoals het
                                            bestedingsoverzicht (rugzak.betalingen)
betalingen (grootboekregels)                per ontvanger: de ontvanger zelf en haar
                                            bestuur (rugzak.betalingen.rechten)
==========================================  ===============================================

De bekostigingsinstantie ziet geen dossier: zij kent leerlingen alleen op CvI-nummer.
Het budget komt uit de regelkern (:func:`rugzak.regeling.regels.betaling.betaalschema`)
met de gebeurtenissen uit de geregistreerde meldingen; hier wordt niets uitgerekend.

Het aantal queries hangt niet af van het aantal zaken of betalingen van de leerling:
elk deel is één query (met ``select_related``/``prefetch_related``) en de toegang per deel
wordt in één keer voor alle zaken bepaald.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, Sum

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer
from rugzak.gedeeld.tijd import vandaag
from rugzak.leerlingen.models import Inschrijving, Leerling
from rugzak.leerlingen.selectors import leerling_met_leesgrond
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.regeling.fouten import RegelingFout
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import betaalschema
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
)


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


def _euro(centen: int) -> Decimal:
    return Decimal(centen).scaleb(-2)


def _indicatiedeel(leerling: Leerling) -> list[Any]:
    from rugzak.indicaties.models import Indicatie

    return list(
        Indicatie.objects.filter(leerling=leerling)
        .select_related("cvi", "leerling", "vorige")
        .order_by("-indicatiedatum", "-id")
    )


def _aanvragen(gebruiker: Gebruiker, leerling: Leerling, dag: date) -> list[Any]:
    from rugzak.indicaties.models import Indicatieaanvraag
    from rugzak.indicaties.selectors import aanvragen_met_grond

    aanvragen = list(
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
    return [a for a, _ in aanvragen_met_grond(gebruiker, aanvragen, dag)]


def _toelating(gebruiker: Gebruiker, leerling: Leerling) -> tuple[list[Any], list[Any], set[int]]:
    """Toelatingszaken en gastleerlingschappen die ``gebruiker`` mag zien, en de pk's van
    de leesbare toelatingszaken (voor overeenkomsten en handelingsplannen)."""
    from rugzak.toelating.models import Gastleerlingschap, Toelatingszaak
    from rugzak.toelating.selectors import zaakgronden

    zaken = list(
        Toelatingszaak.objects.filter(leerling=leerling)
        .select_related("school", "leerling", "indicatie")
        .order_by("-verzoek_op", "-id")
    )
    gronden = zaakgronden(
        gebruiker,
        zaken,
        scholen_van=lambda z: [z.school_id],
        besturen_van=lambda z: [z.school.bestuur_id],
    )
    gasten = list(
        Gastleerlingschap.objects.filter(leerling=leerling)
        .select_related("school", "rec_school", "leerling")
        .order_by("-begin", "-id")
    )
    gastgronden = zaakgronden(
        gebruiker,
        gasten,
        scholen_van=lambda z: [z.school_id, z.rec_school_id],
        besturen_van=lambda z: [z.school.bestuur_id],
    )
    return (
        [z for z in zaken if z.pk in gronden],
        [g for g in gasten if g.pk in gastgronden],
        set(gronden),
    )


def _plannen(leerling: Leerling, zaak_ids: set[int]) -> tuple[list[Any], list[Any]]:
    from rugzak.handelingsplannen.models import Evaluatie, Handelingsplan, Overeenkomst

    if not zaak_ids:
        return [], []
    overeenkomsten = list(
        Overeenkomst.objects.filter(zaak_id__in=zaak_ids)
        .select_related("zaak", "zaak__school", "zaak__leerling")
        .order_by("-looptijd_van", "-id")
    )
    plannen = list(
        Handelingsplan.objects.filter(zaak_id__in=zaak_ids)
        .select_related("zaak", "zaak__school", "zaak__leerling")
        .prefetch_related(
            Prefetch("evaluaties", queryset=Evaluatie.objects.order_by("uiterlijk", "id"))
        )
        .order_by("-aangemaakt_op", "-id")
    )
    return overeenkomsten, plannen


def _meldingen(
    gebruiker: Gebruiker, leerling: Leerling
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    from rugzak.meldingen import rechten
    from rugzak.meldingen.models import Melding, Terugmelding, ZmlAanvraag
    from rugzak.meldingen.selectors import MELDINGVELDEN, TERUGMELDINGVELDEN, ZMLVELDEN

    q = rechten.q_scholen_zichtbaar(gebruiker)
    if q is None:
        return [], [], []
    meldingen_qs = Melding.objects.filter(q, leerling=leerling)
    publiek = {"leerling_publiek_id": leerling.publiek_id}
    meldingen = [
        {**rij, **publiek}
        for rij in meldingen_qs.order_by("-meldingsdatum", "-id").values(*MELDINGVELDEN)
    ]
    terug = [
        {**rij, **publiek}
        for rij in Terugmelding.objects.filter(melding__in=meldingen_qs)
        .order_by("-ingediend_op_datum", "-id")
        .values(*TERUGMELDINGVELDEN)
    ]
    zml = [
        {**rij, **publiek}
        for rij in ZmlAanvraag.objects.filter(melding__in=meldingen_qs)
        .order_by("-aanvraagdatum", "-id")
        .values(*ZMLVELDEN)
    ]
    return meldingen, terug, zml


def _begeleidingen(gebruiker: Gebruiker, leerling: Leerling, dag: date) -> list[Any]:
    from rugzak.ambulante_begeleiding.selectors import basis, begeleidingen_met_grond

    begeleidingen = list(basis().filter(leerling=leerling).order_by("-aangevraagd_op", "-id"))
    return [b for b, _ in begeleidingen_met_grond(gebruiker, begeleidingen, dag)]


def _budget(leerling: Leerling, schooljaar: Schooljaar) -> Budgetoverzicht | None:
    """Het budget van ``schooljaar`` uit de regelkern; None zonder geaccepteerde melding."""
    from rugzak.meldingen.selectors import gebeurtenissen_per_leerling

    try:
        gebeurtenissen = gebeurtenissen_per_leerling(leerling_ids=[leerling.pk])[leerling.pk]
    except RegelingFout as fout:  # een geregistreerde melding die de regelkern weigert
        return Budgetoverzicht(schooljaar=schooljaar, leemte=str(fout))
    if not gebeurtenissen:
        return None
    try:
        schema = betaalschema(
            standaard_regeling(),
            gebeurtenissen,
            schooljaar,
            geboortedatum=leerling.geboortedatum,
        )
    except RegelingFout as fout:
        return Budgetoverzicht(schooljaar=schooljaar, leemte=str(fout))
    per_deel: dict[str, Decimal] = defaultdict(Decimal)
    per_ontvanger_id: dict[str, Decimal] = defaultdict(Decimal)
    for b in schema.betalingen:
        per_deel[b.deel.value] += b.bedrag
        per_ontvanger_id[b.ontvanger_id] += b.bedrag
    namen = dict(
        Organisatie.objects.filter(
            pk__in=[int(i) for i in per_ontvanger_id if i.isdigit()]
        ).values_list("pk", "naam")
    )
    return Budgetoverzicht(
        schooljaar=schooljaar,
        per_deel=dict(per_deel),
        per_ontvanger={
            namen.get(int(i), i) if i.isdigit() else i: bedrag
            for i, bedrag in per_ontvanger_id.items()
        },
        totaal=sum(per_deel.values(), Decimal("0.00")),
        maanden=[
            {
                "maand": str(s.maand),
                "school": namen.get(int(s.school), s.school) if s.school.isdigit() else s.school,
                "betaald": s.betaald,
                "reden": s.reden,
                "zml_aanvulling": s.zml_aanvulling,
            }
            for s in schema.statussen
        ],
        uitleg=schema.uitleg.als_tekst(),
    )


def _betalingen(
    gebruiker: Gebruiker, leerling: Leerling, schooljaar: Schooljaar
) -> tuple[list[dict[str, Any]], dict[str, Decimal]]:
    """De grootboekregels van deze leerling van ``schooljaar`` en de netto totalen per
    schooljaar, alleen van ontvangers waarvan ``gebruiker`` het grootboek mag zien."""
    from rugzak.betalingen import rechten
    from rugzak.betalingen.models import Grootboekregel
    from rugzak.betalingen.selectors import REGELVELDEN

    regels = Grootboekregel.objects.filter(leerling=leerling)
    ontvangers = Organisatie.objects.filter(
        pk__in=regels.values("ontvanger_id").distinct()
    ).order_by("pk")
    zichtbaar = list(rechten.ontvangergronden(gebruiker, ontvangers))
    if not zichtbaar:
        return [], {}
    regels = regels.filter(ontvanger_id__in=zichtbaar)
    dit_jaar = list(
        regels.filter(maand__gte=schooljaar.begin, maand__lte=schooljaar.einde)
        .order_by("maand", "ontvanger_id", "deel", "id")
        .values(*REGELVELDEN, "ontvanger_id", "ontvanger__naam")
    )
    per_schooljaar: dict[str, Decimal] = defaultdict(Decimal)
    for maand, centen in regels.values_list("maand").annotate(s=Sum("bedrag_centen")):
        per_schooljaar[str(Schooljaar.van_datum(maand))] += _euro(centen)
    return dit_jaar, dict(sorted(per_schooljaar.items()))


def leerling_volledig_dossier(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> VolledigDossier:
    """Het dossier van één leerling over alle zaken heen, elk deel gefilterd op wat de rol
    van ``gebruiker`` mag zien (zie de module-uitleg), met één auditregel 'lezen'.

    Geen toegang of onbekend id: :class:`GeenToegang` (en een auditregel 'geweigerd').
    """
    from rugzak.betalingen.models import Besteding

    dag = vandaag()
    leerling, grond = leerling_met_leesgrond(
        gebruiker=gebruiker, publiek_id=publiek_id, objecttype="dossier",
        wat="dit dossier", reden=reden, peildatum=dag,
    )  # fmt: skip
    schooljaar = Schooljaar.van_datum(dag)
    zaken, gasten, zaak_ids = _toelating(gebruiker, leerling)
    overeenkomsten, plannen = _plannen(leerling, zaak_ids)
    meldingen, terugmeldingen, zml = _meldingen(gebruiker, leerling)
    betalingen, per_schooljaar = _betalingen(gebruiker, leerling, schooljaar)
    dossier = VolledigDossier(
        leerling=leerling,
        grond=grond,
        schooljaar=schooljaar,
        inschrijvingen=list(leerling.inschrijvingen.select_related("school").order_by("-van")),
        indicaties=_indicatiedeel(leerling),
        indicatieaanvragen=_aanvragen(gebruiker, leerling, dag),
        toelatingszaken=zaken,
        gastleerlingschappen=gasten,
        overeenkomsten=overeenkomsten,
        handelingsplannen=plannen,
        meldingen=meldingen,
        terugmeldingen=terugmeldingen,
        zml_aanvragen=zml,
        begeleidingen=_begeleidingen(gebruiker, leerling, dag),
        budget=_budget(leerling, schooljaar),
        betalingen=betalingen,
        betalingen_per_schooljaar=per_schooljaar,
        bestedingen=list(
            Besteding.objects.filter(leerling=leerling, schooljaar=str(schooljaar))
            .select_related("ab_verzorger")
            .order_by("vastgelegd_op", "id")
        ),
    )
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.LEZEN,
        objecttype="dossier",
        object_id=leerling.publiek_id,
        leerling_publiek_id=leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
        velden=[d for d in DELEN if getattr(dossier, d)],
    )
    return dossier
