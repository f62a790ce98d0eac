"""De betaalrun: twee schooljaren van een populatie betaald, opnieuw gedraaid (niets dubbel),
gecorrigeerd (late uitschrijving, gewijzigde melding); het grootboek is gelijk aan de
budgetten en betaalschema's van de regelkern, tot op de cent. Schooljaren zonder bron
worden per leerling gemeld en niet geboekt."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum

from rugzak.betalingen.models import (
    Betaalrun,
    Boekingsoort,
    Grootboekregel,
    Leemte,
    Leemtesoort,
)
from rugzak.betalingen.selectors import geldende_leemtes
from rugzak.betalingen.services import betaalrun_uitvoeren
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.meldingen import services as meldingservices
from rugzak.meldingen.models import Terugmeldingsoort
from rugzak.meldingen.selectors import gebeurtenissen_per_leerling
from rugzak.organisaties.services import organisatie_maak
from rugzak.regeling.begrippen import Onderwijssoort, Schoolsoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import betaalschema
from rugzak.regeling.regels.budget import Situatie, jaarbudget
from rugzak.regeling.tijd import Maand, Schooljaar
from tests.app.lgf_hulp import formulier, geaccepteerde_melding, maak_indicatie, tellingen

pytestmark = pytest.mark.django_db

SJ_2009 = Schooljaar(2009)
SJ_2010 = Schooljaar(2010)
SJ_2011 = Schooljaar(2011)


def _maanden(van: Maand, tot: Maand) -> list[Maand]:
    uit = [van]
    while uit[-1] < tot:
        uit.append(uit[-1].volgend())
    return uit


@pytest.fixture
def populatie(wereld, schrijf):
    """Cas: zml in groep 3 sinds 2009 (cluster 3, basisonderwijs: 2009-2010 geprijsd);
    Anna: zml in groep 5, gemeld in september 2011; Bram: cluster 4 in het vo, 2011."""
    cas = schrijf(
        wereld.directie_a, wereld.school_a, "Cas", groep=3, van=date(2008, 8, 18),
        geboortedatum=date(2002, 3, 1),
    )  # fmt: skip
    ind_cas = maak_indicatie(cas, wereld.cvi, onderwijssoort="zml", indicatiedatum=date(2009, 6, 2))
    m_cas = geaccepteerde_melding(
        door=wereld.directie_a, beoordelaar=wereld.bekostigingsmedewerker, leerling=cas,
        school=wereld.school_a, meldingsdatum=date(2009, 7, 15),
        gegevens=formulier(ind_cas, wereld.ab_dienst, inschrijvingsdatum="2008-08-18", groep=3),
    )  # fmt: skip
    ind_anna = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="zml")
    m_anna = geaccepteerde_melding(
        door=wereld.directie_a, beoordelaar=wereld.bekostigingsmedewerker,
        leerling=wereld.leerling_a, school=wereld.school_a, meldingsdatum=date(2011, 9, 5),
        gegevens=formulier(ind_anna, wereld.ab_dienst),
    )  # fmt: skip
    ind_bram = maak_indicatie(
        wereld.leerling_b, wereld.cvi, onderwijssoort="cl4", indicatiedatum=date(2011, 6, 1)
    )
    m_bram = geaccepteerde_melding(
        door=wereld.directie_b, beoordelaar=wereld.bekostigingsmedewerker,
        leerling=wereld.leerling_b, school=wereld.school_b, meldingsdatum=date(2011, 9, 20),
        gegevens=formulier(
            ind_bram, wereld.ab_dienst, schoolsoort="vo", groep=None, leerjaar=2,
            vo_variant="overig",
        ),
    )  # fmt: skip
    return {
        "cas": (cas, m_cas),
        "anna": (wereld.leerling_a, m_anna),
        "bram": (wereld.leerling_b, m_bram),
    }


def _draai(wereld, van: Maand, tot: Maand) -> None:
    for maand in _maanden(van, tot):
        betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=maand)


def _grootboek(leerling, schooljaar: Schooljaar) -> int:
    som = Grootboekregel.objects.filter(
        leerling=leerling, maand__gte=schooljaar.begin, maand__lte=schooljaar.einde
    ).aggregate(s=Sum("bedrag_centen"))["s"]
    return som or 0


def _kern(leerling, schooljaar: Schooljaar, tot: Maand) -> int:
    gebeurtenissen = gebeurtenissen_per_leerling(leerling_ids=[leerling.pk])[leerling.pk]
    schema = betaalschema(
        standaard_regeling(), gebeurtenissen, schooljaar, geboortedatum=leerling.geboortedatum
    )
    return sum(int(b.bedrag * 100) for b in schema.betalingen if b.maand <= tot)


def _per_sleutel(leerling) -> dict[tuple[int, str, date], int]:
    uit: dict[tuple[int, str, date], int] = defaultdict(int)
    for r in Grootboekregel.objects.filter(leerling=leerling):
        uit[(r.ontvanger_id, r.deel, r.maand)] += r.bedrag_centen
    return {k: v for k, v in uit.items() if v}


@pytest.mark.bron("001, 'Betaling'; 003, tabel 'Primair Onderwijs' 2009-2010")
def test_twee_schooljaren_betaald_gelijk_aan_de_regelkern_en_2010_2011_als_leemte(
    wereld, populatie
):
    _draai(wereld, Maand(2009, 8), Maand(2012, 2))
    cas, _ = populatie["cas"]
    # 2009-2010: het hele jaar, precies het jaarbudget zonder zml-aanvulling (geen aanvraag)
    budget = jaarbudget(
        standaard_regeling(),
        Situatie(SJ_2009, Schoolsoort.BAO, Onderwijssoort.ZML, groep=3),
    )
    verwacht = sum(int(p.bedrag * 100) for p in budget.posten if not p.deel.is_zml_aanvulling)
    assert _grootboek(cas, SJ_2009) == verwacht == _kern(cas, SJ_2009, Maand(2010, 7))
    # 2010-2011: de bronnen geven geen tarief; niets geboekt, één keer vastgelegd (de leemte
    # verandert niet) en na elke latere run geldend (I-191)
    assert _grootboek(cas, SJ_2010) == 0
    leemtes = Leemte.objects.filter(leerling=cas, schooljaar="2010-2011")
    assert leemtes.count() == 1
    runs = Betaalrun.objects.filter(maand__gte=date(2010, 8, 1))
    assert runs.count() == len(_maanden(Maand(2010, 8), Maand(2012, 2)))
    for run in runs:
        assert geldende_leemtes(run.pk).filter(leerling=cas, schooljaar="2010-2011").count() == 1
    assert {lm.soort for lm in leemtes} == {Leemtesoort.ONTBREKENDE_BRON}
    assert "2010" in leemtes.first().melding
    # 2011-2012 tot en met februari: gelijk aan het betaalschema
    for naam in ("cas", "anna", "bram"):
        leerling, _ = populatie[naam]
        assert _grootboek(leerling, SJ_2011) == _kern(leerling, SJ_2011, Maand(2012, 2)) > 0
    # per ontvanger: de school krijgt het schooldeel, de AB-dienst het AB-deel
    ontvangers = set(Grootboekregel.objects.values_list("ontvanger_id", flat=True))
    assert ontvangers == {wereld.school_a.pk, wereld.school_b.pk, wereld.ab_dienst.pk}
    assert not Grootboekregel.objects.filter(soort=Boekingsoort.CORRECTIE).exists()


def test_dezelfde_maand_opnieuw_draaien_betaalt_niets_dubbel(wereld, populatie):
    _draai(wereld, Maand(2011, 8), Maand(2012, 2))
    voor = Grootboekregel.objects.count()
    totaal = Grootboekregel.objects.aggregate(s=Sum("bedrag_centen"))["s"]
    for maand in (Maand(2012, 2), Maand(2011, 11), Maand(2012, 2)):
        run = betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=maand)
        assert run.regels == 0 and run.totaal_centen == 0
    assert Grootboekregel.objects.count() == voor
    assert Grootboekregel.objects.aggregate(s=Sum("bedrag_centen"))["s"] == totaal


def test_een_achterstallige_maand_wordt_in_een_latere_run_nabetaald(wereld, populatie):
    # de run van februari betaalt ook oktober tot en met januari, als die nog niet liepen
    betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=Maand(2012, 2))
    anna, _ = populatie["anna"]
    assert _grootboek(anna, SJ_2011) == _kern(anna, SJ_2011, Maand(2012, 2))
    maanden = set(Grootboekregel.objects.filter(leerling=anna).values_list("maand", flat=True))
    assert min(maanden) == date(2011, 10, 1) and max(maanden) == date(2012, 2, 1)


@pytest.mark.bron("004, 'Uitschrijving ...'; interpretatie I-13")
def test_een_late_uitschrijving_wordt_gecorrigeerd_met_nieuwe_regels(wereld, populatie):
    _draai(wereld, Maand(2011, 8), Maand(2012, 2))
    bram, m_bram = populatie["bram"]
    betaald_voor = _grootboek(bram, SJ_2011)
    regels_voor = set(Grootboekregel.objects.values_list("id", "bedrag_centen"))
    t = meldingservices.terugmelding_indienen(
        door=wereld.directie_b, melding=m_bram, soort=Terugmeldingsoort.UITSCHRIJVING_SO,
        datum=date(2011, 12, 1), ingediend_op=date(2012, 3, 1),
    )  # fmt: skip
    meldingservices.terugmelding_verwerken(
        door=wereld.bekostigingsmedewerker, terugmelding=t, versie=t.versie
    )
    run = betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=Maand(2012, 3))
    # de oude regels zijn onveranderd; er zijn alleen regels bijgekomen
    assert regels_voor <= set(Grootboekregel.objects.values_list("id", "bedrag_centen"))
    correcties = Grootboekregel.objects.filter(run=run, leerling=bram)
    assert correcties and all(r.soort == Boekingsoort.CORRECTIE for r in correcties)
    assert all(r.bedrag_centen < 0 for r in correcties)
    assert {r.maand for r in correcties} == {date(2011, 12, 1), date(2012, 1, 1), date(2012, 2, 1)}
    # netto: oktober en november, precies het betaalschema met de uitschrijving
    assert _grootboek(bram, SJ_2011) == _kern(bram, SJ_2011, Maand(2012, 3)) < betaald_voor
    # en opnieuw draaien corrigeert niets meer
    assert betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=Maand(2012, 3)).regels == 0


def test_een_gewijzigde_melding_verschuift_het_ab_deel_met_correcties(wereld, populatie):
    _draai(wereld, Maand(2011, 8), Maand(2012, 2))
    anna, m_anna = populatie["anna"]
    andere_ab = organisatie_maak(soort="ab_dienst", naam="AB andere REC", rec=wereld.rec)
    t = meldingservices.terugmelding_indienen(
        door=wereld.directie_a, melding=m_anna, soort=Terugmeldingsoort.WIJZIGING,
        datum=date(2011, 11, 15), wijzigingen={"ab_verzorger": andere_ab.pk},
        ingediend_op=date(2012, 3, 1),
    )  # fmt: skip
    meldingservices.terugmelding_verwerken(
        door=wereld.bekostigingsmedewerker, terugmelding=t, versie=t.versie
    )
    run = betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=Maand(2012, 2))
    oud = Grootboekregel.objects.filter(run=run, ontvanger=wereld.ab_dienst, leerling=anna)
    nieuw = Grootboekregel.objects.filter(run=run, ontvanger=andere_ab, leerling=anna)
    assert oud and all(r.bedrag_centen < 0 and r.soort == "correctie" for r in oud)
    assert nieuw and all(r.bedrag_centen > 0 and r.soort == "betaling" for r in nieuw)
    assert sum(r.bedrag_centen for r in oud) == -sum(r.bedrag_centen for r in nieuw)
    assert {r.maand for r in nieuw} == {date(2011, 12, 1), date(2012, 1, 1), date(2012, 2, 1)}
    # het grootboek per sleutel is gelijk aan het betaalschema met de wijziging
    gebeurtenissen = gebeurtenissen_per_leerling(leerling_ids=[anna.pk])[anna.pk]
    schema = betaalschema(standaard_regeling(), gebeurtenissen, SJ_2011)
    verwacht: dict[tuple[int, str, date], int] = defaultdict(int)
    for b in schema.betalingen:
        if b.maand <= Maand(2012, 2):
            verwacht[(int(b.ontvanger_id), b.deel.value, b.maand.eerste_dag)] += int(b.bedrag * 100)
    assert _per_sleutel(anna) == dict(verwacht)


def test_een_heel_schooljaar_is_precies_het_jaarbudget(wereld, populatie, settings):
    settings.RUGZAK_VANDAAG = date(2012, 8, 15)
    _draai(wereld, Maand(2011, 8), Maand(2012, 7))
    cas, _ = populatie["cas"]
    budget = jaarbudget(
        standaard_regeling(), Situatie(SJ_2011, Schoolsoort.BAO, Onderwijssoort.ZML, groep=3)
    )
    per_deel = {
        d: s
        for d, s in Grootboekregel.objects.filter(
            leerling=cas, maand__gte=SJ_2011.begin, maand__lte=SJ_2011.einde
        )
        .values_list("deel")
        .annotate(s=Sum("bedrag_centen"))
    }
    assert per_deel == {
        p.deel.value: int(p.bedrag * 100) for p in budget.posten if not p.deel.is_zml_aanvulling
    }
    totaal = Decimal(sum(per_deel.values())).scaleb(-2)
    assert totaal == sum(
        (p.bedrag for p in budget.posten if not p.deel.is_zml_aanvulling), Decimal(0)
    )


@pytest.mark.parametrize("wie", ["directie_a", "bestuurder_a", "cvi_lid", "ouder_a"])
def test_alleen_de_bekostigingsinstantie_draait_een_run_anders_niets_geschreven(
    wereld, populatie, wie
):
    voor = tellingen()
    with pytest.raises(GeenToegang):
        betaalrun_uitvoeren(door=getattr(wereld, wie), maand=Maand(2012, 2))
    assert tellingen() == voor


def test_een_maand_die_nog_niet_begonnen_is_wordt_geweigerd_en_schrijft_niets(wereld, populatie):
    voor = tellingen()
    with pytest.raises(ValidationError) as e:
        betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand="2012-04")
    assert "maand" in e.value.message_dict
    with pytest.raises(ValidationError):
        betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand="april")
    assert tellingen() == voor


def test_de_run_legt_per_leerling_een_auditregel_vast(wereld, populatie):
    from rugzak.audit.models import AuditRegel

    run = betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=Maand(2012, 2))
    regels = AuditRegel.objects.filter(objecttype="grootboekregel", object_id=str(run.publiek_id))
    assert {r.leerling_publiek_id for r in regels} == {
        str(leerling.publiek_id) for leerling, _ in populatie.values()
    }
    assert all(r.rol == "bekostigingsmedewerker" for r in regels)
