"""De betaalrun als achtergrondtaak (django-tasks met de databasewachtrij): aanvragen zet
de run in de wachtrij en keert meteen terug; de verwerker voert hem uit en toont de
voortgang en de totalen; een mislukte run toont de reden en boekt niets; een uitgevallen
verwerker laat niets half achter en de run wordt hervat (I-81); twee runs tegelijk boeken
nooit hetzelfde verschil twee keer (I-80).

De tests met een echte verwerker in een ander proces (SIGKILL midden in een run) en met
twee runs tegelijk in threads draaien alleen op PostgreSQL (CI zet DATABASE_URL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import Sum
from django.test import Client
from django.test.utils import override_settings
from django_tasks_db.models import DBTaskResult

from rugzak.audit.models import AuditRegel
from rugzak.betalingen import services
from rugzak.betalingen.models import Betaalrun, Grootboekregel, Runstatus
from rugzak.betalingen.services import (
    betaalrun_aanvragen,
    betaalrun_verwerken,
    betaalruns_herstellen,
)
from rugzak.regeling.tijd import Maand
from tests.app.conftest import PEILDATUM
from tests.app.lgf_hulp import formulier, geaccepteerde_melding, maak_indicatie, tellingen

POSTGRESQL = connection.vendor == "postgresql"
alleen_postgresql = pytest.mark.skipif(
    not POSTGRESQL,
    reason="een verwerker in een ander proces en gelijktijdige runs vragen een gedeelde "
    "database: PostgreSQL (zet DATABASE_URL; CI doet dat)",
)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def gemeld(wereld):
    """Twee leerlingen met een geaccepteerde melding in 2011-2012 (zml in het bao, cluster
    4 in het vo)."""
    ind_a = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="zml")
    geaccepteerde_melding(
        door=wereld.directie_a, beoordelaar=wereld.bekostigingsmedewerker,
        leerling=wereld.leerling_a, school=wereld.school_a, meldingsdatum=date(2011, 9, 5),
        gegevens=formulier(ind_a, wereld.ab_dienst),
    )  # fmt: skip
    ind_b = maak_indicatie(
        wereld.leerling_b, wereld.cvi, onderwijssoort="cl4", indicatiedatum=date(2011, 6, 1)
    )
    geaccepteerde_melding(
        door=wereld.directie_b, beoordelaar=wereld.bekostigingsmedewerker,
        leerling=wereld.leerling_b, school=wereld.school_b, meldingsdatum=date(2011, 9, 20),
        gegevens=formulier(
            ind_b, wereld.ab_dienst, schoolsoort="vo", groep=None, leerjaar=2,
            vo_variant="overig",
        ),
    )  # fmt: skip
    return wereld


def _per_sleutel() -> dict[tuple[int, int, str, date], int]:
    return {
        (r["leerling_id"], r["ontvanger_id"], r["deel"], r["maand"]): r["som"]
        for r in Grootboekregel.objects.values("leerling_id", "ontvanger_id", "deel", "maand")
        .annotate(som=Sum("bedrag_centen"))
        .order_by()
    }


@pytest.fixture
def verwerker(monkeypatch):
    """De echte verwerker van django-tasks-db (``db_worker --batch``) in dit proces, binnen
    de testtransactie: alleen het sluiten van 'oude' verbindingen (dat de testtransactie
    zou afbreken) staat uit."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return _verwerker_in_dit_proces


def _verwerker_in_dit_proces() -> str:
    uit = StringIO()
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0",
        stdout=uit, verbosity=1,
    )  # fmt: skip
    return uit.getvalue()


# --- aanvragen: in de wachtrij, meteen terug ---------------------------------------------------


