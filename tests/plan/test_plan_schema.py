"""The snapshot's JSON form: the schema on disk, field-named errors, both directions."""

import json
from pathlib import Path

import pytest

from evaluations.plan.files import FILE_NOT_FOUND, plan_from_file
from evaluations.plan.schema import (
    SCHEMA_PATH,
    SnapshotError,
    build_schema,
    snapshot_from_dict,
    snapshot_to_dict,
    validation_errors,
)
from evaluations.plan.snapshot import Bilateral, FindingsSnapshot, MmtGrade
from tests.plan.vignettes import vignette

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_docs_schema_is_the_schema_the_code_validates_with():
    on_disk = json.loads(SCHEMA_PATH.read_text("utf-8"))
    assert on_disk == build_schema(), "run: python -m evaluations.plan.schema"


def test_every_property_of_the_schema_is_documented():
    schema = build_schema()
    objects = [schema, *schema["$defs"].values()]
    for obj in objects:
        for name, prop in obj["properties"].items():
            assert prop.get("description"), name


@pytest.mark.parametrize("name", ["sean", "craig", "brendan", "eric"])
def test_example_files_are_valid(name):
    data = json.loads((EXAMPLES / f"{name}.json").read_text("utf-8"))
    assert validation_errors(data) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"hip": {"rom_flexion": {"left": 200}}}, "hip.rom_flexion.left: 200 is greater"),
        ({"hip": {"mmt_hip_flexors": {"right": "6"}}}, "hip.mmt_hip_flexors.right: '6' is not"),
        ({"age": "forty"}, "age: 'forty' is not of type 'integer'"),
        ({"history": {"old_injuries": [{"year": 1800}]}}, "history.old_injuries[0].year: 1800"),
        ({"pelvis": {"sij_gaenslen": "yes"}}, "pelvis.sij_gaenslen: 'yes' is not one of"),
        ({"core": {"aslr": {"left": -1}}}, "core.aslr.left: -1 is less than the minimum"),
        ({"gait": {"runner": "yes"}}, "gait.runner: 'yes' is not of type 'boolean'"),
        ({"hamstring": {"tendr": True}}, "hamstring: Additional properties are not allowed"),
        ({"colour": "blue"}, "(top level): Additional properties are not allowed"),
    ],
)
def test_a_broken_snapshot_names_the_field(data, message):
    with pytest.raises(SnapshotError) as raised:
        snapshot_from_dict(data)
    assert any(error.startswith(message) for error in raised.value.errors), raised.value.errors


def test_all_errors_are_reported_at_once():
    errors = validation_errors({"age": -1, "foot": {"fpi_total": 20}})
    assert [error.split(":")[0] for error in errors] == ["age", "foot.fpi_total"]


def test_a_not_tested_value_stays_none_and_is_left_out_of_the_json():
    snapshot = snapshot_from_dict({"gait": {"runner": None}, "hip": {"mmt_hip_flexors": {}}})
    assert snapshot.gait.runner is None
    assert snapshot.hip.mmt_hip_flexors == Bilateral()
    assert snapshot_to_dict(snapshot) == {}


def test_a_negative_finding_is_kept_as_false():
    snapshot = snapshot_from_dict({"core": {"prone_instability": False}})
    assert snapshot.core.prone_instability is False
    assert snapshot_to_dict(snapshot) == {"core": {"prone_instability": False}}


def test_json_values_become_the_snapshot_types():
    snapshot = snapshot_from_dict(vignette(hip={"mmt_hip_flexors": {"left": "4-"}}))
    assert snapshot.hip.mmt_hip_flexors.left is MmtGrade.G4_MINUS
    assert isinstance(snapshot, FindingsSnapshot)


@pytest.mark.parametrize("name", ["sean", "craig", "brendan", "eric"])
def test_example_round_trips_through_the_snapshot(name):
    data = json.loads((EXAMPLES / f"{name}.json").read_text("utf-8"))
    snapshot = snapshot_from_dict(data)
    assert snapshot_from_dict(snapshot_to_dict(snapshot)) == snapshot


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path):
    path = tmp_path / "nope.json"
    assert plan_from_file(path) == (None, [FILE_NOT_FOUND.format(path=path)])


def test_a_file_that_is_not_json_is_an_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", "utf-8")
    plan, errors = plan_from_file(path)
    assert plan is None
    assert errors[0].startswith(f"{path}: not valid JSON")


def test_a_json_list_is_rejected_at_the_top_level(tmp_path):
    path = tmp_path / "list.json"
    path.write_text("[]", "utf-8")
    assert plan_from_file(path)[1] == ["(top level): [] is not of type 'object'"]
