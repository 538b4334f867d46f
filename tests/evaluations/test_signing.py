import io

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from evaluations.models import Addendum, Evaluation, PlanItem, SignedNoteError
from evaluations.models.immutability import signed_note_refusals
from evaluations.services.integrity import (
    ADDENDUM_ALTERED,
    DOCUMENT_ALTERED,
    LEGACY_MISMATCH,
    NOT_SIGNED_ANY_MORE,
    ROWS_CHANGED,
    UNKNOWN_KEY,
    addendum_document,
    canonical,
    keyed_hash,
    legacy_hash,
    note_problems,
)
from evaluations.services.plan_review import generate_plan
from evaluations.services.signing import (
    ALREADY_SIGNED,
    CONFIRM_ALL_NEGATIVE,
    DOSING_MISSING,
    EMPTY_ADDENDUM,
    ONLY_AUTHOR_SIGNS,
    PLAN_NOT_REVIEWED,
    PRECAUTION_CONFLICT_UNEXPLAINED,
    RED_FLAGS_UNANSWERED,
    REFERRAL_NOT_ACKNOWLEDGED,
    WRONG_PASSWORD,
    add_addendum,
    sign_evaluation,
    verify_note,
)
from tests.factories import TEST_PASSWORD, answer_red_flags_negative, make_evaluation


def url(name, evaluation):
    return reverse(f"evaluations:{name}", args=[evaluation.public_id])


@pytest.fixture
def evaluation(seeded, patient, alice):
    evaluation = make_evaluation(patient, alice, symptomatic_side="left")
    evaluation.history.pain_sitting = evaluation.history.sit_bone_pain = "yes"
    evaluation.history.save()
    evaluation.hamstring.puranen_orava = "positive_familiar"
    evaluation.hamstring.save()
    generate_plan(evaluation=evaluation)
    return answer_red_flags_negative(evaluation)


@pytest.fixture
def signed(evaluation, alice):
    return sign_evaluation(evaluation=evaluation, user=alice, password=TEST_PASSWORD)


def follow_message(client, response):
    return client.get(response["Location"]).content.decode()


def test_signing_with_the_password_records_who_and_when(alice_client, evaluation, alice):
    response = alice_client.post(url("sign", evaluation), {"password": TEST_PASSWORD})
    assert response["Location"] == evaluation.get_absolute_url()
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.SIGNED
    assert evaluation.signed_by == alice and evaluation.signed_at is not None
    assert len(evaluation.content_hash) == 64 and verify_note(evaluation)
    page = alice_client.get(evaluation.get_absolute_url()).content.decode()
    assert "Signed by" in page and "read-only" in page
    # A signed note's sections carry no autosave hook: nothing on the page can post a change.
    assert "data-autosave" not in page
    assert "disabled" in page


@pytest.mark.parametrize(("password", "message"), [("wrong", WRONG_PASSWORD), ("", WRONG_PASSWORD)])
def test_a_wrong_password_signs_nothing(alice_client, evaluation, password, message):
    response = alice_client.post(url("sign", evaluation), {"password": password})
    assert message in follow_message(alice_client, response)
    evaluation.refresh_from_db()
    assert evaluation.is_draft and not evaluation.content_hash


def test_signing_twice_is_refused(alice_client, signed):
    response = alice_client.post(url("sign", signed), {"password": TEST_PASSWORD})
    assert ALREADY_SIGNED in follow_message(alice_client, response)


def test_only_the_evaluating_clinician_signs(client, bob, evaluation):
    client.force_login(bob)
    page = client.get(url("plan", evaluation)).content.decode()
    assert "who wrote this evaluation, can sign it" in page
    response = client.post(url("sign", evaluation), {"password": TEST_PASSWORD})
    assert ONLY_AUTHOR_SIGNS in follow_message(client, response)
    evaluation.refresh_from_db()
    assert evaluation.is_draft


def test_a_note_without_a_reviewed_plan_cannot_be_signed(alice_client, patient, alice):
    draft = make_evaluation(patient, alice)
    response = alice_client.post(url("sign", draft), {"password": TEST_PASSWORD})
    assert PLAN_NOT_REVIEWED in follow_message(alice_client, response)


