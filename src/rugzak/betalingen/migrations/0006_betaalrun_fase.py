"""De fase van een lopende betaalrun (lezen, rekenen, grootboek, boeken), voor de voortgang
op de runpagina en in de API. Nullable zonder standaard: op SQLite een ALTER TABLE (geen
herbouw van de tabel), dus de alleen-toevoegen-triggers van migratie 0004 blijven staan."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("betalingen", "0005_grootboek_zonder_dubbele_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="betaalrun",
            name="fase",
            field=models.CharField(
                blank=True,
                choices=[
                    ("lezen", "gegevens lezen"),
                    ("rekenen", "berekenen"),
                    ("grootboek", "vergelijken met het grootboek"),
                    ("boeken", "boeken"),
                ],
                help_text="waar de verwerker nu is: lezen, rekenen, grootboek of boeken",
                max_length=20,
                null=True,
                verbose_name="fase",
            ),
        ),
    ]
