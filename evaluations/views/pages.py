"""Building the evaluation page: the header, one form per section and the derived findings."""

from django.shortcuts import render

from evaluations.forms import EvaluationHeaderForm, OutcomesForm, section_form
from evaluations.models import SECTIONS, Outcomes, section_attr
from evaluations.services.derived_summary import derived_view
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


def note_body_context(evaluation, active, bound=None, conflict=None):
    """What evaluations/_note_body.html draws: the tabs, the open section and derived findings."""
    return {
        "evaluation": evaluation,
        "read_only": not evaluation.is_draft,
        "entries": section_entries(evaluation, active, bound, conflict),
        "derived": derived_view(evaluation),
        "active": active,
        "autosave_retrying": AUTOSAVE_RETRYING,
    }


def open_section(active):
    return active if active in SECTION_SLUGS else SECTIONS[0].slug


def render_evaluation_page(
    request,
    evaluation,
    *,
    bound=None,
    header_form=None,
    active=None,
    conflict=None,
    extra=None,
    note_body=None,
):
    """The evaluation page; note_body, when given, is its findings part already drawn (a
    signed note's, from the cache), and the evaluation need not carry its sections."""
    active = open_section(active)
    context = {
        "evaluation": evaluation,
        "patient": evaluation.patient,
        "read_only": not evaluation.is_draft,
        "header_form": header_form
        or EvaluationHeaderForm(instance=evaluation, auto_id="id_header_%s"),
        "active": active,
        "autosave_retrying": AUTOSAVE_RETRYING,
        "addenda": list(evaluation.addenda.select_related("author")),
        "documents_panel": documents_panel(evaluation, request.user),
        **(extra or {}),
    }
    if note_body is None:
        context |= note_body_context(evaluation, active, bound, conflict)
    else:
        context["note_body"] = note_body
    return render(request, "evaluations/evaluation_detail.html", context)