def test_a_red_flag_referral_must_be_acted_on_before_signing(alice_client, seeded, patient, alice):
    flagged = make_evaluation(patient, alice)
    flagged.red_flags.ces_saddle_numbness = "yes"
    flagged.red_flags.save()
    answer_red_flags_negative(flagged)
    generate_plan(evaluation=flagged)
    assert not flagged.plan_items.exists()
    page = alice_client.get(url("plan", flagged)).content.decode()
    assert "Referral: RF_CES" in page and "emergency" in page
    assert "Dear colleague" in page
    response = alice_client.post(url("sign", flagged), {"password": TEST_PASSWORD})
    assert REFERRAL_NOT_ACKNOWLEDGED in follow_message(alice_client, response)

    empty = alice_client.post(url("referral_acknowledge", flagged), {"code": "RF_CES"})
    assert "Say what was done" in follow_message(alice_client, empty)
    alice_client.post(
        url("referral_acknowledge", flagged),
        {"code": "RF_CES", "action_taken": "Sent to the emergency department at 10:40"},
    )
    alice_client.post(url("sign", flagged), {"password": TEST_PASSWORD})
    flagged.refresh_from_db()
    assert flagged.is_signed
    assert flagged.referral_acknowledgements.get().action_taken.startswith("Sent to")


def test_an_unanswered_red_flag_question_stops_the_signature(alice_client, evaluation):
    evaluation.red_flags.cancer_history = ""
    evaluation.red_flags.save()
    response = alice_client.post(url("sign", evaluation), {"password": TEST_PASSWORD})
    assert RED_FLAGS_UNANSWERED.format(count=1) in follow_message(alice_client, response)
    evaluation.refresh_from_db()
    assert evaluation.is_draft


def test_all_negative_needs_its_confirmation_and_answers_only_the_unasked(alice_client, evaluation):
    screen = evaluation.red_flags
    screen.cancer_history, screen.fracture_trauma, screen.infection_fever = "", "", "yes"
    screen.save()
    page = alice_client.get(url("plan", evaluation)).content.decode()
    assert "History of cancer" in page and "Significant trauma" in page
    unconfirmed = alice_client.post(url("red_flags_negative", evaluation))
    assert CONFIRM_ALL_NEGATIVE in follow_message(alice_client, unconfirmed)
    screen.refresh_from_db()
    assert screen.cancer_history == ""
    alice_client.post(url("red_flags_negative", evaluation), {"confirm": "yes"})
    screen.refresh_from_db()
    assert (screen.cancer_history, screen.fracture_trauma, screen.infection_fever) == (
        "no",
        "no",
        "yes",
    )


def test_a_plan_item_without_dosing_stops_the_signature(alice_client, evaluation):
    item = evaluation.plan_items.filter(removed=False).first()
    item.dosing = "  "
    item.save()
    response = alice_client.post(url("sign", evaluation), {"password": TEST_PASSWORD})
    expected = DOSING_MISSING.format(names=item.name)
    assert expected in follow_message(alice_client, response)
    evaluation.refresh_from_db()
    assert evaluation.is_draft


def test_an_unexplained_precaution_conflict_stops_the_signature(alice_client, evaluation):
    item = evaluation.plan_items.filter(removed=False).first()
    data = evaluation.plan_data
    data["precautions"] = [{"text": "No loaded stretching yet", "codes": [item.code], "tags": []}]
    Evaluation.objects.filter(pk=evaluation.pk).update(plan_data=data)
    response = alice_client.post(url("sign", evaluation), {"password": TEST_PASSWORD})
    expected = PRECAUTION_CONFLICT_UNEXPLAINED.format(names=item.name)
    assert expected in follow_message(alice_client, response)
    item.clinician_note = "Kept: pain-free range only, checked in clinic"
    item.save()
    alice_client.post(url("sign", evaluation), {"password": TEST_PASSWORD})
    evaluation.refresh_from_db()
    assert evaluation.is_signed


def test_posting_the_old_form_to_a_signed_note_is_refused(alice_client, signed):
    response = alice_client.post(
        reverse("evaluations:section", args=[signed.public_id, "history"]), {"pain_now": "9"}
    )
    assert "can no longer be changed" in follow_message(alice_client, response)
    autosave = alice_client.post(
        reverse("evaluations:section", args=[signed.public_id, "hip"]),
        {"rom_flexion_left": "90"},
        HTTP_HX_REQUEST="true",
    )
    assert "can no longer be changed" in autosave.content.decode()
    header = alice_client.post(
        url("header", signed), {"visit_date": "2020-01-01", "visit_type": "discharge"}
    )
    assert header.status_code == 302
    signed.refresh_from_db()
    assert signed.history.pain_now is None and signed.hip.rom_flexion_left is None
    assert signed.visit_type == "initial" and verify_note(signed)


def test_plan_edits_on_a_signed_note_are_refused(alice_client, signed):
    item = signed.plan_items.first()
    response = alice_client.post(
        reverse("evaluations:plan_item_remove", args=[signed.public_id, item.pk]),
        {"reason": "changed my mind"},
    )
    assert "can no longer be changed" in follow_message(alice_client, response)
    item.refresh_from_db()
    assert not item.removed


