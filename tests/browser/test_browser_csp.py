"""De strikte Content-Security-Policy (geen 'unsafe-inline') op de hoofdpagina's: per rol de
startpagina en elke pagina uit het hoofdmenu, plus een leerlingpagina en de API in de
browser. De fixture ``bezoek`` faalt als de browser een CSP-schending meldt (console);
de eerste test laat zien dat die melding er echt komt bij inline code."""

from __future__ import annotations

import pytest

WACHTWOORD = "rugzak-demo-2011"  # rugzak.demo.DEMO_WACHTWOORD

ROLLEN = {
    "directie": "directie.dewieken",
    "cvi_secretaris": "cvi-secretaris.rec3",
    "ab_coordinator": "ab-coordinator.rec3",
    "bekostigingsmedewerker": "bekostiging.cfi",
    "ouder": "ouder.001",
}


def test_de_browser_weigert_inline_script_en_stijl_en_meldt_het(browser, server):
    context = browser.new_context()
    page = context.new_page()
    meldingen: list[str] = []
    page.on("console", lambda m: meldingen.append(m.text))
    try:
        page.goto(server.url("/inloggen/"))
        # een inline script en een style-attribuut, in de DOM gezet zoals een XSS zou doen
        page.evaluate(
            """() => {
                const s = document.createElement('script');
                s.textContent = 'window.__inline_gedraaid = true';
                document.body.appendChild(s);
                const p = document.createElement('p');
                p.setAttribute('style', 'color: red');
                document.body.appendChild(p);
            }"""
        )
        page.wait_for_timeout(300)
        assert page.evaluate("window.__inline_gedraaid === undefined")
        csp = [m for m in meldingen if "Content Security Policy" in m]
        assert any("script" in m for m in csp), meldingen
    finally:
        context.close()


def _menulinks(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "nav[aria-label='Hoofdmenu'] a[href^='/']", "els => els.map(a => a.getAttribute('href'))"
    )
    return list(dict.fromkeys(hrefs))


@pytest.mark.parametrize("rol", list(ROLLEN))
def test_de_hoofdpaginas_van_elke_rol_houden_zich_aan_de_csp(bezoek, rol):
    page = bezoek.page
    bezoek.inloggen(ROLLEN[rol], WACHTWOORD)
    links = _menulinks(page)
    assert links, "het hoofdmenu heeft geen links"
    for href in links:
        antwoord = bezoek.ga_naar(href)
        assert antwoord.status == 200, href
    if rol in ("directie", "ouder"):  # en een leerlingpagina (dossier)
        bezoek.ga_naar("/start/")
        # een leerling met naam (een regel '(leerling)' is iemand die de school niet meer ziet)
        leerling = next(
            a.get_attribute("href")
            for a in page.locator("a[href^='/leerlingen/']").all()
            if not a.inner_text().startswith("(")
        )
        assert bezoek.ga_naar(leerling).status == 200
    assert len(bezoek.gecontroleerd) > len(links)
    assert bezoek.csp_fouten == [], bezoek.csp_fouten


def test_de_api_in_de_browser_houdt_zich_aan_de_csp(browser, server):
    """Een browser die de API opent, krijgt JSON: de HTML-weergave van Django REST
    Framework zette inline stijlen in de pagina, die de CSP weigerde (gevonden met deze
    test); zie REST_FRAMEWORK in de instellingen."""
    context = browser.new_context()
    page = context.new_page()
    meldingen: list[str] = []
    page.on("console", lambda m: meldingen.append(m.text))
    try:
        page.goto(server.url("/inloggen/"))
        page.fill("#id_username", ROLLEN["directie"])
        page.fill("#id_password", WACHTWOORD)
        with page.expect_navigation():
            page.click("form.formulier button[type=submit]")
        for pad in ("/api/v1/", "/api/v1/meldingen/", "/api/v1/leerlingen/"):
            antwoord = page.goto(server.url(pad))
            assert antwoord.status == 200, (pad, antwoord.status)
            assert antwoord.headers["content-type"].startswith("application/json"), pad
            page.wait_for_load_state("load")
        csp = [m for m in meldingen if "Content Security Policy" in m]
        assert not csp, csp
    finally:
        context.close()
