"""Every seeded exercise has a printable line illustration (issue 7, DOMAIN.md §4)."""

from pathlib import Path
from xml.etree import ElementTree

import pytest

IMAGE_DIR = Path(__file__).resolve().parent.parent / "static" / "img" / "exercises"
SVG = "{http://www.w3.org/2000/svg}"

# The seeded exercise codes, numbered as in DOMAIN.md §4.
EXERCISE_CODES = [
    "isometric_hamstring_hold",  # 1
    "bridge_hold",  # 2
    "bent_knee_bridge",  # 3
    "bridge_walkouts",  # 4
    "single_leg_bridge",  # 5
    "single_leg_bridge_box",  # 6
    "hip_thrust",  # 7
    "romanian_deadlift",  # 8
    "single_leg_rdl",  # 9
    "nordic_curl",  # 10
    "askling_extender",  # 11
    "askling_diver",  # 12
    "askling_glider",  # 13
    "prone_isometric_knee_flexion",  # 14
    "slider_hamstring_curl",  # 15
    "standing_psoas_march",  # 16
    "supine_psoas_march",  # 17
    "dead_bug",  # 18
    "bird_dog",  # 19
    "mcgill_curl_up",  # 20
    "side_plank",  # 21
    "front_plank",  # 22
    "drawing_in_pbu",  # 23
    "side_lying_hip_abduction",  # 24
    "band_lateral_walk",  # 25
    "single_limb_balance",  # 26
    "balance_trunk_lean",  # 27
    "lunge_walk_rotation",  # 28
    "calf_raise",  # 29
    "short_foot",  # 30
    "sciatic_nerve_slider",  # 31
    "sciatic_nerve_tensioner",  # 32
    "hip_hinge_dowel",  # 33
    "directional_preference",  # 34
    "half_kneeling_hip_flexor_stretch",  # 35
    "sitting_breaks",  # 36
    "agility_drills",  # 37
    "stationary_bike",  # 38
    "cadence_retraining",  # 39
    "walk_run_progression",  # 40
]


def parse(code):
    return ElementTree.parse(IMAGE_DIR / f"{code}.svg").getroot()


def test_the_list_holds_forty_distinct_codes():
    assert len(set(EXERCISE_CODES)) == 40


@pytest.mark.parametrize("code", EXERCISE_CODES)
def test_exercise_has_a_well_formed_svg_with_a_title(code):
    root = parse(code)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 240 160"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text.strip()


@pytest.mark.parametrize("code", EXERCISE_CODES)
def test_exercise_image_runs_no_script_and_fetches_nothing(code):
    for element in parse(code).iter():
        assert element.tag not in {f"{SVG}script", f"{SVG}foreignObject", f"{SVG}image"}
        for name, value in element.attrib.items():
            assert not name.endswith("href"), f"{code}: {name}={value}"
            assert not name.lower().startswith("on"), f"{code}: {name}"
            assert "url(" not in value, f"{code}: {name}={value}"
