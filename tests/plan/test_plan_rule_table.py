"""docs/rules.md is the rule table as implemented: its evidence and sources match the code."""

from pathlib import Path

from evaluations.plan.rules import RULE_TABLE

RULES_MD = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def documented_rows() -> dict[str, list[str]]:
    rows = {}
    for line in RULES_MD.read_text("utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0] in RULE_TABLE:
            rows[cells[0]] = cells
    return rows


def test_every_rule_has_a_row_in_docs_rules_md():
    assert set(documented_rows()) == set(RULE_TABLE)


def test_each_row_names_the_rules_evidence_level_and_sources():
    for rule_id, cells in documented_rows().items():
        rule = RULE_TABLE[rule_id]
        assert cells[4].startswith(rule.evidence_level), rule_id
        assert [key.strip() for key in cells[5].split(",")] == list(rule.source_keys), rule_id
