"""Documents load first, then render: no query once the context is built."""

from django.template.loader import render_to_string

from evaluations.reports.handout_context import handout_context
from evaluations.reports.renderer import render_pdf
from evaluations.reports.report_context import history_prose, report_context
from evaluations.services.plan_review import generate_plan, update_item
from tests.factories import make_evaluation
from tests.reports.helpers import fill, tendinopathy_evaluation


def test_rendering_both_pdfs_runs_no_query(seeded, patient, alice, django_assert_num_queries):
    evaluation = tendinopathy_evaluation(patient, alice)
    report, handout = report_context(evaluation), handout_context(evaluation)
    with django_assert_num_queries(0):
        render_pdf(render_to_string("reports/report.html", report))
        render_pdf(render_to_string("reports/handout.html", handout))


def test_building_the_report_context_takes_a_fixed_number_of_queries(
    seeded, patient, alice, django_assert_max_num_queries
):
    evaluation = tendinopathy_evaluation(patient, alice)
    with django_assert_max_num_queries(4):
        report_context(evaluation)


def test_the_report_shows_only_what_was_tested(seeded, patient, alice):
    evaluation = make_evaluation(patient, alice)
    fill(evaluation, "hip", mmt_hip_extensors_left="5", mmt_hip_extensors_right="4")
    generate_plan(evaluation=evaluation)
    regions = report_context(evaluation)["regions"]
    assert [region["title"] for region in regions["tested"]] == ["Hip"]
    [row] = regions["tested"][0]["rows"]
    assert row["label"] == "Hip extensors MMT"
    assert row["left"] == {"text": "5", "flag": ""}
    assert row["right"] == {"text": "4", "flag": "below 5/5"}
    assert "Foot" in regions["untested"]


def test_a_removed_item_is_left_out_of_both_documents(seeded, patient, alice):
    evaluation = tendinopathy_evaluation(patient, alice)
    item = evaluation.plan_items.get(code="bridge_hold")
    item.removed, item.removed_reason = True, "Too sore today"
    item.save()
    parts = report_context(evaluation)["parts"]
    names = [i["name"] for part in parts for i in part["items"]]
    assert "Bridge hold, hip neutral" not in names and names
    exercises = [e["name"] for e in handout_context(evaluation)["exercises"]]
    assert "Hip lift hold" not in exercises and exercises


def test_a_changed_dosing_prints_in_the_clinicians_words(seeded, patient, alice):
    evaluation = tendinopathy_evaluation(patient, alice)
    item = evaluation.plan_items.get(code="bridge_hold")
    update_item(item=item, dosing="3 × 20 s, twice a day", clinician_note="")
    exercise = next(
        e for e in handout_context(evaluation)["exercises"] if e["name"] == "Hip lift hold"
    )
    assert exercise["how_much"] == "3 times 20 seconds, twice a day"


def test_the_history_reads_as_prose(patient, alice):
    evaluation = make_evaluation(patient, alice)
    fill(
        evaluation,
        "history",
        onset="gradual",
        weeks_since_onset=104,
        pain_sitting="yes",
        sit_bone_pain="no",
        pain_now=4,
        pain_worst=6,
    )
    assert history_prose(evaluation.history) == [
        "Gradual onset, 104 weeks (about 2 years) ago.",
        "Reports pain while sitting.",
        "Denies pain at the sit bone.",
        "NPRS: pain now 4/10 (worst 6/10 over 24 h).",
    ]
