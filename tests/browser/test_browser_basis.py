"""De eerste browsertests: de openbare rekenhulp (ook met alleen het toetsenbord), de
startpagina van elke demorol, een ouder ziet alleen het eigen kind, een school kan een
leerling van een andere school niet openen door de URL te wijzigen, de blokkade na te
veel inlogpogingen, en een PDF-brief als PNG."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.browser.conftest import ARTEFACTEN, ontbreekt

WACHTWOORD = "rugzak-demo-2011"  # rugzak.demo.DEMO_WACHTWOORD (vast, alleen voor de demo)

#: De demo-logins per rol (rugzak.demo.opbouw.DEMO_LOGINS).
DEMO_LOGINS = {
    "directie": "directie.dewieken",
    "intern_begeleider": "ib.dewieken",
    "teamlid": "team.dewieken",
    "bestuurder": "bestuur.veluwerand",
    "cvi_secretaris": "cvi-secretaris.rec3",
    "cvi_lid": "cvi-lid.rec3",
    "ab_coordinator": "ab-coordinator.rec3",
    "ambulant_begeleider": "ab.rec3",
    "bekostigingsmedewerker": "bekostiging.cfi",
    "ouder": "ouder.001",
    "privacy_officer": "fg.dewieken",
    "beleidsanalist": "analist.cfi",
}


def test_de_demo_logins_hier_zijn_die_van_de_demo():
    from rugzak.demo import DEMO_WACHTWOORD
    from rugzak.demo.opbouw import DEMO_LOGINS as ECHT

    assert {str(k): v for k, v in ECHT.items()} == DEMO_LOGINS
    assert DEMO_WACHTWOORD == WACHTWOORD


def _kies(page, selector: str, tekst: str) -> None:
    """Kies een optie in een keuzelijst met het toetsenbord (typen van de optietekst)."""
    page.focus(selector)
    page.wait_for_timeout(1100)  # de zoekbuffer van de keuzelijst leeg laten lopen
    page.keyboard.type(tekst)


def _tab_naar(page, selector: str, maximum: int = 60) -> None:
    """Druk op Tab tot het element met ``selector`` de focus heeft."""
    for _ in range(maximum):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"{selector} is met Tab niet te bereiken")


def test_de_rekenhulp_met_alleen_het_toetsenbord(bezoek):
    page = bezoek.page
    bezoek.ga_naar("/rekenhulp/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    _tab_naar(page, "#id_schooljaar")
    page.keyboard.type("2011-2012")
    _tab_naar(page, "#id_schoolsoort")
    page.wait_for_timeout(1100)
    page.keyboard.type("basis")
    _tab_naar(page, "#id_onderwijssoort")
    page.wait_for_timeout(1100)
    page.keyboard.type("zeer")
    _tab_naar(page, "#id_groep")
    page.wait_for_timeout(1100)
    page.keyboard.type("groep 4")
    _tab_naar(page, "form.formulier button[type=submit]")
    bezoek.na(lambda: page.keyboard.press("Enter"))
    assert "onderwijssoort=zml" in page.url and "groep=4" in page.url
    inhoud = page.inner_text("main")
    assert "Totaal per schooljaar: € 18.277,74" in inhoud
    assert "€ 13.689,93" in inhoud and "€ 4.587,81" in inhoud
    # "Waarom dit bedrag?" staat open, met de gelezen tabelcel en zijn bron
    uitleg = page.locator("details.uitleg").first
    assert uitleg.get_attribute("open") is not None
    tekst = uitleg.inner_text()
    assert "Gelezen uit de regeling" in tekst
    assert "rij ‘cluster 3: zeer moeilijk lerende kinderen’" in tekst
    assert "I-15" in tekst
    bezoek.schermafdruk("rekenhulp-met-uitleg")
    # met het toetsenbord naar een interpretatie
    _tab_naar(page, "details.uitleg a[href*='/regeling/interpretaties/I-15/']", maximum=200)
    bezoek.na(lambda: page.keyboard.press("Enter"))
    assert page.url.endswith("/regeling/interpretaties/I-15/")
    assert "I-15" in page.inner_text("h1")


def test_de_rekenhulp_zet_een_fout_naast_het_veld_en_houdt_de_invoer(bezoek):
    page = bezoek.page
    bezoek.ga_naar(
        "/rekenhulp/?schooljaar=2011-2012&schoolsoort=bao&onderwijssoort=zml&groep=&vo_variant="
    )
    fout = page.locator("#id_groep_error")
    assert "zml-leerling in het basisonderwijs" in fout.inner_text()
    assert page.get_attribute("#id_groep", "aria-invalid") == "true"
    assert "id_groep_error" in page.get_attribute("#id_groep", "aria-describedby")
    assert page.eval_on_selector("#id_onderwijssoort", "e => e.value") == "zml"
    assert page.eval_on_selector("#id_schoolsoort", "e => e.value") == "bao"
    assert page.locator("role=alert").first.is_visible()
    assert "Totaal per schooljaar" not in page.inner_text("main")


def test_de_rekenhulp_toont_een_leemte_in_de_bronnen_zonder_bedrag(bezoek):
    page = bezoek.page
    bezoek.ga_naar(
        "/rekenhulp/?schooljaar=2011-2012&schoolsoort=vo&onderwijssoort=esm&vo_variant=overig"
    )
    melding = page.locator("#kop-ontbrekend")
    assert "de bronnen prijzen deze situatie niet" in melding.inner_text()
    inhoud = page.inner_text("main")
    assert "ernstige spraakmoeilijkheden in het voortgezet onderwijs" in inhoud
    assert "Totaal per schooljaar" not in inhoud and "€" not in inhoud.split("De bronnen")[0]


def test_de_rekenhulp_toont_cluster_1_als_bijzondere_bekostiging(bezoek):
    page = bezoek.page
    bezoek.ga_naar("/rekenhulp/?schooljaar=2011-2012&schoolsoort=bao&onderwijssoort=blind")
    kop = page.inner_text("#kop-uitkomst")
    assert kop.startswith("Bijzondere bekostiging, geen LGF")
    assert "€ 13.665,65" in page.inner_text("main")


def test_het_interpretatielog_is_openbaar(bezoek):
    page = bezoek.page
    bezoek.ga_naar("/regeling/interpretaties/")
    assert page.locator("ol.interpretaties li").count() >= 20
    bezoek.na(lambda: page.click("a[href='/regeling/interpretaties/I-01/']"))
    assert "De keuze van rugzak" in page.inner_text("main")


@pytest.mark.parametrize("rol", list(DEMO_LOGINS))
def test_elke_demorol_logt_in_en_ziet_haar_startpagina(bezoek, rol):
    page = bezoek.page
    bezoek.inloggen(DEMO_LOGINS[rol], WACHTWOORD)
    assert page.url.endswith("/start/"), page.url
    assert page.inner_text("h1").startswith("Welkom")
    assert page.locator("nav[aria-label='Hoofdmenu'] a[aria-current='page']").count() == 1
    assert "Uw rollen" in page.inner_text("main")
    bezoek.schermafdruk(f"start-{rol}")


def _leerlinglinks(page) -> list[tuple[str, str]]:
    """De links naar de pagina van een leerling (``/leerlingen/<publiek id>/``), niet naar
    andere leerlingpagina's zoals ``/leerlingen/nieuw/``."""
    return [
        (href, a.inner_text())
        for a in page.locator("a[href^='/leerlingen/']").all()
        if re.fullmatch(r"/leerlingen/[0-9a-f-]{36}/", href := a.get_attribute("href") or "")
    ]


