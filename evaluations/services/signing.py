"""Signing a note, acting on its referrals, and the addenda that follow it."""

from django.db import transaction
from django.utils import timezone

from evaluations.models import (
    Addendum,
    Evaluation,
    ReferralAcknowledgement,
    SignedDocument,
    SignedNoteError,
    lock_draft_note,
)
from evaluations.models.fields import Answer
from evaluations.plan.plan_types import Part
from evaluations.plan.rules.manual_therapy import (
    JOINT_TECHNIQUE_WORDS,
    JOINT_TECHNIQUES,
    screen_not_clear,
)
from evaluations.plan.rules.red_flags import red_flag_referrals as engine_red_flags
from evaluations.selectors import SECTION_ATTRS
from evaluations.services.snapshot_builder import build_snapshot
from patients.reauth import password_confirmed

from .audit import ADDENDUM, SIGNED, record_event
from .documents import (
    ISSUED_AT_SIGNING,
    document_problems,
    freeze_pictures,
    issue_document,
    issue_signed_documents,
)
from .integrity import addendum_document, current_key_id, keyed_hash, note_problems, signed_document
from .plan_parts import home_count, home_limit, home_over_limit
from .plan_review import precaution_conflicts
from .red_flag_prompts import open_prompt_questions, question_label

WRONG_PASSWORD = "That password is not right; the note was not signed."
ALREADY_SIGNED = "This note is already signed."
ONLY_AUTHOR_SIGNS = "Only the clinician who wrote this evaluation can sign it."
PLAN_NOT_REVIEWED = "Review the plan before signing: open the Plan step first."
REFERRAL_NOT_ACKNOWLEDGED = "Record the action taken on every red-flag referral before signing."
EMPTY_ADDENDUM = "Write the addendum before adding it."
ADDENDUM_ONLY_WHEN_SIGNED = "Addenda are for signed notes; a draft can still be edited."
ACTION_REQUIRED = "Say what was done about this referral."
UNKNOWN_REFERRAL = "This referral is not part of the note's plan."
RED_FLAGS_UNANSWERED = (
    "Answer every red-flag question before signing ({count} not asked yet): open the "
    "Red-flag screen section, or use “Mark the unanswered as No” below."
)
DOSING_MISSING = "Give every plan item a dosing before signing ({names}): edit it on the Plan step."
PRECAUTION_CONFLICT_UNEXPLAINED = (
    "Some plan items conflict with a precaution ({names}): on the Plan step, take each off "
    "the plan or say in its note why it stays."
)
PROMPT_NOT_ANSWERED = (
    "The findings point at red-flag questions to ask again ({names}): answer them in the "
    "prompt beside the findings on the evaluation page, or at the top of the Plan step."
)
FLAG_AFTER_PLAN = (
    "A red flag was answered yes after the plan was made ({codes}): update the plan on the "
    "Plan step and record the action taken on its referral."
)
JOINT_TECHNIQUE_PENDING = (
    "{names} waits for the red-flag screen: a joint technique is signed as a treatment only "
    "once the fracture, cancer and infection questions are all answered no ({open} not no). "
    "Answer them in the Red-flag screen section, or take it off the plan on the Plan step."
)
HOME_OVER_LIMIT_UNEXPLAINED = (
    "The home programme has {count} exercises, more than this clinic's limit of {limit}: on "
    "the Plan step, move some to “In clinic” or “Later”, or say in one line why this patient "
    "needs more."
)
CONFIRM_ALL_NEGATIVE = "Confirm that you asked each of these questions and the answer was no."
ALL_NEGATIVE_DONE = "{count} red-flag question(s) recorded as No."
NOTHING_UNANSWERED = "Every red-flag question is already answered."


class SigningRefused(Exception):
    """Signing or a post-signing step was refused; the message says why."""


class WrongPassword(SigningRefused):
    """The password given to sign was not the signer's: counted, logged and audited."""


def red_flag_referrals(evaluation):
    """The referrals that stop the plan; the article's routine triage notes are not among them."""
    return [r for r in evaluation.plan_data.get("referrals", []) if r.get("blocking")]


