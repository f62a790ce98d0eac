"""Grootboek: geen eigen index op ontvanger en leerling (de samengestelde indexes
grootboek_ontvanger_maand en grootboek_sleutel beginnen ermee); een landelijke betaalrun
boekt miljoenen regels en elke index kost per regel.

SQLite bouwt de tabel hierbij opnieuw op en verliest de alleen-toevoegen-triggers: die
worden eerst verwijderd en daarna opnieuw aangelegd (op PostgreSQL net zo)."""

import django.db.models.deletion
from django.db import migrations, models

from rugzak.gedeeld.alleen_toevoegen import trigger_operatie

TABEL = "betalingen_grootboekregel"


class Migration(migrations.Migration):
    dependencies = [
        ("betalingen", "0004_betaalrun_als_achtergrondtaak"),
        ("leerlingen", "0001_initial"),
        ("organisaties", "0001_initial"),
    ]

    operations = [
        trigger_operatie(TABEL, weg=True),
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
        trigger_operatie(TABEL),
    ]
