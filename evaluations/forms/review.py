"""Small forms behind the Plan page's inline actions: they clean what a clinician types
(length, required, no NUL characters) before any service sees it."""

from django import forms

from evaluations.models import PlanItem
from evaluations.plan.plan_types import PILLARS
from evaluations.reports.plain_dosing import clinical_abbreviations
from evaluations.services.signing import ACTION_REQUIRED, EMPTY_ADDENDUM

REMOVE_NEEDS_REASON = "Say briefly why this item comes off the plan."
NAME_THE_ITEM = "Describe the item before adding it."
CHOOSE_KIND = "Choose manual therapy or education."
CHOOSE_PILLAR = "Choose one of the five pillars."
CHOOSE_EXERCISE = "Choose an exercise from the library."
FOR_THE_PATIENT = (
    "The patient reads this: write {words} out in plain words (the handout never prints "
    "clinical abbreviations)."
)


class ItemEditForm(forms.Form):
    """An item's dosing and note, and what the handout tells the patient about it."""

    dosing = forms.CharField(max_length=500, required=False)
    clinician_note = forms.CharField(max_length=500, required=False)
    # Optional in the form, so an older page or a script that sends only the dosing keeps
    # the patient's wording as it is (None) rather than emptying it.
    patient_dosing = forms.CharField(max_length=500, required=False)
    patient_feel = forms.CharField(max_length=1000, required=False)
    patient_stop = forms.CharField(max_length=1000, required=False)
    PATIENT_FIELDS = ("patient_dosing", "patient_feel", "patient_stop")

    def clean(self):
        cleaned = super().clean()
        for name in self.PATIENT_FIELDS:
            if name not in self.data:
                cleaned[name] = None
            elif found := clinical_abbreviations(cleaned.get(name)):
                self.add_error(name, FOR_THE_PATIENT.format(words=", ".join(found)))
        return cleaned


class RemoveItemForm(forms.Form):
    reason = forms.CharField(max_length=300, error_messages={"required": REMOVE_NEEDS_REASON})


class FreeItemForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(PlanItem.Kind.MANUAL_THERAPY, "m"), (PlanItem.Kind.EDUCATION, "e")],
        error_messages={"required": CHOOSE_KIND, "invalid_choice": CHOOSE_KIND},
    )
    pillar = forms.TypedChoiceField(
        choices=[(str(number), name) for number, name in PILLARS.items()],
        coerce=int,
        error_messages={"required": CHOOSE_PILLAR, "invalid_choice": CHOOSE_PILLAR},
    )
    name = forms.CharField(max_length=200, error_messages={"required": NAME_THE_ITEM})
    dosing = forms.CharField(max_length=500, required=False)


class ExerciseChoiceForm(forms.Form):
    code = forms.SlugField(
        max_length=60, error_messages={"required": CHOOSE_EXERCISE, "invalid": CHOOSE_EXERCISE}
    )


class ReferralActionForm(forms.Form):
    code = forms.SlugField(max_length=40)
    action_taken = forms.CharField(max_length=1000, error_messages={"required": ACTION_REQUIRED})


class AddendumForm(forms.Form):
    text = forms.CharField(max_length=5000, error_messages={"required": EMPTY_ADDENDUM})


def first_error(form):
    """The first message of an invalid form, for the page's message area."""
    for errors in form.errors.values():
        return errors[0]
    return ""
