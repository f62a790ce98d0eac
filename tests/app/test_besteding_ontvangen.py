"""Besteding tegen wat ontvangen is (I-56), en het AB-deel bij de AB-verzorger (I-57):
service, API en webformulier; elke weigering schrijft niets."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from rugzak.audit.models import AuditRegel
from rugzak.betalingen.models import Besteding
from rugzak.betalingen.selectors import bestedingen_van_leerling, besteedbare_soorten
from rugzak.betalingen.services import besteding_vastleggen, betaalrun_uitvoeren
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.organisaties.services import organisatie_maak
from rugzak.regeling.tijd import Maand, Schooljaar
from tests.app.conftest import maak_gebruiker
from tests.app.lgf_hulp import formulier, geaccepteerde_melding, maak_indicatie, tellingen

# lg in het bao, gemeld op 5 september 2011, betaald vanaf oktober; runs tot en met
# februari: vijf maanden. Personele deel 6.098,02 per jaar -> 2.540,84; AB-personeel
# 4.286,81 -> 1.786,17 (001, tabel basisonderwijs 2011, rij 'lichamelijk gehandicapte').
FORMATIE_ONTVANGEN = Decimal("2540.84")


@pytest.fixture
def betaald(wereld):
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="lg")
    geaccepteerde_melding(
        door=wereld.directie_a, beoordelaar=wereld.bekostigingsmedewerker,
        leerling=wereld.leerling_a, school=wereld.school_a,
        gegevens=formulier(indicatie, wereld.ab_dienst), meldingsdatum=date(2011, 9, 5),
    )  # fmt: skip
    betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=Maand(2012, 2))
    return wereld


@pytest.fixture
def coordinator(wereld):
    return maak_gebruiker("coordinator", Roltype.AB_COORDINATOR, wereld.ab_dienst)


def _besteding(wereld, **extra):
    gegevens = {
        "door": wereld.ib_a,
        "leerling": wereld.leerling_a,
        "schooljaar": "2011-2012",
        "soort": "klassenassistent",
        "omschrijving": "klassenassistent 3 uur per week",
        "bedrag": str(FORMATIE_ONTVANGEN),
        "ouders_akkoord_op": date(2011, 10, 3),
    }
    gegevens.update(extra)
    return besteding_vastleggen(**gegevens)


def _overzicht(wereld, gebruiker=None):
    return bestedingen_van_leerling(
        gebruiker=gebruiker or wereld.ouder_a,
        publiek_id=wereld.leerling_a.publiek_id,
        schooljaar=Schooljaar(2011),
    )


# --- service: het schooldeel -------------------------------------------------------------------


@pytest.mark.bron("001, 'Leerlinggebonden'")
def test_de_school_besteedt_precies_wat_ze_ontving_zonder_reden(betaald):
    b = _besteding(betaald)
    assert (b.overschrijding_centen, b.overschrijding_reden, b.ab_verzorger) == (0, "", None)
    assert _overzicht(betaald).ontvangen["formatie"] == FORMATIE_ONTVANGEN


def test_een_cent_meer_dan_ontvangen_zonder_reden_wordt_geweigerd_en_schrijft_niets(betaald):
    _besteding(betaald, bedrag="2000.00")
    voor = tellingen()
    with pytest.raises(ValidationError) as e:
        _besteding(betaald, bedrag="540.85")
    tekst = " ".join(e.value.message_dict["reden_overschrijding"])
    assert "€ 0,01 boven" in tekst and "nog over € 540,84" in tekst and "I-56" in tekst
    assert tellingen() == voor


def test_een_overschrijding_met_reden_staat_op_de_besteding_in_de_audit_en_in_het_overzicht(
    betaald,
):
    b = _besteding(betaald, bedrag="3000.00", reden_overschrijding="school legt bij uit eigen geld")
    assert b.overschrijding == Decimal("459.16")
    assert b.overschrijding_reden == "school legt bij uit eigen geld"
    audit = AuditRegel.objects.filter(objecttype="besteding", object_id=str(b.publiek_id)).get()
    assert "EUR 459.16 boven wat ontvangen is (I-56), reden: school legt bij" in audit.reden
    assert "overschrijding_reden" in audit.velden
    assert _overzicht(betaald).overschreden == {"formatie": Decimal("459.16")}


def test_een_reden_zonder_overschrijding_wordt_niet_opgeslagen(betaald):
    b = _besteding(betaald, bedrag="100.00", reden_overschrijding="voor de zekerheid")
    assert (b.overschrijding_centen, b.overschrijding_reden) == (0, "")


def test_wat_de_ab_verzorger_ontving_telt_niet_voor_het_schooldeel(betaald):
    # het grootboek van de leerling bevat ook de AB-regels, maar die zijn niet van de school
    with pytest.raises(ValidationError) as e:
        _besteding(betaald, soort="leermiddelen", bedrag="1000.00")
    assert "reden_overschrijding" in e.value.message_dict


def test_andere_schooljaren_tellen_niet_mee(betaald):
    with pytest.raises(ValidationError) as e:
        _besteding(betaald, schooljaar="2010-2011", bedrag="1.00")
    assert "ontvangen € 0,00" in " ".join(e.value.message_dict["reden_overschrijding"])


# --- service: het AB-deel ----------------------------------------------------------------------


@pytest.mark.bron("000, 'Wat kan met het rugzakje?', tweede punt; 001, 'Betaling'")
def test_de_school_legt_geen_ab_besteding_vast_en_schrijft_niets(betaald):
    voor = tellingen()
    with pytest.raises(GeenToegang) as e:
        _besteding(betaald, soort="ambulante_begeleiding", bedrag="100.00")
    assert "I-57" in str(e.value) and "AB-verzorger" in str(e.value)
    assert tellingen() == voor


def test_de_ab_verzorger_legt_de_ab_besteding_vast_tegen_wat_zij_ontving(betaald, coordinator):
    b = _besteding(
        betaald, door=coordinator, soort="ambulante_begeleiding", bedrag="1500.00",
        omschrijving="AB volgens het begeleidingsplan",
    )  # fmt: skip
    assert b.ab_verzorger == betaald.ab_dienst and b.school == betaald.school_a
    assert b.onderdeel == "ambulante_begeleiding" and b.overschrijding_centen == 0
    audit = AuditRegel.objects.filter(objecttype="besteding", object_id=str(b.publiek_id)).get()
    assert audit.rol == Roltype.AB_COORDINATOR and "I-57" in audit.reden
    overzicht = _overzicht(betaald)
    assert overzicht.besteed == {"ambulante_begeleiding": Decimal("1500.00")}
    # AB-personeel 1.786,17 en AB-materieel 208,75 (501 per jaar, vijf maanden) ontvangen
    assert overzicht.ontvangen["ambulante_begeleiding"] == Decimal("1994.92")
    voor = tellingen()
    with pytest.raises(ValidationError) as e:
        _besteding(
            betaald, door=coordinator, soort="ab_reiskosten", bedrag="494.93",
            omschrijving="reiskosten",
        )  # fmt: skip
    assert "reden_overschrijding" in e.value.message_dict
    assert tellingen() == voor


def test_de_ab_verzorger_legt_geen_besteding_uit_het_schooldeel_vast(betaald, coordinator):
    voor = tellingen()
    with pytest.raises(GeenToegang):
        _besteding(betaald, door=coordinator, soort="leermiddelen", bedrag="10.00")
    assert tellingen() == voor


def test_een_ab_dienst_die_niets_voor_de_leerling_ontving_legt_niets_vast(betaald):
    andere = organisatie_maak(soort=Organisatiesoort.AB_DIENST, naam="AB elders", rec=betaald.rec)
    vreemde = maak_gebruiker("vreemde", Roltype.AB_COORDINATOR, andere)
    voor = tellingen()
    for door in (vreemde, betaald.ambulant_begeleider):
        with pytest.raises(GeenToegang):
            _besteding(betaald, door=door, soort="ambulante_begeleiding", bedrag="10.00")
    assert tellingen() == voor


def test_wie_welke_soorten_mag_vastleggen(betaald, coordinator):
    school = {
        s.value for s in besteedbare_soorten(gebruiker=betaald.ib_a, leerling=betaald.leerling_a)
    }
    ab = {s.value for s in besteedbare_soorten(gebruiker=coordinator, leerling=betaald.leerling_a)}
    assert ab == {"ambulante_begeleiding", "ab_reiskosten"}
    assert "klassenassistent" in school and not school & ab
    assert besteedbare_soorten(gebruiker=betaald.ouder_a, leerling=betaald.leerling_a) == []


# --- API ---------------------------------------------------------------------------------------


def _post(gebruiker, data):
    c = Client()
    c.force_login(gebruiker)
    return c.post("/api/v1/bestedingen/", data=json.dumps(data), content_type="application/json")


def _api_gegevens(wereld, **extra):
    return {
        "leerling": str(wereld.leerling_a.publiek_id),
        "schooljaar": "2011-2012",
        "soort": "klassenassistent",
        "omschrijving": "klassenassistent",
        "bedrag": "3000.00",
        "ouders_akkoord_op": "2011-10-03",
        **extra,
    }


def test_api_een_overschrijding_zonder_reden_is_400_met_het_veld_en_schrijft_niets(betaald):
    voor = tellingen()
    r = _post(betaald.directie_a, _api_gegevens(betaald))
    assert r.status_code == 400
    assert r["Content-Type"].startswith("application/problem+json")
    assert "I-56" in " ".join(r.json()["velden"]["reden_overschrijding"])
    assert tellingen() == voor


def test_api_met_reden_201_en_de_reden_en_wie_besteedde_in_het_antwoord_en_de_lijst(betaald):
    r = _post(betaald.directie_a, _api_gegevens(betaald, reden_overschrijding="eigen geld"))
    assert r.status_code == 201
    assert r.json()["overschrijding"] == "459.16"
    assert r.json()["overschrijding_reden"] == "eigen geld"
    assert r.json()["besteed_door"] == "school"
    c = Client()
    c.force_login(betaald.ouder_a)
    lijst = c.get(
        f"/api/v1/bestedingen/?leerling={betaald.leerling_a.publiek_id}&schooljaar=2011-2012"
    ).json()
    assert lijst["overschreden"] == {"formatie": "459.16"}
    assert lijst["resultaten"][0]["overschrijding_reden"] == "eigen geld"


def test_api_ab_besteding_door_de_verzorger_201_door_de_school_403(betaald, coordinator):
    ab = _api_gegevens(betaald, soort="ambulante_begeleiding", bedrag="100.00")
    voor = tellingen()
    r = _post(betaald.directie_a, ab)
    assert r.status_code == 403 and tellingen() == voor
    r = _post(coordinator, ab)
    assert r.status_code == 201
    assert r.json()["besteed_door"] == betaald.ab_dienst.naam


# --- web ---------------------------------------------------------------------------------------


def _web(wereld, gebruiker):
    c = Client()
    c.force_login(gebruiker)
    return c, f"/betalingen/bestedingen/{wereld.leerling_a.publiek_id}/?schooljaar=2011-2012"


def _formulier(**extra):
    return {
        "schooljaar": "2011-2012",
        "soort": "klassenassistent",
        "omschrijving": "klassenassistent",
        "bedrag": "3000.00",
        "ouders_akkoord_op": "2011-10-03",
        "handelingsplan": "",
        "reden_overschrijding": "",
        **extra,
    }


def test_web_een_overschrijding_zonder_reden_staat_naast_het_veld_en_schrijft_niets(betaald):
    c, pad = _web(betaald, betaald.ib_a)
    voor = Besteding.objects.count()
    r = c.post(pad, _formulier())
    assert r.status_code == 200
    html = r.content.decode()
    assert "Niet vastgelegd" in html and "I-56" in html and 'id="id_reden_overschrijding"' in html
    assert r.context["formulier"].errors["reden_overschrijding"]
    assert Besteding.objects.count() == voor


def test_web_met_reden_vastgelegd_en_getoond_met_de_reden(betaald):
    c, pad = _web(betaald, betaald.ib_a)
    r = c.post(pad, _formulier(reden_overschrijding="eigen middelen bijgelegd"))
    assert r.status_code == 302
    html = c.get(r["Location"]).content.decode()
    assert "eigen middelen bijgelegd" in html and "€ 459,16" in html
    assert "boven wat er ontvangen is" in html


def test_web_de_ab_verzorger_ziet_alleen_de_ab_soorten_en_de_ouder_geen_formulier(
    betaald, coordinator
):
    c, pad = _web(betaald, coordinator)
    keuzes = [k for k, _ in c.get(pad).context["formulier"].fields["soort"].choices]
    assert keuzes == ["ambulante_begeleiding", "ab_reiskosten"]
    c, pad = _web(betaald, betaald.ouder_a)
    r = c.get(pad)
    assert r.status_code == 200 and r.context["formulier"] is None
    assert c.post(pad, _formulier()).status_code == 404
    c, pad = _web(betaald, betaald.ouder_b)
    assert c.get(pad).status_code == 404


def test_web_de_pagina_heeft_labels_geen_inline_stijl_en_de_leerling_linkt_ernaar(betaald):
    from tests.web.hulp import bedieningen_zonder_label, inline_stijl_of_script

    c, pad = _web(betaald, betaald.ib_a)
    c.post(pad, _formulier(reden_overschrijding="eigen middelen"))
    html = c.get(pad).content.decode()
    assert '<html lang="nl">' in html
    assert bedieningen_zonder_label(html) == [] and inline_stijl_of_script(html) == []
    leerling = c.get(f"/leerlingen/{betaald.leerling_a.publiek_id}/").content.decode()
    assert f"/betalingen/bestedingen/{betaald.leerling_a.publiek_id}/" in leerling
