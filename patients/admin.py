from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import Http404

from .models import Clinic, Membership, Patient, User


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False


@admin.register(User)
class ClinicUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "clinic_name", "is_active"]
    list_select_related = ["membership__clinic"]

    @admin.display(description="clinic")
    def clinic_name(self, user):
        return user.clinic


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin):
    """Superusers keep every clinic; a clinic admin sees and changes their own clinic's
    settings only, without Django model permissions (as with the exercise library)."""

    list_display = ["name", "phone", "email", "paper_size", "time_zone", "home_programme_limit"]
    search_fields = ["name"]
    fieldsets = [
        (None, {"fields": ["name"]}),
        ("Letterhead", {"fields": ["address", "phone", "email"]}),
        ("Printing", {"fields": ["paper_size", "time_zone"]}),
        ("Plans", {"fields": ["home_programme_limit"]}),
    ]

    def get_queryset(self, request):
        clinics = super().get_queryset(request)
        if request.user.is_superuser:
            return clinics
        return clinics.filter(pk=getattr(request.user.clinic, "pk", None))

    def get_object(self, request, object_id, from_field=None):
        # Another clinic, like a missing one, is a 404 that says nothing about it.
        clinic = super().get_object(request, object_id, from_field)
        if clinic is None:
            raise Http404
        return clinic

    def _own_clinic(self, request, obj):
        user = request.user
        is_admin = user.is_active and getattr(user, "is_clinic_admin", False)
        return is_admin and (obj is None or obj == user.clinic)

    def has_module_permission(self, request):
        return super().has_module_permission(request) or self._own_clinic(request, None)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or self._own_clinic(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self._own_clinic(request, obj)


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    list_display = [
        "record_number",
        "family_name",
        "given_name",
        "date_of_birth",
        "clinic",
        "is_active",
    ]
    list_filter = ["clinic", "is_active"]
    # No search_fields: the admin searches through ?q= in the URL, which would put names and
    # record numbers in browser history and access logs. Patient search lives in the app,
    # where terms travel in the POST body.
    list_select_related = ["clinic"]
    # Merging moves notes and is audited, so it happens only on the patient page.
    readonly_fields = ["merged_into"]

    def get_queryset(self, request):
        # Staff of one clinic must not browse another clinic's patients through the admin.
        patients = super().get_queryset(request)
        if request.user.is_superuser:
            return patients
        return patients.filter(clinic=request.user.clinic)
