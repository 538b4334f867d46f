"""R5–R8 and R23: hamstring strain — criteria-based phases, recurrence, strength at length."""

from evaluations.plan.derived import LSI_THRESHOLD, Derived, slump_done
from evaluations.plan.plan_types import Gate, GateStatus
from evaluations.plan.rules.base import Fired, Rule, criterion, gate, rule
from evaluations.plan.snapshot import FindingsSnapshot, MmtGrade, Side

R5 = Rule("R5", "Acute strain protocol", "RCT", ("HEI", "ASK", "ASK2"))
R6 = Rule("R6", "Strain phase I → II gate", "expert", ("HEI",))
# Clinical reference §7: R7 follows the published protocol from memory; re-check against [HEI] T4.
R7 = Rule("R7", "Return-to-sport gate after a strain", "expert", ("HEI", "HT", "LSI", "CPG22"))
R8 = Rule("R8", "Previous hamstring strain", "RCT", ("HEI", "NHE", "TURL", "KORN"))
R23 = Rule("R23", "Length deficit without nerve or tendon signs", "cohort", ("MOEN", "HEI"))

# [AKE] an active knee extension lag above ≈ 20° is abnormal.
AKE_LAG_ABOVE = 20.0
# [SHS] a straight leg raise under 70° is the short-hamstring benchmark.
SLR_SHORT_BELOW = 70.0

PHASE_ONE = R5.includes(
    "Acute strain, phase I: protect the healing muscle with pain-free isometrics, "
    "trunk and balance work and easy conditioning.",
    "bent_knee_bridge",
    "prone_isometric_knee_flexion",
    "side_plank",
    "front_plank",
    "single_limb_balance",
    "agility_drills",
    "stationary_bike",
    note="Phase I: low intensity, pain-free only.",
) + R5.includes("Progress by criteria, not by the calendar.", "strain_phases")
PHASE_TWO = R5.includes(
    "Phase I criteria met: build strength at longer muscle lengths (lengthening exercises "
    "speed return to play).",
    "bridge_walkouts",
    "balance_trunk_lean",
    "lunge_walk_rotation",
    "askling_extender",
    "askling_diver",
    "askling_glider",
    "side_plank",
    "agility_drills",
    note="Phase II: moderate intensity, stop before pain.",
) + R5.includes("Progress by criteria, not by the calendar.", "strain_phases")
PHASE_THREE = R5.includes(
    "Return-to-sport criteria met: eccentric strength and speed work.",
    "nordic_curl",
    "askling_glider",
    "agility_drills",
    note="Phase III: high intensity, pain-free.",
)
NO_LENGTHENING = R5.avoid(
    "no_lengthening_before_r6",
    "No end-range lengthening until the phase I → II gate (R6) is met.",
    tags=("lengthening",),
)
NO_SPEED = R5.avoid(
    "no_speed_before_r7",
    "No sprinting or high-speed running until the return-to-sport gate (R7) is met.",
    codes=("nordic_curl", "walk_run_progression"),
)

R8_INCLUDES = R8.includes(
    "An earlier hamstring strain is the strongest risk factor for another: eccentric and "
    "lengthened-state training lowers recurrence.",
    "nordic_curl",
    "askling_extender",
    "askling_diver",
    "askling_glider",
) + R8.includes(
    "Trunk and pelvic control lower recurrence after a strain.",
    "dead_bug",
    "bird_dog",
    "mcgill_curl_up",
    "side_plank",
    "front_plank",
    "single_limb_balance",
    "balance_trunk_lean",
    "lunge_walk_rotation",
)
R8_SLUMP = R8.includes(
    "The slump test is often positive after repeated strains: screen for a nerve component.",
    "slump_screen",
)
R23_INCLUDES = R23.includes(
    "Short hamstrings without nerve or tendon signs: dynamic flexibility and strength at "
    "length (a length deficit predicts a longer return).",
    "askling_extender",
    "askling_diver",
    "askling_glider",
    "romanian_deadlift",
    "single_leg_rdl",
    "nordic_curl",
)
R23_SCREEN = R23.includes(
    "Rule out a nerve source before lengthening work: the neural tests were not done.",
    "slump_screen",
)


def phase_two_gate(snapshot: FindingsSnapshot) -> Gate:
    """R6: normal pain-free stride, a very slow pain-free jog, pain-free submaximal isometric."""
    function, hamstring = snapshot.function, snapshot.hamstring
    return gate(
        R6,
        "Phase I → II (acute strain)",
        (
            criterion(
                "Normal walking stride without pain", function.walking_normal_stride_pain_free
            ),
            criterion("Very slow jog without pain", function.slow_jog_pain_free),
            criterion(
                "Pain-free submaximal (50–70 %) prone isometric knee flexion at 90°",
                hamstring.submax_isometric_90_pain_free,
            ),
        ),
    )


