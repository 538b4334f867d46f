"""Each clinic's time zone, on its pages and in both PDFs (issue 12, item 8)."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluations.reports.documents import render_report
from evaluations.services.plan_review import generate_plan
from evaluations.services.signing import add_addendum, sign_evaluation
from patients.models import Clinic
from tests.factories import TEST_PASSWORD, make_evaluation
from tests.reports.helpers import no_red_flags, text

# Thirteen hours ahead of UTC in December: a time printed in UTC cannot pass for it.
AUCKLAND = "Pacific/Auckland"


def as_shown(moment, zone, pattern="%Y-%m-%d %H:%M"):
    return timezone.localtime(moment, Clinic(time_zone=zone).zone).strftime(pattern)


@pytest.fixture
def signed(seeded, clinic, patient, alice):
    clinic.time_zone = AUCKLAND
    clinic.save()
    evaluation = make_evaluation(patient, alice)
    no_red_flags(evaluation)
    generate_plan(evaluation=evaluation)
    sign_evaluation(evaluation=evaluation, user=alice, password=TEST_PASSWORD)
    add_addendum(evaluation=evaluation, author=alice, text="Phoned the patient.")
    evaluation.refresh_from_db()
    return evaluation


def test_a_new_clinic_takes_the_servers_time_zone(db):
    assert Clinic.objects.create(name="New clinic").time_zone == settings.TIME_ZONE


def test_an_unknown_time_zone_is_refused(clinic):
    clinic.time_zone = "Mars/Olympus_Mons"
    with pytest.raises(ValidationError) as refused:
        clinic.full_clean()
    assert "time_zone" in refused.value.message_dict


def test_the_report_prints_times_in_the_clinics_zone_outside_any_request(signed):
    # No request and no activated zone: a management command renders the same way.
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE
    printed = text(render_report(signed)[2])
    addendum = signed.addenda.get()
    assert f"on {as_shown(signed.signed_at, AUCKLAND)} NZDT" in printed
    assert as_shown(addendum.created_at, AUCKLAND) in printed
    assert as_shown(signed.signed_at, "UTC") not in printed


def test_a_clinic_members_pages_show_times_in_the_clinics_zone(alice_client, signed):
    page = alice_client.get(signed.get_absolute_url()).content.decode()
    assert f"on {as_shown(signed.signed_at, AUCKLAND)}" in page
    assert as_shown(signed.signed_at, "UTC") not in page


def test_the_admin_edits_a_clinics_time_zone(admin_client, clinic):
    url = reverse("admin:patients_clinic_change", args=[clinic.pk])
    assert 'name="time_zone"' in admin_client.get(url).content.decode()
