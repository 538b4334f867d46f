"""A signed note never changes: enforced here, below every view, form and admin."""

from contextlib import contextmanager

from django.db import DatabaseError, models, transaction

SIGNED_NOTE_IS_READ_ONLY = (
    "This note is signed and can no longer be changed. Corrections go in an addendum."
)
DISCARDED_NOTE_IS_READ_ONLY = "This draft was discarded and can no longer be changed."


class SignedNoteError(Exception):
    """Raised on any attempt to change a signed note or what belongs to it."""

    def __init__(self, message=SIGNED_NOTE_IS_READ_ONLY):
        super().__init__(message)


# PostgreSQL's restrict_violation: what the triggers of migration 0004 raise.
TRIGGER_REFUSAL_SQLSTATE = "23001"


def is_trigger_refusal(error):
    cause = getattr(error, "__cause__", None)
    return (
        getattr(cause, "sqlstate", None) == TRIGGER_REFUSAL_SQLSTATE
        or getattr(cause, "pgcode", None) == TRIGGER_REFUSAL_SQLSTATE
    )


@contextmanager
def signed_note_refusals():
    """A trigger's refusal is the model layer's refusal: one message, never a 500."""
    try:
        yield
    except DatabaseError as error:
        if is_trigger_refusal(error):
            raise SignedNoteError() from error
        raise


def lock_draft_note(evaluation_id):
    """Take the note's row lock, then check it is still a draft.

    Every write to a note and the signature itself take this same lock first and read
    afterwards, so a save either lands before the signature's reads or sees the note signed.
    Call inside a transaction; the lock is held until it ends. The query joins nothing:
    PostgreSQL re-reads only the locked row after a wait, never the rows joined to it.
    """
    from .evaluation import Evaluation

    status = (
        Evaluation.objects.select_for_update()
        .filter(pk=evaluation_id)
        .values_list("status", flat=True)
        .get()
    )
    if status == Evaluation.Status.SIGNED:
        raise SignedNoteError()
    # A discarded draft is kept for the record only; a late autosave must not revive it.
    if status == Evaluation.Status.DISCARDED:
        raise SignedNoteError(DISCARDED_NOTE_IS_READ_ONLY)


class NotePartQuerySet(models.QuerySet):
    """Bulk updates and deletes refuse to touch rows of a signed note."""

    evaluation_lookup = "evaluation__status"

    def _touches_signed_note(self):
        return self.filter(**{self.evaluation_lookup: "signed"}).exists()

    def update(self, **kwargs):
        if self._touches_signed_note():
            raise SignedNoteError()
        with signed_note_refusals():
            return super().update(**kwargs)

    def delete(self):
        if self._touches_signed_note():
            raise SignedNoteError()
        with signed_note_refusals():
            return super().delete()


class EvaluationQuerySet(NotePartQuerySet):
    evaluation_lookup = "status"


class NotePart(models.Model):
    """Anything stored as part of a note (findings, plan items): frozen once it is signed."""

    objects = NotePartQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with transaction.atomic(), signed_note_refusals():
            lock_draft_note(self.evaluation_id)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic(), signed_note_refusals():
            lock_draft_note(self.evaluation_id)
            return super().delete(*args, **kwargs)

    def get_additional_data(self):
        """Ties audit-log entries of this row to its evaluation, for the note's history page."""
        return {"evaluation": self.evaluation_id}


def install_note_part_triggers(schema_editor, tables):
    """The row trigger of 0004 and the TRUNCATE trigger of 0011 on new note tables.

    A migration that adds a section (a new `Section` in evaluations/declarations) calls this
    with the section's `table`: the trigger functions already exist. Migrations 0004 and 0011
    keep their own lists, frozen as the schema was then. SQLite (the demo) has no triggers.
    """
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in tables:
        schema_editor.execute(
            f"CREATE TRIGGER signed_note_part_is_read_only BEFORE INSERT OR UPDATE OR DELETE "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION wholebody_signed_note_part_is_read_only()"
        )
        schema_editor.execute(
            f"CREATE TRIGGER no_truncate_while_signed BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION wholebody_no_truncate_while_signed()"
        )
