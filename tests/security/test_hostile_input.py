"""Stored XSS, SQL-like text and NUL bytes: escaped on every page, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse

from config.security_middleware import ONLY_UTF8_BODIES
from evaluations.models import Addendum, PlanItem
from evaluations.services.plan_review import generate_plan
from evaluations.services.signing import add_addendum, sign_evaluation
from patients.models import Patient
from tests.factories import TEST_PASSWORD, answer_red_flags_negative, make_evaluation

SCRIPT = "<script>alert('x')</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
SQL = "Robert'); DROP TABLE patients_patient;--"
NUL = "before\x00after"


@pytest.fixture
def hostile_note(seeded, patient, alice):
    patient.notes = SCRIPT + ATTRIBUTE
    patient.occupation = ATTRIBUTE
    patient.save()
    evaluation = make_evaluation(patient, alice)
    evaluation.history.aggravating_factors = SCRIPT
    evaluation.history.occupation = ATTRIBUTE
    evaluation.history.sitting_hours_per_day = 9
    evaluation.history.save()
    generate_plan(evaluation=evaluation)
    item = evaluation.plan_items.first()
    item.clinician_note = ATTRIBUTE + SCRIPT
    item.save()
    answer_red_flags_negative(evaluation)
    sign_evaluation(evaluation=evaluation, user=alice, password=TEST_PASSWORD)
    add_addendum(evaluation=evaluation, author=alice, text=SCRIPT + ATTRIBUTE)
    return evaluation


def test_stored_markup_comes_back_escaped_on_every_page(alice_client, hostile_note):
    pages = [
        reverse("patients:list"),
        hostile_note.patient.get_absolute_url(),
        reverse("patients:edit", args=[hostile_note.patient.public_id]),
        hostile_note.get_absolute_url(),
        reverse("evaluations:plan", args=[hostile_note.public_id]),
    ]
    for url in pages:
        html = alice_client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x onerror" not in html, url
    note_page = alice_client.get(hostile_note.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in note_page


@pytest.mark.parametrize("text", [SQL, NUL, "%00", "' OR '1'='1", "\u202e\ufeff", "😀" * 50])
def test_odd_text_in_the_patient_form_never_breaks_a_page(alice_client, text):
    data = {
        "given_name": text,
        "family_name": text,
        "date_of_birth": "1980-01-01",
        "sex": "male",
        "record_number": text[:40],
        "dominant_side": "right",
        "notes": text,
    }
    response = alice_client.post(reverse("patients:create"), data)
    assert response.status_code in (200, 302)
    if "\x00" in text:
        assert response.status_code == 200
        assert "Null characters are not allowed." in response.content.decode()
        assert not Patient.objects.exists()


@pytest.mark.parametrize("text", [SQL, NUL, SCRIPT])
def test_odd_text_in_search_and_sections_never_breaks_a_page(alice_client, patient, alice, text):
    alice_client.post(reverse("patients:list"), {"q": text})
    assert alice_client.get(reverse("patients:list")).status_code == 200
    evaluation = make_evaluation(patient, alice)
    for slug, field in (("history", "aggravating_factors"), ("neural", "neuro_notes")):
        url = reverse("evaluations:section", args=[evaluation.public_id, slug])
        assert alice_client.post(url, {field: text}).status_code in (200, 302)
        assert alice_client.post(url, {field: text}, HTTP_HX_REQUEST="true").status_code == 200
    search = reverse("evaluations:exercise_search", args=[evaluation.public_id])
    assert alice_client.get(search, {"q": text}).status_code == 200


@pytest.mark.parametrize("text", [NUL, SQL, "x" * 6000])
def test_odd_text_in_plan_forms_and_addenda_is_refused_or_kept_safely(
    alice_client, seeded, patient, alice, text
):
    evaluation = make_evaluation(patient, alice)
    evaluation.history.sitting_hours_per_day = 9
    evaluation.history.save()
    generate_plan(evaluation=evaluation)
    item = evaluation.plan_items.first()
    posts = [
        ("plan_item_update", [item.pk], {"dosing": text, "clinician_note": text}),
        ("plan_item_remove", [item.pk], {"reason": text}),
        ("plan_add_free_item", [], {"kind": "education", "pillar": "4", "name": text}),
        ("plan_add_exercise", [], {"code": text}),
        ("referral_acknowledge", [], {"code": "RF_CES", "action_taken": text}),
        ("addendum", [], {"text": text}),
        ("sign", [], {"password": text}),
    ]
    for name, args, data in posts:
        url = reverse(f"evaluations:{name}", args=[evaluation.public_id, *args])
        assert alice_client.post(url, data).status_code in (200, 302), name
    item.refresh_from_db()
    stored = (item.dosing, item.clinician_note, item.removed_reason)
    assert all("\x00" not in value and len(value) <= 500 for value in stored)
    assert not Addendum.objects.exists()
    assert not any("\x00" in name for name in PlanItem.objects.values_list("name", flat=True))


def post_in_charset(client, url, body, charset):
    """A form post as a browser sends it, CSRF token included, declaring `charset`."""
    client.get(url)
    token = client.cookies["csrftoken"].value
    # generic() sends the bytes as they are; post() would encode them in the charset.
    return client.generic(
        "POST",
        url,
        f"csrfmiddlewaretoken={token}&{body}".encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "no-such-charset"])
def test_a_form_post_in_another_charset_is_refused_before_the_csrf_check(alice, charset):
    # As in a browser: the CSRF check reads the body, which is where a 500 came from.
    client = Client(enforce_csrf_checks=True)
    login = post_in_charset(client, reverse("login"), "username=alice&password=x", charset)
    assert login.status_code == 400
    assert ONLY_UTF8_BODIES in login.content.decode()
    client.force_login(alice)
    form = post_in_charset(client, reverse("patients:create"), "given_name=Sean", charset)
    assert form.status_code == 400
    assert not Patient.objects.exists()


@pytest.mark.django_db
def test_a_form_post_declaring_utf8_is_read_as_usual(client, alice):
    response = client.post(
        reverse("login"),
        f"username=alice&password={TEST_PASSWORD}",
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code == 302
