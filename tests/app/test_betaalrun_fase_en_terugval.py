"""De voortgang van een betaalrun per fase (lezen, rekenen, grootboek, boeken) op de
runpagina en in de API, en het aantal leerlingen dat over het pad voor één leerling ging
(``terugval``, I-85) bij een afgeronde run."""

from __future__ import annotations

import dataclasses

import pytest
from django.test import Client

from rugzak.betalingen import services
from rugzak.betalingen.models import Betaalrun, Runstatus
from rugzak.regeling.tijd import Maand
from tests.app.test_betalingen_taken import gemeld  # noqa: F401  (fixture)


@pytest.mark.django_db
def test_de_run_meldt_elke_fase_op_de_pagina_en_in_de_api(gemeld, monkeypatch):  # noqa: F811
    client = Client()
    client.force_login(gemeld.bekostigingsmedewerker)
    run = services.betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    gezien: list[tuple[str, str, dict[str, object]]] = []
    echte = services.hartslag.klop

    def klop(model, pk, poging, **velden):
        echte(model, pk, poging, **velden)
        if "fase" in velden:  # wat een gebruiker op dat moment ziet
            html = client.get(f"/betalingen/runs/{run.publiek_id}/").content.decode()
            api = client.get(f"/api/v1/betaalruns/{run.publiek_id}/").json()["voortgang"]
            gezien.append((str(velden["fase"]), html, api))

    monkeypatch.setattr(services.hartslag, "klop", klop)
    run = services.betaalrun_verwerken(publiek_id=run.publiek_id)
    assert run.status == Runstatus.KLAAR and run.fase is None
    assert [f for f, _, _ in gezien] == ["lezen", "rekenen", "grootboek", "boeken"]
    teksten = ["gegevens lezen", "berekenen", "vergelijken met het grootboek", "boeken"]
    for n, ((fase, html, api), tekst) in enumerate(zip(gezien, teksten, strict=True), start=1):
        assert f"fase {n} van 4: {tekst}" in html
        assert api["fase"] == fase and api["fase_tekst"] == tekst
        assert api["fase_nummer"] == n and api["fasen"] == 4
    # tijdens het boeken zijn alle leerlingen berekend
    assert gezien[-1][2]["gedaan"] == gezien[-1][2]["totaal"] == 2
    klaar = client.get(f"/api/v1/betaalruns/{run.publiek_id}/").json()
    assert klaar["voortgang"]["fase"] is None


@pytest.mark.django_db
def test_de_terugval_staat_op_de_runpagina_en_in_de_api(gemeld, monkeypatch):  # noqa: F811
    echte = services.bereken_run

    def met_terugval(*args, **kwargs):
        return dataclasses.replace(echte(*args, **kwargs), terugval=3)

    monkeypatch.setattr(services, "bereken_run", met_terugval)
    run = services.betaalrun_uitvoeren(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    assert Betaalrun.objects.get(pk=run.pk).terugval == 3
    client = Client()
    client.force_login(gemeld.bekostigingsmedewerker)
    html = client.get(f"/betalingen/runs/{run.publiek_id}/").content.decode()
    assert "Via het pad voor één leerling" in html and "3 leerlingen" in html and "I-85" in html
    assert client.get(f"/api/v1/betaalruns/{run.publiek_id}/").json()["terugval"] == 3
    lijst = client.get("/api/v1/betaalruns/").json()["resultaten"]
    assert [r["terugval"] for r in lijst] == [3]


@pytest.mark.django_db
def test_zonder_terugval_zegt_de_pagina_nul_leerlingen(gemeld):  # noqa: F811
    run = services.betaalrun_uitvoeren(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    client = Client()
    client.force_login(gemeld.bekostigingsmedewerker)
    html = client.get(f"/betalingen/runs/{run.publiek_id}/").content.decode()
    assert "Via het pad voor één leerling</dt><dd>0 leerlingen</dd>" in html
