"""Budgetten en maandbetalingen voor veel leerlingen tegelijk (een heel land in één keer).

De bulkberekening rekent *niets* zelf uit wat de regelkern al weet: per schooljaar
worden de jaarbedragen van elke zinvolle combinatie (schoolsoort, onderwijssoort, groep,
vo-variant, leerweg, niveau) met :func:`~rugzak.regeling.regels.budget.jaarbudget`
berekend en met :func:`~rugzak.regeling.regels.betaling.maandbedrag_centen` over de
maanden verdeeld. De bulk doet alleen nog wat vectorieel kan: per rij bepalen welke
maanden betaald worden (dezelfde regel als :func:`betaalschema`: op de eerste dag van de
maand ingeschreven, indicatie geldig, melding vóór die dag) en de tabellen uitlezen.
Omdat die voorwaarden drempels in de tijd zijn, vormen de betaalde maanden één
aaneengesloten reeks ``[eerste, laatste]`` per rij.

Bedragen zijn hele centen (``int64``), nooit drijvende komma. Een rij waarvoor een
maand te betalen valt maar de bronnen geen bedrag geven, geeft
:class:`~rugzak.regeling.fouten.OntbrekendeBron`, net als het pad voor één leerling.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from rugzak.regeling.begrippen import (
    Leerweg,
    MboNiveau,
    Onderwijssoort,
    Ontvanger,
    Schoolsoort,
    VoVariant,
)
from rugzak.regeling.fouten import OngeldigeInvoer, OntbrekendeBron, RegelingFout
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.regels.betaling import centen, maandbedrag_centen
from rugzak.regeling.regels.budget import Situatie, jaarbudget
from rugzak.regeling.regels.looptijd import lgf_einde
from rugzak.regeling.tijd import Schooljaar

I64 = npt.NDArray[np.int64]
Datums = npt.NDArray[np.datetime64]

SCHOOLSOORTEN = (Schoolsoort.BAO, Schoolsoort.SBAO, Schoolsoort.VO, Schoolsoort.MBO)
ONDERWIJSSOORTEN = tuple(Onderwijssoort)
VO_VARIANTEN: tuple[VoVariant | None, ...] = (None, *VoVariant)
LEERWEGEN: tuple[Leerweg | None, ...] = (None, *Leerweg)
MBO_NIVEAUS: tuple[MboNiveau | None, ...] = (None, *MboNiveau)
GROEPEN: tuple[int | None, ...] = (None, 1, 2, 3, 4, 5, 6, 7, 8)

_VORM = (
    len(SCHOOLSOORTEN),
    len(ONDERWIJSSOORTEN),
    len(GROEPEN),
    len(VO_VARIANTEN),
    len(LEERWEGEN),
    len(MBO_NIVEAUS),
)
AANTAL_COMBINATIES = int(np.prod(_VORM))
NAT = np.datetime64("NaT", "D")


def combinatie_index(
    schoolsoort: npt.ArrayLike,
    onderwijssoort: npt.ArrayLike,
    groep: npt.ArrayLike,
    vo_variant: npt.ArrayLike,
    leerweg: npt.ArrayLike,
    mbo_niveau: npt.ArrayLike,
) -> I64:
    """Dichte index van een combinatie uit de codes (posities in de tupels hierboven)."""
    idx = np.ravel_multi_index(
        (
            np.asarray(schoolsoort),
            np.asarray(onderwijssoort),
            np.asarray(groep),
            np.asarray(vo_variant),
            np.asarray(leerweg),
            np.asarray(mbo_niveau),
        ),
        _VORM,
    )
    return np.asarray(idx, dtype=np.int64)


def _zinvolle_combinaties() -> list[tuple[int, int, int, int, int, int]]:
    uit = []
    for s, ss in enumerate(SCHOOLSOORTEN):
        for o in range(len(ONDERWIJSSOORTEN)):
            if ss in (Schoolsoort.BAO, Schoolsoort.SBAO):
                uit += [(s, o, g, 0, 0, 0) for g in range(1, len(GROEPEN))]
            elif ss is Schoolsoort.VO:
                uit += [(s, o, 0, v, 0, 0) for v in range(1, len(VO_VARIANTEN))]
            else:
                uit += [
                    (s, o, 0, 0, lw, n)
                    for lw in range(1, len(LEERWEGEN))
                    for n in range(1, len(MBO_NIVEAUS))
                ]
    return uit


@dataclass(frozen=True, slots=True)
class Tarieftabellen:
    """Per combinatie de cumulatieve maandbedragen in centen (kolom k = maanden 1..k).

    ``cum_school[c, k]`` is wat de school over augustus t/m maand k ontvangt; zo is een
    aaneengesloten reeks maanden ``[a, b]`` ``cum[c, b] - cum[c, a-1]``: precies de som
    van de maandbedragen per deel, want elk deel wordt afzonderlijk verdeeld.
    """

    schooljaar: Schooljaar
    cum_school: I64  # (AANTAL_COMBINATIES, 13)
    cum_ab: I64
    cum_zml: I64  # het aanvullende zml-bedrag (naar de school)
    geldig: npt.NDArray[np.bool_]
    fout: tuple[str | None, ...]
    geldigheidsjaren: I64  # per combinatie: duur van de indicatie (-1 = geen bron)

    @property
    def maand_school(self) -> I64:
        return np.diff(self.cum_school, axis=1)

    @property
    def maand_ab(self) -> I64:
        return np.diff(self.cum_ab, axis=1)

    @property
    def maand_zml(self) -> I64:
        return np.diff(self.cum_zml, axis=1)

    @classmethod
    def voor(cls, regeling: Regeling, schooljaar: Schooljaar) -> Tarieftabellen:
        cum_school = np.zeros((AANTAL_COMBINATIES, 13), dtype=np.int64)
        cum_ab = np.zeros_like(cum_school)
        cum_zml = np.zeros_like(cum_school)
        geldig = np.zeros(AANTAL_COMBINATIES, dtype=np.bool_)
        fout: list[str | None] = [
            "geen zinvolle combinatie (groep, vo-variant of leerweg/niveau "
            "past niet bij de schoolsoort)"
        ] * AANTAL_COMBINATIES
        for combi in _zinvolle_combinaties():
            c = int(np.ravel_multi_index(combi, _VORM))
            s, o, g, v, lw, n = combi
            situatie = Situatie(
                schooljaar=schooljaar,
                schoolsoort=SCHOOLSOORTEN[s],
                onderwijssoort=ONDERWIJSSOORTEN[o],
                groep=GROEPEN[g],
                vo_variant=VO_VARIANTEN[v],
                leerweg=LEERWEGEN[lw],
                mbo_niveau=MBO_NIVEAUS[n],
            )
            try:
                budget = jaarbudget(regeling, situatie)
            except RegelingFout as e:
                fout[c] = str(e)
                continue
            if budget.regelingsoort.value != "lgf":
                fout[c] = "geen leerlinggebonden financiering (cluster 1: eigen regeling)"
                continue
            geldig[c] = True
            fout[c] = None
            for post in budget.posten:
                t = centen(post.bedrag)
                maand = np.array([0] + [maandbedrag_centen(t, k) for k in range(1, 13)])
                doel = (
                    cum_zml
                    if post.deel.is_zml_aanvulling
                    else cum_school
                    if post.ontvanger is Ontvanger.SCHOOL
                    else cum_ab
                )
                doel[c] += np.cumsum(maand)
        onderwijssoort = np.unravel_index(np.arange(AANTAL_COMBINATIES), _VORM)[1]
        jaren = _geldigheidsjaren(regeling, schooljaar)[onderwijssoort]
        return cls(schooljaar, cum_school, cum_ab, cum_zml, geldig, tuple(fout), jaren)


@dataclass(frozen=True, slots=True)
class Leerlingjaren:
    """Kolommen voor N leerling-inschrijvingen in één schooljaar.

    Codes zijn posities in :data:`SCHOOLSOORTEN`, :data:`ONDERWIJSSOORTEN`, :data:`GROEPEN`
    (0 = geen), :data:`VO_VARIANTEN`, :data:`LEERWEGEN`, :data:`MBO_NIVEAUS` (0 = geen).
    Datums zijn ``datetime64[D]``; NaT betekent 'niet van toepassing'.

    * ``indicatie_einde`` NaT: afgeleid uit de geldigheidsduur (of open bij ``down``);
    * ``verhuisd_op``: de eerste dag dat de leerling door een verhuizing naar een andere
      reguliere school niet meer op deze school staat (deze rij is de oude): de
      inschrijving bij de nieuwe school, of de eerdere uitschrijving door deze school als
      de nieuwe school haar als vorige school noemt (I-52);
    * ``via_verhuizing``: deze rij is de nieuwe school na een verhuizing;
    * ``verhuisd_van_op``: bij ``via_verhuizing`` de datum van die verhuizing (de eerste
      dag niet meer op de vorige school); NaT of None: de eigen inschrijvingsdatum;
    * ``opvolger_melding``: meldingsdatum van een latere melding van dezelfde school
      (herindicatie), die deze melding vanaf de maand erna vervangt.
    """

    combinatie: I64
    meldingsdatum: Datums
    inschrijvingsdatum: Datums
    indicatiedatum: Datums
    indicatie_einde: Datums
    uitschrijving: Datums
    verhuisd_op: Datums
    via_verhuizing: npt.NDArray[np.bool_]
    opvolger_melding: Datums
    zml_aanvraag: Datums
    terugplaatsing_groep2: Datums
    geboortedatum: Datums
    down: npt.NDArray[np.bool_]
    verhuisd_van_op: Datums | None = None

    def __len__(self) -> int:
        return int(self.combinatie.shape[0])


@dataclass(frozen=True, slots=True)
class Bulkuitkomst:
    """Per rij de betaalde maanden, de totalen per ontvanger en (optioneel) per maand."""

    eerste_maand: I64
    laatste_maand: I64
    totaal_school: I64
    totaal_ab: I64
    totaal_zml: I64
    maand_school: I64 | None = None  # (N, 12), inclusief zml-aanvulling
    maand_ab: I64 | None = None

    @property
    def totaal(self) -> int:
        return int(self.totaal_school.sum() + self.totaal_ab.sum() + self.totaal_zml.sum())


# Kalendertabellen: per dag (1900-01-01 t/m 2100-12-31) het maandnummer (maanden sinds
# januari 1970) van die dag, van de eerste maandbegin op of na die dag, en van het laatste
# maandbegin vóór die dag. Zo worden alle datumvoorwaarden gehele-getallenwerk.
_D0 = int(np.datetime64("1900-01-01", "D").astype(np.int64))
_DAGEN = np.arange(
    np.datetime64("1900-01-01", "D"), np.datetime64("2101-01-01", "D"), dtype="datetime64[D]"
)
_M = _DAGEN.astype("datetime64[M]").astype(np.int64)
_IS_EERSTE = _DAGEN.astype("datetime64[M]").astype("datetime64[D]") == _DAGEN
_M_VANAF = _M + ~_IS_EERSTE  # eerste maand waarvan de 1e op of na deze dag ligt
_M_VOOR = _M - _IS_EERSTE  # laatste maand waarvan de 1e vóór deze dag ligt
_L = len(_DAGEN)
_NAT = np.iinfo(np.int64).min
_GROOT = np.int64(1_000_000)


def _index(d: Datums, *, nat_laat: bool) -> I64:
    """Positie in de kalendertabellen; NaT wordt de eerste of de laatste dag."""
    i = d.view(np.int64) - _D0
    if nat_laat:
        return np.where(i < 0, _L - 1, np.minimum(i, _L - 1))
    return np.clip(i, 0, _L - 1)


def _heeft(d: Datums) -> npt.NDArray[np.bool_]:
    return np.asarray(d.view(np.int64) != _NAT, dtype=np.bool_)


def _overname_maand(verhuisdatum: Datums) -> I64:
    """Maandnummer van de 1 augustus waarop het budget na een verhuizing op
    ``verhuisdatum`` naar de nieuwe school gaat: de eerste augustus op of na de maand van
    de laatste dag op de oude school (zoals
    :func:`~rugzak.regeling.regels.betaling.overname_dag`; I-14, I-50)."""
    laatste = _M[np.maximum(_index(verhuisdatum, nat_laat=False) - 1, 0)]
    return np.asarray(laatste + (7 - laatste % 12) % 12, dtype=np.int64)


def _geldigheidsjaren(regeling: Regeling, schooljaar: Schooljaar) -> I64:
    """Geldigheidsduur per onderwijssoort (-1 = geen bron, bv. cluster 1)."""
    jaren = np.full(len(ONDERWIJSSOORTEN), -1, dtype=np.int64)
    for i, o in enumerate(ONDERWIJSSOORTEN):
        if regeling.heeft("indicatie.geldigheid", schooljaar.begin, onderwijssoort=o.value):
            w = regeling.zoek("indicatie.geldigheid", schooljaar.begin, onderwijssoort=o.value)
            assert isinstance(w.waarde, int)
            jaren[i] = w.waarde
    return jaren


def bereken(
    regeling: Regeling,
    schooljaar: Schooljaar,
    rijen: Leerlingjaren,
    *,
    tabellen: Tarieftabellen | None = None,
    per_maand: bool = False,
) -> Bulkuitkomst:
    """Bereken de betalingen van één schooljaar voor alle rijen tegelijk.

    Maand ``k`` (1 = augustus) wordt betaald als op zijn eerste dag F_k geldt: melding < F_k,
    inschrijving <= F_k (na verhuizing ook: F_k op of na de overname-1-augustus),
    indicatiedatum <= F_k <= einde indicatie, F_k < uitschrijving, F_k <= laatste dag van LGF
    (I-70), en (als geboortedatum bekend) de leerling is 4. Elke voorwaarde is een drempel,
    dus de maanden vormen een reeks.
    """
    t = tabellen if tabellen is not None else Tarieftabellen.voor(regeling, schooljaar)
    if t.schooljaar != schooljaar:
        raise OngeldigeInvoer("tabellen", str(t.schooljaar), reden=f"horen niet bij {schooljaar}")
    c = rijen.combinatie
    aug = np.int64((schooljaar.beginjaar - 1970) * 12 + 7)  # maandnummer van augustus
    verschuiving = aug - 1  # maandnummer -> k

    def onder(d: Datums) -> I64:
        return _index(d, nat_laat=False)

    def boven(d: Datums) -> I64:
        return _index(d, nat_laat=True)

    # Ondergrenzen (in maandnummers).
    i_melding = onder(rijen.meldingsdatum)
    vanaf = _M[i_melding] + 1
    start = _M_VANAF[onder(rijen.inschrijvingsdatum)]
    if rijen.via_verhuizing.any():
        # de overname-augustus van de verhuizing, niet vóór de inschrijving (004; I-14, I-50)
        van = rijen.verhuisd_van_op
        datum = (
            rijen.inschrijvingsdatum
            if van is None
            else np.where(_heeft(van), van, rijen.inschrijvingsdatum)
        )
        start = np.where(rijen.via_verhuizing, np.maximum(start, _overname_maand(datum)), start)
    vanaf = np.maximum(vanaf, start)
    i_indicatie = onder(rijen.indicatiedatum)
    vanaf = np.maximum(vanaf, _M_VANAF[i_indicatie])
    einde_lgf = lgf_einde(regeling)
    geb = rijen.geboortedatum
    if _heeft(geb).any() and not einde_lgf.voorbij(schooljaar.begin):
        w = regeling.zoek("lgf.minimumleeftijd", schooljaar.begin)
        assert isinstance(w.waarde, int)
        jarig = _M_VANAF[onder(geb)] + 12 * w.waarde
        vanaf = np.where(_heeft(geb), np.maximum(vanaf, jarig), vanaf)

    # Bovengrenzen: einde indicatie (gegeven, of indicatiedatum + duur - 1 dag; I-27),
    # uitschrijving, opvolgende melding, verhuizing.
    e = rijen.indicatie_einde
    afgeleid = np.where(rijen.down, _GROOT, _M_VOOR[i_indicatie] + 12 * t.geldigheidsjaren[c])
    tot = np.where(_heeft(e), _M[boven(e)], afgeleid)
    tot = np.minimum(tot, _M_VOOR[boven(rijen.uitschrijving)])
    tot = np.minimum(tot, _M[boven(rijen.opvolger_melding)])
    # Verhuisd: tot en met de juli vóór de overname-augustus (I-14, I-50).
    v = rijen.verhuisd_op
    tot = np.where(_heeft(v), np.minimum(tot, _overname_maand(v) - 1), tot)
    # Het einde van LGF (I-70): geen maand waarvan de eerste dag na de laatste dag ligt.
    laatste_lgf = einde_lgf.laatste_maand
    tot = np.minimum(tot, np.int64((laatste_lgf.jaar - 1970) * 12 + laatste_lgf.maand - 1))

    eerste = np.clip(vanaf - verschuiving, 1, 13)
    laatste = np.clip(tot - verschuiving, 0, 12)
    leeg = laatste < eerste
    eerste = np.where(leeg, 1, eerste)
    laatste = np.where(leeg, 0, laatste)

    # Aanvullend zml-bedrag: vanaf de maand na de aanvraag tot en met de maand van
    # terugplaatsing naar groep 2 (003; I-15); alleen aanvragen tijdens deze inschrijving.
    a = rijen.zml_aanvraag
    r = rijen.terugplaatsing_groep2
    heeft_a = _heeft(a) & (a >= rijen.inschrijvingsdatum)
    heeft_r = _heeft(r)
    m_r = _M[onder(r)]
    z_vanaf = np.where(heeft_a, _M[onder(a)] + 1, _GROOT)
    z_tot = np.where(heeft_r, m_r, _GROOT)
    # Terugplaatsing vóór een latere aanvraag zet de groep op 2 (geen aanvulling meer),
    # tenzij ze al vóór de melding inging: dan meldde de school de groep van daarna.
    later = heeft_r & heeft_a & (r < a)
    z_tot = np.where(later, np.where(m_r + 1 > _M[i_melding], _NAT // 2, _GROOT), z_tot)
    z_eerste = np.maximum(eerste, np.clip(z_vanaf - verschuiving, 1, 13))
    z_laatste = np.minimum(laatste, np.clip(z_tot - verschuiving, 0, 12))
    z_leeg = z_laatste < z_eerste
    z_eerste = np.where(z_leeg, 1, z_eerste)
    z_laatste = np.where(z_leeg, 0, z_laatste)

    ongeldig = ~leeg & ~t.geldig[c]
    if ongeldig.any():
        rijnummers = np.flatnonzero(ongeldig)
        combis = sorted({int(x) for x in c[rijnummers[:1000]]})
        raise OntbrekendeBron(
            f"{int(ongeldig.sum())} rij(en) in {schooljaar} met een te betalen maand",
            schooljaar.begin,
            toelichting=f"rij {int(rijnummers[0])}: {t.fout[int(c[rijnummers[0]])]}"
            + (f" (en {len(combis) - 1} andere combinatie(s))" if len(combis) > 1 else ""),
        )

    plek = c * 13
    totaal_school = np.take(t.cum_school, plek + laatste) - np.take(t.cum_school, plek + eerste - 1)
    totaal_ab = np.take(t.cum_ab, plek + laatste) - np.take(t.cum_ab, plek + eerste - 1)
    totaal_zml = np.take(t.cum_zml, plek + z_laatste) - np.take(t.cum_zml, plek + z_eerste - 1)
    maand_school = maand_ab = None
    if per_maand:
        maanden = np.arange(1, 13, dtype=np.int64)
        masker = (maanden >= eerste[:, None]) & (maanden <= laatste[:, None])
        z_masker = (maanden >= z_eerste[:, None]) & (maanden <= z_laatste[:, None])
        maand_school = np.where(masker, t.maand_school[c], 0) + np.where(
            z_masker, t.maand_zml[c], 0
        )
        maand_ab = np.where(masker, t.maand_ab[c], 0)
    return Bulkuitkomst(
        eerste_maand=eerste,
        laatste_maand=laatste,
        totaal_school=totaal_school,
        totaal_ab=totaal_ab,
        totaal_zml=totaal_zml,
        maand_school=maand_school,
        maand_ab=maand_ab,
    )


# --- gemak: rijen uit Python-waarden (niet voor de snelle weg) ------------------------


@dataclass(frozen=True, slots=True)
class Leerlingjaar:
    """Eén rij in Python-waarden; :func:`naar_kolommen` zet een lijst om in kolommen."""

    schoolsoort: Schoolsoort
    onderwijssoort: Onderwijssoort
    meldingsdatum: date
    inschrijvingsdatum: date
    indicatiedatum: date
    groep: int | None = None
    vo_variant: VoVariant | None = None
    leerweg: Leerweg | None = None
    mbo_niveau: MboNiveau | None = None
    indicatie_einde: date | None = None
    uitschrijving: date | None = None
    verhuisd_op: date | None = None
    via_verhuizing: bool = False
    opvolger_melding: date | None = None
    zml_aanvraag: date | None = None
    terugplaatsing_groep2: date | None = None
    geboortedatum: date | None = None
    down: bool = False
    verhuisd_van_op: date | None = None


def _datums(waarden: Sequence[date | None]) -> Datums:
    return np.array([np.datetime64(w, "D") if w else NAT for w in waarden], dtype="datetime64[D]")


def naar_kolommen(rijen: Sequence[Leerlingjaar]) -> Leerlingjaren:
    def pos(reeks: tuple[Any, ...], waarde: Any) -> int:
        return reeks.index(waarde)

    combinatie = combinatie_index(
        [pos(SCHOOLSOORTEN, r.schoolsoort) for r in rijen],
        [pos(ONDERWIJSSOORTEN, r.onderwijssoort) for r in rijen],
        [pos(GROEPEN, r.groep) for r in rijen],
        [pos(VO_VARIANTEN, r.vo_variant) for r in rijen],
        [pos(LEERWEGEN, r.leerweg) for r in rijen],
        [pos(MBO_NIVEAUS, r.mbo_niveau) for r in rijen],
    )
    return Leerlingjaren(
        combinatie=combinatie,
        meldingsdatum=_datums([r.meldingsdatum for r in rijen]),
        inschrijvingsdatum=_datums([r.inschrijvingsdatum for r in rijen]),
        indicatiedatum=_datums([r.indicatiedatum for r in rijen]),
        indicatie_einde=_datums([r.indicatie_einde for r in rijen]),
        uitschrijving=_datums([r.uitschrijving for r in rijen]),
        verhuisd_op=_datums([r.verhuisd_op for r in rijen]),
        via_verhuizing=np.array([r.via_verhuizing for r in rijen], dtype=np.bool_),
        opvolger_melding=_datums([r.opvolger_melding for r in rijen]),
        zml_aanvraag=_datums([r.zml_aanvraag for r in rijen]),
        terugplaatsing_groep2=_datums([r.terugplaatsing_groep2 for r in rijen]),
        geboortedatum=_datums([r.geboortedatum for r in rijen]),
        down=np.array([r.down for r in rijen], dtype=np.bool_),
        verhuisd_van_op=_datums([r.verhuisd_van_op for r in rijen]),
    )
