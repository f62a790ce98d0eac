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

    @classmethod
    def voor(cls, regeling: Regeling, schooljaar: Schooljaar) -> Tarieftabellen:
        cum_school = np.zeros((AANTAL_COMBINATIES, 13), dtype=np.int64)
        cum_ab = np.zeros_like(cum_school)
        cum_zml = np.zeros_like(cum_school)
        geldig = np.zeros(AANTAL_COMBINATIES, dtype=np.bool_)
        fout: list[str | None] = ["geen zinvolle combinatie (groep, vo-variant of leerweg/niveau "
                                  "past niet bij de schoolsoort)"] * AANTAL_COMBINATIES
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
        return cls(schooljaar, cum_school, cum_ab, cum_zml, geldig, tuple(fout))


@dataclass(frozen=True, slots=True)
class Leerlingjaren:
    """Kolommen voor N leerling-inschrijvingen in één schooljaar.

    Codes zijn posities in :data:`SCHOOLSOORTEN`, :data:`ONDERWIJSSOORTEN`, :data:`GROEPEN`
    (0 = geen), :data:`VO_VARIANTEN`, :data:`LEERWEGEN`, :data:`MBO_NIVEAUS` (0 = geen).
    Datums zijn ``datetime64[D]``; NaT betekent 'niet van toepassing'.

    * ``indicatie_einde`` NaT: afgeleid uit de geldigheidsduur (of open bij ``down``);
    * ``verhuisd_op``: inschrijving bij een andere reguliere school (deze rij is de oude);
    * ``via_verhuizing``: deze rij is de nieuwe school na een verhuizing;
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


def _maandnummer(d: Datums) -> I64:
    return d.astype("datetime64[M]").astype(np.int64)


def _is_eerste(d: Datums) -> npt.NDArray[np.bool_]:
    return d == d.astype("datetime64[M]").astype("datetime64[D]")


def _plus_jaren_min_dag(d: Datums, jaren: I64) -> Datums:
    """``plus_jaren(d, n) - 1 dag`` met afkappen op de laatste dag van de maand."""
    maand = d.astype("datetime64[M]") + (12 * jaren).astype("timedelta64[M]")
    dag_in_maand = (d - d.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64)
    lengte = ((maand + 1).astype("datetime64[D]") - maand.astype("datetime64[D]")).astype(np.int64)
    dag = np.minimum(dag_in_maand, lengte - 1)
    return maand.astype("datetime64[D]") + dag.astype("timedelta64[D]") - np.timedelta64(1, "D")


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
    """Bereken de betalingen van één schooljaar voor alle rijen tegelijk."""
    t = tabellen if tabellen is not None else Tarieftabellen.voor(regeling, schooljaar)
    if t.schooljaar != schooljaar:
        raise OngeldigeInvoer("tabellen", str(t.schooljaar), reden=f"horen niet bij {schooljaar}")
    n = len(rijen)
    c = rijen.combinatie
    basis = np.int64(schooljaar.beginjaar * 12 + 7 - 1970 * 12)  # maandnummer van augustus

    def k(d: Datums) -> I64:
        return _maandnummer(d) - basis + 1

    # Indicatie-einde: gegeven, of afgeleid uit de duur per onderwijssoort (I-27).
    einde = rijen.indicatie_einde
    afleiden = np.isnat(einde) & ~rijen.down
    if afleiden.any():
        onderwijssoort = np.unravel_index(c, _VORM)[1]
        jaren = _geldigheidsjaren(regeling, schooljaar)[onderwijssoort]
        einde = np.where(afleiden, _plus_jaren_min_dag(rijen.indicatiedatum, jaren), einde)

    groot = np.int64(1_000_000)
    eerste = np.maximum(np.int64(1), k(rijen.meldingsdatum) + 1)
    start = rijen.inschrijvingsdatum
    if rijen.via_verhuizing.any():
        aug = start.astype("datetime64[Y]").astype("datetime64[M]") + np.timedelta64(7, "M")
        aug_d = aug.astype("datetime64[D]")
        aug_d = np.where(start > aug_d, (aug + np.timedelta64(12, "M")).astype("datetime64[D]"), aug_d)
        start = np.where(rijen.via_verhuizing, aug_d, start)
    eerste = np.maximum(eerste, k(start) + (~_is_eerste(start)))
    eerste = np.maximum(eerste, k(rijen.indicatiedatum) + (~_is_eerste(rijen.indicatiedatum)))
    geb = rijen.geboortedatum
    heeft_geb = ~np.isnat(geb)
    if heeft_geb.any():
        w = regeling.zoek("lgf.minimumleeftijd", schooljaar.begin)
        assert isinstance(w.waarde, int)
        jarig = _maandnummer(geb) + 12 * w.waarde - basis + 1 + (~_is_eerste(geb))
        eerste = np.where(heeft_geb, np.maximum(eerste, jarig), eerste)

    laatste = np.full(n, 12, dtype=np.int64)
    laatste = np.where(np.isnat(einde), laatste, np.minimum(laatste, k(einde)))
    u = rijen.uitschrijving
    laatste = np.where(np.isnat(u), laatste, np.minimum(laatste, k(u) - _is_eerste(u)))
    v = rijen.verhuisd_op
    if (~np.isnat(v)).any():
        laatste_dag = v - np.timedelta64(1, "D")
        voor_dit_jaar = laatste_dag < np.datetime64(schooljaar.begin, "D")
        laatste = np.where(~np.isnat(v) & voor_dit_jaar, 0, laatste)
    o = rijen.opvolger_melding
    laatste = np.where(np.isnat(o), laatste, np.minimum(laatste, k(o)))
    leeg = laatste < eerste
    eerste = np.where(leeg, 1, eerste)
    laatste = np.where(leeg, 0, laatste)

    # Aanvullend zml-bedrag: vanaf de maand na de aanvraag, tot en met de maand van
    # terugplaatsing naar groep 2 (003; I-15); alleen aanvragen tijdens deze inschrijving.
    a = rijen.zml_aanvraag
    r = rijen.terugplaatsing_groep2
    heeft_a = ~np.isnat(a) & (a >= rijen.inschrijvingsdatum)
    z_eerste = np.maximum(eerste, np.where(heeft_a, k(a) + 1, groot))
    heeft_r = ~np.isnat(r)
    z_laatste = np.where(heeft_r, np.minimum(laatste, k(r)), laatste)
    # Terugplaatsing vóór een latere aanvraag: zet de groep op 2 (geen aanvulling meer),
    # tenzij ze al vóór de melding inging; dan meldde de school de groep van daarna.
    r_na_melding = k(r) + 1 > k(rijen.meldingsdatum)
    z_laatste = np.where(heeft_r & heeft_a & (r < a), np.where(r_na_melding, 0, laatste), z_laatste)
    z_laatste = np.where(heeft_r & ~heeft_a, 0, z_laatste)
    z_leeg = z_laatste < z_eerste
    z_eerste = np.where(z_leeg, 1, np.minimum(z_eerste, 12))
    z_laatste = np.where(z_leeg, 0, z_laatste)

    betaalt = ~leeg
    ongeldig = betaalt & ~t.geldig[c]
    if ongeldig.any():
        rijnummers = np.flatnonzero(ongeldig)
        combis = sorted({int(x) for x in c[rijnummers[:1000]]})
        meldingen = [f"rij {int(rijnummers[0])}: {t.fout[combis[0]]}"]
        raise OntbrekendeBron(
            f"{int(ongeldig.sum())} rij(en) in {schooljaar} met een te betalen maand",
            schooljaar.begin,
            toelichting="; ".join(meldingen) + (f" (en {len(combis) - 1} andere combinatie(s))"
                                                if len(combis) > 1 else ""),
        )

    totaal_school = t.cum_school[c, laatste] - t.cum_school[c, eerste - 1]
    totaal_ab = t.cum_ab[c, laatste] - t.cum_ab[c, eerste - 1]
    totaal_zml = t.cum_zml[c, z_laatste] - t.cum_zml[c, z_eerste - 1]
    maand_school = maand_ab = None
    if per_maand:
        maanden = np.arange(1, 13, dtype=np.int64)
        masker = (maanden >= eerste[:, None]) & (maanden <= laatste[:, None])
        z_masker = (maanden >= z_eerste[:, None]) & (maanden <= z_laatste[:, None])
        maand_school = np.where(masker, np.diff(t.cum_school[c], axis=1), 0) + np.where(
            z_masker, np.diff(t.cum_zml[c], axis=1), 0
        )
        maand_ab = np.where(masker, np.diff(t.cum_ab[c], axis=1), 0)
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
    )
