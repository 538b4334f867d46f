from django.core.management.base import BaseCommand

from evaluations.library import seed_exercise_library

SEEDED = "Exercise library: {added} added, {kept} already there."


class Command(BaseCommand):
    help = (
        "Add the exercises of the clinical reference §4 that are missing; "
        "edited ones are left as they are."
    )

    def handle(self, *args, **options):
        added, kept = seed_exercise_library()
        self.stdout.write(SEEDED.format(added=added, kept=kept))
