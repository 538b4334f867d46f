"""The note keeps the prescription's parts, sides and next steps, and the plan page shows them."""

from django.urls import reverse

from evaluations.reports.handout_context import handout_context
from tests.factories import make_evaluation

IRRITABLE_TENSIONER = (
    "No tensioners while the nerve is irritable (pain 7/10 or more, or not recorded)."
)


def nerve_picture(patient, clinician):
    """A right-sided neural picture with no pain score recorded: irritable, sliders only."""
    evaluation = make_evaluation(patient, clinician, symptomatic_side="right")
    neural = evaluation.neural
    neural.slump_familiar_symptoms = neural.slump_changes_with_neck = "positive"
    neural.slump_asymmetric = "positive"
    neural.save()
    return evaluation


def make_plan(client, evaluation):
    client.post(reverse("evaluations:plan_generate", args=[evaluation.public_id]))
    return {item.code: item for item in evaluation.plan_items.all()}


def test_the_note_keeps_each_items_part_side_stage_and_next_step(
    alice_client, seeded, patient, alice
):
    evaluation = nerve_picture(patient, alice)
    items = make_plan(alice_client, evaluation)
    slider, tensioner = items["sciatic_nerve_slider"], items["sciatic_nerve_tensioner"]
    assert (slider.part, slider.side) == ("home", "right")
    assert slider.stage == "nerve irritable: sliders only"
    assert slider.next_step.startswith("Next: Sciatic nerve tensioner")
    assert (tensioner.part, tensioner.conflicts) == ("later", [IRRITABLE_TENSIONER])
    evaluation.refresh_from_db()
    assert evaluation.plan_data["stages"][0]["pathway"] == "neural"


def test_the_plan_page_shows_the_parts_the_side_and_the_stage(alice_client, seeded, patient, alice):
    evaluation = nerve_picture(patient, alice)
    make_plan(alice_client, evaluation)
    page = alice_client.get(reverse("evaluations:plan", args=[evaluation.public_id]))
    text = page.content.decode()
    for testid in ("part-home", "part-education", "part-clinic", "part-later", "stages"):
        assert f'data-testid="{testid}"' in text
    assert "Record pain now (0–10) to stage the nerve." in text
    assert "Not yet: " + IRRITABLE_TENSIONER in text


def test_the_handout_never_shows_a_later_level(alice_client, seeded, patient, alice):
    evaluation = nerve_picture(patient, alice)
    make_plan(alice_client, evaluation)
    names = [exercise["name"] for exercise in handout_context(evaluation)["exercises"]]
    assert "Nerve glide, sitting" in names
    assert "Nerve stretch, sitting" not in names


def test_a_clinicians_manual_therapy_item_goes_to_the_clinic_part(
    alice_client, seeded, patient, alice
):
    evaluation = nerve_picture(patient, alice)
    make_plan(alice_client, evaluation)
    alice_client.post(
        reverse("evaluations:plan_add_free_item", args=[evaluation.public_id]),
        {"kind": "manual_therapy", "pillar": 2, "name": "Neural mobilisation by hand"},
    )
    item = evaluation.plan_items.get(name="Neural mobilisation by hand")
    assert item.part == "clinic"
