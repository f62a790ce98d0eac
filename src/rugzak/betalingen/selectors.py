"""Lezen: betaalruns met hun leemtes, het grootboek per ontvanger (ook als CSV), de
REC-bekostiging en formatiegarantie, en de besteding per leerling. Altijd via de rechten
en gelogd; leerlingen staan in grootboek en runs alleen op CvI-nummer, nooit met naam.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer, audit_registreer_lijst
from rugzak.betalingen import rechten
from rugzak.betalingen.models import (
    BUDGETDEEL_KEUZES,
    Besteding,
    Betaalrun,
    Boekingsoort,
    Garantietoedeling,
    Grootboekregel,
    Leemte,
    Leemtesoort,
    Leerlingberekening,
    RecTelling,
)
from rugzak.betalingen.services import formatiegarantie_berekenen
from rugzak.gedeeld.csvbestand import bedrag as csv_bedrag
from rugzak.gedeeld.csvbestand import csv_tekst
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.paginering import Deel, Venster
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import rec as kernrec
from rugzak.regeling.regels.besteding import (
    Bestedingssoort,
    Onderdeel,
    beoordeel_besteding,
    ontvangen_per_onderdeel,
)
from rugzak.regeling.tijd import Schooljaar


def _euro(centen: int) -> Decimal:
    return Decimal(centen).scaleb(-2)


# --- betaalruns -------------------------------------------------------------------------------

RUNVELDEN = (
    "publiek_id", "maand", "status", "aangevraagd_op", "begonnen_op", "uitgevoerd_op",
    "hartslag_op", "poging", "leerlingen_gedaan", "leerlingen_totaal", "reden", "peildatum",
    "leerlingen", "regels", "totaal_centen", "leemtes", "uitgevoerd_door__username",
    "terugval", "fase",
)  # fmt: skip


def betaalruns_deel(*, gebruiker: Gebruiker, venster: Venster | None) -> Deel[dict[str, Any]]:
    """De betaalruns, nieuwste eerst: de pagina ``venster`` (None: alle) en het totaal.
    Geen leerlinggegevens, dus geen auditregel."""
    rechten.vereis_bekostiging(gebruiker, wat="de betaalruns")
    qs = Betaalrun.objects.order_by("-aangevraagd_op", "-id")
    if venster is None:
        runs = list(qs.values(*RUNVELDEN))
        return Deel(runs, len(runs))
    aantal = qs.count()
    if venster.begin >= aantal:
        return Deel([], aantal)
    return Deel(list(qs.values(*RUNVELDEN)[venster.begin : venster.eind]), aantal)


def betaalruns_lijst(*, gebruiker: Gebruiker) -> list[dict[str, Any]]:
    return betaalruns_deel(gebruiker=gebruiker, venster=None).items


def geldende_leemtes(run_id: int) -> QuerySet[Leemte]:
    """De leemtes die na run ``run_id`` gelden (I-191): per leerling die van haar laatste
    berekening tot en met deze run (:class:`Leerlingberekening`), ook als een eerdere run ze
    vastlegde omdat ze sindsdien niet veranderden. Een leerling zonder vastgelegde
    berekening (runs van voor de incrementele run): de leemtes van deze run zelf."""
    laatste = (
        Leerlingberekening.objects.filter(leerling_id=OuterRef("leerling_id"), run_id__lte=run_id)
        .order_by("-id")
        .annotate(r=Coalesce("leemte_run_id", Value(0)))
        .values("r")[:1]
    )
    qs: QuerySet[Leemte] = (
        Leemte.objects.filter(run_id__lte=run_id)
        .annotate(geldend=Coalesce(Subquery(laatste), Value(run_id)))
        .filter(run_id=F("geldend"))
    )
    return qs


_LEEMTEVELDEN = ("cvi_nummers", "schooljaar", "soort", "melding", "leerling__publiek_id")


def _run_id(publiek_id: UUID) -> int:
    run_id = Betaalrun.objects.filter(publiek_id=publiek_id).values_list("id", flat=True).first()
    if run_id is None:
        raise Betaalrun.DoesNotExist(f"geen betaalrun met id {publiek_id}")
    return int(run_id)


def betaalrun_leemtes_deel(
    *, gebruiker: Gebruiker, publiek_id: UUID, venster: Venster | None
) -> Deel[dict[str, Any]]:
    """De geldende leemtes van een run (op schooljaar en CvI-nummer): de pagina ``venster``
    (None: alle) en het totaal. Gelogd: alleen de getoonde leemtes (een per leerling)."""
    grond = rechten.vereis_bekostiging(gebruiker, wat="de betaalruns")
    run_id = _run_id(publiek_id)
    qs = geldende_leemtes(run_id).order_by("schooljaar", "cvi_nummers", "id")
    if venster is None:
        leemtes = list(qs.values(*_LEEMTEVELDEN))
        aantal = len(leemtes)
    else:
        aantal = qs.count()
        leemtes = list(qs.values(*_LEEMTEVELDEN)[venster.begin : venster.eind])
    audit_registreer_lijst(
        gebruiker=gebruiker,
        objecttype="leemte",
        items=[
            (str(publiek_id), r["leerling__publiek_id"], grond.rol, grond.organisatie_id)
            for r in leemtes
        ],
        reden="betaalrun bekeken",
    )
    for r in leemtes:
        r.pop("leerling__publiek_id")
    return Deel(leemtes, aantal)


def betaalrun_leemtegroepen(*, gebruiker: Gebruiker, publiek_id: UUID) -> list[dict[str, Any]]:
    """De geldende leemtes van een run geteld per schooljaar en soort (geen leerlinggegevens,
    dus geen auditregel)."""
    rechten.vereis_bekostiging(gebruiker, wat="de betaalruns")
    return [
        {**g, "soort_tekst": Leemtesoort(g["soort"]).label}
        for g in geldende_leemtes(_run_id(publiek_id))
        .values("schooljaar", "soort")
        .annotate(aantal=Count("id"))
        .order_by("schooljaar", "soort")
    ]


def betaalrun_weergave(
    *, gebruiker: Gebruiker, publiek_id: UUID, leemtes: bool = True
) -> dict[str, Any]:
    """Eén run met zijn geldende leemtes per leerling (op CvI-nummer; ``leemtes=False``:
    zonder, de webpagina haalt ze per pagina met :func:`betaalrun_leemtes_deel`) en
    totalen per ontvanger."""
    rechten.vereis_bekostiging(gebruiker, wat="de betaalruns")
    run = Betaalrun.objects.filter(publiek_id=publiek_id).values(*RUNVELDEN, "id").first()
    if run is None:
        raise Betaalrun.DoesNotExist(f"geen betaalrun met id {publiek_id}")
    run_id = run.pop("id")
    per_ontvanger = list(
        Grootboekregel.objects.filter(run_id=run_id)
        .values("ontvanger_id", "ontvanger__naam", "soort")
        .annotate(centen=Sum("bedrag_centen"))
        .order_by("ontvanger__naam", "soort")
    )
    if leemtes:
        run["leemteregels"] = betaalrun_leemtes_deel(
            gebruiker=gebruiker, publiek_id=publiek_id, venster=None
        ).items
    run["per_ontvanger"] = per_ontvanger
    return run


# --- grootboek ---------------------------------------------------------------------------------


@dataclass
class Totalen:
    betaling: int = 0
    correctie: int = 0

    @property
    def netto(self) -> int:
        return self.betaling + self.correctie

    def als_dict(self) -> dict[str, str]:
        return {
            "betaling": str(_euro(self.betaling)),
            "correctie": str(_euro(self.correctie)),
            "netto": str(_euro(self.netto)),
        }


@dataclass
class Grootboekoverzicht:
    ontvanger: Organisatie
    schooljaar: Schooljaar | None
    per_maand: dict[str, Totalen] = field(default_factory=dict)
    per_schooljaar: dict[str, Totalen] = field(default_factory=dict)
    per_deel: dict[str, Totalen] = field(default_factory=dict)
    regels: list[dict[str, Any]] = field(default_factory=list)
    #: Alle regels van het overzicht; ``regels`` is met een venster maar één pagina.
    aantal_regels: int = 0


REGELVELDEN = (
    "id", "maand", "cvi_nummer", "deel", "bedrag_centen", "soort", "run__publiek_id",
    "run__maand", "aangemaakt_op",
)  # fmt: skip


def _ontvanger(
    gebruiker: Gebruiker, ontvanger_id: int
) -> tuple[Organisatie, toegang.Toegangsgrond]:
    ontvanger = Organisatie.objects.filter(pk=ontvanger_id).first()
    grond = rechten.ontvangergrond(gebruiker, ontvanger) if ontvanger is not None else None
    if ontvanger is None or grond is None:
        raise GeenToegang(
            "het grootboek van deze ontvanger",
            nodig="de rol medewerker bekostiging, of een rol bij de ontvanger of haar bestuur",
        )
    return ontvanger, grond


def _regels(ontvanger: Organisatie, schooljaar: Schooljaar | None) -> Any:
    qs = Grootboekregel.objects.filter(ontvanger=ontvanger)
    if schooljaar is not None:
        qs = qs.filter(maand__gte=schooljaar.begin, maand__lte=schooljaar.einde)
    return qs.order_by("maand", "cvi_nummer", "deel", "id")


def grootboek_overzicht(
    *,
    gebruiker: Gebruiker,
    ontvanger_id: int,
    schooljaar: Schooljaar | None = None,
    met_regels: bool = True,
    venster: Venster | None = None,
) -> Grootboekoverzicht:
    """Het grootboek van één ontvanger: totalen per maand, per schooljaar en per deel
    (betaling, correctie, netto), en de regels. Elke leerling in de regels wordt gelogd.

    Met ``venster`` zijn ``regels`` alleen die pagina (de totalen gaan over alles) en
    worden alleen de leerlingen van die regels gelogd."""
    ontvanger, grond = _ontvanger(gebruiker, ontvanger_id)
    overzicht = Grootboekoverzicht(ontvanger, schooljaar)
    publiek: list[tuple[str, Any]] = []
    for nummer, r in enumerate(
        _regels(ontvanger, schooljaar).values(*REGELVELDEN, "leerling__publiek_id")
    ):
        maand: date = r["maand"]
        for sleutel, bak in (
            (f"{maand:%Y-%m}", overzicht.per_maand),
            (str(Schooljaar.van_datum(maand)), overzicht.per_schooljaar),
            (r["deel"], overzicht.per_deel),
        ):
            t = bak.setdefault(sleutel, Totalen())
            if r["soort"] == "betaling":
                t.betaling += r["bedrag_centen"]
            else:
                t.correctie += r["bedrag_centen"]
        leerling = r.pop("leerling__publiek_id")
        overzicht.aantal_regels += 1
        if venster is not None and not venster.begin <= nummer < venster.eind:
            continue
        publiek.append((f"grootboek:{ontvanger.pk}", leerling))
        if met_regels:
            overzicht.regels.append(r)
    audit_registreer_lijst(
        gebruiker=gebruiker,
        objecttype="grootboek",
        items=[
            (f"grootboek:{ontvanger.pk}", lp, grond.rol, grond.organisatie_id)
            for lp in sorted({p for _, p in publiek}, key=str)
        ],
        reden="grootboek bekeken",
    )
    return overzicht


#: De kolommen van de CSV van het grootboek (rugzak.gedeeld.csvbestand: puntkomma, BOM,
#: bedragen met een komma, datums ISO).
CSV_KOLOMMEN = (
    "Maand", "Ontvanger (BRIN)", "CvI-nummer", "Deel van het budget", "Bedrag (euro)",
    "Soort boeking", "Betaalrun", "Maand van de betaalrun", "Geboekt op",
)  # fmt: skip


def grootboek_csv(
    *, gebruiker: Gebruiker, ontvanger_id: int, schooljaar: Schooljaar | None = None
) -> str:
    """Het grootboek van één ontvanger als CSV voor een Nederlandse spreadsheet
    (:mod:`rugzak.gedeeld.csvbestand`: puntkomma, BOM, bedragen met een komma, leesbare
    koppen en omschrijvingen, datums ISO). Elke leerling in de export krijgt een
    auditregel 'exporteren'."""
    ontvanger, grond = _ontvanger(gebruiker, ontvanger_id)
    delen = dict(BUDGETDEEL_KEUZES)
    soorten = dict(Boekingsoort.choices)
    leerlingen: set[Any] = set()
    rijen = []
    for r in _regels(ontvanger, schooljaar).values(*REGELVELDEN, "leerling__publiek_id"):
        leerlingen.add(r["leerling__publiek_id"])
        rijen.append(
            (
                f"{r['maand']:%Y-%m}",
                ontvanger.brin or ontvanger.pk,
                r["cvi_nummer"],
                delen.get(r["deel"], r["deel"]),
                csv_bedrag(_euro(r["bedrag_centen"])),
                soorten.get(r["soort"], r["soort"]),
                r["run__publiek_id"],
                f"{r['run__maand']:%Y-%m}",
                timezone.localtime(r["aangemaakt_op"]).strftime("%Y-%m-%d %H:%M"),
            )
        )
    tekst = csv_tekst(CSV_KOLOMMEN, rijen)
    for lp in sorted(leerlingen, key=str):
        audit_registreer(
            gebruiker=gebruiker,
            actie=Actie.EXPORTEREN,
            objecttype="grootboek",
            object_id=f"grootboek:{ontvanger.pk}",
            leerling_publiek_id=lp,
            rol=grond.rol,
            organisatie_id=grond.organisatie_id,
            reden=f"grootboek geëxporteerd als CSV ({schooljaar or 'alle schooljaren'})",
        )
    return tekst


def ontvangers(*, gebruiker: Gebruiker) -> list[dict[str, Any]]:
    """De ontvangers waarvan ``gebruiker`` het grootboek mag zien, met hun totaal."""
    ids = Grootboekregel.objects.values_list("ontvanger_id", flat=True).distinct()
    uit = []
    for org in Organisatie.objects.filter(pk__in=ids).order_by("naam"):
        if rechten.ontvangergrond(gebruiker, org) is not None:
            totaal = Grootboekregel.objects.filter(ontvanger=org).aggregate(s=Sum("bedrag_centen"))[
                "s"
            ]
            uit.append(
                {
                    "id": org.pk,
                    "naam": org.naam,
                    "brin": org.brin,
                    "soort": org.soort,
                    "totaal": _euro(totaal or 0),
                }
            )
    return uit


# --- REC -----------------------------------------------------------------------------------------


def _rec(gebruiker: Gebruiker, rec_id: int) -> tuple[Organisatie, toegang.Toegangsgrond]:
    rec = Organisatie.objects.filter(pk=rec_id, soort=Organisatiesoort.REC).first()
    grond = rechten.recgrond(gebruiker, rec, schrijven=False) if rec is not None else None
    if rec is None or grond is None:
        raise GeenToegang(
            "de gegevens van dit REC",
            nodig="een rol bij de CvI of de AB-dienst van het REC, of medewerker bekostiging",
        )
    return rec, grond


def rec_bekostiging_voor(
    *, gebruiker: Gebruiker, rec_id: int, schooljaar: Schooljaar
) -> kernrec.RecBekostiging:
    """De REC-bekostiging uit de vastgelegde telling en het aantal scholen van het REC
    (regelkern; een schooljaar zonder bron geeft ``OntbrekendeBron``, geen nul)."""
    rec, _ = _rec(gebruiker, rec_id)
    telling = RecTelling.objects.filter(rec=rec, schooljaar=str(schooljaar)).first()
    if telling is None:
        from django.core.exceptions import ValidationError

        raise ValidationError(
            {"schooljaar": f"er is voor {schooljaar} geen leerlingtelling vastgelegd"}
        )
    scholen = Organisatie.objects.filter(rec=rec, soort=Organisatiesoort.SCHOOL).count()
    return kernrec.rec_bekostiging(
        standaard_regeling(), schooljaar, leerlingen=telling.leerlingen, scholen=scholen,
        ambulant_begeleid=telling.ambulant_begeleid,
    )  # fmt: skip


def formatiegarantie_voor(
    *, gebruiker: Gebruiker, rec_id: int, schooljaar: Schooljaar
) -> tuple[kernrec.Formatiegarantie, list[dict[str, Any]]]:
    """De formatiegarantie van het REC en de gemelde toedelingen (nieuwste eerst)."""
    rec, _ = _rec(gebruiker, rec_id)
    garantie = formatiegarantie_berekenen(rec=rec, schooljaar=schooljaar)
    toedelingen = []
    for t in Garantietoedeling.objects.filter(rec=rec, schooljaar=str(schooljaar)).prefetch_related(
        "regels__school"
    ):
        toedelingen.append(
            {
                "publiek_id": t.publiek_id,
                "garantie_fre": t.garantie_fre,
                "gemeld_op": t.gemeld_op,
                "toedeling": {r.school.brin: r.fre for r in t.regels.all()},
            }
        )
    return garantie, toedelingen


# --- besteding -------------------------------------------------------------------------------


@dataclass
class Bestedingsoverzicht:
    leerling: Leerling
    schooljaar: Schooljaar
    bestedingen: list[Besteding]
    besteed: dict[str, Decimal]
    ontvangen: dict[str, Decimal]
    grond: toegang.Toegangsgrond
    #: Alle bestedingen van het schooljaar; ``bestedingen`` is met een venster één pagina.
    aantal: int = 0
    #: Per onderdeel: wat boven het ontvangen bedrag is besteed, met reden (I-56).
    overschreden: dict[str, Decimal] = field(default_factory=dict)


def bestedingen_van_leerling(
    *,
    gebruiker: Gebruiker,
    publiek_id: UUID,
    schooljaar: Schooljaar,
    venster: Venster | None = None,
) -> Bestedingsoverzicht:
    """De bestedingen van de rugzak van één leerling in een schooljaar, per onderdeel naast
    wat er volgens het grootboek voor dat onderdeel is betaald (school en AB-verzorger).
    Met ``venster`` alleen die pagina van de bestedingen; de totalen gaan over alle.
    Behalve wie de leerling mag zien, ziet ook de AB-verzorger die de AB-delen ontving dit
    overzicht: zij legt het AB-deel vast (I-57)."""
    leerling, grond = toegang.leerling_en_leesgrond(gebruiker, publiek_id=publiek_id)
    if leerling is not None and grond is None:
        via_ab = rechten.ab_verzorgergrond(gebruiker, leerling.pk)
        grond = via_ab[0] if via_ab is not None else None
    if leerling is None or grond is None:
        audit_registreer(
            gebruiker=gebruiker, actie=Actie.GEWEIGERD, objecttype="besteding",
            object_id=publiek_id, leerling_publiek_id=publiek_id,
            reden="bestedingen: geen toegang of onbekend id",
        )  # fmt: skip
        raise GeenToegang("deze leerling", nodig="een rol die deze leerling mag zien")
    bestedingen = list(
        Besteding.objects.filter(leerling=leerling, schooljaar=str(schooljaar))
        .select_related("ab_verzorger", "school")
        .order_by("vastgelegd_op", "id")
    )
    if venster is None or venster.pagina == 1 or venster.begin < len(bestedingen):
        # een pagina voorbij de laatste toont niets (de API weigert haar), dus geen inzage
        audit_registreer(
            gebruiker=gebruiker, actie=Actie.LEZEN, objecttype="besteding",
            object_id=publiek_id, leerling_publiek_id=leerling.publiek_id, rol=grond.rol,
            organisatie_id=grond.organisatie_id, reden=f"bestedingen {schooljaar}",
        )  # fmt: skip
    besteed: dict[str, Decimal] = defaultdict(Decimal)
    overschreden: dict[str, Decimal] = defaultdict(Decimal)
    for b in bestedingen:
        besteed[b.onderdeel] += b.bedrag
        if b.overschrijding_centen:
            overschreden[b.onderdeel] += b.overschrijding
    centen_per_deel = dict(
        Grootboekregel.objects.filter(
            leerling=leerling, maand__gte=schooljaar.begin, maand__lte=schooljaar.einde
        )
        .values_list("deel")
        .annotate(s=Sum("bedrag_centen"))
    )
    ontvangen = {
        onderdeel: _euro(centen)
        for onderdeel, centen in ontvangen_per_onderdeel(centen_per_deel).items()
    }
    return Bestedingsoverzicht(
        leerling,
        schooljaar,
        venster.knip(bestedingen) if venster is not None else bestedingen,
        dict(besteed),
        ontvangen,
        grond,
        aantal=len(bestedingen),
        overschreden=dict(overschreden),
    )


def besteedbare_soorten(*, gebruiker: Gebruiker, leerling: Leerling) -> list[Bestedingssoort]:
    """De soorten besteding die ``gebruiker`` voor deze leerling mag vastleggen: het
    schooldeel (ook zorg, die de regelkern met de PGB-reden weigert) als directie of
    intern begeleider van de school, het AB-deel als AB-verzorger die het ontving (I-57)."""
    soorten: list[Bestedingssoort] = []
    school = toegang.wijziggrond(gebruiker, leerling) is not None
    ab = rechten.ab_verzorgergrond(gebruiker, leerling.pk) is not None
    for soort in Bestedingssoort:
        is_ab = beoordeel_besteding(soort).onderdeel is Onderdeel.AMBULANTE_BEGELEIDING
        if (is_ab and ab) or (not is_ab and school):
            soorten.append(soort)
    return soorten
