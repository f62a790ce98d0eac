"""De demo: meldingen en terugmeldingen in elke toestand (met een verlopen terugmelding die
directie.dewieken ziet), twee schooljaren betaald met 2010-2011 als zichtbare leemte, en
een grootboek dat per leerling en schooljaar gelijk is aan het betaalschema van de
regelkern; opnieuw draaien boekt niets."""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.db import transaction
from django.db.models import Sum
from django.test import override_settings

from rugzak.betalingen.models import Besteding, Betaalrun, Grootboekregel, Leemte
from rugzak.betalingen.services import betaalrun_uitvoeren
from rugzak.demo.laden import laad_demo
from rugzak.leerlingen.models import Leerling
from rugzak.meldingen.models import (
    Melding,
    Meldingstatus,
    OnvolledigeIndiening,
    Terugmelding,
    Terugmeldingsoort,
    Terugmeldingstatus,
    TerugplaatsingGroep2,
    ZmlAanvraag,
    Zmlstatus,
)
from rugzak.meldingen.selectors import gebeurtenissen_per_leerling
from rugzak.organisaties.models import Gebruiker
from rugzak.regeling.fouten import RegelingFout
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import betaalschema, centen
from rugzak.regeling.regels.termijnen import Termijnstatus
from rugzak.regeling.tijd import Maand, Schooljaar
from rugzak.termijnregister import termijnen_voor

from .conftest import PEILDATUM


@pytest.fixture(scope="module")
def _demo_module(django_db_setup, django_db_blocker):
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


def test_meldingen_in_elke_toestand_en_onvolledige_indieningen(demo):
    assert set(Melding.objects.values_list("status", flat=True)) == set(Meldingstatus.values)
    assert OnvolledigeIndiening.objects.count() >= 3
    assert set(Terugmelding.objects.values_list("status", flat=True)) >= {
        Terugmeldingstatus.ONTVANGEN,
        Terugmeldingstatus.VERWERKT,
    }
    assert set(Terugmelding.objects.values_list("soort", flat=True)) >= {
        Terugmeldingsoort.UITSCHRIJVING_SO,
        Terugmeldingsoort.UITSCHRIJVING_GEEN_ONDERWIJS,
    }
    assert set(ZmlAanvraag.objects.values_list("status", flat=True)) >= {
        Zmlstatus.TOEGEKEND,
        Zmlstatus.ONTVANGEN,
    }
    assert TerugplaatsingGroep2.objects.exists()
    assert Besteding.objects.exists()


def test_directie_dewieken_ziet_een_verlopen_terugmelding(demo):
    directie = Gebruiker.objects.get(username="directie.dewieken")
    terugmeldingen = [
        t for t in termijnen_voor(directie, vandaag=PEILDATUM) if t.zaaktype == "terugmelding"
    ]
    assert any(t.status(PEILDATUM) == Termijnstatus.VERLOPEN for t in terugmeldingen)


def test_elke_maand_een_run_en_2010_2011_is_een_zichtbare_leemte(demo):
    maanden = set(Betaalrun.objects.values_list("maand", flat=True))
    m = Maand(2009, 8)
    while m <= Maand(2012, 3):
        assert m.eerste_dag in maanden
        m = m.volgend()
    for schooljaar in (Schooljaar(2009), Schooljaar(2011)):
        assert Grootboekregel.objects.filter(
            maand__gte=schooljaar.begin, maand__lte=schooljaar.einde
        ).exists()
    sj = Schooljaar(2010)
    assert not Grootboekregel.objects.filter(maand__gte=sj.begin, maand__lte=sj.einde).exists()
    assert Leemte.objects.filter(schooljaar="2010-2011", soort="ontbrekende_bron").exists()
    assert Grootboekregel.objects.filter(soort="correctie").exists()


@pytest.mark.bron("001, 'Betaling'; 003, tabel 'Primair Onderwijs'")
def test_het_grootboek_van_de_demo_is_gelijk_aan_de_regelkern_en_opnieuw_draaien_boekt_niets(
    demo,
):
    regeling = standaard_regeling()
    tot = Maand(2012, 3)
    geboekt: dict[tuple[int, int], int] = defaultdict(int)
    for lid, maand, som in (
        Grootboekregel.objects.values("leerling_id", "maand")
        .annotate(s=Sum("bedrag_centen"))
        .values_list("leerling_id", "maand", "s")
    ):
        geboekt[(lid, Schooljaar.van_datum(maand).beginjaar)] += som
    ids = list(Melding.objects.filter(status="geaccepteerd").values_list("leerling_id", flat=True))
    gebeurtenissen = gebeurtenissen_per_leerling(leerling_ids=ids)
    geboren = dict(Leerling.objects.filter(pk__in=ids).values_list("pk", "geboortedatum"))
    vergeleken = 0
    for lid in set(ids):
        for beginjaar in (2009, 2011):
            try:
                schema = betaalschema(
                    regeling, gebeurtenissen[lid], Schooljaar(beginjaar), geboortedatum=geboren[lid]
                )
            except RegelingFout:
                assert geboekt.get((lid, beginjaar), 0) == 0
                continue
            verwacht = sum(centen(b.bedrag) for b in schema.betalingen if b.maand <= tot)
            assert geboekt.get((lid, beginjaar), 0) == verwacht
            vergeleken += verwacht > 0
    assert vergeleken >= 20
    officier = Gebruiker.objects.get(username="bekostiging.cfi")
    with override_settings(RUGZAK_VANDAAG=PEILDATUM):
        assert betaalrun_uitvoeren(door=officier, maand=tot).regels == 0


def test_de_bulkrun_boekt_op_de_demogegevens_wat_het_pad_voor_een_leerling_boekt(demo):
    """Op de demo (met haar grootboek, dus ook correcties): elke boeking en leemte van de
    bulk is die van het oude pad, tot op de cent, voor maanden in drie schooljaren."""
    from rugzak.betalingen.berekening import (
        bereken_run,
        bereken_run_per_leerling,
        lees_geschiedenissen,
    )

    gelezen = lees_geschiedenissen()
    ids = sorted(gelezen.geschiedenissen)
    assert {k: list(v.gebeurtenissen) for k, v in gelezen.geschiedenissen.items()} == (
        gebeurtenissen_per_leerling(leerling_ids=ids)
    )
    for maand in (Maand(2010, 2), Maand(2011, 3), Maand(2012, 3)):
        bulk = bereken_run(maand)
        oud = bereken_run_per_leerling(maand)
        assert bulk.leerlingen == oud.leerlingen > 0
        assert [(g.leerling_id, g.schooljaar, g.soort, g.melding) for g in bulk.leemtes] == [
            (g.leerling_id, g.schooljaar, g.soort, g.melding) for g in oud.leemtes
        ]
        assert list(bulk.boekingen) == list(oud.boekingen)