@pytest.mark.django_db
def test_de_api_antwoordt_202_met_location_en_de_run_staat_in_de_wachtrij_zonder_boekingen(
    gemeld,
):
    client = Client()
    client.force_login(gemeld.bekostigingsmedewerker)
    r = client.post("/api/v1/betaalruns/", {"maand": "2012-02"}, content_type="application/json")
    assert r.status_code == 202
    body = r.json()
    assert body["status"] == "in_wachtrij"
    assert body["voortgang"] == {
        "gedaan": 0, "totaal": None, "fase": None, "fase_tekst": None, "fase_nummer": None,
        "fasen": 4,
    }  # fmt: skip
    assert body["terugval"] == 0
    assert body["totaal"] is None and body["regels"] is None
    assert body["uitgevoerd_door"] == gemeld.bekostigingsmedewerker.username
    assert r["Location"] == body["url"]
    assert client.get(r["Location"]).json()["status"] == "in_wachtrij"
    run = Betaalrun.objects.get(publiek_id=body["publiek_id"])
    taak = DBTaskResult.objects.get(id=run.taak_id)
    assert taak.status == "READY"
    assert taak.args_kwargs["args"] == [str(run.publiek_id)]
    assert not Grootboekregel.objects.exists()


@pytest.mark.django_db
def test_een_geweigerde_aanvraag_zet_niets_in_de_wachtrij(gemeld):
    voor = tellingen()
    with pytest.raises(Exception, match="2012-04"):
        betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand="2012-04")
    with pytest.raises(Exception):  # noqa: B017, PT011 - GeenToegang
        betaalrun_aanvragen(door=gemeld.directie_a, maand="2012-02")
    assert tellingen() == voor
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_de_runpagina_ververst_zichzelf_zolang_de_run_loopt_en_toont_dan_de_totalen(gemeld):
    client = Client()
    client.force_login(gemeld.bekostigingsmedewerker)
    r = client.post("/betalingen/runs/", {"maand": "2012-02"}, follow=True)
    html = r.content.decode()
    assert "staat in de wachtrij" in html
    assert r["Refresh"] == "3"  # verversen zonder JavaScript
    assert "de run wacht op een verwerker" in html and "Niet automatisch verversen" in html
    run = Betaalrun.objects.get()
    uit = client.get(f"/betalingen/runs/{run.publiek_id}/?verversen=uit")
    assert "Refresh" not in uit and "Weer automatisch verversen" in uit.content.decode()
    betaalrun_verwerken(publiek_id=run.publiek_id)
    r = client.get(f"/betalingen/runs/{run.publiek_id}/")
    html = r.content.decode()
    assert "Refresh" not in r and "verversen" not in html
    assert "Klaar" in html and "Totaal geboekt" in html and "Per ontvanger" in html


# --- de verwerker -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_de_echte_databaseverwerker_voert_de_run_uit_en_legt_voortgang_en_totalen_vast(
    gemeld, verwerker
):
    run = betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    verwerker()
    run = Betaalrun.objects.get(pk=run.pk)
    assert run.status == Runstatus.KLAAR
    assert run.poging == 1 and run.leerlingen == 2
    assert run.leerlingen_gedaan == run.leerlingen_totaal == 2
    assert run.begonnen_op <= run.uitgevoerd_op
    assert run.regels == Grootboekregel.objects.filter(run=run).count() > 0
    assert run.totaal_centen == sum(
        Grootboekregel.objects.filter(run=run).values_list("bedrag_centen", flat=True)
    )
    assert DBTaskResult.objects.get(id=run.taak_id).status == "SUCCESSFUL"
    # een tweede run (rerun) boekt niets
    tweede = betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    verwerker()
    assert Betaalrun.objects.get(pk=tweede.pk).regels == 0


@pytest.mark.django_db
def test_met_de_immediate_backend_is_de_run_meteen_klaar(gemeld):
    with override_settings(TASKS=IMMEDIATE):
        run = betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    run = Betaalrun.objects.get(pk=run.pk)
    assert run.status == Runstatus.KLAAR and run.regels > 0


