"""Turning the engine's plan into the note's reviewed plan, and the clinician's edits to it.

The note keeps its own copy of every item (name, steps, dosing at the time), so a later edit
of the exercise library never changes a note. Re-running the engine after the findings change
proposes what to add and drop; the clinician's own edits are always kept.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from evaluations.library import engine_library, exercises_by_code
from evaluations.models import (
    SECTIONS,
    Evaluation,
    PlanItem,
    lock_draft_note,
    section_attr,
)
from evaluations.plan.engine import build_plan
from evaluations.plan.plan_types import to_plain
from evaluations.reports import plain_dosing
from evaluations.selectors import SECTION_ATTRS
from evaluations.services.snapshot_builder import build_snapshot

NO_LONGER_INDICATED = "No longer indicated by the findings when the plan was re-run."
ALREADY_IN_PLAN = "{name} is already on the plan."
PLAN_ALREADY_MADE = "The plan was already made; review it below."


class PlanReviewError(Exception):
    """A review step that cannot be done; the message is shown to the clinician."""


def previous_evaluation(evaluation):
    """The patient's latest evaluation before this one, with its sections, for rule R24."""
    return (
        Evaluation.objects.filter(patient_id=evaluation.patient_id)
        .filter(visit_date__lte=evaluation.visit_date, created_at__lt=evaluation.created_at)
        .select_related("patient", *SECTION_ATTRS)
        .order_by("-visit_date", "-created_at")
        .first()
    )


def _loaded(evaluation):
    """The evaluation with every section read now: a write must never plan from stale rows."""
    return Evaluation.objects.select_related("patient", *SECTION_ATTRS).get(pk=evaluation.pk)


def clinic_home_limit(clinic):
    """The clinic's home-programme size (3–6), a clinic setting."""
    return clinic.home_programme_limit


def engine_plan(evaluation):
    snapshot = build_snapshot(evaluation, previous=previous_evaluation(evaluation))
    return build_plan(
        snapshot,
        engine_library(clinic_id=evaluation.patient.clinic_id),
        home_limit=clinic_home_limit(evaluation.patient.clinic),
    )


def plan_data(plan):
    """Everything of the engine's answer the note keeps besides the items themselves."""
    data = to_plain(plan)
    data.pop("items")
    return data


def findings_changed_since_plan(evaluation):
    if evaluation.plan_generated_at is None:
        return False
    stamps = [getattr(evaluation, section_attr(s)).updated_at for s in SECTIONS]
    return max([evaluation.updated_at, *stamps]) > evaluation.plan_generated_at


@dataclass(frozen=True)
class PlanChanges:
    add: tuple
    drop: tuple

    def __bool__(self):
        return bool(self.add or self.drop)


def plan_changes(plan, items):
    """What re-running the engine would add (new engine items) and drop (engine items gone)."""
    kept_codes = {item.code for item in items if item.code}
    suggested = {item.code for item in plan.items}
    add = tuple(item for item in plan.items if item.code not in kept_codes)
    drop = tuple(
        item
        for item in items
        if item.origin == PlanItem.Origin.ENGINE and not item.removed and item.code not in suggested
    )
    return PlanChanges(add=add, drop=drop)


def _lock_draft(evaluation):
    """The note's row lock, then its state as stored now: every write below starts here."""
    lock_draft_note(evaluation.pk)
    return _loaded(evaluation)


def _item_rows(evaluation, engine_items, start_position):
    exercises = exercises_by_code(
        clinic_id=evaluation.patient.clinic_id, codes=[item.code for item in engine_items]
    )
    rows = []
    for position, item in enumerate(engine_items, start_position):
        exercise = exercises.get(item.code)
        rows.append(
            PlanItem(
                evaluation=evaluation,
                origin=PlanItem.Origin.ENGINE,
                kind=str(item.kind),
                code=item.code,
                exercise=exercise,
                pillar=item.pillar,
                name=item.name,
                plain_name=item.plain_name,
                instructions=exercise.patient_steps if exercise else "",
                patient_feel=exercise.patient_feel if exercise else "",
                patient_stop=exercise.patient_stop if exercise else "",
                dosing=item.dosing[:500],
                patient_dosing=_patient_dosing(item.dosing, exercise, item.side),
                one_side_at_a_time=exercise.one_side_at_a_time if exercise else False,
                cautions=item.cautions,
                reasons=[reason.to_dict() for reason in item.reasons],
                rule_ids=list(item.rule_ids),
                evidence_level=item.evidence_level,
                source_keys=list(item.source_keys),
                position=position,
                part=str(item.part),
                suggested_part=str(item.part),
                side=item.side,
                stage=item.stage[:200],
                next_step=item.next_step[:500],
                patient_next_step=item.patient_next_step[:300],
                conflicts=list(item.conflicts),
            )
        )
    return rows


def _save_new_items(rows):
    # One save per row (not bulk_create) so the audit log records each item.
    for row in rows:
        row.save()


@transaction.atomic
def generate_plan(*, evaluation):
    """Store the engine's plan as the note's plan; a second call, even a concurrent one,
    changes nothing: it waits for the lock and then finds the plan made."""
    note = _lock_draft(evaluation)
    if note.plan_generated_at is not None:
        return False
    plan = engine_plan(note)
    _save_new_items(_item_rows(note, plan.items, 0))
    _store_plan_data(note, plan)
    evaluation.refresh_from_db(fields=["plan_data", "plan_generated_at"])
    return True


