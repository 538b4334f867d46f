"""A signed note's findings are drawn once and served from the cache, yet every view is still
logged in, scoped to the clinic and audited, and carries the viewer's own CSRF token."""

import re

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse

from evaluations.services.audit import VIEWED, history_of
from evaluations.services.plan_review import generate_plan
from evaluations.services.signing import sign_evaluation
from evaluations.views.signed_note import CSRF_PLACEHOLDER, body_key
from tests.factories import TEST_PASSWORD, answer_red_flags_negative, make_evaluation

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def note(alice, patient, seeded):
    evaluation = make_evaluation(patient, alice)
    generate_plan(evaluation=evaluation)
    evaluation = answer_red_flags_negative(evaluation)
    evaluation.refresh_from_db()
    sign_evaluation(evaluation=evaluation, user=alice, password=TEST_PASSWORD)
    evaluation.refresh_from_db()
    return evaluation


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def page(client, note, section=None):
    url = note.get_absolute_url() + (f"?section={section}" if section else "")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def without_tokens(html):
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)


def test_the_cached_page_is_the_page_drawn_afresh(alice, note):
    client = client_of(alice)
    cache.clear()
    fresh = page(client, note, "hip")
    assert cache.get(body_key(note, "hip")) is not None
    cached = page(client, note, "hip")
    assert without_tokens(cached) == without_tokens(fresh)
    assert "Signed by" in cached and 'id="section-hip"' in cached
    assert "{#" not in cached and "{% comment" not in cached


def test_another_clinics_user_gets_404_for_a_cached_note(alice, charlie, note):
    page(client_of(alice), note)
    assert cache.get(body_key(note, "history")) is not None
    assert client_of(charlie).get(note.get_absolute_url()).status_code == 404


def test_a_logged_out_visitor_is_sent_to_log_in_for_a_cached_note(alice, note):
    page(client_of(alice), note)
    response = Client().get(note.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_every_view_of_a_cached_note_is_audited(alice, bob, note):
    page(client_of(alice), note)
    before = history_of(note, event="viewed").count()
    page(client_of(bob), note)
    page(client_of(bob), note)
    views = history_of(note, event="viewed")
    assert views.count() == before + 2
    last = views.last()
    assert last.actor == bob and last.action == LogEntry.Action.ACCESS
    assert last.additional_data["event"] == VIEWED


def test_a_cached_note_carries_the_viewers_own_csrf_token(alice, bob, note):
    page(client_of(alice), note)
    viewer = client_of(bob)
    html = page(viewer, note)
    secret = viewer.cookies[settings.CSRF_COOKIE_NAME].value
    tokens = TOKEN.findall(html)
    assert CSRF_PLACEHOLDER not in html
    # The read-only section form and the addendum form both carry a token of bob's session.
    assert len(tokens) >= 2
    assert all(_unmask_cipher_token(token) == secret for token in tokens)
