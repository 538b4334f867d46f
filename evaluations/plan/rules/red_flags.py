"""R0: the red-flag screen (clinical reference §3). Any red flag blocks the automatic plan."""

from dataclasses import dataclass, fields
from operator import attrgetter

from evaluations.plan.derived import Derived
from evaluations.plan.plan_types import Referral, Urgency
from evaluations.plan.rules.base import Fired, Rule, rule
from evaluations.plan.snapshot import FindingsSnapshot, RedFlagScreenFindings

R0 = Rule("R0", "Red flag → referral; no automatic plan", "CPG", ("NHSL", "RF"))
TRIAGE = Rule(
    "TRIAGE", "History that fits the article's reasons to be evaluated", "low", ("ARTICLE",)
)
# The evaluation under way is the visit the article recommends: TRIAGE is history, never an
# instruction to the clinician.
TRIAGE_NOTE = "History that fits the article's reasons to be evaluated (not a red flag)"

SCREEN_INCOMPLETE = (
    "Red-flag screen incomplete: {missing} of {total} questions not answered. "
    "Finish it before this plan is given to the patient."
)
# [RF] age ≥ 50 is one of the cancer criteria.
CANCER_AGE_FROM = 50
# The article: pain for more than two weeks is a reason to be evaluated.
TRIAGE_WEEKS_ABOVE = 2


@dataclass(frozen=True, slots=True)
class RedFlag:
    code: str
    urgency: Urgency
    questions: tuple[tuple[str, str], ...]
    action: str
    source_keys: tuple[str, ...]


RED_FLAGS = (
    RedFlag(
        "RF_CES",
        Urgency.EMERGENCY,
        (
            ("ces_saddle_numbness", "saddle or perianal numbness"),
            ("ces_bladder_bowel", "bladder or bowel disturbance"),
            ("ces_sexual_dysfunction", "sexual dysfunction"),
            ("ces_bilateral_leg_symptoms", "bilateral sciatica or leg weakness"),
        ),
        "Suspected cauda equina syndrome: same-day hospital referral; MRI within hours.",
        ("CES", "CES2"),
    ),
    RedFlag(
        "RF_NEURO",
        Urgency.URGENT,
        (
            ("neuro_progressive_motor_deficit", "progressive or severe motor deficit"),
            ("neuro_multilevel_deficit", "multi-level deficit"),
            ("neuro_widespread_signs", "widespread or worsening neurological signs"),
        ),
        "Urgent spinal or specialist referral.",
        ("NHSL", "GPR"),
    ),
    RedFlag(
        "RF_AVULSION",
        Urgency.URGENT,
        (
            ("avulsion_pop", "sudden pop with forced hip flexion and knee extension"),
            ("avulsion_cannot_walk_normally", "cannot walk normally"),
            ("avulsion_large_bruise", "large bruise"),
            ("avulsion_palpable_gap", "palpable gap"),
            ("avulsion_marked_knee_flexion_weakness", "marked knee-flexion weakness"),
        ),
        "Suspected proximal hamstring avulsion: urgent orthopaedic referral and MRI "
        "(repair within 6 weeks returns players 9–13 weeks sooner).",
        ("AVU", "AVU2", "SUB"),
    ),
    RedFlag(
        "RF_ADOLESCENT_ISCHIUM",
        Urgency.URGENT,
        (("adolescent_acute_ischial_injury", "adolescent with acute ischial injury"),),
        "Pelvic radiograph to exclude an apophyseal avulsion; a displaced fragment may need "
        "surgery.",
        ("ADO", "APO"),
    ),
    RedFlag(
        "RF_CANCER",
        Urgency.URGENT,
        (
            ("cancer_history", "history of cancer"),
            ("cancer_weight_loss", "unexplained weight loss"),
            ("cancer_no_improvement", "no improvement after 4–6 weeks"),
            ("cancer_night_pain", "unrelenting night or rest pain"),
        ),
        "Medical referral before exercise therapy continues.",
        ("RF",),
    ),
    RedFlag(
        "RF_INFECTION",
        Urgency.URGENT,
        (
            ("infection_fever", "fever over 38 °C for more than 48 h"),
            ("infection_iv_drug_use", "intravenous drug use"),
            ("infection_immunosuppression", "immunosuppression"),
            ("infection_recent", "recent urinary or other infection"),
            ("infection_tuberculosis", "tuberculosis"),
        ),
        "Urgent medical referral.",
        ("RF", "NHSL"),
    ),
    RedFlag(
        "RF_FRACTURE",
        Urgency.URGENT,
        (
            ("fracture_osteoporosis", "osteoporosis"),
            ("fracture_steroids", "prolonged steroid use"),
            ("fracture_trauma", "significant trauma"),
        ),
        "Medical referral and imaging to exclude a fracture.",
        ("RF",),
    ),
    RedFlag(
        "RF_DVT",
        Urgency.EMERGENCY,
        (
            ("dvt_unilateral_swelling", "unilateral swelling over 3 cm"),
            ("dvt_pitting_oedema", "pitting oedema"),
            ("dvt_vein_tenderness", "tenderness along the veins"),
            ("dvt_dilated_veins", "dilated superficial veins"),
        ),
        "Same-day medical assessment (duplex ultrasound); no manual therapy to the leg.",
        ("DVT",),
    ),
)
QUESTIONS = tuple(f.name for f in fields(RedFlagScreenFindings))
_ANSWERS = attrgetter(*QUESTIONS)


