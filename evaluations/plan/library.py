"""The exercise library as the engine sees it: frozen exercises, indexed once by code, and
the progression ladders over them.

The seed lives in ``evaluations/data/exercises.json`` (clinical reference §4) and
``evaluations/plan/ladders.py`` (§9). A clinic's edited library (inactive exercises left
out) and its edited ladders are passed to ``build_plan`` in the same shape.
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from evaluations.plan.actions import ACTIONS
from evaluations.plan.ladders import SEED_LADDERS, Ladder, LadderIndex

SEED_PATH = Path(__file__).resolve().parent.parent / "data" / "exercises.json"


@dataclass(frozen=True, slots=True)
class LibraryExercise:
    code: str
    number: int
    name: str
    plain_name: str
    pillars: tuple[int, ...]
    target: str
    description: str
    patient_steps: tuple[str, ...]
    patient_feel: str
    patient_stop: str
    sets: int | None
    reps: int | None
    hold_seconds: int | None
    frequency: str
    dosing: str
    progression: str
    regression: str
    cautions: str
    tags: tuple[str, ...]
    source_keys: tuple[str, ...]
    evidence_level: str
    active: bool = True

    @property
    def pillar(self) -> int:
        """The pillar the plan files the exercise under: the first one listed."""
        return self.pillars[0]


_TUPLE_FIELDS = {"pillars", "patient_steps", "tags", "source_keys"}
_FIELD_NAMES = {f.name for f in fields(LibraryExercise)}


def exercise_from_dict(data: dict) -> LibraryExercise:
    """Build one exercise from its JSON form; unknown keys are ignored."""
    values = {
        key: tuple(value) if key in _TUPLE_FIELDS else value
        for key, value in data.items()
        if key in _FIELD_NAMES
    }
    return LibraryExercise(**values)


@cache
def load_seed_library(path: Path = SEED_PATH) -> tuple[LibraryExercise, ...]:
    with open(path, encoding="utf-8") as handle:
        return tuple(exercise_from_dict(entry) for entry in json.load(handle))


class Library:
    """The active exercises by code and their ladders (the seeded ones unless given); build
    it once and pass it to many ``build_plan`` calls."""

    __slots__ = ("_by_code", "entries", "item_cache", "ladders")

    def __init__(
        self, exercises: Iterable[LibraryExercise], ladders: Iterable[Ladder] | None = None
    ):
        self.ladders = SEED_LADDERS if ladders is None else LadderIndex(ladders)
        self._by_code = {exercise.code: exercise for exercise in exercises if exercise.active}
        # Everything a rule may ask for by code: manual therapy / education actions, then
        # the clinic's exercises (an exercise wins if a clinic reuses an action's code).
        self.entries = {**ACTIONS, **self._by_code}
        # Plan items are immutable, so the engine memoises them per set of rule requests.
        self.item_cache: dict = {}

    def get(self, code: str) -> LibraryExercise | None:
        return self._by_code.get(code)

    def __contains__(self, code: str) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[LibraryExercise]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)


def as_library(library: "Library | Iterable[LibraryExercise]") -> Library:
    return library if isinstance(library, Library) else Library(library)
