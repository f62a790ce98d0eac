"""Lezen in één query: meerdere querysets (over verschillende tabellen) samen in één
SELECT, elk deel als één JSON-array van rijen, en daarna gewone modelobjecten (met hun
``select_related``, annotaties en ``values()``) alsof elke queryset zelf gelezen was.

Waarom: het dossier leest een rij per soort zaak (zeventien delen); elk deel als eigen
query kost per verzoek meer rondreizen naar de database dan het lezen zelf (issue 11).
Hier wordt elk deel door Django zelf naar SQL vertaald (zelfde filters, toegang als
``EXISTS`` in de query, zelfde volgorde) en als deelvraag in één query gezet::

    SELECT (SELECT COALESCE(json_agg(to_json(t)), '[]') FROM (<deel 1>) t),
           (SELECT ... FROM (<deel 2>) t), ...

Op PostgreSQL met ``json_agg``/``to_json`` (de kolommen op volgorde, dubbele namen mogen),
op SQLite met ``json_group_array``/``json_array`` over kolomaliassen; de waarden gaan
daarna door dezelfde omzetters van Django als bij een gewone query
(:meth:`SQLCompiler.results_iter`), op PostgreSQL eerst terug naar de typen die de driver
zou geven (datum, tijdstip, uuid, decimaal, json).
Een deel dat zo niet kan (een ander type kolom, een andere database, een lege queryset),
wordt gewoon apart gelezen: dezelfde uitkomst, een query meer.

``prefetch_related`` gaat niet mee (dat zou weer een query per relatie zijn): lees de
relatie als eigen deel en zet haar met :func:`zet_voorgelezen`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet

#: Hoeveel kolommen één ``json_array`` krijgt (SQLite: standaard hoogstens 127 argumenten).
_STUK = 50


def _pg_waarde(soort: str) -> Any:
    """De omzetting van een JSON-waarde naar wat psycopg voor dit veldtype geeft, of None
    als het type niet ondersteund is (dan apart lezen)."""
    if soort in {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField",
                 "BigIntegerField", "SmallIntegerField", "PositiveIntegerField",
                 "PositiveSmallIntegerField", "PositiveBigIntegerField", "BooleanField",
                 "CharField", "TextField", "SlugField", "EmailField", "URLField",
                 "GenericIPAddressField", "FloatField"}:  # fmt: skip
        return lambda w: w
    if soort == "DateField":
        return date.fromisoformat
    if soort == "DateTimeField":
        return datetime.fromisoformat
    if soort == "TimeField":
        return time.fromisoformat
    if soort == "UUIDField":
        return UUID
    if soort == "DecimalField":
        return lambda w: w if isinstance(w, Decimal) else Decimal(str(w))
    if soort == "JSONField":
        return json.dumps  # de driver geeft jsonb als tekst; JSONField.from_db_value leest
    return None


def _veldsoort(expressie: Any) -> str:
    veld = expressie.output_field
    while getattr(veld, "is_relation", False) and getattr(veld, "target_field", None):
        veld = veld.target_field
    return str(veld.get_internal_type())


class _Paren(list[tuple[str, Any]]):
    """Een JSON-object als lijst van (naam, waarde), zodat dubbele namen blijven staan."""


def _gewoon(waarde: Any) -> Any:
    """Een waarde uit de JSON terug als gewone dicts en lijsten (voor JSONField)."""
    if isinstance(waarde, _Paren):
        return {k: _gewoon(w) for k, w in waarde}
    if isinstance(waarde, list):
        return [_gewoon(w) for w in waarde]
    return waarde


class _Deel:
    """Eén queryset in de bundel: haar SQL, kolomnamen en omzetters."""

    def __init__(self, queryset: QuerySet[Any], vendor: str) -> None:
        self.queryset = queryset.all()  # eigen kopie: de compiler wordt erin gezet
        self.compiler = self.queryset.query.get_compiler(using=self.queryset.db)
        # Op PostgreSQL zonder kolomaliassen: ``to_json`` van de rij houdt de kolommen op
        # volgorde, ook met dubbele namen; met aliassen zoekt Django elke ORDER BY-term in
        # de hele selectielijst op, en dat kost bij honderd kolommen meer dan de query zelf.
        self.sql, self.params = self.compiler.as_sql(with_col_aliases=vendor != "postgresql")
        if self.compiler.has_extra_select:  # extra kolommen voor de volgorde: apart lezen
            raise NotImplementedError
        self.namen = [alias for _, _, alias in self.compiler.select]
        self.omzetters: list[Any] = []
        if vendor == "postgresql":
            for expressie, _, _ in self.compiler.select:
                omzetter = _pg_waarde(_veldsoort(expressie))
                if omzetter is None:
                    raise NotImplementedError
                self.omzetters.append(omzetter)

    def deelvraag(self, vendor: str, quote: Any) -> str:
        if vendor == "postgresql":
            return f"(SELECT COALESCE(json_agg(to_json(t)), '[]'::json)::text FROM ({self.sql}) t)"
        kolommen = [f"t.{quote(n)}" for n in self.namen]
        stukken = [kolommen[i : i + _STUK] for i in range(0, len(kolommen), _STUK)]
        array, agg = (
            ("json_build_array", "json_agg") if vendor == "postgresql"
            else ("json_array", "json_group_array")
        )  # fmt: skip
        rij = array + "(" + ", ".join(f"{array}({', '.join(s)})" for s in stukken) + ")"
        leeg = "'[]'::json" if vendor == "postgresql" else "'[]'"
        tekst = "::text" if vendor == "postgresql" else ""
        return f"(SELECT COALESCE({agg}({rij}), {leeg}){tekst} FROM ({self.sql}) t)"

    def objecten(self, tekst: str, vendor: str) -> list[Any]:
        rijen: list[tuple[Any, ...]] = []
        if vendor == "postgresql":
            # elke rij een JSON-object met de kolommen op volgorde (namen kunnen dubbel zijn)
            ruw = json.loads(tekst, parse_float=Decimal, object_pairs_hook=_Paren)
            rijen_json = [[_gewoon(w) for _, w in rij] for rij in ruw]
        else:
            ruw = json.loads(tekst)
            rijen_json = [[w for stuk in stukken for w in stuk] for stukken in ruw]
        for waarden in rijen_json:
            if self.omzetters:
                waarden = [
                    None if w is None else f(w)
                    for f, w in zip(self.omzetters, waarden, strict=True)
                ]
            rijen.append(tuple(waarden))
        # de queryset leest haar rijen uit deze compiler in plaats van uit de database
        compiler = self.compiler
        compiler.execute_sql = lambda *a, **k: [rijen]
        self.queryset.query.get_compiler = lambda *a, **k: compiler  # type: ignore[method-assign]
        return list(self.queryset)


def lees_samen(querysets: Sequence[QuerySet[Any]]) -> list[list[Any]]:
    """De rijen van elke queryset (modelobjecten, of dicts bij ``values()``), in dezelfde
    volgorde als de querysets, uit één query waar dat kan."""
    uit: list[list[Any] | None] = [None] * len(querysets)
    bundel: list[tuple[int, _Deel]] = []
    for i, qs in enumerate(querysets):
        vendor = connections[qs.db].vendor
        if getattr(qs, "_prefetch_related_lookups", ()) or vendor not in {"postgresql", "sqlite"}:
            uit[i] = list(qs)
            continue
        try:
            bundel.append((i, _Deel(qs, vendor)))
        except EmptyResultSet:
            uit[i] = []
        except NotImplementedError:
            uit[i] = list(qs)
    per_db: dict[str, list[tuple[int, _Deel]]] = {}
    for i, deel in bundel:
        per_db.setdefault(deel.queryset.db, []).append((i, deel))
    for db, delen in per_db.items():
        verbinding = connections[db]
        vendor = verbinding.vendor
        if len(delen) == 1:  # geen winst: gewoon lezen
            i, deel = delen[0]
            uit[i] = list(querysets[i])
            continue
        quote = verbinding.ops.quote_name
        sql = "SELECT " + ", ".join(d.deelvraag(vendor, quote) for _, d in delen)
        params = [p for _, d in delen for p in d.params]
        with verbinding.cursor() as cursor:
            cursor.execute(sql, params)
            rij = cursor.fetchone()
        for (i, deel), tekst in zip(delen, rij, strict=True):
            uit[i] = deel.objecten(tekst, vendor)
    return [u if u is not None else [] for u in uit]


def zet_voorgelezen(objecten: Sequence[Model], relatie: str, rijen: Sequence[Model]) -> None:
    """Zet bij elk object de rijen van de omgekeerde relatie ``relatie`` (een related
    manager, bv. ``evaluaties``) als voorgelezen, zoals ``prefetch_related`` dat doet:
    ``obj.<relatie>.all()`` doet dan geen query. ``rijen`` zijn alle rijen van die
    relatie voor deze objecten, in de gewenste volgorde."""
    if not objecten:
        return
    manager = getattr(objecten[0], relatie)
    veld = manager.field  # de ForeignKey op de rij naar het object
    per_object: dict[Any, list[Model]] = {}
    for rij in rijen:
        per_object.setdefault(getattr(rij, veld.attname), []).append(rij)
    for obj in objecten:
        qs = getattr(obj, relatie).all()
        eigen = per_object.get(obj.pk, [])
        for rij in eigen:
            veld.set_cached_value(rij, obj)
        qs._result_cache = eigen
        qs._prefetch_done = True
        cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
        cache[veld.remote_field.cache_name] = qs
