"""Elk ``toml``-blok in de README is een geldig regelingsbestand naast de meegeleverde data,
en levert de bedragen die erin staan: wie het voorbeeld volgt, krijgt een werkend bestand."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from rugzak.regeling.laden import (
    controleer,
    laad_regeling,
    laad_scenario_uit_tekst,
    standaard_bestanden,
)

README = Path(__file__).resolve().parents[2] / "README.md"
BLOKKEN = re.findall(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_de_readme_heeft_voorbeelden_voor_bao_en_vo() -> None:
    assert len(BLOKKEN) >= 2
    assert any('vo_variant = "pro_lwoo"' in b for b in BLOKKEN)


@pytest.mark.parametrize("blok", BLOKKEN, ids=[f"blok{i}" for i in range(len(BLOKKEN))])
def test_readme_toml_blok_is_geldig_naast_de_meegeleverde_data(blok: str, tmp_path: Path) -> None:
    if 'soort = "scenario"' in blok:
        # een wat-als-scenario: geldig als overlay over de meegeleverde regeling
        laad_scenario_uit_tekst(blok, "scenario.toml")
        return
    pad = tmp_path / "nieuw.toml"
    pad.write_text(blok, encoding="utf-8")
    problemen = controleer([pad], tegen=standaard_bestanden())
    assert not problemen, "\n".join(map(str, problemen))
    regeling = laad_regeling([pad])
    for rij in re.findall(r'onderwijssoort = "(\w+)" \}\nwaarden = \[(.*?)\]', blok):
        onderwijssoort, waarden = rij
        eerste = Decimal(waarden.split(",")[0].strip().strip('"'))
        gevonden = {
            w.waarde
            for w in regeling.waarden
            if w.naam == "lgf.bedrag"
            and dict(w.sleutel).get("onderwijssoort") == onderwijssoort
            and w.periode.van == date(2012, 8, 1)
        }
        assert eerste in gevonden
