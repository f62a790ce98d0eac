"""Browsertest van de takenlijst op de startpagina ("Wat moet er deze week gebeuren"): de
directie van een school ziet onder "Uw taken" per regel het kind, wat er moet gebeuren,
wie moet handelen en de uiterste datum; de knop van een taak leidt naar de pagina (en het
onderdeel) waar de handeling gebeurt. axe-core controleert elke pagina."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.browser.test_browser_basis import WACHTWOORD


def test_de_takenlijst_noemt_het_kind_en_de_knop_leidt_naar_de_handeling(bezoek):
    page = bezoek.page
    bezoek.inloggen("directie.dewieken", WACHTWOORD)
    assert urlsplit(page.url).path in {"/", "/start/"}, page.url
    # de eigen taken staan in tabellen direct in de sectie, niet in de ingeklapte "volgt"
    regels = page.locator("section[aria-labelledby='kop-aandacht'] > div table.taken tbody tr")
    assert regels.count() > 0, page.inner_text("section[aria-labelledby='kop-aandacht']")
    bezoek.schermafdruk("takenlijst-directie")
    regel = regels.first
    kind = regel.locator("th").inner_text().strip()
    # het kind bij naam ("Achternaam, Voornaam"), niet "toelating op ..." of een nummer
    assert ", " in kind and not kind.startswith("toelating"), kind
    cellen = [c.inner_text() for c in regel.locator("td").all()]
    actie, wie, uiterlijk = cellen[0], cellen[1], cellen[2]
    assert actie.split("\n")[0].strip(), cellen
    assert wie.strip() and ("directie" in wie.lower() or "intern begeleider" in wie.lower())
    assert any(m in uiterlijk for m in ("2011", "2012")) or "geen vaste termijn" in uiterlijk
    knop = regel.locator("a.knop-link")
    href = knop.get_attribute("href")
    assert href
    bezoek.na(lambda: knop.click())
    pad, _, anker = href.partition("#")
    assert urlsplit(page.url).path == pad, page.url
    # de pagina van de handeling gaat over hetzelfde kind, en het onderdeel bestaat
    hoofd = page.inner_text("main")
    assert all(deel in hoofd for deel in kind.split(", ")), (kind, hoofd[:400])
    if anker:
        assert page.locator(f"#{anker}").count() == 1, anker
