"""R9–R12: hip extensor and flexor weakness, short hip flexors, abductor weakness."""

from evaluations.plan.derived import LSI_THRESHOLD, Derived, limb_symmetry
from evaluations.plan.rules.base import Fired, Rule, memo, rule
from evaluations.plan.snapshot import Bilateral, FindingsSnapshot, MmtGrade, Severity, Side

R9 = Rule("R9", "Hip extensor weakness", "cohort", ("SLHB2", "HIPSR"))
R10 = Rule("R10", "Hip flexor weakness, especially the opposite side", "expert", ("ARTICLE", "SPR"))
R11 = Rule("R11", "Short hip flexors (Thomas test)", "RCT", ("THO1", "APT"))
R12 = Rule("R12", "Hip abductor weakness (Trendelenburg, pelvic drop)", "cohort", ("TREN",))

# [MMT] grade 4 or below is weakness for R9 and R10.
WEAK_GRADE_RANK = MmtGrade.G4.rank
# [SLHB] fewer than 20 single-leg bridge reps is a poor score.
BRIDGE_POOR_BELOW = 20
# [PEL] morphology alone gives 0–23° of tilt; beyond that counts as marked (never alone).
MARKED_TILT_ABOVE = 23.0
EXPERT_LABEL = "Expert opinion (the article's claim; no study was found)"

R9_INCLUDES = R9.includes(
    "Weak hip extensors leave the hamstrings to do the glutes' work: strengthen the glutes "
    "and hamstrings together.",
    "bridge_hold",
    "bent_knee_bridge",
    "bridge_walkouts",
    "single_leg_bridge",
    "single_leg_bridge_box",
    "hip_thrust",
    "romanian_deadlift",
    "single_leg_rdl",
)
R10_INCLUDES = R10.includes(
    f"{EXPERT_LABEL}: weak hip flexors make the hamstrings overwork; train the front of "
    "the hip and the deep core.",
    "standing_psoas_march",
    "supine_psoas_march",
    "dead_bug",
)
R10_OPPOSITE = R10.includes(
    f"{EXPERT_LABEL}: the front of the hip opposite the painful hamstring is weak; train it first.",
    "standing_psoas_march",
    "supine_psoas_march",
    "dead_bug",
    note="Start with the side opposite the painful hamstring.",
)
R11_INCLUDES = R11.includes(
    "Short hip flexors tip the pelvis forward and put the hamstrings on stretch: lengthen "
    "the front of the hip and strengthen the anterior core and glutes.",
    "half_kneeling_hip_flexor_stretch",
    "dead_bug",
    "mcgill_curl_up",
    "bridge_hold",
    "bent_knee_bridge",
    "bridge_walkouts",
    "single_leg_bridge",
    "single_leg_bridge_box",
    "hip_thrust",
)
R12_INCLUDES = R12.includes(
    "The pelvis drops in single-leg stance: strengthen the hip abductors and train balance.",
    "side_lying_hip_abduction",
    "band_lateral_walk",
    "side_plank",
    "single_limb_balance",
    "gait_cues",
)


def weak_sides(pair: Bilateral) -> list[Side]:
    return [side for side in (Side.LEFT, Side.RIGHT) if _weak(pair.get(side))]


def _weak(grade: MmtGrade | None) -> bool:
    return grade is not None and grade.rank <= WEAK_GRADE_RANK


def _relevant(sides: list[Side], symptomatic: Side | None) -> list[Side]:
    if symptomatic in (Side.LEFT, Side.RIGHT):
        return [side for side in sides if side == symptomatic]
    return sides


