"""Signing a note, acting on its referrals, and the addenda that follow it."""

from django.db import transaction
from django.utils import timezone

from evaluations.models import (
    Addendum,
    Evaluation,
    ReferralAcknowledgement,
    SignedNoteError,
    lock_draft_note,
)
from evaluations.selectors import SECTION_ATTRS

from .audit import ADDENDUM, SIGNED, record_event
from .integrity import note_hash

WRONG_PASSWORD = "That password is not right; the note was not signed."
ALREADY_SIGNED = "This note is already signed."
ONLY_AUTHOR_SIGNS = "Only the clinician who wrote this evaluation can sign it."
PLAN_NOT_REVIEWED = "Review the plan before signing: open the Plan step first."
REFERRAL_NOT_ACKNOWLEDGED = "Record the action taken on every red-flag referral before signing."
EMPTY_ADDENDUM = "Write the addendum before adding it."
ADDENDUM_ONLY_WHEN_SIGNED = "Addenda are for signed notes; a draft can still be edited."
ACTION_REQUIRED = "Say what was done about this referral."
UNKNOWN_REFERRAL = "This referral is not part of the note's plan."


class SigningRefused(Exception):
    """Signing or a post-signing step was refused; the message says why."""


def red_flag_referrals(evaluation):
    """The referrals that stop the plan; the article's routine triage notes are not among them."""
    return [r for r in evaluation.plan_data.get("referrals", []) if r.get("blocking")]


def unacknowledged_referrals(evaluation):
    done = {ack.code for ack in evaluation.referral_acknowledgements.all()}
    return [r for r in red_flag_referrals(evaluation) if r["code"] not in done]


@transaction.atomic
def acknowledge_referral(*, evaluation, code, action_taken, by):
    lock_draft_note(evaluation.pk)
    action_taken = (action_taken or "").strip()
    if not action_taken:
        raise SigningRefused(ACTION_REQUIRED)
    if code not in {referral["code"] for referral in red_flag_referrals(evaluation)}:
        raise SigningRefused(UNKNOWN_REFERRAL)
    acknowledgement, _ = ReferralAcknowledgement.objects.update_or_create(
        evaluation=evaluation,
        code=code,
        defaults={"action_taken": action_taken[:1000], "acknowledged_by": by},
    )
    return acknowledgement


@transaction.atomic
def sign_evaluation(*, evaluation, user, password):
    """Sign as the evaluating clinician: lock the note first, then read what is hashed.

    Every write to a note takes the same row lock (lock_draft_note), so a save that holds it
    commits before these reads, and one that comes later finds the note signed.
    """
    try:
        lock_draft_note(evaluation.pk)
    except SignedNoteError:
        raise SigningRefused(ALREADY_SIGNED) from None
    # A separate statement after the lock: it sees every save committed before the lock was ours.
    note = Evaluation.objects.select_related("patient", *SECTION_ATTRS).get(pk=evaluation.pk)
    if note.clinician_id != user.pk:
        raise SigningRefused(ONLY_AUTHOR_SIGNS)
    if not user.check_password(password or ""):
        raise SigningRefused(WRONG_PASSWORD)
    if note.plan_generated_at is None:
        raise SigningRefused(PLAN_NOT_REVIEWED)
    if unacknowledged_referrals(note):
        raise SigningRefused(REFERRAL_NOT_ACKNOWLEDGED)
    note.status = Evaluation.Status.SIGNED
    note.signed_by = user
    note.signed_at = timezone.now()
    note.content_hash = note_hash(note)
    note.save(update_fields=["status", "signed_by", "signed_at", "content_hash", "updated_at"])
    record_event(evaluation=note, actor=user, event=SIGNED)
    evaluation.refresh_from_db(fields=["status", "signed_by", "signed_at", "content_hash"])
    return note


def add_addendum(*, evaluation, author, text):
    text = (text or "").strip()
    if not evaluation.is_signed:
        raise SigningRefused(ADDENDUM_ONLY_WHEN_SIGNED)
    if not text:
        raise SigningRefused(EMPTY_ADDENDUM)
    addendum = Addendum.objects.create(evaluation=evaluation, author=author, text=text)
    record_event(
        evaluation=evaluation, actor=author, event=ADDENDUM, detail=f"addendum {addendum.pk}"
    )
    return addendum


def verify_note(evaluation):
    """True when the signed note still hashes to what was stored at signing."""
    return bool(evaluation.content_hash) and note_hash(evaluation) == evaluation.content_hash
