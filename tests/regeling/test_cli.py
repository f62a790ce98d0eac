"""Tests voor de opdrachtregel: ``rugzak budget``, ``indicatie``, ``toelaatbaar``,
``betaalschema`` en ``regeling`` (valideer, toon, interpretaties), via
:func:`rugzak.cli.main.main`.

Menselijke uitvoer noemt de bronnen en bedragen in Nederlandse notatie; ``--json`` geeft
dezelfde uitkomst als data; fouten gaan naar stderr met een exitcode ongelijk aan nul en
noemen het veld dat verbeterd moet worden.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rugzak.cli import main as cli_main
from rugzak.cli.regeling import interpretaties_markdown
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.uitleg import euro

VOORBEELDEN = Path(__file__).resolve().parents[2] / "voorbeelden"
ZML_JSON = VOORBEELDEN / "gebeurtenissen-zml.json"

BAO_2011 = "001, tabel 'Leerlinggebonden budget per 1 augustus 2011 voor het basisonderwijs'"
MELDING_004 = "004, 'Inschrijving van leerlingen met een handicap na 1 augustus 2003', opsomming"

#: Drie bao-rijen uit 001 als nieuw schooljaar 2012-2013 (zie ook test_laden.py).
NIEUW_SCHOOLJAAR = """\
[bestand]
titel = "Leerlinggebonden budget per 1 augustus 2012 (proef)"
document = "001"

[[tabel]]
naam = "lgf.bedrag"
sectie = "tabel 'Leerlinggebonden budget per 1 augustus 2012 voor het basisonderwijs'"
geldig_van = 2012-08-01
geldig_tot = 2013-07-31
eenheid = "EUR per schooljaar"
interpretaties = ["I-01"]
sleutel = { schoolsoort = "bao" }
kolommen = [
  { label = "school, personele deel", sleutel = { deel = "school_personeel" } },
  { label = "school, materiële deel", sleutel = { deel = "school_materieel" } },
  { label = "AB, personele deel", sleutel = { deel = "ab_personeel" } },
  { label = "AB, materiële deel", sleutel = { deel = "ab_materieel" } },
]

[[tabel.rij]]
label = "cluster 2: dove kinderen"
sleutel = { onderwijssoort = "doof" }
waarden = ["12523.63", "1096", "11161.42", "1417"]