def unacknowledged_referrals(evaluation):
    done = {ack.code for ack in evaluation.referral_acknowledgements.all()}
    return [r for r in red_flag_referrals(evaluation) if r["code"] not in done]


def unanswered_red_flags(evaluation):
    """The red-flag questions still 'not asked': each must be a yes or a no before signing."""
    screen = evaluation.red_flags
    return [
        field
        for field in screen.finding_fields()
        if field.choices is not None
        and set(dict(field.choices)) == set(Answer.values)
        and not getattr(screen, field.attname)
    ]


@transaction.atomic
def mark_red_flags_negative(*, evaluation, confirmed):
    """The "all negative" action: every question not asked yet becomes No, once confirmed."""
    lock_draft_note(evaluation.pk)
    note = Evaluation.objects.select_related("red_flags").get(pk=evaluation.pk)
    unanswered = unanswered_red_flags(note)
    if not unanswered:
        raise SigningRefused(NOTHING_UNANSWERED)
    if not confirmed:
        raise SigningRefused(CONFIRM_ALL_NEGATIVE)
    screen = note.red_flags
    for field in unanswered:
        setattr(screen, field.attname, Answer.NO)
    screen.version += 1
    screen.save(update_fields=[field.attname for field in unanswered] + ["version", "updated_at"])
    return len(unanswered)


def items_without_dosing(items):
    return [item for item in items if not item.removed and not item.dosing.strip()]


def unexplained_precaution_conflicts(evaluation, items):
    """Items kept on the plan against a precaution with no word from the clinician why.

    The hook for the prescription work: when conflicts carry their own reason, this reads it.
    """
    return [
        item
        for item in items
        if not item.removed
        # A later level is not prescribed now; its criterion waits for the precaution to lift.
        and item.part != Part.LATER
        and not item.clinician_note.strip()
        and precaution_conflicts(evaluation, item)
    ]


def joint_techniques(items):
    """Joint mobilisation or manipulation on the plan: the engine's, or in the clinician's words."""
    return [
        item
        for item in items
        if not item.removed
        and (
            item.code in JOINT_TECHNIQUES
            or (item.kind == item.Kind.MANUAL_THERAPY and JOINT_TECHNIQUE_WORDS.search(item.name))
        )
    ]


def red_flags_after_plan(note, snapshot):
    """Red flags the screen now raises that the stored plan does not carry."""
    planned = {referral["code"] for referral in red_flag_referrals(note)}
    return [
        referral.code
        for referral in engine_red_flags(snapshot)
        if referral.blocking and referral.code not in planned
    ]


def _names(items):
    return ", ".join(item.name for item in items)


def check_ready_to_sign(note):
    """Everything that must be settled before a signature, each refusal saying where to go."""
    if note.plan_generated_at is None:
        raise SigningRefused(PLAN_NOT_REVIEWED)
    unanswered = unanswered_red_flags(note)
    if unanswered:
        raise SigningRefused(RED_FLAGS_UNANSWERED.format(count=len(unanswered)))
    if prompted := open_prompt_questions(note):
        names = "; ".join(question.label for question in prompted)
        raise SigningRefused(PROMPT_NOT_ANSWERED.format(names=names))
    snapshot = build_snapshot(note)
    if late := red_flags_after_plan(note, snapshot):
        raise SigningRefused(FLAG_AFTER_PLAN.format(codes=", ".join(late)))
    if unacknowledged_referrals(note):
        raise SigningRefused(REFERRAL_NOT_ACKNOWLEDGED)
    items = list(note.plan_items.select_related("exercise").prefetch_related("exercise__pathways"))
    if (joints := joint_techniques(items)) and (open_questions := screen_not_clear(snapshot)):
        raise SigningRefused(
            JOINT_TECHNIQUE_PENDING.format(
                names=_names(joints),
                open="; ".join(str(question_label(name)) for name in open_questions),
            )
        )
    if missing := items_without_dosing(items):
        raise SigningRefused(DOSING_MISSING.format(names=_names(missing)))
    if conflicts := unexplained_precaution_conflicts(note, items):
        raise SigningRefused(PRECAUTION_CONFLICT_UNEXPLAINED.format(names=_names(conflicts)))
    if home_over_limit(note, items) and not note.home_programme_reason.strip():
        raise SigningRefused(
            HOME_OVER_LIMIT_UNEXPLAINED.format(count=home_count(items), limit=home_limit(note))
        )


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


