"""Elke lijst in de API is gepagineerd op dezelfde manier (:mod:`rugzak.gedeeld.api.paginering`):
``pagina`` en ``per_pagina``, de lijstvorm met totaal en links, een 400 als
problem+json bij een ongeldige waarde, alleen de getoonde pagina in het auditlog, een vast
aantal queries per pagina, en geen stil plafond (de 201e aanvraag is te zien)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rugzak.api.problemen import PROBLEEM_TYPE
from rugzak.audit.models import AuditRegel
from rugzak.betalingen.models import Grootboekregel
from rugzak.indicaties import selectors as ind_selectors
from rugzak.leerlingen.models import Inschrijving

from .rechten_opbouw import Rechtenwereld, rechtenwereld_in_transactie
from .test_api_dossier import kopie, vermeerder

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
ENVELOP = {"aantal", "pagina", "paginas", "per_pagina", "volgende", "vorige", "resultaten"}


@pytest.fixture(scope="module")
def rw(django_db_setup, django_db_blocker) -> Iterator[Rechtenwereld]:
    yield from rechtenwereld_in_transactie(django_db_blocker)


def _client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker)
    return c


def _met(pad: str, **params: Any) -> str:
    scheiding = "&" if "?" in pad else "?"
    return pad + scheiding + "&".join(f"{k}={v}" for k, v in params.items())


def meer_leerlingen(k, tot: int) -> None:
    """Zorg dat de school van kant ``k`` ten minste ``tot`` leerlingen heeft."""
    kind = k.kind
    ins = kind.inschrijvingen.first()
    n = Inschrijving.objects.filter(school=k.school).values("leerling").distinct().count()
    for i in range(max(0, tot - n)):
        leerling = kopie(kind, voornaam=f"Extra{i:03d}")
        leerling.save()
        kopie(ins, leerling_id=leerling.pk).save()


#: (naam, pad, rol) van de lijsten die met ``vermeerder`` groeien; ``pad`` krijgt de kant.
GROEIENDE = [
    ("leerlingen", lambda k: "/api/v1/leerlingen/", "directie"),
    ("indicaties", lambda k: "/api/v1/indicaties/", "directie"),
    ("indicatieaanvragen", lambda k: "/api/v1/indicatieaanvragen/", "cvi_secretaris"),
    ("toelatingszaken", lambda k: "/api/v1/toelatingszaken/", "directie"),
    ("gastleerlingschappen", lambda k: "/api/v1/gastleerlingschappen/", "directie"),
    ("overeenkomsten", lambda k: "/api/v1/overeenkomsten/", "directie"),
    ("handelingsplannen", lambda k: "/api/v1/handelingsplannen/", "intern_begeleider"),
    ("meldingen", lambda k: "/api/v1/meldingen/", "directie"),
    ("terugmeldingen", lambda k: "/api/v1/terugmeldingen/", "directie"),
    ("zml-aanvragen", lambda k: "/api/v1/zml-aanvragen/", "directie"),
    ("begeleidingen", lambda k: "/api/v1/begeleidingen/", "ab_coordinator"),
    ("termijnen", lambda k: "/api/v1/termijnen/", "directie"),
    (
        "bestedingen",
        lambda k: f"/api/v1/bestedingen/?leerling={k.kind.publiek_id}&schooljaar=2011-2012",
        "directie",
    ),
    ("grootboek", lambda k: f"/api/v1/grootboek/?ontvanger={_ontvanger(k)}", "bekostiging"),
]

#: Lijsten die in deze wereld klein blijven: alleen de vorm en de foutmeldingen.
OVERIGE = [
    ("betaalruns", lambda k: "/api/v1/betaalruns/", "bekostigingsmedewerker"),
    ("geregistreerde-leerlingen", lambda k: "/api/v1/geregistreerde-leerlingen/", "bekostiging"),
    ("onvolledig", lambda k: "/api/v1/meldingen/onvolledig/", "directie"),
    ("vestigingen", lambda k: "/api/v1/vestigingen/", "directie"),
    ("residentiele-verzoeken", lambda k: "/api/v1/residentiele-verzoeken/", "directie"),
    ("vso-aanmeldingen", lambda k: "/api/v1/vso-aanmeldingen/", "so-directie"),
    ("scenarios", lambda k: "/api/v1/scenarios/", "beleidsanalist"),
]


def _ontvanger(k) -> int:
    """De ontvanger van de betalingen voor het kind (daar groeit het grootboek)."""
    if isinstance(k, _Nep):
        return 0
    regel = Grootboekregel.objects.filter(leerling=k.kind).first()
    assert regel is not None
    return regel.ontvanger_id


def _gebruiker(rw: Rechtenwereld, rol: str):
    if rol in ("bekostiging", "bekostigingsmedewerker"):
        return rw.bekostigingsmedewerker
    if rol == "so-directie":
        return rw.a.directie_so
    if rol == "beleidsanalist":
        assert rw.beleidsanalist is not None
        return rw.beleidsanalist
    return rw.a.gebruikers[rol]


def _groei(k, tot: int) -> None:
    vermeerder(k, k.kind, tot)
    meer_leerlingen(k, tot)


def _sleutel(pad: str, item: dict[str, Any]) -> str:
    """Wat één item in een lijst uniek maakt (voor het vergelijken van pagina's)."""
    if "termijnen" in pad:
        return f"{item['zaaktype']}:{item['zaak_id']}:{item['omschrijving']}"
    if "publiek_id" in item:
        return str(item["publiek_id"])
    return repr(sorted(item.items()))


def _alle_paden() -> list[tuple[str, Any, str]]:
    return GROEIENDE + OVERIGE


def _lijsten_in_schema() -> set[str]:
    """De paden waarvan het schema de lijstvorm als antwoord geeft."""
    schema = yaml.safe_load(SCHEMA.read_text())
    uit = set()
    for pad, ops in schema["paths"].items():
        antwoord = ops.get("get", {}).get("responses", {}).get("200", {})
        ref = antwoord.get("content", {}).get("application/json", {}).get("schema", {})
        naam = ref.get("$ref", "").rsplit("/", 1)[-1]
        if naam and set(schema["components"]["schemas"][naam]["properties"]) >= ENVELOP:
            uit.add(pad)
    return uit


# --- de vorm ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("naam", "pad", "rol"), _alle_paden(), ids=[n for n, _, _ in _alle_paden()]
)
def test_elke_lijst_heeft_de_lijstvorm(rw, db, naam, pad, rol):
    r = _client(_gebruiker(rw, rol)).get(pad(rw.a))
    assert r.status_code == 200, r.content[:300]
    data = r.json()
    assert set(data) >= ENVELOP, sorted(data)
    assert data["pagina"] == 1 and data["per_pagina"] == 50 and data["vorige"] is None
    assert data["paginas"] == max(1, -(-data["aantal"] // 50))
    assert len(data["resultaten"]) == min(data["aantal"], 50)
    assert (data["volgende"] is None) == (data["paginas"] == 1)


def test_elke_lijst_in_het_schema_wordt_hier_getoetst():
    """Elk lijsteindpunt (``operationId`` op ``_list``, behalve de ontvangers van het
    grootboek, die per gebruiker een handvol organisaties zijn) heeft in het schema de
    lijstvorm en de parameters ``pagina`` en ``per_pagina``, en staat hier in GROEIENDE of
    OVERIGE."""
    schema = yaml.safe_load(SCHEMA.read_text())
    lijsten = {
        pad
        for pad, ops in schema["paths"].items()
        if ops.get("get", {}).get("operationId", "").endswith("_list")
        and not pad.endswith("/ontvangers/")
    }
    assert "/api/v1/termijnen/" in lijsten and "/api/v1/meldingen/onvolledig/" in lijsten
    assert _lijsten_in_schema() == lijsten
    for pad in lijsten:
        namen = {p["name"] for p in schema["paths"][pad]["get"].get("parameters", [])}
        assert {"pagina", "per_pagina"} <= namen, pad
    getoetst = {pad(_Nep()).split("?")[0] for _, pad, _ in _alle_paden()}
    assert lijsten == getoetst


class _Nep:
    """Een kant met alleen wat de paden nodig hebben om een URL te vormen."""

    class kind:
        publiek_id = "x"

    class school:
        pk = 0


@pytest.mark.parametrize(
    ("naam", "pad", "rol"), _alle_paden(), ids=[n for n, _, _ in _alle_paden()]
)
def test_ongeldige_pagina_of_per_pagina_is_400_met_het_veld(rw, db, naam, pad, rol):
    c = _client(_gebruiker(rw, rol))
    basis = pad(rw.a)
    paginas = c.get(basis).json()["paginas"]
    for params, veld, tekst in [
        ({"pagina": "abc"}, "pagina", "een geheel getal"),
        ({"pagina": "0"}, "pagina", "een geheel getal"),
        ({"pagina": "-2"}, "pagina", "een geheel getal"),
        ({"pagina": "1.5"}, "pagina", "een geheel getal"),
        ({"pagina": paginas + 1}, "pagina", f"van 1 tot en met {paginas}"),
        ({"per_pagina": "0"}, "per_pagina", "van 1 tot en met 500"),
        ({"per_pagina": "501"}, "per_pagina", "van 1 tot en met 500"),
        ({"per_pagina": "veel"}, "per_pagina", "van 1 tot en met 500"),
    ]:
        voor = AuditRegel.objects.count()
        r = c.get(_met(basis, **params))
        assert r.status_code == 400, (params, r.status_code)
        assert r["Content-Type"].startswith(PROBLEEM_TYPE)
        fout = r.json()
        assert list(fout["velden"]) == [veld], (params, fout)
        assert tekst in fout["velden"][veld][0], (params, fout)
        assert fout["detail"].startswith(f"{veld}: "), fout
        # een geweigerde pagina toont niets, dus logt ook geen inzage
        assert AuditRegel.objects.count() == voor, params


def test_pagina_1_van_een_lege_lijst_is_geen_fout(rw, db):
    c = _client(rw.a.gebruikers["directie"])
    r = c.get("/api/v1/begeleidingen/?status=afgesloten&soort=pab")
    assert r.status_code == 200
    assert r.json()["aantal"] == 0 and r.json()["paginas"] == 1 and r.json()["resultaten"] == []
    r = c.get("/api/v1/begeleidingen/?status=afgesloten&soort=pab&pagina=2")
    assert r.status_code == 400
    assert "van 1 tot en met 1" in r.json()["velden"]["pagina"][0]


# --- meer dan één pagina ----------------------------------------------------------------------


@pytest.mark.parametrize(("naam", "pad", "rol"), GROEIENDE, ids=[n for n, _, _ in GROEIENDE])
def test_de_paginas_samen_zijn_de_hele_lijst(rw, db, naam, pad, rol):
    k = rw.a
    _groei(k, 12)
    c = _client(_gebruiker(rw, rol))
    alles = c.get(_met(pad(k), per_pagina=500)).json()
    assert alles["paginas"] == 1 and len(alles["resultaten"]) == alles["aantal"]
    assert alles["aantal"] >= 11, alles["aantal"]
    per = 4
    verwacht_paginas = -(-alles["aantal"] // per)
    gezien: list[dict[str, Any]] = []
    url: str | None = _met(pad(k), per_pagina=per)
    nummer = 0
    vorige_url = None
    vorige_data: dict[str, Any] = {}
    while url is not None:
        nummer += 1
        r = c.get(url)
        assert r.status_code == 200, (url, r.content[:300])
        data = r.json()
        assert data["aantal"] == alles["aantal"]
        assert data["pagina"] == nummer and data["paginas"] == verwacht_paginas
        assert data["per_pagina"] == per
        assert len(data["resultaten"]) == (per if nummer < verwacht_paginas else
                                           alles["aantal"] - per * (verwacht_paginas - 1))  # fmt: skip
        if nummer == 1:
            assert data["vorige"] is None
        else:
            # vorige wijst terug naar de pagina die we net lazen (met dezelfde filters)
            assert c.get(data["vorige"]).json()["resultaten"] == vorige_data["resultaten"]
            assert data["vorige"].startswith("http://testserver/api/v1/")
        gezien.extend(data["resultaten"])
        vorige_url, vorige_data = url, data
        url = data["volgende"]
    assert vorige_url is not None and nummer == verwacht_paginas
    assert [_sleutel(naam, i) for i in gezien] == [_sleutel(naam, i) for i in alles["resultaten"]]
    assert len({_sleutel(naam, i) for i in gezien}) == len(gezien)
    # de eigen sleutels van een eindpunt blijven, op elke pagina gelijk
    eigen = set(alles) - ENVELOP
    if eigen:
        tweede = c.get(_met(pad(k), per_pagina=per, pagina=2)).json()
        assert {s: tweede[s] for s in eigen} == {s: alles[s] for s in eigen}


def test_filters_en_paginering_samen(rw, db):
    k = rw.a
    _groei(k, 12)
    c = _client(k.gebruikers["directie"])
    status = c.get("/api/v1/termijnen/?per_pagina=500").json()["resultaten"][0]["status"]
    alle = c.get(_met("/api/v1/termijnen/", status=status, per_pagina=500)).json()
    assert {t["status"] for t in alle["resultaten"]} == {status}
    r = c.get(_met("/api/v1/termijnen/", status=status, per_pagina=2, pagina=2)).json()
    assert r["aantal"] == alle["aantal"]
    assert r["resultaten"] == alle["resultaten"][2:4]
    if r["volgende"] is not None:
        volgende = c.get(r["volgende"]).json()
        assert volgende["resultaten"] == alle["resultaten"][4:6]


# --- audit: alleen wat getoond wordt -------------------------------------------------------------


def _nieuwe_audit(voor: int) -> list[AuditRegel]:
    return list(AuditRegel.objects.filter(id__gt=voor).order_by("id"))


@pytest.mark.parametrize(("naam", "pad", "rol"), GROEIENDE, ids=[n for n, _, _ in GROEIENDE])
def test_alleen_de_getoonde_pagina_wordt_gelogd(rw, db, naam, pad, rol):
    k = rw.a
    _groei(k, 12)
    c = _client(_gebruiker(rw, rol))
    c.get(_met(pad(k), per_pagina=1))  # sessie warm
    voor = AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0
    data = c.get(_met(pad(k), per_pagina=3, pagina=2)).json()
    assert data["aantal"] > 6 and len(data["resultaten"]) == 3
    nieuw = _nieuwe_audit(voor)
    assert nieuw, "geen auditregel voor de getoonde pagina"
    if naam == "bestedingen":
        # één regel voor de leerling van wie de bestedingen getoond worden
        assert [r.leerling_publiek_id for r in nieuw] == [str(k.kind.publiek_id)]
        return
    if naam == "grootboek":
        # één regel per leerling van de regels op de pagina (in de volgorde van het grootboek)
        op_pagina = Grootboekregel.objects.filter(ontvanger_id=_ontvanger(k)).order_by(
            "maand", "cvi_nummer", "deel", "id"
        )[3:6]
        verwacht = {str(r.leerling.publiek_id) for r in op_pagina}
        assert sorted(r.leerling_publiek_id for r in nieuw) == sorted(verwacht)
        return
    if naam == "termijnen":
        getoond = {f"{t['zaaktype']}:{t['zaak_id']}" for t in data["resultaten"] if t["leerling"]}
        assert {r.object_id for r in nieuw} == getoond
        assert len(nieuw) == sum(1 for t in data["resultaten"] if t["leerling"])
        return
    getoond = {str(i["publiek_id"]) for i in data["resultaten"]}
    assert len(nieuw) == 3
    assert {r.object_id for r in nieuw} == getoond


def test_termijnen_voor_logt_nog_alles_wat_het_teruggeeft(rw, db):
    """De webtoepassing toont de hele lijst en logt die ook (termijnen_voor)."""
    from rugzak.gedeeld.paginering import Venster
    from rugzak.termijnregister import termijnen_deel, termijnen_voor

    k = rw.a
    _groei(k, 5)
    gebruiker = k.gebruikers["directie"]
    voor = AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0
    alle = termijnen_voor(gebruiker, reden="test alles")
    assert len(_nieuwe_audit(voor)) == sum(1 for t in alle if t.leerling_publiek_id)
    voor = AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0
    deel = termijnen_deel(gebruiker, venster=Venster(pagina=2, per_pagina=3), reden="test deel")
    assert deel.aantal == len(alle)
    assert [(t.zaaktype, t.zaak_id) for t in deel.items] == [
        (t.zaaktype, t.zaak_id) for t in alle[3:6]
    ]
    assert len(_nieuwe_audit(voor)) == sum(1 for t in deel.items if t.leerling_publiek_id)


# --- een vast aantal queries ----------------------------------------------------------------------


def _queries(c: Client, pad: str) -> tuple[int, dict[str, Any]]:
    with CaptureQueriesContext(connection) as q:
        r = c.get(pad)
    assert r.status_code == 200, r.content[:300]
    return len(q.captured_queries), r.json()


@pytest.mark.parametrize(("naam", "pad", "rol"), GROEIENDE, ids=[n for n, _, _ in GROEIENDE])
def test_pagina_2_met_meer_gegevens_kost_evenveel_queries_als_pagina_1(rw, db, naam, pad, rol):
    k = rw.a
    _groei(k, 4)
    c = _client(_gebruiker(rw, rol))
    c.get(_met(pad(k), per_pagina=2))  # sessie en caches warm
    eerst, klein = _queries(c, _met(pad(k), per_pagina=2))
    _groei(k, 40)
    daarna, groot = _queries(c, _met(pad(k), per_pagina=20, pagina=2))
    assert groot["aantal"] >= klein["aantal"] + 20, (klein["aantal"], groot["aantal"])
    assert len(groot["resultaten"]) == 20 and len(klein["resultaten"]) == 2
    assert eerst == daarna, (eerst, daarna)


# --- geen stil plafond ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pad", "rol"),
    [
        ("/api/v1/indicaties/", "directie"),
        ("/api/v1/indicatieaanvragen/", "cvi_secretaris"),
        ("/api/v1/begeleidingen/", "ab_coordinator"),
    ],
)
def test_de_lijsten_die_bij_200_ophielden_tonen_nu_de_201e(rw, db, pad, rol):
    k = rw.a
    vermeerder(k, k.kind, 205)
    c = _client(k.gebruikers[rol])
    eerste = c.get(_met(pad, per_pagina=200)).json()
    assert eerste["aantal"] >= 205 and eerste["paginas"] == 2
    tweede = c.get(eerste["volgende"]).json()
    assert tweede["pagina"] == 2 and len(tweede["resultaten"]) == eerste["aantal"] - 200
    ids = [i["publiek_id"] for i in eerste["resultaten"] + tweede["resultaten"]]
    assert len(set(ids)) == len(ids) == eerste["aantal"]
    alles = c.get(_met(pad, per_pagina=500)).json()
    assert [i["publiek_id"] for i in alles["resultaten"]] == ids


def test_de_selectors_zonder_venster_geven_alles(rw, db):
    """De webtoepassing (zonder venster) krijgt ook meer dan 200 aanvragen."""
    k = rw.a
    vermeerder(k, k.kind, 205)
    assert len(ind_selectors.aanvragen_lijst(gebruiker=k.gebruikers["cvi_secretaris"])) >= 205
    assert len(ind_selectors.indicaties_lijst(gebruiker=k.gebruikers["directie"])) >= 205


def test_leerlingen_zonder_stille_terugval_naar_pagina_1(rw, db):
    """Vroeger werd een ongeldige pagina stil pagina 1; nu is het een 400."""
    k = rw.a
    meer_leerlingen(k, 7)
    c = _client(k.gebruikers["directie"])
    data = c.get("/api/v1/leerlingen/?per_pagina=3").json()
    assert data["aantal"] >= 7 and data["paginas"] == -(-data["aantal"] // 3)
    r = c.get(f"/api/v1/leerlingen/?per_pagina=3&pagina={data['paginas'] + 1}")
    assert r.status_code == 400
    assert r.json()["velden"]["pagina"] == [
        f"een geheel getal van 1 tot en met {data['paginas']}, niet {data['paginas'] + 1}"
    ]
