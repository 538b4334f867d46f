"""The audit trail of a note: django-auditlog records every change of its rows; views add
the events a diff cannot see (viewed, printed, signed), as access entries with an event name.
"""

from auditlog.models import LogEntry
from auditlog.registry import auditlog

VIEWED, PRINTED, SIGNED, ADDENDUM = "viewed", "printed", "signed", "addendum added"


def register_audited_models():
    from evaluations.models import SECTIONS, Addendum, Evaluation, PlanItem, ReferralAcknowledgement

    for model in (Evaluation, PlanItem, ReferralAcknowledgement, Addendum, *SECTIONS):
        if not auditlog.contains(model):
            auditlog.register(model)


def record_event(*, evaluation, actor, event, detail=""):
    """An explicit event on the evaluation: who, what and when, with ids only."""
    return LogEntry.objects.log_create(
        evaluation,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=actor,
        additional_data={"evaluation": evaluation.pk, "event": event, "detail": detail},
    )


def history_of(evaluation):
    """Every audit entry about the evaluation or a row of it, oldest first."""
    return (
        LogEntry.objects.filter(additional_data__evaluation=evaluation.pk)
        .select_related("actor", "content_type")
        .order_by("timestamp", "id")
    )
