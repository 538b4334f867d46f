"""The signed document: what a signature covers, stored with the note, keyed, and checked later.

At signing the note's content is written out as one canonical document (format 2): the
field lists and values as they were, the plan items with every printed field, the reason
for a home programme over the clinic's limit, the patient as printed, the clinician and the
time. The document is stored beside the note and its
HMAC-SHA256 (key from settings.NOTE_SIGNING_KEYS, its id stored too) is the note's hash.
Checking a note is two questions: does the stored document still give the stored HMAC, and
do the live rows still say what the document says? A field added after signing is absent
from the document and must be empty on the note. Addenda are hashed the same way, each
chained to the hash before it. A part added to the document later (the red-flag questions
answered again from a prompt) is absent from older documents: on such a note its rows must
be no newer than the signature, so an older note still verifies and a row added afterwards
does not.

Notes signed before format 2 (a bare SHA-256 in content_hash, no document) are format 1:
they are checked the old way, over the finding fields that existed then
(data/signed_fields_v1.json), so later fields never make them look tampered with.
"""

import hashlib
import hmac
import json
from datetime import datetime
from functools import cache
from pathlib import Path

from django.conf import settings

from evaluations.models import SECTIONS, PlanItem, section_attr

FORMAT = 2
LEGACY_FORMAT = 1
V1_FIELDS_FILE = Path(__file__).resolve().parent.parent / "data" / "signed_fields_v1.json"

# What a plan item's row holds besides what it says: everything else is signed, so a field
# added to PlanItem later (part, side, stage …) is covered without editing this module.
PLAN_ITEM_BOOKKEEPING = {"id", "evaluation", "exercise", "created_at", "updated_at"}
EMPTY = (None, "", [], {})

MISSING_DOCUMENT = "carries a signature but no signed document"
NOT_SIGNED_ANY_MORE = "carries a signature but its status is draft"
DOCUMENT_ALTERED = "its signed document no longer matches its hash"
UNKNOWN_KEY = "was signed with key {key_id!r}, which is not configured"
ROWS_CHANGED = "its {part} differs from the signed document"
LEGACY_MISMATCH = "differs from its format-1 hash"
ADDENDUM_ALTERED = "addendum {number} no longer matches its hash"


def canonical(document):
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def keyed_hash(document, key_id):
    secret = settings.NOTE_SIGNING_KEYS[key_id].encode("utf-8")
    return hmac.new(secret, canonical(document).encode("utf-8"), hashlib.sha256).hexdigest()


def current_key_id():
    return settings.NOTE_SIGNING_KEY_ID


def _value(field, row):
    value = field.value_from_object(row)
    return value if isinstance(value, (list, dict, bool)) else field.value_to_string(row)


def plan_item_fields():
    return [f.name for f in PlanItem._meta.concrete_fields if f.name not in PLAN_ITEM_BOOKKEEPING]


def _findings(evaluation, field_lists):
    findings = {}
    for section in SECTIONS:
        row = getattr(evaluation, section_attr(section))
        names = field_lists[section.slug]
        findings[section.slug] = {
            "fields": names,
            "values": {name: _value(row._meta.get_field(name), row) for name in names},
        }
    return findings


def _plan_items(evaluation, names):
    items = sorted(evaluation.plan_items.all(), key=lambda i: (i.pillar, i.position, i.pk))
    fields = [PlanItem._meta.get_field(name) for name in names]
    return {
        "fields": names,
        "items": [{field.name: _value(field, item) for field in fields} for item in items],
    }


def _red_flag_confirmations(evaluation):
    """The red-flag questions answered again from a prompt: the answers the clinician signed.

    The person is kept by id, as for the other people: a later change of name is not a
    change of the note.
    """
    return [
        {
            "question": confirmation.question,
            "answer": confirmation.answer,
            "findings": confirmation.findings,
            "confirmed_by": confirmation.confirmed_by_id,
            "confirmed_at": confirmation.confirmed_at.isoformat(),
        }
        for confirmation in sorted(
            evaluation.red_flag_confirmations.all(), key=lambda c: c.question
        )
    ]


