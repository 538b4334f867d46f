"""Each rule R1–R24 fires on its finding and stays silent without it (DOMAIN.md §5)."""

import pytest

from evaluations.plan.rules import RULES
from tests.plan.vignettes import fired_rules, plan_for, sij, vignette

TENDON = {
    "history": {"sit_bone_pain": True, "pain_sitting": True},
    "hamstring": {"puranen_orava": "positive_familiar"},
}
NOT_TENDON = {
    "history": {"sit_bone_pain": True, "pain_sitting": True},
    "hamstring": {"puranen_orava": "positive_unfamiliar"},
}
NERVE = {
    "neural": {
        "slump_familiar_symptoms": True,
        "slump_changes_with_neck": True,
        "slump_asymmetric": True,
    }
}
NOT_NERVE = {
    "neural": {
        "slump_familiar_symptoms": True,
        "slump_changes_with_neck": False,
        "slump_asymmetric": True,
    }
}
STRAIN = {
    "history": {"onset": "sudden", "mechanism": "sprint"},
    "hamstring": {"tender": True, "tender_distance_cm": 10, "resisted_knee_flexion_painful": True},
}
NOT_STRAIN = {
    "history": {"onset": "sudden", "mechanism": "sprint"},
    "hamstring": {"tender": True, "tender_distance_cm": 2, "resisted_knee_flexion_painful": True},
}
# (rule, findings that fire it, the nearest findings that must not)
VIGNETTES = [
    ("R1", TENDON, NOT_TENDON),
    (
        "R2",
        {**TENDON, "function": {"load_test_pain": 2, "load_test_settled_next_morning": True}},
        TENDON,
    ),
    ("R3", NERVE, NOT_NERVE),
    (
        "R3",
        {"neural": {"slr_angle": {"left": 50}, "slr_radiating_pain": {"left": True}}},
        {"neural": {"slr_angle": {"left": 85}, "slr_radiating_pain": {"left": True}}},
    ),
    ("R3", {"neural": {"crossed_slr": True}}, {"neural": {"crossed_slr": False}}),
    (
        "R4",
        {"neural": {**NERVE["neural"], "reflex_deficit": True}},
        {"neural": {**NERVE["neural"], "reflex_deficit": False}},
    ),
    ("R5", STRAIN, NOT_STRAIN),
    ("R6", STRAIN, NOT_STRAIN),
    ("R7", STRAIN, NOT_STRAIN),
    (
        "R8",
        {"history": {"previous_hamstring_strains": 1}},
        {"history": {"previous_hamstring_strains": 0}},
    ),
    (
        "R9",
        {"hip": {"mmt_hip_extensors": {"left": "4", "right": "5"}}},
        {"hip": {"mmt_hip_extensors": {"left": "5", "right": "5"}}},
    ),
    (
        "R9",
        {"hamstring": {"single_leg_bridge_reps": {"left": 15, "right": 25}}},
        {"hamstring": {"single_leg_bridge_reps": {"left": 24, "right": 25}}},
    ),
    (
        "R9",
        {"hip": {"hhd_hip_extensors_n": {"left": 150, "right": 200}}},
        {"hip": {"hhd_hip_extensors_n": {"left": 190, "right": 200}}},
    ),
    (
        "R10",
        {"hip": {"mmt_hip_flexors": {"left": "5", "right": "4-"}}},
        {"hip": {"mmt_hip_flexors": {"left": "5", "right": "4+"}}},
    ),
    (
        "R10",
        {"hip": {"hhd_hip_flexors_n": {"left": 200, "right": 150}}},
        {"hip": {"hhd_hip_flexors_n": {"left": 200, "right": 190}}},
    ),
    (
        "R11",
        {"hip": {"thomas_positive": {"left": True}, "thomas_pelvis_controlled": True}},
        {"hip": {"thomas_positive": {"left": True}, "thomas_pelvis_controlled": False}},
    ),
    (
        "R12",
        {"gait": {"trendelenburg": {"right": True}}},
        {"gait": {"trendelenburg": {"right": False}}},
    ),
    ("R12", {"gait": {"pelvic_drop_gait": "mild"}}, {"gait": {"pelvic_drop_gait": "none"}}),
    ("R13", sij(3), sij(2)),
    ("R13", sij(2, gaenslen=None), sij(1, gaenslen=None)),
    ("R14", {"core": {"prone_instability": True}}, {"core": {"prone_instability": False}}),
    ("R14", {"core": {"aslr": {"left": 1}}}, {"core": {"aslr": {"left": 0, "right": 0}}}),
    (
        "R14",
        {
            "age": 30,
            "neural": {"slr_angle": {"left": 95, "right": 95}},
            "core": {"aberrant_movement": True},
        },
        {
            "age": 45,
            "neural": {"slr_angle": {"left": 95, "right": 95}},
            "core": {"aberrant_movement": True},
        },
    ),
    (
        "R15",
        {"core": {"mcgill_flexion_s": 120, "mcgill_extension_s": 90}},
        {"core": {"mcgill_flexion_s": 85, "mcgill_extension_s": 90}},
    ),
    (
        "R15",
        {"core": {"mcgill_side_bridge_s": {"left": 50, "right": 40}}},
        {"core": {"mcgill_side_bridge_s": {"left": 50, "right": 49}}},
    ),
    ("R16", {"pelvis": {"centralisation": True}}, {"pelvis": {"centralisation": False}}),
    (
        "R17",
        {"foot": {"fpi_total": 8}, "history": {"foot_calf_pain": True}},
        {"foot": {"fpi_total": 8}, "history": {"foot_calf_pain": False}},
    ),
    (
        "R18",
        {"foot": {"heel_raise_count": {"left": 15, "right": 25}}},
        {"foot": {"heel_raise_count": {"left": 24, "right": 25}}},
    ),
    (
        "R18",
        {"foot": {"knee_to_wall_cm": {"left": 6, "right": 10}}},
        {"foot": {"knee_to_wall_cm": {"left": 9.5, "right": 10}}},
    ),
    ("R19", {"gait": {"runner": True}}, {"gait": {"runner": False}}),
    ("R20", {"gait": {"overstriding": True}}, {"gait": {"overstriding": False}}),
    ("R20", {"gait": {"pain_running_uphill": True}}, {"gait": {"pain_running_uphill": False}}),
    (
        "R21",
        {"history": {"sitting_hours_per_day": 8}},
        {"history": {"sitting_hours_per_day": 4}},
    ),
    (
        "R22",
        {"history": {"old_injuries": [{"region": "posterior_thigh", "kind": "surgery"}]}},
        {"history": {"old_injuries": [{"region": "knee", "kind": "surgery"}]}},
    ),
    (
        "R23",
        {"hamstring": {"active_knee_extension_lag": {"left": 30, "right": 15}}},
        {"hamstring": {"active_knee_extension_lag": {"left": 12, "right": 10}}},
    ),
    (
        "R24",
        {"outcomes": {"nprs": 3}, "previous_outcomes": {"nprs": 6, "weeks_ago": 3}},
        {"outcomes": {"nprs": 3}},
    ),
]


@pytest.mark.parametrize(("rule_id", "present", "absent"), VIGNETTES)
def test_rule_fires_on_its_finding(rule_id, present, absent):
    assert rule_id in fired_rules(plan_for(vignette(present)))


@pytest.mark.parametrize(("rule_id", "present", "absent"), VIGNETTES)
def test_rule_stays_silent_without_its_finding(rule_id, present, absent):
    assert rule_id not in fired_rules(plan_for(vignette(absent)))


def test_an_empty_snapshot_fires_no_rule():
    assert fired_rules(plan_for(vignette())) == set()


def test_every_rule_of_the_table_has_a_vignette():
    assert {rule for rule, _, _ in VIGNETTES} == {function.rule.id for function in RULES}


def test_a_tendon_with_an_unfamiliar_pain_is_not_a_tendinopathy_picture():
    plan = plan_for(vignette(NOT_TENDON))
    assert plan.differentiation.picture == "unclear"
    assert any("not the familiar pain" in caveat for caveat in plan.differentiation.caveats)
