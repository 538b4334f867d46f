"""Writes racing a signature, and writes racing each other, in a fixed order each time.

Two threads with their own database connections. The first ("holder") does its whole write
inside a transaction and keeps it open; the second ("waiter") starts its own write, and the
main thread watches pg_locks from a third connection until the waiter's backend is waiting
for a lock. Only then does the holder commit. No sleeps: the order is the same every round.
"""

import threading
import time
from dataclasses import dataclass, field

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from evaluations.forms import EvaluationHeaderForm
from evaluations.models import Evaluation, Exercise, PlanItem, SignedNoteError
from evaluations.reports.documents import DOCUMENTS, PDF
from evaluations.selectors import SECTION_ATTRS
from evaluations.services.plan_review import (
    ALREADY_IN_PLAN,
    PlanReviewError,
    add_free_item,
    add_library_exercise,
    generate_plan,
    update_item,
)
from evaluations.services.section_saving import save_valid_findings
from evaluations.services.signing import SigningRefused, sign_evaluation, verify_note
from evaluations.views.pages import make_section_form
from tests.evaluations.test_plan_review import eric_like
from tests.factories import TEST_PASSWORD, answer_red_flags_negative, make_evaluation

ROUNDS_PER_ORDER = 100  # 200 rounds of save against signature in all
LOCK_WAIT_LIMIT = 30  # seconds; only reached when the waiter never blocks (a failure)


def loaded(pk):
    return Evaluation.objects.select_related("patient", *SECTION_ATTRS).get(pk=pk)


def _backend_pid():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _wait_until_blocked(pid):
    """Poll pg_locks until the backend waits for a lock; each query is the poll's tick."""
    deadline = time.monotonic() + LOCK_WAIT_LIMIT
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT 1 FROM pg_locks WHERE pid = %s AND NOT granted", [pid])
            if cursor.fetchone():
                return
    raise AssertionError("the second transaction never waited for the note's lock")


@dataclass
class Outcome:
    holder: object = None
    waiter: object = None
    errors: list = field(default_factory=list)


def in_order(holder, waiter):
    """Run holder() in a transaction held open until waiter() blocks on a lock; then commit."""
    outcome = Outcome()
    holder_done, waiter_pid_known, release = (threading.Event() for _ in range(3))
    waiter_pid = []

    def run_holder():
        try:
            with transaction.atomic():
                outcome.holder = holder()
                holder_done.set()
                release.wait(LOCK_WAIT_LIMIT)
        except Exception as error:  # reported to the main thread, which fails the test
            outcome.errors.append(error)
        finally:
            holder_done.set()
            connections.close_all()

    def run_waiter():
        try:
            waiter_pid.append(_backend_pid())
            holder_done.wait(LOCK_WAIT_LIMIT)
            waiter_pid_known.set()
            outcome.waiter = waiter()
        except Exception as error:
            outcome.errors.append(error)
        finally:
            waiter_pid_known.set()
            connections.close_all()

    threads = [threading.Thread(target=run_holder), threading.Thread(target=run_waiter)]
    for thread in threads:
        thread.start()
    waiter_pid_known.wait(LOCK_WAIT_LIMIT)
    try:
        if not outcome.errors:
            _wait_until_blocked(waiter_pid[0])
    finally:
        release.set()
        for thread in threads:
            thread.join(LOCK_WAIT_LIMIT)
    assert not outcome.errors, outcome.errors
    return outcome


def stand_in_pdf(note, kind):
    return f"{kind}.pdf", PDF, f"%PDF-1.7 {kind} of {note.public_id}".encode()


@pytest.fixture
def stand_in_documents(alice, monkeypatch):
    """Two hundred signatures: stand-ins for the PDFs signing stores keep rounds about the locks.

    They are still stored and hashed; WeasyPrint would add seconds a round, and
    tests/reports/test_frozen_documents.py renders the real ones.
    """
    for kind in DOCUMENTS:
        monkeypatch.setitem(DOCUMENTS, kind, lambda note, kind=kind: stand_in_pdf(note, kind))
    return alice


def signable(patient, alice):
    """A draft note that passes every pre-sign check, made in a few queries."""
    evaluation = answer_red_flags_negative(make_evaluation(patient, alice))
    Evaluation.objects.filter(pk=evaluation.pk).update(plan_generated_at=timezone.now())
    return loaded(evaluation.pk)


def sign(pk, alice):
    def run():
        try:
            sign_evaluation(evaluation=loaded(pk), user=alice, password=TEST_PASSWORD)
        except SigningRefused as refused:
            return str(refused)
        return "signed"

    return run


def refused_if_signed(write):
    def run():
        try:
            write()
        except SignedNoteError:
            return "refused"
        return "saved"

    return run


def save_pain(pk, pain):
    def write():
        evaluation = loaded(pk)
        form = make_section_form(type(evaluation.history), evaluation.history, {"pain_now": pain})
        save_valid_findings(form)

    return refused_if_signed(write)


