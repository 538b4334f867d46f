"""The clinician moves plan items between the parts and reorders them; a home programme over
the clinic's limit needs one line of reason, which signing asks for and the signature covers."""

import pytest
from django.urls import reverse

from evaluations.models import SIGNED_NOTE_IS_READ_ONLY, Evaluation
from evaluations.services import plan_parts
from evaluations.services.integrity import ROWS_CHANGED, note_problems
from evaluations.services.plan_parts import (
    ALREADY_THERE,
    AT_THE_EDGE,
    EDUCATION_STAYS,
    OVER_LIMIT_REASON_NEEDED,
    TAKEN_OFF,
)
from evaluations.services.plan_review import PlanReviewError, apply_plan_changes, generate_plan
from evaluations.services.signing import (
    HOME_OVER_LIMIT_UNEXPLAINED,
    SigningRefused,
    sign_evaluation,
    verify_note,
)
from tests.evaluations.test_signing import behind_the_triggers, store_document
from tests.factories import TEST_PASSWORD, answer_red_flags_negative, make_evaluation

REASON = "Trained all four in clinic today; she asked to do the plank at home too."


def acute_strain(patient, clinician):
    """A right hamstring strain in a sprint, three weeks ago, no gate tested: phase I."""
    evaluation = make_evaluation(patient, clinician, symptomatic_side="right")
    history = evaluation.history
    history.onset, history.mechanism, history.pain_now = "sudden", "sprint", 3
    history.save()
    hamstring = evaluation.hamstring
    hamstring.tender = hamstring.resisted_knee_flexion_painful = "positive"
    hamstring.tender_distance_cm = 10
    hamstring.save()
    generate_plan(evaluation=evaluation)
    return answer_red_flags_negative(evaluation)


@pytest.fixture
def evaluation(seeded, patient, alice):
    return acute_strain(patient, alice)


def item(evaluation, code):
    return evaluation.plan_items.get(code=code)


def codes_in(evaluation, part):
    items = evaluation.plan_items.filter(part=part, removed=False).order_by("position", "pk")
    return [row.code for row in items]


def url(name, evaluation, *args):
    return reverse(f"evaluations:{name}", args=[evaluation.public_id, *args])


def move(client, evaluation, code, part, reason="", **headers):
    row = item(evaluation, code)
    return client.post(
        url("plan_item_move", evaluation, row.pk), {"part": part, "reason": reason}, **headers
    )


def reorder(client, evaluation, code, direction, **headers):
    row = item(evaluation, code)
    return client.post(
        url("plan_item_reorder", evaluation, row.pk), {"direction": direction}, **headers
    )


def test_the_strain_plan_starts_with_a_full_home_programme(evaluation):
    # The fixture the other tests rely on: four at home (the default limit), more in clinic.
    assert len(codes_in(evaluation, "home")) == plan_parts.home_limit(evaluation) == 4
    assert "front_plank" in codes_in(evaluation, "clinic")


def test_a_move_out_of_the_home_programme_puts_the_item_last_in_its_new_part(
    alice_client, evaluation
):
    response = move(alice_client, evaluation, "side_plank", "later")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{item(evaluation, 'side_plank').pk}")
    assert "side_plank" not in codes_in(evaluation, "home")
    assert codes_in(evaluation, "later")[-1] == "side_plank"
    moved = item(evaluation, "side_plank")
    assert (moved.part, moved.suggested_part, moved.moved_by_clinician) == ("later", "home", True)


def test_a_move_over_the_limit_without_a_reason_is_refused_next_to_the_field(
    alice_client, evaluation
):
    response = move(alice_client, evaluation, "front_plank", "home", reason="  ")
    assert response.status_code == 400
    page = response.content.decode()
    message = OVER_LIMIT_REASON_NEEDED.format(count=5, limit=4)
    assert f'id="move-error-{item(evaluation, "front_plank").pk}"' in page
    assert message.replace("'", "&#x27;") in page
    assert item(evaluation, "front_plank").part == "clinic"
    evaluation.refresh_from_db()
    assert evaluation.home_programme_reason == ""


def test_a_refused_move_keeps_what_was_typed(alice_client, evaluation):
    row = item(evaluation, "front_plank")
    long_reason = "x" * 301
    response = move(alice_client, evaluation, "front_plank", "home", reason=long_reason)
    page = response.content.decode()
    assert response.status_code == 400
    assert f'value="{long_reason[:300]}"' in page
    assert '<option value="home" selected>' in page
    assert item(evaluation, "front_plank").part == row.part


