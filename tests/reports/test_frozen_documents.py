"""Frozen documents: a signed note's PDFs are stored at signing and reprinted byte for byte."""

import hashlib
import io

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from PIL import Image

from evaluations.models import Evaluation, Exercise, LostDocument, PlanItem, SignedDocument
from evaluations.reports import documents as report_documents
from evaluations.reports.document_header import DRAFT_MARK
from evaluations.reports.documents import render_handout
from evaluations.reports.handout_context import handout_context
from evaluations.services.audit import DOCUMENT_LOST, DOCUMENT_REISSUED
from evaluations.services.documents import MUST_BE_REISSUED
from evaluations.services.signing import add_addendum, sign_evaluation, verify_note
from tests.factories import TEST_PASSWORD, answer_red_flags_negative
from tests.reports.helpers import tendinopathy_evaluation, text

ADDENDUM_TEXT = "Phoned the patient: the sitting pain eased this week."
RENAMED = "Renamed bridge from the library edit"
EDITED_DOSING = "9 sets of 99"


@pytest.fixture
def draft(seeded, patient, alice):
    return answer_red_flags_negative(tendinopathy_evaluation(patient, alice))


@pytest.fixture
def signed(draft, alice):
    sign_evaluation(evaluation=draft, user=alice, password=TEST_PASSWORD)
    return Evaluation.objects.get(pk=draft.pk)


def pdf_url(evaluation, kind, version=None):
    url = reverse(f"evaluations:{kind}_pdf", args=[evaluation.public_id])
    return f"{url}?version={version}" if version else url


def reissue_url(evaluation, kind):
    return reverse("evaluations:reissue_document", args=[evaluation.public_id, kind])


def stored(evaluation, kind, version):
    return evaluation.documents.get(kind=kind, version=version)


def verify_notes_errors():
    errors = []

    class Collect:
        def write(self, line):
            errors.append(line)

        def flush(self):
            pass

    with pytest.raises(CommandError):
        call_command("verify_notes", stderr=Collect(), stdout=Collect())
    return "".join(errors)


def break_file(document, how):
    default_storage.delete(document.file_name)
    if how == "altered":
        default_storage.save(document.file_name, ContentFile(b"%PDF-1.7 not what was signed"))


