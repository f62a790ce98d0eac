"""Databasetriggers die elke UPDATE en DELETE op het auditlog weigeren.

Zo is het log ook tegen ruwe SQL en andere programma's beschermd, niet alleen tegen de
ORM. Voor SQLite en PostgreSQL; op een andere database weigert deze migratie. De SQL staat
in :mod:`rugzak.gedeeld.alleen_toevoegen`, samen met die van het grootboek.
Productie op PostgreSQL: geef de databaserol van de toepassing daarnaast alleen
INSERT- en SELECT-rechten op deze tabel, zodat ook de triggers niet te verwijderen zijn.
"""

from django.db import migrations

from rugzak.gedeeld.alleen_toevoegen import trigger_operatie


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [trigger_operatie("audit_auditregel", naam="auditlog")]
