"""De API van meldingen en betalingen: statuscodes, problem+json, geen toegang over
organisaties heen, en nergens een naam of adres voor de bekostigingsinstantie."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from rugzak.api.problemen import PROBLEEM_TYPE
from rugzak.betalingen.services import betaalrun_uitvoeren, betaalrun_verwerken
from rugzak.leerlingen.services import inschrijving_beeindig
from rugzak.meldingen import services
from rugzak.meldingen.models import Melding, OnvolledigeIndiening, Terugmeldingsoort
from rugzak.organisaties.services import organisatie_maak
from rugzak.regeling.tijd import Maand
from tests.app.lgf_hulp import formulier, geaccepteerde_melding, maak_indicatie, tellingen

pytestmark = pytest.mark.django_db


def _client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker)
    return c


def _post(c: Client, pad: str, data: dict) -> object:
    return c.post(pad, data=json.dumps(data), content_type="application/json")


@pytest.fixture
def zaken(wereld):
    """Een geaccepteerde melding met terugmelding, zml-aanvraag en betaalrun; een
    ontvangen melding; een onvolledige indiening."""
    ind_a = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="zml")
    m_a = geaccepteerde_melding(
        door=wereld.directie_a, beoordelaar=wereld.bekostigingsmedewerker,
        leerling=wereld.leerling_a, school=wereld.school_a,
        gegevens=formulier(ind_a, wereld.ab_dienst), meldingsdatum=date(2011, 9, 5),
    )  # fmt: skip
    services.zml_aanvraag_indienen(
        door=wereld.directie_a, melding=m_a, groep_3_per=date(2011, 8, 22)
    )
    ind_b = maak_indicatie(wereld.leerling_b, wereld.cvi, onderwijssoort="cl4")
    m_b = services.melding_indienen(
        door=wereld.directie_b, leerling=wereld.leerling_b, school=wereld.school_b,
        gegevens=formulier(
            ind_b, wereld.ab_dienst, schoolsoort="vo", groep=None, leerjaar=2, vo_variant="overig"
        ),
    )  # fmt: skip
    with pytest.raises(ValidationError):  # onvolledig: alleen als indiening vastgelegd
        services.melding_indienen(
            door=wereld.directie_b, leerling=wereld.leerling_b, school=wereld.school_b,
            gegevens={"cvi_nummer": "ONBEKEND"},
        )  # fmt: skip
    run = betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=Maand(2012, 2))
    inschrijving_beeindig(
        door=wereld.directie_a,
        inschrijving=wereld.leerling_a.inschrijvingen.get(),
        tot=date(2012, 3, 1),
    )
    t = services.terugmelding_indienen(
        door=wereld.directie_a, melding=m_a, soort=Terugmeldingsoort.UITSCHRIJVING_SO,
        datum=date(2012, 3, 2),
    )  # fmt: skip
    return {"m_a": m_a, "m_b": m_b, "run": run, "t": t, "ind_a": ind_a}


# --- bekostigingsinstantie: geen namen, geen adressen, geen leerling-id -----------------------


def _bekostigingspaden(wereld, zaken) -> list[str]:
    return [
        "/api/v1/meldingen/",
        f"/api/v1/meldingen/{zaken['m_a'].publiek_id}/",
        "/api/v1/meldingen/onvolledig/",
        "/api/v1/terugmeldingen/",
        "/api/v1/zml-aanvragen/",
        "/api/v1/geregistreerde-leerlingen/",
        "/api/v1/betaalruns/",
        f"/api/v1/betaalruns/{zaken['run'].publiek_id}/",
        f"/api/v1/grootboek/?ontvanger={wereld.school_a.pk}",
        f"/api/v1/grootboek/csv/?ontvanger={wereld.school_a.pk}",
        f"/api/v1/grootboek/?ontvanger={wereld.ab_dienst.pk}&schooljaar=2011-2012",
        "/api/v1/grootboek/ontvangers/",
    ]


def test_de_bekostigingsinstantie_ziet_op_geen_enkel_eindpunt_een_naam_of_adres(wereld, zaken):
    c = _client(wereld.bekostigingsmedewerker)
    for pad in _bekostigingspaden(wereld, zaken):
        r = c.get(pad)
        assert r.status_code == 200, (pad, r.content[:300])
        tekst = r.content.decode()
        for leerling in (wereld.leerling_a, wereld.leerling_b):
            for verboden in (
                leerling.voornaam,
                leerling.achternaam,
                leerling.adres,
                leerling.postcode,
                leerling.woonplaats,
                str(leerling.publiek_id),
                leerling.geboortedatum.isoformat(),
            ):
                assert verboden not in tekst, (pad, verboden)


def test_het_overzicht_van_de_bekostigingsinstantie_is_op_cvi_nummer(wereld, zaken):
    r = _client(wereld.bekostigingsmedewerker).get("/api/v1/geregistreerde-leerlingen/")
    assert r.json()["aantal"] == 1
    assert r.json()["resultaten"] == [
        {
            "cvi_nummer": zaken["ind_a"].cvi_nummer,
            "brin": "11AA",
            "schoolsoort": "bao",
            "onderwijssoort": "zml",
        }
    ]
    r = _client(wereld.directie_a).get("/api/v1/geregistreerde-leerlingen/")
    assert r.status_code == 403
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)


def test_de_school_ziet_haar_eigen_meldingen_met_leerling_id_en_niet_die_van_een_ander(
    wereld, zaken
):
    r = _client(wereld.directie_a).get("/api/v1/meldingen/")
    assert r.json()["aantal"] == 1
    [rij] = r.json()["resultaten"]
    assert rij["publiek_id"] == str(zaken["m_a"].publiek_id)
    assert rij["leerling"] == str(wereld.leerling_a.publiek_id)
    r = _client(wereld.directie_b).get(f"/api/v1/meldingen/{zaken['m_a'].publiek_id}/")
    assert r.status_code == 404
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)
    for wie in (wereld.ouder_a, wereld.cvi_lid, wereld.ambulant_begeleider):
        assert _client(wie).get("/api/v1/meldingen/").status_code == 403


# --- indienen en beoordelen ----------------------------------------------------------------


def test_een_onvolledige_melding_via_de_api_noemt_elk_veld_in_problem_json(wereld):
    r = _post(
        _client(wereld.directie_a),
        "/api/v1/meldingen/",
        {"leerling": str(wereld.leerling_a.publiek_id), "school": wereld.school_a.pk},
    )
    assert r.status_code == 400
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)
    velden = r.json()["velden"]
    assert {"inschrijvingsdatum", "schoolsoort", "cvi_nummer", "indicatiedatum"} <= set(velden)
    assert {"onderwijssoort", "ab_verzorger"} <= set(velden)
    assert not Melding.objects.exists()
    assert OnvolledigeIndiening.objects.count() == 1


def test_indienen_en_accepteren_via_de_api_met_versie(wereld):
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="lg")
    r = _post(
        _client(wereld.ib_a),
        "/api/v1/meldingen/",
        {
            "leerling": str(wereld.leerling_a.publiek_id),
            "school": wereld.school_a.pk,
            **formulier(indicatie, wereld.ab_dienst),
        },
    )
    assert r.status_code == 201, r.content
    melding = r.json()
    assert melding["status"] == "ontvangen"
    pad = f"/api/v1/meldingen/{melding['publiek_id']}/"
    # de school kan niet zelf accepteren
    r = _post(_client(wereld.directie_a), pad + "accepteren/", {"versie": 1})
    assert r.status_code == 403
    # zonder versie: 400; met een oude versie: 409; niets geschreven
    officier = _client(wereld.bekostigingsmedewerker)
    assert _post(officier, pad + "accepteren/", {}).status_code == 400
    voor = tellingen()
    r = _post(officier, pad + "accepteren/", {"versie": 5})
    assert r.status_code == 409
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)
    na = tellingen()
    assert {k: v for k, v in na.items() if k != "AuditRegel"} == {
        k: v for k, v in voor.items() if k != "AuditRegel"
    }
    r = _post(officier, pad + "accepteren/", {"versie": 1, "toelichting": "in orde"})
    assert r.json() == {"publiek_id": melding["publiek_id"], "status": "geaccepteerd", "versie": 2}
    r = _post(officier, pad + "weigeren/", {"versie": 2, "reden": "toch niet"})
    assert r.status_code == 400
    assert "status" in r.json()["velden"]


def test_terugmelding_zml_en_terugplaatsing_via_de_api(wereld, zaken):
    m_a = zaken["m_a"]
    school = _client(wereld.directie_a)
    r = _post(
        school,
        f"/api/v1/meldingen/{m_a.publiek_id}/terugmelding/",
        {"soort": "uitschrijving_so", "datum": "2012-03-02"},
    )
    assert r.status_code == 400  # al teruggemeld
    officier = _client(wereld.bekostigingsmedewerker)
    [t] = officier.get("/api/v1/terugmeldingen/?status=ontvangen").json()["resultaten"]
    r = _post(officier, f"/api/v1/terugmeldingen/{t['publiek_id']}/verwerken/", {"versie": 1})
    assert r.json()["status"] == "verwerkt"
    [z] = officier.get("/api/v1/zml-aanvragen/").json()["resultaten"]
    r = _post(officier, f"/api/v1/zml-aanvragen/{z['publiek_id']}/toekennen/", {"versie": 1})
    assert r.json()["status"] == "toegekend"
    r = _post(
        school,
        f"/api/v1/meldingen/{m_a.publiek_id}/terugplaatsing-groep2/",
        {"datum": "2012-01-09"},
    )
    assert r.status_code == 201
    r = _post(
        _client(wereld.directie_b),
        f"/api/v1/meldingen/{m_a.publiek_id}/zml-aanvraag/",
        {"groep_3_per": "2012-02-01"},
    )
    assert r.status_code == 404


def test_de_termijnen_api_toont_de_terugmelding_aan_de_school(wereld, zaken):
    r = _client(wereld.directie_a).get("/api/v1/termijnen/")
    if r.status_code == 404:  # pragma: no cover - termijnen-API van een ander onderdeel
        pytest.skip("geen termijnen-API")
    termijnen = [t for t in r.json()["resultaten"] if t["zaaktype"] == "terugmelding"]
    assert termijnen and termijnen[0]["status"] == "voldaan"


# --- betalingen ----------------------------------------------------------------------------


def test_betaalrun_via_de_api(wereld, zaken):
    r = _post(_client(wereld.directie_a), "/api/v1/betaalruns/", {"maand": "2012-03"})
    assert r.status_code == 403
    officier = _client(wereld.bekostigingsmedewerker)
    r = _post(officier, "/api/v1/betaalruns/", {"maand": "2012-03"})
    assert r.status_code == 202  # in de wachtrij; de verwerker voert hem uit
    assert r.json()["maand"] == "2012-03"
    assert r.json()["status"] == "in_wachtrij" and r.json()["regels"] is None
    assert r["Location"] == r.json()["url"] and r["Location"].endswith(
        f"/api/v1/betaalruns/{r.json()['publiek_id']}/"
    )
    betaalrun_verwerken(publiek_id=r.json()["publiek_id"])
    klaar = officier.get(r["Location"]).json()
    assert klaar["status"] == "klaar" and klaar["regels"] > 0
    assert klaar["voortgang"] == {"gedaan": klaar["leerlingen"], "totaal": klaar["leerlingen"]}
    r = _post(officier, "/api/v1/betaalruns/", {"maand": "2012-02"})
    betaalrun_verwerken(publiek_id=r.json()["publiek_id"])
    assert officier.get(r["Location"]).json()["regels"] == 0  # al betaald
    r = _post(officier, "/api/v1/betaalruns/", {"maand": "2013-01"})
    assert r.status_code == 400
    assert "maand" in r.json()["velden"]


def test_grootboek_en_csv_via_de_api(wereld, zaken):
    r = _client(wereld.directie_a).get(f"/api/v1/grootboek/?ontvanger={wereld.school_a.pk}")
    assert r.status_code == 200
    assert "2011-2012" in r.json()["per_schooljaar"]
    r = _client(wereld.directie_b).get(f"/api/v1/grootboek/?ontvanger={wereld.school_a.pk}")
    assert r.status_code == 403
    r = _client(wereld.bekostigingsmedewerker).get(
        f"/api/v1/grootboek/csv/?ontvanger={wereld.school_a.pk}&schooljaar=2011-2012"
    )
    assert r["Content-Type"].startswith("text/csv")
    assert r.content.decode().startswith("\ufeffMaand;Ontvanger (BRIN);CvI-nummer;")


def test_besteding_zorg_via_de_api_geeft_de_pgb_reden(wereld, zaken):
    r = _post(
        _client(wereld.directie_a),
        "/api/v1/bestedingen/",
        {
            "leerling": str(wereld.leerling_a.publiek_id),
            "schooljaar": "2011-2012",
            "soort": "zorg_toilet",
            "omschrijving": "hulp bij toiletgang",
            "bedrag": "500",
            "ouders_akkoord_op": "2011-10-01",
        },
    )
    # de leerling is per 2 maart uitgeschreven: de school mag haar niet meer wijzigen
    assert r.status_code == 403


def test_besteding_via_de_api(wereld):
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="lg")
    geaccepteerde_melding(
        door=wereld.directie_a, beoordelaar=wereld.bekostigingsmedewerker,
        leerling=wereld.leerling_a, school=wereld.school_a,
        gegevens=formulier(indicatie, wereld.ab_dienst), meldingsdatum=date(2011, 9, 5),
    )  # fmt: skip
    gegevens = {
        "leerling": str(wereld.leerling_a.publiek_id),
        "schooljaar": "2011-2012",
        "soort": "zorg_toilet",
        "omschrijving": "hulp bij toiletgang",
        "bedrag": "500",
        "ouders_akkoord_op": "2011-10-01",
    }
    school = _client(wereld.directie_a)
    r = _post(school, "/api/v1/bestedingen/", gegevens)
    assert r.status_code == 400
    assert "PGB" in " ".join(r.json()["velden"]["soort"])
    # er is nog niets betaald: meer dan ontvangen mag alleen met een reden (I-56)
    r = _post(school, "/api/v1/bestedingen/", {**gegevens, "soort": "remedial_teacher"})
    assert r.status_code == 400 and "reden_overschrijding" in r.json()["velden"]
    r = _post(
        school,
        "/api/v1/bestedingen/",
        {**gegevens, "soort": "remedial_teacher", "reden_overschrijding": "voorgeschoten"},
    )
    assert r.status_code == 201
    assert r.json()["onderdeel"] == "formatie"
    pad = f"/api/v1/bestedingen/?leerling={wereld.leerling_a.publiek_id}&schooljaar=2011-2012"
    assert _client(wereld.ouder_a).get(pad).status_code == 200
    assert _client(wereld.ouder_b).get(pad).status_code == 404


def test_rec_bekostiging_zonder_bron_is_422_problem_json(wereld):
    from rugzak.betalingen.services import rec_telling_vastleggen
    from rugzak.organisaties.rollen import Roltype
    from tests.app.conftest import maak_gebruiker

    secretaris = maak_gebruiker("secretaris", Roltype.CVI_SECRETARIS, wereld.cvi)
    organisatie_maak(
        soort="school", naam="SO", brin="71AA", schoolsoort="so", bestuur=wereld.bestuur_b,
        rec=wereld.rec,
    )  # fmt: skip
    c = _client(secretaris)
    r = _post(
        c, f"/api/v1/recs/{wereld.rec.pk}/telling/", {"schooljaar": "2011-2012", "leerlingen": 900}
    )
    assert r.status_code == 201
    assert rec_telling_vastleggen  # de service achter dit eindpunt
    r = c.get(f"/api/v1/recs/{wereld.rec.pk}/bekostiging/?schooljaar=2011-2012")
    assert r.status_code == 422, r.content
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)
    r = _client(wereld.directie_a).get(
        f"/api/v1/recs/{wereld.rec.pk}/bekostiging/?schooljaar=2011-2012"
    )
    assert r.status_code == 403


def test_het_schema_bevat_de_eindpunten(wereld):
    c = _client(wereld.directie_a)
    paden = c.get("/api/v1/schema/?format=json").json()["paths"]
    for pad in (
        "/api/v1/meldingen/",
        "/api/v1/meldingen/{id}/accepteren/",
        "/api/v1/terugmeldingen/{id}/verwerken/",
        "/api/v1/zml-aanvragen/{id}/toekennen/",
        "/api/v1/betaalruns/",
        "/api/v1/grootboek/csv/",
        "/api/v1/recs/{id}/formatiegarantie/",
        "/api/v1/bestedingen/",
    ):
        assert pad in paden


# --- rechtenmatrix (lezen) -------------------------------------------------------------------

ROLLEN = (
    "directie_a", "ib_a", "teamlid_a", "directie_b", "bestuurder_a", "cvi_lid",
    "ambulant_begeleider", "bekostigingsmedewerker", "ouder_a",
)  # fmt: skip
SCHOOL_EN_BESTUUR = {"directie_a", "ib_a", "teamlid_a", "directie_b", "bestuurder_a"}


def _verwacht(pad: str, rol: str) -> int:
    """De cel van de matrix: welke status ``rol`` op ``pad`` krijgt."""
    if pad.startswith(("/api/v1/meldingen/?", "/api/v1/terugmeldingen/", "/api/v1/zml-")) or (
        pad == "/api/v1/meldingen/onvolledig/"
    ):
        return 200 if rol in SCHOOL_EN_BESTUUR | {"bekostigingsmedewerker"} else 403
    if pad.startswith("/api/v1/meldingen/"):  # één melding van school A
        return (
            200
            if rol in {"directie_a", "ib_a", "teamlid_a", "bestuurder_a", "bekostigingsmedewerker"}
            else 404
        )
    if pad.startswith(("/api/v1/geregistreerde", "/api/v1/betaalruns/")):
        return 200 if rol == "bekostigingsmedewerker" else 403
    if pad.startswith("/api/v1/grootboek/"):
        return (
            200 if rol in {"directie_a", "ib_a", "bestuurder_a", "bekostigingsmedewerker"} else 403
        )
    if pad.startswith("/api/v1/bestedingen/"):  # leerling B op school B
        return 200 if rol == "directie_b" else 404
    if pad.startswith("/api/v1/recs/"):  # geen formatie vastgelegd: 400 voor wie mag lezen
        return 400 if rol in {"cvi_lid", "ambulant_begeleider", "bekostigingsmedewerker"} else 403
    raise AssertionError(pad)


def test_rechtenmatrix_van_de_leeseindpunten(wereld, zaken):
    paden = [
        "/api/v1/meldingen/?status=geaccepteerd",
        f"/api/v1/meldingen/{zaken['m_a'].publiek_id}/",
        "/api/v1/meldingen/onvolledig/",
        "/api/v1/terugmeldingen/",
        "/api/v1/zml-aanvragen/",
        "/api/v1/geregistreerde-leerlingen/",
        "/api/v1/betaalruns/",
        f"/api/v1/betaalruns/{zaken['run'].publiek_id}/",
        f"/api/v1/grootboek/?ontvanger={wereld.school_a.pk}",
        f"/api/v1/grootboek/csv/?ontvanger={wereld.school_a.pk}",
        f"/api/v1/bestedingen/?leerling={wereld.leerling_b.publiek_id}&schooljaar=2011-2012",
        f"/api/v1/recs/{wereld.rec.pk}/formatiegarantie/?schooljaar=2004-2005",
    ]
    afwijkingen = []
    for rol in ROLLEN:
        c = _client(getattr(wereld, rol))
        for pad in paden:
            r = c.get(pad)
            if r.status_code != _verwacht(pad, rol):
                afwijkingen.append((rol, pad, r.status_code, _verwacht(pad, rol)))
            if r.status_code >= 400:
                assert r["Content-Type"].startswith(PROBLEEM_TYPE), (rol, pad)
    assert afwijkingen == []
