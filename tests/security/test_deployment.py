import http.client
import io
import os
import re
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import global_settings, settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from tests.conftest import TEST_PASSWORD_HASHERS
from tests.factories import TEST_PASSWORD
from tests.url_sweep import all_url_names_with_samples

PRODUCTION = {
    "DEBUG": False,
    "SECRET_KEY": "k7#Vq2!mZ9xR4@pL6&wN1^tY8*bF3$hJ5%cD0(eG)sA-uI+oP=rT_yU~lK<mN>bV",
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 31_536_000,
    "ALLOWED_HOSTS": ["clinic.example"],
}


def production_password_hashers():
    """The hashers a production process uses: config/settings.py's, else Django's defaults."""
    import config.settings

    return getattr(config.settings, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)


def test_production_never_hashes_passwords_with_the_test_suites_fast_hasher():
    assert not set(production_password_hashers()) & set(TEST_PASSWORD_HASHERS)


def test_check_deploy_reports_nothing_with_production_settings(monkeypatch):
    # The browser tests' Playwright fixture sets this for the test process only.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    out = io.StringIO()
    with override_settings(**PRODUCTION):
        call_command("check", "--deploy", "--fail-level", "WARNING", stdout=out)
    assert "no issues" in out.getvalue()


@pytest.mark.django_db
def test_pages_carry_the_security_headers(alice_client):
    response = alice_client.get(reverse("patients:list"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_no_page_has_inline_script(alice_client, patient):
    for url in (reverse("patients:list"), patient.get_absolute_url()):
        html = alice_client.get(url).content.decode()
        assert "<script>" not in html and " onclick=" not in html


@pytest.mark.django_db
def test_a_post_without_a_csrf_token_is_refused(alice, patient):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse("patients:edit", args=[patient.public_id]), {"given_name": "X"})
    assert response.status_code == 403
    patient.refresh_from_db()
    assert patient.given_name == "Sean"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.security.urls_failing", DEBUG=False)
def test_the_error_page_shows_no_stack_trace_and_no_patient_data(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "Traceback" not in html and "Sean" not in html and "RuntimeError" not in html


@pytest.mark.django_db
def test_the_not_found_page_says_nothing_about_the_record(client, charlie, patient):
    client.force_login(charlie)
    response = client.get(patient.get_absolute_url())
    assert response.status_code == 404
    assert "not part of your clinic" in response.content.decode()
    assert patient.family_name not in response.content.decode()


# The production start `make serve` makes, run once against the test database, so a deploy
# that cannot collect its static files or serve a logged-in page never lands again.
SMOKE_HOST = "127.0.0.1"
SMOKE_START_SECONDS = 60
# The server's database sessions carry this name, so the test can wait for them to end.
SMOKE_APPLICATION = "wholebody-smoke-test"


def _free_port():
    with socket.socket() as probe:
        probe.bind((SMOKE_HOST, 0))
        return probe.getsockname()[1]


def _database_url(settings_dict):
    user = quote(settings_dict["USER"] or "")
    password = f":{quote(settings_dict['PASSWORD'])}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    name = settings_dict["NAME"]
    return f"postgres://{user}{password}@{host}:{port}/{name}?application_name={SMOKE_APPLICATION}"


def _production_env(static_root, database_url):
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": PRODUCTION["SECRET_KEY"],
        "ALLOWED_HOSTS": SMOKE_HOST,
        "DATABASE_URL": database_url,
        "STATIC_MANIFEST": "1",
        "STATIC_ROOT": str(static_root),
        # The test plays the TLS proxy: it sends X-Forwarded-Proto, so secure cookies,
        # HTTPS redirects and the CSRF origin check all run as in production.
        "BEHIND_TLS_PROXY": "1",
        "SECURE_SSL_REDIRECT": "1",
        # Close each connection after its request, so the test database can be dropped.
        "CONN_MAX_AGE": "0",
    }


def _wait_until_listening(server, port):
    deadline = time.monotonic() + SMOKE_START_SECONDS
    while time.monotonic() < deadline:
        try:
            socket.create_connection((SMOKE_HOST, port), timeout=1).close()
            return
        except OSError:
            try:
                # Waiting on the process, not a blind sleep: it also notices an early exit.
                server.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"gunicorn exited with {server.returncode}: {server.stderr.read()}")
    pytest.fail(f"gunicorn did not listen on port {port} within {SMOKE_START_SECONDS} s")


