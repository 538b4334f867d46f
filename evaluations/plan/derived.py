"""Derived findings: pure functions over the snapshot, shown beside the inputs and read by rules.

Limb symmetry index, the Laslett SIJ cluster, the Hicks stabilisation rule, the McGill
endurance ratios and the differentiation summary (nerve, tendon, acute strain or a mix).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter

from evaluations import declarations as declared
from evaluations.declarations import catalogue
from evaluations.plan.snapshot import (
    Bilateral,
    FindingsSnapshot,
    Mechanism,
    Onset,
    Provocation,
    Side,
)

# [LSI] ≥ 90 % is the common return-to-sport bar.
LSI_THRESHOLD = 90.0
# [HEI] stretch-type strains sit ≈ 2 ± 1 cm from the tuberosity; further out is the belly.
TUBEROSITY_MAX_CM = 3.0
# [SLR] radiating leg pain between 30° and 70° is a neural sign.
SLR_NEURAL_MIN, SLR_NEURAL_MAX = 30.0, 70.0
# [HCPR] Hicks rule items: age under 40 and a straight leg raise above 91°.
HICKS_AGE_BELOW, HICKS_SLR_ABOVE = 40, 91.0
# [MCG] Anderson 2014 norms and this engine's "well below" (half the norm), declared with
# the McGill findings whose normal range they give.
MCGILL_NORMS, MCGILL_WELL_BELOW = catalogue.MCGILL_NORMS, catalogue.MCGILL_WELL_BELOW
# [MCG] flexion/extension < 1.0, side bridge R/L within ≈ 5 %, side bridge/extension < 0.75.
MCGILL_FLEX_EXT_MAX, MCGILL_SIDE_ASYMMETRY_MAX, MCGILL_SIDE_EXT_MAX = 1.0, 0.05, 0.75
# [PMM] loading pain above 5/10 is unacceptable; we call such a presentation irritable.
IRRITABLE_PAIN_ABOVE = 5
# [PMM][POGO] progress at ≤ 3/10 settled by the next morning; regress above 5/10.
LOAD_PROGRESS_MAX, LOAD_REGRESS_ABOVE = 3, 5

UNCLEAR = "unclear"
NOT_DISTINGUISHED = "Not yet distinguished from {names}: {to_do}"
# What tells each picture apart (clinical reference §1f, §1g): the slump or a sensitised SLR
# for the nerve, the tendon tests, palpation and resisted testing for a strain.
TEST_NERVE = (
    "test the slump, or a straight leg raise with ankle dorsiflexion or neck flexion [SLU][SLR]"
)
TEST_TENDON = (
    "test Puranen-Orava, the bent-knee stretch or the modified bent-knee stretch [PO][BKS][HHP]"
)
ASK_SIT_BONE = "ask about pain at the sit bone [GOOM]"
ASK_SITTING = "ask about pain when sitting [GOOM]"
ASK_ONSET = "record the onset and what the patient was doing (sprinting, stretching) [HEI]"
PALPATE = "palpate for the tender point and its distance from the sit bone [HEI]"
TEST_RESISTED = "test resisted knee flexion [HEI]"

PHT_TESTS = (
    ("puranen_orava", "Puranen-Orava [PO]"),
    ("bent_knee_stretch", "bent-knee stretch [BKS]"),
    ("modified_bent_knee_stretch", "modified bent-knee stretch [HHP]"),
)
ACTIVITY = {Mechanism.SPRINT: "sprinting", Mechanism.STRETCH: "stretching"}
SIJ_TESTS = ("sij_distraction", "sij_thigh_thrust", "sij_compression", "sij_sacral_thrust")


def symmetry_measures(sections) -> tuple[tuple[str, str], ...]:
    """(path in the snapshot, label) of each finding declared with a limb symmetry index."""
    return tuple(
        (f"{section.snapshot_name}.{finding.name}", finding.lsi)
        for section in sections
        for finding in section.findings
        if finding.lsi
    )


# Bilateral measures where more is better, as declared.
SYMMETRY_MEASURES = symmetry_measures(declared.SECTIONS)
_MEASURES = {path: (label, attrgetter(path)) for path, label in SYMMETRY_MEASURES}


@dataclass(frozen=True, slots=True)
class Symmetry:
    measure: str
    label: str
    involved_side: Side
    involved: float
    uninvolved: float
    lsi_percent: float

    @property
    def below_threshold(self) -> bool:
        return self.lsi_percent < LSI_THRESHOLD

    @property
    def percent_text(self) -> str:
        """The LSI as every page and PDF prints it, e.g. "83 %"."""
        return f"{round_lsi(self.lsi_percent)} %"


def round_lsi(percent: float) -> int:
    """A whole percent, halves up as a reader rounds (82.5 → 83), never Python's half-to-even."""
    return int(Decimal(str(percent)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class SijCluster:
    positives: int
    tested: int
    out_of: int
    needed: int
    met: bool | None


@dataclass(frozen=True, slots=True)
class HicksRule:
    count: int
    unknown: int
    met: bool | None


@dataclass(frozen=True, slots=True)
class McGillRatios:
    flexion_extension: float | None
    side_bridge_right_left: float | None
    side_bridge_extension: float | None
    weak_side: Side | None
    findings: tuple[str, ...]

    @property
    def abnormal(self) -> bool:
        return bool(self.findings)


@dataclass(frozen=True, slots=True)
class Untested:
    """A picture the findings can neither show nor rule out yet, and what would decide it."""

    picture: str
    name: str
    to_do: tuple[str, ...]

    @property
    def text(self) -> str:
        return f"{self.name}: {'; '.join(self.to_do)}"


@dataclass(frozen=True, slots=True)
class Differentiation:
    """What the signs point to; ``untested`` lists the pictures not yet told apart from it.

    A picture with an untested alternative is provisional: the pages say "not yet
    distinguished from …" instead of naming it (clinical reference §1f: telling nerve from hamstring
    is the point of the evaluation).
    """

    picture: str
    neural: tuple[str, ...]
    tendinopathy: tuple[str, ...]
    acute_strain: tuple[str, ...]
    caveats: tuple[str, ...]
    untested: tuple[Untested, ...] = ()

    @property
    def provisional(self) -> bool:
        return self.picture != UNCLEAR and bool(self.untested)

    @property
    def not_distinguished_text(self) -> str:
        """ "Not yet distinguished from nerve irritation: test …" for a provisional picture."""
        names = " or ".join(untested.name for untested in self.untested)
        to_do = "; ".join(step for untested in self.untested for step in untested.to_do)
        return NOT_DISTINGUISHED.format(names=names, to_do=to_do)


@dataclass(frozen=True, slots=True)
class Derived:
    snapshot: FindingsSnapshot
    sij: SijCluster
    hicks: HicksRule
    mcgill: McGillRatios
    differentiation: Differentiation
    irritable: bool
    tendon_load_response: str | None
    # Limb symmetry is worked out per measure on first use: most rules need only a few.
    _lsi: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def neural_picture(self) -> bool:
        return bool(self.differentiation.neural)

    @property
    def tendinopathy_picture(self) -> bool:
        return bool(self.differentiation.tendinopathy)

    @property
    def acute_strain_picture(self) -> bool:
        return bool(self.differentiation.acute_strain)

    def lsi(self, measure: str) -> Symmetry | None:
        """The limb symmetry of one measure of SYMMETRY_MEASURES, None if not measured."""
        cache = self._lsi
        if measure not in cache:
            label, get = _MEASURES[measure]
            result = limb_symmetry(get(self.snapshot), self.snapshot.symptomatic_side)
            cache[measure] = None if result is None else Symmetry(measure, label, *result)
        return cache[measure]

    @property
    def symmetry(self) -> dict:
        """Every bilateral measure with both sides recorded, by its path in the snapshot."""
        found = ((path, self.lsi(path)) for path in _MEASURES)
        return {path: symmetry for path, symmetry in found if symmetry is not None}


def limb_symmetry(pair: Bilateral, symptomatic_side: Side | None) -> tuple | None:
    """(involved side, involved, uninvolved, LSI %), or None if a side is missing or zero.

    Without a single symptomatic side the weaker side counts as involved.
    """
    left, right = pair.left, pair.right
    if left is None or right is None:
        return None
    if symptomatic_side == Side.LEFT or (symptomatic_side != Side.RIGHT and left <= right):
        side, involved, uninvolved = Side.LEFT, left, right
    else:
        side, involved, uninvolved = Side.RIGHT, right, left
    if uninvolved <= 0:
        return None
    # Multiplying first keeps exact halves exact in floating point (165 × 100 / 200 = 82.5).
    return side, involved, uninvolved, involved * 100.0 / uninvolved


def symmetries(snapshot: FindingsSnapshot) -> dict:
    return derive(snapshot).symmetry


def sij_cluster(snapshot: FindingsSnapshot) -> SijCluster:
    """Laslett: ≥ 3 of 5, or ≥ 2 of the 4 when Gaenslen was not done; familiar pain only."""
    pelvis = snapshot.pelvis
    results = [getattr(pelvis, name) for name in SIJ_TESTS]
    if pelvis.sij_gaenslen is not None:
        results.append(pelvis.sij_gaenslen)
        needed = 3
    else:
        needed = 2
    positives = sum(r == Provocation.POSITIVE_FAMILIAR for r in results)
    untested = sum(r is None for r in results)
    if positives >= needed:
        met = True
    elif positives + untested < needed:
        met = False
    else:
        met = None
    return SijCluster(positives, len(results) - untested, len(results), needed, met)


def hicks_rule(snapshot: FindingsSnapshot) -> HicksRule:
    """Hicks stabilisation rule: ≥ 3 of 4 predicts success [HCPR]."""
    slr = snapshot.neural.slr_angle.values()
    items = (
        None if snapshot.age is None else snapshot.age < HICKS_AGE_BELOW,
        sum(slr) / len(slr) > HICKS_SLR_ABOVE if slr else None,
        snapshot.core.aberrant_movement,
        snapshot.core.prone_instability,
    )
    count = sum(item is True for item in items)
    unknown = sum(item is None for item in items)
    met = True if count >= 3 else (False if count + unknown < 3 else None)
    return HicksRule(count, unknown, met)


def mcgill_ratios(snapshot: FindingsSnapshot) -> McGillRatios:
    core = snapshot.core
    flexion, extension = core.mcgill_flexion_s, core.mcgill_extension_s
    left, right = core.mcgill_side_bridge_s.left, core.mcgill_side_bridge_s.right
    findings = []
    flex_ext = flexion / extension if flexion is not None and extension else None
    if flex_ext is not None and flex_ext > MCGILL_FLEX_EXT_MAX:
        findings.append(f"flexion/extension ratio {flex_ext:.2f} (> {MCGILL_FLEX_EXT_MAX})")
    right_left = right / left if right is not None and left else None
    weak_side = None
    if right_left is not None and abs(right_left - 1) > MCGILL_SIDE_ASYMMETRY_MAX:
        weak_side = Side.RIGHT if right < left else Side.LEFT
        findings.append(f"side bridge right/left {right_left:.2f} (weaker: {weak_side})")
    bridges = [v for v in (left, right) if v is not None]
    side_ext = max(bridges) / extension if bridges and extension else None
    if side_ext is not None and side_ext > MCGILL_SIDE_EXT_MAX:
        findings.append(f"side bridge/extension ratio {side_ext:.2f} (> {MCGILL_SIDE_EXT_MAX})")
    for name, value in (
        ("flexion", flexion),
        ("extension", extension),
        ("left", left),
        ("right", right),
    ):
        if value is not None and value < MCGILL_NORMS[name] * MCGILL_WELL_BELOW:
            findings.append(
                f"{name} hold {value:g} s is well below the norm of {MCGILL_NORMS[name]:g} s"
            )
    return McGillRatios(flex_ext, right_left, side_ext, weak_side, tuple(findings))


# The three parts of a positive slump, recorded separately [SLU].
SLUMP_CRITERIA = ("slump_familiar_symptoms", "slump_changes_with_neck", "slump_asymmetric")


def slump_done(neural) -> bool:
    """A slump part or the overall slump result is recorded (R8, R23 then need no screen)."""
    criteria = (getattr(neural, name) for name in SLUMP_CRITERIA)
    return any(value is not None for value in criteria) or bool(neural.slump_positive.values())


def _slump_criterion_negative(neural) -> bool:
    return any(getattr(neural, name) is False for name in SLUMP_CRITERIA)


def overall_slump_side(neural) -> str | None:
    """The side the overall slump result counts for, when the separate criteria do not decide.

    The overall result (Neural, per side) is the clinician's verdict that all three parts held
    on that side [SLU]. It counts while the separate criteria are not all recorded and none is
    recorded as no (a recorded no is the more specific finding), and only on one side: positive
    on both sides is no side difference, and symmetric responses are common without nerve
    irritation, which is why the side difference is one of the criteria.
    """
    if _all(*(getattr(neural, name) for name in SLUMP_CRITERIA)) is not None:
        return None  # the separate criteria decide: all recorded, or one recorded as no
    positive = [side for side in (Side.LEFT, Side.RIGHT) if neural.slump_positive.get(side)]
    return positive[0] if len(positive) == 1 else None


def neural_signs(snapshot: FindingsSnapshot) -> tuple[str, ...]:
    neural = snapshot.neural
    signs = []
    if (
        neural.slump_familiar_symptoms
        and neural.slump_changes_with_neck
        and neural.slump_asymmetric
    ):
        signs.append(
            "Slump reproduces the familiar symptoms, changes with neck movement and "
            "differs from the other side [SLU]"
        )
    elif side := overall_slump_side(neural):
        signs.append(
            f"Slump positive on the {side} (the overall result, counted because the separate "
            "criteria were not all recorded) [SLU]"
        )
    for side in (Side.LEFT, Side.RIGHT):
        angle = neural.slr_angle.get(side)
        radiating = neural.slr_radiating_pain.get(side) and angle is not None
        if radiating and SLR_NEURAL_MIN <= angle <= SLR_NEURAL_MAX:
            signs.append(
                f"Straight leg raise on the {side} brings on radiating leg pain at {angle:g}° [SLR]"
            )
    if neural.crossed_slr:
        signs.append("Crossed straight leg raise positive [SLR]")
    return tuple(signs)


def tendinopathy_signs(snapshot: FindingsSnapshot) -> tuple[str, ...]:
    """R1's picture: sit-bone pain with sitting and ≥ 1 tendon test with the familiar pain."""
    history, hamstring = snapshot.history, snapshot.hamstring
    tests = [
        label
        for name, label in PHT_TESTS
        if getattr(hamstring, name) == Provocation.POSITIVE_FAMILIAR
    ]
    if not (history.sit_bone_pain and history.pain_sitting and tests):
        return ()
    signs = ["Pain at the sit bone, worse sitting [GOOM]", "Familiar pain on " + ", ".join(tests)]
    if _tender_at_tuberosity(snapshot):
        signs.append("Tender at the ischial tuberosity [CAC]")
    if history.pain_putting_on_shoes:
        signs.append("Pain with deep hip flexion (shoes, trousers) [GOOM]")
    if history.warms_up_then_worse:
        signs.append("Warms up, then worse afterwards [GOOM]")
    return tuple(signs)


def acute_strain_signs(snapshot: FindingsSnapshot) -> tuple[str, ...]:
    """R5's picture: sudden sprint or stretch onset, belly tenderness, painful resisted flexion."""
    history, hamstring = snapshot.history, snapshot.hamstring
    acute_onset = history.onset == Onset.SUDDEN and history.mechanism in (
        Mechanism.SPRINT,
        Mechanism.STRETCH,
    )
    belly = (
        hamstring.tender
        and hamstring.tender_distance_cm is not None
        and (hamstring.tender_distance_cm > TUBEROSITY_MAX_CM)
    )
    if not (acute_onset and belly and hamstring.resisted_knee_flexion_painful):
        return ()
    signs = [
        f"Sudden onset while {ACTIVITY[history.mechanism]}",
        f"Tender in the muscle belly, {hamstring.tender_distance_cm:g} cm from the sit bone [HEI]",
        "Resisted knee flexion reproduces the pain [HEI]",
    ]
    if hamstring.tost:
        signs.append("Taking-off-the-shoe test positive, as in acute biceps femoris strain [TOST]")
    return tuple(signs)


def caveats(snapshot: FindingsSnapshot) -> tuple[str, ...]:
    """What was recorded but, by clinical reference §0, did not count towards the picture."""
    notes = []
    hamstring, neural = snapshot.hamstring, snapshot.neural
    if hamstring.tost is not None:
        notes.append(
            "The taking-off-the-shoe test is for acute biceps femoris strain, "
            "not tendinopathy; it did not count as a tendon test [TOST]"
        )
    if hamstring.h_test_insecurity is not None:
        notes.append(
            "The H-test measures return-to-sport readiness after a strain; "
            "it is not a diagnostic test [HT]"
        )
    for name, label in PHT_TESTS:
        if getattr(hamstring, name) == Provocation.POSITIVE_UNFAMILIAR:
            notes.append(
                f"The {label.split(' [')[0]} was painful but not the familiar pain; "
                "it did not count"
            )
    if snapshot.pelvis.landmark_asymmetry not in (None, "level"):
        notes.append("Pelvic landmark asymmetry is informational only (κ ≈ 0.27) [PSIS]")
    if snapshot.pelvis.sagittal_tilt_degrees is not None:
        notes.append(
            "Pelvic tilt varies 0–23° with pelvic shape alone; it never drives a rule alone [PEL]"
        )
    if snapshot.foot.navicular_drop_mm.values():
        notes.append(
            "Navicular drop has fair reliability only (κw 0.40); "
            "it never drives a rule alone [FREL]"
        )
    overall_counts = overall_slump_side(neural) is not None
    if (
        neural.slump_familiar_symptoms
        and not (neural.slump_changes_with_neck and neural.slump_asymmetric)
        and not overall_counts
    ):
        notes.append(_slump_caveat(neural))
    notes += _overall_slump_caveats(neural, overall_counts)
    controlled = snapshot.hip.thomas_pelvis_controlled
    if snapshot.hip.thomas_positive.values() and not controlled:
        notes.append(
            "Pelvic control during the Thomas test was not recorded; without it the test is "
            "unreliable [THO2]"
            if controlled is None
            else "The Thomas test was done without pelvic control; it is unreliable [THO2]"
        )
    return tuple(notes)


# Each part of a positive slump [SLU]: what the caveat says when it was "no", or not recorded.
SLUMP_PARTS = (
    (
        "slump_changes_with_neck",
        "they did not change with neck movement",
        "the change on neck movement",
    ),
    ("slump_asymmetric", "they did not differ from the other side", "the side difference"),
)


def _slump_caveat(neural) -> str:
    """Says which part of the slump was negative and which was simply not recorded."""
    missing = []
    for name, negative, part in SLUMP_PARTS:
        value = getattr(neural, name)
        if value is False:
            missing.append(negative)
        elif value is None:
            missing.append(f"{part} was not recorded")
    return (
        f"The slump reproduced the familiar symptoms, but {' and '.join(missing)}; "
        "it did not count as a neural sign [SLU]"
    )


def _overall_slump_caveats(neural, overall_counts: bool) -> list[str]:
    """Why a recorded overall slump result did not count, when it did not."""
    positive = [side for side in (Side.LEFT, Side.RIGHT) if neural.slump_positive.get(side)]
    if not positive or overall_counts:
        return []
    if _slump_criterion_negative(neural):
        sides = " and ".join(positive)
        return [
            f"The overall slump result (positive on the {sides}) did not count: a separate "
            "criterion was recorded as no [SLU]"
        ]
    if len(positive) == 2 and not all(getattr(neural, name) for name in SLUMP_CRITERIA):
        return [
            "The slump was recorded positive on both sides: without a side difference it did "
            "not count as a neural sign [SLU]"
        ]
    return []


def _all(*values: bool | None) -> bool | None:
    """Three-valued AND: False if any part is False, None if any is unknown, else True."""
    if False in values:
        return False
    return None if None in values else True


def _nerve_decided(snapshot: FindingsSnapshot) -> bool:
    """A slump with a negative part, a complete slump, an overall slump result on either side,
    or a straight leg raise with sensitisers."""
    neural = snapshot.neural
    slump = _all(*(getattr(neural, name) for name in SLUMP_CRITERIA))
    overall = neural.slump_positive.values()
    return slump is not None or bool(overall) or bool(neural.slr_sensitised.values())


def _untested(snapshot: FindingsSnapshot, neural, tendon, strain) -> tuple[Untested, ...]:
    """The pictures that are neither shown nor ruled out by the recorded findings."""
    history, hamstring = snapshot.history, snapshot.hamstring
    untested = []
    if not neural and not _nerve_decided(snapshot):
        untested.append(Untested("neural", "nerve irritation", (TEST_NERVE,)))
    belly = _belly_tenderness(hamstring)
    # Tenderness in the muscle belly, away from the tuberosity, tells a tendon apart too [HEI].
    if not tendon and not belly:
        steps = (
            (history.sit_bone_pain, ASK_SIT_BONE),
            (history.pain_sitting, ASK_SITTING),
            (_tendon_test(hamstring), TEST_TENDON),
        )
        if _all(*(value for value, _ in steps)) is None:
            to_do = tuple(step for value, step in steps if value is None)
            untested.append(Untested("tendinopathy", "tendinopathy", to_do))
    if not strain:
        steps = (
            (_acute_onset(history), ASK_ONSET),
            (belly, PALPATE),
            (hamstring.resisted_knee_flexion_painful, TEST_RESISTED),
        )
        values = [value for value, _ in steps]
        if _all(*values) is None:
            to_do = tuple(step for value, step in steps if value is None)
            untested.append(Untested("acute_strain", "an acute strain", to_do))
    return tuple(untested)


def _tendon_test(hamstring) -> bool | None:
    """Any tendon test with the familiar pain; False once one was done without it."""
    results = [getattr(hamstring, name) for name, _ in PHT_TESTS]
    if Provocation.POSITIVE_FAMILIAR in results:
        return True
    return None if all(result is None for result in results) else False


def _acute_onset(history) -> bool | None:
    """Sudden onset while sprinting or stretching; None while the onset is not recorded."""
    if history.onset is None:
        return None
    if history.onset != Onset.SUDDEN:
        return False
    if history.mechanism is None:
        return None
    return history.mechanism in ACTIVITY


def _belly_tenderness(hamstring) -> bool | None:
    """Tender in the muscle belly (beyond the tuberosity); None while palpation is incomplete."""
    if hamstring.tender is False:
        return False
    if hamstring.tender is None or hamstring.tender_distance_cm is None:
        return None
    return hamstring.tender_distance_cm > TUBEROSITY_MAX_CM


def differentiation(snapshot: FindingsSnapshot) -> Differentiation:
    neural = neural_signs(snapshot)
    tendon = tendinopathy_signs(snapshot)
    strain = acute_strain_signs(snapshot)
    pictures = [
        name
        for name, signs in (("neural", neural), ("tendinopathy", tendon), ("acute_strain", strain))
        if signs
    ]
    if len(pictures) > 1:
        picture = "mixed"
    elif pictures:
        picture = pictures[0]
    else:
        picture = UNCLEAR
    untested = _untested(snapshot, neural, tendon, strain)
    return Differentiation(picture, neural, tendon, strain, caveats(snapshot), untested)


def is_irritable(snapshot: FindingsSnapshot) -> bool:
    pain = snapshot.history.pain_now
    return pain is not None and pain > IRRITABLE_PAIN_ABOVE


def tendon_load_response(snapshot: FindingsSnapshot) -> str | None:
    """R2: 'progress', 'hold' or 'regress' after the 24-hour load test; None if not done."""
    pain = snapshot.function.load_test_pain
    settled = snapshot.function.load_test_settled_next_morning
    if pain is None:
        return None
    if pain > LOAD_REGRESS_ABOVE or settled is False:
        return "regress"
    if pain <= LOAD_PROGRESS_MAX and settled:
        return "progress"
    return "hold"


def derive(snapshot: FindingsSnapshot) -> Derived:
    return Derived(
        snapshot=snapshot,
        sij=sij_cluster(snapshot),
        hicks=hicks_rule(snapshot),
        mcgill=mcgill_ratios(snapshot),
        differentiation=differentiation(snapshot),
        irritable=is_irritable(snapshot),
        tendon_load_response=tendon_load_response(snapshot),
    )


def _tender_at_tuberosity(snapshot: FindingsSnapshot) -> bool:
    distance = snapshot.hamstring.tender_distance_cm
    return (
        bool(snapshot.hamstring.tender) and distance is not None and (distance <= TUBEROSITY_MAX_CM)
    )
