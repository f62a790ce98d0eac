"""De betaalrun op de bulkweg boekt precies wat het pad voor één leerling boekt.

Hypothesis maakt geschiedenissen in de database met elk soort gebeurtenis: meldingen
(ook een opvolgende melding na herindicatie en een melding van een nieuwe school na een
verhuizing), terugmeldingen (uitschrijving en wijziging van de basisgegevens),
toegekende zml-aanvragen en terugplaatsingen naar groep 2, het syndroom van Down,
geboortedata rond de minimumleeftijd, verlopen indicaties en schooljaren zonder tarief
(2010-2011; 2009-2010 buiten cluster 3). Per run vergelijkt de test de bulk
(:func:`bereken_run`) met het oude pad (:func:`bereken_run_per_leerling`, één
``betaalschema`` per leerling en schooljaar): elke boeking (leerling, ontvanger, deel,
maand, CvI-nummer, bedrag in centen, soort), elke leemte, tot op de cent; eerst op een
leeg grootboek, daarna (na boeken en een late uitschrijving) de correctierun.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rugzak import toegang
from rugzak.betalingen.berekening import bereken_run, bereken_run_per_leerling, lees_geschiedenissen
from rugzak.betalingen.models import Betaalrun, Grootboekregel
from rugzak.betalingen.services import betaalrun_boeken, betaalrun_uitvoeren
from rugzak.indicaties.models import Indicatie
from rugzak.leerlingen.models import Leerling
from rugzak.meldingen.models import (
    Melding,
    Terugmelding,
    TerugplaatsingGroep2,
    ZmlAanvraag,
)
from rugzak.meldingen.selectors import gebeurtenissen_per_leerling
from rugzak.organisaties.rollen import Organisatiesoort
from rugzak.organisaties.services import organisatie_maak
from rugzak.regeling.begrippen import Onderwijssoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.indicatie import indicatie_geldigheid
from rugzak.regeling.tijd import Maand

pytestmark = pytest.mark.django_db

_nummer = itertools.count(1)
BEGIN = date(2009, 8, 1)


def _dag(basis: date, dagen: int) -> date:
    return basis + timedelta(days=dagen)


@st.composite
def geschiedenis(draw):
    soort = draw(st.sampled_from(["zml", "zml", "lg", "doof", "cl4"]))
    vo = draw(st.booleans()) and soort != "zml"
    d0 = _dag(BEGIN, draw(st.integers(-200, 900)))
    ind = max(date(2004, 8, 1), _dag(d0, -draw(st.integers(0, 500))))
    melding = max(d0, ind) + timedelta(days=draw(st.integers(0, 150)))
    g = {
        "soort": soort,
        "vo": vo,
        "groep": None if vo else draw(st.sampled_from([2, 3, 5])),
        "inschrijving": d0,
        "indicatie": ind,
        "melding": melding,
        "down": draw(st.integers(0, 9)) == 0,
        "geboren": _dag(d0, -draw(st.integers(3 * 365, 5 * 365)))
        if not vo
        else _dag(d0, -12 * 365),
        "opvolgend": None,
        "verhuizing": None,
        "uitschrijving": None,
        "wijziging": None,
        "zml": None,
        "terugplaatsing": None,
    }
    if draw(st.booleans()):
        # een herindicatie valt binnen de regeling (die eindigt op 2014-07-31); anders geeft
        # de regelkern terecht geen geldigheid en faalt de opbouw van de test zelf
        ind2 = min(_dag(melding, draw(st.integers(1, 900))), date(2014, 7, 31))
        g["opvolgend"] = (ind2, _dag(ind2, draw(st.integers(0, 60))))
    if not vo and draw(st.integers(0, 2)) == 0:
        d1 = _dag(d0, draw(st.integers(1, 800)))
        g["verhuizing"] = (d1, _dag(max(d1, ind), draw(st.integers(0, 90))))
    keuze = draw(st.sampled_from(["geen", "uitschrijving", "wijziging"]))
    if keuze == "uitschrijving":
        g["uitschrijving"] = _dag(d0, draw(st.integers(1, 900)))
    elif keuze == "wijziging":
        g["wijziging"] = (
            _dag(max(d0, ind), draw(st.integers(1, 500))),
            None if vo else draw(st.sampled_from([None, 3, 4])),
            draw(st.booleans()),
        )
    if soort == "zml" and not vo and draw(st.booleans()):
        per = _dag(d0, draw(st.integers(0, 500)))
        g["zml"] = (per, max(melding, _dag(per, -draw(st.integers(0, 40)))))
        if draw(st.booleans()):
            g["terugplaatsing"] = _dag(per, draw(st.integers(1, 400)))
    return g


class Land:
    def __init__(self, wereld):
        self.w = wereld
        self.school_c = organisatie_maak(
            soort=Organisatiesoort.SCHOOL, naam="School C", brin="33CC", schoolsoort="bao",
            bestuur=wereld.bestuur_a,
        )  # fmt: skip
        self.ab_2 = organisatie_maak(soort=Organisatiesoort.AB_DIENST, naam="AB 2", rec=wereld.rec)
        self.eerste_melding: dict[int, Melding] = {}

    def indicatie(self, leerling, soort: str, dag: date, down: bool) -> Indicatie:
        geldig = indicatie_geldigheid(
            standaard_regeling(), onderwijssoort=Onderwijssoort(soort), indicatiedatum=dag,
            syndroom_van_down=down,
        )  # fmt: skip
        return Indicatie.objects.create(
            leerling=leerling, cvi=self.w.cvi, cvi_nummer=f"P-{next(_nummer):06d}",
            indicatiedatum=dag, onderwijssoort=soort, syndroom_van_down=down,
            einddatum=geldig.einddatum, herindicatie_op=geldig.herindicatie_op,
        )  # fmt: skip

    def melding(self, leerling, indicatie, school, g, *, ins, op, **extra) -> Melding:
        nu = timezone.now()
        return Melding.objects.create(
            leerling=leerling, school=school, indicatie=indicatie, status="geaccepteerd",
            meldingsdatum=op, inschrijvingsdatum=ins,
            schoolsoort="vo" if g["vo"] else "bao", groep=g["groep"],
            leerjaar=2 if g["vo"] else None, vo_variant="overig" if g["vo"] else "",
            cvi_nummer=indicatie.cvi_nummer, indicatiedatum=indicatie.indicatiedatum,
            onderwijssoort=g["soort"], ab_verzorger=self.w.ab_dienst,
            syndroom_van_down=g["down"], ingediend_door=self.w.directie_a, ingediend_op=nu,
            beoordeeld_door=self.w.bekostigingsmedewerker, beoordeeld_op=nu, **extra,
        )  # fmt: skip

    def leerling(self, g) -> Leerling:
        w = self.w
        leerling = Leerling.objects.create(
            voornaam="Pim", achternaam="Proef", geboortedatum=g["geboren"], adres="Laan 1",
            postcode="1234 AB", woonplaats="Utrecht",
        )  # fmt: skip
        school = w.school_b if g["vo"] else w.school_a
        ind = self.indicatie(leerling, g["soort"], g["indicatie"], g["down"])
        m = self.melding(leerling, ind, school, g, ins=g["inschrijving"], op=g["melding"])
        self.eerste_melding[leerling.pk] = m
        if g["opvolgend"]:
            dag, op = g["opvolgend"]
            ind2 = self.indicatie(leerling, g["soort"], dag, g["down"])
            self.melding(
                leerling, ind2, school, g, ins=g["inschrijving"], op=op, herindicatie=True,
                vorig_cvi_nummer=ind.cvi_nummer,
            )  # fmt: skip
        if g["verhuizing"]:
            ins, op = g["verhuizing"]
            self.melding(
                leerling, ind, self.school_c, g, ins=ins, op=op, schoolwisseling=True,
                vorige_school=school,
            )  # fmt: skip
        if g["uitschrijving"]:
            self.uitschrijven(m, g["uitschrijving"])
        if g["wijziging"]:
            dag, groep, ab = g["wijziging"]
            if groep is None and not ab:
                ab = True
            Terugmelding.objects.create(
                melding=m, soort="wijziging", datum=dag, ingediend_op_datum=dag,
                status="verwerkt", groep=groep, ab_verzorger=self.ab_2 if ab else None,
                ingediend_door=w.directie_a, ingediend_op=timezone.now(),
            )  # fmt: skip
        if g["zml"]:
            per, aanvraag = g["zml"]
            ZmlAanvraag.objects.create(
                melding=m, groep_3_per=per, aanvraagdatum=aanvraag, status="toegekend",
                ingediend_door=w.directie_a, ingediend_op=timezone.now(),
            )  # fmt: skip
            if g["terugplaatsing"]:
                TerugplaatsingGroep2.objects.create(
                    melding=m, datum=g["terugplaatsing"], gemeld_op_datum=g["terugplaatsing"],
                    gemeld_door=w.directie_a, gemeld_op=timezone.now(),
                )  # fmt: skip
        return leerling

    def uitschrijven(self, m: Melding, dag: date) -> None:
        Terugmelding.objects.create(
            melding=m, soort="uitschrijving_so", datum=dag, ingediend_op_datum=dag,
            status="verwerkt", ingediend_door=self.w.directie_a, ingediend_op=timezone.now(),
        )  # fmt: skip


def _gelijk(maand: Maand) -> None:
    bulk = bereken_run(maand)
    oud = bereken_run_per_leerling(maand)
    assert bulk.leerlingen == oud.leerlingen
    assert [(g.leerling_id, g.schooljaar, g.soort) for g in bulk.leemtes] == [
        (g.leerling_id, g.schooljaar, g.soort) for g in oud.leemtes
    ]
    assert list(bulk.boekingen) == list(oud.boekingen)
    assert bulk.boekingen.totaal_centen == oud.boekingen.totaal_centen


def _geldig(gebeurtenissen_ok: bool) -> bool:
    return gebeurtenissen_ok


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(geschiedenis(), min_size=1, max_size=4),
    st.sampled_from([Maand(2010, 3), Maand(2011, 1), Maand(2011, 9), Maand(2012, 2)]),
    st.sampled_from([Maand(2012, 3), Maand(2012, 7)]),
    st.integers(0, 400),
)
def test_bulkrun_boekt_per_leerling_ontvanger_deel_en_maand_wat_het_pad_voor_een_leerling_boekt(
    wereld, geschiedenissen, eerste_run, tweede_run, late_uitschrijving
):
    with transaction.atomic():
        land = Land(wereld)
        leerlingen = [land.leerling(g) for g in geschiedenissen]
        # de gebeurtenissen uit vijf queries zijn die van het oude pad, in dezelfde volgorde
        ids = [lid.pk for lid in leerlingen]
        snel = lees_geschiedenissen()
        assert {k: list(v.gebeurtenissen) for k, v in snel.geschiedenissen.items()} == (
            gebeurtenissen_per_leerling(leerling_ids=ids)
        )
        _gelijk(eerste_run)
        betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=eerste_run)
        # een late uitschrijving bij de eerste leerling (als die er nog geen heeft): correcties
        if not geschiedenissen[0]["uitschrijving"]:
            m = land.eerste_melding[leerlingen[0].pk]
            land.uitschrijven(m, _dag(m.inschrijvingsdatum, 1 + late_uitschrijving))
        _gelijk(eerste_run)
        _gelijk(tweede_run)
        transaction.set_rollback(True)


def test_een_run_op_de_bulkweg_twee_keer_boekt_de_tweede_keer_niets(wereld):
    land = Land(wereld)
    g = {
        "soort": "zml", "vo": False, "groep": 5, "inschrijving": date(2011, 8, 22),
        "indicatie": date(2011, 5, 12), "melding": date(2011, 9, 5), "down": False,
        "geboren": date(2004, 1, 1), "opvolgend": None, "verhuizing": None,
        "uitschrijving": None, "wijziging": None, "zml": None, "terugplaatsing": None,
    }  # fmt: skip
    land.leerling(g)
    eerste = betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand="2012-02")
    assert eerste.regels > 0 and eerste.terugval == 0
    tweede = betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand="2012-02")
    assert tweede.regels == 0 and tweede.totaal_centen == 0
    assert Grootboekregel.objects.filter(run=tweede).count() == 0
    assert Betaalrun.objects.count() == 2


def test_voortgang_meldt_nul_en_dan_alle_leerlingen(wereld):
    land = Land(wereld)
    g = {
        "soort": "lg", "vo": False, "groep": 5, "inschrijving": date(2011, 8, 22),
        "indicatie": date(2011, 5, 12), "melding": date(2011, 9, 5), "down": False,
        "geboren": date(2004, 1, 1), "opvolgend": None, "verhuizing": None,
        "uitschrijving": None, "wijziging": None, "zml": None, "terugplaatsing": None,
    }  # fmt: skip
    land.leerling(g)
    land.leerling(g)
    gezien: list[tuple[int, int]] = []
    bereken_run(Maand(2012, 2), voortgang=lambda gedaan, totaal: gezien.append((gedaan, totaal)))
    assert gezien[0] == (0, 2) and gezien[-1] == (2, 2)


_ = (betaalrun_boeken, toegang)


@pytest.mark.bron("004, 'Inschrijving van leerlingen met een handicap na 1 augustus 2003'")
def test_een_wijziging_die_de_regelkern_weigert_is_een_leemte_van_die_leerling_alleen(wereld):
    """I-86: het oude pad liep hier vast; de bulk legt leemtes vast voor die ene leerling
    (elk schooljaar vanaf haar eerste melding) en betaalt de andere."""
    from rugzak.betalingen.models import Leemte, Leemtesoort

    land = Land(wereld)
    g = {
        "soort": "lg", "vo": False, "groep": 5, "inschrijving": date(2011, 8, 22),
        "indicatie": date(2011, 5, 12), "melding": date(2011, 9, 5), "down": False,
        "geboren": date(2004, 1, 1), "opvolgend": None, "verhuizing": None,
        "uitschrijving": None, "wijziging": None, "zml": None, "terugplaatsing": None,
    }  # fmt: skip
    goed = land.leerling(g)
    fout = land.leerling(g)
    Terugmelding.objects.create(
        melding=land.eerste_melding[fout.pk], soort="wijziging", datum=date(2011, 10, 3),
        ingediend_op_datum=date(2011, 10, 3), status="verwerkt", groep=9,
        ingediend_door=wereld.directie_a, ingediend_op=timezone.now(),
    )  # fmt: skip
    run = betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand="2012-02")
    assert Grootboekregel.objects.filter(run=run, leerling=goed).exists()
    assert not Grootboekregel.objects.filter(leerling=fout).exists()
    leemte = Leemte.objects.get(run=run)
    assert leemte.leerling_id == fout.pk and leemte.schooljaar == "2011-2012"
    assert leemte.soort == Leemtesoort.ONGELDIGE_GEGEVENS and "I-86" in leemte.melding
    assert "groep" in leemte.melding


def _g(**w):
    basis = {
        "soort": "lg", "vo": False, "groep": None, "inschrijving": None, "indicatie": None,
        "melding": None, "down": False, "geboren": None, "opvolgend": None, "verhuizing": None,
        "uitschrijving": None, "wijziging": None, "zml": None, "terugplaatsing": None,
    }  # fmt: skip
    basis.update(w)
    return basis


@pytest.mark.bron("004, 'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'; I-52")
def test_na_uitschrijving_en_melding_met_schoolwisseling_meldt_de_bulk_dezelfde_leemte(wereld):
    """Gevonden door de eigenschapstest: de tweede leerling wordt op 9 april 2010
    uitgeschreven en in september 2010 door school C gemeld met de oude school als vorige
    school. De verhuisdatum is de uitschrijving (I-52), dus school C heeft in 2010-2011
    (geen tarief) te betalen maanden: een leemte. De bulkrij rekende de overname vanaf de
    eigen inschrijving (1 augustus 2011) en miste haar."""
    land = Land(wereld)
    leerlingen = []
    for g in [
        _g(soort="lg", vo=True, inschrijving=date(2009, 3, 18), indicatie=date(2008, 7, 19),
           melding=date(2009, 6, 26), down=True, geboren=date(1997, 3, 21)),
        _g(soort="lg", groep=2, inschrijving=date(2009, 8, 1), indicatie=date(2009, 8, 1),
           melding=date(2009, 8, 1), down=True, geboren=date(2006, 2, 12),
           verhuizing=(date(2010, 9, 12), date(2010, 11, 14)), uitschrijving=date(2010, 4, 9)),
        _g(soort="cl4", groep=3, inschrijving=date(2009, 1, 30), indicatie=date(2008, 7, 25),
           melding=date(2009, 3, 30), down=True, geboren=date(2004, 2, 2),
           opvolgend=(date(2010, 10, 17), date(2010, 10, 27))),
    ]:  # fmt: skip
        leerlingen.append(land.leerling(g))
    verhuisd = leerlingen[1].pk
    bulk = bereken_run(Maand(2012, 2))
    assert (verhuisd, "2010-2011") in {(x.leerling_id, str(x.schooljaar)) for x in bulk.leemtes}
    _gelijk(Maand(2012, 2))
