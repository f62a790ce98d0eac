"""De termijnenlijst (``/api/v1/termijnen/``) kost een vast aantal queries, hoeveel zaken de
gebruiker ook ziet: elke ``<app>/termijnen.py`` leest zijn zaken in een vast aantal queries.

Alleen het wegschrijven van de auditregels (één per getoonde termijn) gaat op SQLite in
porties (de database neemt niet meer dan een vast aantal parameters per query); op
PostgreSQL is ook dat één query (``COPY``, aan het eind van het verzoek:
rugzak.audit.middleware). De test telt die porties apart, en houdt het aantal andere
queries per rol onder :data:`HOOGSTENS` (issue 11: zo weinig als de zaken toelaten).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rugzak.ambulante_begeleiding.models import Begeleiding
from rugzak.audit.models import AuditRegel
from rugzak.handelingsplannen.models import Evaluatie, Handelingsplan
from rugzak.indicaties.models import Indicatieaanvraag
from rugzak.leerlingen.models import Inschrijving, OuderRelatie
from rugzak.toelating.models import Gastleerlingschap, Toelatingszaak

from .rechten_opbouw import Rechtenwereld, rechtenwereld_in_transactie
from .test_api_dossier import kopie


@pytest.fixture(scope="module")
def rw(django_db_setup, django_db_blocker) -> Iterator[Rechtenwereld]:
    yield from rechtenwereld_in_transactie(django_db_blocker)


def _aantal(model: Any, **filter: Any) -> int:
    return model.objects.filter(**filter).count()


def zaken_met_termijn(k, n: int) -> None:
    """Zorg dat kant ``k`` van elk soort zaak met een termijn ten minste ``n`` stuks heeft
    (kopieën van de zaken van de wereld, met alles wat de termijn nodig heeft)."""
    z = k.zaken
    a = z["aanvraag_volledig"]
    nu = _aantal(Indicatieaanvraag, cvi=k.cvi, volledig_op__isnull=False)
    Indicatieaanvraag.objects.bulk_create([kopie(a) for _ in range(max(0, n - nu))])
    nu = _aantal(Toelatingszaak, school=k.school, aanmelding_schriftelijk_op__isnull=False)
    # toegelaten (een lopende zaak per school en leerling kan maar één keer bestaan)
    Toelatingszaak.objects.bulk_create([kopie(z["z_toegelaten"]) for _ in range(max(0, n - nu))])
    nu = _aantal(Gastleerlingschap, school=k.school)
    Gastleerlingschap.objects.bulk_create([kopie(z["gast_lopend"]) for _ in range(max(0, n - nu))])
    plan = z["plan_vastgesteld"]
    nu = _aantal(Handelingsplan, zaak__school=k.school, vastgesteld_op__isnull=False)
    nieuw = Handelingsplan.objects.bulk_create([kopie(plan) for _ in range(max(0, n - nu))])
    evaluaties = list(plan.evaluaties.all())
    Evaluatie.objects.bulk_create(
        [kopie(e, handelingsplan_id=p.pk) for p in nieuw for e in evaluaties]
    )
    nu = _aantal(Begeleiding, ab_dienst=k.ab_dienst, soort="rab")
    Begeleiding.objects.bulk_create([kopie(z["rab_lopend"]) for _ in range(max(0, n - nu))])
    # terugmeldtermijn: per leerling en school; dus nieuwe leerlingen, uitgeschreven per
    # 29 februari, met een verwerkte melding
    kind = k.leerlingen["kind"]
    ins = kind.inschrijvingen.get()
    ouder = OuderRelatie.objects.filter(leerling=kind).first()
    nu = _aantal(Inschrijving, school=k.school, tot=date(2012, 2, 29))
    for i in range(max(0, n - nu)):
        leerling = kopie(kind, voornaam=f"Kopie{i}")
        leerling.save()
        Inschrijving.objects.create(
            **{**_velden(ins), "leerling": leerling, "tot": date(2012, 2, 29)}
        )
        OuderRelatie.objects.create(ouder=ouder.ouder, leerling=leerling)
        kopie(
            z["melding"], leerling_id=leerling.pk, cvi_nummer=f"TM-{uuid.uuid4().hex[:10]}"
        ).save()


def _velden(obj: Any) -> dict[str, Any]:
    return {
        f.name: getattr(obj, f.name)
        for f in type(obj)._meta.concrete_fields
        if not f.primary_key and f.name != "leerling"
    }


def _meet(c: Client) -> tuple[int, int, int]:
    """(queries zonder auditregels, porties auditregels, aantal termijnen); alle termijnen
    op één pagina (hoogstens 500), zodat elke termijn getoond en gelogd wordt."""
    with CaptureQueriesContext(connection) as q:
        r = c.get("/api/v1/termijnen/?per_pagina=500")
    assert r.status_code == 200, r.content[:300]
    tabel = AuditRegel._meta.db_table
    audit = [
        s
        for s in q.captured_queries
        if s["sql"].startswith((f'INSERT INTO "{tabel}"', f'COPY "{tabel}"'))
    ]
    lijst = r.json()
    assert lijst["paginas"] == 1 and len(lijst["resultaten"]) == lijst["aantal"]
    return len(q.captured_queries) - len(audit), len(audit), lijst["aantal"]


def _porties(aantal: int) -> int:
    velden = list(AuditRegel._meta.concrete_fields)
    grootte = connection.ops.bulk_batch_size(velden, [None] * max(aantal, 1))
    return math.ceil(aantal / max(grootte, 1)) if aantal else 0


#: Hoeveel queries (zonder de auditregels) de lijst per rol hoogstens kost, met alle
#: soorten zaken: sessie, gebruiker, rollen en per app één query (de handelingsplannen bij
#: de toelatingszaken en de terugmeldingen en inschrijvingen bij de meldingen als
#: subquery; de kinderen van een ouder één keer per verzoek). Was 13/13/13/4/5/13.
HOOGSTENS = {
    "directie": 9,
    "teamlid": 9,
    "bestuurder": 9,
    "cvi_secretaris": 4,
    "ab_coordinator": 5,
    "ouder": 9,
}
#: Issue 11: met de auditregels erbij (op PostgreSQL één ``COPY``) hoogstens zoveel.
HOOGSTENS_MET_AUDIT = 10


@pytest.mark.parametrize(
    "rol", ["directie", "teamlid", "bestuurder", "cvi_secretaris", "ab_coordinator", "ouder"]
)
def test_de_termijnenlijst_kost_evenveel_queries_met_5_als_met_50_zaken(rw, db, rol):
    k = rw.a
    c = Client()
    c.force_login(k.gebruikers[rol])
    zaken_met_termijn(k, 5)
    c.get("/api/v1/termijnen/")  # sessie en caches warm
    vijf, audit5, termijnen5 = _meet(c)
    zaken_met_termijn(k, 50)
    vijftig, audit50, termijnen50 = _meet(c)
    assert termijnen50 - termijnen5 >= 40, (termijnen5, termijnen50)
    assert vijf == vijftig, (vijf, vijftig)
    assert vijftig <= HOOGSTENS[rol], (rol, vijftig)
    assert audit5 <= max(1, _porties(termijnen5))
    assert audit50 <= max(1, _porties(termijnen50))
    if connection.vendor == "postgresql":
        assert audit50 == 1
        assert vijftig + audit50 <= HOOGSTENS_MET_AUDIT, (rol, vijftig + audit50)


def test_elke_app_levert_termijnen_in_de_lijst(rw, db):
    k = rw.a
    c = Client()
    c.force_login(k.gebruikers["directie"])
    soorten = {t["zaaktype"] for t in c.get("/api/v1/termijnen/").json()["resultaten"]}
    assert {"indicatie", "toelating", "gastleerling", "handelingsplan", "begeleiding"} <= soorten
    c.force_login(k.gebruikers["cvi_secretaris"])
    lijst = c.get("/api/v1/termijnen/").json()
    assert lijst["aantal"] == len(lijst["resultaten"])
    assert {t["zaaktype"] for t in lijst["resultaten"]} == {"indicatie"}
