"""The two PDFs read back with pypdf: what a clinician, a doctor or the patient would see.

Each PDF is rendered once for the module; the data behind it is rolled back afterwards.
"""

import re

import pytest
from django.db import transaction

from evaluations.library import invalidate_engine_library, seed_exercise_library
from evaluations.models import PlanItem
from evaluations.reports.document_header import DRAFT_MARK
from evaluations.reports.documents import render_handout, render_report
from evaluations.reports.plain_language import (
    CLINICAL_ABBREVIATIONS,
    PLAIN_PRECAUTIONS,
    RED_FLAGS,
)
from evaluations.services.plan_review import generate_plan
from evaluations.services.signing import acknowledge_referral, add_addendum, sign_evaluation
from tests.factories import (
    TEST_PASSWORD,
    ClinicFactory,
    PatientFactory,
    answer_red_flags_negative,
    make_clinician,
)
from tests.reports.helpers import (
    XSS_ATTRIBUTE,
    XSS_SCRIPT,
    fill,
    font_sizes,
    make_evaluation,
    pages,
    squash,
    tendinopathy_evaluation,
    text,
    without_next_steps,
)

# The mark makes pytest-django set up the test database, which the module fixture fills.
pytestmark = pytest.mark.django_db

ADDENDUM = f"Phoned the patient {XSS_SCRIPT} {XSS_ATTRIBUTE}"


def _render(evaluation):
    report, handout = render_report(evaluation), render_handout(evaluation)
    return {"report": report, "handout": handout}


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """Draft and signed PDFs of a tendinopathy note, and a red-flag note's PDFs."""
    with django_db_blocker.unblock(), transaction.atomic():
        invalidate_engine_library()
        seed_exercise_library()
        clinic = ClinicFactory(name="Riverside Test Clinic", phone="555-0100")
        alice = make_clinician(clinic, "alice-reports")
        patient = PatientFactory(clinic=clinic, given_name="Eric", family_name="Novak")
        evaluation = tendinopathy_evaluation(patient, alice)
        items = [i for i in evaluation.plan_items.all() if not i.removed]
        out = {
            "patient": patient,
            "items": items,
            "plan": evaluation.plan_data,
            "draft": _render(evaluation),
        }
        answer_red_flags_negative(evaluation)
        sign_evaluation(evaluation=evaluation, user=alice, password=TEST_PASSWORD)
        add_addendum(evaluation=evaluation, author=alice, text=ADDENDUM)
        out["signed"] = _render(evaluation)

        flagged = make_evaluation(patient, alice, symptomatic_side="right")
        fill(flagged, "red_flags", ces_saddle_numbness="yes", ces_bladder_bowel="yes")
        generate_plan(evaluation=flagged)
        acknowledge_referral(
            evaluation=flagged, code="RF_CES", action_taken="Sent to the ED at 10:40", by=alice
        )
        out["red_flag"] = _render(flagged)
        out["red_flag_plan"] = flagged.plan_data
        transaction.set_rollback(True)
    invalidate_engine_library()
    return out


def pdf(rendered, state, kind):
    return rendered[state][kind][2]


def test_file_names_carry_ids_and_the_date_never_the_name(rendered):
    for state in ("draft", "signed", "red_flag"):
        for kind in ("report", "handout"):
            filename, content_type, data = rendered[state][kind]
            assert re.fullmatch(
                rf"evaluation-[0-9a-f]{{8}}-\d{{4}}-\d\d-\d\d-{kind}\.pdf", filename
            )
            assert "Eric" not in filename and "Novak" not in filename
            assert content_type == "application/pdf" and data.startswith(b"%PDF")


def test_the_report_names_the_patient_and_the_clinic(rendered):
    report = text(pdf(rendered, "draft", "report"))
    patient = rendered["patient"]
    assert "Eric Novak" in report
    assert patient.record_number in report
    assert patient.date_of_birth.strftime("%Y-%m-%d") in report
    assert "Riverside Test Clinic" in report and "555-0100" in report


def test_the_report_lists_every_plan_item_with_its_dosing(rendered):
    report = text(pdf(rendered, "draft", "report"))
    for item in rendered["items"]:
        assert squash(item.name) in report, item.name
        assert squash(item.dosing) in report, item.name


def test_the_report_prints_precautions_findings_outcomes_and_the_differentiation(rendered):
    report = text(pdf(rendered, "draft", "report"))
    for precaution in rendered["plan"]["precautions"]:
        assert squash(precaution["text"]) in report
    assert "All 30 red-flag questions were asked: all negative." in report
    # No nerve test was done: the tendon picture is not named until the nerve is told apart.
    assert "Not yet distinguished from:" in report
    assert "nerve irritation: test the slump" in report
    assert "Tendon signs:" in report and "Provisional:" in report
    assert "Familiar pain reproduced" in report
    # The weak right hip flexors: the LSI of the left (symptomatic) side is 132 %.
    assert "4− ⚑" in report and "132 % ⚑" in report
    assert "VISA-H 45/100" in report
    assert "Not examined:" in report and "Foot" in report


