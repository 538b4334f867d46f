"""The report prints the prescription as a physical therapist reviews it: the stage of each
pathway and why, the home programme, education, in clinic and later, each item with its side,
reasons, evidence and sources, and every decision the clinician took against the defaults."""

from evaluations.reports.documents import render_report
from evaluations.reports.report_context import report_context
from evaluations.services import plan_parts
from tests.evaluations.test_plan_moves import REASON, acute_strain, codes_in
from tests.reports.helpers import text

CONFLICT_REASON = "Supervised today; he has done them for years without pain."


def arranged(patient, clinician):
    """The strain plan after the clinician's moves: one in from the clinic, over the limit."""
    evaluation = acute_strain(patient, clinician)
    plank = evaluation.plan_items.get(code="front_plank")
    plan_parts.move_item(item=plank, part="home", reason=REASON)
    return evaluation


def test_the_report_lists_the_stage_and_the_parts_in_the_clinicians_order(seeded, patient, alice):
    evaluation = arranged(patient, alice)
    context = report_context(evaluation)
    assert [stage["reason"] for stage in context["stages"]] == [
        stage["reason"] for stage in evaluation.plan_data["stages"]
    ]
    assert context["stages"][0]["reason"].startswith("phase I: normal walking stride")
    parts = {part["part"]: part for part in context["parts"]}
    assert list(parts) == ["home", "education", "clinic", "later"]
    home = [item["name"] for item in parts["home"]["items"]]
    assert home == [
        evaluation.plan_items.get(code=code).name for code in codes_in(evaluation, "home")
    ]
    assert home[-1] == "Front plank (prone bridge)"
    plank = parts["home"]["items"][-1]
    assert (plank["side"], plank["moved_from"]) == ("Right", "In clinic")
    assert context["home"] == {"count": 5, "limit": 4, "over": True, "reason": REASON}


def test_the_report_prints_the_overrides_with_their_reasons(seeded, patient, alice):
    evaluation = arranged(patient, alice)
    walk_run = evaluation.plan_items.get(code="walk_run_progression")
    plan_parts.move_item(item=walk_run, part="clinic")
    walk_run.refresh_from_db()
    walk_run.clinician_note = CONFLICT_REASON
    walk_run.save()
    printed = text(render_report(evaluation)[2])
    assert "Stage: Acute strain — phase I: normal walking stride without pain not yet tested" in (
        printed
    )
    for title in ("Home programme (5 of at most 4", "Education", "In clinic", "Later"):
        assert title in printed
    assert f"Why more than 4: {REASON}" in printed
    assert "Front plank (prone bridge) side: right" in printed
    assert "Moved by the clinician (the plan suggested: In clinic)" in printed
    assert f"Against a precaution: {walk_run.conflicts[0]} Kept because: {CONFLICT_REASON}" in (
        printed
    )
    assert f"Home programme of 5, over this clinic's limit of 4. Reason: {REASON}" in printed
    # A long precaution wraps at its hyphens in the PDF: compare without the breaks.
    unbroken = printed.replace("- ", "-")
    assert f"kept against a precaution: {walk_run.conflicts[0]} Reason: {CONFLICT_REASON}" in (
        unbroken
    )


def test_within_the_limit_no_reason_is_printed(seeded, patient, alice):
    evaluation = arranged(patient, alice)
    side_plank = evaluation.plan_items.get(code="side_plank")
    plan_parts.move_item(item=side_plank, part="later")
    context = report_context(evaluation)
    assert context["home"]["over"] is False and context["home"]["reason"] == ""
    assert "Why more than" not in text(render_report(evaluation)[2])
