"""The words for the engine's codes on a page: each table is declared once, in plan_types."""

from django import template

from evaluations.plan.plan_types import EVIDENCE_LABELS, GATE_STATUS_LABELS

register = template.Library()


@register.filter
def gate_status_label(status):
    """'not_met' -> 'not met'; an unknown status (a hand-edited plan) reads as itself."""
    return GATE_STATUS_LABELS.get(status, status)


@register.filter
def evidence_label(level):
    """'expert' -> 'Expert opinion'; an unknown level reads as itself."""
    return EVIDENCE_LABELS.get(level, level)
