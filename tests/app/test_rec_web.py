"""Webpagina's van de leerlingtelling: alleen voor wie de telling mag zien, zonder namen."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from rugzak.rec import services as rec
from tests.app.rec_hulp import RecWereld, indicatie, leerling_op, maak_rec_wereld


@pytest.fixture
def w(db) -> RecWereld:
    w = maak_rec_wereld()
    leerling, inschrijving = leerling_op(
        w.directie_zml, w.zml, van=date(2010, 8, 16), voornaam="Zeldzaam"
    )
    indicatie(leerling, w.cvi, "zml", date(2010, 6, 1))
    rec.vso_plaatsing_vastleggen(door=w.directie_zml, inschrijving=inschrijving)
    return w


def _get(gebruiker, pad):
    c = Client()
    c.force_login(gebruiker)
    return c.get(pad)


def test_overzicht_en_telling_van_het_rec_als_tabel(w):
    r = _get(w.secretaris, "/rec/")
    assert r.status_code == 200
    assert "REC 3 Test" in r.content.decode()
    r = _get(w.secretaris, f"/rec/{w.rec.pk}/telling/?teldatum=2011-10-01")
    tekst = r.content.decode()
    assert r.status_code == 200
    assert "geindiceerd sinds 1 augustus 2003" in tekst
    assert "Zeldzaam" not in tekst
    assert "formaat=csv" in tekst


def test_telling_van_een_school_alleen_voor_wie_haar_ziet(w):
    pad = f"/rec/school/{w.zml.pk}/telling/?teldatum=2011-10-01"
    assert _get(w.directie_zml, pad).status_code == 200
    assert _get(w.bekostiging, pad).status_code == 200
    assert _get(w.directie_andere, pad).status_code == 404
    assert _get(w.ouder, f"/rec/{w.rec.pk}/telling/").status_code == 404


def test_een_dag_die_geen_teldatum_is_geeft_een_melding(w):
    r = _get(w.directie_zml, f"/rec/school/{w.zml.pk}/telling/?teldatum=2011-10-02")
    assert r.status_code == 400
    assert "1 oktober en 16 januari" in r.content.decode()
