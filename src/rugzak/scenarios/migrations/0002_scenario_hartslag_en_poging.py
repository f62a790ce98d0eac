"""Scenario's krijgen hartslag en poging, zoals de betaalrun: een scenario van een
uitgevallen verwerker blijft niet 'bezig' maar wordt hervat (I-110)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("scenarios", "0001_scenario"),
    ]

    operations = [
        migrations.AddField(
            model_name="scenario",
            name="hartslag_op",
            field=models.DateTimeField(
                blank=True,
                help_text="de verwerker werkt dit bij; blijft het uit, dan wordt het scenario hervat (I-110)",
                null=True,
                verbose_name="laatste teken van leven",
            ),
        ),
        migrations.AddField(
            model_name="scenario",
            name="poging",
            field=models.PositiveIntegerField(
                default=0,
                help_text="hoe vaak een verwerker het scenario begon (ook na uitval)",
                verbose_name="poging",
            ),
        ),
        migrations.AlterField(
            model_name="scenario",
            name="reden",
            field=models.TextField(
                blank=True, default="", verbose_name="reden (mislukt of hervat)"
            ),
        ),
    ]
