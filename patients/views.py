"""Patient pages. Search terms travel in the POST body and the session, never in the URL."""

import datetime
import logging

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from evaluations.selectors import evaluations_of_patient

from .forms import PatientForm, PatientSearchForm
from .selectors import get_patient_for, search_patients_for

logger = logging.getLogger(__name__)

PATIENTS_PER_PAGE = 25
STALE_DRAFT_DAYS = 7
SEARCH_SESSION_KEY = "patient_search"
NO_CLINIC = "Your account is not linked to a clinic yet. Ask your clinic admin to add you."


@require_http_methods(["GET", "POST"])
def patient_list(request):
    if request.method == "POST":
        form = PatientSearchForm(request.POST)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        request.session[SEARCH_SESSION_KEY] = query
        return redirect("patients:list")

    query = request.session.get(SEARCH_SESSION_KEY, "")
    patients = search_patients_for(request.user, query).only(
        "public_id", "given_name", "family_name", "date_of_birth", "record_number", "activity"
    )
    page = Paginator(patients, PATIENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "search_form": PatientSearchForm(initial={"q": query}),
        "has_clinic": request.user.clinic is not None,
        "no_clinic_message": NO_CLINIC,
    }
    return render(request, "patients/patient_list.html", context)


@require_http_methods(["POST"])
def clear_search(request):
    request.session.pop(SEARCH_SESSION_KEY, None)
    return redirect("patients:list")


@require_http_methods(["GET", "POST"])
def patient_create(request):
    clinic = request.user.clinic
    if clinic is None:
        messages.error(request, NO_CLINIC)
        return redirect("patients:list")
    form = PatientForm(request.POST or None, clinic=clinic)
    if request.method == "POST" and form.is_valid():
        patient = form.save()
        logger.info("patient created id=%s", patient.public_id)
        messages.success(request, "Patient saved.")
        return redirect(patient)
    return render(request, "patients/patient_form.html", {"form": form, "patient": None})


@require_http_methods(["GET", "POST"])
def patient_edit(request, public_id):
    patient = get_patient_for(request.user, public_id)
    form = PatientForm(request.POST or None, instance=patient, clinic=patient.clinic)
    if request.method == "POST" and form.is_valid():
        form.save()
        logger.info("patient changed id=%s", patient.public_id)
        messages.success(request, "Patient saved.")
        return redirect(patient)
    return render(request, "patients/patient_form.html", {"form": form, "patient": patient})


@require_http_methods(["GET"])
def patient_detail(request, public_id):
    patient = get_patient_for(request.user, public_id)
    context = {
        "patient": patient,
        "age": patient.age_on(timezone.localdate()),
        "evaluations": list(evaluations_of_patient(patient)),
        # Drafts left open for more than a week are highlighted so none is forgotten.
        "stale_draft_before": timezone.now() - datetime.timedelta(days=STALE_DRAFT_DAYS),
    }
    return render(request, "patients/patient_detail.html", context)


@require_http_methods(["GET"])
def keep_alive(request):
    """'Stay logged in': any authenticated request restarts the idle clock."""
    return HttpResponse(status=204)
