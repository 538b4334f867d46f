"""Builds the plan engine's findings snapshot from an evaluation's section rows.

Model fields are named after the snapshot's (bilateral ones with `_left` / `_right`), so the
mapping is generic: it converts stored text to the snapshot's types and never turns an
empty (not tested) value into False.
"""

import dataclasses
import types
import typing
from decimal import Decimal
from enum import Enum

from evaluations.models import SECTIONS, section_attr
from evaluations.plan import snapshot as snap
from evaluations.scoring import score_lefs, score_odi, score_psfs, score_visa_h

TRUE_TEXT = {"yes", "positive"}
FALSE_TEXT = {"no", "negative"}
SECTION_BY_SNAPSHOT_NAME = {section.snapshot_name: section for section in SECTIONS}


def _value_type(annotation):
    """The scalar type inside `X | None` or `Bilateral[X]`."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return _value_type(args[0]) if args else annotation
    if typing.get_origin(annotation) is snap.Bilateral:
        return args[0]
    return annotation


def _convert(value, value_type):
    if value in (None, ""):
        return None
    if value_type is bool:
        if value in TRUE_TEXT:
            return True
        if value in FALSE_TEXT:
            return False
        return None
    if isinstance(value_type, type) and issubclass(value_type, Enum):
        return value_type(value)
    if value_type is float:
        return float(value)
    if value_type is int:
        return int(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def _field_plan(section_class):
    """(name, bilateral?, scalar type) for every field of a snapshot section, computed once."""
    hints = typing.get_type_hints(section_class)
    return [
        (
            field.name,
            typing.get_origin(hints[field.name]) is snap.Bilateral,
            _value_type(hints[field.name]),
        )
        for field in dataclasses.fields(section_class)
    ]


SNAPSHOT_SECTIONS = {
    field.name: (field.default_factory, _field_plan(field.default_factory))
    for field in dataclasses.fields(snap.FindingsSnapshot)
    if field.name in SECTION_BY_SNAPSHOT_NAME and field.name != "outcomes"
}


def _section_snapshot(row, section_class, plan):
    values = {}
    for name, bilateral, value_type in plan:
        if bilateral:
            left = _convert(getattr(row, f"{name}_left", None), value_type)
            right = _convert(getattr(row, f"{name}_right", None), value_type)
            values[name] = snap.Bilateral(left, right)
        elif hasattr(row, name):
            values[name] = _convert(getattr(row, name), value_type)
    return section_class(**values)


def _old_injuries(history):
    if not (history.old_injury_region or history.old_injury_kind or history.old_injury_description):
        return None
    # OldInjury's fields are the declared old_injury_* findings without their prefix.
    values = {
        name: _convert(getattr(history, f"old_injury_{name}"), value_type)
        for name, _, value_type in _field_plan(snap.OldInjury)
    }
    return (snap.OldInjury(**values),)


def outcome_results(outcomes):
    """Scored questionnaires by name; unanswered ones are left out."""
    results = {}
    if any_answer(outcomes.lefs_answers):
        results["lefs"] = score_lefs(outcomes.lefs_answers)
    if any_answer(outcomes.odi_answers):
        results["odi"] = score_odi(outcomes.odi_answers)
    psfs_scores = [item.get("score") for item in outcomes.psfs_items]
    if any_answer(psfs_scores):
        results["psfs"] = score_psfs(psfs_scores)
    if any_answer(outcomes.visa_h_answers):
        results["visa_h"] = score_visa_h(outcomes.visa_h_answers)
    return results


def outcome_scores(outcomes, history):
    """The totals the engine reads; a partly answered LEFS or VISA-H has no total yet."""
    results = outcome_results(outcomes)
    lefs, odi, psfs, visa = (results.get(k) for k in ("lefs", "odi", "psfs", "visa_h"))
    return snap.OutcomeScores(
        nprs=history.pain_now,
        lefs=lefs.total if lefs and lefs.complete else None,
        odi_percent=odi.percent if odi else None,
        psfs_mean=psfs.mean if psfs else None,
        visa_h=visa.total if visa and visa.complete else None,
    )


def any_answer(answers):
    return any(answer is not None for answer in answers or [])


def build_snapshot(evaluation, previous=None):
    """The snapshot of a loaded evaluation; `previous` (an earlier evaluation) feeds R24."""
    sections = {}
    for name, (section_class, plan) in SNAPSHOT_SECTIONS.items():
        row = getattr(evaluation, section_attr(SECTION_BY_SNAPSHOT_NAME[name]))
        sections[name] = _section_snapshot(row, section_class, plan)
    history_row = evaluation.history
    sections["history"] = dataclasses.replace(
        sections["history"], old_injuries=_old_injuries(history_row)
    )
    patient = evaluation.patient
    return snap.FindingsSnapshot(
        age=patient.age_on(evaluation.visit_date),
        symptomatic_side=_convert(evaluation.symptomatic_side, snap.Side),
        visit_type=_convert(evaluation.visit_type, snap.VisitType),
        outcomes=outcome_scores(evaluation.outcomes, history_row),
        previous_outcomes=_previous_outcomes(evaluation, previous),
        **sections,
    )


def _previous_outcomes(evaluation, previous):
    if previous is None:
        return None
    scores = outcome_scores(previous.outcomes, previous.history)
    weeks = (evaluation.visit_date - previous.visit_date).days / 7
    return snap.PreviousOutcomes(**dataclasses.asdict(scores), weeks_ago=max(weeks, 0))
