import datetime
import io

import pytest
from django.core.management import call_command

from evaluations.models import Evaluation
from evaluations.plan.derived import derive
from evaluations.plan.snapshot import Bilateral, InjuryRegion, Provocation, Side
from evaluations.selectors import SECTION_ATTRS
from evaluations.services.snapshot_builder import (
    SECTION_BY_SNAPSHOT_NAME,
    SNAPSHOT_SECTIONS,
    build_snapshot,
)
from tests.factories import make_evaluation


def loaded(evaluation):
    return Evaluation.objects.select_related("patient", *SECTION_ATTRS).get(pk=evaluation.pk)


def test_every_snapshot_finding_has_a_field_to_come_from():
    for name, (_, plan) in SNAPSHOT_SECTIONS.items():
        model_fields = {f.name for f in SECTION_BY_SNAPSHOT_NAME[name]._meta.concrete_fields}
        for finding, bilateral, _ in plan:
            wanted = [f"{finding}_left", f"{finding}_right"] if bilateral else [finding]
            if finding == "old_injuries":
                continue
            assert set(wanted) <= model_fields, f"{name}.{finding}"


@pytest.fixture
def evaluation(patient, alice):
    return make_evaluation(patient, alice, symptomatic_side="right")


def test_not_tested_stays_none_and_negative_is_false(evaluation):
    evaluation.neural.crossed_slr = "negative"
    evaluation.neural.save()
    evaluation.red_flags.ces_saddle_numbness = "no"
    evaluation.red_flags.save()
    snapshot = build_snapshot(loaded(evaluation))
    assert snapshot.neural.crossed_slr is False
    assert snapshot.neural.slump_familiar_symptoms is None
    assert snapshot.red_flags.ces_saddle_numbness is False
    assert snapshot.red_flags.cancer_history is None


def test_bilateral_and_choice_findings_keep_their_types(evaluation):
    evaluation.hip.rom_flexion_left = 110
    evaluation.hip.hhd_hip_flexors_n_right = 212.5
    evaluation.hip.save()
    evaluation.pelvis.sij_compression = "positive_familiar"
    evaluation.pelvis.save()
    snapshot = build_snapshot(loaded(evaluation))
    assert snapshot.hip.rom_flexion == Bilateral(110.0, None)
    assert snapshot.hip.hhd_hip_flexors_n.right == 212.5
    assert snapshot.pelvis.sij_compression is Provocation.POSITIVE_FAMILIAR
    assert snapshot.symptomatic_side is Side.RIGHT


def test_an_old_injury_becomes_one_entry(evaluation):
    history = evaluation.history
    history.old_injury_region = "posterior_thigh"
    history.old_injury_kind = "surgery"
    history.old_injury_year = 1996
    history.old_injury_scar = "yes"
    history.save()
    (injury,) = build_snapshot(loaded(evaluation)).history.old_injuries
    assert injury.region is InjuryRegion.POSTERIOR_THIGH
    assert injury.scar is True
    assert injury.year == 1996


def test_age_is_taken_on_the_visit_date(evaluation):
    patient = evaluation.patient
    patient.date_of_birth = datetime.date(1980, 6, 15)
    patient.save()
    evaluation.visit_date = datetime.date(2026, 6, 14)
    evaluation.save()
    assert build_snapshot(loaded(evaluation)).age == 45


def test_previous_outcomes_feed_the_follow_up_rule(patient, alice):
    first = make_evaluation(patient, alice, visit_date=datetime.date(2026, 9, 1))
    first.history.pain_now = 7
    first.history.save()
    second = make_evaluation(patient, alice, visit_date=datetime.date(2026, 10, 13))
    second.history.pain_now = 3
    second.history.save()
    snapshot = build_snapshot(loaded(second), previous=loaded(first))
    assert snapshot.outcomes.nprs == 3
    assert snapshot.previous_outcomes.nprs == 7
    assert snapshot.previous_outcomes.weeks_ago == 6


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def demo_derived(record_number):
    evaluation = Evaluation.objects.select_related("patient", *SECTION_ATTRS).get(
        patient__record_number=record_number
    )
    return derive(build_snapshot(evaluation))


def test_the_demo_evaluations_fit_the_article(demo):
    sean, craig, brendan, eric = (
        demo_derived(n) for n in ("RPT-1001", "RPT-1002", "RPT-1003", "RPT-1004")
    )
    assert sean.sij.met is True
    assert eric.differentiation.picture == "tendinopathy"
    assert brendan.differentiation.picture == "mixed"
    assert brendan.differentiation.acute_strain
    assert brendan.differentiation.neural
    assert craig.differentiation.picture == "unclear"
    lsi = eric.lsi("hip.hhd_hip_flexors_n")
    assert lsi.involved_side == Side.LEFT and lsi.lsi_percent > 111
