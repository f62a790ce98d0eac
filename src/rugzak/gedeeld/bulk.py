"""Veel rijen tegelijk invoegen: op PostgreSQL met ``COPY ... FROM STDIN`` (de bulkinvoer
van PostgreSQL zelf, via psycopg), elders met ``bulk_create`` in blokken.

Alleen invoegen: geschikt voor de alleen-toevoegen-tabellen (grootboek, leemtes,
auditlog); hun triggers weigeren alleen UPDATE en DELETE. Binnen een transactie is de
invoer alles of niets, net als ``bulk_create``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models

#: blokgrootte voor ``bulk_create`` (SQLite kent een grens aan het aantal parameters)
BLOK = 2_000


def log_copy(sql: str) -> None:
    """Een COPY loopt buiten de cursor van Django om; tel hem mee in het querylog (als dat
    bijgehouden wordt, zoals onder ``CaptureQueriesContext``)."""
    if connection.queries_logged:
        connection.queries_log.append({"sql": sql, "time": "0.000"})


def bulk_invoegen(
    model: type[models.Model], velden: Sequence[str], rijen: Iterable[tuple[Any, ...]]
) -> int:
    """Voeg ``rijen`` (tupels in de volgorde van ``velden``, veldnamen van het model; voor
    een ForeignKey ``<naam>_id``) in; geeft het aantal."""
    kolommen = [model._meta.get_field(v) for v in velden]  # ook ``<fk>_id`` (attname)
    json_pos = [i for i, f in enumerate(kolommen) if isinstance(f, models.JSONField)]
    aantal = 0
    if connection.vendor == "postgresql":
        tabel = connection.ops.quote_name(model._meta.db_table)
        namen = ", ".join(connection.ops.quote_name(f.column) for f in kolommen)
        sql = f"COPY {tabel} ({namen}) FROM STDIN"
        log_copy(sql)
        with connection.cursor() as cur, cur.cursor.copy(sql) as copy:
            for rij in rijen:
                if json_pos:
                    rij = tuple(json.dumps(w) if i in json_pos else w for i, w in enumerate(rij))
                copy.write_row(rij)
                aantal += 1
        return aantal
    blok: list[models.Model] = []
    for rij in rijen:
        blok.append(model(**dict(zip(velden, rij, strict=True))))
        if len(blok) >= BLOK:
            model._default_manager.bulk_create(blok)
            aantal += len(blok)
            blok = []
    if blok:
        model._default_manager.bulk_create(blok)
        aantal += len(blok)
    return aantal
