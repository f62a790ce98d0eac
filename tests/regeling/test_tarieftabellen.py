"""De tarieftabellen van 001 (2011) en 003 (2009) cel voor cel.

Twee onafhankelijke controles: (1) een eigen overschrijving hieronder, rij voor rij in
de kolomvolgorde van de bron, moet precies gelijk zijn aan wat de regeling laadt (en
de regeling mag niets méér bevatten); (2) elk geladen bedrag moet, in Nederlandse
notatie, letterlijk voorkomen in de tekst van de bijbehorende tabel in het brondocument.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from rugzak.regeling.bron import BESTANDEN
from rugzak.regeling.fouten import OntbrekendeBron
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.parameters import maak_sleutel

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

BAO_KOLOMMEN = ("school_personeel", "school_materieel", "ab_personeel", "ab_materieel")

# 001, tabel basisonderwijs per 1 augustus 2011
BAO_2011 = {
    "doof": ("12523.63", "1096", "11161.42", "1417"),
    "sh": ("6098.02", "978", "4963.99", "521"),
    "esm": ("6098.02", "978", "4963.99", "521"),
    "lg": ("6098.02", "979", "4286.81", "501"),
    "lz": ("6098.02", "978", "4286.81", "451"),
    "zml": ("6098.02", "923", "4286.81", "301"),
    "mg_doof_zml": ("12523.63", "978", "4963.99", "521"),
    "mg_doof_blind": ("12523.63", "978", "4963.99", "521"),
    "mg_sh_zml": ("12523.63", "978", "4963.99", "521"),
    "mg_lg_zml": ("12523.63", "978", "4286.81", "451"),
    "cl4": ("6098.02", "978", "4286.81", "451"),
}
# 001, tabel speciaal basisonderwijs per 1 augustus 2011
SBAO_2011 = {
    "doof": ("8488.94", "883", "11161.42", "1417"),
    "sh": ("2063.32", "765", "4963.99", "521"),
    "esm": ("2063.32", "765", "4963.99", "521"),
    "lg": ("2063.32", "766", "4286.81", "501"),
    "lz": ("2063.32", "765", "4286.81", "451"),
    "zml": ("2063.32", "710", "4286.81", "301"),
    "mg_doof_zml": ("8488.94", "765", "4963.99", "521"),
    "mg_doof_blind": ("8488.94", "765", "4963.99", "521"),
    "mg_sh_zml": ("8488.94", "765", "4963.99", "521"),
    "mg_lg_zml": ("8488.94", "765", "4963.99", "451"),
    "cl4": ("2063.32", "765", "4286.81", "451"),
}
# 001, tabel voortgezet onderwijs: PRO/LWOO, overig VO, AB personeel, AB materieel
VO_2011 = {
    "doof": ("2487.09", "3227.31", "5272.35", "569"),
    "sh": ("1598.84", "3227.31", "3410.10", "220"),
    "lg": ("1628.45", "3227.31", "4552.84", "413"),
    "lz": ("1598.84", "3227.31", "2944.53", "241"),
    "zml": ("1598.84", "3227.31", "2944.53", "131"),
    "mg_doof_zml": ("1598.84", "3227.31", "3410.10", "279"),
    "mg_doof_blind": ("1598.84", "3227.31", "3410.10", "279"),
    "mg_sh_zml": ("1598.84", "3227.31", "3410.10", "279"),
    "mg_lg_zml": ("1598.84", "3227.31", "2944.53", "241"),
    "cl4": ("1598.84", "3227.31", "2944.53", "241"),
}
# 001, mbo voltijds en deeltijds: assistent/basis, vak/midden/specialist, AB pers., AB mat.
# De rij 'cluster 2: meervoudig gehandicapte deelnemers' geldt voor drie combinaties (I-07).
MG_CL2 = ("mg_doof_zml", "mg_doof_blind", "mg_sh_zml")
MBO_VOLTIJD_2011 = {
    "doof": ("2410", "3128", "5159.87", "559"),
    "sh": ("1550", "3128", "3337.35", "216"),
    MG_CL2: ("1550", "3128", "3337.35", "274"),
    "esm": ("1550", "3128", "3337.35", "274"),
    "lg": ("1578", "3128", "4517.25", "405"),
    "lz": ("1550", "3128", "2921.51", "236"),
    "zml": ("1550", "3128", "2921.51", "128"),
    "mg_lg_zml": ("1550", "3128", "2921.51", "236"),
    "cl4": ("1550", "3128", "2921.51", "236"),
}
MBO_DEELTIJD_2011 = {
    "doof": ("1607", "2085", "3439.92", "373"),
    "sh": ("1033", "2085", "2224.90", "144"),
    MG_CL2: ("1033", "2085", "2224.90", "183"),
    "esm": ("1033", "2085", "2224.90", "183"),
    "lg": ("1052", "2085", "3011.50", "270"),
    "lz": ("1033", "2085", "1947.67", "157"),
    "zml": ("1033", "2085", "1947.67", "85"),
    "mg_lg_zml": ("1033", "2085", "1947.67", "157"),
    "cl4": ("1033", "2085", "1947.67", "157"),
}
# 003, tabel 'Primair Onderwijs' 2009-2010: REC personeel, regulier personeel,
# REC materieel, regulier materieel; geldt voor bao en sbao (I-02).
PO_2009 = {
    "lg": ("4858.09", "5961.39", "569", "962"),
    "lz": ("4858.09", "5961.39", "512", "961"),
    "zml": ("4858.09", "5961.39", "342", "907"),
    "mg_lg_zml": ("4858.09", "12243.39", "512", "961"),
}
PO_2009_KOLOMMEN = ("ab_personeel", "school_personeel", "ab_materieel", "school_materieel")


def _verwacht() -> dict[tuple[date, tuple[tuple[str, str], ...]], Decimal]:
    cellen: dict[tuple[date, tuple[tuple[str, str], ...]], Decimal] = {}

    def zet(peil: date, waarde: str, **sleutel: str) -> None:
        cellen[(peil, maak_sleutel(**sleutel))] = Decimal(waarde)

    p11, p09 = date(2011, 8, 1), date(2009, 8, 1)
    for schoolsoort, tabel in (("bao", BAO_2011), ("sbao", SBAO_2011)):
        for o, rij in tabel.items():
            for deel, w in zip(BAO_KOLOMMEN, rij, strict=True):
                zet(p11, w, schoolsoort=schoolsoort, onderwijssoort=o, deel=deel)
    zet(p11, "6372.91", schoolsoort="bao", onderwijssoort="zml", deel="zml_personeel")
    zet(p11, "296", schoolsoort="bao", onderwijssoort="zml", deel="zml_materieel")
    for o, (pro, overig, abp, abm) in VO_2011.items():
        zet(
            p11,
            pro,
            schoolsoort="vo",
            onderwijssoort=o,
            deel="school_personeel_materieel",
            vo_variant="pro_lwoo",
        )
        zet(
            p11,
            overig,
            schoolsoort="vo",
            onderwijssoort=o,
            deel="school_personeel_materieel",
            vo_variant="overig",
        )
        zet(p11, abp, schoolsoort="vo", onderwijssoort=o, deel="ab_personeel")
        zet(p11, abm, schoolsoort="vo", onderwijssoort=o, deel="ab_materieel")
    for tijd, tabel in (("voltijd", MBO_VOLTIJD_2011), ("deeltijd", MBO_DEELTIJD_2011)):
        for sleutel_o, (ab_, vms, abp, abm) in tabel.items():
            for o in sleutel_o if isinstance(sleutel_o, tuple) else (sleutel_o,):
                basis = {"schoolsoort": "mbo", "mbo_tijd": tijd, "onderwijssoort": o}
                zet(
                    p11,
                    ab_,
                    **basis,
                    deel="school_personeel_materieel",
                    mbo_niveaugroep="assistent_basis",
                )
                zet(
                    p11,
                    vms,
                    **basis,
                    deel="school_personeel_materieel",
                    mbo_niveaugroep="vak_midden_specialist",
                )
                zet(p11, abp, **basis, deel="ab_personeel")
                zet(p11, abm, **basis, deel="ab_materieel")
    for schoolsoort in ("bao", "sbao"):
        for o, rij in PO_2009.items():
            for deel, w in zip(PO_2009_KOLOMMEN, rij, strict=True):
                zet(p09, w, schoolsoort=schoolsoort, onderwijssoort=o, deel=deel)
    zet(p09, "6276.03", schoolsoort="bao", onderwijssoort="zml", deel="zml_personeel")
    zet(p09, "290", schoolsoort="bao", onderwijssoort="zml", deel="zml_materieel")
    return cellen


@pytest.mark.bron("001, tabellen per 1 augustus 2011; 003, tabel 'Primair Onderwijs'")
def test_elke_cel_van_de_tabellen_2011_en_2009_klopt_en_niets_meer():
    regeling = standaard_regeling()
    verwacht = _verwacht()
    geladen = {
        (w.periode.van, w.sleutel): w.waarde for w in regeling.waarden if w.naam == "lgf.bedrag"
    }
    assert geladen == verwacht


@pytest.mark.bron("003, rij 'ZMLK Groep 3 t/m 8'")
def test_zml_groep_3_tot_8_in_2009_telt_op_tot_de_sommen_in_de_bron():
    r = standaard_regeling()
    peil = date(2009, 8, 1)

    def w(deel: str) -> Decimal:
        v = r.zoek("lgf.bedrag", peil, schoolsoort="bao", onderwijssoort="zml", deel=deel).waarde
        assert isinstance(v, Decimal)
        return v

    assert w("school_personeel") + w("zml_personeel") == Decimal("12237.42")
    assert w("school_materieel") + w("zml_materieel") == Decimal("1197")


def _nl(bedrag: Decimal) -> str:
    """Bedrag zoals de bron het schrijft: 12.523,63 of 1.096 of 978."""
    geheel, _, frac = f"{bedrag:.2f}".partition(".")
    groepen = []
    while len(geheel) > 3:
        groepen.insert(0, geheel[-3:])
        geheel = geheel[:-3]
    groepen.insert(0, geheel)
    tekst = ".".join(groepen)
    return tekst if frac == "00" else f"{tekst},{frac}"


def _secties(document: str) -> dict[str, str]:
    tekst = (SEEDS / BESTANDEN[document]).read_text(encoding="utf-8")
    if document == "001":
        koppen = [
            "per 1 augustus 2011 voor het basisonderwijs",
            "per 1 augustus 2011 voor het speciaal basisonderwijs",
            "per 1 augustus 2011 voor het voortgezet onderwijs",
            "per 1 augustus 2011 voor middelbaar beroepsonderwijs voltijds",
            "per 1 augustus 2011 voor middelbaar beroepsonderwijs deeltijds",
            "Visueel gehandicapten",
        ]
    else:
        koppen = ["*Primair Onderwijs:*", "Het reguliere deel"]
    posities = [tekst.index(k) for k in koppen] + [len(tekst)]
    return {
        k: re.sub(r"\s+", "", tekst[a:b].replace("€", ""))
        for k, a, b in zip(koppen, posities, posities[1:], strict=False)
    }


@pytest.mark.bron("001 en 003: de tekst van de brondocumenten")
def test_elk_geladen_bedrag_staat_letterlijk_in_zijn_brontabel():
    regeling = standaard_regeling()
    secties = {d: _secties(d) for d in ("001", "003")}
    ontbreekt = []
    for w in regeling.waarden:
        if w.naam not in ("lgf.bedrag", "cluster1.bedrag"):
            continue
        assert isinstance(w.waarde, Decimal)
        doc = w.bron.document
        sectie = next(
            (
                tekst
                for kop, tekst in secties[doc].items()
                if re.sub(r"\W", "", kop.lower()) in re.sub(r"\W", "", w.bron.sectie.lower())
                or (doc == "003" and "Primair" in kop)
                or (kop == "Visueel gehandicapten" and "Visueel" in w.bron.sectie)
            ),
            None,
        )
        assert sectie is not None, w.bron.citeer()
        # 003 schrijft soms zonder duizendtalpunt (4858,09), soms met (6.276,03).
        if _nl(w.waarde) not in sectie and _nl(w.waarde).replace(".", "") not in sectie:
            ontbreekt.append((w.bron.citeer(), _nl(w.waarde)))
    assert not ontbreekt


@pytest.mark.bron("001 en 003: geldigheid per schooljaar; interpretaties I-01, I-17")
def test_temporele_dekking_elke_dag_precies_een_versie_en_daarbuiten_een_fout():
    """Voor elke sleutel: op elke dag van elk gedekt schooljaar precies één waarde; op
    elke dag van 2003-2014 daarbuiten een OntbrekendeBron."""
    regeling = standaard_regeling()
    per_sleutel: dict[tuple[str, tuple[tuple[str, str], ...]], list] = {}
    for w in regeling.waarden:
        per_sleutel.setdefault((w.naam, w.sleutel), []).append(w)
    begin, einde = date(2003, 8, 1), date(2014, 7, 31)
    dagen = [begin + timedelta(days=i) for i in range((einde - begin).days + 1)]
    gecontroleerd = 0
    for (naam, sleutel), versies in per_sleutel.items():
        if naam not in ("lgf.bedrag", "cluster1.bedrag"):
            continue
        sl = dict(sleutel)
        for dag in dagen:
            aantal = sum(1 for v in versies if v.periode.bevat(dag))
            assert aantal <= 1, (naam, sleutel, dag)
            assert regeling.heeft(naam, dag, **sl) == (aantal == 1), (naam, sleutel, dag)
            if aantal == 1:
                assert regeling.zoek(naam, dag, **sl).periode.bevat(dag)
            elif dag.day == 1:
                # buiten de bronnen: een duidelijke fout die zegt wat wel bekend is
                with pytest.raises(OntbrekendeBron, match="wel bekend"):
                    regeling.zoek(naam, dag, **sl)
            gecontroleerd += 1
    assert gecontroleerd > 100_000


@pytest.mark.bron("001 en 003: één schooljaar per tabel")
def test_gedekte_schooljaren_zijn_2009_2010_en_2011_2012_en_2010_2011_is_een_leemte():
    regeling = standaard_regeling()
    perioden = {str(p) for p in regeling.perioden("lgf.bedrag")}
    assert perioden == {"2009-08-01 t/m 2010-07-31", "2011-08-01 t/m 2012-07-31"}
    with pytest.raises(OntbrekendeBron, match=r"2010-2011|2010-08-01"):
        regeling.zoek(
            "lgf.bedrag",
            date(2010, 8, 1),
            schoolsoort="bao",
            onderwijssoort="lg",
            deel="school_personeel",
        )
