import datetime

import pytest

from patients.models import Patient
from tests.factories import TEST_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_therapist_creates_a_patient_fixes_a_bad_date_and_finds_them(page, log_in, alice):
    log_in("alice", TEST_PASSWORD)
    page.get_by_role("link", name="New patient").click()
    page.get_by_label("Given name").fill("Eric")
    page.get_by_label("Family name").fill("Lindqvist")
    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    page.get_by_label("Date of birth").fill(future)
    page.get_by_label("Medical record number").fill("RPT-1004")
    page.get_by_label("Occupation").fill("Project manager")
    page.get_by_role("button", name="Save patient").click()

    error = page.locator("#error_1_id_date_of_birth")
    assert error.inner_text() == "Date of birth cannot be in the future."
    assert page.get_by_label("Given name").input_value() == "Eric"
    assert page.get_by_label("Medical record number").input_value() == "RPT-1004"
    assert page.get_by_label("Occupation").input_value() == "Project manager"
    assert not Patient.objects.exists()

    page.get_by_label("Date of birth").fill("1980-11-05")
    page.get_by_role("button", name="Save patient").click()
    page.get_by_role("heading", name="Eric Lindqvist").wait_for()
    assert "1980-11-05" not in page.url and "Eric" not in page.url

    page.get_by_role("link", name="Patients", exact=True).first.click()
    page.get_by_label("Search patients").fill("lindq")
    page.get_by_role("button", name="Search").click()
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert "Lindqvist, Eric" in rows.first.inner_text()
    assert "lindq" not in page.url
