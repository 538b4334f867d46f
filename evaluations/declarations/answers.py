"""The closed answer sets findings use, each declared once (clinical reference §1)."""

from .kinds import choices

# A test result that never lets 'not tested' pass for 'negative'.
EXAM_RESULT = choices(
    "ExamResult", ("NEGATIVE", "negative", "Negative"), ("POSITIVE", "positive", "Positive")
)
ANSWER = choices("Answer", ("NO", "no", "No"), ("YES", "yes", "Yes"))
# Provocation tests count only when they reproduce the patient's familiar pain [LAS][PO].
PROVOCATION = choices(
    "Provocation",
    ("NEGATIVE", "negative", "Negative"),
    ("POSITIVE_UNFAMILIAR", "positive_unfamiliar", "Pain, but not the familiar pain"),
    ("POSITIVE_FAMILIAR", "positive_familiar", "Familiar pain reproduced"),
    doc="A pain-provocation test; only ``positive_familiar`` counts as positive [LAS][PO].",
)
# A progression-gate criterion, where meeting it is the good news. Stored as positive /
# negative like a test, so the plan engine reads met as True.
CRITERION = choices("Criterion", ("NOT_MET", "negative", "Not met"), ("MET", "positive", "Met"))
# Manual muscle test grades in order: ordinal strings, compared by rank, never averaged [MMT].
MMT_GRADE = choices(
    "MmtGrade",
    ("G0", "0", "0"),
    ("G1", "1", "1"),
    ("G2_MINUS", "2-", "2−"),
    ("G2", "2", "2"),
    ("G2_PLUS", "2+", "2+"),
    ("G3_MINUS", "3-", "3−"),
    ("G3", "3", "3"),
    ("G3_PLUS", "3+", "3+"),
    ("G4_MINUS", "4-", "4−"),
    ("G4", "4", "4"),
    ("G4_PLUS", "4+", "4+"),
    ("G5", "5", "5"),
    doc="Manual muscle test grades in order; compare by rank, never average [MMT].",
)

ONSET = choices("Onset", ("SUDDEN", "sudden", "Sudden"), ("GRADUAL", "gradual", "Gradual"))
MECHANISM = choices(
    "Mechanism",
    ("SPRINT", "sprint", "Sprinting"),
    ("STRETCH", "stretch", "Stretching / splits"),
    ("LIFTING", "lifting", "Lifting"),
    ("NONE", "none", "No clear mechanism"),
)
INJURY_REGION = choices(
    "InjuryRegion",
    ("POSTERIOR_THIGH", "posterior_thigh", "Back of the thigh"),
    ("BUTTOCK", "buttock", "Buttock"),
    ("ANTERIOR_THIGH", "anterior_thigh", "Front of the thigh"),
    ("HIP", "hip", "Hip"),
    ("KNEE", "knee", "Knee"),
    ("LOWER_BACK", "lower_back", "Low back"),
    ("OTHER", "other", "Elsewhere"),
)
INJURY_KIND = choices(
    "InjuryKind",
    ("STRAIN", "strain", "Strain"),
    ("SURGERY", "surgery", "Surgery"),
    ("FRACTURE", "fracture", "Fracture"),
    ("OTHER", "other", "Other"),
)
FABER = choices(
    "FaberResult",
    ("NEGATIVE", "negative", "Negative"),
    ("GROIN", "groin", "Positive: groin (hip joint)"),
    ("POSTERIOR_SIJ", "posterior_sij", "Positive: posterior (SI joint)"),
    ("LATERAL", "lateral", "Positive: lateral"),
)
LANDMARK = choices(
    "Landmark",
    ("LEVEL", "level", "Level"),
    ("LEFT_HIGH", "left_high", "Left high"),
    ("RIGHT_HIGH", "right_high", "Right high"),
)
DIRECTION = choices(
    "Direction",
    ("FLEXION", "flexion", "Flexion"),
    ("EXTENSION", "extension", "Extension"),
    ("LATERAL", "lateral", "Lateral shift"),
)
SEVERITY = choices(
    "Severity", ("NONE", "none", "None"), ("MILD", "mild", "Mild"), ("MARKED", "marked", "Marked")
)

# Every choice set the engine turns into an enum, by name.
ENGINE_ENUMS = (
    PROVOCATION,
    MMT_GRADE,
    ONSET,
    MECHANISM,
    INJURY_REGION,
    INJURY_KIND,
    FABER,
    LANDMARK,
    DIRECTION,
    SEVERITY,
)
