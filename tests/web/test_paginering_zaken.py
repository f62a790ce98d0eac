"""De lijsten van zaken in de webtoepassing (indicatieaanvragen, begeleidingen,
toelatingszaken, handelingsplannen en overeenkomsten) zijn gepagineerd zoals de meldingen:
het totaal in beeld, "Vorige pagina"/"Volgende pagina" als gewone links met de filters
erin, een ongeldig of te hoog nummer toont de dichtstbijzijnde pagina, en alleen de
getoonde pagina staat in het auditlog."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from html import unescape
from math import ceil

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rugzak.ambulante_begeleiding.models import Begeleiding, Begeleidingstatus
from rugzak.audit.models import AuditRegel
from rugzak.gedeeld.web.paginering import Webpagina
from rugzak.handelingsplannen.models import Handelingsplan, Overeenkomst
from rugzak.indicaties.models import Indicatieaanvraag
from rugzak.toelating.models import EINDTOESTANDEN, Toelatingszaak
from tests.app.rechten_opbouw import Rechtenwereld, rechtenwereld_in_transactie
from tests.app.test_api_dossier import kopie, vermeerder

PER_PAGINA = 50


@pytest.fixture(scope="module")
def rw(django_db_setup, django_db_blocker) -> Iterator[Rechtenwereld]:
    yield from rechtenwereld_in_transactie(django_db_blocker)


def _client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker)
    return c


def _laatste_audit() -> int:
    return AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _voorvoegsel(naam: str) -> str:
    return reverse(naam, args=[uuid.UUID(int=0)]).removesuffix(f"{uuid.UUID(int=0)}/")


def _links(html: str, voorvoegsel: str) -> list[str]:
    """De publieke id's van de zaken waarnaar de pagina linkt, in volgorde."""
    return re.findall(rf'href="{re.escape(voorvoegsel)}([0-9a-f-]{{36}})/"', html)


def _bekijk(c: Client, pad: str, reden: str) -> tuple[str, list[AuditRegel]]:
    """De pagina (als tekst) en de auditregels 'lezen' die ze schreef met ``reden``."""
    voor = _laatste_audit()
    antwoord = c.get(pad)
    assert antwoord.status_code == 200, (pad, antwoord.status_code)
    regels = list(AuditRegel.objects.filter(id__gt=voor, reden=reden, actie="lezen"))
    return unescape(antwoord.content.decode()), regels


def _nav(html: str, wat: str) -> str:
    """De paginanavigatie van één lijst (leeg als die lijst maar één pagina heeft)."""
    m = re.search(
        rf"<nav class=\"paginering\" aria-label=\"Pagina's {wat}\">(.*?)</nav>", html, re.S
    )
    return m.group(1) if m else ""


# --- de navigatie zelf ------------------------------------------------------------------------


def test_de_navigatie_toont_welke_items_van_het_totaal_met_scheidingsteken():
    p = Webpagina(
        items=list(range(50)),
        aantal=2345,
        nummer=2,
        paginas=47,
        vorige="?",
        volgende="?pagina=3",
        per_pagina=50,
    )
    html = render_to_string("rugzak/onderdelen/paginanavigatie.html", {"p": p, "wat": "x"})
    assert "51–100 van 2.345: pagina 2 van 47." in html
    laatste = Webpagina(
        items=list(range(45)), aantal=2345, nummer=47, paginas=47,
        vorige="?pagina=46", volgende=None, per_pagina=50,
    )  # fmt: skip
    html = render_to_string("rugzak/onderdelen/paginanavigatie.html", {"p": laatste, "wat": "x"})
    assert "2.301–2.345 van 2.345: pagina 47 van 47." in html
    assert 'rel="next"' not in html and 'href="?pagina=46" rel="prev"' in html


# --- indicatieaanvragen: een CvI met veel aanvragen ----------------------------------------


