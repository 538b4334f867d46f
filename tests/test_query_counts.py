"""The pages a therapist uses all day cost the same number of queries at any clinic size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluations.services.plan_review import generate_plan
from evaluations.services.signing import sign_evaluation
from tests.factories import (
    TEST_PASSWORD,
    PatientFactory,
    answer_red_flags_negative,
    make_evaluation,
)

pytestmark = pytest.mark.django_db


def queries_of(client, url):
    """Queries of one GET, after a first GET has filled the per-process caches."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def visits(patient, clinician, count):
    """`count` evaluations of the patient; the latest is returned."""
    return [make_evaluation(patient, clinician) for _ in range(count)][-1]


def planned(evaluation):
    generate_plan(evaluation=evaluation)
    evaluation.refresh_from_db()
    return evaluation


def signed(evaluation, clinician):
    evaluation = answer_red_flags_negative(planned(evaluation))
    sign_evaluation(evaluation=evaluation, user=clinician, password=TEST_PASSWORD)
    evaluation.refresh_from_db()
    return evaluation


def test_patient_list_costs_the_same_for_3_and_30_patients(alice_client, clinic):
    PatientFactory.create_batch(3, clinic=clinic)
    few = queries_of(alice_client, reverse("patients:list"))
    PatientFactory.create_batch(27, clinic=clinic)
    assert queries_of(alice_client, reverse("patients:list")) == few


def test_patient_search_costs_the_same_for_3_and_30_patients(alice_client, clinic):
    PatientFactory.create_batch(3, clinic=clinic, family_name="Gallagher")
    alice_client.post(reverse("patients:list"), {"q": "gal"})
    few = queries_of(alice_client, reverse("patients:list"))
    PatientFactory.create_batch(27, clinic=clinic, family_name="Gallagher")
    assert queries_of(alice_client, reverse("patients:list")) == few


def test_evaluation_page_costs_the_same_for_1_and_5_visits(alice_client, alice, clinic, patient):
    first = make_evaluation(patient, alice)
    few = queries_of(alice_client, first.get_absolute_url())
    PatientFactory.create_batch(30, clinic=clinic)
    fifth = visits(patient, alice, 4)
    assert queries_of(alice_client, fifth.get_absolute_url()) == few


def test_plan_page_costs_the_same_for_1_and_5_visits(alice_client, alice, clinic, patient, seeded):
    first = planned(make_evaluation(patient, alice))
    few = queries_of(alice_client, reverse("evaluations:plan", args=[first.public_id]))
    PatientFactory.create_batch(30, clinic=clinic)
    fifth = planned(visits(patient, alice, 4))
    url = reverse("evaluations:plan", args=[fifth.public_id])
    assert queries_of(alice_client, url) == few


def test_signed_note_costs_the_same_for_1_and_5_visits(
    alice_client, alice, clinic, patient, seeded
):
    first = signed(make_evaluation(patient, alice), alice)
    few = queries_of(alice_client, first.get_absolute_url())
    PatientFactory.create_batch(30, clinic=clinic)
    fifth = signed(visits(patient, alice, 4), alice)
    assert queries_of(alice_client, fifth.get_absolute_url()) == few


def test_patient_page_costs_the_same_for_1_and_10_visits(alice_client, alice, patient):
    make_evaluation(patient, alice)
    few = queries_of(alice_client, patient.get_absolute_url())
    visits(patient, alice, 9)
    assert queries_of(alice_client, patient.get_absolute_url()) == few


def test_a_signed_note_from_the_cache_reads_none_of_its_findings(
    alice_client, alice, patient, seeded
):
    from django.core.cache import cache

    note = signed(make_evaluation(patient, alice), alice)
    cache.clear()
    with CaptureQueriesContext(connection) as first:
        assert alice_client.get(note.get_absolute_url()).status_code == 200
    with CaptureQueriesContext(connection) as cached:
        assert alice_client.get(note.get_absolute_url()).status_code == 200
    # Drawing the findings reads the note with its sections once; the cache spares that read.
    assert len(cached) == len(first) - 1
    assert not any("evaluations_history" in query["sql"] for query in cached)
