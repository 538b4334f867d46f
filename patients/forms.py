from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms

from .models import DUPLICATE_RECORD_NUMBER, Patient
from .services import possible_duplicates

__all__ = ["DUPLICATE_RECORD_NUMBER", "MergeForm", "PatientForm", "PatientSearchForm"]

POSSIBLE_DUPLICATE = (
    "A patient with the same name and date of birth is already recorded. Open that record, "
    "or tick the box to confirm this is a different person."
)


class PatientForm(forms.ModelForm):
    # Left out of the layout: the page shows it only inside the duplicate warning.
    confirm_different_person = forms.BooleanField(
        label="This is a different person: save a new record.", required=False
    )

    class Meta:
        model = Patient
        fields = [
            "given_name",
            "family_name",
            "date_of_birth",
            "sex",
            "record_number",
            "phone",
            "email",
            "occupation",
            "activity",
            "dominant_side",
            "notes",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, clinic, **kwargs):
        super().__init__(*args, **kwargs)
        self.clinic = clinic
        self.instance.clinic = clinic
        self.fields["given_name"].widget.attrs["autofocus"] = True
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("given_name"), Column("family_name")),
            Row(Column("date_of_birth"), Column("sex"), Column("record_number")),
            Row(Column("phone"), Column("email")),
            Row(Column("occupation"), Column("activity"), Column("dominant_side")),
            "notes",
            Submit("save", "Save patient"),
        )
        # Filled by clean(): records that look like the same person, shown with a link.
        self.duplicates = []

    def clean_record_number(self):
        record_number = self.cleaned_data["record_number"].strip()
        taken = Patient.objects.filter(clinic=self.clinic, record_number__iexact=record_number)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(DUPLICATE_RECORD_NUMBER, code="duplicate")
        return record_number

    def clean(self):
        cleaned = super().clean()
        if not {"given_name", "family_name", "date_of_birth"} <= cleaned.keys():
            return cleaned
        self.duplicates = possible_duplicates(
            clinic=self.clinic,
            given_name=cleaned["given_name"],
            family_name=cleaned["family_name"],
            date_of_birth=cleaned["date_of_birth"],
            exclude_pk=self.instance.pk,
        )
        if self.duplicates and not cleaned.get("confirm_different_person"):
            # Beside the checkbox that answers it, inside the warning with the links.
            self.add_error(
                "confirm_different_person",
                forms.ValidationError(POSSIBLE_DUPLICATE, code="possible_duplicate"),
            )
        return cleaned


class PatientSearchForm(forms.Form):
    q = forms.CharField(
        label="Search patients",
        max_length=100,
        required=False,
        help_text="Name, record number or date of birth (YYYY-MM-DD or DD/MM/YYYY).",
    )
    inactive = forms.BooleanField(label="Include inactive patients", required=False)


class MergeForm(forms.Form):
    """Which record to keep: another active patient of the clinic born the same day."""

    kept = forms.ModelChoiceField(
        label="Record to keep",
        queryset=Patient.objects.none(),
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        to_field_name="public_id",
        empty_label=None,
    )

    def __init__(self, *args, duplicate, **kwargs):
        super().__init__(*args, **kwargs)
        # A true duplicate shares the date of birth; a wrong date is corrected before merging.
        self.fields["kept"].queryset = Patient.objects.filter(
            clinic=duplicate.clinic,
            date_of_birth=duplicate.date_of_birth,
            is_active=True,
            merged_into__isnull=True,
        ).exclude(pk=duplicate.pk)
        self.fields["kept"].label_from_instance = lambda p: (
            f"{p.family_name}, {p.given_name} — record {p.record_number}"
        )
