"""Field builders for findings: every valid range of clinical reference §1 is declared once, here.

A range becomes a model validator (so forms, autosave and the admin all enforce it) and is
kept on the field with its unit, so forms can show the unit beside the input.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible

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


class ExamResult(models.TextChoices):
    """A test result that never lets 'not tested' pass for 'negative'."""

    NEGATIVE = "negative", "Negative"
    POSITIVE = "positive", "Positive"


class Answer(models.TextChoices):
    NO = "no", "No"
    YES = "yes", "Yes"


class Provocation(models.TextChoices):
    """Provocation tests count only when they reproduce the patient's familiar pain [LAS][PO]."""

    NEGATIVE = "negative", "Negative"
    POSITIVE_UNFAMILIAR = "positive_unfamiliar", "Pain, but not the familiar pain"
    POSITIVE_FAMILIAR = "positive_familiar", "Familiar pain reproduced"


class Criterion(models.TextChoices):
    """A progression-gate criterion, where meeting it is the good news.

    Stored as positive / negative like a test, so the plan engine reads met as True.
    """

    NOT_MET = "negative", "Not met"
    MET = "positive", "Met"


def tri_state(
    verbose_name,
    choices=ExamResult,
    help_text="",
    empty_label="Not tested",
    unfavourable=(ExamResult.POSITIVE,),
):
    """Not tested (empty) / negative / positive — stored as text, empty means not tested.

    `unfavourable` names the answers a reader should look at twice (the report flags them);
    every other answer is favourable or neutral.
    """
    field = models.CharField(
        verbose_name, max_length=24, choices=choices.choices, blank=True, help_text=help_text
    )
    field.empty_label = empty_label
    field.unfavourable = frozenset(unfavourable)
    return field


def answer(verbose_name, help_text="", unfavourable=()):
    return tri_state(
        verbose_name,
        choices=Answer,
        help_text=help_text,
        empty_label="Not asked",
        unfavourable=unfavourable,
    )


def provocation(verbose_name, help_text=""):
    # Only the familiar pain counts as positive [LAS][PO].
    return tri_state(
        verbose_name,
        choices=Provocation,
        help_text=help_text,
        unfavourable=(Provocation.POSITIVE_FAMILIAR,),
    )


def criterion(verbose_name, help_text=""):
    """A gate criterion worded as a question, answered met or not met; not met is flagged."""
    return tri_state(
        verbose_name, choices=Criterion, help_text=help_text, unfavourable=(Criterion.NOT_MET,)
    )


def choice(verbose_name, choices, help_text=""):
    field = models.CharField(
        verbose_name, max_length=24, choices=choices.choices, blank=True, help_text=help_text
    )
    field.empty_label = "Not recorded"
    return field


def note(verbose_name, max_length=1000, help_text=""):
    return models.TextField(verbose_name, max_length=max_length, blank=True, help_text=help_text)


def short_text(verbose_name, max_length=200, help_text=""):
    return models.CharField(verbose_name, max_length=max_length, blank=True, help_text=help_text)


MMT_GRADES = ["0", "1", "2-", "2", "2+", "3-", "3", "3+", "4-", "4", "4+", "5"]


class MMTGrade(models.TextChoices):
    """Manual muscle test grades: ordinal strings, compared by rank, never averaged [MMT]."""

    G0 = "0", "0"
    G1 = "1", "1"
    G2_MINUS = "2-", "2−"
    G2 = "2", "2"
    G2_PLUS = "2+", "2+"
    G3_MINUS = "3-", "3−"
    G3 = "3", "3"
    G3_PLUS = "3+", "3+"
    G4_MINUS = "4-", "4−"
    G4 = "4", "4"
    G4_PLUS = "4+", "4+"
    G5 = "5", "5"


def mmt_rank(grade):
    """Ordinal index 0–11 for comparisons; None when not graded."""
    return MMT_GRADES.index(grade) if grade in MMT_GRADES else None


def mmt(verbose_name):
    field = models.CharField(verbose_name, max_length=2, choices=MMTGrade.choices, blank=True)
    field.empty_label = "Not tested"
    return field
