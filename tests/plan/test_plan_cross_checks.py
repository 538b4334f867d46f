"""Red flags and the differential read from the findings themselves (issue 21).

R0a–R0e prompt for a red-flag question the findings point at; MT holds joint techniques back
until the fracture, cancer and infection questions are no; DX keeps a picture provisional
until it has been tested against the others.
"""

import pytest

from evaluations.plan.derived import (
    ASK_ONSET,
    PALPATE,
    TEST_NERVE,
    TEST_RESISTED,
    TEST_TENDON,
    derive,
)
from evaluations.plan.rules.manual_therapy import PENDING_SCREEN, SCREEN_QUESTIONS
from evaluations.plan.schema import snapshot_from_dict
from evaluations.plan.text import render_plan
from tests.plan.vignettes import codes, merge, plan_for, vignette

# The 14-year-old sprinter of the issue: sudden proximal injury, tender 0 cm from the sit bone.
SPRINTER = {
    "age": 14,
    "history": {"onset": "sudden", "mechanism": "sprint"},
    "hamstring": {"tender": True, "tender_distance_cm": 0},
}
DEFICIT = {"neural": {"myotome_deficit": True}}
BOTH_LEGS = {"symptomatic_side": "both"}
NOT_WALKING = {
    "history": {"onset": "sudden", "mechanism": "stretch"},
    "gait": {"walks_normally": False},
}
CALF_GIRTH = {"foot": {"calf_girth_difference_cm": 3.5}}
# Each cross-check: findings that fire it, the same findings one step short, its questions.
CROSS_CHECKS = {
    "R0a": (SPRINTER, merge(SPRINTER, {"age": 18}), "RF_ADOLESCENT_ISCHIUM"),
    "R0b": (DEFICIT, {"neural": {"myotome_deficit": False}}, "RF_NEURO"),
    "R0c": (BOTH_LEGS, {"symptomatic_side": "left"}, "RF_CES"),
    "R0d": (NOT_WALKING, merge(NOT_WALKING, {"history": {"onset": "gradual"}}), "RF_AVULSION"),
    "R0e": (CALF_GIRTH, {"foot": {"calf_girth_difference_cm": 3.0}}, "RF_DVT"),
}


def prompts(plan) -> dict:
    return {prompt.rule_id: prompt for prompt in plan.prompts}


@pytest.mark.parametrize("rule_id", CROSS_CHECKS)
def test_a_cross_check_prompts_when_its_question_is_answered_no(rule_id):
    findings, _, flag = CROSS_CHECKS[rule_id]
    plan = plan_for(vignette(findings))
    prompt = prompts(plan)[rule_id]
    assert prompt.flag == flag
    assert prompt.findings and prompt.questions
    assert not plan.blocked


@pytest.mark.parametrize("rule_id", CROSS_CHECKS)
def test_a_cross_check_prompts_when_its_question_was_not_asked(rule_id):
    findings, _, _ = CROSS_CHECKS[rule_id]
    data = vignette(findings)
    questions = prompts(plan_for(data))[rule_id].questions
    data["red_flags"] = merge(data["red_flags"], dict.fromkeys(questions))
    assert rule_id in prompts(plan_for(data))


@pytest.mark.parametrize("rule_id", CROSS_CHECKS)
def test_a_cross_check_stays_silent_without_its_findings(rule_id):
    _, short_of_it, _ = CROSS_CHECKS[rule_id]
    assert rule_id not in prompts(plan_for(vignette(short_of_it)))


@pytest.mark.parametrize("rule_id", CROSS_CHECKS)
def test_a_yes_raises_the_flag_and_needs_no_prompt(rule_id):
    findings, _, flag = CROSS_CHECKS[rule_id]
    data = vignette(findings)
    question = prompts(plan_for(data))[rule_id].questions[0]
    plan = plan_for(merge(data, {"red_flags": {question: True}}))
    assert plan.blocked and flag in plan.block_reasons[0]
    assert rule_id not in prompts(plan)


def test_the_sprinter_prompt_names_the_findings_and_the_adolescent_question():
    prompt = prompts(plan_for(vignette(SPRINTER)))["R0a"]
    assert prompt.findings == ("age 14", "sudden onset", "tender 0 cm from the sit bone")
    assert prompt.questions == ("adolescent_acute_ischial_injury",)
    assert prompt.source_keys == ("ADO", "APO")


def test_tenderness_further_from_the_sit_bone_does_not_point_at_the_apophysis():
    far = merge(SPRINTER, {"hamstring": {"tender_distance_cm": 8}})
    assert "R0a" not in prompts(plan_for(vignette(far)))


