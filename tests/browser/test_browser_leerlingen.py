"""Een nieuw gezin in de browser (issue 13): de intern begeleider registreert een nieuwe
leerling met een ouder en schrijft het kind in, start de toelatingszaak, en de ouder logt
in met het beginwachtwoord en ziet het kind meteen. Elke pagina gaat door axe-core."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.browser.test_browser_scenarios import _als, _klik, _vul


def test_een_ib_registreert_een_gezin_en_de_ouder_ziet_het_kind(bezoek):
    page = bezoek.page
    _als(bezoek, "ib.dewieken")
    bezoek.na(lambda: page.click("nav[aria-label='Hoofdmenu'] a:has-text('Nieuwe leerling')"))
    assert page.inner_text("h1") == "Een nieuwe leerling registreren"

    # eerst een fout: de pagina noemt het veld en slaat niets op
    _vul(page, "", voornaam="Jip", achternaam="Zonneveld", geboortedatum="2007-10-04",
         adres="Vlinderlaan 8", postcode="12", woonplaats="Harderwijk", van="2012-03-19",
         groep="2", ouder_voornaam="Mirjam", ouder_achternaam="Zonneveld",
         ouder_email="mirjam.zonneveld@voorbeeld.nl")  # fmt: skip
    _klik(bezoek, "Leerling registreren")
    assert "Postcode" in page.inner_text("#fouten")
    bezoek.schermafdruk("leerling-registreren-fout")

    _vul(page, "", postcode="3842 GH")
    _klik(bezoek, "Leerling registreren")
    assert "Jip Zonneveld is geregistreerd" in page.inner_text("h1")
    assert "groep 2" in page.inner_text("main")
    gebruikersnaam = page.inner_text("#ouder-gebruikersnaam")
    wachtwoord = page.inner_text("#ouder-wachtwoord")
    assert gebruikersnaam == "mirjam.zonneveld@voorbeeld.nl"
    bezoek.schermafdruk("leerling-geregistreerd")

    # de leerlingpagina toont de inschrijving; van daar de toelatingszaak (fase 1)
    bezoek.na(lambda: page.click("main a:has-text('Naar de leerlingpagina')"))
    kind_url = urlsplit(page.url).path
    assert "lopend" in page.inner_text("section[aria-labelledby='kop-inschrijvingen'] table")
    assert "Mirjam Zonneveld" in page.inner_text("main")
    bezoek.na(lambda: page.click("main a:has-text('Toelatingszaak starten')"))
    assert page.eval_on_selector("#id_leerling", "e => e.options[e.selectedIndex].text").startswith(
        "Zonneveld"
    )
    _klik(bezoek, "Zaak starten")
    assert "De toelatingszaak is gestart" in page.inner_text("main")

    # de ouder logt in met het beginwachtwoord en ziet het kind
    bezoek.na(lambda: page.click("button:has-text('Uitloggen')"))
    bezoek.inloggen(gebruikersnaam, wachtwoord)
    assert page.url.endswith("/start/"), page.url
    assert "Jip Zonneveld" in page.inner_text("main")
    bezoek.schermafdruk("ouder-ziet-kind")

    # terug als intern begeleider: groep, ouder koppelen en uitschrijven (elke pagina axe)
    _als(bezoek, "ib.dewieken")
    bezoek.ga_naar(kind_url)
    bezoek.na(lambda: page.click("main a:has-text('Groep of leerjaar wijzigen')"))
    _vul(page, "", groep="3")
    _klik(bezoek, "Opslaan")
    assert "zit nu in groep 3 (was groep 2)" in page.inner_text("main")
    bezoek.na(lambda: page.click("main a:has-text('Ouder of verzorger koppelen')"))
    _klik(bezoek, "Koppelen")
    assert "E-mailadres van de ouder" in page.inner_text("#fouten")
    bezoek.ga_naar(kind_url)
    bezoek.na(lambda: page.click("main a:has-text('Uitschrijven')"))
    _vul(page, "", tot="2012-06-29")  # ingeschreven vanaf 19 maart
    page.check("input[value='andere_reguliere_school']")
    _klik(bezoek, "Uitschrijven")
    assert "doet uw school niets bij de bekostigingsinstantie" in page.inner_text("main")
    bezoek.schermafdruk("leerling-uitgeschreven")
