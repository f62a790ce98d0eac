"""De demogegevens van de REC- en (v)so-administratie: elke toestand, en de leerlingtelling
van REC 3 op 1 oktober 2010 en 2011, nageteld uit de ruwe rijen zonder de regelkern."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django.db import transaction
from django.test import override_settings

from rugzak.ambulante_begeleiding.models import Begeleiding
from rugzak.demo.laden import laad_demo
from rugzak.indicaties.models import Indicatie
from rugzak.leerlingen.models import Inschrijving
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.rec import selectors
from rugzak.rec.models import (
    Aanmeldingstatus,
    ResidentieelVerzoek,
    Scholengemeenschap,
    Verzoekstatus,
    Vestiging,
    Vestigingstatus,
    VsoAanmelding,
    VsoPlaatsing,
)

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


def test_zaken_in_elke_toestand(demo):
    assert set(Vestiging.objects.values_list("status", flat=True)) == set(Vestigingstatus.values)
    assert set(ResidentieelVerzoek.objects.values_list("status", flat=True)) == set(
        Verzoekstatus.values
    )
    assert set(VsoAanmelding.objects.values_list("status", flat=True)) == set(
        Aanmeldingstatus.values
    )
    assert Scholengemeenschap.objects.count() == 1


# --- de telling van REC 3, onafhankelijk nageteld ----------------------------------------------

LGF_START = date(2003, 8, 1)
ZITTEND_OP = date(2003, 7, 31)
AB_PEIL = date(2002, 10, 1)


def _loopt(van: date, tot: date | None, dag: date) -> bool:
    return van <= dag and (tot is None or tot >= dag)


def _na_te_tellen(rec: Organisatie, dag: date) -> tuple[Counter, Counter, Counter, int]:
    """Gewoon Python over de rijen: (categorie, geboortejaar, geslacht), AB (categorie,
    schoolsoort), apart, niet geteld. De categorieën volgen 004 zoals rugzak ze leest
    (I-30, I-31), hier los van de regelkern opgeschreven."""
    scholen = Organisatie.objects.filter(rec=rec, soort="school", schoolsoort__in=["so", "vso"])
    ingeschreven: Counter = Counter()
    niet_geteld = 0
    for i in Inschrijving.objects.filter(school__in=scholen).select_related("leerling"):
        if not _loopt(i.van, i.tot, dag):
            continue
        p = VsoPlaatsing.objects.filter(inschrijving=i).first()
        data = [
            x.indicatiedatum
            for x in Indicatie.objects.filter(leerling=i.leerling)
            if x.indicatiedatum <= dag
        ]
        laatste = max(data) if data else None
        if p is not None and p.residentieel:
            cat = "op residentiële plaatsen"
        elif laatste is not None and laatste >= LGF_START:
            cat = "geindiceerd sinds 1 augustus 2003"
        elif i.van <= ZITTEND_OP:
            cat = "zittend op 31 juli 2003"
        else:
            niet_geteld += 1
            continue
        ingeschreven[(cat, i.leerling.geboortedatum.year, i.leerling.geslacht)] += 1
    begeleid: Counter = Counter()
    apart: Counter = Counter()
    soorten = {"bao": "BO", "sbao": "SBO", "vo": "VO"}
    for b in Begeleiding.objects.filter(ab_dienst__rec=rec).select_related("school", "indicatie"):
        if b.status not in ("lopend", "beeindigd") or b.van is None:
            continue
        if not _loopt(b.van, b.beeindigd_op or b.tot, dag):
            continue
        if b.soort == "pab":
            apart["pab"] += 1
            continue
        if b.school.schoolsoort not in soorten:
            apart[b.school.schoolsoort] += 1
            continue
        if b.soort == "rab" and b.indicatie.indicatiedatum >= LGF_START:
            cat = "sinds 1 augustus 2003 geïndiceerd en begeleid"
        elif b.soort == "tab" and b.terugplaatsing_op >= AB_PEIL:
            cat = "sinds 1 oktober 2002 uitgeschreven en teruggeplaatst"
        elif b.van <= AB_PEIL:
            cat = "op 1 oktober 2002 al begeleid, nog niet geïndiceerd"
        else:
            cat = "ingestroomd na 1 oktober 2002, vóór 1 augustus 2003"
        begeleid[(cat, soorten[b.school.schoolsoort])] += 1
    return ingeschreven, begeleid, apart, niet_geteld


@pytest.mark.bron("004, paragraaf 'De leerlingtelling'")
@pytest.mark.parametrize("dag", [date(2010, 10, 1), date(2011, 10, 1)])
def test_telling_van_rec_3_op_1_oktober_gelijk_aan_de_natelling_uit_de_rijen(demo, dag):
    rec3 = Organisatie.objects.get(soort="rec", naam="REC 3 Veluwe en IJssel")
    secretaris = Gebruiker.objects.get(username="cvi-secretaris.rec3")
    weergave = selectors.telling_van_rec(gebruiker=secretaris, rec_id=rec3.pk, teldatum=dag)
    telling = weergave.uitkomst.telling
    rugzak: Counter = Counter()
    for (_vestiging, cat, jaar, geslacht), n in telling.ingeschreven.items():
        rugzak[(cat.value, jaar, geslacht)] += n
    ingeschreven, begeleid, apart, niet_geteld = _na_te_tellen(rec3, dag)
    assert rugzak == ingeschreven
    assert Counter({(c.value, s): n for (c, s), n in telling.begeleid.items()}) == begeleid
    assert sum(weergave.uitkomst.apart.values()) == sum(apart.values())
    assert len(weergave.uitkomst.niet_geteld) == niet_geteld
    cats = {c for c, _, _ in ingeschreven}
    assert cats == {
        "geindiceerd sinds 1 augustus 2003",
        "zittend op 31 juli 2003",
        "op residentiële plaatsen",
    }


def test_de_twee_teldata_verschillen_en_de_nevenvestiging_in_ede_telt_apart(demo):
    rec3 = Organisatie.objects.get(soort="rec", naam="REC 3 Veluwe en IJssel")
    cfi = Gebruiker.objects.get(username="bekostiging.cfi")
    t2010 = selectors.telling_van_rec(gebruiker=cfi, rec_id=rec3.pk, teldatum=date(2010, 10, 1))
    t2011 = selectors.telling_van_rec(gebruiker=cfi, rec_id=rec3.pk, teldatum=date(2011, 10, 1))
    assert t2010.uitkomst.telling.ingeschreven != t2011.uitkomst.telling.ingeschreven
    vestigingen = {v for v, _, _, _ in t2011.uitkomst.telling.ingeschreven}
    assert "62KB De Klimboom, locatie Ede" in vestigingen
    assert "62KB SO De Klimboom" in vestigingen
    klimboom = Organisatie.objects.get(brin="62KB", soort="school")
    school = selectors.telling_van_school(
        gebruiker=cfi, school_id=klimboom.pk, teldatum=date(2011, 10, 1)
    )
    assert {v for v, _, _, _ in school.uitkomst.telling.ingeschreven} == {
        "SO De Klimboom",
        "De Klimboom, locatie Ede",
    }


@pytest.mark.bron("004, paragraaf 'Residentiële plaatsen (artikel 71c WEC)'")
def test_toegekende_plaatsen_van_2003_2004_verrekend_met_de_telling_van_1_oktober_2002(demo):
    verzoek = ResidentieelVerzoek.objects.get(schooljaar="2003-2004")
    uit = selectors.residentiele_verrekening(verzoek)
    leerlingen_2002 = Inschrijving.objects.filter(
        school=verzoek.school, van__lte=date(2002, 10, 1)
    ).count()
    assert uit["van_toepassing"] is True
    assert uit["leerlingen"] == leerlingen_2002
    assert uit["bekostigde_leerlingen"] == leerlingen_2002 - 2
    assert uit["bekostigde_plaatsen"] == 2


@pytest.mark.bron("004, paragraaf 'Rec-bekostiging'")
def test_rec_bekostiging_2003_2004_uit_de_geregistreerde_telling_van_1_oktober_2002(demo):
    rec3 = Organisatie.objects.get(soort="rec", naam="REC 3 Veluwe en IJssel")
    cfi = Gebruiker.objects.get(username="bekostiging.cfi")
    bekostiging, uitkomst = selectors.rec_bekostiging_uit_registratie(
        gebruiker=cfi, rec_id=rec3.pk, schooljaar="2003-2004"
    )
    assert bekostiging.teldatum == date(2002, 10, 1)
    assert bekostiging.leerlingen == uitkomst.ingeschreven_totaal > 0
    assert bekostiging.scholen == Organisatie.objects.filter(rec=rec3, soort="school").count()


def test_de_demo_logins_zien_het_rapport_van_rec_3(demo):
    rec3 = Organisatie.objects.get(soort="rec", naam="REC 3 Veluwe en IJssel")
    for naam in ("cvi-secretaris.rec3", "ab-coordinator.rec3", "bekostiging.cfi"):
        rapport = selectors.rec_rapport(
            gebruiker=Gebruiker.objects.get(username=naam), rec_id=rec3.pk, schooljaar="2011-2012"
        )
        assert len(rapport["scholen"]) == 3
        assert rapport["bekostiging"]["beschikbaar"] is False  # I-22: geen bron na 2004-2005
        assert rapport["scholengemeenschappen"]
    ouder = Gebruiker.objects.get(username="ouder.001")
    assert selectors.aanmeldingen_lijst(gebruiker=ouder)


def test_de_webpagina_van_de_telling_van_rec_3(demo):
    from django.test import Client

    rec3 = Organisatie.objects.get(soort="rec", naam="REC 3 Veluwe en IJssel")
    c = Client(raise_request_exception=True)
    c.force_login(Gebruiker.objects.get(username="cvi-secretaris.rec3"))
    r = c.get(f"/rec/{rec3.pk}/telling/?teldatum=2011-10-01")
    assert r.status_code == 200
    assert "op residentiële plaatsen" in r.content.decode()
