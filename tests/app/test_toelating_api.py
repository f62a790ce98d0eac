"""API van toelatingszaken, gastleerlingschappen, overeenkomsten, handelingsplannen en
evaluaties: statuscodes per rol, problem+json bij fouten, versie in de body, geen
toegang over de grens van de organisatie."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from rugzak.api.problemen import PROBLEEM_TYPE

from .toelating_opbouw import maak_aanmelding

PLAATSING = date(2012, 1, 9)


@pytest.fixture
def a(wereld):
    return maak_aanmelding(wereld)


def client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker)
    return c


def post(gebruiker, pad, data):
    return client(gebruiker).post(
        pad, json.dumps(data, default=str), content_type="application/json"
    )


def wie(a, naam):
    return getattr(a, naam, None) or getattr(a.w, naam)


def is_probleem(r, status):
    assert r.status_code == status, r.content
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)
    return r.json()


# --- toelatingszaken ----------------------------------------------------------------------------


@pytest.mark.bron("002, fase 1")
def test_ouders_starten_een_zaak_via_de_api(a):
    r = post(
        a.ouder,
        "/api/v1/toelatingszaken/",
        {"school_brin": "11AA", "leerling": str(a.leerling.publiek_id), "verzoek_op": "2012-03-01"},
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert (body["toestand"], body["fase"], body["versie"]) == ("1", 1, 1)
    assert "Daan" not in json.dumps(body["publiek_id"])


def test_een_teamlid_start_geen_zaak_403(a, wereld):
    r = post(
        wereld.teamlid_a,
        "/api/v1/toelatingszaken/",
        {
            "school_brin": "11AA",
            "leerling": str(wereld.leerling_a.publiek_id),
            "verzoek_op": "2012-03-01",
        },
    )
    is_probleem(r, 403)


def test_een_onzichtbare_leerling_geeft_404(a, wereld):
    r = post(
        wereld.directie_a,
        "/api/v1/toelatingszaken/",
        {"school_brin": "11AA", "leerling": str(a.leerling.publiek_id), "verzoek_op": "2012-03-01"},
    )
    is_probleem(r, 404)


def test_een_onbekende_school_is_een_veldfout(a):
    r = post(
        a.ouder,
        "/api/v1/toelatingszaken/",
        {"school_brin": "99ZZ", "leerling": str(a.leerling.publiek_id), "verzoek_op": "2012-03-01"},
    )
    assert "school_brin" in is_probleem(r, 400)["velden"]


LEZEN = {
    "directie_a": 200,
    "ib_a": 200,
    "teamlid_a": 200,
    "bestuurder_a": 200,
    "ouder": 200,
    "ouder_a": 404,
    "directie_b": 404,
    "bestuurder_b": 404,
    "cvi_lid": 404,
    "ambulant_begeleider": 404,
    "bekostigingsmedewerker": 404,
}

#: volgende fase vanuit fase 1 zonder uitnodiging: IB en directie 400 (wat ontbreekt),
#: wie mag lezen maar niet handelen 403, wie niet mag lezen 404
VOLGENDE = {
    "directie_a": 400,
    "ib_a": 400,
    "teamlid_a": 403,
    "bestuurder_a": 403,
    "ouder": 403,
    "ouder_a": 404,
    "directie_b": 404,
    "cvi_lid": 404,
    "bekostigingsmedewerker": 404,
}


@pytest.mark.parametrize(("naam", "status"), LEZEN.items())
def test_lezen_per_rol(a, naam, status):
    zaak = a.start()
    r = client(wie(a, naam)).get(f"/api/v1/toelatingszaken/{zaak.publiek_id}/")
    assert r.status_code == status
    lijst = client(wie(a, naam)).get("/api/v1/toelatingszaken/").json()
    assert lijst["aantal"] == (1 if status == 200 else 0)
    if status == 404:
        assert r["Content-Type"].startswith(PROBLEEM_TYPE)


@pytest.mark.parametrize(("naam", "status"), VOLGENDE.items())
def test_volgende_fase_per_rol(a, naam, status):
    zaak = a.start()
    r = post(
        wie(a, naam), f"/api/v1/toelatingszaken/{zaak.publiek_id}/volgende-fase/", {"versie": 1}
    )
    body = is_probleem(r, status)
    if status == 400:
        assert set(body["velden"]) == {"uitnodiging_verstuurd_op"}
    zaak.refresh_from_db()
    assert (zaak.toestand, zaak.versie) == ("1", 1)


def test_het_dossier_toont_geschiedenis_ontbrekend_en_termijn(a, wereld):
    zaak = a.zaak_in("3")
    body = client(wereld.ib_a).get(f"/api/v1/toelatingszaken/{zaak.publiek_id}/").json()
    assert [o["naar"] for o in body["overgangen"]] == ["1", "2", "3"]
    assert body["ontbrekend"] == {
        "team_geinformeerd_op": "de datum waarop het team is geïnformeerd"
    }
    assert body["weigeringstermijn"]["uiterlijk"] == "2012-01-05"
    assert body["volgende"] == ["4", "ingetrokken"]
    assert body["toegang_via_rol"] == "intern_begeleider"


def test_een_fase_doorlopen_via_de_api_met_de_versie(a, wereld):
    zaak = a.start()
    pad = f"/api/v1/toelatingszaken/{zaak.publiek_id}/"
    r = post(
        wereld.ib_a,
        pad + "gegevens/",
        {"versie": 1, "gegevens": {"uitnodiging_verstuurd_op": "2011-11-03"}},
    )
    assert (r.status_code, r.json()["versie"]) == (200, 2)
    # een verouderde versie: 409, niets geschreven
    r = post(wereld.ib_a, pad + "volgende-fase/", {"versie": 1})
    is_probleem(r, 409)
    r = post(wereld.ib_a, pad + "volgende-fase/", {"versie": 2, "notitie": "gesprek gepland"})
    assert (r.status_code, r.json()["toestand"]) == (200, "2")


def test_gegevens_van_een_andere_fase_geven_400_met_het_veld(a, wereld):
    zaak = a.start()
    r = post(
        wereld.ib_a,
        f"/api/v1/toelatingszaken/{zaak.publiek_id}/gegevens/",
        {"versie": 1, "gegevens": {"team_geinformeerd_op": "2011-11-03"}},
    )
    assert "team_geinformeerd_op" in is_probleem(r, 400)["velden"]


@pytest.mark.bron("002, 4.3")
def test_inventarisatie_met_onbekend_domein_geeft_400(a, wereld):
    zaak = a.zaak_in("5")
    r = post(
        wereld.ib_a,
        f"/api/v1/toelatingszaken/{zaak.publiek_id}/inventarisatie/",
        {"versie": zaak.versie, "schema": {"domeinen": {"sport": {}}}, "op": "2011-11-25"},
    )
    assert "inventarisatie.domeinen.sport" in is_probleem(r, 400)["velden"]


@pytest.mark.bron("002, fase 8")
def test_beslissen_via_de_api_alleen_door_de_directie(a, wereld):
    zaak = a.zaak_in("8")
    data = {
        "versie": zaak.versie,
        "besluit": "afwijzen",
        "besluit_op": "2012-01-05",
        "motivering": "m",
    }
    pad = f"/api/v1/toelatingszaken/{zaak.publiek_id}/besluit/"
    is_probleem(post(wereld.ib_a, pad, data), 403)
    r = post(wereld.directie_a, pad, data)
    assert (r.status_code, r.json()["toestand"], r.json()["traject"]) == (200, "9b", "b")


@pytest.mark.bron("002, fase 10b")
def test_bestuurstoetsing_via_de_api(a, wereld):
    zaak = a.zaak_in("10b")
    data = {
        "versie": zaak.versie,
        "oordeel": "overnemen",
        "getoetst_op": "2012-01-10",
        "toelichting": "getoetst",
    }
    pad = f"/api/v1/toelatingszaken/{zaak.publiek_id}/bestuurstoetsing/"
    is_probleem(post(a.bestuurder_b, pad, data), 404)
    is_probleem(post(wereld.directie_a, pad, data), 403)
    assert post(wereld.bestuurder_a, pad, data).json()["toestand"] == "11b"


def test_onderdelen_van_fase_4_via_de_api(a, wereld):
    zaak = a.zaak_in("4")
    pad = f"/api/v1/toelatingszaken/{zaak.publiek_id}/"
    r = post(
        wereld.ib_a,
        pad + "informatieverzoeken/",
        {"versie": zaak.versie, "instantie": "cvi", "verzocht_op": "2011-11-14"},
    )
    assert r.status_code == 200, r.content
    versie = r.json()["versie"]
    detail = client(wereld.ib_a).get(pad).json()
    verzoek_id = detail["informatieverzoeken"][0]["id"]
    r = post(
        wereld.ib_a,
        pad + "informatie-ontvangen/",
        {"versie": versie, "verzoek_id": verzoek_id, "ontvangen_op": "2011-11-20"},
    )
    assert r.status_code == 200, r.content
    r = post(
        wereld.ib_a,
        pad + "begeleidingsinformatie/",
        {
            "versie": r.json()["versie"],
            "bron": "draaiboek",
            "datum": "2011-11-16",
            "samenvatting": "s",
        },
    )
    assert r.status_code == 200, r.content


def test_intrekken_via_de_api_door_de_ouders(a):
    zaak = a.start()
    r = post(
        a.ouder,
        f"/api/v1/toelatingszaken/{zaak.publiek_id}/intrekken/",
        {"versie": 1, "ingetrokken_op": "2011-11-05", "reden": "andere school"},
    )
    assert r.json()["toestand"] == "ingetrokken"


# --- overeenkomst, handelingsplan, evaluaties ------------------------------------------------------


@pytest.mark.bron("002, fase 11a")
def test_overeenkomst_opstellen_en_ondertekenen_via_de_api(a, wereld):
    zaak = a.zaak_in("11a", plaatsingsdatum=PLAATSING, verzoek_op=date(2011, 9, 1))
    r = post(
        wereld.ib_a,
        "/api/v1/overeenkomsten/",
        {
            "zaak": str(zaak.publiek_id),
            "groep": 3,
            "looptijd_van": "2012-01-09",
            "looptijd_tot": "2012-07-31",
            "inzet_budget": "assistent",
            "verplichtingen": "plan",
            "extra_evaluatiemomenten": ["2012-03-01"],
        },
    )
    assert r.status_code == 201, r.content
    o = r.json()
    pad = f"/api/v1/overeenkomsten/{o['publiek_id']}/"
    is_probleem(
        post(wereld.ib_a, pad + "ondertekenen-school/", {"versie": 1, "getekend_op": "2012-01-03"}),
        403,
    )
    r = post(
        wereld.directie_a, pad + "ondertekenen-school/", {"versie": 1, "getekend_op": "2012-01-03"}
    )
    assert r.json()["toestand"] == "getekend_school"
    r = post(a.ouder, pad + "ondertekenen-ouders/", {"versie": 2, "getekend_op": "2012-01-04"})
    assert r.json()["toestand"] == "ondertekend"
    assert client(wereld.directie_b).get(pad).status_code == 404
    assert client(a.ouder).get(pad).json()["toegang_via_rol"] == "ouder"


@pytest.mark.bron("002, fase 13")
def test_handelingsplan_voorleggen_noemt_ontbrekende_onderdelen_en_ouders_stemmen_in(a, wereld):
    zaak = a.zaak_in("13", plaatsingsdatum=PLAATSING, verzoek_op=date(2011, 9, 1))
    r = post(
        wereld.ib_a,
        "/api/v1/handelingsplannen/",
        {"zaak": str(zaak.publiek_id), "doelstelling": "lezen"},
    )
    assert r.status_code == 201, r.content
    plan = r.json()
    pad = f"/api/v1/handelingsplannen/{plan['publiek_id']}/"
    body = is_probleem(
        post(wereld.ib_a, pad + "voorleggen/", {"versie": 1, "voorgelegd_op": "2012-01-20"}), 400
    )
    assert set(body["velden"]) == {
        "beginsituatie",
        "voorzieningen_en_maatregelen",
        "inzet_lgf",
        "monitoring",
        "ambulant_begeleider_naam",
    }
    r = post(
        wereld.ib_a,
        pad + "wijzigen/",
        {
            "versie": 1,
            "wijzigingen": {
                "beginsituatie": "b",
                "voorzieningen_en_maatregelen": "v",
                "inzet_lgf": "i",
                "monitoring": "m",
                "ambulant_begeleider_naam": "AB REC 3",
            },
        },
    )
    assert r.json()["ontbrekend"] == {}
    r = post(wereld.ib_a, pad + "voorleggen/", {"versie": 2, "voorgelegd_op": "2012-01-20"})
    assert r.json()["toestand"] == "ter_instemming"
    is_probleem(
        post(
            wereld.ouder_a,
            pad + "instemming/",
            {"versie": 3, "besluit": "ingestemd", "op": "2012-01-25"},
        ),
        404,
    )
    r = post(
        a.ouder, pad + "instemming/", {"versie": 3, "besluit": "ingestemd", "op": "2012-01-25"}
    )
    assert (r.json()["toestand"], r.json()["vastgesteld_op"]) == ("vastgesteld", "2012-01-25")
    detail = client(a.ouder).get(pad).json()
    assert [e["uiterlijk"] for e in detail["evaluaties"]] == [
        "2012-01-31",
        "2012-05-31",
        "2012-07-31",
    ]
    assert detail["instemmingen"][0]["besluit"] == "ingestemd"

    evaluatie = detail["evaluaties"][0]
    epad = f"/api/v1/evaluaties/{evaluatie['publiek_id']}/"
    is_probleem(
        post(
            wereld.teamlid_a,
            epad + "gehouden/",
            {"versie": 1, "gehouden_op": "2012-01-30", "verslag": "v"},
        ),
        403,
    )
    r = post(
        wereld.ib_a,
        epad + "gehouden/",
        {"versie": 1, "gehouden_op": "2012-01-30", "verslag": "doelen bereikt"},
    )
    assert r.json()["gehouden_op"] == "2012-01-30"
    assert client(wereld.directie_b).get(epad).status_code == 404
    assert client(a.ouder).get(epad).json()["verslag"] == "doelen bereikt"


# --- gastleerlingschappen ---------------------------------------------------------------------------


@pytest.mark.bron("002, hoofdstuk 3")
def test_gastleerlingschap_via_de_api(a, wereld):
    data = {
        "school_brin": "11AA",
        "rec_school_brin": "33SO",
        "leerling": str(a.leerling.publiek_id),
        "begin": "2012-01-09",
        "einde": "2012-08-01",
        "afspraken": "ochtenden",
    }
    body = is_probleem(post(a.directie_so, "/api/v1/gastleerlingschappen/", data), 400)
    assert "einde" in body["velden"]
    data["einde"] = "2012-04-06"
    r = post(a.directie_so, "/api/v1/gastleerlingschappen/", data)
    assert r.status_code == 201, r.content
    pad = f"/api/v1/gastleerlingschappen/{r.json()['publiek_id']}/"
    r = post(
        a.directie_so,
        pad + "ondertekenen/",
        {"versie": 1, "partij": "rec_school", "getekend_op": "2012-01-02"},
    )
    r = post(
        a.ouder,
        pad + "ondertekenen/",
        {"versie": 2, "partij": "ouders", "getekend_op": "2012-01-02"},
    )
    r = post(
        wereld.directie_a,
        pad + "ondertekenen/",
        {"versie": 3, "partij": "school", "getekend_op": "2012-01-03"},
    )
    assert r.json()["toestand"] == "lopend"
    body = is_probleem(
        post(wereld.directie_a, pad + "verlengen/", {"versie": 4, "verlengd_tot": "2013-02-01"}),
        400,
    )
    assert "verlengd_tot" in body["velden"]
    assert client(wereld.directie_b).get(pad).status_code == 404
    assert client(wereld.teamlid_a).get(pad).json()["toegang_via_rol"] == "teamlid"


def test_het_schema_beschrijft_de_eindpunten(a, wereld):
    schema = client(wereld.directie_a).get("/api/v1/schema/?format=json").json()
    for pad in (
        "/api/v1/toelatingszaken/{publiek_id}/volgende-fase/",
        "/api/v1/toelatingszaken/{publiek_id}/bestuurstoetsing/",
        "/api/v1/gastleerlingschappen/{publiek_id}/ondertekenen/",
        "/api/v1/overeenkomsten/{publiek_id}/ondertekenen-ouders/",
        "/api/v1/handelingsplannen/{publiek_id}/instemming/",
        "/api/v1/evaluaties/{publiek_id}/gehouden/",
    ):
        assert pad in schema["paths"], pad
