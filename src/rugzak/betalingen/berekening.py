"""Wat een betaalrun moet boeken: wat tot en met de maand betaald had moeten zijn volgens
de regelkern, min wat het grootboek al bevat, per leerling, ontvanger, deel en maand.

Geen schrijfwerk: :func:`bereken_run` leest en rekent; de service
:func:`rugzak.betalingen.services.betaalrun_uitvoeren` boekt.

De snelle weg (issue 9): de zaken worden in een vast aantal queries gelezen (meldingen,
terugmeldingen, zml-aanvragen, terugplaatsingen; geen query per leerling), de regelkern
rekent alle leerlingen per schooljaar in bulk
(:func:`rugzak.regeling.batchrijen.bereken_jaar`, op :mod:`rugzak.regeling.batch`), en
het grootboek wordt met één aggregatiequery per sleutel opgeteld. Een leerling wiens
geschiedenis zich niet als bulkrijen laat schrijven, rekent de regelkern met het pad
voor één leerling (:func:`betaalschema`); de run telt ze (``terugval``, I-85).

:func:`verschuldigd_per_leerling` is het oude pad (één ``betaalschema`` per leerling en
schooljaar): de referentie voor de tests en de benchmark, en de uitleg bij een bedrag.

Een schooljaar dat de regelkern niet kan berekenen (geen tarief in de bronnen, zoals
2010-2011 en 2012-2013, of gegevens die niet passen) wordt een :class:`Leemtegeval`: voor
dat schooljaar van die leerling wordt niets geboekt, ook geen correctie, en de run meldt
het. Er wordt nooit stil overgeslagen of teruggevallen op een ander jaar.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection, transaction
from django.db.models import Max, Sum

from rugzak.betalingen.models import (
    Boekingsoort,
    Grootboekregel,
    Leemtesoort,
    Leerlingberekening,
)
from rugzak.gedeeld.bulk import zonder_gc
from rugzak.leerlingen.models import Leerling
from rugzak.meldingen.kern import WIJZIGBARE_BASISGEGEVENS
from rugzak.meldingen.models import (
    Melding,
    Meldingstatus,
    Terugmelding,
    Terugmeldingsoort,
    Terugmeldingstatus,
    TerugplaatsingGroep2,
    ZmlAanvraag,
    Zmlstatus,
)
from rugzak.meldingen.selectors import eerste_meldingsdatum, gebeurtenissen_per_leerling
from rugzak.regeling import batchrijen
from rugzak.regeling.batch import Tarieftabellen
from rugzak.regeling.begrippen import Leerweg, MboNiveau, Onderwijssoort, Schoolsoort, VoVariant
from rugzak.regeling.fouten import NietToegestaan, OntbrekendeBron, RegelingFout
from rugzak.regeling.laden import standaard_bestanden, standaard_regeling
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.regels import betaling as kernbetaling
from rugzak.regeling.regels.betaling import Gebeurtenis, betaalschema, centen
from rugzak.regeling.regels.melding import Melding as KernMelding
from rugzak.regeling.regels.melding import melding_uit_formulier
from rugzak.regeling.tijd import Maand, Schooljaar

I64 = npt.NDArray[np.int64]

#: (leerling_id, ontvanger_id, deel, eerste dag van de maand)
Sleutel = tuple[int, int, str, date]

#: Zoveel leerlingen tegelijk door de bulk (begrenst het geheugen; na elk blok meldt de
#: run zijn voortgang).
BLOK = 25_000


@dataclass(frozen=True, slots=True)
class Boeking:
    leerling_id: int
    ontvanger_id: int
    deel: str
    maand: date
    cvi_nummer: str
    centen: int
    soort: str


#: de budgetdelen naar hun code (positie), zoals :data:`batchrijen.DELEN`
DEELNAMEN: tuple[str, ...] = tuple(d.value for d in batchrijen.DELEN)


@dataclass(frozen=True, slots=True)
class Boekingen:
    """De boekingen van een run als kolommen (voor het volume: geen Python-object per regel);
    itereren geeft :class:`Boeking`-en, gesorteerd op leerling, ontvanger, deel en maand.

    ``deelcode`` is een positie in :data:`DEELNAMEN`, ``maandnummer`` is jaar * 12 + maand
    - 1, ``cvi_code`` een positie in ``cvi_namen``."""

    leerling_id: I64
    ontvanger_id: I64
    deelcode: I64
    maandnummer: I64
    cvi_code: I64
    cvi_namen: tuple[str, ...]
    centen: I64
    correctie: npt.NDArray[np.bool_]

    def __len__(self) -> int:
        return int(self.centen.shape[0])

    def __iter__(self) -> Iterator[Boeking]:
        for i in range(len(self)):
            yield self[i]

    def __getitem__(self, i: int) -> Boeking:
        return Boeking(
            leerling_id=int(self.leerling_id[i]),
            ontvanger_id=int(self.ontvanger_id[i]),
            deel=DEELNAMEN[int(self.deelcode[i])],
            maand=_maanddatum(int(self.maandnummer[i])),
            cvi_nummer=self.cvi_namen[int(self.cvi_code[i])],
            centen=int(self.centen[i]),
            soort=Boekingsoort.CORRECTIE if self.correctie[i] else Boekingsoort.BETALING,
        )

    @property
    def deel(self) -> tuple[str, ...]:
        return tuple(DEELNAMEN[x] for x in self.deelcode.tolist())

    @property
    def maand(self) -> tuple[date, ...]:
        data = {m: _maanddatum(m) for m in np.unique(self.maandnummer).tolist()}
        return tuple(data[x] for x in self.maandnummer.tolist())

    @property
    def cvi_nummer(self) -> tuple[str, ...]:
        return tuple(self.cvi_namen[x] for x in self.cvi_code.tolist())

    @property
    def totaal_centen(self) -> int:
        return int(self.centen.sum())

    @classmethod
    def leeg(cls) -> Boekingen:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z, z, z, z, (), z, np.zeros(0, dtype=np.bool_))

    @classmethod
    def uit_lijst(cls, lijst: Sequence[Boeking]) -> Boekingen:
        namen: dict[str, int] = {}
        for b in lijst:
            namen.setdefault(b.cvi_nummer, len(namen))
        return cls(
            leerling_id=np.array([b.leerling_id for b in lijst], dtype=np.int64),
            ontvanger_id=np.array([b.ontvanger_id for b in lijst], dtype=np.int64),
            deelcode=np.array([_DEELCODES[b.deel] for b in lijst], dtype=np.int64),
            maandnummer=np.array([_maandnummer(b.maand) for b in lijst], dtype=np.int64),
            cvi_code=np.array([namen[b.cvi_nummer] for b in lijst], dtype=np.int64),
            cvi_namen=tuple(namen),
            centen=np.array([b.centen for b in lijst], dtype=np.int64),
            correctie=np.array([b.soort == Boekingsoort.CORRECTIE for b in lijst], dtype=np.bool_),
        )


@dataclass(frozen=True, slots=True)
class Leemtegeval:
    leerling_id: int
    cvi_nummers: str
    schooljaar: Schooljaar
    soort: str
    melding: str


@dataclass(frozen=True, slots=True)
class Runberekening:
    maand: Maand
    leerlingen: int
    boekingen: Boekingen
    leemtes: tuple[Leemtegeval, ...]
    #: leerlingen die (voor ten minste één schooljaar) het pad voor één leerling namen (I-85)
    terugval: int = 0
    #: seconden per fase: lezen, rekenen, grootboek (voor de benchmark)
    tijden: dict[str, float] = field(default_factory=dict)
    #: met ``afdrukken``: de opnieuw berekende leerlingen (oplopend) en hun vingerafdruk,
    #: om vast te leggen als :class:`Leerlingberekening` (I-190); None: niets vastleggen
    afdruk_lid: I64 | None = None
    afdruk: I64 | None = None
    #: de vorige berekening van de opnieuw berekende leerlingen (welke leemtes golden)
    vorige: dict[int, Vorige] = field(default_factory=dict)
    #: de leerlingen die het pad voor één leerling namen
    terugval_ids: frozenset[int] = frozenset()
    #: leerlingen die niet opnieuw berekend zijn (niets veranderd sinds hun laatste
    #: berekening, I-190), en hun leemtes die blijven gelden
    ongewijzigd: int = 0
    ongewijzigde_leemtes: int = 0

    @property
    def leemtes_totaal(self) -> int:
        """Alle leemtes die na deze run gelden: nieuw berekend plus ongewijzigd."""
        return len(self.leemtes) + self.ongewijzigde_leemtes


def _leemtesoort(fout: RegelingFout) -> str:
    if isinstance(fout, OntbrekendeBron):
        return Leemtesoort.ONTBREKENDE_BRON
    if isinstance(fout, NietToegestaan):
        return Leemtesoort.NIET_TOEGESTAAN
    return Leemtesoort.ONGELDIGE_GEGEVENS


def _cvi_nummers(gebeurtenissen: Sequence[Gebeurtenis]) -> str:
    nummers = sorted({g.cvi_nummer for g in gebeurtenissen if isinstance(g, KernMelding)})
    return ", ".join(nummers)


# --- het pad voor één leerling (referentie en terugval) ------------------------------------------


def _een_leerling(
    regeling: Regeling,
    lid: int,
    gebeurtenissen: Sequence[Gebeurtenis],
    geboortedatum: date | None,
    jaren: Sequence[Schooljaar],
    tot_en_met: Maand,
    moet: dict[Sleutel, int],
    cvi: dict[Sleutel, str],
    berekend: set[tuple[int, int]],
    leemtes: list[Leemtegeval],
) -> None:
    for schooljaar in jaren:
        try:
            schema = betaalschema(regeling, gebeurtenissen, schooljaar, geboortedatum=geboortedatum)
        except RegelingFout as fout:
            leemtes.append(
                Leemtegeval(
                    lid, _cvi_nummers(gebeurtenissen), schooljaar, _leemtesoort(fout), str(fout)
                )
            )
            continue
        berekend.add((lid, schooljaar.beginjaar))
        for b in schema.betalingen:
            if b.maand > tot_en_met:
                continue
            sleutel = (lid, int(b.ontvanger_id), b.deel.value, b.maand.eerste_dag)
            moet[sleutel] = moet.get(sleutel, 0) + centen(b.bedrag)
            cvi[sleutel] = b.cvi_nummer


def _jaren(eerste: date, tot_en_met: Maand) -> list[Schooljaar]:
    return [
        Schooljaar(j)
        for j in range(Schooljaar.van_datum(eerste).beginjaar, tot_en_met.schooljaar.beginjaar + 1)
    ]


def verschuldigd_per_leerling(
    *, leerling_ids: list[int], tot_en_met: Maand
) -> tuple[dict[Sleutel, int], dict[Sleutel, str], set[tuple[int, int]], list[Leemtegeval]]:
    """Het oude pad: per leerling en schooljaar :func:`betaalschema` (ORM-objecten, één
    leerling tegelijk). Per sleutel het bedrag in centen dat tot en met ``tot_en_met``
    betaald had moeten zijn; welke (leerling, schooljaar) berekend zijn; en de leemtes.
    De referentie waartegen de tests en de benchmark de bulk meten."""
    regeling = standaard_regeling()
    gebeurtenissen = gebeurtenissen_per_leerling(leerling_ids=leerling_ids)
    eerste = eerste_meldingsdatum(leerling_ids=leerling_ids)
    geboren = dict(Leerling.objects.filter(pk__in=leerling_ids).values_list("pk", "geboortedatum"))
    moet: dict[Sleutel, int] = {}
    cvi: dict[Sleutel, str] = {}
    berekend: set[tuple[int, int]] = set()
    leemtes: list[Leemtegeval] = []
    for lid in leerling_ids:
        if lid not in eerste:
            continue
        _een_leerling(
            regeling,
            lid,
            gebeurtenissen[lid],
            geboren.get(lid),
            _jaren(eerste[lid], tot_en_met),
            tot_en_met,
            moet,
            cvi,
            berekend,
            leemtes,
        )
    return moet, cvi, berekend, leemtes


# Behouden naam (het oude pad heette zo).
verschuldigd = verschuldigd_per_leerling


# --- lezen in een vast aantal queries ------------------------------------------------------------

_SCHOOLSOORT = {s.value: s for s in Schoolsoort}
_ONDERWIJSSOORT = {s.value: s for s in Onderwijssoort}
_VO = {s.value: s for s in VoVariant}
_NIVEAU = {s.value: s for s in MboNiveau}
_LEERWEG = {s.value: s for s in Leerweg}

_MELDINGVELDEN = (
    "leerling_id",
    "id",
    "meldingsdatum",
    "school_id",
    "schoolsoort",
    "inschrijvingsdatum",
    "cvi_nummer",
    "indicatiedatum",
    "onderwijssoort",
    "ab_verzorger_id",
    "groep",
    "leerjaar",
    "vo_variant",
    "mbo_niveau",
    "leerweg",
    "herindicatie",
    "vorig_cvi_nummer",
    "schoolwisseling",
    "vorige_school_id",
    "syndroom_van_down",
    "indicatie__einddatum",
    "aanvullende_formatie_2003",
    "leerling__geboortedatum",
)


def _formulier(r: tuple[Any, ...]) -> dict[str, object]:
    """Als :func:`rugzak.meldingen.kern.formulier_van`, uit een rij van ``_MELDINGVELDEN``."""
    return {
        "meldingsdatum": r[2],
        "school": str(r[3]),
        "schoolsoort": r[4],
        "inschrijvingsdatum": r[5],
        "cvi_nummer": r[6],
        "indicatiedatum": r[7],
        "onderwijssoort": r[8],
        "ab_verzorger": str(r[9]),
        "groep": r[10],
        "leerjaar": r[11],
        "vo_variant": r[12] or None,
        "mbo_niveau": r[13] or None,
        "leerweg": r[14] or None,
        "herindicatie": r[15],
        "vorig_cvi_nummer": r[16] or None,
        "schoolwisseling": r[17],
        "vorige_school": str(r[18]) if r[18] else None,
        "syndroom_van_down": r[19],
        "indicatie_einddatum": r[20],
        "aanvullende_formatie_2003": r[21],
    }


def _kern_melding(r: tuple[Any, ...]) -> KernMelding:
    """Wat :func:`melding_uit_formulier` van een opgeslagen (dus eerder aanvaarde) melding
    maakt, zonder de formuliercontrole te herhalen."""
    ss = _SCHOOLSOORT[r[4]]
    bao = ss in (Schoolsoort.BAO, Schoolsoort.SBAO)
    vo = ss is Schoolsoort.VO
    mbo = ss is Schoolsoort.MBO
    ins: date = r[5]
    return KernMelding(
        r[2],
        str(r[3]),
        ss,
        ins,
        r[6].strip(),
        r[7],
        _ONDERWIJSSOORT[r[8]],
        str(r[9]),
        r[10] if bao else None,
        r[11] if (vo or mbo) else None,
        _VO[r[12]] if vo else None,
        _NIVEAU[r[13]] if mbo else None,
        _LEERWEG[r[14]] if mbo else None,
        r[16].strip() if r[15] else None,
        str(r[18]) if r[17] else None,
        bool(r[19]),
        r[20] or None,
        bool(r[21]) if Schooljaar.van_datum(ins) == Schooljaar(2003) else None,
    )


@dataclass
class Gelezen:
    geschiedenissen: dict[int, batchrijen.Geschiedenis]
    eerste: dict[int, date]
    ongeldig: dict[int, RegelingFout]


def _alleen(qs: Any, veld: str, ids: Sequence[int] | None) -> tuple[Any, frozenset[int] | None]:
    """``qs`` beperkt tot ``veld`` in ``ids`` (None: niet beperken). Op PostgreSQL met één
    array-parameter; elders bij veel ids in Python (SQLite kent een grens aan het aantal
    parameters): dan de verzameling om zelf op te filteren."""
    if ids is None:
        return qs, None
    if connection.vendor == "postgresql":
        from django.db.models.expressions import RawSQL

        return qs.filter(
            **{f"{veld}__in": RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))}
        ), None
    if len(ids) <= 500:
        return qs.filter(**{f"{veld}__in": list(ids)}), None
    return qs, frozenset(ids)


def lees_geschiedenissen(leerling_ids: Sequence[int] | None = None) -> Gelezen:
    """Alle leerlingen met een geaccepteerde melding (of alleen ``leerling_ids``), met hun
    gebeurtenissen, in vijf queries; dezelfde gebeurtenissen, in dezelfde volgorde, als
    :func:`gebeurtenissen_per_leerling`."""
    per: dict[int, list[Gebeurtenis]] = defaultdict(list)
    geboren: dict[int, date | None] = {}
    eerste: dict[int, date] = {}
    ongeldig: dict[int, RegelingFout] = {}
    rijen: dict[int, tuple[Any, ...]] = {}
    geaccepteerd, zelf = _alleen(
        Melding.objects.filter(status=Meldingstatus.GEACCEPTEERD), "leerling_id", leerling_ids
    )
    for r in geaccepteerd.order_by("meldingsdatum", "id").values_list(*_MELDINGVELDEN):
        lid = r[0]
        if zelf is not None and lid not in zelf:
            continue
        rijen[r[1]] = r
        per[lid].append(_kern_melding(r))
        geboren[lid] = r[22]
        if lid not in eerste or r[2] < eerste[lid]:
            eerste[lid] = r[2]
    for mid, soort, datum, *wijziging in (
        Terugmelding.objects.filter(melding__in=geaccepteerd, status=Terugmeldingstatus.VERWERKT)
        .order_by("datum", "id")
        .values_list(
            "melding_id", "soort", "datum", *WIJZIGBARE_BASISGEGEVENS[:-1], "ab_verzorger_id"
        )
    ):
        r = rijen.get(mid)
        if r is None:
            continue
        lid = r[0]
        if soort == Terugmeldingsoort.WIJZIGING:
            formulier = _formulier(r)
            nieuw = dict(zip(WIJZIGBARE_BASISGEGEVENS, wijziging, strict=True))
            if nieuw["ab_verzorger"] is not None:
                nieuw["ab_verzorger"] = str(nieuw["ab_verzorger"])
            formulier.update({k: v for k, v in nieuw.items() if v not in (None, "")})
            formulier["meldingsdatum"] = datum
            try:
                per[lid].append(melding_uit_formulier(formulier))
            except RegelingFout as fout:
                ongeldig[lid] = fout  # een leemte van deze leerling, geen vastgelopen run (I-86)
        else:
            per[lid].append(kernbetaling.Uitschrijving(datum, str(r[3])))
    for mid, groep_3_per, aanvraagdatum in (
        ZmlAanvraag.objects.filter(melding__in=geaccepteerd, status=Zmlstatus.TOEGEKEND)
        .order_by("aanvraagdatum", "id")
        .values_list("melding_id", "groep_3_per", "aanvraagdatum")
    ):
        if mid not in rijen:
            continue
        lid = rijen[mid][0]
        per[lid].append(kernbetaling.Groepsovergang(groep_3_per, 3))
        per[lid].append(kernbetaling.ZmlAanvraag(aanvraagdatum))
    for mid, datum in TerugplaatsingGroep2.objects.filter(melding__in=geaccepteerd).values_list(
        "melding_id", "datum"
    ):
        if mid in rijen:
            per[rijen[mid][0]].append(kernbetaling.TerugplaatsingGroep2(datum))
    geschiedenissen = {
        lid: batchrijen.Geschiedenis(lid, tuple(g), geboren[lid]) for lid, g in per.items()
    }
    return Gelezen(geschiedenissen, eerste, ongeldig)


# --- de vingerafdruk per leerling (incrementele run, I-190) --------------------------------------


@cache
def rekenversie() -> str:
    """Wat, naast de gegevens van de leerling, bepaalt wat een run berekent: de meegeleverde
    regelingsbestanden en de broncode van de regelkern en van deze module. Verandert een
    ervan (een nieuwe uitgave), dan rekent de volgende run iedereen opnieuw (I-190)."""
    import rugzak.regeling as regelkern

    h = hashlib.sha256()
    bestanden = [*standaard_bestanden(), *sorted(Path(regelkern.__file__).parent.rglob("*.py"))]
    for pad in [*bestanden, Path(__file__)]:
        h.update(pad.name.encode())
        h.update(pad.read_bytes())
    return h.hexdigest()[:32]


def _invoermodellen() -> tuple[tuple[Any, str], ...]:
    """(model, pad naar de melding) van de gegevens die het pad voor één leerling leest,
    naast de geaccepteerde meldingen zelf: hun indicaties, terugmeldingen, zml-aanvragen en
    terugplaatsingen (elke kolom, ook die de regelkern niet leest: liever een keer te
    vaak rekenen dan een wijziging missen)."""
    from rugzak.indicaties.models import Indicatie

    return (
        (Indicatie, "indicatie"),
        (Terugmelding, "melding"),
        (ZmlAanvraag, "melding"),
        (TerugplaatsingGroep2, "melding"),
    )


def vingerafdrukken(maand: Maand) -> tuple[I64, I64]:
    """Per leerling met een geaccepteerde melding een getal van 64 bits over alles wat het pad
    voor één leerling voor haar leest (elke kolom van haar geaccepteerde meldingen, de
    indicaties daarvan, alle terugmeldingen, zml-aanvragen en terugplaatsingen bij die
    meldingen, haar geboortedatum), de maand van de run en :func:`rekenversie`. Geeft
    (leerling-ids oplopend, afdrukken). Op PostgreSQL in één query (een hash per rij als
    tekst, :func:`_vingerafdrukken_pg`); elders uit de rijen zelf (blake2b), met hetzelfde
    gedrag: elke wijziging van een kolom geeft een andere afdruk."""
    zout = f"{maand}|{rekenversie()}|"
    geaccepteerd = Meldingstatus.GEACCEPTEERD.value
    if connection.vendor == "postgresql":
        return _vingerafdrukken_pg(zout)
    per: dict[int, list[str]] = defaultdict(list)
    melding_lid: dict[int, int] = {}
    indicatie_lids: dict[int, list[int]] = defaultdict(list)
    velden_m = [f.attname for f in Melding._meta.concrete_fields]
    for r in Melding.objects.filter(status=geaccepteerd).order_by("id").values_list(*velden_m):
        rij = dict(zip(velden_m, r, strict=True))
        lid = rij["leerling_id"]
        melding_lid[rij["id"]] = lid
        indicatie_lids[rij["indicatie_id"]].append(lid)
        per[lid].append(f"0:{r!r}")
    geboorte = dict(Leerling.objects.values_list("pk", "geboortedatum"))
    for lid in per:
        per[lid].append(f"1:{geboorte.get(lid)!r}")
    for k, (model, pad) in enumerate(_invoermodellen(), start=2):
        velden = [f.attname for f in model._meta.concrete_fields]
        for r in model.objects.order_by("id").values_list(*velden):
            rij = dict(zip(velden, r, strict=True))
            if pad == "indicatie":
                lids = indicatie_lids.get(rij["id"], [])
            else:
                lid_m = melding_lid.get(rij["melding_id"])
                lids = [] if lid_m is None else [lid_m]
            for lid in lids:
                per[lid].append(f"{k}:{r!r}")
    lids = sorted(per)
    afdruk = np.zeros(len(lids), dtype=np.int64)
    for i, lid in enumerate(lids):
        h = hashlib.blake2b(zout.encode(), digest_size=8)
        h.update("|".join(sorted(per[lid])).encode())
        afdruk[i] = int.from_bytes(h.digest(), "big", signed=True)
    return np.asarray(lids, dtype=np.int64), afdruk


def _vingerafdrukken_pg(zout: str) -> tuple[I64, I64]:
    """:func:`vingerafdrukken` in één query: per rij een hash van 64 bits van de rij als
    tekst (``hashtextextended``, met per tabel een eigen zaad), per leerling samengenomen met
    XOR (``bit_xor``, PostgreSQL 14 en later) en met het zout. Elke gehashte tekst komt per
    leerling hooguit één keer voor (de rij heeft haar eigen id, een gekoppelde rij krijgt
    het id van de melding erbij), zodat bij XOR niets wegvalt. Geen sortering van tekst,
    geen JIT (die kostte bij honderdduizend leerlingen meer dan de query zelf)."""
    t_m = Melding._meta.db_table
    t_l = Leerling._meta.db_table
    delen = [
        f"SELECT m.leerling_id AS lid, hashtextextended(m::text, 0) AS h FROM {t_m} m "
        "WHERE m.status = %(s)s",
        f"SELECT l.id, hashtextextended(coalesce(l.geboortedatum::text, ''), 1) FROM {t_l} l "
        f"WHERE EXISTS (SELECT 1 FROM {t_m} m WHERE m.leerling_id = l.id AND m.status = %(s)s)",
    ]
    for k, (model, pad) in enumerate(_invoermodellen(), start=2):
        t = model._meta.db_table
        koppeling = "x.id = m.indicatie_id" if pad == "indicatie" else "x.melding_id = m.id"
        delen.append(
            # met het id van de melding: twee meldingen met dezelfde indicatie (een
            # verhuizing) geven twee verschillende hashes, die bij XOR niet wegvallen
            f"SELECT m.leerling_id, hashtextextended(m.id::text || ':' || x::text, {k}) "
            f"FROM {t_m} m "
            f"JOIN {t} x ON {koppeling} WHERE m.status = %(s)s"
        )
    sql = (
        "SELECT lid, bit_xor(h) # hashtextextended(%(zout)s, 99) "
        f"FROM ({' UNION ALL '.join(delen)}) AS d GROUP BY lid ORDER BY lid"
    )
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL jit = off")
        cur.execute(sql, {"s": Meldingstatus.GEACCEPTEERD.value, "zout": zout})
        rijen = cur.fetchall()
        cur.execute("SET LOCAL jit TO DEFAULT")
    if not rijen:
        z = np.zeros(0, dtype=np.int64)
        return z, z
    arr = np.array(rijen, dtype=np.int64)
    return arr[:, 0].copy(), arr[:, 1].copy()


@dataclass(frozen=True, slots=True)
class Vorige:
    """De geldende berekening (laatste :class:`Leerlingberekening`) van één leerling."""

    afdruk: int
    leemtes: int
    leemte_afdruk: int
    leemte_run_id: int | None
    terugval: bool
    grootboek_tot: int


_VORIGE_VELDEN = (
    "leerling_id", "afdruk", "leemtes", "leemte_afdruk", "leemte_run_id", "terugval",
    "grootboek_tot",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Vorigen:
    """De laatste :class:`Leerlingberekening` van elke leerling, als kolommen (oplopend op
    leerling; ``leemte_run`` -1 voor geen)."""

    lid: I64
    afdruk: I64
    leemtes: I64
    leemte_afdruk: I64
    leemte_run: I64
    terugval: I64
    grootboek_tot: I64

    def positie(self, lids: I64) -> tuple[I64, npt.NDArray[np.bool_]]:
        """Per leerling in ``lids`` haar positie hier en of ze er is."""
        if not len(self.lid):
            return np.zeros(len(lids), dtype=np.int64), np.zeros(len(lids), dtype=np.bool_)
        i = np.minimum(np.searchsorted(self.lid, lids), len(self.lid) - 1)
        return i, np.asarray(self.lid[i] == lids, dtype=np.bool_)

    def een(self, i: int) -> Vorige:
        run = int(self.leemte_run[i])
        return Vorige(
            int(self.afdruk[i]), int(self.leemtes[i]), int(self.leemte_afdruk[i]),
            None if run < 0 else run, bool(self.terugval[i]), int(self.grootboek_tot[i]),
        )  # fmt: skip


def vorige_berekeningen() -> Vorigen:
    """Per leerling haar laatste :class:`Leerlingberekening` (één query; op PostgreSQL met
    ``DISTINCT ON`` langs de index leerlingberekening_laatste)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(
                "SELECT DISTINCT ON (leerling_id) leerling_id, afdruk, leemtes, leemte_afdruk, "
                "coalesce(leemte_run_id, -1), terugval::int, grootboek_tot "
                f"FROM {Leerlingberekening._meta.db_table} ORDER BY leerling_id, id DESC"
            )
            rijen = cur.fetchall()
    else:
        laatste = Leerlingberekening.objects.values("leerling_id").annotate(m=Max("id"))
        rijen = [
            (*r[:4], -1 if r[4] is None else r[4], int(r[5]), r[6])
            for r in Leerlingberekening.objects.filter(id__in=laatste.values("m"))
            .order_by("leerling_id")
            .values_list(*_VORIGE_VELDEN)
        ]
    arr = np.array(rijen, dtype=np.int64).reshape(-1, 7)
    return Vorigen(*(arr[:, k].copy() for k in range(7)))


