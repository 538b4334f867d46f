"""Red-flag prompts: recorded findings that point at a question answered no or not asked
(the engine's cross-checks R0a–R0e), and the clinician's fresh answer to each question.

An answer given from a prompt is kept per question with the findings it was given against.
A clinician who changes a cited finding afterwards (another age, another distance) is asked
again, because the answer was about other facts; a change anywhere else keeps the answer.
"""

from dataclasses import dataclass

from django.db import transaction

from evaluations.models import Evaluation, RedFlagConfirmation, RedFlagScreen, lock_draft_note
from evaluations.models.fields import Answer
from evaluations.plan.rules.cross_checks import red_flag_prompts
from evaluations.selectors import SECTION_ATTRS
from evaluations.services.snapshot_builder import build_snapshot

ANSWER_EVERY_QUESTION = "Answer each question yes or no."
NO_LONGER_PROMPTED = "The findings no longer point at these questions; nothing was changed."
ASKED_AGAIN = "Recorded: {answers}."


class PromptRefused(Exception):
    """The answers could not be recorded; the message says why."""


def question_label(name):
    return RedFlagScreen._meta.get_field(name).verbose_name


@dataclass(frozen=True)
class PromptQuestion:
    name: str
    label: str
    answer: str
    confirmation: RedFlagConfirmation | None

    @property
    def current(self):
        return dict(Answer.choices).get(self.answer, "not asked")


@dataclass(frozen=True)
class PromptView:
    """One prompt as the pages show it: its findings, its questions, and what is still open."""

    rule_id: str
    flag: str
    findings: tuple[str, ...]
    reason: str
    source_keys: tuple[str, ...]
    questions: tuple[PromptQuestion, ...]

    @property
    def open(self):
        return any(question.confirmation is None for question in self.questions)


def _cited_findings(prompts):
    """Per question, every finding that points at it (two cross-checks may share one)."""
    cited = {}
    for prompt in prompts:
        for question in prompt.questions:
            cited.setdefault(question, [])
            cited[question] += [f for f in prompt.findings if f not in cited[question]]
    return cited


def prompt_views(evaluation, snapshot=None):
    """The prompts of the evaluation's saved findings, each question with its valid answer.

    An answer from a prompt counts only while the screen still says it and the findings it
    was given against are still the ones cited.
    """
    snapshot = snapshot if snapshot is not None else build_snapshot(evaluation)
    prompts = red_flag_prompts(snapshot)
    if not prompts:
        return []
    cited = _cited_findings(prompts)
    confirmations = {
        c.question: c for c in evaluation.red_flag_confirmations.select_related("confirmed_by")
    }
    screen = evaluation.red_flags
    views = []
    for prompt in prompts:
        questions = []
        for name in prompt.questions:
            answer = getattr(screen, name)
            confirmation = confirmations.get(name)
            if confirmation is not None and (
                confirmation.answer != answer or confirmation.findings != cited[name]
            ):
                confirmation = None
            questions.append(PromptQuestion(name, question_label(name), answer, confirmation))
        views.append(
            PromptView(
                prompt.rule_id,
                prompt.flag,
                prompt.findings,
                prompt.reason,
                prompt.source_keys,
                tuple(questions),
            )
        )
    return views


def open_prompt_questions(evaluation):
    """The questions the findings point at that were not answered again since."""
    return [
        question
        for view in prompt_views(evaluation)
        for question in view.questions
        if question.confirmation is None
    ]


@transaction.atomic
def answer_prompt(*, evaluation, rule_id, answers, by):
    """Record the clinician's fresh yes or no to each question of one prompt.

    The screen takes the answers (a yes raises the red flag), and each answer is kept with
    the findings the prompt named.
    """
    lock_draft_note(evaluation.pk)
    note = Evaluation.objects.select_related("patient", *SECTION_ATTRS).get(pk=evaluation.pk)
    prompts = red_flag_prompts(build_snapshot(note))
    prompt = next((p for p in prompts if p.rule_id == rule_id), None)
    if prompt is None:
        raise PromptRefused(NO_LONGER_PROMPTED)
    if any(answers.get(name) not in Answer.values for name in prompt.questions):
        raise PromptRefused(ANSWER_EVERY_QUESTION)
    cited = _cited_findings(prompts)
    screen = note.red_flags
    for name in prompt.questions:
        setattr(screen, name, answers[name])
    screen.version += 1
    screen.save(update_fields=[*prompt.questions, "version", "updated_at"])
    for name in prompt.questions:
        RedFlagConfirmation.objects.update_or_create(
            evaluation=note,
            question=name,
            defaults={"answer": answers[name], "findings": cited[name], "confirmed_by": by},
        )
    return ASKED_AGAIN.format(
        answers="; ".join(
            f"{question_label(name)}: {dict(Answer.choices)[answers[name]].lower()}"
            for name in prompt.questions
        )
    )
