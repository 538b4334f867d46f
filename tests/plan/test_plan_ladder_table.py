"""docs/rules.md's ladder and stage tables are the ones the engine uses."""

from pathlib import Path

from evaluations.plan.ladders import LADDERS
from evaluations.plan.stages import STAGE_NAMES

RULES_MD = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
LADDER_CODES = {ladder.code for ladder in LADDERS}


def limit_words(limit) -> str:
    return f"{limit.pathway.replace('_', ' ')}: {STAGE_NAMES[limit.pathway][limit.stage - 1]}+"


def check_words(check) -> str:
    if check.kind == "flag":
        return f"{check.subject} yes"
    if check.kind == "gate":
        return f"gate {check.subject} met"
    return f"{check.subject} ≥ {check.value:g}"


def ladder_rows() -> list[list[str]]:
    return [
        [
            ladder.code,
            str(level.rung),
            level.code,
            level.criterion,
            "; ".join(map(limit_words, level.stage_limits)) or "—",
            " or ".join(map(check_words, level.capacity)) or "—",
        ]
        for ladder in LADDERS
        for level in ladder.levels
    ]


def table_rows(first_cells, width: int) -> list[list[str]]:
    """The rows of docs/rules.md tables ``width`` cells wide that start with one of these."""
    rows = []
    for line in RULES_MD.read_text("utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == width and cells[0] in first_cells:
            rows.append(cells)
    return rows


def test_the_ladder_table_lists_every_level_as_the_engine_has_it():
    assert table_rows(LADDER_CODES, 6) == ladder_rows()


def test_the_stage_table_names_every_stage_of_every_pathway():
    documented = [(cells[0], cells[1]) for cells in table_rows(set(STAGE_NAMES), 3)]
    assert documented == [
        (pathway, name) for pathway, names in STAGE_NAMES.items() for name in names
    ]