@pytest.mark.django_db
def test_een_taak_voor_een_afgeronde_run_doet_niets(gemeld):
    run = services.betaalrun_uitvoeren(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    voor = tellingen()
    assert betaalrun_verwerken(publiek_id=run.publiek_id).status == Runstatus.KLAAR
    assert tellingen() == voor


@pytest.mark.django_db
def test_een_run_die_halverwege_het_boeken_mislukt_toont_de_reden_en_boekt_niets(
    gemeld, monkeypatch
):
    run = betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))

    echt = services.schrijf

    def kapot(klaar):
        if klaar.model is not AuditRegel:
            return echt(klaar)
        # de boekingen zijn al ingevoegd als de auditregels mislukken
        assert Grootboekregel.objects.filter(run_id=run.pk).exists()
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(services, "schrijf", kapot)
    run = betaalrun_verwerken(publiek_id=run.publiek_id)
    assert run.status == Runstatus.MISLUKT
    assert run.reden == "RuntimeError: schijf vol"
    assert run.uitgevoerd_op is not None and run.regels is None
    assert not Grootboekregel.objects.exists()
    client = Client()
    client.force_login(gemeld.bekostigingsmedewerker)
    assert client.get(f"/api/v1/betaalruns/{run.publiek_id}/").json()["reden"] == (
        "RuntimeError: schijf vol"
    )
    html = client.get(f"/betalingen/runs/{run.publiek_id}/").content.decode()
    assert "Reden: RuntimeError: schijf vol" in html and "er is niets geboekt" in html


@pytest.mark.django_db
def test_een_aanvrager_die_zijn_rol_verloor_voor_de_run_aan_de_beurt_was_krijgt_een_mislukte_run(
    gemeld,
):
    from rugzak.organisaties.models import Rol

    run = betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    Rol.objects.filter(gebruiker=gemeld.bekostigingsmedewerker).update(tot=date(2012, 1, 1))
    run = betaalrun_verwerken(publiek_id=run.publiek_id)
    assert run.status == Runstatus.MISLUKT and run.reden.startswith("geen toegang")
    assert not Grootboekregel.objects.exists()


@pytest.mark.django_db
def test_de_taak_van_een_mislukte_run_is_ook_in_de_wachtrij_mislukt(gemeld, monkeypatch, verwerker):
    def kapot(maand, **kwargs):
        raise RuntimeError("regelkern onbereikbaar")

    monkeypatch.setattr(services, "bereken_run", kapot)
    run = betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    verwerker()
    run = Betaalrun.objects.get(pk=run.pk)
    assert run.status == Runstatus.MISLUKT and "regelkern onbereikbaar" in run.reden
    taak = DBTaskResult.objects.get(id=run.taak_id)
    assert taak.status == "FAILED" and "BetaalrunTaakMislukt" in taak.exception_class_path


# --- herstel en uitsluiting ---------------------------------------------------------------------


@pytest.mark.django_db
def test_een_run_zonder_hartslag_wordt_hervat_en_boekt_dan_precies_een_keer(gemeld):
    run = betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    # een verwerker claimde de run en viel uit (niets geboekt, hartslag oud)
    oud = services.nu() - timedelta(hours=1)
    Betaalrun.objects.filter(pk=run.pk).update(
        status=Runstatus.BEZIG, poging=1, begonnen_op=oud, hartslag_op=oud
    )
    assert betaalruns_herstellen(grens=timedelta(hours=2)) == []  # nog binnen de grens
    hervat = betaalruns_herstellen()
    assert [r.pk for r in hervat] == [run.pk]
    run = Betaalrun.objects.get(pk=run.pk)
    assert run.status == Runstatus.IN_WACHTRIJ and "I-81" in run.reden
    assert DBTaskResult.objects.filter(status="READY").count() == 2  # de oude en de nieuwe
    run = betaalrun_verwerken(publiek_id=run.publiek_id)
    assert run.status == Runstatus.KLAAR and run.poging == 2
    eenmaal = _per_sleutel()
    # de oude taak komt nog langs: doet niets
    assert betaalrun_verwerken(publiek_id=run.publiek_id).status == Runstatus.KLAAR
    assert _per_sleutel() == eenmaal


