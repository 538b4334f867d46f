"""Plan a snapshot file: what ``manage.py plan`` does, without Django."""

from pathlib import Path

from evaluations.plan.engine import build_plan
from evaluations.plan.library import Library, load_seed_library
from evaluations.plan.plan_types import Plan
from evaluations.plan.schema import SnapshotError, load_snapshot

FILE_NOT_FOUND = "{path}: no such file"
FILE_UNREADABLE = "{path}: cannot be read ({error})"


def plan_from_file(
    path: str | Path, library: Library | None = None
) -> tuple[Plan | None, list[str]]:
    """(the plan, []) for a valid file, or (None, messages naming each bad field)."""
    try:
        snapshot = load_snapshot(path)
    except FileNotFoundError:
        return None, [FILE_NOT_FOUND.format(path=path)]
    except SnapshotError as error:
        return None, error.errors
    except (OSError, UnicodeDecodeError) as error:
        return None, [FILE_UNREADABLE.format(path=path, error=error)]
    return build_plan(snapshot, library or Library(load_seed_library())), []
