"""The prescription (DOMAIN.md §9): ladders, the stage of each pathway, the level it allows,
the next level, the home programme and its limit, sides, stage text and evidence."""

from dataclasses import replace

import pytest

from evaluations.plan.engine import NO_HOME_WHILE_BLOCKED
from evaluations.plan.ladders import LADDERS, Ladder, Level, ladder_errors
from evaluations.plan.plan_types import Part
from evaluations.plan.prescription import HOME_LIMIT_RANGE, NOTHING_INDICATED
from evaluations.plan.stages import DECIDE_NERVE, DECIDE_TENDON, DECIDE_TENDON_MORNING
from tests.plan.vignettes import (
    LIBRARY,
    SCREEN_CLEAR,
    current_codes,
    later_codes,
    plan_for,
    sij,
    vignette,
)

STRAIN = {
    "symptomatic_side": "right",
    "history": {"onset": "sudden", "mechanism": "sprint", "pain_now": 3},
    "hamstring": {"tender": True, "tender_distance_cm": 10, "resisted_knee_flexion_painful": True},
}
R6_MET = {
    "function": {"walking_normal_stride_pain_free": True, "slow_jog_pain_free": True},
    "hamstring": {"submax_isometric_90_pain_free": True},
}
R6_NOT_MET = {"function": {"walking_normal_stride_pain_free": False}}
R7_MET = {
    "hamstring": {
        "knee_flexor_mmt_90": {"right": "5"},
        "knee_flexor_mmt_15": {"right": "5"},
        "knee_flexor_test_painful": False,
        "h_test_insecurity": 0,
    },
    "hip": {"hhd_knee_flexors_n": {"left": 200, "right": 195}},
    "neural": {"slr_angle": {"left": 85, "right": 82}},
    "function": {"sport_speed_pain_free": True},
}
TENDON = {
    "history": {"sit_bone_pain": True, "pain_sitting": True, "pain_now": 3},
    "hamstring": {"puranen_orava": "positive_familiar"},
}
NERVE = {
    "neural": {
        "slump_familiar_symptoms": True,
        "slump_changes_with_neck": True,
        "slump_asymmetric": True,
    }
}


def load_test(pain, settled):
    return {"function": {"load_test_pain": pain, "load_test_settled_next_morning": settled}}


def stage_of(plan, pathway):
    [found] = [stage for stage in plan.stages if stage.pathway == pathway]
    return found


def part_of(plan, code):
    item = plan.item(code)
    return item.part if item else None


# (pathway, findings, stage number, the words of the reason, what would decide it)
STAGE_VIGNETTES = [
    (
        "acute_strain",
        STRAIN,
        1,
        "normal walking stride without pain not yet tested",
        "Test normal walking stride without pain, very slow jog without pain",
    ),
    (
        "acute_strain",
        [STRAIN, R6_NOT_MET],
        1,
        "normal walking stride without pain not met",
        "Test very slow jog without pain",
    ),
    ("acute_strain", [STRAIN, R6_MET], 2, "R6 met; knee flexors 5/5", "to see whether phase III"),
    ("acute_strain", [STRAIN, R6_MET, R7_MET], 3, "R6 and R7 gates are met", ""),
    ("hamstring_tendinopathy", TENDON, 1, "load test is not done yet", DECIDE_TENDON),
    ("hamstring_tendinopathy", [TENDON, load_test(5, True)], 1, "4–5/10", ""),
    ("hamstring_tendinopathy", [TENDON, load_test(7, False)], 1, "above 5/10", ""),
    ("hamstring_tendinopathy", [TENDON, load_test(2, None)], 1, "4–5/10", DECIDE_TENDON_MORNING),
    ("hamstring_tendinopathy", [TENDON, load_test(3, True)], 2, "stayed ≤ 3/10", ""),
    ("neural", NERVE, 1, "pain now not recorded", DECIDE_NERVE),
    ("neural", [NERVE, {"history": {"pain_now": 7}}], 1, "pain now 7/10", ""),
    ("neural", [NERVE, {"history": {"pain_now": 6}}], 2, "pain below 7/10", ""),
    (
        "neural",
        [NERVE, {"history": {"pain_now": 2}, "neural": {"reflex_deficit": True}}],
        1,
        "a reduced reflex",
        "",
    ),
]


def findings(given):
    return vignette(*(given if isinstance(given, list) else [given]))


