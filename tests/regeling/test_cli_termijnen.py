"""Tests voor ``rugzak termijnen`` via het echte hoofdprogramma."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Sequence

import pytest

from rugzak.cli import main as hoofd

Start = Callable[[Sequence[str]], int]


@pytest.fixture
def rugzak(monkeypatch: pytest.MonkeyPatch) -> Start:
    """``rugzak.cli.main.main``; ontbreekt een andere subopdracht nog, dan alleen de onze."""
    if any(importlib.util.find_spec(naam) is None for naam in hoofd.SUBOPDRACHTEN):
        monkeypatch.setattr(hoofd, "SUBOPDRACHTEN", ("rugzak.cli.termijnen",))
    return hoofd.main


def test_termijnen_staat_in_de_subopdrachten() -> None:
    assert "rugzak.cli.termijnen" in hoofd.SUBOPDRACHTEN


@pytest.mark.bron("002, fase 13")
def test_cli_handelingsplan_toont_datum_grondslag_en_uitleg(
    rugzak: Start, capsys: pytest.CaptureFixture[str]
) -> None:
    assert rugzak(["termijnen", "handelingsplan", "--plaatsing", "2012-01-31"]) == 0
    uit = capsys.readouterr().out
    assert "uiterlijk woensdag 29 februari 2012 (2012-02-29)" in uit
    assert "grondslag: 002, fase 13 (toelichting toelatingsprotocol)" in uit
    assert "Waarom: uiterste datum handelingsplan" in uit
    assert "interpretatie I-12: " in uit


@pytest.mark.bron("000, 'Aanvragen van het rugzakje'")
def test_cli_cvi_met_verlenging_en_status_als_json(
    rugzak: Start, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["termijnen", "cvi", "--volledig", "2011-09-01", "--verlengingen", "1"]
    assert rugzak([*argv, "--vandaag", "2011-12-15", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["uiterlijk"] == "2011-12-22"
    assert data["status"] == "bijna verlopen"
    assert data["grondslag"][0]["document"] == "000"
    assert [s["regel"] for s in data["uitleg"]["stappen"]] == [
        "termijn.cvi_beslissing",
        "termijn.cvi_verlenging",
    ]


@pytest.mark.bron("000, 'Aanvragen van het rugzakje'")
def test_cli_cvi_tweede_verlenging_geweigerd(
    rugzak: Start, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["termijnen", "cvi", "--volledig", "2011-09-01", "--verlengingen", "2"]
    assert rugzak(argv) != 0
    fout = capsys.readouterr().err
    assert "hoogstens 1 keer" in fout
    assert "000, paragraaf 'Aanvragen van het rugzakje'" in fout


@pytest.mark.bron("002, fase 11 traject b")
def test_cli_weigering_acht_weken_na_aanmelding(
    rugzak: Start, capsys: pytest.CaptureFixture[str]
) -> None:
    assert rugzak(["termijnen", "weigering", "--aanmelding", "2011-09-05"]) == 0
    uit = capsys.readouterr().out
    assert "(2011-10-31)" in uit
    assert "interpretatie I-20" in uit


@pytest.mark.bron("002, bijlage 2")
def test_cli_evaluaties_van_een_schooljaar(
    rugzak: Start, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["termijnen", "evaluaties", "--schooljaar", "2011-2012", "--vandaag", "2012-05-20"]
    assert rugzak([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schooljaar"] == "2011-2012"
    assert [(t["uiterlijk"], t["status"]) for t in data["termijnen"]] == [
        ("2011-10-31", "verlopen"),
        ("2012-01-31", "verlopen"),
        ("2012-05-31", "bijna verlopen"),
        ("2012-07-31", "lopend"),
    ]


@pytest.mark.bron("004, 'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'")
def test_cli_terugmelding_te_laat_voldaan(
    rugzak: Start, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["termijnen", "terugmelding", "--uitschrijving", "2012-07-01"]
    assert rugzak([*argv, "--vandaag", "2012-08-15", "--voldaan", "2012-08-02"]) == 0
    uit = capsys.readouterr().out
    assert "(2012-07-31)" in uit
    assert "status op 2012-08-15: te laat voldaan, voldaan op 2012-08-02" in uit


@pytest.mark.bron("002, 'Uitgangspunten', laatste punt")
def test_cli_gastleerling_met_verlenging(rugzak: Start, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["termijnen", "gastleerling", "--begin", "2011-09-05", "--einde", "2012-03-05"]
    assert rugzak([*argv, "--verlengd-tot", "2012-09-05"]) == 0
    assert "(2012-09-05)" in capsys.readouterr().out


@pytest.mark.bron("002, 'Uitgangspunten', laatste punt")
def test_cli_gastleerling_zonder_einde_toont_het_toegestane_einde(
    rugzak: Start, capsys: pytest.CaptureFixture[str]
) -> None:
    assert rugzak(["termijnen", "gastleerling", "--begin", "2011-09-05"]) == 0
    uit = capsys.readouterr().out
    assert "Toegestaan einde: van maandag 12 september 2011 t/m maandag 5 maart 2012" in uit
    assert "met verlenging uiterlijk: woensdag 5 september 2012" in uit
    assert rugzak(["termijnen", "gastleerling", "--begin", "2011-09-05", "--json"]) == 0
    grenzen = json.loads(capsys.readouterr().out)["grenzen"]
    assert grenzen["laatste_einde"] == "2012-03-05"
    assert grenzen["laatste_einde_verlengd"] == "2012-09-05"


@pytest.mark.bron("002, 'Uitgangspunten', laatste punt")
def test_cli_gastleerling_met_einde_toont_ook_het_laatste_toegestane_einde(
    rugzak: Start, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["termijnen", "gastleerling", "--begin", "2011-09-05", "--einde", "2011-12-01"]
    assert rugzak(argv) == 0
    assert "t/m maandag 5 maart 2012" in capsys.readouterr().out


@pytest.mark.bron("002, 'Uitgangspunten', laatste punt")
def test_cli_gastleerling_te_lang_noemt_het_veld(
    rugzak: Start, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["termijnen", "gastleerling", "--begin", "2011-09-05", "--einde", "2012-04-01"]
    assert rugzak(argv) != 0
    uitvoer = capsys.readouterr()
    assert uitvoer.out == ""
    assert "veld 'einde'" in uitvoer.err
    assert "toegestaan: 2011-09-12 t/m 2012-03-05" in uitvoer.err


@pytest.mark.bron("004, 'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'")
def test_cli_voldaan_zonder_vandaag_geweigerd(
    rugzak: Start, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["termijnen", "terugmelding", "--uitschrijving", "2012-07-01", "--voldaan", "2012-07-02"]
    assert rugzak(argv) != 0
    assert "--voldaan vraagt ook --vandaag" in capsys.readouterr().err


@pytest.mark.bron("000, 'Geen leerlinggebonden financiering (rugzakje) meer'")
def test_cli_datum_na_lgf_heeft_geen_bron(
    rugzak: Start, capsys: pytest.CaptureFixture[str]
) -> None:
    assert rugzak(["termijnen", "handelingsplan", "--plaatsing", "2014-09-01"]) != 0
    assert "de bronnen geven geen waarde voor termijn.handelingsplan" in capsys.readouterr().err


@pytest.mark.bron("002, bijlage 2")
@pytest.mark.parametrize(
    ("argv", "melding"),
    [
        (["termijnen", "handelingsplan", "--plaatsing", "31-01-2012"], "JJJJ-MM-DD"),
        (["termijnen", "evaluaties", "--schooljaar", "2011-2013"], "schooljaar"),
    ],
)
def test_cli_onleesbare_invoer_stopt_met_melding(
    rugzak: Start, capsys: pytest.CaptureFixture[str], argv: list[str], melding: str
) -> None:
    assert rugzak(argv) == 2
    assert melding in capsys.readouterr().err