def test_de_cvi_secretaris_bladert_door_de_aanvragen_en_alleen_de_pagina_is_gelogd(rw, db):
    k = rw.a
    vermeerder(k, k.kind, 130)
    totaal = Indicatieaanvraag.objects.filter(cvi=k.cvi).count()
    assert totaal > 2 * PER_PAGINA
    paginas = ceil(totaal / PER_PAGINA)
    verwacht = [
        str(p)
        for p in Indicatieaanvraag.objects.filter(cvi=k.cvi)
        .order_by("-ingediend_op", "-id")
        .values_list("publiek_id", flat=True)
    ]
    c = _client(k.gebruikers["cvi_secretaris"])
    pad = reverse("indicaties:lijst")
    voorvoegsel = _voorvoegsel("indicaties:aanvraag")
    reden = "lijst indicatieaanvragen"

    html, gelogd = _bekijk(c, pad, reden)
    getoond = _links(html, voorvoegsel)
    assert getoond == verwacht[:PER_PAGINA]
    assert sorted(r.object_id for r in gelogd) == sorted(getoond)
    assert f"{totaal} aanvragen, pagina 1 van {paginas}</caption>" in html
    nav = _nav(html, "met aanvragen")
    assert f"1–50 van {totaal}: pagina 1 van {paginas}." in nav
    assert 'href="?pagina=2" rel="next">Volgende pagina</a>' in nav
    assert "Vorige pagina" not in nav

    html2, gelogd2 = _bekijk(c, pad + "?pagina=2", reden)
    getoond2 = _links(html2, voorvoegsel)
    assert getoond2 == verwacht[PER_PAGINA : 2 * PER_PAGINA]
    assert sorted(r.object_id for r in gelogd2) == sorted(getoond2)
    nav2 = _nav(html2, "met aanvragen")
    assert f"51–100 van {totaal}: pagina 2 van {paginas}." in nav2
    assert 'href="?" rel="prev">Vorige pagina</a>' in nav2
    assert 'href="?pagina=3" rel="next">Volgende pagina</a>' in nav2

    # ongeldig of te hoog: de dichtstbijzijnde pagina, geen fout
    html, _ = _bekijk(c, pad + "?pagina=abc", reden)
    assert _links(html, voorvoegsel) == verwacht[:PER_PAGINA]
    html, _ = _bekijk(c, pad + "?pagina=-4", reden)
    assert f"pagina 1 van {paginas}</caption>" in html
    html, gelogd = _bekijk(c, pad + "?pagina=9999", reden)
    assert f"pagina {paginas} van {paginas}</caption>" in html
    assert _links(html, voorvoegsel) == verwacht[(paginas - 1) * PER_PAGINA :]
    assert len(gelogd) == len(verwacht[(paginas - 1) * PER_PAGINA :])


def test_de_eerste_pagina_van_een_grote_cvi_kost_evenveel_queries_als_van_een_kleine(rw, db):
    """Een CvI met duizenden aanvragen: de eerste pagina laadt en logt er 50, in evenveel
    queries als bij een handvol."""
    k = rw.a
    c = _client(k.gebruikers["cvi_secretaris"])
    pad = reverse("indicaties:lijst")
    c.get(pad)  # sessie warm

    def tot(n: int) -> tuple[int, str]:
        er = Indicatieaanvraag.objects.filter(cvi=k.cvi).count()
        Indicatieaanvraag.objects.bulk_create(
            [
                kopie(k.aanvraag_volledig, leerling_id=k.kind.pk, indicatie_id=None)
                for _ in range(n - er)
            ]
        )
        with CaptureQueriesContext(connection) as q:
            html = c.get(pad).content.decode()
        return len(q.captured_queries), html

    klein, _ = tot(60)
    groot, html = tot(3000)
    assert "3.000 aanvragen, pagina 1 van 60</caption>" in html
    assert "1–50 van 3.000: pagina 1 van 60." in html
    assert len(_links(html, _voorvoegsel("indicaties:aanvraag"))) == PER_PAGINA
    assert groot == klein, (klein, groot)


def test_het_filter_op_stand_blijft_in_de_paginalinks(rw, db):
    k = rw.a
    vermeerder(k, k.kind, 130)
    status = Indicatieaanvraag.objects.get(pk=k.aanvraag_volledig.pk).status
    aantal = Indicatieaanvraag.objects.filter(cvi=k.cvi, status=status).count()
    assert aantal > PER_PAGINA
    c = _client(k.gebruikers["cvi_secretaris"])
    html, gelogd = _bekijk(
        c, reverse("indicaties:lijst") + f"?status={status}", "lijst indicatieaanvragen"
    )
    assert len(gelogd) == PER_PAGINA
    assert f"{aantal} aanvragen, pagina 1 van {ceil(aantal / PER_PAGINA)}" in html
    assert f'href="?status={status}&pagina=2" rel="next"' in html
    html2, _ = _bekijk(
        c, reverse("indicaties:lijst") + f"?status={status}&pagina=2", "lijst indicatieaanvragen"
    )
    assert f'href="?status={status}" rel="prev">Vorige pagina</a>' in html2


