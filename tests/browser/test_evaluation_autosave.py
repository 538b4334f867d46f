"""Autosave in real Chromium: one save path, nothing typed lost, outages said and retried."""

import re

import pytest
from playwright.sync_api import expect

from evaluations.plan.rules.red_flags import RED_FLAGS
from evaluations.services.section_saving import CONFLICT
from evaluations.views.pages import AUTOSAVE_RETRYING
from tests.factories import TEST_PASSWORD, make_evaluation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CES = next(flag for flag in RED_FLAGS if flag.code == "RF_CES")
AVULSION = next(flag for flag in RED_FLAGS if flag.code == "RF_AVULSION")


@pytest.fixture
def evaluation(patient, alice):
    return make_evaluation(patient, alice, symptomatic_side="left")


@pytest.fixture
def section_page(page, log_in, alice, evaluation):
    """The evaluation page with one section open, as a logged-in clinician sees it."""

    def open_at(slug):
        log_in(alice.username, TEST_PASSWORD)
        page.goto(f"{evaluation.get_absolute_url()}?section={slug}")
        expect(page.locator(f"#section-{slug} form.section-form")).to_be_visible()
        return page

    return open_at


def is_save_of(slug):
    return lambda response: (
        response.url.endswith(f"/sections/{slug}/") and response.request.method == "POST"
    )


@pytest.mark.parametrize("how", ["button", "enter"])
def test_the_save_button_right_after_typing_saves_without_a_false_conflict(
    section_page, evaluation, how
):
    page = section_page("foot")
    page.locator("#id_foot_fpi_total").fill("7")
    if how == "button":
        # Leaving the field fires a save of its own, still running when the button is clicked.
        page.get_by_role("button", name="Save foot").click()
    else:
        page.locator("#id_foot_fpi_total").press("Enter")
    expect(page.locator("#status-foot")).to_have_text(re.compile(r"^Saved"))
    expect(page.get_by_test_id("conflict")).to_have_count(0)
    assert page.url.endswith("?section=foot")
    page.get_by_role("button", name="Save foot").click()
    expect(page.locator("#status-foot")).to_have_text(re.compile(r"^Saved"))
    expect(page.get_by_test_id("conflict")).to_have_count(0)
    evaluation.foot.refresh_from_db()
    assert evaluation.foot.fpi_total == 7


def test_a_save_from_another_tab_in_between_still_shows_both_versions(
    section_page, evaluation, page
):
    section_page("foot")
    other = page.context.new_page()
    other.goto(f"{evaluation.get_absolute_url()}?section=foot")
    other.locator("#id_foot_fpi_total").fill("3")
    other.get_by_role("button", name="Save foot").click()
    expect(other.locator("#status-foot")).to_have_text(re.compile(r"^Saved"))

    page.locator("#id_foot_fpi_total").fill("9")
    page.get_by_role("button", name="Save foot").click()
    conflict = page.get_by_test_id("conflict")
    expect(conflict).to_contain_text(CONFLICT)
    expect(conflict.locator("tbody tr")).to_have_text([re.compile(r"FPI-6 total\s*3\s*9")])
    evaluation.foot.refresh_from_db()
    assert evaluation.foot.fpi_total == 3
    page.get_by_role("button", name="Keep my version").click()
    expect(page.locator("#status-foot")).to_have_text(re.compile(r"^Saved"))
    evaluation.foot.refresh_from_db()
    assert evaluation.foot.fpi_total == 9


def saved_occupation(evaluation):
    evaluation.history.refresh_from_db()
    return evaluation.history.occupation


def test_text_typed_just_before_a_reload_is_sent_and_the_page_warns(section_page, evaluation):
    page = section_page("history")
    page.locator("#id_history_occupation").press_sequentially("Golf caddie")
    # Reload at once, well inside the pause autosave waits for after typing.
    with page.expect_event("dialog") as leaving:
        page.evaluate("() => { setTimeout(() => window.location.reload()); }")
    assert leaving.value.type == "beforeunload"
    # The save went out as the browser asked; a clinician reads the question before answering.
    for _ in range(100):
        if saved_occupation(evaluation):
            break
        page.wait_for_timeout(100)
    assert saved_occupation(evaluation) == "Golf caddie"
    leaving.value.accept()
    expect(page.locator("#id_history_occupation")).to_have_value("Golf caddie")


def test_a_failed_autosave_says_so_retries_and_then_says_saved(section_page, evaluation):
    page = section_page("history")
    failures = []

    def fail_twice(route):
        if len(failures) == 0:
            failures.append("aborted")
            route.abort("connectionrefused")
        elif len(failures) == 1:
            failures.append("503")
            route.fulfill(status=503, body="The database is not answering just now.")
        else:
            route.continue_()

    page.route(re.compile(r"/sections/history/$"), fail_twice)
    page.locator("#id_history_occupation").fill("Bus driver")
    status = page.locator("#status-history")
    expect(status).to_have_text(AUTOSAVE_RETRYING)
    evaluation.history.refresh_from_db()
    assert evaluation.history.occupation == ""
    expect(status).to_have_text(re.compile(r"^Saved"), timeout=15_000)
    assert failures == ["aborted", "503"]
    evaluation.history.refresh_from_db()
    assert evaluation.history.occupation == "Bus driver"


def test_a_positive_red_flag_shows_at_once_with_its_urgency_and_action(section_page):
    page = section_page("red-flags")
    badge = page.locator("#badge-red-flags")
    panel = page.locator("#derived-summary")
    for field in ("ces_saddle_numbness", "avulsion_pop", "avulsion_palpable_gap"):
        page.locator(f"#id_red-flags_{field}").select_option("yes")
    page.locator("#id_red-flags_cancer_history").select_option("no")
    expect(page.locator("#status-red-flags")).to_have_text(re.compile(r"^Saved"))
    expect(badge).to_have_class(re.compile("text-bg-danger"))
    expect(badge).to_contain_text("4")
    flags = panel.get_by_test_id("red-flag")
    expect(flags).to_have_count(2)
    expect(flags.nth(0)).to_contain_text("emergency")
    expect(flags.nth(0)).to_contain_text("saddle or perianal numbness")
    expect(flags.nth(0)).to_contain_text(CES.action)
    expect(flags.nth(1)).to_contain_text("urgent")
    expect(flags.nth(1)).to_contain_text(AVULSION.action)

    page.locator("#id_red-flags_ces_saddle_numbness").select_option("no")
    page.locator("#id_red-flags_avulsion_pop").select_option("no")
    page.locator("#id_red-flags_avulsion_palpable_gap").select_option("no")
    expect(flags).to_have_count(0)
    expect(badge).to_have_class(re.compile("text-bg-success"))
