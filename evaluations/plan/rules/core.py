"""R14–R15: lumbopelvic motor control and trunk endurance balance."""

from evaluations.plan.derived import Derived
from evaluations.plan.rules.base import Fired, Include, Rule, rule
from evaluations.plan.snapshot import FindingsSnapshot, Side

R14 = Rule("R14", "Motor-control / stabilisation programme", "CPG", ("HCPR", "PIT", "LBP21"))
R15 = Rule("R15", "McGill endurance ratios", "low", ("MCG",))

R14_INCLUDES = R14.includes(
    "The trunk is not controlling movement well: a stabilisation programme (McGill Big 3 and "
    "deep-core work) is likely to help.",
    "dead_bug",
    "bird_dog",
    "mcgill_curl_up",
    "side_plank",
    "front_plank",
    "drawing_in_pbu",
)
R15_INCLUDES = R15.includes(
    "Trunk endurance is out of balance: build the weak links (endurance balance matters more "
    "than raw hold time).",
    "bird_dog",
    "front_plank",
)
R15_SIDE_PLANK = R15.includes(
    "Trunk endurance is out of balance: build the weak links.", "side_plank"
)
R15_WEAK_SIDE = {
    side: (
        Include("side_plank", R15_SIDE_PLANK[0].reason, f"More sets on the weaker {side} side."),
    )
    for side in (Side.LEFT, Side.RIGHT)
}


@rule(R14)
def r14_motor_control(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    core = snapshot.core
    findings = []
    aslr = sum(core.aslr.values())
    if aslr >= 1:
        findings.append(f"Active straight leg raise score {aslr}/10")
    if core.prone_instability:
        findings.append("Prone instability test positive")
    if derived.hicks.met:
        findings.append(f"Hicks stabilisation rule {derived.hicks.count}/4")
    if not findings:
        return None
    return Fired(
        R14,
        includes=R14_INCLUDES,
        pathway=R14.pathway("motor_control", "Lumbopelvic motor control", findings),
    )


@rule(R15)
def r15_trunk_endurance(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    mcgill = derived.mcgill
    if not mcgill.abnormal:
        return None
    side_plank = R15_WEAK_SIDE.get(mcgill.weak_side, R15_SIDE_PLANK)
    return Fired(
        R15,
        includes=side_plank + R15_INCLUDES,
        pathway=R15.pathway("trunk_endurance", "Trunk endurance imbalance", mcgill.findings),
    )
