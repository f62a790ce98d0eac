"""De betaalrun als achtergrondtaak: toestand, voortgang, hartslag en reden.

Bestaande runs waren in het verzoek uitgevoerd en zijn dus klaar. De oude triggers
weigerden elke UPDATE; de nieuwe (zie ``_run_triggers``) weigeren DELETE (en TRUNCATE),
elke UPDATE van een afgeronde run (klaar of mislukt) en elke UPDATE die de aanvraag zelf
wijzigt (publiek id, maand, instantie, aanvrager, aanvraagmoment, peildatum). Zo blijft
een afgeronde run even onveranderlijk als het grootboek, en kan alleen de verwerker de
voortgang van een lopende run bijwerken.
"""

import django.db.models.deletion
from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from rugzak.gedeeld.alleen_toevoegen import trigger_sql

TABEL = "betalingen_betaalrun"
VAST = (
    "publiek_id",
    "maand",
    "organisatie_id",
    "uitgevoerd_door_id",
    "aangevraagd_op",
    "peildatum",
)


def _oude_triggers_weg(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for regel in trigger_sql(schema_editor, TABEL, weg=True):
        schema_editor.execute(regel, params=None)


def _bestaande_runs_zijn_klaar(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    schema_editor.execute(
        f"UPDATE {TABEL} SET aangevraagd_op = uitgevoerd_op, begonnen_op = uitgevoerd_op, "
        "leerlingen_gedaan = leerlingen, leerlingen_totaal = leerlingen",
        params=None,
    )


def _run_triggers(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    gewijzigd = " OR ".join(f"NEW.{k} IS DISTINCT FROM OLD.{k}" for k in VAST)
    if schema_editor.connection.vendor == "sqlite":
        gewijzigd_sqlite = " OR ".join(f"NEW.{k} IS NOT OLD.{k}" for k in VAST)
        sql = [
            f"""
            CREATE TRIGGER {TABEL}_geen_delete BEFORE DELETE ON {TABEL}
            BEGIN
                SELECT RAISE(ABORT, '{TABEL} is alleen-toevoegen: DELETE geweigerd');
            END
            """,
            f"""
            CREATE TRIGGER {TABEL}_afgerond BEFORE UPDATE ON {TABEL}
            WHEN OLD.status IN ('klaar', 'mislukt') OR {gewijzigd_sqlite}
            BEGIN
                SELECT RAISE(ABORT, '{TABEL} is alleen-toevoegen: UPDATE van een afgeronde run of van de aanvraag geweigerd');
            END
            """,
        ]
    elif schema_editor.connection.vendor == "postgresql":
        sql = [
            f"""
            CREATE OR REPLACE FUNCTION {TABEL}_weiger() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND OLD.status NOT IN ('klaar', 'mislukt')
                   AND NOT ({gewijzigd}) THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION '{TABEL} is alleen-toevoegen: % geweigerd (afgeronde run of de aanvraag)', TG_OP
                    USING ERRCODE = 'integrity_constraint_violation';
            END;
            $$
            """,
            f"""
            CREATE TRIGGER {TABEL}_geen_update_delete BEFORE UPDATE OR DELETE ON {TABEL}
            FOR EACH ROW EXECUTE FUNCTION {TABEL}_weiger()
            """,
            f"""
            CREATE TRIGGER {TABEL}_geen_truncate BEFORE TRUNCATE ON {TABEL}
            FOR EACH STATEMENT EXECUTE FUNCTION {TABEL}_weiger()
            """,
        ]
    else:  # pragma: no cover
        raise RuntimeError(f"geen triggers voor database '{schema_editor.connection.vendor}'")
    for regel in sql:
        schema_editor.execute(regel, params=None)


def _run_triggers_weg(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        sql = [
            f"DROP TRIGGER IF EXISTS {TABEL}_afgerond",
            f"DROP TRIGGER IF EXISTS {TABEL}_geen_delete",
        ]
        for regel in sql:
            schema_editor.execute(regel, params=None)
    else:
        _oude_triggers_weg(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("betalingen", "0003_besteding_ab_verzorger_en_overschrijding"),
        ("organisaties", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(_oude_triggers_weg, migrations.RunPython.noop, elidable=False),
        migrations.AlterModelOptions(
            name="betaalrun",
            options={
                "ordering": ["-aangevraagd_op", "-id"],
                "verbose_name": "betaalrun",
                "verbose_name_plural": "betaalruns",
            },
        ),
        migrations.AddField(
            model_name="betaalrun",
            name="aangevraagd_op",
            field=models.DateTimeField(null=True, verbose_name="aangevraagd op"),
        ),
        migrations.AddField(
            model_name="betaalrun",
            name="begonnen_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="begonnen op"),
        ),
        migrations.AddField(
            model_name="betaalrun",
            name="hartslag_op",
            field=models.DateTimeField(
                blank=True,
                help_text="de verwerker werkt dit bij; blijft het uit, dan wordt de run hervat",
                null=True,
                verbose_name="laatste teken van leven",
            ),
        ),
        migrations.AddField(
            model_name="betaalrun",
            name="leerlingen_gedaan",
            field=models.PositiveIntegerField(default=0, verbose_name="leerlingen berekend"),
        ),
        migrations.AddField(
            model_name="betaalrun",
            name="leerlingen_totaal",
            field=models.PositiveIntegerField(null=True, verbose_name="leerlingen te berekenen"),
        ),
        migrations.AddField(
            model_name="betaalrun",
            name="poging",
            field=models.PositiveIntegerField(
                default=0,
                help_text="hoe vaak een verwerker de run begon (ook na uitval)",
                verbose_name="poging",
            ),
        ),
        migrations.AddField(
            model_name="betaalrun",
            name="reden",
            field=models.TextField(
                blank=True, default="", verbose_name="reden (mislukt of hervat)"
            ),
        ),
        migrations.AddField(
            model_name="betaalrun",
            name="status",
            field=models.CharField(
                choices=[
                    ("in_wachtrij", "in de wachtrij"),
                    ("bezig", "bezig"),
                    ("klaar", "klaar"),
                    ("mislukt", "mislukt"),
                ],
                default="klaar",
                max_length=20,
                verbose_name="toestand",
            ),
        ),
        migrations.AlterField(
            model_name="betaalrun",
            name="status",
            field=models.CharField(
                choices=[
                    ("in_wachtrij", "in de wachtrij"),
                    ("bezig", "bezig"),
                    ("klaar", "klaar"),
                    ("mislukt", "mislukt"),
                ],
                default="in_wachtrij",
                max_length=20,
                verbose_name="toestand",
            ),
        ),
        migrations.AddField(
            model_name="betaalrun",
            name="terugval",
            field=models.PositiveIntegerField(
                default=0,
                help_text="leerlingen wier geschiedenis niet in bulk te rekenen was (I-85)",
                verbose_name="leerlingen via het pad voor één leerling",
            ),
        ),
        migrations.AddField(
            model_name="betaalrun",
            name="taak_id",
            field=models.CharField(
                blank=True, default="", max_length=64, verbose_name="id in de takenwachtrij"
            ),
        ),
        migrations.AlterField(
            model_name="betaalrun",
            name="leemtes",
            field=models.PositiveIntegerField(null=True, verbose_name="leemtes"),
        ),
        migrations.AlterField(
            model_name="betaalrun",
            name="leerlingen",
            field=models.PositiveIntegerField(null=True, verbose_name="berekende leerlingen"),
        ),
        migrations.AlterField(
            model_name="betaalrun",
            name="regels",
            field=models.PositiveIntegerField(null=True, verbose_name="geboekte regels"),
        ),
        migrations.AlterField(
            model_name="betaalrun",
            name="totaal_centen",
            field=models.BigIntegerField(null=True, verbose_name="totaal geboekt (centen)"),
        ),
        migrations.AlterField(
            model_name="betaalrun",
            name="uitgevoerd_door",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="aangevraagd door",
            ),
        ),
        migrations.AlterField(
            model_name="betaalrun",
            name="uitgevoerd_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="afgerond op"),
        ),
        migrations.RunPython(_bestaande_runs_zijn_klaar, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="betaalrun",
            name="aangevraagd_op",
            field=models.DateTimeField(verbose_name="aangevraagd op"),
        ),
        migrations.AddConstraint(
            model_name="betaalrun",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "bezig")),
                fields=("organisatie",),
                name="betaalrun_een_bezig_per_instantie",
            ),
        ),
        migrations.RunPython(_run_triggers, _run_triggers_weg, elidable=False),
    ]
