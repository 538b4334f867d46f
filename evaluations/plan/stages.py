"""The stage of each active pathway, decided from the findings (clinical reference §9), and why.

Acute strain: phase I until the R6 gate is met, II until R7 is met, then III [HEI]; a gate
criterion not measured counts as not met. Tendinopathy: stage 1 (isometric) until the R2
load test is ≤ 3/10 and settled by the next morning [POGO][PMM]. Nerve: irritable (sliders
only, never tensioners) while pain is ≥ 7/10 or not recorded, or with a neurological deficit.
"""

from functools import lru_cache

from evaluations.plan.derived import Derived
from evaluations.plan.plan_types import GateStatus, Stage
from evaluations.plan.snapshot import FindingsSnapshot

ACUTE_STRAIN = "acute_strain"
TENDINOPATHY = "hamstring_tendinopathy"
NERVE = "neural"
STAGE_NAMES = {
    ACUTE_STRAIN: ("phase I", "phase II", "phase III"),
    TENDINOPATHY: ("stage 1 (isometric)", "stage 2 (isotonic)"),
    NERVE: ("irritable: sliders only", "not irritable"),
}
# A settled nerve permits tensioners but does not start them: sliders stay first until they
# are symptom-free (§4 #31–32). Other stages start their first exercise (phase II walk-outs).
PERMITS_ONLY = frozenset({NERVE})
PATHWAY_NAMES = {
    ACUTE_STRAIN: "Acute strain",
    TENDINOPATHY: "Tendinopathy",
    NERVE: "Nerve",
}
# §9: nerve pain at 7/10 or more makes the nerve irritable.
NERVE_IRRITABLE_FROM = 7
NERVE_DEFICITS = (
    ("myotome_deficit", "myotomal weakness"),
    ("reflex_deficit", "a reduced reflex"),
    ("sensation_deficit", "sensory loss"),
)
LOAD_TEST = {
    "progress": "the 24-hour load test stayed ≤ 3/10 and settled by the next morning (R2)",
    "hold": "the 24-hour load test was 4–5/10 or not settled by the next morning (R2): hold",
    "regress": "the 24-hour load test went above 5/10 or flared the next day (R2): reduce",
}
DECIDE_TENDON = (
    "Do the 24-hour load test (3 short-lever single-leg bridges: pain 0–10, and settled by "
    "the next morning?) to stage the tendon."
)
DECIDE_TENDON_MORNING = "Ask whether the load test settled by the next morning to stage the tendon."
DECIDE_NERVE = "Record pain now (0–10) to stage the nerve."


def nerve_irritability(snapshot: FindingsSnapshot) -> tuple[str, ...]:
    """Why the nerve counts as irritable; empty when it does not (§9, §4 #32)."""
    pain = snapshot.history.pain_now
    reasons = []
    if pain is None:
        reasons.append("pain now not recorded")
    elif pain >= NERVE_IRRITABLE_FROM:
        reasons.append(f"pain now {pain}/10 (7 or more)")
    neural = snapshot.neural
    reasons += [label for name, label in NERVE_DEFICITS if getattr(neural, name)]
    return tuple(reasons)


def decide_stages(snapshot: FindingsSnapshot, derived: Derived, gates: dict) -> tuple[Stage, ...]:
    """One Stage per active pathway that has stages; ``gates`` are the plan's gates by rule id."""
    stages = []
    if derived.acute_strain_picture:
        stages.append(_strain_stage(gates["R6"], gates["R7"]))
    if derived.tendinopathy_picture:
        stages.append(_tendon_stage(snapshot, derived.tendon_load_response))
    if derived.neural_picture:
        stages.append(_nerve_stage(snapshot))
    return tuple(stages)


@lru_cache(maxsize=256)
def _stage(pathway: str, number: int, why: str, to_decide: str = "") -> Stage:
    name = STAGE_NAMES[pathway][number - 1]
    return Stage(pathway, PATHWAY_NAMES[pathway], number, name, f"{name}: {why}", to_decide)


def _open_criteria(gate) -> tuple[list[str], list[str]]:
    """The gate's criteria not met, in words, and those not measured (lower-case first word)."""
    missing, untested = [], []
    for criterion in gate.criteria:
        text = criterion.text
        if text[1:2].islower():
            text = text[0].lower() + text[1:]
        if criterion.status == GateStatus.NOT_MEASURED:
            missing.append(f"{text} not yet tested")
            untested.append(text)
        elif criterion.status == GateStatus.NOT_MET:
            missing.append(f"{text} not met")
    return missing, untested


def _strain_stage(phase_gate, sport_gate) -> Stage:
    if phase_gate.status != GateStatus.MET:
        missing, untested = _open_criteria(phase_gate)
        decide = f"Test {', '.join(untested)} to stage the strain." if untested else ""
        return _stage(ACUTE_STRAIN, 1, "; ".join(missing), decide)
    if sport_gate.status != GateStatus.MET:
        missing, untested = _open_criteria(sport_gate)
        decide = f"Test {', '.join(untested)} to see whether phase III is due." if untested else ""
        return _stage(ACUTE_STRAIN, 2, "R6 met; " + "; ".join(missing), decide)
    return _stage(ACUTE_STRAIN, 3, "the R6 and R7 gates are met")


def _tendon_stage(snapshot: FindingsSnapshot, response: str | None) -> Stage:
    if response is None:
        return _stage(TENDINOPATHY, 1, "the 24-hour load test is not done yet", DECIDE_TENDON)
    if response == "progress":
        return _stage(TENDINOPATHY, 2, LOAD_TEST[response])
    unsettled = snapshot.function.load_test_settled_next_morning is None
    return _stage(TENDINOPATHY, 1, LOAD_TEST[response], DECIDE_TENDON_MORNING if unsettled else "")


def _nerve_stage(snapshot: FindingsSnapshot) -> Stage:
    reasons = nerve_irritability(snapshot)
    if reasons:
        decide = DECIDE_NERVE if snapshot.history.pain_now is None else ""
        return _stage(NERVE, 1, "; ".join(reasons), decide)
    return _stage(NERVE, 2, "pain below 7/10 and no neurological deficit")