def _person(user):
    return {"id": user.pk, "name": user.get_full_name() or user.get_username()}


def _letterhead(clinic):
    return {
        "id": clinic.pk,
        "name": clinic.name,
        "address": clinic.address,
        "phone": clinic.phone,
        "email": clinic.email,
    }


def signed_document(evaluation, *, field_lists=None, item_fields=None):
    """The note as it reads now; with the field lists of an older document, as it read then."""
    if field_lists is None:
        field_lists = {s.slug: [f.name for f in s.finding_fields()] for s in SECTIONS}
    patient = evaluation.patient
    return {
        "format": FORMAT,
        "evaluation": str(evaluation.public_id),
        "patient": {
            "id": str(patient.public_id),
            "name": f"{patient.given_name} {patient.family_name}",
            "date_of_birth": patient.date_of_birth.isoformat(),
            "sex": patient.sex,
            "record_number": patient.record_number,
        },
        # The letterhead as printed; like the people's names, a later edit is not the note's.
        "clinic": _letterhead(patient.clinic),
        "clinician": _person(evaluation.clinician),
        "visit": {
            "date": evaluation.visit_date.isoformat(),
            "type": evaluation.visit_type,
            "symptomatic_side": evaluation.symptomatic_side,
        },
        "findings": _findings(evaluation, field_lists),
        "plan": evaluation.plan_data,
        "plan_items": _plan_items(evaluation, item_fields or plan_item_fields()),
        "home_programme_reason": evaluation.home_programme_reason,
        "referral_actions": sorted(
            [ack.code, ack.action_taken] for ack in evaluation.referral_acknowledgements.all()
        ),
        "red_flag_confirmations": _red_flag_confirmations(evaluation),
        "signed_by": _person(evaluation.signed_by),
        "signed_at": evaluation.signed_at.isoformat(),
    }


def _later_fields_are_empty(evaluation, document):
    """Fields the document does not list were added after signing: empty on this note."""
    for section in SECTIONS:
        row = getattr(evaluation, section_attr(section))
        listed = set(document["findings"][section.slug]["fields"])
        for field in section.finding_fields():
            if field.name not in listed and field.value_from_object(row) not in EMPTY:
                return f"findings ({section.slug}.{field.name})"
    listed = set(document["plan_items"]["fields"])
    for field in PlanItem._meta.concrete_fields:
        if field.name in listed or field.name in PLAN_ITEM_BOOKKEEPING:
            continue
        for item in evaluation.plan_items.all():
            value = field.value_from_object(item)
            if value not in EMPTY and value != field.get_default():
                return f"plan items ({field.name})"
    return None


# The parts the note's own rows hold. Names of the patient and the people are as printed
# then; a later change of name is not a change of the note, so only their ids are compared.
NOTE_PARTS = (
    "evaluation",
    "visit",
    "findings",
    "plan",
    "plan_items",
    "home_programme_reason",
    "referral_actions",
    "red_flag_confirmations",
)
PEOPLE = ("patient", "clinician", "signed_by")
# Parts added to format 2 after notes were signed with it. A document without one covers the
# note as it was then: a value must still be its empty value, and rows must all predate the
# signature (each row's timestamp field is named here).
LATER_VALUES = {"home_programme_reason": ""}
LATER_ROWS = {"red_flag_confirmations": "confirmed_at"}


def _later_part_changed(part, live, document):
    """A part the document does not hold: still empty, or only rows from before signing."""
    if part in LATER_VALUES:
        return live[part] != LATER_VALUES[part]
    stamp, signed_at = LATER_ROWS[part], datetime.fromisoformat(document["signed_at"])
    return any(datetime.fromisoformat(row[stamp]) > signed_at for row in live[part])


