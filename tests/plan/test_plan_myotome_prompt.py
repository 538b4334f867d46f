"""A myotome graded 3/5 or weaker asks the RF_NEURO question without blocking the plan."""

import pytest

from tests.plan.vignettes import plan_for, vignette

MYOTOMES = (
    "myotome_l4_ankle_dorsiflexion",
    "myotome_l5_great_toe_extension",
    "myotome_s1_plantar_flexion",
)


def neuro_prompts(plan):
    return [r for r in plan.referrals if r.rule_id == "R4_MYOTOME"]


@pytest.mark.parametrize("myotome", MYOTOMES)
@pytest.mark.parametrize("side", ["left", "right"])
def test_a_grade_of_3_or_less_on_one_side_asks_the_rf_neuro_question(myotome, side):
    plan = plan_for(vignette(neural={myotome: {side: "3"}}))
    (prompt,) = neuro_prompts(plan)
    assert prompt.code == "RF_NEURO" and not prompt.blocking
    assert prompt.criteria[0].endswith(f"3/5 ({side})")
    assert plan.blocked is False


@pytest.mark.parametrize("grade", ["3+", "4-", "4", "5"])
def test_a_grade_above_3_asks_nothing(grade):
    plan = plan_for(vignette(neural={"myotome_l4_ankle_dorsiflexion": {"left": grade}}))
    assert neuro_prompts(plan) == []


def test_every_weak_myotome_and_side_is_named_once():
    plan = plan_for(
        vignette(
            neural={
                "myotome_l4_ankle_dorsiflexion": {"left": "2", "right": "3-"},
                "myotome_s1_plantar_flexion": {"right": "0"},
            }
        )
    )
    (prompt,) = neuro_prompts(plan)
    assert prompt.criteria == (
        "L4 ankle dorsiflexion 2/5 (left)",
        "L4 ankle dorsiflexion 3-/5 (right)",
        "S1 plantar flexion 0/5 (right)",
    )
