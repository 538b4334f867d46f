import datetime
from unittest import mock

import psycopg
import pytest
from django.db import InterfaceError, connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.database_outage import DATABASE_UNAVAILABLE
from evaluations.models import SECTIONS, Evaluation, section_attr
from evaluations.plan.rules.red_flags import RED_FLAGS
from evaluations.services.section_saving import CONFLICT
from evaluations.views.evaluation import AUTOSAVE_OUTCOME
from tests.factories import make_evaluation

HTMX = {"HTTP_HX_REQUEST": "true"}
AVULSION = next(flag for flag in RED_FLAGS if flag.code == "RF_AVULSION")


@pytest.fixture
def evaluation(patient, alice):
    return make_evaluation(patient, alice, symptomatic_side="left")


def section_url(evaluation, slug):
    return reverse("evaluations:section", args=[evaluation.public_id, slug])


def test_new_evaluation_starts_a_draft_with_every_section(alice_client, patient):
    response = alice_client.post(reverse("patients:start_evaluation", args=[patient.public_id]))
    evaluation = Evaluation.objects.get()
    assert response["Location"] == evaluation.get_absolute_url()
    assert evaluation.status == Evaluation.Status.DRAFT
    assert evaluation.visit_type == Evaluation.VisitType.INITIAL
    assert evaluation.hip.recorded_count() == 0
    page = alice_client.get(evaluation.get_absolute_url()).content.decode()
    for title in ("History and symptoms", "Red-flag screen", "Hip", "Pelvis / SIJ", "Gait"):
        assert title in page


def test_a_second_evaluation_defaults_to_follow_up_on_the_same_side(alice_client, evaluation):
    alice_client.post(reverse("patients:start_evaluation", args=[evaluation.patient.public_id]))
    latest = Evaluation.objects.exclude(pk=evaluation.pk).get()
    assert latest.visit_type == Evaluation.VisitType.FOLLOW_UP
    assert latest.symptomatic_side == "left"


def test_the_patient_page_lists_evaluations(alice_client, evaluation):
    page = alice_client.get(evaluation.patient.get_absolute_url()).content.decode()
    assert evaluation.get_absolute_url() in page
    assert "Draft" in page


def test_saving_a_section_keeps_left_and_right_and_not_tested(alice_client, evaluation):
    response = alice_client.post(
        section_url(evaluation, "hip"),
        {"rom_flexion_left": "110", "rom_flexion_right": "125", "mmt_hip_flexors_right": "4-"},
    )
    assert response.status_code == 302
    evaluation.hip.refresh_from_db()
    assert (evaluation.hip.rom_flexion_left, evaluation.hip.rom_flexion_right) == (110, 125)
    assert evaluation.hip.mmt_hip_flexors_right == "4-"
    # An untouched test stays "not tested", never "negative".
    assert evaluation.hip.faber_left == ""
    assert evaluation.hip.thomas_positive_left == ""


