"""The rules R0–R24 (clinical reference §5, docs/rules.md), one module per pathway, in the
order the plan lists them."""

from evaluations.plan.rules import (
    core,
    cross_checks,
    follow_up,
    foot,
    gait,
    hip,
    lifestyle,
    manual_therapy,
    neural,
    pelvis_sij,
    red_flags,
    strain,
    tendinopathy,
)
from evaluations.plan.rules.base import Rule

# R0 runs first and on its own: a blocking red flag stops every other rule.
SCREEN = red_flags.r0_red_flags
RULES = (
    tendinopathy.r1_tendinopathy,
    tendinopathy.r2_load_test,
    neural.r3_neural,
    neural.r4_neural_deficit,
    strain.r5_acute_strain,
    strain.r6_phase_two_gate,
    strain.r7_return_to_sport_gate,
    strain.r8_previous_strain,
    hip.r9_hip_extensor_weakness,
    hip.r10_hip_flexor_weakness,
    hip.r11_short_hip_flexors,
    hip.r12_abductor_weakness,
    pelvis_sij.r13_sij,
    core.r14_motor_control,
    core.r15_trunk_endurance,
    pelvis_sij.r16_directional_preference,
    foot.r17_pronated_foot,
    foot.r18_calf_ankle,
    gait.r19_return_to_run,
    gait.r20_running_mechanics,
    lifestyle.r21_sitting,
    lifestyle.r22_old_scar,
    strain.r23_length_deficit,
    follow_up.r24_follow_up,
)
# DX: a picture's rules stay provisional while another picture is neither shown nor ruled out.
DX = Rule(
    "DX",
    "A picture is named only once it has been tested against the others",
    "expert",
    ("SLU", "SLR", "HEI", "GOOM"),
)
PICTURE_RULES = {
    "tendinopathy": ("R1", "R2"),
    "neural": ("R3", "R4"),
    "acute_strain": ("R5", "R6", "R7"),
}
RULE_TABLE = (
    {function.rule.id: function.rule for function in (SCREEN, *RULES)}
    | {rule.id: rule for rule in cross_checks.RULES}
    | {rule.id: rule for rule in (red_flags.TRIAGE, manual_therapy.MT, DX)}
)
