"""build_plan(snapshot, library) -> Plan: the rules R0–R24 applied to one findings snapshot.

Pure and cheap: no Django, no I/O, no validation in the hot path. Pass a ``Library`` built
once to reuse its index across many plans.
"""

from collections.abc import Iterable
from dataclasses import replace

from evaluations.plan.derived import derive
from evaluations.plan.library import Library, LibraryExercise, as_library
from evaluations.plan.plan_types import (
    EVIDENCE_LEVELS,
    ItemKind,
    Plan,
    PrescribedItem,
    RemovedItem,
)
from evaluations.plan.prescription import (
    HOME_LIMIT_DEFAULT,
    HOME_LIMIT_MAX,
    HOME_LIMIT_MIN,
    HOME_LIMIT_RANGE,
    capacity_facts,
    prescribe,
    rule_sides,
)
from evaluations.plan.rules import PICTURE_RULES, RULES, SCREEN
from evaluations.plan.rules.base import Include
from evaluations.plan.rules.cross_checks import red_flag_prompts
from evaluations.plan.rules.manual_therapy import (
    JOINT_TECHNIQUES,
    MT,
    PENDING_SCREEN,
    screen_not_clear,
)
from evaluations.plan.rules.red_flags import screen_warnings
from evaluations.plan.snapshot import FindingsSnapshot
from evaluations.plan.stages import decide_stages

MISSING_FROM_LIBRARY = "Not in this clinic's exercise library (inactive or deleted)."
NO_HOME_WHILE_BLOCKED = "No home programme while a red flag is open: see the referral."
BLOCKED = "Red flag {code} ({urgency}): {criteria}. {action} No exercise plan until it is resolved."
_RANK = {level: rank for rank, level in enumerate(EVIDENCE_LEVELS)}
# Rules build their requests once at import, so the memo stays small; the cap is a backstop.
ITEM_CACHE_LIMIT = 20_000
# R19's gate is not shown while a pathway forbids running now (the walk–run progression).
RUNNING = "walk_run_progression"


def build_plan(
    snapshot: FindingsSnapshot,
    library: Library | Iterable[LibraryExercise],
    *,
    disabled_rules: frozenset[str] = frozenset(),
    home_limit: int = HOME_LIMIT_DEFAULT,
) -> Plan:
    """The plan for one snapshot; ``disabled_rules`` switches off rules such as R10, and
    ``home_limit`` is the clinic's home-programme size (3–6)."""
    if not HOME_LIMIT_MIN <= home_limit <= HOME_LIMIT_MAX:
        raise ValueError(HOME_LIMIT_RANGE)
    library = as_library(library)
    derived = derive(snapshot)
    warnings = screen_warnings(snapshot)
    prompts = red_flag_prompts(snapshot)
    screen = SCREEN(snapshot, derived)
    referrals = screen.referrals if screen else ()
    blocking = [referral for referral in referrals if referral.blocking]
    if blocking:
        return Plan(
            blocked=True,
            block_reasons=tuple(
                BLOCKED.format(
                    code=r.code, urgency=r.urgency, criteria=", ".join(r.criteria), action=r.action
                )
                for r in blocking
            ),
            referrals=referrals,
            pathways=(),
            items=(),
            precautions=(),
            removed=(),
            gates=(),
            outcome_changes=(),
            differentiation=derived.differentiation,
            warnings=warnings,
            home_limit=home_limit,
            home_empty_reason=NO_HOME_WHILE_BLOCKED,
            prompts=prompts,
        )
    fired = []
    for function in RULES:
        if function.rule.id not in disabled_rules:
            result = function(snapshot, derived)
            if result is not None:
                fired.append(result)
    wanted: dict[str, list[Include]] = {}
    by_code, by_tag, precautions = {}, {}, []
    for result in fired:
        for include in result.includes:
            code = include.code
            if code in wanted:
                wanted[code].append(include)
            else:
                wanted[code] = [include]
        for precaution in result.avoids:
            precautions.append(precaution)
            for code in precaution.codes:
                by_code.setdefault(code, []).append(precaution)
            for tag in precaution.tags:
                by_tag.setdefault(tag, []).append(precaution)
    pending = _pending_screen(snapshot, wanted, library.entries)
    items, removed = [], []
    entries, cache = library.entries, library.item_cache
    if len(cache) > ITEM_CACHE_LIMIT:
        cache.clear()
    fired_precautions = tuple(precautions)
    for code, includes in wanted.items():
        entry = entries.get(code)
        key = tuple(includes)
        if entry is None:
            removed.append(
                RemovedItem(code, code, _rule_ids(includes), (), (MISSING_FROM_LIBRARY,))
            )
        elif code in by_code or (by_tag and not by_tag.keys().isdisjoint(entry.tags)):
            removed_key = (key, fired_precautions)
            item = cache.get(removed_key)
            if item is None:
                item = cache[removed_key] = _removed(entry, includes, by_code, by_tag)
            removed.append(item)
        else:
            item = cache.get(key)
            if item is None:
                item = cache[key] = _plan_item(entry, includes)
            items.append(item)
    gates = {result.rule.id: result.gate for result in fired if result.gate}
    if any(RUNNING in precaution.codes for precaution in fired_precautions):
        gates.pop("R19", None)
    stages = decide_stages(snapshot, derived, gates)
    capacity = capacity_facts(snapshot, gates, wanted, library.ladders)
    sides = rule_sides(snapshot, derived, [result.rule.id for result in fired])
    # The prescription depends only on these, and items and precautions are memoised
    # objects, so identical inputs share one prescription.
    key = (
        "prescription",
        tuple(map(id, items)),
        tuple(map(id, fired_precautions)),
        tuple((stage.pathway, stage.number) for stage in stages),
        capacity,
        sides,
        home_limit,
    )
    prescription = cache.get(key)
    if prescription is None:
        prescription = cache[key] = prescribe(
            items,
            entries=entries,
            precautions=fired_precautions,
            stages=stages,
            capacity=capacity,
            sides=sides,
            home_limit=home_limit,
            ladders=library.ladders,
        )
    provisional_rules = _provisional_rules(derived.differentiation)
    return Plan(
        blocked=False,
        block_reasons=(),
        referrals=referrals + tuple(r for result in fired for r in result.referrals),
        pathways=_mark_provisional(
            tuple(result.pathway for result in fired if result.pathway),
            provisional_rules,
            derived.differentiation,
        ),
        items=prescription.items,
        precautions=fired_precautions,
        removed=tuple(removed),
        gates=tuple(gates.values()),
        outcome_changes=tuple(c for result in fired for c in result.outcome_changes),
        differentiation=derived.differentiation,
        warnings=warnings,
        stages=stages,
        held_back=prescription.held_back,
        home_limit=home_limit,
        home_empty_reason=prescription.home_empty_reason,
        prompts=prompts,
        pending=pending,
        provisional_rules=provisional_rules,
    )


