"""One model per section of the evaluation, built from the finding declarations.

The columns come from evaluations/declarations: a scalar finding keeps its name, a bilateral
one is stored as `name_left` and `name_right`, exactly as the engine's snapshot names them.
Empty always means not tested.
"""

from django.core.exceptions import ValidationError
from django.db import models

from evaluations.declarations import catalogue as declared

from .evaluation import Evaluation
from .fields import finding_fields_of
from .immutability import NotePart

NON_FINDING_FIELDS = ("id", "evaluation", "updated_at", "version")
PAIN_BELOW_BEST = "Pain now cannot be lower than the best pain of the last 24 hours."
PAIN_ABOVE_WORST = "Pain now cannot be higher than the worst pain of the last 24 hours."
BEST_ABOVE_WORST = "The best pain cannot be higher than the worst."


class Section(NotePart):
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: a save names the version it started from; a stale one is refused.
    version = models.PositiveIntegerField(default=0)

    slug = ""
    title = ""
    snapshot_name = ""
    # Pages pass the section classes themselves; a template would otherwise call (build) one
    # for every `section.title` it reads, some hundred model instances per evaluation page.
    do_not_call_in_templates = True

    class Meta(NotePart.Meta):
        abstract = True

    def __str__(self):
        return f"{self.title} of evaluation {self.evaluation_id}"

    @classmethod
    def finding_fields(cls):
        return [f for f in cls._meta.concrete_fields if f.name not in NON_FINDING_FIELDS]

    def recorded_count(self):
        """How many findings are recorded; a section with any is shown as started."""
        return sum(
            1
            for field in self.finding_fields()
            if getattr(self, field.attname) not in (None, "", [], {})
        )


def _belongs_to(related_name):
    return models.OneToOneField(Evaluation, on_delete=models.CASCADE, related_name=related_name)


def section_model(declaration, *, bases=(), related_name=None, **attrs):
    """The model of a declared section: its finding columns, in declared order.

    Built when the module loads, from the declaration alone (docs/architecture.md): a finding
    added there becomes a column here and, after `makemigrations`, in the database.
    """
    meta = {
        key: value
        for key, value in (
            ("verbose_name", declaration.verbose_name),
            ("verbose_name_plural", declaration.verbose_name_plural),
        )
        if value
    }
    namespace = {
        "__module__": __name__,
        "__qualname__": declaration.class_name,
        "__doc__": declaration.doc or f"{declaration.title} findings.",
        "declaration": declaration,
        "slug": declaration.slug,
        "title": declaration.title,
        "snapshot_name": declaration.snapshot_name,
        "evaluation": _belongs_to(related_name or declaration.snapshot_name),
        **finding_fields_of(declaration),
        **attrs,
    }
    if meta:
        namespace["Meta"] = type("Meta", (), meta)
    return type(declaration.class_name, (*bases, Section), namespace)


class PainWithinBestAndWorst:
    def clean(self):
        # Pain now lies within the best and worst of the last 24 hours (NPRS) [NPRS].
        now, best, worst = self.pain_now, self.pain_best, self.pain_worst
        if now is not None and best is not None and now < best:
            raise ValidationError({"pain_now": PAIN_BELOW_BEST})
        if now is not None and worst is not None and now > worst:
            raise ValidationError({"pain_now": PAIN_ABOVE_WORST})
        if best is not None and worst is not None and best > worst:
            raise ValidationError({"pain_best": BEST_ABOVE_WORST})


History = section_model(declared.HISTORY, bases=(PainWithinBestAndWorst,))
RedFlagScreen = section_model(declared.RED_FLAGS)
Hip = section_model(declared.HIP)
Pelvis = section_model(declared.PELVIS)
Core = section_model(declared.CORE)
Foot = section_model(declared.FOOT)
Gait = section_model(declared.GAIT)
Neural = section_model(declared.NEURAL)
Hamstring = section_model(declared.HAMSTRING)
FunctionTests = section_model(declared.FUNCTION)


class Outcomes(Section):
    """Questionnaire answers as lists; totals come from evaluations.scoring, never stored twice."""

    slug, title, snapshot_name = "outcomes", "Outcome measures", "outcomes"
    evaluation = _belongs_to("outcomes")

    lefs_answers = models.JSONField("LEFS answers", default=list, blank=True)
    odi_answers = models.JSONField("Oswestry answers", default=list, blank=True)
    psfs_items = models.JSONField("PSFS activities", default=list, blank=True)
    visa_h_answers = models.JSONField("VISA-H answers", default=list, blank=True)

    class Meta:
        verbose_name_plural = "outcomes"


# The declared sections' models in declared order, then the questionnaires.
SECTIONS = [*(globals()[section.class_name] for section in declared.SECTIONS), Outcomes]
SECTION_BY_SLUG = {section.slug: section for section in SECTIONS}


def section_attr(section):
    """The attribute of an evaluation that holds this section (`evaluation.hip`)."""
    return section._meta.get_field("evaluation").remote_field.related_name
