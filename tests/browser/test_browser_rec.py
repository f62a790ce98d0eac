"""Browsertest van de leerlingtelling (004): de secretaris van REC 3 opent via het menu de
telling van zijn REC en van een school; axe-core controleert elke pagina."""

from __future__ import annotations

from tests.browser.test_browser_basis import WACHTWOORD


def test_leerlingtelling_van_rec_3_via_het_menu(bezoek):
    page = bezoek.page
    bezoek.inloggen("cvi-secretaris.rec3", WACHTWOORD)
    bezoek.na(lambda: page.click("nav[aria-label='Hoofdmenu'] a:has-text('Leerlingtelling')"))
    assert "REC 3 Veluwe en IJssel" in page.inner_text("main")
    bezoek.na(lambda: page.click("main a:has-text('REC 3 Veluwe en IJssel')"))
    page.select_option("#teldatum", "2011-10-01")
    bezoek.na(lambda: page.click("main button:has-text('Tonen')"))
    tekst = page.inner_text("main")
    assert "zittend op 31 juli 2003" in tekst
    assert "op residentiële plaatsen" in tekst
    bezoek.schermafdruk("rec-telling")
    bezoek.ga_naar("/rec/")
    bezoek.na(lambda: page.click("main a:has-text('VSO De Horizon')"))
    assert "Telling per categorie" in page.inner_text("main")
