"""Printing from the note's pages: inline PDFs, the audit trail, outsiders and failures."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from evaluations.reports import documents
from evaluations.reports.renderer import RenderError
from evaluations.services.audit import PRINTED
from evaluations.views.reports import RENDER_FAILED
from tests.factories import make_evaluation


@pytest.fixture
def evaluation(patient, alice):
    return make_evaluation(patient, alice)


def url(name, evaluation):
    return reverse(f"evaluations:{name}", args=[evaluation.public_id])


def printed_events(evaluation):
    return [
        entry.additional_data["detail"]
        for entry in LogEntry.objects.filter(additional_data__evaluation=evaluation.pk)
        if entry.additional_data.get("event") == PRINTED
    ]


@pytest.mark.parametrize("kind", ["report", "handout"])
def test_it_opens_the_pdf_inline_and_records_the_print(alice_client, evaluation, kind):
    response = alice_client.get(url(f"{kind}_pdf", evaluation))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    filename = documents.filename(evaluation, kind)
    assert response["Content-Disposition"] == f'inline; filename="{filename}"'
    assert evaluation.patient.family_name not in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF")
    assert printed_events(evaluation) == [kind]


@pytest.mark.parametrize("kind", ["report", "handout"])
def test_another_clinic_gets_404_and_nothing_is_recorded(client, charlie, evaluation, kind):
    client.force_login(charlie)
    assert client.get(url(f"{kind}_pdf", evaluation)).status_code == 404
    assert printed_events(evaluation) == []


def test_a_render_failure_shows_a_message_not_a_500(alice_client, evaluation, monkeypatch):
    def broken(_):
        raise RenderError("cairo went away")

    monkeypatch.setattr("evaluations.views.reports.render_report", broken)
    response = alice_client.get(url("report_pdf", evaluation))
    assert response.status_code == 503
    assert RENDER_FAILED in response.content.decode()
    assert printed_events(evaluation) == []


def test_the_note_and_the_plan_page_offer_both_pdfs(alice_client, evaluation):
    for page in ("detail", "plan"):
        content = alice_client.get(url(page, evaluation)).content.decode()
        assert "Evaluation report (PDF)" in content and url("report_pdf", evaluation) in content
        assert "Home program (PDF)" in content and url("handout_pdf", evaluation) in content
