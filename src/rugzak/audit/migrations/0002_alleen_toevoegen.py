"""Databasetriggers die elke UPDATE en DELETE op het auditlog weigeren.

Zo is het log ook tegen ruwe SQL en andere programma's beschermd, niet alleen tegen de
ORM. Voor SQLite en PostgreSQL; op een andere database weigert deze migratie.
Productie op PostgreSQL: geef de databaserol van de toepassing daarnaast alleen
INSERT- en SELECT-rechten op deze tabel, zodat ook de triggers niet te verwijderen zijn.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from rugzak.audit.migrations._triggers import PER_DATABASE


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
