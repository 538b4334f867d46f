"""Discarding a draft started by mistake (say, "New evaluation" pressed twice)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from evaluations.selectors import get_evaluation_for
from evaluations.services.evaluation import DiscardRefused, discard_draft

DISCARDED_MESSAGE = "The draft is discarded. It stays in the audit trail only."


@require_POST
def discard(request, public_id):
    evaluation = get_evaluation_for(request.user, public_id)
    try:
        discard_draft(evaluation=evaluation, by=request.user)
    except DiscardRefused as refused:
        messages.error(request, str(refused))
        return redirect(evaluation)
    messages.success(request, DISCARDED_MESSAGE)
    return redirect(evaluation.patient)
