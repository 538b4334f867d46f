"""Each finding is declared once (evaluations/declarations); everything else agrees with it.

Checked both ways: every declared finding is in the model, the snapshot, the schema, the form
and the report with its declared label, range, answers and unit, and each of those holds
nothing that was not declared. A finding added to a fixture declaration flows to all of
them without another edit.
"""

import dataclasses
import subprocess
import sys
import typing
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test.utils import isolate_apps

from evaluations import declarations as declared
from evaluations.declarations import BOOLEAN_KINDS, Kind, Normal
from evaluations.declarations.declare import measure
from evaluations.forms import section_form
from evaluations.models import SECTION_BY_SLUG
from evaluations.models.sections import section_model
from evaluations.plan import snapshot as snap
from evaluations.plan.derived import SYMMETRY_MEASURES, symmetry_measures
from evaluations.plan.schema import build_schema, object_schema
from evaluations.reports.finding_rows import region_rows
from evaluations.services.snapshot_builder import _field_plan, _section_snapshot

SECTIONS = declared.SECTIONS
SCHEMA_DEFS = build_schema()["$defs"]


def sides(finding):
    return ("left", "right") if finding.bilateral else ("",)


def column(finding, side):
    return f"{finding.name}_{side}" if side else finding.name


def label(finding, side):
    return f"{finding.label}, {side}" if side else finding.label


def engine_findings(section):
    return [f for f in section.findings if f.in_snapshot and not f.group]


def test_the_declarations_and_the_engine_import_without_django():
    code = (
        "import sys, evaluations.declarations, evaluations.plan.snapshot, "
        "evaluations.plan.derived; sys.exit('django' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_finding_names_are_unique_within_a_section():
    for section in SECTIONS:
        names = [column(f, side) for f in section.findings for side in sides(f)]
        assert len(names) == len(set(names)), section.slug


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.slug)
def test_the_model_has_exactly_the_declared_columns(section):
    model = SECTION_BY_SLUG[section.slug]
    fields = {field.name: field for field in model.finding_fields()}
    declared_columns = [column(f, side) for f in section.findings for side in sides(f)]
    assert list(fields) == declared_columns
    for finding in section.findings:
        for side in sides(finding):
            field = fields[column(finding, side)]
            assert field.verbose_name == label(finding, side)
            assert field.help_text == finding.help
            if finding.kind == Kind.MEASURE:
                assert field.valid_range == finding.valid_range
                assert field.unit == finding.unit
                high = field.to_python(finding.high)
                field.run_validators(high)
                with pytest.raises(ValidationError, match="Enter a value from"):
                    field.run_validators(high + 1)
            if finding.choice_set is not None:
                assert list(field.choices) == finding.choice_set.pairs
                assert field.empty_label == finding.empty_label
            if finding.max_length is not None:
                assert field.max_length == finding.max_length


def _engine_type(finding):
    if finding.kind in BOOLEAN_KINDS:
        return bool
    if finding.choice_set is not None:
        return snap.ENUMS[finding.choice_set.name]
    if finding.kind == Kind.MEASURE:
        return int if finding.whole else float
    return str


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.slug)
def test_the_snapshot_has_exactly_the_declared_findings(section):
    cls = snap.SECTION_CLASSES[section.snapshot_name]
    assert cls.__name__ == section.class_name + snap.FINDINGS_SUFFIX
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    groups = {f.group for f in section.findings if f.group}
    assert set(fields) == {f.name for f in engine_findings(section)} | groups
    for finding in engine_findings(section):
        metadata = fields[finding.name].metadata
        kind = _engine_type(finding)
        expected = snap.Bilateral[kind] if finding.bilateral else kind | None
        assert hints[finding.name] == expected, finding.name
        assert metadata.get("minimum") == finding.low and metadata.get("maximum") == finding.high
        if finding.choice_set is not None and kind is not bool:
            assert [m.value for m in kind] == list(finding.choice_set.values)


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.slug)
def test_the_schema_has_exactly_the_declared_findings(section):
    properties = SCHEMA_DEFS[section.class_name + snap.FINDINGS_SUFFIX]["properties"]
    groups = {f.group for f in section.findings if f.group}
    assert set(properties) == {f.name for f in engine_findings(section)} | groups
    for finding in engine_findings(section):
        schema = properties[finding.name]
        value = schema["properties"]["left"] if finding.bilateral else schema
        assert value.get("minimum") == finding.low and value.get("maximum") == finding.high
        if finding.choice_set is not None and finding.kind not in BOOLEAN_KINDS:
            assert value["enum"] == [*finding.choice_set.values, None]
        if finding.kind in BOOLEAN_KINDS:
            assert value["type"] == ["boolean", "null"]


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.slug)
def test_the_form_has_exactly_the_declared_inputs(section):
    form = section_form(SECTION_BY_SLUG[section.slug])()
    declared_columns = [column(f, side) for f in section.findings for side in sides(f)]
    assert list(form.fields) == declared_columns
    for finding in section.findings:
        for side in sides(finding):
            field = form.fields[column(finding, side)]
            assert field.label == label(finding, side)[:1].upper() + label(finding, side)[1:]
            assert getattr(field, "unit", "") == finding.unit
            if finding.choice_set is not None:
                assert list(field.choices) == [("", finding.empty_label), *finding.choice_set.pairs]