def test_een_ouder_ziet_alleen_het_eigen_kind(bezoek):
    page = bezoek.page
    # eerst een leerling van De Wieken opzoeken als directie
    bezoek.inloggen("directie.dewieken", WACHTWOORD)
    school = _leerlinglinks(page)
    assert len(school) >= 2
    bezoek.na(lambda: page.click("button:has-text('Uitloggen')"))

    bezoek.inloggen("ouder.001", WACHTWOORD)
    eigen = _leerlinglinks(page)
    assert 1 <= len(eigen) <= 2, eigen
    ouder = page.inner_text(".gebruikersmenu strong")
    for href, _ in eigen:
        bezoek.ga_naar(href)
        assert ouder in page.inner_text("main")  # de ouder staat bij de ouders van dit kind
    vreemd = [href for href, _ in school if href not in {h for h, _ in eigen}]
    assert vreemd
    antwoord = bezoek.ga_naar(vreemd[0])
    assert antwoord.status == 404
    assert "Niet gevonden" in page.inner_text("h1")


def test_een_school_kan_een_leerling_van_een_andere_school_niet_openen(bezoek):
    page = bezoek.page
    bezoek.inloggen("directie.hetkompas", WACHTWOORD)
    kompas = _leerlinglinks(page)
    assert kompas
    href, naam = kompas[0]
    bezoek.na(lambda: page.click("button:has-text('Uitloggen')"))

    bezoek.inloggen("directie.dewieken", WACHTWOORD)
    assert href not in {h for h, _ in _leerlinglinks(page)}
    antwoord = bezoek.ga_naar(href)  # de URL met de hand aangepast
    assert antwoord.status == 404
    assert "Niet gevonden" in page.inner_text("h1")
    achternaam, _, voornaam = naam.partition(", ")
    assert naam not in page.content()
    assert achternaam not in page.inner_text("main") and voornaam not in page.inner_text("main")


