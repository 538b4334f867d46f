"""The exercise libraries in the admin.

A clinic admin keeps their clinic's library: its own exercises, and the shared (seeded) ones
read-only until copied; they never see another clinic's. Superusers keep the shared library.
Both move a library in and out as CSV.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.staticfiles import finders
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import models
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from import_export import fields, resources, widgets
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV
from import_export.forms import ImportForm
from import_export.instance_loaders import CachedInstanceLoader

from patients.models import Clinic

from .forms.ladders import (
    LadderLevelForm,
    LadderLevelFormSet,
    checks_text,
    exercise_choices,
    stage_limits_text,
)
from .images import bounded_image, discard_unused_images
from .library import (
    clinic_exercises,
    clinic_ladders,
    copy_ladder_to_clinic,
    copy_to_clinic,
    set_active,
)
from .models import Exercise, Ladder, LadderLevel, Pathway, Pillar, PlanItem
from .plan.ladders import LADDERS, ladder_errors
from .plan.library import load_seed_library

ACTIVATED = "{count} exercise(s) switched on: new plans may suggest them again."
DEACTIVATED = "{count} exercise(s) switched off: new plans will not suggest them."
UNKNOWN_ROWS = "No {things} with {field} {values}: add them in the admin first, or fix the file."
NO_PILLAR = "Every exercise needs at least one pillar (1–5)."
NO_PREVIEW = "No illustration yet: upload one above."
SHARED_READ_ONLY = (
    "{count} shared exercise(s) left as they are: the shared library is read-only; "
    "copy an exercise to your clinic's library to change it."
)
COPIED = (
    "{count} exercise(s) copied to your clinic's library: edit the copies; "
    "your clinic's new plans use them instead of the shared ones."
)
COPIED_ONE = "This is your clinic's copy of “{name}”: change it here; new plans use it."
IN_USE = (
    "“{name}” is on the plan of {count} note(s), and a signed note never changes: "
    "switch it off instead, so new plans stop suggesting it."
)
SHARED_NOT_YOURS = "“{name}” is in the shared library, which only its keepers change."
SEEDED_COMES_BACK = "“{name}” is seeded: load_library would bring it back; switch it off instead."
UNREADABLE_FILE = (
    "This file is neither UTF-8 nor Windows (Excel) text. In Excel, choose "
    "File › Save As › “CSV UTF-8 (comma delimited)” and upload it again."
)
ROW_VALUE = "{message} (the file has “{value}”)"
LADDERS_COPIED = (
    "{count} ladder(s) copied to your clinic's library: edit the copies; "
    "your clinic's new plans use them instead of the shared ones."
)
LADDER_HELP = (
    "A ladder's levels, bottom first: a plan prescribes the level that fits the pathway's "
    "stage and what the patient already manages, and shows the next one with its entry "
    "criterion. Rungs run 1, 2, 3 … without a gap; levels on one rung are alternatives; an "
    "exercise appears once per ladder. An exercise on no ladder is prescribed whenever a "
    "rule indicates it. The shared ladders are read-only: copy one to your clinic's library "
    "to change it."
)

# OWASP's CSV-injection guidance: a spreadsheet runs a cell starting with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The engine's rules name these exercises and pathways; deleting one would bring it back on
# the next `load_library` (exercise) or silently disarm a precaution (pathway).
SEEDED_EXERCISE_CODES = frozenset(exercise.code for exercise in load_seed_library())
SEEDED_PATHWAY_CODES = frozenset(tag for exercise in load_seed_library() for tag in exercise.tags)
# A seeded ladder deleted from the shared library would come back on the next `load_library`.
SEEDED_LADDER_CODES = frozenset(ladder.code for ladder in LADDERS)


def can_edit_library(user):
    # The admin asks this on its login page too, where the user is anonymous.
    return user.is_active and (user.is_superuser or getattr(user, "is_clinic_admin", False))


def clinic_id_of(user):
    """The clinic whose library the user keeps; None for a superuser (the shared library)."""
    if user.is_superuser:
        return None
    clinic = user.clinic
    return clinic.pk if clinic else None


def may_change(user, exercise):
    return user.is_superuser or (
        exercise.clinic_id is not None and exercise.clinic_id == clinic_id_of(user)
    )


def neutralise_formula(value):
    """A text cell a spreadsheet would run as a formula, made plain text with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def restore_formula_text(value):
    """The inverse on import, so an exported library re-imports unchanged."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


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
    """One CSV row per exercise, matched on `code`; pillars by number, pathways by code.

    It works on one library: a clinic's (a row for a shared exercise it has not copied yet
    becomes its copy when the row changes it) or, for a superuser, the shared one.
    """

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
            "one_side_at_a_time",
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

    def __init__(self, clinic_id=None, **kwargs):
        super().__init__(**kwargs)
        self.clinic_id = clinic_id
        self.row = {}

    def get_queryset(self):
        library = clinic_exercises(clinic_id=self.clinic_id)
        return library.prefetch_related("pillars", "pathways")

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        instance.clinic_id = self.clinic_id
        return instance

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            row[column] = restore_formula_text(value)
        self.row = row

    def before_save_instance(self, instance, row, **kwargs):
        # A changed row of a shared exercise becomes the clinic's copy; the shared row stays.
        if instance.pk and instance.clinic_id != self.clinic_id:
            instance.copied_from = Exercise.objects.get(pk=instance.pk)
            instance.pk = None
            instance._state.adding = True
            instance.clinic_id = self.clinic_id

    def after_save_instance(self, instance, row, **kwargs):
        original = getattr(instance, "copied_from", None)
        if original is not None:
            # The row's own pillars and pathways columns, if any, are applied after this.
            instance.pillars.set(original.pillars.all())
            instance.pathways.set(original.pathways.all())

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Each error names the value the file has, so the row can be found and fixed."""
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise ValidationError(
                {
                    field: [self._with_value(field, message) for message in messages]
                    for field, messages in error.message_dict.items()
                }
            ) from error

    def _with_value(self, field, message):
        column = self.fields[field].column_name if field in self.fields else None
        if field == NON_FIELD_ERRORS or column not in self.row:
            return message
        return ROW_VALUE.format(message=message, value=self.row[column])

    def export_field(self, field, instance, **kwargs):
        return neutralise_formula(super().export_field(field, instance, **kwargs))

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


