"""On PostgreSQL, a signed note refuses change even to raw SQL: row triggers check the
evaluation's status before any insert, update or delete of it or of a row that belongs to it.
Addenda are append-only. SQLite (the local demo) relies on the model layer alone."""

from django.db import migrations

NOTE_PART_TABLES = [
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
]

FUNCTIONS = """
CREATE OR REPLACE FUNCTION wholebody_signed_evaluation_is_read_only() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'signed' THEN
        RAISE EXCEPTION 'signed note % is read-only', OLD.public_id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION wholebody_signed_note_part_is_read_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND EXISTS (
        SELECT 1 FROM evaluations_evaluation WHERE id = OLD.evaluation_id AND status = 'signed'
    ) THEN
        RAISE EXCEPTION 'rows of signed note % are read-only', OLD.evaluation_id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP <> 'DELETE' AND EXISTS (
        SELECT 1 FROM evaluations_evaluation WHERE id = NEW.evaluation_id AND status = 'signed'
    ) THEN
        RAISE EXCEPTION 'rows of signed note % are read-only', NEW.evaluation_id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION wholebody_addendum_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'addenda are append-only' USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # params=None: the PL/pgSQL format strings use % and must not be read as placeholders.
    schema_editor.execute(FUNCTIONS, params=None)
    schema_editor.execute(
        "CREATE TRIGGER signed_evaluation_is_read_only BEFORE UPDATE OR DELETE "
        "ON evaluations_evaluation FOR EACH ROW "
        "EXECUTE FUNCTION wholebody_signed_evaluation_is_read_only()"
    )
    for table in NOTE_PART_TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER signed_note_part_is_read_only BEFORE INSERT OR UPDATE OR DELETE "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION wholebody_signed_note_part_is_read_only()"
        )
    schema_editor.execute(
        "CREATE TRIGGER addendum_is_append_only BEFORE UPDATE OR DELETE "
        "ON evaluations_addendum FOR EACH ROW EXECUTE FUNCTION wholebody_addendum_is_append_only()"
    )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS signed_evaluation_is_read_only ON evaluations_evaluation"
    )
    for table in NOTE_PART_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS signed_note_part_is_read_only ON {table}")
    schema_editor.execute("DROP TRIGGER IF EXISTS addendum_is_append_only ON evaluations_addendum")
    schema_editor.execute(
        "DROP FUNCTION IF EXISTS wholebody_signed_evaluation_is_read_only(), "
        "wholebody_signed_note_part_is_read_only(), wholebody_addendum_is_append_only()"
    )


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0003_signing_and_plan_review")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
