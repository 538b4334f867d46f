"""The findings snapshot: everything the plan engine reads, as frozen dataclasses.

A value that was not tested or not asked is ``None`` — never ``False``, because "checked and
negative" is itself a finding. Bilateral items hold a left and a right value. The section
dataclasses and the answer enums are built when this module loads from the finding
declarations (evaluations/declarations), so a range, an answer or a new finding is written
there once. Each field's ``metadata`` carries its description and valid range; ``schema.py``
builds the JSON Schema from it.
"""

from dataclasses import dataclass, field, make_dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from evaluations import declarations as declared
from evaluations.declarations import answers

T = TypeVar("T")


def finding(description: str, **schema) -> Any:
    """A nullable finding with its description and JSON Schema constraints."""
    return field(default=None, metadata={"description": description, **schema})


def bilateral(description: str, **schema) -> Any:
    """A left/right pair of findings; both sides start as not measured."""
    return field(default=NOT_MEASURED, metadata={"description": description, **schema})


def section(cls, description: str) -> Any:
    return field(default_factory=cls, metadata={"description": description})


FINDINGS_SUFFIX = "Findings"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class VisitType(StrEnum):
    INITIAL = "initial"
    FOLLOW_UP = "follow_up"
    DISCHARGE = "discharge"


class RankedChoice(StrEnum):
    """Answers whose order means something (MMT grades): compare ``rank``, never average."""

    @property
    def rank(self) -> int:
        return type(self).ranks[self]


def choice_enum(choice_set: declared.ChoiceSet) -> type[StrEnum]:
    """The engine's enum of a declared answer set: same member names, same stored values."""
    base = RankedChoice if choice_set is answers.MMT_GRADE else StrEnum
    members = [(option.member, option.value) for option in choice_set.options]
    enum = base(choice_set.name, members, module=__name__)
    enum.__doc__ = choice_set.doc or f"The answers of {choice_set.name}."
    if base is RankedChoice:
        enum.ranks = {member: index for index, member in enumerate(enum)}
    return enum


ENUMS = {choice_set.name: choice_enum(choice_set) for choice_set in answers.ENGINE_ENUMS}
Provocation = ENUMS["Provocation"]
MmtGrade = ENUMS["MmtGrade"]
Onset = ENUMS["Onset"]
Mechanism = ENUMS["Mechanism"]
InjuryRegion = ENUMS["InjuryRegion"]
InjuryKind = ENUMS["InjuryKind"]
FaberResult = ENUMS["FaberResult"]
Landmark = ENUMS["Landmark"]
Direction = ENUMS["Direction"]
Severity = ENUMS["Severity"]


@dataclass(frozen=True, slots=True)
class Bilateral(Generic[T]):
    """One measure on both sides; either side may be missing."""

    left: T | None = None
    right: T | None = None

    def get(self, side: str) -> T | None:
        return self.left if side == Side.LEFT else self.right

    def values(self) -> tuple[T, ...]:
        return tuple(v for v in (self.left, self.right) if v is not None)


NOT_MEASURED = Bilateral()


def _value_type(finding: declared.Finding) -> Any:
    """The engine's type for one value of a finding (one side of a bilateral one)."""
    if finding.kind in declared.BOOLEAN_KINDS:
        return bool
    if finding.choice_set is not None:
        return ENUMS[finding.choice_set.name]
    if finding.kind == declared.Kind.MEASURE:
        return int if finding.whole else float
    return str


def _metadata(finding: declared.Finding) -> dict:
    """The description and JSON Schema constraints ``schema.py`` reads."""
    metadata = {"description": finding.about or finding.label}
    if finding.valid_range is not None:
        metadata |= {"minimum": finding.low, "maximum": finding.high}
    if finding.max_length is not None:
        metadata["maxLength"] = finding.max_length
    return metadata


def _dataclass(name: str, doc: str, specs: list) -> type:
    cls = make_dataclass(
        name, specs, frozen=True, slots=True, namespace={"__doc__": doc} if doc else None
    )
    cls.__module__ = __name__
    return cls