@pytest.mark.django_db
def test_een_verwerker_die_de_run_kwijt_is_boekt_niets(gemeld, monkeypatch):
    """Fencing: een trage verwerker wiens run intussen hervat werd, boekt niet."""
    run = betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    echte = services.bereken_run

    def overgenomen(maand, **kwargs):
        uitkomst = echte(maand, **kwargs)
        Betaalrun.objects.filter(pk=run.pk).update(poging=99)  # een ander nam hem over
        return uitkomst

    monkeypatch.setattr(services, "bereken_run", overgenomen)
    run = betaalrun_verwerken(publiek_id=run.publiek_id)
    assert run.status == Runstatus.BEZIG and run.poging == 99
    assert not Grootboekregel.objects.exists()


@pytest.mark.django_db
def test_een_afgeronde_run_is_niet_meer_te_wijzigen_ook_niet_via_de_queryset(gemeld):
    run = services.betaalrun_uitvoeren(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    assert Betaalrun.objects.filter(pk=run.pk).update(status=Runstatus.BEZIG) == 0
    assert Betaalrun.objects.get(pk=run.pk).status == Runstatus.KLAAR
    from rugzak.gedeeld.alleen_toevoegen import AlleenToevoegen

    with pytest.raises(AlleenToevoegen):
        Betaalrun.objects.filter(pk=run.pk).update(maand=date(2012, 1, 1))


@pytest.mark.django_db
def test_een_tweede_run_wacht_zolang_een_run_van_dezelfde_instantie_bezig_is(gemeld):
    eerste = betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    tweede = betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    Betaalrun.objects.filter(pk=eerste.pk).update(
        status=Runstatus.BEZIG, poging=1, hartslag_op=services.nu()
    )
    tweede = betaalrun_verwerken(publiek_id=tweede.publiek_id)
    assert tweede.status == Runstatus.IN_WACHTRIJ
    assert f"wacht op run {eerste.publiek_id}" in tweede.reden and "I-80" in tweede.reden
    # run_after staat op de echte klok van de takenwachtrij, niet op de vaste dag (I-100)
    taak = DBTaskResult.objects.filter(id=tweede.taak_id).get()
    assert taak.run_after > services.systeemtijd()
    assert not Grootboekregel.objects.exists()


# --- PostgreSQL: een echte verwerker in een ander proces, en runs tegelijk ---------------------


def _start_verwerker(vertraging: float) -> subprocess.Popen[bytes]:
    naam = connection.settings_dict["NAME"]
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rugzak.site.settings_test",
        "DATABASE_URL": f"postgresql://{connection.settings_dict['USER']}@"
        f"{connection.settings_dict['HOST']}:{connection.settings_dict['PORT']}/{naam}",
        "RUGZAK_VANDAAG": PEILDATUM.isoformat(),
        "RUGZAK_BETAALRUN_TESTVERTRAGING": str(vertraging),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "django", "db_worker", "--no-startup-delay", "--no-reload",
         "--interval", "0.2"],
        env=omgeving, cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _wacht_op(voorwaarde, seconden: float = 60) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return
        time.sleep(0.1)
    pytest.fail("de verwachte toestand kwam niet binnen de tijd")


@alleen_postgresql
@pytest.mark.django_db(transaction=True)
def test_een_verwerker_die_midden_in_een_run_wordt_gedood_laat_niets_na_en_de_run_wordt_hervat(
    gemeld, zonder_alleen_toevoegen_triggers
):
    # de referentie: wat één run in een schone situatie boekt
    run = betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    verwerker = _start_verwerker(vertraging=30)  # blijft lang in de berekening hangen
    try:
        _wacht_op(lambda: Betaalrun.objects.get(pk=run.pk).status == Runstatus.BEZIG)
        _wacht_op(lambda: Betaalrun.objects.get(pk=run.pk).leerlingen_totaal == 2)
    finally:
        verwerker.send_signal(signal.SIGKILL)
        verwerker.wait(timeout=30)
    run = Betaalrun.objects.get(pk=run.pk)
    assert run.status == Runstatus.BEZIG and run.poging == 1  # de dode verwerker
    assert not Grootboekregel.objects.exists()  # niets half geboekt
    assert betaalruns_herstellen(grens=timedelta(0))  # herstel, als bij het starten
    verwerker = _start_verwerker(vertraging=0)
    try:
        _wacht_op(lambda: Betaalrun.objects.get(pk=run.pk).status == Runstatus.KLAAR)
    finally:
        verwerker.send_signal(signal.SIGTERM)
        verwerker.wait(timeout=30)
    run = Betaalrun.objects.get(pk=run.pk)
    assert run.poging == 2
    na_herstel = _per_sleutel()
    assert na_herstel and Grootboekregel.objects.filter(run=run).count() == run.regels
    # geen dubbele en geen ontbrekende boeking: een verse run heeft niets meer te boeken,
    # en elke sleutel is precies één keer geboekt
    controle = services.betaalrun_uitvoeren(
        door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2)
    )
    assert controle.regels == 0
    sleutels = Counter(
        Grootboekregel.objects.values_list("leerling_id", "ontvanger_id", "deel", "maand")
    )
    assert set(sleutels.values()) == {1}


