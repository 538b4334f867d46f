import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Evaluation
from evaluations.services.audit import history_of
from evaluations.services.plan_review import generate_plan
from evaluations.services.signing import add_addendum, sign_evaluation
from tests.factories import TEST_PASSWORD, answer_red_flags_negative, make_evaluation

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def evaluation(patient, alice):
    return make_evaluation(patient, alice)


def section_url(evaluation, slug):
    return reverse("evaluations:section", args=[evaluation.public_id, slug])


def test_a_save_from_a_stale_tab_is_refused_and_both_versions_are_shown(alice_client, evaluation):
    # Two tabs open the same draft at version 0; the first saves pain 4.
    first = alice_client.post(
        section_url(evaluation, "history"), {"version": "0", "pain_now": "4"}, **HTMX
    )
    assert "Saved" in first.content.decode()
    # The second, still at version 0, would overwrite it with 7.
    second = alice_client.post(
        section_url(evaluation, "history"), {"version": "0", "pain_now": "7"}, **HTMX
    )
    html = second.content.decode()
    assert "Not saved: this section changed elsewhere" in html
    assert "<td>Pain now</td><td>4</td><td>7</td>" in html
    evaluation.history.refresh_from_db()
    assert evaluation.history.pain_now == 4
    # Choosing "keep my version" resubmits with the version the server reported.
    third = alice_client.post(
        section_url(evaluation, "history"), {"version": "1", "pain_now": "7"}, **HTMX
    )
    assert "Saved" in third.content.decode()
    evaluation.history.refresh_from_db()
    assert evaluation.history.pain_now == 7


def test_a_stale_full_page_save_keeps_what_was_typed(alice_client, evaluation):
    alice_client.post(section_url(evaluation, "neural"), {"version": "0", "slr_angle_left": "60"})
    response = alice_client.post(
        section_url(evaluation, "neural"), {"version": "0", "slr_angle_left": "75"}
    )
    html = response.content.decode()
    assert 'data-testid="conflict"' in html
    assert 'name="slr_angle_left" value="75"' in html
    evaluation.neural.refresh_from_db()
    assert evaluation.neural.slr_angle_left == 60


def test_each_autosave_hands_the_page_its_new_version(alice_client, evaluation):
    response = alice_client.post(
        section_url(evaluation, "foot"), {"version": "0", "fpi_total": "3"}, **HTMX
    )
    assert (
        'name="version" value="1" id="version-foot" hx-swap-oob="true"' in response.content.decode()
    )


@pytest.fixture
def signed_with_addendum(seeded, evaluation, alice, alice_client):
    alice_client.get(evaluation.get_absolute_url())
    alice_client.post(
        section_url(evaluation, "history"),
        {"version": "0", "pain_now": "5", "sitting_hours_per_day": "9"},
    )
    generate_plan(evaluation=evaluation)
    answer_red_flags_negative(evaluation)
    sign_evaluation(evaluation=evaluation, user=alice, password=TEST_PASSWORD)
    add_addendum(evaluation=evaluation, author=alice, text="Called the patient.")
    return evaluation


def test_the_audit_trail_records_who_viewed_changed_signed_and_added(signed_with_addendum, alice):
    entries = list(history_of(signed_with_addendum))
    events = [entry.additional_data.get("event") for entry in entries]
    assert "viewed" in events and "signed" in events and "addendum added" in events
    changed = [
        e
        for e in entries
        if e.action == LogEntry.Action.UPDATE and "pain_now" in (e.changes_dict or {})
    ]
    assert changed and changed[0].actor == alice
    assert any(
        e.action == LogEntry.Action.CREATE and e.content_type.model == "planitem" for e in entries
    )


def test_a_clinic_admin_sees_the_notes_history(client, bob, signed_with_addendum):
    client.force_login(bob)
    page = client.get(reverse("evaluations:history", args=[signed_with_addendum.public_id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Signed" in html and "Addendum added" in html and "Viewed" in html


def test_a_clinician_cannot_open_the_history_page(alice_client, evaluation):
    response = alice_client.get(reverse("evaluations:history", args=[evaluation.public_id]))
    assert response.status_code == 403
    assert evaluation.patient.family_name not in response.content.decode()


def test_another_clinics_admin_gets_404_on_the_history(client, other_clinic, evaluation):
    from patients.models import Membership
    from tests.factories import make_clinician

    admin = make_clinician(other_clinic, "dora", role=Membership.Role.CLINIC_ADMIN)
    client.force_login(admin)
    response = client.get(reverse("evaluations:history", args=[evaluation.public_id]))
    assert response.status_code == 404


def test_drafts_older_than_a_week_are_highlighted_on_the_patient_page(alice_client, patient, alice):
    old = make_evaluation(patient, alice)
    Evaluation.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    make_evaluation(patient, alice)
    page = alice_client.get(patient.get_absolute_url()).content.decode()
    assert page.count('data-testid="stale-draft"') == 1
    assert "open for over a week" in page
