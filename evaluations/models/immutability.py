"""A signed note never changes: enforced here, below every view, form and admin."""

from django.db import models

SIGNED_NOTE_IS_READ_ONLY = (
    "This note is signed and can no longer be changed. Corrections go in an addendum."
)


class SignedNoteError(Exception):
    """Raised on any attempt to change a signed note or what belongs to it."""

    def __init__(self, message=SIGNED_NOTE_IS_READ_ONLY):
        super().__init__(message)


class NotePartQuerySet(models.QuerySet):
    """Bulk updates and deletes refuse to touch rows of a signed note."""

    evaluation_lookup = "evaluation__status"

    def _touches_signed_note(self):
        return self.filter(**{self.evaluation_lookup: "signed"}).exists()

    def update(self, **kwargs):
        if self._touches_signed_note():
            raise SignedNoteError()
        return super().update(**kwargs)

    def delete(self):
        if self._touches_signed_note():
            raise SignedNoteError()
        return super().delete()


class EvaluationQuerySet(NotePartQuerySet):
    evaluation_lookup = "status"


class NotePart(models.Model):
    """Anything stored as part of a note (findings, plan items): frozen once it is signed."""

    objects = NotePartQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._note_is_signed():
            raise SignedNoteError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._note_is_signed():
            raise SignedNoteError()
        return super().delete(*args, **kwargs)

    def _note_is_signed(self):
        from .evaluation import Evaluation

        return Evaluation.objects.filter(pk=self.evaluation_id, status="signed").exists()

    def get_additional_data(self):
        """Ties audit-log entries of this row to its evaluation, for the note's history page."""
        return {"evaluation": self.evaluation_id}
