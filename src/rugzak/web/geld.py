"""Lezen: het geld, zoals de webtoepassing het toont en uitlegt.

Geen rekenregels hier. Bedragen komen uit het grootboek (wat geboekt is) of uit de
regelkern (:func:`rugzak.regeling.regels.betaling.betaalschema`, wat volgens de regeling
verschuldigd is, met de uitleg: regel, invoer, tarieftabelcellen en bronnen), altijd met
de gegevens zoals ze zijn vastgelegd (de meldingen: zie
:func:`rugzak.meldingen.selectors.gebeurtenissen_per_leerling`). Toegang via de rechten van
de apps (:mod:`rugzak.betalingen.rechten`, :mod:`rugzak.toegang`); elke inzage van een
leerling staat in het auditlog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Sum

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.regeling.begrippen import Onderwijssoort
from rugzak.regeling.fouten import RegelingFout
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import Betaalschema, Betaling, betaalschema
from rugzak.regeling.tijd import Maand, Schooljaar
from rugzak.regeling.uitleg import Uitleg
from rugzak.web.ouders import Rugzakdeel, rugzakdelen, rugzakzin


def _euro(centen: int | None) -> Decimal:
    return Decimal(centen or 0).scaleb(-2)


def _leesbare_scholen(uitleg: Uitleg, namen: dict[str, str]) -> Uitleg:
    """De regelkern noemt organisaties bij hun sleutel ("School 12: ..."); voor de lezer
    de naam erbij. Alleen weergave: de stappen zelf blijven die van de regelkern."""

    def vervang(tekst: str) -> str:
        return re.sub(
            r"\bSchool (\d+):",
            lambda m: f"School {namen.get(m.group(1), m.group(1))}:",
            tekst,
        )

    return Uitleg(
        uitleg.onderwerp,
        tuple(replace(s, omschrijving=vervang(s.omschrijving)) for s in uitleg.stappen),
    )


def _organisatienamen(sleutels: set[str]) -> dict[str, str]:
    ids = [int(s) for s in sleutels if s.isdigit()]
    return {
        str(pk): f"{naam} ({brin})" if brin else naam
        for pk, naam, brin in Organisatie.objects.filter(pk__in=ids).values_list(
            "pk", "naam", "brin"
        )
    }


# --- ontvangers ------------------------------------------------------------------------------


def ontvangers_met_totaal(*, gebruiker: Gebruiker, schooljaar: Schooljaar) -> list[dict[str, Any]]:
    """De ontvangers waarvan ``gebruiker`` het grootboek mag zien, met het netto bedrag van
    dit schooljaar en van alle jaren; in een vast aantal queries (één optelling per groep)."""
    from rugzak.betalingen.models import Grootboekregel
    from rugzak.betalingen.rechten import ontvangergrond
    from rugzak.meldingen.rechten import bekostigingsgrond

    if bekostigingsgrond(gebruiker) is not None:
        kandidaten = None  # de bekostigingsinstantie ziet alle ontvangers
    else:
        kandidaten = set()
        for rol in toegang.actieve_rollen(gebruiker):
            if rol.organisatie_id is not None:
                kandidaten.add(rol.organisatie_id)
                kandidaten.update(
                    Organisatie.objects.filter(bestuur_id=rol.organisatie_id).values_list(
                        "pk", flat=True
                    )
                )
        kandidaten = {
            o.pk
            for o in Organisatie.objects.filter(pk__in=kandidaten)
            if ontvangergrond(gebruiker, o) is not None
        }
    regels = Grootboekregel.objects.all()
    if kandidaten is not None:
        regels = regels.filter(ontvanger_id__in=kandidaten)
    totaal = dict(
        regels.values("ontvanger_id")
        .annotate(s=Sum("bedrag_centen"))
        .values_list("ontvanger_id", "s")
    )
    dit_jaar = dict(
        regels.filter(maand__gte=schooljaar.begin, maand__lte=schooljaar.einde)
        .values("ontvanger_id")
        .annotate(s=Sum("bedrag_centen"))
        .values_list("ontvanger_id", "s")
    )
    return [
        {
            "id": o.pk,
            "naam": o.naam,
            "brin": o.brin,
            "soort": o.get_soort_display(),
            "totaal": _euro(totaal.get(o.pk)),
            "dit_schooljaar": _euro(dit_jaar.get(o.pk)),
        }
        for o in Organisatie.objects.filter(pk__in=list(totaal)).order_by("naam", "pk")
    ]


# --- geld per maand en per onderwijssoort ----------------------------------------------------


@dataclass(frozen=True)
class Geldverdeling:
    """Het geboekte bedrag (netto) van een of meer ontvangers in een schooljaar, per maand
    en per onderwijssoort (van de indicatie achter het CvI-nummer)."""

    titel: str
    schooljaar: Schooljaar
    per_maand: list[tuple[Maand, Decimal]]
    per_onderwijssoort: list[tuple[str, Decimal]]

    @property
    def totaal(self) -> Decimal:
        return sum((b for _, b in self.per_maand), Decimal("0.00"))

    def grafieken(self, naam: str) -> list[Any]:
        """De staafdiagrammen per maand en (als er iets is) per onderwijssoort."""
        from rugzak.web.grafieken import MAANDEN_KORT, staafdiagram

        uit = [
            staafdiagram(
                titel=f"Geboekt per maand, {naam}, {self.schooljaar}",
                reeks=[(MAANDEN_KORT[m.maand - 1], b) for m, b in self.per_maand],
                label_kop="Maand",
                waarde_kop="Netto geboekt",
                met_totaal=True,
            )
        ]
        if self.per_onderwijssoort:
            uit.append(
                staafdiagram(
                    titel=f"Geboekt per onderwijssoort, {naam}, {self.schooljaar}",
                    reeks=self.per_onderwijssoort,
                    liggend=True,
                    label_kop="Onderwijssoort",
                    waarde_kop="Netto geboekt",
                    met_totaal=True,
                )
            )
        return uit


def geldverdeling(
    *, gebruiker: Gebruiker, ontvanger_ids: list[int], schooljaar: Schooljaar, titel: str
) -> Geldverdeling:
    """Per maand en per onderwijssoort wat het grootboek voor deze ontvangers bevat. Alleen
    totalen (geen leerling in beeld, dus geen auditregel per leerling); wie een ontvanger
    niet mag zien, krijgt ``GeenToegang``."""
    from rugzak.betalingen.models import Grootboekregel
    from rugzak.betalingen.rechten import ontvangergrond
    from rugzak.indicaties.models import Indicatie

    for o in Organisatie.objects.filter(pk__in=ontvanger_ids):
        if ontvangergrond(gebruiker, o) is None:
            raise GeenToegang(
                "het grootboek van deze ontvanger",
                nodig="de rol medewerker bekostiging, of een rol bij de ontvanger of haar bestuur",
            )
    regels = Grootboekregel.objects.filter(
        ontvanger_id__in=ontvanger_ids, maand__gte=schooljaar.begin, maand__lte=schooljaar.einde
    )
    per_maand = dict(
        regels.values("maand").annotate(s=Sum("bedrag_centen")).values_list("maand", "s")
    )
    # Eerst per CvI-nummer optellen, dan de onderwijssoort van die indicaties (cvi_nummer is
    # uniek) erbij: twee queries, zonder opzoeking per grootboekregel.
    per_cvi = dict(
        regels.order_by()
        .values("cvi_nummer")
        .annotate(s=Sum("bedrag_centen"))
        .values_list("cvi_nummer", "s")
    )
    soort_van = dict(
        Indicatie.objects.filter(cvi_nummer__in=regels.order_by().values("cvi_nummer"))
        .order_by()
        .values_list("cvi_nummer", "onderwijssoort")
    )
    per_soort: dict[str | None, int] = {}
    for cvi_nummer, centen in per_cvi.items():
        s = soort_van.get(cvi_nummer)
        per_soort[s] = per_soort.get(s, 0) + (centen or 0)
    namen = {o.value: o.omschrijving for o in Onderwijssoort}
    return Geldverdeling(
        titel=titel,
        schooljaar=schooljaar,
        per_maand=[(m, _euro(per_maand.get(m.eerste_dag))) for m in schooljaar.maanden()],
        per_onderwijssoort=sorted(
            ((namen.get(s or "", s or "onbekend"), _euro(c)) for s, c in per_soort.items() if c),
            key=lambda r: -r[1],
        ),
    )


# --- de rugzak van één leerling ---------------------------------------------------------------


@dataclass(frozen=True)
class Rugzak:
    """Wat de rugzak van één leerling in een schooljaar bevat: volgens de regeling (de
    regelkern, uit de geaccepteerde meldingen) en volgens het grootboek (wat betaald is)."""

    leerling: Leerling
    schooljaar: Schooljaar
    schema: Betaalschema | None
    uitleg: Uitleg | None
    leemte: str
    per_ontvanger: list[tuple[str, Decimal]]
    per_deel: list[tuple[str, str, Decimal]]
    betaald: Decimal
    gemeld: bool
    #: per deel het bedrag per schooljaar, de ontvanger en de betaalde maanden (uit het
    #: betaalschema; rugzak.web.ouders)
    delen: list[Rugzakdeel] = field(default_factory=list)

    @property
    def totaal(self) -> Decimal:
        return self.schema.totaal if self.schema is not None else Decimal("0.00")

    @property
    def zin(self) -> str:
        """Wat de rugzak bevat en vanaf wanneer, in één zin (voor ouders en iedereen)."""
        return rugzakzin(
            voornaam=self.leerling.voornaam,
            schooljaar=self.schooljaar,
            delen=self.delen,
            totaal=self.totaal,
        )


def _schema(leerling: Leerling, schooljaar: Schooljaar) -> tuple[Betaalschema | None, str, bool]:
    from rugzak.meldingen.selectors import gebeurtenissen_per_leerling

    try:
        gebeurtenissen = gebeurtenissen_per_leerling(leerling_ids=[leerling.pk])[leerling.pk]
    except RegelingFout as fout:  # een vastgelegde melding die de regelkern niet aanvaardt
        return None, str(fout), True
    if not gebeurtenissen:
        return None, "", False
    try:
        schema = betaalschema(
            standaard_regeling(), gebeurtenissen, schooljaar, geboortedatum=leerling.geboortedatum
        )
    except RegelingFout as fout:
        return None, str(fout), True
    return schema, "", True


def rugzak_van_leerling(
    *, gebruiker: Gebruiker, publiek_id: UUID, schooljaar: Schooljaar
) -> Rugzak:
    """De rugzak van een leerling die ``gebruiker`` mag zien (gelogd)."""
    from rugzak.betalingen.models import Grootboekregel

    # de leerling en de toegang in één query
    leerling, grond = toegang.leerling_en_leesgrond(gebruiker, publiek_id=publiek_id)
    if leerling is None or grond is None:
        audit_registreer(
            gebruiker=gebruiker, actie=Actie.GEWEIGERD, objecttype="rugzak",
            object_id=publiek_id, leerling_publiek_id=publiek_id,
            reden="rugzak: geen toegang of onbekend id",
        )  # fmt: skip
        raise GeenToegang("deze leerling", nodig="een rol die deze leerling mag zien")
    audit_registreer(
        gebruiker=gebruiker, actie=Actie.LEZEN, objecttype="rugzak", object_id=publiek_id,
        leerling_publiek_id=publiek_id, rol=grond.rol, organisatie_id=grond.organisatie_id,
        reden=f"rugzak {schooljaar}",
    )  # fmt: skip
    schema, leemte, gemeld = _schema(leerling, schooljaar)
    betaald = Grootboekregel.objects.filter(
        leerling=leerling, maand__gte=schooljaar.begin, maand__lte=schooljaar.einde
    ).aggregate(s=Sum("bedrag_centen"))["s"]
    per_ontvanger: list[tuple[str, Decimal]] = []
    per_deel: list[tuple[str, str, Decimal]] = []
    rugzak_delen: list[Rugzakdeel] = []
    uitleg = None
    if schema is not None:
        namen = _organisatienamen(
            {b.ontvanger_id for b in schema.betalingen} | {b.school for b in schema.betalingen}
        )
        per_ontvanger = [(namen.get(k, k), v) for k, v in schema.per_ontvanger().items()]
        delen: dict[tuple[str, str], Decimal] = {}
        for b in schema.betalingen:
            sleutel = (b.deel.omschrijving, b.ontvanger.omschrijving)
            delen[sleutel] = delen.get(sleutel, Decimal(0)) + b.bedrag
        per_deel = [(d, o, v) for (d, o), v in delen.items()]
        uitleg = _leesbare_scholen(schema.uitleg, namen)
        rugzak_delen = rugzakdelen(schema.betalingen, namen)
    return Rugzak(
        leerling=leerling,
        schooljaar=schooljaar,
        schema=schema,
        uitleg=uitleg,
        leemte=leemte,
        per_ontvanger=per_ontvanger,
        per_deel=per_deel,
        betaald=_euro(betaald),
        gemeld=gemeld,
        delen=rugzak_delen,
    )


# --- één grootboekregel uitgelegd -----------------------------------------------------------


@dataclass(frozen=True)
class Regeluitleg:
    """Een grootboekregel met de run die haar boekte en de uitleg van de regelkern."""

    regel: dict[str, Any]
    ontvanger: Organisatie
    schooljaar: Schooljaar
    betalingen: list[Betaling]
    verschuldigd: Decimal | None
    geboekt: Decimal
    uitleg: Uitleg | None
    leemte: str
    grond: toegang.Toegangsgrond


def grootboekregel_uitleg(*, gebruiker: Gebruiker, regel_id: int) -> Regeluitleg:
    """Waarom deze grootboekregel: het betaalschema van die leerling in dat schooljaar uit
    de regelkern (met de vastgelegde meldingen), wat er voor deze maand, ontvanger en dit
    deel verschuldigd is, en wat er in totaal geboekt is. De leerling alleen op CvI-nummer."""
    from rugzak.betalingen.models import Grootboekregel
    from rugzak.betalingen.rechten import ontvangergrond

    regel = (
        Grootboekregel.objects.filter(pk=regel_id)
        .values(
            "id", "maand", "ontvanger_id", "leerling_id", "leerling__publiek_id", "cvi_nummer",
            "deel", "bedrag_centen", "soort", "run__publiek_id", "run__maand", "aangemaakt_op",
        )
        .first()
    )  # fmt: skip
    ontvanger = Organisatie.objects.filter(pk=regel["ontvanger_id"]).first() if regel else None
    grond = ontvangergrond(gebruiker, ontvanger) if ontvanger is not None else None
    if regel is None or ontvanger is None or grond is None:
        raise GeenToegang(
            "deze grootboekregel",
            nodig="de rol medewerker bekostiging, of een rol bij de ontvanger of haar bestuur",
        )
    audit_registreer(
        gebruiker=gebruiker, actie=Actie.LEZEN, objecttype="grootboekregel",
        object_id=regel["id"], leerling_publiek_id=regel["leerling__publiek_id"],
        rol=grond.rol, organisatie_id=grond.organisatie_id, reden="uitleg van een grootboekregel",
    )  # fmt: skip
    maand: date = regel["maand"]
    schooljaar = Schooljaar.van_datum(maand)
    leerling = Leerling.objects.only("pk", "geboortedatum").get(pk=regel["leerling_id"])
    schema, leemte, _ = _schema(leerling, schooljaar)
    geboekt = _euro(
        Grootboekregel.objects.filter(
            leerling_id=regel["leerling_id"], ontvanger_id=regel["ontvanger_id"],
            deel=regel["deel"], maand=maand,
        ).aggregate(s=Sum("bedrag_centen"))["s"]
    )  # fmt: skip
    betalingen: list[Betaling] = []
    verschuldigd = None
    uitleg = None
    if schema is not None:
        betalingen = [
            b
            for b in schema.betalingen
            if b.maand == Maand.van_datum(maand)
            and b.ontvanger_id == str(regel["ontvanger_id"])
            and b.deel.value == regel["deel"]
        ]
        verschuldigd = sum((b.bedrag for b in betalingen), Decimal("0.00"))
        namen = _organisatienamen(
            {b.school for b in schema.betalingen} | {b.ontvanger_id for b in schema.betalingen}
        )
        uitleg = _leesbare_scholen(schema.uitleg, namen)
    regel.pop("leerling__publiek_id")
    regel.pop("leerling_id")
    regel["bedrag"] = _euro(regel.pop("bedrag_centen"))
    return Regeluitleg(
        regel=regel,
        ontvanger=ontvanger,
        schooljaar=schooljaar,
        betalingen=betalingen,
        verschuldigd=verschuldigd,
        geboekt=geboekt,
        uitleg=uitleg,
        leemte=leemte,
        grond=grond,
    )
