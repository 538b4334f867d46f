"""Saving a section: every valid finding is kept even while another field is being corrected,
and a save that started from an older version than the stored one is refused, not merged.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction

from evaluations.forms import OutcomesForm
from evaluations.models import lock_draft_note

CONFLICT = (
    "This section was saved elsewhere (another tab or a colleague) after you opened it. "
    "Nothing was overwritten: compare the two versions below."
)


@dataclass
class SaveResult:
    saved: list = field(default_factory=list)
    invalid: list = field(default_factory=list)
    conflict: object = None  # the stored row, when the save was refused as stale


def _submitted_version(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def save_valid_findings(form, *, version=None):
    """Save the fields that passed validation, unless the row changed since `version`."""
    form.is_valid()
    row = form.instance
    invalid = [name for name in form.errors if name in form.fields]
    with transaction.atomic():
        # The evaluation's row lock is the one signing takes: a save and a signature never
        # interleave, so a note is never half-signed or changed after its hash was taken.
        lock_draft_note(row.evaluation_id)
        stored = type(row).objects.select_for_update().get(pk=row.pk)
        submitted = _submitted_version(version)
        if submitted is not None and submitted != stored.version:
            _show_stored(row, stored)
            return SaveResult(invalid=invalid, conflict=stored)
        if isinstance(form, OutcomesForm):
            saved = form.apply_valid_answers()
        else:
            saved = [name for name in form.fields if name in form.cleaned_data]
        row.version = stored.version + 1
        row.save(update_fields=[*saved, "version", "updated_at"])
    if invalid and not isinstance(form, OutcomesForm):
        # The form wrote the rejected values onto the instance; show what is really stored.
        row.refresh_from_db(fields=invalid)
    return SaveResult(saved=saved, invalid=invalid)


def _show_stored(row, stored):
    """Nothing of a refused save stays on the instance: the page shows what is stored.

    Validation wrote the submitted values onto the instance, rejected ones included (a
    400-digit number), and the derived findings are computed from it.
    """
    for model_field in type(row)._meta.concrete_fields:
        setattr(row, model_field.attname, getattr(stored, model_field.attname))


def conflict_rows(form, stored):
    """(label, stored value, your value) for each field where the two versions differ."""
    if isinstance(form, OutcomesForm):
        return []
    rows = []
    for name, bound in form.fields.items():
        yours = str(form.data.get(name, "")).strip()
        theirs = getattr(stored, name)
        theirs = "" if theirs is None else str(theirs)
        if yours != theirs and not _same_number(yours, theirs):
            choices = dict(stored._meta.get_field(name).flatchoices)
            rows.append(
                (bound.label, choices.get(theirs, theirs) or "—", choices.get(yours, yours) or "—")
            )
    return rows


def _same_number(a, b):
    # Decimal, not float: a 400-digit number compares instead of overflowing.
    try:
        return Decimal(a) == Decimal(b)
    except (TypeError, ValueError, InvalidOperation):
        return False