def _grootboek_buiten_om(vorige: Vorigen) -> I64:
    """De leerlingen (oplopend) met een grootboekregel die jonger is dan hun laatste
    berekening (buiten een run om geboekt, of door een run die niet vastlegde wat hij
    rekende)."""
    if not len(vorige.lid):
        return np.zeros(0, dtype=np.int64)
    grens = int(vorige.grootboek_tot.min())
    rijen = list(
        Grootboekregel.objects.filter(id__gt=grens)
        .values("leerling_id")
        .annotate(h=Max("id"))
        .values_list("leerling_id", "h")
        .order_by()
    )
    if not rijen:
        return np.zeros(0, dtype=np.int64)
    arr = np.array(rijen, dtype=np.int64)
    i, er = vorige.positie(arr[:, 0])
    jonger = er & (arr[:, 1] > vorige.grootboek_tot[i])
    return np.sort(arr[jonger, 0])


def leemte_afdruk(leemtes: Sequence[Leemtegeval]) -> int:
    """Een getal over de leemtes van één leerling (0: geen leemtes)."""
    if not leemtes:
        return 0
    h = hashlib.blake2b(digest_size=8)
    for g in sorted(leemtes, key=lambda x: (x.schooljaar.beginjaar, x.soort, x.melding)):
        h.update(f"{g.schooljaar}|{g.soort}|{g.cvi_nummers}|{g.melding}\n".encode())
    return int.from_bytes(h.digest(), "big", signed=True) or 1


