"""Het maandelijkse betaalschema van een leerling, afgeleid uit een geschiedenis van gebeurtenissen.

De regels (met hun bron):

* betaling begint in de maand ná de melding (000 'Aanvragen'; 001 'Betaling'; 002 §6);
* bekostiging loopt de hele indicatieperiode door, tenzij de leerling wordt
  uitgeschreven (003, tweede punt onder de tabel);
* bij een verhuizing naar een andere reguliere school houdt de oude school het budget
  tot het einde van het schooljaar; de nieuwe school krijgt het vanaf 1 augustus daarna
  (003 eerste punt; 004 'Uitschrijving ...');
* het aanvullende zml-bedrag vraagt één aanvraag bij de overgang naar groep 3, loopt
  daarna elk schooljaar door, en stopt met ingang van de eerste dag van de maand na
  terugplaatsing naar groep 2 (003, punt over formulier 66007);
* een maand wordt betaald als op de eerste dag van die maand de leerling ingeschreven
  is, de indicatie geldt en de melding vóór die dag is gedaan (interpretatie I-13);
* na de laatste dag van LGF (``lgf.einde``, 31 juli 2014) wordt geen maand meer betaald,
  ook als de indicatie doorloopt (000; interpretatie I-70);
* een jaarbedrag wordt per deel in hele centen over twaalf maanden verdeeld:
  maand k (1 = augustus) krijgt ``floor(T*k/12) - floor(T*(k-1)/12)`` cent, zodat twaalf
  maanden precies het jaarbedrag zijn (interpretatie I-11).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from rugzak.regeling.begrippen import Budgetdeel, Onderwijssoort, Ontvanger, Schoolsoort
from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import OngeldigeInvoer
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.regels.budget import Budget, Situatie, jaarbudget
from rugzak.regeling.regels.indicatie import indicatie_geldigheid
from rugzak.regeling.regels.looptijd import BRON_EINDE, lgf_einde
from rugzak.regeling.regels.melding import Melding
from rugzak.regeling.tijd import Maand, Schooljaar, leeftijd_op
from rugzak.regeling.uitleg import Stap, Uitleg, euro, invoer

BRON_VOLGENDE_MAAND = (
    Bron("000", "paragraaf 'Aanvragen van het rugzakje', laatste punt"),
    Bron("001", "paragraaf 'Betaling'"),
    Bron("002", "hoofdstuk 6 'Aanmelden geïndiceerde leerlingen bij CFI'"),
)
BRON_INDICATIEDUUR = Bron("003", "punten onder de tabel 'Primair Onderwijs', tweede punt")
BRON_VERHUIZING = (
    Bron("003", "punten onder de tabel 'Primair Onderwijs', eerste punt"),
    Bron("004", "paragraaf 'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'"),
)
BRON_ZML = Bron("003", "punten onder de tabel 'Primair Onderwijs', punt over formulier 66007")
BRON_LEEFTIJD = Bron("003", "paragraaf 'Rugzak - AB (RAB)', laatste punt")
BRON_MAANDVERDELING = Bron("001", "paragraaf 'Bedragen': de bedragen gelden voor één schooljaar")


# --- gebeurtenissen -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Uitschrijving:
    """De leerling gaat naar het (v)so of volgt geen onderwijs meer (terugmelding).

    ``datum`` is de eerste dag waarop de leerling niet meer ingeschreven staat.
    """

    datum: date
    school: str


@dataclass(frozen=True, slots=True)
class Groepsovergang:
    datum: date
    groep: int


@dataclass(frozen=True, slots=True)
class ZmlAanvraag:
    """De eenmalige aanvraag voor het aanvullende zml-bedrag (formulier 66007, 003)."""

    datum: date


@dataclass(frozen=True, slots=True)
class TerugplaatsingGroep2:
    datum: date


Gebeurtenis = Melding | Uitschrijving | Groepsovergang | ZmlAanvraag | TerugplaatsingGroep2


# --- maandverdeling ---------------------------------------------------------------


def centen(bedrag: Decimal) -> int:
    """Een bedrag in hele centen; meer dan twee decimalen is een fout, geen afronding."""
    c = bedrag * 100
    if c != c.to_integral_value():
        raise OngeldigeInvoer("bedrag", str(bedrag), reden="heeft meer dan twee decimalen")
    return int(c)


def maandbedrag_centen(jaarbedrag_centen: int, k: int) -> int:
    """Het deel van een jaarbedrag voor maand ``k`` van het schooljaar (1 = augustus)
    in centen (interpretatie I-11)."""
    if not 1 <= k <= 12:
        raise OngeldigeInvoer("maand", k, reden="maandnummer in het schooljaar is 1-12")
    return (jaarbedrag_centen * k) // 12 - (jaarbedrag_centen * (k - 1)) // 12


def maandbedragen(jaarbedrag: Decimal) -> tuple[Decimal, ...]:
    """De twaalf maandbedragen (augustus t/m juli) van een jaarbedrag; ze tellen exact op.

    >>> maandbedragen(Decimal("1096"))[:2]
    (Decimal('91.33'), Decimal('91.33'))
    >>> sum(maandbedragen(Decimal("12523.63")))
    Decimal('12523.63')
    """
    t = centen(jaarbedrag)
    return tuple(Decimal(maandbedrag_centen(t, k)).scaleb(-2) for k in range(1, 13))


# --- uitkomst ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Betaling:
    """Eén betaling: maand, ontvanger, deel en bedrag; ``school`` is de inschrijving
    waarop de betaling berust (ook bij AB-betalingen aan de AB-verzorger)."""

    maand: Maand
    ontvanger: Ontvanger
    ontvanger_id: str
    deel: Budgetdeel
    bedrag: Decimal
    cvi_nummer: str
    school: str

    def als_dict(self) -> dict[str, object]:
        return {
            "maand": str(self.maand),
            "school": self.school,
            "ontvanger": self.ontvanger.value,
            "ontvanger_id": self.ontvanger_id,
            "deel": self.deel.value,
            "bedrag": str(self.bedrag),
            "cvi_nummer": self.cvi_nummer,
        }


@dataclass(frozen=True, slots=True)
class Maandstatus:
    """Waarom een maand voor een inschrijving wel of niet betaald wordt."""

    maand: Maand
    school: str
    betaald: bool
    reden: str
    zml_aanvulling: bool = False


@dataclass(frozen=True, slots=True)
class Betaalschema:
    schooljaar: Schooljaar
    betalingen: tuple[Betaling, ...]
    statussen: tuple[Maandstatus, ...]
    uitleg: Uitleg

    @property
    def totaal(self) -> Decimal:
        return sum((b.bedrag for b in self.betalingen), Decimal("0"))

    def per_ontvanger(self) -> Mapping[str, Decimal]:
        uit: dict[str, Decimal] = {}
        for b in self.betalingen:
            uit[b.ontvanger_id] = uit.get(b.ontvanger_id, Decimal(0)) + b.bedrag
        return uit

    def per_maand(self) -> Mapping[Maand, Decimal]:
        uit: dict[Maand, Decimal] = {m: Decimal(0) for m in self.schooljaar.maanden()}
        for b in self.betalingen:
            uit[b.maand] += b.bedrag
        return uit

    def als_dict(self) -> dict[str, object]:
        return {
            "schooljaar": str(self.schooljaar),
            "betalingen": [b.als_dict() for b in self.betalingen],
            "per_ontvanger": {k: str(v) for k, v in self.per_ontvanger().items()},
            "per_maand": {str(k): str(v) for k, v in self.per_maand().items()},
            "totaal": str(self.totaal),
            "uitleg": self.uitleg.als_dict(),
        }


# --- tijdlijn ---------------------------------------------------------------------


@dataclass(slots=True)
class _Inschrijving:
    """Een periode van inschrijving op één school, met de meldingen van die school."""

    school: str
    begin: date
    via_verhuizing: bool
    meldingen: list[Melding] = field(default_factory=list)
    uitgeschreven_op: date | None = None
    verhuisd_op: date | None = None

    def open(self) -> bool:
        return self.uitgeschreven_op is None and self.verhuisd_op is None

    def eerste_bekostigde_dag(self) -> date:
        """Bij verhuizing: de eerste 1 augustus op of na de inschrijving (004)."""
        if not self.via_verhuizing:
            return self.begin
        aug = date(self.begin.year, 8, 1)
        return aug if self.begin <= aug else date(self.begin.year + 1, 8, 1)

    def laatste_bekostigde_dag(self) -> date | None:
        """Bij verhuizing: 31 juli van het schooljaar van de laatste dag op deze school."""
        if self.verhuisd_op is not None:
            return Schooljaar.van_datum(self.verhuisd_op - timedelta(days=1)).einde
        return None


def _sorteersleutel(g: Gebeurtenis) -> tuple[date, int, date]:
    """Inschrijvingen volgen de inschrijvingsdatum, niet de (soms late) meldingsdatum."""
    if isinstance(g, Melding):
        return (g.inschrijvingsdatum, 0, g.meldingsdatum)
    if isinstance(g, Uitschrijving):
        return (g.datum, 1, g.datum)
    return (g.datum, 2, g.datum)


def _inschrijvingen(gebeurtenissen: Iterable[Gebeurtenis]) -> list[_Inschrijving]:
    lijst: list[_Inschrijving] = []
    for g in sorted(gebeurtenissen, key=_sorteersleutel):
        huidig = lijst[-1] if lijst else None
        if isinstance(g, Melding):
            if huidig is not None and huidig.open() and huidig.school == g.school:
                huidig.meldingen.append(g)
                continue
            verhuizing = huidig is not None and huidig.open()
            if huidig is not None and verhuizing:
                if g.inschrijvingsdatum <= huidig.begin:
                    raise OngeldigeInvoer(
                        "inschrijvingsdatum",
                        g.inschrijvingsdatum.isoformat(),
                        reden=f"de nieuwe school {g.school} schrijft in vóór of op de inschrijving "
                        f"bij {huidig.school} ({huidig.begin})",
                    )
                huidig.verhuisd_op = g.inschrijvingsdatum
            lijst.append(_Inschrijving(g.school, g.inschrijvingsdatum, verhuizing, [g]))
        elif isinstance(g, Uitschrijving):
            if huidig is None or huidig.school != g.school or not huidig.open():
                raise OngeldigeInvoer(
                    "uitschrijving.school",
                    g.school,
                    reden="er is geen lopende inschrijving op deze school om uit te schrijven",
                )
            if g.datum <= huidig.begin:
                raise OngeldigeInvoer(
                    "uitschrijving.datum", g.datum.isoformat(), reden="ligt niet na de inschrijving"
                )
            huidig.uitgeschreven_op = g.datum
    for ins in lijst:
        ins.meldingen.sort(key=lambda m: m.meldingsdatum)
    return lijst


def _groep_op(dag: date, melding: Melding, gebeurtenissen: Sequence[Gebeurtenis]) -> int | None:
    """Groep op een dag: die van de melding, bijgewerkt door latere groepsovergangen.

    Een terugplaatsing naar groep 2 telt vanaf de eerste dag van de maand erna (003)."""
    wijzigingen: list[tuple[date, int]] = []
    if melding.groep is not None:
        wijzigingen.append((melding.meldingsdatum, melding.groep))
    for g in gebeurtenissen:
        if isinstance(g, Groepsovergang) and g.datum >= melding.meldingsdatum:
            wijzigingen.append((g.datum, g.groep))
        elif isinstance(g, TerugplaatsingGroep2):
            ingang = Maand.van_datum(g.datum).volgend().eerste_dag
            if ingang > melding.meldingsdatum:
                wijzigingen.append((ingang, 2))
    groep = None
    for d, gr in sorted(wijzigingen, key=lambda x: x[0]):
        if d <= dag:
            groep = gr
    return groep


def _zml_toegekend(dag: date, ins: _Inschrijving, gebeurtenissen: Sequence[Gebeurtenis]) -> bool:
    """Aanvraag telt vanaf de maand erna; terugplaatsing stopt vanaf de maand erna (003).

    Alleen aanvragen tijdens deze inschrijving tellen ('zolang de leerling op de school
    staat ingeschreven'; interpretatie I-15)."""
    tijdlijn: list[tuple[date, date, bool]] = []
    for g in gebeurtenissen:
        if isinstance(g, ZmlAanvraag) and g.datum >= ins.begin:
            tijdlijn.append((Maand.van_datum(g.datum).volgend().eerste_dag, g.datum, True))
        elif isinstance(g, TerugplaatsingGroep2):
            tijdlijn.append((Maand.van_datum(g.datum).volgend().eerste_dag, g.datum, False))
    toegekend = False
    for ingang, _, aan in sorted(tijdlijn):
        if ingang <= dag:
            toegekend = aan
    return toegekend


def _einddatum(regeling: Regeling, m: Melding) -> date | None:
    if m.indicatie_einddatum is not None:
        return m.indicatie_einddatum
    return indicatie_geldigheid(
        regeling,
        onderwijssoort=m.onderwijssoort,
        indicatiedatum=m.indicatiedatum,
        syndroom_van_down=m.syndroom_van_down,
    ).einddatum


def _situatie(m: Melding, schooljaar: Schooljaar, groep: int | None) -> Situatie:
    return Situatie(
        schooljaar=schooljaar,
        schoolsoort=m.schoolsoort,
        onderwijssoort=m.onderwijssoort,
        groep=groep if m.schoolsoort in (Schoolsoort.BAO, Schoolsoort.SBAO) else None,
        vo_variant=m.vo_variant,
        mbo_niveau=m.mbo_niveau,
        leerweg=m.leerweg,
    )


def betaalschema(
    regeling: Regeling,
    gebeurtenissen: Sequence[Gebeurtenis],
    schooljaar: Schooljaar,
    *,
    geboortedatum: date | None = None,
) -> Betaalschema:
    """Alle betalingen van één schooljaar voor één leerling, met per maand de reden.

    Een schooljaar zonder tarieven in de bronnen geeft :class:`OntbrekendeBron` zodra er
    een maand te betalen valt; er wordt niet teruggevallen op een ander jaar.
    """
    inschrijvingen = _inschrijvingen(gebeurtenissen)
    einde_lgf = lgf_einde(regeling)
    minimumleeftijd: int | None = None
    if geboortedatum is not None and not einde_lgf.voorbij(schooljaar.begin):
        w = regeling.zoek("lgf.minimumleeftijd", schooljaar.begin)
        assert isinstance(w.waarde, int)
        minimumleeftijd = w.waarde
    budgetten: dict[tuple[int, int | None], Budget] = {}
    einddata: dict[int, date | None] = {}
    betalingen: list[Betaling] = []
    statussen: list[Maandstatus] = []
    for maand in schooljaar.maanden():
        dag = maand.eerste_dag
        k = maand.index_in_schooljaar
        for ins in inschrijvingen:
            if dag < ins.begin and not ins.meldingen[0].meldingsdatum < dag:
                continue
            geldend = [m for m in ins.meldingen if m.meldingsdatum < dag]
            if not geldend:
                if ins.begin <= dag:
                    statussen.append(Maandstatus(maand, ins.school, False, "nog niet gemeld"))
                continue
            m = geldend[-1]
            reden = None
            if einde_lgf.voorbij(dag):  # na het einde van LGF geen maand meer (I-70)
                reden = einde_lgf.reden
            elif dag < ins.eerste_bekostigde_dag():
                reden = (
                    "verhuisd: nieuwe school krijgt het budget pas vanaf 1 augustus"
                    if ins.via_verhuizing
                    else "nog niet ingeschreven"
                )
            elif ins.uitgeschreven_op is not None and dag >= ins.uitgeschreven_op:
                reden = f"uitgeschreven per {ins.uitgeschreven_op.isoformat()}"
            elif (laatste := ins.laatste_bekostigde_dag()) is not None and dag > laatste:
                reden = "verhuisd: budget bleef tot het einde van dat schooljaar bij deze school"
            else:
                if id(m) not in einddata:
                    einddata[id(m)] = _einddatum(regeling, m)
                einde = einddata[id(m)]
                if dag < m.indicatiedatum:
                    reden = "indicatie nog niet afgegeven"
                elif einde is not None and dag > einde:
                    reden = f"indicatie verlopen op {einde.isoformat()}; herindicatie niet gemeld"
                elif (
                    geboortedatum is not None
                    and minimumleeftijd is not None
                    and leeftijd_op(geboortedatum, dag) < minimumleeftijd
                ):
                    reden = f"jonger dan {minimumleeftijd} jaar"
            if reden is not None:
                statussen.append(Maandstatus(maand, ins.school, False, reden))
                continue
            groep = _groep_op(dag, m, gebeurtenissen)
            sleutel = (id(m), groep)
            if sleutel not in budgetten:
                budgetten[sleutel] = jaarbudget(regeling, _situatie(m, schooljaar, groep))
            budget = budgetten[sleutel]
            zml = (
                m.onderwijssoort is Onderwijssoort.ZML
                and any(p.deel.is_zml_aanvulling for p in budget.posten)
                and _zml_toegekend(dag, ins, gebeurtenissen)
            )
            for post in budget.posten:
                if post.deel.is_zml_aanvulling and not zml:
                    continue
                bedrag = Decimal(maandbedrag_centen(centen(post.bedrag), k)).scaleb(-2)
                ontvanger_id = m.school if post.ontvanger is Ontvanger.SCHOOL else m.ab_verzorger
                betalingen.append(
                    Betaling(
                        maand,
                        post.ontvanger,
                        ontvanger_id,
                        post.deel,
                        bedrag,
                        m.cvi_nummer,
                        m.school,
                    )
                )
            statussen.append(
                Maandstatus(
                    maand, ins.school, True, f"gemeld op {m.meldingsdatum.isoformat()}", zml
                )
            )
    uitleg = _uitleg(schooljaar, statussen, betalingen, budgetten.values())
    if einde_lgf.voorbij(schooljaar.einde):
        uitleg = uitleg.met(
            einde_lgf.stap(
                wat="Maanden na die dag worden niet betaald, wat de indicatie of de meldingen "
                "ook zeggen.",
                uitkomst=f"laatste te betalen maand: {einde_lgf.laatste_maand}",
            )
        )
    return Betaalschema(schooljaar, tuple(betalingen), tuple(statussen), uitleg)


def _uitleg(
    schooljaar: Schooljaar,
    statussen: Sequence[Maandstatus],
    betalingen: Sequence[Betaling],
    budgetten: Iterable[Budget],
) -> Uitleg:
    stappen: list[Stap] = [
        Stap(
            regel="betaling.regel",
            omschrijving="Een maand wordt betaald als op de eerste dag de leerling ingeschreven "
            "is, "
            "de indicatie geldt en de melding vóór die dag is gedaan: de bekostiging begint in de "
            "maand na de melding.",
            uitkomst=f"schooljaar {schooljaar}",
            grondslag=(*BRON_VOLGENDE_MAAND, BRON_INDICATIEDUUR),
            interpretaties=("I-13",),
        )
    ]
    # Aaneengesloten maanden met dezelfde school, uitkomst en reden samenvatten.
    reeksen: list[list[Maandstatus]] = []
    for s in sorted(statussen, key=lambda s: (s.school, s.maand)):
        vorige = reeksen[-1][-1] if reeksen else None
        if (
            vorige is not None
            and vorige.school == s.school
            and vorige.betaald == s.betaald
            and vorige.reden == s.reden
            and vorige.zml_aanvulling == s.zml_aanvulling
            and vorige.maand.volgend() == s.maand
        ):
            reeksen[-1].append(s)
        else:
            reeksen.append([s])
    for reeks in reeksen:
        eerste, laatste = reeks[0], reeks[-1]
        periode = str(eerste.maand) + ("" if eerste is laatste else f" t/m {laatste.maand}")
        if eerste.betaald:
            maanden = {s.maand for s in reeks}
            bedrag = sum(
                (b.bedrag for b in betalingen if b.school == eerste.school and b.maand in maanden),
                Decimal(0),
            )
            tekst = f"{periode}: betaald ({eerste.reden})"
            if eerste.zml_aanvulling:
                tekst += ", inclusief aanvullend zml-bedrag"
            stappen.append(
                Stap(
                    regel="betaling.maanden",
                    omschrijving=f"School {eerste.school}: {tekst}.",
                    uitkomst=euro(bedrag),
                    grondslag=(BRON_ZML,) if eerste.zml_aanvulling else (),
                    interpretaties=("I-15",) if eerste.zml_aanvulling else (),
                )
            )
        else:
            grondslag: tuple[Bron, ...] = ()
            interpretaties: tuple[str, ...] = ("I-13",)
            if eerste.reden.startswith("LGF beëindigd"):
                grondslag, interpretaties = (BRON_EINDE,), ("I-70",)
            elif eerste.reden.startswith("verhuisd"):
                grondslag, interpretaties = BRON_VERHUIZING, ("I-14",)
            elif eerste.reden.startswith("jonger"):
                grondslag = (BRON_LEEFTIJD,)
            stappen.append(
                Stap(
                    regel="betaling.maanden",
                    omschrijving=f"School {eerste.school}: {periode}: niet betaald "
                    f"({eerste.reden}).",
                    uitkomst=euro(Decimal(0)),
                    grondslag=grondslag,
                    interpretaties=interpretaties,
                )
            )
    gezien: set[int] = set()
    for b in budgetten:
        if id(b) in gezien:
            continue
        gezien.add(id(b))
        stappen.extend(s for s in b.uitleg.stappen if s.regel.startswith("budget."))
    totaal = sum((b.bedrag for b in betalingen), Decimal(0))
    stappen.append(
        Stap(
            regel="betaling.maandverdeling",
            omschrijving="Elk jaarbedrag wordt per deel in hele centen over de twaalf maanden "
            "augustus t/m juli verdeeld; maand k krijgt floor(T·k/12) − floor(T·(k−1)/12) cent.",
            uitkomst=f"totaal in {schooljaar}: {euro(totaal)}",
            invoer=invoer(betalingen=len(betalingen)),
            grondslag=(BRON_MAANDVERDELING,),
            interpretaties=("I-11",),
        )
    )
    return Uitleg(f"betaalschema {schooljaar}", tuple(stappen))
