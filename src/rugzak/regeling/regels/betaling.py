"""Het maandelijkse betaalschema van een leerling, afgeleid uit een geschiedenis van gebeurtenissen.

De regels (met hun bron):

* betaling begint in de maand ná de melding (000 'Aanvragen'; 001 'Betaling'; 002 §6);
* bekostiging loopt de hele indicatieperiode door, tenzij de leerling wordt
  uitgeschreven (003, tweede punt onder de tabel);
* bij een verhuizing naar een andere reguliere school houdt de oude school het budget
  tot het einde van het schooljaar; de nieuwe school krijgt het vanaf 1 augustus daarna
  (003 eerste punt; 004 'Uitschrijving ...'; interpretatie I-14). Een verhuizing waarvan
  de laatste dag op de oude school in augustus valt, is een verhuizing in de zomer: ze
  telt in het schooljaar dat op 31 juli eindigde (I-50). Een melding met schoolwisseling
  (``vorige_school``) maakt van een eerdere uitschrijving door die school de datum van de
  verhuizing, in welke volgorde ze ook binnenkomen (I-52);
* het aanvullende zml-bedrag vraagt één aanvraag bij de overgang naar groep 3, loopt
  daarna elk schooljaar door, en stopt met ingang van de eerste dag van de maand na
  terugplaatsing naar groep 2 (003, punt over formulier 66007);
* een maand wordt betaald als op de eerste dag van die maand de leerling ingeschreven
  is, de indicatie geldt en de melding vóór die dag is gedaan (interpretatie I-13);
* na de laatste dag van LGF (``lgf.einde``, 31 juli 2014) wordt geen maand meer betaald,
  ook als de indicatie doorloopt (000; interpretatie I-70);
* een jaarbedrag wordt per deel in hele centen over twaalf maanden verdeeld:
  maand k (1 = augustus) krijgt ``floor(T*k/12) - floor(T*(k-1)/12)`` cent, zodat twaalf
  maanden precies het jaarbedrag zijn (interpretatie I-11);
* geven de bronnen voor een te betalen maand geen tarief (bv. 2012-2013), dan is dat een
  fout (:class:`OntbrekendeBron`), geen nul. Met ``toon_zonder_bron=True`` komt zo'n maand
  apart in het schema als 'te betalen, bedrag onbekend: geen bron', met per deel de
  ontvanger, en telt ze in geen enkel totaal mee (interpretaties I-101, I-102).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from rugzak.regeling.begrippen import Budgetdeel, Onderwijssoort, Ontvanger, Schoolsoort
from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import OngeldigeInvoer, OntbrekendeBron
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.regels.budget import Budget, Situatie, budgetdelen, jaarbudget
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
BRON_ONTVANGERS = Bron("001", "paragraaf 'Betaling'")

#: Wat de uitvoer toont in plaats van een bedrag dat de bronnen niet geven (I-101).
GEEN_BRON = "geen bron"
ZONDER_BRON_REDEN = "te betalen, bedrag onbekend: geen bron"


# --- gebeurtenissen -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Uitschrijving:
    """De leerling gaat naar het (v)so of volgt geen onderwijs meer (terugmelding).

    ``datum`` is de eerste dag waarop de leerling niet meer ingeschreven staat. Noemt een
    melding van een andere school deze school als vorige school (schoolwisseling), dan
    is de uitschrijving de datum van een verhuizing en stopt de bekostiging niet (I-52).
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
    waarop de betaling berust (ook bij AB-betalingen aan de AB-verzorger); ``jaarbedrag``
    is het bedrag per schooljaar van dit deel waaruit het maandbedrag komt (de tabelwaarde
    van het jaarbudget), zodat een weergave kan zeggen wat de rugzak per jaar bevat zonder
    terug te rekenen."""

    maand: Maand
    ontvanger: Ontvanger
    ontvanger_id: str
    deel: Budgetdeel
    bedrag: Decimal
    cvi_nummer: str
    school: str
    jaarbedrag: Decimal | None = None

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
class BetalingZonderBron:
    """Eén deel dat in een maand te betalen is, maar waarvan de bronnen het bedrag niet geven
    (interpretatie I-101): maand, ontvanger en deel zoals bij :class:`Betaling`, zonder
    bedrag. ``ontbreekt`` zegt welke waarde ontbreekt, ``wel_bekend`` voor welke periodes de
    bronnen die waarde wel geven, ``fout`` is de volledige melding van de regelkern.

    De ontvanger volgt uit de betaalregel, niet uit een tarief (I-102)."""

    maand: Maand
    ontvanger: Ontvanger
    ontvanger_id: str
    deel: Budgetdeel
    cvi_nummer: str
    school: str
    ontbreekt: str
    wel_bekend: tuple[str, ...]
    fout: str

    def als_dict(self) -> dict[str, object]:
        return {
            "maand": str(self.maand),
            "school": self.school,
            "ontvanger": self.ontvanger.value,
            "ontvanger_id": self.ontvanger_id,
            "deel": self.deel.value,
            "bedrag": GEEN_BRON,
            "status": ZONDER_BRON_REDEN,
            "cvi_nummer": self.cvi_nummer,
            "ontbreekt": self.ontbreekt,
            "wel_bekend": list(self.wel_bekend),
            "fout": self.fout,
            "interpretaties": ["I-101", "I-102"],
        }


@dataclass(frozen=True, slots=True)
class Maandstatus:
    """Waarom een maand voor een inschrijving wel of niet betaald wordt.

    ``zonder_bron``: de maand is te betalen, maar de bronnen geven het bedrag niet (alleen
    met ``toon_zonder_bron``; I-101); ``betaald`` is dan onwaar, want er is geen bedrag."""

    maand: Maand
    school: str
    betaald: bool
    reden: str
    zml_aanvulling: bool = False
    interpretaties: tuple[str, ...] = ()
    zonder_bron: bool = False


@dataclass(frozen=True, slots=True)
class Verhuizing:
    """Een verhuizing naar een andere reguliere school zoals het betaalschema haar las.

    ``datum`` is de eerste dag dat de leerling niet meer op de oude school staat (de
    inschrijving bij de nieuwe school, of de eerdere uitschrijving door de oude school);
    ``overname`` is de 1 augustus waarop het budget naar de nieuwe school gaat (I-14,
    I-50); de oude school houdt het tot en met de dag ervoor.
    """

    oude_school: str
    nieuwe_school: str
    datum: date
    overname: date
    uitschrijving: date | None
    nieuwe_inschrijving: date

    @property
    def in_de_zomer(self) -> bool:
        """De laatste dag op de oude school valt in augustus (I-50)."""
        return (self.datum - timedelta(days=1)).month == 8

    def als_dict(self) -> dict[str, object]:
        return {
            "oude_school": self.oude_school,
            "nieuwe_school": self.nieuwe_school,
            "datum": self.datum.isoformat(),
            "oude_school_tot_en_met": (self.overname - timedelta(days=1)).isoformat(),
            "nieuwe_school_vanaf": self.overname.isoformat(),
            "uitschrijving": self.uitschrijving.isoformat() if self.uitschrijving else None,
            "nieuwe_inschrijving": self.nieuwe_inschrijving.isoformat(),
            "in_de_zomer": self.in_de_zomer,
        }


def overname_dag(verhuisdatum: date) -> date:
    """De 1 augustus waarop het budget na een verhuizing naar de nieuwe school gaat.

    ``verhuisdatum`` is de eerste dag dat de leerling niet meer op de oude school staat.
    De verhuizing telt in het schooljaar van de laatste dag op de oude school (003, 004;
    I-14), behalve als die dag in augustus valt: dan is het een verhuizing in de
    zomervakantie, die telt in het schooljaar dat op 31 juli eindigde (I-50).

    >>> overname_dag(date(2011, 10, 31)), overname_dag(date(2012, 8, 20))
    (datetime.date(2012, 8, 1), datetime.date(2012, 8, 1))
    >>> overname_dag(date(2012, 9, 1)), overname_dag(date(2012, 9, 2))
    (datetime.date(2012, 8, 1), datetime.date(2013, 8, 1))
    """
    laatste = verhuisdatum - timedelta(days=1)
    augustus = date(laatste.year, 8, 1)
    return augustus if laatste.replace(day=1) <= augustus else date(laatste.year + 1, 8, 1)


@dataclass(frozen=True, slots=True)
class Betaalschema:
    """De betalingen van één schooljaar met per maand de reden.

    ``zonder_bron`` (alleen met ``toon_zonder_bron``) houdt de te betalen delen zonder
    bedrag apart van ``betalingen``; is het niet leeg, dan is het schema niet
    :attr:`volledig` en tellen de totalen alleen de bekende bedragen (I-101).
    """

    schooljaar: Schooljaar
    betalingen: tuple[Betaling, ...]
    statussen: tuple[Maandstatus, ...]
    uitleg: Uitleg
    verhuizingen: tuple[Verhuizing, ...] = ()
    zonder_bron: tuple[BetalingZonderBron, ...] = ()

    @property
    def volledig(self) -> bool:
        """Elk te betalen deel heeft een bedrag; anders zijn de totalen onvolledig."""
        return not self.zonder_bron

    @property
    def totaal(self) -> Decimal:
        """De som van de bekende bedragen; onvolledig als het schema niet volledig is."""
        return sum((b.bedrag for b in self.betalingen), Decimal("0"))

    def per_ontvanger(self) -> Mapping[str, Decimal]:
        """Per ontvanger de som van de bekende bedragen (zie :meth:`per_ontvanger_zonder_bron`)."""
        uit: dict[str, Decimal] = {}
        for b in self.betalingen:
            uit[b.ontvanger_id] = uit.get(b.ontvanger_id, Decimal(0)) + b.bedrag
        return uit

    def per_ontvanger_zonder_bron(self) -> Mapping[str, tuple[Maand, ...]]:
        """Per ontvanger de te betalen maanden waarvan het bedrag geen bron heeft (I-101)."""
        uit: dict[str, set[Maand]] = {}
        for z in self.zonder_bron:
            uit.setdefault(z.ontvanger_id, set()).add(z.maand)
        return {k: tuple(sorted(v)) for k, v in uit.items()}

    def maanden_zonder_bron(self) -> tuple[Maand, ...]:
        return tuple(sorted({z.maand for z in self.zonder_bron}))

    def per_maand(self) -> Mapping[Maand, Decimal | None]:
        """Per maand het totaal; ``None`` voor een maand met een te betalen deel zonder
        bron: dat totaal is onbekend, geen nul (I-101)."""
        uit: dict[Maand, Decimal | None] = {m: Decimal(0) for m in self.schooljaar.maanden()}
        for b in self.betalingen:
            huidig = uit[b.maand]
            assert huidig is not None
            uit[b.maand] = huidig + b.bedrag
        for m in self.maanden_zonder_bron():
            uit[m] = None
        return uit

    def csv_rijen(self) -> list[list[str]]:
        """Eén rij per deel per maand, met kopregel: de betalingen met hun bedrag en de te
        betalen delen zonder bron met 'geen bron' in plaats van een bedrag (I-101)."""
        rijen: list[tuple[Maand, int, list[str]]] = [
            (
                b.maand,
                0,
                [
                    str(b.maand), b.school, b.ontvanger.value, b.ontvanger_id, b.deel.value,
                    str(b.bedrag), "betaald", b.cvi_nummer, "", "",
                ],
            )
            for b in self.betalingen
        ]  # fmt: skip
        rijen += [
            (
                z.maand,
                1,
                [
                    str(z.maand), z.school, z.ontvanger.value, z.ontvanger_id, z.deel.value,
                    GEEN_BRON, ZONDER_BRON_REDEN, z.cvi_nummer, z.ontbreekt,
                    "; ".join(z.wel_bekend),
                ],
            )
            for z in self.zonder_bron
        ]  # fmt: skip
        kop = [
            "maand", "school", "ontvanger", "ontvanger_id", "deel", "bedrag", "status",
            "cvi_nummer", "ontbreekt", "wel_bekend",
        ]  # fmt: skip
        return [kop, *(r for _, _, r in sorted(rijen, key=lambda x: (x[0], x[1])))]

    def als_dict(self) -> dict[str, object]:
        return {
            "schooljaar": str(self.schooljaar),
            "betalingen": [b.als_dict() for b in self.betalingen],
            "per_ontvanger": {k: str(v) for k, v in self.per_ontvanger().items()},
            "per_maand": {
                str(k): GEEN_BRON if v is None else str(v) for k, v in self.per_maand().items()
            },
            "totaal": str(self.totaal),
            "volledig": self.volledig,
            "zonder_bron": [z.als_dict() for z in self.zonder_bron],
            "per_ontvanger_zonder_bron": {
                k: [str(m) for m in v] for k, v in self.per_ontvanger_zonder_bron().items()
            },
            "verhuizingen": [v.als_dict() for v in self.verhuizingen],
            "uitleg": self.uitleg.als_dict(),
        }


# --- tijdlijn ---------------------------------------------------------------------


@dataclass(slots=True)
class _Inschrijving:
    """Een periode van inschrijving op één school, met de meldingen van die school.

    ``verhuisd_van_op``: deze inschrijving volgt op een verhuizing die op die dag inging
    (de eerste dag niet meer op de vorige school); ``verhuisd_op``: de leerling verhuisde
    op die dag van deze school naar ``verhuisd_naar``."""

    school: str
    begin: date
    via_verhuizing: bool
    meldingen: list[Melding] = field(default_factory=list)
    uitgeschreven_op: date | None = None
    verhuisd_op: date | None = None
    verhuisd_van_op: date | None = None
    verhuisd_naar: str | None = None
    verhuisd_naar_begin: date | None = None
    uitschrijving_bij_verhuizing: date | None = None

    def open(self) -> bool:
        return self.uitgeschreven_op is None and self.verhuisd_op is None

    def overname(self) -> date | None:
        """Na een verhuizing: de 1 augustus waarop het budget naar deze school gaat."""
        if self.verhuisd_van_op is None:
            return None
        return overname_dag(self.verhuisd_van_op)

    def eerste_bekostigde_dag(self) -> date:
        """Bij verhuizing: de overname-1-augustus (004; I-14, I-50), niet vóór de inschrijving."""
        overname = self.overname()
        return self.begin if overname is None else max(self.begin, overname)

    def laatste_bekostigde_dag(self) -> date | None:
        """Bij verhuizing: 31 juli van het schooljaar waarin de verhuizing telt (I-14, I-50)."""
        if self.verhuisd_op is not None:
            return overname_dag(self.verhuisd_op) - timedelta(days=1)
        return None

    def verhuizing(self) -> Verhuizing | None:
        if self.verhuisd_op is None or self.verhuisd_naar is None:
            return None
        assert self.verhuisd_naar_begin is not None
        return Verhuizing(
            self.school,
            self.verhuisd_naar,
            self.verhuisd_op,
            overname_dag(self.verhuisd_op),
            self.uitschrijving_bij_verhuizing,
            self.verhuisd_naar_begin,
        )


def _sorteersleutel(g: Gebeurtenis) -> tuple[date, int, date]:
    """Inschrijvingen volgen de inschrijvingsdatum, niet de (soms late) meldingsdatum.

    Een uitschrijving gaat vóór een inschrijving op dezelfde dag: haar datum is de eerste
    dag niet meer op de school, dus op die dag staat de leerling niet meer op de oude
    school; een melding van die dag is alleen met schoolwisseling een verhuizing (I-52)."""
    if isinstance(g, Uitschrijving):
        return (g.datum, 0, g.datum)
    if isinstance(g, Melding):
        return (g.inschrijvingsdatum, 1, g.meldingsdatum)
    return (g.datum, 2, g.datum)


def _verhuizen(oud: _Inschrijving, naar: Melding, datum: date) -> None:
    oud.verhuisd_op = datum
    oud.verhuisd_naar = naar.school
    oud.verhuisd_naar_begin = naar.inschrijvingsdatum


def _inschrijvingen(gebeurtenissen: Iterable[Gebeurtenis]) -> list[_Inschrijving]:
    """De inschrijvingen uit de gebeurtenissen, met de verhuizingen ertussen.

    Een melding van een andere school is een verhuizing (de oude school hoeft niets te
    doen, 004) als de leerling nog op de vorige school stond, of als die vorige school
    hem had uitgeschreven en de melding haar als vorige school noemt (schoolwisseling):
    dan is de uitschrijving de datum van de verhuizing. Een uitschrijving door de oude
    school ná de inschrijving bij de nieuwe bevestigt de verhuizing alleen (I-52)."""
    lijst: list[_Inschrijving] = []
    for g in sorted(gebeurtenissen, key=_sorteersleutel):
        huidig = lijst[-1] if lijst else None
        if isinstance(g, Melding):
            if huidig is not None and huidig.open() and huidig.school == g.school:
                huidig.meldingen.append(g)
                continue
            verhuisdatum: date | None = None
            if huidig is not None and huidig.open():
                if g.inschrijvingsdatum <= huidig.begin:
                    raise OngeldigeInvoer(
                        "inschrijvingsdatum",
                        g.inschrijvingsdatum.isoformat(),
                        reden=f"de nieuwe school {g.school} schrijft in vóór of op de inschrijving "
                        f"bij {huidig.school} ({huidig.begin})",
                    )
                verhuisdatum = g.inschrijvingsdatum
                _verhuizen(huidig, g, verhuisdatum)
            elif (
                huidig is not None
                and huidig.uitgeschreven_op is not None
                and huidig.school != g.school
                and g.schoolwisseling
                and g.vorige_school == huidig.school
            ):
                # Eerst de uitschrijving, dan de melding met schoolwisseling (I-52).
                verhuisdatum = huidig.uitgeschreven_op
                huidig.uitschrijving_bij_verhuizing = verhuisdatum
                huidig.uitgeschreven_op = None
                _verhuizen(huidig, g, verhuisdatum)
            lijst.append(
                _Inschrijving(
                    g.school,
                    g.inschrijvingsdatum,
                    verhuisdatum is not None,
                    [g],
                    verhuisd_van_op=verhuisdatum,
                )
            )
        elif isinstance(g, Uitschrijving):
            if huidig is not None and huidig.school == g.school and huidig.open():
                if g.datum <= huidig.begin:
                    raise OngeldigeInvoer(
                        "uitschrijving.datum",
                        g.datum.isoformat(),
                        reden="ligt niet na de inschrijving",
                    )
                huidig.uitgeschreven_op = g.datum
                continue
            verhuisd = next((i for i in reversed(lijst) if i.school == g.school), None)
            if (
                verhuisd is not None
                and verhuisd.verhuisd_op is not None
                and verhuisd.uitschrijving_bij_verhuizing is None
                and g.datum >= verhuisd.verhuisd_op
            ):
                # Eerst de melding van de nieuwe school, dan de uitschrijving (I-52).
                verhuisd.uitschrijving_bij_verhuizing = g.datum
                continue
            raise OngeldigeInvoer(
                "uitschrijving.school",
                g.school,
                reden="er is geen lopende inschrijving op deze school om uit te schrijven",
            )
    for ins in lijst:
        ins.meldingen.sort(key=lambda m: m.meldingsdatum)
    return lijst


def verhuizingen(gebeurtenissen: Iterable[Gebeurtenis]) -> tuple[Verhuizing, ...]:
    """De verhuizingen naar een andere reguliere school in een geschiedenis, zoals het
    betaalschema ze leest (I-14, I-50, I-52); voor het overzicht na een verhuizing (I-53)."""
    return tuple(v for ins in _inschrijvingen(gebeurtenissen) if (v := ins.verhuizing()))


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
    toon_zonder_bron: bool = False,
) -> Betaalschema:
    """Alle betalingen van één schooljaar voor één leerling, met per maand de reden.

    Een schooljaar zonder tarieven in de bronnen geeft :class:`OntbrekendeBron` zodra er
    een maand te betalen valt; er wordt niet teruggevallen op een ander jaar. Zo rekent de
    betaalrun: een leemte, nooit een nul.

    Met ``toon_zonder_bron=True`` (om te tonen, niet om te betalen) komt zo'n maand in
    :attr:`Betaalschema.zonder_bron`: per deel de ontvanger en wat er ontbreekt, zonder
    bedrag, en de maandstatus zegt 'te betalen, bedrag onbekend: geen bron' (I-101). Het
    hele jaarbudget van die maand is dan onbekend, ook een deel dat wel een bron zou
    hebben: een maand wordt niet deels betaald. De ontvangers volgen uit de betaalregel
    (I-102). Alleen een ontbrekend tarief wordt zo getoond; elke andere fout (ook een
    ontbrekende termijn of minimumleeftijd) blijft een fout.
    """
    inschrijvingen = _inschrijvingen(gebeurtenissen)
    einde_lgf = lgf_einde(regeling)
    minimumleeftijd: int | None = None
    if geboortedatum is not None and not einde_lgf.voorbij(schooljaar.begin):
        w = regeling.zoek("lgf.minimumleeftijd", schooljaar.begin)
        assert isinstance(w.waarde, int)
        minimumleeftijd = w.waarde
    budgetten: dict[tuple[int, int | None], Budget] = {}
    leemtes: dict[tuple[int, int | None], tuple[OntbrekendeBron, tuple[Budgetdeel, ...]]] = {}
    einddata: dict[int, date | None] = {}
    betalingen: list[Betaling] = []
    zonder_bron: list[BetalingZonderBron] = []
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
            overname = ins.overname()
            verhuisd = _verhuisinterpretaties(ins, dag)
            if einde_lgf.voorbij(dag):  # na het einde van LGF geen maand meer (I-70)
                reden = einde_lgf.reden
            elif overname is not None and dag < overname:
                reden = (
                    f"verhuisd: nieuwe school krijgt het budget pas vanaf 1 augustus "
                    f"{overname.year}"
                )
            elif dag < ins.eerste_bekostigde_dag():
                reden = "nog niet ingeschreven"
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
                statussen.append(
                    Maandstatus(
                        maand,
                        ins.school,
                        False,
                        reden,
                        interpretaties=verhuisd if reden.startswith("verhuisd") else (),
                    )
                )
                continue
            groep = _groep_op(dag, m, gebeurtenissen)
            sleutel = (id(m), groep)
            if sleutel not in budgetten and sleutel not in leemtes:
                situatie = _situatie(m, schooljaar, groep)
                try:
                    budgetten[sleutel] = jaarbudget(regeling, situatie)
                except OntbrekendeBron as e:
                    if not toon_zonder_bron:
                        raise
                    leemtes[sleutel] = (e, budgetdelen(situatie))
            if sleutel in budgetten:
                delen = tuple(p.deel for p in budgetten[sleutel].posten)
            else:
                delen = leemtes[sleutel][1]
            zml = (
                m.onderwijssoort is Onderwijssoort.ZML
                and any(d.is_zml_aanvulling for d in delen)
                and _zml_toegekend(dag, ins, gebeurtenissen)
            )
            if sleutel in budgetten:
                for post in budgetten[sleutel].posten:
                    if post.deel.is_zml_aanvulling and not zml:
                        continue
                    bedrag = Decimal(maandbedrag_centen(centen(post.bedrag), k)).scaleb(-2)
                    betalingen.append(
                        Betaling(
                            maand,
                            post.ontvanger,
                            _ontvanger_id(m, post.ontvanger),
                            post.deel,
                            bedrag,
                            m.cvi_nummer,
                            m.school,
                            post.bedrag,
                        )
                    )
            else:
                leemte = leemtes[sleutel][0]
                for deel in delen:
                    if deel.is_zml_aanvulling and not zml:
                        continue
                    zonder_bron.append(
                        BetalingZonderBron(
                            maand,
                            deel.ontvanger,
                            _ontvanger_id(m, deel.ontvanger),
                            deel,
                            m.cvi_nummer,
                            m.school,
                            leemte.wat,
                            leemte.wel_bekend,
                            str(leemte),
                        )
                    )
            reden = f"gemeld op {m.meldingsdatum.isoformat()}"
            interpretaties: tuple[str, ...] = ()
            if ins.verhuisd_op is not None and dag >= ins.verhuisd_op:
                reden += (
                    f"; verhuisd per {ins.verhuisd_op.isoformat()} naar {ins.verhuisd_naar}, "
                    "het budget blijft tot en met "
                    f"{(overname_dag(ins.verhuisd_op) - timedelta(days=1)).isoformat()} "
                    "bij deze school"
                )
                interpretaties = verhuisd
            elif overname is not None:
                reden += f"; na verhuizing per {ins.verhuisd_van_op}"
                interpretaties = verhuisd
            if sleutel in budgetten:
                statussen.append(Maandstatus(maand, ins.school, True, reden, zml, interpretaties))
            else:
                statussen.append(
                    Maandstatus(
                        maand,
                        ins.school,
                        False,
                        f"{ZONDER_BRON_REDEN}; {reden}",
                        zml,
                        ("I-101", "I-102", *interpretaties),
                        zonder_bron=True,
                    )
                )
    uitleg = _uitleg(
        schooljaar,
        statussen,
        betalingen,
        budgetten.values(),
        zonder_bron,
    )
    verhuizingen = tuple(v for ins in inschrijvingen if (v := ins.verhuizing()) is not None)
    if einde_lgf.voorbij(schooljaar.einde):
        uitleg = uitleg.met(
            einde_lgf.stap(
                wat="Maanden na die dag worden niet betaald, wat de indicatie of de meldingen "
                "ook zeggen.",
                uitkomst=f"laatste te betalen maand: {einde_lgf.laatste_maand}",
            )
        )
    return Betaalschema(
        schooljaar,
        tuple(betalingen),
        tuple(statussen),
        uitleg,
        verhuizingen,
        tuple(zonder_bron),
    )


def _ontvanger_id(m: Melding, ontvanger: Ontvanger) -> str:
    """Het schooldeel gaat naar de school van inschrijving, het AB-deel naar de AB-verzorger
    van de melding (001 'Betaling')."""
    return m.school if ontvanger is Ontvanger.SCHOOL else m.ab_verzorger


def _verhuisinterpretaties(ins: _Inschrijving, dag: date) -> tuple[str, ...]:
    """De lezingen die een maand van een verhuisde of na verhuizing ingeschreven leerling
    bepalen: I-14 altijd, I-50 bij een verhuizing in de zomer, I-52 als een uitschrijving
    door de oude school meetelde."""
    datum = ins.verhuisd_op if ins.verhuisd_op is not None else ins.verhuisd_van_op
    if datum is None:
        return ()
    uit: tuple[str, ...] = ("I-14",)
    if (datum - timedelta(days=1)).month == 8:
        uit += ("I-50",)
    if ins.via_verhuizing and ins.verhuisd_van_op is not None and ins.begin > ins.verhuisd_van_op:
        uit += ("I-51",)
    if ins.uitschrijving_bij_verhuizing is not None or (
        ins.via_verhuizing and ins.meldingen and ins.meldingen[0].vorige_school is not None
    ):
        uit += ("I-52",)
    return uit


def _uitleg(
    schooljaar: Schooljaar,
    statussen: Sequence[Maandstatus],
    betalingen: Sequence[Betaling],
    budgetten: Iterable[Budget],
    zonder_bron: Sequence[BetalingZonderBron] = (),
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
            and vorige.interpretaties == s.interpretaties
            and vorige.zonder_bron == s.zonder_bron
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
            grondslag_b: tuple[Bron, ...] = (BRON_ZML,) if eerste.zml_aanvulling else ()
            if eerste.interpretaties:
                grondslag_b += BRON_VERHUIZING
            stappen.append(
                Stap(
                    regel="betaling.maanden",
                    omschrijving=f"School {eerste.school}: {tekst}.",
                    uitkomst=euro(bedrag),
                    grondslag=grondslag_b,
                    interpretaties=(("I-15",) if eerste.zml_aanvulling else ())
                    + eerste.interpretaties,
                )
            )
        elif eerste.zonder_bron:
            stappen.append(_stap_zonder_bron(eerste, periode, reeks, zonder_bron))
        else:
            grondslag: tuple[Bron, ...] = ()
            interpretaties: tuple[str, ...] = ("I-13",)
            if eerste.reden.startswith("LGF beëindigd"):
                grondslag, interpretaties = (BRON_EINDE,), ("I-70",)
            elif eerste.reden.startswith("verhuisd"):
                grondslag, interpretaties = BRON_VERHUIZING, eerste.interpretaties or ("I-14",)
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
    uitkomst = f"totaal in {schooljaar}: {euro(totaal)}"
    if zonder_bron:
        n = len({z.maand for z in zonder_bron})
        uitkomst += (
            f", onvolledig: {n} te betalen {'maand' if n == 1 else 'maanden'} zonder bron "
            "tellen niet mee, ook niet als nul (I-101)"
        )
    stappen.append(
        Stap(
            regel="betaling.maandverdeling",
            omschrijving="Elk jaarbedrag wordt per deel in hele centen over de twaalf maanden "
            "augustus t/m juli verdeeld; maand k krijgt floor(T·k/12) − floor(T·(k−1)/12) cent.",
            uitkomst=uitkomst,
            invoer=invoer(
                betalingen=len(betalingen),
                zonder_bron=len(zonder_bron) if zonder_bron else None,
            ),
            grondslag=(BRON_MAANDVERDELING,),
            interpretaties=("I-11", "I-101") if zonder_bron else ("I-11",),
        )
    )
    return Uitleg(f"betaalschema {schooljaar}", tuple(stappen))


def _stap_zonder_bron(
    eerste: Maandstatus,
    periode: str,
    reeks: Sequence[Maandstatus],
    zonder_bron: Sequence[BetalingZonderBron],
) -> Stap:
    """Een reeks te betalen maanden waarvan de bronnen het bedrag niet geven (I-101), met
    per ontvanger de delen (I-102) en wat er ontbreekt."""
    maanden = {s.maand for s in reeks}
    delen = [z for z in zonder_bron if z.school == eerste.school and z.maand in maanden]
    per_ontvanger: dict[str, list[str]] = {}
    for z in delen:
        omschrijvingen = per_ontvanger.setdefault(z.ontvanger_id, [])
        if z.deel.omschrijving not in omschrijvingen:
            omschrijvingen.append(z.deel.omschrijving)
    ontvangers = "; ".join(f"{o}: {', '.join(d)}" for o, d in per_ontvanger.items())
    fouten = list(dict.fromkeys(z.fout for z in delen))
    grondslag: tuple[Bron, ...] = (BRON_MAANDVERDELING, BRON_ONTVANGERS)
    if "I-14" in eerste.interpretaties:
        grondslag += BRON_VERHUIZING
    if eerste.zml_aanvulling:
        grondslag += (BRON_ZML,)
    interpretaties = (*eerste.interpretaties, "I-01") + (("I-15",) if eerste.zml_aanvulling else ())
    return Stap(
        regel="betaling.zonder_bron",
        omschrijving=f"School {eerste.school}: {periode}: {eerste.reden}. Deze maanden zijn te "
        f"betalen, maar de bronnen geven voor dit schooljaar geen bedrag; er wordt niet "
        f"teruggevallen op een ander jaar en het bedrag telt in geen totaal mee, ook niet als "
        f"nul (I-101). Te betalen aan {ontvangers} (I-102). Ontbreekt: {' / '.join(fouten)}.",
        uitkomst=f"bedrag onbekend ({GEEN_BRON})",
        grondslag=grondslag,
        interpretaties=tuple(dict.fromkeys(interpretaties)),
    )