@transaction.atomic
def apply_plan_changes(*, evaluation):
    """Add what the engine now suggests and take off what it no longer does; keep all edits."""
    note = _lock_draft(evaluation)
    plan = engine_plan(note)
    items = list(note.plan_items.all())
    changes = plan_changes(plan, items)
    _save_new_items(_item_rows(note, changes.add, _next_position(note)))
    for item in changes.drop:
        item.removed = True
        item.removed_reason = NO_LONGER_INDICATED
        item.save(update_fields=["removed", "removed_reason", "updated_at"])
    _store_plan_data(note, plan)
    evaluation.refresh_from_db(fields=["plan_data", "plan_generated_at"])
    return changes


def _store_plan_data(evaluation, plan):
    evaluation.plan_data = plan_data(plan)
    evaluation.plan_generated_at = timezone.now()
    # updated_at stays: it marks changes of the visit details, which the plan may not reflect.
    evaluation.save(update_fields=["plan_data", "plan_generated_at"])


# Each item step saves only its own fields, and PlanItem.save takes the note's lock and
# re-checks the status first (lock_draft_note): a signature never races an item edit.
def remove_item(*, item, reason):
    item.removed = True
    item.removed_reason = reason[:300]
    item.save(update_fields=["removed", "removed_reason", "updated_at"])


def restore_item(*, item):
    item.removed = False
    item.removed_reason = ""
    item.save(update_fields=["removed", "removed_reason", "updated_at"])


def _patient_dosing(dosing, exercise, side):
    frequency = exercise.frequency if exercise else ""
    return plain_dosing.patient_dosing(dosing, frequency=frequency, side=side)[:500]


def update_item(
    *, item, dosing, clinician_note, patient_dosing=None, patient_feel=None, patient_stop=None
):
    """The clinician's edit of an item; a patient field left out (None) stays as it is.

    The patient's "how much" follows the dosing: it is made again when the dosing changes,
    unless the clinician reworded it in the same edit. Wording they wrote for the old dosing
    is not kept, as it would contradict the new one; left empty, it is made again too.
    """
    reworded = patient_dosing is not None and patient_dosing.strip() != item.patient_dosing
    if patient_dosing is not None and not patient_dosing.strip():
        item.patient_dosing = _patient_dosing(dosing, item.exercise, item.side)
    elif reworded:
        item.patient_dosing = patient_dosing.strip()
    elif dosing.strip() != item.dosing.strip():
        item.patient_dosing = _patient_dosing(dosing, item.exercise, item.side)
    item.dosing = dosing
    item.clinician_note = clinician_note
    if patient_feel is not None:
        item.patient_feel = patient_feel.strip()
    if patient_stop is not None:
        item.patient_stop = patient_stop.strip()
    item.save(
        update_fields=[
            "dosing",
            "patient_dosing",
            "patient_feel",
            "patient_stop",
            "clinician_note",
            "updated_at",
        ]
    )


def _next_position(evaluation):
    return (evaluation.plan_items.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def add_library_exercise(*, evaluation, exercise):
    """The clinician's choice from the library, copied into the note with its default dosing.

    One item per exercise and note (a database constraint): adding one taken off the plan
    puts it back; adding one already on it is refused, even from two tabs at once."""
    lock_draft_note(evaluation.pk)
    existing = evaluation.plan_items.filter(code=exercise.code).first()
    if existing is not None and existing.removed:
        restore_item(item=existing)
        return existing
    if existing is not None:
        raise PlanReviewError(ALREADY_IN_PLAN.format(name=exercise.name))
    pillar = min((p.number for p in exercise.pillars.all()), default=3)
    item = PlanItem(
        evaluation=evaluation,
        origin=PlanItem.Origin.CLINICIAN,
        kind=PlanItem.Kind.EXERCISE,
        code=exercise.code,
        exercise=exercise,
        pillar=pillar,
        name=exercise.name,
        plain_name=exercise.plain_name,
        instructions=exercise.patient_steps,
        patient_feel=exercise.patient_feel,
        patient_stop=exercise.patient_stop,
        dosing=exercise.dosing[:500],
        patient_dosing=_patient_dosing(exercise.dosing, exercise, ""),
        one_side_at_a_time=exercise.one_side_at_a_time,
        cautions=exercise.cautions,
        evidence_level=exercise.evidence_level,
        source_keys=exercise.source_key_list,
        position=_next_position(evaluation),
        part=PlanItem.part_for_kind(PlanItem.Kind.EXERCISE),
    )
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        # The constraint is the backstop behind the lock (a write that skipped it).
        raise PlanReviewError(ALREADY_IN_PLAN.format(name=exercise.name)) from None
    return item


@transaction.atomic
def add_free_item(*, evaluation, kind, pillar, name, dosing=""):
    """A manual-therapy or education item in the clinician's own words."""
    lock_draft_note(evaluation.pk)
    item = PlanItem(
        evaluation=evaluation,
        origin=PlanItem.Origin.CLINICIAN,
        kind=kind,
        pillar=pillar,
        name=name,
        plain_name=name,
        dosing=dosing,
        patient_dosing=_patient_dosing(dosing, None, ""),
        position=_next_position(evaluation),
        part=PlanItem.part_for_kind(kind),
    )
    item.save()
    return item


def precaution_conflicts(evaluation, item):
    """The note's precautions that advise against this item (the clinician decides)."""
    tags = set()
    if item.exercise_id:
        tags = {pathway.code for pathway in item.exercise.pathways.all()}
    return [
        precaution["text"]
        for precaution in evaluation.plan_data.get("precautions", [])
        if item.code in precaution.get("codes", []) or tags & set(precaution.get("tags", []))
    ]