def red_flag_referrals(snapshot: FindingsSnapshot) -> tuple[Referral, ...]:
    """Every red flag with a yes answer, plus the non-blocking notes for supporting factors.

    Age ≥ 50 and DVT risk factors support a red flag; alone they are not signs, so they
    give a routine, non-blocking note instead of stopping the plan.
    """
    screen = snapshot.red_flags
    old = snapshot.age is not None and snapshot.age >= CANCER_AGE_FROM
    if True not in _ANSWERS(screen) and not old:
        return ()
    referrals = []
    for flag in RED_FLAGS:
        criteria = [label for name, label in flag.questions if getattr(screen, name)]
        support = _supporting(flag.code, old, screen)
        if criteria:
            referrals.append(
                Referral(
                    flag.code,
                    R0.id,
                    flag.urgency,
                    True,
                    tuple(criteria + support),
                    flag.action,
                    flag.source_keys,
                )
            )
        elif support:
            referrals.append(
                Referral(
                    flag.code,
                    R0.id,
                    Urgency.ROUTINE,
                    False,
                    tuple(support),
                    "Not a red flag on its own: keep it in mind and re-check the "
                    f"{flag.code} questions at each visit.",
                    flag.source_keys,
                )
            )
    return tuple(referrals)


def _supporting(code: str, old: bool, screen: RedFlagScreenFindings) -> list[str]:
    if code == "RF_CANCER" and old:
        return [f"age {CANCER_AGE_FROM} or over"]
    if code == "RF_DVT" and screen.dvt_risk_factors:
        return ["DVT risk factors"]
    return []


def triage_referral(snapshot: FindingsSnapshot) -> Referral | None:
    """The article's 'when to seek help' list, as the history recorded it; never a block."""
    history = snapshot.history
    criteria = []
    weeks = history.weeks_since_onset
    if weeks is not None and weeks > TRIAGE_WEEKS_ABOVE:
        criteria.append(f"pain for {weeks:g} weeks (more than two)")
    strains = history.previous_hamstring_strains or 0
    if strains >= 2:
        criteria.append(f"{strains} earlier hamstring strains (recurrent pulls)")
    if history.sit_bone_pain and history.pain_sitting:
        criteria.append("pain at the sit bone and pain when sitting")
    related = [
        label
        for value, label in ((history.low_back_pain, "low back"), (history.sij_pain, "SI joint"))
        if value
    ]
    if related:
        criteria.append(f"{' and '.join(related)} pain")
    if not criteria:
        return None
    return Referral(
        "TRIAGE",
        TRIAGE.id,
        Urgency.ROUTINE,
        False,
        tuple(criteria),
        TRIAGE_NOTE,
        TRIAGE.source_keys,
    )


def screen_warnings(snapshot: FindingsSnapshot) -> tuple[str, ...]:
    missing = _ANSWERS(snapshot.red_flags).count(None)
    if not missing:
        return ()
    return (SCREEN_INCOMPLETE.format(missing=missing, total=len(QUESTIONS)),)


@rule(R0)
def r0_red_flags(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    referrals = red_flag_referrals(snapshot)
    triage = triage_referral(snapshot)
    if triage is not None:
        referrals += (triage,)
    return Fired(R0, referrals=referrals) if referrals else None
