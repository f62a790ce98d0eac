# Elke bestaande indicatie krijgt een eigen willekeurig publiek id.

import uuid
from typing import Any

from django.db import migrations


def vul_publiek_id(apps: Any, schema_editor: Any) -> None:
    Indicatie = apps.get_model("indicaties", "Indicatie")
    for indicatie in Indicatie.objects.filter(publiek_id__isnull=True).only("pk"):
        Indicatie.objects.filter(pk=indicatie.pk).update(publiek_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("indicaties", "0002_indicatie_publiek_id"),
    ]

    operations = [
        migrations.RunPython(vul_publiek_id, migrations.RunPython.noop),
    ]
