"""What a note keeps of its plan, and what comes after signing: referral actions and addenda."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from evaluations.plan.plan_types import PART_TITLES, PILLARS, Part
from evaluations.reports.plain_language import EXERCISE_SIDE

from .evaluation import Evaluation
from .exercise import Exercise
from .fields import Answer
from .immutability import NotePart, SignedNoteError

PILLAR_CHOICES = [(number, f"{number}. {name}") for number, name in PILLARS.items()]


class PlanItem(NotePart):
    """One item of the reviewed plan: the note's own copy, so library edits never change it."""

    class Origin(models.TextChoices):
        ENGINE = "engine", "Suggested by the plan engine"
        CLINICIAN = "clinician", "Added by the clinician"

    class Kind(models.TextChoices):
        EXERCISE = "exercise", "Exercise"
        MANUAL_THERAPY = "manual_therapy", "Manual therapy"
        EDUCATION = "education", "Education"
        ASSESSMENT = "assessment", "Assessment"

    # The prescription's parts are the engine's (plan_types.Part), with their titles.
    PART_CHOICES = [(part.value, PART_TITLES[part]) for part in Part]
    SIDE_CHOICES = [("left", "Left"), ("right", "Right"), ("both", "Both sides (per side)")]

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="plan_items")
    origin = models.CharField(max_length=10, choices=Origin.choices)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.EXERCISE)
    code = models.CharField(max_length=60, blank=True)
    # A signed note must never change, so an exercise on a plan cannot be deleted (switch it off).
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pillar = models.PositiveSmallIntegerField(choices=PILLAR_CHOICES)
    name = models.CharField("name", max_length=200)
    plain_name = models.CharField("plain name", max_length=200, blank=True)
    instructions = models.TextField("patient steps", blank=True)
    patient_feel = models.TextField(blank=True)
    patient_stop = models.TextField(blank=True)
    dosing = models.CharField("dosing", max_length=500, blank=True)
    # Made from the dosing above in plain words (reports/plain_dosing.py) and re-made when the
    # dosing changes, so the handout never says something else than the signed dosing.
    patient_dosing = models.CharField(
        "how much (patient)",
        max_length=500,
        blank=True,
        help_text="The dosing in the patient's words, as the handout prints it.",
    )
    cautions = models.TextField(blank=True)
    reasons = models.JSONField(default=list, blank=True)
    rule_ids = models.JSONField(default=list, blank=True)
    evidence_level = models.CharField(max_length=8, blank=True)
    source_keys = models.JSONField(default=list, blank=True)
    clinician_note = models.CharField("note", max_length=500, blank=True)
    removed = models.BooleanField(default=False)
    removed_reason = models.CharField("reason for removing", max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    part = models.CharField(
        "part of the plan",
        max_length=10,
        choices=PART_CHOICES,
        default=Part.HOME.value,
        help_text="Home programme, education, in clinic, or later (the next level).",
    )
    # Where the engine put the item; a different ``part`` means the clinician moved it, and
    # re-running the plan keeps it where they put it.
    suggested_part = models.CharField(
        "part the engine suggested", max_length=10, choices=PART_CHOICES, blank=True
    )
    side = models.CharField(max_length=5, choices=SIDE_CHOICES, blank=True)
    # Copied from the exercise like its steps: a library edit never changes a note's wording.
    one_side_at_a_time = models.BooleanField("one side at a time", default=False)
    stage = models.CharField(
        max_length=200, blank=True, help_text="The pathway stage the item was chosen for."
    )
    next_step = models.CharField("next step", max_length=500, blank=True)
    patient_next_step = models.CharField("next step, for the patient", max_length=300, blank=True)
    conflicts = models.JSONField(
        default=list, blank=True, help_text="Active precautions this item goes against."
    )
    # The picture the handout printed, copied into the signed storage at signing
    # (services/documents.py), with its SHA-256: a later upload never changes it.
    picture_file = models.CharField("picture as signed", max_length=255, blank=True)
    picture_sha256 = models.CharField("SHA-256 of the picture", max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pillar", "position", "id"]
        indexes = [models.Index(fields=["evaluation", "pillar", "position"])]
        constraints = [
            # One item per exercise (or engine code) and note; free items have no code.
            models.UniqueConstraint(
                fields=["evaluation", "code"],
                condition=~models.Q(code=""),
                name="one_plan_item_per_code",
            )
        ]

    def __str__(self):
        return self.name

    @classmethod
    def part_for_kind(cls, kind):
        """Where a clinician's own item goes: advice to education, hands-on to the clinic."""
        return {
            cls.Kind.EDUCATION: Part.EDUCATION,
            cls.Kind.MANUAL_THERAPY: Part.CLINIC,
            cls.Kind.ASSESSMENT: Part.CLINIC,
        }.get(kind, Part.HOME).value

    @property
    def moved_by_clinician(self):
        return bool(self.suggested_part) and self.part != self.suggested_part

    @property
    def step_list(self):
        return [line for line in self.instructions.splitlines() if line.strip()]

    @property
    def patient_side(self):
        """The side as the handout says it: a two-leg exercise never reads as a one-leg one."""
        return EXERCISE_SIDE[self.one_side_at_a_time].get(self.side, "")


class ReferralAcknowledgement(NotePart):
    """The clinician's action on a red-flag referral; required before a note can be signed."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="referral_acknowledgements"
    )
    code = models.CharField(max_length=40)
    action_taken = models.CharField("action taken", max_length=1000)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "code"], name="one_ack_per_referral")
        ]

    def __str__(self):
        return f"{self.code}: {self.action_taken}"


class RedFlagConfirmation(NotePart):
    """A red-flag question answered again from a cross-check's prompt (R0a–R0e).

    Tied to the findings it was answered against: when a cited finding changes afterwards
    the prompt returns, because the question was answered about other facts.
    """

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="red_flag_confirmations"
    )
    question = models.CharField(max_length=60)
    answer = models.CharField(max_length=3, choices=Answer.choices)
    findings = models.JSONField(
        default=list, help_text="The recorded findings the prompt named when it was answered."
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "question"], name="one_confirmation_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question}: {self.answer}"


class Addendum(models.Model):
    """A correction or later note under a signed evaluation; never edited itself."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("addendum", max_length=5000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # HMAC of the addendum chained to the hash before it (the note's, or the previous addendum's).
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    signature_key_id = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "addenda"

    def __str__(self):
        return f"Addendum by {self.author} at {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise SignedNoteError("An addendum cannot be changed once added.")
        super().save(*args, **kwargs)

    def get_additional_data(self):
        return {"evaluation": self.evaluation_id}
