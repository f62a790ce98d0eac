"""Lezen in één query (rugzak.leerlingen.bundel): dezelfde objecten, relaties, annotaties,
waarden en volgorde als elke queryset apart, in één query."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rugzak.leerlingen import dossier
from rugzak.leerlingen.bundel import lees_samen, zet_voorgelezen

from .rechten_opbouw import Rechtenwereld, rechtenwereld_in_transactie
from .test_api_dossier import vermeerder


@pytest.fixture(scope="module")
def rw(django_db_setup, django_db_blocker) -> Iterator[Rechtenwereld]:
    yield from rechtenwereld_in_transactie(django_db_blocker)


def _vorm(obj: Any, diepte: int = 0) -> Any:
    """Alle veldwaarden van een object, met die van zijn geladen relaties (drie diep: een
    relatie terug verwijst naar hetzelfde object) en annotaties."""
    if isinstance(obj, dict) or diepte > 3:
        return obj if isinstance(obj, dict) else obj.pk
    uit: dict[str, Any] = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    for naam, waarde in obj.__dict__.items():
        if naam not in uit and not naam.startswith("_"):
            uit[naam] = waarde
    uit["_relaties"] = {
        naam: _vorm(rel, diepte + 1)
        for naam, rel in obj._state.fields_cache.items()
        if rel is not None
    }
    uit["_type"] = {k: type(v) for k, v in uit.items() if not k.startswith("_")}
    return uit


def test_de_bundel_geeft_hetzelfde_als_elke_queryset_apart_in_een_query(rw, db):
    k = rw.a
    vermeerder(k, k.kind, 3)
    gebruiker = k.gebruikers["directie"]
    querysets = [
        k.kind.inschrijvingen.select_related("school").order_by("-van", "id"),
        dossier._indicatiedeel(k.kind),
        dossier._aanvragen_qs(k.kind),
        *dossier._toelating_qs(k.kind),
        *dossier._plannen_qs(k.kind),
        *dossier._meldingen_qs(gebruiker, k.kind),
        dossier._grootboek_qs(k.kind),
        dossier._leemtes_qs(k.kind),
        dossier._begeleidingen_qs(k.kind),
    ]
    apart = [[_vorm(o) for o in qs.all()] for qs in querysets]
    with CaptureQueriesContext(connection) as q:
        samen = lees_samen(querysets)
    assert len(q.captured_queries) == 1
    assert [[_vorm(o) for o in rijen] for rijen in samen] == apart
    assert sum(1 for rijen in samen if len(rijen) >= 3) >= 8  # de delen zijn echt gevuld


def test_voorgelezen_evaluaties_kosten_geen_query(rw, db):
    k = rw.a
    vermeerder(k, k.kind, 2)
    _, plannen_qs, evaluaties_qs = dossier._plannen_qs(k.kind)
    plannen, evaluaties = lees_samen([plannen_qs, evaluaties_qs])
    zet_voorgelezen(plannen, "evaluaties", evaluaties)
    with CaptureQueriesContext(connection) as q:
        per_plan = {p.pk: [e.pk for e in p.evaluaties.all()] for p in plannen}
    assert len(q.captured_queries) == 0
    assert per_plan == {
        p.pk: list(p.evaluaties.order_by("uiterlijk", "id").values_list("pk", flat=True))
        for p in plannen
    }
    assert any(per_plan.values())
