"""Model fields built from finding declarations (evaluations/declarations).

A declared range becomes a model validator (so forms, autosave and the admin all enforce it)
and is kept on the field with its unit, so forms can show the unit beside the input.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible

from evaluations.declarations import Kind, answers

# {low}, {high} and the unit as printed after a number (see `unit_suffix`).
OUT_OF_RANGE = "Enter a value from {low} to {high}{unit}."


def unit_suffix(unit):
    """A unit as printed after a number: "12 cm", "40°", "3/10"."""
    if not unit or unit.startswith(("°", "/")):
        return unit
    return f" {unit}"


@deconstructible
class RangeValidator:
    def __init__(self, low, high, unit=""):
        self.low, self.high, self.unit = low, high, unit

    def __call__(self, value):
        if value is None:
            return
        if not self.low <= value <= self.high:
            # "from 0 to 10" already says what a "/10" scale means; "0 to 10 /10" did not read.
            unit = "" if self.unit.startswith("/") else unit_suffix(self.unit)
            message = OUT_OF_RANGE.format(low=self.low, high=self.high, unit=unit)
            raise ValidationError(message, code="out_of_range")

    def __eq__(self, other):
        return isinstance(other, RangeValidator) and (self.low, self.high, self.unit) == (
            other.low,
            other.high,
            other.unit,
        )


def measure(verbose_name, low, high, unit, *, decimals=0, help_text=""):
    """An optional measurement; empty means not measured."""
    validators = [RangeValidator(low, high, unit)]
    if decimals:
        digits = len(str(int(max(abs(low), abs(high))))) + decimals
        field = models.DecimalField(
            verbose_name,
            max_digits=digits,
            decimal_places=decimals,
            null=True,
            blank=True,
            validators=validators,
            help_text=help_text,
        )
    else:
        field = models.SmallIntegerField(
            verbose_name, null=True, blank=True, validators=validators, help_text=help_text
        )
    field.unit = unit
    field.valid_range = (low, high)
    return field


def text_choices(choice_set):
    """Django choices for a declared answer set, e.g. `Answer.YES` → ("yes", "Yes")."""
    members = [(option.member, (option.value, option.label)) for option in choice_set.options]
    return models.TextChoices(choice_set.name, members)


ExamResult = text_choices(answers.EXAM_RESULT)
Answer = text_choices(answers.ANSWER)
Provocation = text_choices(answers.PROVOCATION)
Criterion = text_choices(answers.CRITERION)
MMTGrade = text_choices(answers.MMT_GRADE)
MMT_GRADES = list(answers.MMT_GRADE.values)


def note(verbose_name, max_length=1000, help_text=""):
    return models.TextField(verbose_name, max_length=max_length, blank=True, help_text=help_text)


def short_text(verbose_name, max_length=200, help_text=""):
    return models.CharField(verbose_name, max_length=max_length, blank=True, help_text=help_text)


def mmt_rank(grade):
    """Ordinal index 0–11 for comparisons; None when not graded."""
    return MMT_GRADES.index(grade) if grade in MMT_GRADES else None


def mmt(verbose_name):
    field = models.CharField(verbose_name, max_length=2, choices=MMTGrade.choices, blank=True)
    field.empty_label = "Not tested"
    return field


def finding_field(finding, side=""):
    """The model field of a declared finding, or of one side of a bilateral one."""
    label = f"{finding.label}, {side}" if side else finding.label
    help_text = finding.help
    if finding.kind == Kind.MEASURE:
        low, high = finding.valid_range
        return measure(
            label, low, high, finding.unit, decimals=finding.decimals, help_text=help_text
        )
    if finding.kind == Kind.MMT:
        return mmt(label)
    if finding.kind == Kind.TEXT:
        return short_text(label, finding.max_length, help_text=help_text)
    if finding.kind == Kind.NOTE:
        return note(label, finding.max_length, help_text=help_text)
    field = models.CharField(
        label,
        max_length=24,
        choices=finding.choice_set.pairs,
        blank=True,
        help_text=help_text,
    )
    field.empty_label = finding.empty_label
    field.unfavourable = frozenset(finding.unfavourable)
    return field


def finding_fields_of(section):
    """{column name: model field} for every finding of a declared section, in order."""
    fields = {}
    for finding in section.findings:
        if finding.bilateral:
            fields[f"{finding.name}_left"] = finding_field(finding, "left")
            fields[f"{finding.name}_right"] = finding_field(finding, "right")
        else:
            fields[finding.name] = finding_field(finding)
    return fields
