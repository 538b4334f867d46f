"""Writes that span models: starting an evaluation with all its sections, discarding a draft."""

import logging

from django.db import transaction
from django.utils import timezone

from evaluations.models import SECTIONS, Evaluation

from .audit import DISCARDED, record_event

logger = logging.getLogger(__name__)


@transaction.atomic
def start_evaluation(*, patient, clinician, visit_date=None):
    """A new draft with every section empty; a later visit defaults to a follow-up."""
    previous = patient.evaluations.order_by("-visit_date", "-created_at").first()
    evaluation = Evaluation.objects.create(
        patient=patient,
        clinician=clinician,
        visit_date=visit_date or timezone.localdate(),
        visit_type=Evaluation.VisitType.FOLLOW_UP if previous else Evaluation.VisitType.INITIAL,
        symptomatic_side=previous.symptomatic_side if previous else "",
    )
    for section in SECTIONS:
        section.objects.create(evaluation=evaluation)
    logger.info("evaluation started id=%s patient=%s", evaluation.public_id, patient.public_id)
    return evaluation


DISCARD_ONLY_DRAFTS = "Only a draft can be discarded; a signed note is kept as it is."
DISCARD_ONLY_OWN = "Only the clinician who started this draft can discard it."


class DiscardRefused(Exception):
    """The draft was not discarded; the message says why."""


@transaction.atomic
def discard_draft(*, evaluation, by):
    """Hide a draft started by mistake; the row and its audit trail are kept, never deleted."""
    note = Evaluation.objects.select_for_update(of=("self",)).get(pk=evaluation.pk)
    if not note.is_draft:
        raise DiscardRefused(DISCARD_ONLY_DRAFTS)
    if note.clinician_id != by.pk:
        raise DiscardRefused(DISCARD_ONLY_OWN)
    note.status = Evaluation.Status.DISCARDED
    note.save(update_fields=["status", "updated_at"])
    record_event(evaluation=note, actor=by, event=DISCARDED)
    logger.info("evaluation discarded id=%s", note.public_id)
    return note