class ExerciseImportForm(ImportForm):
    def clean_import_file(self):
        """The file as UTF-8: Excel saves CSV as UTF-8 with a BOM, or as Windows-1252."""
        upload = self.cleaned_data["import_file"]
        content = b"".join(upload.chunks())
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValidationError(UNREADABLE_FILE)
        return SimpleUploadedFile(upload.name, text.encode("utf-8"), "text/csv")


class LibraryRowForm(forms.ModelForm):
    """A row of one library: a clinic admin's clinic field is fixed to their clinic."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        clinic = self.fields.get("clinic")
        if clinic is not None and clinic.disabled:
            # A disabled field takes its value from the initial data, even on a POST.
            self.initial["clinic"] = clinic.initial


class ExerciseForm(LibraryRowForm):
    def clean_image(self):
        image = self.cleaned_data.get("image")
        if not isinstance(image, UploadedFile):
            return image
        # The limits first, on the upload as sent; then it is stored at a bounded size.
        for validator in Exercise._meta.get_field("image").validators:
            validator(image)
        return bounded_image(image)


class ClinicLibraryAdmin(LibraryPermissions):
    """What the library's admins share: a clinic admin sees their clinic's rows and the
    shared ones it has not copied, changes only their own, and copies a shared row (button
    or action) to change it; another clinic's row is a 404. Superusers keep the shared rows.

    A subclass names its clinic's rows (``library_rows``), how a row is copied
    (``copy_row``) and the action's message (``copied_message``).
    """

    copied_message = ""

    class Media:
        css = {"all": ["css/admin.css"]}
        # Names what Django's own widgets leave unnamed (issue #18, accessible pages).
        js = ["js/admin-a11y.js"]

    def library_rows(self, clinic_id):
        raise NotImplementedError

    def copy_row(self, row, clinic_id):
        raise NotImplementedError

    def get_queryset(self, request):
        rows = super().get_queryset(request).select_related("clinic")
        if not request.user.is_superuser:
            library = self.library_rows(clinic_id_of(request.user))
            rows = rows.filter(pk__in=library.values("pk"))
        return rows

    def get_object(self, request, object_id, from_field=None):
        # Another clinic's row, like a missing one, is a 404 that says nothing about it.
        row = super().get_object(request, object_id, from_field)
        if row is None:
            raise Http404
        return row

    def get_changeform_initial_data(self, request):
        return {
            **super().get_changeform_initial_data(request),
            "clinic": clinic_id_of(request.user),
        }

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "clinic" and not request.user.is_superuser:
            # A clinic admin adds to their own clinic's library only; the field just says so.
            kwargs["queryset"] = Clinic.objects.filter(pk=clinic_id_of(request.user))
            kwargs.update(
                disabled=True, required=True, empty_label=None, initial=clinic_id_of(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        editable = obj is None or may_change(request.user, obj)
        return super().has_change_permission(request, obj) and editable

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.clinic_id = clinic_id_of(request.user)
        super().save_model(request, obj, form, change)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if request.user.is_superuser:
            # The shared library is theirs already; there is no clinic to copy to.
            actions.pop("copy_to_my_clinic", None)
        return actions

    def _copy_url_name(self):
        return f"{self.opts.app_label}_{self.opts.model_name}_copy"

    def get_urls(self):
        copy = self.admin_site.admin_view(require_POST(self.copy_view))
        return [
            path("<path:object_id>/copy/", copy, name=self._copy_url_name()),
            *super().get_urls(),
        ]

    def copy_view(self, request, object_id):
        row = self.get_object(request, object_id)
        if request.user.is_superuser or not row.is_shared:
            raise Http404
        copy, _ = self.copy_row(row, clinic_id_of(request.user))
        self.message_user(request, COPIED_ONE.format(name=copy), messages.SUCCESS)
        return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", copy.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        row = self.get_object(request, object_id)
        copyable = row.is_shared and not request.user.is_superuser
        extra_context = {
            **(extra_context or {}),
            "copy_url": reverse(f"admin:{self._copy_url_name()}", args=[row.pk])
            if copyable
            else None,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="library", ordering="clinic__name")
    def library(self, row):
        return row.clinic.name if row.clinic else "Shared"

    @admin.action(description="Copy to my clinic's library", permissions=["view"])
    def copy_to_my_clinic(self, request, queryset):
        clinic_id = clinic_id_of(request.user)
        copied = [self.copy_row(row, clinic_id) for row in queryset if row.is_shared]
        count = sum(1 for _, made in copied if made)
        self.message_user(request, self.copied_message.format(count=count), messages.SUCCESS)


@admin.register(Exercise)
class ExerciseAdmin(ClinicLibraryAdmin, ImportExportModelAdmin):
    form = ExerciseForm
    resource_classes = [ExerciseResource]
    formats = [CSV]
    import_form_class = ExerciseImportForm
    import_template_name = "admin/evaluations/exercise/import.html"
    export_template_name = "admin/evaluations/exercise/export.html"
    list_display = [
        "code",
        "number",
        "name",
        "library",
        "pillar_numbers",
        "active",
        "evidence_level",
    ]
    list_display_links = ["code", "name"]
    list_filter = ["pillars", "pathways", "active", "evidence_level"]
    search_fields = ["code", "name", "plain_name", "target"]
    filter_horizontal = ["pathways"]
    # Most texts are a sentence or two; the stock ten-row boxes made the form hard to scan.
    formfield_overrides = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 3})}}
    actions = ["copy_to_my_clinic", "activate", "deactivate"]
    fieldsets = [
        (
            "Identity",
            {
                "fields": ["clinic", "code", "number", "name", "pillars", "pathways", "active"],
                "description": (
                    "Switch an exercise off rather than deleting it: an exercise on a note's "
                    "plan cannot be deleted, and the shared library is read-only; copy a "
                    "shared exercise to your clinic's library to change it."
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
                    "one_side_at_a_time",
                    "dosing",
                    "progression",
                    "regression",
                ]
            },
        ),
        ("Evidence and sources", {"fields": ["evidence_level", "source_keys"]}),
    ]

    copied_message = COPIED

    def library_rows(self, clinic_id):
        return clinic_exercises(clinic_id=clinic_id)

    def copy_row(self, row, clinic_id):
        return copy_to_clinic(exercise=row, clinic_id=clinic_id)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("pillars")

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).prefetch_related("pathways")

    def get_import_resource_kwargs(self, request, **kwargs):
        return {"clinic_id": clinic_id_of(request.user)}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"clinic_id": clinic_id_of(request.user)}

    def get_readonly_fields(self, request, obj=None):
        # The engine's rules, the CSV import and the built-in drawing all find it by code.
        return ["clinic", "code", "illustration_preview"] if obj else ["illustration_preview"]

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
        return super().has_delete_permission(request, obj) and (
            obj is None or self._delete_refusal(request, obj, notes=0) is None
        )

    def _delete_refusal(self, request, exercise, *, notes):
        """Why this exercise may not be deleted, in words; None when it may."""
        if not may_change(request.user, exercise):
            return SHARED_NOT_YOURS.format(name=exercise)
        if exercise.is_shared and exercise.code in SEEDED_EXERCISE_CODES:
            return SEEDED_COMES_BACK.format(name=exercise)
        if notes:
            return IN_USE.format(name=exercise, count=notes)
        return None

    def get_deleted_objects(self, objs, request):
        """The single delete and the bulk action both ask this: each refusal says why."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        notes = dict(
            PlanItem.objects.filter(exercise__in=list(objs))
            .values_list("exercise")
            .annotate(notes=Count("evaluation", distinct=True))
        )
        refusals = [
            self._delete_refusal(request, exercise, notes=notes.get(exercise.pk, 0))
            for exercise in objs
        ]
        refusals = [refusal for refusal in refusals if refusal]
        if refusals:
            # In place of "no permission" or the protecting plan items by name: the reasons.
            return deleted, counts, set(), refusals
        return deleted, counts, perms_needed, protected

    def save_model(self, request, obj, form, change):
        replaced = form.initial.get("image") if "image" in form.changed_data else None
        super().save_model(request, obj, form, change)
        discard_unused_images([getattr(replaced, "name", replaced)])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        discard_unused_images([obj.image.name])

    def delete_queryset(self, request, queryset):
        images = list(queryset.values_list("image", flat=True))
        super().delete_queryset(request, queryset)
        discard_unused_images(images)

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
        # A class, not a style attribute: the content security policy refuses inline styles.
        return format_html(
            '<img src="{}" alt="{}" class="exercise-illustration">',
            exercise.illustration_url,
            exercise.plain_name,
        )

    @admin.action(description="Switch on for new plans", permissions=["change"])
    def activate(self, request, queryset):
        self._set_active(request, queryset, active=True, message=ACTIVATED)

    @admin.action(description="Switch off for new plans", permissions=["change"])
    def deactivate(self, request, queryset):
        self._set_active(request, queryset, active=False, message=DEACTIVATED)

    def _set_active(self, request, queryset, *, active, message):
        editable = queryset
        if not request.user.is_superuser:
            editable = queryset.filter(clinic_id=clinic_id_of(request.user))
            shared = queryset.count() - editable.count()
            if shared:
                self.message_user(request, SHARED_READ_ONLY.format(count=shared), messages.WARNING)
        count = set_active(exercises=editable, active=active)
        self.message_user(request, message.format(count=count), messages.SUCCESS)


