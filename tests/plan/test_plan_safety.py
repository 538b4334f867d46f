"""What a therapist must never see go wrong: avoid beats include, sliders first, gates honest."""

from dataclasses import replace

from evaluations.plan.engine import MISSING_FROM_LIBRARY
from evaluations.plan.library import Library, load_seed_library
from evaluations.plan.plan_types import GateStatus, Part
from tests.plan.vignettes import (
    codes,
    current_codes,
    later_codes,
    plan_for,
    removed_codes,
    vignette,
)

NERVE = {
    "neural": {
        "slump_familiar_symptoms": True,
        "slump_changes_with_neck": True,
        "slump_asymmetric": True,
    },
    # A recurrent strain and short hamstrings both ask for lengthening work.
    "history": {"previous_hamstring_strains": 2},
    "hamstring": {"active_knee_extension_lag": {"left": 35, "right": 15}},
}
TENDON = {
    "history": {"sit_bone_pain": True, "pain_sitting": True, "previous_hamstring_strains": 1},
    "hamstring": {"modified_bent_knee_stretch": "positive_familiar"},
    "hip": {"mmt_hip_extensors": {"left": "4-", "right": "5"}},
}
STRAIN = {
    "history": {"onset": "sudden", "mechanism": "stretch", "previous_hamstring_strains": 1},
    "hamstring": {"tender": True, "tender_distance_cm": 9, "resisted_knee_flexion_painful": True},
}
SEED = load_seed_library()
TAGS = {exercise.code: set(exercise.tags) for exercise in SEED}


def test_nerve_picture_never_gets_hamstring_stretch():
    plan = plan_for(vignette(NERVE))
    assert not [code for code in codes(plan) if "hamstring_stretch" in TAGS.get(code, ())]
    [extender] = [r for r in plan.removed if r.code == "askling_extender"]
    assert "R3" in extender.removed_by
    assert "R8" in extender.wanted_by


def test_nerve_picture_gets_sliders_before_tensioners():
    plan = plan_for(vignette(NERVE))
    assert codes(plan).index("sciatic_nerve_slider") < codes(plan).index("sciatic_nerve_tensioner")


def test_irritable_nerve_gets_sliders_but_no_tensioners():
    plan = plan_for(vignette(NERVE, history={"pain_now": 7}))
    assert "sciatic_nerve_slider" in current_codes(plan)
    assert "sciatic_nerve_tensioner" not in current_codes(plan)
    assert "sciatic_nerve_tensioner" in later_codes(plan)


def test_tendinopathy_never_gets_deep_hip_flexion_early():
    plan = plan_for(vignette(TENDON))
    early = [
        code for code in codes(plan) if TAGS.get(code, set()) & {"deep_hip_flexion", "lengthening"}
    ]
    assert early == []
    for code in ("romanian_deadlift", "single_leg_rdl", "nordic_curl", "askling_diver"):
        assert code in removed_codes(plan)


def test_tendinopathy_progressing_on_the_load_test_gets_a_shallow_deadlift():
    progressing = {"function": {"load_test_pain": 2, "load_test_settled_next_morning": True}}
    plan = plan_for(vignette(TENDON, progressing))
    deadlift = plan.item("romanian_deadlift")
    assert deadlift is not None
    assert any("shallow" in note for note in deadlift.notes)
    assert "askling_diver" in removed_codes(plan)


def test_tendinopathy_flaring_on_the_load_test_is_regressed():
    flare = {"function": {"load_test_pain": 7, "load_test_settled_next_morning": False}}
    plan = plan_for(vignette(TENDON, flare))
    assert "slider_hamstring_curl" not in codes(plan)
    assert any("R2" in p.rule_id for p in plan.precautions)


def test_avoid_beats_include_and_the_plan_says_what_it_removed_and_why():
    plan = plan_for(vignette(STRAIN))
    [nordic] = [r for r in plan.removed if r.code == "nordic_curl"]
    assert nordic.wanted_by == ("R8",)
    assert nordic.removed_by == ("R5",)
    assert nordic.reasons
    assert "nordic_curl" not in codes(plan)


def test_strain_phase_two_unlocks_lengthening_once_the_r6_gate_is_met():
    met = {
        "function": {"walking_normal_stride_pain_free": True, "slow_jog_pain_free": True},
        "hamstring": {"submax_isometric_90_pain_free": True},
    }
    plan = plan_for(vignette(STRAIN, met))
    # The lengthening ladder starts at its first level; the next one waits its turn.
    assert "askling_extender" in current_codes(plan)
    assert "askling_diver" in later_codes(plan)
    assert "askling_glider" in [held.code for held in plan.held_back]
    assert "nordic_curl" in removed_codes(plan)


def test_same_exercise_from_two_rules_appears_once_with_both_reasons():
    both = {
        "core": {"prone_instability": True},
        "hip": {"mmt_hip_flexors": {"left": "5", "right": "4"}},
    }
    plan = plan_for(vignette(both))
    assert codes(plan).count("dead_bug") == 1
    dead_bug = plan.item("dead_bug")
    assert dead_bug.rule_ids == ("R10", "R14")
    assert [reason.rule_id for reason in dead_bug.reasons] == ["R10", "R14"]
    # §9: the weaker of the strongest rule (R14, CPG) and the exercise's own level (low).
    assert dead_bug.evidence_level == "low"


