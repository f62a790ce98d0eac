"""SVG-grafieken: toegankelijk (role="img", title, desc, dezelfde cijfers als tabel), zonder
JavaScript of inline stijlen, en de tijdlijn van termijnen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.template import Context, Template

from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.termijnen import cvi_beslissing, status
from rugzak.web.grafieken import Tijdlijnpunt, mooie_bovengrens, staafdiagram, tijdlijn
from tests.web.hulp import inline_stijl_of_script


def _teken(tag: str, waarde) -> str:
    return Template("{% load weergave %}{% " + tag + " g %}").render(Context({"g": waarde}))


def test_de_bovengrens_van_de_as_is_rond_en_niet_kleiner_dan_het_maximum():
    for maximum in ("0.01", "7", "999", "1000", "1001", "13689.93", "26198.05", "99999"):
        grens = mooie_bovengrens(Decimal(maximum))
        assert grens >= Decimal(maximum)
        assert grens <= Decimal(maximum) * Decimal("1.6") + 1
    assert mooie_bovengrens(Decimal(0)) == 1


def test_een_staafdiagram_is_een_toegankelijke_svg_met_dezelfde_cijfers_als_tabel():
    reeks = [("aug", Decimal("1523.14")), ("sep", Decimal("1523.15")), ("okt", Decimal("0"))]
    g = staafdiagram(titel="Per maand", reeks=reeks, met_totaal=True, label_kop="Maand")
    html = _teken("staafdiagram", g)
    assert 'role="img"' in html
    assert f'aria-labelledby="{g.id}-titel {g.id}-desc"' in html
    assert f'<title id="{g.id}-titel">Per maand</title>' in html
    assert f'<desc id="{g.id}-desc">' in html
    assert html.count("<rect ") == 3
    for label, bedrag in (("aug", "€ 1.523,14"), ("sep", "€ 1.523,15"), ("okt", "€ 0,00")):
        assert f'<th scope="row">{label}</th><td class="getal">{bedrag}</td>' in html
    assert '<td class="getal">€ 3.046,29</td>' in html  # totaal
    assert "<script" not in html and inline_stijl_of_script(html) == []
    # een staaf van nul is nul hoog; de hoogste staaf blijft binnen het tekenvlak
    hoogtes = [s.hoogte for s in g.staven]
    assert hoogtes[2] == 0 and max(hoogtes) <= g.hoogte


def test_een_liggend_staafdiagram_markeert_de_keuze_ook_in_tekst():
    g = staafdiagram(
        titel="Per onderwijssoort",
        reeks=[("doof", Decimal("26198.05")), ("zml", Decimal("18277.74"))],
        liggend=True,
        markeer="zml",
    )
    html = _teken("staafdiagram", g)
    assert "zml (gekozen)" in html
    assert html.count('class="gemarkeerd"') == 1
    assert all(s.x + s.breedte <= g.breedte for s in g.staven)


def test_de_tijdlijn_toont_elke_termijn_met_status_in_woorden_en_een_lijn_op_vandaag():
    regeling = standaard_regeling()
    vandaag = date(2012, 3, 15)
    open_termijn = cvi_beslissing(regeling, date(2012, 3, 1))
    voldaan = cvi_beslissing(regeling, date(2011, 9, 1), verlengingen=1)
    punten = [
        Tijdlijnpunt(
            "beslissing CvI (open)",
            open_termijn.begin,
            open_termijn.uiterlijk,
            str(status(open_termijn, vandaag)),
        ),
        Tijdlijnpunt(
            "beslissing CvI (voldaan)",
            voldaan.begin,
            voldaan.uiterlijk,
            str(status(voldaan, vandaag, date(2011, 12, 12))),
            voldaan_op=date(2011, 12, 12),
        ),
    ]
    lijn = tijdlijn(titel="Termijnen", vandaag=vandaag, punten=punten)
    html = _teken("tijdlijn", lijn)
    assert 'role="img"' in html and "<title" in html and "<desc" in html
    assert "beslissing CvI (open) (lopend)" in html
    assert "beslissing CvI (voldaan) (voldaan)" in html
    assert 'class="voldaan"' in html and ">vandaag<" in html
    assert "<td>26 april 2012</td>" in html  # 1 maart + 8 weken
    assert "<td>12 december 2011</td>" in html
    assert inline_stijl_of_script(html) == []
    r_open, r_voldaan = lijn.regels
    assert r_voldaan.x_begin < r_voldaan.x_voldaan < lijn.x_vandaag < r_open.x_uiterlijk
