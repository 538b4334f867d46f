import logging

from django.contrib import messages
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from evaluations.forms import EvaluationHeaderForm
from evaluations.models import (
    SECTION_BY_SLUG,
    SIGNED_NOTE_IS_READ_ONLY,
    SignedNoteError,
    section_attr,
)
from evaluations.selectors import get_evaluation_for, get_note_for
from evaluations.services.audit import VIEWED, record_event
from evaluations.services.derived_summary import derived_view
from evaluations.services.section_saving import CONFLICT, conflict_rows, save_valid_findings

from .pages import make_section_form, render_evaluation_page
from .signed_note import signed_note_body

logger = logging.getLogger(__name__)

# The header that tells the page's autosave what became of a save: saved, invalid (the valid
# fields are saved), conflict (changed elsewhere) or refused (the note is signed).
AUTOSAVE_OUTCOME = "Autosave-Outcome"
NOT_SAVED = (
    "The server could not save this just now. Nothing you typed is lost: it is still on "
    "this page. Try saving again in a moment."
)


@require_GET
def evaluation_detail(request, public_id):
    # Scoped to the user's clinic (another clinic's note is a 404) and audited before any of
    # it is drawn or served from the cache.
    note = get_note_for(request.user, public_id)
    record_event(evaluation=note, actor=request.user, event=VIEWED)
    active = request.GET.get("section")
    if note.is_signed:
        body = signed_note_body(request, note, active)
        return render_evaluation_page(request, note, active=active, note_body=body)
    evaluation = get_evaluation_for(request.user, public_id)
    return render_evaluation_page(request, evaluation, active=active)


@require_GET
def section_form_partial(request, public_id, slug):
    """One section's form, loaded when the clinician opens its tab."""
    evaluation = get_evaluation_for(request.user, public_id)
    section = SECTION_BY_SLUG.get(slug)
    if section is None:
        raise Http404("No such section")
    row = getattr(evaluation, section_attr(section))
    context = {
        "evaluation": evaluation,
        "section": section,
        "form": make_section_form(section, row, read_only=not evaluation.is_draft),
        "derived": derived_view(evaluation),
        "read_only": not evaluation.is_draft,
    }
    return render(request, "evaluations/_section_form.html", context)


@require_POST
def evaluation_header(request, public_id):
    evaluation = get_evaluation_for(request.user, public_id)
    if not evaluation.is_draft:
        return _refuse_signed(request, evaluation, autosave=False)
    form = EvaluationHeaderForm(request.POST, instance=evaluation, auto_id="id_header_%s")
    if not form.is_valid():
        return render_evaluation_page(request, evaluation, header_form=form)
    try:
        form.save()
    except SignedNoteError:
        # Signed in another tab between the check above and this save.
        return _refuse_signed(request, evaluation, autosave=False)
    messages.success(request, "Visit details saved.")
    return redirect(evaluation)


@require_POST
def section_save(request, public_id, slug):
    evaluation = get_evaluation_for(request.user, public_id)
    section = SECTION_BY_SLUG.get(slug)
    if section is None:
        raise Http404("No such section")
    autosave = request.headers.get("HX-Request") == "true"
    if not evaluation.is_draft:
        return _refuse_signed(request, evaluation, autosave, section)
    row = getattr(evaluation, section_attr(section))
    form = make_section_form(section, row, request.POST)
    try:
        result = save_valid_findings(form, version=request.POST.get("version"))
    except SignedNoteError:
        return _refuse_signed(request, evaluation, autosave, section)
    except DatabaseError:
        logger.exception("section not saved evaluation=%s section=%s", evaluation.public_id, slug)
        return _not_saved(request, evaluation, autosave, section, form)
    logger.info(
        "section saved evaluation=%s section=%s fields=%d conflict=%s",
        evaluation.public_id,
        slug,
        len(result.saved),
        result.conflict is not None,
    )
    conflict = _conflict(form, result)
    if autosave:
        context = {
            "evaluation": evaluation,
            "section": section,
            "form": form,
            "row": row,
            "recorded": row.recorded_count(),
            "derived": derived_view(evaluation),
            "invalid": result.invalid,
            "conflict": conflict,
        }
        response = render(request, "evaluations/_autosave_response.html", context)
        outcome = "conflict" if conflict else "invalid" if result.invalid else "saved"
        response[AUTOSAVE_OUTCOME] = outcome
        return response
    if result.invalid or conflict:
        return render_evaluation_page(
            request, evaluation, bound=form, active=slug, conflict=conflict
        )
    messages.success(request, f"{section.title} saved.")
    return redirect(f"{evaluation.get_absolute_url()}?section={slug}")


def _conflict(form, result):
    if result.conflict is None:
        return None
    return {
        "message": CONFLICT,
        "rows": conflict_rows(form, result.conflict),
        "version": result.conflict.version,
    }


def _not_saved(request, evaluation, autosave, section, form):
    """The database refused the write (full disk, restart): keep what was typed, say so."""
    if autosave:
        context = {"message": NOT_SAVED, "section": section}
        # A 503 tells the page to keep what was typed and try again (evaluation.js).
        return render(request, "evaluations/_autosave_refused.html", context, status=503)
    messages.error(request, NOT_SAVED)
    response = render_evaluation_page(request, evaluation, bound=form, active=section.slug)
    response.status_code = 503
    return response


def _refuse_signed(request, evaluation, autosave, section=None):
    if autosave:
        context = {"message": SIGNED_NOTE_IS_READ_ONLY, "section": section}
        response = render(request, "evaluations/_autosave_refused.html", context)
        response[AUTOSAVE_OUTCOME] = "refused"
        return response
    messages.error(request, SIGNED_NOTE_IS_READ_ONLY)
    return redirect(evaluation)
