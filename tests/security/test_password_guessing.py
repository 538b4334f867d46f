"""Issue 20 #3: a password asked again behind a session is counted like a login."""

import logging

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from evaluations.services.audit import history_of
from evaluations.services.plan_review import generate_plan
from evaluations.services.signing import WRONG_PASSWORD
from patients.reauth import MAX_FAILURES, PASSWORD_CHECK_FAILED, SESSION_ENDED
from tests.factories import answer_red_flags_negative, make_evaluation


@pytest.fixture
def evaluation(seeded, patient, alice):
    evaluation = answer_red_flags_negative(make_evaluation(patient, alice))
    generate_plan(evaluation=evaluation)
    return evaluation


def test_wrong_sign_passwords_are_counted_logged_audited_and_end_the_session(
    alice_client, alice, evaluation, caplog
):
    sign_url = reverse("evaluations:sign", args=[evaluation.public_id])
    with caplog.at_level(logging.WARNING, logger="wholebody.security"):
        for _ in range(MAX_FAILURES - 1):
            response = alice_client.post(sign_url, {"password": "guess"})
            assert WRONG_PASSWORD in alice_client.get(response["Location"]).content.decode()
        last = alice_client.post(sign_url, {"password": "guess"}, follow=True)
    assert SESSION_ENDED in last.content.decode()
    assert last.redirect_chain[-1][0].startswith(reverse("login"))
    plan = alice_client.get(reverse("evaluations:plan", args=[evaluation.public_id]))
    assert plan.status_code == 302 and plan["Location"].startswith(reverse("login"))
    events = [e.additional_data.get("event") for e in history_of(evaluation)]
    assert events.count(PASSWORD_CHECK_FAILED) == MAX_FAILURES
    assert AccessAttempt.objects.get(username="alice").failures_since_start == MAX_FAILURES
    failures = [r.getMessage() for r in caplog.records if PASSWORD_CHECK_FAILED in r.getMessage()]
    assert len(failures) == MAX_FAILURES
    assert all(f"user={alice.pk}" in line and "alice" not in line for line in failures)
    evaluation.refresh_from_db()
    assert evaluation.is_draft


def test_wrong_old_passwords_on_the_password_page_end_the_session(alice_client, alice):
    data = {
        "old_password": "guess",
        "new_password1": "x-new-pass-9",
        "new_password2": "x-new-pass-9",
    }
    for _ in range(MAX_FAILURES - 1):
        response = alice_client.post(reverse("password_change"), data)
        assert response.status_code == 200
    last = alice_client.post(reverse("password_change"), data, follow=True)
    assert SESSION_ENDED in last.content.decode()
    assert alice_client.get(reverse("password_change")).status_code == 302
    assert AccessAttempt.objects.get(username="alice").failures_since_start == MAX_FAILURES
