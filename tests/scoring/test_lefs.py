import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from evaluations.scoring import lefs_improved, score_lefs

lefs_answer = st.integers(min_value=0, max_value=4)


def test_fully_answered_lefs_gives_total_and_percent_function():
    # 10 items at 3 and 10 at 4: 30 + 40 = 70 of 80 → 87.5 % function.
    result = score_lefs([3] * 10 + [4] * 10)
    assert (result.total, result.percent, result.answered, result.complete) == (70, 87.5, 20, True)


def test_lefs_scale_ends_are_zero_and_one_hundred_percent():
    assert score_lefs([0] * 20).percent == 0
    assert score_lefs([4] * 20).percent == 100


def test_partly_answered_lefs_totals_the_answered_items_without_a_percent():
    answers = [4] * 18 + [None, None]
    result = score_lefs(answers)
    assert (result.total, result.answered, result.complete, result.percent) == (72, 18, False, None)


def test_lefs_has_no_verified_loinc_code():
    assert score_lefs([2] * 20).loinc_code is None


@pytest.mark.parametrize("bad", [5, -1, 2.5, "3", True])
def test_lefs_rejects_an_answer_off_the_scale_and_names_the_item(bad):
    answers = [2] * 20
    answers[6] = bad
    with pytest.raises(ValueError, match="LEFS item 7 must be 0–4"):
        score_lefs(answers)


@pytest.mark.parametrize("count", [0, 19, 21])
def test_lefs_needs_exactly_twenty_items(count):
    with pytest.raises(ValueError, match="LEFS has 20 items"):
        score_lefs([2] * count)


def test_lefs_with_nothing_answered_is_an_error_not_a_zero():
    with pytest.raises(ValueError, match="at least one answered item"):
        score_lefs([None] * 20)


@given(st.lists(lefs_answer, min_size=20, max_size=20))
def test_lefs_percent_is_always_the_total_over_eighty(answers):
    result = score_lefs(answers)
    assert 0 <= result.total <= 80
    assert result.percent == pytest.approx(result.total / 80 * 100)


@given(st.lists(st.one_of(st.none(), lefs_answer), min_size=20, max_size=20))
def test_lefs_gives_a_percent_exactly_when_every_item_is_answered(answers):
    # Nothing answered is an error, tested on its own above.
    assume(any(answer is not None for answer in answers))
    result = score_lefs(answers)
    assert result.complete == (None not in answers)
    assert (result.percent is not None) == result.complete


@pytest.mark.parametrize(
    ("baseline", "follow_up", "improved"),
    [(40, 49, True), (40, 48, False), (40, 80, True), (50, 41, False)],
)
def test_lefs_rise_of_nine_points_is_a_clinically_important_improvement(
    baseline, follow_up, improved
):
    assert lefs_improved(baseline, follow_up) is improved


def test_lefs_change_check_rejects_a_total_above_eighty():
    with pytest.raises(ValueError, match="LEFS follow-up total must be 0–80"):
        lefs_improved(40, 81)
