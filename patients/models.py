"""Clinics, the people who work in them, and their patients."""

import uuid
import zoneinfo
from functools import cache

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from evaluations.plan.prescription import (
    HOME_LIMIT_DEFAULT,
    HOME_LIMIT_MAX,
    HOME_LIMIT_MIN,
    HOME_LIMIT_RANGE,
)


class User(AbstractUser):
    """A person who logs in; what they may see comes from their clinic membership."""

    @property
    def clinic(self):
        membership = getattr(self, "membership", None)
        return membership.clinic if membership else None

    @property
    def is_clinic_admin(self):
        membership = getattr(self, "membership", None)
        return bool(membership and membership.role == Membership.Role.CLINIC_ADMIN)


@cache
def time_zone_choices():
    """Every IANA time zone the server knows (from the tzdata package), by name."""
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


def default_time_zone():
    return settings.TIME_ZONE


class Clinic(models.Model):
    class PaperSize(models.TextChoices):
        A4 = "A4", "A4"
        LETTER = "letter", "US Letter"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("name", max_length=200, unique=True)
    address = models.TextField("address", max_length=500, blank=True)
    phone = models.CharField("phone", max_length=40, blank=True)
    email = models.EmailField("email", blank=True)
    paper_size = models.CharField(
        "paper size",
        max_length=10,
        choices=PaperSize.choices,
        default=PaperSize.A4,
        help_text="Paper size of the printed reports and handouts.",
    )
    time_zone = models.CharField(
        "time zone",
        max_length=64,
        choices=time_zone_choices,
        default=default_time_zone,
        help_text="Every date and time on the clinic's pages and PDFs is shown in this zone.",
    )
    # clinical reference §9: adherence falls as a home programme grows; 4 by default, 3 to 6.
    home_programme_limit = models.PositiveSmallIntegerField(
        "home programme limit",
        default=HOME_LIMIT_DEFAULT,
        validators=[
            MinValueValidator(HOME_LIMIT_MIN, HOME_LIMIT_RANGE),
            MaxValueValidator(HOME_LIMIT_MAX, HOME_LIMIT_RANGE),
        ],
        help_text=f"How many exercises a new plan puts in the home programme "
        f"({HOME_LIMIT_MIN} to {HOME_LIMIT_MAX}); education items do not count.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            # The engine refuses any other size, so no path may store one.
            models.CheckConstraint(
                condition=Q(home_programme_limit__range=(HOME_LIMIT_MIN, HOME_LIMIT_MAX)),
                name="home_programme_limit_3_to_6",
                violation_error_message=HOME_LIMIT_RANGE,
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)


class Membership(models.Model):
    """A user's place in one clinic; the role decides what else they may do there."""

    class Role(models.TextChoices):
        CLINICIAN = "clinician", "Clinician"
        CLINIC_ADMIN = "clinic_admin", "Clinic admin"

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="membership")
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("role", max_length=20, choices=Role.choices, default=Role.CLINICIAN)

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) at {self.clinic}"


DUPLICATE_RECORD_NUMBER = "Another patient of this clinic already has this record number."
RECORD_NUMBER_CONSTRAINT = "unique_record_number_per_clinic"


def validate_date_of_birth(value):
    if value > timezone.localdate():
        raise ValidationError("Date of birth cannot be in the future.", code="future")
    if value.year < 1900:
        raise ValidationError("Date of birth cannot be before 1900.", code="too_early")


class Patient(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        OTHER = "other", "Other"
        UNKNOWN = "unknown", "Not recorded"

    # Not evaluations' Side: a dominant side is one leg or not recorded, never both.
    class DominantSide(models.TextChoices):
        LEFT = "left", "Left"
        RIGHT = "right", "Right"
        UNKNOWN = "unknown", "Not recorded"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="patients")
    given_name = models.CharField("given name", max_length=100)
    family_name = models.CharField("family name", max_length=100)
    date_of_birth = models.DateField("date of birth", validators=[validate_date_of_birth])
    sex = models.CharField("sex", max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    phone = models.CharField("phone", max_length=40, blank=True)
    email = models.EmailField("email", blank=True)
    occupation = models.CharField("occupation", max_length=120, blank=True)
    activity = models.CharField(
        "sport or main activity",
        max_length=120,
        blank=True,
        help_text="The sport or activity the patient wants to get back to.",
    )
    dominant_side = models.CharField(
        "dominant side", max_length=10, choices=DominantSide.choices, default=DominantSide.UNKNOWN
    )
    record_number = models.CharField(
        "medical record number",
        max_length=40,
        help_text="Unique within the clinic.",
    )
    notes = models.TextField("notes", max_length=5000, blank=True)
    # Records are never deleted: an inactive patient leaves the default list and search.
    is_active = models.BooleanField(
        "active", default=True, help_text="Inactive patients are hidden from the patient list."
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_records",
        verbose_name="merged into",
        help_text="The record kept when this one was found to be a duplicate.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        constraints = [
            # Case-insensitive in the database, so the admin and imports cannot bypass it.
            models.UniqueConstraint(
                Lower("record_number"),
                "clinic",
                name=RECORD_NUMBER_CONSTRAINT,
                violation_error_message=DUPLICATE_RECORD_NUMBER,
            ),
        ]
        indexes = [
            models.Index(fields=["clinic", "family_name", "given_name"]),
            models.Index(fields=["clinic", "date_of_birth"]),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("patients:detail", args=[self.public_id])

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}"

    def get_additional_data(self):
        """Ties audit-log entries of this row to the patient, for the patient's history page."""
        return {"patient": self.pk}

    def age_on(self, day):
        years = day.year - self.date_of_birth.year
        birthday_not_reached = (day.month, day.day) < (
            self.date_of_birth.month,
            self.date_of_birth.day,
        )
        return years - int(birthday_not_reached)
