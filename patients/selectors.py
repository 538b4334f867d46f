"""The one way to read patients: always from the requesting user's clinic."""

from django.shortcuts import get_object_or_404

from .models import Patient
from .search import filter_patients


def patients_for(user):
    """Every patient the user may see; none at all for a user without a clinic."""
    clinic = user.clinic if user.is_authenticated else None
    if clinic is None:
        return Patient.objects.none()
    return Patient.objects.filter(clinic=clinic)


def search_patients_for(user, query, include_inactive=False):
    """The list and search show active patients unless asked; inactive ones stay reachable."""
    patients = patients_for(user)
    if not include_inactive:
        patients = patients.filter(is_active=True)
    return filter_patients(patients, query)


def get_patient_for(user, public_id):
    """The user's patient by public id; 404 for anyone else's, so existence is not revealed."""
    return get_object_or_404(patients_for(user), public_id=public_id)
