"""Veel rijen tegelijk invoegen: op PostgreSQL met ``COPY ... FROM STDIN`` (de bulkinvoer
van PostgreSQL zelf, via psycopg), elders met ``bulk_create`` in blokken.

Alleen invoegen: geschikt voor de alleen-toevoegen-tabellen (grootboek, leemtes,
auditlog); hun triggers weigeren alleen UPDATE en DELETE. Binnen een transactie is de
invoer alles of niets, net als ``bulk_create``.

Op PostgreSQL maakt deze module de tekstvorm van ``COPY`` zelf (één regel per rij, velden
gescheiden door een tab, ``\\N`` voor NULL, backslash, tab en regeleinde ontsnapt) en
schrijft ze in grote blokken: ``Copy.write_row`` van psycopg kost per rij ongeveer tien keer
zoveel (bij miljoenen grootboekregels een minuut). :func:`copy_regels` neemt regels aan die
de aanroeper al zo gemaakt heeft (het grootboek maakt ze per kolom, zie
:func:`rugzak.betalingen.services._boek`); :func:`tekst` ontsnapt één waarde. Het grootboek
zelf gaat in de binaire vorm van ``COPY`` (``binair=True``; de betaalrun maakt de blokken
met numpy, :func:`rugzak.betalingen.services._grootboek_copy`).
"""

from __future__ import annotations

import contextlib
import gc
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db import connection, models

#: blokgrootte voor ``bulk_create`` (SQLite kent een grens aan het aantal parameters)
BLOK = 2_000
#: zoveel tekens per ``copy.write`` (de regels gaan in blokken naar de server)
COPY_BLOK = 1 << 20

_ONTSNAP = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


_gc_lock = threading.Lock()
_gc_diepte = [0, False]  # [hoeveel zonder_gc() nu lopen, stond de GC aan bij de eerste]


@contextlib.contextmanager
def zonder_gc() -> Iterator[None]:
    """De cyclische garbage collector van Python uit zolang dit blok loopt (daarna weer
    zoals hij stond; genest en vanuit meer threads tegelijk: aan na het laatste blok).

    Voor de bulkweg van de betaalrun: die maakt miljoenen objecten die blijven leven tot
    het eind (rijen, tupels, teksten). Elke volledige ronde van de collector loopt ze
    allemaal na; bij een landelijke run gemeten: elf rondes, samen ruim 5 s, zonder dat
    er iets op te ruimen was (wat weg kan, ruimt het tellen van verwijzingen al op)."""
    with _gc_lock:
        if _gc_diepte[0] == 0:
            _gc_diepte[1] = gc.isenabled()
            gc.disable()
        _gc_diepte[0] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_diepte[0] -= 1
            if _gc_diepte[0] == 0 and _gc_diepte[1]:
                gc.enable()


def log_copy(sql: str) -> None:
    """Een COPY loopt buiten de cursor van Django om; tel hem mee in het querylog (als dat
    bijgehouden wordt, zoals onder ``CaptureQueriesContext``)."""
    if connection.queries_logged:
        connection.queries_log.append({"sql": sql, "time": "0.000"})


def tekst(waarde: object) -> str:
    """Eén waarde in de tekstvorm van ``COPY`` (ontsnapt)."""
    if waarde is None:
        return "\\N"
    soort = type(waarde)
    if soort is int:
        return str(waarde)
    if soort is str:
        s: str = waarde  # type: ignore[assignment]
        return s.translate(_ONTSNAP) if ("\\" in s or "\t" in s or "\n" in s or "\r" in s) else s
    if soort is bool:
        return "t" if waarde else "f"
    if isinstance(waarde, (date, datetime)):  # datetime met tijdzone: ISO met offset
        return waarde.isoformat()
    if isinstance(waarde, UUID):
        return str(waarde)
    return str(waarde).translate(_ONTSNAP)


def _json_tekst(waarde: object) -> str:
    return json.dumps(waarde).translate(_ONTSNAP)


def _sql(model: type[models.Model], velden: Sequence[str], *, binair: bool = False) -> str:
    kolommen = [model._meta.get_field(v) for v in velden]  # ook ``<fk>_id`` (attname)
    tabel = connection.ops.quote_name(model._meta.db_table)
    namen = ", ".join(connection.ops.quote_name(f.column) for f in kolommen)  # type: ignore[union-attr]
    return f"COPY {tabel} ({namen}) FROM STDIN" + (" (FORMAT binary)" if binair else "")


