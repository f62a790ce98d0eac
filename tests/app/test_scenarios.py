"""Wat-als-scenario's van de beleidsanalist (issue 9, deel 4): alleen de analist vraagt
aan; een ongeldig bestand noemt elk probleem en schrijft niets; de taak rekent op het
bulkpad dezelfde totalen als het pad voor één leerling van de regelkern; de analist ziet
nooit een naam."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test.utils import override_settings

from rugzak.audit.models import AuditRegel
from rugzak.betalingen.berekening import lees_geschiedenissen
from rugzak.betalingen.models import Runstatus
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.organisaties.rollen import Roltype
from rugzak.regeling.regels.betaling import betaalschema
from rugzak.regeling.tijd import Schooljaar
from rugzak.scenarios.models import Scenario
from rugzak.scenarios.services import scenario_aanvragen, scenario_lezen, scenario_verwerken
from rugzak.toegang import leesgrond
from tests.app.conftest import maak_gebruiker
from tests.app.test_betalingen_taken import IMMEDIATE, gemeld  # noqa: F401  (fixture)

AB_MIN_10 = (
    Path(__file__).parents[2] / "voorbeelden" / "scenario-ab-10-procent-lager.toml"
).read_text(encoding="utf-8")
JAAR = Schooljaar.van_tekst("2011-2012")

ONGELDIG = """
[bestand]
titel = "kapot"
soort = "scenario"
document = "bestaat-niet"

