from django.core.management.base import BaseCommand

from evaluations.library import seed_exercise_library, seed_ladders

SEEDED = "Exercise library: {added} added, {kept} already there."
LADDERS_SEEDED = "Progression ladders: {added} added, {kept} already there."


class Command(BaseCommand):
    help = (
        "Add the exercises of clinical reference §4 and the ladders of §9 that are missing; "
        "edited ones are left as they are."
    )

    def handle(self, *args, **options):
        # The ladders on their own, so the command can say what it added of each.
        added, kept = seed_exercise_library(ladders=())
        self.stdout.write(SEEDED.format(added=added, kept=kept))
        added, kept = seed_ladders()
        self.stdout.write(LADDERS_SEEDED.format(added=added, kept=kept))
