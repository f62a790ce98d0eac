"""Tests voor ``rugzak rec`` via :func:`rugzak.cli.main.main`."""

from __future__ import annotations

import importlib
import io
import json
from pathlib import Path

import pytest

from rugzak.cli import main as cli_main

REC = "004, 'Rec-bekostiging'"
GARANTIE = "004, 'Formatiegarantieregeling'"
PAB = "004, 'Ambulante begeleiding (AB) en preventieve ambulante begeleiding (PAB)'"
RESIDENTIEEL = "004, 'Residentiële plaatsen'"


@pytest.fixture(autouse=True)
def alleen_rec(monkeypatch: pytest.MonkeyPatch) -> None:
    """Registreer alleen ``rugzak.cli.rec``, zodat deze tests niet afhangen van de andere
    subopdrachten; ``test_rec_in_de_volledige_cli`` test de echte lijst."""
    monkeypatch.setattr(cli_main, "SUBOPDRACHTEN", ("rugzak.cli.rec",))


def _draai(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli_main.main(list(argv))
    uit = capsys.readouterr()
    return code, uit.out, uit.err


def _argparse_fout(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli_main.main(list(argv)) == 2
    err = capsys.readouterr().err
    assert err.startswith("rugzak: fout: ")
    return err


# --- bekostiging ---------------------------------------------------------------------------


@pytest.mark.bron(REC)
def test_cli_rec_bekostiging(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _draai(
        capsys, "rec", "bekostiging", "--schooljaar", "2003-2004", "--leerlingen", "1200",
        "--scholen", "8",
    )  # fmt: skip
    assert code == 0
    assert "totaal: € 206.950,00" in uit
    assert "indicatiestelling: € 106.950,00" in uit
    assert "Waarom: REC-bekostiging 2003-2004" in uit
    assert "interpretatie I-09: REC-bekostiging: de 15 % is een opslag" in uit
    assert "andere lezing (I-09, niet gekozen): 780 dossiers" in uit


@pytest.mark.bron(REC)
def test_cli_rec_bekostiging_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _draai(
        capsys, "rec", "bekostiging", "--schooljaar", "2004-2005", "--leerlingen", "1000",
        "--ambulant-begeleid", "200", "--scholen", "8", "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(uit)
    assert data["totaal"] == "206950.00"
    assert data["getelde_leerlingen"] == 1200
    assert data["andere_lezing"]["interpretatie"] == "I-09"
    assert [s["regel"] for s in data["uitleg"]["stappen"]][-1] == "rec.bekostiging.totaal"


@pytest.mark.bron(REC)
def test_cli_rec_bekostiging_buiten_de_bronnen(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, err = _draai(
        capsys, "rec", "bekostiging", "--schooljaar", "2005-2006", "--leerlingen", "1",
        "--scholen", "1",
    )  # fmt: skip
    assert code != 0
    assert uit == ""
    assert "rugzak: fout:" in err
    assert "2005-2006" in err
    assert "I-22" in err


@pytest.mark.bron(REC)
def test_cli_rec_bekostiging_ongeldige_invoer(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _draai(
        capsys, "rec", "bekostiging", "--schooljaar", "2003-2004", "--leerlingen", "-5",
        "--scholen", "8",
    )  # fmt: skip
    assert code != 0
    assert "'leerlingen'" in err
    err = _argparse_fout(
        capsys, "rec", "bekostiging", "--schooljaar", "2003-2004", "--leerlingen", "veel",
        "--scholen", "8",
    )  # fmt: skip
    assert "--leerlingen" in err
    err = _argparse_fout(
        capsys, "rec", "bekostiging", "--schooljaar", "2003", "--leerlingen", "1", "--scholen", "8"
    )
    assert "--schooljaar" in err


# --- formatiegarantie ----------------------------------------------------------------------


@pytest.mark.bron(GARANTIE)
def test_cli_rec_formatiegarantie_uit_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bestand = tmp_path / "formatie.csv"
    bestand.write_text(
        "school,basis_fre,huidig_fre\nA,1000,1100\nB,1000,900\nC,1000,900\n", encoding="utf-8"
    )
    code, uit, _ = _draai(capsys, "rec", "formatiegarantie", "--schooljaar", "2004-2005",
                          str(bestand))  # fmt: skip
    assert code == 0
    assert "Formatiegarantie: 100 fre" in uit
    assert "interpretatie I-10" in uit


@pytest.mark.bron(GARANTIE)
def test_cli_rec_formatiegarantie_puntkomma_en_decimale_komma(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bestand = tmp_path / "formatie.csv"
    bestand.write_text("school;basis_fre;huidig_fre\nA;10,5;10\nB;3;3,25\n", encoding="utf-8")
    code, uit, _ = _draai(
        capsys, "rec", "formatiegarantie", "--schooljaar", "2003-2004", str(bestand), "--json"
    )
    assert code == 0
    assert json.loads(uit)["garantie_fre"] == "0.25"


@pytest.mark.bron(GARANTIE)
def test_cli_rec_formatiegarantie_met_school_opties_en_toedeling(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, uit, _ = _draai(
        capsys, "rec", "formatiegarantie", "--schooljaar", "2004-2005",
        "--school", "A:1000:1100", "--school", "B:1000:900", "--school", "C:1000:900",
        "--toedeling", "B:60", "--toedeling", "C:40", "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(uit)
    assert data["garantie_fre"] == "100"
    assert data["toedeling"] == {"B": "60", "C": "40"}
    assert data["uitleg"]["stappen"][-1]["regel"] == "rec.formatiegarantie.toedeling"


@pytest.mark.bron(GARANTIE)
def test_cli_rec_formatiegarantie_geen_garantie(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _draai(
        capsys, "rec", "formatiegarantie", "--schooljaar", "2004-2005",
        "--school", "A:100:200", "--school", "B:100:200", "--school", "C:300:100",
    )  # fmt: skip
    assert code == 0
    assert "Geen formatiegarantie" in uit


@pytest.mark.bron(GARANTIE)
def test_cli_rec_formatiegarantie_foute_toedeling(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _draai(
        capsys, "rec", "formatiegarantie", "--schooljaar", "2004-2005",
        "--school", "A:1000:1100", "--school", "B:1000:800", "--toedeling", "B:50",
    )  # fmt: skip
    assert code != 0
    assert "'toedeling'" in err


@pytest.mark.bron(GARANTIE)
@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [
        ("school,basis_fre\nA,1\n", "huidig_fre"),
        ("school,basis_fre,huidig_fre\nA,1,twee\n", "regel 2, kolom 'huidig_fre'"),
        ("school,basis_fre,huidig_fre\nA,1,2\n,3,4\n", "regel 3, kolom 'school'"),
        ("school,basis_fre,huidig_fre\nA,-1,2\n", "'basis_fre'"),
        ("", "leeg"),
    ],
)
def test_cli_rec_formatiegarantie_foute_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, inhoud: str, verwacht: str
) -> None:
    bestand = tmp_path / "formatie.csv"
    bestand.write_text(inhoud, encoding="utf-8")
    code, uit, err = _draai(
        capsys, "rec", "formatiegarantie", "--schooljaar", "2004-2005", str(bestand)
    )
    assert code != 0
    assert uit == ""
    assert verwacht in err


@pytest.mark.bron(GARANTIE)
def test_cli_rec_formatiegarantie_zonder_scholen_of_bestand(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = _draai(capsys, "rec", "formatiegarantie", "--schooljaar", "2004-2005")
    assert code != 0
    assert "--school" in err
    code, _, err = _draai(
        capsys, "rec", "formatiegarantie", "--schooljaar", "2004-2005", str(tmp_path / "weg.csv")
    )
    assert code != 0
    assert "BESTAND" in err
    err = _argparse_fout(
        capsys, "rec", "formatiegarantie", "--schooljaar", "2004-2005", "--school", "A:1"
    )
    assert "--school" in err


@pytest.mark.bron(GARANTIE)
def test_cli_rec_formatiegarantie_van_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("school,basis_fre,huidig_fre\nA,5,4\n"))
    code, uit, _ = _draai(capsys, "rec", "formatiegarantie", "--schooljaar", "2004-2005", "-")
    assert code == 0
    assert "Formatiegarantie: 1 fre" in uit


# --- PAB -----------------------------------------------------------------------------------


@pytest.mark.bron(PAB)
def test_cli_rec_pab(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _draai(
        capsys, "rec", "pab", "--schooljaar", "2005-2006", "--huidig", "10.5", "--genormeerd", "8",
        "--school", "De Linde", "--onderwijssoort", "zml",
    )  # fmt: skip
    assert code == 0
    assert "formatie: 9,875 fre" in uit
    assert "richting: daler" in uit
    assert "interpretatie I-16" in uit


@pytest.mark.bron(PAB)
def test_cli_rec_pab_json_met_decimale_komma(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _draai(
        capsys, "rec", "pab", "--schooljaar", "2006-2007", "--huidig", "8",
        "--genormeerd", "10,5", "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(uit)
    assert data["formatie_fre"] == "9.875"
    assert data["richting"] == "groeier"


@pytest.mark.bron(PAB)
def test_cli_rec_pab_fouten(capsys: pytest.CaptureFixture[str]) -> None:
    err = _argparse_fout(
        capsys, "rec", "pab", "--schooljaar", "2005-2006", "--huidig", "x", "--genormeerd", "8"
    )
    assert "--huidig" in err
    code, _, err = _draai(
        capsys, "rec", "pab", "--schooljaar", "2005-2006", "--huidig", "-1", "--genormeerd", "8"
    )
    assert code != 0
    assert "'huidig'" in err
    code, _, err = _draai(
        capsys, "rec", "pab", "--schooljaar", "2008-2009", "--huidig", "1", "--genormeerd", "8"
    )
    assert code != 0
    assert "2008-2009" in err


# --- residentieel --------------------------------------------------------------------------


@pytest.mark.bron(RESIDENTIEEL)
def test_cli_rec_residentieel(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _draai(
        capsys, "rec", "residentieel", "--schooljaar", "2003-2004", "--leerlingen", "100",
        "--plaatsen", "20",
    )  # fmt: skip
    assert code == 0
    assert "bekostigd voor 80 leerlingen en 20 plaatsen" in uit
    assert "Residentiële plaatsen" in uit


@pytest.mark.bron(RESIDENTIEEL)
def test_cli_rec_residentieel_te_veel_plaatsen(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, err = _draai(
        capsys, "rec", "residentieel", "--schooljaar", "2003-2004", "--leerlingen", "10",
        "--plaatsen", "20", "--json",
    )  # fmt: skip
    assert code != 0
    assert uit == ""
    assert "'plaatsen'" in err


@pytest.mark.bron(RESIDENTIEEL)
def test_cli_rec_residentieel_na_het_startjaar(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _draai(
        capsys, "rec", "residentieel", "--schooljaar", "2004-2005", "--leerlingen", "10",
        "--plaatsen", "2",
    )  # fmt: skip
    assert code != 0
    assert "startjaar 2003-2004" in err


# --- de volledige CLI ----------------------------------------------------------------------


def test_rec_in_de_volledige_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.undo()
    ontbrekend = []
    for naam in cli_main.SUBOPDRACHTEN:
        try:
            importlib.import_module(naam)
        except ModuleNotFoundError:
            ontbrekend.append(naam)
    if ontbrekend:
        pytest.skip(f"nog niet aanwezig: {', '.join(ontbrekend)}")
    code, uit, _ = _draai(
        capsys, "rec", "residentieel", "--schooljaar", "2003-2004", "--leerlingen", "100",
        "--plaatsen", "20",
    )  # fmt: skip
    assert code == 0
    assert "80 leerlingen" in uit


@pytest.mark.bron(GARANTIE)
def test_formatiegarantie_met_verschillen_zoals_004_rekent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    basis = ["rec", "formatiegarantie", "--schooljaar", "2004-2005", "--json"]
    code, uit, err = _draai(
        capsys, *basis, "--verschil", "De Linde:-2.5", "--verschil", "Het Anker:+1"
    )
    assert code == 0, err
    verschil = json.loads(uit)
    code, uit, _ = _draai(
        capsys, *basis, "--school", "De Linde:100:97.5", "--school", "Het Anker:50:51"
    )
    absoluut = json.loads(uit)
    assert verschil["garantie_fre"] == absoluut["garantie_fre"] == "1.5"
    assert verschil["saldo_fre"] == absoluut["saldo_fre"] == "-1.5"


@pytest.mark.bron(GARANTIE)
def test_formatiegarantie_csv_met_verschilkolom_en_toedeling(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("school;verschil_fre\nA;-3,5\nB;+1\n"))
    code, uit, err = _draai(
        capsys, "rec", "formatiegarantie", "--schooljaar", "2004-2005", "-", "--toedeling", "A:2.5"
    )
    assert code == 0, err
    assert "saldo         -2,5" in uit
    assert "Formatiegarantie: 2,5 fre" in uit


@pytest.mark.bron(GARANTIE)
def test_formatiegarantie_niet_verschil_en_absoluut_door_elkaar(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = _draai(
        capsys,
        "rec",
        "formatiegarantie",
        "--schooljaar",
        "2004-2005",
        "--verschil",
        "A:-1",
        "--school",
        "B:10:9",
    )
    assert code == 2
    assert "niet allebei" in err


@pytest.mark.bron(GARANTIE)
def test_formatiegarantie_verschil_zonder_getal_noemt_de_vorm(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _argparse_fout(
        capsys, "rec", "formatiegarantie", "--schooljaar", "2004-2005", "--verschil", "A:veel"
    )
    assert "geen getal" in err
