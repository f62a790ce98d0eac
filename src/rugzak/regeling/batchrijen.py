"""Van geschiedenissen naar bulkrijen: het betaalschema van veel leerlingen per budgetdeel.

:func:`rugzak.regeling.regels.betaling.betaalschema` rekent één leerling uit haar
gebeurtenissen; :func:`rugzak.regeling.batch.bereken` rekent kolommen (één rij per
melding per schooljaar). Deze module zet de gebeurtenissen van veel leerlingen om in die
kolommen en geeft per rij, budgetdeel en maand het bedrag in centen: wat de betaalrun
boekt. Ze bevat zelf geen betaalregel:

* welke inschrijvingen er zijn (verhuizing, uitschrijving, welke meldingen bij welke
  school) leest ze uit de tijdlijn van het pad voor één leerling;
* welke maanden een rij betaald wordt (melding, inschrijving, verhuizing, indicatie,
  uitschrijving, opvolgende melding, minimumleeftijd) bepaalt :func:`batch.bereken`;
* de einddatum van de indicatie komt uit :func:`indicatie_geldigheid` (ook bij Down),
  de groep en het aanvullende zml-bedrag per maand uit de functies van het betaalschema
  (alleen voor leerlingen met een zml-aanvraag of terugplaatsing: dan wordt een rij
  gesplitst in reeksen maanden met dezelfde groep en dezelfde toekenning);
* de bedragen per deel en maand komen uit :func:`jaarbudget` en
  :func:`maandbedrag_centen`, net als in het betaalschema (I-11).

Een schooljaar van een leerling met een te betalen maand zonder tarief in de bronnen is
een leemte (de fout van de regelkern, zoals het pad voor één leerling haar geeft), nooit
een nul. Een geschiedenis die zich niet als rijen laat schrijven (de tijdlijn weigert
haar, de indicatieduur is onbekend, of de fout laat zich niet als leemte van één
situatie aanwijzen) komt in ``terugval``: die leerling rekent de aanroeper met het pad
voor één leerling (interpretatie I-85).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from rugzak.regeling.batch import (
    GROEPEN,
    LEERWEGEN,
    MBO_NIVEAUS,
    ONDERWIJSSOORTEN,
    SCHOOLSOORTEN,
    VO_VARIANTEN,
    Leerlingjaren,
    Tarieftabellen,
    bereken,
    combinatie_index,
)
from rugzak.regeling.begrippen import Budgetdeel, Ontvanger
from rugzak.regeling.fouten import RegelingFout
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.regels import betaling as kern
from rugzak.regeling.regels.budget import Budget, Situatie, jaarbudget
from rugzak.regeling.regels.melding import Melding
from rugzak.regeling.tijd import Maand, Schooljaar

I64 = npt.NDArray[np.int64]

#: De budgetdelen in vaste volgorde (gesorteerd op hun code); een deel heet in de
#: uitkomst naar zijn positie hierin.
DELEN: tuple[Budgetdeel, ...] = tuple(sorted(Budgetdeel, key=lambda d: d.value))
_DEELPOSITIE = {d: i for i, d in enumerate(DELEN)}
_NAT = np.datetime64("NaT", "D")
_ZML_SOORTEN = (kern.Groepsovergang, kern.ZmlAanvraag, kern.TerugplaatsingGroep2)


@dataclass(frozen=True, slots=True)
class Geschiedenis:
    """De gebeurtenissen van één leerling (zoals :func:`betaalschema` ze krijgt)."""

    sleutel: int
    gebeurtenissen: Sequence[kern.Gebeurtenis]
    geboortedatum: date | None = None


@dataclass(frozen=True, slots=True)
class Deelbetalingen:
    """Per betaling (leerling, ontvanger, deel, maand) het bedrag: kolommen van gelijke lengte.

    ``ontvanger`` en ``cvi`` zijn posities in :attr:`namen` (de ontvanger-id en het
    CvI-nummer als tekst, zoals in :class:`~rugzak.regeling.regels.betaling.Betaling`);
    ``deel`` is een positie in :data:`DELEN`; ``maand`` is het maandnummer in het
    schooljaar (1 = augustus); ``volgorde`` de positie van de inschrijving in de tijdlijn.
    """

    schooljaar: Schooljaar
    sleutel: I64
    ontvanger: I64
    deel: I64
    maand: I64
    centen: I64
    cvi: I64
    volgorde: I64
    namen: tuple[str, ...]

    def __len__(self) -> int:
        return int(self.sleutel.shape[0])


@dataclass(frozen=True, slots=True)
class Jaaruitkomst:
    """Eén schooljaar voor veel leerlingen: de betalingen, de leemtes en de terugval."""

    schooljaar: Schooljaar
    betalingen: Deelbetalingen
    leemtes: dict[int, RegelingFout]
    terugval: frozenset[int]
    berekend: frozenset[int]


#: Een rij als tupel: sleutel, volgorde, melding, groep, zml, dan de codes van de
#: combinatie (schoolsoort, onderwijssoort, groep, vo-variant, leerweg, niveau) en de
#: datums als dagnummers (melding, inschrijving, indicatie, einde, uitschrijving,
#: verhuizing), via_verhuizing, opvolger, geboortedatum, open einde, en de datum van de
#: verhuizing waarop deze inschrijving volgt (``verhuisd_van_op``; I-52).
Rij = tuple[Any, ...]


class _Rijen:
    """Verzamelt rijen als tupels en zet ze om in kolommen."""

    def __init__(self) -> None:
        self.rijen: list[Rij] = []
        self.sleutel: list[int] = []
        self.volgorde: list[int] = []
        self.melding: list[Melding] = []
        self.groep: list[int | None] = []
        self.zml: list[bool] = []

    def voeg(self, rij: Rij) -> None:
        self.rijen.append(rij)

    def kolommen(self) -> Leerlingjaren:
        n = len(self.rijen)
        if not n:
            k: list[tuple[Any, ...]] = [()] * 22
        else:
            k = list(zip(*self.rijen, strict=True))
        self.sleutel = list(k[0])
        self.volgorde = list(k[1])
        self.melding = list(k[2])
        self.groep = list(k[3])
        self.zml = list(k[4])

        def d(waarden: tuple[Any, ...]) -> npt.NDArray[np.datetime64]:
            uit = np.full(n, _NAT, dtype="datetime64[D]")
            if n:
                w = np.array([-1 if x is None else x for x in waarden], dtype=np.int64)
                heeft = w >= 0
                uit[heeft] = (w[heeft] - _EPOCH_ORD).astype("datetime64[D]")
            return uit

        leeg = np.full(n, _NAT, dtype="datetime64[D]")
        return Leerlingjaren(
            combinatie=combinatie_index(k[5], k[6], k[7], k[8], k[9], k[10])
            if n
            else np.zeros(0, dtype=np.int64),
            meldingsdatum=d(k[11]),
            inschrijvingsdatum=d(k[12]),
            indicatiedatum=d(k[13]),
            indicatie_einde=d(k[14]),
            uitschrijving=d(k[15]),
            verhuisd_op=d(k[16]),
            via_verhuizing=np.array(k[17], dtype=np.bool_),
            opvolger_melding=d(k[18]),
            zml_aanvraag=leeg,
            terugplaatsing_groep2=leeg.copy(),
            geboortedatum=d(k[19]),
            down=np.array(k[20], dtype=np.bool_),
            verhuisd_van_op=d(k[21]),
        )


_EPOCH_ORD = date(1970, 1, 1).toordinal()
_POS_SS = {s: i for i, s in enumerate(SCHOOLSOORTEN)}
_POS_OS = {o: i for i, o in enumerate(ONDERWIJSSOORTEN)}
_POS_GR = {g: i for i, g in enumerate(GROEPEN)}
_POS_VV = {v: i for i, v in enumerate(VO_VARIANTEN)}
_POS_LW = {v: i for i, v in enumerate(LEERWEGEN)}
_POS_MN = {v: i for i, v in enumerate(MBO_NIVEAUS)}


def _ord(d: date | None) -> int | None:
    return None if d is None else d.toordinal()


class _Geen(Exception):
    """Deze geschiedenis laat zich niet als rijen schrijven."""


@dataclass(frozen=True, slots=True)
class _Melding:
    """Een melding in haar inschrijving, met wat elk schooljaar gelijk blijft."""

    volgorde: int
    ins: kern._Inschrijving
    melding: Melding
    opvolger: date | None
    rij: Rij | None  # de vaste rij (zonder zml-gebeurtenissen); anders per schooljaar


class Omzetter:
    """Zet geschiedenissen om in rijen per schooljaar; onthoudt per leerling de tijdlijn en
    de vaste rijen, en per situatie de einddatum en het budget."""

    def __init__(self, regeling: Regeling) -> None:
        self.regeling = regeling
        self._einde: dict[tuple[object, date, bool, date | None], date | None] = {}
        self._budget: dict[tuple[Schooljaar, Situatie], Budget | RegelingFout] = {}
        self._meldingen: dict[int, list[_Melding] | None] = {}

    def einddatum(self, m: Melding) -> date | None:
        sleutel = (m.onderwijssoort, m.indicatiedatum, m.syndroom_van_down, m.indicatie_einddatum)
        if sleutel not in self._einde:
            self._einde[sleutel] = kern._einddatum(self.regeling, m)
        return self._einde[sleutel]

    def budget(self, situatie: Situatie) -> Budget | RegelingFout:
        sleutel = (situatie.schooljaar, situatie)
        if sleutel not in self._budget:
            try:
                self._budget[sleutel] = jaarbudget(self.regeling, situatie)
            except RegelingFout as fout:
                self._budget[sleutel] = fout
        return self._budget[sleutel]

    def _rij(
        self,
        g: Geschiedenis,
        volgorde: int,
        ins: kern._Inschrijving,
        m: Melding,
        opvolger: date | None,
        groep: int | None,
        zml: bool,
        van: date | None,
        tot: date | None,
    ) -> Rij:
        """Eén rij: melding ``m`` van inschrijving ``ins``; ``van``/``tot`` begrenzen een
        reeks maanden met dezelfde groep en toekenning (eerste dag van de eerste maand, dag
        vóór de eerste dag van de maand erna)."""
        try:
            einde = self.einddatum(m)
        except RegelingFout:
            raise _Geen from None
        bao = m.schoolsoort in (SCHOOLSOORTEN[0], SCHOOLSOORTEN[1])
        grens = opvolger
        if tot is not None:
            grens = tot if grens is None else min(grens, tot)
        # De indicatiedatum is een ondergrens in bereken(); een latere reeks maanden begint
        # zo op haar eerste dag. De einddatum is altijd gegeven (of open).
        indicatie = max(m.indicatiedatum, van) if van else m.indicatiedatum
        return (
            g.sleutel, volgorde, m, groep if bao else None, zml,
            _POS_SS[m.schoolsoort], _POS_OS[m.onderwijssoort], _POS_GR[groep if bao else None],
            _POS_VV[m.vo_variant], _POS_LW[m.leerweg], _POS_MN[m.mbo_niveau],
            m.meldingsdatum.toordinal(), ins.begin.toordinal(), indicatie.toordinal(),
            _ord(einde), _ord(ins.uitgeschreven_op), _ord(ins.verhuisd_op), ins.via_verhuizing,
            _ord(grens), _ord(g.geboortedatum), einde is None, _ord(ins.verhuisd_van_op),
        )  # fmt: skip

    def _voorbereid(self, g: Geschiedenis) -> list[_Melding]:
        if g.sleutel in self._meldingen:
            uit = self._meldingen[g.sleutel]
            if uit is None:
                raise _Geen
            return uit
        try:
            try:
                inschrijvingen = kern._inschrijvingen(g.gebeurtenissen)
            except RegelingFout:
                raise _Geen from None
            met_zml = any(isinstance(e, _ZML_SOORTEN) for e in g.gebeurtenissen)
            lijst: list[_Melding] = []
            for volgorde, ins in enumerate(inschrijvingen):
                meldingen = ins.meldingen
                for j, m in enumerate(meldingen):
                    opvolger = meldingen[j + 1].meldingsdatum if j + 1 < len(meldingen) else None
                    rij = (
                        None
                        if met_zml
                        else self._rij(g, volgorde, ins, m, opvolger, m.groep, False, None, None)
                    )
                    lijst.append(_Melding(volgorde, ins, m, opvolger, rij))
        except _Geen:
            self._meldingen[g.sleutel] = None
            raise
        self._meldingen[g.sleutel] = lijst
        return lijst

    def rijen(
        self, schooljaar: Schooljaar, geschiedenissen: Sequence[Geschiedenis]
    ) -> tuple[_Rijen, set[int]]:
        rijen = _Rijen()
        terugval: set[int] = set()
        begin, einde = schooljaar.begin, schooljaar.einde
        eerste_dagen = [m.eerste_dag for m in schooljaar.maanden()]
        for g in geschiedenissen:
            start = len(rijen.rijen)
            try:
                for x in self._voorbereid(g):
                    m, opvolger = x.melding, x.opvolger
                    if m.meldingsdatum > einde or (opvolger is not None and opvolger < begin):
                        continue  # geen maand van dit schooljaar
                    if x.rij is not None:
                        rijen.voeg(x.rij)
                        continue
                    for van, tot, groep, zml in _reeksen(g, x, eerste_dagen):
                        rijen.voeg(
                            self._rij(g, x.volgorde, x.ins, m, opvolger, groep, zml, van, tot)
                        )
            except _Geen:
                del rijen.rijen[start:]
                terugval.add(g.sleutel)
        return rijen, terugval

    def situatie(self, m: Melding, schooljaar: Schooljaar, groep: int | None) -> Situatie:
        return kern._situatie(m, schooljaar, groep)


def _reeksen(
    g: Geschiedenis, x: _Melding, eerste_dagen: list[date]
) -> list[tuple[date | None, date | None, int | None, bool]]:
    """De reeksen maanden van een schooljaar met dezelfde groep en zml-toekenning, volgens
    de functies van het betaalschema. De toestand kan alleen veranderen in een maand
    waarin (tot en met haar eerste dag) een gebeurtenis valt of ingaat; alleen daar wordt
    hij opnieuw bepaald."""
    data: set[date] = {x.melding.meldingsdatum}
    for e in g.gebeurtenissen:
        if isinstance(e, _ZML_SOORTEN):
            data.add(e.datum)
            data.add(Maand.van_datum(e.datum).volgend().eerste_dag)
    kandidaten = [0]
    for k in range(1, 12):
        vorige, dag = eerste_dagen[k - 1], eerste_dagen[k]
        if any(vorige < d <= dag for d in data):
            kandidaten.append(k)
    staten: list[tuple[int, int | None, bool]] = []
    for k in kandidaten:
        dag = eerste_dagen[k]
        staat = (
            kern._groep_op(dag, x.melding, g.gebeurtenissen),
            kern._zml_toegekend(dag, x.ins, g.gebeurtenissen),
        )
        if not staten or staten[-1][1:] != staat:
            staten.append((k, *staat))
    uit: list[tuple[date | None, date | None, int | None, bool]] = []
    for i, (k, groep, zml) in enumerate(staten):
        van = eerste_dagen[k] if k > 0 else None
        tot = eerste_dagen[staten[i + 1][0]] - timedelta(days=1) if i + 1 < len(staten) else None
        uit.append((van, tot, groep, zml))
    return uit


def bereken_jaar(
    regeling: Regeling,
    schooljaar: Schooljaar,
    geschiedenissen: Sequence[Geschiedenis],
    *,
    tot_en_met: Maand | None = None,
    tabellen: Tarieftabellen | None = None,
    omzetter: Omzetter | None = None,
) -> Jaaruitkomst:
    """Wat elke leerling in ``schooljaar`` (tot en met ``tot_en_met``) moet krijgen, per
    ontvanger, deel en maand, zoals :func:`betaalschema` het per leerling geeft."""
    omzetter = omzetter or Omzetter(regeling)
    t = tabellen if tabellen is not None else Tarieftabellen.voor(regeling, schooljaar)
    alle = [g.sleutel for g in geschiedenissen]
    if not regeling.heeft("lgf.minimumleeftijd", schooljaar.begin):
        # het pad voor één leerling weigert dan elk schooljaar met een geboortedatum
        terug = {g.sleutel for g in geschiedenissen if g.geboortedatum is not None}
        geschiedenissen = [g for g in geschiedenissen if g.sleutel not in terug]
    else:
        terug = set()
    rijen, terugval = omzetter.rijen(schooljaar, geschiedenissen)
    terugval |= terug
    n = len(rijen.rijen)
    kolommen = rijen.kolommen()
    if n:
        alles_geldig = replace(t, geldig=np.ones_like(t.geldig))
        uit = bereken(regeling, schooljaar, kolommen, tabellen=alles_geldig)
        eerste, laatste = uit.eerste_maand, uit.laatste_maand
    else:
        eerste = laatste = np.zeros(0, dtype=np.int64)
    kmax = (
        tot_en_met.index_in_schooljaar
        if tot_en_met is not None and tot_en_met.schooljaar == schooljaar
        else 12
    )
    if tot_en_met is not None and tot_en_met < schooljaar.maanden()[0]:
        kmax = 0
    sleutels = np.asarray(rijen.sleutel, dtype=np.int64)
    volgorde = np.asarray(rijen.volgorde, dtype=np.int64)
    betaalbaar = laatste >= eerste
    combinatie = kolommen.combinatie

    # Leemtes: een te betalen maand in een situatie zonder tarief (hele schooljaar,
    # zoals betaalschema() bij de eerste zo'n maand stopt).
    leemtes: dict[int, RegelingFout] = {}
    fout_rijen = np.flatnonzero(betaalbaar & ~t.geldig[combinatie]) if n else np.zeros(0, np.int64)
    eerste_fout: dict[int, tuple[int, int, int]] = {}
    for r in fout_rijen.tolist():
        s = rijen.sleutel[r]
        kandidaat = (int(eerste[r]), rijen.volgorde[r], r)
        if s not in eerste_fout or kandidaat < eerste_fout[s]:
            eerste_fout[s] = kandidaat
    for s, (_, _, r) in eerste_fout.items():
        uitkomst = omzetter.budget(omzetter.situatie(rijen.melding[r], schooljaar, rijen.groep[r]))
        if isinstance(uitkomst, RegelingFout):
            leemtes[s] = uitkomst
        else:
            terugval.add(s)  # de tabellen en het budget zijn het oneens: niet in bulk
    uitgesloten = set(leemtes) | terugval
    houden = betaalbaar.copy()
    if uitgesloten and n:
        houden &= ~np.isin(sleutels, np.fromiter(uitgesloten, dtype=np.int64))

    namen: dict[str, int] = {}

    def naam(tekst: str) -> int:
        if tekst not in namen:
            namen[tekst] = len(namen)
        return namen[tekst]

    delen: dict[str, list[I64]] = {
        k: [] for k in ("sleutel", "ontvanger", "deel", "maand", "centen", "cvi", "volgorde")
    }
    maanden = np.arange(1, 13, dtype=np.int64)
    zml = np.asarray(rijen.zml, dtype=np.bool_)
    for c in np.unique(combinatie[houden]).tolist() if n else []:
        idx = np.flatnonzero(houden & (combinatie == c))
        r0 = int(idx[0])
        budget = omzetter.budget(omzetter.situatie(rijen.melding[r0], schooljaar, rijen.groep[r0]))
        assert not isinstance(budget, RegelingFout)  # geldig[c]
        masker = (
            (maanden >= eerste[idx, None]) & (maanden <= laatste[idx, None]) & (maanden <= kmax)
        )
        school = np.fromiter(
            (naam(rijen.melding[i].school) for i in idx.tolist()), np.int64, len(idx)
        )
        ab = np.fromiter(
            (naam(rijen.melding[i].ab_verzorger) for i in idx.tolist()), np.int64, len(idx)
        )
        cvi = np.fromiter(
            (naam(rijen.melding[i].cvi_nummer) for i in idx.tolist()), np.int64, len(idx)
        )
        for post in budget.posten:
            t_c = kern.centen(post.bedrag)
            bedragen = np.array(
                [kern.maandbedrag_centen(t_c, k) for k in range(1, 13)], dtype=np.int64
            )
            m = masker & (zml[idx, None] if post.deel.is_zml_aanvulling else True) & (bedragen != 0)
            rij, kol = np.nonzero(m)
            delen["sleutel"].append(sleutels[idx][rij])
            delen["ontvanger"].append((school if post.ontvanger is Ontvanger.SCHOOL else ab)[rij])
            delen["deel"].append(np.full(len(rij), _DEELPOSITIE[post.deel], dtype=np.int64))
            delen["maand"].append(kol.astype(np.int64) + 1)
            delen["centen"].append(bedragen[kol])
            delen["cvi"].append(cvi[rij])
            delen["volgorde"].append(volgorde[idx][rij])

    def samen(k: str) -> I64:
        return np.concatenate(delen[k]) if delen[k] else np.zeros(0, dtype=np.int64)

    betalingen = Deelbetalingen(
        schooljaar, samen("sleutel"), samen("ontvanger"), samen("deel"), samen("maand"),
        samen("centen"), samen("cvi"), samen("volgorde"), tuple(namen),
    )  # fmt: skip
    berekend = frozenset(alle) - set(leemtes) - terugval
    return Jaaruitkomst(schooljaar, betalingen, leemtes, frozenset(terugval), berekend)
