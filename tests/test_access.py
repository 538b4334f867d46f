"""Login everywhere, and one clinic never sees another's patients."""

import pytest
from django.urls import reverse

from evaluations.models import Evaluation
from evaluations.services import start_evaluation
from tests.url_sweep import all_url_names_with_samples

PUBLIC = {"login", "logout", "admin:login"}
LOGIN_URL = reverse("login")
ADMIN_LOGIN_URL = reverse("admin:login")


def private_urls():
    return [(name, url) for name, url in all_url_names_with_samples() if name not in PUBLIC]


def test_the_sweep_covers_the_patient_pages():
    names = {name for name, _ in private_urls()}
    assert {"patients:list", "patients:detail", "patients:edit", "patients:create"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_requests_to_every_url_are_sent_to_login(client, method):
    for name, url in private_urls():
        response = getattr(client, method)(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith((f"{LOGIN_URL}?next=", ADMIN_LOGIN_URL)), name


def record_urls(patient, evaluation):
    """Every URL that names the patient or their evaluation, with their real ids."""
    ids = {"patients": patient.public_id, "evaluations": evaluation.public_id}

    def real_id(name, arg):
        return ids.get(name.split(":")[0]) if arg == "public_id" else None

    return [
        (name, url)
        for name, url in all_url_names_with_samples(real_id)
        if any(str(public_id) in url for public_id in ids.values())
    ]


@pytest.fixture
def evaluation(patient, alice):
    return start_evaluation(patient=patient, clinician=alice)


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_every_record_url_of_another_clinic_is_404(client, charlie, patient, evaluation, method):
    client.force_login(charlie)
    urls = record_urls(patient, evaluation)
    assert {"patients:detail", "evaluations:detail", "evaluations:section"} <= {n for n, _ in urls}
    for name, url in urls:
        response = getattr(client, method)(url, {"given_name": "Hijacked", "pain_now": "9"})
        # A method the page does not take is 405 before any lookup, which reveals nothing either.
        assert response.status_code in (404, 405), name
        assert patient.family_name not in response.content.decode(), name
    patient.refresh_from_db()
    evaluation.history.refresh_from_db()
    assert patient.given_name == "Sean"
    assert evaluation.history.pain_now is None
    assert Evaluation.objects.count() == 1


@pytest.mark.django_db
def test_the_same_urls_work_for_the_patients_own_clinic(client, bob, patient, evaluation):
    client.force_login(bob)
    for name, url in record_urls(patient, evaluation):
        assert client.get(url).status_code in (200, 405), name


@pytest.mark.django_db
def test_urls_carry_an_opaque_id_not_a_name_or_serial(alice_client, patient):
    url = patient.get_absolute_url()
    assert str(patient.public_id) in url
    assert patient.given_name not in url
    assert f"/{patient.pk}/" not in url