# --- begeleidingen: lopend en afgesloten, elk met een eigen pagina --------------------------


def test_de_ab_coordinator_bladert_door_lopende_begeleidingen_met_soort_en_eigen_parameter(rw, db):
    k = rw.a
    vermeerder(k, k.kind, 130)
    # een paar afgesloten, zodat beide lijsten iets tonen
    Begeleiding.objects.filter(
        pk__in=Begeleiding.objects.filter(ab_dienst=k.ab_dienst, leerling=k.kind)
        .order_by("id")
        .values_list("pk", flat=True)[:60]
    ).update(status=Begeleidingstatus.BEEINDIGD)
    open_ = [Begeleidingstatus.AANGEVRAAGD, Begeleidingstatus.LOPEND]
    basis = Begeleiding.objects.filter(ab_dienst=k.ab_dienst, soort="rab")
    lopend = [
        str(p)
        for p in basis.filter(status__in=open_)
        .order_by("-aangevraagd_op", "-id")
        .values_list("publiek_id", flat=True)
    ]
    afgesloten = [
        str(p)
        for p in basis.exclude(status__in=open_)
        .order_by("-aangevraagd_op", "-id")
        .values_list("publiek_id", flat=True)
    ]
    assert 2 * PER_PAGINA > len(lopend) > PER_PAGINA < len(afgesloten) < 2 * PER_PAGINA
    c = _client(k.gebruikers["ab_coordinator"])
    pad = reverse("ambulante_begeleiding:lijst") + "?soort=rab"
    voorvoegsel = _voorvoegsel("ambulante_begeleiding:begeleiding")
    reden = "lijst begeleidingen"

    html, gelogd = _bekijk(c, pad, reden)
    getoond = _links(html, voorvoegsel)
    assert getoond == lopend[:PER_PAGINA] + afgesloten[:PER_PAGINA]
    assert sorted(r.object_id for r in gelogd) == sorted(getoond)
    assert f"Aangevraagd en lopend ({len(lopend)})" in html
    assert f"Afgesloten ({len(afgesloten)})" in html
    assert 'href="?soort=rab&pagina=2" rel="next"' in _nav(html, "met lopende begeleidingen")
    assert 'href="?soort=rab&pagina_afgesloten=2" rel="next"' in _nav(
        html, "met afgesloten begeleidingen"
    )

    # pagina 2 van de lopende; de afgesloten blijven op hun pagina 2
    html2, gelogd2 = _bekijk(c, pad + "&pagina=2&pagina_afgesloten=2", reden)
    getoond2 = _links(html2, voorvoegsel)
    assert getoond2 == lopend[PER_PAGINA : 2 * PER_PAGINA] + afgesloten[PER_PAGINA:]
    assert sorted(r.object_id for r in gelogd2) == sorted(getoond2)
    nav = _nav(html2, "met lopende begeleidingen")
    assert 'href="?soort=rab&pagina_afgesloten=2" rel="prev">Vorige pagina</a>' in nav
    assert f"51–{len(lopend)} van {len(lopend)}: pagina 2 van 2." in nav
    assert 'rel="next"' not in nav
    nav = _nav(html2, "met afgesloten begeleidingen")
    assert 'href="?soort=rab&pagina=2" rel="prev">Vorige pagina</a>' in nav
    # te hoog en ongeldig
    html, _ = _bekijk(c, pad + "&pagina=500&pagina_afgesloten=x", reden)
    paginas = ceil(len(lopend) / PER_PAGINA)
    assert _links(html, voorvoegsel) == (
        lopend[(paginas - 1) * PER_PAGINA :] + afgesloten[:PER_PAGINA]
    )


# --- toelatingszaken ------------------------------------------------------------------------


