"""Patient pages. Search terms travel in the POST body and the session, never in the URL."""

import datetime
import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from evaluations.selectors import evaluations_of_patient
from evaluations.services import start_evaluation
from evaluations.services.audit import (
    EVENT_LABELS,
    VIEWED,
    history_of_patient,
    history_page,
    record_patient_event,
)

from .forms import MergeForm, PatientForm, PatientSearchForm
from .selectors import get_patient_for, search_patients_for
from .services import MergeRefused, merge_patient, save_patient, set_patient_active

logger = logging.getLogger(__name__)

PATIENTS_PER_PAGE = 25
STALE_DRAFT_DAYS = 7
SEARCH_SESSION_KEY = "patient_search"
INACTIVE_SESSION_KEY = "patient_search_inactive"
FOR_CLINIC_ADMINS = "Only a clinic admin can do this."
MARKED_INACTIVE_MESSAGE = "The patient is marked inactive and hidden from the patient list."
MARKED_ACTIVE_MESSAGE = "The patient is active again."
MERGED_MESSAGE = "The duplicate record is merged into this one."
NO_CLINIC = "Your account is not linked to a clinic yet. Ask your clinic admin to add you."


@require_http_methods(["GET", "POST"])
def patient_list(request):
    if request.method == "POST":
        form = PatientSearchForm(request.POST)
        valid = form.is_valid()
        request.session[SEARCH_SESSION_KEY] = form.cleaned_data["q"] if valid else ""
        request.session[INACTIVE_SESSION_KEY] = valid and form.cleaned_data["inactive"]
        return redirect("patients:list")

    query = request.session.get(SEARCH_SESSION_KEY, "")
    include_inactive = request.session.get(INACTIVE_SESSION_KEY, False)
    patients = search_patients_for(request.user, query, include_inactive).only(
        "public_id",
        "given_name",
        "family_name",
        "date_of_birth",
        "record_number",
        "activity",
        "is_active",
    )
    page = Paginator(patients, PATIENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "include_inactive": include_inactive,
        "search_form": PatientSearchForm(initial={"q": query, "inactive": include_inactive}),
        "has_clinic": request.user.clinic is not None,
        "no_clinic_message": NO_CLINIC,
    }
    return render(request, "patients/patient_list.html", context)


@require_http_methods(["POST"])
def clear_search(request):
    request.session.pop(SEARCH_SESSION_KEY, None)
    request.session.pop(INACTIVE_SESSION_KEY, None)
    return redirect("patients:list")


@require_http_methods(["GET", "POST"])
def patient_create(request):
    clinic = request.user.clinic
    if clinic is None:
        messages.error(request, NO_CLINIC)
        return redirect("patients:list")
    form = PatientForm(request.POST or None, clinic=clinic)
    patient = form.is_valid() and save_patient(form=form)
    if patient:
        logger.info("patient created id=%s", patient.public_id)
        messages.success(request, "Patient saved.")
        return redirect(patient)
    return render(request, "patients/patient_form.html", {"form": form, "patient": None})


@require_http_methods(["GET", "POST"])
def patient_edit(request, public_id):
    patient = get_patient_for(request.user, public_id)
    form = PatientForm(request.POST or None, instance=patient, clinic=patient.clinic)
    if form.is_valid() and save_patient(form=form):
        logger.info("patient changed id=%s", patient.public_id)
        messages.success(request, "Patient saved.")
        return redirect(patient)
    return render(request, "patients/patient_form.html", {"form": form, "patient": patient})


@require_http_methods(["GET"])
def patient_detail(request, public_id):
    patient = get_patient_for(request.user, public_id)
    record_patient_event(patient=patient, actor=request.user, event=VIEWED)
    context = {
        "patient": patient,
        "merged_records": list(patient.merged_records.all()),
        "age": patient.age_on(timezone.localdate()),
        "evaluations": list(evaluations_of_patient(patient)),
        # Drafts left open for more than a week are highlighted so none is forgotten.
        "stale_draft_before": timezone.now() - datetime.timedelta(days=STALE_DRAFT_DAYS),
    }
    return render(request, "patients/patient_detail.html", context)


@require_http_methods(["POST"])
def evaluation_start(request, public_id):
    """A new draft evaluation for this patient, started from the patient's page."""
    patient = get_patient_for(request.user, public_id)
    evaluation = start_evaluation(patient=patient, clinician=request.user)
    return redirect(evaluation)


def _clinic_admin_only(user):
    if not user.is_clinic_admin:
        raise PermissionDenied(FOR_CLINIC_ADMINS)


@require_http_methods(["POST"])
def patient_set_active(request, public_id):
    patient = get_patient_for(request.user, public_id)
    _clinic_admin_only(request.user)
    active = request.POST.get("active") == "1"
    set_patient_active(patient=patient, active=active, by=request.user)
    messages.success(request, MARKED_ACTIVE_MESSAGE if active else MARKED_INACTIVE_MESSAGE)
    return redirect(patient)


@require_http_methods(["GET", "POST"])
def patient_merge(request, public_id):
    """Merge this record (the duplicate) into another record of the same person."""
    duplicate = get_patient_for(request.user, public_id)
    _clinic_admin_only(request.user)
    form = MergeForm(request.POST or None, duplicate=duplicate)
    if form.is_valid():
        try:
            kept = form.cleaned_data["kept"]
            merge_patient(duplicate=duplicate, kept=kept, by=request.user)
        except MergeRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, MERGED_MESSAGE)
            return redirect(kept)
    return render(request, "patients/patient_merge.html", {"patient": duplicate, "form": form})


@require_http_methods(["GET"])
def patient_history(request, public_id):
    patient = get_patient_for(request.user, public_id)
    _clinic_admin_only(request.user)
    event = request.GET.get("event", "")
    entries = history_of_patient(patient, event=event)
    context = {
        "patient": patient,
        "page": history_page(entries, request.GET.get("page")),
        "event": event,
        "event_filters": EVENT_LABELS,
    }
    return render(request, "patients/patient_history.html", context)


@require_http_methods(["GET"])
def keep_alive(request):
    """'Stay logged in': any authenticated request restarts the idle clock."""
    return HttpResponse(status=204)
