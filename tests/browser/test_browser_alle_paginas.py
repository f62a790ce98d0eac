"""Elke pagina van de demo, per rol, op een breed scherm (1280 px) en op een telefoon
(390 px): axe-core vindt geen enkele schending (WCAG 2.0/2.1 A en AA, elke ernst), geen
pagina schuift horizontaal, en op de telefoon staat elk bedrag in een tabel volledig in
beeld (niet afgesneden door de rand van het scherm of van een schuifvak). Van de
startpagina van elke rol komt een schermafdruk op beide breedtes in ``artefacten/``.

Zuinig: één browser, één context per breedte; per rol logt elke context één keer in. De
pagina's worden gevonden door de links op de pagina's zelf te volgen (menu en inhoud).
Van elke soort pagina (hetzelfde pad met de ids weggelaten, dezelfde queryparameters)
wordt er één bezocht, op elke breedte één keer: door de eerste rol die er een link naar
heeft; de startpagina en de menupagina's door elke rol, en alle pagina's van de ouder
(die ziet ze anders). Openbare pagina's (rekenhulp, interpretaties,
voorbeeldbrieven, inloggen) worden één keer bezocht, zonder inloggen. Een serverfout
laat de test falen; een link naar een pagina die de rol niet mag zien (403, 404) wordt
als waarschuwing gemeld.
"""

from __future__ import annotations

import re
import warnings
from collections import deque
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.browser.conftest import ARTEFACTEN, AXE_TAGS
from tests.browser.test_browser_basis import DEMO_LOGINS, WACHTWOORD

BREEDTES = {"breed": 1280, "telefoon": 390}
#: hoogstens zoveel soorten pagina's per rol (een vangnet; de demo heeft er minder)
MAX_PER_ROL = 60
#: rollen die al hun pagina's zelf doorlopen, ook soorten die een andere rol al zag: de
#: ouder ziet dezelfde pagina's anders (uitleg in gewone taal, wie las de gegevens)
EIGEN_RONDE = {"ouder"}
#: geen HTML-pagina's, of pagina's die iets doen
OVERSLAAN = re.compile(r"(\.pdf|\.csv|\.json|\.png|\.svg)$|^/(api|admin|static|uitloggen)/")

