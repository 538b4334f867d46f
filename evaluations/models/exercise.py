"""The exercise libraries: one shared, seeded from clinical reference §4, and each clinic's
own copies.

A clinic's library is its own exercises plus the shared ones it has not copied; its copy
keeps the shared exercise's code and takes its place (``evaluations.library``).
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.templatetags.static import static
from django.urls import reverse

from evaluations.plan.plan_types import EVIDENCE_LABELS

# A phone photo is a few MB and 12–24 megapixels; anything larger is not a drawing for a
# handout, and a bigger bitmap made every handout render take over a gigabyte of memory.
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 25_000_000
IMAGE_TOO_LARGE = "This picture is {size} MB; the most a picture may be is 10 MB."
IMAGE_TOO_MANY_PIXELS = (
    "This picture is {width} × {height} pixels; the most is 25 megapixels (e.g. 6000 × 4000)."
)
DUPLICATE_CODE = "This library already has an exercise with this code."


def unique_code_per_library(noun, message):
    """A code names one row of each clinic's library and one of the shared library."""
    return [
        models.UniqueConstraint(
            fields=["clinic", "code"],
            name=f"unique_{noun}_code_per_clinic",
            violation_error_message=message,
        ),
        # NULLs never collide in the constraint above, so the shared library needs its own.
        models.UniqueConstraint(
            fields=["code"],
            condition=Q(clinic__isnull=True),
            name=f"unique_shared_{noun}_code",
            violation_error_message=message,
        ),
    ]


def validate_image_size(image):
    if image.size > MAX_IMAGE_BYTES:
        raise ValidationError(IMAGE_TOO_LARGE.format(size=round(image.size / 1024 / 1024, 1)))


def validate_image_pixels(image):
    # Reads only the header, so a decompression bomb is refused before it is decoded.
    width, height = get_image_dimensions(image)
    if width and height and width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(IMAGE_TOO_MANY_PIXELS.format(width=width, height=height))


def illustration_path(exercise, filename):
    """A random name: an upload's own name may carry a patient's or a colleague's name."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"exercises/{uuid.uuid4().hex}.{extension}"


class Pillar(models.Model):
    """The five treatment pillars of the article; fixed rows created by a migration."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Pathway(models.Model):
    """A clinical picture an exercise suits (tendinopathy, neural, acute strain …)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Exercise(models.Model):
    # The engine's levels and labels (plan_types.EVIDENCE_LABELS): Evidence.LOW is "low".
    Evidence = models.TextChoices(
        "Evidence", [(level.upper(), (level, label)) for level, label in EVIDENCE_LABELS.items()]
    )

    clinic = models.ForeignKey(
        "patients.Clinic",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exercises",
        verbose_name="clinic's library",
        help_text="Empty: the shared library, which clinics copy an exercise from to change it.",
    )
    code = models.SlugField("code", max_length=60)
    number = models.PositiveSmallIntegerField(
        "number",
        null=True,
        blank=True,
        help_text="Its number in the clinical reference §4, for seeded ones.",
    )
    name = models.CharField("name (clinician)", max_length=120)
    plain_name = models.CharField(
        "plain name (patient)",
        max_length=120,
        help_text="The name on the patient's handout: plain words, no abbreviations.",
    )
    pillars = models.ManyToManyField(Pillar, related_name="exercises", verbose_name="pillars")
    target = models.CharField("target", max_length=200, blank=True)
    description = models.TextField("description for the clinician", blank=True)
    patient_steps = models.TextField(
        "how to do it (patient)", blank=True, help_text="2–4 short steps, one per line."
    )
    patient_feel = models.TextField("what it should feel like (patient)", blank=True)
    patient_stop = models.TextField("when to stop (patient)", blank=True)
    sets = models.PositiveSmallIntegerField(
        "sets", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    reps = models.PositiveSmallIntegerField(
        "reps", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    hold_seconds = models.PositiveSmallIntegerField(
        "hold (s)", null=True, blank=True, validators=[MaxValueValidator(600)]
    )
    frequency = models.CharField("frequency", max_length=120, blank=True)
    one_side_at_a_time = models.BooleanField(
        "one side at a time",
        default=False,
        help_text=(
            "Done with one leg or side, then the other (a single-leg bridge). Off for an "
            "exercise both legs do together (a bridge): its handout never says “per side”."
        ),
    )
    dosing = models.TextField("dosing", blank=True, help_text="The full dosing with its source.")
    progression = models.TextField("progression", blank=True)
    regression = models.TextField("regression", blank=True)
    cautions = models.TextField("contraindications and cautions", blank=True)
    pathways = models.ManyToManyField(
        Pathway, related_name="exercises", blank=True, verbose_name="pathways it suits"
    )
    image = models.ImageField(
        "illustration",
        upload_to=illustration_path,
        blank=True,
        validators=[validate_image_size, validate_image_pixels],
        help_text=(
            "Replaces the built-in line drawing on handouts (PNG or JPEG, at most 10 MB and "
            "25 megapixels; stored at most 1600 pixels wide or high)."
        ),
    )
    active = models.BooleanField(
        "active", default=True, help_text="Inactive exercises are never suggested in new plans."
    )
    source_keys = models.CharField(
        "source keys",
        max_length=200,
        blank=True,
        help_text="Clinical reference keys, e.g. HEI, ASK.",
    )
    evidence_level = models.CharField(
        "evidence level", max_length=8, choices=Evidence.choices, default=Evidence.LOW
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number", "name"]
        constraints = unique_code_per_library("exercise", DUPLICATE_CODE)

    def __str__(self):
        return self.name

    @property
    def is_shared(self):
        return self.clinic_id is None

    @property
    def source_key_list(self):
        return [key.strip() for key in self.source_keys.replace(";", ",").split(",") if key.strip()]

    @property
    def step_list(self):
        return [line.strip() for line in self.patient_steps.splitlines() if line.strip()]

    @property
    def illustration_url(self):
        if self.image:
            # Served behind login, to the exercise's clinic only (views/media.py).
            return reverse("exercise_image", args=[self.image.name])
        return static(f"img/exercises/{self.code}.svg")
