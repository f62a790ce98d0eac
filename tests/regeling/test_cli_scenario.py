"""``rugzak scenario`` en ``rugzak regeling valideer`` voor scenario's en eigen bronnen, via
:func:`rugzak.cli.main.main`; plus fuzztests: elk scenario- en populatiebestand eindigt
in exitcode 0, 1 of 2 met een Nederlandse melding die de plaats noemt, nooit in een
stacktrace."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rugzak.cli.main import main

VOORBEELDEN = Path(__file__).resolve().parents[2] / "voorbeelden"
AB_MIN_10 = VOORBEELDEN / "scenario-ab-10-procent-lager.toml"
POPULATIE = VOORBEELDEN / "populatie-voorbeeld.csv"
PUBLICATIE_2012 = VOORBEELDEN / "regeling-voorbeeldpublicatie-2012-2013.toml"


def _draai(*args: str | Path) -> tuple[int, str, str]:
    uit, fout = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(uit), contextlib.redirect_stderr(fout):
        code = main([str(a) for a in args])
    return code, uit.getvalue(), fout.getvalue()


def _scenario(*extra: str | Path, scenario: Path = AB_MIN_10, populatie: Path = POPULATIE):
    return _draai(
        "scenario",
        "--scenario",
        scenario,
        "--populatie",
        populatie,
        "--schooljaar",
        "2011-2012",
        *extra,
    )


def test_scenario_toont_de_tabellen_per_ontvanger_rec_en_soort_in_het_nederlands() -> None:
    code, uit, err = _scenario()
    assert code == 0 and not err
    for kop in (
        "Wat als: AB-deel 10 % lager",
        "Per soort ontvanger",
        "Per REC",
        "Per schoolsoort",
        "Per onderwijssoort",
        "Scholen met het meeste verlies",
        "Scholen met de meeste winst",
    ):
        assert kop in uit
    assert "-10,0 %" in uit and "REC-3-oost" in uit and "€ " in uit


def test_scenario_json_en_csv_geven_dezelfde_totalen(tmp_path: Path) -> None:
    doel = tmp_path / "vergelijking.csv"
    code, uit, _ = _scenario("--json", "--csv", doel)
    assert code == 0
    data = json.loads(uit)
    assert set(data) >= {"totaal", "per_ontvanger", "per_rec", "per_school", "per_leerling"}
    with doel.open(encoding="utf-8") as f:
        rijen = list(csv.DictReader(f))
    (totaal,) = [r for r in rijen if r["indeling"] == "totaal"]
    assert totaal["basis"] == data["totaal"]["basis"]
    assert totaal["verschil"] == data["totaal"]["verschil"]
    assert {r["sleutel"] for r in rijen if r["indeling"] == "rec"} == {
        t["sleutel"] for t in data["per_rec"]
    }


def test_scenario_leerling_toont_beide_uitleggen_naast_elkaar() -> None:
    code, uit, _ = _scenario("--leerling", "P006")
    assert code == 0
    assert "=== Basisregeling ===" in uit and "=== Scenario 'AB-deel 10 % lager' ===" in uit
    assert "bulkpad: gelijk aan het pad voor één leerling" in uit
    assert "scenario 'AB-deel 10 % lager (voorbeeldscenario)'" in uit  # bron in de uitleg
    assert "interpretatie I-77" in uit
    code, uit, _ = _scenario("--leerling", "P006", "--json")
    d = json.loads(uit)
    assert d["bulk"]["gelijk_aan_een_voor_een"] is True and d["per_deel"]


def test_scenario_csv_en_leerling_samen_is_een_fout(tmp_path: Path) -> None:
    code, _, err = _scenario("--leerling", "P001", "--csv", tmp_path / "x.csv")
    assert code == 2 and "--csv" in err and not (tmp_path / "x.csv").exists()


def test_scenario_onbekende_leerling_en_schooljaar_zonder_rijen_noemen_veld() -> None:
    code, _, err = _scenario("--leerling", "Q999")
    assert code == 2 and "veld 'leerling'" in err and "P001" in err
    code, _, err = _draai(
        "scenario", "--scenario", AB_MIN_10, "--populatie", POPULATIE, "--schooljaar", "2010-2011"
    )
    assert code == 2 and "veld 'schooljaar'" in err and "toegestaan: 2011-2012" in err


def test_scenario_met_fouten_meldt_alles_en_rekent_niets(tmp_path: Path) -> None:
    pad = tmp_path / "s.toml"
    pad.write_text(
        AB_MIN_10.read_text(encoding="utf-8")
        .replace('factor = "0.90"', 'factor = "negen tiende"', 1)
        .replace('afronding = "half_omhoog"', 'afronding = "ongeveer"', 1),
        encoding="utf-8",
    )
    doel = tmp_path / "uit.csv"
    code, uit, err = _scenario("--csv", doel, scenario=pad)
    assert code == 2 and not uit and not doel.exists()
    assert "aanpassing 1 (lgf.bedrag): 'factor'" in err
    assert "aanpassing 1 (lgf.bedrag): 'afronding' = 'ongeveer'" in err


def test_populatie_met_fouten_noemt_rijnummers_en_velden(tmp_path: Path) -> None:
    regels = POPULATIE.read_text(encoding="utf-8").splitlines()
    regels[2] = regels[2].replace(",bao,zml,3,", ",bao,zml,11,")
    regels[4] = regels[4].replace("2011-06-01", "1-6-2011", 1)
    pad = tmp_path / "p.csv"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    code, uit, err = _scenario(populatie=pad)
    assert code == 2 and not uit
    assert "rij 3, veld 'groep'" in err and "rij 5, veld 'meldingsdatum'" in err


def test_valideer_een_scenario_en_een_publicatie(tmp_path: Path) -> None:
    code, uit, _ = _draai("regeling", "valideer", AB_MIN_10, PUBLICATIE_2012)
    assert code == 0 and "In orde" in uit
    kapot = tmp_path / "k.toml"
    kapot.write_text(
        PUBLICATIE_2012.read_text(encoding="utf-8").replace(
            'kenmerk = "Stcrt. 2012, 1"', 'kenmerk = "staatscourant"'
        ),
        encoding="utf-8",
    )
    code, uit, _ = _draai("regeling", "valideer", kapot)
    assert code == 1 and "bron 1 (voorbeeld-stcrt-2012): kenmerk 'staatscourant'" in uit


def test_help_beschrijft_het_populatieformaat() -> None:
    uit = io.StringIO()
    with contextlib.redirect_stdout(uit), contextlib.suppress(SystemExit):
        main(["scenario", "--help"])
    tekst = uit.getvalue()
    for kolom in ("leerling", "via_verhuizing", "opvolger_melding", "terugplaatsing_groep2"):
        assert kolom in tekst
    assert "half_omhoog" in tekst and "I-79" in tekst


# --- fuzz: nooit een stacktrace --------------------------------------------------------

TOML_WAARDEN = st.sampled_from(
    [
        '""',
        '"x"',
        '"0.90"',
        '"-1"',
        '"1e5"',
        '"99999999999999999999999"',
        "0",
        "-3",
        "99999999999999999999",
        "1.5",
        "true",
        "2011-08-01",
        "9999-12-31",
        "0001-01-01",
        "2011-08-01T10:00:00",
        "[]",
        '["ab_personeel", 3]',
        "{}",
        '{ deel = "ab_personeel" }',
        '{ deel = ["ab_personeel", "vlinder"] }',
        '{ onzin = "x" }',
        '"lgf.bedrag"',
        '"lgf.minimumleeftijd"',
        '"half_even"',
        '"scenario"',
        '"Stcrt. 2012, 5"',
        '"wat-als-ab-min-10"',
        '"001"',
    ]
)
SCENARIOTEKST = AB_MIN_10.read_text(encoding="utf-8")
SCENARIOREGELS = [i for i, r in enumerate(SCENARIOTEKST.splitlines()) if " = " in r]


@st.composite
def scenariobestanden(draw: st.DrawFn) -> str:
    """Het voorbeeldscenario met willekeurige waarden, weggelaten regels of rommel."""
    soort = draw(st.sampled_from(["waarden", "weglaten", "rommel"]))
    regels = SCENARIOTEKST.splitlines()
    if soort == "rommel":
        return draw(st.text(max_size=300))
    gekozen = draw(st.lists(st.sampled_from(SCENARIOREGELS), min_size=1, max_size=4, unique=True))
    for i in gekozen:
        if soort == "weglaten":
            regels[i] = ""
        else:
            sleutel = regels[i].split(" = ", 1)[0]
            regels[i] = f"{sleutel} = {draw(TOML_WAARDEN)}"
    if draw(st.booleans()):
        regels.append(draw(st.sampled_from(["[[vervalt]]", "[[waarde]]", "[[bron]]", "[[tabel]]"])))
        regels.append(f"naam = {draw(TOML_WAARDEN)}")
        regels.append(f"peildatum = {draw(TOML_WAARDEN)}")
        regels.append(f"sleutel = {draw(TOML_WAARDEN)}")
    return "\n".join(regels) + "\n"


POPULATIETEKST = POPULATIE.read_text(encoding="utf-8")
CELWAARDEN = st.sampled_from(
    [
        "",
        "x",
        "ja",
        "nee",
        "JA",
        "0",
        "9",
        "3",
        "bao",
        "vo",
        "so",
        "zml",
        "cl4",
        "blind",
        "pro_lwoo",
        "bbl",
        "vak",
        "2011-2012",
        "2012-2013",
        "1999-2000",
        "2011-08-01",
        "2012-02-29",
        "2012-02-30",
        "1899-12-31",
        "2100-01-01",
        "9999-12-31",
        "0001-01-01",
        "20110801",
        "2011-08-01T00:00",
        '"a,b"',
        "P001",
        "P006",
    ]
)


@st.composite
def populatiebestanden(draw: st.DrawFn) -> str:
    soort = draw(st.sampled_from(["cellen", "rommel", "kop"]))
    if soort == "rommel":
        return draw(st.text(max_size=300))
    regels = POPULATIETEKST.splitlines()
    if soort == "kop":
        kolommen = regels[0].split(",")
        weg = draw(st.sampled_from(kolommen))
        regels[0] = ",".join(
            k if k != weg else draw(st.sampled_from(["", "kleur", k])) for k in kolommen
        )
        return "\n".join(regels) + "\n"
    for _ in range(draw(st.integers(1, 6))):
        r = draw(st.integers(1, len(regels) - 1))
        cellen = regels[r].split(",")
        c = draw(st.integers(0, len(cellen) - 1))
        cellen[c] = draw(CELWAARDEN)
        regels[r] = ",".join(cellen)
    if draw(st.booleans()):
        regels.append(draw(st.sampled_from(["", ",,,", "P011," + "x," * 30])))
    return "\n".join(regels) + "\n"


def _controleer_uitkomst(code: int, err: str) -> None:
    assert code in (0, 1, 2)
    assert "Traceback" not in err
    if code == 2:
        assert err.startswith("rugzak: fout: ")


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(scenariobestanden(), st.booleans())
def test_elk_scenariobestand_eindigt_in_0_1_of_2_zonder_stacktrace(
    tekst: str, leerling: bool
) -> None:
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "s.toml"
        pad.write_text(tekst, encoding="utf-8")
        extra = ("--leerling", "P002") if leerling else ()
        code, _, err = _scenario(*extra, scenario=pad)
        _controleer_uitkomst(code, err)
        if code == 2 and "probleem" in err:
            assert "s.toml: " in err  # de melding noemt bestand en plaats
        code, _, err = _draai("regeling", "valideer", pad)
        _controleer_uitkomst(code, err)


@FUZZ
@given(populatiebestanden(), st.sampled_from([None, "P001", "P006", "P010"]))
def test_elk_populatiebestand_eindigt_in_0_1_of_2_zonder_stacktrace(
    tekst: str, leerling: str | None
) -> None:
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "p.csv"
        pad.write_text(tekst, encoding="utf-8")
        extra = ("--leerling", leerling) if leerling else ()
        code, _, err = _scenario(*extra, populatie=pad)
        _controleer_uitkomst(code, err)
        if code == 2 and "p.csv" in err:
            assert "rij " in err and "veld '" in err


def test_een_scenario_als_regeling_wordt_geweigerd_met_de_juiste_opdracht() -> None:
    code, uit, err = _draai(
        "budget", "--regeling", AB_MIN_10, "--schooljaar", "2011-2012",
        "--schoolsoort", "bao", "--onderwijssoort", "doof", "--groep", "4",
    )  # fmt: skip
    assert code == 2 and not uit
    assert "wat-als-scenario" in err and "rugzak scenario --scenario" in err


def test_de_vergelijking_noemt_de_interpretaties_die_meetelden() -> None:
    code, uit, _ = _scenario()
    assert code == 0
    assert "interpretatie I-76: " in uit and "interpretatie I-77: " in uit
    assert "interpretatie I-79: " in uit and "I-78" not in uit
