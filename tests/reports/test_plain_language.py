"""The handout's words: every engine precaution and every seeded exercise in plain language."""

import json
import re
import sys
from types import SimpleNamespace

import pytest
from hypothesis import given

from evaluations.library import SEED_PATH
from evaluations.plan.engine import build_plan
from evaluations.plan.plan_types import Precaution
from evaluations.plan.rules import RULES
from evaluations.reports.plain_language import (
    CLINICAL_ABBREVIATIONS,
    PLAIN_PRECAUTIONS,
    plain_dosing,
)
from tests.plan.test_plan_properties import EXAMPLES, SNAPSHOTS
from tests.plan.vignettes import LIBRARY


def abbreviations_in(text):
    return [a for a in CLINICAL_ABBREVIATIONS if re.search(rf"\b{re.escape(a)}\b", text)]


def engine_precautions():
    """Every precaution a rule module declares: rules build theirs once, at import."""
    modules = {sys.modules[function.__module__] for function in RULES}
    found = {
        id(value): value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, Precaution)
    }
    return list(found.values())


def test_every_engine_precaution_has_a_code_of_its_own_and_plain_words_and_no_entry_is_stale():
    codes = [precaution.code for precaution in engine_precautions()]
    assert codes and len(codes) == len(set(codes))
    assert set(codes) == set(PLAIN_PRECAUTIONS)
    for plain in PLAIN_PRECAUTIONS.values():
        assert abbreviations_in(plain) == []


@EXAMPLES
@given(SNAPSHOTS)
def test_every_precaution_a_plan_can_carry_has_its_plain_words(snapshot):
    for precaution in build_plan(snapshot, LIBRARY).precautions:
        assert precaution.code in PLAIN_PRECAUTIONS, precaution.text


def test_every_seeded_exercise_speaks_plainly_in_two_to_four_steps():
    for exercise in json.loads(SEED_PATH.read_text()):
        words = " ".join(
            [exercise["plain_name"], *exercise["patient_steps"], exercise["patient_feel"]]
            + [exercise["patient_stop"], exercise["frequency"]]
        )
        assert abbreviations_in(words) == [], exercise["code"]
        assert 2 <= len(exercise["patient_steps"]) <= 4, exercise["code"]


@pytest.mark.parametrize(
    ("sets", "reps", "hold", "frequency", "expected"),
    [
        (3, 10, None, "2–3 days a week", "3 sets of 10, 2–3 days a week"),
        (5, None, 45, "1–2 times a day", "5 holds of 45 seconds, 1–2 times a day"),
        (3, 8, 10, "Most days", "3 sets of 8, holding each for 10 seconds, most days"),
        (1, None, 600, "Daily", "10 minutes, daily"),
        (None, None, None, "Each run", "each run"),
        (1, 10, None, "", "1 set of 10"),
    ],
)
def test_plain_dosing_says_how_many_and_how_often(sets, reps, hold, frequency, expected):
    exercise = SimpleNamespace(sets=sets, reps=reps, hold_seconds=hold, frequency=frequency)
    assert plain_dosing(exercise) == expected
