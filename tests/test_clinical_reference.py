"""docs/clinical-reference.md is the project's own clinical reference: its address list is the
one the report prints, every key cited anywhere is in it, and every section cited exists."""

import re
from pathlib import Path

from evaluations.plan.library import load_seed_library
from evaluations.plan.rules import RULE_TABLE
from evaluations.reports.sources import SOURCES

BASE_DIR = Path(__file__).resolve().parent.parent
REFERENCE = (BASE_DIR / "docs" / "clinical-reference.md").read_text("utf-8")
LOW = " *(low)*"
# What cites the reference by section: the code, the templates and the other documents.
CITING = [
    *(BASE_DIR / "evaluations").rglob("*.py"),
    *(BASE_DIR / "patients").rglob("*.py"),
    *(BASE_DIR / "templates").rglob("*.html"),
    *(BASE_DIR / "docs").glob("*.md"),
    BASE_DIR / "README.md",
]


def listed_sources():
    """The key → entry rows of §8, both tables."""
    sources = REFERENCE.split("\n## 8. ", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| ([A-Z][A-Za-z0-9-]+) \| (.+) \|$", sources, re.M))


def test_the_reference_lists_each_address_of_the_report_with_its_low_evidence_mark():
    listed = listed_sources()
    for key, (url, low) in SOURCES.items():
        assert listed.get(key) == url + (LOW if low else ""), key


def test_every_key_the_reference_cites_is_in_its_source_list():
    cited = set(re.findall(r"\[([A-Z][A-Za-z0-9-]+)\]", REFERENCE))
    assert cited and cited <= set(listed_sources())


def test_every_key_a_rule_or_an_exercise_cites_is_in_the_reference():
    keys = {key for rule in RULE_TABLE.values() for key in rule.source_keys}
    keys |= {key for exercise in load_seed_library() for key in exercise.source_keys}
    assert keys and keys <= set(listed_sources())


def test_every_section_cited_exists():
    sections = set(re.findall(r"^## (\d+)\. ", REFERENCE, re.M))
    cited = [
        (path.relative_to(BASE_DIR), number)
        for path in CITING
        for number in re.findall(r"clinical reference[^§\n]{0,40}§(\d+)", path.read_text(), re.I)
    ]
    assert cited
    assert [(path, number) for path, number in cited if number not in sections] == []


def test_no_template_sends_its_reader_to_a_file_outside_the_repository():
    for path in (BASE_DIR / "templates").rglob("*.html"):
        assert "DOMAIN.md" not in path.read_text(), path.relative_to(BASE_DIR)
