"""De demo bevat toelatingszaken in elke toestand van beide trajecten, met verlopen
termijnen, en de demo-logins zien hun zaken."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from rugzak.demo.laden import laad_demo
from rugzak.handelingsplannen.models import Evaluatie, Handelingsplan, Overeenkomst
from rugzak.organisaties.models import Gebruiker
from rugzak.regeling.regels.termijnen import Termijnstatus
from rugzak.termijnregister import termijnen_voor
from rugzak.toelating.models import Gastleerlingschap, Toelatingszaak, Toestand
from rugzak.toelating.selectors import toelatingszaken_lijst

from .conftest import PEILDATUM


@pytest.fixture(scope="module")
def _demo_module(django_db_setup, django_db_blocker):
    """De demo één keer per module laden, in een transactie die daarna wordt teruggedraaid
    (het auditlog staat geen wissen toe, dus geen transactional_db)."""
    with (
        django_db_blocker.unblock(),
        override_settings(RUGZAK_VANDAAG=PEILDATUM),
        transaction.atomic(),
    ):
        laad_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_module, db):
    return None


def test_elke_toestand_van_het_protocol_komt_voor(demo):
    aanwezig = set(Toelatingszaak.objects.values_list("toestand", flat=True))
    assert aanwezig == set(Toestand.values)


def test_de_demo_heeft_verlopen_termijnen_van_weigering_handelingsplan_en_evaluatie(demo):
    directie = Gebruiker.objects.get(username="directie.dewieken")
    termijnen = termijnen_voor(directie, vandaag=PEILDATUM)
    verlopen = {t.termijn.regel for t in termijnen if t.status(PEILDATUM) == Termijnstatus.VERLOPEN}
    assert {
        "termijn.weigering_toelating",
        "termijn.handelingsplan",
        "termijn.evaluatie",
    } <= verlopen


def test_de_demo_heeft_overeenkomsten_plannen_evaluaties_en_gastleerlingen(demo):
    assert Overeenkomst.objects.filter(toestand="ondertekend").exists()
    assert Overeenkomst.objects.filter(toestand="getekend_school").exists()
    assert Handelingsplan.objects.filter(toestand="vastgesteld").exists()
    assert Handelingsplan.objects.filter(toestand="ter_instemming").exists()
    assert Evaluatie.objects.filter(gehouden_op__isnull=False).exists()
    assert Evaluatie.objects.filter(gehouden_op__isnull=True).exists()
    assert set(Gastleerlingschap.objects.values_list("toestand", flat=True)) == {
        "concept",
        "lopend",
        "beeindigd",
    }


@pytest.mark.parametrize(
    "login",
    ["directie.dewieken", "ib.dewieken", "team.dewieken", "bestuur.veluwerand", "ouder.001"],
)
def test_de_demo_logins_zien_toelatingszaken(demo, login):
    assert toelatingszaken_lijst(gebruiker=Gebruiker.objects.get(username=login))


def test_het_bestuur_van_de_wieken_ziet_de_zaak_van_een_ander_bestuur_niet(demo):
    bestuur = Gebruiker.objects.get(username="bestuur.veluwerand")
    scholen = {z.school.brin for z, _ in toelatingszaken_lijst(gebruiker=bestuur)}
    assert "31AK" not in scholen
    assert "21WK" in scholen
