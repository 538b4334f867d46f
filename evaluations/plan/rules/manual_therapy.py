"""MT: joint mobilisation or manipulation waits for the fracture, cancer and infection questions.

A thrust or non-thrust technique on an osteoporotic, metastatic or infected spine does harm,
so the plan proposes it only once those questions are answered no [RF]; until then it is
listed as pending the red-flag screen and cannot be signed as a treatment.
"""

import re

from evaluations.plan.rules.base import Rule
from evaluations.plan.rules.red_flags import RED_FLAGS
from evaluations.plan.snapshot import FindingsSnapshot

MT = Rule(
    "MT",
    "Joint mobilisation or manipulation only after the fracture, cancer and infection questions",
    "CPG",
    ("RF",),
)
# The plan's joint techniques (evaluations/plan/actions.py); soft-tissue work is not one.
JOINT_TECHNIQUES = frozenset({"joint_mobilisation"})
# A manual-therapy item in the clinician's own words that names a joint technique.
JOINT_TECHNIQUE_WORDS = re.compile(
    r"manipulat|thrust|\bHVLA\b|joint mobili[sz]|mobili[sz]ation of the (spine|joint)",
    re.IGNORECASE,
)
SCREENED_FLAGS = ("RF_FRACTURE", "RF_CANCER", "RF_INFECTION")
SCREEN_QUESTIONS = tuple(
    name for flag in RED_FLAGS if flag.code in SCREENED_FLAGS for name, _ in flag.questions
)
PENDING_SCREEN = (
    "Pending the red-flag screen: joint mobilisation or manipulation is proposed once the "
    "fracture, cancer and infection questions are all answered no ({count} not yet)."
)


def screen_not_clear(snapshot: FindingsSnapshot) -> tuple[str, ...]:
    """The fracture, cancer and infection questions not answered no (yes or not asked)."""
    screen = snapshot.red_flags
    return tuple(name for name in SCREEN_QUESTIONS if getattr(screen, name) is not False)
