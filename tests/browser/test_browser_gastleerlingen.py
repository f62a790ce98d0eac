"""Browsertest van de lijst van gastleerlingen (002, hoofdstuk 3): de directie van de
ontvangende school opent haar via het menu en gaat naar een leerling; een andere school
ziet die gastleerling niet. axe-core controleert elke pagina."""

from __future__ import annotations

from tests.browser.test_browser_basis import WACHTWOORD


def _gasten(page) -> list[tuple[str, str]]:
    return [
        (a.get_attribute("href"), a.inner_text())
        for a in page.locator("main table a[href^='/leerlingen/']").all()
    ]


def test_de_ontvangende_school_opent_de_gastleerlingen_via_het_menu(bezoek):
    page = bezoek.page
    bezoek.inloggen("directie.dewieken", WACHTWOORD)
    bezoek.na(lambda: page.click("nav[aria-label='Hoofdmenu'] a:has-text('Gastleerlingen')"))
    assert page.url.endswith("/toelating/gastleerlingen/"), page.url
    assert page.inner_text("h1") == "Gastleerlingen"
    huidig = page.locator("nav[aria-label='Hoofdmenu'] a[aria-current='page']")
    assert huidig.count() == 1 and huidig.inner_text() == "Gastleerlingen"
    lopend = page.inner_text("section[aria-labelledby='kop-lopend']")
    assert "De Klimboom" in lopend and "De Wieken" in lopend
    gasten = _gasten(page)
    assert gasten
    bezoek.schermafdruk("gastleerlingen")
    href, naam = gasten[0]
    bezoek.na(lambda: page.click(f"main table a[href='{href}']"))
    assert naam.partition(", ")[0] in page.inner_text("main")

    bezoek.na(lambda: page.click("button:has-text('Uitloggen')"))
    bezoek.inloggen("directie.hetkompas", WACHTWOORD)
    bezoek.ga_naar("/toelating/gastleerlingen/")
    assert href not in {h for h, _ in _gasten(page)}