@pytest.mark.parametrize(("pathway", "given", "number", "why", "decide"), STAGE_VIGNETTES)
def test_the_stage_of_each_pathway_follows_its_gate(pathway, given, number, why, decide):
    stage = stage_of(plan_for(findings(given)), pathway)
    assert stage.number == number
    assert why in stage.reason
    assert decide in stage.to_decide if decide else stage.to_decide == ""


def test_the_plan_says_the_strain_stage_and_why_in_words():
    stage = stage_of(plan_for(vignette(STRAIN)), "acute_strain")
    assert stage.reason.startswith("phase I: normal walking stride without pain not yet tested")
    assert stage.to_decide.endswith("to stage the strain.")


# (findings, the stage's current level, the next level offered, levels never current now)
LEVEL_VIGNETTES = [
    (
        [STRAIN],
        {"bent_knee_bridge", "prone_isometric_knee_flexion", "single_limb_balance"},
        {"bridge_hold", "slider_hamstring_curl"},
        {"bridge_walkouts", "askling_extender", "romanian_deadlift", "nordic_curl"},
    ),
    (
        [STRAIN, R6_MET, {"history": {"previous_hamstring_strains": 1}}],
        {"bridge_walkouts", "balance_trunk_lean", "askling_extender"},
        {"askling_diver", "lunge_walk_rotation", "single_leg_bridge"},
        {"nordic_curl", "askling_glider", "bent_knee_bridge"},
    ),
    (
        [STRAIN, R6_MET, R7_MET, {"history": {"previous_hamstring_strains": 1}}],
        {"nordic_curl", "askling_extender"},
        {"askling_diver"},
        {"askling_glider"},
    ),
    (
        [TENDON],
        {"isometric_hamstring_hold", "bridge_hold"},
        {"slider_hamstring_curl"},
        {"romanian_deadlift", "nordic_curl", "single_leg_bridge_box"},
    ),
    (
        [TENDON, load_test(2, True)],
        {"slider_hamstring_curl", "romanian_deadlift"},
        {"single_leg_rdl"},
        {"isometric_hamstring_hold", "nordic_curl"},
    ),
    (
        [NERVE, {"history": {"pain_now": 8}}],
        {"sciatic_nerve_slider"},
        {"sciatic_nerve_tensioner"},
        {"sciatic_nerve_tensioner"},
    ),
    (
        [NERVE, {"history": {"pain_now": 3}}],
        {"sciatic_nerve_slider"},
        {"sciatic_nerve_tensioner"},
        {"sciatic_nerve_tensioner"},
    ),
]


@pytest.mark.parametrize(("given", "now", "next_levels", "never"), LEVEL_VIGNETTES)
def test_each_stage_prescribes_its_level_and_offers_the_next(given, now, next_levels, never):
    plan = plan_for(findings(given))
    assert now <= set(current_codes(plan))
    assert next_levels <= set(later_codes(plan))
    assert never.isdisjoint(current_codes(plan))
    for code in next_levels:
        assert plan.item(code).next_step.startswith("When: ")


def test_the_current_level_says_what_comes_next_and_when():
    plan = plan_for(vignette(STRAIN))
    bridge = plan.item("bent_knee_bridge")
    assert bridge.next_step == (
        "Next: Bridge hold, hip neutral, when: Bent-knee bridge holds are pain-free (10 × 5 s)."
    )


def test_an_irritable_nerve_shows_the_tensioner_only_as_later_and_marked():
    plan = plan_for(vignette(NERVE, history={"pain_now": 8}))
    tensioner = plan.item("sciatic_nerve_tensioner")
    assert tensioner.part == Part.LATER
    assert tensioner.conflicts == (
        "No tensioners while the nerve is irritable (pain 7/10 or more, or not recorded).",
    )


def test_a_measured_capacity_starts_the_ladder_higher():
    weak = {"hip": {"mmt_hip_extensors": {"left": "4", "right": "5"}}}
    plan = plan_for(vignette(weak))
    assert "bent_knee_bridge" in current_codes(plan)
    strong = {"hamstring": {"single_leg_bridge_reps": {"left": 14, "right": 25}}}
    plan = plan_for(vignette(weak, strong))
    assert "single_leg_bridge_box" in current_codes(plan)
    assert "bent_knee_bridge" not in current_codes(plan)
    assert "bent_knee_bridge" in [held.code for held in plan.held_back]


