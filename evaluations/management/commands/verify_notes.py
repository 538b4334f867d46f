from django.core.management.base import BaseCommand, CommandError

from evaluations.models import Evaluation
from evaluations.selectors import SECTION_ATTRS
from evaluations.services.documents import document_problems
from evaluations.services.integrity import note_problems

BATCH = 200


class Command(BaseCommand):
    help = (
        "Check every note that carries a signature: its signed document against its keyed "
        "hash, the note's rows against the document, its addenda's chain, and its stored "
        "PDFs against their recorded SHA-256."
    )

    def handle(self, *args, **options):
        # A signature on a draft is reported too: a status flipped back must not hide a note.
        carrying = (
            Evaluation.objects.exclude(content_hash="")
            .select_related("patient__clinic", "clinician", "signed_by", *SECTION_ATTRS)
            .prefetch_related(
                "plan_items",
                "referral_acknowledgements",
                "red_flag_confirmations",
                "addenda__author",
                "documents",
            )
            .order_by("pk")
        )
        checked, mismatched = 0, 0
        for evaluation in carrying.iterator(chunk_size=BATCH):
            checked += 1
            # Named by the note's id and the file's name: nothing about the patient.
            problems = note_problems(evaluation) + document_problems(evaluation)
            if problems:
                mismatched += 1
                for problem in problems:
                    self.stderr.write(f"MISMATCH evaluation {evaluation.public_id}: {problem}")
        summary = f"{checked} signed note(s) checked, {mismatched} mismatch(es)."
        if mismatched:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
