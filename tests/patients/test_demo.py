import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from patients.demo import DEMO_PASSWORD
from patients.models import Clinic, Patient, User


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def test_loading_twice_adds_nothing_twice(demo, settings):
    counts = (Clinic.objects.count(), User.objects.count(), Patient.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Clinic.objects.count(), User.objects.count(), Patient.objects.count()) == counts


def test_the_demo_loader_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only when DEBUG is on"):
        call_command("load_demo")
    assert not User.objects.exists()


def log_in(client, username):
    """Through the login page, as a person would (django-axes watches every attempt)."""
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    return response.status_code == 302


def test_demo_pt_sees_riversides_four_patients_and_none_of_hillsides(demo, client):
    assert log_in(client, "demo-pt")
    response = client.get(reverse("patients:list"))
    names = {p.given_name for p in response.context["page"].object_list}
    assert names == {"Sean", "Craig", "Brendan", "Eric"}
    assert "Riverside Physical Therapy" in response.content.decode()


def test_the_loader_prints_the_demo_logins(db, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert f"demo-pt / {DEMO_PASSWORD}" in out.getvalue()


def test_every_demo_login_works(demo, client):
    for username in ("demo-pt", "demo-admin", "hillside-pt"):
        assert log_in(client, username), username
        client.post(reverse("logout"))


def test_a_second_load_keeps_what_someone_changed(demo):
    sean = Patient.objects.get(given_name="Sean")
    sean.occupation = "Changed by hand"
    sean.save()
    call_command("load_demo", stdout=io.StringIO())
    sean.refresh_from_db()
    assert sean.occupation == "Changed by hand"
