"""Ladders as data the engine is given (no database): each library's own ladders drive its
plans, and what makes a ladder valid is checked item by item with words an admin can act on."""

from dataclasses import replace
from pathlib import Path

import pytest

from evaluations.plan.engine import build_plan
from evaluations.plan.ladders import (
    CHECK_SUBJECTS,
    GATE_RULES,
    LADDERS,
    Check,
    StageLimit,
    check_problem,
    ladder_errors,
    stage_limit_problem,
)
from evaluations.plan.library import Library, load_seed_library
from evaluations.plan.plan_types import Part
from evaluations.plan.schema import load_snapshot
from evaluations.plan.stages import STAGE_NAMES
from tests.plan.test_plan_prescription import STRAIN
from tests.plan.vignettes import LIBRARY, plan_for, vignette

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
SEED_CODES = {exercise.code for exercise in LIBRARY}


def with_ladder(ladder):
    """The seeded exercises with ``ladder`` in place of the seeded ladder of that code."""
    ladders = [ladder if seeded.code == ladder.code else seeded for seeded in LADDERS]
    return Library(load_seed_library(), ladders)


def parts(plan) -> dict:
    return {item.code: item.part for item in plan.items}


def ladder(code):
    return next(seeded for seeded in LADDERS if seeded.code == code)


def test_a_library_without_ladders_of_its_own_uses_the_seeded_ones():
    assert LIBRARY.ladders.ladders == LADDERS


def test_a_library_with_a_reordered_ladder_offers_its_own_next_level():
    craig = load_snapshot(EXAMPLES / "craig.json")
    dowel, rdl, single_leg = ladder("hinge").levels
    reordered = replace(
        ladder("hinge"), levels=(dowel, replace(single_leg, rung=2), replace(rdl, rung=3))
    )

    seeded, edited = (
        parts(build_plan(craig, LIBRARY)),
        parts(build_plan(craig, with_ladder(reordered))),
    )

    assert seeded["romanian_deadlift"] == Part.LATER and "single_leg_rdl" not in seeded
    assert edited["single_leg_rdl"] == Part.LATER and "romanian_deadlift" not in edited


def test_a_capacity_check_of_an_edited_ladder_starts_the_patient_higher():
    craig = load_snapshot(EXAMPLES / "craig.json")
    deep_core = ladder("deep_core")
    # A clinic starts every adult at the bird dog (a check any recorded age of 18+ meets).
    adults = replace(
        deep_core,
        levels=tuple(
            replace(level, capacity=(Check("at_least", "age", 18),))
            if level.code == "bird_dog"
            else level
            for level in deep_core.levels
        ),
    )

    seeded, edited = (
        parts(build_plan(craig, LIBRARY)),
        parts(build_plan(craig, with_ladder(adults))),
    )

    assert craig.age >= 18
    assert (seeded["dead_bug"], seeded["bird_dog"]) == (Part.HOME, Part.LATER)
    assert "dead_bug" not in edited
    assert edited["bird_dog"] == Part.HOME


def test_every_seeded_check_names_what_the_engine_can_read():
    for seeded in LADDERS:
        for level in seeded.levels:
            for check in level.capacity:
                assert check_problem(check) is None, (seeded.code, check)


def test_the_gates_a_check_may_name_are_the_gates_the_engine_reports():
    # An acute strain reports its phase gates; the demo patients the return-to-run gate.
    plans = [plan_for(vignette(STRAIN))]
    plans += [build_plan(load_snapshot(path), LIBRARY) for path in EXAMPLES.glob("*.json")]
    assert {gate.rule_id for plan in plans for gate in plan.gates} == set(GATE_RULES)


def test_check_subjects_are_the_snapshots_yes_no_and_number_findings():
    assert "core.pbu_able_to_hold" in CHECK_SUBJECTS["flag"]
    assert "hamstring.single_leg_bridge_reps" in CHECK_SUBJECTS["at_least"]
    assert "hamstring.single_leg_bridge_reps" not in CHECK_SUBJECTS["flag"]
    # An enum (a manual muscle test grade) is neither a yes/no nor a number.
    assert not any("mmt_hip_flexors" in s for kind in CHECK_SUBJECTS.values() for s in kind)
    # The previous visit's scores may be missing altogether, so no check reads them.
    assert not any(s.startswith("previous_outcomes.") for s in CHECK_SUBJECTS["at_least"])


# (the check, words of the problem)
BAD_CHECKS = [
    (Check("at_most", "hamstring.single_leg_bridge_reps", 3), "unknown check 'at_most'"),
    (Check("flag", "hamstring.single_leg_bridge_reps"), "no such yes/no finding"),
    (Check("at_least", "core.pbu_able_to_hold", 1), "no such number finding"),
    (Check("at_least", "hamstring.feels_fine", 1), "no such number finding"),
    (Check("gate", "R2"), "no such gate; the gates are R6, R7, R19."),
    (Check("at_least", "hamstring.single_leg_bridge_reps", "12"), "needs a number"),
]


@pytest.mark.parametrize(("check", "message"), BAD_CHECKS)
def test_a_bad_check_gets_a_clear_problem(check, message):
    assert message in check_problem(check)


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        (StageLimit("sij", 2), "unknown pathway 'sij': use acute_strain"),
        (StageLimit("acute_strain", 4), "acute_strain has stages 1 to 3, not 4."),
        (StageLimit("neural", 0), "neural has stages 1 to 2, not 0."),
        (StageLimit("hamstring_tendinopathy", 1.5), "has stages 1 to 2, not 1.5."),
    ],
)
def test_a_bad_stage_limit_gets_a_clear_problem(limit, message):
    assert message in stage_limit_problem(limit)


def test_every_stage_of_every_pathway_is_a_valid_limit():
    for pathway, names in STAGE_NAMES.items():
        for stage in range(1, len(names) + 1):
            assert stage_limit_problem(StageLimit(pathway, stage)) is None


def test_ladder_errors_name_the_level_of_a_bad_check_or_stage_limit():
    running = ladder("running")
    broken = replace(
        running,
        pathway="sij",
        levels=(
            replace(running.levels[0], stage_limits=(StageLimit("acute_strain", 9),)),
            replace(running.levels[1], capacity=(Check("gate", "R99"),)),
            running.levels[2],
        ),
    )

    errors = ladder_errors((broken,), SEED_CODES)

    assert errors == [
        "Ladder 'running': unknown pathway 'sij': use acute_strain, hamstring_tendinopathy, "
        "neural.",
        "Ladder 'running' level 1: acute_strain has stages 1 to 3, not 9.",
        "Ladder 'running' level 2: gate check 'R99': no such gate; the gates are R6, R7, R19.",
    ]


def test_a_check_naming_no_finding_counts_as_not_measured_instead_of_failing():
    """A row edited outside the admin must never stop a plan being made."""
    eccentric = ladder("eccentric")
    odd = replace(
        eccentric,
        levels=tuple(
            replace(level, capacity=(Check("flag", "hamstring.no_such_test"),))
            for level in eccentric.levels
        ),
    )
    craig = load_snapshot(EXAMPLES / "craig.json")
    assert build_plan(craig, with_ladder(odd)).items
