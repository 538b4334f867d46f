"""R21–R22: long sitting and an old scar at the back of the thigh or buttock."""

from evaluations.plan.derived import Derived
from evaluations.plan.rules.base import Fired, Rule, memo, rule
from evaluations.plan.snapshot import FindingsSnapshot, InjuryKind, InjuryRegion

R21 = Rule("R21", "Prolonged sitting", "low", ("ARTICLE", "REEV"))
R22 = Rule("R22", "Old scar at the back of the thigh or buttock", "low", ("LBP21",))

# The article and [REEV]: sitting about 6 hours a day or more is a contributing factor.
SITTING_HOURS_FROM = 6.0
SCAR_REGIONS = (InjuryRegion.POSTERIOR_THIGH, InjuryRegion.BUTTOCK)

R21_INCLUDES = R21.includes(
    "Long hours sitting shorten the hip flexors and keep the hamstrings loaded: break up "
    "sitting, lengthen the front of the hip and wake up the glutes.",
    "sitting_breaks",
    "half_kneeling_hip_flexor_stretch",
    "bridge_hold",
)
R22_INCLUDES = R22.includes(
    "An old scar can change how the tissue glides: scar work as an adjunct (weak evidence).",
    "scar_mobilisation",
    "soft_tissue_mobilisation",
) + R22.includes(
    "Progressive loading is the treatment; scar work never replaces it.",
    "bridge_hold",
    "slider_hamstring_curl",
)


@rule(R21)
def r21_sitting(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    return _r21(snapshot.history.sitting_hours_per_day)


@memo
def _r21(hours: float | None) -> Fired | None:
    if hours is None or hours < SITTING_HOURS_FROM:
        return None
    return Fired(
        R21,
        includes=R21_INCLUDES,
        pathway=R21.pathway("prolonged_sitting", "Prolonged sitting", (f"Sits {hours:g} h a day",)),
    )


@rule(R22)
def r22_old_scar(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    scars = [
        injury
        for injury in snapshot.history.old_injuries or ()
        if injury.region in SCAR_REGIONS and (injury.scar or injury.kind == InjuryKind.SURGERY)
    ]
    if not scars:
        return None
    findings = [
        " ".join(
            str(part) for part in (injury.description or injury.kind or "scar", injury.year) if part
        )
        + f" ({injury.region.replace('_', ' ')})"
        for injury in scars
    ]
    return Fired(
        R22,
        includes=R22_INCLUDES,
        pathway=R22.pathway("old_scar", "Old scar tissue", findings),
    )
