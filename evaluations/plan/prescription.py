"""From the indicated items to a prescription (clinical reference §9): what the patient does now.

Each ladder gives only its current level (the one that fits the stage and the measured
capacity); the next level is listed for later with its criterion, the levels beyond it are
held back. The current items are split into the home programme (the highest priority, at
most ``home_limit``), education (not counted) and the clinic; every item names its side and
shows the dosing and cautions of its own pathway and stage.
"""

from dataclasses import dataclass, replace

from evaluations.plan.derived import LSI_THRESHOLD, Derived, limb_symmetry
from evaluations.plan.ladders import LadderIndex, Level
from evaluations.plan.library import LibraryExercise
from evaluations.plan.plan_types import (
    EVIDENCE_LEVELS,
    GateStatus,
    ItemKind,
    Part,
    PrescribedItem,
    Reason,
    RemovedItem,
    Stage,
)
from evaluations.plan.rules.base import memo
from evaluations.plan.rules.hip import BRIDGE_POOR_BELOW, weak_sides
from evaluations.plan.snapshot import Bilateral, FindingsSnapshot, Side
from evaluations.plan.stage_text import dosing_for, for_stage
from evaluations.plan.stages import ACUTE_STRAIN, NERVE, PERMITS_ONLY, TENDINOPATHY

# §9 and issue 14: 4 by default; a clinic may choose 3 to 6.
HOME_LIMIT_DEFAULT, HOME_LIMIT_MIN, HOME_LIMIT_MAX = 4, 3, 6
HOME_LIMIT_RANGE = f"The home programme limit must be {HOME_LIMIT_MIN} to {HOME_LIMIT_MAX}."
NOTHING_INDICATED = "No exercise is indicated by the findings recorded so far."
ALL_IN_CLINIC = "Every exercise indicated now needs the clinic (equipment or supervision)."
HELD_BACK_AFTER = "A later level of the {ladder} ladder: after {after}."
HELD_BACK_BEFORE = "An earlier level of the {ladder} ladder: the patient already manages {at}."
HELD_BACK_BY = "ladder"
NEXT_STEP = "Next: {name}, when: {criterion}"
# The handout's words for the same step: the criterion is clinical (gates, doses), and the
# therapist checks it, so the patient reads the exercise's plain name and who decides.
PATIENT_NEXT_STEP = "{name}, when your therapist says you are ready."
WHEN = "When: {criterion}"
NO_CRITERION = "the current level is easy and pain-free."
NEXT_REASON = "The next level of the {ladder} ladder, after {current}."

# §9's priority: the primary picture (acute strain, tendinopathy, nerve) first, then the
# SIJ / lumbopelvic picture, then contributing factors (hip, foot, gait, sitting, and the
# hamstring's history and length: R8, R23).
RULE_TIER = {
    **dict.fromkeys(("R1", "R2", "R3", "R4", "R5", "R6", "R7"), 1),
    **dict.fromkeys(("R13", "R14", "R15", "R16"), 2),
}
CONTRIBUTING_TIER = 3
# At equal priority, strength and movement come before conditioning and return to activity
# (pillar 5): those are the progression, the others the treatment.
ACTIVITY_PILLAR = 5
STAGED_RULES = {
    "R1": TENDINOPATHY,
    "R2": TENDINOPATHY,
    "R3": NERVE,
    "R4": NERVE,
    "R5": ACUTE_STRAIN,
}
# Exercises taught as education: they change the day, they are not sets and reps.
EDUCATION_CODES = frozenset({"sitting_breaks"})
# Exercises done in clinic, and why: equipment or supervision.
CLINIC_CODES = {
    "drawing_in_pbu": "needs the pressure biofeedback unit",
    "hip_thrust": "loaded: needs a bar or a machine",
    "nordic_curl": "needs a partner or a device; the first weeks supervised",
    "agility_drills": "intensity set and watched by the therapist",
}
# A side means something for what the body does; advice and assessments have none.
SIDED_KINDS = frozenset((ItemKind.EXERCISE, ItemKind.MANUAL_THERAPY))
_RANK = {level: rank for rank, level in enumerate(EVIDENCE_LEVELS)}