def _pending_screen(snapshot, wanted: dict, entries) -> tuple[RemovedItem, ...]:
    """MT: take joint techniques out of ``wanted`` while the screen that clears them is open."""
    asked = [code for code in JOINT_TECHNIQUES if code in wanted]
    if not asked:
        return ()
    open_questions = screen_not_clear(snapshot)
    if not open_questions:
        return ()
    reason = PENDING_SCREEN.format(count=len(open_questions))
    pending = []
    for code in asked:
        entry = entries.get(code)
        name = entry.name if entry is not None else code
        pending.append(RemovedItem(code, name, _rule_ids(wanted.pop(code)), (MT.id,), (reason,)))
    return tuple(pending)


def _provisional_rules(differentiation) -> tuple[str, ...]:
    """DX: the rules of each picture the signs show, while another is not yet told apart."""
    if not differentiation.provisional:
        return ()
    shown = (
        ("neural", differentiation.neural),
        ("tendinopathy", differentiation.tendinopathy),
        ("acute_strain", differentiation.acute_strain),
    )
    return tuple(rule for picture, signs in shown if signs for rule in PICTURE_RULES[picture])


def _mark_provisional(pathways, provisional_rules, differentiation) -> tuple:
    if not provisional_rules:
        return pathways
    text = differentiation.not_distinguished_text
    return tuple(
        replace(pathway, provisional=text) if pathway.rule_id in provisional_rules else pathway
        for pathway in pathways
    )


def _plan_item(entry, includes: list[Include]) -> PrescribedItem:
    reasons = _unique(include.reason for include in includes)
    sources = []
    for reason in reasons:
        sources += reason.source_keys
    sources += entry.source_keys
    exercise = isinstance(entry, LibraryExercise)
    return PrescribedItem(
        code=entry.code,
        kind=ItemKind.EXERCISE if exercise else entry.kind,
        name=entry.name,
        plain_name=entry.plain_name,
        pillar=entry.pillar,
        dosing=entry.dosing,
        notes=_unique(include.note for include in includes if include.note),
        cautions=entry.cautions,
        rule_ids=_rule_ids(includes),
        reasons=reasons,
        evidence_level=_evidence(entry, reasons),
        source_keys=_unique(sources),
    )


def _evidence(entry, reasons) -> str:
    """§9: the weaker of the strongest rule's level and the exercise's own level."""
    rule_level = min((reason.evidence_level for reason in reasons), key=_RANK.__getitem__)
    own = getattr(entry, "evidence_level", rule_level)
    return max(rule_level, own, key=_RANK.__getitem__)


def _removed(entry, includes: list[Include], by_code: dict, by_tag: dict) -> RemovedItem:
    blockers = list(by_code.get(entry.code, ()))
    for tag in entry.tags:
        blockers += by_tag.get(tag, ())
    return RemovedItem(
        entry.code,
        entry.name,
        _rule_ids(includes),
        _unique(p.rule_id for p in blockers),
        _unique(p.text for p in blockers),
    )


def _rule_ids(includes: list[Include]) -> tuple[str, ...]:
    return _unique(include.reason.rule_id for include in includes)


def _unique(values) -> tuple:
    return tuple(dict.fromkeys(values))