def test_the_model_layer_refuses_every_change_to_a_signed_note(signed):
    signed.visit_type = "discharge"
    with pytest.raises(SignedNoteError):
        signed.save()
    with pytest.raises(SignedNoteError):
        Evaluation.objects.filter(pk=signed.pk).update(visit_type="discharge")
    history = signed.history
    history.pain_now = 9
    with pytest.raises(SignedNoteError):
        history.save()
    with pytest.raises(SignedNoteError):
        type(history).objects.filter(evaluation=signed).update(pain_now=9)
    item = signed.plan_items.first()
    with pytest.raises(SignedNoteError):
        item.delete()
    with pytest.raises(SignedNoteError):
        PlanItem.objects.filter(evaluation=signed).update(dosing="x")
    with pytest.raises(SignedNoteError):
        signed.delete()
    signed.refresh_from_db()
    assert verify_note(signed)


def test_raw_sql_cannot_change_a_signed_note_on_postgresql(signed):
    table = PlanItem._meta.db_table
    for statement in (
        f"UPDATE {table} SET dosing = 'tampered' WHERE evaluation_id = %s",
        f"DELETE FROM {table} WHERE evaluation_id = %s",
        "UPDATE evaluations_evaluation SET visit_type = 'discharge' WHERE id = %s",
        "UPDATE evaluations_history SET pain_now = 9 WHERE evaluation_id = %s",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [signed.pk])
    signed.refresh_from_db()
    assert verify_note(signed)


def test_a_trigger_refusal_becomes_the_signed_note_refusal(signed):
    # A write that slipped past the model layer still ends in the one message, never a 500.
    table = PlanItem._meta.db_table
    with pytest.raises(SignedNoteError), signed_note_refusals(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET dosing = 'x' WHERE evaluation_id = %s", [signed.pk])


def test_a_note_changed_behind_the_triggers_back_fails_verification(signed):
    table = PlanItem._meta.db_table
    with connection.cursor() as cursor:
        # Only a database superuser can switch triggers off; the hash still tells.
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            f"UPDATE {table} SET dosing = 'tampered' WHERE evaluation_id = %s", [signed.pk]
        )
        cursor.execute("SET LOCAL session_replication_role = origin")
    signed.refresh_from_db()
    assert not verify_note(signed)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 mismatch"):
        call_command("verify_notes", stdout=out, stderr=err)
    assert f"MISMATCH evaluation {signed.public_id}" in err.getvalue()


def test_verify_notes_passes_on_untouched_notes(signed):
    out = io.StringIO()
    call_command("verify_notes", stdout=out)
    assert "1 signed note(s) checked, 0 mismatch(es)." in out.getvalue()


def test_a_library_edit_never_changes_a_signed_note(signed):
    item = signed.plan_items.get(code="isometric_hamstring_hold")
    before = (item.name, item.instructions, item.dosing)
    exercise = item.exercise
    exercise.name = "Renamed hold"
    exercise.patient_steps = "Completely new steps"
    exercise.dosing = "10 × 10 s"
    exercise.save()
    item.refresh_from_db()
    assert (item.name, item.instructions, item.dosing) == before
    assert verify_note(signed)


def test_an_addendum_is_shown_under_the_signed_note(alice_client, signed, alice):
    alice_client.post(url("addendum", signed), {"text": "Phoned: pain 2/10 after a week."})
    addendum = Addendum.objects.get()
    assert addendum.author == alice
    page = alice_client.get(signed.get_absolute_url()).content.decode()
    assert "Phoned: pain 2/10 after a week." in page


def test_an_empty_addendum_gets_a_message_next_to_the_field(alice_client, signed):
    response = alice_client.post(url("addendum", signed), {"text": "   "})
    assert EMPTY_ADDENDUM in response.content.decode()
    assert not Addendum.objects.exists()


def test_a_draft_takes_no_addendum(alice_client, evaluation):
    alice_client.post(url("addendum", evaluation), {"text": "Too early"})
    assert not Addendum.objects.exists()


def test_another_clinic_cannot_sign_or_add_to_the_note(client, charlie, evaluation, signed):
    client.force_login(charlie)
    assert client.post(url("sign", evaluation), {"password": TEST_PASSWORD}).status_code == 404
    assert client.post(url("addendum", signed), {"text": "x"}).status_code == 404
    assert not Addendum.objects.exists()


