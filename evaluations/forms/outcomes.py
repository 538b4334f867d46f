"""The questionnaires: one select per item, stored as answer lists the scoring functions read."""

from django import forms

from evaluations.scoring.visa_h import ALLOWED as VISA_H_ALLOWED

from .sections import FindingsFormMixin

LEFS_ITEMS = [
    "Usual work, housework or school activities",
    "Usual hobbies, recreational or sporting activities",
    "Getting into or out of the bath",
    "Walking between rooms",
    "Putting on shoes or socks",
    "Squatting",
    "Lifting an object, like a bag of groceries, from the floor",
    "Light activities around the home",
    "Heavy activities around the home",
    "Getting into or out of a car",
    "Walking 2 blocks",
    "Walking a mile",
    "Going up or down 10 stairs",
    "Standing for 1 hour",
    "Sitting for 1 hour",
    "Running on even ground",
    "Running on uneven ground",
    "Making sharp turns while running fast",
    "Hopping",
    "Rolling over in bed",
]
LEFS_CHOICES = [
    ("0", "0 – extreme difficulty or unable"),
    ("1", "1 – quite a bit of difficulty"),
    ("2", "2 – moderate difficulty"),
    ("3", "3 – a little bit of difficulty"),
    ("4", "4 – no difficulty"),
]
ODI_SECTIONS = [
    "Pain intensity",
    "Personal care",
    "Lifting",
    "Walking",
    "Sitting",
    "Standing",
    "Sleeping",
    "Sex life",
    "Social life",
    "Travelling",
]
VISA_H_QUESTIONS = [f"Question {number}" for number in range(1, 7)] + [
    "Question 7 – sport participation",
    "Question 8 – training or activity time despite pain",
]
PSFS_ACTIVITIES = 5


def _select(label, values, *, labels=None):
    choices = [("", "Not answered"), *(labels or [(str(v), str(v)) for v in values])]
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


class OutcomesForm(FindingsFormMixin, forms.Form):
    def __init__(self, *args, instance, **kwargs):
        self.instance = instance
        super().__init__(*args, initial=self._initial(instance), **kwargs)
        for number, label in enumerate(LEFS_ITEMS, 1):
            self.fields[f"lefs_{number}"] = _select(label, range(5), labels=LEFS_CHOICES)
        for number, label in enumerate(ODI_SECTIONS, 1):
            self.fields[f"odi_{number}"] = _select(label, range(6))
        for number in range(1, PSFS_ACTIVITIES + 1):
            self.fields[f"psfs_activity_{number}"] = forms.CharField(
                label=f"Activity {number}",
                max_length=120,
                required=False,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )
            self.fields[f"psfs_score_{number}"] = _select(f"Activity {number} score", range(11))
        for number, (label, allowed) in enumerate(
            zip(VISA_H_QUESTIONS, VISA_H_ALLOWED, strict=True), 1
        ):
            self.fields[f"visa_h_{number}"] = _select(label, allowed)
        self.describe_errors()

    @staticmethod
    def _initial(instance):
        initial = {}
        for prefix, answers in (
            ("lefs", instance.lefs_answers),
            ("odi", instance.odi_answers),
            ("visa_h", instance.visa_h_answers),
        ):
            for number, value in enumerate(answers or [], 1):
                initial[f"{prefix}_{number}"] = value
        for number, item in enumerate(instance.psfs_items or [], 1):
            initial[f"psfs_activity_{number}"] = item.get("activity", "")
            initial[f"psfs_score_{number}"] = item.get("score")
        return initial

    def clean(self):
        cleaned = super().clean()
        for number in range(1, PSFS_ACTIVITIES + 1):
            activity = cleaned.get(f"psfs_activity_{number}")
            score = cleaned.get(f"psfs_score_{number}")
            if score is not None and not activity:
                self.add_error(f"psfs_activity_{number}", "Name the activity this score is for.")
        return cleaned

    def _answers(self, prefix, count, stored):
        """Valid answers from the form; an invalid one keeps what was stored before."""
        old = list(stored or []) + [None] * count
        return [
            self.cleaned_data[f"{prefix}_{n}"]
            if f"{prefix}_{n}" in self.cleaned_data
            else old[n - 1]
            for n in range(1, count + 1)
        ]

    def apply_valid_answers(self):
        """Copy every valid answer onto the instance; return the changed field names."""
        outcomes = self.instance
        outcomes.lefs_answers = self._answers("lefs", len(LEFS_ITEMS), outcomes.lefs_answers)
        outcomes.odi_answers = self._answers("odi", len(ODI_SECTIONS), outcomes.odi_answers)
        outcomes.visa_h_answers = self._answers(
            "visa_h", len(VISA_H_QUESTIONS), outcomes.visa_h_answers
        )
        activities = self._answers("psfs_activity", PSFS_ACTIVITIES, [])
        scores = self._answers("psfs_score", PSFS_ACTIVITIES, [])
        outcomes.psfs_items = [
            {"activity": activity, "score": score}
            for activity, score in zip(activities, scores, strict=True)
            if activity
        ]
        return ["lefs_answers", "odi_answers", "visa_h_answers", "psfs_items"]

    def groups(self):
        """(title, bound fields) per questionnaire, in the order the page shows them."""
        return [
            (title, [self[f"{prefix}_{n}"] for n in range(1, count + 1)])
            for title, prefix, count in (
                ("Lower Extremity Functional Scale (LEFS)", "lefs", len(LEFS_ITEMS)),
                ("Oswestry Disability Index", "odi", len(ODI_SECTIONS)),
                ("VISA-H (proximal hamstring tendinopathy)", "visa_h", len(VISA_H_QUESTIONS)),
            )
        ]

    def psfs_rows(self):
        return [
            (self[f"psfs_activity_{n}"], self[f"psfs_score_{n}"])
            for n in range(1, PSFS_ACTIVITIES + 1)
        ]