def test_the_report_ends_with_the_cited_sources(rendered):
    report = text(pdf(rendered, "draft", "report"))
    references = report.split("References", 1)[1]
    assert "[GOOM]" in references and "[TSMT]" in references
    assert "pmc.ncbi.nlm.nih.gov/articles/PMC2867336" not in references or "[HEI]" in references
    assert "supports clinical decisions" in report


@pytest.mark.parametrize("kind", ["report", "handout"])
def test_an_unsigned_note_says_draft_on_every_page(rendered, kind):
    draft = pages(pdf(rendered, "draft", kind))
    assert len(draft) > 1
    for number, page in enumerate(draft, 1):
        assert DRAFT_MARK in page, number


@pytest.mark.parametrize("kind", ["report", "handout"])
def test_a_signed_note_never_says_draft(rendered, kind):
    signed = text(pdf(rendered, "signed", kind))
    assert "DRAFT" not in signed


def test_the_signed_report_says_who_signed_and_keeps_the_addendum_inert(rendered):
    report = text(pdf(rendered, "signed", "report"))
    assert "Electronically signed by" in report
    assert squash(ADDENDUM) in report


@pytest.mark.parametrize("state", ["draft", "signed"])
@pytest.mark.parametrize("kind", ["report", "handout"])
def test_every_page_has_the_running_footer(rendered, state, kind):
    document = pages(pdf(rendered, state, kind))
    record = rendered["patient"].record_number
    for number, page in enumerate(document, 1):
        assert f"Page {number} of {len(document)}" in page
        assert f"Eric Novak · Record {record}" in page


@pytest.mark.parametrize("kind", ["report", "handout"])
def test_typed_markup_prints_as_text(rendered, kind):
    printed = text(pdf(rendered, "draft", kind))
    assert squash(XSS_SCRIPT) in printed
    assert squash(XSS_ATTRIBUTE) in printed


def test_a_red_flag_report_prints_the_referral_and_its_urgency(rendered):
    report = text(pdf(rendered, "red_flag", "report"))
    referral = next(r for r in rendered["red_flag_plan"]["referrals"] if r["code"] == "RF_CES")
    assert "Red flag RF_CES — urgency: EMERGENCY" in report
    assert squash(referral["action"]) in report
    assert "Sent to the ED at 10:40" in report
    assert "No exercise plan while a red flag is open" in report


def test_a_red_flag_handout_puts_the_program_on_hold(rendered):
    handout = text(pdf(rendered, "red_flag", "handout"))
    assert "Your exercise program is on hold" in handout
    assert "Go to the emergency department today." in handout
    assert "Your exercises" not in handout


def test_the_handout_gives_each_exercise_its_steps_dose_feel_and_stop(rendered):
    handout = text(pdf(rendered, "draft", "handout"))
    exercises = [i for i in rendered["items"] if i.kind == PlanItem.Kind.EXERCISE]
    assert exercises
    # The handout is the home programme: later levels wait for their criterion, and what is
    # done in the clinic is named only, never printed as an exercise to do at home.
    for item in (i for i in exercises if i.part == "later"):
        assert squash(item.plain_name) not in without_next_steps(handout)
    for item in (i for i in exercises if i.part == "home"):
        assert squash(item.plain_name) in handout
        for step in item.step_list:
            assert squash(step) in handout, step
        assert squash(item.patient_feel) in handout
        assert squash(item.patient_stop) in handout
        # "How much" is the item's own patient wording, made from its dosing.
        assert item.patient_dosing and squash(f"How much: {item.patient_dosing}") in handout


def test_the_handout_has_the_pain_rules_precautions_tips_and_help(rendered):
    handout = text(pdf(rendered, "draft", "handout"))
    assert "0 to 3 out of 10 Fine." in handout
    assert "Above 5 out of 10, or worse the next morning" in handout
    assert squash(PLAIN_PRECAUTIONS[rendered["plan"]["precautions"][0]["code"]]) in handout
    assert "flattening your low back or arching it" in handout
    assert "A cushion or a folded towel" in handout
    assert "clearly worse after two exercise sessions in a row" in handout
    for sign, action in RED_FLAGS:
        assert squash(sign) in handout and action in handout
    assert "Call us on 555-0100" in handout
    assert "Eric Novak" in handout


@pytest.mark.parametrize("state", ["draft", "signed", "red_flag"])
def test_the_handout_uses_no_clinical_abbreviations(rendered, state):
    handout = text(pdf(rendered, state, "handout"))
    found = [a for a in CLINICAL_ABBREVIATIONS if re.search(rf"\b{re.escape(a)}\b", handout)]
    assert found == []


def test_the_handout_type_is_at_least_12_points(rendered):
    sizes = font_sizes(pdf(rendered, "draft", "handout"))
    assert sizes and min(sizes) >= 12


def test_the_report_fits_the_clinics_paper(rendered):
    import io

    from pypdf import PdfReader

    for kind in ("report", "handout"):
        box = PdfReader(io.BytesIO(pdf(rendered, "draft", kind))).pages[0].mediabox
        # A4 is 595 × 842 pt; the factory's clinic keeps the default A4.
        assert (round(box.width), round(box.height)) == (595, 842)