def test_signing_stores_both_documents_with_their_hashes(signed):
    documents = list(signed.documents.all())
    assert {(d.kind, d.version) for d in documents} == {("report", 1), ("handout", 1)}
    for document in documents:
        with default_storage.open(document.file_name, "rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == document.sha256
        assert str(signed.public_id) in document.file_name
    assert sorted(signed.signed_content["documents"]) == ["handout", "report"]
    assert verify_note(signed)


def test_a_failed_render_leaves_the_note_unsigned(draft, alice, monkeypatch):
    def broken(evaluation):
        raise RuntimeError("renderer fault")

    monkeypatch.setitem(report_documents.DOCUMENTS, "handout", broken)
    with pytest.raises(RuntimeError):
        sign_evaluation(evaluation=draft, user=alice, password=TEST_PASSWORD)
    draft.refresh_from_db()
    assert draft.is_draft and not draft.content_hash
    assert not SignedDocument.objects.filter(evaluation=draft).exists()


def test_a_reprint_is_byte_identical_after_a_library_edit(alice_client, signed):
    before = {kind: alice_client.get(pdf_url(signed, kind)).content for kind in SignedDocument.Kind}
    exercises = Exercise.objects.filter(
        pk__in=signed.plan_items.filter(kind=PlanItem.Kind.EXERCISE).values("exercise")
    )
    exercises.update(name=RENAMED, plain_name=RENAMED, sets=9, reps=99, hold_seconds=None)
    after = {kind: alice_client.get(pdf_url(signed, kind)).content for kind in SignedDocument.Kind}
    assert after == before
    assert before["handout"].startswith(b"%PDF")
    # The note keeps its own wording: even a fresh render does not print the library's edit.
    assert EDITED_DOSING not in text(before["handout"])
    assert EDITED_DOSING not in text(render_handout(signed)[2])


def test_an_addendum_issues_report_v2_and_v1_stays(alice_client, signed, alice):
    first = alice_client.get(pdf_url(signed, "report")).content
    handout = alice_client.get(pdf_url(signed, "handout")).content
    add_addendum(evaluation=signed, author=alice, text=ADDENDUM_TEXT)
    latest = alice_client.get(pdf_url(signed, "report")).content
    assert ADDENDUM_TEXT in text(latest) and ADDENDUM_TEXT not in text(first)
    assert alice_client.get(pdf_url(signed, "report", 1)).content == first
    assert alice_client.get(pdf_url(signed, "report", 2)).content == latest
    assert alice_client.get(pdf_url(signed, "handout")).content == handout
    assert list(signed.documents.filter(kind="handout").values_list("version", flat=True)) == [1]
    assert verify_note(signed)


@pytest.mark.parametrize("version", ["3", "x", "0"])
def test_a_version_that_was_never_issued_is_404(alice_client, signed, version):
    assert alice_client.get(pdf_url(signed, "report", version)).status_code == 404


def test_a_draft_renders_fresh_with_its_draft_mark(alice_client, draft):
    response = alice_client.get(pdf_url(draft, "report"))
    assert DRAFT_MARK in text(response.content)
    assert not SignedDocument.objects.filter(evaluation=draft).exists()


@pytest.mark.parametrize("how", ["missing", "altered"])
def test_a_broken_file_is_named_and_must_be_reissued(alice_client, signed, how):
    document = stored(signed, "handout", 1)
    break_file(document, how)
    errors = verify_notes_errors()
    assert str(signed.public_id) in errors and document.file_name in errors
    assert signed.patient.family_name not in errors
    message = MUST_BE_REISSUED.format(kind="home program")
    reprint = alice_client.get(pdf_url(signed, "handout"))
    assert reprint.status_code == 409 and message in reprint.content.decode()
    page = alice_client.get(signed.get_absolute_url()).content.decode()
    assert message in page and 'data-testid="reissue-handout"' not in page
    assert signed.documents.count() == 2  # never silently re-rendered


def test_a_clinic_admin_reissues_a_broken_document(client, bob, signed):
    break_file(stored(signed, "handout", 1), "missing")
    client.force_login(bob)
    assert 'data-testid="reissue-handout"' in client.get(signed.get_absolute_url()).content.decode()
    response = client.post(reissue_url(signed, "handout"))
    assert response.status_code == 302
    reissued = stored(signed, "handout", 2)
    assert reissued.reason == SignedDocument.Reason.REISSUED and reissued.created_by == bob
    reprint = client.get(pdf_url(signed, "handout"))
    assert reprint.status_code == 200
    assert hashlib.sha256(reprint.content).hexdigest() == reissued.sha256
    events = LogEntry.objects.filter(additional_data__event=DOCUMENT_REISSUED, actor=bob)
    assert list(events.values_list("additional_data__detail", flat=True)) == ["handout v2"]


def test_an_intact_document_is_not_reissued(client, bob, signed):
    client.force_login(bob)
    client.post(reissue_url(signed, "report"))
    assert signed.documents.filter(kind="report").count() == 1


def test_a_clinician_cannot_reissue(alice_client, signed):
    break_file(stored(signed, "report", 1), "missing")
    assert alice_client.post(reissue_url(signed, "report")).status_code == 403
    assert signed.documents.filter(kind="report").count() == 1


def test_another_clinic_gets_404(client, charlie, signed):
    break_file(stored(signed, "report", 1), "missing")
    client.force_login(charlie)
    assert client.get(pdf_url(signed, "report")).status_code == 404
    assert client.get(pdf_url(signed, "handout", 1)).status_code == 404
    assert client.post(reissue_url(signed, "report")).status_code == 404
    assert signed.documents.filter(kind="report").count() == 1


def test_a_deleted_document_record_is_reported(signed):
    # The append-only trigger refuses the delete (migration 0013) …
    with pytest.raises(IntegrityError), transaction.atomic():
        SignedDocument.objects.filter(evaluation=signed, kind="report").delete()
    # … so only someone who switches triggers off can do it, and verify_notes still sees it.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        SignedDocument.objects.filter(evaluation=signed, kind="report").delete()
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
    errors = verify_notes_errors()
    assert str(signed.public_id) in errors and "report" in errors


def png(colour):
    content = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(content, "PNG")
    return content.getvalue()


def printed(evaluation):
    """The handout as a re-render from the note gives it, less the time of printing."""
    context = handout_context(evaluation)
    pdf_text = text(render_handout(evaluation)[2]).replace(context.pop("printed_at"), "")
    return context, pdf_text


def pictures(evaluation):
    items = evaluation.plan_items.exclude(picture_file="").order_by("pk")
    return {item.pk: default_storage.open(item.picture_file, "rb").read() for item in items}


def test_a_re_render_from_the_note_ignores_every_library_edit(alice_client, signed):
    context, pdf_text = printed(signed)
    frozen = pictures(signed)
    reprint = alice_client.get(pdf_url(signed, "handout")).content
    assert frozen and context["exercises"]
    # The edits hit the very rows the note points to: a new picture, a dosing import's
    # numbers and words, new plain words, and the one-side flag turned round.
    for exercise in Exercise.objects.filter(pk__in=signed.plan_items.values("exercise")):
        exercise.image.save("new.png", ContentFile(png("red")), save=False)
        exercise.dosing, exercise.sets, exercise.reps, exercise.frequency = (
            EDITED_DOSING,
            9,
            99,
            "Every hour",
        )
        exercise.plain_name = exercise.patient_steps = exercise.patient_feel = RENAMED
        exercise.one_side_at_a_time = not exercise.one_side_at_a_time
        exercise.save()
    assert printed(signed) == (context, pdf_text)
    assert RENAMED not in pdf_text and EDITED_DOSING not in pdf_text
    assert pictures(signed) == frozen
    assert alice_client.get(pdf_url(signed, "handout")).content == reprint
    assert verify_note(signed)


def test_the_signed_content_covers_every_printed_field(signed):
    document = signed.signed_content
    printed_fields = {
        "name",
        "plain_name",
        "instructions",
        "dosing",
        "patient_dosing",
        "patient_feel",
        "patient_stop",
        "side",
        "one_side_at_a_time",
        "next_step",
        "cautions",
        "evidence_level",
        "picture_file",
        "picture_sha256",
    }
    assert printed_fields <= set(document["plan_items"]["fields"])
    clinic = signed.patient.clinic
    assert (document["clinic"]["name"], document["clinic"]["phone"]) == (clinic.name, clinic.phone)
    item = next(i for i in document["plan_items"]["items"] if i["picture_sha256"])
    data = default_storage.open(item["picture_file"], "rb").read()
    assert hashlib.sha256(data).hexdigest() == item["picture_sha256"]


def test_a_changed_patient_wording_is_caught(signed):
    # Only someone who switches the triggers off can change a signed note's item.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            f"UPDATE {PlanItem._meta.db_table} SET patient_dosing = %s WHERE evaluation_id = %s",
            ["As much as you like", signed.pk],
        )
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
    assert not verify_note(signed)
    assert "plan items" in verify_notes_errors()


