"""Saving a section: every valid finding is kept even while another field is being corrected."""

from evaluations.forms import OutcomesForm


def save_valid_findings(form):
    """Save the fields that passed validation; return (saved names, names with errors)."""
    form.is_valid()
    row = form.instance
    if isinstance(form, OutcomesForm):
        saved = form.apply_valid_answers()
    else:
        saved = [name for name in form.fields if name in form.cleaned_data]
    invalid = [name for name in form.errors if name in form.fields]
    if saved:
        row.save(update_fields=[*saved, "updated_at"])
    if invalid and not isinstance(form, OutcomesForm):
        # The form wrote the rejected values onto the instance; show what is really stored.
        row.refresh_from_db(fields=invalid)
    return saved, invalid
