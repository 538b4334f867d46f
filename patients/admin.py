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
    list_display = ["record_number", "family_name", "given_name", "date_of_birth", "clinic"]
    list_filter = ["clinic"]
    search_fields = ["record_number", "family_name", "given_name"]
    list_select_related = ["clinic"]

    def get_queryset(self, request):
        # Staff of one clinic must not browse another clinic's patients through the admin.
        patients = super().get_queryset(request)
        if request.user.is_superuser:
            return patients
        return patients.filter(clinic=request.user.clinic)
