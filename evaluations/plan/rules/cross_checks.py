"""R0a–R0e: findings recorded elsewhere that point at a red-flag question answered no or not
asked — an adolescent's sudden ischial injury, a deficit in the neuro screen (a myotome graded
3/5 or weaker among them), symptoms in both legs, a sudden injury after which the patient does
not walk normally, a calf-girth difference over 3 cm.

A ticked box is only as good as the question asked: these read the findings themselves and
prompt the clinician to ask again. Each cross-check is one data entry — a rule row, the
findings it cites (empty when silent) and the questions it points at — so a new finding adds
one entry here and one row in docs/rules.md.
"""

from collections.abc import Callable
from dataclasses import dataclass

from evaluations.declarations.catalogue import MYOTOME_RED_FLAG_AT_OR_BELOW
from evaluations.plan.derived import ACTIVITY, TUBEROSITY_MAX_CM
from evaluations.plan.plan_types import RedFlagPrompt
from evaluations.plan.rules.base import Rule
from evaluations.plan.rules.red_flags import RED_FLAGS
from evaluations.plan.snapshot import Bilateral, FindingsSnapshot, MmtGrade, Onset, Side

# [ADO][APO] skeletally immature: the apophysis fuses late in the teens; under 18 is asked.
ADOLESCENT_BELOW = 18
# "Within a few cm" of the tuberosity: the stretch-type, proximal site ≈ 2 ± 1 cm [HEI].
ISCHIAL_NEAR_CM = TUBEROSITY_MAX_CM
# [DVT] a calf circumference difference over 3 cm is a DVT sign (RF_DVT "swelling > 3 cm").
CALF_GIRTH_DVT_OVER_CM = 3
# [NHSL] RF_NEURO's "dorsiflexion ≤ 3/5 (foot drop)": any myotome this weak is a motor deficit
# severe enough to ask whether it is progressive.
WEAK_MYOTOME_FROM_RANK = MmtGrade(MYOTOME_RED_FLAG_AT_OR_BELOW).rank

R0A = Rule(
    "R0a",
    "Under 18, sudden onset and tenderness at the sit bone → the adolescent ischial question",
    "cohort",
    ("ADO", "APO"),
)
R0B = Rule(
    "R0b",
    "A deficit in the neuro screen (a myotome ≤ 3/5 among them) → the progressive-deficit "
    "questions",
    "CPG",
    ("NHSL", "GPR"),
)
R0C = Rule("R0c", "Symptoms in both legs → the cauda equina questions", "CPG", ("CES", "CES2"))
R0D = Rule(
    "R0d",
    "Sudden injury while sprinting or stretching, not walking normally → the avulsion questions",
    "cohort",
    ("AVU", "AVU2"),
)
R0E = Rule("R0e", "Calf-girth difference over 3 cm → the DVT questions", "CPG", ("DVT",))

DEFICITS = (
    ("myotome_deficit", "myotomal weakness in the neuro screen"),
    ("reflex_deficit", "a reduced reflex in the neuro screen"),
    ("sensation_deficit", "dermatomal sensory loss in the neuro screen"),
)


def adolescent_ischium(snapshot: FindingsSnapshot) -> tuple[str, ...]:
    age, hamstring = snapshot.age, snapshot.hamstring
    distance = hamstring.tender_distance_cm
    if (
        age is not None
        and age < ADOLESCENT_BELOW
        and snapshot.history.onset == Onset.SUDDEN
        and hamstring.tender
        and distance is not None
        and distance <= ISCHIAL_NEAR_CM
    ):
        return (f"age {age}", "sudden onset", f"tender {distance:g} cm from the sit bone")
    return ()


MYOTOMES = (
    ("myotome_l4_ankle_dorsiflexion", "L4 ankle dorsiflexion"),
    ("myotome_l5_great_toe_extension", "L5 great-toe extension"),
    ("myotome_s1_plantar_flexion", "S1 plantar flexion"),
)


def weak_myotomes(neural) -> tuple[str, ...]:
    """Each myotome side graded at or below 3/5, e.g. 'L4 ankle dorsiflexion 3/5 (left)'."""
    weak = []
    for name, label in MYOTOMES:
        grades: Bilateral = getattr(neural, name)
        for side, grade in (("left", grades.left), ("right", grades.right)):
            if grade is not None and grade.rank <= WEAK_MYOTOME_FROM_RANK:
                weak.append(f"{label} {grade.value}/5 ({side})")
    return tuple(weak)


