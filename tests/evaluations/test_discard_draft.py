"""A draft started by mistake can be discarded by its clinician; nothing is deleted."""

import pytest
from django.urls import reverse

from evaluations.models import Evaluation
from evaluations.services.audit import DISCARDED, history_of
from evaluations.services.evaluation import DISCARD_ONLY_DRAFTS, DISCARD_ONLY_OWN
from evaluations.services.plan_review import generate_plan
from evaluations.services.signing import sign_evaluation
from tests.factories import TEST_PASSWORD, answer_red_flags_negative, make_evaluation


def discard_url(evaluation):
    return reverse("evaluations:discard", args=[evaluation.public_id])


def test_new_evaluation_pressed_twice_leaves_a_draft_its_clinician_can_discard(
    alice_client, alice, patient
):
    start = reverse("patients:start_evaluation", args=[patient.public_id])
    alice_client.post(start)
    alice_client.post(start)
    stray = patient.evaluations.order_by("created_at").last()
    page = alice_client.get(patient.get_absolute_url()).content.decode()
    assert discard_url(stray) in page
    response = alice_client.post(discard_url(stray))
    stray.refresh_from_db()
    assert response["Location"] == patient.get_absolute_url()
    assert stray.status == Evaluation.Status.DISCARDED
    assert Evaluation.objects.filter(patient=patient).count() == 2
    page = alice_client.get(patient.get_absolute_url()).content.decode()
    assert stray.get_absolute_url() not in page
    assert page.count('data-testid="discard-draft"') == 1
    discarded = [e for e in history_of(stray) if e.additional_data.get("event") == DISCARDED]
    assert [e.actor for e in discarded] == [alice]


def test_another_clinicians_draft_is_not_discarded(client, bob, alice, patient):
    draft = make_evaluation(patient, alice)
    client.force_login(bob)
    assert discard_url(draft) not in client.get(patient.get_absolute_url()).content.decode()
    response = client.post(discard_url(draft), follow=True)
    draft.refresh_from_db()
    assert DISCARD_ONLY_OWN in response.content.decode()
    assert draft.is_draft


def test_a_signed_note_is_never_discarded(alice_client, alice, seeded, patient):
    note = answer_red_flags_negative(make_evaluation(patient, alice, symptomatic_side="left"))
    generate_plan(evaluation=note)
    sign_evaluation(evaluation=note, user=alice, password=TEST_PASSWORD)
    response = alice_client.post(discard_url(note), follow=True)
    note.refresh_from_db()
    assert DISCARD_ONLY_DRAFTS in response.content.decode()
    assert note.is_signed


@pytest.mark.parametrize("section", ["history", "foot"])
def test_a_discarded_draft_takes_no_more_changes(alice_client, alice, patient, section):
    draft = make_evaluation(patient, alice)
    alice_client.post(discard_url(draft))
    alice_client.post(
        reverse("evaluations:section", args=[draft.public_id, section]),
        {"version": "0", "pain_now": "7", "fpi_total": "3"},
    )
    draft.refresh_from_db()
    assert draft.history.pain_now is None and draft.foot.fpi_total is None
