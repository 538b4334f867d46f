"""The exercise libraries in the database: seeding, each clinic's view, and the engine's copy.

The shared library is seeded from clinical reference §4 (exercises) and §9 (progression ladders) and
changed only by superusers. A clinic's library is its own exercises and ladders plus the
shared ones it has not copied: a copy keeps the code and takes the shared one's place, so
one clinic's edits never reach another's plans.

The engine (``evaluations.plan``) knows nothing of Django; ``engine_library(clinic_id=…)``
turns a clinic's active exercises and its ladders into the frozen ``Library`` and keeps it
in process memory, one per clinic. Each call checks a fingerprint of that library (latest
change and count of exercises and of ladders), so an edit made through any app process is
seen by every other.
"""

import json
import threading

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from evaluations.models import Exercise, Ladder, LadderLevel, Pathway, Pillar
from evaluations.models.ladder import checks_to_json, stage_limits_to_json
from evaluations.plan.ladders import LADDERS
from evaluations.plan.library import SEED_PATH, Library, LibraryExercise
from evaluations.plan.plan_types import PILLARS

# Readable names for the seed's pathway tags; a tag not listed here gets its code in words.
PATHWAY_NAMES = {
    "abductors": "Hip abductor weakness",
    "acute_strain": "Acute hamstring strain",
    "calf": "Calf weakness",
    "conditioning": "General conditioning",
    "deep_hip_flexion": "Deep hip flexion (avoid early in tendinopathy)",
    "foot": "Foot and arch control",
    "hamstring_stretch": "Hamstring stretch (avoid on a nerve or tendon picture)",
    "hip_extensors": "Hip extensor weakness",
    "hip_flexors": "Hip flexor weakness or tightness",
    "length": "Hamstring length",
    "lengthening": "Loading the hamstring at long length",
    "lumbar": "Lumbar directional preference",
    "motor_control": "Lumbopelvic motor control",
    "neural": "Sciatic nerve sensitivity",
    "neural_tensioner": "Nerve tensioner (not when irritable)",
    "recurrent_strain": "Recurrent hamstring strain",
    "running": "Running mechanics and return to running",
    "sij": "Sacroiliac joint pain",
    "sitting": "Sitting intolerance",
    "tendinopathy": "Proximal hamstring tendinopathy",
}

# Seed keys named like a model field are copied as they are; the two lists become text.
_JOINED_FIELDS = {"patient_steps": "\n", "source_keys": ", "}
_COPIED_FIELDS = {field.name for field in Exercise._meta.concrete_fields} - _JOINED_FIELDS.keys()


def pathway_name(code):
    return PATHWAY_NAMES.get(code, code.replace("_", " ").capitalize())


@transaction.atomic
def seed_exercise_library(*, path=SEED_PATH, ladders=LADDERS):
    """Add the seeded exercises that are missing, by code, then the missing ladders over
    them (``seed_ladders``); return the exercises (added, already there).

    Only the shared library is seeded; an exercise that exists is never touched, so edits
    survive a re-run.
    """
    with open(path, encoding="utf-8") as handle:
        entries = json.load(handle)
    codes = [entry["code"] for entry in entries]
    existing = set(
        Exercise.objects.filter(clinic=None, code__in=codes).values_list("code", flat=True)
    )
    missing = [entry for entry in entries if entry["code"] not in existing]
    seed_ladders(ladders=ladders)
    if not missing:
        return 0, len(existing)

    pillars = _ensure_pillars()
    exercises = [_exercise_from_seed(entry, pillars) for entry in missing]
    pathways = _pathways_for({tag for entry in missing for tag in entry["tags"]})
    # PostgreSQL and SQLite ≥ 3.35 return the new primary keys, which the links below need.
    Exercise.objects.bulk_create(exercises)
    PillarLink = Exercise.pillars.through
    PathwayLink = Exercise.pathways.through
    PillarLink.objects.bulk_create(
        PillarLink(exercise=exercise, pillar=pillars[number])
        for exercise, entry in zip(exercises, missing, strict=True)
        for number in entry["pillars"]
    )
    PathwayLink.objects.bulk_create(
        PathwayLink(exercise=exercise, pathway=pathways[tag])
        for exercise, entry in zip(exercises, missing, strict=True)
        for tag in entry["tags"]
    )
    # Bulk writes send no signals, so the engine's cached library is dropped here.
    invalidate_engine_library()
    return len(exercises), len(existing)


