"""Every sentence the plan shows about the patient says only what was recorded (issue 21).

A table of the phrases that cite a finding, each with what it claims, is checked against
generated snapshots: a sentence that names a symptom must find it recorded with that value,
and "not recorded" must mean not recorded, never "negative".
"""

import re

from hypothesis import given

from evaluations.plan.derived import derive
from evaluations.plan.engine import build_plan
from evaluations.plan.schema import snapshot_from_dict
from evaluations.plan.snapshot import MmtGrade, Provocation
from tests.plan.test_plan_properties import EXAMPLES, SNAPSHOTS
from tests.plan.vignettes import LIBRARY, plan_for, vignette


def _num(text):
    return float(text)


def _bilateral(pair, side):
    return pair.get(side)


def _slump_criteria(s):
    neural = s.neural
    return (neural.slump_familiar_symptoms, neural.slump_changes_with_neck, neural.slump_asymmetric)


OTHER_SIDE = {"left": "right", "right": "left"}
MECHANISMS = {"sprinting": "sprint", "stretching": "stretch"}
MYOTOMES = {
    "L4 ankle dorsiflexion": "myotome_l4_ankle_dorsiflexion",
    "L5 great-toe extension": "myotome_l5_great_toe_extension",
    "S1 plantar flexion": "myotome_s1_plantar_flexion",
}
PROVOCATION_TESTS = {
    "Puranen-Orava": "puranen_orava",
    "bent-knee stretch": "bent_knee_stretch",
    "modified bent-knee stretch": "modified_bent_knee_stretch",
}