@dataclass(frozen=True, slots=True)
class Prescription:
    items: tuple[PrescribedItem, ...]
    held_back: tuple[RemovedItem, ...]
    home_empty_reason: str


def stage_allows(code: str, stage_by: dict, stage_limits: dict) -> bool:
    """False when an active pathway is below a stage the exercise needs (§4's phase marks);
    ``stage_limits`` is the library's ``LadderIndex.stage_limits``."""
    return all(
        stage_by.get(limit.pathway, limit.stage) >= limit.stage
        for limit in stage_limits.get(code, ())
    )


def capacity_facts(snapshot: FindingsSnapshot, gates: dict, wanted, ladders: LadderIndex) -> int:
    """The ladder checks of the wanted levels the findings meet, as a bit mask over the
    library's ``ladders.checks``; unknown counts as not met."""
    asked = 0
    check_mask = ladders.check_mask
    for code in check_mask.keys() & wanted:
        asked |= check_mask[code]
    if not asked:
        return 0
    side = snapshot.symptomatic_side
    met = 0
    for bit, check in enumerate(ladders.checks):
        if not asked >> bit & 1:
            continue
        if check.kind == "gate":
            gate = gates.get(check.subject)
            ok = gate is not None and gate.status == GateStatus.MET
        else:
            value = ladders.getters[check](snapshot)
            if isinstance(value, Bilateral):
                value = value.get(side) if side in (Side.LEFT, Side.RIGHT) else _weaker(value)
            ok = (
                value is True
                if check.kind == "flag"
                else (value is not None and value >= check.value)
            )
        if ok:
            met |= 1 << bit
    return met


def _weaker(pair: Bilateral):
    values = pair.values()
    return min(values) if len(values) == 2 else None


PAINFUL_SIDE_RULES = frozenset(("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R22", "R23"))


def rule_sides(snapshot: FindingsSnapshot, derived: Derived, rule_ids) -> tuple:
    """(rule id, sides) for each of ``rule_ids`` whose finding is on one side or both; rules
    about the trunk or the whole body have none."""
    painful = snapshot.symptomatic_side
    if painful == Side.BOTH:
        painful_sides = frozenset((Side.LEFT, Side.RIGHT))
    elif painful in (Side.LEFT, Side.RIGHT):
        painful_sides = frozenset((painful,))
    else:
        painful_sides = frozenset()
    sides = []
    for rule_id in rule_ids:
        if rule_id in PAINFUL_SIDE_RULES:
            found = painful_sides
        elif rule_id in SIDE_FINDERS:
            found = SIDE_FINDERS[rule_id](snapshot, derived, painful, painful_sides)
        else:
            continue
        if found:
            sides.append((rule_id, found))
    return tuple(sides)


def _hip_extensor_sides(snapshot, derived, painful, painful_sides) -> frozenset:
    hip, hamstring = snapshot.hip, snapshot.hamstring
    return _extensors(hip.mmt_hip_extensors, hamstring.single_leg_bridge_reps, painful) or (
        painful_sides
    )


@memo
def _extensors(mmt: Bilateral, bridges: Bilateral, painful) -> frozenset:
    weak = _weak(mmt) | {
        side
        for side in (Side.LEFT, Side.RIGHT)
        if (reps := bridges.get(side)) is not None and reps < BRIDGE_POOR_BELOW
    }
    return frozenset((painful,)) if painful in weak else frozenset(weak)


def _hip_flexor_sides(snapshot, derived, painful, painful_sides) -> frozenset:
    hip = snapshot.hip
    return _flexors(hip.mmt_hip_flexors, hip.hhd_hip_flexors_n)


@memo
def _flexors(mmt: Bilateral, hhd: Bilateral) -> frozenset:
    return frozenset(_weak(mmt) | _lower_side(hhd))


def _thomas_sides(snapshot, derived, painful, painful_sides) -> frozenset:
    hip = snapshot.hip
    return _thomas(hip.thomas_positive, hip.thomas_hip_angle)