def return_to_sport_gate(snapshot: FindingsSnapshot, derived: Derived) -> Gate:
    """R7: full pain-free strength, symmetric range, no H-test insecurity, pain-free speed."""
    hamstring = snapshot.hamstring
    strength = _full_strength(snapshot)
    hhd = derived.lsi("hip.hhd_knee_flexors_n")
    slr = derived.lsi("neural.slr_angle")
    insecurity = hamstring.h_test_insecurity
    return gate(
        R7,
        "Return to sport (strain)",
        (
            criterion("Knee flexors 5/5 at 90° and 15°, pain-free", strength),
            criterion(
                f"Knee flexor strength (HHD) LSI ≥ {LSI_THRESHOLD:g} %",
                None if hhd is None else not hhd.below_threshold,
                "" if hhd is None else f"LSI {hhd.percent_text}",
            ),
            criterion(
                f"Straight leg raise symmetric (LSI ≥ {LSI_THRESHOLD:g} %)",
                None if slr is None else not slr.below_threshold,
                "" if slr is None else f"LSI {slr.percent_text}",
            ),
            criterion(
                "H-test insecurity 0",
                None if insecurity is None else insecurity == 0,
                "" if insecurity is None else f"insecurity {insecurity:g}/100",
            ),
            criterion(
                "Sport-specific movement near maximal speed without pain",
                snapshot.function.sport_speed_pain_free,
            ),
        ),
    )


def _full_strength(snapshot: FindingsSnapshot) -> bool | None:
    hamstring = snapshot.hamstring
    sides = (
        (Side.LEFT, Side.RIGHT)
        if snapshot.symptomatic_side in (None, Side.BOTH)
        else (snapshot.symptomatic_side,)
    )
    grades = [
        pair.get(side)
        for pair in (hamstring.knee_flexor_mmt_90, hamstring.knee_flexor_mmt_15)
        for side in sides
    ]
    if any(grade is not None and grade != MmtGrade.G5 for grade in grades):
        return False
    if hamstring.knee_flexor_test_painful:
        return False
    if None in grades or hamstring.knee_flexor_test_painful is None:
        return None
    return True


@rule(R5)
def r5_acute_strain(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    if not derived.acute_strain_picture:
        return None
    phase_two = phase_two_gate(snapshot).status == GateStatus.MET
    sport = phase_two and return_to_sport_gate(snapshot, derived).status == GateStatus.MET
    if sport:
        phase, includes, avoids = "III", PHASE_THREE, ()
    elif phase_two:
        phase, includes, avoids = "II", PHASE_TWO, (NO_SPEED,)
    else:
        phase, includes, avoids = "I", PHASE_ONE, (NO_LENGTHENING, NO_SPEED)
    findings = derived.differentiation.acute_strain + (f"Current phase: {phase}",)
    return Fired(
        R5,
        includes=includes,
        avoids=avoids,
        pathway=R5.pathway("acute_strain", "Acute hamstring strain", findings),
    )


@rule(R6)
def r6_phase_two_gate(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    if not derived.acute_strain_picture:
        return None
    return Fired(R6, gate=phase_two_gate(snapshot))


@rule(R7)
def r7_return_to_sport_gate(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    if not derived.acute_strain_picture:
        return None
    return Fired(R7, gate=return_to_sport_gate(snapshot, derived))


@rule(R8)
def r8_previous_strain(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    strains = snapshot.history.previous_hamstring_strains
    if not strains:
        return None
    includes = R8_INCLUDES
    if not slump_done(snapshot.neural):
        includes += R8_SLUMP
    findings = (f"{strains} earlier hamstring strain{'s' if strains > 1 else ''}",)
    return Fired(
        R8,
        includes=includes,
        pathway=R8.pathway("recurrent_strain", "Previous hamstring strain", findings),
    )


@rule(R23)
def r23_length_deficit(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    if derived.neural_picture or derived.tendinopathy_picture:
        return None
    findings = _length_deficits(snapshot, derived)
    if not findings:
        return None
    includes = R23_INCLUDES
    neural = snapshot.neural
    if not slump_done(neural) and not neural.slr_radiating_pain.values():
        includes += R23_SCREEN
    return Fired(
        R23,
        includes=includes,
        pathway=R23.pathway("length_deficit", "Hamstring length deficit", findings),
    )


def _length_deficits(snapshot: FindingsSnapshot, derived: Derived) -> list[str]:
    found = []
    lags = snapshot.hamstring.active_knee_extension_lag
    if any(lag > AKE_LAG_ABOVE for lag in lags.values()):
        found.append("active knee extension lag over 20°")
    if any(angle < SLR_SHORT_BELOW for angle in snapshot.neural.slr_angle.values()):
        found.append("straight leg raise under 70°")
    slr = derived.lsi("neural.slr_angle")
    if slr is not None and slr.below_threshold:
        found.append(f"straight leg raise LSI {slr.percent_text}")
    return found
