"""The handout prints the home programme a patient follows, not the whole plan (issue 14)."""

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from evaluations.models import Evaluation, PlanItem
from evaluations.plan.plan_types import Part
from evaluations.plan.prescription import PATIENT_NEXT_STEP
from evaluations.reports import plain_language as plain
from evaluations.reports.documents import render_handout
from evaluations.services.plan_review import generate_plan, update_item
from tests.reports.helpers import squash, tendinopathy_evaluation, text, without_next_steps

ARTICLE_PATIENTS = ["Sean", "Craig", "Brendan", "Eric"]
# DOMAIN.md §9: four home exercises by default; issue 14: they fit on three A4 pages.
HOME_LIMIT = 4
MOST_PAGES = 3


def handout(evaluation):
    _, _, pdf = render_handout(Evaluation.objects.get(pk=evaluation.pk))
    return pdf


def exercise_card_titles(evaluation):
    return [
        f"{number}. {item.plain_name or item.name}"
        for number, item in enumerate(
            evaluation.plan_items.filter(
                part=Part.HOME, kind=PlanItem.Kind.EXERCISE, removed=False
            ).order_by("position", "pk"),
            start=1,
        )
    ]


@pytest.fixture
def demo(seeded, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    notes = {}
    for evaluation in Evaluation.objects.select_related("patient"):
        generate_plan(evaluation=evaluation)
        notes[evaluation.patient.given_name] = evaluation
    return notes


@pytest.mark.parametrize("given_name", ARTICLE_PATIENTS)
def test_each_article_patients_home_programme_fits_on_three_pages(demo, given_name):
    evaluation = demo[given_name]
    pdf = handout(evaluation)
    titles = exercise_card_titles(evaluation)
    assert 0 < len(titles) <= HOME_LIMIT
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= MOST_PAGES
    printed = text(pdf)
    for title in titles:
        assert squash(title) in printed


def test_only_the_home_programme_is_printed_as_exercises(seeded, alice, patient):
    evaluation = tendinopathy_evaluation(patient, alice)
    items = evaluation.plan_items.filter(kind=PlanItem.Kind.EXERCISE, removed=False)
    in_clinic, later = items.filter(part=Part.LATER)[:2]
    in_clinic.part = Part.CLINIC
    in_clinic.save(update_fields=["part"])
    printed = text(handout(evaluation))
    for title in exercise_card_titles(evaluation):
        assert squash(title) in printed
    clinic_name = in_clinic.plain_name or in_clinic.name
    clinic_sentence = printed.split("With your therapist in the clinic:")[1].split(".")[0]
    assert clinic_name in clinic_sentence
    assert f". {clinic_name}" not in printed
    # A later level appears only as the next step of the exercise before it.
    assert (later.plain_name or later.name) not in without_next_steps(printed)


def test_the_handout_names_the_painful_leg_and_each_exercises_side(seeded, alice, patient):
    evaluation = tendinopathy_evaluation(patient, alice)
    printed = text(handout(evaluation))
    assert f"This program is for the pain in {plain.PAINFUL_LEG['left']}" in printed
    sided = evaluation.plan_items.filter(part=Part.HOME, removed=False).exclude(side="")
    assert sided.exists()
    for item in sided:
        assert f"{item.plain_name or item.name} {item.patient_side}" in printed


def test_a_two_leg_exercise_names_the_side_it_is_for_and_never_says_per_side(
    seeded, alice, patient
):
    evaluation = tendinopathy_evaluation(patient, alice)
    home = evaluation.plan_items.filter(part=Part.HOME, kind=PlanItem.Kind.EXERCISE)
    two_legs, one_at_a_time = home.order_by("position")[:2]
    for item, side, one_side in ((two_legs, "right", False), (one_at_a_time, "both", True)):
        item.side, item.one_side_at_a_time = side, one_side
        item.save(update_fields=["side", "one_side_at_a_time"])
        update_item(item=item, dosing="3 × 10 per leg", clinician_note="")
    printed = text(handout(evaluation))
    two_legs_card = printed.split(two_legs.plain_name)[1].split(one_at_a_time.plain_name)[0]
    assert plain.EXERCISE_SIDE[False]["right"] in two_legs_card
    how_much = two_legs_card.split("How much:")[1].split("How it should feel")[0]
    assert how_much.strip().startswith("3 sets of 10") and "leg" not in how_much
    assert f"{one_at_a_time.plain_name} {plain.EXERCISE_SIDE[True]['both']}" in printed
    assert "How much: 3 sets of 10 on each leg" in printed


def test_a_moved_exercise_follows_the_clinician_into_and_out_of_the_handout(seeded, alice, patient):
    evaluation = tendinopathy_evaluation(patient, alice)
    home = evaluation.plan_items.filter(part=Part.HOME, kind=PlanItem.Kind.EXERCISE).first()
    later = evaluation.plan_items.filter(part=Part.LATER, kind=PlanItem.Kind.EXERCISE).first()
    home.part, later.part = Part.CLINIC, Part.HOME
    home.save(update_fields=["part"])
    later.save(update_fields=["part"])
    printed = text(handout(evaluation))
    assert f". {later.plain_name or later.name}" in printed
    assert f". {home.plain_name or home.name}" not in printed


def test_when_to_get_help_is_worded_for_a_patient_in_care(seeded, alice, patient):
    printed = text(handout(tendinopathy_evaluation(patient, alice)))
    for reason in plain.WHEN_TO_GET_HELP:
        assert squash(reason) in printed
    assert "worse after two exercise sessions in a row" in printed
    # The article's two-week rule is for people not yet seen (DOMAIN.md §9).
    assert "more than two weeks" not in printed


def test_the_articles_bending_tip_is_in_every_home_programme(seeded, alice, patient):
    printed = text(handout(tendinopathy_evaluation(patient, alice)))
    assert squash(plain.TIPS["bending"]) in printed
    assert squash(plain.TIPS["sitting"]) in printed


def test_an_empty_home_programme_says_so_in_plain_words(seeded, alice, patient):
    evaluation = tendinopathy_evaluation(patient, alice)
    evaluation.plan_items.filter(part=Part.HOME).update(part=Part.CLINIC)
    printed = text(handout(evaluation))
    assert squash(plain.NO_HOME_EXERCISES) in printed
    assert "Your exercises" not in printed


# Clinician notation that must never reach a patient: rule and gate ids, the stage names.
CLINICAL_NOTATION = re.compile(r"\bR\d{1,2}\b|\bphase I{1,3}\b|\bacute strain\b|\bLSI\b")


@pytest.mark.parametrize("given_name", ARTICLE_PATIENTS)
def test_each_next_step_names_the_next_exercise_plainly_and_no_clinical_notation_is_printed(
    demo, given_name
):
    evaluation = demo[given_name]
    printed = text(handout(evaluation))
    assert CLINICAL_NOTATION.findall(printed) == []
    home = evaluation.plan_items.filter(part=Part.HOME, kind=PlanItem.Kind.EXERCISE)
    steps = [item.patient_next_step for item in home if item.next_step]
    for step in steps:
        assert step.endswith(PATIENT_NEXT_STEP.split("}", 1)[1])
        assert squash(step) in printed
