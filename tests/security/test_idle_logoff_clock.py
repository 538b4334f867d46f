"""The idle-logoff clock is written at most once a minute, yet an idle session still ends
between 30 and 31 minutes after the last request, whatever the pattern of requests."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from patients import idle_logoff
from tests.factories import TEST_PASSWORD

KEEP_ALIVE = reverse("keep_alive")
PATIENTS = reverse("patients:list")


class Clock:
    """The idle logoff's clock, moved on by hand."""

    def __init__(self):
        self.at = timezone.now()

    def __call__(self):
        return self.at

    def advance(self, seconds):
        self.at += datetime.timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(idle_logoff, "now", clock)
    return clock


def logged_in(client):
    response = client.post(reverse("login"), {"username": "alice", "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client.session.session_key


def expiry_of(key):
    return Session.objects.get(session_key=key).expire_date


def session_writes(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code in (200, 204)
    return sum(1 for query in queries if query["sql"].startswith('UPDATE "django_session"'))


@pytest.mark.django_db
def test_the_clock_is_written_once_a_minute_not_on_every_request(client, alice, clock):
    key = logged_in(client)
    signed_in = expiry_of(key)
    idle = datetime.timedelta(seconds=settings.SESSION_IDLE_SECONDS)
    step = datetime.timedelta(seconds=settings.IDLE_CLOCK_STEP_SECONDS)
    assert signed_in == clock.at + idle + step

    clock.advance(30)
    assert session_writes(client, PATIENTS) == 0
    clock.advance(29)
    assert session_writes(client, KEEP_ALIVE) == 0
    assert expiry_of(key) == signed_in

    clock.advance(1)
    assert session_writes(client, KEEP_ALIVE) == 1
    assert expiry_of(key) == clock.at + idle + step


@pytest.mark.django_db
def test_a_logged_out_request_writes_no_clock(client, alice, clock):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("login")).status_code == 200
    assert not any("django_session" in query["sql"] for query in queries)


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(gaps=st.lists(st.integers(min_value=0, max_value=29 * 60), min_size=1, max_size=12))
def test_an_idle_session_ends_30_to_31_minutes_after_the_last_request(client, alice, clock, gaps):
    key = logged_in(client)
    idle = datetime.timedelta(seconds=settings.SESSION_IDLE_SECONDS)
    step = datetime.timedelta(seconds=settings.IDLE_CLOCK_STEP_SECONDS)
    writes = 0
    for gap in gaps:
        clock.advance(gap)
        writes += session_writes(client, KEEP_ALIVE)
        remaining = expiry_of(key) - clock.at
        # Never before the page warns and logs out at 30 minutes, never a step later.
        assert idle < remaining <= idle + step
    # At most one write per step of clock time, plus the first.
    assert writes <= 1 + sum(gaps) // settings.IDLE_CLOCK_STEP_SECONDS
