from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms

from .models import Patient

DUPLICATE_RECORD_NUMBER = "Another patient of this clinic already has this record number."


class PatientForm(forms.ModelForm):
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

    def clean_record_number(self):
        record_number = self.cleaned_data["record_number"].strip()
        taken = Patient.objects.filter(clinic=self.clinic, record_number__iexact=record_number)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(DUPLICATE_RECORD_NUMBER, code="duplicate")
        return record_number


class PatientSearchForm(forms.Form):
    q = forms.CharField(
        label="Search patients",
        max_length=100,
        required=False,
        help_text="Name, record number or date of birth (YYYY-MM-DD or DD/MM/YYYY).",
    )
