"""Logboek Dataverwerkingen: verwerkingsactiviteit en grondslag bij elke auditregel.

Op SQLite bouwt Django de tabel bij het toevoegen van een kolom opnieuw op; daarbij
verdwijnen de triggers van 0002. Deze migratie maakt ze daarna opnieuw (zie de uitleg in
rugzak.audit.models). Op PostgreSQL blijven de triggers staan. Bestaande regels houden
lege velden: bijwerken kan niet (alleen toevoegen); de weergave leidt ze dan af uit het
register (rugzak.audit.verwerkingen).
"""

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from rugzak.gedeeld.alleen_toevoegen import trigger_sql

TABEL = "audit_auditregel"


def herstel_sqlite_triggers(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in trigger_sql(schema_editor, TABEL, weg=True, naam="auditlog") + trigger_sql(
        schema_editor, TABEL, naam="auditlog"
    ):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_alleen_toevoegen"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditregel",
            name="grondslag",
            field=models.CharField(
                blank=True, default="", max_length=200, verbose_name="grondslag"
            ),
        ),
        migrations.AddField(
            model_name="auditregel",
            name="verwerking",
            field=models.CharField(
                blank=True, default="", max_length=40, verbose_name="verwerkingsactiviteit"
            ),
        ),
        migrations.AddIndex(
            model_name="auditregel",
            index=models.Index(
                fields=["organisatie_id", "wanneer"], name="audit_organisatie_wanneer"
            ),
        ),
        migrations.RunPython(herstel_sqlite_triggers, migrations.RunPython.noop, elidable=False),
    ]
