"""DOMAIN.md §0: a finding declared unreliable is stored but never drives a rule on its own."""

import pytest

from evaluations import declarations as declared
from evaluations.declarations import BOOLEAN_KINDS, Kind
from tests.plan.vignettes import fired_rules, plan_for, vignette

UNRELIABLE = [
    (section, finding)
    for section in declared.SECTIONS
    for finding in section.findings
    if not finding.drives_rules_alone
]


def extremes(finding):
    """Every answer, or both ends of the range: whatever could look abnormal."""
    if finding.kind in BOOLEAN_KINDS:
        return [True, False]
    if finding.choice_set is not None:
        return list(finding.choice_set.values)
    if finding.kind == Kind.MEASURE:
        return [finding.low, finding.high]
    return []


def test_the_items_of_domain_section_0_are_declared_unreliable():
    names = {finding.name for _, finding in UNRELIABLE}
    assert {"landmark_asymmetry", "sagittal_tilt_degrees", "navicular_drop_mm"} <= names
    assert {"thomas_positive", "thomas_hip_angle"} <= names


@pytest.mark.parametrize(
    ("section", "finding"), UNRELIABLE, ids=lambda item: getattr(item, "name", "")
)
def test_an_unreliable_finding_alone_fires_no_rule(section, finding):
    for value in extremes(finding):
        recorded = {"left": value, "right": value} if finding.bilateral else value
        plan = plan_for(vignette({section.snapshot_name: {finding.name: recorded}}))
        assert fired_rules(plan) == set(), (finding.name, value)
