"""Issue 15, de ontbrekende handelingen in de browser (demo, peildatum 15 maart 2012):

- de AB-coördinator kent een aangevraagde PAB toe met een ambulant begeleider; het besluit
  vraagt eerst een bevestiging, "Terug naar het formulier" houdt de invoer vast;
- een lid van de CvI legt een advies vast over een aanvraag, en krijgt daarna geen tweede
  formulier;
- de rekenhulp biedt alleen geprijsde schooljaren en springt naar de uitkomst.

Elke pagina gaat door axe-core (fixture ``bezoek``)."""

from __future__ import annotations

from tests.browser.test_browser_scenarios import D, _als, _klik, _vul


def test_de_ab_coordinator_kent_een_pab_toe_met_een_begeleider_na_bevestiging(bezoek):
    page = bezoek.page
    _als(bezoek, "ab-coordinator.rec3")
    assert "Aangevraagd: toewijzen of afwijzen" in page.inner_text("main")
    bezoek.ga_naar("/ambulante_begeleiding/?soort=pab")
    rij = page.locator("table tbody tr", has_text="aangevraagd").first
    bezoek.na(lambda: rij.locator("a").first.click())
    begeleiding = page.url
    assert "nog niet toegewezen" in page.inner_text("main")
    assert page.locator("#id_afwijzen-reden").count() == 1
    page.select_option("#id_starten-begeleider", index=1)
    naam = page.eval_on_selector(
        "#id_starten-begeleider", "e => e.options[e.selectedIndex].textContent"
    )
    _vul(page, "starten", op=D, toelichting="Preventief, op advies van de CvI.")
    _klik(bezoek, "Toekennen en starten")
    tekst = page.inner_text("main")
    assert "Bevestigen: toekennen en starten" in tekst and "Er is nog niets opgeslagen" in tekst
    assert naam in tekst and "15 maart 2012" in tekst
    # terug: de invoer staat er nog, er is niets veranderd
    _klik(bezoek, "Terug naar het formulier")
    assert page.url == begeleiding + "starten/"
    assert page.eval_on_selector("#id_starten-toelichting", "e => e.value").startswith("Preventief")
    assert "nog niet toegewezen" in page.inner_text("main")
    _klik(bezoek, "Toekennen en starten")
    _klik(bezoek, "Ja, toekennen en starten")
    tekst = page.inner_text("main")
    assert "De begeleiding is toegekend en loopt" in tekst
    assert "lopend" in tekst and naam in tekst
    assert page.locator("#id_starten-op").count() == 0  # toegekend: geen toekenformulier meer
    assert page.locator("#id_afwijzen-reden").count() == 0


def test_een_cvi_lid_legt_een_advies_vast(bezoek):
    page = bezoek.page
    _als(bezoek, "cvi-lid.rec3")
    bezoek.ga_naar("/indicaties/?status=dossier_volledig")
    bezoek.na(lambda: page.locator("table tbody tr a").first.click())
    assert page.locator("#id_positief-onderwijssoort").count() == 0  # beslissen: secretaris
    page.check("#id_advies-oordeel_0")
    _vul(page, "advies", overwegingen="Voldoet aan de landelijke criteria.", op=D)
    _klik(bezoek, "Advies vastleggen")
    tekst = page.inner_text("main")
    assert "Uw advies is vastgelegd" in tekst
    assert "Voldoet aan de landelijke criteria." in page.inner_text("#adviezen")
    assert page.locator("#id_advies-overwegingen").count() == 0
    assert "U kunt nu geen advies geven" in page.inner_text("#adviezen")


def test_de_rekenhulp_biedt_alleen_geprijsde_jaren_en_toont_de_uitkomst_in_beeld(bezoek):
    page = bezoek.page
    bezoek.ga_naar("/rekenhulp/")
    jaren = page.eval_on_selector_all("#id_schooljaar option", "os => os.map(o => o.value)")
    assert jaren == ["2009-2010", "2011-2012"]
    page.select_option("#id_onderwijssoort", "lg")
    _klik(bezoek, "Bereken")
    assert page.url.endswith("#uitkomst")
    kop = page.locator("#kop-uitkomst")
    assert kop.is_visible()
    boven = page.evaluate(
        "() => document.getElementById('kop-uitkomst').getBoundingClientRect().top"
    )
    assert -2 <= boven < 900, boven  # in het venster, niet 1.300 px eronder
