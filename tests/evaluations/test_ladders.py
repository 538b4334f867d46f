"""Progression ladders in the database: the seed round trip, each clinic's copy feeding its
own plans, and the clinic's home-programme limit reaching the engine."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from evaluations.library import (
    clinic_ladders,
    copy_ladder_to_clinic,
    engine_library,
    seed_exercise_library,
    set_active,
)
from evaluations.models import Exercise, Ladder, LadderLevel
from evaluations.plan.engine import build_plan
from evaluations.plan.ladders import LADDERS, ladder_errors
from evaluations.plan.plan_types import Part
from evaluations.plan.schema import snapshot_from_dict
from evaluations.services.plan_review import engine_plan
from tests.evaluations.test_plan_review import eric_like

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def example(name):
    return snapshot_from_dict(json.loads((EXAMPLES / f"{name}.json").read_text()))


def plan_at(clinic, name):
    return build_plan(example(name), engine_library(clinic_id=clinic.pk if clinic else None))


def part_of(plan, code):
    return next((item.part for item in plan.items if item.code == code), None)


def clinics_copy(clinic, code):
    copy, _ = copy_ladder_to_clinic(
        ladder=Ladder.objects.get(clinic=None, code=code), clinic_id=clinic.pk
    )
    return copy


def test_the_seed_loads_every_declared_ladder_as_the_engine_had_it(seeded):
    assert engine_library(clinic_id=None).ladders.ladders == LADDERS
    assert LadderLevel.objects.count() == sum(len(ladder.levels) for ladder in LADDERS)


def test_seeding_twice_adds_nothing_and_keeps_an_edit(seeded):
    level = LadderLevel.objects.get(ladder__code="hinge", rung=1)
    level.criterion = "Our own words."
    level.save()

    seed_exercise_library()

    assert Ladder.objects.count() == len(LADDERS)
    assert LadderLevel.objects.count() == sum(len(ladder.levels) for ladder in LADDERS)
    level.refresh_from_db()
    assert level.criterion == "Our own words."


def test_a_clinic_that_reorders_a_ladder_changes_only_its_own_plans(seeded, clinic, other_clinic):
    hinge = clinics_copy(clinic, "hinge")
    hinge.levels.filter(exercise_code="romanian_deadlift").update(rung=3)
    hinge.levels.filter(exercise_code="single_leg_rdl").update(rung=2)
    hinge.save()  # what the admin does: the ladder's save marks the library changed

    ours, theirs = plan_at(clinic, "craig"), plan_at(other_clinic, "craig")

    assert part_of(ours, "single_leg_rdl") == Part.LATER
    assert part_of(ours, "romanian_deadlift") is None
    assert part_of(theirs, "romanian_deadlift") == Part.LATER
    assert part_of(theirs, "single_leg_rdl") is None


def test_a_clinic_that_removes_a_level_skips_it_in_its_plans(seeded, clinic, other_clinic):
    bridge = clinics_copy(clinic, "bridge")
    bridge.levels.get(exercise_code="single_leg_bridge").delete()
    for level in bridge.levels.filter(rung__gt=4):
        level.rung -= 1
        level.save()

    assert part_of(plan_at(clinic, "eric"), "single_leg_bridge") is None
    assert part_of(plan_at(clinic, "eric"), "single_leg_bridge_box") == Part.LATER
    assert part_of(plan_at(other_clinic, "eric"), "single_leg_bridge") == Part.LATER


def test_a_copied_ladder_takes_the_shared_ones_place_in_the_clinics_library(seeded, clinic):
    copy = clinics_copy(clinic, "hinge")

    assert copy_ladder_to_clinic(
        ladder=Ladder.objects.get(clinic=None, code="hinge"), clinic_id=clinic.pk
    ) == (copy, False)
    mine = list(clinic_ladders(clinic_id=clinic.pk))
    assert [ladder.code for ladder in mine] == [ladder.code for ladder in LADDERS]
    assert copy in mine
    assert [level.as_plan_level() for level in copy.levels.all()] == list(
        Ladder.objects.get(clinic=None, code="hinge").as_plan_ladder().levels
    )


def test_a_switched_off_exercise_is_skipped_by_the_engine_and_flagged_on_its_ladder(seeded, clinic):
    set_active(exercises=Exercise.objects.filter(code="hip_hinge_dowel"), active=False)
    library = engine_library(clinic_id=clinic.pk)

    assert part_of(build_plan(example("craig"), library), "hip_hinge_dowel") is None
    assert ladder_errors(library.ladders.ladders, {e.code for e in library}) == [
        "Ladder 'hinge' level 1 names 'hip_hinge_dowel', which is not in the exercise "
        "library (deleted or switched off)."
    ]


def test_a_level_with_an_unknown_check_or_stage_is_refused_by_the_model(seeded):
    level = LadderLevel.objects.get(ladder__code="running", rung=2)
    level.capacity = [{"kind": "at_most", "subject": "R19"}]
    level.stage_limits = [{"pathway": "acute_strain", "stage": 4}]

    with pytest.raises(ValidationError) as refused:
        level.full_clean()

    assert "unknown check 'at_most'" in str(refused.value.message_dict["capacity"])
    assert "acute_strain has stages 1 to 3, not 4." in refused.value.message_dict["stage_limits"]


def test_the_clinics_home_programme_limit_reaches_the_plan(seeded, clinic, patient, alice):
    evaluation = eric_like(patient, alice)
    # A positive prone instability test adds the deep-core ladder: a fourth home exercise.
    evaluation.core.prone_instability = "positive"
    evaluation.core.save()
    by_default = engine_plan(evaluation).part_items(Part.HOME)
    assert len(by_default) == 4

    clinic.home_programme_limit = 3
    clinic.save()
    evaluation = type(evaluation).objects.select_related("patient__clinic").get(pk=evaluation.pk)
    plan = engine_plan(evaluation)

    assert plan.home_limit == 3
    assert plan.part_items(Part.HOME) == by_default[:3]


@pytest.mark.parametrize("limit", [2, 7])
def test_a_home_programme_limit_outside_3_to_6_is_refused(clinic, limit):
    clinic.home_programme_limit = limit
    with pytest.raises(ValidationError) as refused:
        clinic.full_clean()
    assert refused.value.message_dict["home_programme_limit"] == [
        "The home programme limit must be 3 to 6."
    ]
