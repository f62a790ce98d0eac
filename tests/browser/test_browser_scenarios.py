"""De procedures in de browser, zoals de mensen die ermee werkten ze doorlopen:

- een intern begeleider brengt een toelatingszaak van de schriftelijke aanmelding tot en
  met het handelingsplan (de directie beslist en tekent; de waarschuwing bij fase 6 en 7 in
  één vergadering);
- een CvI-secretaris verlengt de beslistermijn één keer (daarna staat er geen
  verlengformulier meer; de reden komt uit de regeling) en beslist na bevestiging;
- een medewerker bekostiging weigert een melding, de school dient een onvolledig formulier
  in (elk ontbrekend veld genoemd) en daarna het verbeterde, dat wordt geaccepteerd; daarna
  de betaalrun van de maand;
- een ouder ziet alleen de zaken van het eigen kind; een school kan een zaak van een
  andere school niet openen door de URL te wijzigen.

Elke pagina gaat door axe-core (fixture ``bezoek``); de demo rekent op 15 maart 2012.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from tests.browser.conftest import ARTEFACTEN, ontbreekt
from tests.browser.test_browser_basis import WACHTWOORD

D = "2012-03-15"  # de peildatum van de demo


def _als(bezoek, gebruikersnaam: str) -> None:
    page = bezoek.page
    if page.locator("button:has-text('Uitloggen')").count():
        bezoek.na(lambda: page.click("button:has-text('Uitloggen')"))
    bezoek.inloggen(gebruikersnaam, WACHTWOORD)
    assert page.url.endswith("/start/"), page.url


def _vul(page, prefix: str, **velden: str) -> None:
    for veld, waarde in velden.items():
        selector = f"#id_{prefix}-{veld}" if prefix else f"#id_{veld}"
        if page.eval_on_selector(selector, "e => e.tagName") == "SELECT":
            page.select_option(selector, waarde)
        else:
            page.fill(selector, waarde)


def _klik(bezoek, knop: str) -> None:
    bezoek.na(lambda: bezoek.page.click(f"main button:has-text('{knop}')"))


def _verder(bezoek) -> None:
    _klik(bezoek, "Naar de volgende fase")
    assert "De fase is afgerond" in bezoek.page.inner_text("main"), bezoek.page.inner_text("main")[
        :2000
    ]


def _fase(page) -> str:
    return page.inner_text("nav[aria-label='Fasen van het protocol'] [aria-current='step']")


def _pdf_als_png(bezoek, url: str, naam: str, tmp_path) -> None:
    if shutil.which("pdftoppm") is None:
        ontbreekt("pdftoppm ontbreekt; installeer het Debian-pakket 'poppler-utils'")
    antwoord = bezoek.page.request.get(url)
    assert antwoord.status == 200
    assert antwoord.headers["content-type"] == "application/pdf"
    schijf = antwoord.headers["content-disposition"]
    assert re.search(r'filename="[a-z-]+-[0-9a-f]{8}-2012-03-15\.pdf"', schijf), schijf
    pdf = tmp_path / f"{naam}.pdf"
    pdf.write_bytes(antwoord.body())
    ARTEFACTEN.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(ARTEFACTEN / naam)],
        check=True,
    )  # fmt: skip
    assert (ARTEFACTEN / f"{naam}.png").stat().st_size > 10_000


def test_een_intern_begeleider_brengt_een_aanmelding_tot_het_handelingsplan(bezoek, tmp_path):
    page = bezoek.page
    _als(bezoek, "ib.dewieken")
    bezoek.na(lambda: page.click("nav[aria-label='Hoofdmenu'] a:has-text('Toelating')"))
    rij = page.locator("tbody tr", has_text="fase 2: gesprek met de ouders").first
    bezoek.na(lambda: rij.locator("a").click())
    zaak = page.url
    assert "fase 2" in _fase(page)

    # fase 2: eerst verder zonder gegevens: de pagina noemt wat er nog ontbreekt
    assert "datum van de schriftelijke aanmelding" in page.inner_text("#nodig")
    _klik(bezoek, "Naar de volgende fase")
    assert "datum van de schriftelijke aanmelding" in page.inner_text("#fouten")
    assert "fase 2" in _fase(page)
    _vul(
        page,
        "gegevens",
        gesprek_op=D,
        aanmelding_schriftelijk_op=D,
        toestemming_derden_op=D,
        communicatieafspraken="Elke vrijdag belt de intern begeleider de ouders.",
        gespreksverslag="Ouders lichtten hun keuze toe; beleidsplan LGF besproken.",
    )
    _klik(bezoek, "Gegevens opslaan")
    _verder(bezoek)

    # fase 3 en 4: team geïnformeerd, gegevens verzamelen (met toestemming van de ouders)
    _vul(page, "gegevens", team_geinformeerd_op=D)
    _klik(bezoek, "Gegevens opslaan")
    _verder(bezoek)
    assert "fase 4" in _fase(page)
    for instantie in ("cvi", "huidige_school"):
        _vul(page, "informatieverzoek", instantie=instantie, verzocht_op=D)
        _klik(bezoek, "Informatieverzoek vastleggen")
    _vul(
        page, "begeleidingsinformatie", bron="draaiboek", datum=D, samenvatting="Draaiboek gelezen."
    )
    _klik(bezoek, "Informatie vastleggen")
    _verder(bezoek)

    # fase 5: het schema inventarisatie (3 x 3 en 8 x 4)
    assert "fase 5" in _fase(page)
    _vul(
        page, "inventarisatie", op=D, aard_handicap="Syndroom van Down.", b_autonomie_1="aankleden"
    )
    for vak in page.locator("textarea[name^='inventarisatie-d_']").all():
        vak.fill("besproken")
    _klik(bezoek, "Schema opslaan")
    _verder(bezoek)

    # fase 6 en 7 op dezelfde dag: rugzak waarschuwt (002, fase 7)
    _vul(page, "teambespreking", datum=D, verslag="Mogelijkheden en grenzen per domein.")
    _klik(bezoek, "Bespreking vastleggen")
    _verder(bezoek)
    _vul(
        page, "gegevens", teamadvies="plaatsen", teamadvies_op=D, teamadvies_motivering="Haalbaar."
    )
    _klik(bezoek, "Gegevens opslaan")
    assert "in één vergadering" in page.inner_text("main")
    _verder(bezoek)
    assert "fase 8" in _fase(page)
    assert page.locator("#id_besluit-besluit_0").count() == 0  # beslissen doet de directie

    # fase 8: de directie beslist
    _als(bezoek, "directie.dewieken")
    bezoek.ga_naar(zaak.removeprefix(bezoek.server.adres))
    page.check("#id_besluit-besluit_0")
    _vul(page, "besluit", besluit_op=D, motivering="Het team kan bieden wat nodig is.")
    _klik(bezoek, "Beslissing vastleggen")
    # een bindend besluit: eerst bevestigen (issue 15), er is nog niets opgeslagen
    assert "Er is nog niets opgeslagen" in page.inner_text("main")
    _klik(bezoek, "Ja, beslissing vastleggen")
    assert "fase 9a" in _fase(page)

    _als(bezoek, "ib.dewieken")
    bezoek.ga_naar(zaak.removeprefix(bezoek.server.adres))
    _vul(page, "gegevens", plaatsingsdatum="2012-04-01")
    _klik(bezoek, "Gegevens opslaan")
    _verder(bezoek)
    _vul(
        page,
        "gegevens",
        besluit_toegelicht_op=D,
        aanmelding_gehandhaafd="true",
        plaatsingsdatum="2012-04-01",
    )
    _klik(bezoek, "Gegevens opslaan")
    _verder(bezoek)
    assert "fase 11a" in _fase(page)

    # fase 11a: de overeenkomst (bijlage 2), getekend door ouders en school
    bezoek.na(lambda: page.click("a:has-text('Overeenkomst opstellen')"))
    _vul(
        page,
        "",
        groep="5",
        looptijd_van="2012-04-01",
        looptijd_tot="2013-07-31",
        inzet_budget="Een onderwijsassistent, vier uur per week.",
        verplichtingen="De ouders oefenen thuis met het dagritmebord.",
    )
    _klik(bezoek, "Overeenkomst opstellen")
    overeenkomst = page.url
    _vul(page, "ouders", getekend_op=D, naam="J. de Ouder")
    _klik(bezoek, "Handtekening vastleggen")
    _klik(bezoek, "Ja, tekenen")
    _als(bezoek, "directie.dewieken")
    bezoek.ga_naar(overeenkomst.removeprefix(bezoek.server.adres))
    _vul(page, "school", getekend_op=D)
    _klik(bezoek, "Tekenen namens de school")
    _klik(bezoek, "Ja, tekenen")
    assert "ondertekend door school en ouders" in page.inner_text("main").lower()

    _als(bezoek, "ib.dewieken")
    bezoek.ga_naar(zaak.removeprefix(bezoek.server.adres))
    _verder(bezoek)
    _vul(
        page,
        "gegevens",
        bestuur_geinformeerd_op=D,
        mr_geinformeerd_op=D,
        inspectie_geinformeerd_op=D,
    )
    _klik(bezoek, "Gegevens opslaan")
    _verder(bezoek)
    assert "fase 13" in _fase(page)

    # fase 13: het handelingsplan met de verplichte onderdelen en de instemming van de ouders
    bezoek.na(lambda: page.click("a:has-text('Handelingsplan opstellen')"))
    _vul(page, "", periode_van="2012-04-01", periode_tot="2012-07-31", beginsituatie="Leest E3.")
    _klik(bezoek, "Concept opslaan")
    plan = page.url
    _klik(bezoek, "Voorleggen ter instemming")
    fouten = page.inner_text("#fouten")
    for onderdeel in ("doelstelling", "voorzieningen en maatregelen", "monitoring"):
        assert onderdeel in fouten
    _vul(
        page,
        "wijzigen",
        doelstelling="Leest M4 aan het eind van het schooljaar.",
        voorzieningen_en_maatregelen="Twee keer per week een half uur de onderwijsassistent.",
        inzet_lgf="Formatie-uitbreiding voor de onderwijsassistent.",
        monitoring="Evaluatie met ouders en ambulant begeleider.",
        ambulant_begeleider_naam="R. Mulder",
    )
    _klik(bezoek, "Plan opslaan")
    _klik(bezoek, "Voorleggen ter instemming")
    page.check("#id_instemming-besluit_0")
    _vul(page, "instemming", op=D, ouder_naam="J. de Ouder")
    _klik(bezoek, "Besluit vastleggen")
    assert "vastgesteld (ouders stemden in)" in page.inner_text("main").lower()
    assert "Evaluatie mei 2012" in page.inner_text("#evaluaties")

    bezoek.ga_naar(zaak.removeprefix(bezoek.server.adres))
    _verder(bezoek)
    assert "fase 14" in _fase(page)
    assert page.locator("svg.tijdlijn[role='img']").count() == 1
    bezoek.schermafdruk("toelating-fase-14")
    _pdf_als_png(bezoek, plan + "brief.pdf", "brief-handelingsplan", tmp_path)
    _pdf_als_png(bezoek, zaak + "brief/besluit-toelating.pdf", "brief-besluit-toelating", tmp_path)


def test_een_cvi_secretaris_verlengt_een_keer_en_beslist(bezoek, tmp_path):
    page = bezoek.page
    _als(bezoek, "cvi-secretaris.rec3")
    beslissen = page.locator("table", has=page.locator("caption", has_text="Beslissen uiterlijk"))
    rij = beslissen.locator("tbody tr", has_text="19 maart 2012").first
    bezoek.na(lambda: rij.locator("a").first.click())
    aanvraag = page.url
    assert "dossier volledig" in page.inner_text("main").lower()
    _vul(page, "verlengen", op=D, toelichting="")
    _klik(bezoek, "Termijn verlengen")
    assert "noem de reden van de verlenging" in page.inner_text("#fouten")
    _vul(page, "verlengen", toelichting="Aanvullend psychologisch onderzoek nodig.")
    _klik(bezoek, "Termijn verlengen")
    assert "De beslistermijn is verlengd" in page.inner_text("main")
    assert "14 mei 2012" in page.inner_text("main")  # acht weken erbij (regelkern)
    # één keer verlengen: daarna geen formulier meer, wel de reden uit de regelkern
    assert page.locator("#id_verlengen-toelichting").count() == 0
    assert "hoogstens 1 keer verlengd" in page.inner_text("#verlengen")
    page.select_option("#id_positief-onderwijssoort", index=0)
    _vul(page, "positief", op=D, toelichting="Voldoet aan de criteria van cluster 3.")
    _klik(bezoek, "Positief beslissen")
    _klik(bezoek, "Ja, positief beslissen")
    assert "besloten: positief" in page.inner_text("main").lower()
    _pdf_als_png(bezoek, aanvraag + "beschikking.pdf", "brief-beschikking-cvi", tmp_path)


def test_de_bekostigingsinstantie_weigert_accepteert_de_verbeterde_melding_en_betaalt(bezoek):
    page = bezoek.page
    _als(bezoek, "bekostiging.cfi")
    assert "Binnengekomen meldingen" in page.inner_text("main")
    bezoek.na(lambda: page.locator("main a", has_text="Melding C3-").first.click())
    melding = page.url
    assert "stand: ontvangen" in page.inner_text("main").lower()
    _vul(page, "weigeren", reden="Onvolledig: de vo-variant is niet onderbouwd met de beschikking.")
    _klik(bezoek, "Melding weigeren")
    _klik(bezoek, "Ja, melding weigeren")
    assert "stand: geweigerd" in page.inner_text("main").lower()

    # de school verbetert: eerst zonder AB-verzorger (niet in behandeling), dan volledig
    _als(bezoek, "ib.veluwslyceum")
    bezoek.ga_naar(melding.removeprefix(bezoek.server.adres))
    bezoek.na(lambda: page.click("a:has-text('Verbeteren en opnieuw indienen')"))
    ab = page.eval_on_selector("#id_ab_verzorger", "e => e.value")
    leerjaar = page.eval_on_selector("#id_leerjaar", "e => e.value")
    assert ab and leerjaar
    page.select_option("#id_ab_verzorger", "")
    page.select_option("#id_leerjaar", "")
    _klik(bezoek, "Melding indienen")
    fouten = page.inner_text("#fouten")
    assert "Niet in behandeling genomen" in page.inner_text("h2#kop-fouten")
    assert "(V)so-school of AB-dienst" in fouten and "Leerjaar" in fouten
    assert page.get_attribute("#id_ab_verzorger", "aria-invalid") == "true"
    assert page.eval_on_selector("#id_cvi_nummer", "e => e.value").startswith("C3-")
    page.select_option("#id_ab_verzorger", ab)
    page.select_option("#id_leerjaar", leerjaar)
    _klik(bezoek, "Melding indienen")
    assert "De melding is ingediend" in page.inner_text("main")
    nieuw = page.url

    _als(bezoek, "bekostiging.cfi")
    assert "Niet in behandeling genomen" in page.inner_text("main")
    bezoek.ga_naar(nieuw.removeprefix(bezoek.server.adres))
    _klik(bezoek, "Melding accepteren")
    _klik(bezoek, "Ja, melding accepteren")
    assert "stand: geaccepteerd" in page.inner_text("main").lower()
    bezoek.na(lambda: page.click("nav[aria-label='Hoofdmenu'] a:has-text('Betaalruns')"))
    page.fill("#id_maand", "2012-04")
    _klik(bezoek, "Betaalrun starten")
    assert "nog niet begonnen" in page.inner_text("#fouten")
    page.fill("#id_maand", "2012-03")
    _klik(bezoek, "Betaalrun starten")
    assert "De betaalrun voor 03-2012 staat in de wachtrij" in page.inner_text("main")
    # de verwerker naast de server voert hem uit; de pagina ververst zichzelf (zonder JS)
    page.wait_for_selector("text=Totaal geboekt", timeout=120_000)
    assert "Klaar" in page.inner_text("main")
    bezoek.schermafdruk("betaalrun-maart-2012")
    # het grootboek van een ontvanger: elke regel legt zijn bedrag uit
    bezoek.na(lambda: page.click("nav[aria-label='Hoofdmenu'] a:has-text('Grootboek')"))
    bezoek.na(lambda: page.locator("main table a[href^='/betalingen/grootboek/']").first.click())
    bezoek.na(lambda: page.locator("a[href^='/betalingen/grootboek/regel/']").first.click())
    assert page.inner_text("h1").startswith("Waarom dit bedrag?")
    assert "Gelezen uit de regeling" in page.inner_text("main")


def _zaaklinks(page, voorvoegsel: str) -> set[str]:
    return {
        a.get_attribute("href")
        for a in page.locator(f"main a[href^='{voorvoegsel}']").all()
        if re.match(rf"^{voorvoegsel}[0-9a-f-]{{36}}/$", a.get_attribute("href") or "")
    }


def test_een_ouder_ziet_alleen_de_zaken_van_het_eigen_kind(bezoek):
    page = bezoek.page
    _als(bezoek, "directie.dewieken")
    bezoek.na(lambda: page.click("nav[aria-label='Hoofdmenu'] a:has-text('Toelating')"))
    school = _zaaklinks(page, "/toelating/")
    bezoek.na(lambda: page.click("nav[aria-label='Hoofdmenu'] a:has-text('Handelingsplannen')"))
    plannen = _zaaklinks(page, "/handelingsplannen/")
    _als(bezoek, "ouder.001")
    assert "Wat zit er dit schooljaar in de rugzak?" in page.inner_text("main")
    eigen = _zaaklinks(page, "/toelating/") | _zaaklinks(page, "/handelingsplannen/")
    bezoek.schermafdruk("start-ouder-rugzak")
    vreemd = sorted((school | plannen) - eigen)
    assert vreemd
    for href in vreemd[:3]:
        antwoord = bezoek.ga_naar(href)
        assert antwoord.status == 404, href
        assert "Niet gevonden" in page.inner_text("h1")


def test_een_school_opent_geen_zaak_van_een_andere_school_via_de_url(bezoek):
    page = bezoek.page
    _als(bezoek, "directie.hetkompas")
    bezoek.na(lambda: page.click("nav[aria-label='Hoofdmenu'] a:has-text('Toelating')"))
    kompas = sorted(_zaaklinks(page, "/toelating/"))
    bezoek.na(lambda: page.click("nav[aria-label='Hoofdmenu'] a:has-text('Meldingen')"))
    meldingen = sorted(_zaaklinks(page, "/meldingen/"))
    assert kompas and meldingen
    _als(bezoek, "directie.dewieken")
    for href in (kompas[0], meldingen[0], kompas[0] + "brief/uitnodiging.pdf"):
        antwoord = bezoek.page.request.get(bezoek.server.url(href))
        assert antwoord.status == 404, href
    antwoord = bezoek.ga_naar(kompas[0])
    assert antwoord.status == 404
    assert "Niet gevonden" in page.inner_text("h1")