def test_each_deficit_of_the_neuro_screen_is_named():
    neural = {"myotome_deficit": True, "reflex_deficit": True, "sensation_deficit": False}
    prompt = prompts(plan_for(vignette(neural=neural)))["R0b"]
    assert prompt.findings == (
        "myotomal weakness in the neuro screen",
        "a reduced reflex in the neuro screen",
    )
    assert prompt.questions == (
        "neuro_progressive_motor_deficit",
        "neuro_multilevel_deficit",
        "neuro_widespread_signs",
    )


MYOTOMES = (
    "myotome_l4_ankle_dorsiflexion",
    "myotome_l5_great_toe_extension",
    "myotome_s1_plantar_flexion",
)


@pytest.mark.parametrize("myotome", MYOTOMES)
@pytest.mark.parametrize("side", ["left", "right"])
def test_a_myotome_graded_3_or_less_on_one_side_prompts_the_progressive_deficit_questions(
    myotome, side
):
    plan = plan_for(vignette(neural={myotome: {side: "3"}}))
    prompt = prompts(plan)["R0b"]
    assert prompt.flag == "RF_NEURO"
    [finding] = prompt.findings
    assert finding.endswith(f" 3/5 ({side})")
    assert not plan.blocked


@pytest.mark.parametrize("grade", ["3+", "4-", "4", "5"])
@pytest.mark.parametrize("side", ["left", "right"])
def test_a_myotome_graded_above_3_prompts_nothing(grade, side):
    plan = plan_for(vignette(neural={"myotome_l4_ankle_dorsiflexion": {side: grade}}))
    assert "R0b" not in prompts(plan)


def test_every_weak_myotome_and_side_is_named_once_after_the_ticked_deficits():
    neural = {
        "reflex_deficit": True,
        "myotome_l4_ankle_dorsiflexion": {"left": "2", "right": "3-"},
        "myotome_l5_great_toe_extension": {"left": "4", "right": "3+"},
        "myotome_s1_plantar_flexion": {"right": "0"},
    }
    prompt = prompts(plan_for(vignette(neural=neural)))["R0b"]
    assert prompt.findings == (
        "a reduced reflex in the neuro screen",
        "L4 ankle dorsiflexion 2/5 (left)",
        "L4 ankle dorsiflexion 3-/5 (right)",
        "S1 plantar flexion 0/5 (right)",
    )


def test_without_a_neural_picture_a_weak_myotome_gives_no_separate_referral():
    plan = plan_for(vignette(neural={"myotome_l4_ankle_dorsiflexion": {"left": "3"}}))
    assert plan.referrals == ()


def test_a_weak_myotome_with_a_neural_picture_is_r4s_deficit_and_keeps_tensioners_out():
    nerve = {
        "neural": {
            "slump_familiar_symptoms": True,
            "slump_changes_with_neck": True,
            "slump_asymmetric": True,
        },
        "history": {"pain_now": 2},
    }

    def removed_by_r4(plan):
        return [r.code for r in plan.removed if "R4" in r.removed_by]

    assert removed_by_r4(plan_for(vignette(nerve))) == []
    weak = merge(nerve, {"neural": {"myotome_l5_great_toe_extension": {"right": "2"}}})
    plan = plan_for(vignette(weak))
    assert removed_by_r4(plan) == ["sciatic_nerve_tensioner"]
    [review] = [referral for referral in plan.referrals if referral.rule_id == "R4"]
    assert review.criteria == ("L5 great-toe extension 2/5 (right)",)


def test_a_painful_but_normal_stride_does_not_point_at_an_avulsion():
    painful_stride = merge(
        NOT_WALKING,
        {"gait": {"walks_normally": True}, "function": {"walking_normal_stride_pain_free": False}},
    )
    assert "R0d" not in prompts(plan_for(vignette(painful_stride)))


def test_the_calf_girth_prompt_names_the_difference_and_the_dvt_questions():
    prompt = prompts(plan_for(vignette(CALF_GIRTH)))["R0e"]
    assert prompt.findings == ("calf girth difference 3.5 cm",)
    assert prompt.questions == (
        "dvt_unilateral_swelling",
        "dvt_pitting_oedema",
        "dvt_vein_tenderness",
        "dvt_dilated_veins",
    )
    assert prompt.source_keys == ("DVT",)


def test_a_prompt_is_kept_on_a_plan_blocked_by_another_flag():
    plan = plan_for(vignette(SPRINTER, red_flags={"infection_fever": True}))
    assert plan.blocked
    assert "R0a" in prompts(plan)


# A plan that asks for joint mobilisation: the Laslett cluster 3/5 (R13).
SIJ = {
    "pelvis": {
        "sij_distraction": "positive_familiar",
        "sij_thigh_thrust": "positive_familiar",
        "sij_compression": "positive_familiar",
        "sij_sacral_thrust": "negative",
        "sij_gaenslen": "negative",
    }
}


def test_joint_mobilisation_is_proposed_once_fracture_cancer_and_infection_are_no():
    plan = plan_for(vignette(SIJ))
    assert "joint_mobilisation" in codes(plan)
    assert plan.pending == ()


