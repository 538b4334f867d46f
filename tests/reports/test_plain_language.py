"""The handout's words: every engine precaution and every seeded exercise in plain language."""

import json
import re
import sys

from hypothesis import given

from evaluations.library import SEED_PATH
from evaluations.plan.engine import build_plan
from evaluations.plan.plan_types import Precaution
from evaluations.plan.rules import RULES
from evaluations.reports.plain_language import CLINICAL_ABBREVIATIONS, PLAIN_PRECAUTIONS
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
