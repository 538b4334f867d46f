"""R1–R2: proximal hamstring tendinopathy — staged loading, no compression or stretch early."""

from evaluations.plan.derived import Derived
from evaluations.plan.rules.base import Fired, Rule, rule
from evaluations.plan.snapshot import FindingsSnapshot

R1 = Rule(
    "R1",
    "Proximal hamstring tendinopathy pathway",
    "expert",
    ("GOOM", "TSMT", "ADV", "LOG", "REEV", "VISA"),
)
R2 = Rule("R2", "24-hour load-test response (pain-monitoring model)", "expert", ("POGO", "PMM"))

R1_INCLUDES = (
    R1.includes(
        "Tendon pain at the sit bone: start with holds that calm the tendon without "
        "squeezing it against the bone (stage 1).",
        "isometric_hamstring_hold",
        "bridge_hold",
    )
    + R1.includes(
        "Sitting presses the tendon against the sit bone: break up sitting and cushion it.",
        "sitting_breaks",
    )
    + R1.includes(
        "Track the tendon with the one questionnaire validated for it.", "visa_h_tracking"
    )
    + R1.includes(
        "Tendons tolerate load that stays at 0–5/10 and settles by the next morning.",
        "load_monitoring",
        "tendon_loading_stages",
    )
)
NO_STRETCH = R1.avoid(
    "no_hamstring_stretch",
    "No sustained or aggressive hamstring stretching: it compresses and irritates the tendon.",
    tags=("hamstring_stretch", "lengthening"),
)
NO_DEEP_FLEXION = R1.avoid(
    "no_deep_hip_flexion",
    "No deep hip flexion (beyond ≈ 60–90°) early: it compresses the tendon at the sit bone.",
    tags=("deep_hip_flexion",),
)
NO_EARLY_HEAVY = R1.avoid(
    "no_heavy_loading_yet",
    "Not yet: heavy hinges, Nordics and box bridges wait until the load test allows progression.",
    codes=("romanian_deadlift", "single_leg_rdl", "single_leg_bridge_box", "nordic_curl"),
)
NO_EARLY_ONCE_PROGRESSING = R1.avoid(
    "no_single_leg_loading_yet",
    "Not yet: single-leg hinges and Nordics come after the limited-depth deadlift is easy.",
    codes=("single_leg_rdl", "nordic_curl"),
)
NO_SPEED = R1.avoid(
    "no_running_early",
    "No hills, speed or running early: uphill running adds hip flexion under load.",
    codes=("agility_drills", "walk_run_progression"),
)
NO_LONG_SITTING = R1.avoid(
    "no_long_sitting", "Avoid long unbroken sitting, especially on hard seats."
)

R2_PROGRESS = R2.includes(
    "The load test stayed at ≤ 3/10 and settled by morning: progress to low-hip-flexion "
    "curls and a limited-depth deadlift.",
    "slider_hamstring_curl",
    "romanian_deadlift",
    note="Keep hip flexion shallow (stop above ≈ 60°) for now.",
)
R2_HOLD = R2.includes(
    "The load test was 4–5/10 (or not yet settled): hold the current load.", "load_monitoring"
)
R2_REGRESS = R2.includes(
    "The load test went above 5/10 or flared the next day: reduce the load.", "load_monitoring"
)
R2_REGRESS_AVOID = R2.avoid(
    "regress_load",
    "Regress: no progression this week; reduce the isometric load.",
    codes=("slider_hamstring_curl", "romanian_deadlift", "single_leg_bridge"),
)


@rule(R1)
def r1_tendinopathy(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    if not derived.tendinopathy_picture:
        return None
    progressing = derived.tendon_load_response == "progress"
    return Fired(
        R1,
        includes=R1_INCLUDES,
        avoids=(
            NO_STRETCH,
            NO_DEEP_FLEXION,
            NO_EARLY_ONCE_PROGRESSING if progressing else NO_EARLY_HEAVY,
            NO_SPEED,
            NO_LONG_SITTING,
        ),
        pathway=R1.pathway(
            "hamstring_tendinopathy",
            "Proximal hamstring tendinopathy",
            derived.differentiation.tendinopathy,
        ),
    )


@rule(R2)
def r2_load_test(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    response = derived.tendon_load_response
    if not derived.tendinopathy_picture or response is None:
        return None
    if response == "progress":
        return Fired(R2, includes=R2_PROGRESS)
    if response == "hold":
        return Fired(R2, includes=R2_HOLD)
    return Fired(R2, includes=R2_REGRESS, avoids=(R2_REGRESS_AVOID,))
