"""The exercise library in the admin: clinic admins edit it and move it in and out as CSV."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.utils.html import format_html
from import_export import fields, resources, widgets
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV
from import_export.instance_loaders import CachedInstanceLoader

from .library import set_active
from .models import Exercise, Pathway, Pillar
from .plan.library import load_seed_library

ACTIVATED = "{count} exercise(s) switched on: new plans may suggest them again."
DEACTIVATED = "{count} exercise(s) switched off: new plans will not suggest them."
UNKNOWN_ROWS = "No {things} with {field} {values}: add them in the admin first, or fix the file."
NO_PILLAR = "Every exercise needs at least one pillar (1–5)."
NO_PREVIEW = "No illustration yet: upload one above."

# The engine's rules name these exercises and pathways; deleting one would bring it back on
# the next `load_library` (exercise) or silently disarm a precaution (pathway).
SEEDED_EXERCISE_CODES = frozenset(exercise.code for exercise in load_seed_library())
SEEDED_PATHWAY_CODES = frozenset(tag for exercise in load_seed_library() for tag in exercise.tags)


def can_edit_library(user):
    # The admin asks this on its login page too, where the user is anonymous.
    return user.is_active and (user.is_superuser or getattr(user, "is_clinic_admin", False))


class LibraryPermissions:
    """Clinic admins and superusers only; Django's per-model permissions are not consulted,
    so a clinic admin needs none, and a clinician with staff status gets nothing."""

    def has_module_permission(self, request):
        return can_edit_library(request.user)

    def has_view_permission(self, request, obj=None):
        return can_edit_library(request.user)

    def has_add_permission(self, request):
        return can_edit_library(request.user)

    def has_change_permission(self, request, obj=None):
        return can_edit_library(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_edit_library(request.user)


class KnownRowsWidget(widgets.ManyToManyWidget):
    """Pillars by number or pathways by code; a value that matches no row is an error, where
    the stock widget would drop it without a word."""

    def __init__(self, model, field, *, required=False):
        super().__init__(model, separator=",", field=field)
        self.required = required

    def clean(self, value, row=None, **kwargs):
        wanted = {item.strip() for item in str(value or "").split(self.separator)} - {""}
        if self.required and not wanted:
            raise ValueError(NO_PILLAR)
        found = super().clean(",".join(sorted(wanted)), row=row, **kwargs)
        unknown = wanted - {str(getattr(match, self.field)) for match in found}
        if unknown:
            raise ValueError(
                UNKNOWN_ROWS.format(
                    things=self.model._meta.verbose_name_plural,
                    field=self.field,
                    values=", ".join(sorted(unknown)),
                )
            )
        return found


class ExerciseResource(resources.ModelResource):
    """One CSV row per exercise, matched on `code`; pillars by number, pathways by code."""

    pillars = fields.Field(
        attribute="pillars",
        column_name="pillars",
        widget=KnownRowsWidget(Pillar, "number", required=True),
    )
    pathways = fields.Field(
        attribute="pathways", column_name="pathways", widget=KnownRowsWidget(Pathway, "code")
    )

    class Meta:
        model = Exercise
        import_id_fields = ["code"]
        fields = [
            "code",
            "number",
            "name",
            "plain_name",
            "pillars",
            "pathways",
            "active",
            "target",
            "description",
            "cautions",
            "patient_steps",
            "patient_feel",
            "patient_stop",
            "sets",
            "reps",
            "hold_seconds",
            "frequency",
            "dosing",
            "progression",
            "regression",
            "evidence_level",
            "source_keys",
        ]
        # Re-importing an unchanged export writes nothing and says so row by row.
        skip_unchanged = True
        report_skipped = True
        # The model's validators (sets 1–20, a known evidence level …) run on every row.
        clean_model_instances = True
        instance_loader_class = CachedInstanceLoader

    def get_queryset(self):
        return super().get_queryset().prefetch_related("pillars", "pathways")

    def import_instance(self, instance, row, **kwargs):
        # The stock resource reads many-to-many columns only after saving the row; reading
        # them here too makes an unknown pathway a field error in the preview, not a traceback.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in (self.fields["pillars"], self.fields["pathways"]):
            # A new exercise needs its pillars even when the file has no such column.
            if field.column_name in row or (field.column_name == "pillars" and not instance.pk):
                try:
                    field.widget.clean(row.get(field.column_name), row=row)
                except ValueError as error:
                    errors.setdefault(field.attribute, []).append(ValidationError(str(error)))
        if errors:
            raise ValidationError(errors)


@admin.register(Exercise)
class ExerciseAdmin(LibraryPermissions, ImportExportModelAdmin):
    resource_classes = [ExerciseResource]
    formats = [CSV]
    list_display = ["code", "number", "name", "pillar_numbers", "active", "evidence_level"]
    list_display_links = ["code", "name"]
    list_filter = ["pillars", "pathways", "active", "evidence_level"]
    search_fields = ["code", "name", "plain_name", "target"]
    filter_horizontal = ["pathways"]
    # Most texts are a sentence or two; the stock ten-row boxes made the form hard to scan.
    formfield_overrides = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 3})}}
    actions = ["activate", "deactivate"]
    fieldsets = [
        (
            "Identity",
            {
                "fields": ["code", "number", "name", "pillars", "pathways", "active"],
                "description": (
                    "Switch an exercise off rather than deleting it: seeded exercises cannot be "
                    "deleted, since the library loader would bring them back."
                ),
            },
        ),
        ("For the clinician", {"fields": ["target", "description", "cautions"]}),
        (
            "For the patient",
            {
                "fields": [
                    "plain_name",
                    "patient_steps",
                    "patient_feel",
                    "patient_stop",
                    "image",
                    "illustration_preview",
                ]
            },
        ),
        (
            "Dosing",
            {
                "fields": [
                    ("sets", "reps", "hold_seconds"),
                    "frequency",
                    "dosing",
                    "progression",
                    "regression",
                ]
            },
        ),
        ("Evidence and sources", {"fields": ["evidence_level", "source_keys"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("pillars")

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).prefetch_related("pathways")

    def get_readonly_fields(self, request, obj=None):
        # The engine's rules, the CSV import and the built-in drawing all find it by code.
        return ["code", "illustration_preview"] if obj else ["illustration_preview"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "pillars":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        if db_field.name == "pathways":
            kwargs["help_text"] = (
                "Plans pick exercises by pathway, and precautions remove them by pathway "
                "(deep hip flexion, hamstring stretch …): change these with care."
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        seeded = obj is not None and obj.code in SEEDED_EXERCISE_CODES
        return super().has_delete_permission(request, obj) and not seeded

    def has_import_permission(self, request):
        return can_edit_library(request.user)

    def has_export_permission(self, request):
        return can_edit_library(request.user)

    @admin.display(description="pillar(s)")
    def pillar_numbers(self, exercise):
        return " / ".join(str(pillar.number) for pillar in exercise.pillars.all())

    @admin.display(description="illustration preview")
    def illustration_preview(self, exercise):
        builtin = exercise.code and finders.find(f"img/exercises/{exercise.code}.svg")
        if not (exercise.image or builtin):
            return NO_PREVIEW
        return format_html(
            '<img src="{}" alt="{}" style="max-width: 320px; max-height: 240px; '
            'background: #fff; border: 1px solid var(--hairline-color); padding: 4px">',
            exercise.illustration_url,
            exercise.plain_name,
        )

    @admin.action(description="Switch on for new plans", permissions=["change"])
    def activate(self, request, queryset):
        count = set_active(exercises=queryset, active=True)
        self.message_user(request, ACTIVATED.format(count=count), messages.SUCCESS)

    @admin.action(description="Switch off for new plans", permissions=["change"])
    def deactivate(self, request, queryset):
        count = set_active(exercises=queryset, active=False)
        self.message_user(request, DEACTIVATED.format(count=count), messages.SUCCESS)


@admin.register(Pathway)
class PathwayAdmin(LibraryPermissions, admin.ModelAdmin):
    list_display = ["name", "code", "exercise_count"]
    search_fields = ["name", "code"]
    fields = ["name", "code"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(exercise_count=Count("exercises"))

    def get_readonly_fields(self, request, obj=None):
        # Exercises are tagged, and the engine's precautions remove them, by this code.
        return ["code"] if obj else []

    def has_delete_permission(self, request, obj=None):
        seeded = obj is not None and obj.code in SEEDED_PATHWAY_CODES
        return super().has_delete_permission(request, obj) and not seeded

    @admin.display(description="exercises", ordering="exercise_count")
    def exercise_count(self, pathway):
        return pathway.exercise_count
