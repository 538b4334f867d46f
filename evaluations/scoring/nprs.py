"""Numeric Pain Rating Scale (NPRS), clinical reference §2 [NPRS][NPRS2][NPRS-L].

0 (no pain) to 10 (worst imaginable), as reported: pain now, best and worst over the last
24 hours. Any of the three may be missing, but at least one is needed; ``complete`` says all
three were given. Best ≤ now ≤ worst is required, since "now" lies inside the 24 hours.
The clinical reference gives no severity bands, so ``interpretation`` is None.
"""

from dataclasses import dataclass

from evaluations.scoring._answers import check_answer, check_range, reached

SCALE = range(0, 11)
# 0–10 verbal numeric rating, reported [NPRS-L].
LOINC_CODE = "72514-3"
# MCID ≈ 2 points or ≈ 30 % [NPRS]; rule R24.
IMPORTANT_DROP_POINTS = 2
IMPORTANT_DROP_FRACTION = 0.30


@dataclass(frozen=True)
class NprsResult:
    current: int | None
    best: int | None
    worst: int | None
    answered: int
    complete: bool
    interpretation: str | None = None
    loinc_code: str | None = LOINC_CODE


def score_nprs(
    current: int | None = None, best: int | None = None, worst: int | None = None
) -> NprsResult:
    """Check and bundle the three ratings (pain now, best and worst over 24 hours)."""
    ratings = {"pain now": current, "best pain": best, "worst pain": worst}
    for label, value in ratings.items():
        if value is not None:
            check_answer(f"NPRS {label}", value, SCALE)
    given = [value for value in ratings.values() if value is not None]
    if not given:
        raise ValueError("NPRS needs at least one rating")
    in_pain_order = [value for value in (best, current, worst) if value is not None]
    if in_pain_order != sorted(in_pain_order):
        raise ValueError("NPRS ratings must run best ≤ pain now ≤ worst")
    return NprsResult(
        current=current,
        best=best,
        worst=worst,
        answered=len(given),
        complete=len(given) == len(ratings),
    )


def nprs_improved(baseline: float, follow_up: float) -> bool:
    """R24 and the MCID: pain fell by at least 2 points or by at least 30 % of the baseline."""
    check_range("NPRS baseline", baseline, 0, 10)
    check_range("NPRS follow-up", follow_up, 0, 10)
    drop = baseline - follow_up
    if reached(drop, IMPORTANT_DROP_POINTS):
        return True
    return baseline > 0 and reached(drop / baseline, IMPORTANT_DROP_FRACTION)
