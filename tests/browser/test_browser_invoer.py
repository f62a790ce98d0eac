"""Invoer die geen gegevens verliest, in de browser (issue 15): een onmogelijke datum in
een fase van de toelating houdt de opgeslagen datum en toont de fout naast het veld, en een
leeg veld wist niets; "3e" in het groepsveld van de overeenkomst (fase 11a) is een fout naast
het veld, alle getypte tekst blijft staan en er ontstaat niets. Elke pagina gaat door
axe-core (fixture ``bezoek``)."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_browser_basis import WACHTWOORD


def _klik(bezoek, knop: str) -> None:
    bezoek.na(lambda: bezoek.page.click(f"main button:has-text('{knop}')"))


def test_een_onmogelijke_datum_of_3e_verliest_niets(bezoek):
    page = bezoek.page
    bezoek.inloggen("ib.dewieken", WACHTWOORD)
    bezoek.na(lambda: page.click("nav[aria-label='Hoofdmenu'] a:has-text('Toelating')"))
    rij = page.locator("tbody tr", has_text="fase 3: team geïnformeerd").first
    bezoek.na(lambda: rij.locator("a").click())
    zaak = page.url.removeprefix(bezoek.server.adres)

    veld = "#id_gegevens-team_geinformeerd_op"
    assert page.get_attribute(veld, "type") == "text"
    page.fill(veld, "14-3-2012")
    _klik(bezoek, "Gegevens opslaan")
    assert "opgeslagen" in page.inner_text("main").lower()
    assert page.input_value(veld) == "14-03-2012"

    # 31 februari: de fout naast het veld, de getypte tekst blijft, niets opgeslagen
    page.fill(veld, "31-02-2012")
    _klik(bezoek, "Gegevens opslaan")
    fout = page.inner_text(f"{veld}_error")
    assert "31 februari 2012 bestaat niet" in fout, fout
    assert "31 februari 2012 bestaat niet" in page.inner_text("#fouten")
    assert page.input_value(veld) == "31-02-2012"
    bezoek.ga_naar(zaak)
    assert page.input_value(veld) == "14-03-2012"

    # leeg laten wist de opgeslagen datum niet
    page.fill(veld, "")
    _klik(bezoek, "Gegevens opslaan")
    assert "14 maart 2012 opgeslagen; die blijft staan" in page.inner_text(f"{veld}_error")
    bezoek.ga_naar(zaak)
    assert page.input_value(veld) == "14-03-2012"


@pytest.fixture(scope="module")
def zaak_11a(server) -> str:
    """Een zaak in fase 11a zonder overeenkomst (de demo heeft er geen), via de services
    in de database van de server (tests/browser/zaak_11a.py)."""
    uit = server.opbouw("tests.browser.zaak_11a")
    assert uit["toestand"] == "11a", uit
    return uit["zaak"]


def test_3e_in_het_groepsveld_van_de_overeenkomst_verliest_niets(bezoek, zaak_11a):
    page = bezoek.page
    bezoek.inloggen("ib.dewieken", WACHTWOORD)
    bezoek.ga_naar(f"/toelating/{zaak_11a}/")
    assert "fase 11a" in page.inner_text("main")
    bezoek.na(lambda: page.click("main a:has-text('Overeenkomst opstellen')"))
    formulier = page.url
    assert page.get_attribute("#id_groep", "type") == "text"
    ingevuld = {
        "#id_groep": "3e",
        "#id_looptijd_van": "2-4-2012",
        "#id_looptijd_tot": "31-7-2013",
        "#id_inzet_budget": "Een onderwijsassistent, zes uur per week.",
        "#id_verplichtingen": "De ouders oefenen thuis met het dagritmebord.",
        "#id_extra_evaluatiemomenten": "14-5-2012",
    }
    for veld, tekst in ingevuld.items():
        page.fill(veld, tekst)
    _klik(bezoek, "Overeenkomst opstellen")

    # niet opgeslagen: de fout naast het veld en in het overzicht, alles wat getypt was staat er nog
    assert page.url == formulier
    assert page.title().startswith("Niet opgeslagen")
    fout = page.inner_text("#id_groep_error")
    assert "groep is een heel getal van 1 tot en met 8" in fout, fout
    assert "groep is een heel getal" in page.inner_text("#fouten")
    assert page.get_attribute("#id_groep", "aria-invalid") == "true"
    for veld, tekst in ingevuld.items():
        assert page.input_value(veld) == tekst, veld
    # er ontstond geen overeenkomst: de zaak biedt het formulier nog aan
    bezoek.ga_naar(f"/toelating/{zaak_11a}/")
    assert page.locator("main a:has-text('Overeenkomst opstellen')").count() == 1

    # met groep 3 slaagt hetzelfde formulier; de overeenkomst noemt groep 3 en de extra
    # evaluatie in de Nederlandse notatie
    bezoek.ga_naar(formulier.removeprefix(bezoek.server.adres))
    for veld, tekst in ingevuld.items():
        page.fill(veld, "3" if veld == "#id_groep" else tekst)
    _klik(bezoek, "Overeenkomst opstellen")
    tekst = page.inner_text("main")
    assert "groep 3" in tekst and "14 mei 2012" in tekst, tekst
    assert re.search(r"\b20\d\d-\d\d-\d\d\b", tekst) is None, tekst
