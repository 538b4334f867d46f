"""Issue 14's done-when, in real Chromium: a new acute-strain patient's plan, one exercise moved
from the clinic into the home programme and another out of it (by keyboard), signed, and the
handout shows exactly the home programme, the side named, on at most three pages."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from evaluations.models import Evaluation
from evaluations.services.plan_parts import OVER_LIMIT_REASON_NEEDED
from tests.factories import TEST_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

STRAIN_FINDINGS = [
    ("history", {"onset": "sudden", "mechanism": "sprint", "pain_now": "3"}),
    (
        "hamstring",
        {
            "tender": "positive",
            "tender_distance_cm": "10",
            "resisted_knee_flexion_painful": "positive",
        },
    ),
]
REASON = "Trained the plank in clinic today; she is keen and has the time."


def new_patient_with_an_acute_strain(page):
    page.get_by_role("link", name="New patient").click()
    page.get_by_label("Given name").fill("Maya")
    page.get_by_label("Family name").fill("Okafor")
    page.get_by_label("Date of birth").fill("1991-04-12")
    page.get_by_label("Medical record number").fill("RPT-2001")
    page.get_by_role("button", name="Save patient").click()
    page.get_by_role("heading", name="Maya Okafor").wait_for()
    page.get_by_role("button", name="New evaluation").click()
    page.wait_for_url(re.compile(r"/evaluations/[0-9a-f-]{36}/$"))
    page.locator("#id_header_symptomatic_side").select_option("right")
    page.get_by_role("button", name="Save visit details").click()
    for slug, values in [("red-flags", None), *STRAIN_FINDINGS]:
        page.locator(f"#tab-{slug}").click()
        expect(page.locator(f"#section-{slug} form.section-form")).to_be_visible()
        if values is None:
            for select in page.locator("#section-red-flags select").all():
                select.select_option("no")
        else:
            for field, value in values.items():
                locator = page.locator(f"#id_{slug}_{field}")
                if locator.evaluate("el => el.tagName") == "SELECT":
                    locator.select_option(value)
                else:
                    locator.fill(value)
        expect(page.locator(f"#status-{slug}")).to_have_text(re.compile(r"^Saved"))
    return Evaluation.objects.get(patient__record_number="RPT-2001")


def item(page, code):
    return page.locator(f'[data-testid="plan-item"][data-code="{code}"]')


def codes(page, part):
    return page.locator(f'[data-testid="part-{part}"] [data-testid="plan-item"]').evaluate_all(
        "items => items.map(item => item.dataset.code)"
    )


def test_a_clinician_moves_items_signs_and_the_handout_shows_that_programme(
    page, log_in, alice, seeded
):
    log_in("alice", TEST_PASSWORD)
    evaluation = new_patient_with_an_acute_strain(page)
    page.get_by_role("link", name=re.compile("Plan and signing")).click()
    page.get_by_role("button", name="Make the plan from these findings").click()
    expect(page.get_by_test_id("stages")).to_contain_text("phase I")
    home = codes(page, "home")
    assert len(home) == 4 and "front_plank" in codes(page, "clinic")

    # In from the clinic, by mouse: the programme would be over the limit, so a reason.
    plank = item(page, "front_plank")
    plank.get_by_label("Move to").select_option("home")
    plank.get_by_role("button", name=re.compile("^Move")).click()
    expect(plank.get_by_test_id("move-error")).to_have_text(
        OVER_LIMIT_REASON_NEEDED.format(count=5, limit=4)
    )
    expect(plank.get_by_label(re.compile("why more than 4"))).to_be_focused()
    plank.get_by_label(re.compile("why more than 4")).fill(REASON)
    plank.get_by_role("button", name=re.compile("^Move")).click()
    expect(page.get_by_test_id("part-home").locator('[data-code="front_plank"]')).to_be_visible()
    expect(page.get_by_test_id("home-count")).to_contain_text("5 of at most 4")

    # Out to later, by keyboard only; then up, and the keyboard stays on the same button.
    leaving = home[2]
    page.locator(f'[data-code="{leaving}"] select[name="part"]').focus()
    page.keyboard.press("End")  # the last choice: Later
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("part-later").locator(f'[data-code="{leaving}"]')).to_be_visible()
    expect(page.get_by_test_id("home-count")).to_contain_text("4 of at most 4")
    up = page.locator('[data-code="front_plank"] button[value="up"]')
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#plan-status")).to_contain_text("moved up")
    expect(page.locator('[data-code="front_plank"] button[value="up"]')).to_be_focused()
    programme = codes(page, "home")
    assert programme == [home[0], home[1], "front_plank", home[3]]

    page.get_by_label("Your password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign the note").click()
    expect(page.get_by_test_id("status")).to_have_text("Signed")

    handout = page.get_by_test_id("handout-pdf").first
    response = page.request.get(handout.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    assert len(reader.pages) <= 3
    printed = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    items = {row.code: row for row in evaluation.plan_items.all()}
    named = [items[code].plain_name or items[code].name for code in programme]
    assert [printed.find(name) >= 0 for name in named] == [True] * 4
    assert printed.index(named[1]) < printed.index(named[2]) < printed.index(named[3])
    gone = items[leaving].plain_name or items[leaving].name
    assert gone not in printed
    assert "right" in printed.lower().split("your exercises", 1)[0]
    sides = [items[code].patient_side for code in programme]
    assert all("right" in side for side in sides)
    assert [side in printed for side in sides] == [True] * 4
