import pytest

from evaluations.scoring import score_visa_h


def test_visa_h_total_adds_all_eight_questions():
    # Q1–6: 6+5+7+4+8+6 = 36; Q7 sport 4; Q8 training 14 → 54.
    result = score_visa_h([6, 5, 7, 4, 8, 6, 4, 14])
    assert (result.total, result.answered, result.complete) == (54, 8, True)


def test_visa_h_symptom_free_patient_scores_one_hundred():
    assert score_visa_h([10] * 6 + [10, 30]).total == 100


def test_visa_h_worst_answers_score_zero():
    assert score_visa_h([0] * 8).total == 0


def test_partly_answered_visa_h_totals_the_answered_questions_and_is_incomplete():
    result = score_visa_h([6, 5, 7, 4, 8, 6, None, None])
    assert (result.total, result.answered, result.complete) == (36, 6, False)


@pytest.mark.parametrize("sport", [0, 4, 7, 10])
def test_visa_h_question_seven_accepts_its_four_answers(sport):
    assert score_visa_h([0] * 6 + [sport, 0]).total == sport


@pytest.mark.parametrize("sport", [1, 5, 9])
def test_visa_h_question_seven_refuses_any_other_number(sport):
    with pytest.raises(ValueError, match="VISA-H question 7 must be 0, 4, 7 or 10"):
        score_visa_h([0] * 6 + [sport, 0])


def test_visa_h_question_eight_allows_up_to_thirty_points():
    assert score_visa_h([0] * 7 + [30]).total == 30
    with pytest.raises(ValueError, match="VISA-H question 8 must be 0–30"):
        score_visa_h([0] * 7 + [31])


def test_visa_h_rejects_a_first_six_answer_over_ten():
    with pytest.raises(ValueError, match="VISA-H question 3 must be 0–10"):
        score_visa_h([10, 10, 11, 10, 10, 10, 10, 30])


def test_visa_h_needs_eight_questions():
    with pytest.raises(ValueError, match="VISA-H has 8 questions"):
        score_visa_h([10] * 7)


def test_visa_h_has_no_verified_loinc_code():
    assert score_visa_h([5] * 6 + [4, 10]).loinc_code is None
