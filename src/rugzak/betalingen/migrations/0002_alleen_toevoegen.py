"""Databasetriggers die elke UPDATE en DELETE op grootboek, betaalruns, leemtes en
garantietoedelingen weigeren (SQLite en PostgreSQL, daar ook TRUNCATE), zoals het auditlog.

Let op: een latere migratie die een van deze modellen wijzigt, laat Django op SQLite de
tabel opnieuw opbouwen; maak dan in dezelfde migratie de triggers opnieuw aan
(tests/app/test_betalingen_grootboek.py vangt het op). Productie op PostgreSQL: geef de
databaserol van de toepassing op deze tabellen alleen INSERT en SELECT.
"""

from django.db import migrations

from rugzak.gedeeld.alleen_toevoegen import trigger_operatie


class Migration(migrations.Migration):
    dependencies = [("betalingen", "0001_initial")]

    operations = [
        trigger_operatie(
            "betalingen_grootboekregel",
            "betalingen_betaalrun",
            "betalingen_leemte",
            "betalingen_garantietoedeling",
            "betalingen_garantietoedelingregel",
        )
    ]
