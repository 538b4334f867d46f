"""The exercise library admin in Chromium, under the strict content security policy (issue 12
#12, #13): the page fixture fails the test on any blocked inline style or handler."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from evaluations.models import Exercise
from patients.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_change_import_and_export_pages_work_under_the_policy(page, log_in, settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("load_library", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    log_in("demo-admin", DEMO_PASSWORD)
    shared = Exercise.objects.get(clinic=None, code="bridge_hold")
    png = tmp_path / "bridge.png"
    from PIL import Image

    Image.new("RGB", (2400, 1200), "steelblue").save(png)

    # A shared exercise is read-only: the copy button makes the clinic's own.
    page.goto(reverse("admin:evaluations_exercise_change", args=[shared.pk]))
    page.get_by_role("button", name="Copy to my clinic's library").click()
    copy = Exercise.objects.get(code="bridge_hold", clinic__isnull=False)
    page.set_input_files("#id_image", str(png))
    page.get_by_role("button", name="Save and continue editing").click()
    preview = page.locator("img.exercise-illustration")
    expect(preview).to_be_visible()
    # The picture is served (behind login) and drawn: a broken image has no natural width.
    assert preview.evaluate("image => image.naturalWidth") == 1600
    assert copy.pk != shared.pk

    page.goto(reverse("admin:evaluations_exercise_import"))
    expect(page.get_by_label("File to import")).to_be_visible()

    page.goto(reverse("admin:evaluations_exercise_export"))
    fields = page.locator(
        '.selectable-field-export-row input[type="checkbox"]:not(#select-all-toggle)'
    )
    expect(fields.first).to_be_checked()
    page.get_by_text("Select all").click()
    assert fields.evaluate_all("boxes => boxes.filter(box => box.checked).length") == 0
    page.get_by_text("Select all").click()
    assert fields.evaluate_all("boxes => boxes.every(box => box.checked)")