def test_a_move_over_the_limit_with_a_reason_is_saved_with_the_reason(alice_client, evaluation):
    response = move(alice_client, evaluation, "front_plank", "home", reason=REASON)
    assert response.status_code == 302
    assert codes_in(evaluation, "home")[-1] == "front_plank"
    evaluation.refresh_from_db()
    assert evaluation.home_programme_reason == REASON
    # One reason covers the programme: the next move in needs none.
    assert move(alice_client, evaluation, "stationary_bike", "home").status_code == 302
    assert len(codes_in(evaluation, "home")) == 6


def test_the_home_programme_page_shows_the_count_and_the_reason(alice_client, evaluation):
    move(alice_client, evaluation, "front_plank", "home", reason=REASON)
    page = alice_client.get(url("plan", evaluation)).content.decode()
    assert "(5 of at most 4: over this clinic's limit)" in page
    assert f'value="{REASON}"' in page
    assert 'data-testid="moved"' in page


def test_education_stays_in_its_part(evaluation):
    with pytest.raises(PlanReviewError, match=EDUCATION_STAYS):
        plan_parts.move_item(item=item(evaluation, "strain_phases"), part="home")


def test_a_move_to_the_same_part_says_so(evaluation):
    row = item(evaluation, "side_plank")
    with pytest.raises(PlanReviewError) as refused:
        plan_parts.move_item(item=row, part="home")
    assert str(refused.value) == ALREADY_THERE.format(name=row.name, part="the home programme")


def test_an_unknown_part_is_refused_with_a_message(alice_client, evaluation):
    response = move(alice_client, evaluation, "side_plank", "education")
    assert response.status_code == 400
    assert "Choose the home programme, in clinic or later." in response.content.decode()
    assert item(evaluation, "side_plank").part == "home"


def test_an_item_taken_off_the_plan_is_neither_moved_nor_reordered(alice_client, evaluation):
    row = item(evaluation, "side_plank")
    row.removed, row.removed_reason = True, "Too sore"
    row.save()
    message = TAKEN_OFF.format(name=row.name)
    response = move(alice_client, evaluation, "side_plank", "later")
    assert message in alice_client.get(response["Location"]).content.decode()
    response = reorder(alice_client, evaluation, "side_plank", "up")
    assert message in alice_client.get(response["Location"]).content.decode()
    row.refresh_from_db()
    assert (row.part, row.removed) == ("home", True)


def test_reordering_swaps_an_item_with_its_neighbour_in_its_part(alice_client, evaluation):
    before = codes_in(evaluation, "home")
    clinic_before = codes_in(evaluation, "clinic")
    reorder(alice_client, evaluation, before[2], "up")
    after = codes_in(evaluation, "home")
    assert after == [before[0], before[2], before[1], before[3]]
    reorder(alice_client, evaluation, before[2], "down")
    reorder(alice_client, evaluation, before[2], "down")
    assert codes_in(evaluation, "home") == [before[0], before[1], before[3], before[2]]
    assert codes_in(evaluation, "clinic") == clinic_before


def test_the_first_item_cannot_go_further_up(alice_client, evaluation):
    first = codes_in(evaluation, "home")[0]
    response = reorder(alice_client, evaluation, first, "up")
    row = item(evaluation, first)
    message = AT_THE_EDGE.format(name=row.name, edge="first", part="the home programme")
    assert message in alice_client.get(response["Location"]).content.decode()
    assert codes_in(evaluation, "home")[0] == first


def test_the_new_order_is_the_handouts_order(alice_client, evaluation):
    from evaluations.reports.handout_context import handout_context

    last = codes_in(evaluation, "home")[-1]
    for _ in range(3):
        reorder(alice_client, evaluation, last, "up")
    names = [exercise["name"] for exercise in handout_context(evaluation)["exercises"]]
    row = item(evaluation, last)
    assert names[0] == (row.plain_name or row.name)