def group_dataclass(section: declared.SectionDeclaration, group: str, name: str) -> type:
    """One item of a group of findings: ``old_injury_year`` becomes ``OldInjury.year``."""
    members = [f for f in section.findings if f.group == group]
    prefix = f"{group.removesuffix('ies')}y_"
    specs = [
        (f.name.removeprefix(prefix), _value_type(f) | None, finding(**_metadata(f)))
        for f in members
    ]
    return _dataclass(name, "", specs)


def section_dataclass(section: declared.SectionDeclaration, groups: dict | None = None) -> type:
    """The snapshot part of a declared section: one field per finding the engine reads."""
    specs, seen_groups = [], set()
    for f in section.findings:
        if not f.in_snapshot:
            continue
        if f.group:
            if f.group not in seen_groups:
                seen_groups.add(f.group)
                item = (groups or {})[f.group]
                about = section.group_about.get(f.group, f.group)
                specs.append((f.group, tuple[item, ...] | None, finding(about)))
            continue
        kind = _value_type(f)
        if f.bilateral:
            specs.append((f.name, Bilateral[kind], bilateral(**_metadata(f))))
        else:
            specs.append((f.name, kind | None, finding(**_metadata(f))))
    # Named apart from the section's model (Hip → HipFindings): the same section, another layer.
    return _dataclass(section.class_name + FINDINGS_SUFFIX, section.doc, specs)


OldInjury = group_dataclass(declared.HISTORY, "old_injuries", "OldInjury")
HistoryFindings = section_dataclass(declared.HISTORY, {"old_injuries": OldInjury})
RedFlagScreenFindings = section_dataclass(declared.RED_FLAGS)
HipFindings = section_dataclass(declared.HIP)
PelvisFindings = section_dataclass(declared.PELVIS)
CoreFindings = section_dataclass(declared.CORE)
FootFindings = section_dataclass(declared.FOOT)
GaitFindings = section_dataclass(declared.GAIT)
NeuralFindings = section_dataclass(declared.NEURAL)
HamstringFindings = section_dataclass(declared.HAMSTRING)
FunctionTestsFindings = section_dataclass(declared.FUNCTION)
SECTION_CLASSES = {
    section.snapshot_name: globals()[section.class_name + FINDINGS_SUFFIX]
    for section in declared.SECTIONS
}


@dataclass(frozen=True, slots=True)
class OutcomeScores:
    nprs: int | None = finding("NPRS, 0–10 [NPRS].", minimum=0, maximum=10)
    lefs: int | None = finding("LEFS total, 0–80 [LEFS].", minimum=0, maximum=80)
    odi_percent: float | None = finding("Oswestry, percent [ODI].", minimum=0, maximum=100)
    psfs_mean: float | None = finding("PSFS mean, 0–10 [PSFS].", minimum=0, maximum=10)
    visa_h: int | None = finding("VISA-H total, 0–100 [VISA].", minimum=0, maximum=100)


@dataclass(frozen=True, slots=True)
class PreviousOutcomes(OutcomeScores):
    weeks_ago: float | None = finding(
        "Weeks between the previous scores and these.", minimum=0, maximum=520
    )


FindingsSnapshot = _dataclass(
    "FindingsSnapshot",
    "",
    [
        ("age", int | None, finding("Patient age in years.", minimum=0, maximum=120)),
        (
            "symptomatic_side",
            Side | None,
            finding("Side of the symptoms; 'both' if bilateral."),
        ),
        ("visit_type", VisitType | None, finding("Initial, follow-up or discharge visit.")),
        *(
            (name, cls, section(cls, declared.SECTION_BY_SNAPSHOT_NAME[name].about))
            for name, cls in SECTION_CLASSES.items()
        ),
        ("outcomes", OutcomeScores, section(OutcomeScores, "Outcome scores at this visit.")),
        (
            "previous_outcomes",
            PreviousOutcomes | None,
            finding("Outcome scores from an earlier visit, for the follow-up rule R24."),
        ),
    ],
)