# (phrase, what it claims about the snapshot `s` given the regex match `m`).
CLAIMS = [
    (
        r"^Slump reproduces the familiar symptoms, changes with neck movement and differs",
        lambda s, m: (
            s.neural.slump_familiar_symptoms
            and s.neural.slump_changes_with_neck
            and s.neural.slump_asymmetric
        ),
    ),
    (r"The slump reproduced the familiar symptoms", lambda s, m: s.neural.slump_familiar_symptoms),
    (
        r"they did not change with neck movement",
        lambda s, m: s.neural.slump_changes_with_neck is False,
    ),
    (
        r"the change on neck movement was not recorded",
        lambda s, m: s.neural.slump_changes_with_neck is None,
    ),
    (
        r"they did not differ from the other side",
        lambda s, m: s.neural.slump_asymmetric is False,
    ),
    (r"the side difference was not recorded", lambda s, m: s.neural.slump_asymmetric is None),
    (
        r"^Slump positive on the (left|right) \(the overall result, counted because the "
        r"separate criteria were not all recorded\)",
        lambda s, m: (
            _bilateral(s.neural.slump_positive, m[1]) is True
            and _bilateral(s.neural.slump_positive, OTHER_SIDE[m[1]]) is not True
            and None in _slump_criteria(s)
            and False not in _slump_criteria(s)
        ),
    ),
    (
        r"^The overall slump result \(positive on the (left|right)( and (left|right))?\) did "
        r"not count: a separate criterion was recorded as no",
        lambda s, m: (
            all(_bilateral(s.neural.slump_positive, side) is True for side in (m[1], m[3]) if side)
            and False in _slump_criteria(s)
        ),
    ),
    (
        r"^The slump was recorded positive on both sides",
        lambda s, m: s.neural.slump_positive.values() == (True, True),
    ),
    (
        r"Straight leg raise on the (left|right) brings on radiating leg pain at ([\d.]+)°",
        lambda s, m: (
            _bilateral(s.neural.slr_radiating_pain, m[1]) is True
            and _bilateral(s.neural.slr_angle, m[1]) == _num(m[2])
        ),
    ),
    (r"Crossed straight leg raise positive", lambda s, m: s.neural.crossed_slr is True),
    (
        r"Pain at the sit bone, worse sitting|pain at the sit bone and pain when sitting",
        lambda s, m: s.history.sit_bone_pain is True and s.history.pain_sitting is True,
    ),
    (r"Tendon pain at the sit bone", lambda s, m: s.history.sit_bone_pain is True),
    (
        r"Familiar pain on (.+?) \[",
        lambda s, m: all(
            getattr(s.hamstring, PROVOCATION_TESTS[name.split(" [")[0]])
            == Provocation.POSITIVE_FAMILIAR
            for name in re.split(r", (?=[A-Za-z])", m[1] + " [")
            if name.split(" [")[0] in PROVOCATION_TESTS
        ),
    ),
    (
        r"The (Puranen-Orava|bent-knee stretch|modified bent-knee stretch) was painful but not",
        lambda s, m: (
            getattr(s.hamstring, PROVOCATION_TESTS[m[1]]) == Provocation.POSITIVE_UNFAMILIAR
        ),
    ),
    (
        r"Tender at the ischial tuberosity",
        lambda s, m: s.hamstring.tender is True and s.hamstring.tender_distance_cm <= 3,
    ),
    (
        r"[Tt]ender (?:in the muscle belly, )?([\d.]+) cm from the sit bone",
        lambda s, m: s.hamstring.tender is True and s.hamstring.tender_distance_cm == _num(m[1]),
    ),
    (r"Pain with deep hip flexion", lambda s, m: s.history.pain_putting_on_shoes is True),
    (r"Warms up, then worse afterwards", lambda s, m: s.history.warms_up_then_worse is True),
    (
        r"Resisted knee flexion reproduces the pain",
        lambda s, m: s.hamstring.resisted_knee_flexion_painful is True,
    ),
    (r"Taking-off-the-shoe test positive", lambda s, m: s.hamstring.tost is True),
    (r"taking-off-the-shoe test is for", lambda s, m: s.hamstring.tost is not None),
    (r"The H-test measures", lambda s, m: s.hamstring.h_test_insecurity is not None),
    (
        r"[Ss]udden onset while (sprinting|stretching)",
        lambda s, m: s.history.onset == "sudden" and s.history.mechanism == MECHANISMS[m[1]],
    ),
    (r"^sudden onset$", lambda s, m: s.history.onset == "sudden"),
    (
        r"^pain for ([\d.]+) weeks \(more than two\)$",
        lambda s, m: s.history.weeks_since_onset == _num(m[1]) > 2,
    ),
    (
        r"^(\d+) earlier hamstring strains?",
        lambda s, m: s.history.previous_hamstring_strains == int(m[1]),
    ),
    (r"^low back (and SI joint )?pain$", lambda s, m: s.history.low_back_pain is True),
    (r"(^|and )SI joint pain$", lambda s, m: s.history.sij_pain is True),
    (
        r"Pelvic control during the Thomas test was not recorded",
        lambda s, m: s.hip.thomas_pelvis_controlled is None,
    ),
    (
        r"The Thomas test was done without pelvic control",
        lambda s, m: s.hip.thomas_pelvis_controlled is False,
    ),
    (r"^age (\d+)$", lambda s, m: s.age == int(m[1])),
    (r"myotomal weakness", lambda s, m: s.neural.myotome_deficit is True),
    (r"reduced reflex", lambda s, m: s.neural.reflex_deficit is True),
    (r"sensory loss", lambda s, m: s.neural.sensation_deficit is True),
    (r"symptoms in both legs", lambda s, m: s.symptomatic_side == "both"),
    (r"does not walk normally \(gait\)", lambda s, m: s.gait.walks_normally is False),
    (
        r"(L4 ankle dorsiflexion|L5 great-toe extension|S1 plantar flexion) ([0-5][+-]?)/5 "
        r"\((left|right)\)",
        lambda s, m: (
            (grade := _bilateral(getattr(s.neural, MYOTOMES[m[1]]), m[3])) is not None
            and grade.value == m[2]
            and grade.rank <= MmtGrade("3").rank
        ),
    ),
    (
        r"calf girth difference ([\d.]+) cm",
        lambda s, m: s.foot.calf_girth_difference_cm == _num(m[1]) > 3,
    ),
    (r"^Sits ([\d.]+) h a day$", lambda s, m: s.history.sitting_hours_per_day == _num(m[1])),
    (
        r"Symptoms centralise on repeated movement",
        lambda s, m: s.pelvis.centralisation is True,
    ),
    (
        r"^Preferred direction: (\w+)$",
        lambda s, m: s.pelvis.directional_preference == m[1],
    ),
    (
        r"ASLR better with pelvic compression",
        lambda s, m: s.core.aslr_better_with_compression is True,
    ),
    # No field records "the hamstring pain": a sentence must never claim it.
    (r"\bthe hamstring pain\b", lambda s, m: False),
]
COMPILED = [(re.compile(pattern), claim) for pattern, claim in CLAIMS]


def sentences(plan) -> list[str]:
    """Every reason, caveat, finding and criterion the plan shows about this patient."""
    d = plan.differentiation
    texts = [*d.neural, *d.tendinopathy, *d.acute_strain, *d.caveats]
    texts += [untested.text for untested in d.untested]
    for referral in plan.referrals:
        texts += [*referral.criteria, referral.action]
    for pathway in plan.pathways:
        texts += [*pathway.findings, pathway.provisional]
    for item in plan.items:
        texts += [reason.text for reason in item.reasons] + list(item.notes)
    texts += [precaution.text for precaution in plan.precautions]
    for prompt in plan.prompts:
        texts += [*prompt.findings, prompt.reason]
    texts += [stage.reason for stage in plan.stages]
    return [text for text in texts if text]


def unfounded(snapshot, plan) -> list[str]:
    wrong = []
    for text in sentences(plan):
        for pattern, claim in COMPILED:
            for match in pattern.finditer(text):
                if not claim(snapshot, match):
                    wrong.append(f"{text!r} ({pattern.pattern})")
    return wrong


