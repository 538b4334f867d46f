"""Oswestry Disability Index v2.1a (ODI), clinical reference §2 [ODI][ODI2][ODI-L].

10 sections, each 0–5. ODI% = Σ / (5 × answered sections) × 100: a skipped section leaves
the denominator, so a partly answered form still gives a percentage (``complete`` is False).
Bands on the percentage: 0–20 minimal, 21–40 moderate, 41–60 severe, 61–80 crippled,
81–100 bed-bound or exaggerating. The bands are applied to the exact percentage, read as
"up to and including 20", "over 20 up to 40" and so on.

``total`` is the raw sum of the answered sections (0–50 when complete). LOINC 97909-6 is
the score code; LOINC's own bands are on that raw 0–50 score, so an export under 97909-6
should send ``total`` of a complete form, not ``percent``.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from evaluations.scoring._answers import (
    check_answers,
    check_count,
    check_range,
    reached,
)

SECTION_COUNT = 10
SECTION_RANGE = range(0, 6)
SECTION_MAX = 5
PANEL_LOINC_CODE = "97908-8"
SCORE_LOINC_CODE = "97909-6"
# MDC90 ≈ 10 points and MCID ≈ 10 points [ODI3]; rule R24.
IMPORTANT_IMPROVEMENT = 10

MINIMAL = "minimal disability"
MODERATE = "moderate disability"
SEVERE = "severe disability"
CRIPPLED = "crippled"
BED_BOUND = "bed-bound or exaggerating symptoms"
# Upper limit of each band, in percent [ODI].
BANDS = ((20, MINIMAL), (40, MODERATE), (60, SEVERE), (80, CRIPPLED), (100, BED_BOUND))


@dataclass(frozen=True)
class OdiResult:
    total: int
    percent: float
    interpretation: str
    answered: int
    complete: bool
    loinc_code: str | None = SCORE_LOINC_CODE


def band_ranges() -> str:
    """The bands in words, as a report prints them: "0–20 minimal disability, 21–40 …"."""
    lowers = (0, *(upper + 1 for upper, _ in BANDS[:-1]))
    ranges = zip(lowers, BANDS, strict=True)
    return ", ".join(f"{low}–{upper} {band}" for low, (upper, band) in ranges)


def odi_band(percent: float) -> str:
    """The interpretation band of an ODI percentage."""
    check_range("ODI percent", percent, 0, 100)
    return next(band for upper, band in BANDS if percent <= upper)


def score_odi(sections: Sequence[int | None]) -> OdiResult:
    """Score the 10 ODI sections in order; None marks a skipped section."""
    check_count("ODI", "section", sections, SECTION_COUNT)
    given = check_answers("ODI", "section", sections, [SECTION_RANGE] * SECTION_COUNT)
    total = sum(given)
    # Multiply first: 30 / 50 * 100 is 60.00000000000001, which would fall in the next band.
    percent = total * 100 / (SECTION_MAX * len(given))
    return OdiResult(
        total=total,
        percent=percent,
        interpretation=odi_band(percent),
        answered=len(given),
        complete=len(given) == SECTION_COUNT,
    )


def odi_improved(baseline_percent: float, follow_up_percent: float) -> bool:
    """R24: a clinically important improvement is a fall of at least 10 percentage points."""
    check_range("ODI baseline percent", baseline_percent, 0, 100)
    check_range("ODI follow-up percent", follow_up_percent, 0, 100)
    return reached(baseline_percent - follow_up_percent, IMPORTANT_IMPROVEMENT)
