"""The seeded exercise library (clinical reference §4), with what a handout needs."""

import re
import sys

from evaluations.plan.actions import ACTIONS
from evaluations.plan.library import exercise_from_dict, load_seed_library
from evaluations.plan.plan_types import EVIDENCE_LEVELS, PILLARS
from evaluations.plan.rules import RULES
from evaluations.plan.rules.base import Include
from evaluations.plan.stage_text import PATHWAY_WORDS, SENTENCE_END
from evaluations.reports.sources import SOURCES

SEED = load_seed_library()
CODES = [exercise.code for exercise in SEED]


def test_the_seed_numbers_its_exercises_in_order_under_distinct_codes():
    assert len(set(CODES)) == len(CODES)
    assert [e.number for e in SEED] == list(range(1, len(SEED) + 1))


def test_every_exercise_has_plain_patient_instructions():
    for exercise in SEED:
        assert 2 <= len(exercise.patient_steps) <= 4, exercise.code
        assert exercise.plain_name and exercise.patient_feel and exercise.patient_stop
        assert not re.search(r"\b(RDL|PBU|MVC|PHT|SIJ|LSI)\b", exercise.plain_name)


def test_every_exercise_has_dosing_pillars_sources_and_an_evidence_level():
    for exercise in SEED:
        assert exercise.dosing and exercise.frequency, exercise.code
        assert set(exercise.pillars) <= set(PILLARS) and exercise.pillars
        assert exercise.source_keys
        assert exercise.evidence_level in EVIDENCE_LEVELS


def test_every_exercise_cites_sources_the_report_can_list():
    for exercise in SEED:
        assert set(exercise.source_keys) <= set(SOURCES), (exercise.code, exercise.source_keys)


def includes_of(module):
    """The rule requests a module builds at import: tuples of Include, alone or in a dict."""
    for constant in vars(module).values():
        for group in constant.values() if isinstance(constant, dict) else [constant]:
            if isinstance(group, tuple):
                yield from (value for value in group if isinstance(value, Include))


def test_every_code_a_rule_asks_for_exists_in_the_seed_or_the_actions():
    modules = {sys.modules[function.__module__] for function in RULES}
    asked = {include.code for module in modules for include in includes_of(module)}
    assert asked <= set(CODES) | set(ACTIONS)


def test_unknown_keys_in_a_clinic_export_are_ignored():
    entry = {
        "code": "x",
        "number": 41,
        "name": "X",
        "plain_name": "X",
        "pillars": [3],
        "target": "",
        "description": "",
        "patient_steps": ["a", "b"],
        "patient_feel": "",
        "patient_stop": "",
        "sets": None,
        "reps": None,
        "hold_seconds": None,
        "frequency": "",
        "dosing": "",
        "progression": "",
        "regression": "",
        "cautions": "",
        "tags": [],
        "source_keys": ["HEI"],
        "evidence_level": "low",
        "image": "x.png",
    }
    assert exercise_from_dict(entry).code == "x"


def test_each_seeded_sentence_speaks_of_one_pathway_at_most():
    """stage_text keeps a sentence while any pathway it names is active: one naming two
    would print "Not in acute strain phase I …" on a tendinopathy plan."""
    for exercise in load_seed_library():
        for text in (exercise.dosing, exercise.cautions):
            for sentence in SENTENCE_END.split(text):
                named = [name for name, words in PATHWAY_WORDS.items() if words.search(sentence)]
                assert len(named) <= 1, (exercise.code, sentence)