[[tabel.rij]]
label = "cluster 3: zeer moeilijk lerende kinderen"
sleutel = { onderwijssoort = "zml" }
waarden = ["6098.02", "923", "4286.81", "301"]
"""

BUDGET_DOOF = "budget --schooljaar 2011-2012 --schoolsoort bao --onderwijssoort doof --groep 4"


@pytest.fixture(autouse=True)
def alleen_deze_opdrachten(monkeypatch: pytest.MonkeyPatch) -> None:
    """Alleen de subopdrachten die hier getest worden, zodat deze tests niet afhangen van
    andere subopdrachten (bv. de Django-demo)."""
    monkeypatch.setattr(
        cli_main,
        "SUBOPDRACHTEN",
        (
            "rugzak.cli.budget",
            "rugzak.cli.indicatie",
            "rugzak.cli.betaalschema",
            "rugzak.cli.regeling",
        ),
    )


@pytest.fixture
def nieuw_jaar(tmp_path: Path) -> Path:
    pad = tmp_path / "lgf-2012-2013.toml"
    pad.write_text(NIEUW_SCHOOLJAAR, encoding="utf-8")
    return pad


def _argv(opdracht: str, *extra: str | Path) -> list[str]:
    """``"budget --schooljaar 2011-2012"`` en losse argumenten (bv. paden) als argv."""
    return [*opdracht.split(), *(str(e) for e in extra)]


def _draai(
    capsys: pytest.CaptureFixture[str], opdracht: str, *extra: str | Path
) -> tuple[int, str, str]:
    code = cli_main.main(_argv(opdracht, *extra))
    uit = capsys.readouterr()
    return code, uit.out, uit.err


def _json(capsys: pytest.CaptureFixture[str], opdracht: str, *extra: str | Path) -> Any:
    code, uit, err = _draai(capsys, opdracht, *extra, "--json")
    assert code == 0, err
    return json.loads(uit)


def _fout(capsys: pytest.CaptureFixture[str], opdracht: str, *extra: str | Path) -> str:
    """Een fout uit de regelkern of de invoer: exitcode 2, niets op stdout, de melding op
    stderr."""
    code, uit, err = _draai(capsys, opdracht, *extra)
    assert code == 2, (code, uit, err)
    assert uit == ""
    assert err.startswith("rugzak: fout: ")
    return err


def _argparse_fout(capsys: pytest.CaptureFixture[str], opdracht: str) -> str:
    """Een fout die argparse al afvangt: exitcode 2, Nederlandse melding op stderr."""
    assert cli_main.main(_argv(opdracht)) == 2
    uit = capsys.readouterr()
    assert uit.out == ""
    assert uit.err.startswith("rugzak: fout: ")
    return uit.err


# --- rugzak budget --------------------------------------------------------------------------


@pytest.mark.bron(f"{BAO_2011}, rij 'cluster 2: dove kinderen'; 001, 'Betaling'")
def test_budget_toont_bedragen_in_nederlandse_notatie_met_bron(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, uit, err = _draai(capsys, BUDGET_DOOF)
    assert (code, err) == (0, "")
    assert uit.startswith(
        "Leerlinggebonden financiering: doof, basisonderwijs, schooljaar 2011-2012"
    )
    assert "€ 12.523,63" in uit
    assert "€ 1.096,00" in uit
    assert "naar school of instelling waar de leerling is ingeschreven: € 13.619,63" in uit
    assert "totaal per schooljaar: € 26.198,05" in uit
    # Uitleg: elke waarde met haar cel in de tabel, en de interpretatie die meetelt.
    assert f"bron: {BAO_2011}, rij 'cluster 2: dove kinderen'" in uit
    assert "kolom 'voor school waar kind is ingeschreven, personele deel'" in uit
    assert "grondslag: 001, paragraaf 'Betaling'" in uit
    assert "interpretatie I-01: " in uit


def test_budget_kort_laat_de_uitleg_weg(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _draai(capsys, BUDGET_DOOF, "--kort")
    assert code == 0
    assert "totaal per schooljaar: € 26.198,05" in uit
    assert "Waarom:" not in uit


@pytest.mark.bron("001, voetnoot * bij de bao-tabel: aanvullend bedrag zml vanaf groep 3")
def test_budget_json_geeft_dezelfde_totalen_als_de_tekst(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = "budget --schooljaar 2011-2012 --schoolsoort bao --onderwijssoort zml --groep 3"
    data = _json(capsys, argv)
    _, tekst, _ = _draai(capsys, argv)

    assert data["regeling"] == "lgf"
    assert data["totaal"] == "18277.74"
    assert data["per_ontvanger"] == {"school": "13689.93", "ab_verzorger": "4587.81"}
    assert sum(Decimal(p["bedrag"]) for p in data["posten"]) == Decimal(data["totaal"])
    assert [p["deel"] for p in data["posten"]][-2:] == ["zml_personeel", "zml_materieel"]
    for post in data["posten"]:
        assert post["bron"]["document"] == "001"
        assert post["bron"]["citaat"].startswith("001, ")
        assert euro(Decimal(post["bedrag"])) in tekst
    assert f"totaal per schooljaar: {euro(Decimal(data['totaal']))}" in tekst
    assert data["situatie"] == {
        "schooljaar": "2011-2012",
        "schoolsoort": "bao",
        "onderwijssoort": "zml",
        "groep": "3",
    }
    assert "I-15" in data["uitleg"]["interpretaties"]


def test_budget_zonder_groep_voor_zml_in_het_basisonderwijs_noemt_het_veld_groep(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _fout(capsys, "budget --schooljaar 2011-2012 --schoolsoort bao --onderwijssoort zml")
    assert "veld 'groep' ontbreekt" in err
    assert "toegestaan: 1, 2, 3, 4, 5, 6, 7, 8" in err


def test_budget_zonder_groep_waar_het_bedrag_er_niet_van_afhangt(
    capsys: pytest.CaptureFixture[str],
) -> None:
    zonder = _json(capsys, "budget --schooljaar 2011-2012 --schoolsoort bao --onderwijssoort doof")
    met = _json(
        capsys, "budget --schooljaar 2011-2012 --schoolsoort bao --onderwijssoort doof --groep 5"
    )
    assert zonder["posten"] == met["posten"]


def test_budget_zml_aanvraag_nee_laat_de_aanvulling_weg_en_toont_totalen_per_deel(
    capsys: pytest.CaptureFixture[str],
) -> None:
    basis = "budget --schooljaar 2011-2012 --schoolsoort bao --onderwijssoort zml --groep 4"
    nee = _json(capsys, basis + " --zml-aanvraag nee")
    ja = _json(capsys, basis + " --zml-aanvraag ja")
    assert not any(p["deel"].startswith("zml_") for p in nee["posten"])
    assert Decimal(ja["totaal"]) - Decimal(nee["totaal"]) == Decimal("6668.91")
    assert ja["per_deel"]["school_personeel"] == "12470.93"
    code, tekst, _ = _draai(capsys, basis + " --kort")
    assert code == 0
    assert "per deel van de rugzak" in tekst
    assert "€ 12.470,93" in tekst


def test_json_fout_komt_als_json_op_stderr_met_veld_en_toegestaan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, uit, err = _draai(
        capsys, "budget --schooljaar 2011-2012 --schoolsoort bao --onderwijssoort zml --json"
    )
    assert code == 2 and uit == ""
    fout = json.loads(err)
    assert fout["veld"] == "groep"
    assert fout["toegestaan"] == [str(g) for g in range(1, 9)]
    assert "groep" in fout["fout"]


@pytest.mark.parametrize(
    ("opdracht", "veld", "toegestaan"),
    [
        (
            "budget --schooljaar 2011-2012 --schoolsoort bax --onderwijssoort zml",
            "schoolsoort",
            ["bao", "sbao", "vo", "mbo", "so", "vso"],
        ),
        (
            "budget --schooljaar 2011-2012 --schoolsoort bao --onderwijssoort zml --groep x",
            "groep",
            None,
        ),
        ("budget --schoolsoort bao --onderwijssoort zml", "schooljaar", None),
        ("budget --schooljaar 11-12 --schoolsoort bao --onderwijssoort zml", "schooljaar", None),
        ("indicatie --onderwijssoort lg --indicatiedatum 12-05-2011", "indicatiedatum", None),
    ],
)
def test_argumentfouten_met_json_zijn_json_met_het_veld(
    capsys: pytest.CaptureFixture[str], opdracht: str, veld: str, toegestaan: list[str] | None
) -> None:
    code, uit, err = _draai(capsys, opdracht + " --json")
    assert code == 2 and uit == ""
    fout = json.loads(err)
    assert fout["veld"] == veld
    assert fout["toegestaan"] == toegestaan
    assert "Traceback" not in err


def test_argumentfout_zonder_json_is_nederlandse_tekst(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _fout(capsys, "budget --schooljaar 2011-2012 --schoolsoort bax --onderwijssoort zml")
    assert err.startswith("rugzak: fout: --schoolsoort: 'bax' is geen geldige keuze")
    assert "invalid choice" not in err


def test_kort_haalt_de_uitleg_ook_uit_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(
        capsys,
        "budget --schooljaar 2011-2012 --schoolsoort bao --onderwijssoort zml --groep 3 --kort",
    )
    assert "uitleg" not in data
    assert data["totaal"]


def test_budget_met_een_groep_buiten_1_tot_8_noemt_de_toegestane_groepen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _fout(
        capsys, "budget --schooljaar 2011-2012 --schoolsoort bao --onderwijssoort doof --groep 9"
    )
    assert "veld 'groep': waarde 9 is ongeldig; toegestaan: 1, 2, 3, 4, 5, 6, 7, 8" in err


def test_budget_vo_zonder_variant_noemt_vo_variant(capsys: pytest.CaptureFixture[str]) -> None:
    err = _fout(capsys, "budget --schooljaar 2011-2012 --schoolsoort vo --onderwijssoort doof")
    assert "veld 'vo_variant' ontbreekt" in err
    assert "pro_lwoo, overig" in err


@pytest.mark.bron("001, vo-tabel: geen rij voor ernstige spraakmoeilijkheden")
def test_budget_vo_met_esm_zegt_dat_de_bronnen_geen_waarde_geven(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _fout(
        capsys,
        "budget --schooljaar 2011-2012 --schoolsoort vo --onderwijssoort esm --vo-variant overig",
    )
    assert "de bronnen geven geen waarde voor lgf.bedrag" in err
    assert "ernstige spraakmoeilijkheden in het voortgezet onderwijs" in err
    assert "er wordt niet teruggevallen op een ander jaar of een andere rij" in err


@pytest.mark.bron("003, 'Rugzak - AB (RAB)', laatste punt: alleen regulier onderwijs")
def test_budget_in_het_speciaal_onderwijs_wordt_geweigerd_met_bron(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _fout(
        capsys, "budget --schooljaar 2011-2012 --schoolsoort so --onderwijssoort doof --groep 3"
    )
    assert "alleen in het regulier onderwijs" in err
    assert "[003, paragraaf 'Rugzak - AB (RAB)', laatste punt]" in err


@pytest.mark.bron("001, 'Visueel gehandicapten': bijzondere bekostiging, geen LGF")
def test_budget_cluster1_is_bijzondere_bekostiging_en_geen_lgf(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, uit, _ = _draai(
        capsys, "budget --schooljaar 2011-2012 --schoolsoort bao --onderwijssoort blind --groep 3"
    )
    assert code == 0
    assert uit.startswith("Bijzondere bekostiging visueel gehandicapten (geen lgf)")
    assert "grondslag: 001, paragraaf 'Visueel gehandicapten'" in uit


def test_budget_ongeldig_schooljaar_noemt_schooljaar(capsys: pytest.CaptureFixture[str]) -> None:
    err = _argparse_fout(
        capsys, "budget --schooljaar 2011-2013 --schoolsoort bao --onderwijssoort doof --groep 3"
    )
    assert "--schooljaar" in err
    assert "het tweede jaar moet direct op het eerste volgen" in err


@pytest.mark.bron("interpretatie I-01: geen bedragen voor 2012-2013 zonder bron")
def test_budget_voor_een_jaar_zonder_bron_is_een_fout_en_geen_nul(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _fout(
        capsys, "budget --schooljaar 2012-2013 --schoolsoort bao --onderwijssoort doof --groep 4"
    )
    assert "de bronnen geven geen waarde" in err
    assert "schooljaar 2012-2013" in err
    assert "wel bekend: 2011-08-01 t/m 2012-07-31" in err


def test_budget_met_extra_regeling_voegt_een_schooljaar_toe(
    capsys: pytest.CaptureFixture[str], nieuw_jaar: Path
) -> None:
    argv = "budget --schooljaar 2012-2013 --schoolsoort bao --onderwijssoort doof --groep 4"
    code, uit, err = _draai(capsys, argv, "--regeling", nieuw_jaar)
    assert (code, err) == (0, "")
    assert "schooljaar 2012-2013" in uit
    assert "totaal per schooljaar: € 26.198,05" in uit
    assert "001, tabel 'Leerlinggebonden budget per 1 augustus 2012 voor het basisonderwijs'" in uit
    data = _json(capsys, argv, "--regeling", nieuw_jaar)
    assert data["totaal"] == "26198.05"
    assert {p["bron"]["sectie"] for p in data["posten"]} == {
        "tabel 'Leerlinggebonden budget per 1 augustus 2012 voor het basisonderwijs'"
    }


def test_budget_met_een_ongeldige_extra_regeling_noemt_bestand_en_probleem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    slecht = tmp_path / "slecht.toml"
    slecht.write_text(NIEUW_SCHOOLJAAR.replace('"12523.63"', "12523.63"), encoding="utf-8")
    err = _fout(capsys, BUDGET_DOOF, "--regeling", slecht)
    assert "1 probleem/problemen in de regelingsbestanden" in err
    assert "slecht.toml: tabel 1 (" in err
    assert "kolom 'school, personele deel': bedrag 12523.63 moet als tekst" in err


def test_budget_met_een_ontbrekende_extra_regeling(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    err = _fout(capsys, BUDGET_DOOF, "--regeling", tmp_path / "bestaat-niet.toml")
    assert "--regeling: bestand" in err
    assert "bestaat-niet.toml bestaat niet" in err


# --- rugzak indicatie ----------------------------------------------------------------------


@pytest.mark.bron("003, 'Rugzak - AB (RAB)': ZML en MG elke 4 jaar herindiceren")
def test_indicatie_zml_geldt_vier_jaar(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _draai(capsys, "indicatie --onderwijssoort zml --indicatiedatum 2011-06-01")
    assert code == 0
    assert uit.startswith("Geldig t/m 2015-05-31; herindicatie per 2015-06-01.")
    assert "bron: 003, paragraaf 'Rugzak - AB (RAB)', eerste alinea" in uit
    assert "interpretatie I-04: " in uit


@pytest.mark.bron("003, 'Rugzak - AB (RAB)': LZ en LG elke 3 jaar herindiceren")
def test_indicatie_lz_geldt_drie_jaar_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "indicatie --onderwijssoort lz --indicatiedatum 2011-06-01")
    assert data["einddatum"] == "2014-05-31"
    assert data["herindicatie_op"] == "2014-06-01"
    assert "I-27" in data["uitleg"]["interpretaties"]


@pytest.mark.bron("003, 'Rugzak - AB (RAB)': syndroom van Down, de hele loopbaan")
def test_indicatie_bij_down_geldt_de_hele_loopbaan(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _draai(
        capsys, "indicatie --onderwijssoort zml --indicatiedatum 2011-06-01 --down"
    )
    assert code == 0
    assert uit.startswith("Geldig voor de hele onderwijsloopbaan; geen herindicatie nodig.")
    data = _json(capsys, "indicatie --onderwijssoort zml --indicatiedatum 2011-06-01 --down")
    assert data["einddatum"] is None
    assert data["herindicatie_op"] is None


@pytest.mark.bron("004, 'Cluster 1. Visueel gehandicapten': geen CvI-indicatie")
def test_indicatie_voor_cluster1_bestaat_niet(capsys: pytest.CaptureFixture[str]) -> None:
    err = _fout(capsys, "indicatie --onderwijssoort blind --indicatiedatum 2011-06-01")
    assert "cluster 1" in err
    assert "004, paragraaf 'Cluster 1. Visueel gehandicapten'" in err


def test_indicatie_met_een_ongeldige_datum_noemt_het_veld_en_de_vorm(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _argparse_fout(capsys, "indicatie --onderwijssoort zml --indicatiedatum 2011-31-01")
    assert "--indicatiedatum" in err
    assert "'2011-31-01' is geen datum; schrijf JJJJ-MM-DD" in err


def test_indicatie_met_een_onbekende_onderwijssoort(capsys: pytest.CaptureFixture[str]) -> None:
    err = _argparse_fout(capsys, "indicatie --onderwijssoort autisme --indicatiedatum 2011-06-01")
    assert "--onderwijssoort" in err
    assert "'autisme'" in err
    assert "zml" in err


# --- rugzak toelaatbaar --------------------------------------------------------------------


TOELAATBAAR_ZML = "toelaatbaar --schoolsoort bao --onderwijssoort zml --peildatum 2011-09-01"


@pytest.mark.bron("003, 'Rugzak - AB (RAB)', laatste punt: LGF vanaf 4 jaar")
def test_toelaatbaar_een_driejarige_komt_niet_in_aanmerking_exitcode_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, uit, err = _draai(capsys, TOELAATBAAR_ZML, "--geboortedatum", "2008-09-01")
    assert (code, err) == (1, "")
    assert uit.startswith("Komt niet in aanmerking voor LGF:\n  - de leerling is 3 jaar")
    assert "LGF kan vanaf 4 jaar" in uit
    assert "bron: 003, paragraaf 'Rugzak - AB (RAB)', laatste punt" in uit


def test_toelaatbaar_een_zesjarige_in_het_basisonderwijs_exitcode_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, uit, _ = _draai(capsys, TOELAATBAAR_ZML, "--geboortedatum", "2005-09-01")
    assert code == 0
    assert uit.startswith("Komt in aanmerking voor LGF.")
    data = _json(capsys, TOELAATBAAR_ZML, "--geboortedatum", "2005-09-01")
    assert data["lgf"] is True
    assert data["redenen"] == []


@pytest.mark.bron("003, 'Rugzak - AB (RAB)', laatste punt: alleen regulier onderwijs")
def test_toelaatbaar_in_het_speciaal_onderwijs_exitcode_1_ook_met_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = TOELAATBAAR_ZML.replace("--schoolsoort bao", "--schoolsoort so")
    code, uit, _ = _draai(capsys, argv, "--geboortedatum", "2005-09-01", "--json")
    assert code == 1
    data = json.loads(uit)
    assert data["lgf"] is False
    assert any("speciaal onderwijs" in r for r in data["redenen"])


def test_toelaatbaar_na_het_einde_van_lgf_zegt_dat_de_bronnen_zwijgen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = TOELAATBAAR_ZML.replace("2011-09-01", "2020-09-01")
    err = _fout(capsys, argv, "--geboortedatum", "2005-09-01")
    assert "de bronnen geven geen waarde voor lgf.minimumleeftijd op 2020-09-01" in err


def test_toelaatbaar_zonder_geboortedatum_noemt_het_veld(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _argparse_fout(
        capsys, "toelaatbaar --schoolsoort bao --onderwijssoort zml --peildatum 2011-09-01"
    )
    assert "--geboortedatum" in err


# --- rugzak betaalschema --------------------------------------------------------------------

ZML_TOTAAL = "11341.28"
ZML_PER_ONTVANGER = {"12AB": "7518.09", "REC3-AB": "3823.19"}

CSV_VELDEN = [
    "soort",
    "datum",
    "meldingsdatum",
    "school",
    "schoolsoort",
    "inschrijvingsdatum",
    "cvi_nummer",
    "indicatiedatum",
    "onderwijssoort",
    "ab_verzorger",
    "groep",
    "schoolwisseling",
    "vorige_school",
]


def _schrijf_csv(pad: Path, rijen: list[dict[str, object]], *, bom: bool = False) -> Path:
    with pad.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        schrijver = csv.DictWriter(f, fieldnames=CSV_VELDEN)
        schrijver.writeheader()
        for rij in rijen:
            schrijver.writerow(
                {k: ("ja" if v is True else v) for k, v in rij.items()}  # CSV kent geen true
            )
    return pad


@pytest.mark.bron("000 'Aanvragen'; 001 'Betaling': betaling vanaf de maand na de melding")
@pytest.mark.bron("003, punt over formulier 66007: zml-aanvulling en terugplaatsing naar groep 2")
def test_betaalschema_uit_het_voorbeeldbestand(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, err = _draai(capsys, "betaalschema --schooljaar 2011-2012", ZML_JSON)
    assert (code, err) == (0, "")
    regels = uit.splitlines()
    assert regels[0] == "Betaalschema 2011-2012"
    kop = next(r for r in regels if r.lstrip().startswith("maand"))
    assert kop.split() == ["maand", "12AB", "REC3-AB"]
    # Melding op 20 september: september niets, oktober wel (001 'Betaling').
    assert next(r for r in regels if r.strip().startswith("2011-09")).split() == [
        "2011-09",
        "-",
        "-",
    ]
    assert next(r for r in regels if r.strip().startswith("2011-10")).split()[0] == "2011-10"
    assert "totaal 12AB: € 7.518,09" in uit
    assert "totaal REC3-AB: € 3.823,19" in uit
    assert "totaal: € 11.341,28" in uit
    assert "grondslag: 001, paragraaf 'Betaling'" in uit
    assert "interpretatie I-13: " in uit


def test_betaalschema_json_geeft_dezelfde_totalen(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "betaalschema --schooljaar 2011-2012", ZML_JSON)
    assert data["schooljaar"] == "2011-2012"
    assert data["totaal"] == ZML_TOTAAL
    assert data["per_ontvanger"] == ZML_PER_ONTVANGER
    assert sum(Decimal(b["bedrag"]) for b in data["betalingen"]) == Decimal(ZML_TOTAAL)
    assert sum(Decimal(v) for v in data["per_maand"].values()) == Decimal(ZML_TOTAAL)
    assert data["per_maand"]["2011-08"] == data["per_maand"]["2011-09"] == "0"
    assert {b["cvi_nummer"] for b in data["betalingen"]} == {"CVI-3-2011-0042"}
    _, tekst, _ = _draai(capsys, "betaalschema --schooljaar 2011-2012", ZML_JSON, "--kort")
    assert f"totaal: {euro(Decimal(data['totaal']))}" in tekst
    assert "Waarom:" not in tekst


def test_betaalschema_uit_csv_is_gelijk_aan_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rijen = json.loads(ZML_JSON.read_text(encoding="utf-8"))
    pad = _schrijf_csv(tmp_path / "gebeurtenissen.csv", rijen)
    uit_csv = _json(capsys, "betaalschema --schooljaar 2011-2012", pad)
    uit_json = _json(capsys, "betaalschema --schooljaar 2011-2012", ZML_JSON)
    assert uit_csv == uit_json
    assert uit_csv["totaal"] == ZML_TOTAAL


def test_betaalschema_leest_csv_met_bom_uit_een_rekenblad(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rijen = json.loads(ZML_JSON.read_text(encoding="utf-8"))
    pad = _schrijf_csv(tmp_path / "excel.csv", rijen, bom=True)
    assert pad.read_bytes().startswith(b"\xef\xbb\xbfsoort,")
    assert _json(capsys, "betaalschema --schooljaar 2011-2012", pad)["totaal"] == ZML_TOTAAL


@pytest.mark.bron(MELDING_004)
def test_betaalschema_onvolledige_melding_noemt_elk_ontbrekend_veld(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pad = _schrijf_csv(
        tmp_path / "onvolledig.csv",
        [{"soort": "melding", "schoolsoort": "bao", "school": "12AB", "schoolwisseling": True}],
    )
    err = _fout(capsys, "betaalschema --schooljaar 2011-2012", pad)
    assert "onvolledig.csv, regel 2: melding onvolledig, niet in behandeling genomen" in err
    assert (
        "(004, paragraaf 'Inschrijving van leerlingen met een handicap na 1 augustus 2003'" in err
    )
    ontbrekend = (
        "meldingsdatum inschrijvingsdatum cvi_nummer indicatiedatum onderwijssoort ab_verzorger "
        "groep vorige_school"
    )
    for veld in ontbrekend.split():
        assert f"{veld}: " in err, f"veld {veld!r} niet genoemd in: {err}"
    assert "school: " not in err.replace("vorige_school: ", "")  # die is wel ingevuld
    assert "schoolsoort: " not in err


@pytest.mark.bron(MELDING_004)
def test_betaalschema_onvolledige_melding_in_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pad = tmp_path / "onvolledig.json"
    pad.write_text(json.dumps([{"soort": "melding", "schoolsoort": "vo"}]), encoding="utf-8")
    err = _fout(capsys, "betaalschema --schooljaar 2011-2012", pad)
    assert "onvolledig.json, gebeurtenis 1: melding onvolledig" in err
    ontbrekend = (
        "meldingsdatum school inschrijvingsdatum cvi_nummer indicatiedatum onderwijssoort "
        "ab_verzorger leerjaar vo_variant"
    )
    for veld in ontbrekend.split():
        assert f"{veld}: " in err, f"veld {veld!r} niet genoemd in: {err}"


def test_betaalschema_onbekende_soort_noemt_het_veld_soort_en_wat_mag(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pad = _schrijf_csv(tmp_path / "soort.csv", [{"soort": "verhuizing", "datum": "2011-10-01"}])
    err = _fout(capsys, "betaalschema --schooljaar 2011-2012", pad)
    assert "soort.csv, regel 2: veld 'soort' = 'verhuizing'" in err
    assert (
        "toegestaan: melding, uitschrijving, groepsovergang, zml_aanvraag, terugplaatsing_groep2"
        in err
    )


def test_betaalschema_ongeldige_datum_noemt_het_veld_datum(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pad = _schrijf_csv(
        tmp_path / "datum.csv",
        [
            {"soort": "zml_aanvraag", "datum": "2011-10-03"},
            {"soort": "uitschrijving", "datum": "31-10-2011", "school": "12AB"},
        ],
    )
    err = _fout(capsys, "betaalschema --schooljaar 2011-2012", pad)
    assert "datum.csv, regel 3: veld 'datum' = '31-10-2011' is geen datum (JJJJ-MM-DD)" in err


def test_betaalschema_ontbrekende_datum_en_school(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pad = tmp_path / "uitschrijving.json"
    pad.write_text(json.dumps([{"soort": "uitschrijving", "datum": "2012-03-15"}]))
    err = _fout(capsys, "betaalschema --schooljaar 2011-2012", pad)
    assert "gebeurtenis 1: veld 'school' ontbreekt" in err
    pad.write_text(json.dumps([{"soort": "groepsovergang", "groep": 3}]))
    err = _fout(capsys, "betaalschema --schooljaar 2011-2012", pad)
    assert "gebeurtenis 1: veld 'datum' ontbreekt (JJJJ-MM-DD)" in err


@pytest.mark.parametrize(
    ("naam", "inhoud", "verwacht"),
    [
        ("kapot.json", "[{", "geen geldige JSON"),
        ("object.json", '{"soort": "melding"}', "verwacht een lijst objecten, elk met een 'soort'"),
        (
            "zonder-soort.csv",
            "datum,school\n2011-10-01,12AB\n",
            "de kopregel mist de kolom 'soort'",
        ),
        ("gebeurtenissen.txt", "soort\n", "onbekend formaat '.txt'; gebruik .json of .csv"),
    ],
)
def test_betaalschema_onbruikbaar_bestand(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, naam: str, inhoud: str, verwacht: str
) -> None:
    pad = tmp_path / naam
    pad.write_text(inhoud, encoding="utf-8")
    err = _fout(capsys, "betaalschema --schooljaar 2011-2012", pad)
    assert verwacht in err


def test_betaalschema_bestand_dat_niet_bestaat_of_geen_utf8_is(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    err = _fout(capsys, "betaalschema --schooljaar 2011-2012", tmp_path / "weg.json")
    assert "weg.json bestaat niet" in err
    pad = tmp_path / "latin1.csv"
    pad.write_bytes(
        "soort,school\nuitschrijving,Prins Willem-Alexanderschool \xe9\n".encode("latin-1")
    )
    err = _fout(capsys, "betaalschema --schooljaar 2011-2012", pad)
    assert "latin1.csv: geen UTF-8-tekst" in err


def test_betaalschema_met_extra_regeling_voor_een_nieuw_schooljaar(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, nieuw_jaar: Path
) -> None:
    melding: dict[str, object] = {
        "soort": "melding",
        "meldingsdatum": "2012-09-20",
        "school": "56EF",
        "schoolsoort": "bao",
        "inschrijvingsdatum": "2012-08-20",
        "cvi_nummer": "CVI-2-2012-7",
        "indicatiedatum": "2012-06-01",
        "onderwijssoort": "doof",
        "ab_verzorger": "REC2-AB",
        "groep": 4,
    }
    pad = _schrijf_csv(tmp_path / "doof-2012.csv", [melding])
    err = _fout(capsys, "betaalschema --schooljaar 2012-2013", pad)
    assert "de bronnen geven geen waarde" in err
    assert "2012-2013" in err

    data = _json(capsys, "betaalschema --schooljaar 2012-2013", pad, "--regeling", nieuw_jaar)
    # Oktober t/m juli (tien maanden), per deel in hele centen (interpretatie I-11).
    betaalde_maanden = sorted({b["maand"] for b in data["betalingen"]})
    assert betaalde_maanden[0] == "2012-10"
    assert betaalde_maanden[-1] == "2013-07"
    assert len(betaalde_maanden) == 10
    assert data["per_ontvanger"] == {"56EF": "11349.70", "REC2-AB": "10482.03"}
    assert data["totaal"] == "21831.73"


# --- rugzak regeling ------------------------------------------------------------------------


def test_regeling_valideer_geeft_0_voor_een_correct_bestand(
    capsys: pytest.CaptureFixture[str], nieuw_jaar: Path
) -> None:
    code, uit, err = _draai(capsys, "regeling valideer", nieuw_jaar)
    assert (code, err) == (0, "")
    assert uit == f"In orde: {nieuw_jaar} (geen problemen gevonden).\n"
    data = _json(capsys, "regeling valideer", nieuw_jaar)
    assert data == {"bestanden": [str(nieuw_jaar)], "geldig": True, "problemen": []}


def test_regeling_valideer_geeft_1_en_noemt_elk_probleem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pad = tmp_path / "fout.toml"
    pad.write_text(
        NIEUW_SCHOOLJAAR.replace('"doof"', '"dooof"').replace('"1417"', '"1.417,00"'),
        encoding="utf-8",
    )
    code, uit, err = _draai(capsys, "regeling valideer", pad)
    assert (code, err) == (1, "")
    assert uit.splitlines()[0] == "2 probleem/problemen gevonden:"
    assert "  - fout.toml: tabel 1 (" in uit
    assert "onbekende onderwijssoort 'dooof'; toegestaan: doof, sh" in uit
    assert "bedrag '1.417,00' is geen decimaal getal" in uit

    code, uit, _ = _draai(capsys, "regeling valideer --json", pad)
    assert code == 1
    data = json.loads(uit)
    assert data["geldig"] is False
    assert [p["bestand"] for p in data["problemen"]] == ["fout.toml", "fout.toml"]
    assert data["problemen"][1]["plaats"].endswith("kolom 'AB, materiële deel'")


def test_regeling_valideer_overlap_met_de_meegeleverde_regeling_en_los(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pad = tmp_path / "overlap.toml"
    pad.write_text(NIEUW_SCHOOLJAAR.replace("geldig_van = 2012-08-01", "geldig_van = 2012-07-01"))
    code, uit, _ = _draai(capsys, "regeling valideer", pad)
    assert code == 1
    assert "uit lgf-2011-2012.toml" in uit
    assert "per datum geldt precies één waarde" in uit
    code, uit, _ = _draai(capsys, "regeling valideer --los", pad)
    assert (code, uit.startswith("In orde")) == (0, True)


def test_regeling_valideer_van_de_meegeleverde_bestanden(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from rugzak.regeling.laden import standaard_bestanden

    code, uit, _ = _draai(capsys, "regeling valideer", *standaard_bestanden())
    assert code == 0, uit


def test_regeling_valideer_van_een_bestand_dat_niet_bestaat(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    err = _fout(capsys, "regeling valideer", tmp_path / "weg.toml")
    assert "weg.toml bestaat niet" in err


def test_regeling_toon_noemt_waarde_geldigheid_en_bron(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _draai(capsys, "regeling toon --naam lgf.minimumleeftijd")
    assert code == 0
    assert uit == (
        "lgf.minimumleeftijd [] = 4 jaren (2003-08-01 t/m 2014-07-31) — "
        "003, paragraaf 'Rugzak - AB (RAB)', laatste punt\n"
    )


def test_regeling_toon_json_met_peildatum(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "regeling toon --naam lgf.mbo --peildatum 2003-09-01")
    assert data == [
        {
            "naam": "lgf.mbo",
            "sleutel": {},
            "waarde": "nee",
            "eenheid": "",
            "geldig_van": "2003-08-01",
            "geldig_tot": "2004-07-31",
            "bron": data[0]["bron"],
            "interpretaties": ["I-05"],
        }
    ]
    assert data[0]["bron"]["document"] == "004"


def test_regeling_toon_met_extra_regeling(
    capsys: pytest.CaptureFixture[str], nieuw_jaar: Path
) -> None:
    argv = "regeling toon --naam lgf.bedrag --peildatum 2012-09-01"
    err = _fout(capsys, argv)
    assert "geen waarden gevonden voor parameter 'lgf.bedrag' op 2012-09-01" in err
    data = _json(capsys, argv, "--regeling", nieuw_jaar)
    assert len(data) == 8  # twee rijen van vier kolommen
    assert {w["geldig_van"] for w in data} == {"2012-08-01"}


def test_regeling_toon_onbekende_parameter_noemt_de_bekende(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _fout(capsys, "regeling toon --naam lgf.bedragen")
    assert "geen waarden gevonden voor parameter 'lgf.bedragen'" in err
    assert "bekende parameters: " in err
    assert "lgf.bedrag," in err


def test_regeling_interpretaties_een_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _draai(capsys, "regeling interpretaties I-13")
    assert code == 0
    i = standaard_regeling().interpretaties["I-13"]
    assert uit.startswith(f"I-13: {i.titel}\n  vraag: {i.vraag}\n")
    for bron in i.bronnen:
        assert f"  bron: {bron}\n" in uit
    assert f"  keuze: {i.keuze}" in uit


def test_regeling_interpretaties_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "regeling interpretaties")
    assert [d["id"] for d in data] == sorted(
        standaard_regeling().interpretaties, key=lambda i: int(i[2:])
    )
    assert all(d["bronnen"] for d in data)


def test_regeling_interpretaties_markdown_is_precies_de_functie_uitvoer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """'... --markdown > docs/interpretaties.md' schrijft precies interpretaties_markdown()."""
    code, uit, _ = _draai(capsys, "regeling interpretaties --markdown")
    assert code == 0
    assert uit == interpretaties_markdown(standaard_regeling())
    assert uit.endswith(".\n") and not uit.endswith("\n\n")


def test_regeling_interpretaties_markdown_van_een_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, uit, _ = _draai(capsys, "regeling interpretaties I-13 --markdown")
    assert code == 0
    assert [r for r in uit.splitlines() if r.startswith("## ")] == [
        f"## I-13: {standaard_regeling().interpretaties['I-13'].titel}"
    ]


def test_regeling_interpretaties_onbekend_id_noemt_de_bekende(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _fout(capsys, "regeling interpretaties I-999")
    assert "onbekende interpretatie 'I-999'; bekend: I-01, I-02, I-03" in err
