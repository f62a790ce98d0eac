"""De SQL van de alleen-toevoegen-triggers (0002), ook gebruikt door 0003 op SQLite."""

TABEL = "audit_auditregel"

SQLITE_MAAK = [
    f"""
    CREATE TRIGGER {TABEL}_geen_update BEFORE UPDATE ON {TABEL}
    BEGIN
        SELECT RAISE(ABORT, 'auditlog is alleen-toevoegen: UPDATE geweigerd');
    END
    """,
    f"""
    CREATE TRIGGER {TABEL}_geen_delete BEFORE DELETE ON {TABEL}
    BEGIN
        SELECT RAISE(ABORT, 'auditlog is alleen-toevoegen: DELETE geweigerd');
    END
    """,
]
SQLITE_VERWIJDER = [
    f"DROP TRIGGER IF EXISTS {TABEL}_geen_update",
    f"DROP TRIGGER IF EXISTS {TABEL}_geen_delete",
]

POSTGRESQL_MAAK = [
    f"""
    CREATE OR REPLACE FUNCTION {TABEL}_weiger() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'auditlog is alleen-toevoegen: % geweigerd', TG_OP
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
POSTGRESQL_VERWIJDER = [
    f"DROP TRIGGER IF EXISTS {TABEL}_geen_truncate ON {TABEL}",
    f"DROP TRIGGER IF EXISTS {TABEL}_geen_update_delete ON {TABEL}",
    f"DROP FUNCTION IF EXISTS {TABEL}_weiger()",
]

PER_DATABASE = {
    "sqlite": (SQLITE_MAAK, SQLITE_VERWIJDER),
    "postgresql": (POSTGRESQL_MAAK, POSTGRESQL_VERWIJDER),
}