@EXAMPLES
@given(SNAPSHOTS)
def test_every_sentence_cites_a_finding_as_it_was_recorded(snapshot):
    assert unfounded(snapshot, build_plan(snapshot, LIBRARY)) == []


# Findings that make the plan say each phrase of the table at least once.
RICH = [
    vignette(
        age=15,
        symptomatic_side="both",
        history={
            "onset": "sudden",
            "mechanism": "sprint",
            "weeks_since_onset": 3,
            "previous_hamstring_strains": 2,
            "sit_bone_pain": True,
            "pain_sitting": True,
            "pain_putting_on_shoes": True,
            "warms_up_then_worse": True,
            "low_back_pain": True,
            "sij_pain": True,
            "sitting_hours_per_day": 8,
        },
        hamstring={
            "tender": True,
            "tender_distance_cm": 2,
            "puranen_orava": "positive_familiar",
            "bent_knee_stretch": "positive_unfamiliar",
            "tost": True,
            "h_test_insecurity": 10,
        },
        neural={
            "slump_familiar_symptoms": True,
            "slump_changes_with_neck": True,
            "slr_radiating_pain": {"left": True},
            "slr_angle": {"left": 50},
            "crossed_slr": True,
            "myotome_deficit": True,
            "reflex_deficit": True,
            "sensation_deficit": True,
            "myotome_l4_ankle_dorsiflexion": {"left": "3-"},
        },
        hip={"thomas_positive": {"left": True}},
        pelvis={"centralisation": True, "directional_preference": "extension"},
        gait={"walks_normally": False},
        foot={"calf_girth_difference_cm": 3.5},
    ),
    vignette(
        history={"onset": "sudden", "mechanism": "stretch"},
        hamstring={
            "tender": True,
            "tender_distance_cm": 9,
            "resisted_knee_flexion_painful": True,
            "tost": True,
        },
        neural={
            "slump_familiar_symptoms": True,
            "slump_changes_with_neck": False,
            "slump_asymmetric": False,
        },
        hip={"thomas_positive": {"left": True}, "thomas_pelvis_controlled": False},
        core={"aslr_better_with_compression": True},
        pelvis={
            "sij_distraction": "positive_familiar",
            "sij_thigh_thrust": "positive_familiar",
            "sij_compression": "positive_familiar",
        },
    ),
    vignette(
        neural={
            "slump_familiar_symptoms": True,
            "slump_changes_with_neck": True,
            "slump_asymmetric": True,
        },
        history={"sij_pain": True},
    ),
    vignette(neural={"slump_familiar_symptoms": True, "slump_asymmetric": True}),
    vignette(neural={"slump_familiar_symptoms": True, "slump_positive": {"right": True}}),
    vignette(neural={"slump_positive": {"left": True, "right": True}}),
    vignette(neural={"slump_changes_with_neck": False, "slump_positive": {"left": True}}),
]


def test_the_rich_vignettes_say_every_phrase_of_the_table_and_each_is_founded():
    said = set()
    for data in RICH:
        snapshot = snapshot_from_dict(data)
        plan = build_plan(snapshot, LIBRARY)
        assert unfounded(snapshot, plan) == []
        text = sentences(plan)
        said |= {pattern.pattern for pattern, _ in COMPILED if any(map(pattern.search, text))}
    never = {pattern for pattern, _ in CLAIMS} - said
    assert never == {r"\bthe hamstring pain\b"}


def test_the_table_catches_a_sentence_that_claims_too_much():
    # A plan made for low back pain, read against a snapshot without it.
    plan = plan_for(vignette(history={"low_back_pain": True, "weeks_since_onset": 3}))
    without = snapshot_from_dict(vignette(history={"weeks_since_onset": 3}))
    assert any("low back" in wrong for wrong in unfounded(without, plan))


def caveat(neural):
    caveats = derive(snapshot_from_dict(vignette(neural=neural))).differentiation.caveats
    return next(c for c in caveats if c.startswith("The slump"))


def test_the_slump_caveat_says_which_part_was_not_recorded_and_which_was_negative():
    # The case: the neck change recorded yes, only the side difference missing.
    text = caveat({"slump_familiar_symptoms": True, "slump_changes_with_neck": True})
    assert text == (
        "The slump reproduced the familiar symptoms, but the side difference was not "
        "recorded; it did not count as a neural sign [SLU]"
    )
    text = caveat(
        {
            "slump_familiar_symptoms": True,
            "slump_changes_with_neck": False,
            "slump_asymmetric": None,
        }
    )
    assert "they did not change with neck movement and the side difference was not" in text


def test_the_thomas_caveat_tells_not_recorded_from_not_controlled():
    def caveats(controlled):
        hip = {"thomas_positive": {"left": True}, "thomas_pelvis_controlled": controlled}
        data = vignette(hip=hip)
        return derive(snapshot_from_dict(data)).differentiation.caveats

    assert any("was not recorded" in c for c in caveats(None))
    assert any("done without pelvic control" in c for c in caveats(False))
    assert not any("Thomas" in c for c in caveats(True))
