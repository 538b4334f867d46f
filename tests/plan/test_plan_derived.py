"""Derived findings shown beside the inputs: LSI, SIJ cluster, Hicks rule, McGill, picture."""

import pytest

from evaluations.plan.derived import derive
from evaluations.plan.schema import snapshot_from_dict
from tests.plan.vignettes import sij


def derived(data: dict):
    return derive(snapshot_from_dict(data))


def test_limb_symmetry_uses_the_symptomatic_side_and_flags_under_90():
    result = derived(
        {"symptomatic_side": "right", "foot": {"heel_raise_count": {"left": 25, "right": 20}}}
    )
    heel = result.symmetry["foot.heel_raise_count"]
    assert (heel.involved_side, heel.lsi_percent, heel.below_threshold) == ("right", 80.0, True)


def test_without_a_symptomatic_side_the_weaker_side_is_involved():
    heel = derived({"foot": {"heel_raise_count": {"left": 25, "right": 24}}}).lsi(
        "foot.heel_raise_count"
    )
    assert heel.involved_side == "right"
    assert not heel.below_threshold


def test_a_measure_with_one_side_missing_has_no_lsi():
    assert derived({"foot": {"heel_raise_count": {"left": 25}}}).symmetry == {}


@pytest.mark.parametrize(
    ("pelvis", "met"),
    [
        (sij(3)["pelvis"], True),
        (sij(2)["pelvis"], False),
        (sij(2, gaenslen=None)["pelvis"], True),
        ({"sij_distraction": "positive_familiar"}, None),
        ({**sij(4)["pelvis"], "sij_thigh_thrust": "positive_unfamiliar"}, True),
        ({**sij(2)["pelvis"], "sij_thigh_thrust": "positive_unfamiliar"}, False),
    ],
)
def test_laslett_cluster_counts_only_the_familiar_pain(pelvis, met):
    assert derived({"pelvis": pelvis}).sij.met is met


def test_hicks_rule_counts_its_four_items_and_knows_what_is_missing():
    hicks = derived({"age": 30, "core": {"aberrant_movement": True}}).hicks
    assert (hicks.count, hicks.unknown, hicks.met) == (2, 2, None)


def test_mcgill_ratios_name_the_weak_side():
    mcgill = derived(
        {
            "core": {
                "mcgill_flexion_s": 100,
                "mcgill_extension_s": 100,
                "mcgill_side_bridge_s": {"left": 60, "right": 45},
            }
        }
    ).mcgill
    assert mcgill.flexion_extension == 1.0
    assert mcgill.weak_side == "right"
    assert mcgill.abnormal


def test_a_nerve_and_a_tendon_picture_together_are_mixed():
    result = derived(
        {
            "history": {"sit_bone_pain": True, "pain_sitting": True},
            "hamstring": {"bent_knee_stretch": "positive_familiar"},
            "neural": {"crossed_slr": True},
        }
    )
    assert result.differentiation.picture == "mixed"


def test_tost_and_h_test_never_make_a_tendinopathy_picture():
    result = derived(
        {
            "history": {"sit_bone_pain": True, "pain_sitting": True},
            "hamstring": {"tost": True, "h_test_insecurity": 40},
        }
    )
    assert result.differentiation.picture == "unclear"
    assert len(result.differentiation.caveats) == 2


def test_landmark_asymmetry_and_navicular_drop_are_caveats_only():
    result = derived(
        {
            "pelvis": {"landmark_asymmetry": "left_high", "landmark_asymmetry_mm": 12},
            "foot": {"navicular_drop_mm": {"left": 14, "right": 6}},
        }
    )
    assert result.differentiation.picture == "unclear"
    assert len(result.differentiation.caveats) == 2
