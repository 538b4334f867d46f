"""The seeded exercise library: loading it, keeping a clinic's edits, and the engine's view."""

import dataclasses
import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from evaluations.library import (
    engine_library,
    seed_exercise_library,
    set_active,
)
from evaluations.management.commands.load_library import LADDERS_SEEDED, SEEDED
from evaluations.models import Exercise, Pathway, Pillar
from evaluations.plan.engine import build_plan
from evaluations.plan.ladders import LADDERS
from evaluations.plan.library import SEED_PATH, Library, load_seed_library
from evaluations.plan.schema import snapshot_from_dict

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def with_sorted_tags(exercise):
    return dataclasses.replace(exercise, tags=tuple(sorted(exercise.tags)))


def test_the_seed_creates_all_40_exercises_with_pillars_pathways_and_steps():
    assert seed_exercise_library() == (40, 0)

    assert Exercise.objects.count() == 40
    diver = Exercise.objects.get(code="askling_diver")
    assert diver.number == 12
    assert [pillar.number for pillar in diver.pillars.all()] == [3, 4]
    assert {pathway.code for pathway in diver.pathways.all()} >= {"acute_strain", "lengthening"}
    assert len(diver.step_list) >= 2
    assert "\n" in diver.patient_steps
    hold = Exercise.objects.get(code="isometric_hamstring_hold")
    assert hold.source_keys == "RIO, TSMT, CLIF, ADV"
    assert hold.hold_seconds == 45
    assert not Exercise.objects.filter(pillars=None).exists()


def test_seeded_pathways_get_readable_names(seeded):
    assert Pathway.objects.get(code="tendinopathy").name == "Proximal hamstring tendinopathy"
    assert Pathway.objects.get(code="sij").name == "Sacroiliac joint pain"
    assert not Pathway.objects.filter(name__contains="_").exists()


def test_a_reseed_adds_nothing(seeded, django_assert_num_queries):
    # savepoint, the lookups of exercises and of ladders by code, savepoint release
    with django_assert_num_queries(4):
        assert seed_exercise_library() == (0, 40)
    assert Exercise.objects.count() == 40
    assert Pathway.objects.count() == len({t for e in load_seed_library() for t in e.tags})


def test_the_seed_writes_in_a_handful_of_queries(django_assert_max_num_queries):
    # At most ten for the exercises, three for the ladders (lookup, ladders, levels).
    with django_assert_max_num_queries(10 + 3):
        seed_exercise_library()


def test_an_admins_edit_survives_a_reseed(seeded):
    nordic = Exercise.objects.get(code="nordic_curl")
    nordic.dosing = "2 × 5, once a week, for our squad"
    nordic.active = False
    nordic.save()
    nordic.pathways.remove(Pathway.objects.get(code="length"))
    Pathway.objects.filter(code="sij").update(name="SIJ (our wording)")

    assert seed_exercise_library() == (0, 40)

    nordic.refresh_from_db()
    assert nordic.dosing == "2 × 5, once a week, for our squad"
    assert not nordic.active
    assert "length" not in {pathway.code for pathway in nordic.pathways.all()}
    assert Pathway.objects.get(code="sij").name == "SIJ (our wording)"


def test_a_reseed_adds_back_only_what_is_missing(seeded):
    Exercise.objects.filter(code="bird_dog").delete()

    assert seed_exercise_library() == (1, 39)
    bird_dog = Exercise.objects.get(code="bird_dog")
    assert {pathway.code for pathway in bird_dog.pathways.all()} == {
        "motor_control",
        "sij",
        "neural",
    }


def test_a_seed_file_with_an_unknown_pillar_writes_nothing(tmp_path):
    entries = json.loads(SEED_PATH.read_text())
    entries[5]["pillars"] = [9]
    broken = tmp_path / "exercises.json"
    broken.write_text(json.dumps(entries))

    with pytest.raises(ValidationError, match=entries[5]["code"]):
        seed_exercise_library(path=broken)
    assert not Exercise.objects.exists()


def test_the_command_says_what_it_added_and_kept():
    out = io.StringIO()
    call_command("load_library", stdout=out)
    call_command("load_library", stdout=out)

    assert out.getvalue().splitlines() == [
        SEEDED.format(added=40, kept=0),
        LADDERS_SEEDED.format(added=len(LADDERS), kept=0),
        SEEDED.format(added=0, kept=40),
        LADDERS_SEEDED.format(added=0, kept=len(LADDERS)),
    ]
    assert SEEDED.format(added=40, kept=0) == "Exercise library: 40 added, 0 already there."


