"""The note's two PDFs, opened inline in the browser; every print is in the audit trail.

A draft is rendered fresh, with its DRAFT mark. A signed note's PDFs are the stored ones,
byte for byte as issued; one whose stored file is missing or altered is never re-rendered
for a reprint: a clinic admin re-issues it.
"""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from evaluations.models import SignedDocument
from evaluations.reports.documents import PDF, filename, render_handout, render_report
from evaluations.selectors import evaluations_for, get_evaluation_for
from evaluations.services.audit import PRINTED, record_event
from evaluations.services.documents import (
    LOST_FOR_ADMINS,
    LOST_VERSION,
    MUST_BE_REISSUED,
    REISSUE_FOR_ADMINS,
    DocumentRefused,
    record_lost_document,
    reissue_document,
    stored_bytes,
)

logger = logging.getLogger(__name__)

# Most failures are a fault in the program that a retry repeats: say so, and give a reference.
RENDER_FAILED = (
    "The PDF could not be made because of a fault in wholebody, not because of anything you "
    "did. Nothing in the note was lost, but trying again will not help until the fault is "
    "fixed: tell your clinic admin and give them the reference below."
)
REISSUED = "A new version of the {kind} is issued."
RECORDED_LOST = "The {kind}, version {version}, is recorded as lost, in the note's history."


def _stored_document(request, evaluation, kind):
    """The stored version asked for (?version=N, else the latest), or None for a note with none."""
    documents = evaluation.documents.filter(kind=kind)
    version = request.GET.get("version", "")
    if version:
        if not version.isdigit():
            raise Http404
        return get_object_or_404(documents, version=int(version))
    return documents.order_by("version").last()


def _pdf_response(request, public_id, kind, render_document):
    # Only the scoped lookup here: the document's context builder loads everything itself.
    evaluation = get_object_or_404(evaluations_for(request.user), public_id=public_id)
    stored = _stored_document(request, evaluation, kind) if evaluation.is_signed else None
    if stored is not None:
        data = stored_bytes(stored)
        if data is None:
            logger.warning("stored pdf unusable evaluation=%s kind=%s", evaluation.public_id, kind)
            message = _unusable_message(stored)
            context = {"evaluation": evaluation, "message": message, "kind": kind}
            return render(request, "reports/reissue_needed.html", context, status=409)
        name = filename(evaluation, f"{kind}-v{stored.version}")
    else:
        # A draft, or a note signed before documents were stored: rendered now.
        try:
            name, _, data = render_document(evaluation)
        # Any failure, WeasyPrint's or ours, gets the message page; the log keeps the traceback.
        except Exception:
            logger.exception("pdf render failed evaluation=%s kind=%s", evaluation.public_id, kind)
            context = {"evaluation": evaluation, "message": RENDER_FAILED, "kind": kind}
            return render(request, "reports/render_failed.html", context, status=503)
    record_event(evaluation=evaluation, actor=request.user, event=PRINTED, detail=kind)
    response = HttpResponse(data, content_type=PDF)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    # Health data: never kept in a shared or browser cache.
    response["Cache-Control"] = "private, no-store"
    return response


def _unusable_message(stored):
    kind = stored.get_kind_display().lower()
    lost = getattr(stored, "lost_record", None)
    if lost is None:
        return MUST_BE_REISSUED.format(kind=kind)
    return LOST_VERSION.format(kind=kind, date=f"{lost.recorded_at:%Y-%m-%d}")


@require_GET
def report_pdf(request, public_id):
    return _pdf_response(request, public_id, SignedDocument.Kind.REPORT, render_report)


@require_GET
def handout_pdf(request, public_id):
    return _pdf_response(request, public_id, SignedDocument.Kind.HANDOUT, render_handout)


@require_POST
def reissue(request, public_id, kind):
    evaluation = get_evaluation_for(request.user, public_id)
    if kind not in SignedDocument.Kind.values:
        raise Http404
    if not request.user.is_clinic_admin:
        raise PermissionDenied(REISSUE_FOR_ADMINS)
    try:
        document = reissue_document(evaluation=evaluation, kind=kind, by=request.user)
    except DocumentRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, REISSUED.format(kind=document.get_kind_display().lower()))
    return redirect(evaluation.get_absolute_url() + "#documents")


@require_POST
def record_lost(request, public_id, kind, version):
    evaluation = get_evaluation_for(request.user, public_id)
    document = get_object_or_404(evaluation.documents, kind=kind, version=version)
    if not request.user.is_clinic_admin:
        raise PermissionDenied(LOST_FOR_ADMINS)
    try:
        record_lost_document(evaluation=evaluation, document=document, by=request.user)
    except DocumentRefused as refused:
        messages.error(request, str(refused))
    else:
        kind_name = document.get_kind_display().lower()
        messages.success(request, RECORDED_LOST.format(kind=kind_name, version=version))
    return redirect(evaluation.get_absolute_url() + "#documents")
