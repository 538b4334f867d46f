import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from evaluations.scoring import odi_band, odi_improved, score_odi
from evaluations.scoring.odi import BED_BOUND, CRIPPLED, MINIMAL, MODERATE, SEVERE, band_ranges

odi_answer = st.integers(min_value=0, max_value=5)


def test_fully_answered_odi_is_the_sum_over_fifty_as_a_percent():
    # 2+3+1+2+4+0+3+2+1+2 = 20 of 50 → 40 %.
    result = score_odi([2, 3, 1, 2, 4, 0, 3, 2, 1, 2])
    assert (result.total, result.percent, result.answered, result.complete) == (20, 40, 10, True)
    assert result.interpretation == MODERATE


def test_skipped_odi_sections_leave_the_denominator():
    # Sex life and travel skipped: 16 of 8 × 5 = 40 → 40 %, not 16 / 50 = 32 %.
    sections = [2, 3, 1, 2, 4, 0, 3, None, 1, None]
    result = score_odi(sections)
    assert (result.total, result.percent, result.answered, result.complete) == (16, 40, 8, False)


def test_one_skipped_odi_section_gives_a_fractional_percent():
    # 20 of 9 × 5 = 45 → 44.44… %.
    result = score_odi([2, 2, 2, 2, 3, 3, 2, 2, 2, None])
    assert result.percent == pytest.approx(44.444, abs=0.001)
    assert result.interpretation == SEVERE


def test_odi_result_carries_the_verified_score_loinc_code():
    assert score_odi([1] * 10).loinc_code == "97909-6"


@pytest.mark.parametrize(
    ("section_sum", "band"),
    [
        (0, MINIMAL),
        (10, MINIMAL),
        (11, MODERATE),
        (20, MODERATE),
        (21, SEVERE),
        (30, SEVERE),
        (31, CRIPPLED),
        (40, CRIPPLED),
        (41, BED_BOUND),
        (50, BED_BOUND),
    ],
)
def test_odi_bands_change_just_above_twenty_forty_sixty_and_eighty_percent(section_sum, band):
    # Spread the sum over the ten sections, as evenly as the 0–5 scale allows.
    sections = [section_sum // 10 + (number < section_sum % 10) for number in range(10)]
    assert score_odi(sections).interpretation == band


@pytest.mark.parametrize(
    ("percent", "band"), [(20, MINIMAL), (20.4, MODERATE), (60, SEVERE), (80.1, BED_BOUND)]
)
def test_odi_band_reads_each_upper_limit_as_inclusive(percent, band):
    assert odi_band(percent) == band


@pytest.mark.parametrize("bad", [6, -1, 1.5, True, "2"])
def test_odi_rejects_an_answer_off_the_scale_and_names_the_section(bad):
    sections = [1] * 10
    sections[2] = bad
    with pytest.raises(ValueError, match="ODI section 3 must be 0–5"):
        score_odi(sections)


def test_odi_with_every_section_skipped_is_an_error():
    with pytest.raises(ValueError, match="ODI needs at least one answered section"):
        score_odi([None] * 10)


def test_odi_needs_ten_sections():
    with pytest.raises(ValueError, match="ODI has 10 sections"):
        score_odi([1] * 9)


@given(st.lists(st.one_of(st.none(), odi_answer), min_size=10, max_size=10))
def test_odi_percent_always_lies_between_zero_and_one_hundred(sections):
    # Nothing answered is an error, tested on its own above.
    assume(any(section is not None for section in sections))
    result = score_odi(sections)
    assert 0 <= result.percent <= 100
    assert result.answered == sum(section is not None for section in sections)


@given(st.lists(odi_answer, min_size=10, max_size=10))
def test_complete_odi_percent_is_twice_the_raw_total(sections):
    result = score_odi(sections)
    assert result.percent == 2 * result.total


@pytest.mark.parametrize(
    ("baseline", "follow_up", "improved"),
    [(44.4, 34.4, True), (40, 30.2, False), (60, 20, True), (30, 40, False)],
)
def test_odi_fall_of_ten_points_is_a_clinically_important_improvement(
    baseline, follow_up, improved
):
    assert odi_improved(baseline, follow_up) is improved


def test_odi_change_check_rejects_a_percent_over_one_hundred():
    with pytest.raises(ValueError, match="ODI baseline percent must be 0–100"):
        odi_improved(120, 40)


def test_the_printed_band_ranges_are_the_ones_odi_band_applies():
    for printed in band_ranges().split(", "):
        low, upper, band = re.fullmatch(r"(\d+)–(\d+) (.+)", printed).groups()
        assert odi_band(int(low)) == odi_band(int(upper)) == band