_AXE_ALLES = """async (tags) => {
    const r = await axe.run(document, {
        runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        doelen: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""

#: Welke elementen buiten beeld vallen: de pagina zelf (horizontaal schuiven), en elk
#: bedrag in een tabel dat buiten het scherm of buiten zijn schuifvak steekt.
_BUITEN_BEELD = """() => {
    const uit = {breedte: document.documentElement.scrollWidth, te_breed: [], bedragen: []};
    const w = window.innerWidth;
    for (const e of document.querySelectorAll('main *')) {
        const r = e.getBoundingClientRect();
        if (r.width && r.right > w + 1 && !e.closest('.tabel-rol')) {
            uit.te_breed.push(e.tagName.toLowerCase() + '.' + e.className + ' ' + Math.round(r.right));
        }
    }
    const cellen = document.querySelectorAll(
        'main td.getal, main th.getal, main td .bedrag, main th .bedrag');
    for (const c of cellen) {
        if (!c.offsetParent) continue;  // verborgen (bv. in een dichte <details>)
        if (!c.textContent.includes('€')) continue;  // een aantal, geen bedrag
        const r = c.getBoundingClientRect();
        let rechts = w, links = 0;
        for (let p = c.parentElement; p; p = p.parentElement) {
            const s = getComputedStyle(p);
            if (s.overflowX !== 'visible') {
                const q = p.getBoundingClientRect();
                rechts = Math.min(rechts, q.right);
                links = Math.max(links, q.left);
            }
        }
        if (r.right > rechts + 1 || r.left < links - 1 || c.scrollWidth > c.clientWidth + 1) {
            uit.bedragen.push(c.textContent.trim() + ' (' + Math.round(r.left) + '-' +
                Math.round(r.right) + ' px, zichtbaar ' + Math.round(links) + '-' +
                Math.round(rechts) + ')');
        }
    }
    uit.te_breed = uit.te_breed.slice(0, 6);
    uit.bedragen = uit.bedragen.slice(0, 6);
    return uit;
}"""


def soort(url: str) -> str | None:
    """De soort pagina van een link (pad met ids weggelaten, de namen van de
    queryparameters), of None als het geen pagina is om te bezoeken."""
    delen = urlsplit(url)
    if delen.scheme not in {"http", "https", ""} or OVERSLAAN.search(delen.path):
        return None
    pad = "/".join("*" if re.search(r"\d", d) else d for d in delen.path.split("/"))
    sleutels = sorted({k for k, _ in parse_qsl(delen.query, keep_blank_values=True)})
    return pad + ("?" + "&".join(sleutels) if sleutels else "")


#: de soorten openbare pagina's (na de ronde zonder inloggen: alles wat daar bereikbaar was)
openbare_soorten: set[str | None] = {soort("/rekenhulp/"), soort("/inloggen/")}


class Tab:
    """Een context van één breedte, met één tabblad."""

    def __init__(self, browser, server, axe_bron: str, breedte: int) -> None:
        self.breedte = breedte
        self.server = server
        self.axe_bron = axe_bron
        self.context = browser.new_context(
            locale="nl-NL", viewport={"width": breedte, "height": 900}
        )
        self.page = self.context.new_page()
        self.csp: list[str] = []
        self.dood: list[str] = []
        self.page.on(
            "console",
            lambda b: self.csp.append(b.text) if "Content Security Policy" in b.text else None,
        )

    def bezoek(self, pad: str, fouten: list[str]) -> list[str]:
        """Open ``pad``, controleer de pagina en geef de links erop terug."""
        page = self.page
        antwoord = page.goto(self.server.url(pad))
        status = antwoord.status if antwoord is not None else 0
        if status >= 500 or status == 0:
            fouten.append(f"{self.breedte} px {pad}: status {status}")
            return []
        if status != 200:
            # een link die de toepassing toont maar die deze rol niet mag openen: gemeld
            # als waarschuwing (de rechten zijn niet van deze test), niet gecontroleerd
            self.dood.append(f"{pad}: {status}")
            return []
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(self.axe_bron)
        for v in page.evaluate(_AXE_ALLES, AXE_TAGS):
            fouten.append(
                f"{self.breedte} px {pad}: axe {v['id']} ({v['impact']}): {v['help']} "
                f"bij {', '.join(v['doelen'])}"
            )
        beeld = page.evaluate(_BUITEN_BEELD)
        if beeld["breedte"] > self.breedte:
            fouten.append(
                f"{self.breedte} px {pad}: de pagina is {beeld['breedte']} px breed: "
                f"{beeld['te_breed']}"
            )
        if beeld["bedragen"]:
            fouten.append(f"{self.breedte} px {pad}: bedragen niet in beeld: {beeld['bedragen']}")
        return page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")

    def inloggen(self, gebruiker: str) -> None:
        page = self.page
        self.context.clear_cookies()
        page.goto(self.server.url("/inloggen/"))
        page.fill("#id_username", gebruiker)
        page.fill("#id_password", WACHTWOORD)
        with page.expect_navigation():
            page.click("form.formulier button[type=submit]")
        assert page.url.endswith("/start/"), page.url

    def schermafdruk(self, naam: str) -> None:
        ARTEFACTEN.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTEFACTEN / f"{naam}.png"), full_page=True)


def _doorloop(
    tabs: list[Tab],
    begin: list[str],
    gezien: set[str | None],
    fouten: list[str],
    server,
    menu_eigen: bool = False,
) -> int:
    """Bezoek de paden in ``begin`` en daarna elke nog niet geziene soort pagina die met
    links bereikbaar is, op elke breedte één keer; geeft het aantal bezochte pagina's. Met
    ``menu_eigen`` worden ook de menupunten van de eerste pagina bezocht als een andere rol
    die soort al zag (elke rol haar eigen lijsten)."""
    eigen = urlsplit(server.adres).netloc
    rij: deque[str] = deque(begin)
    aantal = 0
    eerste = True
    while rij and aantal < MAX_PER_ROL:
        pad = rij.popleft()
        links: list[str] = []
        for tab in tabs:
            links = tab.bezoek(pad, fouten) or links
        aantal += 1
        menu: set[str] = set()
        if eerste and menu_eigen:
            menu = set(
                tabs[0].page.eval_on_selector_all(
                    "nav[aria-label='Hoofdmenu'] a[href]", "as => as.map(a => a.href)"
                )
            )
        eerste = False
        for href in links:
            delen = urlsplit(href)
            if delen.netloc != eigen:
                continue
            s = soort(href)
            pad_q = delen.path + (f"?{delen.query}" if delen.query else "")
            if s is None or pad_q in begin:
                continue
            if href in menu and s not in {soort(p) for p in begin} | set(openbare_soorten):
                rij.append(pad_q)
                gezien.add(s)
                menu.discard(href)
                continue
            if s in gezien:
                continue
            gezien.add(s)
            rij.append(pad_q)
    return aantal


@pytest.mark.parametrize("breedtes", [tuple(BREEDTES.values())], ids=["1280-en-390"])
def test_elke_pagina_van_elke_rol_op_breed_scherm_en_telefoon(browser, server, axe_bron, breedtes):
    tabs = [Tab(browser, server, axe_bron, b) for b in breedtes]
    fouten: list[str] = []
    bezocht: dict[str, int] = {}
    try:
        # de openbare pagina's, één keer, zonder inloggen
        openbaar = set(openbare_soorten)
        bezocht["openbaar"] = _doorloop(
            tabs, ["/rekenhulp/", "/inloggen/"], openbaar, fouten, server
        )
        openbare_soorten.update(openbaar)
        gezien = set(openbaar) | {soort("/start/"), soort("/")}
        for rol, gebruiker in DEMO_LOGINS.items():
            for tab in tabs:
                tab.inloggen(gebruiker)
            eigen = set(openbaar) | {soort("/start/"), soort("/")} if rol in EIGEN_RONDE else gezien
            bezocht[rol] = _doorloop(tabs, ["/start/"], eigen, fouten, server, menu_eigen=True)
            for tab in tabs:
                tab.page.goto(server.url("/start/"))
                tab.schermafdruk(f"start-{rol}-{tab.breedte}")
    finally:
        csp = [c for tab in tabs for c in tab.csp]
        dood = sorted({d for tab in tabs for d in tab.dood})
        for tab in tabs:
            tab.context.close()
    print("bezochte soorten pagina's per rol:", bezocht, "totaal", sum(bezocht.values()))
    if dood:
        warnings.warn(f"links naar een pagina die de rol niet mag zien: {dood}", stacklevel=1)
    assert sum(bezocht.values()) >= 60, bezocht
    assert not csp, f"de CSP weigerde iets: {csp[:5]}"
    assert not fouten, f"{len(fouten)} problemen:\n" + "\n".join(fouten)
