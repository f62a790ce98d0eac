"""``rugzak betaalschema --toon-zonder-bron`` en ``--csv`` voor een schooljaar zonder tarief:
te betalen maanden met hun ontvangers en 'geen bron' in plaats van een bedrag, in tekst,
JSON en CSV; zonder de optie de bekende fout, die op de optie wijst (I-101, I-102)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from rugzak.cli import main as cli_main

OUD = {
    "soort": "melding", "meldingsdatum": "2010-09-01", "school": "12AB", "schoolsoort": "bao",
    "inschrijvingsdatum": "2010-08-23", "cvi_nummer": "CVI-1", "indicatiedatum": "2010-06-01",
    "onderwijssoort": "lg", "ab_verzorger": "AB-3", "groep": 4,
}  # fmt: skip
NIEUW = {
    **OUD, "meldingsdatum": "2011-11-15", "school": "34CD", "inschrijvingsdatum": "2011-11-01",
    "ab_verzorger": "AB-4", "schoolwisseling": "ja", "vorige_school": "12AB",
}  # fmt: skip
UIT = {"soort": "uitschrijving", "datum": "2011-10-31", "school": "12AB"}
#: Indicatie lg van 1 juni 2011: loopt door tot en met 31 mei 2014.
DOORLOPEND = {
    **OUD, "meldingsdatum": "2011-09-20", "inschrijvingsdatum": "2011-08-22",
    "indicatiedatum": "2011-06-01",
}  # fmt: skip

NIEUW_GEEN_BRON = [f"2012-{m:02d}" for m in range(8, 13)] + [f"2013-{m:02d}" for m in range(1, 6)]


def _draai(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli_main.main(list(argv))
    uit = capsys.readouterr()
    return code, uit.out, uit.err


def _bestand(tmp_path: Path, *gebeurtenissen: dict[str, object]) -> str:
    pad = tmp_path / "gebeurtenissen.json"
    pad.write_text(json.dumps(list(gebeurtenissen)), encoding="utf-8")
    return str(pad)


@pytest.mark.bron("interpretatie I-01, I-101: zonder de optie blijft het een fout")
def test_zonder_optie_weigert_het_schema_en_wijst_op_de_optie(tmp_path: Path, capsys):
    pad = _bestand(tmp_path, OUD, UIT, NIEUW)
    code, uit, err = _draai(capsys, "betaalschema", pad, "--schooljaar", "2012-2013")
    assert code == 2 and uit == ""
    assert err.startswith("rugzak: fout: de bronnen geven geen waarde voor lgf.bedrag")
    assert "--toon-zonder-bron" in err and "I-101" in err
    code, uit, err = _draai(capsys, "betaalschema", pad, "--schooljaar", "2012-2013", "--json")
    assert code == 2 and uit == ""
    assert "--toon-zonder-bron" in json.loads(err)["fout"]


@pytest.mark.bron("interpretatie I-101: de optie helpt niet bij een andere fout")
def test_de_fout_noemt_de_optie_niet_als_die_niet_helpt(tmp_path: Path, capsys):
    # Cluster 1 in het sbao: de bronnen kennen geen delen, dus ook geen ontvangers (I-102).
    blind = {
        **DOORLOPEND, "schoolsoort": "sbao", "onderwijssoort": "blind",
        "indicatie_einddatum": "2014-05-31",
    }  # fmt: skip
    pad = _bestand(tmp_path, blind)
    code, _, err = _draai(capsys, "betaalschema", pad, "--schooljaar", "2011-2012")
    assert code == 2 and "cluster 1" in err and "--toon-zonder-bron" not in err
    code, _, err = _draai(
        capsys, "betaalschema", pad, "--schooljaar", "2011-2012", "--toon-zonder-bron"
    )
    assert code == 2 and "cluster 1" in err


@pytest.mark.bron("004 'Uitschrijving ...'; 001 'Betaling'; interpretaties I-14, I-101, I-102")
def test_json_toont_de_nieuwe_school_na_verhuizing_met_geen_bron(tmp_path: Path, capsys):
    pad = _bestand(tmp_path, OUD, UIT, NIEUW)
    code, uit, err = _draai(
        capsys, "betaalschema", pad, "--schooljaar", "2012-2013", "--toon-zonder-bron", "--json"
    )
    assert code == 0, err
    data = json.loads(uit)
    assert data["volledig"] is False
    assert data["betalingen"] == [] and data["per_ontvanger"] == {} and data["totaal"] == "0"
    assert data["per_ontvanger_zonder_bron"] == {"34CD": NIEUW_GEEN_BRON, "AB-4": NIEUW_GEEN_BRON}
    assert [data["per_maand"][m] for m in NIEUW_GEEN_BRON] == ["geen bron"] * 10
    assert data["per_maand"]["2013-06"] == "0"  # indicatie verlopen: niets te betalen
    eerste = data["zonder_bron"][0]
    assert eerste["bedrag"] == "geen bron"
    assert eerste["status"] == "te betalen, bedrag onbekend: geen bron"
    assert eerste["wel_bekend"] == ["2009-08-01 t/m 2010-07-31", "2011-08-01 t/m 2012-07-31"]
    assert {(z["ontvanger"], z["ontvanger_id"]) for z in data["zonder_bron"]} == {
        ("school", "34CD"),
        ("ab_verzorger", "AB-4"),
    }
    (v,) = data["verhuizingen"]
    assert v["nieuwe_school_vanaf"] == "2012-08-01"
    regels = {s["regel"] for s in data["uitleg"]["stappen"]}
    assert "betaling.zonder_bron" in regels


@pytest.mark.bron("interpretatie I-101: in de tekst 'geen bron' in plaats van een bedrag")
def test_tekst_zet_geen_bron_in_de_cellen_en_noemt_de_totalen_onvolledig(tmp_path: Path, capsys):
    pad = _bestand(tmp_path, OUD, UIT, NIEUW)
    code, uit, err = _draai(
        capsys, "betaalschema", pad, "--schooljaar", "2012-2013", "--toon-zonder-bron", "--kort"
    )
    assert code == 0, err
    regels = uit.splitlines()
    aug = next(r for r in regels if r.strip().startswith("2012-08"))
    assert aug.split() == ["2012-08", "geen", "bron", "geen", "bron"]
    juni = next(r for r in regels if r.strip().startswith("2013-06"))
    assert juni.split() == ["2013-06", "-", "-"]
    assert "onvolledig: voor 10 te betalen maanden geven de bronnen geen bedrag" in uit
    assert "totaal 34CD: onvolledig, € 0,00 bekend; geen bron voor 2012-08 t/m 2013-05" in uit
    assert "totaal: onvolledig, € 0,00 bekend" in uit
    assert "geen bron voor 2012-08 t/m 2013-05: de bronnen geven geen waarde" in uit
    assert "Waarom:" not in uit  # --kort


@pytest.mark.bron("interpretatie I-101: de uitleg noemt de lezing")
def test_tekst_met_uitleg_noemt_i_101_en_i_102(tmp_path: Path, capsys):
    pad = _bestand(tmp_path, DOORLOPEND)
    code, uit, err = _draai(
        capsys, "betaalschema", pad, "--schooljaar", "2012-2013", "--toon-zonder-bron"
    )
    assert code == 0, err
    assert "School 12AB: 2012-08 t/m 2013-07: te betalen, bedrag onbekend: geen bron" in uit
    assert "interpretatie I-101: Een te betalen maand zonder tarief" in uit
    assert "interpretatie I-102: Wie een maand zonder tarief krijgt" in uit


@pytest.mark.bron("003, tweede punt: bekostiging de hele indicatieperiode; I-101")
def test_csv_geeft_geen_bron_voor_een_indicatie_die_doorloopt(tmp_path: Path, capsys):
    pad = _bestand(tmp_path, DOORLOPEND)
    uitvoer = tmp_path / "schema.csv"
    code, _, err = _draai(
        capsys, "betaalschema", pad, "--schooljaar", "2012-2013", "--toon-zonder-bron",
        "--csv", str(uitvoer), "--kort",
    )  # fmt: skip
    assert code == 0, err
    with uitvoer.open(encoding="utf-8", newline="") as f:
        rijen = list(csv.DictReader(f))
    assert len(rijen) == 12 * 4
    assert {r["bedrag"] for r in rijen} == {"geen bron"}
    assert {r["status"] for r in rijen} == {"te betalen, bedrag onbekend: geen bron"}
    assert {(r["ontvanger"], r["ontvanger_id"]) for r in rijen} == {
        ("school", "12AB"),
        ("ab_verzorger", "AB-3"),
    }
    assert rijen[0]["maand"] == "2012-08" and rijen[-1]["maand"] == "2013-07"
    assert "2012-2013" in rijen[0]["ontbreekt"]
    assert rijen[0]["wel_bekend"] == "2009-08-01 t/m 2010-07-31; 2011-08-01 t/m 2012-07-31"


@pytest.mark.bron("001 'Betaling'; I-11: de CSV van een jaar met tarief heeft bedragen")
def test_csv_van_een_jaar_met_tarief_heeft_bedragen_die_optellen(tmp_path: Path, capsys):
    pad = _bestand(tmp_path, DOORLOPEND)
    uitvoer = tmp_path / "schema.csv"
    code, uit, err = _draai(
        capsys, "betaalschema", pad, "--schooljaar", "2011-2012", "--csv", str(uitvoer), "--json"
    )
    assert code == 0, err
    data = json.loads(uit)
    assert data["volledig"] is True and data["zonder_bron"] == []
    with uitvoer.open(encoding="utf-8", newline="") as f:
        rijen = list(csv.DictReader(f))
    assert {r["status"] for r in rijen} == {"betaald"}
    assert sum(Decimal(r["bedrag"]) for r in rijen) == Decimal(data["totaal"])


def test_csv_naar_een_onschrijfbare_plek_noemt_de_optie(tmp_path: Path, capsys):
    pad = _bestand(tmp_path, DOORLOPEND)
    code, uit, err = _draai(
        capsys, "betaalschema", pad, "--schooljaar", "2011-2012",
        "--csv", str(tmp_path / "bestaat-niet" / "x.csv"),
    )  # fmt: skip
    assert code == 2 and uit == ""
    assert "--csv: kan" in err


def test_help_legt_de_optie_uit(capsys):
    with pytest.raises(SystemExit):
        cli_main.main(["betaalschema", "--help"])
    uit = capsys.readouterr().out
    assert "--toon-zonder-bron" in uit and "--csv" in uit
    assert "geen bron" in uit and "onvolledig" in uit and "betaalrun" in uit


@pytest.mark.bron("004 'Uitschrijving ...'; I-14, I-101: het voorbeeld uit de README")
def test_readme_voorbeeld_verhuizing_2012_2013(tmp_path: Path, capsys):
    voorbeeld = Path(__file__).resolve().parents[2] / "voorbeelden"
    pad = str(voorbeeld / "gebeurtenissen-verhuizing-2012-2013.json")
    code, uit, err = _draai(
        capsys, "betaalschema", pad, "--schooljaar", "2012-2013", "--toon-zonder-bron", "--kort"
    )
    assert code == 0, err
    assert "totaal 34CD: onvolledig, € 0,00 bekend; geen bron voor 2012-08 t/m 2013-05" in uit
    # Het verhuisjaar zelf heeft een tarief: daar betaalt de oude school het hele jaar.
    code, uit, err = _draai(capsys, "betaalschema", pad, "--schooljaar", "2011-2012", "--json")
    assert code == 0, err
    data = json.loads(uit)
    assert data["volledig"] is True and set(data["per_ontvanger"]) == {"12AB", "REC3-AB"}