def _changed_part(evaluation, document):
    live = signed_document(
        evaluation,
        field_lists={slug: part["fields"] for slug, part in document["findings"].items()},
        item_fields=document["plan_items"]["fields"],
    )
    for part in NOTE_PARTS + ("signed_at",):
        if part not in document and (part in LATER_VALUES or part in LATER_ROWS):
            if _later_part_changed(part, live, document):
                return part.replace("_", " ")
        elif live[part] != document.get(part):
            return part.replace("_", " ")
    for person in PEOPLE:
        if live[person]["id"] != document[person]["id"]:
            return person.replace("_", " ")
    return _later_fields_are_empty(evaluation, document)


@cache
def _v1_fields():
    return json.loads(V1_FIELDS_FILE.read_text())


def legacy_hash(evaluation):
    """Format 1: the unkeyed SHA-256 notes were signed with before the signed document."""
    findings = {}
    for section in SECTIONS:
        row = getattr(evaluation, section_attr(section))
        findings[section.slug] = {
            name: row._meta.get_field(name).value_to_string(row)
            for name in _v1_fields()[section.slug]
        }
    items = [
        {
            "code": item.code,
            "kind": item.kind,
            "pillar": item.pillar,
            "name": item.name,
            "plain_name": item.plain_name,
            "instructions": item.instructions,
            "dosing": item.dosing,
            "note": item.clinician_note,
            "removed": item.removed,
            "removed_reason": item.removed_reason,
            "reasons": item.reasons,
        }
        for item in sorted(evaluation.plan_items.all(), key=lambda i: (i.pillar, i.position, i.pk))
    ]
    content = {
        "evaluation": str(evaluation.public_id),
        "patient": str(evaluation.patient.public_id),
        "clinician": evaluation.clinician_id,
        "visit_date": evaluation.visit_date.isoformat(),
        "visit_type": evaluation.visit_type,
        "symptomatic_side": evaluation.symptomatic_side,
        "findings": findings,
        "plan": evaluation.plan_data,
        "plan_items": items,
        "referral_actions": sorted(
            (ack.code, ack.action_taken) for ack in evaluation.referral_acknowledgements.all()
        ),
        "signed_by": evaluation.signed_by_id,
        "signed_at": evaluation.signed_at.isoformat() if evaluation.signed_at else None,
    }
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def addendum_document(addendum, previous_hash):
    return {
        "format": FORMAT,
        "evaluation": str(addendum.evaluation.public_id),
        "author": _person(addendum.author),
        "text": addendum.text,
        "created_at": addendum.created_at.isoformat(),
        "previous": previous_hash,
    }


def _addendum_problems(evaluation):
    previous = evaluation.content_hash
    for number, addendum in enumerate(evaluation.addenda.all(), 1):
        if not addendum.content_hash:  # added before addenda were hashed (format 1)
            continue
        key_id = addendum.signature_key_id
        document = addendum_document(addendum, previous)
        if key_id not in settings.NOTE_SIGNING_KEYS:
            yield UNKNOWN_KEY.format(key_id=key_id)
        elif not hmac.compare_digest(keyed_hash(document, key_id), addendum.content_hash):
            yield ADDENDUM_ALTERED.format(number=number)
        previous = addendum.content_hash


def note_problems(evaluation):
    """What is wrong with a note carrying a signature; an empty list when it holds."""
    if not evaluation.content_hash:
        return []
    if not evaluation.is_signed:
        return [NOT_SIGNED_ANY_MORE]
    document = evaluation.signed_content
    if document is None:
        if legacy_hash(evaluation) != evaluation.content_hash:
            return [LEGACY_MISMATCH]
        return list(_addendum_problems(evaluation))
    key_id = evaluation.signature_key_id
    if key_id not in settings.NOTE_SIGNING_KEYS:
        return [UNKNOWN_KEY.format(key_id=key_id)]
    if not hmac.compare_digest(keyed_hash(document, key_id), evaluation.content_hash):
        return [DOCUMENT_ALTERED]
    problems = []
    if changed := _changed_part(evaluation, document):
        problems.append(ROWS_CHANGED.format(part=changed))
    return problems + list(_addendum_problems(evaluation))
