"""R13 and R16: sacroiliac joint pain (Laslett cluster) and a lumbar directional preference."""

from evaluations.plan.derived import Derived
from evaluations.plan.rules.base import Fired, Include, Rule, rule
from evaluations.plan.snapshot import Direction, FindingsSnapshot

R13 = Rule("R13", "SIJ pathway (Laslett cluster)", "cohort", ("LAS", "ASLR"))
R16 = Rule("R16", "Lumbar directional preference / centralisation", "CPG", ("DP", "SIJ2"))

R13_INCLUDES = (
    R13.includes(
        "SI joint pain is likely: stabilise the lumbopelvic region.",
        "dead_bug",
        "bird_dog",
        "mcgill_curl_up",
        "side_plank",
        "front_plank",
        "drawing_in_pbu",
    )
    + R13.includes(
        "Strong glutes help close and steady the SI joint.",
        "bridge_hold",
        "bent_knee_bridge",
        "bridge_walkouts",
        "single_leg_bridge",
        "single_leg_bridge_box",
        "hip_thrust",
    )
    + R13.includes(
        "Hands-on treatment to ease SI joint pain while loading builds up.",
        "joint_mobilisation",
        "soft_tissue_mobilisation",
    )
)
R13_FORCE_CLOSURE = R13.includes(
    "The leg raise is easier with the pelvis compressed: train force closure.",
    "force_closure_training",
)
R16_INCLUDES = R16.includes(
    "Symptoms ease with repeated movement in one direction: use that direction, and bend "
    "with the back position that does not add pain.",
    "directional_preference",
    "hip_hinge_dowel",
)
R16_BY_DIRECTION = {
    direction: (
        Include(
            "directional_preference",
            R16_INCLUDES[0].reason,
            f"Preferred direction: {direction}.",
        ),
        *R16_INCLUDES[1:],
    )
    for direction in Direction
}
CENTRALISATION_CAVEAT = (
    "Symptoms centralise on repeated lumbar movement: a lumbar source is likely, which lowers "
    "the cluster's specificity — treat the directional preference first [SIJ][DP]"
)


@rule(R13)
def r13_sij(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    cluster = derived.sij
    if not cluster.met:
        return None
    findings = [f"Laslett cluster {cluster.positives}/{cluster.out_of} with the familiar pain"]
    if snapshot.pelvis.centralisation:
        findings.append(CENTRALISATION_CAVEAT)
    includes = R13_INCLUDES
    if snapshot.core.aslr_better_with_compression:
        includes += R13_FORCE_CLOSURE
        findings.append("ASLR better with pelvic compression")
    return Fired(
        R13, includes=includes, pathway=R13.pathway("sij", "Sacroiliac joint pain", findings)
    )


@rule(R16)
def r16_directional_preference(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    pelvis = snapshot.pelvis
    if not pelvis.centralisation and pelvis.directional_preference is None:
        return None
    findings = []
    if pelvis.centralisation:
        findings.append("Symptoms centralise on repeated movement")
    if pelvis.directional_preference is not None:
        findings.append(f"Preferred direction: {pelvis.directional_preference}")
    return Fired(
        R16,
        includes=R16_BY_DIRECTION.get(pelvis.directional_preference, R16_INCLUDES),
        pathway=R16.pathway(
            "lumbar_directional_preference", "Lumbar directional preference", findings
        ),
    )