#: kop en staart van de binaire vorm van ``COPY`` (handtekening, vlaggen, geen uitbreiding;
#: aan het eind een veldtelling -1)
BINAIRE_KOP = b"PGCOPY\n\xff\r\n\x00" + b"\x00\x00\x00\x00" + b"\x00\x00\x00\x00"
BINAIRE_STAART = b"\xff\xff"


def copy_regels(
    model: type[models.Model],
    velden: Sequence[str],
    blokken: Iterable[str | bytes],
    *,
    binair: bool = False,
    terwijl: Callable[[], None] | None = None,
) -> None:
    """Alleen PostgreSQL: ``COPY`` van regels die al in de tekstvorm staan (elke regel met
    ``\\n`` afgesloten; een blok bevat één of meer hele regels). ``binair``: de blokken
    zijn bytes in de binaire vorm van ``COPY`` (de aanroeper schrijft zelf
    :data:`BINAIRE_KOP` vooraan en :data:`BINAIRE_STAART` achteraan).

    Met de ``QueuedLibpqWriter`` van psycopg: een thread van psycopg schrijft de blokken
    naar de server terwijl deze thread het volgende blok maakt (de wachtrij is begrensd,
    zie ``psycopg.copy``). Zo valt het maken van de tekst weg tegen het wachten op de
    server, die de regels invoegt. Een fout van de server komt bij het afsluiten van de
    COPY als uitzondering, zoals zonder wachtrij. ``terwijl``: werk dat gedaan wordt als
    alle blokken in de wachtrij staan, terwijl de server ze nog invoegt (de betaalrun maakt
    dan de tekst van zijn andere tabellen, :func:`voorbereiden`)."""
    from psycopg.copy import QueuedLibpqWriter

    sql = _sql(model, velden, binair=binair)
    log_copy(sql)
    with connection.cursor() as cur:
        ruw = cur.cursor
        with ruw.copy(sql, writer=QueuedLibpqWriter(ruw)) as copy:
            for blok in blokken:
                copy.write(blok.encode() if isinstance(blok, str) else blok)
            if terwijl is not None:
                terwijl()


@dataclass(frozen=True, slots=True)
class Voorbereid:
    """Rijen die klaarstaan om ingevoegd te worden (:func:`voorbereiden`, :func:`schrijf`):
    op PostgreSQL al als blokken tekst voor ``COPY``, elders als tupels."""

    model: type[models.Model]
    velden: tuple[str, ...]
    aantal: int
    blokken: tuple[str, ...] = ()
    rijen: tuple[tuple[Any, ...], ...] = ()


def voorbereiden(
    model: type[models.Model],
    velden: Sequence[str],
    rijen: Iterable[tuple[Any, ...]],
    *,
    vast: Mapping[str, Any] | None = None,
) -> Voorbereid:
    """Maak ``rijen`` (tupels in de volgorde van ``velden``, veldnamen van het model; voor
    een ForeignKey ``<naam>_id``) klaar om in te voegen, zonder de database te raken.
    ``vast``: velden met voor elke rij dezelfde waarde (bv. de run, het tijdstip); op
    PostgreSQL worden die één keer in de tekstvorm gezet en achter elke regel geplakt.

    Apart van :func:`schrijf`, zodat de tekst gemaakt kan worden terwijl de server nog met
    een andere ``COPY`` bezig is (de betaalrun: terwijl hij het grootboek invoegt)."""
    vast = dict(vast or {})
    alle = (*velden, *vast)
    if connection.vendor != "postgresql":
        waarden = tuple(vast.values())
        lijst = tuple((*rij, *waarden) for rij in rijen)
        return Voorbereid(model, alle, len(lijst), rijen=lijst)
    kolommen = [model._meta.get_field(v) for v in alle]  # ook ``<fk>_id`` (attname)
    omzet: list[Callable[[object], str]] = [
        _json_tekst if isinstance(f, models.JSONField) else tekst for f in kolommen
    ]
    staart = "".join("\t" + f(w) for f, w in zip(omzet[len(velden) :], vast.values(), strict=True))
    staart += "\n"
    eigen = omzet[: len(velden)]
    blokken: list[str] = []
    regels: list[str] = []
    lengte = aantal = 0
    for rij in rijen:
        regel = "\t".join([f(w) for f, w in zip(eigen, rij, strict=True)]) + staart
        regels.append(regel)
        lengte += len(regel)
        aantal += 1
        if lengte >= COPY_BLOK:
            blokken.append("".join(regels))
            regels, lengte = [], 0
    if regels:
        blokken.append("".join(regels))
    return Voorbereid(model, alle, aantal, blokken=tuple(blokken))