class LadderLevelInline(LibraryPermissions, admin.TabularInline):
    model = LadderLevel
    form = LadderLevelForm
    formset = LadderLevelFormSet
    extra = 1
    # A read-only ladder (a shared one, for a clinic admin) shows its levels as the form's
    # texts, not as stored JSON.
    shown_read_only = ["rung", "exercise_code", "criterion", "only_from_stage", "managed_when"]

    def get_fields(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return super().get_fields(request, obj)
        return self.shown_read_only

    def get_readonly_fields(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return super().get_readonly_fields(request, obj)
        return self.shown_read_only

    @admin.display(description="only from stage")
    def only_from_stage(self, level):
        return stage_limits_text(level.stage_limits) or "—"

    @admin.display(description="already managed when")
    def managed_when(self, level):
        return checks_text(level.capacity) or "—"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        clinic_id = obj.clinic_id if obj else clinic_id_of(request.user)
        named = [level.exercise_code for level in obj.levels.all()] if obj else []
        formset.form.base_fields["exercise_code"].choices = exercise_choices(
            clinic_id=clinic_id, named=named
        )
        return formset

    # The levels are part of the ladder: whoever may change the ladder may change them.
    def has_add_permission(self, request, obj):
        return self.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        editable = obj is None or may_change(request.user, obj)
        return super().has_change_permission(request, obj) and editable

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


@admin.register(Ladder)
class LadderAdmin(ClinicLibraryAdmin, admin.ModelAdmin):
    form = LibraryRowForm
    inlines = [LadderLevelInline]
    list_display = ["name", "code", "library", "pathway", "levels_in_order"]
    list_display_links = ["name", "code"]
    search_fields = ["code", "name", "levels__exercise_code"]
    actions = ["copy_to_my_clinic"]
    copied_message = LADDERS_COPIED
    fieldsets = [
        (
            None,
            {
                "fields": ["clinic", "code", "name", "pathway", "position"],
                "description": LADDER_HELP,
            },
        )
    ]

    def library_rows(self, clinic_id):
        return clinic_ladders(clinic_id=clinic_id)

    def copy_row(self, row, clinic_id):
        return copy_ladder_to_clinic(ladder=row, clinic_id=clinic_id)

    def get_queryset(self, request):
        # The search spans levels, so one ladder could match twice.
        return super().get_queryset(request).prefetch_related("levels").distinct()

    def get_readonly_fields(self, request, obj=None):
        # The seed and each clinic's copy find a ladder by its code.
        return ["clinic", "code"] if obj else []

    def get_changeform_initial_data(self, request):
        last = Ladder.objects.aggregate(last=Max("position"))["last"] or 0
        return {**super().get_changeform_initial_data(request), "position": last + 1}

    def get_list_display(self, request):
        # Each ladder is checked against the active exercises of the library whose plans it
        # feeds: the clinic admin's own (shared ladders included), or for a superuser the
        # ladder's own; each library is fetched once.
        active = {}

        @admin.display(description="needs attention")
        def problems(ladder):
            clinic_id = (
                ladder.clinic_id if request.user.is_superuser else clinic_id_of(request.user)
            )
            if clinic_id not in active:
                rows = clinic_exercises(clinic_id=clinic_id).filter(active=True)
                active[clinic_id] = set(rows.values_list("code", flat=True))
            errors = ladder_errors((ladder.as_plan_ladder(),), active[clinic_id])
            return " ".join(errors) or "—"

        # Before the long list of levels, so it never scrolls out of sight.
        *columns, levels = super().get_list_display(request)
        return [*columns, problems, levels]

    def has_delete_permission(self, request, obj=None):
        seeded = obj is not None and obj.is_shared and obj.code in SEEDED_LADDER_CODES
        return super().has_delete_permission(request, obj) and not seeded

    @admin.display(description="levels, bottom first")
    def levels_in_order(self, ladder):
        rungs = {}
        for level in ladder.levels.all():
            rungs.setdefault(level.rung, []).append(level.exercise_code)
        return " → ".join(" / ".join(codes) for _, codes in sorted(rungs.items()))


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