@pytest.mark.parametrize(
    ("slug", "field", "value", "message"),
    [
        ("hip", "rom_flexion_left", "150", "Enter a value from 0 to 140°."),
        ("hip", "rom_extension_right", "-25", "Enter a value from -20 to 40°."),
        ("core", "mcgill_flexion_s", "601", "Enter a value from 0 to 600 s."),
        ("function", "load_test_pain", "11", "Enter a value from 0 to 10."),
        ("history", "previous_hamstring_strains", "-1", "Enter a value from 0 to 50 strains."),
        ("hip", "rom_flexion_left", "ninety", "Enter a whole number."),
        ("foot", "knee_to_wall_cm_left", "abc", "Enter a number."),
        ("hip", "mmt_hip_flexors_left", "6", "Select a valid choice."),
        ("pelvis", "sij_gaenslen", "maybe", "Select a valid choice."),
        ("history", "occupation", "x" * 201, "Ensure this value has at most 200 characters"),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field_and_the_rest_is_saved(
    alice_client, evaluation, slug, field, value, message
):
    other = "pain_now" if slug == "history" else None
    data = {field: value}
    if other:
        data[other] = "4"
    response = alice_client.post(section_url(evaluation, slug), data)
    assert response.status_code == 200
    html = response.content.decode()
    error_id = f"err-id_{slug}_{field}"
    assert f'<div id="{error_id}"' in html
    error_block = html.split(f'<div id="{error_id}"', 1)[1].split("</div>", 1)[0]
    assert message in error_block.replace("&#x27;", "'")
    assert f'value="{value}"' in html or value in html
    if other:
        evaluation.history.refresh_from_db()
        assert evaluation.history.pain_now == 4


def test_autosave_answers_with_the_status_errors_and_derived_figures(alice_client, evaluation):
    response = alice_client.post(
        section_url(evaluation, "hip"),
        {
            "hhd_hip_flexors_n_left": "180",
            "hhd_hip_flexors_n_right": "240",
            "rom_flexion_left": "999",
        },
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 field needs attention; the rest is saved" in html
    error = html.split('id="err-id_hip_rom_flexion_left"', 1)[1].split("</div>", 1)[0]
    assert 'hx-swap-oob="true"' in error
    assert error.endswith(">Enter a value from 0 to 140°.")
    # Left is the symptomatic side: 180 / 240 = 75 %, flagged under 90 %.
    assert 'id="lsi-hhd_hip_flexors_n"' in html
    assert "75 %" in html
    evaluation.hip.refresh_from_db()
    assert evaluation.hip.hhd_hip_flexors_n_left == 180
    assert evaluation.hip.rom_flexion_left is None


def test_a_saved_value_is_shown_after_reload(alice_client, evaluation):
    alice_client.post(section_url(evaluation, "neural"), {"slr_angle_right": "65"}, **HTMX)
    page = alice_client.get(evaluation.get_absolute_url(), {"section": "neural"}).content.decode()
    assert 'name="slr_angle_right" value="65"' in page


def test_other_sections_load_their_form_when_opened(alice_client, evaluation):
    page = alice_client.get(evaluation.get_absolute_url()).content.decode()
    assert 'id="id_history_pain_now"' in page
    assert 'id="id_hip_rom_flexion_left"' not in page
    url = reverse("evaluations:section_form", args=[evaluation.public_id, "hip"])
    assert f'hx-get="{url}"' in page
    partial = alice_client.get(url).content.decode()
    assert 'id="id_hip_rom_flexion_left"' in partial
    assert (
        alice_client.get(
            reverse("evaluations:section_form", args=[evaluation.public_id, "elbow"])
        ).status_code
        == 404
    )


def test_an_unknown_section_is_404(alice_client, evaluation):
    assert alice_client.post(section_url(evaluation, "elbow"), {}).status_code == 404


def test_a_visit_date_in_the_future_is_refused_next_to_the_field(alice_client, evaluation):
    future = datetime.date.today() + datetime.timedelta(days=3)
    response = alice_client.post(
        reverse("evaluations:header", args=[evaluation.public_id]),
        {"visit_date": future.isoformat(), "visit_type": "initial", "symptomatic_side": "right"},
    )
    assert "The visit date cannot be in the future." in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.visit_date == datetime.date.today()
    assert evaluation.symptomatic_side == "left"


def test_outcome_questionnaires_are_scored_as_answered(alice_client, evaluation):
    data = {f"lefs_{n}": "3" for n in range(1, 21)}
    data |= {f"odi_{n}": "2" for n in range(1, 9)}
    data |= {"psfs_activity_1": "Running 5 km", "psfs_score_1": "4"}
    response = alice_client.post(section_url(evaluation, "outcomes"), data, **HTMX)
    html = response.content.decode()
    assert "LEFS:</strong> 60/80 (75 % function)" in html
    # Two sections skipped: 16 / (5 × 8) = 40 %.
    assert "Oswestry:</strong> 40 % — moderate disability (8 of 10 sections)" in html
    evaluation.outcomes.refresh_from_db()
    assert evaluation.outcomes.psfs_items == [{"activity": "Running 5 km", "score": 4}]
    assert evaluation.outcomes.odi_answers[8:] == [None, None]


def test_a_psfs_score_without_an_activity_is_refused(alice_client, evaluation):
    response = alice_client.post(section_url(evaluation, "outcomes"), {"psfs_score_2": "5"})
    assert "Name the activity this score is for." in response.content.decode()


def test_a_signed_evaluation_refuses_section_saves(alice_client, evaluation):
    Evaluation.objects.filter(pk=evaluation.pk).update(status=Evaluation.Status.SIGNED)
    response = alice_client.post(section_url(evaluation, "hip"), {"rom_flexion_left": "100"})
    assert response.status_code == 302
    evaluation.hip.refresh_from_db()
    assert evaluation.hip.rom_flexion_left is None


def count_page_queries(client, evaluation):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(evaluation.get_absolute_url()).status_code == 200
    return len(queries)


def test_the_page_runs_the_same_queries_however_many_earlier_visits(alice_client, patient, alice):
    first = make_evaluation(patient, alice)
    with_one = count_page_queries(alice_client, first)
    for _ in range(5):
        make_evaluation(patient, alice)
    latest = make_evaluation(patient, alice)
    assert count_page_queries(alice_client, latest) == with_one
    # Session, user, the evaluation with every section, addenda, the "viewed" audit entry
    # and the session refresh.
    assert with_one <= 10


def test_pain_now_must_lie_between_best_and_worst(alice_client, evaluation):
    response = alice_client.post(
        section_url(evaluation, "history"),
        {"pain_now": "2", "pain_best": "4", "pain_worst": "7", "weeks_since_onset": "3"},
    )
    html = response.content.decode()
    assert "Pain now cannot be lower than the best pain of the last 24 hours." in html
    evaluation.history.refresh_from_db()
    assert evaluation.history.pain_now is None
    assert (evaluation.history.pain_best, evaluation.history.weeks_since_onset) == (4, 3)


WHOLE_NUMBER_FIELDS = {
    section: [f.name for f in section.finding_fields() if isinstance(f, models.IntegerField)]
    for section in SECTIONS
}


@pytest.mark.parametrize(
    "section", [s for s, names in WHOLE_NUMBER_FIELDS.items() if names], ids=lambda s: s.slug
)
@pytest.mark.parametrize("autosave", [True, False], ids=["autosave", "save-button"])
def test_huge_numbers_from_an_out_of_date_form_are_refused_like_any_other(
    alice_client, evaluation, section, autosave
):
    url = section_url(evaluation, section.slug)
    alice_client.post(url, {"version": "0"}, **HTMX)
    names = WHOLE_NUMBER_FIELDS[section]
    headers = HTMX if autosave else {}
    response = alice_client.post(url, {"version": "0"} | dict.fromkeys(names, "9" * 400), **headers)
    html = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT in html.replace("&#x27;", "'")
    row = type(getattr(evaluation, section_attr(section))).objects.get(evaluation=evaluation)
    for name in names:
        error = html.split(f'id="err-id_{section.slug}_{name}"', 1)[1].split("</div>", 1)[0]
        assert "Enter a value from" in error or "Ensure this value" in error, name
        assert getattr(row, name) is None


@pytest.mark.django_db(transaction=True)
def test_a_database_that_refuses_connections_gets_a_503_page_that_says_so(alice_client, evaluation):
    refused = psycopg.OperationalError("connection refused")
    connection.close()
    with mock.patch.object(connection, "get_new_connection", side_effect=refused):
        response = alice_client.get(evaluation.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 503
    assert DATABASE_UNAVAILABLE in html
    assert response["Retry-After"]
    assert evaluation.patient.family_name not in html
    assert "Traceback" not in html and "refused" not in html


def test_a_database_error_during_an_autosave_is_a_503_not_a_500(alice_client, evaluation):
    lost = InterfaceError("connection already closed")
    with mock.patch("evaluations.views.evaluation.derived_view", side_effect=lost):
        response = alice_client.post(section_url(evaluation, "hip"), {"version": "0"}, **HTMX)
    assert response.status_code == 503
    assert DATABASE_UNAVAILABLE in response.content.decode()


def test_a_positive_red_flag_turns_the_badge_red_and_says_what_to_do(alice_client, evaluation):
    response = alice_client.post(
        section_url(evaluation, "red-flags"),
        {"version": "0", "avulsion_pop": "yes", "avulsion_palpable_gap": "yes"},
        **HTMX,
    )
    html = response.content.decode()
    badge = html.split('id="badge-red-flags"', 1)[1].split("</span>", 1)[0]
    assert "text-bg-danger" in badge
    assert 'data-testid="red-flag"' in html
    assert AVULSION.action in html.replace("&#x27;", "'")
    page = alice_client.get(evaluation.get_absolute_url()).content.decode()
    assert "palpable gap" in page and "urgent" in page


def test_each_autosave_answer_says_what_became_of_the_save(alice_client, evaluation):
    url = section_url(evaluation, "hip")
    saved = alice_client.post(url, {"version": "0", "rom_flexion_left": "100"}, **HTMX)
    invalid = alice_client.post(url, {"version": "1", "rom_flexion_left": "999"}, **HTMX)
    stale = alice_client.post(url, {"version": "0", "rom_flexion_left": "90"}, **HTMX)
    outcomes = [r[AUTOSAVE_OUTCOME] for r in (saved, invalid, stale)]
    assert outcomes == ["saved", "invalid", "conflict"]
