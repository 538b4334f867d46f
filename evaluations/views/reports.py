"""The note's two PDFs, opened inline in the browser; every print is in the audit trail."""

import logging

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from evaluations.reports.documents import render_handout, render_report
from evaluations.selectors import evaluations_for
from evaluations.services.audit import PRINTED, record_event

logger = logging.getLogger(__name__)

# Most failures are a fault in the program that a retry repeats: say so, and give a reference.
RENDER_FAILED = (
    "The PDF could not be made because of a fault in wholebody, not because of anything you "
    "did. Nothing in the note was lost, but trying again will not help until the fault is "
    "fixed: tell your clinic admin and give them the reference below."
)


def _pdf_response(request, public_id, kind, render_document):
    # Only the scoped lookup here: the document's context builder loads everything itself.
    evaluation = get_object_or_404(evaluations_for(request.user), public_id=public_id)
    try:
        filename, content_type, data = render_document(evaluation)
    # Any failure, WeasyPrint's or ours, gets the message page; the log keeps the traceback.
    except Exception:
        logger.exception("pdf render failed evaluation=%s kind=%s", evaluation.public_id, kind)
        context = {"evaluation": evaluation, "message": RENDER_FAILED, "kind": kind}
        return render(request, "reports/render_failed.html", context, status=503)
    record_event(evaluation=evaluation, actor=request.user, event=PRINTED, detail=kind)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # Health data: never kept in a shared or browser cache.
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def report_pdf(request, public_id):
    return _pdf_response(request, public_id, "report", render_report)


@require_GET
def handout_pdf(request, public_id):
    return _pdf_response(request, public_id, "handout", render_handout)