def sign_evaluation(*, evaluation, user, password, request=None):
    """Sign as the evaluating clinician, after checking the password.

    From a request the password goes through authenticate(), so the login throttle counts a
    wrong one; it is checked before the transaction, so that count is never rolled back.
    """
    if request is not None:
        confirmed = password_confirmed(request, password)
    else:  # scripts and service tests
        confirmed = user.check_password(password or "")
    if not confirmed:
        raise WrongPassword(WRONG_PASSWORD)
    return _sign(evaluation=evaluation, user=user)


@transaction.atomic
def _sign(*, evaluation, user):
    """Lock the note first, then read what is hashed.

    Every write to a note takes the same row lock (lock_draft_note), so a save that holds it
    commits before these reads, and one that comes later finds the note signed.
    """
    try:
        lock_draft_note(evaluation.pk)
    except SignedNoteError:
        raise SigningRefused(ALREADY_SIGNED) from None
    # A separate statement after the lock: it sees every save committed before the lock was ours.
    note = Evaluation.objects.select_related("patient__clinic", *SECTION_ATTRS).get(
        pk=evaluation.pk
    )
    if note.clinician_id != user.pk:
        raise SigningRefused(ONLY_AUTHOR_SIGNS)
    check_ready_to_sign(note)
    # Copied before the document is made, so the pictures' names and hashes are signed.
    freeze_pictures(note)
    note.status = Evaluation.Status.SIGNED
    note.signed_by = user
    note.signed_at = timezone.now()
    # Which documents were issued with the note: a lost document row is noticed. Documents
    # signed before frozen documents have no such list and expect none.
    note.signed_content = {**signed_document(note), "documents": ISSUED_AT_SIGNING}
    note.signature_key_id = current_key_id()
    note.content_hash = keyed_hash(note.signed_content, note.signature_key_id)
    note.save(update_fields=[*SIGNATURE_FIELDS, "status", "updated_at"])
    # Rendered from the saved note in this transaction: a failed render undoes the signature.
    issue_signed_documents(evaluation=note, by=user)
    record_event(evaluation=note, actor=user, event=SIGNED)
    evaluation.refresh_from_db(fields=[*SIGNATURE_FIELDS, "status"])
    return note


SIGNATURE_FIELDS = ["signed_by", "signed_at", "signed_content", "signature_key_id", "content_hash"]


@transaction.atomic
def add_addendum(*, evaluation, author, text):
    """An addendum hashed like the note, chained to the hash before it; under the note's lock,
    so two addenda at once still form one chain."""
    text = (text or "").strip()
    note = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not note.is_signed:
        raise SigningRefused(ADDENDUM_ONLY_WHEN_SIGNED)
    if not text:
        raise SigningRefused(EMPTY_ADDENDUM)
    last = note.addenda.exclude(content_hash="").order_by("created_at", "id").last()
    addendum = Addendum(evaluation=note, author=author, text=text)
    addendum.signature_key_id = current_key_id()
    previous = last.content_hash if last else note.content_hash
    addendum.content_hash = keyed_hash(
        addendum_document(addendum, previous), addendum.signature_key_id
    )
    addendum.save()
    # The report prints its addenda: a new version; the older stays retrievable.
    issue_document(
        evaluation=note,
        kind=SignedDocument.Kind.REPORT,
        reason=SignedDocument.Reason.ADDENDUM,
        by=author,
    )
    record_event(
        evaluation=evaluation, actor=author, event=ADDENDUM, detail=f"addendum {addendum.pk}"
    )
    return addendum


def verify_note(evaluation):
    """True when the note carries a signature and the signature still holds."""
    return (
        bool(evaluation.content_hash)
        and not note_problems(evaluation)
        and not document_problems(evaluation)
    )
