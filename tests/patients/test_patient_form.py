import datetime

import pytest
from django.urls import reverse

from patients.forms import DUPLICATE_RECORD_NUMBER
from patients.models import Patient
from tests.factories import PatientFactory

VALID = {
    "given_name": "Eric",
    "family_name": "Lindqvist",
    "date_of_birth": "1980-11-05",
    "sex": "male",
    "record_number": "RPT-2001",
    "phone": "555-0100",
    "email": "eric@example.com",
    "occupation": "Project manager",
    "activity": "Marathon running",
    "dominant_side": "right",
    "notes": "Left hamstring pain for a year.",
}


def post_new_patient(client, **changes):
    return client.post(reverse("patients:create"), {**VALID, **changes})


def test_it_creates_a_patient_in_the_users_clinic(alice_client, clinic):
    response = post_new_patient(alice_client)
    patient = Patient.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("patients:detail", args=[patient.public_id])
    assert patient.clinic == clinic
    assert patient.full_name == "Eric Lindqvist"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("given_name", "", "This field is required."),
        ("family_name", "   ", "This field is required."),
        ("date_of_birth", "2999-01-01", "Date of birth cannot be in the future."),
        ("date_of_birth", "1899-12-31", "Date of birth cannot be before 1900."),
        ("date_of_birth", "not a date", "Enter a valid date."),
        ("email", "eric@", "Enter a valid email address."),
        ("sex", "robot", "Select a valid choice."),
        ("given_name", "x" * 101, "Ensure this value has at most 100 characters"),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field_and_keeps_the_rest(
    alice_client, field, value, message
):
    response = post_new_patient(alice_client, **{field: value})
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    # The error is rendered with the field (crispy puts it in the field's invalid-feedback).
    assert f'id="error_1_id_{field}"' in html
    for other_field, typed in VALID.items():
        if other_field != field and other_field not in ("sex", "dominant_side", "notes"):
            assert f'value="{typed}"' in html
    assert not Patient.objects.exists()


def test_duplicate_record_number_in_the_same_clinic_is_refused(alice_client, clinic):
    PatientFactory(clinic=clinic, record_number="RPT-2001")
    response = post_new_patient(alice_client, record_number="rpt-2001")
    assert response.context["form"].errors["record_number"] == [DUPLICATE_RECORD_NUMBER]
    assert Patient.objects.count() == 1


def test_same_record_number_in_another_clinic_is_fine(alice_client, other_clinic):
    PatientFactory(clinic=other_clinic, record_number="RPT-2001")
    response = post_new_patient(alice_client)
    assert response.status_code == 302
    assert Patient.objects.count() == 2


def test_editing_keeps_its_own_record_number(alice_client, patient):
    data = {**VALID, "record_number": patient.record_number, "given_name": "Seán"}
    response = alice_client.post(reverse("patients:edit", args=[patient.public_id]), data)
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.given_name == "Seán"


def test_date_of_birth_today_is_accepted(alice_client):
    response = post_new_patient(alice_client, date_of_birth=datetime.date.today().isoformat())
    assert response.status_code == 302


def test_creating_a_patient_logs_its_id_but_not_its_name(alice_client, caplog):
    caplog.set_level("INFO")
    post_new_patient(alice_client)
    patient = Patient.objects.get()
    logged = caplog.text
    assert str(patient.public_id) in logged
    for identifying in ("Eric", "Lindqvist", "1980-11-05", "RPT-2001", "eric@example.com"):
        assert identifying not in logged