def test_na_vijf_verkeerde_wachtwoorden_volgt_een_duidelijke_nederlandse_melding(bezoek):
    page = bezoek.page
    for _ in range(5):
        bezoek.inloggen("team.hetkompas", "verkeerd-wachtwoord")
    bezoek.inloggen("team.hetkompas", WACHTWOORD)
    assert "Inloggen tijdelijk geblokkeerd" in page.inner_text("h1")
    tekst = page.inner_text("main")
    assert "15 minuten geblokkeerd" in tekst
    assert "Ook een juist wachtwoord wordt tijdens de blokkade niet geaccepteerd" in tekst


def test_een_pdf_brief_als_png(bezoek, tmp_path):
    if shutil.which("pdftoppm") is None:
        ontbreekt("pdftoppm ontbreekt; installeer het Debian-pakket 'poppler-utils'")
    page = bezoek.page
    bezoek.ga_naar("/documenten/voorbeeld/")
    links = page.locator("main a[href$='.pdf']")
    assert links.count() == 7
    antwoord = page.request.get(bezoek.server.url("/documenten/voorbeeld/uitnodiging.pdf"))
    assert antwoord.status == 200
    assert antwoord.headers["content-type"] == "application/pdf"
    assert re.search(
        r'filename="voorbeeld-uitnodiging-\d{4}-\d{2}-\d{2}\.pdf"',
        antwoord.headers["content-disposition"],
    )
    pdf = tmp_path / "uitnodiging.pdf"
    pdf.write_bytes(antwoord.body())
    ARTEFACTEN.mkdir(exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(ARTEFACTEN / "brief-uitnodiging"),
        ],
        check=True,
    )
    assert (ARTEFACTEN / "brief-uitnodiging.png").stat().st_size > 10_000


def test_de_rekenhulp_past_op_een_telefoon_zonder_horizontaal_schuiven(browser, server, axe_bron):
    from tests.browser.conftest import Bezoek

    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 740})
    try:
        b = Bezoek(context.new_page(), server, axe_bron)
        b.ga_naar("/rekenhulp/?schooljaar=2011-2012&schoolsoort=bao&onderwijssoort=zml&groep=4")
        breedte = b.page.evaluate("document.documentElement.scrollWidth")
        te_breed = b.page.evaluate(
            """() => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 8)
                .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
        )
        assert breedte <= 375, f"de pagina is {breedte} px breed op 375 px: {te_breed}"
        b.schermafdruk("rekenhulp-telefoon")
    finally:
        context.close()


def test_de_tijdlijn_van_een_zaak_van_de_startpagina(bezoek):
    page = bezoek.page
    bezoek.inloggen("directie.dewieken", WACHTWOORD)
    # de startpagina toont de takenlijst; alle open termijnen staan op /termijnen/
    bezoek.na(lambda: page.click("a[href='/termijnen/']"))
    zaken = page.locator("table.termijnen a[href^='/termijnen/']")
    assert zaken.count() > 0, "de demo hoort open termijnen voor De Wieken te hebben"
    bezoek.na(lambda: zaken.first.click())
    assert page.locator("svg.tijdlijn[role='img']").count() == 1
    assert page.locator("details.uitleg summary", has_text="Waarom deze datum?").count() >= 1
    bezoek.schermafdruk("tijdlijn-zaak")
