"""R17–R18: pronated foot posture and calf / ankle deficits."""

from evaluations.plan.derived import Derived
from evaluations.plan.rules.base import Fired, Rule, rule
from evaluations.plan.snapshot import FindingsSnapshot

R17 = Rule("R17", "Pronated foot posture with symptoms", "low", ("FPI", "ND", "FREL"))
R18 = Rule("R18", "Calf strength or ankle mobility deficit", "cohort", ("HR", "WBLT"))

# [FPI] +6 and above is a pronated foot.
FPI_PRONATED_FROM = 6
# [ND] a drop above 10 mm is pronated; fair reliability, so it only supports the FPI [FREL].
NAVICULAR_DROP_ABOVE = 10.0

R17_INCLUDES = R17.includes(
    "A flat, rolling-in foot with symptoms: train the arch and the calf, and check the shoes "
    "(the link to hamstring pain is indirect).",
    "short_foot",
    "calf_raise",
    "footwear_review",
)
R18_CALF = R18.includes(
    "The calf on the painful side is weaker: restore its share of the push-off.",
    "calf_raise",
    note="Aim for a heel-raise LSI of at least 90 %.",
)
R18_ANKLE = R18.includes(
    "The ankle bends less on one side: restore dorsiflexion.", "ankle_dorsiflexion_mobility"
)


@rule(R17)
def r17_pronated_foot(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    foot = snapshot.foot
    # Clinical reference §0: navicular drop never triggers alone; the FPI must show pronation.
    if foot.fpi_total is None or foot.fpi_total < FPI_PRONATED_FROM:
        return None
    if not snapshot.history.foot_calf_pain:
        return None
    findings = [f"Foot Posture Index +{foot.fpi_total}", "Foot or calf symptoms"]
    if any(drop > NAVICULAR_DROP_ABOVE for drop in foot.navicular_drop_mm.values()):
        findings.append("Navicular drop over 10 mm (supporting only)")
    return Fired(
        R17,
        includes=R17_INCLUDES,
        pathway=R17.pathway("pronated_foot", "Pronated foot posture", findings),
    )


@rule(R18)
def r18_calf_ankle(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    includes = ()
    findings = []
    heel = derived.lsi("foot.heel_raise_count")
    if heel is not None and heel.below_threshold:
        includes += R18_CALF
        findings.append(f"Heel-raise LSI {heel.percent_text}")
    lunge = derived.lsi("foot.knee_to_wall_cm")
    if lunge is not None and lunge.below_threshold:
        includes += R18_ANKLE
        findings.append(f"Knee-to-wall LSI {lunge.percent_text}")
    if not includes:
        return None
    return Fired(
        R18,
        includes=includes,
        pathway=R18.pathway("calf_ankle", "Calf strength or ankle mobility deficit", findings),
    )
