"""Shared fixtures: alice (clinician) and bob (clinic admin) share a clinic; charlie does not.

Django models are imported inside the fixtures, so the engine's pure tests (tests/plan,
tests/scoring) also run without Django: `pytest tests/plan -p no:django`.
"""

import pytest

pytest_plugins = ["tests.browser.fixtures"]


# The statement triggers of migration 0011 refuse TRUNCATE while a signed note exists, and
# pytest-django empties the database after each transaction=True test with one TRUNCATE.
# Only that flush passes the triggers' one escape hatch, inside its own transaction.
ALLOW_TRUNCATE = "SET LOCAL wholebody.allow_truncate = 'on';"


@pytest.fixture(autouse=True, scope="session")
def flush_passes_the_truncate_triggers(request):
    if not request.config.pluginmanager.has_plugin("django"):
        yield
        return
    from unittest import mock

    from django.db.backends.postgresql.operations import DatabaseOperations

    sql_flush = DatabaseOperations.sql_flush

    def sql_flush_past_the_triggers(self, *args, **kwargs):
        statements = sql_flush(self, *args, **kwargs)
        return [ALLOW_TRUNCATE, *statements] if statements else statements

    with mock.patch.object(DatabaseOperations, "sql_flush", sql_flush_past_the_triggers):
        yield


@pytest.fixture(autouse=True)
def fresh_engine_library(request):
    """A test's rollback sends no signals, so no test may inherit another's cached library."""
    if "django_db_setup" not in request.fixturenames and "db" not in request.fixturenames:
        yield
        return
    from evaluations.library import invalidate_engine_library

    invalidate_engine_library()
    yield
    invalidate_engine_library()


@pytest.fixture
def clinic(db):
    from tests.factories import ClinicFactory

    return ClinicFactory(name="Riverside Test Clinic")


@pytest.fixture
def other_clinic(db):
    from tests.factories import ClinicFactory

    return ClinicFactory(name="Hillside Test Clinic")


@pytest.fixture
def alice(clinic):
    from tests.factories import make_clinician

    return make_clinician(clinic, "alice")


@pytest.fixture
def bob(clinic):
    from patients.models import Membership
    from tests.factories import make_clinician

    return make_clinician(clinic, "bob", role=Membership.Role.CLINIC_ADMIN)


@pytest.fixture
def charlie(other_clinic):
    from tests.factories import make_clinician

    return make_clinician(other_clinic, "charlie")


@pytest.fixture
def patient(clinic):
    from tests.factories import PatientFactory

    return PatientFactory(clinic=clinic, given_name="Sean", family_name="Gallagher")


@pytest.fixture
def other_patient(other_clinic):
    from tests.factories import PatientFactory

    return PatientFactory(clinic=other_clinic, given_name="Maya", family_name="Okafor")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def seeded(db):
    """The exercise library seeded from DOMAIN.md §4, as `make run` loads it."""
    from evaluations.library import seed_exercise_library

    seed_exercise_library()


# The suite logs in thousands of times; Django's production hasher spends most of that time on
# purpose. The test process alone uses MD5: config/settings.py keeps Django's default hashers.
TEST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def fast_password_hasher():
    from django.conf import settings

    if not settings.configured:  # the engine's pure tests run without Django
        yield
        return
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=TEST_PASSWORD_HASHERS):
        yield


@pytest.fixture(autouse=True, scope="session")
def media_root(tmp_path_factory):
    """Signing stores PDFs: the suite's files go to a temporary folder, never the repository's."""
    from django.conf import settings

    if not settings.configured:  # the engine's pure tests run without Django
        yield
        return
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield
