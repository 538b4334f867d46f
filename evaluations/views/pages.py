"""Building the evaluation page: the header, one form per section and the derived findings."""

from django.shortcuts import render

from evaluations.findings.derived_view import derived_view
from evaluations.forms import EvaluationHeaderForm, OutcomesForm, section_form
from evaluations.models import SECTIONS, Outcomes, section_attr
from evaluations.services.documents import documents_panel

SECTION_SLUGS = {section.slug for section in SECTIONS}
# Shown by the page's autosave (evaluation.js) while the server cannot be reached.
AUTOSAVE_RETRYING = "Not saved — retrying"


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


def section_entries(evaluation, active, bound=None, conflict=None):
    """Every section with its badge; only the open one gets its form now.

    Rendering all eleven forms (some 240 inputs) is most of a page's cost, so the other
    sections load their form when the clinician opens them (section_form_partial).
    """
    entries = []
    for section in SECTIONS:
        row = getattr(evaluation, section_attr(section))
        is_bound = bound is not None and bound.instance is row
        form = bound if is_bound else None
        if form is None and section.slug == active:
            form = make_section_form(section, row, read_only=not evaluation.is_draft)
        entries.append(
            {
                "section": section,
                "row": row,
                "form": form,
                "recorded": row.recorded_count(),
                "conflict": conflict if is_bound else None,
            }
        )
    return entries


def render_evaluation_page(
    request, evaluation, *, bound=None, header_form=None, active=None, conflict=None, extra=None
):
    active = active if active in SECTION_SLUGS else SECTIONS[0].slug
    context = {
        "evaluation": evaluation,
        "patient": evaluation.patient,
        "read_only": not evaluation.is_draft,
        "header_form": header_form
        or EvaluationHeaderForm(instance=evaluation, auto_id="id_header_%s"),
        "entries": section_entries(evaluation, active, bound, conflict),
        "derived": derived_view(evaluation),
        "active": active,
        "autosave_retrying": AUTOSAVE_RETRYING,
        "addenda": list(evaluation.addenda.select_related("author")),
        "documents_panel": documents_panel(evaluation, request.user),
        **(extra or {}),
    }
    return render(request, "evaluations/evaluation_detail.html", context)