[[aanpassing]]
naam = "lgf.bestaat_niet"
sectie = "x"
peildatum = 2011-08-01
factor = "0.90"
"""


@pytest.fixture
def analist(wereld):
    return maak_gebruiker("analist", Roltype.BELEIDSANALIST, wereld.cfi)


def _schrijfstand() -> tuple[int, int]:
    return Scenario.objects.count(), AuditRegel.objects.count()


def test_ongeldig_scenariobestand_noemt_elk_probleem_en_schrijft_niets(analist):
    voor = _schrijfstand()
    with pytest.raises(ValidationError) as e:
        scenario_aanvragen(door=analist, inhoud=ONGELDIG, schooljaar="2011-2012")
    problemen = e.value.message_dict["bestand"]
    assert len(problemen) >= 2, problemen  # onbekende bron én geen afronding, samen gemeld
    assert any("afronding" in p for p in problemen)
    assert any("bestaat-niet" in p for p in problemen)
    assert _schrijfstand() == voor


def test_ongeldig_schooljaar_en_bestand_samen_gemeld(analist):
    voor = _schrijfstand()
    with pytest.raises(ValidationError) as e:
        scenario_aanvragen(door=analist, inhoud="", schooljaar="2011")
    assert set(e.value.message_dict) == {"bestand", "schooljaar"}
    assert _schrijfstand() == voor


@pytest.mark.parametrize(
    "wie", ["bekostigingsmedewerker", "directie_a", "cvi_lid", "ouder_a", "ambulant_begeleider"]
)
def test_alleen_de_beleidsanalist_vraagt_een_scenario_aan(wereld, wie):
    voor = _schrijfstand()
    with pytest.raises(GeenToegang):
        scenario_aanvragen(door=getattr(wereld, wie), inhoud=AB_MIN_10, schooljaar="2011-2012")
    assert _schrijfstand() == voor


def test_beleidsanalist_heeft_geen_leesgrond_op_leerlingen(wereld, analist):
    assert leesgrond(analist, wereld.leerling_a) is None
    assert leesgrond(analist, wereld.leerling_b) is None


def _eén_leerling_totalen(regeling_basis, regeling_scenario) -> tuple[int, int, int, int]:
    """Totaal en AB-deel onder basis en scenario via betaalschema per leerling."""
    uit = [0, 0, 0, 0]
    for g in lees_geschiedenissen().geschiedenissen.values():
        for i, reg in enumerate((regeling_basis, regeling_scenario)):
            s = betaalschema(reg, g.gebeurtenissen, JAAR, geboortedatum=g.geboortedatum)
            uit[i] += int(s.totaal * 100)
            uit[2 + i] += int(
                sum((b.bedrag for b in s.betalingen if b.deel.value.startswith("ab_")), Decimal(0))
                * 100
            )
    return tuple(uit)  # type: ignore[return-value]


@override_settings(TASKS=IMMEDIATE)
def test_taak_rekent_dezelfde_totalen_als_het_pad_voor_een_leerling(gemeld):  # noqa: F811
    analist = maak_gebruiker("analist", Roltype.BELEIDSANALIST, gemeld.cfi)
    scenario = scenario_aanvragen(door=analist, inhoud=AB_MIN_10, schooljaar="2011-2012")
    scenario.refresh_from_db()
    assert scenario.status == Runstatus.KLAAR, scenario.reden
    u = scenario.uitkomst
    regeling = scenario_lezen(AB_MIN_10, "x.toml")
    basis, nieuw, ab_basis, ab_nieuw = _eén_leerling_totalen(regeling.basis, regeling.regeling)
    assert ab_nieuw < ab_basis  # het scenario verandert iets
    assert u["totaal"]["basis_centen"] == basis
    assert u["totaal"]["scenario_centen"] == nieuw
    ab = next(r for r in u["per_ontvanger"] if r["sleutel"] == "ab_verzorger")
    assert (ab["basis_centen"], ab["scenario_centen"]) == (ab_basis, ab_nieuw)
    assert sum(r["verschil_centen"] for r in u["per_rec"]) == nieuw - basis
    assert sum(r["verschil_centen"] for r in u["per_leerling"]) == nieuw - basis
    assert {r["sleutel"] for r in u["per_onderwijssoort"]} == {"zml", "cl4"}
    assert u["totaal"]["leerlingen"] == 2


@override_settings(TASKS=IMMEDIATE)
def test_uitkomst_bevat_geen_naam_of_publiek_id(gemeld):  # noqa: F811
    analist = maak_gebruiker("analist", Roltype.BELEIDSANALIST, gemeld.cfi)
    s = scenario_aanvragen(door=analist, inhoud=AB_MIN_10, schooljaar="2011-2012")
    s.refresh_from_db()
    tekst = str(s.uitkomst)
    for leerling in (gemeld.leerling_a, gemeld.leerling_b):
        for woord in (leerling.voornaam, leerling.achternaam, str(leerling.publiek_id)):
            assert woord not in tekst
        assert leerling.geboortedatum.isoformat() not in tekst


def test_afgerond_scenario_wordt_niet_opnieuw_gedaan(gemeld):  # noqa: F811
    analist = maak_gebruiker("analist", Roltype.BELEIDSANALIST, gemeld.cfi)
    s = scenario_aanvragen(door=analist, inhoud=AB_MIN_10, schooljaar="2011-2012", wachtrij=False)
    s = scenario_verwerken(publiek_id=s.publiek_id)
    assert s.status == Runstatus.KLAAR
    klaar_op = s.uitgevoerd_op
    assert scenario_verwerken(publiek_id=s.publiek_id).uitgevoerd_op == klaar_op


def test_scenario_zonder_leerlingen_in_het_jaar_is_klaar_met_nul(analist):
    s = scenario_aanvragen(door=analist, inhoud=AB_MIN_10, schooljaar="2011-2012", wachtrij=False)
    s = scenario_verwerken(publiek_id=s.publiek_id)
    assert s.status == Runstatus.KLAAR, s.reden
    assert s.uitkomst["totaal"]["basis_centen"] == 0


# --- webpagina's ----------------------------------------------------------------------

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402


def _client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker)
    return c


def _geen_namen(tekst: str, wereld) -> None:
    for leerling in (wereld.leerling_a, wereld.leerling_b):
        assert leerling.voornaam not in tekst
        assert leerling.achternaam not in tekst
        assert str(leerling.publiek_id) not in tekst


@override_settings(TASKS=IMMEDIATE)
def test_analist_ziet_uitkomst_grafiek_csv_en_uitleg_zonder_namen(gemeld):  # noqa: F811
    analist = maak_gebruiker("analist", Roltype.BELEIDSANALIST, gemeld.cfi)
    c = _client(analist)
    antwoord = c.post(reverse("scenarios:lijst"), {"inhoud": AB_MIN_10, "schooljaar": "2011-2012"})
    assert antwoord.status_code == 302
    s = Scenario.objects.get()
    pagina = c.get(reverse("scenarios:scenario", args=[s.publiek_id])).content.decode()
    assert "Verschil per REC" in pagina and "<svg" in pagina and "REC 3" in pagina
    _geen_namen(pagina, gemeld)
    csv = c.get(reverse("scenarios:csv", args=[s.publiek_id]))
    assert csv.content.startswith("\ufeff".encode())
    tekst = csv.content.decode("utf-8-sig")
    assert tekst.splitlines()[0].startswith("Indeling;Sleutel;Omschrijving;Leerlingen")
    assert "REC;REC 3" in tekst
    _geen_namen(tekst, gemeld)
    cvi = s.uitkomst["per_leerling"][0]["cvi_nummer"]
    uitleg = c.get(reverse("scenarios:leerling", args=[s.publiek_id, cvi]))
    assert uitleg.status_code == 200
    inhoud = uitleg.content.decode()
    assert "Basisregeling" in inhoud and "Scenario" in inhoud
    _geen_namen(inhoud, gemeld)
    lijst = c.get(reverse("scenarios:lijst")).content.decode()
    assert "AB-deel 10 % lager" in lijst
    _geen_namen(lijst, gemeld)
    _geen_namen(c.get(reverse("leerlingen")).content.decode(), gemeld)
    _geen_namen(c.get(reverse("start")).content.decode(), gemeld)


def test_ongeldig_bestand_in_het_formulier_noemt_de_problemen(analist):
    c = _client(analist)
    antwoord = c.post(reverse("scenarios:lijst"), {"inhoud": ONGELDIG, "schooljaar": "2011-2012"})
    assert antwoord.status_code == 200
    assert "afronding" in antwoord.content.decode()
    assert not Scenario.objects.exists()


@override_settings(TASKS=IMMEDIATE)
def test_andere_rollen_zien_geen_scenario(gemeld):  # noqa: F811
    analist = maak_gebruiker("analist", Roltype.BELEIDSANALIST, gemeld.cfi)
    s = scenario_aanvragen(door=analist, inhoud=AB_MIN_10, schooljaar="2011-2012")
    for wie in (gemeld.bekostigingsmedewerker, gemeld.directie_a, gemeld.ouder_a):
        c = _client(wie)
        assert c.get(reverse("scenarios:lijst")).status_code == 404
        assert c.get(reverse("scenarios:scenario", args=[s.publiek_id])).status_code == 404
        assert c.get(reverse("scenarios:csv", args=[s.publiek_id])).status_code == 404
