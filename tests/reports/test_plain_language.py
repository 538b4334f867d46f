"""The handout's words: every engine precaution and every seeded exercise in plain language."""

import json
import re

from evaluations.library import SEED_PATH
from evaluations.plan.plan_types import Precaution
from evaluations.plan.rules import gait, neural, strain, tendinopathy
from evaluations.reports.plain_language import CLINICAL_ABBREVIATIONS, PLAIN_PRECAUTIONS


def abbreviations_in(text):
    return [a for a in CLINICAL_ABBREVIATIONS if re.search(rf"\b{re.escape(a)}\b", text)]


def engine_precautions():
    for module in (gait, neural, strain, tendinopathy):
        yield from (v for v in vars(module).values() if isinstance(v, Precaution))


def test_every_engine_precaution_has_plain_words():
    texts = {precaution.text for precaution in engine_precautions()}
    assert texts and texts <= set(PLAIN_PRECAUTIONS)
    for plain in PLAIN_PRECAUTIONS.values():
        assert abbreviations_in(plain) == []


def test_every_seeded_exercise_speaks_plainly_in_two_to_four_steps():
    for exercise in json.loads(SEED_PATH.read_text()):
        words = " ".join(
            [exercise["plain_name"], *exercise["patient_steps"], exercise["patient_feel"]]
            + [exercise["patient_stop"], exercise["frequency"]]
        )
        assert abbreviations_in(words) == [], exercise["code"]
        assert 2 <= len(exercise["patient_steps"]) <= 4, exercise["code"]
