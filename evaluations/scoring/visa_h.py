"""VISA-H (proximal hamstring tendinopathy), clinical reference §2 [VISA][VISA2][VISA3].

8 questions: Q1–6 scored 0–10; Q7 (sport participation) only 0, 4, 7 or 10; Q8 (training
time despite pain) up to 30 points. total = Σ, 0–100, higher is better.

Q8 accepts any whole number 0–30: its answer options map to fixed points on the form, but
the clinical reference only verifies the 30-point maximum, so the form, not this function,
offers them.

Partly answered: ``total`` is the sum of the answered questions and ``complete`` is False;
no pro-rating, because the unanswered questions are worth 10 to 30 points each and a
pro-rated total would not be on the instrument's scale. MCID is not established, so there
is no change check and ``interpretation`` is None.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from evaluations.scoring._answers import check_answers, check_count

QUESTION_COUNT = 8
# Allowed answers per question, in order [VISA].
ALLOWED = (*[range(0, 11)] * 6, (0, 4, 7, 10), range(0, 31))
# VISA-H has no verified LOINC code (clinical reference §7).
LOINC_CODE = None


@dataclass(frozen=True)
class VisaHResult:
    total: int
    answered: int
    complete: bool
    interpretation: str | None = None
    loinc_code: str | None = LOINC_CODE


def score_visa_h(answers: Sequence[int | None]) -> VisaHResult:
    """Score the 8 VISA-H answers in question order; None marks an unanswered question."""
    check_count("VISA-H", "question", answers, QUESTION_COUNT)
    given = check_answers("VISA-H", "question", answers, ALLOWED)
    return VisaHResult(total=sum(given), answered=len(given), complete=len(given) == QUESTION_COUNT)
