"""De verzoekcache: de rollen van een gebruiker één keer per HTTP-verzoek, nooit daarbuiten,
en vergeten zodra een rol wijzigt."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from rugzak import toegang
from rugzak.gedeeld.verzoekcache import VerzoekcacheMiddleware
from rugzak.organisaties.rollen import Roltype
from rugzak.organisaties.services import rol_beeindig

PEILDATUM = date(2012, 3, 15)


def _binnen_verzoek(werk):
    """Voer ``werk()`` uit zoals een view binnen een verzoek; geef de uitkomst terug."""
    uitkomst = {}

    def view(request):
        uitkomst["waarde"] = werk()
        return HttpResponse()

    VerzoekcacheMiddleware(view)(RequestFactory().get("/"))
    return uitkomst["waarde"]


def test_binnen_een_verzoek_een_keer_uit_de_database(wereld):
    def werk():
        with CaptureQueriesContext(connection) as q:
            eerste = toegang.actieve_rollen(wereld.directie_a, peildatum=PEILDATUM)
            tweede = toegang.actieve_rollen(wereld.directie_a, peildatum=PEILDATUM)
        return eerste, tweede, len(q.captured_queries)

    eerste, tweede, queries = _binnen_verzoek(werk)
    assert [r.rol for r in eerste] == [r.rol for r in tweede] == [Roltype.DIRECTIE]
    assert queries == 1


def test_buiten_een_verzoek_geen_cache(wereld):
    with CaptureQueriesContext(connection) as q:
        toegang.actieve_rollen(wereld.directie_a, peildatum=PEILDATUM)
        toegang.actieve_rollen(wereld.directie_a, peildatum=PEILDATUM)
    assert len(q.captured_queries) == 2


def test_een_gewijzigde_rol_komt_niet_uit_de_cache(wereld):
    def werk():
        voor = toegang.actieve_rollen(wereld.directie_a, peildatum=PEILDATUM)
        rol_beeindig(rol=voor[0], tot=date(2012, 3, 1))
        return voor, toegang.actieve_rollen(wereld.directie_a, peildatum=PEILDATUM)

    voor, na = _binnen_verzoek(werk)
    assert len(voor) == 1
    assert na == []
    assert toegang.leerlingen_zichtbaar_voor(wereld.directie_a, peildatum=PEILDATUM).count() == 0


def test_elk_verzoek_begint_leeg(wereld):
    _binnen_verzoek(lambda: toegang.actieve_rollen(wereld.directie_a, peildatum=PEILDATUM))

    def werk():
        with CaptureQueriesContext(connection) as q:
            toegang.actieve_rollen(wereld.directie_a, peildatum=PEILDATUM)
        return len(q.captured_queries)

    assert _binnen_verzoek(werk) == 1