def test_the_engine_library_matches_the_seed_the_engine_was_written_against(seeded):
    library = engine_library(clinic_id=None)

    assert isinstance(library, Library)
    assert len(library) == 40
    for seed in load_seed_library():
        assert with_sorted_tags(library.get(seed.code)) == with_sorted_tags(seed)


@pytest.mark.parametrize("example", sorted(path.name for path in EXAMPLES.glob("*.json")))
def test_the_demo_patients_get_the_same_plan_from_the_database_library(seeded, example):
    snapshot = snapshot_from_dict(json.loads((EXAMPLES / example).read_text()))

    from_database = build_plan(snapshot, engine_library(clinic_id=None))
    from_seed = build_plan(snapshot, Library(load_seed_library()))

    assert from_database.to_dict() == from_seed.to_dict()


def test_the_engine_library_leaves_out_inactive_exercises(seeded):
    Exercise.objects.filter(code="nordic_curl").update(active=False)
    set_active(exercises=Exercise.objects.filter(code="dead_bug"), active=False)

    library = engine_library(clinic_id=None)

    assert "nordic_curl" not in library
    assert "dead_bug" not in library
    assert len(library) == 38


def test_a_warm_engine_library_runs_two_small_queries(seeded, django_assert_num_queries):
    # The fingerprints, exercises, their pillars, their pathways, ladders, their levels.
    with django_assert_num_queries(7):
        first = engine_library(clinic_id=None)
    with django_assert_num_queries(2):  # the fingerprints of the exercises and the ladders
        assert engine_library(clinic_id=None) is first


def test_an_edit_by_another_process_is_seen_on_the_next_call(seeded):
    engine_library(clinic_id=None)
    # A bulk update sends no signal: like an edit made in another app process.
    Exercise.objects.filter(code="bridge_hold").update(
        plain_name="Changed elsewhere", updated_at=timezone.now()
    )
    assert engine_library(clinic_id=None).get("bridge_hold").plain_name == "Changed elsewhere"


def test_an_edit_is_visible_on_the_next_call(seeded):
    engine_library(clinic_id=None)
    bridge = Exercise.objects.get(code="bridge_hold")
    bridge.plain_name = "Bottom lift and hold"
    bridge.save()

    assert engine_library(clinic_id=None).get("bridge_hold").plain_name == "Bottom lift and hold"


def test_pillar_and_pathway_changes_are_visible_on_the_next_call(seeded):
    engine_library(clinic_id=None)
    bridge = Exercise.objects.get(code="bridge_hold")
    bridge.pillars.add(Pillar.objects.get(number=4))
    assert engine_library(clinic_id=None).get("bridge_hold").pillars == (3, 4)

    bridge.pathways.clear()
    assert engine_library(clinic_id=None).get("bridge_hold").tags == ()

    Pathway.objects.filter(code="sij").get().delete()
    assert "sij" not in engine_library(clinic_id=None).get("hip_thrust").tags


def test_switching_exercises_off_and_on_in_bulk_is_visible_on_the_next_call(seeded):
    engine_library(clinic_id=None)
    changed = set_active(exercises=Exercise.objects.filter(pillars__number=5), active=False)
    assert changed == 3
    assert {exercise.pillar for exercise in engine_library(clinic_id=None)} == {2, 3, 4}

    set_active(exercises=Exercise.objects.all(), active=True)
    assert len(engine_library(clinic_id=None)) == 40


def test_a_clinics_plan_uses_its_own_copy_and_another_clinic_keeps_the_shared_one(
    seeded, patient, alice, other_patient, charlie
):
    from evaluations.library import copy_to_clinic
    from evaluations.models import PlanItem
    from evaluations.services import plan_review
    from tests.factories import make_evaluation

    def planned(person, clinician):
        evaluation = make_evaluation(person, clinician, symptomatic_side="left")
        evaluation.history.pain_sitting = evaluation.history.sit_bone_pain = "yes"
        evaluation.history.save()
        evaluation.hamstring.puranen_orava = "positive_familiar"
        evaluation.hamstring.save()
        plan_review.generate_plan(evaluation=evaluation)
        return PlanItem.objects.filter(evaluation=evaluation, exercise__isnull=False)

    hillside_item = planned(other_patient, charlie).first()
    shared = hillside_item.exercise
    copy, _ = copy_to_clinic(exercise=shared, clinic_id=patient.clinic_id)
    Exercise.objects.filter(pk=copy.pk).update(patient_stop="Riverside's own stop rule")

    riverside_item = planned(patient, alice).get(code=shared.code)

    assert shared.clinic is None
    assert riverside_item.exercise == copy
    assert riverside_item.patient_stop == "Riverside's own stop rule"
    assert planned(other_patient, charlie).get(code=shared.code).exercise == shared
