import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PatientFactory

LIST_URL = reverse("patients:list")


def search(client, query):
    client.post(LIST_URL, {"q": query})
    return client.get(LIST_URL)


def names_on(response):
    return {p.full_name for p in response.context["page"].object_list}


@pytest.fixture
def three_patients(clinic):
    return [
        PatientFactory(
            clinic=clinic,
            given_name="Sean",
            family_name="Gallagher",
            record_number="RPT-1001",
            date_of_birth=datetime.date(1987, 3, 14),
        ),
        PatientFactory(
            clinic=clinic,
            given_name="Craig",
            family_name="Donnelly",
            record_number="RPT-1002",
            date_of_birth=datetime.date(1972, 9, 2),
        ),
        PatientFactory(
            clinic=clinic,
            given_name="Seamus",
            family_name="Walsh",
            record_number="RPT-1003",
            date_of_birth=datetime.date(1993, 6, 21),
        ),
    ]


def test_it_lists_only_the_users_clinic(alice_client, three_patients, other_patient):
    response = alice_client.get(LIST_URL)
    assert names_on(response) == {"Sean Gallagher", "Craig Donnelly", "Seamus Walsh"}
    assert "Okafor" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sea", {"Sean Gallagher", "Seamus Walsh"}),
        ("gall", {"Sean Gallagher"}),
        ("sean gal", {"Sean Gallagher"}),
        ("rpt-1002", {"Craig Donnelly"}),
        ("1993-06-21", {"Seamus Walsh"}),
        ("14/03/1987", {"Sean Gallagher"}),
        ("nobody", set()),
    ],
)
def test_search_finds_by_name_record_number_or_date_of_birth(
    alice_client, three_patients, query, expected
):
    assert names_on(search(alice_client, query)) == expected


def test_search_never_reaches_another_clinic(alice_client, three_patients, other_patient):
    assert names_on(search(alice_client, "Maya")) == set()
    assert names_on(search(alice_client, other_patient.record_number)) == set()


def test_search_term_is_kept_out_of_the_url(alice_client, three_patients):
    response = alice_client.post(LIST_URL, {"q": "Gallagher"})
    assert response["Location"] == LIST_URL
    page = alice_client.get(LIST_URL)
    assert "Showing matches for “Gallagher”" in page.content.decode()


def test_clearing_the_search_shows_everyone_again(alice_client, three_patients):
    search(alice_client, "Gallagher")
    alice_client.post(reverse("patients:clear_search"))
    assert len(names_on(alice_client.get(LIST_URL))) == 3


def test_an_empty_search_result_says_so(alice_client, three_patients):
    response = search(alice_client, "Zebedee")
    assert "No patient matches “Zebedee”." in response.content.decode()


def test_it_paginates_25_per_page(alice_client, clinic):
    PatientFactory.create_batch(30, clinic=clinic)
    first = alice_client.get(LIST_URL)
    second = alice_client.get(LIST_URL, {"page": 2})
    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    assert "Page 2 of 2" in second.content.decode()


def test_a_nonsense_page_number_shows_a_page_not_an_error(alice_client, three_patients):
    assert alice_client.get(LIST_URL, {"page": "9999"}).status_code == 200
    assert alice_client.get(LIST_URL, {"page": "abc"}).status_code == 200


def count_list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL)
    assert response.status_code == 200
    return len(queries)


def test_the_list_runs_the_same_number_of_queries_for_10_and_200_patients(alice_client, clinic):
    PatientFactory.create_batch(10, clinic=clinic)
    with_ten = count_list_queries(alice_client)
    PatientFactory.create_batch(190, clinic=clinic)
    with_two_hundred = count_list_queries(alice_client)
    assert with_ten == with_two_hundred
    # Session, user, count, page, and the session refresh of the idle clock (with savepoints).
    assert with_ten <= 8


def test_a_user_without_a_clinic_sees_a_clear_message(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(LIST_URL)
    assert "not linked to a clinic" in response.content.decode()
    assert client.get(reverse("patients:create")).status_code == 302
