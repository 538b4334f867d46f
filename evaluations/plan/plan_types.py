"""What the engine returns: a Plan and its parts, frozen, each with ``to_dict()`` for JSON."""

from dataclasses import dataclass, fields, is_dataclass
from enum import Enum, StrEnum

from evaluations.plan.derived import Differentiation

PILLARS = {
    1: "Whole-body evaluation",
    2: "Manual therapy",
    3: "Strengthening the right areas",
    4: "Teaching better movement patterns",
    5: "Progression back to activities",
}
# Strongest first; "low" marks practice sites and blogs (clinical reference §8: keys marked low).
EVIDENCE_LABELS = {
    "CPG": "Clinical practice guideline",
    "RCT": "Randomised trial",
    "cohort": "Cohort study",
    "expert": "Expert opinion",
    "low": "Low / practice-level",
}
EVIDENCE_LEVELS = tuple(EVIDENCE_LABELS)
# Every page and document marks these levels, so nobody reads them as established.
WEAK_EVIDENCE_LEVELS = ("expert", "low")
DISCLAIMER = (
    "This plan supports clinical decisions; it does not replace the judgement of the treating "
    "physical therapist."
)


class Urgency(StrEnum):
    EMERGENCY = "emergency"
    URGENT = "urgent"
    ROUTINE = "routine"


class GateStatus(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_MEASURED = "not_measured"


# How a gate or a criterion status reads on the plan page, the report and the text output.
GATE_STATUS_LABELS = {
    GateStatus.MET: "met",
    GateStatus.NOT_MET: "not met",
    GateStatus.NOT_MEASURED: "not measured yet",
}


class Part(StrEnum):
    """Where an item of the prescription belongs (clinical reference §9)."""

    HOME = "home"
    EDUCATION = "education"
    CLINIC = "clinic"
    LATER = "later"


PART_TITLES = {
    Part.HOME: "Home programme",
    Part.EDUCATION: "Education",
    Part.CLINIC: "In clinic",
    Part.LATER: "Later",
}


class ItemKind(StrEnum):
    EXERCISE = "exercise"
    MANUAL_THERAPY = "manual_therapy"
    EDUCATION = "education"
    ASSESSMENT = "assessment"


def to_plain(value):
    """Dataclasses, enums, tuples and sets as JSON-ready dicts, strings and lists."""
    if is_dataclass(value):
        return {f.name: to_plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(to_plain(v) for v in value)
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return value


class _ToDict:
    __slots__ = ()

    def to_dict(self) -> dict:
        return to_plain(self)


@dataclass(frozen=True, slots=True)
class Reason(_ToDict):
    """Why one rule wants an item, in plain words."""

    rule_id: str
    text: str
    evidence_level: str
    source_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Referral(_ToDict):
    code: str
    rule_id: str
    urgency: Urgency
    blocking: bool
    criteria: tuple[str, ...]
    action: str
    source_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RedFlagPrompt(_ToDict):
    """Recorded findings that point at red-flag questions answered no or not asked yet.

    The note cannot be signed until the clinician answers ``questions`` again, knowing
    ``findings`` (services/red_flag_prompts.py keeps that answer, tied to these findings).
    """

    rule_id: str
    flag: str
    findings: tuple[str, ...]
    questions: tuple[str, ...]
    reason: str
    source_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PathwayMatch(_ToDict):
    code: str
    name: str
    rule_id: str
    findings: tuple[str, ...]
    # "Not yet distinguished from …: test …" while the picture is provisional; else empty.
    provisional: str = ""


@dataclass(frozen=True, slots=True)
class PrescribedItem(_ToDict):
    code: str
    kind: ItemKind
    name: str
    plain_name: str
    pillar: int
    dosing: str
    notes: tuple[str, ...]
    cautions: str
    rule_ids: tuple[str, ...]
    reasons: tuple[Reason, ...]
    evidence_level: str
    source_keys: tuple[str, ...]
    # The prescription (plan/prescription.py) fills these in.
    part: Part = Part.HOME
    side: str = ""
    stage: str = ""
    next_step: str = ""
    patient_next_step: str = ""
    conflicts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Stage(_ToDict):
    """The stage of one active pathway, why, and which tests would decide it if unknown."""

    pathway: str
    pathway_name: str
    number: int
    name: str
    reason: str
    to_decide: str


@dataclass(frozen=True, slots=True, eq=False)
class Precaution(_ToDict):
    """An avoid-item: removes the listed exercise codes and exercises with the listed tags.

    Rules build their precautions once; identity equality keeps the engine's memo cheap.
    """

    rule_id: str
    code: str
    text: str
    codes: frozenset[str]
    tags: frozenset[str]
    evidence_level: str
    source_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RemovedItem(_ToDict):
    code: str
    name: str
    wanted_by: tuple[str, ...]
    removed_by: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GateCriterion(_ToDict):
    text: str
    status: GateStatus
    detail: str


@dataclass(frozen=True, slots=True)
class Gate(_ToDict):
    rule_id: str
    name: str
    criteria: tuple[GateCriterion, ...]
    status: GateStatus


@dataclass(frozen=True, slots=True)
class OutcomeChange(_ToDict):
    measure: str
    previous: float
    current: float
    change: float
    important: bool


@dataclass(frozen=True, slots=True)
class Plan:
    blocked: bool
    block_reasons: tuple[str, ...]
    referrals: tuple[Referral, ...]
    pathways: tuple[PathwayMatch, ...]
    items: tuple[PrescribedItem, ...]
    precautions: tuple[Precaution, ...]
    removed: tuple[RemovedItem, ...]
    gates: tuple[Gate, ...]
    outcome_changes: tuple[OutcomeChange, ...]
    differentiation: Differentiation
    warnings: tuple[str, ...]
    stages: tuple[Stage, ...] = ()
    # Ladder levels beyond the next one: indicated, but not for now.
    held_back: tuple[RemovedItem, ...] = ()
    home_limit: int = 4
    home_empty_reason: str = ""
    # Red-flag questions the findings point at (R0a–R0e); they never block the plan.
    prompts: tuple[RedFlagPrompt, ...] = ()
    # Items that wait for part of the red-flag screen (MT: joint mobilisation).
    pending: tuple[RemovedItem, ...] = ()
    # The rules of a picture not yet told apart from the others (DX): their items are
    # provisional.
    provisional_rules: tuple[str, ...] = ()

    def is_provisional(self, item) -> bool:
        return bool(item.rule_ids) and set(item.rule_ids) <= set(self.provisional_rules)

    def item(self, code: str) -> PrescribedItem | None:
        return next((item for item in self.items if item.code == code), None)

    def pillar_items(self, pillar: int) -> tuple[PrescribedItem, ...]:
        return tuple(item for item in self.items if item.pillar == pillar)

    def part_items(self, part: Part) -> tuple[PrescribedItem, ...]:
        return tuple(item for item in self.items if item.part == part)

    def to_dict(self) -> dict:
        plain = to_plain(self)
        items = plain.pop("items")
        plain["pillars"] = [
            {
                "pillar": number,
                "name": name,
                "items": [item for item in items if item["pillar"] == number],
            }
            for number, name in PILLARS.items()
        ]
        plain["disclaimer"] = DISCLAIMER
        return plain
