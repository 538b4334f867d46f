"""The clinician's arrangement of the prescription: moving items between its parts, reordering
them within a part, and the one-line reason for a home programme over the clinic's limit.

Each write takes the note's row lock first and reads the plan's rows after it, so two tabs
moving items at once still count the home programme right, and a signed note refuses.
"""

from django.db import transaction

from evaluations.models import Evaluation, PlanItem, lock_draft_note
from evaluations.plan.plan_types import PART_TITLES, Part

from .plan_review import PlanReviewError, clinic_home_limit

# Where the clinician may move an item; education (sitting breaks, the bending tip) is taught,
# not dosed, so it neither leaves its part nor takes an exercise in.
MOVABLE_PARTS = (Part.HOME, Part.CLINIC, Part.LATER)
UP, DOWN = "up", "down"

EDUCATION_STAYS = "Education stays in the education part; take it off the plan if it is not needed."
ALREADY_THERE = "{name} is already in {part}."
TAKEN_OFF = "{name} is off the plan: put it back first."
OVER_LIMIT_REASON_NEEDED = (
    "The home programme would have {count} exercises, more than this clinic's limit of {limit}: "
    "say in one line why this patient needs more, or move another exercise out first."
)
MOVED = "{name} moved to {part}."
REORDERED = "{name} moved {direction} in {part}."
AT_THE_EDGE = "{name} is already {edge} in {part}."
REASON_SAVED = "The reason for the larger home programme is saved."
REASON_CLEARED = "The reason for the larger home programme is cleared."


def home_limit(evaluation):
    """The home-programme size the note's plan was made with; the clinic's before a plan."""
    return evaluation.plan_data.get("home_limit") or clinic_home_limit(evaluation.patient.clinic)


def home_count(items):
    return sum(1 for item in items if item.part == Part.HOME and not item.removed)


def home_over_limit(evaluation, items):
    """How many exercises the home programme has over the limit (0 when within it)."""
    return max(0, home_count(items) - home_limit(evaluation))


def part_title(part):
    return PART_TITLES[Part(part)].lower() if part != Part.HOME else "the home programme"


def _locked(item):
    """The note's lock, then the note and its items as stored now."""
    lock_draft_note(item.evaluation_id)
    evaluation = Evaluation.objects.select_related("patient__clinic").get(pk=item.evaluation_id)
    items = list(evaluation.plan_items.all())
    item = next(row for row in items if row.pk == item.pk)
    if item.removed:
        raise PlanReviewError(TAKEN_OFF.format(name=item.name))
    return evaluation, items, item


@transaction.atomic
def move_item(*, item, part, reason=""):
    """Put an item in another part, last in it. A move that takes the home programme over the
    limit needs a reason, given now or already on the note; it is kept for the programme."""
    evaluation, items, item = _locked(item)
    part = Part(part)
    if item.part == Part.EDUCATION or part not in MOVABLE_PARTS:
        raise PlanReviewError(EDUCATION_STAYS)
    if item.part == part:
        raise PlanReviewError(ALREADY_THERE.format(name=item.name, part=part_title(part)))
    reason = reason.strip()
    if part == Part.HOME:
        count, limit = home_count(items) + 1, home_limit(evaluation)
        if count > limit and not (reason or evaluation.home_programme_reason):
            raise PlanReviewError(OVER_LIMIT_REASON_NEEDED.format(count=count, limit=limit))
        if count > limit and reason:
            _save_reason(evaluation, reason)
    if not item.suggested_part and item.origin == PlanItem.Origin.ENGINE:
        # Rows made before parts were remembered: the part they had is the engine's.
        item.suggested_part = item.part
    item.part = part
    item.position = max((row.position for row in items), default=0) + 1
    item.save(update_fields=["part", "suggested_part", "position", "updated_at"])
    return MOVED.format(name=item.name, part=part_title(part))


@transaction.atomic
def reorder_item(*, item, direction):
    """Swap an item with its neighbour in its part (up is towards the first)."""
    evaluation, items, item = _locked(item)
    row = sorted(
        (other for other in items if other.part == item.part and not other.removed),
        key=lambda other: (other.position, other.pk),
    )
    index = row.index(item)
    target = index - 1 if direction == UP else index + 1
    if not 0 <= target < len(row):
        edge = "first" if direction == UP else "last"
        raise PlanReviewError(
            AT_THE_EDGE.format(name=item.name, edge=edge, part=part_title(item.part))
        )
    row[index], row[target] = row[target], row[index]
    _renumber(row)
    return REORDERED.format(name=item.name, direction=direction, part=part_title(item.part))


def _renumber(row):
    """Give the part's items their new order, reusing the part's own positions when they are
    distinct; only rows whose position changes are saved (and audited)."""
    slots = sorted(item.position for item in row)
    if len(set(slots)) < len(slots):
        slots = range(slots[0], slots[0] + len(slots))
    for item, position in zip(row, slots, strict=True):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position", "updated_at"])


@transaction.atomic
def set_home_programme_reason(*, evaluation, reason):
    lock_draft_note(evaluation.pk)
    note = Evaluation.objects.get(pk=evaluation.pk)
    _save_reason(note, reason.strip())
    evaluation.home_programme_reason = note.home_programme_reason
    return REASON_SAVED if note.home_programme_reason else REASON_CLEARED


def _save_reason(evaluation, reason):
    evaluation.home_programme_reason = reason[:300]
    # updated_at stays: it marks changes of the visit details the plan is made from.
    evaluation.save(update_fields=["home_programme_reason"])
