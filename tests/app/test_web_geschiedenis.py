"""De leerlingpagina met de rugzak per schooljaar: een jaarkeuze met gewone links
(``?schooljaar=``), per jaar rugzak, geboekte bedragen en leemtes; een fout schooljaar
geeft 400 met de melding; alleen wat getoond wordt komt in het auditlog (I-73)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.urls import reverse

from rugzak.audit.models import Actie, AuditRegel
from rugzak.betalingen.models import Grootboekregel

from .rechten_opbouw import Rechtenwereld, rechtenwereld_in_transactie
from .test_api_dossier import _client
from .test_dossier_geschiedenis import _leemte, _regel_in


@pytest.fixture(scope="module")
def rw(django_db_setup, django_db_blocker) -> Iterator[Rechtenwereld]:
    yield from rechtenwereld_in_transactie(django_db_blocker)


def _url(k) -> str:
    return reverse("leerling", args=[k.kind.publiek_id])


def test_de_pagina_toont_elk_schooljaar_met_links_en_leemtes(rw, db):
    k = rw.a
    Grootboekregel.objects.bulk_create([_regel_in(k, date(2010, 9, 1))])
    _leemte(rw, k.kind, "2010-2011", "de bronnen geven geen tarief voor 2010-2011").save()
    html = _client(k.gebruikers["directie"]).get(_url(k)).content.decode()
    assert 'href="?schooljaar=2010-2011"' in html and 'href="?schooljaar=2011-2012"' in html
    assert "de bronnen geven geen tarief voor 2010-2011" in html
    assert "Geboekt per maand en ontvanger, 2010-2011" in html
    assert "Wat zit er dit schooljaar in de rugzak?" in html


def test_een_gekozen_schooljaar_toont_dat_jaar_en_logt_alleen_dat_jaar(rw, db):
    k = rw.a
    Grootboekregel.objects.bulk_create([_regel_in(k, date(2010, 9, 1))])
    voor = AuditRegel.objects.count()
    r = _client(k.gebruikers["directie"]).get(_url(k), {"schooljaar": "2010-2011"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Wat zit er in 2010-2011 in de rugzak?" in html
    assert '<strong aria-current="page">2010-2011</strong>' in html
    assert "Geboekt per maand en ontvanger, 2011-2012" not in html
    regels = list(AuditRegel.objects.order_by("id")[voor:])
    rugzak = [a for a in regels if a.objecttype == "rugzak" and a.velden == ["jaren"]]
    assert len(rugzak) == 1 and rugzak[0].reden.endswith(": 2010-2011")
    assert all(a.actie == Actie.LEZEN for a in regels)


def test_een_ongeldig_schooljaar_geeft_400_met_de_melding(rw, db):
    r = _client(rw.a.gebruikers["directie"]).get(_url(rw.a), {"schooljaar": "2011-2013"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Schooljaar:" in html and "bv. 2011-2012" in html


def test_na_het_einde_van_lgf_zegt_de_pagina_dat_lgf_eindigde(rw, db):
    r = _client(rw.a.gebruikers["directie"]).get(_url(rw.a), {"schooljaar": "2014-2015"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "LGF beëindigd per 1 augustus 2014" in html
    assert "eindigde op 31 juli 2014" in html and "samenwerkingsverbanden" in html


def test_een_andere_organisatie_krijgt_404_ook_met_een_schooljaar(rw, db):
    r = _client(rw.a.gebruikers["directie"]).get(_url(rw.b), {"schooljaar": "2011-2012"})
    assert r.status_code == 404
    assert rw.b.kind.achternaam not in r.content.decode()


def test_de_ouder_leest_bij_een_indicatie_die_na_juli_2014_doorloopt_dat_lgf_eindigde(rw, db):
    from rugzak.indicaties.models import Indicatie

    k = rw.a
    indicatie = Indicatie.objects.filter(leerling=k.kind).order_by("-indicatiedatum").first()
    assert indicatie is not None and (
        indicatie.einddatum is None or indicatie.einddatum > date(2014, 7, 31)
    )
    html = _client(k.gebruikers["ouder"]).get(reverse("start")).content.decode()
    assert "De leerlinggebonden financiering eindigde op 31 juli 2014" in html
    assert 'href="/regeling/interpretaties/I-70/"' in html
