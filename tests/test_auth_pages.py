import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD


@pytest.mark.django_db
def test_logging_in_shows_the_clinic_and_the_user_in_the_navbar(client, alice):
    response = client.post(
        reverse("login"), {"username": "alice", "password": TEST_PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert "Riverside Test Clinic" in html
    assert alice.get_full_name() in html


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_message(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


@pytest.mark.django_db
def test_logging_out_ends_the_session(alice_client):
    alice_client.post(reverse("logout"))
    response = alice_client.get(reverse("patients:list"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_changing_the_password_works(alice_client, alice):
    response = alice_client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "a-brand-new-passphrase-9",
            "new_password2": "a-brand-new-passphrase-9",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-brand-new-passphrase-9")
