"""De lijst van gastleerlingschappen in de webtoepassing (002, hoofdstuk 3): lopend en
beëindigd elk per pagina van 50 zoals de toelatingszaken, alleen wat de gebruiker mag zien,
en alleen de getoonde regels in het auditlog."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from html import unescape

import pytest
from django.template.defaultfilters import date as datumfilter
from django.test import Client
from django.urls import reverse

from rugzak.audit.models import AuditRegel
from rugzak.toelating.models import Gastleerlingschap, Gastleerlingtoestand
from tests.app.rechten_opbouw import Rechtenwereld, rechtenwereld_in_transactie
from tests.app.test_api_dossier import kopie

PER_PAGINA = 50
REDEN = "lijst gastleerlingen"


@pytest.fixture(scope="module")
def rw(django_db_setup, django_db_blocker) -> Iterator[Rechtenwereld]:
    yield from rechtenwereld_in_transactie(django_db_blocker)


def _client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker)
    return c


def _bekijk(c: Client, pad: str) -> tuple[str, list[str]]:
    """De pagina (als tekst) en de object-id's van de auditregels 'lezen' die ze schreef."""
    voor = AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0
    antwoord = c.get(pad)
    assert antwoord.status_code == 200, (pad, antwoord.status_code)
    gelogd = AuditRegel.objects.filter(id__gt=voor, reden=REDEN, actie="lezen")
    return unescape(antwoord.content.decode()), sorted(gelogd.values_list("object_id", flat=True))


def _sectie(html: str, kop: str) -> str:
    m = re.search(rf'<section aria-labelledby="{kop}">(.*?)</section>', html, re.S)
    assert m, kop
    return m.group(1)


def _begins(sectie: str) -> list[str]:
    """De eerste dag van elke regel van de tabel, in volgorde."""
    return re.findall(r'<tr><th scope="row">.*?<span class="datum">([^<]+)</span>', sectie)


def _dag(d: date) -> str:
    return datumfilter(d, "j F Y")


def _meer(zaak: Gastleerlingschap, n: int, **vervang) -> None:
    """``n`` kopieën van ``zaak``, elk een dag eerder begonnen (een vaste volgorde)."""
    Gastleerlingschap.objects.bulk_create(
        [kopie(zaak, begin=zaak.begin - timedelta(days=i + 1), **vervang) for i in range(n)]
    )


def test_de_ontvangende_school_ziet_haar_gastleerlingen_met_school_rec_school_en_periode(rw, db):
    k = rw.a
    gast = k.zaken["gast_lopend"]
    concept = k.zaken["gast_concept"]
    Gastleerlingschap.objects.filter(pk=gast.pk).update(verlengd_tot=date(2012, 11, 30))
    html, gelogd = _bekijk(_client(k.gebruikers["directie"]), reverse("toelating:gastleerlingen"))

    lopend = _sectie(html, "kop-lopend")
    assert "Lopend en in voorbereiding (2)" in lopend
    for z in (gast, concept):
        assert f'<a href="{reverse("leerling", args=[z.leerling.publiek_id])}">' in lopend
        assert z.leerling.sorteernaam in lopend
    regel = next(r for r in lopend.split("<tr>") if gast.leerling.sorteernaam in r)
    assert f"<td>{k.school.naam}</td><td>{k.so_school.naam}</td>" in regel
    assert "1 februari 2012</span> t/m <span" in regel and "31 mei 2012" in regel
    assert 'verlengd tot en met <span class="datum">30 november 2012</span>' in regel
    assert "<td>lopend</td>" in regel
    assert "nog niet door alle drie ondertekend" in lopend
    assert "Geen beëindigde gastleerlingen." in _sectie(html, "kop-beeindigd")
    assert gelogd == sorted([str(gast.publiek_id), str(concept.publiek_id)])

    # het menu: "Gastleerlingen" is de huidige pagina, "Toelating" niet
    menu = html.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert '<a href="/toelating/gastleerlingen/" aria-current="page">Gastleerlingen</a>' in menu
    assert '<a href="/toelating/">Toelating</a>' in menu
    assert menu.count('aria-current="page"') == 1
    # en de startpagina van de school linkt ernaar
    start = _client(k.gebruikers["directie"]).get(reverse("start")).content.decode()
    assert 'href="/toelating/gastleerlingen/">naar de gastleerlingen</a>' in start