def test_a_clinic_only_level_brings_the_home_level_below_it():
    plan = plan_for(
        vignette(
            hip={"mmt_hip_extensors": {"left": "4", "right": "5"}},
            hamstring={"single_leg_bridge_reps": {"left": 22, "right": 25}},
        )
    )
    assert part_of(plan, "hip_thrust") == Part.CLINIC
    assert part_of(plan, "single_leg_bridge_box") == Part.HOME


def test_no_running_while_a_strain_forbids_it():
    runner = {"gait": {"runner": True, "overstriding": True}}
    plan = plan_for(vignette(STRAIN, runner))
    assert "cadence_retraining" not in current_codes(plan)
    assert "walk_run_progression" not in current_codes(plan)
    assert "R19" not in [gate.rule_id for gate in plan.gates]


# The runner of issue 14: 35, three weeks after a right sprint strain, phase I.
RUNNER = vignette(
    STRAIN, {"age": 35, "history": {"weeks_since_onset": 3}, "gait": {"runner": True}}
)


def test_the_phase_one_runner_gets_four_safe_home_exercises_for_the_right_leg():
    plan = plan_for(RUNNER)
    home = plan.part_items(Part.HOME)
    assert [item.code for item in home] == [
        "bent_knee_bridge",
        "side_plank",
        "single_limb_balance",
        "prone_isometric_knee_flexion",
    ]
    assert {item.side for item in plan.items if item.kind == "exercise"} == {"right"}
    assert plan.item("strain_phases").side == ""
    assert {item.stage for item in home} == {"acute strain phase I"}
    late = {"romanian_deadlift", "single_leg_rdl", "single_leg_bridge_box", "nordic_curl"}
    assert late.isdisjoint(current_codes(plan))


@pytest.mark.parametrize("limit", [3, 4, 5, 6])
def test_the_home_programme_keeps_to_the_clinics_limit(limit):
    busy = vignette(
        STRAIN,
        sij(3),
        history={"sitting_hours_per_day": 9},
        gait={"trendelenburg": {"right": True}},
        hip={"mmt_hip_flexors": {"left": "4"}},
    )
    plan = plan_for(busy, home_limit=limit)
    assert len(plan.part_items(Part.HOME)) == limit
    assert plan.home_limit == limit


@pytest.mark.parametrize("limit", [2, 7])
def test_a_limit_outside_three_to_six_is_refused(limit):
    with pytest.raises(ValueError, match=HOME_LIMIT_RANGE):
        plan_for(vignette(STRAIN), home_limit=limit)


def test_education_items_are_listed_apart_and_do_not_count():
    plan = plan_for(vignette(TENDON, {"history": {"sitting_hours_per_day": 9}}))
    assert part_of(plan, "sitting_breaks") == Part.EDUCATION
    assert "sitting_breaks" not in [item.code for item in plan.part_items(Part.HOME)]


def test_manual_therapy_and_equipment_items_are_in_clinic():
    plan = plan_for(vignette(sij(3)))
    for code in ("joint_mobilisation", "soft_tissue_mobilisation"):
        assert part_of(plan, code) == Part.CLINIC


def test_nothing_indicated_gives_an_empty_home_programme_with_a_reason():
    plan = plan_for(vignette())
    assert plan.part_items(Part.HOME) == ()
    assert plan.home_empty_reason == NOTHING_INDICATED


def test_a_blocked_plan_says_why_there_is_no_home_programme():
    plan = plan_for(vignette(red_flags={**SCREEN_CLEAR, "ces_saddle_numbness": True}))
    assert plan.blocked and plan.home_empty_reason == NO_HOME_WHILE_BLOCKED


def test_the_primary_picture_comes_before_contributing_factors():
    plan = plan_for(vignette(TENDON, {"foot": {"heel_raise_count": {"left": 10, "right": 25}}}))
    home = [item.code for item in plan.part_items(Part.HOME)]
    assert home.index("isometric_hamstring_hold") < home.index("calf_raise")


def test_the_weak_opposite_hip_flexor_names_its_own_side():
    plan = plan_for(vignette(hip={"mmt_hip_flexors": {"left": "5", "right": "4-"}}))
    assert plan.item("standing_psoas_march").side == "right"


