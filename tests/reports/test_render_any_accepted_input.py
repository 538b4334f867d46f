"""Every evaluation the forms accept renders both PDFs (issue 12, item 1).

Each example posts generated values to one section, drawn from what that section's form
declares (its choices, the model's ranges, free text up to its length). When the form saves
anything, the plan is made and the report and the handout are rendered through the same
functions the PDF views use. Examples are few and derandomized: the suite stays fast and a
failure reproduces.
"""

from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluations.models import SECTIONS, section_attr
from evaluations.reports.documents import render_handout, render_report
from evaluations.services.plan_review import generate_plan
from evaluations.views.pages import make_section_form
from tests.factories import make_evaluation

EXAMPLES_PER_SECTION = 3
RENDER_ANY = settings(
    max_examples=EXAMPLES_PER_SECTION,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Text a clinician might type, and text that once broke a formatter or a renderer.
TYPED = st.one_of(
    st.sampled_from(
        ["Reflexes normal", "5", "4.5", "1e309", "50 %", "{value:g}", "<b>bold</b> & 'quoted'"]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60),
)


def _number(model_field):
    low, high = model_field.valid_range
    places = getattr(model_field, "decimal_places", None) or 0
    if places:
        step = Decimal(1).scaleb(-places)
        values = st.decimals(low, high, places=places).map(lambda d: str(d.quantize(step)))
    else:
        values = st.integers(low, high).map(str)
    return st.one_of(values, st.just(""))


def value_for(section, name, form_field):
    """What a clinician could enter in one input: a choice, a number in range, or text."""
    if isinstance(form_field, forms.ChoiceField):
        return st.sampled_from([str(value) for value, _ in form_field.choices])
    model_field = next((f for f in section.finding_fields() if f.name == name), None)
    if model_field is not None and hasattr(model_field, "valid_range"):
        return _number(model_field)
    return TYPED.map(lambda typed: typed[: form_field.max_length or None])


def posts_for(section, evaluation):
    fields = make_section_form(section, getattr(evaluation, section_attr(section))).fields
    optional = {name: value_for(section, name, field) for name, field in fields.items()}
    return st.fixed_dictionaries({}, optional=optional)


@pytest.mark.django_db
@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.slug)
def test_whatever_a_section_accepts_renders_the_report_and_the_handout(
    alice_client, seeded, patient, alice, section
):
    evaluation = make_evaluation(patient, alice, symptomatic_side="right")
    url = reverse("evaluations:section", args=[evaluation.public_id, section.slug])
    model = type(getattr(evaluation, section_attr(section)))
    rendered = []

    @RENDER_ANY
    @given(data=posts_for(section, evaluation), autosave=st.booleans())
    def post(data, autosave):
        version = model.objects.get(evaluation=evaluation).version
        headers = {"HTTP_HX_REQUEST": "true"} if autosave else {}
        response = alice_client.post(url, {**data, "version": version}, **headers)
        assert response.status_code in (200, 302)
        if model.objects.get(evaluation=evaluation).version == version:
            return
        generate_plan(evaluation=evaluation)
        for render in (render_report, render_handout):
            _, content_type, pdf = render(evaluation)
            assert content_type == "application/pdf" and pdf.startswith(b"%PDF")
        rendered.append(data)

    post()
    # The generated values are the form's own: some of them must have been accepted.
    assert rendered
