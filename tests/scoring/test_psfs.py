import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluations.scoring import psfs_improved, score_psfs


def test_psfs_score_is_the_mean_of_the_activity_scores():
    # Running 2, sitting at work 5, climbing stairs 6 → 13 / 3.
    result = score_psfs([2, 5, 6])
    assert result.mean == pytest.approx(4.333, abs=0.001)
    assert (result.total, result.answered, result.complete) == (13, 3, True)


def test_psfs_with_five_activities_is_complete():
    result = score_psfs([0, 10, 5, 5, 5])
    assert (result.mean, result.complete) == (5, True)


def test_psfs_with_fewer_than_three_activities_gives_a_mean_but_is_incomplete():
    result = score_psfs([3, 8])
    assert (result.mean, result.answered, result.complete) == (5.5, 2, False)


def test_psfs_leaves_an_unrated_activity_out_of_the_mean():
    result = score_psfs([4, None, 6, 8])
    assert (result.mean, result.answered, result.complete) == (6, 3, True)


def test_psfs_takes_at_most_five_activities():
    with pytest.raises(ValueError, match="PSFS takes at most 5 activities"):
        score_psfs([5] * 6)


def test_psfs_needs_at_least_one_rated_activity():
    with pytest.raises(ValueError, match="PSFS needs at least one answered activity"):
        score_psfs([])


@pytest.mark.parametrize("bad", [11, -1, 4.5])
def test_psfs_rejects_a_score_off_the_scale_and_names_the_activity(bad):
    with pytest.raises(ValueError, match="PSFS activity 2 must be 0–10"):
        score_psfs([5, bad, 5])


@given(st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=5))
def test_psfs_mean_lies_between_the_lowest_and_highest_activity(scores):
    result = score_psfs(scores)
    assert min(scores) <= result.mean <= max(scores)


@pytest.mark.parametrize(
    ("baseline", "follow_up", "improved"),
    [(13 / 3, 19 / 3, True), (4, 5.9, False), (2.5, 7, True), (6, 3, False)],
)
def test_psfs_mean_rise_of_two_points_is_a_clinically_important_improvement(
    baseline, follow_up, improved
):
    assert psfs_improved(baseline, follow_up) is improved
