"""Building the evaluation page: the header, one form per section and the derived findings."""

from django.shortcuts import render

from evaluations.findings.derived_view import derived_view
from evaluations.forms import EvaluationHeaderForm, OutcomesForm, section_form
from evaluations.models import SECTIONS, Outcomes, section_attr


def make_section_form(section, row, data=None, *, read_only=False):
    auto_id = f"id_{section.slug}_%s"
    if section is Outcomes:
        form = OutcomesForm(data, instance=row, auto_id=auto_id)
    else:
        form = section_form(section)(data, instance=row, auto_id=auto_id)
    if read_only:
        for field in form.fields.values():
            field.disabled = True
    return form


def section_entries(evaluation, bound=None, conflict=None):
    """(section, row, form) for every section; `bound` replaces one section's form."""
    entries = []
    for section in SECTIONS:
        row = getattr(evaluation, section_attr(section))
        is_bound = bound is not None and bound.instance is row
        entries.append(
            {
                "section": section,
                "row": row,
                "form": bound
                if is_bound
                else make_section_form(section, row, read_only=not evaluation.is_draft),
                "recorded": row.recorded_count(),
                "conflict": conflict if is_bound else None,
            }
        )
    return entries


def render_evaluation_page(
    request, evaluation, *, bound=None, header_form=None, active=None, conflict=None, extra=None
):
    context = {
        "evaluation": evaluation,
        "patient": evaluation.patient,
        "read_only": not evaluation.is_draft,
        "header_form": header_form
        or EvaluationHeaderForm(instance=evaluation, auto_id="id_header_%s"),
        "entries": section_entries(evaluation, bound, conflict),
        "derived": derived_view(evaluation),
        "active": active if active in {s.slug for s in SECTIONS} else SECTIONS[0].slug,
        "addenda": list(evaluation.addenda.select_related("author")),
        **(extra or {}),
    }
    return render(request, "evaluations/evaluation_detail.html", context)
