"""Writes that span models: starting an evaluation with all its sections."""

import logging

from django.db import transaction
from django.utils import timezone

from evaluations.models import SECTIONS, Evaluation

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
