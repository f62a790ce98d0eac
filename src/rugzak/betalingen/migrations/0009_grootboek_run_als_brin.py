"""Grootboek: de index op de run wordt een BRIN in plaats van een btree (issue 9).

Een landelijke eerste run boekt miljoenen regels in één COPY; een btree op ``run_id``
kost per regel een indexrecord en WAL (gemeten: ruim 200 MB WAL bij 3,4 miljoen regels,
een zesde van alles). De regels van een run staan achter elkaar in de tabel (alleen
toevoegen), dus een BRIN (per blok pagina's de kleinste en grootste run) vindt ze ook,
voor vrijwel niets bij het invoegen. Op SQLite blijft het een gewone index.

Het veld krijgt ``db_index=False``; in de database gaat alleen de btree weg (``DROP
INDEX``, op beide databases dezelfde naam): zo bouwt SQLite de tabel niet opnieuw op en
blijven de alleen-toevoegen-triggers en de wachters van 0007 staan. Terug te draaien:
dan is het weer de btree van Django."""

import django.db.models.deletion
from django.db import migrations, models

import rugzak.betalingen.models

TABEL = "betalingen_grootboekregel"
#: de naam die Django de btree van ``run`` gaf (0001)
BTREE = "betalingen_grootboekregel_run_id_363795b0"


class Migration(migrations.Migration):
    dependencies = [
        ("betalingen", "0008_incrementele_run"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="grootboekregel",
            index=rugzak.betalingen.models.BrinOpPostgres(
                autosummarize=True, fields=["run"], name="grootboek_run"
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="grootboekregel",
                    name="run",
                    field=models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="grootboekregels",
                        to="betalingen.betaalrun",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX "{BTREE}"',
                    f'CREATE INDEX "{BTREE}" ON "{TABEL}" ("run_id")',
                    elidable=False,
                ),
            ],
        ),
    ]
