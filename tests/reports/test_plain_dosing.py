"""The handout's "How much", made from the plan item's dosing: plain words, the same numbers."""

import json
import re

import pytest

from evaluations.library import SEED_PATH
from evaluations.reports.plain_dosing import clinical_abbreviations, patient_dosing

NUMBERS = re.compile(r"\d+(?:[.,]\d+)?")
SEED = json.loads(SEED_PATH.read_text())


@pytest.mark.parametrize(
    ("dosing", "frequency", "side", "expected"),
    [
        # The example: the signed "2–3 × 8–12", never the library's "3 sets of 10".
        ("2–3 × 8–12 per side", "", "both", "2 to 3 sets of 8 to 12 on each side"),
        ("2–3 × 8–12 per side", "", "right", "2 to 3 sets of 8 to 12"),
        ("4 × 20 s per leg.", "Daily", "", "4 times 20 seconds on each leg, daily."),
        ("10 × 5 s holds daily (acute strain phase I).", "", "", "10 holds of 5 seconds daily."),
        ("5 × 10 s (phase I) → longer holds", "", "", "5 times 10 seconds, then longer holds"),
        ("3 × 1 min", "", "", "3 times 1 minute"),
        ("3 × 8–10 at RPE 6–7", "", "", "3 sets of 8 to 10 at an effort of 6 to 7 out of 10"),
        ("week 1 1×/wk 2 × 5", "", "", "Week 1 once a week 2 sets of 5"),
        ("3 × 12, twice daily.", "Every other day", "", "3 sets of 12, twice daily."),
        ("", "Daily", "", ""),
    ],
)
def test_the_dosing_reads_in_plain_words(dosing, frequency, side, expected):
    assert patient_dosing(dosing, frequency=frequency, side=side) == expected


@pytest.mark.parametrize("exercise", SEED, ids=[e["code"] for e in SEED])
@pytest.mark.parametrize("side", ["", "left", "both"])
def test_every_seeded_dosing_reads_plainly_and_adds_no_number(exercise, side):
    words = patient_dosing(exercise["dosing"], frequency=exercise["frequency"], side=side)
    assert words
    assert clinical_abbreviations(words) == []
    assert "×" not in words and "phase" not in words.lower()
    # Never a number the clinician's dosing (or the library's frequency) did not give.
    given = set(NUMBERS.findall(f"{exercise['dosing']} {exercise['frequency']}"))
    assert set(NUMBERS.findall(words)) <= given


def test_one_side_drops_per_side_and_both_sides_say_each_side():
    assert "side" not in patient_dosing("3 × 8–10 per side", side="left")
    assert "on each side" in patient_dosing("3 × 8–10 per side", side="both")


def test_clinical_abbreviations_are_found_for_the_message():
    assert clinical_abbreviations("3 × 10 at RPE 7, 70 % MVC, RPE") == ["RPE", "MVC"]
    assert clinical_abbreviations("3 sets of 10") == []


ALTERNATING = r"\b(switch|alternate|the other side)\b"


def test_the_seed_says_which_exercises_are_done_one_side_at_a_time():
    for exercise in SEED:
        # Sides taken in turn within a set (a dead bug, a march) make it a both-sides
        # exercise, whatever the dosing counts per side; the handout must not say "right side".
        alternates = re.search(ALTERNATING, " ".join(exercise["patient_steps"]), re.IGNORECASE)
        if alternates:
            assert exercise["one_side_at_a_time"] is False, exercise["code"]
        elif re.search(r"\bper (side|leg)\b", exercise["dosing"]):
            assert exercise["one_side_at_a_time"] is True, exercise["code"]
    one_side = {e["code"]: e["one_side_at_a_time"] for e in SEED}
    assert one_side["single_leg_bridge"] and not one_side["bridge_hold"]
    assert not one_side["hip_thrust"] and not one_side["nordic_curl"]
