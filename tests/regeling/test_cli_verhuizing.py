"""``rugzak betaalschema`` met een verhuizing: schoolwisseling op de melding, in elke
volgorde in het bestand, in JSON en CSV (004 'Uitschrijving ...'; I-14, I-50, I-52)."""

from __future__ import annotations

import csv
import json
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


def _draai(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli_main.main(list(argv))
    uit = capsys.readouterr()
    return code, uit.out, uit.err


@pytest.mark.bron("004 'Uitschrijving ...'; interpretatie I-52: volgorde in het bestand")
@pytest.mark.parametrize("volgorde", [[OUD, UIT, NIEUW], [OUD, NIEUW, UIT], [NIEUW, UIT, OUD]])
def test_cli_verhuizing_met_schoolwisseling_in_elke_volgorde(tmp_path: Path, capsys, volgorde):
    pad = tmp_path / "verhuizing.json"
    pad.write_text(json.dumps(volgorde), encoding="utf-8")
    code, uit, err = _draai(capsys, "betaalschema", str(pad), "--schooljaar", "2011-2012", "--json")
    assert code == 0, err
    data = json.loads(uit)
    assert set(data["per_ontvanger"]) == {"12AB", "AB-3"}  # de oude school houdt het jaar
    assert len({b["maand"] for b in data["betalingen"]}) == 12
    (v,) = data["verhuizingen"]
    assert v["oude_school"] == "12AB" and v["nieuwe_school"] == "34CD"
    assert v["datum"] == "2011-10-31" and v["uitschrijving"] == "2011-10-31"
    assert v["oude_school_tot_en_met"] == "2012-07-31" and v["nieuwe_school_vanaf"] == "2012-08-01"


def test_cli_tekst_noemt_de_verhuizing_en_csv_kent_schoolwisseling(tmp_path: Path, capsys):
    pad = tmp_path / "verhuizing.csv"
    velden = sorted({k for r in (OUD, NIEUW, UIT) for k in r})
    with pad.open("w", encoding="utf-8", newline="") as f:
        schrijver = csv.DictWriter(f, fieldnames=["soort", *[v for v in velden if v != "soort"]])
        schrijver.writeheader()
        for rij in (OUD, UIT, {**NIEUW, "inschrijvingsdatum": "2012-08-20",
                               "meldingsdatum": "2012-08-25"}):  # fmt: skip
            schrijver.writerow(rij)
    code, uit, err = _draai(capsys, "betaalschema", str(pad), "--schooljaar", "2011-2012", "--kort")
    assert code == 0, err
    assert "verhuizing per 2011-10-31 van 12AB naar 34CD" in uit
    assert "12AB houdt het budget tot en met 2012-07-31, 34CD krijgt het vanaf 2012-08-01" in uit


def test_cli_schoolwisseling_zonder_vorige_school_noemt_het_veld(tmp_path: Path, capsys):
    pad = tmp_path / "fout.json"
    zonder = {k: v for k, v in NIEUW.items() if k != "vorige_school"}
    pad.write_text(json.dumps([OUD, zonder]), encoding="utf-8")
    code, uit, err = _draai(capsys, "betaalschema", str(pad), "--schooljaar", "2011-2012")
    assert code == 2 and uit == ""
    assert "gebeurtenis 2" in err and "vorige_school" in err


def test_cli_help_beschrijft_de_verhuizing(capsys):
    with pytest.raises(SystemExit):
        cli_main.main(["betaalschema", "--help"])
    uit = capsys.readouterr().out
    assert "schoolwisseling" in uit and "vorige_school" in uit and "31 juli" in uit