@memo
def _thomas(positive: Bilateral, angle: Bilateral) -> frozenset:
    return frozenset(
        side for side in (Side.LEFT, Side.RIGHT) if positive.get(side) or (angle.get(side) or 0) > 0
    )


def _trendelenburg_sides(snapshot, derived, painful, painful_sides) -> frozenset:
    pair = snapshot.gait.trendelenburg
    return frozenset(side for side in (Side.LEFT, Side.RIGHT) if pair.get(side))


def _side_bridge_sides(snapshot, derived, painful, painful_sides) -> frozenset:
    weak_side = derived.mcgill.weak_side
    return frozenset((weak_side,)) if weak_side else frozenset()


def _calf_sides(snapshot, derived, painful, painful_sides) -> frozenset:
    found = (derived.lsi("foot.heel_raise_count"), derived.lsi("foot.knee_to_wall_cm"))
    return frozenset(f.involved_side for f in found if f is not None and f.below_threshold)


SIDE_FINDERS = {
    "R9": _hip_extensor_sides,
    "R10": _hip_flexor_sides,
    "R11": _thomas_sides,
    "R12": _trendelenburg_sides,
    "R15": _side_bridge_sides,
    "R18": _calf_sides,
}


def _weak(pair: Bilateral) -> set:
    return set(weak_sides(pair))


def _lower_side(pair: Bilateral) -> set:
    found = limb_symmetry(pair, None)
    return {found[0]} if found is not None and found[3] < LSI_THRESHOLD else set()


def side_of(rule_ids, sides: dict) -> str:
    found = set()
    for rule_id in rule_ids:
        found |= sides.get(rule_id, frozenset())
    if len(found) == 2:
        return Side.BOTH.value
    return next(iter(found)).value if found else ""


