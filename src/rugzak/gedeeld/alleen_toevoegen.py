"""Tabellen die alleen kunnen groeien: het auditlog, de geschiedenis van zaken, het
grootboek en de betaalruns.

Drie lagen: ``save()`` van een bestaande rij en ``delete()`` weigeren, de queryset weigert
``update``/``delete``/``bulk_update``, en (voor tabellen die dat vragen, zoals het auditlog
en het grootboek) weigeren databasetriggers elke UPDATE en DELETE, ook uit ruwe SQL, op
SQLite en PostgreSQL (daar ook TRUNCATE). Een model kiest met :meth:`weigering` zijn eigen
uitzondering (het auditlog: ``AuditlogOnveranderlijk``); migraties maken de triggers met
:func:`trigger_operatie` of :func:`trigger_sql`, zodat die SQL op één plek staat.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


class AlleenToevoegen(Exception):
    """Een rij in een alleen-toevoegen-tabel kan niet worden gewijzigd of verwijderd."""

    def __init__(self, tabel: str, handeling: str) -> None:
        super().__init__(
            f"{tabel} is alleen-toevoegen: {handeling} is niet toegestaan; "
            "leg een correctie vast als nieuwe regel"
        )


class AlleenToevoegenQuerySet(models.QuerySet[Any]):
    """Een queryset die niet kan wijzigen of verwijderen."""

    def _weiger(self, handeling: str) -> NoReturn:
        raise self.model.weigering(handeling)

    def update(self, **kwargs: Any) -> NoReturn:
        self._weiger("bijwerken (update)")

    def delete(self) -> NoReturn:
        self._weiger("verwijderen (delete)")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        self._weiger("bijwerken (bulk_update)")

    def _update(self, values: Any) -> NoReturn:
        self._weiger("bijwerken")

    def _raw_delete(self, using: Any) -> NoReturn:
        self._weiger("verwijderen")


class AlleenToevoegenModel(models.Model):
    """Abstract basismodel: een rij wordt één keer opgeslagen en daarna nooit gewijzigd."""

    objects = AlleenToevoegenQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def weigering(cls, handeling: str) -> AlleenToevoegen:
        """De uitzondering voor een geweigerde ``handeling`` op dit model."""
        return AlleenToevoegen(str(cls._meta.verbose_name_plural), handeling)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise self.weigering("een bestaande rij opslaan")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise self.weigering("verwijderen")


# --- databasetriggers --------------------------------------------------------------------


def _sqlite(tabel: str, naam: str) -> tuple[list[str], list[str]]:
    maak = [
        f"""
        CREATE TRIGGER {tabel}_geen_update BEFORE UPDATE ON {tabel}
        BEGIN
            SELECT RAISE(ABORT, '{naam} is alleen-toevoegen: UPDATE geweigerd');
        END
        """,
        f"""
        CREATE TRIGGER {tabel}_geen_delete BEFORE DELETE ON {tabel}
        BEGIN
            SELECT RAISE(ABORT, '{naam} is alleen-toevoegen: DELETE geweigerd');
        END
        """,
    ]
    weg = [
        f"DROP TRIGGER IF EXISTS {tabel}_geen_update",
        f"DROP TRIGGER IF EXISTS {tabel}_geen_delete",
    ]
    return maak, weg


def _postgresql(tabel: str, naam: str) -> tuple[list[str], list[str]]:
    maak = [
        f"""
        CREATE OR REPLACE FUNCTION {tabel}_weiger() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{naam} is alleen-toevoegen: % geweigerd', TG_OP
                USING ERRCODE = 'integrity_constraint_violation';
        END;
        $$
        """,
        f"""
        CREATE TRIGGER {tabel}_geen_update_delete BEFORE UPDATE OR DELETE ON {tabel}
        FOR EACH ROW EXECUTE FUNCTION {tabel}_weiger()
        """,
        f"""
        CREATE TRIGGER {tabel}_geen_truncate BEFORE TRUNCATE ON {tabel}
        FOR EACH STATEMENT EXECUTE FUNCTION {tabel}_weiger()
        """,
    ]
    weg = [
        f"DROP TRIGGER IF EXISTS {tabel}_geen_truncate ON {tabel}",
        f"DROP TRIGGER IF EXISTS {tabel}_geen_update_delete ON {tabel}",
        f"DROP FUNCTION IF EXISTS {tabel}_weiger()",
    ]
    return maak, weg


#: De triggers per database: (aanleggen, verwijderen) voor een tabel en de naam in de fout.
PER_DATABASE = {"sqlite": _sqlite, "postgresql": _postgresql}


def trigger_sql(
    schema_editor: BaseDatabaseSchemaEditor, tabel: str, *, weg: bool = False, naam: str = ""
) -> list[str]:
    """De SQL die de alleen-toevoegen-triggers van ``tabel`` aanlegt (of met ``weg``
    verwijdert) op de database van ``schema_editor``; ``naam`` staat in de foutmelding
    (standaard de tabelnaam). Een andere database dan SQLite of PostgreSQL: een fout."""
    vendor = schema_editor.connection.vendor
    if vendor in PER_DATABASE:
        return PER_DATABASE[vendor](tabel, naam or tabel)[1 if weg else 0]
    raise RuntimeError(
        f"{tabel} heeft alleen-toevoegen-triggers voor sqlite en postgresql; "
        f"database '{vendor}' wordt niet ondersteund"
    )


def trigger_operatie(*tabellen: str, naam: str = "", weg: bool = False) -> migrations.RunPython:
    """Een migratiestap die de triggers voor ``tabellen`` aanlegt (en bij terugdraaien
    verwijdert), of met ``weg`` omgekeerd: verwijdert (bv. voor SQLite een tabel opnieuw
    opbouwt) en bij terugdraaien weer aanlegt. ``naam`` staat in de foutmelding (standaard
    de tabelnaam)."""

    def stap(verwijderen: bool) -> Callable[[Apps, BaseDatabaseSchemaEditor], None]:
        def doe(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
            for tabel in tabellen:
                for sql in trigger_sql(schema_editor, tabel, weg=verwijderen, naam=naam):
                    schema_editor.execute(sql, params=None)

        return doe

    return migrations.RunPython(stap(weg), stap(not weg), elidable=False)
