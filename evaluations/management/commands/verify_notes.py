from django.core.management.base import BaseCommand, CommandError

from evaluations.models import Evaluation
from evaluations.selectors import SECTION_ATTRS
from evaluations.services.signing import verify_note

BATCH = 200


class Command(BaseCommand):
    help = "Check every signed note against the SHA-256 stored when it was signed."

    def handle(self, *args, **options):
        signed = (
            Evaluation.objects.filter(status=Evaluation.Status.SIGNED)
            .select_related("patient", *SECTION_ATTRS)
            .prefetch_related("plan_items", "referral_acknowledgements")
            .order_by("pk")
        )
        checked, mismatched = 0, []
        for evaluation in signed.iterator(chunk_size=BATCH):
            checked += 1
            if not verify_note(evaluation):
                mismatched.append(evaluation.public_id)
        for public_id in mismatched:
            self.stderr.write(f"MISMATCH evaluation {public_id}")
        summary = f"{checked} signed note(s) checked, {len(mismatched)} mismatch(es)."
        if mismatched:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
