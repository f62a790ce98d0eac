"""Grootboek: geen eigen index op ontvanger en leerling (de samengestelde indexes
grootboek_ontvanger_maand en grootboek_sleutel beginnen ermee); een landelijke betaalrun
boekt miljoenen regels en elke index kost per regel.

SQLite bouwt de tabel hierbij opnieuw op en verliest de alleen-toevoegen-triggers: die
worden eerst verwijderd en daarna opnieuw aangelegd (op PostgreSQL net zo)."""

import django.db.models.deletion
from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from rugzak.gedeeld.alleen_toevoegen import trigger_sql

TABEL = "betalingen_grootboekregel"


def _triggers(index: int):  # type: ignore[no-untyped-def]
    def doe(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for sql in trigger_sql(schema_editor, TABEL, weg=index == 1):
            schema_editor.execute(sql, params=None)

    return doe


class Migration(migrations.Migration):
    dependencies = [
        ("betalingen", "0004_betaalrun_als_achtergrondtaak"),
        ("leerlingen", "0001_initial"),
        ("organisaties", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_triggers(1), _triggers(0), elidable=False),
        migrations.AlterField(
            model_name="grootboekregel",
            name="leerling",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="leerlingen.leerling",
            ),
        ),
        migrations.AlterField(
            model_name="grootboekregel",
            name="ontvanger",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="grootboekregels",
                to="organisaties.organisatie",
            ),
        ),
        migrations.RunPython(_triggers(0), _triggers(1), elidable=False),
    ]
