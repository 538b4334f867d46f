"""A Plan as plain text: what ``manage.py plan --text`` prints and a clinician can read."""

from evaluations.plan.plan_types import (
    DISCLAIMER,
    GATE_STATUS_LABELS,
    PART_TITLES,
    PILLARS,
    Part,
    Plan,
)


def render_plan(plan: Plan) -> str:
    lines = ["TREATMENT PLAN (draft for the physical therapist's review)", ""]
    if plan.blocked:
        lines += ["BLOCKED: no automatic exercise plan.", *(f"  - {r}" for r in plan.block_reasons)]
        lines.append("")
    lines += [f"! {warning}" for warning in plan.warnings]
    for prompt in plan.prompts:
        lines.append(
            f"? {prompt.flag} ({prompt.rule_id}): {'; '.join(prompt.findings)} recorded: ask "
            f"{', '.join(prompt.questions)} again before signing. {prompt.reason}"
        )
    if plan.referrals:
        lines.append("Referrals")
        for referral in plan.referrals:
            block = "blocks the plan" if referral.blocking else "does not block"
            lines.append(
                f"  - {referral.code} [{referral.urgency}, {block}] "
                f"{'; '.join(referral.criteria)}. {referral.action}"
            )
        lines.append("")
    differentiation = plan.differentiation
    if differentiation.provisional:
        lines.append(f"Picture: {differentiation.not_distinguished_text}")
    else:
        lines.append(f"Picture: {differentiation.picture.replace('_', ' ')}")
        lines += [f"  not yet tested: {untested.text}" for untested in differentiation.untested]
    for note in differentiation.caveats:
        lines.append(f"  note: {note}")
    if plan.pathways:
        lines += ["", "Pathways"]
        for pathway in plan.pathways:
            lines.append(f"  - {pathway.name} ({pathway.rule_id}): {'; '.join(pathway.findings)}")
            if pathway.provisional:
                lines.append(f"      provisional: {pathway.provisional}")
    if plan.stages:
        lines += ["", "Stages"]
        for stage in plan.stages:
            lines.append(f"  - {stage.pathway_name}: {stage.reason}")
            if stage.to_decide:
                lines.append(f"      to decide: {stage.to_decide}")
    lines += ["", "Prescription"]
    for part in Part:
        items = plan.part_items(part)
        names = "; ".join(item.name + (f" ({item.side})" if item.side else "") for item in items)
        lines.append(f"  {PART_TITLES[part]}: {names or '—'}")
    if not plan.part_items(Part.HOME) and plan.home_empty_reason:
        lines.append(f"  ({plan.home_empty_reason})")
    for number, name in PILLARS.items():
        items = plan.pillar_items(number)
        if not items:
            continue
        lines += ["", f"Pillar {number}: {name}"]
        for item in items:
            provisional = " (provisional)" if plan.is_provisional(item) else ""
            lines.append(
                f"  * {item.name}{provisional} [{', '.join(item.rule_ids)}; {item.evidence_level}]"
            )
            if item.next_step:
                lines.append(f"      {item.next_step}")
            lines.append(f"      dosing: {item.dosing}")
            lines += [f"      note: {note}" for note in item.notes]
            lines += [f"      why ({reason.rule_id}): {reason.text}" for reason in item.reasons]
            if item.cautions:
                lines.append(f"      caution: {item.cautions}")
            lines.append(f"      sources: {', '.join(item.source_keys)}")
    if plan.precautions:
        lines += ["", "Precautions (these win over any exercise above)"]
        lines += [f"  - {p.text} ({p.rule_id})" for p in plan.precautions]
    if plan.removed:
        lines += ["", "Removed from the plan"]
        for removed in plan.removed:
            by = ", ".join(removed.removed_by) or "library"
            lines.append(
                f"  - {removed.name} (wanted by {', '.join(removed.wanted_by)}; removed by {by}): "
                f"{' '.join(removed.reasons)}"
            )
    if plan.pending:
        lines += ["", "Pending the red-flag screen"]
        for pending in plan.pending:
            lines.append(
                f"  - {pending.name} (wanted by {', '.join(pending.wanted_by)}): "
                f"{' '.join(pending.reasons)}"
            )
    for gate in plan.gates:
        lines += ["", f"Gate {gate.rule_id} — {gate.name}: {GATE_STATUS_LABELS[gate.status]}"]
        for criterion in gate.criteria:
            detail = f" ({criterion.detail})" if criterion.detail else ""
            lines.append(f"  [{GATE_STATUS_LABELS[criterion.status]}] {criterion.text}{detail}")
    if plan.outcome_changes:
        lines += ["", "Outcome change since the last scores"]
        for change in plan.outcome_changes:
            flag = (
                "clinically important" if change.important else "not a clinically important change"
            )
            lines.append(f"  - {change.measure}: {change.previous:g} → {change.current:g} ({flag})")
    lines += ["", DISCLAIMER]
    return "\n".join(lines) + "\n"
