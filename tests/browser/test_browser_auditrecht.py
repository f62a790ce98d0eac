"""Browsertest van het auditlog als recht (AVG art. 15, I-93): de intern begeleider van
De Wieken opent het dossier van een kind, daarna ziet de ouder op de pagina van het kind
wie dat deed (rol en school, met datum), zonder de naam van de medewerker. En de
functionaris gegevensbescherming vindt de export van het auditlog via het menu. axe-core
controleert elke pagina."""

from __future__ import annotations

import re

from tests.browser.test_browser_basis import WACHTWOORD

MAANDEN = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"


def _eigen_kind(page) -> str:
    links = page.locator("main a[href^='/leerlingen/']").all()
    assert links, "de ouder ziet geen kind op de startpagina"
    return str(links[0].get_attribute("href"))


def test_de_ouder_ziet_wie_het_dossier_van_het_kind_opende(bezoek):
    page = bezoek.page
    bezoek.inloggen("ouder.001", WACHTWOORD)
    kind = _eigen_kind(page)
    bezoek.na(lambda: page.click("button:has-text('Uitloggen')"))

    bezoek.inloggen("ib.dewieken", WACHTWOORD)
    antwoord = bezoek.ga_naar(kind)
    assert antwoord.status == 200, "het kind van ouder.001 hoort bij De Wieken"
    assert "Wie zag of wijzigde" not in page.inner_text("main")  # alleen voor de ouder
    bezoek.na(lambda: page.click("button:has-text('Uitloggen')"))

    bezoek.inloggen("ouder.001", WACHTWOORD)
    bezoek.ga_naar(kind)
    blok = page.locator("section[aria-labelledby='kop-inzage']")
    assert blok.count() == 1
    rijen = [r.inner_text() for r in blok.locator("tbody tr").all()]
    van_ib = [r for r in rijen if "intern begeleider" in r and "OBS De Wieken" in r]
    assert van_ib, rijen[:5]
    assert re.search(rf"\d{{1,2}} ({MAANDEN}) \d{{4}}, \d{{2}}:\d{{2}}", van_ib[0]), van_ib[0]
    assert any(
        "gegevens van de leerling: gelezen" in r and "leerlingpagina bekeken" in r for r in van_ib
    ), van_ib

    assert "ib.dewieken" not in blok.inner_text()
    blok.scroll_into_view_if_needed()
    bezoek.schermafdruk("auditlog-ouder")


def test_de_fg_vindt_de_export_van_het_auditlog_in_het_menu(bezoek):
    page = bezoek.page
    bezoek.inloggen("fg.dewieken", WACHTWOORD)
    bezoek.na(lambda: page.click("nav[aria-label='Hoofdmenu'] a:has-text('Auditlog exporteren')"))
    assert page.inner_text("h1") == "Auditlog exporteren"
    assert page.locator("select#id_organisatie option").all_inner_texts() == ["OBS De Wieken"]
    bezoek.schermafdruk("auditlog-export")
