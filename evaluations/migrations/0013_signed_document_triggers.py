"""Stored PDFs of signed notes are append-only, like addenda: a row is never changed or
deleted (a lost file is re-issued as a new version), and TRUNCATE is refused while any note
is signed, as for every other note table (0004, 0011). SQLite (the local demo) has neither."""

from django.db import migrations

TABLE = "evaluations_signeddocument"

FUNCTION = """
CREATE OR REPLACE FUNCTION wholebody_signed_document_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'stored documents of signed notes are append-only'
        USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # params=None: the PL/pgSQL text must not be read for placeholders.
    schema_editor.execute(FUNCTION, params=None)
    schema_editor.execute(
        f"CREATE TRIGGER signed_document_is_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION wholebody_signed_document_is_append_only()"
    )
    schema_editor.execute(
        f"CREATE TRIGGER no_truncate_while_signed BEFORE TRUNCATE ON {TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION wholebody_no_truncate_while_signed()"
    )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS no_truncate_while_signed ON {TABLE}")
    schema_editor.execute(f"DROP TRIGGER IF EXISTS signed_document_is_append_only ON {TABLE}")
    schema_editor.execute("DROP FUNCTION IF EXISTS wholebody_signed_document_is_append_only()")


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0012_signed_documents")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
