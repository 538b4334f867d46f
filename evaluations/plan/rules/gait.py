"""R19–R20: the return-to-run gate and running mechanics."""

from evaluations.plan.derived import LSI_THRESHOLD, Derived, limb_symmetry
from evaluations.plan.plan_types import Gate, GateStatus
from evaluations.plan.rules.base import Fired, Rule, criterion, gate, memo, rule
from evaluations.plan.snapshot import Bilateral, FindingsSnapshot

R19 = Rule("R19", "Return-to-run gate for the walk–run progression", "low", ("RTR", "RTR2"))
R20 = Rule("R20", "Overstriding, low cadence or uphill pain", "cohort", ("CAD2", "OVS", "REEV"))

# [RTR] 10 pain-free single-leg squats each side with good control.
SQUATS_NEEDED = 10
# [RTR] 20 single-leg calf raises each side.
CALF_RAISES_NEEDED = 20

R19_WALK_RUN = R19.includes(
    "The return-to-run checks are met: start the walk–run progression.", "walk_run_progression"
)
R20_CADENCE = R20.includes(
    "Overstriding or a low cadence: shorter, quicker, lighter steps reduce the load on the "
    "hamstring.",
    "cadence_retraining",
    "gait_cues",
)
NO_HILLS = R20.avoid("defer_hills", "Defer hills: running uphill brings on the pain.", codes=())


def both_sides_at_least(pair, needed: int) -> bool | None:
    values = (pair.left, pair.right)
    if any(v is not None and v < needed for v in values):
        return False
    if None in values:
        return None
    return True


def return_to_run_gate(snapshot: FindingsSnapshot) -> Gate:
    function = snapshot.function
    return _run_gate(
        function.brisk_walk_30min_pain_free,
        function.single_leg_squats_pain_free,
        snapshot.foot.heel_raise_count,
        function.single_leg_hop_20s,
        snapshot.symptomatic_side,
    )


@memo
def _run_gate(walk, squats: Bilateral, calf_raises: Bilateral, hops: Bilateral, side) -> Gate:
    hop = limb_symmetry(hops, side)
    return gate(
        R19,
        "Return to running",
        (
            criterion("30-minute brisk walk without pain or limp", walk),
            criterion(
                f"{SQUATS_NEEDED} pain-free single-leg squats each side with good control",
                both_sides_at_least(squats, SQUATS_NEEDED),
            ),
            criterion(
                f"{CALF_RAISES_NEEDED} single-leg calf raises each side",
                both_sides_at_least(calf_raises, CALF_RAISES_NEEDED),
            ),
            criterion(
                "20 s single-leg hop with < 10 % difference between sides",
                None if hop is None else hop[3] >= LSI_THRESHOLD,
                "" if hop is None else f"LSI {hop[3]:.0f} %",
            ),
        ),
    )


@rule(R19)
def r19_return_to_run(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    if not snapshot.gait.runner:
        return None
    run_gate = return_to_run_gate(snapshot)
    includes = R19_WALK_RUN if run_gate.status == GateStatus.MET else ()
    return Fired(R19, includes=includes, gate=run_gate)


@rule(R20)
def r20_running_mechanics(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    gait = snapshot.gait
    mechanics = gait.overstriding or gait.low_running_cadence
    uphill = gait.pain_running_uphill or snapshot.history.pain_walking_uphill
    if not (mechanics or uphill):
        return None
    return Fired(
        R20,
        includes=R20_CADENCE if mechanics else (),
        avoids=(NO_HILLS,) if uphill else (),
    )