def prescribe(
    items: list[PrescribedItem],
    *,
    entries: dict,
    precautions: tuple,
    stages: tuple[Stage, ...],
    capacity: int,
    sides: tuple,
    home_limit: int,
    ladders: LadderIndex,
) -> Prescription:
    """The plan's items as a prescription; pure, so the engine memoises it by its inputs
    (per library: ``ladders`` is the library's, and ``capacity`` a mask over its checks)."""
    capacity = frozenset(check for bit, check in enumerate(ladders.checks) if capacity >> bit & 1)
    sides = dict(sides)
    stage_by = {stage.pathway: stage.number for stage in stages}
    stage_key = tuple(sorted(stage_by.items()))
    stage_labels = [
        (stage.pathway, f"{stage.pathway_name.lower()} {stage.name}") for stage in stages
    ]
    wanted = {item.code: item for item in items}
    current, later, held = {}, {}, {}
    next_steps, patient_next_steps = {}, {}
    rungs = []
    for ladder in ladders.ladders:
        if ladder.pathway and ladder.pathway not in stage_by:
            continue
        levels = [level for level in ladder.levels if level.code in entries]
        indicated = [level for level in levels if level.code in wanted]
        if not indicated:
            continue
        allowed = [
            level for level in indicated if stage_allows(level.code, stage_by, ladders.stage_limits)
        ]
        on_rung = _current_levels(allowed, capacity, stage_by) if allowed else []
        for level in on_rung:
            current.setdefault(level.code, set()).add(ladder.code)
        rungs.append((ladder, levels, indicated, on_rung))
    for ladder, levels, indicated, on_rung in rungs:
        if on_rung:
            # The next level is one not prescribed now. A level a precaution rules out by
            # its kind (a lengthening exercise in tendinopathy) is stepped over; one held
            # back by name until a gate is met (the walk–run progression) stays the next.
            above = [
                level
                for level in levels
                if level.rung > on_rung[0].rung and level.code not in current
            ]
            suitable = [
                level for level in above if not _excluded_kind(level.code, entries, precautions)
            ]
            step = _first_rung(suitable or above, wanted)
        else:
            step = indicated[0]
        if step is not None:
            criterion = _criterion(step.criterion, stage_key)
            later.setdefault(step.code, (ladder, criterion, on_rung))
            for level in on_rung:
                next_steps.setdefault(
                    level.code, NEXT_STEP.format(name=entries[step.code].name, criterion=criterion)
                )
                patient_next_steps.setdefault(
                    level.code,
                    PATIENT_NEXT_STEP.format(
                        name=entries[step.code].plain_name or entries[step.code].name
                    ),
                )
        chosen = {level.code for level in on_rung} | {step.code if step else None}
        for level in indicated:
            if level.code not in chosen:
                before = on_rung and level.rung < on_rung[0].rung
                text = (HELD_BACK_BEFORE if before else HELD_BACK_AFTER).format(
                    ladder=ladder.name.lower(),
                    at=entries[on_rung[0].code].name if before else "",
                    after=entries[step.code].name if step else "",
                )
                held.setdefault(level.code, text)
    for item in items:
        # Stage limits belong to ladder levels, so an item on no ladder is current.
        if item.code not in ladders.ladders_of:
            current[item.code] = set()
    for code in current:
        later.pop(code, None)
        held.pop(code, None)
    for code in later:
        held.pop(code, None)

    built = []
    for order, item in enumerate(items):
        if item.code in current:
            built.append(
                (
                    order,
                    _staged(
                        item,
                        stage_key,
                        stage_labels,
                        sides,
                        precautions,
                        entries,
                        next_steps.get(item.code, ""),
                        patient_next_steps.get(item.code, ""),
                    ),
                )
            )
    for code, (ladder, criterion, below) in later.items():
        source = wanted.get(code)
        if source is None:
            source = _next_item(entries[code], wanted[below[0].code], ladder)
        staged = _staged(source, stage_key, stage_labels, sides, precautions, entries, "", "")
        built.append(
            (
                len(items),
                replace(staged, part=Part.LATER, next_step=WHEN.format(criterion=criterion)),
            )
        )
    ranked = sorted(built, key=lambda pair: _priority(pair[1], pair[0]))
    home, rest = _home(ranked, home_limit, current)
    held_back = tuple(
        RemovedItem(code, entries[code].name, wanted[code].rule_ids, (HELD_BACK_BY,), (text,))
        for code, text in held.items()
    )
    reason = ""
    if not home:
        reason = (
            ALL_IN_CLINIC
            if any(i.part == Part.CLINIC and i.kind == ItemKind.EXERCISE for i in rest)
            else NOTHING_INDICATED
        )
    order = {Part.HOME: 0, Part.EDUCATION: 1, Part.CLINIC: 2, Part.LATER: 3}
    rest.sort(key=lambda item: order[item.part])
    return Prescription(tuple(home + rest), held_back, reason)


def _enters_stage(level: Level, stage_by: dict) -> bool:
    """The level is the one a pathway's current stage starts at (stage 2's first exercise)."""
    return any(
        stage_by.get(limit.pathway) == limit.stage and limit.pathway not in PERMITS_ONLY
        for limit in level.stage_limits
    )


def _current_levels(allowed: list[Level], capacity: frozenset, stage_by: dict) -> list[Level]:
    """The current rung: the lowest allowed level, or the first level of the pathway's
    current stage, or higher when a measured result shows the patient already manages it.

    When that rung needs the clinic's equipment, the highest home level below it comes along
    (box bridges beside loaded hip thrusts); at the bottom of a ladder, the first home level
    above it (the pressure unit teaches the drawing-in, the dead bug practises it at home).
    """
    entry = [level for level in allowed if _enters_stage(level, stage_by)]
    top = entry[0] if entry else allowed[0]
    for level in allowed:
        if level.rung > top.rung and not capacity.isdisjoint(level.capacity):
            top = level
    on_rung = [level for level in allowed if level.rung == top.rung]
    if all(level.code in CLINIC_CODES for level in on_rung):
        home = [level for level in allowed if level.code not in CLINIC_CODES]
        below = [level for level in home if level.rung < top.rung]
        above = [level for level in home if level.rung > top.rung]
        on_rung += below[-1:] or above[:1]
    return on_rung


def _criterion(text: str, stage_key) -> str:
    return for_stage(text, stage_key) or NO_CRITERION


