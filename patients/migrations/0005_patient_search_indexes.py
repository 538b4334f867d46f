"""Indexes for the patient search box at a large clinic (50 000 patients): the record number
compared case-insensitively, and the start of the given or family name, each within a clinic.

The expressions match what patients/search.py makes Django write (UPPER("col"::text) = …,
UPPER("col"::text) LIKE 'ABC%'); text_pattern_ops lets a LIKE prefix use the index whatever
the database's collation. PostgreSQL only: the demo's SQLite has neither the operator class
nor the patients, and the model declares nothing, so makemigrations stays quiet.
"""

from django.db import migrations

INDEXES = {
    "patient_search_record_number": "upper((record_number)::text)",
    "patient_search_given_name": "upper((given_name)::text) text_pattern_ops",
    "patient_search_family_name": "upper((family_name)::text) text_pattern_ops",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON patients_patient (clinic_id, {expression})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("patients", "0004_clinic_home_programme_limit")]

    operations = [migrations.RunPython(create, drop)]
