"""R24: follow-up outcome change against the published MCID / MDC values."""

from evaluations.plan.derived import Derived
from evaluations.plan.plan_types import OutcomeChange
from evaluations.plan.rules.base import Fired, Rule, rule
from evaluations.plan.snapshot import FindingsSnapshot
from evaluations.scoring import lefs_improved, nprs_improved, odi_improved, psfs_improved

R24 = Rule("R24", "Follow-up outcome change", "cohort", ("NPRS", "LEFS", "ODI3", "PSFS", "RF"))

# [RF] no improvement after 4–6 weeks calls for re-evaluation and the cancer screen.
NO_CHANGE_WEEKS = 4.0

MEASURES = (
    ("NPRS", "nprs", nprs_improved),
    ("LEFS", "lefs", lefs_improved),
    ("ODI %", "odi_percent", odi_improved),
    ("PSFS", "psfs_mean", psfs_improved),
    ("VISA-H", "visa_h", None),
)
R24_REVIEW = R24.includes(
    "No clinically important change after 4 weeks or more: re-evaluate and re-check the "
    "cancer red flags.",
    "re_evaluate",
)


def outcome_changes(snapshot: FindingsSnapshot) -> tuple[OutcomeChange, ...]:
    previous, current = snapshot.previous_outcomes, snapshot.outcomes
    if previous is None:
        return ()
    changes = []
    for label, name, improved in MEASURES:
        before, now = getattr(previous, name), getattr(current, name)
        if before is None or now is None:
            continue
        # VISA-H has no established MCID, so its change is shown but never called important.
        important = bool(improved and improved(before, now))
        changes.append(OutcomeChange(label, before, now, now - before, important))
    return tuple(changes)


@rule(R24)
def r24_follow_up(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    changes = outcome_changes(snapshot)
    if not changes:
        return None
    weeks = snapshot.previous_outcomes.weeks_ago
    stalled = not any(change.important for change in changes)
    review = stalled and weeks is not None and weeks >= NO_CHANGE_WEEKS
    return Fired(R24, includes=R24_REVIEW if review else (), outcome_changes=changes)
