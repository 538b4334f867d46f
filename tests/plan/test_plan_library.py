"""The seeded exercise library: all 40 of DOMAIN.md §4, with what a handout needs."""

import re
import sys
from pathlib import Path

from evaluations.plan.actions import ACTIONS
from evaluations.plan.library import exercise_from_dict, load_seed_library
from evaluations.plan.plan_types import EVIDENCE_LEVELS
from evaluations.plan.rules import RULES
from evaluations.plan.rules.base import Include

SEED = load_seed_library()
# Codes other parts of wholebody depend on, by DOMAIN.md §4 number.
CODES = (
    "isometric_hamstring_hold",
    "bridge_hold",
    "bent_knee_bridge",
    "bridge_walkouts",
    "single_leg_bridge",
    "single_leg_bridge_box",
    "hip_thrust",
    "romanian_deadlift",
    "single_leg_rdl",
    "nordic_curl",
    "askling_extender",
    "askling_diver",
    "askling_glider",
    "prone_isometric_knee_flexion",
    "slider_hamstring_curl",
    "standing_psoas_march",
    "supine_psoas_march",
    "dead_bug",
    "bird_dog",
    "mcgill_curl_up",
    "side_plank",
    "front_plank",
    "drawing_in_pbu",
    "side_lying_hip_abduction",
    "band_lateral_walk",
    "single_limb_balance",
    "balance_trunk_lean",
    "lunge_walk_rotation",
    "calf_raise",
    "short_foot",
    "sciatic_nerve_slider",
    "sciatic_nerve_tensioner",
    "hip_hinge_dowel",
    "directional_preference",
    "half_kneeling_hip_flexor_stretch",
    "sitting_breaks",
    "agility_drills",
    "stationary_bike",
    "cadence_retraining",
    "walk_run_progression",
)
DOMAIN = Path(__file__).resolve().parents[3] / "shared" / "DOMAIN.md"


def test_the_seed_has_the_forty_exercises_with_their_codes_in_order():
    assert [e.code for e in SEED] == list(CODES)
    assert [e.number for e in SEED] == list(range(1, 41))


def test_every_exercise_has_plain_patient_instructions():
    for exercise in SEED:
        assert 2 <= len(exercise.patient_steps) <= 4, exercise.code
        assert exercise.plain_name and exercise.patient_feel and exercise.patient_stop
        assert not re.search(r"\b(RDL|PBU|MVC|PHT|SIJ|LSI)\b", exercise.plain_name)


def test_every_exercise_has_dosing_pillars_sources_and_an_evidence_level():
    for exercise in SEED:
        assert exercise.dosing and exercise.frequency, exercise.code
        assert set(exercise.pillars) <= {1, 2, 3, 4, 5} and exercise.pillars
        assert exercise.source_keys
        assert exercise.evidence_level in EVIDENCE_LEVELS


def test_source_keys_are_keys_of_the_domain_reference():
    if not DOMAIN.exists():
        return
    known = set(re.findall(r"^([A-Z][A-Z0-9-]+) https?://", DOMAIN.read_text("utf-8"), re.M))
    known |= set(re.findall(r"· ?\n?([A-Z][A-Z0-9-]+) https?://", DOMAIN.read_text("utf-8")))
    for exercise in SEED:
        assert set(exercise.source_keys) <= known, (exercise.code, exercise.source_keys)


def includes_of(module):
    """The rule requests a module builds at import: tuples of Include, alone or in a dict."""
    for constant in vars(module).values():
        for group in constant.values() if isinstance(constant, dict) else [constant]:
            if isinstance(group, tuple):
                yield from (value for value in group if isinstance(value, Include))


def test_every_code_a_rule_asks_for_exists_in_the_seed_or_the_actions():
    modules = {sys.modules[function.__module__] for function in RULES}
    asked = {include.code for module in modules for include in includes_of(module)}
    assert len(asked) > 40
    assert asked <= set(CODES) | set(ACTIONS)
    assert len(RULES) == 25


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
