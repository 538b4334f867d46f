import pytest
from django.urls import reverse

from evaluations.forms.review import REMOVE_NEEDS_REASON
from evaluations.models import PlanItem
from evaluations.services.plan_review import ALREADY_IN_PLAN, NO_LONGER_INDICATED
from tests.factories import make_evaluation


def eric_like(patient, clinician):
    """A tendinopathy picture: sit-bone pain sitting, two tendon tests with familiar pain."""
    evaluation = make_evaluation(patient, clinician, symptomatic_side="left")
    history = evaluation.history
    history.pain_sitting = history.sit_bone_pain = "yes"
    history.sitting_hours_per_day = 9
    history.save()
    hamstring = evaluation.hamstring
    hamstring.puranen_orava = "positive_familiar"
    hamstring.modified_bent_knee_stretch = "positive_familiar"
    hamstring.save()
    return evaluation


@pytest.fixture
def evaluation(seeded, patient, alice):
    return eric_like(patient, alice)


def url(name, evaluation, *args):
    return reverse(f"evaluations:{name}", args=[evaluation.public_id, *args])


def make_plan(client, evaluation):
    response = client.post(url("plan_generate", evaluation))
    assert response.status_code == 302
    evaluation.refresh_from_db()
    return list(evaluation.plan_items.all())


def test_before_the_plan_is_made_the_page_previews_the_engine(alice_client, evaluation):
    page = alice_client.get(url("plan", evaluation)).content.decode()
    assert "Make the plan from these findings" in page
    assert "Isometric hamstring hold" in page
    assert not PlanItem.objects.exists()


def test_the_preview_shows_the_home_programme_first_and_later_levels_apart(
    alice_client, evaluation
):
    page = alice_client.get(url("plan", evaluation)).content.decode()
    rest = page.partition("Home programme")[2]
    assert rest, "the preview names the home programme"
    later = rest.partition("Later")[2]
    assert "Isometric hamstring hold" in rest.partition("Later")[0]
    # The tendon ladder's next level waits under Later with its criterion, not at home.
    assert "Slider / Swiss-ball hamstring curl" in later
    assert "When:" in later


def test_making_the_plan_stores_each_item_with_its_reason_and_sources(alice_client, evaluation):
    items = make_plan(alice_client, evaluation)
    hold = next(item for item in items if item.code == "isometric_hamstring_hold")
    assert hold.origin == PlanItem.Origin.ENGINE
    assert "R1" in hold.rule_ids
    assert hold.reasons and hold.reasons[0]["text"]
    assert hold.source_keys
    assert hold.instructions.startswith("Lie on your tummy")
    assert evaluation.plan_data["pathways"][0]["rule_id"] == "R1"
    page = alice_client.get(url("plan", evaluation)).content.decode()
    assert "Precautions: avoid" in page
    assert "Proximal hamstring tendinopathy" in page


def test_making_the_plan_twice_adds_nothing(alice_client, evaluation):
    first = make_plan(alice_client, evaluation)
    assert len(make_plan(alice_client, evaluation)) == len(first)


def test_a_nerve_picture_never_gets_the_hamstring_stretch(alice_client, seeded, patient, alice):
    evaluation = make_evaluation(patient, alice, symptomatic_side="right")
    neural = evaluation.neural
    neural.slump_familiar_symptoms = neural.slump_changes_with_neck = "positive"
    neural.slump_asymmetric = "positive"
    neural.save()
    items = make_plan(alice_client, evaluation)
    codes = {item.code for item in items}
    assert "sciatic_nerve_slider" in codes
    assert "askling_extender" not in codes


def test_removing_an_item_needs_a_reason(alice_client, evaluation):
    item = make_plan(alice_client, evaluation)[0]
    response = alice_client.post(url("plan_item_remove", evaluation, item.pk), {"reason": " "})
    assert REMOVE_NEEDS_REASON in alice_client.get(response["Location"]).content.decode()
    item.refresh_from_db()
    assert not item.removed


def test_removing_with_a_reason_takes_it_off_and_it_can_come_back(alice_client, evaluation):
    item = make_plan(alice_client, evaluation)[0]
    alice_client.post(url("plan_item_remove", evaluation, item.pk), {"reason": "Sits on a cushion"})
    item.refresh_from_db()
    assert item.removed and item.removed_reason == "Sits on a cushion"
    page = alice_client.get(url("plan", evaluation)).content.decode()
    assert "Taken off by you" in page and "Sits on a cushion" in page
    alice_client.post(url("plan_item_restore", evaluation, item.pk))
    item.refresh_from_db()
    assert not item.removed


