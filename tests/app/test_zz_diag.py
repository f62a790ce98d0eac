import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .rechten_opbouw import rechtenwereld_in_transactie


@pytest.fixture(scope="module")
def rw(django_db_setup, django_db_blocker):
    yield from rechtenwereld_in_transactie(django_db_blocker)


@pytest.mark.parametrize("rol", ["directie", "bestuurder", "ouder", "cvi_secretaris", "ab_coordinator", "teamlid", "intern_begeleider", "ambulant_begeleider", "cvi_lid"])
def test_diag(rw, db, rol):
    k = rw.a
    c = Client()
    c.force_login(k.gebruikers[rol])
    c.get("/api/v1/termijnen/")
    urls = ["/api/v1/termijnen/?per_pagina=500"]
    kind = k.kind
    urls.append(f"/api/v1/leerlingen/{kind.publiek_id}/dossier/")
    with open(f"/tmp/vlot/{rol}.txt", "w") as f:
        for u in urls:
            with CaptureQueriesContext(connection) as q:
                r = c.get(u)
            f.write(f"=== {u} {r.status_code} {len(q.captured_queries)}\n")
            for s in q.captured_queries:
                f.write(s["sql"][:1500] + "\n\n")