@rule(R9)
def r9_hip_extensor_weakness(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    hip = snapshot.hip
    return _r9(
        hip.mmt_hip_extensors,
        hip.hhd_hip_extensors_n,
        snapshot.hamstring.single_leg_bridge_reps,
        snapshot.symptomatic_side,
    )


@memo
def _r9(mmt: Bilateral, hhd_pair: Bilateral, bridges: Bilateral, symptomatic) -> Fired | None:
    weak = _relevant(weak_sides(mmt), symptomatic)
    findings = [f"Hip extensors ≤ 4/5 on the {side}" for side in weak]
    hhd = limb_symmetry(hhd_pair, symptomatic)
    if hhd is not None and hhd[3] < LSI_THRESHOLD:
        findings.append(f"Hip extensor strength LSI {hhd[3]:.0f} %")
    for side in (Side.LEFT, Side.RIGHT):
        reps = bridges.get(side)
        if reps is not None and reps < BRIDGE_POOR_BELOW:
            findings.append(f"Single-leg bridge {reps} reps on the {side} (< 20)")
    if not findings:
        return None
    return Fired(
        R9,
        includes=R9_INCLUDES,
        pathway=R9.pathway("hip_extensor_weakness", "Hip extensor weakness", findings),
    )


@rule(R10)
def r10_hip_flexor_weakness(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    hip = snapshot.hip
    return _r10(hip.mmt_hip_flexors, hip.hhd_hip_flexors_n, snapshot.symptomatic_side)


@memo
def _r10(mmt: Bilateral, hhd_pair: Bilateral, symptomatic) -> Fired | None:
    weak = set(weak_sides(mmt))
    # Either side may be the weak one here, so the weaker side is compared with the stronger.
    hhd = limb_symmetry(hhd_pair, None)
    if hhd is not None and hhd[3] < LSI_THRESHOLD:
        weak.add(hhd[0])
    if not weak:
        return None
    opposite = {Side.LEFT: Side.RIGHT, Side.RIGHT: Side.LEFT}.get(symptomatic)
    findings = [f"Hip flexors weak on the {side}" for side in sorted(weak)]
    if opposite in weak:
        findings.append(f"Opposite the painful ({symptomatic}) hamstring — {EXPERT_LABEL}")
        includes = R10_OPPOSITE
    else:
        includes = R10_INCLUDES
    return Fired(
        R10,
        includes=includes,
        pathway=R10.pathway(
            "hip_flexor_weakness", "Hip flexor weakness (expert opinion)", findings
        ),
    )


@rule(R11)
def r11_short_hip_flexors(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    hip = snapshot.hip
    positive = [
        side
        for side in (Side.LEFT, Side.RIGHT)
        if hip.thomas_positive.get(side)
        or (hip.thomas_hip_angle.get(side) is not None and hip.thomas_hip_angle.get(side) > 0)
    ]
    if not positive:
        return None
    tilt = snapshot.pelvis.sagittal_tilt_degrees
    marked_tilt = tilt is not None and tilt > MARKED_TILT_ABOVE
    # [THO2] without pelvic control the Thomas test needs a second sign before it counts.
    if not hip.thomas_pelvis_controlled and not marked_tilt:
        return None
    findings = [f"Thomas test positive on the {side}" for side in positive]
    if marked_tilt:
        findings.append(f"Marked anterior pelvic tilt ({tilt:g}°)")
    return Fired(
        R11,
        includes=R11_INCLUDES,
        pathway=R11.pathway("short_hip_flexors", "Short hip flexors", findings),
    )


@rule(R12)
def r12_abductor_weakness(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    gait = snapshot.gait
    findings = [
        f"Trendelenburg positive standing on the {side}"
        for side in (Side.LEFT, Side.RIGHT)
        if gait.trendelenburg.get(side)
    ]
    if gait.pelvic_drop_gait in (Severity.MILD, Severity.MARKED):
        findings.append(f"Pelvic drop in gait ({gait.pelvic_drop_gait})")
    if gait.pelvic_drop_single_leg_squat in (Severity.MILD, Severity.MARKED):
        findings.append(f"Pelvic drop in single-leg squat ({gait.pelvic_drop_single_leg_squat})")
    if not findings:
        return None
    return Fired(
        R12,
        includes=R12_INCLUDES,
        pathway=R12.pathway("abductor_weakness", "Hip abductor weakness", findings),
    )
