"""Frozen documents: a signed note's PDFs are rendered once, stored, and reprinted as stored.

At signing the report and the handout are rendered (the functions the PDF views use) and
their bytes stored through Django's storage API; each stored file gets a row with its SHA-256
and an HMAC over that row chained to the note's hash, so the row cannot be rewritten without
the key. The note's signed document lists which documents were issued with it, so a lost row
is noticed too. The report prints the note's hash, so the note's hash cannot cover the
report's bytes; the chained row is what ties the bytes to the signature.

An addendum issues a new report version; the handout never changes. A stored file that went
missing or was altered is never re-rendered silently: a clinic admin re-issues it, audited.
"""

import hashlib
import hmac
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from evaluations.models import Evaluation, LostDocument, PlanItem, SignedDocument
from evaluations.reports.documents import DOCUMENTS

from .audit import DOCUMENT_LOST, DOCUMENT_REISSUED, record_event
from .integrity import current_key_id, keyed_hash

Kind = SignedDocument.Kind
ISSUED_AT_SIGNING = [Kind.HANDOUT.value, Kind.REPORT.value]

MUST_BE_REISSUED = (
    "The stored {kind} of this signed note is missing or was altered, so it cannot be "
    "reprinted. A clinic admin must re-issue it (a new version, recorded in the history)."
)
REISSUE_FOR_ADMINS = "Only a clinic admin can re-issue a signed note's document."
NOTHING_TO_REISSUE = "The stored {kind} is intact; there is nothing to re-issue."
NOT_SIGNED = "Only a signed note has stored documents."

ONLY_OLDER_ARE_LOST = "The current version can be re-issued; only an older one is recorded as lost."
NOTHING_LOST = "The stored {kind}, version {version}, is intact; there is nothing to record."
ALREADY_RECORDED_LOST = "The {kind}, version {version}, is already recorded as lost."
LOST_VERSION = (
    "The stored file of this version was lost; a clinic admin recorded it on {date}. "
    "The latest version of the {kind} is on the note's page."
)
LOST_FOR_ADMINS = "Only a clinic admin can record a signed note's document as lost."

MISSING_RECORD = "its {kind} (version 1) has no stored record"
LOST_RECORD_ALTERED = "the record that {file} was lost no longer matches its hash"
RECORD_ALTERED = "the record of {file} no longer matches its hash"
FILE_MISSING = "the stored file {file} is missing"
FILE_ALTERED = "the stored file {file} was altered"


class DocumentRefused(Exception):
    """A re-issue was refused; the message says why."""


def storage_name(evaluation, kind, version):
    return f"signed/{evaluation.public_id}/{kind}-v{version}.pdf"


def _store(name, data):
    # A file left by a rolled-back attempt is overwritten, never renamed: the row names it.
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(data))


def record_document(document, note_hash):
    """What a document's HMAC covers: the row, chained to the note's hash."""
    return {
        "evaluation": str(document.evaluation.public_id),
        "kind": document.kind,
        "version": document.version,
        "reason": document.reason,
        "file": document.file_name,
        "sha256": document.sha256,
        "created_at": document.created_at.isoformat(),
        "created_by": document.created_by_id,
        "note": note_hash,
    }


def issue_document(*, evaluation, kind, reason, by):
    """Render the kind of document for a signed note and store it as its next version.

    Call inside the transaction that holds the note's lock: a render that fails rolls the
    signature (or the addendum, or the re-issue) back with it.
    """
    _, _, data = DOCUMENTS[kind](evaluation)
    last = evaluation.documents.filter(kind=kind).order_by("version").last()
    version = last.version + 1 if last else 1
    stored = _store(storage_name(evaluation, kind, version), data)
    document = SignedDocument(
        evaluation=evaluation,
        kind=kind,
        version=version,
        reason=reason,
        file_name=stored,
        sha256=hashlib.sha256(data).hexdigest(),
        created_by=by,
        signature_key_id=current_key_id(),
    )
    document.content_hash = keyed_hash(
        record_document(document, evaluation.content_hash), document.signature_key_id
    )
    document.save()
    return document


def _picture(item):
    """(extension, bytes) of the picture a handout prints for an item, or None."""
    if item.exercise and item.exercise.image:
        with default_storage.open(item.exercise.image.name, "rb") as handle:
            return item.exercise.image.name.rsplit(".", 1)[-1].lower(), handle.read()
    drawing = finders.find(f"img/exercises/{item.code}.svg") if item.code else None
    return ("svg", Path(drawing).read_bytes()) if drawing else None


def freeze_pictures(evaluation):
    """Copy each exercise's picture into the signed storage beside the PDFs, named on its item.

    Call under the note's lock before the signed document is made: the items' picture_file
    and picture_sha256 are signed with them, and a later upload never changes the handout.
    """
    items = evaluation.plan_items.select_related("exercise").filter(
        kind=PlanItem.Kind.EXERCISE, removed=False
    )
    for item in items:
        picture = _picture(item)
        if picture is None:
            continue
        extension, data = picture
        name = f"signed/{evaluation.public_id}/pictures/item-{item.pk}.{extension}"
        item.picture_file = _store(name, data)
        item.picture_sha256 = hashlib.sha256(data).hexdigest()
        item.save(update_fields=["picture_file", "picture_sha256", "updated_at"])


def issue_signed_documents(*, evaluation, by):
    return [
        issue_document(evaluation=evaluation, kind=kind, reason=SignedDocument.Reason.SIGNED, by=by)
        for kind in ISSUED_AT_SIGNING
    ]


