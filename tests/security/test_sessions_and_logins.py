import datetime
import hashlib
import logging

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD

LOGIN = reverse("login")
PATIENTS = reverse("patients:list")


def log_in(client, username="alice", password=TEST_PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.mark.django_db
def test_the_session_id_changes_at_login(client, alice):
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    log_in(client)
    assert client.session.session_key != before


@pytest.mark.django_db
def test_logout_ends_the_session_on_the_server(client, alice):
    log_in(client)
    key = client.session.session_key
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()


@pytest.mark.django_db
def test_an_idle_session_ends_after_30_minutes(client, alice):
    log_in(client)
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    session = Session.objects.get(session_key=client.session.session_key)
    session.expire_date = timezone.now() - datetime.timedelta(seconds=1)
    session.save()
    response = client.get(PATIENTS)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_every_request_restarts_the_idle_clock(client, alice):
    log_in(client)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=2)
    )
    assert client.get(reverse("keep_alive")).status_code == 204
    remaining = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert remaining > datetime.timedelta(minutes=29)


@pytest.mark.django_db
def test_pages_carry_the_logoff_warning(alice_client):
    html = alice_client.get(PATIENTS).content.decode()
    assert 'data-session-idle="1800"' in html
    assert "you will be logged out in one minute" in html
    assert "Stay logged in" in html


@pytest.mark.django_db
def test_five_failures_lock_the_account_even_with_the_right_password(client, alice):
    for _ in range(4):
        assert log_in(client, password="wrong").status_code == 200
    # The fifth failure locks; after it even the right password is refused.
    assert log_in(client, password="wrong").status_code == 429
    locked = log_in(client)
    assert locked.status_code == 429
    assert "Too many failed log-ins" in locked.content.decode()
    assert client.get(PATIENTS).status_code == 302


@pytest.mark.django_db
def test_failures_on_other_accounts_do_not_lock_out_a_colleague(client, bob):
    for n in range(1, 6):
        assert log_in(client, username=f"nobody{n}", password="wrong").status_code == 200
    assert log_in(client, username="bob").status_code == 302


@pytest.mark.django_db
def test_the_lock_holds_the_account_at_that_address_only(client, alice):
    for _ in range(5):
        log_in(client, password="wrong")
    assert log_in(client).status_code == 429
    assert log_in(client_from("10.0.0.9")).status_code == 302


@pytest.mark.django_db
@override_settings(LOGIN_FAILURES_PER_ADDRESS=8)
def test_an_address_is_locked_after_many_failures_across_accounts(client, bob):
    for n in range(7):
        log_in(client, username=f"nobody{n}", password="wrong")
    assert log_in(client, username="bob").status_code == 302
    client.post(reverse("logout"))
    # The eighth failure from the address reaches its limit, whatever the account.
    assert log_in(client, username="nobody7", password="wrong").status_code == 429
    assert log_in(client, username="bob").status_code == 429
    assert log_in(client_from("10.0.0.9"), username="bob").status_code == 302


def proxied(client_address, forwarded_for):
    """A request through the TLS proxy at 10.0.0.1, which appends the address it saw."""
    from django.test import Client

    return Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"{forwarded_for}{client_address}")


@pytest.mark.django_db
@override_settings(BEHIND_TLS_PROXY=True)
def test_behind_the_proxy_each_client_is_locked_by_its_own_address(alice):
    for _ in range(5):
        log_in(proxied("203.0.113.5", ""), password="wrong")
    # A client cannot pose as another by sending its own X-Forwarded-For to the proxy.
    assert log_in(proxied("203.0.113.5", "203.0.113.6, ")).status_code == 429
    assert log_in(proxied("203.0.113.6", "")).status_code == 302


@pytest.mark.django_db
@override_settings(BEHIND_TLS_PROXY=False)
def test_without_the_proxy_setting_x_forwarded_for_is_ignored(alice):
    for _ in range(5):
        log_in(proxied("203.0.113.5", ""), password="wrong")
    assert log_in(proxied("203.0.113.6", "")).status_code == 429
    assert log_in(client_from("10.0.0.9")).status_code == 302


@pytest.mark.django_db
def test_expired_attempts_are_cleared_so_the_table_stays_bounded(client, alice):
    for n in range(3):
        log_in(client, username=f"nobody-{n}", password="wrong")
    assert AccessAttempt.objects.count() >= 3
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(hours=1))
    log_in(client, username="someone-else", password="wrong")
    assert AccessAttempt.objects.count() == 1


@pytest.mark.django_db
def test_failed_logins_are_logged_without_the_account_name(client, alice, caplog):
    caplog.set_level(logging.INFO)
    log_in(client, username="alice", password="wrong")
    assert "login failed account=" in caplog.text
    assert "alice" not in caplog.text
    assert "127.0.0.1" not in caplog.text


def client_from(address):
    from django.test import Client

    return Client(REMOTE_ADDR=address)


@pytest.mark.django_db
def test_the_account_digest_is_keyed_so_a_dictionary_cannot_reverse_it(client, alice, caplog):
    caplog.set_level(logging.WARNING, logger="wholebody.security")
    log_in(client, username="alice", password="wrong")
    with override_settings(SECRET_KEY="another-deployment-another-key"):
        log_in(client, username="alice", password="wrong")
    first, second = (r.getMessage() for r in caplog.records if r.name == "wholebody.security")
    unkeyed = hashlib.sha256(b"alice").hexdigest()[:12]
    assert unkeyed not in caplog.text
    # The same account under another key gives another digest, so no table maps names to it.
    assert first.startswith("login failed account=") and first != second
