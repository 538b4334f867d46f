"""What a rule is and what it returns; shared by every pathway module."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from evaluations.plan.derived import Derived
from evaluations.plan.plan_types import (
    Gate,
    GateCriterion,
    GateStatus,
    OutcomeChange,
    PathwayMatch,
    Precaution,
    Reason,
    Referral,
)
from evaluations.plan.snapshot import FindingsSnapshot


@dataclass(frozen=True, slots=True)
class Rule:
    """A row of the rule table (docs/rules.md): id, what it is, evidence level and sources."""

    id: str
    title: str
    evidence_level: str
    source_keys: tuple[str, ...]

    def reason(self, text: str) -> Reason:
        return Reason(self.id, text, self.evidence_level, self.source_keys)

    def includes(self, text: str, *codes: str, note: str | None = None) -> tuple["Include", ...]:
        reason = self.reason(text)
        return tuple(Include(code, reason, note) for code in codes)

    def avoid(self, code: str, text: str, codes=(), tags=()) -> Precaution:
        """A precaution; its code keys the handout's plain words (reports/plain_language.py)."""
        return Precaution(
            self.id,
            code,
            text,
            frozenset(codes),
            frozenset(tags),
            self.evidence_level,
            self.source_keys,
        )

    def pathway(self, code: str, name: str, findings) -> PathwayMatch:
        return PathwayMatch(code, name, self.id, tuple(findings))


@dataclass(frozen=True, slots=True, eq=False)
class Include:
    """One rule asking for one item; identity-compared so static tuples stay cheap."""

    code: str
    reason: Reason
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Fired:
    """What a rule returns when its finding is present."""

    rule: Rule
    includes: tuple[Include, ...] = ()
    avoids: tuple[Precaution, ...] = ()
    pathway: PathwayMatch | None = None
    referrals: tuple[Referral, ...] = ()
    gate: Gate | None = None
    outcome_changes: tuple[OutcomeChange, ...] = ()


RuleFunction = Callable[[FindingsSnapshot, Derived], Fired | None]


def rule(meta: Rule):
    """Attach the rule's row to its function, so the engine can list and disable rules."""

    def attach(function: RuleFunction) -> RuleFunction:
        function.rule = meta
        return function

    return attach


# Rule results are immutable, so a rule may memoise its work on the findings it reads.
memo = lru_cache(maxsize=1024)


def criterion(text: str, value: bool | None, detail: str = "") -> GateCriterion:
    """A gate criterion from a tri-state finding: True met, False not met, None not measured."""
    if value is None:
        return GateCriterion(text, GateStatus.NOT_MEASURED, detail or "not measured yet")
    return GateCriterion(text, GateStatus.MET if value else GateStatus.NOT_MET, detail)


def gate(meta: Rule, name: str, criteria: tuple[GateCriterion, ...]) -> Gate:
    statuses = {c.status for c in criteria}
    if GateStatus.NOT_MET in statuses:
        status = GateStatus.NOT_MET
    elif GateStatus.NOT_MEASURED in statuses:
        status = GateStatus.NOT_MEASURED
    else:
        status = GateStatus.MET
    return Gate(meta.id, name, criteria, status)


def side_text(side) -> str:
    return f"the {side}" if side else "one side"
