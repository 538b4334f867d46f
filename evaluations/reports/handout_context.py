"""What the patient's handout prints, loaded before rendering (see document_header)."""

from evaluations.models import PlanItem
from evaluations.plan.plan_types import Part

from . import plain_language as plain
from .document_header import document_header, load_evaluation
from .plain_dosing import patient_dosing
from .renderer import media_asset, static_asset

# Education the handout prints as a section of its own (the pain table, the everyday tips),
# so listing it again by name would only lengthen the patient's pages.
PRINTED_AS_SECTIONS = frozenset({"load_monitoring", "gait_cues", "sitting_breaks"})


def handout_context(evaluation):
    """The home programme only (clinical reference §9): what the patient does now, at home."""
    evaluation = load_evaluation(evaluation)
    items = sorted(
        (item for item in evaluation.plan_items.all() if not item.removed),
        key=lambda item: (item.position, item.pk),
    )
    plan = evaluation.plan_data if evaluation.plan_generated_at else {}
    context = document_header(evaluation, "Your home exercise program")
    home = [item for item in items if item.part == Part.HOME.value]
    context |= {
        "blocked": plan.get("blocked", False),
        "blocked_message": plain.BLOCKED,
        "referral_actions": _plain_referrals(plan),
        "painful_leg": plain.PAINFUL_LEG.get(evaluation.symptomatic_side, ""),
        "no_home_exercises": plain.NO_HOME_EXERCISES,
        "exercises": [_exercise(item) for item in home if item.kind == PlanItem.Kind.EXERCISE],
        "in_clinic": [
            item.plain_name or item.name for item in items if item.part == Part.CLINIC.value
        ],
        "advice": [
            item.plain_name or item.name
            for item in items
            if item.code not in PRINTED_AS_SECTIONS
            and (
                item.part == Part.EDUCATION.value
                or (item.part == Part.HOME.value and item.kind != PlanItem.Kind.EXERCISE)
            )
        ],
        "pain_rules": plain.PAIN_RULES,
        "precautions": _plain_precautions(plan.get("precautions", [])),
        "tips": _tips(evaluation.history, items),
        "worse_with": evaluation.history.aggravating_factors,
        "when_to_get_help": plain.WHEN_TO_GET_HELP,
        "red_flags": plain.RED_FLAGS,
    }
    return context


def _exercise(item):
    return {
        "name": item.plain_name or item.name,
        "picture": _picture(item),
        "side": item.patient_side,
        "steps": item.step_list[:4],
        # The note's own wording, made from its dosing: never the library's numbers.
        "how_much": item.patient_dosing or patient_dosing(item.dosing, side=item.side),
        "feel": item.patient_feel,
        "stop": item.patient_stop,
        "next_step": item.patient_next_step,
        "note": item.clinician_note,
    }


def _picture(item):
    """The picture copied at signing; for a draft, the clinic's upload, else the line drawing."""
    if item.picture_file:
        return media_asset(item.picture_file)
    if item.exercise and item.exercise.image:
        return media_asset(item.exercise.image.name)
    return static_asset(f"img/exercises/{item.code}.svg") if item.code else ""


def _plain_referrals(plan):
    return [
        plain.REFERRAL_ACTIONS.get(referral["urgency"], plain.REFERRAL_ACTIONS["urgent"])
        for referral in plan.get("referrals", [])
        if referral.get("blocking")
    ]


def _plain_precautions(precautions):
    texts = []
    for precaution in precautions:
        text = plain.PLAIN_PRECAUTIONS.get(precaution.get("code"), plain.PRECAUTION_FALLBACK)
        if text not in texts:
            texts.append(text)
    return texts


def _tips(history, items):
    """The article's movement teaching belongs in every home programme (clinical reference §9)."""
    tips = [plain.TIPS["bending"], plain.TIPS["sitting"], plain.TIPS["walking"]]
    if any(item.kind == PlanItem.Kind.EXERCISE for item in items):
        tips.append(plain.TIPS["strength"])
    return tips
