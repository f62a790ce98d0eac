"""De startpagina's van de CvI, de AB-dienst en de bekostigingsinstantie tellen eerlijk:
de aantallen komen uit alle zaken (niet uit een ingekorte lijst), elke werkvoorraad toont
de eerste KORT met "de eerste N van M", en alleen de getoonde zaken en termijnen komen in
het auditlog."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from rugzak.ambulante_begeleiding.models import Begeleiding, Begeleidingstatus
from rugzak.audit.models import AuditRegel
from rugzak.gedeeld.tijd import vandaag
from rugzak.indicaties.models import Aanvraagstatus, Indicatieaanvraag
from rugzak.indicaties.selectors import cvi_overzicht
from rugzak.termijnregister import termijnen_verzamelen
from rugzak.web.startpagina import KORT, OPEN_STATUSSEN
from rugzak.web.taken import GROEPEN, PER_GROEP
from tests.app.rechten_opbouw import Rechtenwereld, rechtenwereld_in_transactie
from tests.app.test_api_dossier import kopie

EXTRA = 40


@pytest.fixture(scope="module")
def rw(django_db_setup, django_db_blocker) -> Iterator[Rechtenwereld]:
    yield from rechtenwereld_in_transactie(django_db_blocker)


@pytest.fixture
def veel(rw, db):
    """Kant a krijgt EXTRA extra aanvragen met een volledig dossier en EXTRA extra lopende
    begeleidingen (kopieën van de zaken van de wereld)."""
    k = rw.a
    Indicatieaanvraag.objects.bulk_create(
        [kopie(k.zaken["aanvraag_volledig"], indicatie_id=None) for _ in range(EXTRA)]
    )
    Begeleiding.objects.bulk_create([kopie(k.zaken["rab_lopend"]) for _ in range(EXTRA)])
    return k


def _start(gebruiker) -> tuple[str, list[AuditRegel]]:
    c = Client()
    c.force_login(gebruiker)
    voor = AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0
    antwoord = c.get("/start/")
    assert antwoord.status_code == 200
    return antwoord.content.decode(), list(AuditRegel.objects.filter(id__gt=voor))


def test_de_cvi_telt_alle_aanvragen_en_toont_er_kort(veel):
    secretaris = veel.gebruikers["cvi_secretaris"]
    eigen = Indicatieaanvraag.objects.filter(cvi=veel.cvi)
    beslissen = eigen.filter(
        status__in=[Aanvraagstatus.DOSSIER_VOLLEDIG, Aanvraagstatus.VERLENGD]
    ).count()
    assert beslissen > KORT
    overzicht = cvi_overzicht(gebruiker=secretaris, cvi_id=veel.cvi.pk, kort=KORT)
    assert overzicht is not None
    assert overzicht.beslissen_aantal == beslissen
    assert sum(overzicht.per_status.values()) == eigen.count()
    assert len(overzicht.beslissen) == KORT
    datums = [a.uiterste_beslisdatum for a in overzicht.beslissen]
    assert datums == sorted(datums)

    html, audit = _start(secretaris)
    assert f"De eerste {KORT} van {beslissen} aanvragen waarover beslist moet worden" in html
    gelezen = {r.object_id for r in audit if r.objecttype == "indicatieaanvraag"}
    getoond = {
        str(a.publiek_id)
        for a in (*overzicht.volledigheid, *overzicht.beslissen, *overzicht.verlengd)
    }
    assert gelezen == getoond
    assert len(gelezen) < eigen.count()


def test_een_ander_ziet_het_overzicht_van_de_cvi_niet(veel, rw):
    assert (
        cvi_overzicht(gebruiker=rw.b.gebruikers["cvi_secretaris"], cvi_id=veel.cvi.pk, kort=KORT)
        is None
    )
    assert (
        cvi_overzicht(gebruiker=veel.gebruikers["directie"], cvi_id=veel.cvi.pk, kort=KORT) is None
    )


def test_de_ab_dienst_telt_alle_begeleidingen(veel):
    coordinator = veel.gebruikers["ab_coordinator"]
    lopend = Begeleiding.objects.filter(
        ab_dienst=veel.ab_dienst, status=Begeleidingstatus.LOPEND
    ).count()
    assert lopend > KORT
    html, audit = _start(coordinator)
    assert f"De eerste {KORT} van {lopend} lopende begeleidingen" in html
    gelezen = {r.object_id for r in audit if r.objecttype == "begeleiding"}
    assert KORT <= len(gelezen) <= 2 * KORT
    # de begeleider ziet alleen wat aan hem is toegewezen, ook in de aantallen
    begeleider = veel.gebruikers["ambulant_begeleider"]
    eigen = Begeleiding.objects.filter(
        ab_dienst=veel.ab_dienst, status=Begeleidingstatus.LOPEND, toegewezen=begeleider
    ).count()
    html, _ = _start(begeleider)
    if eigen > KORT:
        assert f"De eerste {KORT} van {eigen} lopende begeleidingen" in html
    else:
        assert "lopende begeleidingen. <a" not in html


def test_alleen_getoonde_termijnen_in_het_auditlog(veel):
    coordinator = veel.gebruikers["ab_coordinator"]
    open_ = [
        t for t in termijnen_verzamelen(coordinator) if str(t.status(vandaag())) in OPEN_STATUSSEN
    ]
    assert len(open_) > 40
    html, audit = _start(coordinator)
    gelogd = {r.object_id for r in audit if r.objecttype == "termijn"}
    # alleen de getoonde taken (hoogstens PER_GROEP per groep), niet alle open termijnen
    assert 0 < len(gelogd) <= len(GROEPEN) * PER_GROEP + PER_GROEP
    assert len(gelogd) < len(open_)
    assert f"(de eerste {PER_GROEP} van " in html
