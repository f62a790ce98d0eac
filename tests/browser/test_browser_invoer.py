"""Invoer die geen gegevens verliest, in de browser (issue 15): een onmogelijke datum in
een fase van de toelating houdt de opgeslagen datum en toont de fout naast het veld; "3e"
in het groepsveld van de overeenkomst is een fout, geen lege groep. Elke pagina gaat door
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

    # "3e" in het groepsveld van de overeenkomst (het formulier van fase 11a; "3e" wordt al
    # door het formulier geweigerd, dus er ontstaat geen overeenkomst). De zaak zelf
    # (fase 3) verandert er niet door.
    zaak_id = zaak.rstrip("/").rsplit("/", 1)[-1]
    bezoek.ga_naar(f"/handelingsplannen/zaak/{zaak_id}/overeenkomst/")
    nieuw = page.url
    page.fill("#id_groep", "3e")
    page.fill("#id_looptijd_van", "1-4-2012")
    page.fill("#id_looptijd_tot", "31-7-2013")
    page.fill("#id_inzet_budget", "Een onderwijsassistent.")
    _klik(bezoek, "Overeenkomst opstellen")
    assert page.url == nieuw
    fout = page.inner_text("#id_groep_error")
    assert "groep is een heel getal van 1 tot en met 8" in fout, fout
    assert page.input_value("#id_groep") == "3e"
    assert page.input_value("#id_inzet_budget") == "Een onderwijsassistent."
