"""Fixtures for the evaluations tests: the seeded exercise library, and a fresh engine cache."""

import pytest

from evaluations.library import invalidate_engine_library, seed_exercise_library


@pytest.fixture(autouse=True)
def fresh_engine_library():
    # A test's rollback sends no signals, so no test may inherit another's cached library.
    invalidate_engine_library()
    yield
    invalidate_engine_library()


@pytest.fixture
def seeded(db):
    seed_exercise_library()