def behind_the_triggers(statement, params):
    """A write by someone who owns the tables and switches the triggers off (a superuser)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(statement, params)


def store_document(note, document, key_id="test"):
    """Replace the signed document as if it had been signed so, with the key: an older note."""
    behind_the_triggers(
        "UPDATE evaluations_evaluation SET signed_content = %s::jsonb, content_hash = %s, "
        "signature_key_id = %s WHERE id = %s",
        [canonical(document), keyed_hash(document, key_id), key_id, note.pk],
    )


def reloaded(note):
    return Evaluation.objects.get(pk=note.pk)


def problems_of(note):
    return note_problems(reloaded(note))


def test_the_signed_document_holds_every_printed_field_and_a_keyed_hash(signed):
    document = signed.signed_content
    assert document["format"] == 2 and signed.signature_key_id == "test"
    assert signed.content_hash == keyed_hash(document, "test")
    printed = set(document["plan_items"]["fields"])
    assert {"patient_feel", "patient_stop", "evidence_level", "cautions", "dosing"} <= printed
    assert document["patient"]["record_number"] == signed.patient.record_number
    assert document["signed_by"]["id"] == signed.signed_by_id


def test_a_changed_patient_wording_is_caught(signed):
    behind_the_triggers(
        "UPDATE evaluations_planitem SET patient_stop = 'never stop' WHERE evaluation_id = %s",
        [signed.pk],
    )
    assert problems_of(signed) == [ROWS_CHANGED.format(part="plan items")]


def test_a_document_rewritten_without_the_key_is_caught(signed):
    document = signed.signed_content
    document["plan_items"]["items"][0]["dosing"] = "rewritten"
    behind_the_triggers(
        "UPDATE evaluations_evaluation SET signed_content = %s::jsonb WHERE id = %s",
        [canonical(document), signed.pk],
    )
    assert problems_of(signed) == [DOCUMENT_ALTERED]


def test_a_field_added_after_signing_keeps_old_notes_verified_and_still_catches_changes(signed):
    # An older note's document does not list a field added since: simulate it by signing the
    # document without one of today's (empty) fields, as the code then would have.
    document = signed.signed_content
    history = document["findings"]["history"]
    added = next(name for name in history["fields"] if history["values"][name] in ("", None))
    history["fields"].remove(added)
    del history["values"][added]
    store_document(signed, document)
    assert problems_of(signed) == []

    listed = next(name for name in history["fields"] if name != added)
    column = signed.history._meta.get_field(added).column
    behind_the_triggers(
        f"UPDATE evaluations_history SET {column} = '3' WHERE evaluation_id = %s", [signed.pk]
    )
    assert problems_of(signed) == [ROWS_CHANGED.format(part=f"findings (history.{added})")]
    behind_the_triggers(
        f"UPDATE evaluations_history SET {column} = %s WHERE evaluation_id = %s",
        [getattr(signed.history, added), signed.pk],
    )
    history["values"][listed] = "changed after signing"
    store_document(signed, document)
    assert problems_of(signed) == [ROWS_CHANGED.format(part="findings")]


def test_a_signature_on_a_note_flipped_back_to_draft_is_reported(signed):
    behind_the_triggers(
        "UPDATE evaluations_evaluation SET status = 'draft' WHERE id = %s", [signed.pk]
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 mismatch"):
        call_command("verify_notes", stdout=io.StringIO(), stderr=err)
    assert f"{signed.public_id}: {NOT_SIGNED_ANY_MORE}" in err.getvalue()


def test_addenda_are_hashed_in_a_chain(signed, alice):
    first = add_addendum(evaluation=signed, author=alice, text="Phoned: better.")
    add_addendum(evaluation=signed, author=alice, text="Second call: no pain.")
    assert problems_of(signed) == []
    assert first.content_hash == keyed_hash(addendum_document(first, signed.content_hash), "test")
    behind_the_triggers(
        "UPDATE evaluations_addendum SET text = 'Phoned: worse.' WHERE id = %s", [first.pk]
    )
    assert problems_of(signed) == [ADDENDUM_ALTERED.format(number=1)]


def test_a_retired_key_still_verifies_and_an_unknown_one_is_reported(signed, settings):
    store_document(signed, signed.signed_content, key_id="old")
    assert problems_of(signed) == []
    settings.NOTE_SIGNING_KEYS = {"test": "test-only-signing-key"}
    assert problems_of(signed) == [UNKNOWN_KEY.format(key_id="old")]


def test_a_format_1_note_is_checked_the_old_way(signed):
    behind_the_triggers(
        "UPDATE evaluations_evaluation SET signed_content = NULL, signature_key_id = '', "
        "content_hash = %s WHERE id = %s",
        [legacy_hash(reloaded(signed)), signed.pk],
    )
    assert problems_of(signed) == []
    behind_the_triggers(
        "UPDATE evaluations_planitem SET dosing = 'x' WHERE evaluation_id = %s", [signed.pk]
    )
    assert problems_of(signed) == [LEGACY_MISMATCH]
