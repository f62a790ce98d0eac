"""Het meldingsformulier in de API zonder raden: de school mag met haar BRIN-nummer, de vorige
school en een (v)so-school als AB-verzorger ook, en een meegestuurde meldingsdatum krijgt
uitleg in plaats van 'onbekend veld'."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from rugzak.meldingen.models import Melding, OnvolledigeIndiening
from tests.app.lgf_hulp import formulier, maak_indicatie

pytestmark = pytest.mark.django_db


def _post(gebruiker, data: dict) -> object:
    c = Client()
    c.force_login(gebruiker)
    return c.post("/api/v1/meldingen/", data=json.dumps(data), content_type="application/json")


@pytest.fixture
def velden(wereld) -> dict:
    ind = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="zml")
    return {"leerling": str(wereld.leerling_a.publiek_id), **formulier(ind, wereld.ab_dienst)}


@pytest.mark.bron("004, 'Inschrijving van leerlingen met een handicap na 1 augustus 2003'")
def test_melding_met_brin_van_de_school(wereld, velden) -> None:
    antwoord = _post(wereld.directie_a, {**velden, "school_brin": "11aa"})
    assert antwoord.status_code == 201, antwoord.content
    assert Melding.objects.get().school == wereld.school_a


def test_melding_met_id_van_de_school_kan_nog_steeds(wereld, velden) -> None:
    antwoord = _post(wereld.directie_a, {**velden, "school": wereld.school_a.pk})
    assert antwoord.status_code == 201, antwoord.content


@pytest.mark.parametrize("school", [{}, {"school_brin": "11AA", "school": 1}])
def test_melding_zonder_of_met_twee_scholen_noemt_school_brin(wereld, velden, school) -> None:
    antwoord = _post(wereld.directie_a, {**velden, **school})
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"].startswith("application/problem+json")
    assert "school_brin" in antwoord.json()["velden"]
    assert not Melding.objects.exists()
    assert not OnvolledigeIndiening.objects.exists()


def test_melding_met_brin_van_een_andere_school_is_geen_toegang(wereld, velden) -> None:
    antwoord = _post(wereld.directie_a, {**velden, "school_brin": wereld.school_b.brin})
    assert antwoord.status_code in (403, 404)
    assert not Melding.objects.exists()


def test_meegestuurde_meldingsdatum_krijgt_uitleg(wereld, velden) -> None:
    antwoord = _post(
        wereld.directie_a, {**velden, "school_brin": "11AA", "meldingsdatum": "2011-09-01"}
    )
    assert antwoord.status_code == 400
    fout = " ".join(antwoord.json()["velden"]["meldingsdatum"])
    assert "rugzak zet haar zelf" in fout
    assert "onbekend veld" not in fout
    assert not Melding.objects.exists()
