"""``manage.py plan FILE.json``: the treatment plan for a findings snapshot file."""

import json

from django.core.management.base import BaseCommand, CommandError

from evaluations.plan.files import plan_from_file
from evaluations.plan.text import render_plan


class Command(BaseCommand):
    help = "Print the treatment plan for a findings snapshot (docs/findings.schema.json)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A findings snapshot in JSON.")
        parser.add_argument("--text", action="store_true", help="Readable text instead of JSON.")

    def handle(self, *args, **options):
        plan, errors = plan_from_file(options["file"])
        if errors:
            raise CommandError("\n".join(errors), returncode=2)
        if options["text"]:
            self.stdout.write(render_plan(plan), ending="")
        else:
            self.stdout.write(json.dumps(plan.to_dict(), indent=2, ensure_ascii=False))
