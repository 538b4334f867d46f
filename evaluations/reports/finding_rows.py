"""A region's findings as report rows: left and right side by side, units, LSI and flags.

Only what was tested becomes a row. A value outside its declared normal range, an answer
its finding declares unfavourable (a positive test, a gate criterion not met) and a limb
symmetry index that deserves a look are flagged; the normal range is printed beside the
value so a reader sees why. Free text prints as typed.
"""

from decimal import Decimal

from evaluations import declarations as declared
from evaluations.models import SECTION_BY_SLUG
from evaluations.models.fields import MMTGrade, mmt_rank, unit_suffix
from evaluations.services.derived_summary import symmetry_flag

# The examination regions, in declared order (history and the red-flag screen print apart).
REGIONS = [SECTION_BY_SLUG[section.slug] for section in declared.SECTIONS if section.region]
NUMBER = (int, float, Decimal)
FULL_STRENGTH = mmt_rank("5")


def _number(value):
    if isinstance(value, Decimal):
        value = float(value)
    return f"{value:g}"


def _text(row, field):
    """What the reader sees for a finding: its choice's label, a number, or the typed text."""
    value = getattr(row, field.attname)
    if value in (None, ""):
        return None
    if field.choices:
        return getattr(row, f"get_{field.name}_display")()
    if isinstance(value, NUMBER) and not isinstance(value, bool):
        return f"{_number(value)}{unit_suffix(getattr(field, 'unit', ''))}"
    return str(value)


def _flag(normal, field, value):
    """Why a value deserves a look, or "" when it is within the normal range or untested."""
    if value in (None, ""):
        return ""
    if _is_mmt(field):
        rank = mmt_rank(value)
        return "below 5/5" if rank is not None and rank < FULL_STRENGTH else ""
    if field.choices:
        return "unfavourable" if value in getattr(field, "unfavourable", ()) else ""
    if normal is None or not isinstance(value, NUMBER):
        return ""
    low, high = normal.low, normal.high
    if low is not None and value < low:
        return "below normal"
    if high is not None and value > high:
        return "above normal"
    return ""


def _is_mmt(field):
    return list(field.choices or []) == MMTGrade.choices


def _cell(row, field, normal):
    text = _text(row, field)
    if text is None:
        return None
    return {"text": text, "flag": _flag(normal, field, getattr(row, field.attname))}


def _pairs(fields):
    """(stem, label, left, right) with single findings as (stem, label, field, None)."""
    index = 0
    while index < len(fields):
        field = fields[index]
        stem = field.name.removesuffix("_left")
        following = fields[index + 1] if index + 1 < len(fields) else None
        if field.name.endswith("_left") and following and following.name == f"{stem}_right":
            yield stem, str(field.verbose_name).removesuffix(", left"), field, following
            index += 2
        else:
            yield field.name, str(field.verbose_name), field, None
            index += 1


def region_rows(section_row, lsi_by_stem):
    """The tested findings of one section, as plain dicts for the template.

    A finding with a left and a right side has `left`, `right` and `lsi`; one without a side
    has a single `result`, so the report never prints it under a side's heading.
    """
    rows = []
    declaration = section_row.declaration
    for stem, label, first, second in _pairs(section_row.finding_fields()):
        normal = _normal_of(declaration, stem)
        row = {"label": label[:1].upper() + label[1:], "normal": _normal_text(normal)}
        if second is None:
            result = _cell(section_row, first, normal)
            if result is not None:
                rows.append(row | {"result": result})
            continue
        left, right = _cell(section_row, first, normal), _cell(section_row, second, normal)
        if left is None and right is None:
            continue
        symmetry = lsi_by_stem.get(stem)
        rows.append(
            row
            | {
                "left": left,
                "right": right,
                "lsi": symmetry.percent_text if symmetry else "",
                "lsi_side": str(symmetry.involved_side) if symmetry else "",
                "lsi_flag": symmetry_flag(symmetry) if symmetry else "",
            }
        )
    return rows


def _normal_of(declaration, stem):
    """The declared normal value or range of a finding (clinical reference §1), or None."""
    return declaration.finding(stem).normal


def _normal_text(normal):
    return f"{normal.text} [{normal.source}]" if normal else ""