def test_findings_on_both_sides_say_per_side():
    plan = plan_for(vignette(gait={"trendelenburg": {"left": True, "right": True}}))
    assert plan.item("side_lying_hip_abduction").side == "both"


def test_a_sacroiliac_plan_shows_no_strain_phase_text():
    plan = plan_for(vignette(sij(3), {"hamstring": {"single_leg_bridge_reps": {"left": 8}}}))
    for item in plan.items:
        assert "phase" not in (item.dosing + item.cautions).lower(), item.code
    assert plan.item("bent_knee_bridge").dosing == "10 × 5 s holds daily."


def test_a_strain_plan_shows_no_tendinopathy_text():
    plan = plan_for(vignette(STRAIN))
    for item in plan.items:
        assert "tendinopathy" not in (item.dosing + item.cautions).lower(), item.code
    assert plan.item("stationary_bike").cautions == ""


def test_the_strain_text_is_for_the_current_phase():
    plan = plan_for(vignette(STRAIN))
    assert plan.item("side_plank").dosing == "5 × 10 s → longer holds"


def test_the_dosing_never_carries_a_phase_mark_the_item_names_its_stage():
    plan = plan_for(vignette(STRAIN))
    for item in plan.items:
        assert "(phase" not in item.dosing and "phase I)" not in item.dosing, item.code
    assert "phase I" in plan.item("side_plank").stage


def test_an_item_for_one_side_never_says_per_side():
    plan = plan_for(vignette(hip={"mmt_hip_flexors": {"left": "5", "right": "4-"}}))
    march = plan.item("standing_psoas_march")
    assert march.side == "right" and "per side" not in march.dosing
    both = plan_for(vignette(hip={"mmt_hip_flexors": {"left": "4-", "right": "4-"}}))
    assert "per side" in both.item("standing_psoas_march").dosing


def test_evidence_is_the_weaker_of_the_rule_and_the_exercise():
    plan = plan_for(vignette(core={"prone_instability": True}))
    # R14 is CPG; dead bug's own evidence is low; the hip-hinge drill is low too.
    assert plan.item("dead_bug").evidence_level == "low"
    hinge = plan_for(vignette(pelvis={"centralisation": True})).item("hip_hinge_dowel")
    assert hinge.evidence_level == "low"


def test_the_seeded_ladders_are_sound():
    assert ladder_errors(LADDERS, {exercise.code for exercise in LIBRARY}) == []


def test_the_seeded_ladders_follow_domain_section_nine():
    numbers = {exercise.code: exercise.number for exercise in LIBRARY}
    chains = {ladder.code: [numbers[level.code] for level in ladder.levels] for ladder in LADDERS}
    assert chains["bridge"] == [3, 2, 4, 5, 6, 7]
    assert chains["hinge"] == [33, 8, 9]
    assert chains["tendon"] == [1, 2, 15, 8, 9]
    assert chains["eccentric"] == [14, 15, 10]
    assert chains["lengthening"] == [11, 12, 13]
    assert chains["deep_core"] == [23, 18, 19, 20, 21, 22]
    assert chains["neural"] == [31, 32]
    assert chains["running"] == [38, 40, 39]


BRIDGE = LADDERS[0]
# (what is wrong, the ladder, words of the error)
BAD_LADDERS = [
    ("a gap", replace(BRIDGE, levels=BRIDGE.levels[:1] + BRIDGE.levels[2:]), "has a gap"),
    (
        "a cycle",
        replace(BRIDGE, levels=(*BRIDGE.levels, Level(7, "bent_knee_bridge", "Again."))),
        "has a cycle: 'bent_knee_bridge'",
    ),
    (
        "a deleted exercise",
        replace(BRIDGE, levels=(*BRIDGE.levels, Level(7, "gone_exercise", "Later."))),
        "names 'gone_exercise', which is not in the exercise library",
    ),
    ("no levels", Ladder("empty", "Empty", ()), "has no levels"),
    (
        "no criterion",
        replace(BRIDGE, levels=(*BRIDGE.levels, Level(7, "nordic_curl", " "))),
        "level 7 has no criterion",
    ),
]


@pytest.mark.parametrize(("problem", "ladder", "message"), BAD_LADDERS)
def test_bad_ladder_data_gets_a_clear_error(problem, ladder, message):
    errors = ladder_errors((ladder,), {exercise.code for exercise in LIBRARY})
    assert any(message in error for error in errors), (problem, errors)