@alleen_postgresql
@pytest.mark.django_db(transaction=True)
def test_twee_runs_die_tegelijk_starten_boeken_geen_verschil_twee_keer(
    gemeld, zonder_alleen_toevoegen_triggers
):
    runs = [
        betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
        for _ in range(2)
    ]
    start = threading.Barrier(2)
    fouten: list[BaseException] = []

    def verwerk(run: Betaalrun) -> None:
        try:
            start.wait()
            for _ in range(100):  # een uitgestelde run komt opnieuw aan de beurt
                if betaalrun_verwerken(publiek_id=run.publiek_id).afgerond:
                    return
                time.sleep(0.1)
        except BaseException as e:  # pragma: no cover - de test faalt erop
            fouten.append(e)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=verwerk, args=(r,)) for r in runs]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=120)
    assert not fouten
    klaar = [Betaalrun.objects.get(pk=r.pk) for r in runs]
    assert [r.status for r in klaar] == [Runstatus.KLAAR, Runstatus.KLAAR]
    assert sorted(r.regels for r in klaar)[0] == 0  # de tweede vond niets meer te boeken
    sleutels = Counter(
        Grootboekregel.objects.values_list("leerling_id", "ontvanger_id", "deel", "maand")
    )
    assert set(sleutels.values()) == {1}


# --- de opdrachtregel ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_de_opdrachtregel_zet_een_run_in_de_wachtrij_toont_hem_en_noemt_het_foute_veld(
    gemeld, capsys
):
    import json

    from rugzak.cli.main import main

    naam = gemeld.bekostigingsmedewerker.username
    assert main(["betaalrun", "start", "--maand", "2012-02", "--gebruiker", naam, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "in_wachtrij" and data["regels"] is None
    betaalrun_verwerken(publiek_id=data["publiek_id"])
    assert main(["betaalrun", "toon", data["publiek_id"]]) == 0
    uit = capsys.readouterr().out
    assert ": klaar" in uit and "regel(s) geboekt" in uit
    assert main(["betaalrun", "start", "--maand", "2012-04", "--gebruiker", naam]) == 2
    assert "--maand: 2012-04 is nog niet begonnen" in capsys.readouterr().err
    assert main(["betaalrun", "start", "--maand", "2012-02", "--gebruiker", "niemand"]) == 2


@pytest.mark.django_db
def test_een_uitgestelde_run_draait_als_de_andere_klaar_is_en_vergeet_het_wachten(gemeld):
    eerste = betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    tweede = betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    Betaalrun.objects.filter(pk=eerste.pk).update(
        status=Runstatus.BEZIG, poging=1, hartslag_op=services.nu()
    )
    assert betaalrun_verwerken(publiek_id=tweede.publiek_id).status == Runstatus.IN_WACHTRIJ
    Betaalrun.objects.filter(pk=eerste.pk).update(status=Runstatus.IN_WACHTRIJ)
    assert betaalrun_verwerken(publiek_id=eerste.publiek_id).regels > 0
    tweede = betaalrun_verwerken(publiek_id=tweede.publiek_id)
    assert tweede.status == Runstatus.KLAAR and tweede.regels == 0 and tweede.reden == ""
