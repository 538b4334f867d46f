"""Progression ladders in the database: the shared ones, seeded from ``plan/ladders.py``
(clinical reference §9), and each clinic's copies, kept like the exercise library.

A level names its exercise by code, as the engine and the rules do: a clinic's copy of an
exercise keeps the code and takes the shared one's place, so the level follows it without
being edited. An exercise deleted or switched off leaves the level in the table; the engine
skips it (the ladder closes up around it) and the admin refuses the ladder until it is fixed.

A level's measurable criterion is two small JSON lists, read whole by the engine and never
queried: the admin cannot nest a table inside a level's row, and ``plan/ladders.py`` says
what a valid stage limit and check are, once (``stage_limit_problem``, ``check_problem``).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from evaluations.models.exercise import unique_code_per_library
from evaluations.plan import ladders as plan
from evaluations.plan.stages import PATHWAY_NAMES, STAGE_NAMES

DUPLICATE_LADDER_CODE = "This library already has a ladder with this code."
NOT_A_LIST = "Expected a list of {what}, each with {keys}."
# The pathways that have stages (plan/stages.py), for a ladder that applies to one only.
STAGED_PATHWAYS = [(code, PATHWAY_NAMES[code]) for code in STAGE_NAMES]


class Ladder(models.Model):
    clinic = models.ForeignKey(
        "patients.Clinic",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ladders",
        verbose_name="clinic's library",
        help_text="Empty: the shared ladders, which clinics copy a ladder from to change it.",
    )
    code = models.SlugField("code", max_length=60)
    name = models.CharField("name", max_length=120)
    pathway = models.CharField(
        "only for the pathway",
        max_length=40,
        blank=True,
        choices=STAGED_PATHWAYS,
        help_text="Empty: the ladder applies whatever the picture (the bridge ladder). "
        "Set: only while that pathway is active (the tendon-loading ladder).",
    )
    position = models.PositiveSmallIntegerField(
        "order",
        default=0,
        help_text="Plans read the ladders in this order: when two ladders offer the same "
        "next exercise, the first one's criterion is shown.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "code"]
        constraints = unique_code_per_library("ladder", DUPLICATE_LADDER_CODE)

    def __str__(self):
        return self.name

    @property
    def is_shared(self):
        return self.clinic_id is None

    def as_plan_ladder(self, levels=None) -> plan.Ladder:
        """The engine's frozen ladder, with these plan levels or the stored (prefetched) ones."""
        if levels is None:
            levels = [level.as_plan_level() for level in self.levels.all()]
        return plan.Ladder(self.code, self.name, tuple(levels), self.pathway or None)


class LadderLevel(models.Model):
    ladder = models.ForeignKey(Ladder, on_delete=models.CASCADE, related_name="levels")
    rung = models.PositiveSmallIntegerField(
        "rung",
        validators=[MinValueValidator(1)],
        help_text="1 is the bottom; levels on the same rung are alternatives.",
    )
    exercise_code = models.SlugField(
        "exercise",
        max_length=60,
        help_text="By code: the clinic's copy of an exercise takes the shared one's place.",
    )
    criterion = models.TextField(
        "entry criterion",
        help_text="When the patient moves up to this level, in words; the plan shows it as "
        "“next, when …”.",
    )
    stage_limits = models.JSONField(
        "only from stage",
        default=list,
        blank=True,
        help_text="Never prescribed while an active pathway is below this stage.",
    )
    capacity = models.JSONField(
        "already managed when",
        default=list,
        blank=True,
        help_text="Measured results, any of which starts the patient at this level.",
    )

    class Meta:
        ordering = ["rung", "pk"]
        verbose_name = "level"

    def __str__(self):
        return f"{self.rung}. {self.exercise_code}"

    def clean(self):
        errors = {}
        for field, parse, problem in (
            ("stage_limits", stage_limits_from_json, plan.stage_limit_problem),
            ("capacity", checks_from_json, plan.check_problem),
        ):
            try:
                found = [problem(item) for item in parse(getattr(self, field))]
            except ValueError as error:
                found = [str(error)]
            if any(found):
                errors[field] = [message for message in found if message]
        if errors:
            raise ValidationError(errors)

    def as_plan_level(self) -> plan.Level:
        return plan.Level(
            self.rung,
            self.exercise_code,
            self.criterion,
            stage_limits_from_json(self.stage_limits),
            checks_from_json(self.capacity),
        )


def _items(data, what: str, keys: set) -> list[dict]:
    if not (isinstance(data, list) and all(isinstance(i, dict) and keys <= i.keys() for i in data)):
        raise ValueError(NOT_A_LIST.format(what=what, keys=" and ".join(sorted(keys))))
    return data


def stage_limits_from_json(data) -> tuple[plan.StageLimit, ...]:
    items = _items(data, "stage limits", {"pathway", "stage"})
    return tuple(plan.StageLimit(item["pathway"], item["stage"]) for item in items)


def checks_from_json(data) -> tuple[plan.Check, ...]:
    items = _items(data, "checks", {"kind", "subject"})
    return tuple(plan.Check(item["kind"], item["subject"], item.get("value", 0)) for item in items)


def stage_limits_to_json(limits) -> list[dict]:
    return [{"pathway": limit.pathway, "stage": limit.stage} for limit in limits]


def checks_to_json(checks) -> list[dict]:
    return [
        {"kind": check.kind, "subject": check.subject, "value": check.value}
        if check.kind == "at_least"
        else {"kind": check.kind, "subject": check.subject}
        for check in checks
    ]
