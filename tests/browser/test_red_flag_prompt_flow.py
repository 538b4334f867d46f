"""The 14-year-old sprinter: the adolescent prompt on the evaluation page, and no signature
until the question is answered again from it (issue 21)."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from evaluations.models import Evaluation
from evaluations.services.signing import PROMPT_NOT_ANSWERED
from tests.factories import TEST_PASSWORD, answer_red_flags_negative, make_evaluation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def the_sprinter(patient, clinician):
    today = timezone.localdate()
    patient.date_of_birth = today.replace(year=today.year - 14) - datetime.timedelta(days=30)
    patient.save()
    evaluation = make_evaluation(patient, clinician, symptomatic_side="right")
    evaluation.history.onset, evaluation.history.mechanism = "sudden", "sprint"
    evaluation.history.save()
    evaluation.hamstring.tender, evaluation.hamstring.tender_distance_cm = "positive", 0
    evaluation.hamstring.save()
    # Every question asked and answered no, the adolescent one among them.
    return answer_red_flags_negative(evaluation)


def test_the_adolescent_prompt_must_be_answered_before_signing(page, log_in, patient, alice):
    call_command("load_library", stdout=io.StringIO())
    evaluation = the_sprinter(patient, alice)
    log_in(alice.username, TEST_PASSWORD)

    page.goto(evaluation.get_absolute_url())
    prompt = page.get_by_test_id("red-flag-prompt")
    expect(prompt).to_contain_text("age 14; sudden onset; tender 0 cm from the sit bone")
    expect(prompt).to_contain_text("Skeletally immature, acute injury with ischial tenderness?")

    page.get_by_role("link", name=re.compile("Plan and signing")).click()
    expect(page.get_by_test_id("red-flag-prompt")).to_contain_text("RF_ADOLESCENT_ISCHIUM")
    page.get_by_role("button", name="Make the plan from these findings").click()
    page.get_by_label("Your password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign the note").click()
    refusal = PROMPT_NOT_ANSWERED.format(
        names="skeletally immature, acute injury with ischial tenderness"
    )
    expect(page.get_by_text(refusal)).to_be_visible()
    evaluation.refresh_from_db()
    assert evaluation.is_draft

    # Back beside the findings: ask the question again and record the answer.
    page.goto(evaluation.get_absolute_url())
    prompt = page.get_by_test_id("red-flag-prompt")
    prompt.get_by_label("No").check()
    prompt.get_by_role("button", name="Record the answer").click()
    expect(page.get_by_test_id("red-flag-prompt")).to_contain_text("✓ Asked again")

    page.get_by_role("link", name=re.compile("Plan and signing")).click()
    page.get_by_label("Your password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign the note").click()
    expect(page.get_by_test_id("status")).to_have_text("Signed")
    assert Evaluation.objects.get(pk=evaluation.pk).is_signed
