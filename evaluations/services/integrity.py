"""The note's canonical content and its SHA-256, stored at signing and checked later."""

import hashlib
import json

from evaluations.models import SECTIONS, section_attr


def note_content(evaluation):
    """Everything the signed note says, in a stable order: visit, findings and plan."""
    findings = {}
    for section in SECTIONS:
        row = getattr(evaluation, section_attr(section))
        findings[section.slug] = {
            field.name: field.value_to_string(row) for field in section.finding_fields()
        }
    items = [
        {
            "code": item.code,
            "kind": item.kind,
            "pillar": item.pillar,
            "name": item.name,
            "plain_name": item.plain_name,
            "instructions": item.instructions,
            "dosing": item.dosing,
            "note": item.clinician_note,
            "removed": item.removed,
            "removed_reason": item.removed_reason,
            "reasons": item.reasons,
        }
        for item in sorted(evaluation.plan_items.all(), key=lambda i: (i.pillar, i.position, i.pk))
    ]
    acknowledgements = sorted(
        (ack.code, ack.action_taken) for ack in evaluation.referral_acknowledgements.all()
    )
    return {
        "evaluation": str(evaluation.public_id),
        "patient": str(evaluation.patient.public_id),
        "clinician": evaluation.clinician_id,
        "visit_date": evaluation.visit_date.isoformat(),
        "visit_type": evaluation.visit_type,
        "symptomatic_side": evaluation.symptomatic_side,
        "findings": findings,
        "plan": evaluation.plan_data,
        "plan_items": items,
        "referral_actions": acknowledgements,
        "signed_by": evaluation.signed_by_id,
        "signed_at": evaluation.signed_at.isoformat() if evaluation.signed_at else None,
    }


def note_hash(evaluation):
    canonical = json.dumps(
        note_content(evaluation), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
