"""Building the evaluation page: the header, one form per section and the derived findings."""

from django.shortcuts import render

from evaluations.findings.derived_view import derived_view
from evaluations.forms import EvaluationHeaderForm, OutcomesForm, section_form
from evaluations.models import SECTIONS, Outcomes, section_attr


def make_section_form(section, row, data=None):
    auto_id = f"id_{section.slug}_%s"
    if section is Outcomes:
        return OutcomesForm(data, instance=row, auto_id=auto_id)
    return section_form(section)(data, instance=row, auto_id=auto_id)


def section_entries(evaluation, bound=None):
    """(section, row, form) for every section; `bound` replaces one section's form."""
    entries = []
    for section in SECTIONS:
        row = getattr(evaluation, section_attr(section))
        form = bound if bound is not None and bound.instance is row else None
        entries.append(
            {
                "section": section,
                "row": row,
                "form": form or make_section_form(section, row),
                "recorded": row.recorded_count(),
            }
        )
    return entries


def render_evaluation_page(request, evaluation, *, bound=None, header_form=None, active=None):
    context = {
        "evaluation": evaluation,
        "patient": evaluation.patient,
        "header_form": header_form
        or EvaluationHeaderForm(instance=evaluation, auto_id="id_header_%s"),
        "entries": section_entries(evaluation, bound),
        "derived": derived_view(evaluation),
        "active": active or SECTIONS[0].slug,
    }
    return render(request, "evaluations/evaluation_detail.html", context)
