"""The evaluation: one visit's whole-body examination of one patient by one clinician."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from evaluations.plan.snapshot import Side
from patients.models import Patient

from .immutability import EvaluationQuerySet, lock_draft_note, signed_note_refusals

# The engine's sides, labelled for people: the note and its snapshot name a side alike.
SIDE_CHOICES = [(side.value, side.name.capitalize()) for side in Side]


def validate_not_in_future(value):
    if value > timezone.localdate():
        raise ValidationError("The visit date cannot be in the future.", code="future")


class Evaluation(models.Model):
    class VisitType(models.TextChoices):
        INITIAL = "initial", "Initial evaluation"
        FOLLOW_UP = "follow_up", "Follow-up"
        DISCHARGE = "discharge", "Discharge"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SIGNED = "signed", "Signed"
        # A draft started by mistake: kept for the audit trail, hidden from every list.
        DISCARDED = "discarded", "Discarded"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="evaluations")
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evaluations"
    )
    visit_date = models.DateField("date of visit", validators=[validate_not_in_future])
    visit_type = models.CharField(
        "visit type", max_length=16, choices=VisitType.choices, default=VisitType.INITIAL
    )
    symptomatic_side = models.CharField(
        "symptomatic side",
        max_length=8,
        choices=SIDE_CHOICES,
        blank=True,
        help_text="The side of the back-of-thigh pain; the limb symmetry index compares to it.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The engine's last answer (referrals, pathways, precautions, gates …) as the note keeps it.
    plan_data = models.JSONField(default=dict, blank=True)
    plan_generated_at = models.DateTimeField(null=True, blank=True)
    # One line for the whole home programme: why this patient has more exercises at home than
    # the clinic's limit (clinical reference §9). Printed in the report, covered by the signature.
    home_programme_reason = models.CharField(
        "why the home programme is over the limit",
        max_length=300,
        blank=True,
        help_text="Needed only when the home programme has more exercises than the clinic's limit.",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signed_evaluations",
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    content_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="HMAC-SHA256 of the signed document (a bare SHA-256 for format-1 notes).",
    )
    # The canonical document the signature covers (services/integrity.py), and the id of the
    # key that signed it; the key itself lives outside the database.
    signed_content = models.JSONField(null=True, blank=True, editable=False)
    signature_key_id = models.CharField(max_length=40, blank=True, editable=False)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-visit_date", "-created_at"]
        indexes = [models.Index(fields=["patient", "-visit_date"])]

    def __str__(self):
        return f"{self.get_visit_type_display()} on {self.visit_date:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        # Signing itself is the last save a note gets: the stored row decides, not this object,
        # and it is read under the row lock the signature takes.
        if self.pk is None:
            return super().save(*args, **kwargs)
        with transaction.atomic(), signed_note_refusals():
            lock_draft_note(self.pk)
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("evaluations:detail", args=[self.public_id])

    def delete(self, *args, **kwargs):
        with transaction.atomic(), signed_note_refusals():
            lock_draft_note(self.pk)
            return super().delete(*args, **kwargs)

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_discarded(self):
        return self.status == self.Status.DISCARDED

    @property
    def is_signed(self):
        return self.status == self.Status.SIGNED

    def get_additional_data(self):
        return {"evaluation": self.pk}