@pytest.mark.parametrize("how", ["missing", "altered"])
def test_a_lost_picture_is_named_by_verify_notes(signed, how):
    item = signed.plan_items.exclude(picture_file="").first()
    default_storage.delete(item.picture_file)
    if how == "altered":
        default_storage.save(item.picture_file, ContentFile(png("blue")))
    errors = verify_notes_errors()
    assert str(signed.public_id) in errors and item.picture_file in errors
    assert signed.patient.family_name not in errors


def lost_url(evaluation, kind, version):
    return reverse("evaluations:record_lost_document", args=[evaluation.public_id, kind, version])


@pytest.fixture
def amended(signed, alice):
    add_addendum(evaluation=signed, author=alice, text=ADDENDUM_TEXT)
    return signed


def test_a_clinic_admin_records_a_lost_older_version(client, bob, amended):
    older = stored(amended, "report", 1)
    break_file(older, "missing")
    assert older.file_name in verify_notes_errors()
    client.force_login(bob)
    page = client.get(amended.get_absolute_url()).content.decode()
    assert 'data-testid="record-lost-report-1"' in page
    assert client.post(lost_url(amended, "report", 1)).status_code == 302
    events = LogEntry.objects.filter(additional_data__event=DOCUMENT_LOST, actor=bob)
    assert list(events.values_list("additional_data__detail", flat=True)) == ["report v1"]
    # Recorded and keyed: no longer a mismatch, and the old version says what happened.
    call_command("verify_notes", stdout=io.StringIO())
    reprint = client.get(pdf_url(amended, "report", 1))
    assert reprint.status_code == 409
    assert "a clinic admin recorded it on" in reprint.content.decode()
    assert client.get(pdf_url(amended, "report")).status_code == 200


def test_only_an_older_broken_version_is_recorded_lost(client, bob, amended):
    client.force_login(bob)
    client.post(lost_url(amended, "report", 1))  # intact
    break_file(stored(amended, "report", 2), "missing")
    client.post(lost_url(amended, "report", 2))  # current: re-issue it instead
    assert not LostDocument.objects.exists()
    assert client.post(lost_url(amended, "report", 7)).status_code == 404


def test_a_clinician_cannot_record_a_loss_and_another_clinic_gets_404(
    alice_client, client, charlie, amended
):
    break_file(stored(amended, "report", 1), "missing")
    assert alice_client.post(lost_url(amended, "report", 1)).status_code == 403
    client.force_login(charlie)
    assert client.post(lost_url(amended, "report", 1)).status_code == 404
    assert not LostDocument.objects.exists()


def test_an_altered_record_of_a_loss_is_reported(client, bob, amended):
    older = stored(amended, "report", 1)
    break_file(older, "missing")
    client.force_login(bob)
    client.post(lost_url(amended, "report", 1))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {LostDocument._meta.db_table} SET recorded_at = recorded_at - interval '1 day'"
        )
    assert "was lost no longer matches its hash" in verify_notes_errors()
