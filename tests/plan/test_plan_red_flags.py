"""R0: every red flag blocks the automatic plan with its urgency (DOMAIN.md §3)."""

import pytest

from evaluations.plan.engine import BLOCKED
from evaluations.plan.plan_types import Urgency
from evaluations.plan.rules.red_flags import RED_FLAGS, SCREEN_INCOMPLETE, TRIAGE_NOTE
from tests.plan.vignettes import SCREEN_CLEAR, codes, current_codes, merge, plan_for, vignette

# Everything a full plan would offer, so a block visibly empties it.
BUSY = {
    "history": {"sit_bone_pain": True, "pain_sitting": True, "sitting_hours_per_day": 9},
    "hamstring": {"puranen_orava": "positive_familiar"},
    "core": {"prone_instability": True},
}
EXPECTED_URGENCY = {
    "RF_CES": Urgency.EMERGENCY,
    "RF_NEURO": Urgency.URGENT,
    "RF_AVULSION": Urgency.URGENT,
    "RF_ADOLESCENT_ISCHIUM": Urgency.URGENT,
    "RF_CANCER": Urgency.URGENT,
    "RF_INFECTION": Urgency.URGENT,
    "RF_FRACTURE": Urgency.URGENT,
    "RF_DVT": Urgency.EMERGENCY,
}
QUESTIONS = [(flag.code, name) for flag in RED_FLAGS for name, _ in flag.questions]


@pytest.mark.parametrize(("code", "question"), QUESTIONS)
def test_every_red_flag_blocks_the_plan_with_its_urgency(code, question):
    plan = plan_for(vignette(BUSY, red_flags={question: True}))
    assert plan.blocked
    assert plan.items == ()
    assert plan.pathways == ()
    [referral] = [r for r in plan.referrals if r.blocking]
    assert referral.code == code
    assert referral.urgency == EXPECTED_URGENCY[code]
    assert referral.rule_id == "R0"
    assert code in plan.block_reasons[0]


def test_the_block_says_why_and_what_to_do():
    plan = plan_for(vignette(BUSY, red_flags={"ces_saddle_numbness": True}))
    [flag] = [f for f in RED_FLAGS if f.code == "RF_CES"]
    assert plan.block_reasons == (
        BLOCKED.format(
            code="RF_CES",
            urgency="emergency",
            criteria="saddle or perianal numbness",
            action=flag.action,
        ),
    )


def test_the_same_findings_without_a_red_flag_give_a_plan():
    plan = plan_for(vignette(BUSY))
    assert not plan.blocked
    assert "isometric_hamstring_hold" in codes(plan)


def test_two_red_flags_are_both_referred():
    plan = plan_for(vignette(BUSY, red_flags={"infection_fever": True, "dvt_pitting_oedema": True}))
    assert {r.code for r in plan.referrals if r.blocking} == {"RF_INFECTION", "RF_DVT"}
    assert len(plan.block_reasons) == 2


def test_age_fifty_alone_is_a_note_not_a_block():
    plan = plan_for(vignette(BUSY, age=55))
    assert not plan.blocked
    [note] = [r for r in plan.referrals if r.code == "RF_CANCER"]
    assert (note.blocking, note.urgency) == (False, Urgency.ROUTINE)


def test_age_fifty_is_listed_with_another_cancer_criterion():
    plan = plan_for(vignette(BUSY, age=55, red_flags={"cancer_night_pain": True}))
    assert plan.blocked
    [referral] = [r for r in plan.referrals if r.blocking]
    assert referral.criteria == ("unrelenting night or rest pain", "age 50 or over")


def test_dvt_risk_factors_alone_do_not_block():
    plan = plan_for(vignette(BUSY, red_flags={"dvt_risk_factors": True}))
    assert not plan.blocked
    assert [r.code for r in plan.referrals if not r.blocking] == ["RF_DVT", "TRIAGE"]


def test_the_articles_triage_list_is_routine_and_never_blocks():
    plan = plan_for(vignette(BUSY, history={"weeks_since_onset": 6}))
    [triage] = [r for r in plan.referrals if r.code == "TRIAGE"]
    assert (triage.urgency, triage.blocking) == (Urgency.ROUTINE, False)
    assert "pain for 6 weeks (more than two)" in triage.criteria
    assert not plan.blocked


def test_triage_is_history_that_fits_the_article_never_an_instruction():
    history = {"weeks_since_onset": 6, "low_back_pain": True, "previous_hamstring_strains": 2}
    [triage] = [r for r in plan_for(vignette(history=history)).referrals if r.code == "TRIAGE"]
    assert triage.action == TRIAGE_NOTE
    assert "book" not in triage.action.lower()
    # Only what was recorded: low back pain, no claim of a hamstring pain or SI joint pain.
    assert triage.criteria == (
        "pain for 6 weeks (more than two)",
        "2 earlier hamstring strains (recurrent pulls)",
        "low back pain",
    )


def test_an_unanswered_screen_is_flagged_but_not_blocking():
    data = vignette(BUSY)
    data["red_flags"] = merge(SCREEN_CLEAR, {"ces_saddle_numbness": None, "avulsion_pop": None})
    plan = plan_for(data)
    assert not plan.blocked
    assert plan.warnings == (SCREEN_INCOMPLETE.format(missing=2, total=30),)


def test_a_complete_screen_gives_no_warning():
    assert plan_for(vignette(BUSY)).warnings == ()


def test_a_neural_deficit_escalates_to_rf_neuro_review_without_tensioners():
    nerve = {
        "neural": {
            "slump_familiar_symptoms": True,
            "slump_changes_with_neck": True,
            "slump_asymmetric": True,
            "myotome_deficit": True,
        }
    }
    plan = plan_for(vignette(nerve))
    [review] = [r for r in plan.referrals if r.rule_id == "R4"]
    assert (review.code, review.urgency, review.blocking) == ("RF_NEURO", Urgency.URGENT, False)
    assert "sciatic_nerve_tensioner" not in current_codes(plan)
    assert "sciatic_nerve_slider" in current_codes(plan)
    assert (
        "No tensioners with a neurological deficit."
        in plan.item("sciatic_nerve_tensioner").conflicts
    )