def test_r10_is_labelled_expert_opinion():
    plan = plan_for(vignette(hip={"mmt_hip_flexors": {"left": "5", "right": "4-"}}))
    march = plan.item("standing_psoas_march")
    [reason] = march.reasons
    assert reason.evidence_level == "expert"
    assert reason.text.startswith("Expert opinion")
    assert march.notes == ("Start with the side opposite the painful hamstring.",)


def test_r10_can_be_switched_off_by_the_clinic():
    plan = plan_for(
        vignette(hip={"mmt_hip_flexors": {"left": "5", "right": "4-"}}),
        disabled_rules=frozenset({"R10"}),
    )
    assert "standing_psoas_march" not in codes(plan)


def gate(plan, rule_id):
    [found] = [g for g in plan.gates if g.rule_id == rule_id]
    return found


def test_gates_report_not_measured_when_nothing_was_tested():
    plan = plan_for(vignette(STRAIN, gait={"runner": True}))
    runner = plan_for(vignette(gait={"runner": True}))
    for found in (gate(plan, "R6"), gate(plan, "R7"), gate(runner, "R19")):
        assert found.status == GateStatus.NOT_MEASURED
        assert {c.status for c in found.criteria} == {GateStatus.NOT_MEASURED}


def test_no_walk_run_gate_while_a_strain_forbids_running():
    plan = plan_for(vignette(STRAIN, gait={"runner": True}))
    assert "R19" not in [found.rule_id for found in plan.gates]


def test_r6_gate_reports_met_and_not_met_criteria():
    partial = {
        "function": {"walking_normal_stride_pain_free": True, "slow_jog_pain_free": False},
    }
    r6 = gate(plan_for(vignette(STRAIN, partial)), "R6")
    assert r6.status == GateStatus.NOT_MET
    assert [c.status for c in r6.criteria] == [
        GateStatus.MET,
        GateStatus.NOT_MET,
        GateStatus.NOT_MEASURED,
    ]


def test_r7_gate_reads_strength_symmetry_and_the_h_test():
    ready = {
        "symptomatic_side": "left",
        "hamstring": {
            "knee_flexor_mmt_90": {"left": "5", "right": "5"},
            "knee_flexor_mmt_15": {"left": "5", "right": "5"},
            "knee_flexor_test_painful": False,
            "h_test_insecurity": 0,
        },
        "hip": {"hhd_knee_flexors_n": {"left": 190, "right": 200}},
        "neural": {"slr_angle": {"left": 80, "right": 82}},
        "function": {"sport_speed_pain_free": True},
    }
    assert gate(plan_for(vignette(STRAIN, ready)), "R7").status == GateStatus.MET
    insecure = vignette(STRAIN, ready, hamstring={"h_test_insecurity": 10})
    assert gate(plan_for(insecure), "R7").status == GateStatus.NOT_MET


def test_r19_gate_met_starts_the_walk_run_progression():
    ready = {
        "gait": {"runner": True},
        "function": {
            "brisk_walk_30min_pain_free": True,
            "single_leg_squats_pain_free": {"left": 10, "right": 12},
            "single_leg_hop_20s": {"left": 28, "right": 30},
        },
        "foot": {"heel_raise_count": {"left": 24, "right": 25}},
    }
    plan = plan_for(vignette(ready))
    assert gate(plan, "R19").status == GateStatus.MET
    assert "walk_run_progression" in codes(plan)
    short = vignette(ready, foot={"heel_raise_count": {"left": 15, "right": 25}})
    assert "walk_run_progression" not in codes(plan_for(short))


def test_an_inactive_exercise_is_skipped_and_reported():
    library = Library(replace(e, active=False) if e.code == "dead_bug" else e for e in SEED)
    plan = plan_for(vignette(core={"prone_instability": True}), library=library)
    assert "dead_bug" not in codes(plan)
    [missing] = [r for r in plan.removed if r.code == "dead_bug"]
    assert missing.reasons == (MISSING_FROM_LIBRARY,)
    assert "bird_dog" in codes(plan)


def test_an_empty_library_still_gives_the_manual_therapy_and_education_items():
    plan = plan_for(
        vignette(history={"old_injuries": [{"region": "buttock", "scar": True}]}), library=[]
    )
    assert "scar_mobilisation" in codes(plan)
    assert "bridge_hold" in removed_codes(plan)


def test_every_item_names_its_rule_reason_evidence_and_sources():
    plan = plan_for(vignette(TENDON))
    for item in plan.items:
        assert item.rule_ids and item.reasons and item.source_keys and item.evidence_level


def test_items_come_home_first_then_education_clinic_and_later():
    plan = plan_for(vignette(NERVE, TENDON))
    order = list(Part)
    parts = [order.index(item.part) for item in plan.items]
    assert parts == sorted(parts)
