"""A ladder's levels in the admin: one row per level, checked as a whole ladder on save.

A level's stage limits and capacity checks are short lines of text in the form ("acute_strain
2", "at_least hamstring.single_leg_bridge_reps 12") and JSON in the database; what makes
them valid is written once, in ``evaluations/plan/ladders.py``, and so is what makes a
ladder valid (``ladder_errors``: rungs without a gap, no exercise twice, every exercise in
the clinic's active library, a criterion for every level).
"""

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError

from evaluations.library import clinic_exercises
from evaluations.models import LadderLevel
from evaluations.models.ladder import (
    checks_from_json,
    checks_to_json,
    stage_limits_from_json,
    stage_limits_to_json,
)
from evaluations.plan import ladders as plan
from evaluations.plan.stages import STAGE_NAMES

STAGE_LINE = "“{line}”: write a pathway and a stage number, e.g. “acute_strain 2”."
CHECK_LINE = (
    "“{line}”: write a kind, what it checks and, for at_least, the number, e.g. "
    "“at_least hamstring.single_leg_bridge_reps 12” or “gate R19”."
)
SWITCHED_OFF = "{name} — switched off"
NOT_IN_LIBRARY = "{code} — not in the library"
STAGE_HELP = "One per line, e.g. “acute_strain 2”. " + "; ".join(
    f"{pathway} 1–{len(names)} ({', '.join(names)})" for pathway, names in STAGE_NAMES.items()
)
CHECK_HELP = (
    "One per line; any one met starts the patient here. “flag section.finding” (the finding "
    "is yes), “at_least section.finding number” (on the painful side), or “gate R6”, "
    "“gate R7”, “gate R19” (the rule's gate is met)."
)


def stage_limits_text(data) -> str:
    """Stored stage limits as the form shows them: one "pathway stage" per line."""
    return "\n".join(f"{limit.pathway} {limit.stage}" for limit in stage_limits_from_json(data))


def checks_text(data) -> str:
    """Stored checks as the form shows them: one "kind subject [number]" per line."""
    return "\n".join(
        f"{check.kind} {check.subject} {check.value:g}"
        if check.kind == "at_least"
        else f"{check.kind} {check.subject}"
        for check in checks_from_json(data)
    )


class LinesField(forms.CharField):
    """Lines of words in the form, a list of records in the model's JSON field."""

    def __init__(self, *, parse_line, to_json, from_json, to_text, problem, **kwargs):
        widget = AdminTextareaWidget(attrs={"rows": 2, "class": "ladder-lines"})
        super().__init__(required=False, strip=True, widget=widget, **kwargs)
        self.parse_line, self.to_json, self.from_json = parse_line, to_json, from_json
        self.to_text, self.problem = to_text, problem

    def prepare_value(self, value):
        return self.to_text(value) if isinstance(value, list) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        lines = [line.split() for line in (value or "").splitlines() if line.strip()]
        return self.to_json([self.parse_line(words) for words in lines])

    def validate(self, value):
        problems = [self.problem(item) for item in self.from_json(value)]
        if any(problems):
            raise ValidationError([problem for problem in problems if problem])

    def has_changed(self, initial, data):
        # A new row starts with no initial value at all; empty text is that same empty list.
        try:
            return self.to_python(initial or []) != self.to_python(data)
        except ValidationError:
            return True


def _number(word: str, line: str, message: str) -> float:
    try:
        value = float(word)
    except ValueError:
        raise ValidationError(message.format(line=line)) from None
    return int(value) if value.is_integer() else value


def parse_stage_limit(words) -> plan.StageLimit:
    line = " ".join(words)
    if len(words) != 2:
        raise ValidationError(STAGE_LINE.format(line=line))
    return plan.StageLimit(words[0], _number(words[1], line, STAGE_LINE))


def parse_check(words) -> plan.Check:
    line = " ".join(words)
    if len(words) == 3:
        return plan.Check(words[0], words[1], _number(words[2], line, CHECK_LINE))
    if len(words) == 2 and words[0] != "at_least":
        return plan.Check(words[0], words[1])
    raise ValidationError(CHECK_LINE.format(line=line))


class LadderLevelForm(forms.ModelForm):
    exercise_code = forms.ChoiceField(
        label="exercise", widget=forms.Select(attrs={"class": "ladder-exercise"})
    )
    stage_limits = LinesField(
        label="only from stage",
        help_text=STAGE_HELP,
        parse_line=parse_stage_limit,
        to_json=stage_limits_to_json,
        from_json=stage_limits_from_json,
        to_text=stage_limits_text,
        problem=plan.stage_limit_problem,
    )
    capacity = LinesField(
        label="already managed when",
        help_text=CHECK_HELP,
        parse_line=parse_check,
        to_json=checks_to_json,
        from_json=checks_from_json,
        to_text=checks_text,
        problem=plan.check_problem,
    )

    class Meta:
        model = LadderLevel
        fields = ["rung", "exercise_code", "criterion", "stage_limits", "capacity"]
        widgets = {"criterion": AdminTextareaWidget(attrs={"rows": 3, "class": "ladder-lines"})}


def exercise_choices(*, clinic_id, named=()):
    """The clinic's exercises for a level's menu, by name; one switched off, or a code a
    level names that the library lacks, stays listed so the row shows what it holds."""
    rows = (
        clinic_exercises(clinic_id=clinic_id).order_by("name").values_list("code", "name", "active")
    )
    choices = [
        (code, name if active else SWITCHED_OFF.format(name=name)) for code, name, active in rows
    ]
    known = {code for code, _ in choices}
    missing = [(code, NOT_IN_LIBRARY.format(code=code)) for code in named if code not in known]
    return [("", "---------"), *choices, *missing]


class LadderLevelFormSet(forms.BaseInlineFormSet):
    """The levels of one ladder; the ladder as a whole must pass ``ladder_errors``."""

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        # Each valid form's instance already holds its cleaned values (ModelForm._post_clean).
        levels = [
            form.instance.as_plan_level()
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not self._should_delete_form(form)
        ]
        ladder = self.instance.as_plan_ladder(levels)
        active = clinic_exercises(clinic_id=self.instance.clinic_id).filter(active=True)
        errors = plan.ladder_errors((ladder,), set(active.values_list("code", flat=True)))
        if errors:
            raise ValidationError(errors)
