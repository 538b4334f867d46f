"""Findings that point at a red-flag question: the prompt, its answer and signing (issue 21)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.models import PlanItem, RedFlagConfirmation
from evaluations.services.integrity import ROWS_CHANGED
from evaluations.services.plan_review import add_free_item, apply_plan_changes, generate_plan
from evaluations.services.red_flag_prompts import (
    ANSWER_EVERY_QUESTION,
    NO_LONGER_PROMPTED,
    PromptRefused,
    answer_prompt,
    open_prompt_questions,
)
from evaluations.services.signing import (
    FLAG_AFTER_PLAN,
    JOINT_TECHNIQUE_PENDING,
    PROMPT_NOT_ANSWERED,
    SigningRefused,
    acknowledge_referral,
    check_ready_to_sign,
    sign_evaluation,
)
from tests.evaluations.test_signing import behind_the_triggers, problems_of, store_document
from tests.factories import TEST_PASSWORD, answer_red_flags_negative, make_evaluation

QUESTION = "adolescent_acute_ischial_injury"


def url(name, evaluation):
    return reverse(f"evaluations:{name}", args=[evaluation.public_id])


def years_ago(years):
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=30)


@pytest.fixture
def sprinter(seeded, patient, alice):
    """The issue's 14-year-old sprinter: sudden onset, tender 0 cm from the sit bone, the
    screen answered no throughout (the adolescent question among them)."""
    patient.date_of_birth = years_ago(14)
    patient.save()
    evaluation = make_evaluation(patient, alice, symptomatic_side="right")
    evaluation.history.onset, evaluation.history.mechanism = "sudden", "sprint"
    evaluation.history.save()
    evaluation.hamstring.tender, evaluation.hamstring.tender_distance_cm = "positive", 0
    evaluation.hamstring.save()
    answer_red_flags_negative(evaluation)
    generate_plan(evaluation=evaluation)
    return evaluation


def ready(evaluation):
    from evaluations.models import Evaluation
    from evaluations.selectors import SECTION_ATTRS

    note = Evaluation.objects.select_related("patient", *SECTION_ATTRS).get(pk=evaluation.pk)
    check_ready_to_sign(note)


def test_the_sprinter_cannot_be_signed_until_the_question_is_asked_again(sprinter, alice):
    with pytest.raises(SigningRefused) as refused:
        sign_evaluation(evaluation=sprinter, user=alice, password=TEST_PASSWORD)
    assert str(refused.value) == PROMPT_NOT_ANSWERED.format(
        names="skeletally immature, acute injury with ischial tenderness"
    )
    answer_prompt(evaluation=sprinter, rule_id="R0a", answers={QUESTION: "no"}, by=alice)
    sign_evaluation(evaluation=sprinter, user=alice, password=TEST_PASSWORD)
    sprinter.refresh_from_db()
    assert sprinter.is_signed


def test_the_answer_is_kept_with_the_findings_it_was_given_against(sprinter, alice):
    answer_prompt(evaluation=sprinter, rule_id="R0a", answers={QUESTION: "no"}, by=alice)
    confirmation = RedFlagConfirmation.objects.get(evaluation=sprinter, question=QUESTION)
    assert confirmation.answer == "no"
    assert confirmation.findings == ["age 14", "sudden onset", "tender 0 cm from the sit bone"]
    assert confirmation.confirmed_by == alice


def test_changing_a_cited_finding_asks_again(sprinter, alice):
    answer_prompt(evaluation=sprinter, rule_id="R0a", answers={QUESTION: "no"}, by=alice)
    sprinter.hamstring.tender_distance_cm = 2
    sprinter.hamstring.save()
    assert [q.name for q in open_prompt_questions(sprinter)] == [QUESTION]
    with pytest.raises(SigningRefused):
        ready(sprinter)


def test_changing_another_finding_keeps_the_answer(sprinter, alice):
    answer_prompt(evaluation=sprinter, rule_id="R0a", answers={QUESTION: "no"}, by=alice)
    sprinter.history.pain_now = 4
    sprinter.history.save()
    assert open_prompt_questions(sprinter) == []


def test_changing_the_answer_in_the_screen_afterwards_asks_again(sprinter, alice):
    answer_prompt(evaluation=sprinter, rule_id="R0a", answers={QUESTION: "no"}, by=alice)
    sprinter.red_flags.adolescent_acute_ischial_injury = ""
    sprinter.red_flags.save()
    assert [q.name for q in open_prompt_questions(sprinter)] == [QUESTION]


def test_a_yes_raises_the_flag_and_the_old_plan_cannot_be_signed(sprinter, alice):
    answer_prompt(evaluation=sprinter, rule_id="R0a", answers={QUESTION: "yes"}, by=alice)
    sprinter.refresh_from_db()
    assert sprinter.red_flags.adolescent_acute_ischial_injury == "yes"
    assert open_prompt_questions(sprinter) == []
    with pytest.raises(SigningRefused) as refused:
        ready(sprinter)
    assert str(refused.value) == FLAG_AFTER_PLAN.format(codes="RF_ADOLESCENT_ISCHIUM")
    apply_plan_changes(evaluation=sprinter)
    acknowledge_referral(
        evaluation=sprinter, code="RF_ADOLESCENT_ISCHIUM", action_taken="X-ray booked", by=alice
    )
    ready(sprinter)


def test_every_question_of_the_prompt_needs_an_answer(sprinter, alice):
    with pytest.raises(PromptRefused, match=ANSWER_EVERY_QUESTION):
        answer_prompt(evaluation=sprinter, rule_id="R0a", answers={}, by=alice)
    with pytest.raises(PromptRefused, match=ANSWER_EVERY_QUESTION):
        answer_prompt(evaluation=sprinter, rule_id="R0a", answers={QUESTION: "maybe"}, by=alice)
    assert not RedFlagConfirmation.objects.exists()


def test_a_prompt_the_findings_no_longer_raise_changes_nothing(sprinter, alice):
    with pytest.raises(PromptRefused, match=NO_LONGER_PROMPTED):
        answer_prompt(evaluation=sprinter, rule_id="R0c", answers={}, by=alice)


def test_the_evaluation_page_and_the_plan_page_show_the_prompt(sprinter, alice_client):
    for name in ("detail", "plan"):
        page = alice_client.get(url(name, sprinter)).content.decode()
        assert 'data-testid="red-flag-prompt"' in page, name
        assert "age 14; sudden onset; tender 0 cm from the sit bone" in page, name
        assert "Skeletally immature, acute injury with ischial tenderness?" in page, name


def test_answering_from_the_plan_page_returns_there(sprinter, alice_client):
    response = alice_client.post(
        url("red_flag_prompt_answer", sprinter),
        {"rule_id": "R0a", "page": "plan", f"answer_{QUESTION}": "no"},
    )
    assert response.url == url("plan", sprinter) + "#red-flag-prompts"
    assert open_prompt_questions(sprinter) == []
    page = alice_client.get(url("plan", sprinter)).content.decode()
    assert "✓ Asked again" in page


def test_an_unanswered_form_says_so_next_to_the_prompt(sprinter, alice_client):
    response = alice_client.post(
        url("red_flag_prompt_answer", sprinter), {"rule_id": "R0a"}, follow=True
    )
    assert ANSWER_EVERY_QUESTION in response.content.decode()


def test_another_clinic_cannot_answer_a_prompt(sprinter, client, charlie):
    client.force_login(charlie)
    response = client.post(
        url("red_flag_prompt_answer", sprinter), {"rule_id": "R0a", f"answer_{QUESTION}": "no"}
    )
    assert response.status_code == 404
    assert not RedFlagConfirmation.objects.exists()


@pytest.fixture
def sij_note(seeded, patient, alice):
    """Laslett 3/5 (R13): the plan asks for joint mobilisation."""
    evaluation = make_evaluation(patient, alice, symptomatic_side="left")
    pelvis = evaluation.pelvis
    pelvis.sij_distraction = pelvis.sij_thigh_thrust = "positive_familiar"
    pelvis.sij_compression = "positive_familiar"
    pelvis.sij_sacral_thrust = pelvis.sij_gaenslen = "negative"
    pelvis.save()
    return evaluation


def test_joint_mobilisation_is_pending_until_the_screen_and_then_proposed(sij_note, alice_client):
    generate_plan(evaluation=sij_note)
    sij_note.refresh_from_db()
    assert not sij_note.plan_items.filter(code="joint_mobilisation").exists()
    assert [p["code"] for p in sij_note.plan_data["pending"]] == ["joint_mobilisation"]
    page = alice_client.get(url("plan", sij_note)).content.decode()
    assert "Pending the red-flag screen" in page
    answer_red_flags_negative(sij_note)
    apply_plan_changes(evaluation=sij_note)
    assert sij_note.plan_items.filter(code="joint_mobilisation", removed=False).exists()


@pytest.fixture
def osteoporosis_referred(sij_note, alice):
    """The SIJ note with the osteoporosis question answered yes and its referral acted on."""
    answer_red_flags_negative(sij_note)
    sij_note.red_flags.fracture_osteoporosis = "yes"
    sij_note.red_flags.save()
    generate_plan(evaluation=sij_note)
    acknowledge_referral(
        evaluation=sij_note, code="RF_FRACTURE", action_taken="GP letter sent", by=alice
    )
    return sij_note


def test_a_joint_technique_cannot_be_signed_while_a_screen_question_is_yes(osteoporosis_referred):
    sij_note = osteoporosis_referred
    add_free_item(
        evaluation=sij_note, kind=PlanItem.Kind.MANUAL_THERAPY, pillar=2, name="Lumbar manipulation"
    )
    with pytest.raises(SigningRefused) as refused:
        ready(sij_note)
    assert str(refused.value) == JOINT_TECHNIQUE_PENDING.format(
        names="Lumbar manipulation", open="osteoporosis"
    )


def test_soft_tissue_work_is_not_held_back_by_the_screen(osteoporosis_referred):
    sij_note = osteoporosis_referred
    add_free_item(
        evaluation=sij_note,
        kind=PlanItem.Kind.MANUAL_THERAPY,
        pillar=2,
        name="Soft-tissue work to the glutes",
        dosing="In session, 5 minutes",
    )
    ready(sij_note)


def test_marking_the_unasked_as_no_does_not_answer_a_prompt(seeded, patient, alice):
    from evaluations.services.signing import mark_red_flags_negative

    patient.date_of_birth = years_ago(14)
    patient.save()
    evaluation = make_evaluation(patient, alice, symptomatic_side="right")
    evaluation.history.onset = "sudden"
    evaluation.history.save()
    evaluation.hamstring.tender, evaluation.hamstring.tender_distance_cm = "positive", 1
    evaluation.hamstring.save()
    mark_red_flags_negative(evaluation=evaluation, confirmed=True)
    assert [q.name for q in open_prompt_questions(evaluation)] == [QUESTION]


def signed_sprinter(sprinter, alice):
    answer_prompt(evaluation=sprinter, rule_id="R0a", answers={QUESTION: "no"}, by=alice)
    return sign_evaluation(evaluation=sprinter, user=alice, password=TEST_PASSWORD)


def test_the_answer_given_from_a_prompt_is_part_of_the_signed_document(sprinter, alice):
    signed = signed_sprinter(sprinter, alice)
    [confirmation] = signed.signed_content["red_flag_confirmations"]
    assert confirmation["question"] == QUESTION and confirmation["answer"] == "no"
    assert confirmation["findings"] == ["age 14", "sudden onset", "tender 0 cm from the sit bone"]
    assert confirmation["confirmed_by"] == alice.pk
    assert problems_of(signed) == []
    behind_the_triggers(
        "UPDATE evaluations_redflagconfirmation SET answer = 'yes' WHERE evaluation_id = %s",
        [signed.pk],
    )
    assert problems_of(signed) == [ROWS_CHANGED.format(part="red flag confirmations")]


def test_a_note_signed_before_the_answers_were_signed_verifies_but_not_a_later_answer(
    sprinter, alice
):
    signed = signed_sprinter(sprinter, alice)
    document = signed.signed_content
    del document["red_flag_confirmations"]
    store_document(signed, document)
    # Its answer predates the signature: what the clinician saw when signing.
    assert problems_of(signed) == []
    later = signed.signed_at + datetime.timedelta(minutes=5)
    behind_the_triggers(
        "UPDATE evaluations_redflagconfirmation SET confirmed_at = %s WHERE evaluation_id = %s",
        [later, signed.pk],
    )
    assert problems_of(signed) == [ROWS_CHANGED.format(part="red flag confirmations")]
