"""Moving and reordering the prescription's items, and the over-limit reason.

Plain forms that redirect back to the item; with htmx the page answers in place and says
what happened in its status line. A refused move is shown next to the item's move control,
with what was chosen and typed kept.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from evaluations.forms.plan_parts import HomeProgrammeReasonForm, MoveItemForm, ReorderItemForm
from evaluations.forms.review import first_error
from evaluations.models import SignedNoteError
from evaluations.selectors import get_evaluation_for
from evaluations.services import plan_parts
from evaluations.services.plan_review import PlanReviewError

from .plan import _item, _plan_url
from .plan_page import plan_context


def _is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def _answer(request, evaluation, anchor, *, done="", refused=None):
    """After a step: redirect (plain form) or the page itself (htmx, or a refusal to show
    next to its field)."""
    if refused is None and not _is_htmx(request):
        messages.success(request, done)
        return redirect(_plan_url(evaluation, anchor))
    context = plan_context(request, evaluation) | {"plan_status": done, "refused": refused}
    status = 400 if refused and not _is_htmx(request) else 200
    return render(request, "evaluations/plan.html", context, status=status)


def _refused(request, evaluation, error):
    """A refusal with no field to stand next to: the page's message area."""
    messages.error(request, str(error))
    return redirect(_plan_url(evaluation))


@require_POST
def plan_item_move(request, public_id, item_id):
    evaluation = get_evaluation_for(request.user, public_id)
    item = _item(evaluation, item_id)
    form = MoveItemForm(request.POST)
    typed = {"item": item.pk, "part": request.POST.get("part", ""), "reason": ""}
    typed["reason"] = request.POST.get("reason", "").replace("\x00", "")[:300]
    try:
        if not form.is_valid():
            raise PlanReviewError(first_error(form))
        done = plan_parts.move_item(item=item, **form.cleaned_data)
    except SignedNoteError as error:
        return _refused(request, evaluation, error)
    except PlanReviewError as error:
        if item.removed:  # listed under "Taken off", without a move control
            return _refused(request, evaluation, error)
        return _answer(request, evaluation, "", refused=typed | {"message": str(error)})
    return _answer(request, evaluation, f"#item-{item.pk}", done=done)


@require_POST
def plan_item_reorder(request, public_id, item_id):
    evaluation = get_evaluation_for(request.user, public_id)
    item = _item(evaluation, item_id)
    form = ReorderItemForm(request.POST)
    try:
        if not form.is_valid():
            raise PlanReviewError(first_error(form))
        done = plan_parts.reorder_item(item=item, **form.cleaned_data)
    except SignedNoteError as error:
        return _refused(request, evaluation, error)
    except PlanReviewError as error:
        if item.removed:
            return _refused(request, evaluation, error)
        # Already first or last: nothing to correct, only to say.
        done = str(error)
    return _answer(request, evaluation, f"#item-{item.pk}", done=done)


@require_POST
def plan_home_reason(request, public_id):
    evaluation = get_evaluation_for(request.user, public_id)
    form = HomeProgrammeReasonForm(request.POST)
    if not form.is_valid():
        refused = {"home_reason": True, "message": first_error(form), "reason": ""}
        return _answer(request, evaluation, "", refused=refused)
    try:
        done = plan_parts.set_home_programme_reason(evaluation=evaluation, **form.cleaned_data)
    except SignedNoteError as error:
        return _refused(request, evaluation, error)
    return _answer(request, evaluation, "#part-home", done=done)
