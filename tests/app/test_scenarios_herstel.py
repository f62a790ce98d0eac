"""Een scenario van een uitgevallen verwerker blijft niet 'bezig' (I-110): hetzelfde
mechanisme als de betaalrun (:mod:`rugzak.gedeeld.hartslag`, I-81). Zonder hartslag gaat
het terug naar de wachtrij en wordt het opnieuw doorgerekend; een levend scenario wordt
niet overgenomen; een verwerker die zijn scenario kwijt is, schrijft niets. Op
PostgreSQL: een echte verwerker in een ander proces, gedood midden in een scenario."""

from __future__ import annotations

import signal
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from rugzak.betalingen.models import Runstatus
from rugzak.gedeeld.tijd import nu
from rugzak.organisaties.rollen import Roltype
from rugzak.scenarios import services
from rugzak.scenarios.models import Scenario
from rugzak.scenarios.services import scenario_aanvragen, scenario_verwerken, scenarios_herstellen
from tests.app.conftest import maak_gebruiker
from tests.app.test_betalingen_taken import (  # noqa: F401  (fixture gemeld)
    _start_verwerker,
    _wacht_op,
    alleen_postgresql,
    gemeld,
)
from tests.app.test_scenarios import AB_MIN_10


def _aangevraagd(wereld) -> Scenario:
    analist = maak_gebruiker("analist", Roltype.BELEIDSANALIST, wereld.cfi)
    return scenario_aanvragen(door=analist, inhoud=AB_MIN_10, schooljaar="2011-2012")


def _uitgevallen(s: Scenario, geleden: timedelta) -> None:
    """Een verwerker claimde het scenario en viel uit: bezig, poging 1, hartslag oud."""
    oud = nu() - geleden
    Scenario.objects.filter(pk=s.pk).update(
        status=Runstatus.BEZIG, poging=1, begonnen_op=oud, hartslag_op=oud, leerlingen_gedaan=1
    )


@pytest.mark.django_db
def test_een_scenario_zonder_hartslag_wordt_hervat_en_dan_doorgerekend(gemeld):  # noqa: F811
    s = _aangevraagd(gemeld)
    _uitgevallen(s, timedelta(hours=1))
    # de taak van de dode verwerker komt niet meer; een nieuwe verwerker zou het scenario
    # zonder herstel laten liggen
    assert scenarios_herstellen(grens=timedelta(hours=2)) == []  # nog binnen de grens
    hervat = scenarios_herstellen()
    assert [x.pk for x in hervat] == [s.pk]
    s.refresh_from_db()
    assert s.status == Runstatus.IN_WACHTRIJ and "I-110" in s.reden and "poging 1" in s.reden
    assert DBTaskResult.objects.filter(status="READY").count() == 2  # de oude en de nieuwe
    s = scenario_verwerken(publiek_id=s.publiek_id)
    assert s.status == Runstatus.KLAAR and s.poging == 2
    assert s.uitkomst["totaal"]["leerlingen"] == 2
    assert s.reden.startswith("hervat")  # dat het hervat werd, blijft zichtbaar


@pytest.mark.django_db
def test_de_taak_zelf_hervat_een_uitgevallen_scenario(gemeld):  # noqa: F811
    """Ook zonder apart herstel: de volgende taak (of aanvraag) ruimt eerst op."""
    s = _aangevraagd(gemeld)
    _uitgevallen(s, timedelta(hours=1))
    s = scenario_verwerken(publiek_id=s.publiek_id)
    assert s.status == Runstatus.KLAAR and s.poging == 2


@pytest.mark.django_db
def test_een_levend_scenario_wordt_niet_overgenomen(gemeld):  # noqa: F811
    s = _aangevraagd(gemeld)
    _uitgevallen(s, timedelta(seconds=5))  # hartslag van zojuist: de verwerker leeft
    assert scenarios_herstellen() == []
    s = scenario_verwerken(publiek_id=s.publiek_id)
    assert s.status == Runstatus.BEZIG and s.poging == 1 and s.uitkomst is None


@pytest.mark.django_db
def test_een_verwerker_die_zijn_scenario_kwijt_is_schrijft_niets(gemeld, monkeypatch):  # noqa: F811
    s = _aangevraagd(gemeld)
    echte = services.vergelijk_populatie

    def overgenomen(*args, **kwargs):
        Scenario.objects.filter(pk=s.pk).update(poging=99)  # een ander nam het over
        return echte(*args, **kwargs)

    monkeypatch.setattr(services, "vergelijk_populatie", overgenomen)
    s = scenario_verwerken(publiek_id=s.publiek_id)
    assert s.status == Runstatus.BEZIG and s.poging == 99 and s.uitkomst is None


@pytest.mark.django_db
def test_de_verwerker_hervat_bij_het_starten_ook_scenarios(gemeld, monkeypatch):  # noqa: F811
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    s = _aangevraagd(gemeld)
    _uitgevallen(s, timedelta(hours=1))
    uit = StringIO()
    call_command(
        "betaalrun_verwerker", "--batch", "--no-startup-delay", "--no-reload", "--interval",
        "0", stdout=uit,
    )  # fmt: skip
    assert f"hervat: scenario {s.titel} ({s.publiek_id})" in uit.getvalue()
    s.refresh_from_db()
    assert s.status == Runstatus.KLAAR and s.poging == 2


@alleen_postgresql
@pytest.mark.django_db(transaction=True)
def test_een_verwerker_die_midden_in_een_scenario_wordt_gedood_en_het_scenario_hervat(
    gemeld,  # noqa: F811
    zonder_alleen_toevoegen_triggers,
):
    s = _aangevraagd(gemeld)
    verwerker = _start_verwerker(vertraging=30)  # blijft lang na de eerste voortgang hangen
    try:
        _wacht_op(lambda: Scenario.objects.get(pk=s.pk).leerlingen_totaal == 2)
    finally:
        verwerker.send_signal(signal.SIGKILL)
        verwerker.wait(timeout=30)
    s.refresh_from_db()
    assert s.status == Runstatus.BEZIG and s.poging == 1 and s.uitkomst is None
    assert scenarios_herstellen(grens=timedelta(0))  # herstel, als bij het starten
    verwerker = _start_verwerker(vertraging=0)
    try:
        _wacht_op(lambda: Scenario.objects.get(pk=s.pk).status == Runstatus.KLAAR)
    finally:
        verwerker.send_signal(signal.SIGTERM)
        verwerker.wait(timeout=30)
    s.refresh_from_db()
    assert s.poging == 2 and s.uitkomst["totaal"]["leerlingen"] == 2
