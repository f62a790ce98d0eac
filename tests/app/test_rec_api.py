"""API van de REC- en (v)so-administratie: de rechtenmatrix over elk leeseindpunt en elke
rol, overgangen met versie (409 bij een oude), problem+json bij elke fout, geen namen voor
de bekostigingsinstantie, en de auditregels van lezen en schrijven."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from rugzak.api.problemen import PROBLEEM_TYPE
from rugzak.audit.models import AuditRegel
from rugzak.betalingen.models import RecTelling
from rugzak.rec import services as rec
from rugzak.rec.models import ResidentieelVerzoek, Vestigingstap
from tests.app.rec_hulp import RecWereld, indicatie, koppel_ouder, leerling_op, maak_rec_wereld

UNIEKE_NAAM = "Quirijntje"


def post(gebruiker, pad, data):
    c = Client()
    c.force_login(gebruiker)
    return c.post(pad, data, content_type="application/json")


def patch(gebruiker, pad, data):
    c = Client()
    c.force_login(gebruiker)
    return c.patch(pad, data, content_type="application/json")


def get(gebruiker, pad):
    c = Client()
    c.force_login(gebruiker)
    return c.get(pad)


def is_probleem(r, status: int) -> dict:
    assert r.status_code == status, r.content
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)
    return r.json()


@pytest.fixture
def w(db) -> RecWereld:
    w = maak_rec_wereld()
    leerling, inschrijving = leerling_op(
        w.directie_zml, w.zml, van=date(2010, 8, 16), voornaam=UNIEKE_NAAM
    )
    indicatie(leerling, w.cvi, "zml", date(2010, 6, 1))
    rec.vso_plaatsing_vastleggen(door=w.directie_zml, inschrijving=inschrijving)
    leerling_op(w.directie_zml, w.zml, van=date(2002, 8, 19), geboortedatum=date(1998, 2, 2))
    rec.hoofdvestiging_vastleggen(door=w.directie_zml, school=w.zml, naam="De Zon", gemeente="Ede")
    rec.pab_formatie_vastleggen(
        door=w.secretaris, school=w.zml, onderwijssoort="zml", huidig_fre="4", genormeerd_fre="2"
    )
    return w


def _aanmelding(w: RecWereld):
    leerling, _ = leerling_op(w.directie_regulier, w.regulier, van=date(2011, 8, 22))
    koppel_ouder(w, leerling, w.directie_regulier)
    indicatie(leerling, w.cvi, "zml", date(2011, 11, 1))
    return rec.vso_aanmelding_registreren(
        door=w.ouder, leerling=leerling, school=w.zml, gewenste_startdatum=date(2012, 4, 1)
    )


# --- de rechtenmatrix van de leeseindpunten ---------------------------------------------------

ROLLEN = (
    "secretaris",
    "coordinator",
    "cvi_lid",
    "bekostiging",
    "directie_zml",
    "team_zml",
    "bestuurder",
    "directie_lg",
    "directie_andere",
    "secretaris_ander",
    "directie_regulier",
    "ouder",
)
REC_LEZERS = {"secretaris", "coordinator", "cvi_lid", "bekostiging"}
#: de school zelf, haar bestuur, haar REC en de bekostigingsinstantie
SCHOOL_LEZERS = REC_LEZERS | {"directie_zml", "team_zml", "bestuurder"}


def _paden(w: RecWereld) -> dict[str, tuple[str, set[str]]]:
    verzoek = rec.residentieel_verzoek_aanmaken(
        door=w.directie_zml, school=w.zml, schooljaar="2011-2012", onderwijssoort="zml"
    )
    vestiging = w.zml.vestigingen.get()
    aanmelding = _aanmelding(w)
    return {
        "rec-telling": (
            f"/api/v1/rec-administratie/{w.rec.pk}/telling/?teldatum=2011-10-01",
            REC_LEZERS,
        ),
        "rec-rapport": (
            f"/api/v1/rec-administratie/{w.rec.pk}/rapport/?schooljaar=2011-2012",
            REC_LEZERS,
        ),
        "rec-bekostiging": (
            f"/api/v1/rec-administratie/{w.rec.pk}/bekostiging/?schooljaar=2003-2004",
            REC_LEZERS,
        ),
        "school-telling": (
            f"/api/v1/vso-scholen/{w.zml.pk}/telling/?teldatum=2011-10-01",
            SCHOOL_LEZERS,
        ),
        "school-pab": (f"/api/v1/vso-scholen/{w.zml.pk}/pab-formatie/", SCHOOL_LEZERS),
        "school-leerlingen": (
            f"/api/v1/vso-scholen/{w.zml.pk}/leerlingen/",
            {"directie_zml", "team_zml"},
        ),
        "vestiging": (f"/api/v1/vestigingen/{vestiging.publiek_id}/", SCHOOL_LEZERS),
        "verzoek": (f"/api/v1/residentiele-verzoeken/{verzoek.publiek_id}/", SCHOOL_LEZERS),
        "aanmelding": (
            f"/api/v1/vso-aanmeldingen/{aanmelding.publiek_id}/",
            {"directie_zml", "team_zml", "bestuurder", "ouder"},
        ),
    }


@pytest.mark.parametrize(
    "eindpunt",
    [
        "rec-telling",
        "rec-rapport",
        "rec-bekostiging",
        "school-telling",
        "school-pab",
        "school-leerlingen",
        "vestiging",
        "verzoek",
        "aanmelding",
    ],
)
def test_rechtenmatrix_leeseindpunten(w, eindpunt):
    pad, toegestaan = _paden(w)[eindpunt]
    for rol in ROLLEN:
        r = get(getattr(w, rol), pad)
        if rol in toegestaan:
            assert r.status_code == 200, (rol, r.content)
        else:
            is_probleem(r, 404)


def test_lijsten_tonen_alleen_de_eigen_zaken(w):
    _aanmelding(w)
    for rol, verwacht in (("directie_zml", 1), ("directie_andere", 0), ("ouder", 1)):
        r = get(getattr(w, rol), "/api/v1/vso-aanmeldingen/")
        assert r.json()["aantal"] == verwacht, rol
    assert get(w.directie_andere, "/api/v1/vestigingen/").json()["aantal"] == 0
    assert get(w.directie_zml, "/api/v1/vestigingen/").json()["aantal"] == 1
    assert get(w.bekostiging, "/api/v1/vestigingen/").json()["aantal"] == 1


# --- geen namen voor de bekostigingsinstantie ------------------------------------------------


def test_telling_en_rapport_bevatten_geen_namen(w):
    for pad in (
        f"/api/v1/rec-administratie/{w.rec.pk}/telling/?teldatum=2011-10-01",
        f"/api/v1/rec-administratie/{w.rec.pk}/rapport/?schooljaar=2011-2012",
        f"/api/v1/vso-scholen/{w.zml.pk}/telling/?teldatum=2011-10-01&formaat=csv",
    ):
        r = get(w.bekostiging, pad)
        assert r.status_code == 200
        assert UNIEKE_NAAM.encode() not in r.content
    r = get(w.directie_zml, f"/api/v1/vso-scholen/{w.zml.pk}/leerlingen/")
    assert UNIEKE_NAAM in r.content.decode()


@pytest.mark.bron("004, paragraaf 'De leerlingtelling'")
def test_telling_als_csv_en_als_tabel(w):
    r = get(
        w.directie_zml, f"/api/v1/vso-scholen/{w.zml.pk}/telling/?teldatum=2011-10-01&formaat=csv"
    )
    assert r["Content-Type"].startswith("text/csv")
    regels = r.content.decode().splitlines()
    assert regels[0].startswith("\ufeffTeldatum;Soort;Vestiging;Categorie")
    assert any("zittend op 31 juli 2003" in regel for regel in regels)
    assert any("geindiceerd sinds 1 augustus 2003" in regel for regel in regels)
    data = get(
        w.directie_zml, f"/api/v1/vso-scholen/{w.zml.pk}/telling/?teldatum=2011-10-01"
    ).json()
    assert data["ingeschreven_totaal"] == 2


def test_telling_op_een_dag_die_geen_teldatum_is_geeft_een_probleem(w):
    r = get(w.directie_zml, f"/api/v1/vso-scholen/{w.zml.pk}/telling/?teldatum=2011-10-02")
    assert "teldatum" in is_probleem(r, 400)["velden"]
    r = get(w.directie_zml, f"/api/v1/vso-scholen/{w.zml.pk}/telling/?teldatum=gisteren")
    assert "teldatum" in is_probleem(r, 400)["velden"]


# --- audit -------------------------------------------------------------------------------------


def test_lezen_wordt_gelogd_en_een_geweigerde_inzage_ook(w):
    a = _aanmelding(w)
    voor = AuditRegel.objects.count()
    get(w.secretaris, f"/api/v1/rec-administratie/{w.rec.pk}/telling/?teldatum=2011-10-01")
    assert AuditRegel.objects.filter(objecttype="leerlingtelling", actie="lezen").exists()
    get(w.directie_zml, f"/api/v1/vso-aanmeldingen/{a.publiek_id}/")
    assert AuditRegel.objects.filter(
        objecttype="vso_aanmelding", actie="lezen", leerling_publiek_id=str(a.leerling.publiek_id)
    ).exists()
    get(w.directie_lg, f"/api/v1/vso-aanmeldingen/{a.publiek_id}/")
    assert AuditRegel.objects.filter(objecttype="vso_aanmelding", actie="geweigerd").exists()
    get(w.directie_zml, f"/api/v1/vso-scholen/{w.zml.pk}/leerlingen/")
    assert AuditRegel.objects.filter(objecttype="vso_plaatsing", actie="lezen").count() == 2
    assert AuditRegel.objects.count() > voor


# --- schrijven via de API ---------------------------------------------------------------------


@pytest.mark.bron("004, paragraaf 'Nevenvestigingen (artikel 76a WEC)'")
def test_nevenvestiging_via_de_api_met_versies(w):
    r = post(
        w.directie_zml,
        "/api/v1/vestigingen/",
        {"school": w.zml.pk, "naam": "De Zon Wageningen", "gemeente": "Wageningen"},
    )
    assert r.status_code == 201, r.content
    v = r.json()
    pad = f"/api/v1/vestigingen/{v['publiek_id']}/"
    r = post(w.secretaris, pad + "opnemen/", {"versie": v["versie"]})
    assert set(is_probleem(r, 400)["velden"]) == {
        "instemming_scholen_rec_op",
        "instemming_aanpalende_recs_op",
        "instemming_gemeente_op",
    }
    r = post(w.directie_zml, pad + "opnemen/", {"versie": v["versie"]})
    is_probleem(r, 403)
    r = post(w.directie_andere, pad + "opnemen/", {"versie": v["versie"]})
    is_probleem(r, 404)
    versie = v["versie"]
    for partij in ("scholen_rec", "aanpalende_recs", "gemeente"):
        r = post(w.secretaris, pad + "instemming/", {"versie": versie, "partij": partij})
        assert r.status_code == 200, r.content
        versie = r.json()["versie"]
    voor = Vestigingstap.objects.count()
    r = post(w.secretaris, pad + "opnemen/", {"versie": versie - 1})
    is_probleem(r, 409)
    assert Vestigingstap.objects.count() == voor
    r = post(w.secretaris, pad + "opnemen/", {"versie": versie})
    assert r.json()["status"] == "in_spreidingsplan"
    historie = get(w.directie_zml, pad).json()["historie"]
    assert [s["naar_status"] for s in historie][-1] == "in_spreidingsplan"


@pytest.mark.bron("004, paragraaf 'Residentiële plaatsen (artikel 71c WEC)'")
def test_verzoek_residentiele_plaatsen_via_de_api(w):
    r = post(
        w.directie_zml,
        "/api/v1/residentiele-verzoeken/",
        {"school": w.zml.pk, "schooljaar": "2011-2012", "onderwijssoort": "zml", "plaatsen": 6},
    )
    assert r.status_code == 201, r.content
    v = r.json()
    pad = f"/api/v1/residentiele-verzoeken/{v['publiek_id']}/"
    velden = is_probleem(post(w.directie_zml, pad + "indienen/", {"versie": 1}), 400)["velden"]
    assert "naam_instelling" in velden and "afschrift_samenwerkingsafspraken" in velden
    r = patch(
        w.directie_zml,
        pad,
        {
            "versie": 1,
            "leerlingen_uit_instelling": {f"{j}-{j + 1}": 4 for j in range(2006, 2011)},
            "gemiddelde_verblijfsduur_maanden": "9",
            "plaatsen_instelling": 30,
            "naam_instelling": "De Hoeve",
            "adres_instelling": "Hoeveweg 3, Ede",
            "aard_opvang": "behandeling",
            "afschrift_samenwerkingsafspraken": True,
        },
    )
    assert r.status_code == 200, r.content
    r = post(w.directie_zml, pad + "indienen/", {"versie": r.json()["versie"]})
    assert r.json()["status"] == "ingediend"
    is_probleem(
        post(
            w.directie_zml,
            pad + "toekennen/",
            {"versie": 3, "plaatsen": 6, "toegekend_tot": "2013-07-31"},
        ),
        403,
    )
    r = post(
        w.bekostiging,
        pad + "toekennen/",
        {"versie": 3, "plaatsen": 6, "toegekend_tot": "2013-07-31"},
    )
    assert r.json()["status"] == "toegekend"
    assert r.json()["verrekening"]["van_toepassing"] is False
    assert ResidentieelVerzoek.objects.get().plaatsen_toegekend == 6


@pytest.mark.bron("004, paragraaf 'Toelating'")
def test_aanmelding_via_de_api_weigering_past_niet_geweigerd(w):
    a = _aanmelding(w)
    pad = f"/api/v1/vso-aanmeldingen/{a.publiek_id}/"
    r = post(w.directie_zml, pad + "weigeren/", {"versie": 1, "grond": "past_niet"})
    assert "grond" in is_probleem(r, 400)["velden"]
    r = post(w.directie_zml, pad + "toelaten/", {"versie": 1})
    assert r.json()["status"] == "toegelaten"
    r = post(
        w.ouder,
        "/api/v1/vso-aanmeldingen/",
        {
            "leerling": str(a.leerling.publiek_id),
            "school": w.lg.pk,
            "gewenste_startdatum": "2012-05-01",
        },
    )
    assert r.status_code == 201, r.content


def test_rec_telling_vastleggen_voor_de_rec_bekostiging(w):
    r = post(
        w.secretaris,
        f"/api/v1/rec-administratie/{w.rec.pk}/telling-vastleggen/",
        {"schooljaar": "2003-2004"},
    )
    assert r.status_code == 201, r.content
    assert r.json()["leerlingen"] == 1  # de zittende leerling op 1 oktober 2002
    assert RecTelling.objects.get(rec=w.rec).leerlingen == 1
    r = post(
        w.secretaris,
        f"/api/v1/rec-administratie/{w.rec.pk}/telling-vastleggen/",
        {"schooljaar": "2011-2012"},
    )
    is_probleem(r, 422)
    r = post(
        w.directie_zml,
        f"/api/v1/rec-administratie/{w.rec.pk}/telling-vastleggen/",
        {"schooljaar": "2004-2005"},
    )
    is_probleem(r, 403)


@pytest.mark.bron(
    "004, paragraaf 'Ambulante begeleiding (AB) en preventieve ambulante begeleiding (PAB)'"
)
def test_pab_overgang_in_twee_stappen_naar_de_norm(w):
    data = get(w.directie_zml, f"/api/v1/vso-scholen/{w.zml.pk}/pab-formatie/").json()
    overgang = {j["schooljaar"]: j["formatie_fre"] for j in data[0]["overgang"]}
    # daler C=4, N=2: 2005-2006 N + 0,75 (C - N) = 3,5; 2006-2007 N + 0,25 (C - N) = 2,5; dan N
    assert {k: Decimal(v) for k, v in overgang.items()} == {
        "2005-2006": Decimal("3.5"),
        "2006-2007": Decimal("2.5"),
        "2007-2008": Decimal("2"),
    }


def test_verbrede_toelating_en_bekostigingswijze_per_leerling(w):
    r = post(
        w.directie_zml,
        f"/api/v1/vso-scholen/{w.zml.pk}/verbrede-toelatingen/",
        {"onderwijssoort": "lg", "vanaf": "2011-08-01"},
    )
    assert r.status_code == 201, r.content
    leerling, _ = leerling_op(w.directie_zml, w.zml, van=date(2011, 8, 22), voornaam="Verbreed")
    indicatie(leerling, w.cvi, "lg", date(2011, 6, 1))
    r = post(
        w.directie_zml,
        f"/api/v1/vso-scholen/{w.zml.pk}/plaatsingen/",
        {"leerling": str(leerling.publiek_id)},
    )
    assert r.json()["verbreed_toegelaten"] is True
    rijen = get(w.directie_zml, f"/api/v1/vso-scholen/{w.zml.pk}/leerlingen/").json()["resultaten"]
    wijze = next(x for x in rijen if x["leerling"] == str(leerling.publiek_id))["bekostigingswijze"]
    assert "kernschool" in wijze["materieel_groep"]
    assert "geïndiceerd" in wijze["huisvesting"]
