"""What a note keeps of its plan, and what comes after signing: referral actions and addenda."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from evaluations.plan.plan_types import PART_TITLES, PILLARS, Part

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
    side = models.CharField(max_length=5, choices=SIDE_CHOICES, blank=True)
    stage = models.CharField(
        max_length=200, blank=True, help_text="The pathway stage the item was chosen for."
    )
    next_step = models.CharField("next step", max_length=500, blank=True)
    conflicts = models.JSONField(
        default=list, blank=True, help_text="Active precautions this item goes against."
    )
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
    def step_list(self):
        return [line for line in self.instructions.splitlines() if line.strip()]


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
