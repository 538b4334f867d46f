"""The one way to read evaluations: through the patient's clinic, so outsiders get 404."""

from django.shortcuts import get_object_or_404

from .models import SECTIONS, Evaluation, section_attr

SECTION_ATTRS = [section_attr(section) for section in SECTIONS]


def evaluations_for(user):
    clinic = user.clinic if user.is_authenticated else None
    if clinic is None:
        return Evaluation.objects.none()
    return Evaluation.objects.filter(patient__clinic=clinic)


def get_evaluation_for(user, public_id):
    """The evaluation with its patient, clinician and every section, in one query."""
    evaluations = evaluations_for(user).select_related(
        "patient__clinic", "clinician", *SECTION_ATTRS
    )
    return get_object_or_404(evaluations, public_id=public_id)


def get_note_for(user, public_id):
    """The evaluation with its patient, clinic and people but not its sections: what a page
    needs when it draws no findings (a signed note's come from the cache)."""
    evaluations = evaluations_for(user).select_related("patient__clinic", "clinician", "signed_by")
    return get_object_or_404(evaluations, public_id=public_id)


def evaluations_of_patient(patient):
    """The patient's notes for lists; a discarded draft stays only in the audit trail."""
    return (
        patient.evaluations.exclude(status=Evaluation.Status.DISCARDED)
        .select_related("clinician")
        .order_by("-visit_date", "-created_at")
    )
