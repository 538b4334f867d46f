"""Patient-Specific Functional Scale (PSFS), clinical reference §2 [PSFS].

3–5 activities the patient names, each 0 (unable) to 10 (able as before the injury);
score = mean of the activity scores. One or two activities still give a mean but
``complete`` is False; more than five is an error. None marks an activity named but not yet
rated: it is left out of the mean. The clinical reference gives no bands, so
``interpretation`` is None.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from evaluations.scoring._answers import check_answers, check_range, reached

SCALE = range(0, 11)
MIN_EXPECTED = 3
MAX_ACTIVITIES = 5
# PSFS has no verified LOINC code (clinical reference §7).
LOINC_CODE = None
# MDC90 = 2 points for the average score [PSFS]; rule R24.
IMPORTANT_IMPROVEMENT = 2


@dataclass(frozen=True)
class PsfsResult:
    total: int
    mean: float
    answered: int
    complete: bool
    interpretation: str | None = None
    loinc_code: str | None = LOINC_CODE


def score_psfs(activity_scores: Sequence[int | None]) -> PsfsResult:
    """Score the patient's activities in the order they were named."""
    if isinstance(activity_scores, str | bytes) or len(activity_scores) > MAX_ACTIVITIES:
        raise ValueError(f"PSFS takes at most {MAX_ACTIVITIES} activities")
    given = check_answers("PSFS", "activity", activity_scores, [SCALE] * len(activity_scores))
    return PsfsResult(
        total=sum(given),
        mean=sum(given) / len(given),
        answered=len(given),
        complete=len(given) >= MIN_EXPECTED,
    )


def psfs_improved(baseline_mean: float, follow_up_mean: float) -> bool:
    """R24: a clinically important improvement is a rise of the mean by at least 2 points."""
    check_range("PSFS baseline mean", baseline_mean, 0, 10)
    check_range("PSFS follow-up mean", follow_up_mean, 0, 10)
    return reached(follow_up_mean - baseline_mean, IMPORTANT_IMPROVEMENT)
