"""What a finding declaration is: the shapes, no findings. Plain Python, no Django.

A `Finding` says everything the app knows about one examination item: where it lives, how
it is recorded, its valid range or answers, how a person reads it and what is normal. The
model, the engine's snapshot, the JSON Schema, the form, the report and the LSI list are all
built from these objects (see docs/architecture.md), so a fact is written once.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """How a finding is recorded; each kind has one model field and one engine type."""

    MEASURE = "measure"  # a number with a unit and a valid range
    TEST = "test"  # not tested / negative / positive → engine bool
    ANSWER = "answer"  # not asked / no / yes → engine bool
    CRITERION = "criterion"  # a gate question: not met / met → engine bool
    PROVOCATION = "provocation"  # negative / pain / familiar pain → engine enum [LAS][PO]
    CHOICE = "choice"  # one of a declared set of answers → engine enum
    MMT = "mmt"  # an ordinal manual-muscle-test grade 0 … 5 [MMT]
    TEXT = "text"  # a short line of free text
    NOTE = "note"  # a longer free text


# Kinds the engine reads as True / False / None.
BOOLEAN_KINDS = frozenset({Kind.TEST, Kind.ANSWER, Kind.CRITERION})


@dataclass(frozen=True, slots=True)
class Option:
    """One answer of a choice set: the enum member's name, the stored value, the label."""

    member: str
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class ChoiceSet:
    """A closed set of answers; `name` is the engine enum's (and the model choices') name."""

    name: str
    options: tuple[Option, ...]
    doc: str = ""

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """(stored value, label) pairs, the form Django's `choices` take."""
        return [(option.value, option.label) for option in self.options]

    def value(self, member: str) -> str:
        return next(option.value for option in self.options if option.member == member)


def choices(name: str, *options: tuple[str, str, str], doc: str = "") -> ChoiceSet:
    return ChoiceSet(name, tuple(Option(*option) for option in options), doc)


@dataclass(frozen=True, slots=True)
class Normal:
    """The typical value or range a report prints beside a result, with its source key.

    `low` / `high` flag a number outside them; `text` is how the range is printed.
    """

    text: str
    source: str
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    name: str
    kind: Kind
    label: str
    # What the finding means, with its source keys: the engine's and the schema's description.
    about: str = ""
    # A hint shown under the input.
    help: str = ""
    bilateral: bool = False
    unit: str = ""
    low: float | None = None
    high: float | None = None
    decimals: int = 0
    # The engine reads counts and scores as whole numbers, measurements as real numbers.
    whole: bool = False
    choice_set: ChoiceSet | None = None
    max_length: int | None = None
    # Answers a reader should look at twice (the report flags them).
    unfavourable: tuple[str, ...] = ()
    empty_label: str = ""
    normal: Normal | None = None
    # clinical reference §0: low-reliability items are stored but never drive a rule on their own.
    drives_rules_alone: bool = True
    # The label of its limb symmetry index, for bilateral measures where more is better.
    lsi: str = ""
    # False for findings the engine does not read (free-text notes).
    in_snapshot: bool = True
    # Findings the snapshot groups into one object (e.g. "old_injuries"); their names start
    # with the group's prefix.
    group: str = ""

    @property
    def stored_names(self) -> tuple[str, ...]:
        """The model columns: `name`, or `name_left` and `name_right`."""
        if self.bilateral:
            return (f"{self.name}_left", f"{self.name}_right")
        return (self.name,)

    @property
    def valid_range(self) -> tuple[float, float] | None:
        return None if self.low is None else (self.low, self.high)


@dataclass(frozen=True, slots=True)
class SectionDeclaration:
    """One section of the evaluation: a model (`class_name`), a snapshot part and a form."""

    slug: str
    title: str
    snapshot_name: str
    class_name: str
    # How the snapshot and the schema describe the section.
    about: str
    findings: tuple[Finding, ...]
    doc: str = ""
    verbose_name: str = ""
    verbose_name_plural: str = ""
    group_about: dict = field(default_factory=dict)
    # An examination region: the report prints its findings as a table of rows.
    region: bool = True

    @property
    def table(self) -> str:
        """The database table Django gives the section's model."""
        return f"evaluations_{self.class_name.lower()}"

    def finding(self, name: str) -> Finding:
        return next(finding for finding in self.findings if finding.name == name)
