"""Lijsten in de webtoepassing die vroeger stil afkapten (meldingen bij 500,
terugmeldingen bij 200, onvolledige formulieren bij 50, grootboekregels bij 1000) zijn nu
gepagineerd: totaal in beeld, "vorige" en "volgende" als gewone links, en alleen de
getoonde pagina in het auditlog."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse

from rugzak.audit.models import AuditRegel
from rugzak.betalingen.models import Grootboekregel
from tests.app.rechten_opbouw import Rechtenwereld, rechtenwereld_in_transactie
from tests.app.test_api_dossier import vermeerder


@pytest.fixture(scope="module")
def rw(django_db_setup, django_db_blocker) -> Iterator[Rechtenwereld]:
    yield from rechtenwereld_in_transactie(django_db_blocker)


def _client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker)
    return c


def _laatste_audit() -> int:
    return AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_meldingen_en_terugmeldingen_per_pagina_met_links(rw, db):
    k = rw.a
    vermeerder(k, k.kind, 120)
    c = _client(k.gebruikers["directie"])
    c.get(reverse("meldingen:lijst"))  # sessie warm
    voor = _laatste_audit()
    html = c.get(reverse("meldingen:lijst")).content.decode()
    meldingen = AuditRegel.objects.filter(id__gt=voor, reden="lijst meldingen").count()
    terug = AuditRegel.objects.filter(id__gt=voor, reden="lijst terugmeldingen").count()
    assert meldingen == 100 and terug == 50, (meldingen, terug)
    assert "pagina 1 van 2" in html
    assert 'href="?pagina=2" rel="next">Volgende pagina</a>' in html
    assert 'href="?pagina_terug=2" rel="next">Volgende pagina</a>' in html
    assert "Vorige pagina" not in html.split("Terugmeldingen")[0]
    # pagina 2 van de meldingen houdt het filter en de andere lijst op haar pagina
    html2 = c.get(reverse("meldingen:lijst") + "?pagina=2&pagina_terug=2").content.decode()
    assert "pagina 2 van 2" in html2
    assert 'href="?pagina_terug=2" rel="prev">Vorige pagina</a>' in html2
    assert 'href="?pagina=2" rel="prev">Vorige pagina</a>' in html2
    # een ongeldig of te hoog nummer toont de dichtstbijzijnde pagina, geen fout
    assert "pagina 1 van 2" in c.get(reverse("meldingen:lijst") + "?pagina=abc").content.decode()
    assert "pagina 2 van 2" in c.get(reverse("meldingen:lijst") + "?pagina=99").content.decode()


def test_het_grootboek_toont_alle_regels_per_pagina(rw, db):
    k = rw.a
    vermeerder(k, k.kind, 230)
    ontvanger = Grootboekregel.objects.filter(leerling=k.kind).first().ontvanger_id
    totaal = Grootboekregel.objects.filter(ontvanger_id=ontvanger).count()
    assert totaal > 200
    c = _client(rw.bekostigingsmedewerker)
    pad = reverse("betalingen:grootboek", args=[ontvanger])
    html = c.get(pad).content.decode()
    assert f"{totaal} regels, pagina 1 van 2" in html
    assert html.count('href="/betalingen/grootboek/regel/') == 200
    html2 = c.get(pad + "?pagina=2").content.decode()
    assert html2.count('href="/betalingen/grootboek/regel/') == totaal - 200
    assert 'rel="prev">Vorige pagina</a>' in html2 and 'rel="next"' not in html2


def test_alleen_de_bekostigingsinstantie_krijgt_links_naar_de_betaalrun(rw, db):
    """De school ziet in haar grootboek de maand van de run, geen link die 403 geeft."""
    k = rw.a
    ontvanger = k.school.pk
    assert Grootboekregel.objects.filter(leerling=k.kind, ontvanger_id=ontvanger).exists()
    pad = reverse("betalingen:grootboek", args=[ontvanger])
    school = _client(k.gebruikers["directie"]).get(pad)
    assert school.status_code == 200
    assert 'href="/betalingen/runs/' not in school.content.decode()
    duo = _client(rw.bekostigingsmedewerker).get(pad).content.decode()
    assert 'href="/betalingen/runs/' in duo