def test_de_directie_bladert_door_de_afgesloten_toelatingszaken(rw, db):
    k = rw.a
    vermeerder(k, k.kind, 130)
    c = _client(k.gebruikers["directie"])
    pad = reverse("toelating:lijst")
    voorvoegsel = _voorvoegsel("toelating:zaak")
    reden = "lijst toelatingszaken"
    # wat de directie ziet: de zaken van haar school (de wereld geeft haar alle leerlingen)
    zaken = Toelatingszaak.objects.filter(school=k.school).order_by("-verzoek_op", "id")
    lopend = [str(z.publiek_id) for z in zaken if z.toestand not in EINDTOESTANDEN]
    afgesloten = [str(z.publiek_id) for z in zaken if z.toestand in EINDTOESTANDEN]
    assert lopend and len(afgesloten) > 2 * PER_PAGINA

    html, gelogd = _bekijk(c, pad, reden)
    getoond = _links(html, voorvoegsel)
    assert getoond == lopend[:PER_PAGINA] + afgesloten[:PER_PAGINA]
    assert sorted(r.object_id for r in gelogd) == sorted(getoond)
    assert f"Afgesloten ({len(afgesloten)})" in html
    paginas = ceil(len(afgesloten) / PER_PAGINA)
    nav = _nav(html, "met afgesloten zaken")
    assert f"1–50 van {len(afgesloten)}: pagina 1 van {paginas}." in nav
    assert 'href="?pagina_afgesloten=2" rel="next">Volgende pagina</a>' in nav
    assert _nav(html, "met lopende zaken") == ""  # één pagina: geen navigatie

    html2, gelogd2 = _bekijk(c, pad + "?pagina_afgesloten=2", reden)
    getoond2 = _links(html2, voorvoegsel)
    assert getoond2 == lopend[:PER_PAGINA] + afgesloten[PER_PAGINA : 2 * PER_PAGINA]
    assert sorted(r.object_id for r in gelogd2) == sorted(getoond2)
    html, _ = _bekijk(c, pad + "?pagina_afgesloten=0", reden)
    assert _links(html, voorvoegsel) == lopend[:PER_PAGINA] + afgesloten[:PER_PAGINA]


# --- handelingsplannen en overeenkomsten ----------------------------------------------------


def test_handelingsplannen_en_overeenkomsten_elk_per_pagina(rw, db):
    k = rw.a
    vermeerder(k, k.kind, 130)
    c = _client(k.gebruikers["intern_begeleider"])
    pad = reverse("handelingsplannen:lijst")
    plannen = [
        str(p)
        for p in Handelingsplan.objects.filter(zaak__school=k.school)
        .order_by("-aangemaakt_op", "id")
        .values_list("publiek_id", flat=True)
    ]
    overeenkomsten = [
        str(p)
        for p in Overeenkomst.objects.filter(zaak__school=k.school)
        .order_by("-looptijd_van", "id")
        .values_list("publiek_id", flat=True)
    ]
    assert len(plannen) > PER_PAGINA and len(overeenkomsten) > PER_PAGINA
    plan_vv = _voorvoegsel("handelingsplannen:plan")
    ovk_vv = _voorvoegsel("handelingsplannen:overeenkomst")

    voor = _laatste_audit()
    html = unescape(c.get(pad + "?pagina=2").content.decode())
    assert _links(html, plan_vv) == plannen[PER_PAGINA : 2 * PER_PAGINA]
    assert _links(html, ovk_vv) == overeenkomsten[:PER_PAGINA]
    nieuw = AuditRegel.objects.filter(id__gt=voor, actie="lezen")
    assert sorted(
        nieuw.filter(reden="lijst handelingsplannen").values_list("object_id", flat=True)
    ) == sorted(plannen[PER_PAGINA : 2 * PER_PAGINA])
    assert sorted(
        nieuw.filter(reden="lijst overeenkomsten").values_list("object_id", flat=True)
    ) == sorted(overeenkomsten[:PER_PAGINA])
    assert f"Handelingsplannen ({len(plannen)})" in html
    assert f"Overeenkomsten ({len(overeenkomsten)})" in html
    assert 'href="?pagina=2&pagina_overeenkomsten=2" rel="next"' in _nav(html, "met overeenkomsten")
    assert 'href="?" rel="prev">Vorige pagina</a>' in _nav(html, "met handelingsplannen")
