"""The clinic's exercise library, seeded from DOMAIN.md §4 and kept in the Django admin."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.templatetags.static import static


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
    class Evidence(models.TextChoices):
        CPG = "CPG", "Clinical practice guideline"
        RCT = "RCT", "Randomised trial"
        COHORT = "cohort", "Cohort study"
        EXPERT = "expert", "Expert opinion"
        LOW = "low", "Low / practice-level"

    code = models.SlugField("code", max_length=60, unique=True)
    number = models.PositiveSmallIntegerField(
        "number", null=True, blank=True, help_text="Its number in DOMAIN.md §4, for seeded ones."
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
    dosing = models.TextField("dosing", blank=True, help_text="The full dosing with its source.")
    progression = models.TextField("progression", blank=True)
    regression = models.TextField("regression", blank=True)
    cautions = models.TextField("contraindications and cautions", blank=True)
    pathways = models.ManyToManyField(
        Pathway, related_name="exercises", blank=True, verbose_name="pathways it suits"
    )
    image = models.ImageField(
        "illustration",
        upload_to="exercises/",
        blank=True,
        help_text="Replaces the built-in line drawing on handouts (PNG or JPEG).",
    )
    active = models.BooleanField(
        "active", default=True, help_text="Inactive exercises are never suggested in new plans."
    )
    source_keys = models.CharField(
        "source keys", max_length=200, blank=True, help_text="DOMAIN.md keys, e.g. HEI, ASK."
    )
    evidence_level = models.CharField(
        "evidence level", max_length=8, choices=Evidence.choices, default=Evidence.LOW
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number", "name"]

    def __str__(self):
        return self.name

    @property
    def source_key_list(self):
        return [key.strip() for key in self.source_keys.replace(";", ",").split(",") if key.strip()]

    @property
    def step_list(self):
        return [line.strip() for line in self.patient_steps.splitlines() if line.strip()]

    @property
    def illustration_url(self):
        if self.image:
            return self.image.url
        return static(f"img/exercises/{self.code}.svg")
