"""Reading the PDFs back as a reader would: page text and the sizes of the type."""

import io
import re

from pypdf import PdfReader

from evaluations.models import PlanItem
from evaluations.plan.prescription import PATIENT_NEXT_STEP
from evaluations.services.plan_review import generate_plan
from tests.factories import make_evaluation

XSS_SCRIPT = "<script>alert('x')</script>"
XSS_ATTRIBUTE = '"><img src=x onerror=alert(1)>'


def pages(pdf):
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def squash(text):
    """Whitespace folded to single spaces: a long line may wrap anywhere in the PDF."""
    return re.sub(r"\s+", " ", text).strip()


def text(pdf):
    return squash(" ".join(pages(pdf)))


def without_next_steps(printed):
    """The handout's text without its "Next step: …" lines, where a later level is named."""
    ending = re.escape(PATIENT_NEXT_STEP.split("}", 1)[1])
    return re.sub(rf"Next step: .*?{ending}", "", printed)


def font_sizes(pdf):
    """The rendered size in points of every run of text, page by page."""
    sizes = []
    for page in PdfReader(io.BytesIO(pdf)).pages:

        def visit(run, cm, tm, font, size, found=sizes):
            if run.strip():
                scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
                found.append(round(size * scale, 2))

        page.extract_text(visitor_text=visit)
    return sizes


def fill(evaluation, section, **values):
    row = getattr(evaluation, section)
    for name, value in values.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()


def no_red_flags(evaluation):
    from evaluations.demo import ALL_RED_FLAGS_CHECKED_NEGATIVE

    fill(evaluation, "red_flags", **ALL_RED_FLAGS_CHECKED_NEGATIVE)


def tendinopathy_evaluation(patient, clinician):
    """Eric's picture from the article: sit-bone pain, long sitting, a weak opposite hip."""
    evaluation = make_evaluation(patient, clinician, symptomatic_side="left")
    fill(
        evaluation,
        "history",
        onset="gradual",
        weeks_since_onset=60,
        pain_sitting="yes",
        sit_bone_pain="yes",
        pain_putting_on_shoes="yes",
        sitting_hours_per_day=10,
        pain_now=3,
        pain_best=2,
        pain_worst=5,
        aggravating_factors=f"Hard chairs {XSS_SCRIPT} {XSS_ATTRIBUTE}",
    )
    no_red_flags(evaluation)
    fill(
        evaluation,
        "hip",
        mmt_hip_flexors_left="5",
        mmt_hip_flexors_right="4-",
        hhd_hip_flexors_n_left=240,
        hhd_hip_flexors_n_right=182,
    )
    fill(
        evaluation,
        "hamstring",
        tender="positive",
        tender_distance_cm=1.5,
        puranen_orava="positive_familiar",
        modified_bent_knee_stretch="positive_familiar",
    )
    fill(evaluation, "outcomes", visa_h_answers=[5, 6, 4, 5, 6, 5, 4, 10])
    generate_plan(evaluation=evaluation)
    item = evaluation.plan_items.filter(kind=PlanItem.Kind.EXERCISE).first()
    item.clinician_note = f"Keep it gentle {XSS_SCRIPT} {XSS_ATTRIBUTE}"
    item.save(update_fields=["clinician_note"])
    return evaluation
