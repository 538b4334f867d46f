"""Acting on referrals, signing, addenda and the note's history."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from evaluations.forms.review import AddendumForm, ReferralActionForm, first_error
from evaluations.models import SignedNoteError
from evaluations.selectors import get_evaluation_for
from evaluations.services.audit import EVENT_LABELS, history_of, history_page
from evaluations.services.red_flag_prompts import PromptRefused, answer_prompt
from evaluations.services.signing import (
    ALL_NEGATIVE_DONE,
    SigningRefused,
    WrongPassword,
    acknowledge_referral,
    add_addendum,
    mark_red_flags_negative,
    sign_evaluation,
)
from patients.reauth import note_wrong_password

from .pages import render_evaluation_page

HISTORY_FOR_ADMINS = "Only a clinic admin can see a note's history."


@require_POST
def referral_acknowledge(request, public_id):
    evaluation = get_evaluation_for(request.user, public_id)
    form = ReferralActionForm(request.POST)
    try:
        if not form.is_valid():
            raise SigningRefused(first_error(form))
        acknowledge_referral(evaluation=evaluation, by=request.user, **form.cleaned_data)
    except (SigningRefused, SignedNoteError) as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "The action on the referral is recorded.")
    return redirect(reverse("evaluations:plan", args=[evaluation.public_id]) + "#referrals")


@require_POST
def red_flags_negative(request, public_id):
    """The sign panel's "mark the unanswered as No", after its one confirmation."""
    evaluation = get_evaluation_for(request.user, public_id)
    try:
        count = mark_red_flags_negative(
            evaluation=evaluation, confirmed=request.POST.get("confirm") == "yes"
        )
    except (SigningRefused, SignedNoteError) as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, ALL_NEGATIVE_DONE.format(count=count))
    return redirect(reverse("evaluations:plan", args=[evaluation.public_id]) + "#sign")


# Where a prompt was answered, so the clinician lands back beside it.
PROMPT_PAGES = {"evaluation": "evaluations:detail", "plan": "evaluations:plan"}


@require_POST
def red_flag_prompt_answer(request, public_id):
    """A red-flag question answered again from a cross-check's prompt (R0a–R0e)."""
    evaluation = get_evaluation_for(request.user, public_id)
    rule_id = request.POST.get("rule_id", "")
    answers = {
        key[len("answer_") :]: value
        for key, value in request.POST.items()
        if key.startswith("answer_")
    }
    try:
        recorded = answer_prompt(
            evaluation=evaluation, rule_id=rule_id, answers=answers, by=request.user
        )
    except (PromptRefused, SignedNoteError) as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, recorded)
    page = PROMPT_PAGES.get(request.POST.get("page"), PROMPT_PAGES["evaluation"])
    return redirect(reverse(page, args=[evaluation.public_id]) + "#red-flag-prompts")


@require_POST
def sign(request, public_id):
    evaluation = get_evaluation_for(request.user, public_id)
    password = request.POST.get("password", "")
    try:
        sign_evaluation(
            evaluation=evaluation, user=request.user, password=password, request=request
        )
    except WrongPassword as refused:
        if note_wrong_password(request, purpose="sign", obj=evaluation):
            return redirect(settings.LOGIN_URL)
        messages.error(request, str(refused))
        return redirect(reverse("evaluations:plan", args=[evaluation.public_id]) + "#sign")
    except SigningRefused as refused:
        messages.error(request, str(refused))
        return redirect(reverse("evaluations:plan", args=[evaluation.public_id]) + "#sign")
    messages.success(request, "The note is signed.")
    return redirect(evaluation)


@require_POST
def addendum(request, public_id):
    evaluation = get_evaluation_for(request.user, public_id)
    form = AddendumForm(request.POST)
    text = request.POST.get("text", "")
    try:
        if not form.is_valid():
            raise SigningRefused(first_error(form))
        add_addendum(evaluation=evaluation, author=request.user, text=form.cleaned_data["text"])
    except SigningRefused as refused:
        if not evaluation.is_signed:
            messages.error(request, str(refused))
            return redirect(evaluation)
        extra = {"addendum_error": str(refused), "addendum_text": text}
        return render_evaluation_page(request, evaluation, extra=extra)
    messages.success(request, "Addendum added.")
    return redirect(evaluation.get_absolute_url() + "#addenda")


@require_GET
def history(request, public_id):
    evaluation = get_evaluation_for(request.user, public_id)
    if not request.user.is_clinic_admin:
        raise PermissionDenied(HISTORY_FOR_ADMINS)
    event = request.GET.get("event", "")
    entries = history_of(evaluation, event=event)
    context = {
        "evaluation": evaluation,
        "page": history_page(entries, request.GET.get("page")),
        "event": event,
        "event_filters": EVENT_LABELS,
    }
    return render(request, "evaluations/history.html", context)