@pytest.mark.parametrize("question", SCREEN_QUESTIONS)
def test_joint_mobilisation_is_pending_while_one_of_those_questions_is_not_asked(question):
    plan = plan_for(vignette(SIJ, red_flags={question: None}))
    assert "joint_mobilisation" not in codes(plan)
    [pending] = plan.pending
    assert pending.code == "joint_mobilisation"
    assert pending.wanted_by == ("R13",)
    assert pending.removed_by == ("MT",)
    assert pending.reasons == (PENDING_SCREEN.format(count=1),)
    # The rest of the SIJ pathway is unaffected: soft-tissue work is not a joint technique.
    assert "soft_tissue_mobilisation" in codes(plan)


def test_an_unanswered_screen_keeps_joint_mobilisation_pending_and_says_so_in_the_text():
    data = vignette(SIJ)
    data["red_flags"] = {}
    plan = plan_for(data)
    assert [p.code for p in plan.pending] == ["joint_mobilisation"]
    assert "Pending the red-flag screen" in render_plan(plan)


def test_unrelated_questions_do_not_hold_joint_mobilisation_back():
    plan = plan_for(vignette(SIJ, red_flags={"dvt_dilated_veins": None}))
    assert "joint_mobilisation" in codes(plan)


# A tendinopathy picture (R1) with no nerve test at all: the example.
TENDON = {
    "history": {"onset": "gradual", "sit_bone_pain": True, "pain_sitting": True},
    "hamstring": {"puranen_orava": "positive_familiar", "tender": True, "tender_distance_cm": 1},
}
NERVE_TESTED = {
    "neural": {
        "slump_familiar_symptoms": False,
        "slr_radiating_pain": {"left": False},
        "slr_sensitised": {"left": False},
    }
}


def differentiation(*findings):
    return derive(snapshot_from_dict(vignette(*findings))).differentiation


def test_a_tendon_picture_without_a_nerve_test_is_not_yet_distinguished():
    result = differentiation(TENDON)
    assert result.picture == "tendinopathy" and result.provisional
    [untested] = result.untested
    assert (untested.picture, untested.to_do) == ("neural", (TEST_NERVE,))
    assert result.not_distinguished_text == (
        f"Not yet distinguished from nerve irritation: {TEST_NERVE}"
    )


def test_the_provisional_pathway_still_gives_its_items_marked_provisional():
    plan = plan_for(vignette(TENDON))
    assert "isometric_hamstring_hold" in codes(plan)
    [tendon] = [p for p in plan.pathways if p.code == "hamstring_tendinopathy"]
    assert tendon.provisional.startswith("Not yet distinguished from nerve irritation")
    assert plan.provisional_rules == ("R1", "R2")
    assert plan.is_provisional(plan.item("isometric_hamstring_hold"))
    text = render_plan(plan)
    assert "Not yet distinguished from nerve irritation" in text
    assert "Picture: tendinopathy" not in text


def test_a_tested_picture_is_named_and_nothing_is_provisional():
    plan = plan_for(vignette(TENDON, NERVE_TESTED))
    assert plan.differentiation.picture == "tendinopathy"
    assert not plan.differentiation.provisional
    assert plan.provisional_rules == ()
    assert all(not pathway.provisional for pathway in plan.pathways)
    assert not any(plan.is_provisional(item) for item in plan.items)


def test_a_slump_alone_tells_the_nerve_apart():
    slump = {"neural": {"slump_familiar_symptoms": True, "slump_changes_with_neck": False}}
    assert not differentiation(TENDON, slump).provisional


def test_an_acute_strain_lists_the_missing_tendon_and_nerve_tests_only_when_undecided():
    strain = {
        "history": {"onset": "sudden", "mechanism": "sprint"},
        "hamstring": {"tender": True, "tender_distance_cm": 12},
        # The resisted test not yet done: no strain picture, and the strain is undecided.
    }
    result = differentiation(strain)
    assert result.picture == "unclear" and not result.provisional
    by_picture = {untested.picture: untested.to_do for untested in result.untested}
    assert by_picture["acute_strain"] == (TEST_RESISTED,)
    # Belly tenderness away from the tuberosity already tells a tendon apart.
    assert "tendinopathy" not in by_picture


def test_an_empty_evaluation_lists_every_test_still_to_do():
    by_picture = {u.picture: u.to_do for u in differentiation().untested}
    assert by_picture["neural"] == (TEST_NERVE,)
    assert TEST_TENDON in by_picture["tendinopathy"]
    assert by_picture["acute_strain"] == (ASK_ONSET, PALPATE, TEST_RESISTED)


def test_a_gradual_onset_rules_out_an_acute_strain():
    gradual = {"history": {"onset": "gradual"}}
    assert "acute_strain" not in {u.picture for u in differentiation(gradual).untested}