def current_documents(evaluation, documents=None):
    """The latest version of each kind, by kind."""
    latest = {}
    # An empty list given is an answer (a note signed before documents were stored has none).
    if documents is None:
        documents = evaluation.documents.order_by("kind", "version")
    for document in documents:
        latest[document.kind] = document
    return latest


def _verified_bytes(name, sha256):
    try:
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


def stored_bytes(document):
    """The stored file's bytes, or None when it is missing or no longer what was issued."""
    return _verified_bytes(document.file_name, document.sha256)


def _stored_file_problem(name, sha256):
    if not default_storage.exists(name):
        return FILE_MISSING.format(file=name)
    if _verified_bytes(name, sha256) is None:
        return FILE_ALTERED.format(file=name)
    return None


def file_problem(document):
    return _stored_file_problem(document.file_name, document.sha256)


def document_problems(evaluation):
    """What is wrong with a signed note's stored documents; named by file, never by patient."""
    problems = []
    documents = list(evaluation.documents.all())
    issued = {d.kind for d in documents if d.version == 1}
    for kind in (evaluation.signed_content or {}).get("documents", []):
        if kind not in issued:
            problems.append(MISSING_RECORD.format(kind=kind))
    for document in documents:
        expected = record_document(document, evaluation.content_hash)
        key_id = document.signature_key_id
        if not hmac.compare_digest(keyed_hash(expected, key_id), document.content_hash):
            problems.append(RECORD_ALTERED.format(file=document.file_name))
        elif problem := file_problem(document):
            lost = getattr(document, "lost_record", None)
            if lost is None:
                problems.append(problem)
            elif not _lost_record_holds(lost, document):
                problems.append(LOST_RECORD_ALTERED.format(file=document.file_name))
    # The pictures copied at signing: their names and SHA-256 are in the signed document.
    for item in evaluation.plan_items.all():
        if item.picture_file and (
            problem := _stored_file_problem(item.picture_file, item.picture_sha256)
        ):
            problems.append(problem)
    return problems


def broken_documents(evaluation, documents=None):
    """The current documents a reprint cannot serve: the kinds a clinic admin must re-issue."""
    return [
        document
        for document in current_documents(evaluation, documents).values()
        if file_problem(document) is not None
    ]


def reissue_document(*, evaluation, kind, by):
    """A clinic admin's new version of a document whose stored file is missing or altered."""
    if not by.is_clinic_admin:
        raise DocumentRefused(REISSUE_FOR_ADMINS)
    with transaction.atomic():
        note = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if not note.is_signed:
            raise DocumentRefused(NOT_SIGNED)
        current = current_documents(note).get(kind)
        if current is not None and file_problem(current) is None:
            raise DocumentRefused(NOTHING_TO_REISSUE.format(kind=Kind(kind).label.lower()))
        document = issue_document(
            evaluation=note, kind=kind, reason=SignedDocument.Reason.REISSUED, by=by
        )
        record_event(
            evaluation=note, actor=by, event=DOCUMENT_REISSUED, detail=f"{kind} v{document.version}"
        )
    return document


def lost_document_record(lost, document):
    """What a lost-record's HMAC covers: who recorded it, when, chained to the document's."""
    return {
        "document": document.content_hash,
        "recorded_by": lost.recorded_by_id,
        "recorded_at": lost.recorded_at.isoformat(),
    }


def _lost_record_holds(lost, document):
    if lost.signature_key_id not in settings.NOTE_SIGNING_KEYS:
        return False
    expected = keyed_hash(lost_document_record(lost, document), lost.signature_key_id)
    return hmac.compare_digest(expected, lost.content_hash)


def record_lost_document(*, evaluation, document, by):
    """A clinic admin records that an older version's stored file is gone; audited.

    verify_notes then reports that version as recorded, not as a mismatch; the current
    version of a kind is re-issued instead (reissue_document)."""
    if not by.is_clinic_admin:
        raise DocumentRefused(LOST_FOR_ADMINS)
    kind = document.get_kind_display().lower()
    with transaction.atomic():
        note = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if current_documents(note)[document.kind].pk == document.pk:
            raise DocumentRefused(ONLY_OLDER_ARE_LOST)
        if LostDocument.objects.filter(document=document).exists():
            raise DocumentRefused(ALREADY_RECORDED_LOST.format(kind=kind, version=document.version))
        if file_problem(document) is None:
            raise DocumentRefused(NOTHING_LOST.format(kind=kind, version=document.version))
        lost = LostDocument(document=document, recorded_by=by, signature_key_id=current_key_id())
        lost.content_hash = keyed_hash(lost_document_record(lost, document), lost.signature_key_id)
        lost.save()
        record_event(
            evaluation=note,
            actor=by,
            event=DOCUMENT_LOST,
            detail=f"{document.kind} v{document.version}",
        )
    return lost


def documents_panel(evaluation, user):
    """What the note page lists: every stored version, and the ones that must be re-issued."""
    if not evaluation.is_signed:
        return None
    documents = list(evaluation.documents.select_related("lost_record").order_by("kind", "version"))
    broken = {d.pk for d in broken_documents(evaluation, documents)}
    current = {d.pk for d in current_documents(evaluation, documents).values()}
    return {
        "documents": documents,
        "broken": [
            {"kind": d.kind, "message": MUST_BE_REISSUED.format(kind=d.get_kind_display().lower())}
            for d in documents
            if d.pk in broken
        ],
        # Older versions whose file is gone and not yet recorded: a clinic admin records them.
        "lost": [
            d
            for d in documents
            if d.pk not in current
            and getattr(d, "lost_record", None) is None
            and file_problem(d) is not None
        ],
        "can_reissue": user.is_clinic_admin,
    }
