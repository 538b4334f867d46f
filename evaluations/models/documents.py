"""The PDFs of a signed note, stored as they were issued and never re-made behind anyone's back."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .evaluation import Evaluation
from .immutability import SignedNoteError


class SignedDocument(models.Model):
    """One issued version of a signed note's report or handout: its file and that file's hash.

    Version 1 of each is stored at signing; an addendum issues a new report; a clinic admin
    re-issues a document whose stored file went missing or was altered. Rows are never edited.
    """

    class Kind(models.TextChoices):
        REPORT = "report", "Evaluation report"
        HANDOUT = "handout", "Home program"

    class Reason(models.TextChoices):
        SIGNED = "signed", "Signed"
        ADDENDUM = "addendum", "Addendum added"
        REISSUED = "reissued", "Re-issued by a clinic admin"

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField("document", max_length=10, choices=Kind.choices)
    version = models.PositiveSmallIntegerField("version")
    reason = models.CharField("issued because", max_length=10, choices=Reason.choices)
    file_name = models.CharField(
        "stored file", max_length=255, help_text="The file's name in the document storage."
    )
    sha256 = models.CharField("SHA-256 of the file", max_length=64)
    # HMAC of this record chained to the note's hash, like an addendum's (services/documents).
    content_hash = models.CharField(max_length=64, editable=False)
    signature_key_id = models.CharField(max_length=40, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["kind", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "kind", "version"], name="one_document_per_kind_and_version"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise SignedNoteError("A signed document cannot be changed once issued.")
        super().save(*args, **kwargs)


class LostDocument(models.Model):
    """A clinic admin's record that an older version's stored file was lost or altered.

    Only the current version can be re-issued: a new version renders the note as it reads
    now, so an older one (a report before its addendum) cannot be made again as it was. It is
    recorded as lost instead, audited, and keyed like the document it names. Never edited.
    """

    document = models.OneToOneField(
        SignedDocument, on_delete=models.PROTECT, related_name="lost_record"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    # HMAC of this record chained to the document's own hash (services/documents).
    content_hash = models.CharField(max_length=64, editable=False)
    signature_key_id = models.CharField(max_length=40, editable=False)

    def __str__(self):
        return f"{self.document} recorded as lost"

    def save(self, *args, **kwargs):
        if self.pk:
            raise SignedNoteError("A record of a lost document cannot be changed.")
        super().save(*args, **kwargs)
