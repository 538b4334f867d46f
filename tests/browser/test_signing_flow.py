import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from evaluations.models import Evaluation
from patients.demo import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_review_sign_refuse_an_old_form_and_add_an_addendum(browser, page, log_in, settings):
    settings.DEBUG = True
    call_command("load_library", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    log_in("demo-pt", DEMO_PASSWORD)
    evaluation = Evaluation.objects.get(patient__record_number="RPT-1004")

    # A second tab keeps the draft's findings form open, as a forgotten tab would.
    old_tab = page.context.new_page()
    old_tab.goto(evaluation.get_absolute_url() + "?section=history")

    page.goto(evaluation.get_absolute_url())
    page.get_by_role("link", name=re.compile("Plan and signing")).click()
    page.get_by_role("button", name="Make the plan from these findings").click()
    expect(page.get_by_text("Review each item before signing")).to_be_visible()
    expect(page.get_by_test_id("precautions")).to_contain_text("hamstring stretching")

    # Take one item off, with a reason.
    item = page.locator('[data-testid="plan-item"][data-code="cadence_retraining"]')
    item.get_by_text("Edit or take off").click()
    item.get_by_label("Reason for taking it off").fill("Not running this month")
    item.get_by_role("button", name="Take off the plan").click()
    expect(page.get_by_test_id("removed-items")).to_contain_text("Not running this month")

    # Add one from the library by searching as you type.
    page.get_by_label("Find an exercise in the library").fill("side plank")
    page.get_by_role("button", name="Add Side plank / side bridge (knees → feet)").click()
    expect(page.locator('[data-testid="plan-item"][data-code="side_plank"]')).to_be_visible()
    # A fifth exercise at home, over the clinic's limit of four: one line says why.
    expect(page.get_by_test_id("home-count")).to_contain_text("5 of at most 4")
    page.get_by_label(re.compile("home programme has more than 4")).fill("Eric asked for more.")
    page.get_by_role("button", name="Save the reason").click()
    expect(page.locator("#plan-status")).to_contain_text("reason for the larger home programme")

    # Open "Why" on an item: the reasons and the findings behind them.
    hold = page.locator('[data-testid="plan-item"][data-code="isometric_hamstring_hold"]')
    hold.get_by_text(re.compile(r"^Why")).click()
    expect(hold).to_contain_text("Findings behind proximal hamstring tendinopathy")

    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Sign the note").click()
    expect(page.get_by_text("That password is not right")).to_be_visible()
    page.get_by_label("Your password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign the note").click()

    expect(page.get_by_test_id("signed-banner")).to_contain_text("Signed by")
    expect(page.get_by_test_id("status")).to_have_text("Signed")
    expect(page.locator("#id_history_pain_now")).to_be_disabled()
    expect(page.get_by_role("button", name=re.compile("^Save "))).to_have_count(0)

    # The old tab still shows the draft form; saving it is refused and nothing changes.
    old_tab.locator("#id_history_pain_now").fill("9")
    expect(old_tab.locator("#status-history")).to_contain_text("can no longer be changed")
    old_tab.get_by_role("button", name="Save history and symptoms").click()
    expect(old_tab.get_by_text("can no longer be changed")).to_be_visible()
    evaluation.history.refresh_from_db()
    assert evaluation.history.pain_now == 3

    page.get_by_label("New addendum").fill("Phoned Eric: sitting on a cushion helps.")
    page.get_by_role("button", name="Add addendum").click()
    expect(page.get_by_test_id("addendum")).to_contain_text("sitting on a cushion helps")

    evaluation.refresh_from_db()
    assert evaluation.is_signed
    codes = set(evaluation.plan_items.filter(removed=False).values_list("code", flat=True))
    assert "side_plank" in codes and "cadence_retraining" not in codes


def test_all_negative_names_the_unasked_questions_and_needs_one_confirmation(
    browser, page, log_in, settings
):
    from evaluations.services.plan_review import generate_plan
    from evaluations.services.signing import ALL_NEGATIVE_DONE, RED_FLAGS_UNANSWERED

    settings.DEBUG = True
    call_command("load_library", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    log_in("demo-pt", DEMO_PASSWORD)
    evaluation = Evaluation.objects.get(patient__record_number="RPT-1004")
    screen = evaluation.red_flags
    screen.cancer_night_pain = screen.dvt_pitting_oedema = ""
    screen.save()
    generate_plan(evaluation=evaluation)

    page.goto(evaluation.get_absolute_url() + "plan/")
    page.get_by_label("Your password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign the note").click()
    expect(page.get_by_text(RED_FLAGS_UNANSWERED.format(count=2))).to_be_visible()
    unasked = page.locator("#red-flags-unanswered")
    expect(unasked).to_contain_text("Unrelenting night or rest pain")
    expect(unasked).to_contain_text("Pitting oedema")

    # Without the confirmation the browser does not send it, and nothing is answered.
    unasked.get_by_role("button", name="Mark the unanswered as No").click()
    screen.refresh_from_db()
    assert screen.cancer_night_pain == ""
    unasked.get_by_label("I asked each of these questions and the answer was no.").check()
    unasked.get_by_role("button", name="Mark the unanswered as No").click()
    expect(page.get_by_text(ALL_NEGATIVE_DONE.format(count=2))).to_be_visible()
    expect(page.locator("#red-flags-unanswered")).to_have_count(0)

    page.get_by_label("Your password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign the note").click()
    expect(page.get_by_test_id("signed-banner")).to_contain_text("Signed by")
    screen.refresh_from_db()
    assert (screen.cancer_night_pain, screen.dvt_pitting_oedema) == ("no", "no")
