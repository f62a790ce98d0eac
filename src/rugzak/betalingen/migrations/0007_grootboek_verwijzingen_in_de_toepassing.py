"""Grootboek: de verwijzingen naar leerling, ontvanger en run zonder FOREIGN KEY in de
database (I-111). Bij een landelijke eerste run (miljoenen regels) controleerde PostgreSQL
elke verwijzing van elke regel apart bij de commit: minuten. De toepassing waarborgt ze nu
(de betaalrun controleert en vergrendelt de verwezen rijen in één query per tabel voor ze
boekt), en deze migratie legt triggers aan die het verwijderen van een leerling of
organisatie weigeren zolang het grootboek ernaar verwijst (een betaalrun is al niet te
verwijderen, migratie 0004). Zo blijft elke verwijzing geldig, ook buiten Django om.

SQLite bouwt de tabel bij het wijzigen opnieuw op en verliest de alleen-toevoegen-triggers:
die worden eerst verwijderd en daarna opnieuw aangelegd (op PostgreSQL net zo)."""

import django.db.models.deletion
from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from rugzak.gedeeld.alleen_toevoegen import trigger_operatie

TABEL = "betalingen_grootboekregel"
#: (verwezen tabel, kolom in het grootboek)
VERWEZEN = (("leerlingen_leerling", "leerling_id"), ("organisaties_organisatie", "ontvanger_id"))


def _wachters(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    postgresql = schema_editor.connection.vendor == "postgresql"
    for tabel, kolom in VERWEZEN:
        naam = f"{tabel}_grootboek_verwijst"
        fout = f"{tabel}: verwijderen geweigerd, het grootboek verwijst ernaar ({kolom}; I-111)"
        if postgresql:
            sql = [
                f"""
                CREATE OR REPLACE FUNCTION {naam}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM {TABEL} WHERE {kolom} = OLD.id) THEN
                        RAISE EXCEPTION '{fout}'
                            USING ERRCODE = 'foreign_key_violation';
                    END IF;
                    RETURN OLD;
                END;
                $$
                """,
                f"""
                CREATE TRIGGER {naam} BEFORE DELETE ON {tabel}
                FOR EACH ROW EXECUTE FUNCTION {naam}()
                """,
                f"""
                CREATE TRIGGER {naam}_id BEFORE UPDATE OF id ON {tabel}
                FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION {naam}()
                """,
            ]
        else:
            sql = [
                f"""
                CREATE TRIGGER {naam} BEFORE DELETE ON {tabel}
                WHEN EXISTS (SELECT 1 FROM {TABEL} WHERE {kolom} = OLD.id)
                BEGIN
                    SELECT RAISE(ABORT, '{fout}');
                END
                """,
                f"""
                CREATE TRIGGER {naam}_id BEFORE UPDATE OF id ON {tabel}
                WHEN OLD.id IS NOT NEW.id AND EXISTS (SELECT 1 FROM {TABEL} WHERE {kolom} = OLD.id)
                BEGIN
                    SELECT RAISE(ABORT, '{fout}');
                END
                """,
            ]
        for regel in sql:
            schema_editor.execute(regel, params=None)


def _wachters_weg(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    postgresql = schema_editor.connection.vendor == "postgresql"
    for tabel, _ in VERWEZEN:
        naam = f"{tabel}_grootboek_verwijst"
        if postgresql:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {naam} ON {tabel}", params=None)
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {naam}_id ON {tabel}", params=None)
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {naam}()", params=None)
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {naam}", params=None)
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {naam}_id", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("betalingen", "0006_betaalrun_fase"),
        ("leerlingen", "0003_tijdstippen_op_de_klok_van_de_toepassing"),
        ("organisaties", "0004_rol_beleidsanalist"),
    ]

    operations = [
        trigger_operatie(TABEL, weg=True),
        migrations.AlterField(
            model_name="grootboekregel",
            name="leerling",
            field=models.ForeignKey(
                db_constraint=False,
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
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="grootboekregels",
                to="organisaties.organisatie",
            ),
        ),
        migrations.AlterField(
            model_name="grootboekregel",
            name="run",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="grootboekregels",
                to="betalingen.betaalrun",
            ),
        ),
        trigger_operatie(TABEL),
        migrations.RunPython(_wachters, _wachters_weg, elidable=False),
    ]