def neuro_deficit(snapshot: FindingsSnapshot) -> tuple[str, ...]:
    """The screen's deficits, then each myotome graded ≤ 3/5 by side (a grade is a deficit
    whether or not "myotome deficit" was ticked as well)."""
    neural = snapshot.neural
    ticked = tuple(label for name, label in DEFICITS if getattr(neural, name))
    return ticked + weak_myotomes(neural)


def both_legs(snapshot: FindingsSnapshot) -> tuple[str, ...]:
    if snapshot.symptomatic_side == Side.BOTH:
        return ("symptoms in both legs (symptomatic side: both)",)
    return ()


def sudden_injury_not_walking(snapshot: FindingsSnapshot) -> tuple[str, ...]:
    """A sudden onset in the forced hip flexion and knee extension of sprinting or stretching,
    and a patient observed not to walk normally (Gait) — RF_AVULSION's "cannot walk normally"
    [AVU]. Pain on an otherwise normal stride is not that: it is the acute strain's phase gate
    (R6), expected after most strains, so it does not point at an avulsion on its own."""
    history = snapshot.history
    if (
        history.onset == Onset.SUDDEN
        and history.mechanism in ACTIVITY
        and snapshot.gait.walks_normally is False
    ):
        return (
            f"sudden onset while {ACTIVITY[history.mechanism]}",
            "does not walk normally (gait)",
        )
    return ()


def calf_girth_difference(snapshot: FindingsSnapshot) -> tuple[str, ...]:
    difference = snapshot.foot.calf_girth_difference_cm
    if difference is not None and difference > CALF_GIRTH_DVT_OVER_CM:
        return (f"calf girth difference {difference:g} cm",)
    return ()


@dataclass(frozen=True, slots=True)
class CrossCheck:
    rule: Rule
    flag: str
    findings: Callable[[FindingsSnapshot], tuple[str, ...]]
    # The red-flag questions (RedFlagScreen fields) the findings point at.
    questions: tuple[str, ...]
    reason: str


def _questions(code: str) -> tuple[str, ...]:
    return next(
        tuple(name for name, _ in flag.questions) for flag in RED_FLAGS if flag.code == code
    )


CROSS_CHECKS = (
    CrossCheck(
        R0A,
        "RF_ADOLESCENT_ISCHIUM",
        adolescent_ischium,
        _questions("RF_ADOLESCENT_ISCHIUM"),
        "An adolescent's sudden proximal injury with tenderness at the sit bone may be an "
        "apophyseal avulsion: a pelvic radiograph decides.",
    ),
    CrossCheck(
        R0B,
        "RF_NEURO",
        neuro_deficit,
        _questions("RF_NEURO"),
        "A deficit in the neuro screen: is it progressive, severe or at more than one level?",
    ),
    CrossCheck(
        R0C,
        "RF_CES",
        both_legs,
        _questions("RF_CES"),
        "Symptoms in both legs: ask the cauda equina questions (saddle numbness, bladder, "
        "bowel, sexual function).",
    ),
    CrossCheck(
        R0D,
        "RF_AVULSION",
        sudden_injury_not_walking,
        _questions("RF_AVULSION"),
        "A sudden injury in a sprint or stretch that stops normal walking may be an avulsion: "
        "ask about a pop, a gap and bruising.",
    ),
    CrossCheck(
        R0E,
        "RF_DVT",
        calf_girth_difference,
        _questions("RF_DVT"),
        "A calf-girth difference over 3 cm may be a deep vein thrombosis: ask the DVT "
        "questions (swelling, pitting oedema, vein tenderness, dilated veins).",
    ),
)
RULES = tuple(check.rule for check in CROSS_CHECKS)


def red_flag_prompts(snapshot: FindingsSnapshot) -> tuple[RedFlagPrompt, ...]:
    """A prompt per cross-check whose findings are recorded and whose flag is not answered yes.

    A yes already raises the flag (R0), so it needs no prompt; "no" and "not asked" do.
    """
    screen = snapshot.red_flags
    prompts = []
    for check in CROSS_CHECKS:
        findings = check.findings(snapshot)
        if not findings or any(getattr(screen, name) for name in check.questions):
            continue
        prompts.append(
            RedFlagPrompt(
                check.rule.id,
                check.flag,
                findings,
                check.questions,
                check.reason,
                check.rule.source_keys,
            )
        )
    return tuple(prompts)