def test_changing_dosing_and_adding_a_note(alice_client, evaluation):
    item = make_plan(alice_client, evaluation)[0]
    alice_client.post(
        url("plan_item_update", evaluation, item.pk),
        {"dosing": "3 × 30 s, once a day", "clinician_note": "Start on the good side"},
    )
    item.refresh_from_db()
    assert (item.dosing, item.clinician_note) == ("3 × 30 s, once a day", "Start on the good side")


def test_search_as_you_type_finds_library_exercises(alice_client, evaluation):
    html = alice_client.get(url("exercise_search", evaluation), {"q": "bridge"}).content.decode()
    assert "Single-leg bridge (floor)" in html
    assert "Nordic" not in html


def test_adding_an_exercise_copies_it_into_the_note(alice_client, evaluation):
    make_plan(alice_client, evaluation)
    alice_client.post(url("plan_add_exercise", evaluation), {"code": "side_plank"})
    item = evaluation.plan_items.get(code="side_plank")
    assert item.origin == PlanItem.Origin.CLINICIAN
    assert item.dosing.startswith("5 × 10 s")
    response = alice_client.post(url("plan_add_exercise", evaluation), {"code": "side_plank"})
    message = ALREADY_IN_PLAN.format(name=item.name)
    assert message in alice_client.get(response["Location"]).content.decode()
    assert evaluation.plan_items.filter(code="side_plank").count() == 1


def test_adding_an_exercise_taken_off_the_plan_puts_it_back(alice_client, evaluation):
    make_plan(alice_client, evaluation)
    alice_client.post(url("plan_add_exercise", evaluation), {"code": "side_plank"})
    item = evaluation.plan_items.get(code="side_plank")
    alice_client.post(url("plan_item_remove", evaluation, item.pk), {"reason": "Too hard"})
    alice_client.post(url("plan_add_exercise", evaluation), {"code": "side_plank"})
    item.refresh_from_db()
    assert not item.removed
    assert evaluation.plan_items.filter(code="side_plank").count() == 1


def test_an_unknown_exercise_code_is_refused_with_a_message(alice_client, evaluation):
    make_plan(alice_client, evaluation)
    response = alice_client.post(url("plan_add_exercise", evaluation), {"code": "<script>"})
    assert (
        "Choose an exercise from the library."
        in alice_client.get(response["Location"]).content.decode()
    )


def test_adding_a_manual_therapy_item_in_free_text(alice_client, evaluation):
    make_plan(alice_client, evaluation)
    alice_client.post(
        url("plan_add_free_item", evaluation),
        {"kind": "manual_therapy", "pillar": "2", "name": "Soft tissue release, left hamstring"},
    )
    item = evaluation.plan_items.get(origin=PlanItem.Origin.CLINICIAN)
    assert (item.pillar, item.kind) == (2, "manual_therapy")
    bad = alice_client.post(
        url("plan_add_free_item", evaluation), {"kind": "surgery", "pillar": "9", "name": "x"}
    )
    assert (
        "Choose manual therapy or education." in alice_client.get(bad["Location"]).content.decode()
    )


def test_re_running_after_findings_change_proposes_and_keeps_edits(alice_client, evaluation):
    items = make_plan(alice_client, evaluation)
    kept = next(item for item in items if item.code == "isometric_hamstring_hold")
    alice_client.post(
        url("plan_item_update", evaluation, kept.pk), {"dosing": "My dosing", "clinician_note": ""}
    )
    # The tendon tests come back negative: the tendinopathy items would go; a runner appears.
    hamstring = evaluation.hamstring
    hamstring.puranen_orava = hamstring.modified_bent_knee_stretch = "negative"
    hamstring.save()
    gait = evaluation.gait
    gait.runner = "yes"
    gait.overstriding = "positive"
    gait.save()
    page = alice_client.get(url("plan", evaluation)).content.decode()
    assert "The findings changed since this plan was made" in page
    assert "Cadence retraining" in page
    alice_client.post(url("plan_apply_changes", evaluation))
    kept.refresh_from_db()
    assert kept.removed and kept.removed_reason == NO_LONGER_INDICATED
    assert kept.dosing == "My dosing"
    assert evaluation.plan_items.filter(code="cadence_retraining", removed=False).exists()


def test_another_clinics_plan_is_404(client, charlie, evaluation):
    client.force_login(charlie)
    for name in ("plan", "exercise_search"):
        assert client.get(url(name, evaluation)).status_code == 404
    assert client.post(url("plan_generate", evaluation)).status_code == 404
    assert not PlanItem.objects.exists()


def test_an_item_of_another_evaluation_is_404(alice_client, evaluation, patient, alice):
    other = eric_like(patient, alice)
    make_plan(alice_client, other)
    item = other.plan_items.first()
    response = alice_client.post(url("plan_item_remove", evaluation, item.pk), {"reason": "x"})
    assert response.status_code == 404
