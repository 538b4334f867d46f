"""The Plan step: the engine's plan as the note keeps it, and the clinician's review of it."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from evaluations.forms.review import (
    CHOOSE_EXERCISE,
    ExerciseChoiceForm,
    FreeItemForm,
    ItemEditForm,
    RemoveItemForm,
    first_error,
)
from evaluations.library import clinic_exercises
from evaluations.models import PlanItem, SignedNoteError
from evaluations.selectors import get_evaluation_for
from evaluations.services import plan_review
from evaluations.services.plan_review import PlanReviewError

from .plan_page import plan_context

SEARCH_LIMIT = 12


def _plan_url(evaluation, anchor=""):
    return reverse("evaluations:plan", args=[evaluation.public_id]) + anchor


def _valid(form_class, data):
    form = form_class(data)
    if not form.is_valid():
        raise PlanReviewError(first_error(form))
    return form.cleaned_data


@require_GET
def plan_detail(request, public_id):
    evaluation = get_evaluation_for(request.user, public_id)
    return render(request, "evaluations/plan.html", plan_context(request, evaluation))


def _review_step(request, public_id, step, anchor=""):
    """Run one review step on a draft; refusals become a message, never an error page."""
    evaluation = get_evaluation_for(request.user, public_id)
    try:
        result = step(evaluation)
    except (PlanReviewError, SignedNoteError) as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, result)
    return redirect(_plan_url(evaluation, anchor))


def _item(evaluation, item_id):
    return get_object_or_404(PlanItem, pk=item_id, evaluation=evaluation)


@require_POST
def plan_generate(request, public_id):
    def generate(evaluation):
        if not plan_review.generate_plan(evaluation=evaluation):
            return plan_review.PLAN_ALREADY_MADE
        return "The plan was made from the findings. Review each item before signing."

    return _review_step(request, public_id, generate)


@require_POST
def plan_apply_changes(request, public_id):
    def apply(evaluation):
        changes = plan_review.apply_plan_changes(evaluation=evaluation)
        return f"Plan updated: {len(changes.add)} added, {len(changes.drop)} taken off."

    return _review_step(request, public_id, apply)


@require_POST
def plan_item_remove(request, public_id, item_id):
    def remove(evaluation):
        item = _item(evaluation, item_id)
        plan_review.remove_item(item=item, reason=_valid(RemoveItemForm, request.POST)["reason"])
        return f"{item.name} is off the plan."

    return _review_step(request, public_id, remove)


@require_POST
def plan_item_restore(request, public_id, item_id):
    def restore(evaluation):
        item = _item(evaluation, item_id)
        plan_review.restore_item(item=item)
        return f"{item.name} is back on the plan."

    return _review_step(request, public_id, restore)


@require_POST
def plan_item_update(request, public_id, item_id):
    """An item's edit; bad input shows the plan again with the message next to the field
    and everything typed kept."""
    form = ItemEditForm(request.POST)
    if form.is_valid():

        def update(evaluation):
            item = _item(evaluation, item_id)
            plan_review.update_item(item=item, **form.cleaned_data)
            return f"{item.name} updated."

        return _review_step(request, public_id, update, anchor=f"#item-{item_id}")
    evaluation = get_evaluation_for(request.user, public_id)
    item = _item(evaluation, item_id)
    context = plan_context(request, evaluation) | {"edit": {"item_id": item.pk, "form": form}}
    return render(request, "evaluations/plan.html", context)


@require_POST
def plan_add_exercise(request, public_id):
    def add(evaluation):
        code = _valid(ExerciseChoiceForm, request.POST)["code"]
        library = clinic_exercises(clinic_id=evaluation.patient.clinic_id)
        exercise = library.filter(code=code, active=True).first()
        if exercise is None:
            raise PlanReviewError(CHOOSE_EXERCISE)
        item = plan_review.add_library_exercise(evaluation=evaluation, exercise=exercise)
        return f"{item.name} added."

    return _review_step(request, public_id, add)


@require_POST
def plan_add_free_item(request, public_id):
    def add(evaluation):
        data = _valid(FreeItemForm, request.POST)
        plan_review.add_free_item(evaluation=evaluation, **data)
        return f"{data['name']} added."

    return _review_step(request, public_id, add)


@require_GET
def exercise_search(request, public_id):
    """Search-as-you-type over the active library, for the 'add an exercise' box."""
    evaluation = get_evaluation_for(request.user, public_id)
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    exercises = clinic_exercises(clinic_id=evaluation.patient.clinic_id).filter(active=True)
    if query:
        exercises = (
            exercises.filter(name__icontains=query)
            | exercises.filter(plain_name__icontains=query)
            | exercises.filter(target__icontains=query)
        )
    context = {"evaluation": evaluation, "exercises": exercises.distinct()[:SEARCH_LIMIT]}
    return render(request, "evaluations/_exercise_results.html", context)
