"""Short ways to declare a finding of each kind, with the kind's usual defaults."""

from .answers import ANSWER, CRITERION, EXAM_RESULT, MMT_GRADE, PROVOCATION
from .kinds import ChoiceSet, Finding, Kind, Normal


def measure(name, label, low, high, unit, **details) -> Finding:
    """An optional number; empty means not measured."""
    return Finding(name, Kind.MEASURE, label, unit=unit, low=low, high=high, **details)


def test(name, label, **details) -> Finding:
    """Not tested / negative / positive; a positive is flagged unless declared otherwise."""
    details.setdefault("unfavourable", (EXAM_RESULT.value("POSITIVE"),))
    return Finding(
        name, Kind.TEST, label, choice_set=EXAM_RESULT, empty_label="Not tested", **details
    )


def answer(name, label, **details) -> Finding:
    """A question answered yes or no; 'asked and no' is a finding too."""
    return Finding(name, Kind.ANSWER, label, choice_set=ANSWER, empty_label="Not asked", **details)


def criterion(name, label, **details) -> Finding:
    """A gate criterion worded as a question, answered met or not met; not met is flagged."""
    return Finding(
        name,
        Kind.CRITERION,
        label,
        choice_set=CRITERION,
        empty_label="Not tested",
        unfavourable=(CRITERION.value("NOT_MET"),),
        **details,
    )


def provocation(name, label, **details) -> Finding:
    # Only the familiar pain counts as positive [LAS][PO].
    return Finding(
        name,
        Kind.PROVOCATION,
        label,
        choice_set=PROVOCATION,
        empty_label="Not tested",
        unfavourable=(PROVOCATION.value("POSITIVE_FAMILIAR"),),
        **details,
    )


def choice(name, label, choice_set: ChoiceSet, **details) -> Finding:
    return Finding(
        name, Kind.CHOICE, label, choice_set=choice_set, empty_label="Not recorded", **details
    )


def mmt(name, label, **details) -> Finding:
    """A manual muscle test grade; full strength (5) is normal [MMT]."""
    details.setdefault("bilateral", True)
    return Finding(
        name,
        Kind.MMT,
        label,
        choice_set=MMT_GRADE,
        empty_label="Not tested",
        normal=Normal("5", "MMT"),
        **details,
    )


def text(name, label, max_length=200, **details) -> Finding:
    return Finding(name, Kind.TEXT, label, max_length=max_length, **details)


def note(name, label, max_length=1000, **details) -> Finding:
    return Finding(name, Kind.NOTE, label, max_length=max_length, **details)
