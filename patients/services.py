"""Writes on patient records: saving, finding duplicates, inactivating and merging.

Health records are never deleted: a duplicate is merged (it turns inactive and points to the
record kept) and a patient who left is marked inactive; every step is in the audit trail.
"""

import logging
import unicodedata

from django.db import IntegrityError, transaction

from evaluations.models import Evaluation
from evaluations.services.audit import (
    MARKED_ACTIVE,
    MARKED_INACTIVE,
    MERGED_FROM,
    MERGED_INTO,
    record_patient_event,
)

from .models import DUPLICATE_RECORD_NUMBER, RECORD_NUMBER_CONSTRAINT, Patient

logger = logging.getLogger(__name__)

MERGE_INTO_ITSELF = "A record cannot be merged into itself."
MERGE_ACROSS_CLINICS = "Only records of the same clinic can be merged."
MERGE_ALREADY_MERGED = "This record was already merged into another one."
MERGE_INTO_INACTIVE = "The record kept must be active."


class MergeRefused(Exception):
    """The merge was refused; the message says why."""


def name_key(given_name, family_name):
    """A name as people mean it: without case, accents or extra spaces ("Seán" is "sean")."""
    text = unicodedata.normalize("NFKD", f"{given_name} {family_name}")
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.casefold().split())


def possible_duplicates(*, clinic, given_name, family_name, date_of_birth, exclude_pk=None):
    """Records of the clinic with the same name and date of birth.

    Names are compared in Python: the (clinic, date of birth) index narrows the rows to a
    handful, so no stored key or database accent function (absent on SQLite) is needed.
    """
    same_birthday = Patient.objects.filter(
        clinic=clinic, date_of_birth=date_of_birth, merged_into__isnull=True
    ).exclude(pk=exclude_pk)
    wanted = name_key(given_name, family_name)
    return [p for p in same_birthday if name_key(p.given_name, p.family_name) == wanted]


def save_patient(*, form):
    """Save a valid patient form; a record number taken meanwhile becomes the field's error.

    Returns the patient, or None when the form now carries the error.
    """
    try:
        with transaction.atomic():
            patient = form.save()
    except IntegrityError as error:
        # Another request saved the same record number between validation and saving.
        if RECORD_NUMBER_CONSTRAINT not in str(error):
            raise
        form.add_error("record_number", DUPLICATE_RECORD_NUMBER)
        return None
    return patient


def set_patient_active(*, patient, active, by):
    patient.is_active = active
    patient.save(update_fields=["is_active", "updated_at"])
    record_patient_event(
        patient=patient, actor=by, event=MARKED_ACTIVE if active else MARKED_INACTIVE
    )
    logger.info("patient %s id=%s", "activated" if active else "inactivated", patient.public_id)


@transaction.atomic
def merge_patient(*, duplicate, kept, by):
    """Move the duplicate's drafts to the record kept; the duplicate turns inactive.

    Signed notes stay on the duplicate: their hash covers the patient they were signed for,
    and the database refuses to change them. The duplicate points to the record kept, and the
    kept record lists the duplicate, so its signed notes stay one click away.
    """
    duplicate, kept = (
        Patient.objects.select_for_update().get(pk=duplicate.pk),
        Patient.objects.select_for_update().get(pk=kept.pk),
    )
    if duplicate.pk == kept.pk:
        raise MergeRefused(MERGE_INTO_ITSELF)
    if duplicate.clinic_id != kept.clinic_id:
        raise MergeRefused(MERGE_ACROSS_CLINICS)
    if duplicate.merged_into_id is not None:
        raise MergeRefused(MERGE_ALREADY_MERGED)
    if not kept.is_active or kept.merged_into_id is not None:
        raise MergeRefused(MERGE_INTO_INACTIVE)
    drafts = list(
        Evaluation.objects.select_for_update().filter(
            patient=duplicate, status=Evaluation.Status.DRAFT
        )
    )
    for draft in drafts:
        # One save per row, so the audit trail shows each note's move.
        draft.patient = kept
        draft.save(update_fields=["patient", "updated_at"])
    duplicate.is_active = False
    duplicate.merged_into = kept
    duplicate.save(update_fields=["is_active", "merged_into", "updated_at"])
    moved = f"{len(drafts)} draft evaluation(s) moved"
    record_patient_event(patient=duplicate, actor=by, event=MERGED_INTO, detail=moved)
    record_patient_event(patient=kept, actor=by, event=MERGED_FROM, detail=moved)
    logger.info("patient merged id=%s into=%s", duplicate.public_id, kept.public_id)
    return kept
