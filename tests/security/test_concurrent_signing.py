"""Signing and editing at the same moment: one wins, and the stored hash always matches."""

import threading

import pytest
from django.db import connections

from evaluations.findings.saving import save_valid_findings
from evaluations.models import Evaluation, SignedNoteError
from evaluations.selectors import SECTION_ATTRS
from evaluations.services.plan_review import generate_plan
from evaluations.services.signing import sign_evaluation, verify_note
from evaluations.views.pages import make_section_form
from tests.factories import TEST_PASSWORD, make_evaluation


def loaded(pk):
    return Evaluation.objects.select_related("patient", *SECTION_ATTRS).get(pk=pk)


def race(evaluation_pk, alice, pain):
    barrier = threading.Barrier(2)
    outcome = {}

    def sign():
        barrier.wait()
        try:
            sign_evaluation(evaluation=loaded(evaluation_pk), user=alice, password=TEST_PASSWORD)
            outcome["signed"] = True
        finally:
            connections.close_all()

    def edit():
        evaluation = loaded(evaluation_pk)
        form = make_section_form(type(evaluation.history), evaluation.history, {"pain_now": pain})
        barrier.wait()
        try:
            save_valid_findings(form)
            outcome["saved"] = True
        except SignedNoteError:
            outcome["refused"] = True
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign), threading.Thread(target=edit)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcome


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(4))
def test_a_save_racing_a_signature_never_leaves_a_half_signed_note(seeded, patient, alice, round_):
    evaluation = make_evaluation(patient, alice)
    generate_plan(evaluation=evaluation)
    outcome = race(evaluation.pk, alice, str(round_ + 2))
    note = loaded(evaluation.pk)
    assert outcome.get("signed") and note.is_signed
    assert outcome.get("saved") or outcome.get("refused")
    assert verify_note(note)
    if outcome.get("refused"):
        assert note.history.pain_now is None
    else:
        assert note.history.pain_now == round_ + 2
