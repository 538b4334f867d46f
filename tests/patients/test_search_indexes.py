"""The search box's queries can use the indexes built for them (migration patients 0004), so a
clinic of 50 000 patients is searched through an index, not read whole (docs/performance.md)."""

import pytest
from django.db import connection

from patients.models import Patient
from patients.selectors import search_patients_for
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db


def plan_of(queryset):
    """PostgreSQL's plan with sequential scans priced out: a tiny test table would otherwise be
    read whole, index or not. What remains shows which indexes the query can use at all."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    try:
        return queryset.explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = on")


@pytest.fixture
def patients(clinic):
    """Enough patients, with fresh statistics, for the planner to weigh one patient's match
    against the whole clinic."""
    Patient.objects.bulk_create(
        PatientFactory.build(clinic=clinic, record_number=f"RPT-{n}") for n in range(2000, 2600)
    )
    PatientFactory(clinic=clinic, family_name="Gallagher", record_number="RPT-1001")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE patients_patient")


def test_a_record_number_is_found_through_its_index(alice, patients):
    plan = plan_of(search_patients_for(alice, "rpt-1001"))
    assert "patient_search_record_number" in plan


def test_a_name_prefix_is_found_through_the_name_indexes(alice, patients):
    plan = plan_of(search_patients_for(alice, "gal"))
    assert "patient_search_given_name" in plan
    assert "patient_search_family_name" in plan
    assert "Seq Scan" not in plan


def test_two_words_still_use_the_name_indexes(alice, patients):
    plan = plan_of(search_patients_for(alice, "sea gal"))
    assert "patient_search_family_name" in plan
