"""Verhuizing naar een andere reguliere school in de betaalrun (004 'Uitschrijving ...';
interpretaties I-14, I-50, I-52): uit de opgeslagen meldingen en terugmeldingen volgen
dezelfde maanden als in de regelkern, in elke volgorde, en het grootboek boekt bij."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Sum

from rugzak.betalingen.models import Grootboekregel
from rugzak.betalingen.services import betaalrun_uitvoeren
from rugzak.leerlingen.models import Inschrijving
from rugzak.leerlingen.services import inschrijving_beeindig
from rugzak.meldingen import services as meldingservices
from rugzak.meldingen.models import Terugmeldingsoort
from rugzak.meldingen.selectors import gebeurtenissen_per_leerling
from rugzak.organisaties.models import Organisatiesoort, Roltype
from rugzak.organisaties.services import organisatie_maak
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import betaalschema
from rugzak.regeling.tijd import Maand, Schooljaar
from tests.app.conftest import maak_gebruiker
from tests.app.lgf_hulp import formulier, geaccepteerde_melding, maak_indicatie

pytestmark = pytest.mark.django_db

SJ = Schooljaar(2011)


def _maanden(van: Maand, tot: Maand) -> list[Maand]:
    uit = [van]
    while uit[-1] < tot:
        uit.append(uit[-1].volgend())
    return uit


@pytest.fixture
def verhuizing(wereld, schrijf):
    """Dirk, zml, sinds 2009 op school A (gemeld in 2009); school C is een tweede bao-school."""
    school_c = organisatie_maak(
        soort=Organisatiesoort.SCHOOL, naam="School C", brin="33CC", schoolsoort="bao",
        bestuur=wereld.bestuur_b,
    )  # fmt: skip
    directie_c = maak_gebruiker("directie_c", Roltype.DIRECTIE, school_c)
    dirk = schrijf(wereld.directie_a, wereld.school_a, "Dirk", groep=3, van=date(2009, 8, 24))
    ind = maak_indicatie(dirk, wereld.cvi, onderwijssoort="zml", indicatiedatum=date(2009, 6, 2))
    m_a = geaccepteerde_melding(
        door=wereld.directie_a, beoordelaar=wereld.bekostigingsmedewerker, leerling=dirk,
        school=wereld.school_a, meldingsdatum=date(2009, 9, 1),
        gegevens=formulier(ind, wereld.ab_dienst, inschrijvingsdatum="2009-08-24", groep=3),
    )  # fmt: skip
    return {"c": school_c, "directie_c": directie_c, "dirk": dirk, "ind": ind, "m_a": m_a}


def _naar_c(wereld, v, *, van: date, gemeld: date):
    """Dirk verlaat A op de dag vóór ``van`` en wordt op ``van`` op C ingeschreven; C meldt
    met schoolwisseling (vorige school A)."""
    ins_a = Inschrijving.objects.get(leerling=v["dirk"], school=wereld.school_a)
    if ins_a.tot is None:  # een verwerkte terugmelding beëindigde haar al (I-47)
        inschrijving_beeindig(
            door=wereld.directie_a, inschrijving=ins_a, tot=date.fromordinal(van.toordinal() - 1)
        )
    Inschrijving.objects.create(leerling=v["dirk"], school=v["c"], van=van, groep=4)
    return geaccepteerde_melding(
        door=v["directie_c"], beoordelaar=wereld.bekostigingsmedewerker, leerling=v["dirk"],
        school=v["c"], meldingsdatum=gemeld,
        gegevens=formulier(
            v["ind"], wereld.ab_dienst, inschrijvingsdatum=van.isoformat(), groep=4,
            schoolwisseling=True, vorige_school=wereld.school_a.pk,
        ),
    )  # fmt: skip


def _uitschrijving(wereld, v, datum: date, ontvangen: date) -> None:
    t = meldingservices.terugmelding_indienen(
        door=wereld.directie_a, melding=v["m_a"], soort=Terugmeldingsoort.UITSCHRIJVING_GEEN_ONDERWIJS,
        datum=datum, ingediend_op=ontvangen,
    )  # fmt: skip
    meldingservices.terugmelding_verwerken(
        door=wereld.bekostigingsmedewerker, terugmelding=t, versie=t.versie
    )


def _draai(wereld, van: Maand, tot: Maand) -> None:
    for maand in _maanden(van, tot):
        betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=maand)


def _geboekte_maanden(leerling, school) -> list[Maand]:
    rijen = (
        Grootboekregel.objects.filter(leerling=leerling, ontvanger=school)
        .values("maand")
        .annotate(s=Sum("bedrag_centen"))
    )
    return sorted(Maand.van_datum(r["maand"]) for r in rijen if r["s"] and r["maand"] >= SJ.begin)


def _kern_gelijk_aan_grootboek(leerling, tot: Maand) -> None:
    gebeurtenissen = gebeurtenissen_per_leerling(leerling_ids=[leerling.pk])[leerling.pk]
    schema = betaalschema(standaard_regeling(), gebeurtenissen, SJ)
    verwacht = sum(int(b.bedrag * 100) for b in schema.betalingen if b.maand <= tot)
    geboekt = Grootboekregel.objects.filter(
        leerling=leerling, maand__gte=SJ.begin, maand__lte=tot.eerste_dag
    ).aggregate(s=Sum("bedrag_centen"))["s"]
    assert geboekt == verwacht


@pytest.mark.bron("004 'Uitschrijving ...'; interpretatie I-52: eerst de uitschrijving")
def test_uitschrijving_eerst_dan_melding_met_schoolwisseling_oude_school_betaald_nabetaald(
    wereld, verhuizing
):
    v = verhuizing
    _draai(wereld, Maand(2011, 8), Maand(2011, 10))
    _uitschrijving(wereld, v, date(2011, 10, 31), date(2011, 11, 1))
    betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=Maand(2011, 11))
    # zonder de melding van C is het een gewone uitschrijving: november niet betaald
    assert _geboekte_maanden(v["dirk"], wereld.school_a) == _maanden(
        Maand(2011, 8), Maand(2011, 10)
    )
    _naar_c(wereld, v, van=date(2011, 10, 31), gemeld=date(2011, 11, 15))
    _draai(wereld, Maand(2011, 12), Maand(2012, 2))
    # nu een verhuizing: A houdt het schooljaar, november is nabetaald; C krijgt niets
    assert _geboekte_maanden(v["dirk"], wereld.school_a) == _maanden(Maand(2011, 8), Maand(2012, 2))
    assert _geboekte_maanden(v["dirk"], v["c"]) == []
    _kern_gelijk_aan_grootboek(v["dirk"], Maand(2012, 2))


@pytest.mark.bron("004 'Uitschrijving ...': de oude school hoeft niets te doen")
def test_melding_eerst_zonder_uitschrijving_oude_school_houdt_het_schooljaar(wereld, verhuizing):
    v = verhuizing
    _naar_c(wereld, v, van=date(2011, 11, 1), gemeld=date(2011, 11, 15))
    _draai(wereld, Maand(2011, 8), Maand(2012, 2))
    assert _geboekte_maanden(v["dirk"], wereld.school_a) == _maanden(Maand(2011, 8), Maand(2012, 2))
    assert _geboekte_maanden(v["dirk"], v["c"]) == []
    schema = betaalschema(
        standaard_regeling(),
        gebeurtenissen_per_leerling(leerling_ids=[v["dirk"].pk])[v["dirk"].pk],
        SJ,
    )
    assert schema.verhuizingen[0].overname == date(2012, 8, 1)
    _kern_gelijk_aan_grootboek(v["dirk"], Maand(2012, 2))


@pytest.mark.bron("004 'Uitschrijving ...'; interpretatie I-50: verhuizing in de zomer")
@pytest.mark.parametrize("uitschrijving", [None, date(2011, 7, 15)])
def test_verhuizing_in_de_zomer_nieuwe_school_betaald_oude_niet_meer(
    wereld, verhuizing, uitschrijving
):
    v = verhuizing
    if uitschrijving is not None:
        _uitschrijving(wereld, v, uitschrijving, uitschrijving)
    _naar_c(wereld, v, van=date(2011, 8, 22), gemeld=date(2011, 8, 25))
    _draai(wereld, Maand(2011, 8), Maand(2011, 12))
    assert _geboekte_maanden(v["dirk"], wereld.school_a) == []
    assert _geboekte_maanden(v["dirk"], v["c"]) == _maanden(Maand(2011, 9), Maand(2011, 12))
    _kern_gelijk_aan_grootboek(v["dirk"], Maand(2011, 12))


# --- het overzicht na een verhuizing voor beide scholen (004; I-53) -------------------------

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.mark.bron(
    "004 'Uitschrijving ...': zowel de oude als de nieuwe school krijgen een overzicht"
)
def test_beide_scholen_zien_het_verhuisoverzicht_met_alleen_hun_eigen_bedragen(wereld, verhuizing):
    from rugzak.meldingen.selectors import verhuisoverzicht

    v = verhuizing
    _uitschrijving(wereld, v, date(2011, 10, 31), date(2011, 11, 1))
    m_c = _naar_c(wereld, v, van=date(2011, 10, 31), gemeld=date(2011, 11, 15))
    oud = verhuisoverzicht(gebruiker=wereld.directie_a, publiek_id=v["m_a"].publiek_id)
    nieuw = verhuisoverzicht(gebruiker=v["directie_c"], publiek_id=m_c.publiek_id)
    assert [o.rol for o in oud] == ["oude school"] and [o.rol for o in nieuw] == ["nieuwe school"]
    assert oud[0].andere_school == "School C (33CC)" and nieuw[0].andere_school == "School A (11AA)"
    for o in (oud[0], nieuw[0]):
        assert o.datum == o.uitschrijving == date(2011, 10, 31)
        assert o.oude_school_tot_en_met == date(2012, 7, 31)
        assert o.nieuwe_school_vanaf == date(2012, 8, 1)
        assert "I-52" in o.interpretaties and "I-53" in o.interpretaties
    # de oude school ziet haar hele schooljaar 2011-2012; 2012-2013 heeft geen bron
    jaar_a = oud[0].jaren[0]
    assert (jaar_a.schooljaar, jaar_a.maanden) == ("2011-2012", 12)
    assert jaar_a.eerste_maand == date(2011, 8, 1) and jaar_a.laatste_maand == date(2012, 7, 1)
    assert oud[0].jaren[1].fout and "2012" in oud[0].jaren[1].fout
    # de nieuwe school ziet alleen wat zij ontvangt: niets in 2011-2012, niet de bedragen van A
    assert (nieuw[0].jaren[0].maanden, nieuw[0].jaren[0].bedrag) == (0, 0)
    from rugzak.audit.models import AuditRegel

    assert AuditRegel.objects.filter(
        objecttype="verhuisoverzicht", object_id=str(m_c.publiek_id), rol="directie"
    ).exists()


def test_het_verhuisoverzicht_staat_op_de_meldingpagina_van_beide_scholen(
    wereld, verhuizing, client
):
    from django.urls import reverse

    v = verhuizing
    m_c = _naar_c(wereld, v, van=date(2011, 8, 22), gemeld=date(2011, 8, 25))
    client.force_login(wereld.directie_a, backend=MODEL_BACKEND)
    html_a = client.get(reverse("meldingen:melding", args=[v["m_a"].publiek_id])).content.decode()
    assert "Overzicht na verhuizing (oude school)" in html_a
    assert "School C (33CC)" in html_a and "in de zomervakantie" in html_a
    assert "31 juli 2011" in html_a and "I-50" in html_a
    client.force_login(v["directie_c"], backend=MODEL_BACKEND)
    html_c = client.get(reverse("meldingen:melding", args=[m_c.publiek_id])).content.decode()
    assert "Overzicht na verhuizing (nieuwe school)" in html_c
    assert "september 2011 t/m juli 2012 (11)" in html_c
    # de nieuwe school ziet de melding van de oude school niet (bestaand toegangsbeleid)
    assert client.get(reverse("meldingen:melding", args=[v["m_a"].publiek_id])).status_code == 404


def test_een_melding_zonder_verhuizing_heeft_geen_verhuisoverzicht_en_geen_auditregel(
    wereld, verhuizing
):
    from rugzak.audit.models import AuditRegel
    from rugzak.meldingen.selectors import verhuisoverzicht

    v = verhuizing
    voor = AuditRegel.objects.filter(objecttype="verhuisoverzicht").count()
    assert verhuisoverzicht(gebruiker=wereld.directie_a, publiek_id=v["m_a"].publiek_id) == []
    assert AuditRegel.objects.filter(objecttype="verhuisoverzicht").count() == voor


def test_een_andere_school_krijgt_het_verhuisoverzicht_niet(wereld, verhuizing):
    from rugzak.gedeeld.fouten import GeenToegang
    from rugzak.meldingen.selectors import verhuisoverzicht

    v = verhuizing
    _naar_c(wereld, v, van=date(2011, 11, 1), gemeld=date(2011, 11, 15))
    with pytest.raises(GeenToegang):
        verhuisoverzicht(gebruiker=wereld.directie_b, publiek_id=v["m_a"].publiek_id)


def test_de_api_geeft_het_verhuisoverzicht_aan_beide_scholen(wereld, verhuizing, client):
    v = verhuizing
    m_c = _naar_c(wereld, v, van=date(2011, 11, 1), gemeld=date(2011, 11, 15))
    client.force_login(wereld.directie_a, backend=MODEL_BACKEND)
    oud = client.get(f"/api/v1/meldingen/{v['m_a'].publiek_id}/verhuisoverzicht/").json()
    assert [(o["rol"], o["nieuwe_school_vanaf"]) for o in oud] == [("oude school", "2012-08-01")]
    assert oud[0]["jaren"][0]["maanden"] == 12
    client.force_login(v["directie_c"], backend=MODEL_BACKEND)
    nieuw = client.get(f"/api/v1/meldingen/{m_c.publiek_id}/verhuisoverzicht/").json()
    assert [o["rol"] for o in nieuw] == ["nieuwe school"]
    assert nieuw[0]["andere_school"] == "School A (11AA)" and nieuw[0]["jaren"][0]["maanden"] == 0
    antwoord = client.get(f"/api/v1/meldingen/{v['m_a'].publiek_id}/verhuisoverzicht/")
    assert antwoord.status_code == 404
