"""Lower Extremity Functional Scale (LEFS), clinical reference §2 [LEFS][LEFS2].

20 items, each 0 (extreme difficulty / unable) to 4 (no difficulty); total 0–80, higher is
better; % function = total / 80 × 100.

Partly answered: ``total`` is the sum of the answered items, ``complete`` is False and
``percent`` is None. A pro-rated percentage is not given because the clinical reference
has no pro-rating rule and the instrument's sources do not state one; a percentage must always mean
"of the full 80".
"""

from collections.abc import Sequence
from dataclasses import dataclass

from evaluations.scoring._answers import check_answers, check_count, check_range, reached

ITEM_COUNT = 20
ITEM_RANGE = range(0, 5)
MAX_TOTAL = 80
# LEFS has no verified LOINC code (clinical reference §7).
LOINC_CODE = None
# MDC and MCID are both 9 points [LEFS]; rule R24.
IMPORTANT_IMPROVEMENT = 9
# The total of healthy people, for the report's reader [LEFS].
HEALTHY_MEDIAN = 77


@dataclass(frozen=True)
class LefsResult:
    total: int
    percent: float | None
    answered: int
    complete: bool
    interpretation: str | None = None
    loinc_code: str | None = LOINC_CODE


def score_lefs(answers: Sequence[int | None]) -> LefsResult:
    """Score 20 LEFS answers in item order; None marks an unanswered item."""
    check_count("LEFS", "item", answers, ITEM_COUNT)
    given = check_answers("LEFS", "item", answers, [ITEM_RANGE] * ITEM_COUNT)
    total = sum(given)
    complete = len(given) == ITEM_COUNT
    return LefsResult(
        total=total,
        percent=total * 100 / MAX_TOTAL if complete else None,
        answered=len(given),
        complete=complete,
    )


def lefs_improved(baseline_total: int, follow_up_total: int) -> bool:
    """R24: a clinically important improvement is a rise of at least 9 points."""
    check_range("LEFS baseline total", baseline_total, 0, MAX_TOTAL)
    check_range("LEFS follow-up total", follow_up_total, 0, MAX_TOTAL)
    return reached(follow_up_total - baseline_total, IMPORTANT_IMPROVEMENT)
