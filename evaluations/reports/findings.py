"""A region's findings as report rows: left and right side by side, units, LSI and flags.

Only what was tested becomes a row. A value outside DOMAIN.md §1's normal range, an answer
its finding declares unfavourable (a positive test, a gate criterion not met) and a limb
symmetry index that deserves a look are flagged; the normal range is printed beside the
value so a reader sees why. Free text prints as typed.
"""

from decimal import Decimal

from evaluations.findings.derived_view import symmetry_flag
from evaluations.models import Core, Foot, FunctionTests, Gait, Hamstring, Hip, Neural, Pelvis
from evaluations.models.fields import MMTGrade, mmt_rank, unit_suffix
from evaluations.plan.derived import MCGILL_NORMS, MCGILL_WELL_BELOW

REGIONS = [Hip, Pelvis, Core, Foot, Gait, Neural, Hamstring, FunctionTests]
NUMBER = (int, float, Decimal)
FULL_STRENGTH = mmt_rank("5")

# Typical values by field stem: (low, high, printed range, source key). DOMAIN.md §1.
NORMAL_RANGES = {
    # [ROM1] typical hip ranges with a goniometer.
    "rom_flexion": (110, 125, "110–125°", "ROM1"),
    "rom_extension": (10, 30, "10–30°", "ROM1"),
    "rom_abduction": (30, 50, "30–50°", "ROM1"),
    "rom_adduction": (20, 30, "20–30°", "ROM1"),
    "rom_external_rotation": (40, 60, "40–60°", "ROM1"),
    "rom_internal_rotation": (30, 40, "30–40°", "ROM1"),
    # [THO1] thigh above horizontal is positive; [THO3] knee under 67° suggests rectus femoris.
    "thomas_hip_angle": (None, 0, "≤ 0°", "THO1"),
    "thomas_knee_angle": (67, None, "≥ 67°", "THO3"),
    # [FPI] 0 to +5 normal; [ND] 5–9 mm neutral.
    "fpi_total": (0, 5, "0 to +5", "FPI"),
    "navicular_drop_mm": (5, 9, "5–9 mm", "ND"),
    # [CAD] self-selected walking cadence.
    "walking_cadence": (100, 120, "100–120", "CAD"),
    # [ASLR] any difficulty (1–5 per side) is positive.
    "aslr": (None, 0, "0", "ASLR"),
    # [SHS] short hamstrings under 70°; [AKE] a lag up to ≈ 20° is normal.
    "slr_angle": (70, None, "≥ 70°", "SHS"),
    "active_knee_extension_lag": (None, 20, "≤ 20°", "AKE"),
    # [SLHB] under 20 repetitions is poor.
    "single_leg_bridge_reps": (20, None, "≥ 20", "SLHB"),
    # [HT] any insecurity rules out maximal sprinting.
    "h_test_insecurity": (None, 0, "0", "HT"),
    # [MCG] Anderson 2014 norms; under half the norm is what the plan engine calls well below.
    "mcgill_flexion_s": (MCGILL_NORMS["flexion"] * MCGILL_WELL_BELOW, None, "160 s", "MCG"),
    "mcgill_extension_s": (MCGILL_NORMS["extension"] * MCGILL_WELL_BELOW, None, "101 s", "MCG"),
    "mcgill_side_bridge_s": (MCGILL_NORMS["left"] * MCGILL_WELL_BELOW, None, "≈ 55 s", "MCG"),
    # [PBU] 40 ± 5 mm Hg.
    "pbu_change_mmhg": (-5, 5, "± 5 mm Hg", "PBU"),
    # [PMM] loading pain above 5/10 is unacceptable.
    "load_test_pain": (None, 5, "≤ 5/10", "PMM"),
}
# Function tests of gate R19 [RTR]: 10 controlled squats and hops within 10 %.
NORMAL_RANGES["single_leg_squats_pain_free"] = (10, None, "≥ 10", "RTR")


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


def _flag(stem, field, value):
    """Why a value deserves a look, or "" when it is within the normal range or untested."""
    if value in (None, ""):
        return ""
    if _is_mmt(field):
        rank = mmt_rank(value)
        return "below 5/5" if rank is not None and rank < FULL_STRENGTH else ""
    if field.choices:
        return "unfavourable" if value in getattr(field, "unfavourable", ()) else ""
    limits = NORMAL_RANGES.get(stem)
    if limits is None or not isinstance(value, NUMBER):
        return ""
    low, high, _, _ = limits
    if low is not None and value < low:
        return "below normal"
    if high is not None and value > high:
        return "above normal"
    return ""


def _is_mmt(field):
    return list(field.choices or []) == MMTGrade.choices


def _cell(row, field, stem):
    text = _text(row, field)
    if text is None:
        return None
    return {"text": text, "flag": _flag(stem, field, getattr(row, field.attname))}


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
    for stem, label, first, second in _pairs(section_row.finding_fields()):
        row = {"label": label[:1].upper() + label[1:], "normal": _normal(stem, first)}
        if second is None:
            result = _cell(section_row, first, stem)
            if result is not None:
                rows.append(row | {"result": result})
            continue
        left, right = _cell(section_row, first, stem), _cell(section_row, second, stem)
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


def _normal(stem, field):
    if _is_mmt(field):
        return "5 [MMT]"
    limits = NORMAL_RANGES.get(stem)
    return f"{limits[2]} [{limits[3]}]" if limits else ""
