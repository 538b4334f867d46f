"""Everything the Plan page shows, loaded before rendering."""

from evaluations.models import PlanItem
from evaluations.plan.plan_types import EVIDENCE_LABELS, PART_TITLES, PILLARS, WEAK_EVIDENCE_LEVELS
from evaluations.services import plan_parts, plan_review
from evaluations.services.red_flag_prompts import prompt_views
from evaluations.services.signing import (
    red_flag_referrals,
    unacknowledged_referrals,
    unanswered_red_flags,
)

WEAK_EVIDENCE = {level: EVIDENCE_LABELS[level] for level in WEAK_EVIDENCE_LEVELS}


def _parts(items, evaluation):
    """The plan's items by part (home, education, clinic, later), each in priority order."""
    # DX: an item only a provisional picture asks for is provisional too.
    provisional_rules = set(evaluation.plan_data.get("provisional_rules", ()))
    groups = []
    for part, title in PART_TITLES.items():
        entries = [
            {
                "item": item,
                "weak_evidence": WEAK_EVIDENCE.get(item.evidence_level),
                "conflicts": plan_review.precaution_conflicts(evaluation, item),
                "provisional": bool(item.rule_ids) and set(item.rule_ids) <= provisional_rules,
            }
            for item in sorted(items, key=lambda item: (item.position, item.pk))
            if item.part == part and not item.removed
        ]
        groups.append({"part": part.value, "title": title, "entries": entries})
    return groups


def _home(items, evaluation):
    """The home programme's size against the limit, and the reason for going over it."""
    count, limit = plan_parts.home_count(items), plan_parts.home_limit(evaluation)
    return {
        "count": count,
        "limit": limit,
        "over": count > limit,
        "reason": evaluation.home_programme_reason,
    }


def plan_context(request, evaluation):
    generated = evaluation.plan_generated_at is not None
    items = list(
        evaluation.plan_items.select_related("exercise").prefetch_related("exercise__pathways")
    )
    context = {
        "evaluation": evaluation,
        "patient": evaluation.patient,
        "generated": generated,
        "read_only": not evaluation.is_draft,
        "parts": _parts(items, evaluation),
        "removed_items": [item for item in items if item.removed],
        "kinds": [PlanItem.Kind.MANUAL_THERAPY, PlanItem.Kind.EDUCATION],
        "pillar_choices": list(PILLARS.items()),
        "home": _home(items, evaluation),
        "movable_parts": [(part.value, PART_TITLES[part]) for part in plan_parts.MOVABLE_PARTS],
        "weak_evidence": WEAK_EVIDENCE,
        "can_sign": evaluation.is_draft and evaluation.clinician_id == request.user.pk,
        "unanswered_red_flags": unanswered_red_flags(evaluation) if evaluation.is_draft else [],
        "prompts": (prompts := prompt_views(evaluation)),
        "open_prompts": [prompt for prompt in prompts if prompt.open],
    }
    if generated:
        data = evaluation.plan_data
        acknowledgements = {a.code: a for a in evaluation.referral_acknowledgements.all()}
        context |= {
            "plan": data,
            "red_flags": [
                {**referral, "acknowledgement": acknowledgements.get(referral["code"])}
                for referral in red_flag_referrals(evaluation)
            ],
            "routine_referrals": [r for r in data.get("referrals", []) if not r.get("blocking")],
            "unacknowledged": unacknowledged_referrals(evaluation),
        }
        if evaluation.is_draft and plan_review.findings_changed_since_plan(evaluation):
            fresh = plan_review.engine_plan(evaluation)
            context["changes"] = plan_review.plan_changes(fresh, items)
            context["findings_changed"] = True
    else:
        context["preview"] = preview = plan_review.engine_plan(evaluation).to_dict()
        context["preview_parts"] = _preview_parts(preview)
    return context


def _preview_parts(preview):
    """The engine's prescription before it is made: the same parts the made plan shows."""
    items = [item for pillar in preview["pillars"] for item in pillar["items"]]
    return [
        {
            "part": part.value,
            "title": title,
            "items": [item for item in items if item["part"] == part],
        }
        for part, title in PART_TITLES.items()
    ]
