"""Duplicate patients: same person warned with a link, record numbers unique in the database."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from patients.forms import DUPLICATE_RECORD_NUMBER, POSSIBLE_DUPLICATE, PatientForm
from patients.models import Patient
from patients.services import name_key
from tests.factories import ClinicFactory, PatientFactory, make_clinician
from tests.patients.test_patient_form import VALID, post_new_patient


@pytest.fixture
def eric(clinic):
    return PatientFactory(
        clinic=clinic,
        given_name="Éric",
        family_name="Lindqvist",
        date_of_birth="1980-11-05",
        record_number="RPT-1000",
    )


def test_names_compare_without_case_accents_or_spacing():
    assert name_key("  Éric ", "LINDQVIST") == name_key("eric", "lindqvist")
    assert name_key("Seán", "Ó Briain") == "sean o briain"
    assert name_key("Eric", "Lindqvist") != name_key("Erik", "Lindqvist")


def test_same_name_and_birthday_with_a_new_record_number_is_not_saved_silently(alice_client, eric):
    response = post_new_patient(alice_client, given_name="ERIC", family_name="lindqvist")
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors["confirm_different_person"] == [POSSIBLE_DUPLICATE]
    assert f'href="{eric.get_absolute_url()}"' in html
    assert 'name="confirm_different_person"' in html
    assert 'value="Project manager"' in html
    assert Patient.objects.count() == 1


def test_the_confirmation_box_is_shown_only_with_the_warning(alice_client, eric):
    page = alice_client.get(reverse("patients:create")).content.decode()
    assert 'name="confirm_different_person"' not in page
    other = post_new_patient(alice_client, given_name="Erik").content.decode()
    assert 'name="confirm_different_person"' not in other


def test_a_confirmed_different_person_is_saved(alice_client, eric):
    response = post_new_patient(alice_client, confirm_different_person="on")
    assert response.status_code == 302
    assert Patient.objects.filter(given_name="Eric", record_number="RPT-2001").exists()


def test_another_clinics_namesake_is_no_duplicate(alice_client, other_clinic):
    PatientFactory(
        clinic=other_clinic, given_name="Eric", family_name="Lindqvist", date_of_birth="1980-11-05"
    )
    assert post_new_patient(alice_client).status_code == 302


def test_editing_a_patient_is_not_a_duplicate_of_itself(alice_client, eric):
    data = {**VALID, "given_name": "Éric", "record_number": "RPT-1000"}
    response = alice_client.post(reverse("patients:edit", args=[eric.public_id]), data)
    assert response.status_code == 302


def test_record_numbers_are_unique_per_clinic_regardless_of_case_in_the_database(clinic):
    PatientFactory(clinic=clinic, record_number="RPT-7")
    with pytest.raises(IntegrityError), transaction.atomic():
        PatientFactory(clinic=clinic, record_number="rpt-7")
    PatientFactory(clinic=ClinicFactory(), record_number="rpt-7")
    assert Patient.objects.filter(record_number__iexact="rpt-7").count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_same_record_number_sent_twice_at_once_gets_the_form_error_not_a_500(monkeypatch):
    """The second request validates before the first commits, then saves after it."""
    clinic = ClinicFactory()
    alice = make_clinician(clinic, "alice")
    validated, first_committed = threading.Event(), threading.Event()
    main = threading.current_thread()
    is_valid = PatientForm.is_valid
    second = {}

    def is_valid_then_wait(form):
        valid = is_valid(form)
        if threading.current_thread() is not main:
            validated.set()
            first_committed.wait(timeout=30)
        return valid

    def submit_second():
        try:
            client = Client()
            client.force_login(alice)
            second["response"] = post_new_patient(client, given_name="Other", family_name="Person")
        finally:
            connection.close()

    monkeypatch.setattr(PatientForm, "is_valid", is_valid_then_wait)
    thread = threading.Thread(target=submit_second)
    thread.start()
    assert validated.wait(timeout=30)
    first = Client()
    first.force_login(alice)
    assert post_new_patient(first).status_code == 302
    first_committed.set()
    thread.join(timeout=30)

    response = second["response"]
    assert response.status_code == 200
    assert response.context["form"].errors["record_number"] == [DUPLICATE_RECORD_NUMBER]
    assert 'value="Other"' in response.content.decode()
    assert Patient.objects.count() == 1


def test_the_admin_has_no_patient_search_that_puts_names_in_the_url():
    from django.contrib import admin

    patient_admin = admin.site._registry[Patient]
    assert not patient_admin.search_fields
