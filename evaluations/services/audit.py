"""The audit trail of notes and patients: django-auditlog records every change of their rows;
views and services add the events a diff cannot see (viewed, printed, signed, merged …), as
access entries with an event name.
"""

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Q

VIEWED, PRINTED, SIGNED, ADDENDUM = "viewed", "printed", "signed", "addendum added"
DISCARDED = "discarded"
DOCUMENT_REISSUED = "document re-issued"
DOCUMENT_LOST = "document recorded as lost"
MARKED_INACTIVE, MARKED_ACTIVE = "marked inactive", "marked active"
MERGED_INTO, MERGED_FROM = "merged into another record", "a duplicate merged into it"

# What the history pages filter on: a row change by its action, an explicit event by its name.
EVENT_FILTERS = {
    "created": ("Created", Q(action=LogEntry.Action.CREATE)),
    "changed": ("Changed", Q(action=LogEntry.Action.UPDATE)),
    "deleted": ("Deleted", Q(action=LogEntry.Action.DELETE)),
    **{
        event.replace(" ", "-"): (event.capitalize(), Q(additional_data__event=event))
        for event in (
            VIEWED,
            PRINTED,
            SIGNED,
            ADDENDUM,
            DISCARDED,
            DOCUMENT_REISSUED,
            DOCUMENT_LOST,
            MARKED_INACTIVE,
            MARKED_ACTIVE,
            MERGED_INTO,
            MERGED_FROM,
        )
    },
}

EVENT_LABELS = {key: label for key, (label, _) in EVENT_FILTERS.items()}
# Fields that say nothing to a reader of the history (the entry has its own time and author).
BOOKKEEPING_FIELDS = {"id", "public_id", "version", "evaluation", "created_at", "updated_at"}
# A busy note gathers hundreds of entries in a session; pages keep the history readable.
HISTORY_PAGE_SIZE = 50


def register_audited_models():
    from evaluations.models import (
        SECTIONS,
        Addendum,
        Evaluation,
        PlanItem,
        RedFlagConfirmation,
        ReferralAcknowledgement,
    )
    from patients.models import Patient

    notes = (Evaluation, PlanItem, ReferralAcknowledgement, RedFlagConfirmation, Addendum)
    for model in (*notes, *SECTIONS):
        if not auditlog.contains(model):
            auditlog.register(model)
    if not auditlog.contains(Patient):
        # The timestamps change on every save and say nothing the entry's own time does not.
        auditlog.register(Patient, exclude_fields=["created_at", "updated_at"])


def record_event(*, evaluation, actor, event, detail=""):
    """An explicit event on the evaluation: who, what and when, with ids only."""
    return _log_access(evaluation, "evaluation", actor=actor, event=event, detail=detail)


def record_patient_event(*, patient, actor, event, detail=""):
    """An explicit event on the patient's record (viewed, marked inactive, merged)."""
    return _log_access(patient, "patient", actor=actor, event=event, detail=detail)


def _log_access(subject, key, *, actor, event, detail):
    """The history pages find an event by the subject's id stored under ``key``."""
    return LogEntry.objects.log_create(
        subject,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=actor,
        additional_data={key: subject.pk, "event": event, "detail": detail},
    )


def changes_of(entry):
    """(field label, old, new) for each field the entry changed, as a person reads them.

    Bookkeeping fields and fields that stayed empty are left out, so a new section's
    creation is one line, not forty.
    """
    model = entry.content_type.model_class()
    if not entry.changes or model is None:
        return []
    shown = entry.changes_display_dict
    rows = []
    for name in entry.changes_dict:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if name in BOOKKEEPING_FIELDS or not field.concrete:
            continue
        values = shown.get(field.verbose_name, [])
        old, new = (_shown(value) for value in ([*values, "", ""])[:2])
        if old != new:
            rows.append((field.verbose_name, old, new))
    return rows


def _shown(value):
    if value in ("", "None", None, "[]", "{}"):
        return "—"
    return {"True": "Yes", "False": "No"}.get(value, value)


def history_page(entries, number):
    """One page of a history, each entry with its changes worked out for display."""
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(number)
    page.object_list = list(page.object_list)
    for entry in page.object_list:
        entry.change_rows = changes_of(entry)
    return page


def _entries(subject_filter, event):
    entries = LogEntry.objects.filter(subject_filter)
    if event in EVENT_FILTERS:
        entries = entries.filter(EVENT_FILTERS[event][1])
    return entries.select_related("actor", "content_type").order_by("timestamp", "id")


def history_of(evaluation, event=None):
    """Every audit entry about the evaluation or a row of it, oldest first."""
    return _entries(Q(additional_data__evaluation=evaluation.pk), event)


def history_of_patient(patient, event=None):
    """Every audit entry about the patient's own record, oldest first."""
    return _entries(Q(additional_data__patient=patient.pk), event)
