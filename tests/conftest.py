"""Shared fixtures: alice (clinician) and bob (clinic admin) share a clinic; charlie does not."""

import pytest

from patients.models import Membership
from tests.factories import ClinicFactory, PatientFactory, make_clinician

pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture
def clinic(db):
    return ClinicFactory(name="Riverside Test Clinic")


@pytest.fixture
def other_clinic(db):
    return ClinicFactory(name="Hillside Test Clinic")


@pytest.fixture
def alice(clinic):
    return make_clinician(clinic, "alice")


@pytest.fixture
def bob(clinic):
    return make_clinician(clinic, "bob", role=Membership.Role.CLINIC_ADMIN)


@pytest.fixture
def charlie(other_clinic):
    return make_clinician(other_clinic, "charlie")


@pytest.fixture
def patient(clinic):
    return PatientFactory(clinic=clinic, given_name="Sean", family_name="Gallagher")


@pytest.fixture
def other_patient(other_clinic):
    return PatientFactory(clinic=other_clinic, given_name="Maya", family_name="Okafor")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client
