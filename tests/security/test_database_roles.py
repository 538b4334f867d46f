"""Below the app: the note tables refuse TRUNCATE, and the app's runtime role owns nothing."""

import os
import subprocess
import sys
import uuid
from contextlib import contextmanager

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from evaluations.management.commands.grant_runtime_role import NO_SUCH_ROLE, ROLE_IS_TOO_STRONG
from evaluations.models import Evaluation
from evaluations.services.plan_review import generate_plan
from evaluations.services.signing import sign_evaluation, verify_note
from tests.factories import TEST_PASSWORD, answer_red_flags_negative, make_evaluation

RUNTIME_PASSWORD = "runtime-test-only"


def note_tables():
    """The evaluation and every table with a row that belongs to one, read from the models."""
    return sorted(
        model._meta.db_table
        for model in apps.get_app_config("evaluations").get_models()
        if model is Evaluation
        or any(field.related_model is Evaluation for field in model._meta.concrete_fields)
    )


def make_signed_note(patient, clinician):
    evaluation = make_evaluation(patient, clinician, symptomatic_side="left")
    evaluation.history.pain_sitting = evaluation.history.sit_bone_pain = "yes"
    evaluation.history.save()
    generate_plan(evaluation=evaluation)
    answer_red_flags_negative(evaluation)
    return sign_evaluation(evaluation=evaluation, user=clinician, password=TEST_PASSWORD)


def triggers_on(table):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [table],
        )
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.django_db
def test_every_note_table_has_the_row_and_the_truncate_triggers():
    row_trigger = {
        "evaluations_evaluation": "signed_evaluation_is_read_only",
        "evaluations_addendum": "addendum_is_append_only",
        "evaluations_signeddocument": "signed_document_is_append_only",
    }
    for table in note_tables():
        expected = {row_trigger.get(table, "signed_note_part_is_read_only")}
        assert expected | {"no_truncate_while_signed"} <= triggers_on(table), table


@pytest.mark.django_db
def test_the_owner_cannot_truncate_a_note_table_while_a_note_is_signed(seeded, patient, alice):
    signed = make_signed_note(patient, alice)
    with connection.cursor() as cursor:
        # The test's transaction holds deferred foreign-key checks, which TRUNCATE refuses.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for table in note_tables():
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {table} CASCADE")
    signed.refresh_from_db()
    assert verify_note(signed)


@pytest.mark.django_db
def test_drafts_alone_may_be_truncated(patient, alice):
    make_evaluation(patient, alice)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE evaluations_evaluation CASCADE")
    assert not Evaluation.objects.exists()


@contextmanager
def runtime_role():
    """A login role granted by grant_runtime_role, dropped with its grants afterwards."""
    role = f"wb_runtime_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{RUNTIME_PASSWORD}'")
    try:
        call_command("grant_runtime_role", role, verbosity=0)
        yield role
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP OWNED BY {role}")
            cursor.execute(f"DROP ROLE {role}")


@contextmanager
def app_connected_as(role):
    """The app's own connection logs in as `role`, as it would with that DATABASE_URL."""
    owner = connection.settings_dict["USER"], connection.settings_dict["PASSWORD"]
    connection.close()
    connection.settings_dict["USER"], connection.settings_dict["PASSWORD"] = role, RUNTIME_PASSWORD
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["USER"], connection.settings_dict["PASSWORD"] = owner


def connect_as(role):
    database = connection.settings_dict
    return psycopg.connect(
        host=database["HOST"] or "127.0.0.1",
        port=database["PORT"] or 5432,
        dbname=database["NAME"],
        user=role,
        password=RUNTIME_PASSWORD,
        autocommit=True,
    )


@pytest.mark.django_db(transaction=True)
def test_the_runtime_role_writes_notes_but_cannot_truncate_or_switch_triggers_off(
    seeded, patient, alice
):
    with runtime_role() as role:
        # The whole app path (start, save, plan, sign) works with the runtime role's rights.
        with app_connected_as(role):
            signed = make_signed_note(patient, alice)
            draft = make_evaluation(patient, alice)
        with connect_as(role) as runtime:
            updated = runtime.execute(
                "UPDATE evaluations_history SET pain_now = 3 WHERE evaluation_id = %s", [draft.pk]
            )
            assert updated.rowcount == 1
            for statement in (
                "TRUNCATE evaluations_planitem CASCADE",
                "ALTER TABLE evaluations_planitem DISABLE TRIGGER ALL",
                "SET session_replication_role = replica",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    runtime.execute(statement)
            with pytest.raises(psycopg.errors.RestrictViolation):
                runtime.execute(
                    "UPDATE evaluations_history SET pain_now = 9 WHERE evaluation_id = %s",
                    [signed.pk],
                )
    draft.history.refresh_from_db()
    assert draft.history.pain_now == 3
    signed.refresh_from_db()
    assert verify_note(signed)


@pytest.mark.django_db
def test_the_owner_or_an_unknown_role_is_never_made_the_runtime_role():
    owner = connection.settings_dict["USER"]
    with pytest.raises(CommandError) as too_strong:
        call_command("grant_runtime_role", owner)
    assert str(too_strong.value) == ROLE_IS_TOO_STRONG.format(role=owner)
    with pytest.raises(CommandError) as unknown:
        call_command("grant_runtime_role", "wb_no_such_role")
    assert str(unknown.value) == NO_SUCH_ROLE.format(role="wb_no_such_role")


def test_migrate_connects_as_the_owner_of_migration_database_url():
    database = connection.settings_dict
    owner_url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = {
        **os.environ,
        # The runtime URL names a database that does not exist: only the owner's URL works.
        "DATABASE_URL": owner_url.rsplit("/", 1)[0] + "/wb_no_such_database",
        "MIGRATION_DATABASE_URL": owner_url,
    }
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    migrate = subprocess.run(
        [*manage, "migrate", "--check"], env=env, capture_output=True, text=True, timeout=120
    )
    # Any other command connects as the runtime role of DATABASE_URL.
    listing = subprocess.run(
        [*manage, "showmigrations", "evaluations"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr
    assert listing.returncode != 0 and "wb_no_such_database" in listing.stderr
