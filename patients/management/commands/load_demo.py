from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from evaluations.demo import load_demo_evaluations
from patients.demo import DEMO_PASSWORD, load_demo_clinics

REFUSED_WITHOUT_DEBUG = (
    "The demo loader creates accounts with a published password, so it runs only when "
    "DEBUG is on. Never load the demo into a real clinic's database."
)


class Command(BaseCommand):
    help = "Load the demo clinics, users and patients (DEBUG only; safe to run twice)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(REFUSED_WITHOUT_DEBUG)
        usernames = load_demo_clinics()
        evaluations = load_demo_evaluations()
        if evaluations:
            self.stdout.write(f"Started {evaluations} draft demo evaluation(s).")
        self.stdout.write(self.style.SUCCESS("Demo data is loaded. Log in with:"))
        for username in usernames:
            self.stdout.write(f"  {username} / {DEMO_PASSWORD}")
