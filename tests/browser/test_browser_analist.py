"""Browsertest van de beleidsanalist (issue 9, deel 4): de analist logt in, start via het
menu het scenario "AB-deel 10 % lager" (voorbeelden/scenario-ab-10-procent-lager.toml,
als upload), wacht tot de verwerker naast de server het heeft doorgerekend (de pagina
ververst zichzelf zonder JavaScript), ziet het verschil per REC als grafiek en als tabel,
downloadt de CSV en opent de uitleg van één CvI-nummer. Geen pagina van de analist noemt
een leerling bij naam (I-104). axe-core controleert elke pagina (fixture ``bezoek``)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser.test_browser_basis import WACHTWOORD

SCENARIO = Path(__file__).parents[2] / "voorbeelden" / "scenario-ab-10-procent-lager.toml"


def _namen_van_leerlingen(bezoek) -> set[str]:
    """De namen die de intern begeleider van De Wieken in de leerlingenlijst ziet."""
    page = bezoek.page
    bezoek.inloggen("ib.dewieken", WACHTWOORD)
    bezoek.ga_naar("/overzicht/leerlingen/")
    namen = {
        t.strip() for t in page.locator("main table tbody th a").all_inner_texts() if t.strip()
    }
    assert namen, "de intern begeleider ziet geen leerlingen"
    bezoek.na(lambda: page.click("button:has-text('Uitloggen')"))
    return namen


def _geen_namen(tekst: str, namen: set[str]) -> None:
    for naam in namen:
        for deel in re.split(r"[ ,]+", naam):
            if len(deel) > 3 and deel[0].isupper():
                assert not re.search(rf"\b{re.escape(deel)}\b", tekst), deel


def test_de_analist_rekent_het_ab_deel_10_procent_lager_door(bezoek, tmp_path):
    page = bezoek.page
    namen = _namen_van_leerlingen(bezoek)
    bezoek.inloggen("analist.cfi", WACHTWOORD)
    assert page.url.endswith("/start/")
    _geen_namen(page.inner_text("main"), namen)
    bezoek.na(lambda: page.click("nav[aria-label='Hoofdmenu'] a:has-text(\"Scenario's\")"))
    # eerst zonder bestand: de fout noemt het veld
    bezoek.na(lambda: page.click("main button:has-text('Scenario starten')"))
    assert "leeg" in page.inner_text("#fouten")
    page.set_input_files("#id_bestand", str(SCENARIO))
    page.fill("#id_schooljaar", "2011-2012")
    bezoek.na(lambda: page.click("main button:has-text('Scenario starten')"))
    assert "staat in de wachtrij" in page.inner_text("main")
    page.wait_for_selector("text=Totaal scenario", timeout=180_000)
    bezoek.controleer()
    main = page.inner_text("main")
    assert "Klaar" in main
    # het verschil per REC: een SVG-grafiek en een tabel
    assert page.locator("main figure.grafiek svg[role=img]").count() == 1
    assert "Verschil per REC" in page.inner_text("main figure.grafiek figcaption")
    rec_rijen = page.locator("#bijschrift-per-rec").locator("xpath=..").locator("tbody tr")
    assert rec_rijen.count() >= 1
    assert re.search(r"-\s?€|€\s?-", rec_rijen.first.inner_text()), rec_rijen.first.inner_text()
    _geen_namen(main, namen)
    bezoek.schermafdruk("scenario-ab-10-procent-lager")
    # de CSV
    with page.expect_download() as download:
        page.click("main a:has-text('Uitkomst downloaden als CSV')")
    pad = tmp_path / "scenario.csv"
    download.value.save_as(pad)
    inhoud = pad.read_bytes()
    assert inhoud.startswith(b"\xef\xbb\xbf")
    tekst = inhoud.decode("utf-8-sig")
    assert tekst.splitlines()[0].startswith("Indeling;Sleutel;Omschrijving;Leerlingen")
    assert "\r\nREC;" in tekst
    _geen_namen(tekst, namen)
    # één CvI-nummer: beide uitleggen naast elkaar
    bezoek.na(lambda: page.locator("#bijschrift-leerlingen").locator("xpath=..").locator(
        "tbody a").first.click())  # fmt: skip
    main = page.inner_text("main")
    assert "Basisregeling" in main and "Scenario 'AB-deel 10 % lager'" in main
    _geen_namen(main, namen)
