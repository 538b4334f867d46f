"""A clinic admin keeps the records clean: inactive patients and merged duplicates."""

import pytest
from django.urls import reverse

from evaluations.models import Evaluation
from evaluations.services.audit import MARKED_INACTIVE, MERGED_FROM, MERGED_INTO, history_of_patient
from evaluations.services.plan_review import generate_plan
from evaluations.services.signing import sign_evaluation, verify_note
from patients.services import (
    MERGE_ACROSS_CLINICS,
    MERGE_INTO_ITSELF,
    MergeRefused,
    merge_patient,
)
from patients.views import FOR_CLINIC_ADMINS
from tests.factories import (
    TEST_PASSWORD,
    PatientFactory,
    answer_red_flags_negative,
    make_evaluation,
)


@pytest.fixture
def duplicate(clinic, patient):
    return PatientFactory(
        clinic=clinic,
        given_name="Seán",
        family_name="GALLAGHER",
        date_of_birth=patient.date_of_birth,
        record_number="DUP-1",
    )


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


def signed_note(patient, clinician):
    evaluation = answer_red_flags_negative(
        make_evaluation(patient, clinician, symptomatic_side="left")
    )
    generate_plan(evaluation=evaluation)
    return sign_evaluation(evaluation=evaluation, user=clinician, password=TEST_PASSWORD)


def events_of(patient):
    return [entry.additional_data.get("event") for entry in history_of_patient(patient)]


def test_an_inactive_patient_leaves_the_list_until_asked_for(bob_client, bob, patient, duplicate):
    response = bob_client.post(reverse("patients:set_active", args=[duplicate.public_id]))
    duplicate.refresh_from_db()
    assert response.status_code == 302 and not duplicate.is_active
    assert MARKED_INACTIVE in events_of(duplicate)
    listed = bob_client.get(reverse("patients:list")).content.decode()
    assert "DUP-1" not in listed and patient.record_number in listed
    bob_client.post(reverse("patients:list"), {"q": "gallagher", "inactive": "on"})
    listed = bob_client.get(reverse("patients:list")).content.decode()
    assert "DUP-1" in listed and "Inactive" in listed


def test_an_inactive_patient_is_also_left_out_of_search(bob_client, duplicate):
    duplicate.is_active = False
    duplicate.save()
    bob_client.post(reverse("patients:list"), {"q": "DUP-1"})
    page = bob_client.get(reverse("patients:list"))
    assert list(page.context["page"].object_list) == []
    assert 'data-testid="empty-state"' in page.content.decode()


def test_a_clinician_cannot_inactivate_or_merge(alice_client, duplicate):
    inactivate = alice_client.post(reverse("patients:set_active", args=[duplicate.public_id]))
    merge = alice_client.get(reverse("patients:merge", args=[duplicate.public_id]))
    duplicate.refresh_from_db()
    assert inactivate.status_code == merge.status_code == 403
    assert FOR_CLINIC_ADMINS in merge.content.decode()
    assert duplicate.is_active


def test_merging_moves_the_drafts_and_leaves_the_duplicate_pointing_to_the_record_kept(
    bob_client, alice, patient, duplicate
):
    draft = make_evaluation(duplicate, alice)
    page = bob_client.get(reverse("patients:merge", args=[duplicate.public_id])).content.decode()
    assert patient.record_number in page
    response = bob_client.post(
        reverse("patients:merge", args=[duplicate.public_id]), {"kept": str(patient.public_id)}
    )
    duplicate.refresh_from_db()
    draft.refresh_from_db()
    assert response["Location"] == patient.get_absolute_url()
    assert draft.patient == patient
    assert duplicate.merged_into == patient and not duplicate.is_active
    assert MERGED_INTO in events_of(duplicate) and MERGED_FROM in events_of(patient)
    kept_page = bob_client.get(patient.get_absolute_url()).content.decode()
    assert duplicate.get_absolute_url() in kept_page


def test_signed_notes_stay_on_the_duplicate_unchanged(seeded, bob, alice, patient, duplicate):
    signed = signed_note(duplicate, alice)
    hash_before = signed.content_hash
    merge_patient(duplicate=duplicate, kept=patient, by=bob)
    signed.refresh_from_db()
    assert signed.patient == duplicate and signed.is_signed
    assert signed.content_hash == hash_before
    assert verify_note(signed)


def test_a_record_is_never_merged_into_itself_or_another_clinics(
    bob, patient, other_patient, duplicate
):
    with pytest.raises(MergeRefused, match=MERGE_INTO_ITSELF):
        merge_patient(duplicate=duplicate, kept=duplicate, by=bob)
    with pytest.raises(MergeRefused, match=MERGE_ACROSS_CLINICS):
        merge_patient(duplicate=duplicate, kept=other_patient, by=bob)
    duplicate.refresh_from_db()
    assert duplicate.is_active and duplicate.merged_into is None


def test_another_clinics_record_is_not_offered_to_merge_into(bob_client, duplicate, other_patient):
    response = bob_client.post(
        reverse("patients:merge", args=[duplicate.public_id]),
        {"kept": str(other_patient.public_id)},
    )
    duplicate.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["kept"]
    assert duplicate.merged_into is None
    assert Evaluation.objects.count() == 0
