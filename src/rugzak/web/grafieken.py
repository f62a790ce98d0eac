"""Grafieken als SVG, op de server getekend: een staafdiagram en een tijdlijn van termijnen.

Waarom zelf geschreven in plaats van een bibliotheek: de grafieken zijn klein (staven,
rasterlijnen, een tijdas), moeten zonder JavaScript werken, mogen geen inline stijlen
gebruiken (de CSP staat alleen stijlbladen van de eigen herkomst toe) en moeten
toegankelijk zijn (``role="img"``, ``<title>`` en ``<desc>``, en dezelfde cijfers als
tabel). Bibliotheken als pygal zetten scripts en ``<style>`` in de SVG; matplotlib is
zwaar en levert SVG zonder die semantiek. Deze module rekent alleen de geometrie uit
(getallen in het coördinatenstelsel van de SVG); de sjablonen in
``rugzak/grafieken/`` tekenen. Bedragen blijven ``Decimal``; alleen de plaats van een
staaf is een float.

Gebruik in een sjabloon::

    {% load weergave %}
    {% staafdiagram grafiek %}   {# grafiek = staafdiagram(titel=..., reeks=[...]) #}
    {% tijdlijn lijn %}          {# lijn = tijdlijn(titel=..., vandaag=..., punten=[...]) #}
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from rugzak.regeling.uitleg import euro

_volgnummer = itertools.count(1)

MAANDEN_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _nieuw_id(voorvoegsel: str) -> str:
    """Een id dat uniek is binnen een pagina (ook met meer grafieken)."""
    return f"{voorvoegsel}-{next(_volgnummer)}"


def mooie_bovengrens(maximum: Decimal) -> Decimal:
    """De kleinste 'ronde' waarde (1; 1,2; 1,5; 2; 2,5; 3; 4; 5; 6 of 8 maal een macht van
    tien) >= ``maximum``, zodat vier rasterstappen ronde bedragen zijn.

    >>> mooie_bovengrens(Decimal("13689.93")) == 16000
    True
    >>> mooie_bovengrens(Decimal("0"))
    Decimal('1')
    """
    if maximum <= 0:
        return Decimal(1)
    macht = Decimal(10) ** (maximum.adjusted())
    for factor in ("1", "1.2", "1.6", "2", "2.4", "3", "4", "5", "6", "8", "10"):
        if Decimal(factor) * macht >= maximum:
            return Decimal(factor) * macht
    return 10 * macht  # pragma: no cover - factor 10 dekt alles


def _bedrag_kort(bedrag: Decimal) -> str:
    """Aslabel zonder centen: ``€ 20.000``."""
    return euro(bedrag.quantize(Decimal(1))).removesuffix(",00")


# --- staafdiagram -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Staaf:
    label: str
    waarde: Decimal
    waarde_tekst: str
    gemarkeerd: bool
    x: float
    y: float
    breedte: float
    hoogte: float
    # plaats van de teksten
    label_x: float
    label_y: float
    waarde_x: float
    waarde_y: float


@dataclass(frozen=True, slots=True)
class Rasterlijn:
    tekst: str
    x1: float
    y1: float
    x2: float
    y2: float
    tekst_x: float
    tekst_y: float


@dataclass(frozen=True, slots=True)
class Staafdiagram:
    """Alles wat het sjabloon nodig heeft om één staafdiagram te tekenen."""

    id: str
    titel: str
    omschrijving: str
    liggend: bool
    breedte: int
    hoogte: int
    staven: tuple[Staaf, ...]
    raster: tuple[Rasterlijn, ...]
    label_kop: str
    waarde_kop: str
    totaal_tekst: str | None

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.breedte} {self.hoogte}"


def staafdiagram(
    *,
    titel: str,
    reeks: Sequence[tuple[str, Decimal]],
    omschrijving: str = "",
    liggend: bool = False,
    label_kop: str = "Omschrijving",
    waarde_kop: str = "Bedrag",
    met_totaal: bool = False,
    markeer: str | None = None,
) -> Staafdiagram:
    """Een staafdiagram van bedragen: staand (bv. twaalf maanden) of liggend (lange labels,
    bv. onderwijssoorten; het label staat dan boven de staaf). De staaf met label
    ``markeer`` krijgt een andere kleur én de tekst "(gekozen)"."""
    maximum = max((w for _, w in reeks), default=Decimal(0))
    boven = mooie_bovengrens(maximum)
    stappen = 4
    staven: list[Staaf] = []
    raster: list[Rasterlijn] = []
    if liggend:
        breedte, links, rechts, boven_marge = 640, 28, 110, 28
        rij = 44
        hoogte = boven_marge + rij * max(len(reeks), 1) + 8
        schaal = (breedte - links - rechts) / float(boven)
        for i in range(stappen + 1):
            waarde = boven * i / stappen
            x = links + float(waarde) * schaal
            raster.append(
                Rasterlijn(_bedrag_kort(waarde), x, boven_marge - 6, x, hoogte - 8, x, 16)
            )
        for i, (label, waarde) in enumerate(reeks):
            y_staaf = boven_marge + i * rij + 18
            lengte = float(waarde) * schaal
            gekozen = label == markeer
            staven.append(
                Staaf(
                    label=label + (" (gekozen)" if gekozen else ""),
                    waarde=waarde,
                    waarde_tekst=euro(waarde),
                    gemarkeerd=gekozen,
                    x=links,
                    y=y_staaf,
                    breedte=round(lengte, 2),
                    hoogte=18,
                    label_x=links,
                    label_y=y_staaf - 5,
                    waarde_x=round(links + lengte + 6, 2),
                    waarde_y=y_staaf + 14,
                )
            )
    else:
        breedte, hoogte = 640, 300
        links, rechts, boven_marge, onder = 84, 12, 24, 40
        hoogte_plot = hoogte - boven_marge - onder
        schaal = hoogte_plot / float(boven)
        vak = (breedte - links - rechts) / max(len(reeks), 1)
        for i in range(stappen + 1):
            waarde = boven * i / stappen
            y: float = boven_marge + hoogte_plot - float(waarde) * schaal
            raster.append(
                Rasterlijn(_bedrag_kort(waarde), links, y, breedte - rechts, y, links - 6, y + 4)
            )
        for i, (label, waarde) in enumerate(reeks):
            h = float(waarde) * schaal
            x = links + i * vak + vak * 0.15
            staven.append(
                Staaf(
                    label=label,
                    waarde=waarde,
                    waarde_tekst=euro(waarde),
                    gemarkeerd=label == markeer,
                    x=round(x, 2),
                    y=round(boven_marge + hoogte_plot - h, 2),
                    breedte=round(vak * 0.7, 2),
                    hoogte=round(h, 2),
                    label_x=round(x + vak * 0.35, 2),
                    label_y=hoogte - onder + 18,
                    waarde_x=round(x + vak * 0.35, 2),
                    waarde_y=round(boven_marge + hoogte_plot - h - 4, 2),
                )
            )
    totaal = sum((w for _, w in reeks), Decimal(0))
    return Staafdiagram(
        id=_nieuw_id("grafiek"),
        titel=titel,
        omschrijving=omschrijving
        or f"{len(reeks)} staven; hoogste {euro(maximum)}; samen {euro(totaal)}.",
        liggend=liggend,
        breedte=breedte,
        hoogte=hoogte,
        staven=tuple(staven),
        raster=tuple(raster),
        label_kop=label_kop,
        waarde_kop=waarde_kop,
        totaal_tekst=euro(totaal) if met_totaal else None,
    )


# --- tijdlijn ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tijdlijnpunt:
    """Eén termijn op de tijdlijn: van ``begin`` tot ``uiterlijk``, eventueel voldaan.

    ``status`` is de status uit de regelkern (rugzak.regeling.regels.termijnen.status),
    als tekst; de tijdlijn rekent zelf niets uit.
    """

    omschrijving: str
    begin: date
    uiterlijk: date
    status: str
    voldaan_op: date | None = None


@dataclass(frozen=True, slots=True)
class Tijdlijnregel:
    punt: Tijdlijnpunt
    klasse: str
    y: float
    x_begin: float
    x_uiterlijk: float
    x_voldaan: float | None
    tekst_y: float

    @property
    def merk_x(self) -> float:
        """Linkerkant van het merkteken op de uiterste datum (4 breed)."""
        return round(self.x_uiterlijk - 2, 2)

    @property
    def merk_y(self) -> float:
        return round(self.y - 8, 2)


@dataclass(frozen=True, slots=True)
class Tijdstreep:
    tekst: str
    x: float


@dataclass(frozen=True, slots=True)
class Tijdlijn:
    id: str
    titel: str
    omschrijving: str
    breedte: int
    hoogte: int
    regels: tuple[Tijdlijnregel, ...]
    strepen: tuple[Tijdstreep, ...]
    vandaag: date
    x_vandaag: float
    as_y: float

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.breedte} {self.hoogte}"

    @property
    def as_eind(self) -> int:
        return self.breedte - 8

    @property
    def streep_y(self) -> float:
        return self.as_y + 5

    @property
    def streeptekst_y(self) -> float:
        return self.as_y + 20

    @property
    def vandaag_tekst_x(self) -> float:
        """Links van de lijn (tekst rechts uitgelijnd), zodat hij nooit buiten beeld valt."""
        return round(self.x_vandaag - 4, 2)

    @property
    def vandaag_tekst_y(self) -> float:
        return self.as_y - 4


_STATUSKLASSE = {
    "lopend": "lopend",
    "bijna verlopen": "bijna",
    "verlopen": "verlopen",
    "voldaan": "voldaan",
    "te laat voldaan": "te-laat",
}


def _maanden_tussen(van: date, tot: date) -> Iterable[date]:
    dag = date(van.year, van.month, 1)
    while dag <= tot:
        yield dag
        dag = date(dag.year + (dag.month == 12), dag.month % 12 + 1, 1)


def tijdlijn(*, titel: str, vandaag: date, punten: Sequence[Tijdlijnpunt]) -> Tijdlijn:
    """Een tijdlijn met per termijn een balk van begin tot uiterste datum, een merkteken
    waar hij voldaan is, en een verticale lijn op vandaag."""
    data = [vandaag] + [d for p in punten for d in (p.begin, p.uiterlijk, p.voldaan_op) if d]
    eerste = min(data) - timedelta(days=7)
    laatste = max(data) + timedelta(days=7)
    links, rechts, breedte = 16, 16, 640
    rij = 46
    boven_marge = 12
    as_y = boven_marge + rij * max(len(punten), 1) + 6
    hoogte = int(as_y + 30)
    dagen = max((laatste - eerste).days, 1)
    schaal = (breedte - links - rechts) / dagen

    def x(dag: date) -> float:
        return round(links + (dag - eerste).days * schaal, 2)

    regels = []
    for i, p in enumerate(punten):
        y = boven_marge + i * rij + 28
        regels.append(
            Tijdlijnregel(
                punt=p,
                klasse=_STATUSKLASSE.get(p.status, "lopend"),
                y=y,
                x_begin=x(p.begin),
                x_uiterlijk=x(p.uiterlijk),
                x_voldaan=x(p.voldaan_op) if p.voldaan_op else None,
                tekst_y=y - 10,
            )
        )
    maanden = list(_maanden_tussen(eerste, laatste))
    stap = max(1, len(maanden) // 8)  # hoogstens ongeveer acht labels
    strepen = [
        Tijdstreep(f"{MAANDEN_KORT[m.month - 1]} {m.year}", x(m))
        for m in maanden[::stap]
        if m >= eerste
    ]
    open_ = sum(1 for p in punten if p.status in ("lopend", "bijna verlopen", "verlopen"))
    return Tijdlijn(
        id=_nieuw_id("tijdlijn"),
        titel=titel,
        omschrijving=f"{len(punten)} termijnen, waarvan {open_} nog open; "
        f"vandaag is {vandaag.day} {MAANDEN_KORT[vandaag.month - 1]} {vandaag.year}.",
        breedte=breedte,
        hoogte=hoogte,
        regels=tuple(regels),
        strepen=tuple(strepen),
        vandaag=vandaag,
        x_vandaag=x(vandaag),
        as_y=as_y,
    )