def _example_value(finding):
    """A valid value for every kind: the top of a range, the last answer, a word."""
    if finding.kind == Kind.MEASURE:
        return Decimal(finding.high) if finding.decimals else finding.high
    if finding.choice_set is not None:
        return finding.choice_set.values[-1]
    return "as typed"


def _filled_row(model, section):
    row = model()
    for finding in section.findings:
        for side in sides(finding):
            setattr(row, column(finding, side), _example_value(finding))
    return row


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.slug)
def test_the_report_prints_every_declared_finding_and_nothing_else(section):
    rows = region_rows(_filled_row(SECTION_BY_SLUG[section.slug], section), {})
    printed = {row["label"]: row for row in rows}
    assert len(printed) == len(section.findings)
    for finding in section.findings:
        row = printed[finding.label[:1].upper() + finding.label[1:]]
        normal = finding.normal
        assert row["normal"] == (f"{normal.text} [{normal.source}]" if normal else "")
        cell = row["left"] if finding.bilateral else row["result"]
        if finding.kind == Kind.MEASURE and finding.unit:
            assert cell["text"].endswith(finding.unit)


def test_the_lsi_list_is_every_declared_symmetry_measure():
    declared_lsi = {
        f"{section.snapshot_name}.{f.name}"
        for section in SECTIONS
        for f in section.findings
        if f.lsi
    }
    assert {path for path, _ in SYMMETRY_MEASURES} == declared_lsi
    for section in SECTIONS:
        for finding in section.findings:
            if finding.lsi:
                assert finding.bilateral and finding.kind == Kind.MEASURE, finding.name


def test_a_declared_section_names_its_models_table_for_the_signed_note_triggers():
    """What a migration passes to install_note_part_triggers; test_database_roles.py checks
    on PostgreSQL that every note table has the triggers."""
    for section in SECTIONS:
        assert section.table == SECTION_BY_SLUG[section.slug]._meta.db_table


# A finding added to a copy of a declared section, as a contributor would add it.
TOE_GRIP = measure(
    "toe_grip_kg",
    "toe grip strength",
    0,
    60,
    "kg",
    decimals=1,
    bilateral=True,
    lsi="Toe grip strength",
    normal=Normal("≥ 10 kg", "FIXTURE", low=10),
    about="Toe grip dynamometry, kg (a test fixture).",
)
FOOT_WITH_TOE_GRIP = dataclasses.replace(
    declared.FOOT,
    class_name="FootWithToeGrip",
    snapshot_name="foot_with_toe_grip",
    findings=(*declared.FOOT.findings, TOE_GRIP),
)


@isolate_apps("evaluations")
def test_a_finding_added_to_a_declaration_reaches_model_form_report_snapshot_and_schema():
    model = section_model(FOOT_WITH_TOE_GRIP, related_name="+")
    # The model: two columns with the declared range as a validator.
    field = model._meta.get_field("toe_grip_kg_left")
    assert (field.verbose_name, field.unit, field.valid_range) == (
        "toe grip strength, left",
        "kg",
        (0, 60),
    )
    with pytest.raises(ValidationError, match="Enter a value from 0 to 60 kg"):
        field.run_validators(Decimal(61))
    # The form: a labelled input with its unit; out of range is refused next to the field.
    form = section_form(model)(data={"toe_grip_kg_left": "61", "toe_grip_kg_right": "12.5"})
    assert form.fields["toe_grip_kg_right"].unit == "kg"
    assert not form.is_valid() and "toe_grip_kg_left" in form.errors
    # The report: one row, both sides, the declared normal range and its flag.
    row = model(toe_grip_kg_left=Decimal("8.0"), toe_grip_kg_right=Decimal("12.5"))
    (printed,) = [r for r in region_rows(row, {}) if r["label"] == "Toe grip strength"]
    assert printed["normal"] == "≥ 10 kg [FIXTURE]"
    assert printed["left"] == {"text": "8 kg", "flag": "below normal"}
    assert printed["right"] == {"text": "12.5 kg", "flag": ""}
    # The snapshot: a Bilateral[float] with the range, filled from the model row.
    cls = snap.section_dataclass(FOOT_WITH_TOE_GRIP)
    assert typing.get_type_hints(cls)["toe_grip_kg"] == snap.Bilateral[float]
    section = _section_snapshot(row, cls, _field_plan(cls))
    assert section.toe_grip_kg == snap.Bilateral(8.0, 12.5)
    # The schema: the property with its range, for JSON files the engine reads.
    side = object_schema(cls)["properties"]["toe_grip_kg"]["properties"]["left"]
    assert (side["minimum"], side["maximum"], side["type"]) == (0, 60, ["number", "null"])
    # The limb symmetry list.
    assert ("foot_with_toe_grip.toe_grip_kg", "Toe grip strength") in symmetry_measures(
        [FOOT_WITH_TOE_GRIP]
    )
