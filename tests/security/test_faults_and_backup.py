"""Faults the app must ride out, and a backup that really restores."""

import os
import shutil
import subprocess
import sys
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.urls import reverse

from evaluations.services.plan_review import generate_plan
from evaluations.services.signing import sign_evaluation
from evaluations.views.evaluation import NOT_SAVED
from tests.factories import TEST_PASSWORD, answer_red_flags_negative, make_evaluation

ROOT = Path(__file__).resolve().parents[2]


def admin_url(database="postgres"):
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{database}"))


@pytest.mark.django_db(transaction=True)
def test_requests_recover_after_the_database_drops_the_connection(alice_client, patient):
    assert alice_client.get(patient.get_absolute_url()).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    # What a PostgreSQL restart does to the app's open connection.
    with psycopg.connect(admin_url(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    # The WSGI handler runs this at the start of every request; the test client skips it.
    close_old_connections()
    response = alice_client.get(patient.get_absolute_url())
    assert response.status_code == 200
    assert patient.family_name in response.content.decode()


@pytest.mark.django_db
def test_a_failed_write_keeps_what_was_typed_and_says_so(alice_client, patient, alice):
    evaluation = make_evaluation(patient, alice)
    url = reverse("evaluations:section", args=[evaluation.public_id, "history"])
    full_disk = DatabaseError("could not extend file: No space left on device")
    with mock.patch("evaluations.views.evaluation.save_valid_findings", side_effect=full_disk):
        page = alice_client.post(url, {"pain_now": "6", "easing_factors": "Walking it off"})
        autosave = alice_client.post(url, {"pain_now": "6"}, HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert page.status_code == 503
    assert "Nothing you typed is lost" in html
    assert 'value="6"' in html and "Walking it off" in html
    assert NOT_SAVED in autosave.content.decode()


@pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump is not installed")
@pytest.mark.django_db(transaction=True)
def test_a_dump_restores_patients_evaluations_and_valid_signed_notes(seeded, patient, alice):
    evaluation = make_evaluation(patient, alice)
    evaluation.history.sitting_hours_per_day = 9
    evaluation.history.save()
    generate_plan(evaluation=evaluation)
    answer_red_flags_negative(evaluation)
    sign_evaluation(evaluation=evaluation, user=alice, password=TEST_PASSWORD)
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restore"
    dump = ROOT / "bench" / "out" / "backup-test.dump"
    dump.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PGHOST": "127.0.0.1", "PGUSER": "postgres"}
    with psycopg.connect(admin_url(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored}"')
        admin.execute(f'CREATE DATABASE "{restored}"')
    try:
        subprocess.run(
            ["pg_dump", "--format=custom", f"--file={dump}", source], check=True, env=env
        )
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={restored}", str(dump)], check=True, env=env
        )
        with psycopg.connect(admin_url(restored)) as copy:
            names = copy.execute("SELECT given_name FROM patients_patient").fetchall()
            statuses = copy.execute("SELECT status FROM evaluations_evaluation").fetchall()
        assert names == [("Sean",)] and statuses == [("signed",)]
        verified = subprocess.run(
            [sys.executable, "manage.py", "verify_notes"],
            cwd=ROOT,
            # The signed PDFs live in the document storage, beside the database in a backup.
            env={
                **os.environ,
                "DATABASE_URL": admin_url(restored),
                "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            },
            capture_output=True,
            text=True,
        )
        assert verified.returncode == 0, verified.stderr
        assert "1 signed note(s) checked, 0 mismatch(es)." in verified.stdout
    finally:
        dump.unlink(missing_ok=True)
        with psycopg.connect(admin_url(), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
