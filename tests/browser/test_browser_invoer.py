"""Invoer die geen gegevens verliest, in de browser (issue 15): een onmogelijke datum in
een fase van de toelating houdt de opgeslagen datum en toont de fout naast het veld, en een
leeg veld wist niets. Elke pagina gaat door
axe-core (fixture ``bezoek``)."""

from __future__ import annotations

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
    # "3e" in een groepsveld: in de demo staat geen zaak in fase 11a zonder overeenkomst, en
    # het formulier voor een tweede overeenkomst wordt niet meer getoond (issue 15); het
    # getalveld zelf toetst tests/web/test_invoer_zonder_verlies.py.
