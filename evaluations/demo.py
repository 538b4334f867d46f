"""Draft initial evaluations for the demo's four patients, shaped by their stories in the article.

Sean: five years of SI joint trouble and long days at a desk. Craig: an old femur operation
with a scar at the back of the thigh, and low back pain. Brendan: recurrent pulls, now upper
back and shoulder pain from compensating. Eric: persistent back-of-thigh pain with a weak
front of the opposite hip and a lot of sitting.
"""

from django.db import transaction
from django.utils import timezone

from patients.models import Patient, User

from .models import RedFlagScreen
from .services import start_evaluation

ALL_RED_FLAGS_CHECKED_NEGATIVE = {field.name: "no" for field in RedFlagScreen.finding_fields()}
ALL_RED_FLAGS_CHECKED_NEGATIVE.pop("notes")

DEMO_EVALUATIONS = {
    "RPT-1001": {
        "symptomatic_side": "right",
        "history": {
            "onset": "gradual",
            "mechanism": "none",
            "weeks_since_onset": 260,
            "dull_ache": "yes",
            "pain_sitting": "yes",
            "persistent_tightness": "yes",
            "sij_pain": "yes",
            "low_back_pain": "yes",
            "sit_bone_pain": "no",
            "previous_hamstring_strains": 1,
            "sitting_hours_per_day": 9,
            "occupation": "Accountant, 8–9 hours a day at a desk",
            "activity_goals": "Play five-a-side soccer again without pain the next day",
            "pain_now": 4,
            "pain_best": 2,
            "pain_worst": 6,
            "aggravating_factors": "Long days at the desk, driving, getting up after sitting",
            "easing_factors": "Walking, moving around",
        },
        "hip": {
            "mmt_hip_extensors_left": "5",
            "mmt_hip_extensors_right": "4",
            "mmt_hip_abductors_left": "5",
            "mmt_hip_abductors_right": "4",
            "thomas_positive_right": "positive",
            "thomas_hip_angle_right": 6,
            "thomas_pelvis_controlled": "yes",
        },
        "pelvis": {
            "sij_distraction": "positive_familiar",
            "sij_thigh_thrust": "positive_familiar",
            "sij_compression": "positive_familiar",
            "sij_sacral_thrust": "negative",
            "sij_gaenslen": "negative",
            "centralisation": "negative",
        },
        "core": {"aslr_left": 0, "aslr_right": 2, "aslr_better_with_compression": "positive"},
        "gait": {"trendelenburg_right": "positive", "runner": "no"},
        "outcomes": {"odi_answers": [2, 1, 2, 1, 3, 1, 1, 0, 1, 2]},
    },
    "RPT-1002": {
        "symptomatic_side": "left",
        "history": {
            "onset": "gradual",
            "mechanism": "none",
            "weeks_since_onset": 30,
            "dull_ache": "yes",
            "sharp_pain_bending_forward": "yes",
            "low_back_pain": "yes",
            "old_injury_region": "posterior_thigh",
            "old_injury_kind": "surgery",
            "old_injury_description": "Femur fracture, plated after a motorbike accident",
            "old_injury_year": 1996,
            "old_injury_scar": "yes",
            "sitting_hours_per_day": 3,
            "occupation": "Site supervisor, on his feet and driving",
            "activity_goals": "18 holes of golf and weekend hikes",
            "pain_now": 5,
            "pain_best": 3,
            "pain_worst": 7,
            "aggravating_factors": "Bending to tie boots, long drives",
            "easing_factors": "Lying on his front, walking",
        },
        "pelvis": {"centralisation": "positive", "directional_preference": "extension"},
        "neural": {
            "slr_angle_left": 65,
            "slr_angle_right": 80,
            "slr_radiating_pain_left": "negative",
            "slump_familiar_symptoms": "negative",
        },
        "hamstring": {
            "active_knee_extension_lag_left": 32,
            "active_knee_extension_lag_right": 18,
            "tender": "negative",
        },
        "outcomes": {"odi_answers": [3, 1, 3, 1, 2, 2, 2, 1, 2, 3]},
    },
    "RPT-1003": {
        "symptomatic_side": "right",
        "history": {
            "onset": "sudden",
            "mechanism": "sprint",
            "weeks_since_onset": 6,
            "pulling_when_running": "yes",
            "persistent_tightness": "yes",
            "upper_back_shoulder_pain": "yes",
            "previous_hamstring_strains": 3,
            "sitting_hours_per_day": 2,
            "occupation": "Electrician: ladders, crawling, lifting",
            "activity_goals": "Back to CrossFit sprints and deadlifts",
            "pain_now": 3,
            "pain_best": 1,
            "pain_worst": 5,
        },
        "hip": {"mmt_hip_extensors_left": "5", "mmt_hip_extensors_right": "4"},
        "core": {
            "mcgill_flexion_s": 120,
            "mcgill_extension_s": 95,
            "mcgill_side_bridge_s_left": 62,
            "mcgill_side_bridge_s_right": 41,
        },
        "neural": {
            "slump_familiar_symptoms": "positive",
            "slump_changes_with_neck": "positive",
            "slump_asymmetric": "positive",
        },
        "hamstring": {
            "single_leg_bridge_reps_left": 27,
            "single_leg_bridge_reps_right": 15,
            "tender": "positive",
            "tender_distance_cm": 11,
            "resisted_knee_flexion_painful": "positive",
        },
        "gait": {"runner": "yes"},
    },
    "RPT-1004": {
        "symptomatic_side": "left",
        "history": {
            "onset": "gradual",
            "mechanism": "none",
            "weeks_since_onset": 60,
            "pain_sitting": "yes",
            "sit_bone_pain": "yes",
            "pain_putting_on_shoes": "yes",
            "warms_up_then_worse": "yes",
            "pain_walking_uphill": "yes",
            "sitting_hours_per_day": 10,
            "occupation": "Project manager: meetings and a long commute",
            "activity_goals": "A spring marathon, and sitting through meetings",
            "pain_now": 3,
            "pain_best": 2,
            "pain_worst": 5,
            "aggravating_factors": "Sitting on hard chairs, hill runs",
            "easing_factors": "Standing desk, easy flat runs",
        },
        "hip": {
            "mmt_hip_flexors_left": "5",
            "mmt_hip_flexors_right": "4-",
            "hhd_hip_flexors_n_left": 240,
            "hhd_hip_flexors_n_right": 182,
        },
        # The slump tells the nerve apart from the tendon: without it the picture is provisional.
        "neural": {"slump_familiar_symptoms": "negative"},
        "hamstring": {
            "tender": "positive",
            "tender_distance_cm": 1.5,
            "puranen_orava": "positive_familiar",
            "modified_bent_knee_stretch": "positive_familiar",
            "bent_knee_stretch": "negative",
        },
        "gait": {
            "runner": "yes",
            "running_cadence": 158,
            "overstriding": "positive",
            "pain_running_uphill": "yes",
        },
        "outcomes": {"visa_h_answers": [5, 6, 4, 5, 6, 5, 4, 10]},
    },
}


@transaction.atomic
def load_demo_evaluations(clinician_username="demo-pt"):
    """One draft initial evaluation per demo patient who has none yet; returns how many."""
    clinician = User.objects.get(username=clinician_username)
    patients = Patient.objects.filter(
        clinic=clinician.clinic, record_number__in=DEMO_EVALUATIONS, evaluations__isnull=True
    )
    created = 0
    for patient in patients:
        findings = DEMO_EVALUATIONS[patient.record_number]
        evaluation = start_evaluation(
            patient=patient,
            clinician=clinician,
            visit_date=timezone.localdate(),
        )
        evaluation.symptomatic_side = findings["symptomatic_side"]
        evaluation.save(update_fields=["symptomatic_side"])
        sections = {k: v for k, v in findings.items() if k != "symptomatic_side"}
        sections["red_flags"] = ALL_RED_FLAGS_CHECKED_NEGATIVE
        for name, values in sections.items():
            _fill(evaluation, name, values)
        created += 1
    return created


def _fill(evaluation, attr, values):
    row = getattr(evaluation, attr)
    for field, value in values.items():
        setattr(row, field, value)
    row.full_clean()
    row.save()