def schrijf(klaar: Voorbereid) -> int:
    """Voeg in wat :func:`voorbereiden` klaarzette; geeft het aantal rijen."""
    if not klaar.aantal:
        return 0
    if klaar.blokken:
        copy_regels(klaar.model, klaar.velden, klaar.blokken)
        return klaar.aantal
    manager = klaar.model._default_manager
    for i in range(0, len(klaar.rijen), BLOK):
        manager.bulk_create(
            [
                klaar.model(**dict(zip(klaar.velden, r, strict=True)))
                for r in klaar.rijen[i : i + BLOK]
            ]
        )
    return klaar.aantal


def bulk_invoegen(
    model: type[models.Model],
    velden: Sequence[str],
    rijen: Iterable[tuple[Any, ...]],
    *,
    vast: Mapping[str, Any] | None = None,
) -> int:
    """Voeg ``rijen`` in (zie :func:`voorbereiden`); geeft het aantal."""
    return schrijf(voorbereiden(model, velden, rijen, vast=vast))


#: vanaf zoveel nieuwe regels mag :func:`indexen_na_invoer` de indexen herbouwen
HERBOUW_MINIMUM = 200_000


def _tabelgrootte(tabel: str) -> float:
    with connection.cursor() as c:
        c.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [tabel])
        rij = c.fetchone()
    return max(float(rij[0]), 0.0) if rij else 0.0  # -1: nooit geteld (een lege tabel)


def _losse_indexen(tabel: str) -> list[tuple[str, str]]:
    """De gewone btree-indexen van ``tabel`` (naam, definitie): geen primaire sleutel,
    geen unieke index en geen index achter een constraint (die bewaken iets)."""
    with connection.cursor() as c:
        c.execute(
            """
            SELECT i.relname, pg_get_indexdef(x.indexrelid)
              FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_am a ON a.oid = i.relam
             WHERE x.indrelid = %s::regclass
               AND NOT x.indisprimary AND NOT x.indisunique AND a.amname = 'btree'
               AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
             ORDER BY i.relname
            """,
            [tabel],
        )
        return [(str(naam), str(definitie)) for naam, definitie in c.fetchall()]


@contextlib.contextmanager
def indexen_na_invoer(model: type[models.Model], *, nieuw: int) -> Iterator[bool]:
    """Een grote invoer in een tabel die nog klein is: eerst de gewone btree-indexen weg,
    dan invoeren, dan de indexen opnieuw maken (precies dezelfde definitie en naam), alles
    in de transactie van de aanroeper. Zo raadt PostgreSQL het laden van veel gegevens aan
    ("Populating a Database"): één index in één keer sorteren kost een fractie van
    miljoenen losse invoegingen op willekeurige plaatsen. Gemeten bij de eerste landelijke
    betaalrun (3,4 miljoen grootboekregels): zie ``benchmarks/betaalrun.py``.

    Alleen op PostgreSQL, alleen als er minstens :data:`HERBOUW_MINIMUM` regels komen en
    minstens zoveel als er al zijn (anders kost het herbouwen meer dan het spaart). Geeft
    ``True`` als de indexen herbouwd worden. Zolang de transactie loopt, houdt ze de tabel
    exclusief vast (``DROP INDEX``): lezers van de tabel wachten tot de invoer vastligt,
    en zien dan alles of (bij een fout) niets; mislukt er iets, dan rolt PostgreSQL ook het
    weghalen van de indexen terug."""
    tabel = model._meta.db_table
    if connection.vendor != "postgresql" or nieuw < HERBOUW_MINIMUM or nieuw < _tabelgrootte(tabel):
        yield False
        return
    if not connection.in_atomic_block:
        raise RuntimeError("indexen_na_invoer hoort in een transactie (transaction.atomic)")
    indexen = _losse_indexen(tabel)
    with connection.cursor() as c:
        for naam, _ in indexen:
            c.execute(f"DROP INDEX {connection.ops.quote_name(naam)}")
    yield True
    with connection.cursor() as c:
        # sorteren in het geheugen in plaats van op schijf; alleen voor deze transactie
        c.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definitie in indexen:
            c.execute(definitie)
