"""On PostgreSQL, TRUNCATE skips row triggers, so a statement trigger on every note table
refuses it while any signed note exists. The one way through is the session setting
`wholebody.allow_truncate = 'on'`, which only the test suite's flush sets (tests/conftest.py):
it wipes the test database between tests. Tables 0005–0010 added none: every note table
already has the row triggers of 0004. SQLite (the local demo) has no TRUNCATE."""

from django.db import migrations

# Every table that holds part of a note: the row triggers of 0004 cover each of them, and
# a TRUNCATE of any one (or its CASCADE from evaluations_evaluation) must be refused too.
NOTE_TABLES = [
    "evaluations_evaluation",
    "evaluations_history",
    "evaluations_redflagscreen",
    "evaluations_hip",
    "evaluations_pelvis",
    "evaluations_core",
    "evaluations_foot",
    "evaluations_gait",
    "evaluations_neural",
    "evaluations_hamstring",
    "evaluations_functiontests",
    "evaluations_outcomes",
    "evaluations_planitem",
    "evaluations_referralacknowledgement",
    "evaluations_addendum",
]

FUNCTION = """
CREATE OR REPLACE FUNCTION wholebody_no_truncate_while_signed() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('wholebody.allow_truncate', true), '') <> 'on'
        AND EXISTS (SELECT 1 FROM evaluations_evaluation WHERE status = 'signed')
    THEN
        RAISE EXCEPTION 'cannot truncate %: signed notes are read-only', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # params=None: the PL/pgSQL format string uses % and must not be read as a placeholder.
    schema_editor.execute(FUNCTION, params=None)
    for table in NOTE_TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER no_truncate_while_signed BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION wholebody_no_truncate_while_signed()"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in NOTE_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS no_truncate_while_signed ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS wholebody_no_truncate_while_signed()")


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0010_signed_document_and_keyed_hash")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
