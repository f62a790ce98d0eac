"""Tests voor de regels op REC-niveau uit 004 (rugzak.regeling.regels.rec)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rugzak.regeling.begrippen import Onderwijssoort
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer, OntbrekendeBron
from rugzak.regeling.laden import DATA_MAP, controleer, standaard_bestanden, standaard_regeling
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.regels.rec import (
    ONDERDELEN_VERZOEK,
    OnvolledigVerzoek,
    Richting,
    SchoolFormatie,
    VerzoekResidentielePlaatsen,
    beoordeel_verzoek_residentiele_plaatsen,
    formatiegarantie,
    formatiegarantie_per_rec,
    ontbrekende_onderdelen,
    pab_formatie,
    rec_bekostiging,
    verdeel_formatiegarantie,
    verreken_residentiele_plaatsen,
)
from rugzak.regeling.tijd import Schooljaar

REC = "004, 'Rec-bekostiging'"
GARANTIE = "004, 'Formatiegarantieregeling'"
PAB = "004, 'Ambulante begeleiding (AB) en preventieve ambulante begeleiding (PAB)'"
RESIDENTIEEL = "004, 'Residentiële plaatsen'"

SJ_2002 = Schooljaar(2002)
SJ_2003 = Schooljaar(2003)
SJ_2004 = Schooljaar(2004)
SJ_2005 = Schooljaar(2005)
SJ_2006 = Schooljaar(2006)
SJ_2007 = Schooljaar(2007)
SJ_2008 = Schooljaar(2008)

D = Decimal


@pytest.fixture
def regeling() -> Regeling:
    return standaard_regeling()


def _regeling() -> Regeling:
    """Voor Hypothesis-tests, die geen function-scoped fixtures mogen gebruiken."""
    return standaard_regeling()


fre = st.decimals(min_value=0, max_value=100_000, places=3, allow_nan=False, allow_infinity=False)


# --- het databestand -----------------------------------------------------------------------


@pytest.mark.bron(REC)
def test_rec_databestand_is_foutloos() -> None:
    assert controleer([DATA_MAP / "rec.toml"], standaard_bestanden()) == ()


@pytest.mark.bron(REC)
def test_rec_databestand_draagt_de_interpretaties(regeling: Regeling) -> None:
    for i in ("I-09", "I-10", "I-16", "I-22", "I-28"):
        interpretatie = regeling.interpretaties[i]
        assert interpretatie.bronnen, i
        assert all(b.startswith(("004", "000")) for b in interpretatie.bronnen)
    assert "0,65" in regeling.interpretaties["I-09"].vraag


# --- 1. REC-bekostiging --------------------------------------------------------------------


@pytest.mark.bron(REC)
def test_rec_bekostiging_indicatiestelling_vaste_voet_en_scholen(regeling: Regeling) -> None:
    b = rec_bekostiging(regeling, SJ_2003, leerlingen=1200, scholen=8)
    assert b.dossiers == D("690")  # 0,50 × 1200 × 1,15
    assert b.indicatiestelling == D("106950.00")  # 690 × 155
    assert b.vaste_voet == D("27200.00")
    assert b.scholenbedrag == D("72800.00")  # 8 × 9100
    assert b.totaal == D("206950.00")
    assert b.teldatum.isoformat() == "2002-10-01"


@pytest.mark.bron(REC)
def test_rec_bekostiging_telt_ambulant_begeleide_leerlingen_mee(regeling: Regeling) -> None:
    met = rec_bekostiging(regeling, SJ_2003, leerlingen=1000, ambulant_begeleid=200, scholen=8)
    totaal = rec_bekostiging(regeling, SJ_2003, leerlingen=1200, scholen=8)
    assert met.getelde_leerlingen == 1200
    assert met.totaal == totaal.totaal


@pytest.mark.bron(REC)
def test_rec_bekostiging_geldt_ook_in_2004_2005(regeling: Regeling) -> None:
    b = rec_bekostiging(regeling, SJ_2004, leerlingen=1200, scholen=8)
    assert b.totaal == D("206950.00")
    assert b.teldatum.isoformat() == "2002-10-01"


@pytest.mark.bron(REC)
def test_rec_bekostiging_rondt_alleen_het_eurobedrag_half_naar_boven(regeling: Regeling) -> None:
    b = rec_bekostiging(regeling, SJ_2003, leerlingen=1, scholen=1)
    assert b.dossiers == D("0.575")  # niet afgerond
    assert b.indicatiestelling == D("89.13")  # 89,125 half naar boven
    assert b.totaal == D("36389.13")
    tekst = b.uitleg.als_tekst()
    assert "ROUND_HALF_UP" in tekst
    assert "niet afgerond" in tekst


@pytest.mark.bron(REC)
def test_rec_bekostiging_toont_de_andere_lezing_van_de_opslag(regeling: Regeling) -> None:
    b = rec_bekostiging(regeling, SJ_2003, leerlingen=1200, scholen=8)
    assert b.dossiers_andere_lezing == D("780")  # 0,65 × 1200
    assert b.indicatiestelling_andere_lezing == D("120900.00")
    tekst = b.uitleg.als_tekst(regeling.interpretatietitels())
    assert "Andere lezing (I-09)" in tekst
    assert "€ 120.900,00" in tekst
    assert "I-09" in b.uitleg.interpretaties()
    assert "I-22" in b.uitleg.interpretaties()


@pytest.mark.bron(REC)
def test_rec_bekostiging_uitleg_noemt_regels_waarden_en_bron(regeling: Regeling) -> None:
    b = rec_bekostiging(regeling, SJ_2003, leerlingen=100, scholen=2)
    regels = [s.regel for s in b.uitleg.stappen]
    assert "rec.bekostiging.indicatiestelling" in regels
    assert regels[-1] == "rec.bekostiging.totaal"
    gelezen = {g.naam for s in b.uitleg.stappen for g in s.gelezen}
    assert gelezen == {
        "rec.teldatum",
        "rec.aandeel_leerlingen",
        "rec.opslag_niet_positief",
        "rec.bedrag_per_dossier",
        "rec.vaste_voet",
        "rec.bedrag_per_school",
    }
    assert all(b_.document == "004" for b_ in b.uitleg.bronnen())
    assert b.als_dict()["totaal"] == str(b.totaal)


@pytest.mark.bron(REC)
@pytest.mark.parametrize("schooljaar", [SJ_2002, SJ_2005, Schooljaar(2010)])
def test_rec_bekostiging_buiten_2003_2005_is_een_ontbrekende_bron(
    regeling: Regeling, schooljaar: Schooljaar
) -> None:
    with pytest.raises(OntbrekendeBron, match="I-22"):
        rec_bekostiging(regeling, schooljaar, leerlingen=100, scholen=2)


@pytest.mark.bron(REC)
@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"leerlingen": -1, "scholen": 2}, "leerlingen"),
        ({"leerlingen": 10, "scholen": 0}, "scholen"),
        ({"leerlingen": 10.0, "scholen": 2}, "leerlingen"),
        ({"leerlingen": True, "scholen": 2}, "leerlingen"),
        ({"leerlingen": 10, "scholen": 2, "ambulant_begeleid": -5}, "ambulant_begeleid"),
    ],
)
def test_rec_bekostiging_weigert_ongeldige_aantallen(
    regeling: Regeling, velden: dict[str, object], veld: str
) -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        rec_bekostiging(regeling, SJ_2003, **velden)  # type: ignore[arg-type]
    assert fout.value.veld == veld


def _verwacht_totaal(n: int, scholen: int) -> Decimal:
    exact = Fraction(1, 2) * n * Fraction(115, 100) * 155 + 27200 + 9100 * scholen
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        D("0.01"), rounding=ROUND_HALF_UP
    )


@pytest.mark.bron(REC)
@given(n=st.integers(0, 2_000_000), scholen=st.integers(1, 200))
def test_rec_bekostiging_is_exact(n: int, scholen: int) -> None:
    b = rec_bekostiging(_regeling(), SJ_2003, leerlingen=n, scholen=scholen)
    assert b.dossiers == Fraction(1, 2) * n * Fraction(115, 100)
    assert b.totaal == _verwacht_totaal(n, scholen)
    assert b.totaal == b.indicatiestelling + b.vaste_voet + b.scholenbedrag


@pytest.mark.bron(REC)
@given(n=st.integers(0, 1_000_000), extra=st.integers(0, 1000), scholen=st.integers(1, 50))
def test_rec_bekostiging_is_monotoon_in_leerlingen_en_scholen(
    n: int, extra: int, scholen: int
) -> None:
    r = _regeling()
    basis = rec_bekostiging(r, SJ_2004, leerlingen=n, scholen=scholen)
    meer = rec_bekostiging(r, SJ_2004, leerlingen=n + extra, scholen=scholen)
    meer_scholen = rec_bekostiging(r, SJ_2004, leerlingen=n, scholen=scholen + 1)
    assert meer.totaal >= basis.totaal
    assert meer_scholen.totaal - basis.totaal == D("9100")
    assert basis.dossiers_andere_lezing >= basis.dossiers


# --- 2. Formatiegarantie -------------------------------------------------------------------


def _scholen(*deltas: int, basis: int = 1000) -> list[SchoolFormatie]:
    return [SchoolFormatie(f"school {i}", D(basis), D(basis + d)) for i, d in enumerate(deltas, 1)]


@pytest.mark.bron(GARANTIE)
def test_formatiegarantie_voorbeeld_plussen_en_minnen_vallen_weg(regeling: Regeling) -> None:
    # 004, eerste voorbeeld: twee scholen groeien 100 fre, één daalt 200, de rest blijft gelijk.
    g = formatiegarantie(regeling, SJ_2004, _scholen(100, 100, -200, 0, 0))
    assert g.saldo == 0  # 2 × (+100) + 1 × (−200) = 0 (interpretatie I-10)
    assert g.garantie == 0
    assert not g.heeft_garantie
    assert "geen formatiegarantie" in g.uitleg.als_tekst()


@pytest.mark.bron(GARANTIE)
def test_formatiegarantie_voorbeeld_garantie_van_100_fre(regeling: Regeling) -> None:
    # 004, tweede voorbeeld: één school groeit 100 fre, twee scholen dalen 100 fre.
    g = formatiegarantie(regeling, SJ_2004, _scholen(100, -100, -100))
    assert g.saldo == D(-100)  # 1 × (+100) + 2 × (−100) = −100 (interpretatie I-10)
    assert g.garantie == D(100)
    assert [s.school for s in g.dalers] == ["school 2", "school 3"]
    assert [s.school for s in g.groeiers] == ["school 1"]
    assert g.verschillen == (("school 1", D(100)), ("school 2", D(-100)), ("school 3", D(-100)))
    assert set(g.uitleg.interpretaties()) >= {"I-10", "I-28"}
    assert g.basisjaar == SJ_2002


@pytest.mark.bron(GARANTIE)
def test_formatiegarantie_rekent_met_decimale_fre(regeling: Regeling) -> None:
    g = formatiegarantie(
        regeling,
        SJ_2003,
        [SchoolFormatie("A", D("120.35"), D("118.1")), SchoolFormatie("B", D("80"), D("81.2"))],
    )
    assert g.garantie == D("1.05")


@pytest.mark.bron(GARANTIE)
def test_formatiegarantie_geldt_alleen_in_de_jaren_die_004_uitwerkt(regeling: Regeling) -> None:
    # I-28: dezelfde lezing als de REC-bekostiging (I-22): 2003-2004 en 2004-2005.
    assert formatiegarantie(regeling, SJ_2003, _scholen(-1)).garantie == 1
    assert formatiegarantie(regeling, SJ_2004, _scholen(-1)).garantie == 1
    for later in (Schooljaar(2005), Schooljaar(2011), Schooljaar(2013)):
        with pytest.raises(OntbrekendeBron, match="I-28"):
            formatiegarantie(regeling, later, _scholen(-1))
    with pytest.raises(OntbrekendeBron):
        formatiegarantie(regeling, SJ_2002, _scholen(-1))


@pytest.mark.bron(GARANTIE)
@pytest.mark.bron("004, paragraaf 'Rec-bekostiging', aanhef")
def test_formatiegarantie_en_rec_bekostiging_gelden_in_dezelfde_schooljaren(
    regeling: Regeling,
) -> None:
    """Eén lezing voor de stilte van 004 na 2004-2005 (I-22, I-28): voor elk schooljaar
    van LGF rekenen beide regelingen, of weigeren ze allebei."""

    def rekent(bereken: Callable[[], object]) -> bool:
        try:
            bereken()
        except OntbrekendeBron:
            return False
        return True

    for beginjaar in range(2003, 2014):
        sj = Schooljaar(beginjaar)
        uitkomsten = [
            rekent(lambda sj=sj: formatiegarantie(regeling, sj, _scholen(-1))),
            rekent(lambda sj=sj: rec_bekostiging(regeling, sj, leerlingen=100, scholen=1)),
        ]
        assert uitkomsten[0] == uitkomsten[1], f"{sj}: {uitkomsten}"


@pytest.mark.bron(GARANTIE)
def test_formatiegarantie_weigert_ongeldige_invoer(regeling: Regeling) -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        formatiegarantie(regeling, SJ_2004, [])
    assert fout.value.veld == "scholen"
    with pytest.raises(OngeldigeInvoer) as fout:
        formatiegarantie(regeling, SJ_2004, [*_scholen(1), *_scholen(2)])
    assert fout.value.veld == "school"
    with pytest.raises(OngeldigeInvoer) as fout:
        SchoolFormatie("A", D(-1), D(0))
    assert fout.value.veld == "basis_fre"
    with pytest.raises(OngeldigeInvoer) as fout:
        SchoolFormatie("A", D(1), 2.5)  # type: ignore[arg-type]
    assert fout.value.veld == "huidig_fre"
    with pytest.raises(OngeldigeInvoer) as fout:
        SchoolFormatie(" ", D(1), D(1))
    assert fout.value.veld == "school"


@pytest.mark.bron(GARANTIE)
def test_formatiegarantie_toedeling_over_scholen(regeling: Regeling) -> None:
    g = formatiegarantie(regeling, SJ_2004, _scholen(100, -100, -100))
    t = verdeel_formatiegarantie(g, {"school 2": D("60.5"), "school 3": D("39.5")})
    assert t.per_school == (("school 2", D("60.5")), ("school 3", D("39.5")))
    assert t.uitleg.stappen[-1].regel == "rec.formatiegarantie.toedeling"
    assert t.als_dict()["toedeling"] == {"school 2": "60.5", "school 3": "39.5"}


@pytest.mark.bron(GARANTIE)
def test_formatiegarantie_zonder_garantie_valt_niets_toe_te_delen(regeling: Regeling) -> None:
    g = formatiegarantie(regeling, SJ_2004, _scholen(100, -50))
    assert verdeel_formatiegarantie(g, {}).per_school == ()
    with pytest.raises(OngeldigeInvoer) as fout:
        verdeel_formatiegarantie(g, {"school 2": D(1)})
    assert fout.value.veld == "toedeling"


@pytest.mark.bron(GARANTIE)
@pytest.mark.parametrize(
    ("toedeling", "veld"),
    [
        ([("school 2", D(50))], "toedeling"),  # te weinig
        ([("school 2", D(60)), ("school 3", D(41))], "toedeling"),  # te veel
        ([("school 9", D(100))], "toedeling.school"),  # geen school van het REC
        ([("school 2", D(120)), ("school 3", D(-20))], "toedeling[school 3]"),  # negatief
        ([("school 2", D(50)), ("school 2", D(50))], "toedeling.school"),  # dubbel
        ([("school 2", 100.0)], "toedeling[school 2]"),  # float
    ],
)
def test_formatiegarantie_toedeling_weigert(
    regeling: Regeling, toedeling: list[tuple[str, Decimal]], veld: str
) -> None:
    g = formatiegarantie(regeling, SJ_2004, _scholen(100, -100, -100))
    with pytest.raises(OngeldigeInvoer) as fout:
        verdeel_formatiegarantie(g, toedeling)
    assert fout.value.veld == veld


@pytest.mark.bron(GARANTIE)
def test_formatiegarantie_per_rec_in_bulk(regeling: Regeling) -> None:
    uit = formatiegarantie_per_rec(
        regeling, SJ_2004, {"REC Noord": _scholen(100, -100, -100), "REC Zuid": _scholen(5, -5)}
    )
    assert {naam: g.garantie for naam, g in uit.items()} == {"REC Noord": 100, "REC Zuid": 0}
    with pytest.raises(OngeldigeInvoer) as fout:
        formatiegarantie_per_rec(regeling, SJ_2004, [("REC Oost", [])])
    assert fout.value.veld == "rec REC Oost: scholen"


@pytest.mark.bron(GARANTIE)
@given(paren=st.lists(st.tuples(fre, fre), min_size=1, max_size=12), data=st.data())
def test_formatiegarantie_is_het_netto_tekort_en_nooit_negatief(
    paren: list[tuple[Decimal, Decimal]], data: st.DataObject
) -> None:
    scholen = [SchoolFormatie(f"s{i}", b, h) for i, (b, h) in enumerate(paren)]
    g = formatiegarantie(_regeling(), SJ_2004, scholen)
    tekort = sum((b for b, _ in paren), D(0)) - sum((h for _, h in paren), D(0))
    assert g.garantie >= 0
    assert g.garantie == max(D(0), tekort)
    assert g.saldo == sum((s.verschil for s in scholen), D(0))
    # de volgorde van de scholen doet er niet toe
    geschud = data.draw(st.permutations(scholen))
    assert formatiegarantie(_regeling(), SJ_2004, geschud).garantie == g.garantie


@pytest.mark.bron(GARANTIE)
@given(paren=st.lists(st.tuples(fre, fre), min_size=1, max_size=8), data=st.data())
def test_formatiegarantie_elke_exacte_toedeling_wordt_aanvaard(
    paren: list[tuple[Decimal, Decimal]], data: st.DataObject
) -> None:
    scholen = [SchoolFormatie(f"s{i}", b, h) for i, (b, h) in enumerate(paren)]
    g = formatiegarantie(_regeling(), SJ_2004, scholen)
    ontvangers = data.draw(st.lists(st.sampled_from(scholen), min_size=1, unique=True))
    delen = [data.draw(st.decimals(0, g.garantie, places=3)) for _ in ontvangers[:-1]]
    rest = g.garantie - sum(delen, D(0))
    if rest < 0:
        return
    toedeling = [(s.school, d) for s, d in zip(ontvangers, [*delen, rest], strict=True)]
    t = verdeel_formatiegarantie(g, toedeling)
    assert sum((d for _, d in t.per_school), D(0)) == g.garantie
    with pytest.raises(OngeldigeInvoer):
        verdeel_formatiegarantie(g, [*toedeling[:-1], (toedeling[-1][0], rest + D("0.001"))])


# --- 3. Overgang PAB -----------------------------------------------------------------------


@pytest.mark.bron(PAB)
@pytest.mark.parametrize(
    ("schooljaar", "huidig", "genormeerd", "richting", "formatie"),
    [
        (SJ_2005, "10.5", "8", Richting.DALER, "9.875"),  # 8 + 0,75 × 2,5
        (SJ_2005, "8", "10.5", Richting.GROEIER, "8.625"),  # 8 + 0,25 × 2,5
        (SJ_2006, "10.5", "8", Richting.DALER, "8.625"),  # 8 + 0,25 × 2,5
        (SJ_2006, "8", "10.5", Richting.GROEIER, "9.875"),  # 8 + 0,75 × 2,5
        (SJ_2007, "10.5", "8", Richting.DALER, "8"),  # genormeerd
        (SJ_2007, "8", "10.5", Richting.GROEIER, "10.5"),  # genormeerd
        (SJ_2005, "7", "7", Richting.GELIJK, "7"),
    ],
)
def test_pab_overgang_in_twee_stappen(
    regeling: Regeling,
    schooljaar: Schooljaar,
    huidig: str,
    genormeerd: str,
    richting: Richting,
    formatie: str,
) -> None:
    p = pab_formatie(regeling, schooljaar, huidig=D(huidig), genormeerd=D(genormeerd))
    assert p.richting is richting
    assert p.formatie == D(formatie)
    assert p.uitleg.stappen[0].regel == "rec.pab.overgang"
    assert "I-16" in p.uitleg.interpretaties()


@pytest.mark.bron(PAB)
def test_pab_daler_noemt_de_andere_lezing(regeling: Regeling) -> None:
    p = pab_formatie(
        regeling,
        SJ_2005,
        huidig=D("10.5"),
        genormeerd=D(8),
        school="De Linde",
        onderwijssoort=Onderwijssoort.ZML,
    )
    assert p.aandeel == D("0.75")
    tekst = p.uitleg.als_tekst()
    assert "Andere lezing (I-16)" in tekst
    assert "8,625" in tekst  # 10,5 − 0,75 × 2,5
    assert "De Linde" in tekst
    assert p.als_dict()["onderwijssoort"] == "zml"


@pytest.mark.bron(PAB)
@pytest.mark.parametrize("schooljaar", [SJ_2003, SJ_2004, SJ_2008])
@pytest.mark.parametrize(("huidig", "genormeerd"), [("10", "8"), ("8", "10"), ("9", "9")])
def test_pab_buiten_de_overgangsjaren_is_een_ontbrekende_bron(
    regeling: Regeling, schooljaar: Schooljaar, huidig: str, genormeerd: str
) -> None:
    with pytest.raises(OntbrekendeBron, match="I-16"):
        pab_formatie(regeling, schooljaar, huidig=D(huidig), genormeerd=D(genormeerd))


@pytest.mark.bron(PAB)
@pytest.mark.parametrize(
    ("huidig", "genormeerd", "veld"),
    [(D(-1), D(2), "huidig"), (D(1), 2.0, "genormeerd"), (D("NaN"), D(2), "huidig")],
)
def test_pab_weigert_ongeldige_formatie(
    regeling: Regeling, huidig: object, genormeerd: object, veld: str
) -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        pab_formatie(regeling, SJ_2005, huidig=huidig, genormeerd=genormeerd)  # type: ignore[arg-type]
    assert fout.value.veld == veld


@pytest.mark.bron(PAB)
@given(c=fre, n=fre)
def test_pab_formatie_ligt_tussen_huidig_en_genormeerd_en_nadert_de_norm(
    c: Decimal, n: Decimal
) -> None:
    r = _regeling()
    uitkomsten = [
        pab_formatie(r, sj, huidig=c, genormeerd=n).formatie for sj in (SJ_2005, SJ_2006, SJ_2007)
    ]
    for f in uitkomsten:
        assert min(c, n) <= f <= max(c, n)
    afstanden = [abs(f - n) for f in uitkomsten]
    assert afstanden[0] >= afstanden[1] >= afstanden[2] == 0


# --- 4. Residentiële plaatsen --------------------------------------------------------------


@pytest.mark.bron(RESIDENTIEEL)
def test_residentieel_voorbeeld_100_leerlingen_20_plaatsen(regeling: Regeling) -> None:
    r = verreken_residentiele_plaatsen(regeling, SJ_2003, leerlingen=100, plaatsen=20)
    assert r.verrekend
    assert (r.bekostigde_leerlingen, r.bekostigde_plaatsen) == (80, 20)
    assert r.bekostigd_totaal == 100
    assert r.uitleg.stappen[0].regel == "rec.residentieel.verrekening"
    assert "80 leerlingen en 20 plaatsen" in r.uitleg.als_tekst()


@pytest.mark.bron(RESIDENTIEEL)
def test_residentieel_meer_plaatsen_dan_leerlingen_wordt_geweigerd(regeling: Regeling) -> None:
    assert (
        verreken_residentiele_plaatsen(
            regeling, SJ_2003, leerlingen=20, plaatsen=20
        ).bekostigde_leerlingen
        == 0
    )
    with pytest.raises(OngeldigeInvoer, match="I-63") as fout:
        verreken_residentiele_plaatsen(regeling, SJ_2003, leerlingen=19, plaatsen=20)
    assert fout.value.veld == "plaatsen"
    with pytest.raises(OngeldigeInvoer) as fout:
        verreken_residentiele_plaatsen(regeling, SJ_2003, leerlingen=19, plaatsen=-1)
    assert fout.value.veld == "plaatsen"


@pytest.mark.bron(RESIDENTIEEL)
@pytest.mark.parametrize("schooljaar", [SJ_2002, SJ_2004, SJ_2008])
def test_residentieel_verrekening_alleen_in_het_startjaar(
    regeling: Regeling, schooljaar: Schooljaar
) -> None:
    with pytest.raises(OntbrekendeBron, match="startjaar 2003-2004"):
        verreken_residentiele_plaatsen(regeling, schooljaar, leerlingen=100, plaatsen=20)


@pytest.mark.bron(RESIDENTIEEL)
@given(leerlingen=st.integers(0, 10_000), data=st.data())
def test_residentieel_verrekening_houdt_het_totaal_gelijk(
    leerlingen: int, data: st.DataObject
) -> None:
    plaatsen = data.draw(st.integers(0, leerlingen))
    r = verreken_residentiele_plaatsen(
        _regeling(), SJ_2003, leerlingen=leerlingen, plaatsen=plaatsen
    )
    assert r.bekostigd_totaal == leerlingen
    assert r.bekostigde_leerlingen >= 0


def _volledig_verzoek(**anders: object) -> VerzoekResidentielePlaatsen:
    velden: dict[str, object] = {
        "school": "De Hoeve",
        "schooljaar": SJ_2003,
        "onderwijssoort_school": Onderwijssoort.CLUSTER4,
        "onderwijssoort": Onderwijssoort.CLUSTER4,
        "plaatsen": 20,
        "leerlingen_uit_instelling": tuple(
            (Schooljaar(j), 15 + j - 1998) for j in range(1998, 2003)
        ),
        "gemiddelde_verblijfsduur_maanden": D("14.5"),
        "plaatsen_instelling": 60,
        "naam_instelling": "Instelling De Beuk",
        "adres_instelling": "Laan 1, Ergens",
        "aard_opvang": "jeugdhulpverlening, residentieel",
        "afschrift_samenwerkingsafspraken": True,
    }
    velden.update(anders)
    return VerzoekResidentielePlaatsen(**velden)  # type: ignore[arg-type]


@pytest.mark.bron(RESIDENTIEEL)
def test_residentieel_volledig_verzoek_is_ontvankelijk() -> None:
    uit = beoordeel_verzoek_residentiele_plaatsen(_volledig_verzoek())
    assert uit.uitleg.stappen[0].regel == "rec.residentieel.verzoek"
    assert ontbrekende_onderdelen(uit.verzoek) == ()
    assert uit.verzoek.vorige_schooljaren == tuple(Schooljaar(j) for j in range(1998, 2003))


@pytest.mark.bron(RESIDENTIEEL)
def test_residentieel_verzoek_noemt_alle_ontbrekende_onderdelen_tegelijk() -> None:
    leeg = VerzoekResidentielePlaatsen(
        "De Hoeve", SJ_2003, Onderwijssoort.CLUSTER4, Onderwijssoort.CLUSTER4, naam_instelling=" "
    )
    with pytest.raises(OnvolledigVerzoek) as fout:
        beoordeel_verzoek_residentiele_plaatsen(leeg)
    assert fout.value.velden == tuple(veld for veld, _ in ONDERDELEN_VERZOEK)
    for veld, _ in ONDERDELEN_VERZOEK:
        assert veld in str(fout.value)
    assert "004" in str(fout.value)
    assert isinstance(fout.value, OngeldigeInvoer)


@pytest.mark.bron(RESIDENTIEEL)
def test_residentieel_verzoek_noemt_ontbrekende_schooljaren() -> None:
    verzoek = _volledig_verzoek(
        leerlingen_uit_instelling=((Schooljaar(1998), 3), (Schooljaar(2000), 4)),
        afschrift_samenwerkingsafspraken=False,
    )
    with pytest.raises(OnvolledigVerzoek) as fout:
        beoordeel_verzoek_residentiele_plaatsen(verzoek)
    assert fout.value.velden == (
        "leerlingen_uit_instelling[1999-2000]",
        "leerlingen_uit_instelling[2001-2002]",
        "leerlingen_uit_instelling[2002-2003]",
        "afschrift_samenwerkingsafspraken",
    )


@pytest.mark.bron(RESIDENTIEEL)
def test_residentieel_verzoek_alleen_voor_eigen_onderwijssoort() -> None:
    verzoek = _volledig_verzoek(onderwijssoort=Onderwijssoort.ZML)
    with pytest.raises(NietToegestaan) as fout:
        beoordeel_verzoek_residentiele_plaatsen(verzoek)
    assert fout.value.bron is not None
    assert fout.value.bron.startswith("004")
    assert "onderwijssoort" in fout.value.reden


@pytest.mark.bron(RESIDENTIEEL)
def test_residentieel_verzoek_niet_samen_met_verbrede_toelating() -> None:
    with pytest.raises(NietToegestaan) as fout:
        beoordeel_verzoek_residentiele_plaatsen(_volledig_verzoek(verbrede_toelating=True))
    assert "verbrede toelating" in fout.value.reden
    assert fout.value.bron == "004, paragraaf 'Residentiële plaatsen'"
    # beide weigergronden tegelijk, en vóór de volledigheid
    beide = VerzoekResidentielePlaatsen(
        "X", SJ_2003, Onderwijssoort.LG, Onderwijssoort.ZML, verbrede_toelating=True
    )
    with pytest.raises(NietToegestaan) as fout:
        beoordeel_verzoek_residentiele_plaatsen(beide)
    assert "verbrede toelating" in fout.value.reden
    assert "onderwijssoort" in fout.value.reden


@pytest.mark.bron(RESIDENTIEEL)
@pytest.mark.parametrize(
    ("anders", "veld"),
    [
        ({"plaatsen": 0}, "plaatsen"),
        ({"plaatsen_instelling": -1}, "plaatsen_instelling"),
        ({"gemiddelde_verblijfsduur_maanden": D(0)}, "gemiddelde_verblijfsduur_maanden"),
        (
            {
                "leerlingen_uit_instelling": (
                    *((Schooljaar(j), 1) for j in range(1998, 2003)),
                    (Schooljaar(1990), 2),
                )
            },
            "leerlingen_uit_instelling",
        ),
        (
            {
                "leerlingen_uit_instelling": (
                    *((Schooljaar(j), 1) for j in range(1998, 2002)),
                    (Schooljaar(2002), -3),
                )
            },
            "leerlingen_uit_instelling[2002-2003]",
        ),
    ],
)
def test_residentieel_verzoek_weigert_ongeldige_waarden(
    anders: dict[str, object], veld: str
) -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        beoordeel_verzoek_residentiele_plaatsen(_volledig_verzoek(**anders))
    assert fout.value.veld == veld


def test_geen_float_in_de_regelkern() -> None:
    """De regels rekenen met Decimal; een float in de bron zou afronding binnensmokkelen."""
    bron = (Path(__file__).parents[2] / "src/rugzak/regeling/regels/rec.py").read_text("utf-8")
    assert "float(" not in bron


# --- formatiegarantie uit verschillen (zoals 004 rekent) ----------------------------------------

_FRE = st.decimals(min_value=0, max_value=500, places=1, allow_nan=False, allow_infinity=False)


@pytest.mark.bron("004, 'Formatiegarantieregeling'")
@given(st.lists(st.tuples(_FRE, _FRE), min_size=1, max_size=8))
def test_garantie_uit_verschillen_is_gelijk_aan_garantie_uit_absolute_formatie(paren) -> None:
    from rugzak.regeling.regels.rec import (
        SchoolFormatie,
        SchoolVerschil,
        formatiegarantie,
        formatiegarantie_uit_verschillen,
    )
    from rugzak.regeling.tijd import Schooljaar

    regeling = standaard_regeling()
    sj = Schooljaar(2004)
    absoluut = formatiegarantie(
        regeling, sj, [SchoolFormatie(f"s{i}", b, h) for i, (b, h) in enumerate(paren)]
    )
    verschil = formatiegarantie_uit_verschillen(
        regeling, sj, [SchoolVerschil(f"s{i}", h - b) for i, (b, h) in enumerate(paren)]
    )
    assert verschil.garantie == absoluut.garantie
    assert verschil.saldo == absoluut.saldo
    assert verschil.basisjaar == absoluut.basisjaar


@pytest.mark.bron("004, 'Formatiegarantieregeling'")
def test_garantie_uit_verschillen_weigert_dubbele_school_en_geen_getal() -> None:
    from rugzak.regeling.regels.rec import SchoolVerschil, formatiegarantie_uit_verschillen
    from rugzak.regeling.tijd import Schooljaar

    with pytest.raises(OngeldigeInvoer, match="meer dan eens"):
        formatiegarantie_uit_verschillen(
            standaard_regeling(),
            Schooljaar(2004),
            [SchoolVerschil("A", Decimal(-1)), SchoolVerschil("A", Decimal(1))],
        )
    with pytest.raises(OngeldigeInvoer) as e:
        SchoolVerschil("A", 1.5)  # type: ignore[arg-type]
    assert e.value.veld == "verschil_fre"