def test_een_andere_school_ziet_de_gastleerling_niet(rw, db):
    a, b = rw.a, rw.b
    html, gelogd = _bekijk(_client(b.gebruikers["directie"]), reverse("toelating:gastleerlingen"))
    for sleutel in ("gast_lopend", "gast_concept"):
        zaak = a.zaken[sleutel]
        assert zaak.leerling.sorteernaam not in html
        assert str(zaak.leerling.publiek_id) not in html
        assert str(zaak.publiek_id) not in gelogd
    # wel de eigen gastleerlingen van de andere school
    assert b.zaken["gast_lopend"].leerling.sorteernaam in html
    assert str(b.zaken["gast_lopend"].publiek_id) in gelogd


def test_lopend_en_beeindigd_elk_per_pagina_en_alleen_de_pagina_is_gelogd(rw, db):
    k = rw.a
    gast = k.zaken["gast_lopend"]
    _meer(gast, 110)
    _meer(gast, 60, toestand=Gastleerlingtoestand.BEEINDIGD, beeindigd_op=date(2012, 3, 1))
    # de REC-school (waar de leerling ingeschreven is) ziet ook de beëindigde
    c = _client(k.directie_so)
    pad = reverse("toelating:gastleerlingen")
    basis = Gastleerlingschap.objects.filter(rec_school=k.so_school).order_by("-begin", "id")
    lopend = list(basis.exclude(toestand=Gastleerlingtoestand.BEEINDIGD))
    beeindigd = list(basis.filter(toestand=Gastleerlingtoestand.BEEINDIGD))
    assert 2 * PER_PAGINA < len(lopend) < 3 * PER_PAGINA
    assert PER_PAGINA < len(beeindigd) < 2 * PER_PAGINA

    def ids(zaken: list[Gastleerlingschap]) -> list[str]:
        return [str(z.publiek_id) for z in zaken]

    html, gelogd = _bekijk(c, pad)
    assert _begins(_sectie(html, "kop-lopend")) == [_dag(z.begin) for z in lopend[:PER_PAGINA]]
    assert _begins(_sectie(html, "kop-beeindigd")) == [
        _dag(z.begin) for z in beeindigd[:PER_PAGINA]
    ]
    assert gelogd == sorted(ids(lopend[:PER_PAGINA]) + ids(beeindigd[:PER_PAGINA]))
    assert f"Lopend en in voorbereiding ({len(lopend)})" in html
    assert f"{len(lopend)} gastleerlingschappen, lopend of in voorbereiding, pagina 1 van 3" in html
    assert f"Beëindigd ({len(beeindigd)})" in html
    assert 'href="?pagina=2" rel="next">Volgende pagina</a>' in html
    assert 'href="?pagina_beeindigd=2" rel="next">Volgende pagina</a>' in html

    html2, gelogd2 = _bekijk(c, pad + "?pagina=2")
    tweede = lopend[PER_PAGINA : 2 * PER_PAGINA]
    assert _begins(_sectie(html2, "kop-lopend")) == [_dag(z.begin) for z in tweede]
    assert gelogd2 == sorted(ids(tweede) + ids(beeindigd[:PER_PAGINA]))
    assert f"51–100 van {len(lopend)}: pagina 2 van 3." in html2
    assert 'href="?" rel="prev">Vorige pagina</a>' in html2

    html3, gelogd3 = _bekijk(c, pad + "?pagina_beeindigd=2")
    rest = beeindigd[PER_PAGINA:]
    assert _begins(_sectie(html3, "kop-beeindigd")) == [_dag(z.begin) for z in rest]
    assert gelogd3 == sorted(ids(lopend[:PER_PAGINA]) + ids(rest))
    assert 'beëindigd (<span class="datum">1 maart 2012</span>)' in html3

    # de ontvangende school bladert door dezelfde lopende
    html, gelogd = _bekijk(_client(k.gebruikers["directie"]), pad + "?pagina=3")
    derde = lopend[2 * PER_PAGINA :]
    assert _begins(_sectie(html, "kop-lopend")) == [_dag(z.begin) for z in derde]
    assert set(ids(derde)) <= set(gelogd)
