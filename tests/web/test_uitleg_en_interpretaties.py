"""Het onderdeel "Waarom dit bedrag?" bij elke Uitleg, en het openbare interpretatielog."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils.html import escape

from rugzak.gedeeld.datumtekst import iso_naar_nl
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.termijnen import cvi_beslissing, handelingsplan

pytestmark = pytest.mark.django_db


def _render(uitleg, extra: str = "") -> str:
    return Template("{% load weergave %}{% uitleg u " + extra + " %}").render(
        Context({"u": uitleg})
    )


@pytest.mark.bron("000, paragraaf 'Aanvragen van het rugzakje'")
def test_het_onderdeel_toont_een_termijnuitleg_met_elke_stap_en_bron():
    termijn = cvi_beslissing(standaard_regeling(), date(2011, 9, 1), verlengingen=1)
    html = _render(termijn.uitleg, 'kop="Waarom deze datum?"')
    assert "<summary>Waarom deze datum?</summary>" in html
    assert html.count('<li class="stap">') == len(termijn.uitleg.stappen) == 2
    for stap in termijn.uitleg.stappen:
        # de pagina toont de datums van de regelkern in de Nederlandse notatie (issue 15)
        assert iso_naar_nl(stap.uitkomst) in html
        for b in stap.grondslag:
            assert b.sectie.replace("'", "&#x27;") in html
    assert "document 000" in html
    assert "<details" in html and " open" not in html.split(">")[0]


@pytest.mark.bron("002, fase 13")
def test_een_afgekapte_maand_linkt_naar_interpretatie_i_12():
    termijn = handelingsplan(standaard_regeling(), date(2012, 1, 31))
    html = _render(termijn.uitleg)
    assert termijn.uiterlijk == date(2012, 2, 29)
    assert 'href="/regeling/interpretaties/I-12/"' in html
    assert standaard_regeling().interpretaties["I-12"].titel.replace("'", "&#x27;") in html


def test_twee_uitleggen_op_een_pagina_hebben_elk_een_eigen_id():
    termijn = handelingsplan(standaard_regeling(), date(2012, 1, 10))
    t = Template("{% load weergave %}{% uitleg u %}{% uitleg u open=True %}")
    html = t.render(Context({"u": termijn.uitleg}))
    ids = [deel.split('"')[0] for deel in html.split('<details class="uitleg" id="')[1:]]
    assert len(ids) == 2 and ids[0] != ids[1]
    assert html.count(" open>") == 1


def test_het_interpretatielog_noemt_elke_interpretatie_van_de_regeling(client):
    html = client.get(reverse("interpretaties")).content.decode()
    for i in standaard_regeling().interpretaties.values():
        assert f'href="/regeling/interpretaties/{i.id}/"' in html
        assert i.titel.replace("'", "&#x27;") in html


@pytest.mark.parametrize("ident", sorted(standaard_regeling().interpretaties))
def test_elke_interpretatie_heeft_een_eigen_openbare_pagina(client, ident):
    i = standaard_regeling().interpretaties[ident]
    html = client.get(reverse("interpretatie", args=[ident])).content.decode()
    for tekst in (i.vraag, i.keuze, *i.bronnen):
        assert escape(tekst) in html


def test_een_onbekende_interpretatie_geeft_404(client):
    assert client.get("/regeling/interpretaties/I-999/").status_code == 404
