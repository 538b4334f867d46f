"""The two PDFs of an evaluation: each returns (file name, content type, bytes), like pretix.

File names carry the evaluation's id and the visit date, never the patient's name: they end
up in download folders, e-mail attachments and browser histories.
"""

from django.template.loader import render_to_string

from .handout_context import handout_context
from .renderer import render_pdf
from .report_context import report_context

PDF = "application/pdf"


def filename(evaluation, kind):
    return f"evaluation-{evaluation.public_id.hex[:8]}-{evaluation.visit_date:%Y-%m-%d}-{kind}.pdf"


def report_html(evaluation):
    return render_to_string("reports/report.html", report_context(evaluation))


def handout_html(evaluation):
    return render_to_string("reports/handout.html", handout_context(evaluation))


def render_report(evaluation):
    """The clinical evaluation report, for the chart, a referring doctor or an insurer."""
    return filename(evaluation, "report"), PDF, render_pdf(report_html(evaluation))


def render_handout(evaluation):
    """The patient's home-program handout, in plain words and large type."""
    return filename(evaluation, "handout"), PDF, render_pdf(handout_html(evaluation))


DOCUMENTS = {"report": render_report, "handout": render_handout}
