"""Property-based fuzz over every form: thousands of generated posts, never a server error,
and what fails validation never reaches the database."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluations.models import SECTIONS, section_attr
from evaluations.services.plan_review import generate_plan
from patients.models import Patient
from tests.factories import make_evaluation

# About 1 200 posts in all; the section forms render the whole note, so they get fewer each.
SECTION_EXAMPLES = 45
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.sampled_from(["\x00", "<script>x</script>", "' OR 1=1 --", "9" * 30, "-1", "1e309"]),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.just(""),
)


def posts_for(field_names):
    """A POST body with some of the form's own fields (and a stray one) set to hostile text."""
    known = st.dictionaries(st.sampled_from(sorted(field_names)), hostile_text, max_size=12)
    stray = st.dictionaries(st.text(min_size=1, max_size=10), hostile_text, max_size=2)
    return st.tuples(known, stray).map(lambda pair: {**pair[1], **pair[0]})


PATIENT_FIELDS = {
    "given_name", "family_name", "date_of_birth", "sex", "record_number", "phone", "email",
    "occupation", "activity", "dominant_side", "notes",
}  # fmt: skip


@pytest.mark.django_db
def test_the_patient_form_survives_any_input(alice_client, patient):
    before = model_to_dict(patient)

    @FUZZ
    @given(data=posts_for(PATIENT_FIELDS))
    def post(data):
        count = Patient.objects.count()
        created = alice_client.post(reverse("patients:create"), data)
        assert created.status_code in (200, 302)
        if created.status_code == 200:
            assert Patient.objects.count() == count
        edited = alice_client.post(reverse("patients:edit", args=[patient.public_id]), data)
        assert edited.status_code in (200, 302)
        if edited.status_code == 200:
            patient.refresh_from_db()
            assert model_to_dict(patient) == before
        else:
            # A valid edit is allowed; put the patient back for the next example.
            Patient.objects.filter(pk=patient.pk).update(
                **{k: v for k, v in before.items() if k not in ("id", "clinic")}
            )

    post()


@pytest.mark.django_db
@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.slug)
def test_every_section_survives_any_input(alice_client, patient, alice, section):
    evaluation = make_evaluation(patient, alice)
    url = reverse("evaluations:section", args=[evaluation.public_id, section.slug])
    names = {field.name for field in section.finding_fields()} | {"version"}
    if section.slug == "outcomes":
        names = {f"lefs_{n}" for n in range(1, 21)} | {"psfs_activity_1", "psfs_score_1", "version"}

    @settings(FUZZ, max_examples=SECTION_EXAMPLES)
    @given(data=posts_for(names), autosave=st.booleans())
    def post(data, autosave):
        row = type(getattr(evaluation, section_attr(section))).objects.get(evaluation=evaluation)
        before = model_to_dict(row)
        headers = {"HTTP_HX_REQUEST": "true"} if autosave else {}
        response = alice_client.post(url, data, **headers)
        assert response.status_code in (200, 302)
        if response.status_code == 200 and not autosave and response.context:
            form = next(e["form"] for e in response.context["entries"] if e["section"] is section)
            row.refresh_from_db()
            after = model_to_dict(row)
            for name in form.errors:
                if name in before:
                    assert after[name] == before[name], name

    post()


@pytest.mark.django_db
def test_the_plan_forms_survive_any_input(alice_client, seeded, patient, alice):
    evaluation = make_evaluation(patient, alice)
    evaluation.history.sitting_hours_per_day = 9
    evaluation.history.save()
    generate_plan(evaluation=evaluation)
    item = evaluation.plan_items.first()
    endpoints = [
        (reverse("evaluations:plan_item_update", args=[evaluation.public_id, item.pk]),
         {"dosing", "clinician_note", "patient_dosing", "patient_feel", "patient_stop"}),
        (reverse("evaluations:plan_item_remove", args=[evaluation.public_id, item.pk]),
         {"reason"}),
        (reverse("evaluations:plan_add_free_item", args=[evaluation.public_id]),
         {"kind", "pillar", "name", "dosing"}),
        (reverse("evaluations:plan_add_exercise", args=[evaluation.public_id]), {"code"}),
        (reverse("evaluations:referral_acknowledge", args=[evaluation.public_id]),
         {"code", "action_taken"}),
        (reverse("evaluations:addendum", args=[evaluation.public_id]), {"text"}),
        (reverse("evaluations:header", args=[evaluation.public_id]),
         {"visit_date", "visit_type", "symptomatic_side"}),
        (reverse("patients:list"), {"q"}),
    ]  # fmt: skip

    @settings(FUZZ, max_examples=150)
    @given(choice=st.sampled_from(endpoints), data=st.data())
    def post(choice, data):
        url, names = choice
        response = alice_client.post(url, data.draw(posts_for(names)))
        assert response.status_code in (200, 302), url

    post()
    assert (
        alice_client.get(reverse("evaluations:plan", args=[evaluation.public_id])).status_code
        == 200
    )