def _wait_until_disconnected(connection):
    """The server's database sessions end a moment after it exits; the test database's
    teardown can drop the database only once they have."""
    deadline = time.monotonic() + SMOKE_START_SECONDS
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND application_name = %s",
                [SMOKE_APPLICATION],
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)
    pytest.fail("gunicorn's database sessions did not end")


class _Browser:
    """Just enough of a browser behind a TLS proxy: keeps cookies, sends proxy headers."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None):
        connection = http.client.HTTPConnection(SMOKE_HOST, self.port, timeout=30)
        headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "198.51.100.7",
            "Origin": f"https://{SMOKE_HOST}:{self.port}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(body)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response, content


@pytest.mark.deployment
@pytest.mark.django_db(transaction=True)
def test_the_production_start_serves_a_logged_in_page_and_its_static_files(alice, tmp_path):
    from django.db import connection

    assert connection.vendor == "postgresql", "the smoke start needs the PostgreSQL test database"
    # The server is a production process: alice's password is hashed as production hashes it.
    with override_settings(PASSWORD_HASHERS=production_password_hashers()):
        alice.set_password(TEST_PASSWORD)
    alice.save(update_fields=["password"])
    env = _production_env(tmp_path / "static", _database_url(connection.settings_dict))
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    collected = subprocess.run(
        [*manage, "collectstatic", "--noinput", "--verbosity", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collected.returncode == 0, collected.stderr

    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        # No control socket: its one path per machine would be taken from a running server.
        [
            str(gunicorn),
            "config.wsgi",
            f"--bind={SMOKE_HOST}:{port}",
            "--workers=1",
            "--no-control-socket",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_listening(server, port)
        browser = _Browser(port)
        login_page, html = browser.request("GET", "/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        logged_in, _ = browser.request(
            "POST",
            "/login/",
            {"csrfmiddlewaretoken": token, "username": "alice", "password": TEST_PASSWORD},
        )
        patients, page = browser.request("GET", "/patients/")
        stylesheet = re.search(r'href="(/static/vendor/bootstrap[^"]+\.css)"', page).group(1)
        static, _ = browser.request("GET", stylesheet)
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()
        _wait_until_disconnected(connection)

    assert login_page.status == 200
    assert logged_in.status == 302 and logged_in.getheader("Location") == "/patients/"
    assert patients.status == 200 and "Riverside Test Clinic" in page
    assert "no-store" in patients.getheader("Cache-Control")
    # The manifest names every file by its hash, so it may be cached for a long time.
    assert static.status == 200 and re.search(r"\.[0-9a-f]{12}\.css$", stylesheet)
    assert "max-age=315360000" in static.getheader("Cache-Control")


@pytest.mark.django_db
def test_no_page_a_logged_in_user_gets_may_be_stored_by_a_cache(client, bob, patient):
    from evaluations.services import start_evaluation

    evaluation = start_evaluation(patient=patient, clinician=bob)
    ids = {"patients": patient.public_id, "evaluations": evaluation.public_id}
    client.force_login(bob)
    swept = []
    for name, url in all_url_names_with_samples(lambda name, arg: ids.get(name.split(":")[0])):
        if name == "logout":
            continue
        response = client.get(url)
        # Whatever the answer (page, redirect, 404, PDF), a shared computer keeps no copy.
        cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        assert {"no-store", "private"} <= cache_control, (name, response.status_code)
        swept.append(name)
    assert {"patients:list", "patients:detail", "evaluations:detail"} <= set(swept)
