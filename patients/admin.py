from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

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
    list_display = ["name", "phone", "email", "paper_size", "time_zone"]
    search_fields = ["name"]
    fieldsets = [
        (None, {"fields": ["name"]}),
        ("Letterhead", {"fields": ["address", "phone", "email"]}),
        ("Printing", {"fields": ["paper_size", "time_zone"]}),
    ]


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
