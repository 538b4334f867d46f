"""The snapshot's JSON form: schema, validation with field paths, and both directions.

The JSON Schema (draft 2020-12) is built from the dataclasses' field metadata, which
``snapshot.py`` takes from the finding declarations (evaluations/declarations), so each range
is written once; ``docs/findings.schema.json`` is that schema written out
(``python -m evaluations.plan.schema`` rewrites it; a test keeps them equal).
"""

import json
import sys
import types
import typing
from dataclasses import fields, is_dataclass
from enum import Enum
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from evaluations.plan.snapshot import Bilateral, FindingsSnapshot

SCHEMA_ID = "https://wholebody.example/docs/findings.schema.json"
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "findings.schema.json"
# Keys an example file may carry for readers; they are not findings.
ANNOTATION_KEYS = ("$schema", "$comment")
NOT_JSON = "{path}: not valid JSON ({error})"
_SCALARS = {bool: "boolean", int: "integer", float: "number", str: "string"}


class SnapshotError(ValueError):
    """The JSON does not describe a valid snapshot; ``errors`` name each field path."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def _unwrap(annotation) -> tuple[object, bool]:
    """(the type inside ``X | None``, whether None was allowed)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0], True
    return annotation, False


def _value_schema(kind, constraints: dict) -> dict:
    if isinstance(kind, type) and issubclass(kind, Enum):
        return {"enum": [member.value for member in kind] + [None]}
    if kind in _SCALARS:
        return {"type": [_SCALARS[kind], "null"], **constraints}
    raise TypeError(f"no JSON form for {kind!r}")


def _field_schema(annotation, metadata: dict, defs: dict) -> dict:
    description = metadata.get("description", "")
    constraints = {k: v for k, v in metadata.items() if k != "description"}
    kind, _ = _unwrap(annotation)
    origin = typing.get_origin(kind)
    if origin is Bilateral:
        side = _value_schema(typing.get_args(kind)[0], constraints)
        return {
            "description": f"{description} Left and right; omit a side not measured.",
            "type": "object",
            "properties": {"left": side, "right": side},
            "additionalProperties": False,
        }
    if origin is tuple:
        item = typing.get_args(kind)[0]
        _define(item, defs)
        return {
            "description": description,
            "type": ["array", "null"],
            "items": {"$ref": f"#/$defs/{item.__name__}"},
        }
    if is_dataclass(kind):
        _define(kind, defs)
        return {"description": description, "$ref": f"#/$defs/{kind.__name__}"}
    return {"description": description, **_value_schema(kind, constraints)}


def _object_schema(cls, defs: dict) -> dict:
    hints = typing.get_type_hints(cls)
    schema = {
        "type": "object",
        "properties": {
            f.name: _field_schema(hints[f.name], dict(f.metadata), defs) for f in fields(cls)
        },
        "additionalProperties": False,
    }
    if cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("):
        schema = {"description": " ".join(cls.__doc__.split()), **schema}
    return schema


def object_schema(cls) -> dict:
    """The JSON Schema of one snapshot dataclass, e.g. a section (with its own $defs)."""
    defs: dict = {}
    return {**_object_schema(cls, defs), "$defs": defs}


def _define(cls, defs: dict) -> None:
    if cls.__name__ not in defs:
        defs[cls.__name__] = None
        defs[cls.__name__] = _object_schema(cls, defs)


@cache
def build_schema() -> dict:
    defs: dict = {}
    root = _object_schema(FindingsSnapshot, defs)
    root["properties"] = {
        "$schema": {"description": "Optional link to this schema.", "type": "string"},
        "$comment": {"description": "Optional note for human readers.", "type": "string"},
        **root["properties"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "wholebody findings snapshot",
        "description": (
            "Everything the findings-to-plan engine reads from one evaluation "
            "(clinical reference §1–§3). "
            "Omit, or set to null, anything not tested or not asked: a missing value is "
            "'not measured', never 'negative'. Tests that count only with the familiar pain "
            "record it as positive_familiar."
        ),
        **root,
        "$defs": dict(sorted(defs.items())),
    }


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(build_schema())


def field_path(path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def validation_errors(data) -> list[str]:
    """One message per problem, each starting with the field path, e.g. 'hip.rom_flexion.left'."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{field_path(error.absolute_path)}: {error.message}" for error in errors]


def snapshot_from_dict(data) -> FindingsSnapshot:
    errors = validation_errors(data)
    if errors:
        raise SnapshotError(errors)
    return _build(FindingsSnapshot, {k: v for k, v in data.items() if k not in ANNOTATION_KEYS})


def snapshot_to_dict(snapshot: FindingsSnapshot) -> dict:
    """The JSON form: only what was recorded (None, empty pairs and empty sections left out)."""
    return _plain(snapshot)


@cache
def _plan_for(cls) -> tuple:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _unwrap(hints[f.name])[0]) for f in fields(cls))


def _convert(kind, value):
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin is Bilateral:
        inner = typing.get_args(kind)[0]
        return Bilateral(_convert(inner, value.get("left")), _convert(inner, value.get("right")))
    if origin is tuple:
        return tuple(_build(typing.get_args(kind)[0], item) for item in value)
    if is_dataclass(kind):
        return _build(kind, value)
    return kind(value)


def _build(cls, data: dict):
    return cls(
        **{name: _convert(kind, data[name]) for name, kind in _plan_for(cls) if name in data}
    )


def _plain(value):
    if isinstance(value, Bilateral):
        return {
            k: _plain(v) for k, v in (("left", value.left), ("right", value.right)) if v is not None
        }
    if is_dataclass(value):
        result = {}
        for f in fields(value):
            item = _plain(getattr(value, f.name))
            # An empty section or pair means "nothing recorded"; an empty optional object
            # (previous_outcomes) is still a recorded object and stays.
            if item is not None and (item != {} or f.default is None):
                result[f.name] = item
        return result
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


def load_snapshot(path: str | Path) -> FindingsSnapshot:
    """Read and validate a snapshot file; raises OSError, SnapshotError."""
    with open(path, encoding="utf-8") as handle:
        try:
            data = json.load(handle)
        except json.JSONDecodeError as error:
            raise SnapshotError([NOT_JSON.format(path=path, error=error)]) from error
    return snapshot_from_dict(data)


def write_schema(path: Path = SCHEMA_PATH) -> None:
    path.write_text(json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    write_schema(Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMA_PATH)