# No savepoint of its own: inside seed_exercise_library, one failure undoes the whole seed.
@transaction.atomic(savepoint=False)
def seed_ladders(*, ladders=LADDERS):
    """Add the declared ladders the shared library lacks, by code, with their levels; return
    (added, already there). A ladder that exists is never touched, so edits survive."""
    existing = set(
        Ladder.objects.filter(
            clinic=None, code__in=[ladder.code for ladder in ladders]
        ).values_list("code", flat=True)
    )
    # A seeded ladder keeps its place in the declaration (Ladder.position).
    missing = [pair for pair in enumerate(ladders, 1) if pair[1].code not in existing]
    if not missing:
        return 0, len(existing)
    rows = Ladder.objects.bulk_create(
        Ladder(code=ladder.code, name=ladder.name, pathway=ladder.pathway or "", position=position)
        for position, ladder in missing
    )
    LadderLevel.objects.bulk_create(
        LadderLevel(
            ladder=row,
            rung=level.rung,
            exercise_code=level.code,
            criterion=level.criterion,
            stage_limits=stage_limits_to_json(level.stage_limits),
            capacity=checks_to_json(level.capacity),
        )
        for row, (_, ladder) in zip(rows, missing, strict=True)
        for level in ladder.levels
    )
    # Bulk writes send no signals, so the engine's cached library is dropped here.
    invalidate_engine_library()
    return len(rows), len(existing)


def _ensure_pillars():
    """The five fixed pillars by number; recreated if a flushed database lost them."""
    pillars = {pillar.number: pillar for pillar in Pillar.objects.all()}
    missing = [Pillar(number=n, name=name) for n, name in PILLARS.items() if n not in pillars]
    if missing:
        Pillar.objects.bulk_create(missing)
        pillars = {pillar.number: pillar for pillar in Pillar.objects.all()}
    return pillars


def _exercise_from_seed(entry, pillars):
    unknown = [number for number in entry["pillars"] if number not in pillars]
    if not entry["pillars"] or unknown:
        raise ValidationError(
            f"Seeded exercise {entry['code']} needs pillars among {sorted(pillars)}, "
            f"not {entry['pillars']}."
        )
    exercise = Exercise(
        **{key: value for key, value in entry.items() if key in _COPIED_FIELDS},
        **{key: separator.join(entry[key]) for key, separator in _JOINED_FIELDS.items()},
    )
    # Field validators only: uniqueness is settled by the code lookup above, without a query.
    exercise.full_clean(validate_unique=False, validate_constraints=False)
    return exercise


def _pathways_for(codes):
    """The pathways with these codes by code, creating the missing ones with readable names."""
    pathways = {pathway.code: pathway for pathway in Pathway.objects.filter(code__in=codes)}
    created = Pathway.objects.bulk_create(
        Pathway(code=code, name=pathway_name(code)) for code in sorted(codes - pathways.keys())
    )
    return pathways | {pathway.code: pathway for pathway in created}


def set_active(*, exercises, active):
    """Switch a queryset of exercises on or off for new plans; return how many changed."""
    changed = exercises.exclude(active=active).update(active=active, updated_at=timezone.now())
    # A queryset update sends no signals, so the engine's cached library is dropped here.
    invalidate_engine_library()
    return changed


def clinic_exercises(*, clinic_id):
    """A clinic's library: its own exercises and the shared ones it has not copied.

    ``clinic_id=None`` is the shared library alone (what a superuser seeds and keeps).
    """
    shared = Q(clinic=None)
    if clinic_id is None:
        return Exercise.objects.filter(shared)
    copied = Exercise.objects.filter(clinic_id=clinic_id).values("code")
    return Exercise.objects.filter(Q(clinic_id=clinic_id) | shared & ~Q(code__in=copied))


def visible_exercises(user):
    """Every exercise row the user may look at: their clinic's and the shared ones."""
    if user.is_superuser:
        return Exercise.objects.all()
    clinic = user.clinic
    return Exercise.objects.filter(Q(clinic=None) | Q(clinic_id=clinic.pk if clinic else None))


def exercises_by_code(*, clinic_id, codes):
    """The clinic's exercises with these codes, by code (a copy stands in for the shared one)."""
    return {e.code: e for e in clinic_exercises(clinic_id=clinic_id).filter(code__in=codes)}


@transaction.atomic
def copy_to_clinic(*, exercise, clinic_id):
    """The clinic's own copy of a shared exercise (made now, or the one it already has)."""
    existing = Exercise.objects.filter(clinic_id=clinic_id, code=exercise.code).first()
    if existing is not None:
        return existing, False
    pillars, pathways = list(exercise.pillars.all()), list(exercise.pathways.all())
    copy = Exercise.objects.get(pk=exercise.pk)
    copy.pk = None
    copy.clinic_id = clinic_id
    copy.save(force_insert=True)
    copy.pillars.set(pillars)
    copy.pathways.set(pathways)
    return copy, True


