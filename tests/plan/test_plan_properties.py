"""Properties over generated snapshots: the engine never raises and never breaks its promises."""

import json
import typing
from dataclasses import fields, is_dataclass
from enum import Enum

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluations.plan.engine import build_plan
from evaluations.plan.plan_types import EVIDENCE_LEVELS, ItemKind, Part
from evaluations.plan.prescription import (
    HOME_LIMIT_MAX,
    HOME_LIMIT_MIN,
    PAINFUL_SIDE_RULES,
    SIDED_KINDS,
)
from evaluations.plan.schema import snapshot_from_dict, snapshot_to_dict
from evaluations.plan.snapshot import Bilateral, FindingsSnapshot, RedFlagScreenFindings
from tests.plan.vignettes import LIBRARY

# Mostly "asked and no", so that most generated plans are not blocked by a red flag.
RED_FLAG_ANSWER = st.sampled_from([False] * 40 + [None] * 4 + [True])
EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def value_strategy(kind, metadata) -> st.SearchStrategy:
    if isinstance(kind, type) and issubclass(kind, Enum):
        return st.none() | st.sampled_from(list(kind))
    if kind is bool:
        return st.none() | st.booleans()
    low, high = metadata.get("minimum"), metadata.get("maximum")
    if kind is int:
        return st.none() | st.integers(low, high)
    if kind is float:
        return st.none() | st.floats(low, high, allow_nan=False).map(lambda v: round(v, 1))
    return st.none() | st.text(max_size=20)


def field_strategy(annotation, metadata) -> st.SearchStrategy:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    kind = (
        args[0]
        if typing.get_origin(annotation) in (typing.Union, type(int | None))
        else (annotation)
    )
    origin = typing.get_origin(kind)
    if origin is Bilateral:
        side = value_strategy(typing.get_args(kind)[0], metadata)
        return st.builds(Bilateral, side, side)
    if origin is tuple:
        return st.none() | st.lists(dataclass_strategy(typing.get_args(kind)[0]), max_size=2).map(
            tuple
        )
    if is_dataclass(kind):
        strategy = dataclass_strategy(kind)
        return st.none() | strategy if annotation is not kind else strategy
    return value_strategy(kind, metadata)


def dataclass_strategy(cls) -> st.SearchStrategy:
    hints = typing.get_type_hints(cls)
    if cls is RedFlagScreenFindings:
        return st.builds(cls, **{f.name: RED_FLAG_ANSWER for f in fields(cls)})
    return st.builds(
        cls, **{f.name: field_strategy(hints[f.name], dict(f.metadata)) for f in fields(cls)}
    )


SNAPSHOTS = dataclass_strategy(FindingsSnapshot)


@EXAMPLES
@given(SNAPSHOTS)
def test_engine_never_raises_and_every_item_has_a_reason_and_a_source(snapshot):
    plan = build_plan(snapshot, LIBRARY)
    for item in plan.items:
        assert item.reasons and all(reason.text for reason in item.reasons)
        assert item.source_keys
        assert item.rule_ids
    json.dumps(plan.to_dict())


@EXAMPLES
@given(SNAPSHOTS)
def test_no_avoided_item_is_prescribed_now_and_a_later_one_is_marked(snapshot):
    plan = build_plan(snapshot, LIBRARY)
    entries = LIBRARY.entries
    for precaution in plan.precautions:
        for item in plan.items:
            avoided = item.code in precaution.codes or bool(
                precaution.tags & set(entries[item.code].tags)
            )
            if avoided:
                assert item.part == Part.LATER
                assert precaution.text in item.conflicts


@EXAMPLES
@given(SNAPSHOTS)
def test_a_blocked_plan_has_no_items_and_says_why(snapshot):
    plan = build_plan(snapshot, LIBRARY)
    assert plan.blocked == any(referral.blocking for referral in plan.referrals)
    if plan.blocked:
        assert plan.items == () and plan.block_reasons


@EXAMPLES
@given(SNAPSHOTS)
def test_each_code_appears_once(snapshot):
    codes = [item.code for item in build_plan(snapshot, LIBRARY).items]
    assert len(codes) == len(set(codes))


@EXAMPLES
@given(SNAPSHOTS)
def test_json_round_trip_is_identity(snapshot):
    data = json.loads(json.dumps(snapshot_to_dict(snapshot)))
    assert snapshot_from_dict(data) == snapshot


def _stage_by(plan) -> dict:
    return {stage.pathway: stage.number for stage in plan.stages}


@EXAMPLES
@given(SNAPSHOTS)
def test_no_current_item_belongs_to_a_later_stage_than_its_pathways(snapshot):
    plan = build_plan(snapshot, LIBRARY)
    stage_by = _stage_by(plan)
    for item in plan.items:
        if item.part != Part.LATER:
            for limit in LIBRARY.ladders.stage_limits.get(item.code, ()):
                assert stage_by.get(limit.pathway, limit.stage) >= limit.stage, item.code


@EXAMPLES
@given(SNAPSHOTS, st.integers(HOME_LIMIT_MIN, HOME_LIMIT_MAX))
def test_the_home_programme_never_exceeds_the_limit(snapshot, limit):
    plan = build_plan(snapshot, LIBRARY, home_limit=limit)
    home = plan.part_items(Part.HOME)
    assert len(home) <= limit
    assert all(item.kind == ItemKind.EXERCISE for item in home)
    if not home:
        assert plan.home_empty_reason


@EXAMPLES
@given(SNAPSHOTS)
def test_every_item_of_the_painful_sides_findings_names_that_side(snapshot):
    plan = build_plan(snapshot, LIBRARY)
    side = snapshot.symptomatic_side
    if side in ("left", "right"):
        for item in plan.items:
            if PAINFUL_SIDE_RULES & set(item.rule_ids) and item.kind in SIDED_KINDS:
                assert item.side in (side, "both"), item.code


@EXAMPLES
@given(SNAPSHOTS)
def test_no_evidence_label_is_stronger_than_the_rule_or_the_exercise(snapshot):
    plan = build_plan(snapshot, LIBRARY)
    rank = EVIDENCE_LEVELS.index
    for item in plan.items:
        assert rank(item.evidence_level) >= min(rank(r.evidence_level) for r in item.reasons)
        exercise = LIBRARY.get(item.code)
        if exercise is not None:
            assert rank(item.evidence_level) >= rank(exercise.evidence_level), item.code


@EXAMPLES
@given(SNAPSHOTS)
def test_no_item_shows_text_written_for_an_inactive_pathway(snapshot):
    plan = build_plan(snapshot, LIBRARY)
    active = set(_stage_by(plan))
    for item in plan.items:
        text = f"{item.dosing} {item.cautions}".lower()
        if "acute_strain" not in active:
            assert "phase i" not in text and "acute strain" not in text, item.code
        if "hamstring_tendinopathy" not in active:
            assert "tendinopathy" not in text, item.code
