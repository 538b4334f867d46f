import pytest

from evaluations.scoring import nprs_improved, score_nprs


def test_nprs_keeps_pain_now_best_and_worst_with_its_loinc_code():
    result = score_nprs(current=4, best=2, worst=7)
    assert (result.current, result.best, result.worst) == (4, 2, 7)
    assert (result.answered, result.complete, result.loinc_code) == (3, True, "72514-3")


def test_nprs_with_only_pain_now_is_incomplete():
    result = score_nprs(current=5)
    assert (result.current, result.best, result.worst) == (5, None, None)
    assert (result.answered, result.complete) == (1, False)


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ({"current": 11}, "NPRS pain now must be 0–10"),
        ({"best": -1}, "NPRS best pain must be 0–10"),
        ({"worst": 7.5}, "NPRS worst pain must be 0–10"),
    ],
)
def test_nprs_rejects_a_rating_off_the_scale_and_names_it(ratings, message):
    with pytest.raises(ValueError, match=message):
        score_nprs(**ratings)


@pytest.mark.parametrize(
    "ratings", [{"current": 5, "best": 6}, {"current": 5, "worst": 4}, {"best": 6, "worst": 3}]
)
def test_nprs_refuses_best_above_now_or_now_above_worst(ratings):
    with pytest.raises(ValueError, match="best ≤ pain now ≤ worst"):
        score_nprs(**ratings)


def test_nprs_with_no_rating_is_an_error():
    with pytest.raises(ValueError, match="NPRS needs at least one rating"):
        score_nprs()


@pytest.mark.parametrize(
    ("baseline", "follow_up", "improved"),
    [
        # Two points is the MCID whatever the baseline.
        (8, 6, True),
        (8, 7, False),
        # 30 % counts on a low baseline: 3 → 2 is 33 %.
        (3, 2, True),
        (4, 3, False),
        (10, 7, True),
        (0, 0, False),
        (2, 5, False),
    ],
)
def test_nprs_drop_of_two_points_or_thirty_percent_is_clinically_important(
    baseline, follow_up, improved
):
    assert nprs_improved(baseline, follow_up) is improved


def test_nprs_change_check_rejects_a_rating_off_the_scale():
    with pytest.raises(ValueError, match="NPRS baseline must be 0–10"):
        nprs_improved(12, 3)
