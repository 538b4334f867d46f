"""``manage.py render_pdf EVALUATION_ID --kind report|handout -o FILE``: batch printing."""

import uuid

from django.core.management.base import BaseCommand, CommandError

from evaluations.models import Evaluation
from evaluations.reports.documents import DOCUMENTS
from evaluations.reports.renderer import RenderError

NOT_AN_ID = "{value!r} is not an evaluation id: give the public UUID from the note's address."
NO_SUCH_EVALUATION = "No evaluation has the id {value}."


class Command(BaseCommand):
    help = "Write an evaluation's report or home-program handout as a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("evaluation_id", help="The evaluation's public UUID.")
        parser.add_argument("--kind", choices=sorted(DOCUMENTS), default="report")
        parser.add_argument("-o", "--output", required=True, help="The PDF file to write.")

    def handle(self, *args, **options):
        evaluation = self._evaluation(options["evaluation_id"])
        try:
            filename, _, data = DOCUMENTS[options["kind"]](evaluation)
        except RenderError as error:
            raise CommandError(f"The PDF could not be made: {error}", returncode=1) from error
        with open(options["output"], "wb") as output:
            output.write(data)
        self.stdout.write(f"{filename}: {len(data)} bytes written to {options['output']}")

    def _evaluation(self, value):
        try:
            public_id = uuid.UUID(value)
        except ValueError:
            raise CommandError(NOT_AN_ID.format(value=value), returncode=2) from None
        evaluation = Evaluation.objects.filter(public_id=public_id).first()
        if evaluation is None:
            raise CommandError(NO_SUCH_EVALUATION.format(value=public_id), returncode=2)
        return evaluation
