"""Betaalrun.terugval: hoeveel leerlingen de run via het pad voor één leerling rekende (I-85).

SQLite bouwt de tabel bij een nieuwe kolom opnieuw op en verliest dan de
alleen-toevoegen-triggers: die worden eerst verwijderd en daarna opnieuw aangelegd (op
PostgreSQL net zo, zodat de migratie op beide hetzelfde doet)."""

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from rugzak.meldingen.alleen_toevoegen import _statements

TABEL = "betalingen_betaalrun"


def _triggers(index: int):  # type: ignore[no-untyped-def]
    def doe(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for sql in _statements(schema_editor, TABEL, index):
            schema_editor.execute(sql, params=None)

    return doe


class Migration(migrations.Migration):
    dependencies = [("betalingen", "0002_alleen_toevoegen")]

    operations = [
        migrations.RunPython(_triggers(1), _triggers(0), elidable=False),
        migrations.AddField(
            model_name="betaalrun",
            name="terugval",
            field=models.PositiveIntegerField(
                default=0,
                help_text="leerlingen wier geschiedenis niet in bulk te rekenen was (I-85)",
                verbose_name="leerlingen via het pad voor één leerling",
            ),
        ),
        migrations.RunPython(_triggers(0), _triggers(1), elidable=False),
    ]
