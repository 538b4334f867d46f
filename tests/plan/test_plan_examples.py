"""The four demo patients of the article get plans that fit their stories."""

from pathlib import Path

import pytest

from evaluations.plan.files import plan_from_file
from evaluations.plan.plan_types import Part
from evaluations.plan.text import render_plan
from tests.plan.vignettes import codes, fired_rules

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def plan_of(name: str):
    plan, errors = plan_from_file(EXAMPLES / f"{name}.json")
    assert errors == []
    return plan


def pathways(plan) -> set[str]:
    return {pathway.code for pathway in plan.pathways}


@pytest.mark.parametrize("name", ["sean", "craig", "brendan", "eric"])
def test_demo_patient_gets_an_unblocked_plan_with_every_pillar_that_applies(name):
    plan = plan_of(name)
    assert not plan.blocked
    assert plan.warnings == ()
    assert {item.pillar for item in plan.items} >= {3, 4}
    assert "This plan supports clinical decisions" in render_plan(plan)


def test_sean_five_years_of_si_joint_pain_and_desk_sitting():
    plan = plan_of("sean")
    assert {"sij", "motor_control", "prolonged_sitting"} <= pathways(plan)
    assert {"force_closure_training", "joint_mobilisation", "sitting_breaks"} <= set(codes(plan))
    assert "hamstring_tendinopathy" not in pathways(plan)
    sij = next(p for p in plan.pathways if p.code == "sij")
    assert sij.findings[0] == "Laslett cluster 4/5 with the familiar pain"


def test_craig_old_femur_surgery_scar_and_low_back_pain():
    plan = plan_of("craig")
    assert {"old_scar", "lumbar_directional_preference", "length_deficit"} <= pathways(plan)
    scar = plan.item("scar_mobilisation")
    assert scar.pillar == 2
    assert plan.item("directional_preference").notes == ("Preferred direction: extension.",)
    # Scar work is an adjunct: loading comes with it.
    assert "R22" in plan.item("slider_hamstring_curl").rule_ids


def test_brendan_recurrent_pulls_with_upper_back_and_shoulder_compensation():
    plan = plan_of("brendan")
    assert {"recurrent_strain", "abductor_weakness", "trunk_endurance"} <= pathways(plan)
    assert "nordic_curl" in codes(plan)
    assert "cadence_retraining" in codes(plan)
    side_plank = plan.item("side_plank")
    assert "Shoulder pain" in side_plank.cautions
    assert side_plank.notes == ("More sets on the weaker right side.",)
    [run_gate] = plan.gates
    assert (run_gate.rule_id, run_gate.status) == ("R19", "not_met")


def test_eric_tendinopathy_with_a_weak_opposite_hip_and_long_sitting():
    plan = plan_of("eric")
    assert plan.differentiation.picture == "tendinopathy"
    assert {"hamstring_tendinopathy", "hip_flexor_weakness", "prolonged_sitting"} <= pathways(plan)
    march = plan.item("standing_psoas_march")
    assert march.evidence_level == "expert"
    assert "opposite" in march.reasons[0].text
    assert "sitting_breaks" in codes(plan)
    assert {"R1", "R2", "R10", "R20", "R21"} <= fired_rules(plan)
    assert "walk_run_progression" not in codes(plan)


# What each of the article's patients does at home, and why (docs/rules.md, "The four
# article patients"): at most 4 exercises, the primary picture first.
HOME_PROGRAMMES = {
    # SI joint pain 4/5, weak right hip extensors, 9 h sitting: trunk and glute control,
    # a hinge, and length for the front of the hip.
    "sean": [
        ("side_plank", "right"),
        ("single_leg_bridge_box", "right"),
        ("romanian_deadlift", "right"),
        ("half_kneeling_hip_flexor_stretch", ""),
    ],
    # Low back pain easing with extension and poor trunk control, weak left glutes: the
    # preferred direction, deep core, the bending pattern and the glutes.
    "craig": [
        ("directional_preference", ""),
        ("dead_bug", ""),
        ("hip_hinge_dowel", ""),
        ("single_leg_bridge_box", "left"),
    ],
    # Recurrent right pulls, a weak right side bridge and abductors, a weaker right calf.
    "brendan": [
        ("side_plank", "right"),
        ("single_limb_balance", "right"),
        ("askling_extender", "right"),
        ("calf_raise", "right"),
    ],
    # Left tendinopathy at stage 1, weak right hip flexors (the article's opposite hip).
    "eric": [
        ("bridge_hold", "left"),
        ("isometric_hamstring_hold", "left"),
        ("standing_psoas_march", "right"),
        ("dead_bug", "right"),
    ],
}


@pytest.mark.parametrize("name", HOME_PROGRAMMES)
def test_each_article_patient_gets_a_home_programme_of_at_most_four(name):
    home = plan_of(name).part_items(Part.HOME)
    assert [(item.code, item.side) for item in home] == HOME_PROGRAMMES[name]


def test_eric_learns_to_break_up_sitting_and_to_monitor_the_tendon():
    plan = plan_of("eric")
    education = {item.code for item in plan.part_items(Part.EDUCATION)}
    assert {"sitting_breaks", "load_monitoring"} <= education
    assert plan.item("isometric_hamstring_hold").stage == "tendinopathy stage 1 (isometric)"