def _excluded_kind(code: str, entries: dict, precautions) -> bool:
    tags = set(getattr(entries.get(code), "tags", ()))
    return any(not p.tags.isdisjoint(tags) for p in precautions)


def _conflicts(code: str, entries: dict, precautions) -> tuple[str, ...]:
    tags = set(getattr(entries.get(code), "tags", ()))
    return tuple(
        dict.fromkeys(p.text for p in precautions if code in p.codes or not p.tags.isdisjoint(tags))
    )


def _first_rung(levels: list[Level], wanted: dict) -> Level | None:
    if not levels:
        return None
    rung = [level for level in levels if level.rung == levels[0].rung]
    return next((level for level in rung if level.code in wanted), rung[0])


def _priority(item: PrescribedItem, order: int) -> tuple:
    tier = min(
        (RULE_TIER.get(rule_id, CONTRIBUTING_TIER) for rule_id in item.rule_ids),
        default=CONTRIBUTING_TIER,
    )
    activity = item.pillar == ACTIVITY_PILLAR
    return (tier, -len(item.rule_ids), activity, _RANK.get(item.evidence_level, len(_RANK)), order)


def _home(ranked, limit: int, current: dict) -> tuple[list, list]:
    """The home programme: best first, one item per ladder before a second from any ladder."""
    candidates = [item for _, item in ranked if item.part == Part.HOME]
    home, used, skipped = [], set(), []
    for item in candidates:
        ladders = current.get(item.code, set())
        if len(home) < limit and ladders.isdisjoint(used):
            home.append(item)
            used |= ladders
        else:
            skipped.append(item)
    for item in list(skipped):
        if len(home) < limit:
            home.append(item)
            skipped.remove(item)
    chosen = {id(item) for item in home}
    rest = [
        item if item.part != Part.HOME or id(item) in chosen else replace(item, part=Part.CLINIC)
        for _, item in ranked
        if id(item) not in chosen
    ]
    return home, rest


def _part(item: PrescribedItem) -> Part:
    if item.kind == ItemKind.EDUCATION or item.code in EDUCATION_CODES:
        return Part.EDUCATION
    if item.kind != ItemKind.EXERCISE or item.code in CLINIC_CODES:
        return Part.CLINIC
    return Part.HOME


def _staged(
    item, stage_key, stage_labels, sides, precautions, entries, next_step, patient_next_step
) -> PrescribedItem:
    conflicts = _conflicts(item.code, entries, precautions)
    labels = [
        label
        for pathway, label in stage_labels
        if any(STAGED_RULES.get(rule_id) == pathway for rule_id in item.rule_ids)
    ]
    side = side_of(item.rule_ids, sides) if item.kind in SIDED_KINDS else ""
    return replace(
        item,
        part=_part(item),
        side=side,
        stage=", ".join(labels),
        dosing=dosing_for(item.dosing, stage_key, side),
        cautions=for_stage(item.cautions, stage_key),
        next_step=next_step,
        patient_next_step=patient_next_step,
        conflicts=conflicts,
    )


def _next_item(entry, source: PrescribedItem, ladder) -> PrescribedItem:
    reason = Reason(
        source.rule_ids[0],
        NEXT_REASON.format(ladder=ladder.name.lower(), current=source.name),
        source.reasons[0].evidence_level,
        source.reasons[0].source_keys,
    )
    own = entry.evidence_level if isinstance(entry, LibraryExercise) else reason.evidence_level
    return PrescribedItem(
        code=entry.code,
        kind=ItemKind.EXERCISE if isinstance(entry, LibraryExercise) else entry.kind,
        name=entry.name,
        plain_name=entry.plain_name,
        pillar=entry.pillar,
        dosing=entry.dosing,
        notes=(),
        cautions=entry.cautions,
        rule_ids=(reason.rule_id,),
        reasons=(reason,),
        evidence_level=max(reason.evidence_level, own, key=_RANK.__getitem__),
        source_keys=tuple(dict.fromkeys(reason.source_keys + entry.source_keys)),
    )