# --- het grootboek -------------------------------------------------------------------------------

_DEELCODES = {d.value: i for i, d in enumerate(batchrijen.DELEN)}
_PG_EPOCH = date(2000, 1, 1).toordinal()


def _maandnummer(d: date) -> int:
    return d.year * 12 + d.month - 1


def _maanddatum(n: int) -> date:
    return date(n // 12, n % 12 + 1, 1)


def grootboek_saldi(
    tot_en_met: Maand, leerling_ids: Sequence[int] | None = None
) -> tuple[I64, I64, I64, I64, I64]:
    """Het grootboek tot en met ``tot_en_met`` in één query: op PostgreSQL elke regel als
    record van vaste breedte in één binaire waarde (direct in numpy; :func:`bereken_run`
    telt per sleutel op), elders per sleutel opgeteld via ``values_list``. Geeft
    (leerling, ontvanger, deelcode, maandnummer, bedrag of som); een sleutel kan op
    PostgreSQL meer dan eens voorkomen."""
    tabel = Grootboekregel._meta.db_table
    if connection.vendor == "postgresql":
        # Eén rij met één bytea: per grootboekregel een record van vaste breedte (int8, int8,
        # int2, int4, int8; big-endian); numpy leest het in één keer en telt per sleutel op
        # (sneller dan GROUP BY in de database, die bij miljoenen sleutels naar schijf gaat).
        geval = " ".join(f"WHEN '{code}' THEN {i}" for code, i in _DEELCODES.items())
        sql = (
            "SELECT string_agg(int8send(leerling_id::int8) || int8send(ontvanger_id::int8) || "
            f"int2send((CASE deel {geval} END)::int2) || "
            "int4send((maand - DATE '1970-01-01')::int4) || "
            f"int8send(bedrag_centen::int8), ''::bytea) FROM {tabel} WHERE maand <= %s"
        )
        params: list[Any] = [tot_en_met.eerste_dag]
        if leerling_ids is not None:  # alleen deze leerlingen (de index grootboek_sleutel)
            sql += " AND leerling_id = ANY(%s)"
            params.append(list(leerling_ids))
        with connection.cursor() as cur:
            cur.execute(sql, params)
            rij = cur.fetchone()
        buf = bytes(rij[0]) if rij and rij[0] is not None else b""
        soort = np.dtype(
            [("lid", ">i8"), ("org", ">i8"), ("deel", ">i2"), ("maand", ">i4"), ("som", ">i8")]
        )
        data = np.frombuffer(buf, dtype=soort)
        dagen = data["maand"].astype("datetime64[D]")
        return (
            data["lid"].astype(np.int64),
            data["org"].astype(np.int64),
            data["deel"].astype(np.int64),
            dagen.astype("datetime64[M]").astype(np.int64) + 1970 * 12,
            data["som"].astype(np.int64),
        )
    qs, _ = _alleen(
        Grootboekregel.objects.filter(maand__lte=tot_en_met.eerste_dag), "leerling_id", leerling_ids
    )
    rijen = list(
        qs.values("leerling_id", "ontvanger_id", "deel", "maand")
        .annotate(som=Sum("bedrag_centen"))
        .values_list("leerling_id", "ontvanger_id", "deel", "maand", "som")
    )
    if not rijen:
        z = np.zeros(0, dtype=np.int64)
        return z, z, z, z, z
    lid, org, deel, maand, som = zip(*rijen, strict=True)
    return (
        np.array(lid, dtype=np.int64),
        np.array(org, dtype=np.int64),
        np.array([_DEELCODES[d] for d in deel], dtype=np.int64),
        np.array([_maandnummer(m) for m in maand], dtype=np.int64),
        np.array(som, dtype=np.int64),
    )


_EPOCH_ORD = date(1970, 1, 1).toordinal()


# --- de run --------------------------------------------------------------------------------------


@dataclass
class _Verschuldigd:
    lid: list[I64] = field(default_factory=list)
    org: list[I64] = field(default_factory=list)
    deel: list[I64] = field(default_factory=list)
    maand: list[I64] = field(default_factory=list)
    centen: list[I64] = field(default_factory=list)
    volgorde: list[I64] = field(default_factory=list)
    cvi: list[I64] = field(default_factory=list)

    def voeg(
        self,
        lid: I64,
        org: I64,
        deel: I64,
        maand: I64,
        c: I64,
        volgorde: I64,
        cvi: I64,
    ) -> None:
        self.lid.append(lid)
        self.org.append(org)
        self.deel.append(deel)
        self.maand.append(maand)
        self.centen.append(c)
        self.volgorde.append(volgorde)
        self.cvi.append(cvi)

    def kolommen(self) -> tuple[I64, I64, I64, I64, I64, I64, I64]:
        def s(x: list[Any], dtype: Any = np.int64) -> Any:
            return np.concatenate(x) if x else np.zeros(0, dtype=dtype)

        return (
            s(self.lid),
            s(self.org),
            s(self.deel),
            s(self.maand),
            s(self.centen),
            s(self.volgorde),
            s(self.cvi),
        )


_TABELLEN: dict[tuple[int, int], tuple[Regeling, Tarieftabellen]] = {}


def _tarieftabellen(regeling: Regeling, schooljaar: Schooljaar) -> Tarieftabellen:
    """De tarieftabellen van een schooljaar, één keer per regeling (ze hangen alleen van
    de regeling en het schooljaar af)."""
    sleutel = (id(regeling), schooljaar.beginjaar)
    bewaard = _TABELLEN.get(sleutel)
    if bewaard is None or bewaard[0] is not regeling:
        bewaard = (regeling, Tarieftabellen.voor(regeling, schooljaar))
        _TABELLEN[sleutel] = bewaard
    return bewaard[1]


def _bevat(waarden: I64, verzameling: I64) -> npt.NDArray[np.bool_]:
    """``np.isin`` via sorteren en zoeken (de verzameling is uniek)."""
    if not len(verzameling):
        return np.zeros(len(waarden), dtype=np.bool_)
    v = np.sort(verzameling)
    i = np.minimum(np.searchsorted(v, waarden), len(v) - 1)
    return np.asarray(v[i] == waarden, dtype=np.bool_)


def _sleutels(lid: I64, org: I64, deel: I64, maand: I64, grenzen: tuple[int, int, int]) -> I64:
    n_org, m0, n_m = grenzen
    return ((lid * n_org + org) * 16 + deel) * n_m + (maand - m0)


def _grootboek_cvi(leerling_ids: I64, tot_en_met: Maand) -> dict[tuple[int, int, int, int], str]:
    """Per sleutel (leerling, ontvanger, deelcode, maandnummer) het CvI-nummer in het
    grootboek, voor deze leerlingen (op PostgreSQL met één array-parameter, niet een
    parameter per leerling)."""
    uniek = sorted(set(leerling_ids.tolist()))
    qs = Grootboekregel.objects.filter(maand__lte=tot_en_met.eerste_dag)
    if connection.vendor == "postgresql":
        from django.db.models.expressions import RawSQL

        qs = qs.filter(leerling_id__in=RawSQL("SELECT unnest(%s::bigint[])", (uniek,)))
    else:
        qs = qs.filter(leerling_id__in=uniek)
    gevonden: dict[tuple[int, int, int, int], str] = {}
    for r in (
        qs.values("leerling_id", "ontvanger_id", "deel", "maand")
        .annotate(cvi=Max("cvi_nummer"))
        .values_list("leerling_id", "ontvanger_id", "deel", "maand", "cvi")
    ):
        gevonden[(r[0], r[1], _DEELCODES[r[2]], _maandnummer(r[3]))] = r[4]
    return gevonden


@zonder_gc()
def bereken_run(
    maand: Maand,
    voortgang: Callable[[int, int], None] | None = None,
    fase: Callable[[str], None] | None = None,
    *,
    afdrukken: bool = False,
    incrementeel: bool = False,
) -> Runberekening:
    """Wat een run voor ``maand`` moet boeken (het verschil met het grootboek).

    ``afdrukken``: ook de vingerafdruk van elke berekende leerling (:func:`vingerafdrukken`),
    zodat de boeking vastlegt wat berekend is. ``incrementeel`` (met afdrukken): alleen de
    leerlingen van wie de afdruk anders is dan bij hun laatste berekening, die nooit
    berekend zijn, of wier grootboek daarna buiten een run om veranderde; voor de anderen
    is er niets te boeken en gelden hun leemtes van toen (I-190). Een andere maand of een
    andere :func:`rekenversie` geeft iedereen een andere afdruk: dan rekent de run alles.

    ``voortgang(gedaan, totaal)`` wordt aangeroepen met het aantal leerlingen dat klaar is
    (0 aan het begin, na elk schooljaar van elk blok van :data:`BLOK` leerlingen naar rato,
    en aan het eind); ``fase(naam)`` bij het begin van elke fase ("lezen", "rekenen",
    "grootboek"; :class:`~rugzak.betalingen.models.Runfase`). Zonder de cyclische
    garbage collector (:func:`~rugzak.gedeeld.bulk.zonder_gc`)."""
    import time

    tijden: dict[str, float] = {}
    t0 = time.perf_counter()
    if fase is not None:
        fase("lezen")
    regeling = standaard_regeling()
    afdruk_lid: I64 | None = None
    afdruk: I64 | None = None
    vorige: dict[int, Vorige] = {}
    ongewijzigd = ongewijzigde_leemtes = 0
    alle_leerlingen: int | None = None
    kiezen: list[int] | None = None
    if afdrukken or incrementeel:
        afdruk_lid, afdruk = vingerafdrukken(maand)
        alles_vorige = vorige_berekeningen()
        pos, bekend = alles_vorige.positie(afdruk_lid)
        if incrementeel:
            buiten_om = _bevat(afdruk_lid, _grootboek_buiten_om(alles_vorige))
            if len(alles_vorige.lid):
                opnieuw = ~bekend | (alles_vorige.afdruk[pos] != afdruk) | buiten_om
            else:  # nog nooit iets vastgelegd: iedereen
                opnieuw = np.ones(len(afdruk_lid), dtype=np.bool_)
            ongewijzigd = int((~opnieuw).sum())
            ongewijzigde_leemtes = int(alles_vorige.leemtes[pos[~opnieuw]].sum())
            alle_leerlingen = len(afdruk_lid)
            afdruk_lid, afdruk = afdruk_lid[opnieuw], afdruk[opnieuw]
            pos, bekend = pos[opnieuw], bekend[opnieuw]
            if ongewijzigd:
                kiezen = afdruk_lid.tolist()
        vorige = {
            lid: alles_vorige.een(i)
            for lid, i in zip(afdruk_lid[bekend].tolist(), pos[bekend].tolist(), strict=True)
        }
    gelezen = lees_geschiedenissen(kiezen)
    leerling_ids = sorted(gelezen.geschiedenissen)
    if afdruk_lid is not None and afdruk is not None and len(afdruk_lid) != len(leerling_ids):
        # tussen de twee queries veranderd (een melding geaccepteerd): alleen wie in beide zit
        houd = _bevat(afdruk_lid, np.asarray(leerling_ids, dtype=np.int64))
        afdruk_lid, afdruk = afdruk_lid[houd], afdruk[houd]
        behouden = set(afdruk_lid.tolist())
        leerling_ids = [x for x in leerling_ids if x in behouden]
        gelezen.geschiedenissen = {k: gelezen.geschiedenissen[k] for k in leerling_ids}
    tijden["lezen"] = time.perf_counter() - t0
    totaal = len(leerling_ids)
    if fase is not None:
        fase("rekenen")
    if voortgang is not None:
        voortgang(0, totaal)
    cvi_index: dict[str, int] = {}

    def cvi_code(naam: str) -> int:
        c = cvi_index.get(naam)
        if c is None:
            c = cvi_index[naam] = len(cvi_index)
        return c

    t1 = time.perf_counter()
    laatste_jaar = maand.schooljaar.beginjaar
    omzetter = batchrijen.Omzetter(regeling)
    tabellen: dict[int, Tarieftabellen] = {}
    v = _Verschuldigd()
    berekend: list[I64] = []  # lid * 256 + (beginjaar - 1990)
    leemtes: list[Leemtegeval] = []
    terugval: set[int] = set()
    moet_los: dict[Sleutel, int] = {}
    cvi_los: dict[Sleutel, str] = {}
    berekend_los: set[tuple[int, int]] = set()
    for begin in range(0, totaal, BLOK):
        blok = leerling_ids[begin : begin + BLOK]
        per_jaar: dict[int, list[batchrijen.Geschiedenis]] = defaultdict(list)
        for lid in blok:
            if lid in gelezen.ongeldig:
                fout = gelezen.ongeldig[lid]
                for sj in _jaren(gelezen.eerste[lid], maand):
                    leemtes.append(
                        Leemtegeval(
                            lid,
                            _cvi_nummers(gelezen.geschiedenissen[lid].gebeurtenissen),
                            sj,
                            Leemtesoort.ONGELDIGE_GEGEVENS,
                            f"een verwerkte wijziging van de basisgegevens past niet in de "
                            f"regeling; deze leerling wordt niet berekend (I-86): {fout}",
                        )
                    )
                continue
            for j in range(Schooljaar.van_datum(gelezen.eerste[lid]).beginjaar, laatste_jaar + 1):
                per_jaar[j].append(gelezen.geschiedenissen[lid])
        jaren_blok = sorted(per_jaar.items())
        for k_jaar, (j, geschiedenissen) in enumerate(jaren_blok):
            sj = Schooljaar(j)
            if j not in tabellen:
                tabellen[j] = _tarieftabellen(regeling, sj)
            uit = batchrijen.bereken_jaar(
                regeling,
                sj,
                geschiedenissen,
                tot_en_met=maand,
                tabellen=tabellen[j],
                omzetter=omzetter,
            )
            b = uit.betalingen
            if len(b):
                namen = np.fromiter((cvi_code(x) for x in b.namen), np.int64, len(b.namen))
                orgs = np.array([int(x) if x.isdigit() else -1 for x in b.namen], dtype=np.int64)
                v.voeg(
                    b.sleutel,
                    orgs[b.ontvanger],
                    b.deel,
                    j * 12 + 6 + b.maand,
                    b.centen,
                    b.volgorde,
                    namen[b.cvi],
                )
            berekend.append(
                np.fromiter(uit.berekend, dtype=np.int64, count=len(uit.berekend)) * 256
                + (j - 1990)
            )
            for lid, fout in uit.leemtes.items():
                leemtes.append(
                    Leemtegeval(
                        lid,
                        _cvi_nummers(gelezen.geschiedenissen[lid].gebeurtenissen),
                        sj,
                        _leemtesoort(fout),
                        str(fout),
                    )
                )
            for lid in uit.terugval:
                terugval.add(lid)
                g = gelezen.geschiedenissen[lid]
                _een_leerling(
                    regeling,
                    lid,
                    g.gebeurtenissen,
                    g.geboortedatum,
                    [sj],
                    maand,
                    moet_los,
                    cvi_los,
                    berekend_los,
                    leemtes,
                )
            if voortgang is not None and k_jaar + 1 < len(jaren_blok):
                voortgang(begin + len(blok) * (k_jaar + 1) // len(jaren_blok), totaal)
        if voortgang is not None:
            voortgang(min(begin + BLOK, totaal), totaal)
    if moet_los:
        sl = list(moet_los)
        v.voeg(
            np.array([s[0] for s in sl], dtype=np.int64),
            np.array([s[1] for s in sl], dtype=np.int64),
            np.array([_DEELCODES[s[2]] for s in sl], dtype=np.int64),
            np.array([_maandnummer(s[3]) for s in sl], dtype=np.int64),
            np.array([moet_los[s] for s in sl], dtype=np.int64),
            np.full(len(sl), 1 << 40, dtype=np.int64),
            np.array([cvi_code(cvi_los[s]) for s in sl], dtype=np.int64),
        )
    if berekend_los:
        berekend.append(
            np.array([lid * 256 + (j - 1990) for lid, j in berekend_los], dtype=np.int64)
        )
    lid, org, deel, mnd, c, volgorde, cvi = v.kolommen()
    tijden["rekenen"] = time.perf_counter() - t1

    t2 = time.perf_counter()
    if fase is not None:
        fase("grootboek")
    if kiezen is not None and not kiezen:
        g_lid = g_org = g_deel = g_mnd = g_som = np.zeros(0, dtype=np.int64)
    else:
        g_lid, g_org, g_deel, g_mnd, g_som = grootboek_saldi(maand, kiezen)
    if len(g_lid):
        binnen = _bevat(g_lid, np.asarray(leerling_ids, dtype=np.int64))
        g_lid, g_org, g_deel, g_mnd, g_som = (
            x[binnen] for x in (g_lid, g_org, g_deel, g_mnd, g_som)
        )
    alle_org = np.concatenate([org, g_org])
    alle_mnd = np.concatenate([mnd, g_mnd])
    if len(alle_org):
        assert int(alle_org.min()) >= 0, "ontvanger zonder organisatie-id"
        aanwezig = np.zeros(int(alle_org.max()) + 1, dtype=np.bool_)
        aanwezig[alle_org] = True
        orgs = np.flatnonzero(aanwezig).astype(np.int64)
        kaart = np.cumsum(aanwezig) - 1
        o_v, o_g = kaart[org], kaart[g_org]
        m0, m1 = int(alle_mnd.min()), int(alle_mnd.max())
        grenzen = (len(orgs), m0, m1 - m0 + 1)
        bovengrens = (max(leerling_ids) + 1) * grenzen[0] * 16 * grenzen[2]
        assert bovengrens < 2**62, "sleutelruimte te groot"
    else:
        orgs = np.zeros(0, dtype=np.int64)
        grenzen = (1, 0, 1)
        o_v = o_g = np.zeros(0, dtype=np.int64)
    # wat verschuldigd is, per sleutel: dubbele sleutels (twee inschrijvingen in dezelfde
    # maand bij dezelfde ontvanger) opgeteld, met het CvI-nummer van de laatste inschrijving
    # (zoals het pad voor één leerling: de laatste betaling van de maand wint)
    k_v = _sleutels(lid, o_v, deel, mnd, grenzen)
    # op sleutel, en binnen een sleutel de hoogste volgorde eerst (bij gelijke volgorde de
    # eerste in de oorspronkelijke volgorde): de eerste van elke groep levert het CvI-nummer
    orde = np.lexsort((-volgorde, k_v))
    k_s = k_v[orde]
    if len(k_s):
        nieuw = np.concatenate([[True], k_s[1:] != k_s[:-1]])
        begin_i = np.flatnonzero(nieuw)
        c = np.add.reduceat(c[orde], begin_i)
        k_v, cvi = k_s[begin_i], cvi[orde[begin_i]]
    else:
        k_v = k_s
    k_g = _sleutels(g_lid, o_g, g_deel, g_mnd, grenzen)
    if len(k_g):  # per sleutel optellen (op PostgreSQL komen de regels los)
        orde = np.argsort(k_g, kind="stable")
        k_g, g_som = k_g[orde], g_som[orde]
        b_i = np.flatnonzero(np.concatenate([[True], k_g[1:] != k_g[:-1]]))
        k_g, g_som = k_g[b_i], np.add.reduceat(g_som, b_i)
    samen = np.sort(np.concatenate([k_v, k_g]))
    alle = samen[np.concatenate([[True], samen[1:] != samen[:-1]])] if len(samen) else samen
    moet = np.zeros(len(alle), dtype=np.int64)
    geboekt = np.zeros(len(alle), dtype=np.int64)
    in_grootboek = np.zeros(len(alle), dtype=np.bool_)
    iv = np.searchsorted(alle, k_v)
    moet[iv] = c
    ig = np.searchsorted(alle, k_g)
    geboekt[ig] = g_som  # de saldi zijn per sleutel (GROUP BY)
    in_grootboek[ig] = True
    cvi_alle = np.full(len(alle), -1, dtype=np.int64)
    cvi_alle[iv] = cvi
    verschil = moet - geboekt
    # ontleden
    n_org, m0, n_m = grenzen
    rest, m_off = np.divmod(alle, n_m)
    rest, d = np.divmod(rest, 16)
    a_lid, a_o = np.divmod(rest, n_org)
    a_mnd = m_off + m0
    beginjaar = np.where(a_mnd % 12 >= 7, a_mnd // 12, a_mnd // 12 - 1)
    ok = _bevat(
        a_lid * 256 + (beginjaar - 1990),
        np.concatenate(berekend) if berekend else np.zeros(0, np.int64),
    )
    boeken = ok & (verschil != 0)
    idx = np.flatnonzero(boeken)
    zonder_cvi = idx[cvi_alle[idx] < 0]
    if len(zonder_cvi):
        # een sleutel die niets meer verschuldigd is: het CvI-nummer uit het grootboek
        gevonden = _grootboek_cvi(a_lid[zonder_cvi], maand)
        for i, sl in zip(
            zonder_cvi.tolist(),
            zip(
                a_lid[zonder_cvi].tolist(),
                orgs[a_o[zonder_cvi]].tolist(),
                d[zonder_cvi].tolist(),
                a_mnd[zonder_cvi].tolist(),
                strict=True,
            ),
            strict=True,
        ):
            cvi_alle[i] = cvi_code(gevonden.get(sl, ""))
    boekingen = Boekingen(
        leerling_id=a_lid[idx],
        ontvanger_id=orgs[a_o[idx]] if len(idx) else np.zeros(0, dtype=np.int64),
        deelcode=d[idx],
        maandnummer=a_mnd[idx],
        cvi_code=cvi_alle[idx],
        cvi_namen=tuple(cvi_index),
        centen=verschil[idx],
        correctie=in_grootboek[idx],
    )
    leemtes.sort(key=lambda g: (g.leerling_id, g.schooljaar.beginjaar))
    tijden["grootboek"] = time.perf_counter() - t2
    return Runberekening(
        maand,
        totaal if alle_leerlingen is None else alle_leerlingen,
        boekingen,
        tuple(leemtes),
        len(terugval),
        tijden,
        afdruk_lid=afdruk_lid,
        afdruk=afdruk,
        vorige=vorige,
        terugval_ids=frozenset(terugval),
        ongewijzigd=ongewijzigd,
        ongewijzigde_leemtes=ongewijzigde_leemtes,
    )


def bereken_run_per_leerling(maand: Maand) -> Runberekening:
    """Dezelfde run over het oude pad (referentie voor tests en benchmark)."""
    leerling_ids = sorted(
        set(
            Melding.objects.filter(status=Meldingstatus.GEACCEPTEERD).values_list(
                "leerling_id", flat=True
            )
        )
    )
    moet, cvi, berekend, leemtes = verschuldigd_per_leerling(
        leerling_ids=leerling_ids, tot_en_met=maand
    )
    geboekt: dict[Sleutel, int] = {}
    geboekt_cvi: dict[Sleutel, str] = {}
    for rij in (
        Grootboekregel.objects.filter(leerling_id__in=leerling_ids, maand__lte=maand.eerste_dag)
        .values("leerling_id", "ontvanger_id", "deel", "maand")
        .annotate(som=Sum("bedrag_centen"), cvi=Max("cvi_nummer"))
    ):
        sleutel = (rij["leerling_id"], rij["ontvanger_id"], rij["deel"], rij["maand"])
        geboekt[sleutel] = rij["som"]
        geboekt_cvi[sleutel] = rij["cvi"]
    lijst: list[Boeking] = []
    for sleutel in sorted(set(moet) | set(geboekt)):
        lid, ontvanger, deel, dag = sleutel
        if (lid, Schooljaar.van_datum(dag).beginjaar) not in berekend:
            continue
        verschil = moet.get(sleutel, 0) - geboekt.get(sleutel, 0)
        if verschil == 0:
            continue
        lijst.append(
            Boeking(
                lid,
                ontvanger,
                deel,
                dag,
                cvi.get(sleutel) or geboekt_cvi.get(sleutel, ""),
                verschil,
                Boekingsoort.CORRECTIE if sleutel in geboekt else Boekingsoort.BETALING,
            )
        )
    boekingen = Boekingen.uit_lijst(lijst)
    return Runberekening(maand, len(leerling_ids), boekingen, tuple(leemtes))
