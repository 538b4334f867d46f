"""Creating, changing and viewing a patient are in the audit trail a clinic admin reads."""

from auditlog.models import LogEntry
from django.urls import reverse

from evaluations.services.audit import VIEWED, history_of_patient
from tests.patients.test_patient_form import VALID, post_new_patient


def test_creating_changing_and_viewing_a_patient_are_audited(client, alice, bob, clinic):
    client.force_login(alice)
    post_new_patient(client)
    patient = clinic.patients.get()
    client.post(reverse("patients:edit", args=[patient.public_id]), {**VALID, "phone": "555-0199"})
    client.get(patient.get_absolute_url())
    entries = list(history_of_patient(patient))
    actions = [(entry.action, entry.additional_data.get("event"), entry.actor) for entry in entries]
    assert actions == [
        (LogEntry.Action.CREATE, None, alice),
        (LogEntry.Action.UPDATE, None, alice),
        (LogEntry.Action.ACCESS, VIEWED, alice),
    ]
    assert entries[1].changes_dict == {"phone": ["555-0100", "555-0199"]}


def test_a_clinic_admin_reads_the_patients_history_with_labels_and_values(
    client, alice, bob, clinic
):
    client.force_login(alice)
    post_new_patient(client)
    patient = clinic.patients.get()
    client.post(reverse("patients:edit", args=[patient.public_id]), {**VALID, "sex": "other"})
    client.force_login(bob)
    page = client.get(reverse("patients:history", args=[patient.public_id])).content.decode()
    assert "Sex</span>: Male → Other" in page
    assert "Created: patient" in page


def test_a_clinician_cannot_read_the_patients_history(alice_client, patient):
    response = alice_client.get(reverse("patients:history", args=[patient.public_id]))
    assert response.status_code == 403
