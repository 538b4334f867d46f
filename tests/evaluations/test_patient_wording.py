"""The patient's wording of each plan item: made from its dosing, seen and edited on the plan
page before signing, checked for clinical words, and frozen with the signature."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from evaluations.forms.review import FOR_THE_PATIENT
from evaluations.models import Evaluation, PlanItem
from evaluations.models.immutability import SIGNED_NOTE_IS_READ_ONLY
from evaluations.reports.plain_dosing import patient_dosing
from evaluations.services.plan_review import update_item
from evaluations.services.signing import sign_evaluation
from tests.evaluations.test_plan_review import eric_like, make_plan, url
from tests.factories import TEST_PASSWORD, answer_red_flags_negative

NEW_DOSING = "4 × 6–8 per side"
THEIR_WORDS = "Four rounds of six to eight lifts, slowly"


@pytest.fixture
def evaluation(seeded, patient, alice):
    return eric_like(patient, alice)


@pytest.fixture
def bridge(alice_client, evaluation):
    make_plan(alice_client, evaluation)
    return evaluation.plan_items.select_related("exercise").get(code="bridge_hold")


def derived(item, dosing):
    return patient_dosing(dosing, frequency=item.exercise.frequency, side=item.side)


def edit(client, evaluation, item, follow=False, **fields):
    data = {
        "dosing": item.dosing,
        "clinician_note": item.clinician_note,
        "patient_dosing": item.patient_dosing,
        "patient_feel": item.patient_feel,
        "patient_stop": item.patient_stop,
        **fields,
    }
    return client.post(url("plan_item_update", evaluation, item.pk), data, follow=follow)


def test_every_exercise_of_a_new_plan_has_its_dosing_in_plain_words(alice_client, evaluation):
    make_plan(alice_client, evaluation)
    items = evaluation.plan_items.select_related("exercise").filter(kind=PlanItem.Kind.EXERCISE)
    assert items
    for item in items:
        assert item.patient_dosing == derived(item, item.dosing), item.code
        assert item.one_side_at_a_time == item.exercise.one_side_at_a_time


def test_the_plan_page_shows_the_patient_wording(alice_client, evaluation, bridge):
    page = alice_client.get(url("plan", evaluation)).content.decode()
    assert escape(bridge.patient_dosing) in page
    assert 'name="patient_dosing"' in page and 'name="patient_feel"' in page


def test_a_new_dosing_makes_the_patient_wording_again(alice_client, evaluation, bridge):
    edit(alice_client, evaluation, bridge, dosing=NEW_DOSING)
    bridge.refresh_from_db()
    assert bridge.dosing == NEW_DOSING
    assert bridge.patient_dosing == derived(bridge, NEW_DOSING)


def test_wording_the_clinician_typed_with_the_dosing_is_kept(alice_client, evaluation, bridge):
    edit(alice_client, evaluation, bridge, dosing=NEW_DOSING, patient_dosing=THEIR_WORDS)
    bridge.refresh_from_db()
    assert (bridge.dosing, bridge.patient_dosing) == (NEW_DOSING, THEIR_WORDS)


def test_old_wording_is_not_kept_for_a_new_dosing(bridge):
    update_item(item=bridge, dosing=bridge.dosing, clinician_note="", patient_dosing=THEIR_WORDS)
    update_item(item=bridge, dosing=NEW_DOSING, clinician_note="", patient_dosing=THEIR_WORDS)
    bridge.refresh_from_db()
    # Words written for the old dosing would contradict the new one.
    assert bridge.patient_dosing == derived(bridge, NEW_DOSING)


def test_emptied_wording_is_made_again_from_the_dosing(alice_client, evaluation, bridge):
    edit(alice_client, evaluation, bridge, patient_dosing="   ")
    bridge.refresh_from_db()
    assert bridge.patient_dosing == derived(bridge, bridge.dosing)


def test_feel_and_stop_are_edited_too(alice_client, evaluation, bridge):
    edit(alice_client, evaluation, bridge, patient_feel="Warm, not sharp", patient_stop="Sharp")
    bridge.refresh_from_db()
    assert (bridge.patient_feel, bridge.patient_stop) == ("Warm, not sharp", "Sharp")


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("patient_dosing", "3 × 10 at RPE 7", FOR_THE_PATIENT.format(words="RPE")),
        ("patient_feel", "Like a 6/10 on the NPRS", FOR_THE_PATIENT.format(words="NPRS")),
        ("patient_dosing", "x" * 501, "Ensure this value has at most 500 characters"),
    ],
)
def test_bad_wording_is_refused_next_to_the_field_and_nothing_typed_is_lost(
    alice_client, evaluation, bridge, field, typed, message
):
    before = PlanItem.objects.get(pk=bridge.pk)
    response = edit(alice_client, evaluation, bridge, dosing=NEW_DOSING, **{field: typed})
    assert response.status_code == 200
    page = response.content.decode()
    form = page.split(f'id="item-{bridge.pk}"')[1].split("</article>")[0]
    assert 'class="invalid-feedback"' in form and escape(message) in form
    # What was typed is still in the form, the dosing too.
    assert escape(typed) in form and escape(NEW_DOSING) in form
    bridge.refresh_from_db()
    assert (bridge.dosing, getattr(bridge, field)) == (before.dosing, getattr(before, field))


def test_a_signed_note_refuses_the_edit(alice_client, alice, evaluation, bridge):
    answer_red_flags_negative(evaluation)
    sign_evaluation(evaluation=evaluation, user=alice, password=TEST_PASSWORD)
    response = edit(alice_client, evaluation, bridge, patient_dosing=THEIR_WORDS, follow=True)
    assert SIGNED_NOTE_IS_READ_ONLY in response.content.decode()
    assert PlanItem.objects.get(pk=bridge.pk).patient_dosing == bridge.patient_dosing
    assert Evaluation.objects.get(pk=evaluation.pk).is_signed


def test_another_clinic_gets_404(client, charlie, evaluation, bridge):
    client.force_login(charlie)
    response = edit(client, evaluation, bridge, patient_dosing=THEIR_WORDS)
    assert response.status_code == 404
    assert PlanItem.objects.get(pk=bridge.pk).patient_dosing == bridge.patient_dosing


def test_the_plan_page_names_the_side_as_the_handout_does(alice_client, evaluation, bridge):
    sided = evaluation.plan_items.filter(kind=PlanItem.Kind.EXERCISE, removed=False).exclude(
        side=""
    )
    page = alice_client.get(reverse("evaluations:plan", args=[evaluation.public_id]))
    for item in sided:
        assert escape(item.patient_side) in page.content.decode()
