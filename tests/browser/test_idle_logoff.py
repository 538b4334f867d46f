import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_idle_page_warns_then_logs_out(page, log_in, alice, settings):
    # Four idle seconds instead of thirty minutes; the warning comes as early as it can.
    settings.SESSION_IDLE_SECONDS = 4
    log_in("alice", TEST_PASSWORD)
    warning = page.get_by_role("alertdialog")
    expect(warning).to_contain_text("logged out in one minute", timeout=4_000)

    # "Stay logged in" restarts the clock on the server and hides the warning.
    page.get_by_role("button", name="Stay logged in").click()
    expect(warning).to_be_hidden()

    # Left alone, the page logs out for real: the session is gone on the server.
    page.wait_for_url("**/login/**", timeout=10_000)
    page.goto("/patients/")
    assert "/login/" in page.url
