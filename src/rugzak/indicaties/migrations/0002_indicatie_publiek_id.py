# Een publiek id voor Indicatie, in drie stappen (Django: unieke velden toevoegen aan een
# tabel met rijen): eerst leeg toelaten (0002), dan per rij vullen (0003), dan uniek (0004).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("indicaties", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatie",
            name="publiek_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="publiek id"),
        ),
    ]
