from django import forms

from evaluations.models import Evaluation
from evaluations.models.evaluation import SIDE_CHOICES


class EvaluationHeaderForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["visit_date", "visit_type", "symptomatic_side"]
        widgets = {
            "visit_date": forms.DateInput(
                attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"
            ),
            "visit_type": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "symptomatic_side": forms.Select(attrs={"class": "form-select form-select-sm"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["symptomatic_side"].choices = [
            ("", "Not recorded"),
            *SIDE_CHOICES,
        ]
