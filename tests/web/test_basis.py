"""De basisopmaak: Nederlands, toegankelijk (oversla-link, landmarks, labels), zonder inline
stijlen of scripts (CSP 'self'), een menu per rol, en een duidelijke melding bij een
geblokkeerde inlog."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rugzak.organisaties.rollen import Roltype
from rugzak.web.navigatie import Menupunt, menu
from tests.web.hulp import MODEL_BACKEND, bedieningen_zonder_label, inline_stijl_of_script

pytestmark = pytest.mark.django_db

OPENBAAR = ["inloggen", "rekenhulp", "interpretaties", "voorbeeldbrieven"]


@pytest.mark.parametrize("naam", OPENBAAR)
def test_elke_openbare_pagina_is_nederlands_met_oversla_link_en_landmarks(client, naam):
    html = client.get(reverse(naam)).content.decode()
    assert '<html lang="nl">' in html
    assert '<a class="overslaan" href="#inhoud">Naar de inhoud</a>' in html
    assert '<main id="inhoud"' in html and "<header" in html and "<footer" in html
    assert '<nav aria-label="Hoofdmenu"' in html
    assert html.count("<h1") == 1
    assert bedieningen_zonder_label(html) == []
    assert inline_stijl_of_script(html) == []


def test_ingelogde_paginas_zijn_even_netjes(client, wereld):
    client.force_login(wereld.directie_a, backend=MODEL_BACKEND)
    for url in (
        reverse("start"),
        reverse("termijnen"),
        reverse("leerling", args=[wereld.leerling_a.publiek_id]),
    ):
        html = client.get(url).content.decode()
        assert '<html lang="nl">' in html, url
        assert bedieningen_zonder_label(html) == [], url
        assert inline_stijl_of_script(html) == [], url
        assert "csrfmiddlewaretoken" in html  # het uitlogformulier


def test_wie_niet_is_ingelogd_ziet_alleen_de_openbare_menupunten(client):
    html = client.get(reverse("rekenhulp")).content.decode()
    menu_html = html.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert "Wat zit er in de rugzak?" in menu_html and "Interpretaties" in menu_html
    assert "Start" not in menu_html and "Termijnen" not in menu_html
    assert 'href="/rekenhulp/" aria-current="page"' in menu_html
    assert '<a href="/inloggen/">Inloggen</a>' in html


def test_een_ouder_ziet_mijn_kind_en_geen_termijnenoverzicht(client, wereld):
    client.force_login(wereld.ouder_a, backend=MODEL_BACKEND)
    html = client.get(reverse("start")).content.decode()
    menu_html = html.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert "Mijn kind" in menu_html and "Termijnen" not in menu_html


def test_een_school_ziet_start_en_termijnen(client, wereld):
    client.force_login(wereld.directie_a, backend=MODEL_BACKEND)
    html = client.get(reverse("termijnen")).content.decode()
    menu_html = html.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert '<a href="/start/">Start</a>' in menu_html
    assert '<a href="/termijnen/" aria-current="page">Termijnen</a>' in menu_html


def test_het_menu_neemt_punten_van_apps_op_per_rol_en_slaat_onbekende_urls_over(monkeypatch):
    extra = [
        Menupunt("Aanvragen", "rekenhulp", rollen=frozenset({Roltype.CVI_SECRETARIS}), volgorde=5),
        Menupunt("Bestaat nog niet", "geen-url-met-deze-naam", rollen=frozenset(Roltype.values)),
    ]
    monkeypatch.setattr("rugzak.web.navigatie.alle_menupunten", lambda: extra)
    cvi = menu(ingelogd=True, rollen=[Roltype.CVI_SECRETARIS], pad="/rekenhulp/")
    assert [(r.label, r.url, r.actief) for r in cvi] == [("Aanvragen", "/rekenhulp/", True)]
    assert menu(ingelogd=True, rollen=[Roltype.OUDER], pad="/") == []
    assert menu(ingelogd=False, rollen=[], pad="/") == []


def test_na_te_veel_pogingen_zegt_de_inlogpagina_in_het_nederlands_hoe_lang_en_waarom(
    client, wereld, wachtwoord
):
    for _ in range(5):
        client.post(reverse("inloggen"), {"username": "ib_a", "password": "fout-fout-fout"})
    antwoord = client.post(reverse("inloggen"), {"username": "ib_a", "password": wachtwoord})
    assert antwoord.status_code == 429
    html = antwoord.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in html
    assert "5 keer een verkeerd wachtwoord" in html
    assert "15 minuten geblokkeerd" in html
    assert 'role="alert"' in html
    assert '<html lang="nl">' in html


def test_de_inlogpagina_wijst_op_de_openbare_rekenhulp(client):
    html = client.get(reverse("inloggen")).content.decode()
    assert 'href="/rekenhulp/"' in html


@pytest.mark.parametrize("naam", ["termijnen", "start"])
def test_pagina_s_met_zaken_vragen_om_inloggen(client, naam):
    antwoord = client.get(reverse(naam))
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("inloggen"))


def test_het_stijlblad_heeft_zichtbare_focus_en_geen_externe_bronnen():
    from pathlib import Path

    import rugzak.web

    css = (Path(rugzak.web.__file__).parent / "static" / "rugzak" / "rugzak.css").read_text()
    assert ":focus-visible" in css and "outline: 3px solid" in css
    assert "http://" not in css and "https://" not in css and "@import" not in css


def test_het_menu_klapt_in_zonder_javascript_en_noemt_de_huidige_pagina(client, wereld):
    """Op een telefoon staat het menu achter "Menu" (<details>/<summary>, geen script);
    de knop noemt waar u bent. Op een breed scherm toont de CSS het menu altijd."""
    client.force_login(wereld.directie_a, backend=MODEL_BACKEND)
    html = client.get(reverse("termijnen")).content.decode()
    menu_html = html.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert '<details class="menu-uitklap">' in menu_html
    assert '<summary>Menu<span class="menu-huidig">: Termijnen</span></summary>' in menu_html
    assert "<script" not in html
    from pathlib import Path

    from rugzak.web import __file__ as web

    css = (Path(web).parent / "static" / "rugzak" / "rugzak.css").read_text()
    assert "@supports selector(::details-content)" in css
    assert ".tijdlijn path.voldaan" in css and ".tijdlijn .voldaan" not in css
