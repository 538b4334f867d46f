"""R4_MYOTOME: a myotome graded 3/5 or weaker asks the RF_NEURO question (clinical reference §3).

RF_NEURO names "dorsiflexion ≤ 3/5 (foot drop)" as a severe motor deficit [NHSL]. A grade is
one visit's finding: whether the weakness is progressive, severe or multi-level is the
therapist's call on the red-flag screen, so this rule prompts, it never blocks. It reads the
L4 / L5 / S1 myotome grades on their own, with or without a neural picture (R4 needs one).
"""

from evaluations.declarations.catalogue import MYOTOME_RED_FLAG_AT_OR_BELOW
from evaluations.plan.derived import Derived
from evaluations.plan.plan_types import Referral, Urgency
from evaluations.plan.rules.base import Fired, Rule, rule
from evaluations.plan.snapshot import Bilateral, FindingsSnapshot, MmtGrade

R4_MYOTOME = Rule("R4_MYOTOME", "Myotome grade ≤ 3/5 → RF_NEURO question", "CPG", ("NHSL", "GPR"))
WEAK_FROM_RANK = MmtGrade(MYOTOME_RED_FLAG_AT_OR_BELOW).rank
MYOTOMES = (
    ("myotome_l4_ankle_dorsiflexion", "L4 ankle dorsiflexion"),
    ("myotome_l5_great_toe_extension", "L5 great-toe extension"),
    ("myotome_s1_plantar_flexion", "S1 plantar flexion"),
)
ASK_RF_NEURO = (
    "Ask the RF_NEURO questions now: is this weakness progressive, severe (foot drop) or at "
    "more than one level? If so, answer yes on the red-flag screen and refer urgently."
)


def weak_myotomes(neural) -> tuple[str, ...]:
    """Each myotome side graded at or below 3/5, e.g. 'L4 ankle dorsiflexion 3/5 (left)'."""
    weak = []
    for name, label in MYOTOMES:
        grades: Bilateral = getattr(neural, name)
        for side, grade in (("left", grades.left), ("right", grades.right)):
            if grade is not None and grade.rank <= WEAK_FROM_RANK:
                weak.append(f"{label} {grade.value}/5 ({side})")
    return tuple(weak)


@rule(R4_MYOTOME)
def r4_myotome_red_flag_prompt(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    weak = weak_myotomes(snapshot.neural)
    if not weak:
        return None
    prompt = Referral(
        "RF_NEURO", R4_MYOTOME.id, Urgency.URGENT, False, weak, ASK_RF_NEURO, R4_MYOTOME.source_keys
    )
    return Fired(R4_MYOTOME, referrals=(prompt,))
