"""De incrementele betaalrun (issue 9, I-190 en I-191): een run rekent alleen de leerlingen
opnieuw van wie iets veranderde sinds hun laatste berekening, en boekt dan precies wat het
pad voor één leerling boekt.

Na elke run vergelijkt de test het grootboek met het oude pad
(:func:`bereken_run_per_leerling`): dat heeft dan niets meer te boeken, tot op de cent, en
de leemtes die na de run gelden zijn de leemtes van het oude pad. Elke soort wijziging die
de vingerafdruk moet zien (een indicatie die eerder eindigt, een uitschrijving, een
verhuizing, een wijziging van de basisgegevens, een zml-aanvraag, een terugplaatsing, een
andere geboortedatum, een melding die geaccepteerd wordt) wordt gezien; een leerling zonder
wijziging wordt niet opnieuw berekend, krijgt geen boeking, geen nieuwe leemte en geen
auditregel.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rugzak.audit.models import AuditRegel
from rugzak.betalingen.berekening import bereken_run, bereken_run_per_leerling
from rugzak.betalingen.models import Betaalrun, Grootboekregel, Leemte, Leerlingberekening
from rugzak.betalingen.selectors import geldende_leemtes
from rugzak.betalingen.services import betaalrun_uitvoeren
from rugzak.indicaties.models import Indicatie
from rugzak.leerlingen.models import Leerling
from rugzak.meldingen.models import Melding, Terugmelding, TerugplaatsingGroep2, ZmlAanvraag
from rugzak.regeling.tijd import Maand
from tests.app.test_betalingen_bulkrun import Land, geschiedenis

pytestmark = pytest.mark.django_db

MAAND = Maand(2012, 2)


def _g(**w):
    basis = {
        "soort": "lg", "vo": False, "groep": 5, "inschrijving": date(2009, 8, 24),
        "indicatie": date(2009, 5, 12), "melding": date(2009, 9, 7), "down": False,
        "geboren": date(2002, 1, 1), "opvolgend": None, "verhuizing": None,
        "uitschrijving": None, "wijziging": None, "zml": None, "terugplaatsing": None,
    }  # fmt: skip
    basis.update(w)
    return basis


def _herberekend(maand: Maand = MAAND) -> set[int]:
    """Wie een incrementele run nu opnieuw zou rekenen."""
    b = bereken_run(maand, afdrukken=True, incrementeel=True)
    assert b.afdruk_lid is not None
    return set(b.afdruk_lid.tolist())


def _klopt(maand: Maand) -> None:
    """Het grootboek is wat het oude pad boekt: dat heeft niets meer te boeken, en de
    leemtes die na de laatste run gelden zijn de zijne."""
    oud = bereken_run_per_leerling(maand)
    assert list(oud.boekingen) == []
    laatste = Betaalrun.objects.order_by("-id").first()
    assert laatste is not None
    geldend = sorted(
        geldende_leemtes(laatste.pk).values_list("leerling_id", "schooljaar", "soort", "melding")
    )
    assert geldend == sorted(
        (g.leerling_id, str(g.schooljaar), g.soort, g.melding) for g in oud.leemtes
    )
    assert laatste.leemtes == len(oud.leemtes)


def _run(wereld, maand: Maand = MAAND) -> Betaalrun:
    return betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=maand)


def test_een_herhaalde_run_rekent_niemand_opnieuw_en_schrijft_niets(wereld):
    land = Land(wereld)
    a = land.leerling(_g())  # 2009-2012: 2010-2011 heeft geen tarief, een leemte
    b = land.leerling(_g(inschrijving=date(2011, 8, 22), melding=date(2011, 9, 5)))
    eerste = _run(wereld)
    assert eerste.regels > 0 and eerste.leemtes == 1
    assert Leerlingberekening.objects.filter(run=eerste).count() == 2
    assert _herberekend() == set()
    leemtes, audit = Leemte.objects.count(), AuditRegel.objects.count()
    tweede = _run(wereld)
    assert tweede.regels == 0 and tweede.totaal_centen == 0
    assert tweede.leerlingen == 2 and tweede.leemtes == 1  # de leemte van a blijft gelden
    assert Leemte.objects.count() == leemtes
    assert Leerlingberekening.objects.filter(run=tweede).count() == 0
    # alleen de auditregel van de aanvraag, geen per leerling
    nieuw = AuditRegel.objects.order_by("id")[audit:]
    assert [r.objecttype for r in nieuw] == ["betaalrun"]
    assert list(geldende_leemtes(tweede.pk).values_list("leerling_id", flat=True)) == [a.pk]
    assert b.pk not in _herberekend()
    _klopt(MAAND)


def _uitschrijving(land, leerling, m):
    land.uitschrijven(m, date(2011, 11, 1))


def _indicatie_eerder_einde(land, leerling, m):
    Indicatie.objects.filter(pk=m.indicatie_id).update(einddatum=date(2010, 12, 31))


def _verhuizing(land, leerling, m):
    # voor het schooljaar 2011-2012 naar school C (binnen een schooljaar blijft het geld bij
    # de school van het begin van het jaar)
    land.uitschrijven(m, date(2011, 7, 15))
    land.melding(
        leerling, m.indicatie, land.school_c, _g(), ins=date(2011, 8, 1), op=date(2011, 8, 15),
        schoolwisseling=True, vorige_school=m.school,
    )  # fmt: skip


def _wijziging(land, leerling, m):
    Terugmelding.objects.create(
        melding=m, soort="wijziging", datum=date(2011, 10, 3), ingediend_op_datum=date(2011, 10, 3),
        status="verwerkt", ab_verzorger=land.ab_2, ingediend_door=land.w.directie_a,
        ingediend_op=timezone.now(),
    )  # fmt: skip


def _zml_en_terugplaatsing(land, leerling, m):
    ZmlAanvraag.objects.create(
        melding=m, groep_3_per=date(2011, 10, 1), aanvraagdatum=date(2011, 9, 20),
        status="toegekend", ingediend_door=land.w.directie_a, ingediend_op=timezone.now(),
    )  # fmt: skip
    TerugplaatsingGroep2.objects.create(
        melding=m, datum=date(2012, 1, 9), gemeld_op_datum=date(2012, 1, 9),
        gemeld_door=land.w.directie_a, gemeld_op=timezone.now(),
    )  # fmt: skip


def _geboortedatum(land, leerling, m):
    # te jong voor de rugzak in het eerste jaar (minimumleeftijd)
    Leerling.objects.filter(pk=leerling.pk).update(geboortedatum=date(2007, 6, 1))


#: de wijziging en de leerlingen waarop ze valt
WIJZIGINGEN = {
    "uitschrijving": (_uitschrijving, {}),
    "indicatie eindigt eerder": (_indicatie_eerder_einde, {}),
    # twee meldingen met dezelfde indicatie: de afdruk mag de indicatie niet wegstrepen
    "indicatie eindigt eerder na verhuizing": (
        _indicatie_eerder_einde,
        {"verhuizing": (date(2010, 9, 1), date(2010, 9, 10))},
    ),
    "verhuizing": (_verhuizing, {}),
    "wijziging basisgegevens": (_wijziging, {}),
    "zml-aanvraag en terugplaatsing": (_zml_en_terugplaatsing, {"soort": "zml", "groep": 2}),
    "geboortedatum": (_geboortedatum, {}),
}


@pytest.mark.parametrize("wijziging", WIJZIGINGEN, ids=list(WIJZIGINGEN))
def test_een_wijziging_bij_een_leerling_tussen_twee_runs_boekt_de_tweede_run(wereld, wijziging):
    doe, soort = WIJZIGINGEN[wijziging]
    land = Land(wereld)
    gewijzigd = land.leerling(_g(**soort))
    ander = land.leerling(_g(**soort))
    _run(wereld)
    _klopt(MAAND)
    voor = Grootboekregel.objects.count()
    audit = AuditRegel.objects.count()
    doe(land, gewijzigd, land.eerste_melding[gewijzigd.pk])
    assert _herberekend() == {gewijzigd.pk}
    tweede = _run(wereld)
    assert tweede.leerlingen == 2
    nieuw = Grootboekregel.objects.filter(run=tweede)
    # de wijziging doet iets: een boeking of een andere leemte, alleen bij deze leerling
    assert nieuw.count() == tweede.regels
    assert tweede.regels > 0 or Leemte.objects.filter(run=tweede).exists()
    assert set(nieuw.values_list("leerling_id", flat=True)) <= {gewijzigd.pk}
    assert set(Leemte.objects.filter(run=tweede).values_list("leerling_id", flat=True)) <= {
        gewijzigd.pk
    }
    assert Grootboekregel.objects.count() == voor + tweede.regels
    # één auditregel per betrokken leerling (plus die van de aanvraag); de ander niet
    per_leerling = AuditRegel.objects.order_by("id")[audit:]
    betrokken = [r.leerling_publiek_id for r in per_leerling if r.objecttype == "grootboekregel"]
    assert betrokken == [str(gewijzigd.publiek_id)]
    assert ander.pk not in {r.leerling_id for r in Leerlingberekening.objects.filter(run=tweede)}
    _klopt(MAAND)
    assert _herberekend() == set()


def test_een_melding_die_later_geaccepteerd_wordt_is_een_nieuwe_leerling_voor_de_run(wereld):
    land = Land(wereld)
    land.leerling(_g())
    nieuw = land.leerling(_g())
    Melding.objects.filter(leerling=nieuw).update(status="ingediend")
    _run(wereld)
    Melding.objects.filter(leerling=nieuw).update(status="geaccepteerd")
    assert _herberekend() == {nieuw.pk}
    tweede = _run(wereld)
    assert set(Grootboekregel.objects.filter(run=tweede).values_list("leerling_id", flat=True)) == {
        nieuw.pk
    }
    _klopt(MAAND)


def test_een_andere_maand_rekent_iedereen_opnieuw(wereld):
    land = Land(wereld)
    ids = {land.leerling(_g()).pk, land.leerling(_g(groep=3)).pk}
    _run(wereld)
    assert _herberekend(MAAND) == set()
    assert _herberekend(Maand(2012, 3)) == ids
    derde = _run(wereld, Maand(2012, 3))
    assert derde.regels > 0
    _klopt(Maand(2012, 3))


def test_grootboek_buiten_een_run_om_geboekt_rekent_die_leerling_opnieuw(wereld):
    land = Land(wereld)
    a = land.leerling(_g())
    b = land.leerling(_g())
    eerste = _run(wereld)
    regel = Grootboekregel.objects.filter(leerling=a).order_by("id").first()
    Grootboekregel.objects.create(
        maand=regel.maand, ontvanger_id=regel.ontvanger_id, leerling=a, cvi_nummer=regel.cvi_nummer,
        deel=regel.deel, bedrag_centen=123, run=eerste, soort="correctie",
        aangemaakt_op=timezone.now(),
    )  # fmt: skip
    assert _herberekend() == {a.pk}
    tweede = _run(wereld)
    assert list(
        Grootboekregel.objects.filter(run=tweede).values_list("bedrag_centen", "leerling")
    ) == [(-123, a.pk)]
    assert b.pk not in _herberekend()
    _klopt(MAAND)


def test_een_leemte_die_verandert_wordt_opnieuw_vastgelegd_een_die_verdwijnt_geldt_niet_meer(
    wereld,
):
    land = Land(wereld)
    # 2010-2011 heeft geen tarief: een leemte
    leerling = land.leerling(_g(inschrijving=date(2010, 8, 23), melding=date(2010, 9, 6)))
    eerste = _run(wereld)
    assert eerste.leemtes == 1
    [oud] = Leemte.objects.filter(run=eerste)
    # de inschrijving wordt (in de gegevens) verschoven naar 2011: de leemte verdwijnt
    m = land.eerste_melding[leerling.pk]
    Melding.objects.filter(pk=m.pk).update(
        inschrijvingsdatum=date(2011, 8, 22), meldingsdatum=date(2011, 9, 5)
    )
    tweede = _run(wereld)
    assert tweede.leemtes == 0
    assert not geldende_leemtes(tweede.pk).exists()
    # de eerste run toont nog wat toen gold
    assert list(geldende_leemtes(eerste.pk)) == [oud]
    _klopt(MAAND)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(geschiedenis(), min_size=2, max_size=4),
    st.sampled_from([Maand(2011, 1), Maand(2011, 9), Maand(2012, 2)]),
    st.integers(0, 400),
    st.sampled_from(["uitschrijving", "indicatie", "verhuizing", "geen"]),
)
def test_incrementeel_boekt_na_elke_wijziging_wat_het_pad_voor_een_leerling_boekt(
    wereld, geschiedenissen, maand, dagen, wijziging
):
    with transaction.atomic():
        land = Land(wereld)
        leerlingen = [land.leerling(g) for g in geschiedenissen]
        _run(wereld, maand)
        _klopt(maand)
        eerste = leerlingen[0]
        m = land.eerste_melding[eerste.pk]
        dag = m.inschrijvingsdatum + timedelta(days=1 + dagen)
        if wijziging == "uitschrijving" and not geschiedenissen[0]["uitschrijving"]:
            land.uitschrijven(m, dag)
        elif wijziging == "indicatie":
            Indicatie.objects.filter(pk=m.indicatie_id).update(einddatum=dag)
        elif (
            wijziging == "verhuizing"
            and not geschiedenissen[0]["vo"]
            and not geschiedenissen[0]["verhuizing"]  # al een melding bij school C
        ):
            land.melding(
                eerste, m.indicatie, land.school_c, geschiedenissen[0], ins=dag,
                op=max(dag, m.indicatiedatum), schoolwisseling=True, vorige_school=m.school,
            )  # fmt: skip
        herberekend = _herberekend(maand)
        assert herberekend <= {eerste.pk}
        _run(wereld, maand)
        _klopt(maand)
        _run(wereld, Maand(2012, 3))
        _klopt(Maand(2012, 3))
        transaction.set_rollback(True)


def test_de_runpagina_telt_de_leemtes_per_schooljaar_en_reden_en_toont_ze_per_pagina(
    wereld, client, monkeypatch
):
    from rugzak.betalingen import views

    monkeypatch.setattr(views, "LEEMTES_PER_PAGINA", 2)
    land = Land(wereld)
    leerlingen = [land.leerling(_g()) for _ in range(3)]  # elk een leemte in 2010-2011
    _run(wereld)
    run = _run(wereld)  # de herhaling: de leemtes gelden nog, ook al schreef ze niets
    assert run.leemtes == 3 and not Leemte.objects.filter(run=run).exists()
    client.force_login(wereld.bekostigingsmedewerker)
    audit = AuditRegel.objects.count()
    pagina = client.get(f"/betalingen/runs/{run.publiek_id}/").content.decode()
    assert "Leemtes per schooljaar en reden" in pagina
    assert '<th scope="row">2010-2011</th><td>de bronnen geven geen bedrag</td>' in pagina
    assert ">3</td>" in pagina
    assert pagina.count("2010-2011: ") == 2 and "pagina 1 van 2" in pagina
    gelogd = AuditRegel.objects.order_by("id")[audit:]
    assert len([r for r in gelogd if r.objecttype == "leemte"]) == 2  # alleen de getoonde
    tweede = client.get(f"/betalingen/runs/{run.publiek_id}/?pagina=2").content.decode()
    assert tweede.count("2010-2011: ") == 1 and "pagina 2 van 2" in tweede
    assert {lid.pk for lid in leerlingen} == set(
        geldende_leemtes(run.pk).values_list("leerling_id", flat=True)
    )


def test_zonder_incrementele_run_rekent_elke_run_iedereen_en_boekt_hetzelfde(wereld, settings):
    settings.RUGZAK_BETAALRUN_INCREMENTEEL = False
    land = Land(wereld)
    a = land.leerling(_g())
    land.leerling(_g(groep=3))
    _run(wereld)
    leemtes = Leemte.objects.count()
    land.uitschrijven(land.eerste_melding[a.pk], date(2011, 11, 1))
    tweede = _run(wereld)
    # iedereen opnieuw berekend en vastgelegd; geboekt alleen bij a, leemtes niet opnieuw
    assert Leerlingberekening.objects.filter(run=tweede).count() == 2
    assert set(Grootboekregel.objects.filter(run=tweede).values_list("leerling", flat=True)) == {
        a.pk
    }
    assert Leemte.objects.count() == leemtes
    _klopt(MAAND)
