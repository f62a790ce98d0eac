"""Databasetriggers die elke UPDATE en DELETE op het auditlog weigeren.

Zo is het log ook tegen ruwe SQL en andere programma's beschermd, niet alleen tegen de
ORM. Voor SQLite en PostgreSQL; op een andere database weigert deze migratie.
Productie op PostgreSQL: geef de databaserol van de toepassing daarnaast alleen
INSERT- en SELECT-rechten op deze tabel, zodat ook de triggers niet te verwijderen zijn.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

TABEL = "audit_auditregel"

SQLITE_MAAK = [
    f"""
    CREATE TRIGGER {TABEL}_geen_update BEFORE UPDATE ON {TABEL}
    BEGIN
        SELECT RAISE(ABORT, 'auditlog is alleen-toevoegen: UPDATE geweigerd');
    END
    """,
    f"""
    CREATE TRIGGER {TABEL}_geen_delete BEFORE DELETE ON {TABEL}
    BEGIN
        SELECT RAISE(ABORT, 'auditlog is alleen-toevoegen: DELETE geweigerd');
    END
    """,
]
SQLITE_VERWIJDER = [
    f"DROP TRIGGER IF EXISTS {TABEL}_geen_update",
    f"DROP TRIGGER IF EXISTS {TABEL}_geen_delete",
]

POSTGRESQL_MAAK = [
    f"""
    CREATE OR REPLACE FUNCTION {TABEL}_weiger() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'auditlog is alleen-toevoegen: % geweigerd', TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$
    """,
    f"""
    CREATE TRIGGER {TABEL}_geen_update_delete BEFORE UPDATE OR DELETE ON {TABEL}
    FOR EACH ROW EXECUTE FUNCTION {TABEL}_weiger()
    """,
    f"""
    CREATE TRIGGER {TABEL}_geen_truncate BEFORE TRUNCATE ON {TABEL}
    FOR EACH STATEMENT EXECUTE FUNCTION {TABEL}_weiger()
    """,
]
POSTGRESQL_VERWIJDER = [
    f"DROP TRIGGER IF EXISTS {TABEL}_geen_truncate ON {TABEL}",
    f"DROP TRIGGER IF EXISTS {TABEL}_geen_update_delete ON {TABEL}",
    f"DROP FUNCTION IF EXISTS {TABEL}_weiger()",
]

PER_DATABASE = {
    "sqlite": (SQLITE_MAAK, SQLITE_VERWIJDER),
    "postgresql": (POSTGRESQL_MAAK, POSTGRESQL_VERWIJDER),
}


def _statements(schema_editor: BaseDatabaseSchemaEditor, index: int) -> list[str]:
    vendor = schema_editor.connection.vendor
    if vendor not in PER_DATABASE:
        raise RuntimeError(
            f"het auditlog heeft triggers voor {', '.join(PER_DATABASE)}; database "
            f"'{vendor}' wordt niet ondersteund"
        )
    return PER_DATABASE[vendor][index]


def maak_triggers(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for sql in _statements(schema_editor, 0):
        schema_editor.execute(sql, params=None)


def verwijder_triggers(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for sql in _statements(schema_editor, 1):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(maak_triggers, verwijder_triggers, elidable=False)]