def save_header(pk, side):
    def write():
        evaluation = loaded(pk)
        data = {
            "visit_date": evaluation.visit_date.isoformat(),
            "visit_type": evaluation.visit_type,
            "symptomatic_side": side,
        }
        form = EvaluationHeaderForm(data, instance=evaluation)
        assert form.is_valid(), form.errors
        form.save()

    return refused_if_signed(write)


def update_dosing(pk, dosing):
    def write():
        item = PlanItem.objects.get(evaluation_id=pk)
        update_item(item=item, dosing=dosing, clinician_note="")

    return refused_if_signed(write)


def add_item(pk, name):
    def write():
        add_free_item(evaluation=loaded(pk), kind="education", pillar=4, name=name, dosing="Once")

    return refused_if_signed(write)


def check_round(pk, outcome, stored_value, expected):
    """The signature holds the save, or the save was refused; the hash matches either way."""
    note = loaded(pk)
    signed = "signed" in (outcome.holder, outcome.waiter)
    saved = "saved" in (outcome.holder, outcome.waiter)
    assert signed and note.is_signed
    assert saved != ("refused" in (outcome.holder, outcome.waiter))
    assert (stored_value(note) == expected) == saved
    assert verify_note(note)


@pytest.mark.django_db(transaction=True)
def test_a_section_save_and_a_signature_never_interleave_in_either_order(
    seeded, patient, stand_in_documents
):
    alice = stand_in_documents
    for round_ in range(2 * ROUNDS_PER_ORDER):
        pk = signable(patient, alice).pk
        pain = str(round_ % 10)
        if round_ % 2:
            outcome = in_order(holder=sign(pk, alice), waiter=save_pain(pk, pain))
            assert (outcome.holder, outcome.waiter) == ("signed", "refused")
        else:
            outcome = in_order(holder=save_pain(pk, pain), waiter=sign(pk, alice))
            assert (outcome.holder, outcome.waiter) == ("saved", "signed")
        check_round(pk, outcome, lambda note: note.history.pain_now, int(pain))


# A new note copies the last side: each round changes it. Not "both": symptoms in both legs
# prompt the cauda equina questions (R0c), which signing waits for.
SIDES = ["left", "right", ""]

WRITES = {
    # name: (write factory, the value round n stores, how to read it back)
    "header": (save_header, lambda n: SIDES[n % 3], lambda note: note.symptomatic_side),
    "item dosing": (
        update_dosing,
        lambda n: f"{n + 2} × 6",
        lambda note: note.plan_items.get(origin=PlanItem.Origin.CLINICIAN).dosing,
    ),
    "item added": (
        add_item,
        lambda n: f"Sleep advice {n}",
        lambda note: note.plan_items.exclude(name="Pacing").values_list("name", flat=True).first(),
    ),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("write", WRITES)
def test_every_note_write_waits_for_or_loses_to_a_signature(
    seeded, patient, stand_in_documents, write
):
    alice = stand_in_documents
    make_write, value, stored_value = WRITES[write]
    for round_ in range(10):
        note = signable(patient, alice)
        add_free_item(evaluation=note, kind="education", pillar=4, name="Pacing", dosing="Daily")
        if round_ % 2:
            outcome = in_order(
                holder=sign(note.pk, alice), waiter=make_write(note.pk, value(round_))
            )
        else:
            outcome = in_order(
                holder=make_write(note.pk, value(round_)), waiter=sign(note.pk, alice)
            )
        check_round(note.pk, outcome, stored_value, value(round_))


@pytest.mark.django_db(transaction=True)
def test_make_plan_twice_at_once_makes_one_plan(seeded, patient, alice):
    evaluation = eric_like(patient, alice)

    def make_plan():
        return generate_plan(evaluation=loaded(evaluation.pk))

    outcome = in_order(holder=make_plan, waiter=make_plan)
    assert (outcome.holder, outcome.waiter) == (True, False)
    codes = list(PlanItem.objects.filter(evaluation=evaluation).values_list("code", flat=True))
    assert codes
    assert len(codes) == len(set(codes))


@pytest.mark.django_db(transaction=True)
def test_add_exercise_twice_at_once_adds_one_copy(seeded, patient, alice):
    evaluation = make_evaluation(patient, alice)
    exercise = Exercise.objects.get(code="side_plank")

    def add():
        try:
            add_library_exercise(evaluation=loaded(evaluation.pk), exercise=exercise)
        except PlanReviewError as refused:
            return str(refused)
        return "added"

    outcome = in_order(holder=add, waiter=add)
    assert outcome.holder == "added"
    assert outcome.waiter == ALREADY_IN_PLAN.format(name=exercise.name)
    assert PlanItem.objects.filter(evaluation=evaluation, code="side_plank").count() == 1