def test_with_htmx_the_page_answers_in_place_and_says_what_happened(alice_client, evaluation):
    response = reorder(alice_client, evaluation, "side_plank", "down", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="prescription"' in page
    assert "Side plank" in page and "moved down in the home programme" in page


def test_with_htmx_a_refused_move_is_answered_with_the_error(alice_client, evaluation):
    response = move(alice_client, evaluation, "front_plank", "home", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'data-testid="move-error"' in response.content.decode()


def test_a_clinicians_move_survives_re_running_the_plan(alice_client, evaluation):
    move(alice_client, evaluation, "front_plank", "home", reason=REASON)
    move(alice_client, evaluation, "side_plank", "clinic")
    history = evaluation.history
    history.previous_hamstring_strains = 2
    history.save()
    changes = apply_plan_changes(evaluation=evaluation)
    assert changes.add  # the findings did change the plan
    assert item(evaluation, "front_plank").part == "home"
    assert item(evaluation, "side_plank").part == "clinic"
    evaluation.refresh_from_db()
    assert evaluation.home_programme_reason == REASON


def test_signing_is_refused_while_the_home_programme_is_over_the_limit_without_a_reason(
    alice_client, evaluation, alice
):
    # Over the limit by putting an exercise back, not by a move: the signature still asks.
    row = item(evaluation, "front_plank")
    row.part = "home"
    row.save()
    with pytest.raises(SigningRefused) as refused:
        sign_evaluation(evaluation=evaluation, user=alice, password=TEST_PASSWORD)
    assert str(refused.value) == HOME_OVER_LIMIT_UNEXPLAINED.format(count=5, limit=4)
    response = alice_client.post(url("sign", evaluation), {"password": TEST_PASSWORD})
    assert "more than this clinic" in alice_client.get(response["Location"]).content.decode()
    evaluation.refresh_from_db()
    assert evaluation.is_draft


def test_the_reason_is_signed_and_a_later_change_of_it_is_caught(alice_client, evaluation, alice):
    move(alice_client, evaluation, "front_plank", "home", reason=REASON)
    signed = sign_evaluation(evaluation=evaluation, user=alice, password=TEST_PASSWORD)
    assert signed.signed_content["home_programme_reason"] == REASON
    assert verify_note(signed)
    behind_the_triggers(
        "UPDATE evaluations_evaluation SET home_programme_reason = 'other' WHERE id = %s",
        [signed.pk],
    )
    assert note_problems(Evaluation.objects.get(pk=signed.pk)) == [
        ROWS_CHANGED.format(part="home programme reason")
    ]


def test_a_note_signed_before_the_reason_existed_still_verifies(evaluation, alice):
    signed = sign_evaluation(evaluation=evaluation, user=alice, password=TEST_PASSWORD)
    document = signed.signed_content
    del document["home_programme_reason"]
    store_document(signed, document)
    assert note_problems(Evaluation.objects.get(pk=signed.pk)) == []


def test_a_signed_note_refuses_moves_with_the_usual_message(alice_client, evaluation, alice):
    sign_evaluation(evaluation=evaluation, user=alice, password=TEST_PASSWORD)
    row = item(evaluation, "side_plank")
    for name, data in (
        ("plan_item_move", {"part": "later"}),
        ("plan_item_reorder", {"direction": "down"}),
        ("plan_home_reason", {"reason": REASON}),
    ):
        args = () if name == "plan_home_reason" else (row.pk,)
        response = alice_client.post(url(name, evaluation, *args), data)
        assert SIGNED_NOTE_IS_READ_ONLY in alice_client.get(response["Location"]).content.decode()
    assert item(evaluation, "side_plank").part == "home"
    evaluation.refresh_from_db()
    assert evaluation.home_programme_reason == ""
    assert verify_note(evaluation)


def test_the_reason_can_be_given_for_the_programme_on_its_own(alice_client, evaluation):
    response = alice_client.post(url("plan_home_reason", evaluation), {"reason": f" {REASON} "})
    assert response["Location"].endswith("#part-home")
    evaluation.refresh_from_db()
    assert evaluation.home_programme_reason == REASON


def test_another_clinic_gets_404_for_every_move(client, charlie, evaluation):
    client.force_login(charlie)
    row = item(evaluation, "side_plank")
    for response in (
        client.post(url("plan_item_move", evaluation, row.pk), {"part": "later"}),
        client.post(url("plan_item_reorder", evaluation, row.pk), {"direction": "down"}),
        client.post(url("plan_home_reason", evaluation), {"reason": REASON}),
    ):
        assert response.status_code == 404
    assert item(evaluation, "side_plank").part == "home"


def test_an_item_of_another_note_is_404(alice_client, evaluation, patient, alice):
    other = acute_strain(patient, alice)
    row = item(other, "side_plank")
    response = alice_client.post(url("plan_item_move", evaluation, row.pk), {"part": "later"})
    assert response.status_code == 404


def test_moves_are_in_the_notes_history(alice_client, evaluation):
    from auditlog.models import LogEntry

    move(alice_client, evaluation, "side_plank", "later")
    row = item(evaluation, "side_plank")
    entry = LogEntry.objects.get_for_object(row).latest("timestamp")
    assert entry.changes_dict["part"] == ["home", "later"]


def test_the_limit_is_the_clinics_where_the_clinic_sets_one(evaluation, clinic):
    clinic.home_programme_limit = 5
    assert plan_parts.clinic_home_limit(clinic) == 5
    del clinic.home_programme_limit
    assert plan_parts.clinic_home_limit(clinic) == 4
