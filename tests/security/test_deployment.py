import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

PRODUCTION = {
    "DEBUG": False,
    "SECRET_KEY": "k7#Vq2!mZ9xR4@pL6&wN1^tY8*bF3$hJ5%cD0(eG)sA-uI+oP=rT_yU~lK<mN>bV",
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 31_536_000,
    "ALLOWED_HOSTS": ["clinic.example"],
}


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
