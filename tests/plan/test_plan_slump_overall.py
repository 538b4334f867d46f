"""The overall slump result (Neural, per side) gives the neural picture (R3) when the separate
criteria do not decide: familiar symptoms, changed by neck movement, differing from the other
side [SLU]."""

import pytest

from evaluations.plan.derived import derive
from evaluations.plan.schema import snapshot_from_dict
from tests.plan.vignettes import codes, fired_rules, plan_for, vignette


def neural(**findings):
    return vignette(neural=findings)


def signs(data):
    return derive(snapshot_from_dict(data)).differentiation.neural


def caveats(data):
    return derive(snapshot_from_dict(data)).differentiation.caveats


@pytest.mark.parametrize("side", ["left", "right"])
def test_an_overall_positive_slump_on_one_side_gives_the_neural_pathway(side):
    plan = plan_for(neural(slump_positive={side: True}))
    assert "R3" in fired_rules(plan)
    assert "sciatic_nerve_slider" in codes(plan)
    [sign] = signs(neural(slump_positive={side: True}))
    assert sign.startswith(f"Slump positive on the {side} (the overall result, counted because")


def test_an_overall_positive_slump_counts_beside_criteria_that_are_only_partly_recorded():
    data = neural(slump_familiar_symptoms=True, slump_positive={"left": True, "right": False})
    assert "R3" in fired_rules(plan_for(data))
    # The caveat "it did not count as a neural sign" would contradict the picture.
    assert not any(c.startswith("The slump reproduced") for c in caveats(data))


def test_a_separate_criterion_recorded_no_overrides_the_overall_result():
    data = neural(slump_changes_with_neck=False, slump_positive={"left": True})
    assert "R3" not in fired_rules(plan_for(data))
    assert caveats(data) == (
        "The overall slump result (positive on the left) did not count: a separate criterion "
        "was recorded as no [SLU]",
    )


def test_a_slump_positive_on_both_sides_has_no_side_difference_and_does_not_count():
    data = neural(slump_positive={"left": True, "right": True})
    assert "R3" not in fired_rules(plan_for(data))
    assert any(c.startswith("The slump was recorded positive on both sides") for c in caveats(data))


def test_the_complete_separate_criteria_are_named_rather_than_the_overall_result():
    data = neural(
        slump_familiar_symptoms=True,
        slump_changes_with_neck=True,
        slump_asymmetric=True,
        slump_positive={"left": True},
    )
    [sign] = signs(data)
    assert sign.startswith("Slump reproduces the familiar symptoms")


def test_an_overall_negative_slump_tells_the_nerve_apart_and_needs_no_slump_screen():
    tendon = {
        "history": {"onset": "gradual", "sit_bone_pain": True, "pain_sitting": True},
        "hamstring": {"puranen_orava": "positive_familiar"},
        "neural": {"slump_positive": {"left": False, "right": False}},
    }
    assert not derive(snapshot_from_dict(vignette(tendon))).differentiation.provisional
    recurrent = neural(slump_positive={"left": False})
    recurrent["history"] = {"previous_hamstring_strains": 2}
    assert "slump_screen" not in codes(plan_for(recurrent))
    assert "slump_screen" in codes(plan_for(vignette(history={"previous_hamstring_strains": 2})))