def clinic_ladders(*, clinic_id):
    """A clinic's ladders: its own and the shared ones it has not copied (as exercises)."""
    shared = Q(clinic=None)
    if clinic_id is None:
        return Ladder.objects.filter(shared)
    copied = Ladder.objects.filter(clinic_id=clinic_id).values("code")
    return Ladder.objects.filter(Q(clinic_id=clinic_id) | shared & ~Q(code__in=copied))


@transaction.atomic
def copy_ladder_to_clinic(*, ladder, clinic_id):
    """The clinic's own copy of a shared ladder with its levels (made now, or the one it has)."""
    existing = Ladder.objects.filter(clinic_id=clinic_id, code=ladder.code).first()
    if existing is not None:
        return existing, False
    levels = list(ladder.levels.all())
    copy = Ladder.objects.get(pk=ladder.pk)
    copy.pk = None
    copy.clinic_id = clinic_id
    copy.save(force_insert=True)
    for level in levels:
        level.pk = None
        level.ladder = copy
    # In the shared ladder's order, so alternatives on one rung keep theirs (ordered by pk).
    LadderLevel.objects.bulk_create(levels)
    return copy, True


_lock = threading.Lock()
# clinic id (None: the shared library) -> (fingerprint, Library)
_cached = {}
# Bumped on every change, so a library read before a change is never cached after it.
_generation = 0


def library_fingerprint(*, clinic_id):
    """Changes whenever any process edits this library: every write bumps updated_at."""
    mine = Q(clinic=None) | Q(clinic_id=clinic_id)
    return tuple(
        value
        for model in (Exercise, Ladder)
        for value in model.objects.filter(mine)
        .aggregate(latest=Max("updated_at"), count=Count("id"))
        .values()
    )


def engine_library(*, clinic_id):
    """The clinic's active exercises and its ladders as the engine's ``Library``; two small
    queries (the fingerprint) while warm."""
    fingerprint = library_fingerprint(clinic_id=clinic_id)
    cached = _cached.get(clinic_id)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    generation = _generation
    library = Library(_library_exercises(clinic_id), _library_ladders(clinic_id))
    with _lock:
        if generation == _generation:
            _cached[clinic_id] = (fingerprint, library)
    return library


def invalidate_engine_library():
    global _generation
    with _lock:
        _generation += 1
        _cached.clear()


def library_changed(sender, instance=None, **kwargs):
    """Signal receiver for any exercise, pathway, pillar-link, ladder or level write (see
    ``apps.py``).

    Link, pathway and level changes do not touch an exercise or ladder row, so they bump
    updated_at here: that is what tells the other app processes (library_fingerprint) to
    reload.
    """
    if isinstance(instance, Exercise) and kwargs.get("action", "").startswith("post_"):
        Exercise.objects.filter(pk=instance.pk).update(updated_at=timezone.now())
    elif isinstance(instance, Pathway | Pillar):
        Exercise.objects.update(updated_at=timezone.now())
    elif isinstance(instance, LadderLevel):
        Ladder.objects.filter(pk=instance.ladder_id).update(updated_at=timezone.now())
    invalidate_engine_library()
    # Once more after commit: another thread may have cached the old rows in between.
    transaction.on_commit(invalidate_engine_library)


def _library_exercises(clinic_id):
    exercises = (
        clinic_exercises(clinic_id=clinic_id)
        .filter(active=True)
        .prefetch_related("pillars", "pathways")
    )
    return [
        LibraryExercise(
            code=exercise.code,
            number=exercise.number,
            name=exercise.name,
            plain_name=exercise.plain_name,
            pillars=tuple(pillar.number for pillar in exercise.pillars.all()),
            target=exercise.target,
            description=exercise.description,
            patient_steps=tuple(exercise.step_list),
            patient_feel=exercise.patient_feel,
            patient_stop=exercise.patient_stop,
            sets=exercise.sets,
            reps=exercise.reps,
            hold_seconds=exercise.hold_seconds,
            frequency=exercise.frequency,
            dosing=exercise.dosing,
            progression=exercise.progression,
            regression=exercise.regression,
            cautions=exercise.cautions,
            tags=tuple(pathway.code for pathway in exercise.pathways.all()),
            source_keys=tuple(exercise.source_key_list),
            evidence_level=exercise.evidence_level,
            active=exercise.active,
        )
        for exercise in exercises
    ]


def _library_ladders(clinic_id):
    ladders = clinic_ladders(clinic_id=clinic_id).prefetch_related("levels")
    return [ladder.as_plan_ladder() for ladder in ladders]
