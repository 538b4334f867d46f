"""What both printed documents share: the evaluation loaded once, and the header (clinic,
patient, visit, fonts) each PDF prints.

Each builder reads the evaluation once with everything it needs and returns plain dicts and
lists, so rendering the template (and the PDF) runs no database query.
"""

from django.db.models import Prefetch
from django.utils import timezone

from evaluations.models import Addendum, Evaluation, PlanItem, ReferralAcknowledgement
from evaluations.selectors import SECTION_ATTRS

from .renderer import static_asset

DATE = "%Y-%m-%d"
DRAFT_MARK = "DRAFT — not signed"


def load_evaluation(evaluation):
    """The evaluation with its patient, clinic, sections, plan, addenda and referral actions."""
    return (
        Evaluation.objects.select_related(
            "patient__clinic", "clinician", "signed_by", *SECTION_ATTRS
        )
        .prefetch_related(
            Prefetch("plan_items", queryset=PlanItem.objects.select_related("exercise")),
            Prefetch("addenda", queryset=Addendum.objects.select_related("author")),
            Prefetch(
                "referral_acknowledgements",
                queryset=ReferralAcknowledgement.objects.select_related("acknowledged_by"),
            ),
        )
        .get(pk=evaluation.pk)
    )


def person(user):
    return user.get_full_name() or user.username if user else ""


def document_header(evaluation, title):
    clinic = evaluation.patient.clinic
    patient = evaluation.patient
    return {
        "title": title,
        "draft": not evaluation.is_signed,
        "draft_mark": DRAFT_MARK,
        "paper": "letter" if clinic.paper_size == clinic.PaperSize.LETTER else "A4",
        "clinic": {
            "name": clinic.name,
            "address_lines": [line for line in clinic.address.splitlines() if line.strip()],
            "phone": clinic.phone,
            "email": clinic.email,
        },
        "patient": {
            "name": patient.full_name,
            "given_name": patient.given_name,
            "date_of_birth": patient.date_of_birth.strftime(DATE),
            "age": patient.age_on(evaluation.visit_date),
            "sex": patient.get_sex_display(),
            "record_number": patient.record_number,
        },
        "visit": {
            "date": evaluation.visit_date.strftime(DATE),
            "type": evaluation.get_visit_type_display(),
            "clinician": person(evaluation.clinician),
            "symptomatic_side": evaluation.get_symptomatic_side_display(),
        },
        # The clinic's zone, passed explicitly: a PDF is also made outside any request.
        "printed_at": timezone.localtime(timezone.now(), clinic.zone).strftime(f"{DATE} %H:%M %Z"),
        "fonts": {
            "regular": static_asset("fonts/DejaVuSans.ttf"),
            "bold": static_asset("fonts/DejaVuSans-Bold.ttf"),
            "italic": static_asset("fonts/DejaVuSans-Oblique.ttf"),
        },
    }
