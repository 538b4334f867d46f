"""The forms behind moving and reordering plan items and the over-limit reason."""

from django import forms

from evaluations.plan.plan_types import PART_TITLES
from evaluations.services.plan_parts import DOWN, MOVABLE_PARTS, UP

CHOOSE_PART = "Choose the home programme, in clinic or later."
CHOOSE_DIRECTION = "Choose up or down."


class MoveItemForm(forms.Form):
    part = forms.ChoiceField(
        choices=[(part.value, PART_TITLES[part]) for part in MOVABLE_PARTS],
        error_messages={"required": CHOOSE_PART, "invalid_choice": CHOOSE_PART},
    )
    reason = forms.CharField(max_length=300, required=False)


class ReorderItemForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[(UP, "Up"), (DOWN, "Down")],
        error_messages={"required": CHOOSE_DIRECTION, "invalid_choice": CHOOSE_DIRECTION},
    )


class HomeProgrammeReasonForm(forms.Form):
    reason = forms.CharField(max_length=300, required=False)
