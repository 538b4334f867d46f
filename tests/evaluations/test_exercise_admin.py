"""The exercise library in the admin: bob (clinic admin) keeps his clinic's library, reads the
shared one and copies from it; alice (clinician) gets nothing; dana (the other clinic's admin)
never sees bob's exercises."""

import csv
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils.html import escape
from PIL import Image

from evaluations.admin import (
    ACTIVATED,
    COPIED,
    DEACTIVATED,
    IN_USE,
    NO_PILLAR,
    NO_PREVIEW,
    ROW_VALUE,
    SHARED_NOT_YOURS,
    SHARED_READ_ONLY,
    UNREADABLE_FILE,
)
from evaluations.library import copy_to_clinic, engine_library, seed_exercise_library
from evaluations.models import Exercise, Pathway, Pillar
from evaluations.plan.library import load_seed_library

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:evaluations_exercise_changelist")
IMPORT = reverse("admin:evaluations_exercise_import")
PROCESS_IMPORT = reverse("admin:evaluations_exercise_process_import")
EXPORT = reverse("admin:evaluations_exercise_export")
SEED_CODES = {exercise.code for exercise in load_seed_library()}


@pytest.fixture
def bob_client(client, bob, seeded):
    # The demo makes clinic admins staff without any model permission; so does this.
    bob.is_staff = True
    bob.save()
    client.force_login(bob)
    return client


@pytest.fixture
def dana_client(other_clinic, seeded):
    """The other clinic's admin, in a client of her own."""
    from django.test import Client

    from patients.models import Membership
    from tests.factories import make_clinician

    dana = make_clinician(other_clinic, "dana", role=Membership.Role.CLINIC_ADMIN)
    dana.is_staff = True
    dana.save()
    client = Client()
    client.force_login(dana)
    return client


def bobs_copy(clinic, code):
    copy, _ = copy_to_clinic(
        exercise=Exercise.objects.get(clinic=None, code=code), clinic_id=clinic.pk
    )
    return copy


def change_url(exercise):
    return reverse("admin:evaluations_exercise_change", args=[exercise.pk])


def exercise_urls(exercise):
    return [
        CHANGELIST,
        reverse("admin:evaluations_exercise_add"),
        reverse("admin:evaluations_exercise_change", args=[exercise.pk]),
        reverse("admin:evaluations_exercise_delete", args=[exercise.pk]),
        reverse("admin:evaluations_exercise_history", args=[exercise.pk]),
        IMPORT,
        EXPORT,
        reverse("admin:evaluations_pathway_changelist"),
        reverse("admin:evaluations_pathway_add"),
    ]


def form_data(exercise, **changes):
    """The change form as the browser would post it, with `changes` typed in."""
    data = {
        name: value
        for name, value in model_to_dict(exercise, exclude=["id", "image"]).items()
        if value is not None
    }
    data["pillars"] = [pillar.pk for pillar in data["pillars"]]
    data["pathways"] = [pathway.pk for pathway in data["pathways"]]
    data["active"] = "on" if exercise.active else ""
    return {**data, **changes}


def result_codes(response):
    return {exercise.code for exercise in response.context["cl"].result_list}


def export_csv(client):
    form = client.get(EXPORT).context["form"]
    fields = {name: "on" for name in form.fields if name.startswith("exerciseresource_")}
    response = client.post(EXPORT, {"format": "0", "resource": "0", **fields})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return response.content


def dry_run(client, content):
    upload = SimpleUploadedFile("library.csv", content, content_type="text/csv")
    response = client.post(IMPORT, {"import_file": upload, "format": "0", "resource": "0"})
    assert response.status_code == 200
    return response


def test_a_clinic_admin_finds_the_library_on_the_admin_index(bob_client):
    page = bob_client.get(reverse("admin:index")).content.decode()

    assert CHANGELIST in page
    assert reverse("admin:evaluations_pathway_changelist") in page


def test_the_changelist_shows_all_40_with_their_pillars(bob_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        response = bob_client.get(CHANGELIST, {"all": ""})

    assert response.context["cl"].result_count == 40
    page = response.content.decode()
    assert "Nordic hamstring curl" in page
    assert "3 / 4" in page  # the Romanian deadlift's two pillars
    assert "Import" in page and "Export" in page


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("sciatic_nerve_t", "sciatic_nerve_tensioner"),  # code
        ("Nordic", "nordic_curl"),  # name
        ("head-and-shoulder", "mcgill_curl_up"),  # plain name
        ("transversus", "drawing_in_pbu"),  # target
    ],
)
def test_the_changelist_searches_code_name_plain_name_and_target(bob_client, query, code):
    response = bob_client.get(CHANGELIST, {"q": query})

    assert result_codes(response) == {code}


def test_each_filter_narrows_the_list(bob_client):
    pillar_5 = Pillar.objects.get(number=5)
    neural = Pathway.objects.get(code="neural")
    Exercise.objects.filter(code="nordic_curl").update(active=False)

    def filtered(**params):
        return result_codes(bob_client.get(CHANGELIST, params))

    assert filtered(pillars__id__exact=pillar_5.pk) == {
        "agility_drills",
        "stationary_bike",
        "walk_run_progression",
    }
    assert filtered(pathways__id__exact=neural.pk) == set(
        neural.exercises.values_list("code", flat=True)
    )
    assert len(filtered(pathways__id__exact=neural.pk)) == 7
    assert filtered(active__exact="0") == {"nordic_curl"}
    assert filtered(evidence_level__exact="CPG") == {"directional_preference"}


def test_the_change_form_reads_in_sections_with_the_builtin_drawing(bob_client, clinic):
    bridge = bobs_copy(clinic, "bridge_hold")

    response = bob_client.get(change_url(bridge))

    page = response.content.decode()
    for heading in ["Identity", "For the clinician", "For the patient", "Dosing", "Evidence"]:
        assert f">{heading}" in page
    assert (
        '<img src="/static/img/exercises/bridge_hold.svg" alt="Hip lift hold" '
        'class="exercise-illustration">'
    ) in page
    assert 'type="checkbox" name="pillars"' in page
    assert "selectfilter" in page  # pathways in the two-box filter widget
    assert "style=" not in page.split('id="content"')[1]  # the policy refuses inline styles


def test_a_shared_exercise_reads_only_with_a_copy_button_and_no_delete(bob_client):
    bridge = Exercise.objects.get(code="bridge_hold")

    page = bob_client.get(change_url(bridge)).content.decode()

    assert "Copy to my clinic's library" in page
    assert 'name="_save"' not in page
    assert 'type="checkbox" name="pillars"' not in page
    assert "deletelink" not in page


def test_an_uploaded_image_replaces_the_builtin_drawing_in_the_preview(
    bob_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    bridge = Exercise.objects.get(code="bridge_hold")
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(png, "PNG")
    bridge.image.save("bridge.png", ContentFile(png.getvalue()))

    response = bob_client.get(reverse("admin:evaluations_exercise_change", args=[bridge.pk]))

    page = response.content.decode()
    assert f'<img src="{bridge.image.url}"' in page
    assert "bridge_hold.svg" not in page
    assert bob_client.get(bridge.image.url).status_code == 200


def test_a_clinic_admin_edits_the_clinics_copy_in_the_change_form(bob_client, clinic):
    nordic = bobs_copy(clinic, "nordic_curl")

    response = bob_client.post(
        change_url(nordic), form_data(nordic, sets="2", dosing="2 × 5 weekly")
    )

    assert response.status_code == 302
    nordic.refresh_from_db()
    assert (nordic.sets, nordic.dosing, nordic.clinic) == (2, "2 × 5 weekly", clinic)
    assert engine_library(clinic_id=clinic.pk).get("nordic_curl").dosing == "2 × 5 weekly"
    assert engine_library(clinic_id=None).get("nordic_curl").dosing != "2 × 5 weekly"


def test_a_clinic_admin_cannot_change_a_shared_exercise_by_posting(bob_client):
    nordic = Exercise.objects.get(code="nordic_curl")

    response = bob_client.post(change_url(nordic), form_data(nordic, dosing="Changed for all"))

    assert response.status_code == 403
    nordic.refresh_from_db()
    assert nordic.dosing != "Changed for all"


def test_the_copy_button_makes_the_clinics_copy_and_opens_it(bob_client, clinic):
    shared = Exercise.objects.get(code="nordic_curl")
    copy_url = reverse("admin:evaluations_exercise_copy", args=[shared.pk])

    response = bob_client.post(copy_url)

    copy = Exercise.objects.get(clinic=clinic, code="nordic_curl")
    assert response["Location"] == change_url(copy)
    assert [p.number for p in copy.pillars.all()] == [p.number for p in shared.pillars.all()]
    assert set(copy.pathways.all()) == set(shared.pathways.all())
    # The copy now stands in for the shared exercise, so a second copy cannot be asked for.
    assert bob_client.post(copy_url).status_code == 404
    assert Exercise.objects.filter(code="nordic_curl").count() == 2


def test_the_copy_action_copies_the_selected_shared_exercises(bob_client, clinic):
    selected = list(Exercise.objects.filter(pillars__number=5).values_list("pk", flat=True))

    response = bob_client.post(
        CHANGELIST, {"action": "copy_to_my_clinic", "_selected_action": selected}, follow=True
    )

    assert escape(COPIED.format(count=3)) in response.content.decode()
    assert Exercise.objects.filter(clinic=clinic).count() == 3
    codes = result_codes(bob_client.get(CHANGELIST, {"all": ""}))
    assert len(codes) == 40  # each copy takes its shared exercise's place


def test_the_other_clinic_sees_neither_the_copy_nor_its_changes(bob_client, dana_client, clinic):
    nordic = bobs_copy(clinic, "nordic_curl")
    Exercise.objects.filter(pk=nordic.pk).update(dosing="Riverside's own dosing")
    wall_sit = Exercise.objects.create(clinic=clinic, code="wall_sit", name="Wall sit")

    listed = bob_client.get(CHANGELIST, {"all": ""}).context["cl"].result_list
    dana_listed = dana_client.get(CHANGELIST, {"all": ""}).context["cl"].result_list

    assert nordic in listed and wall_sit in listed
    assert nordic not in dana_listed and wall_sit not in dana_listed
    assert len(dana_listed) == 40
    for url in [change_url(nordic), reverse("admin:evaluations_exercise_delete", args=[nordic.pk])]:
        assert dana_client.get(url).status_code == 404
    assert (
        dana_client.post(reverse("admin:evaluations_exercise_copy", args=[nordic.pk])).status_code
        == 404
    )
    assert "Riverside" not in export_csv(dana_client).decode()
    assert engine_library(clinic_id=nordic.clinic_id).get("nordic_curl").dosing == (
        "Riverside's own dosing"
    )


def test_the_change_form_keeps_the_dosing_ranges_of_the_model(bob_client, clinic):
    nordic = bobs_copy(clinic, "nordic_curl")
    url = change_url(nordic)

    response = bob_client.post(url, form_data(nordic, sets="50"))

    assert response.status_code == 200
    assert "less than or equal to 20" in response.content.decode()
    nordic.refresh_from_db()
    assert nordic.sets == 2


def test_a_clinic_admin_adds_an_exercise_with_no_drawing_yet(bob_client, clinic):
    add = reverse("admin:evaluations_exercise_add")
    pillar = Pillar.objects.get(number=4)
    data = {
        "code": "wall_sit",
        "name": "Wall sit",
        "plain_name": "Back against the wall, knees bent",
        "pillars": [pillar.pk],
        "pathways": [Pathway.objects.get(code="running").pk],
        "active": "on",
        "evidence_level": "low",
    }

    response = bob_client.post(add, data)

    assert response.status_code == 302
    wall_sit = Exercise.objects.get(code="wall_sit")
    assert wall_sit.clinic == clinic
    assert [p.number for p in wall_sit.pillars.all()] == [4]
    assert engine_library(clinic_id=clinic.pk).get("wall_sit").tags == ("running",)
    assert engine_library(clinic_id=None).get("wall_sit") is None
    change = reverse("admin:evaluations_exercise_change", args=[wall_sit.pk])
    assert NO_PREVIEW in bob_client.get(change).content.decode()


def test_an_added_exercise_can_be_deleted_but_a_seeded_one_cannot(bob_client, clinic):
    bridge = Exercise.objects.get(code="bridge_hold")
    wall_sit = Exercise.objects.create(
        clinic=clinic, code="wall_sit", name="Wall sit", plain_name="Wall sit"
    )

    refused = bob_client.post(reverse("admin:evaluations_exercise_delete", args=[bridge.pk]))
    deleted = bob_client.post(
        reverse("admin:evaluations_exercise_delete", args=[wall_sit.pk]), {"post": "yes"}
    )

    assert refused.status_code == 403
    assert deleted.status_code == 302
    assert Exercise.objects.filter(code="bridge_hold").exists()
    assert not Exercise.objects.filter(code="wall_sit").exists()


def test_the_actions_switch_the_clinics_exercises_off_and_on(bob_client, clinic):
    copies = [bobs_copy(clinic, code) for code in ["agility_drills", "stationary_bike"]]
    shared = Exercise.objects.get(code="walk_run_progression")
    selected = [exercise.pk for exercise in [*copies, shared]]

    response = bob_client.post(
        CHANGELIST, {"action": "deactivate", "_selected_action": selected}, follow=True
    )

    page = response.content.decode()
    assert DEACTIVATED.format(count=2) in page
    assert escape(SHARED_READ_ONLY.format(count=1)) in page
    assert Exercise.objects.filter(active=False).count() == 2
    assert len(engine_library(clinic_id=clinic.pk)) == 38
    assert len(engine_library(clinic_id=None)) == 40

    response = bob_client.post(
        CHANGELIST, {"action": "activate", "_selected_action": selected}, follow=True
    )

    assert ACTIVATED.format(count=2) in response.content.decode()
    assert len(engine_library(clinic_id=clinic.pk)) == 40


def test_a_clinic_admin_keeps_the_pathways(bob_client):
    page = bob_client.get(reverse("admin:evaluations_pathway_changelist")).content.decode()
    assert "Proximal hamstring tendinopathy" in page

    neural = Pathway.objects.get(code="neural")
    delete = reverse("admin:evaluations_pathway_delete", args=[neural.pk])
    assert bob_client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:evaluations_pathway_change", args=[neural.pk])
    bob_client.post(change, {"name": "Nerve sensitivity", "code": "renamed"})

    neural.refresh_from_db()
    assert (neural.name, neural.code) == ("Nerve sensitivity", "neural")


@pytest.mark.parametrize("is_staff", [True, False])
def test_a_clinician_gets_no_library_url_even_with_staff_status(client, alice, is_staff):
    seed_exercise_library()
    alice.is_staff = is_staff
    alice.save()
    client.force_login(alice)
    nordic = Exercise.objects.get(code="nordic_curl")
    upload = SimpleUploadedFile("library.csv", b"code,sets\nnordic_curl,1\n")

    responses = [client.get(url) for url in exercise_urls(nordic)]
    responses += [
        client.post(CHANGELIST, {"action": "deactivate", "_selected_action": [nordic.pk]}),
        client.post(IMPORT, {"import_file": upload, "format": "0", "resource": "0"}),
        client.post(PROCESS_IMPORT, {"import_file_name": "x", "original_file_name": "x.csv"}),
        client.post(EXPORT, {"format": "0", "resource": "0", "exerciseresource_code": "on"}),
    ]

    for response in responses:
        if is_staff:
            assert response.status_code == 403, response.request["PATH_INFO"]
        else:
            assert response.status_code == 302, response.request["PATH_INFO"]
            assert response["Location"].startswith(reverse("admin:login"))
    nordic.refresh_from_db()
    assert nordic.active
    assert nordic.sets == 2


def test_the_admin_index_shows_a_staff_clinician_no_library(client, alice):
    alice.is_staff = True
    alice.save()
    client.force_login(alice)

    page = client.get(reverse("admin:index")).content.decode()

    assert CHANGELIST not in page


def test_the_admin_login_page_still_renders_for_a_visitor(client):
    assert client.get(reverse("admin:login")).status_code == 200


def test_the_csv_export_holds_every_exercise(bob_client):
    rows = list(csv.DictReader(io.StringIO(export_csv(bob_client).decode("utf-8"))))

    assert {row["code"] for row in rows} == SEED_CODES
    diver = next(row for row in rows if row["code"] == "askling_diver")
    assert diver["pillars"] == "3,4"
    assert set(diver["pathways"].split(",")) >= {"acute_strain", "lengthening"}
    assert diver["source_keys"] == "ASK, ASK2"
    assert "image" not in diver and "id" not in diver


def test_reimporting_the_export_changes_nothing(bob_client):
    before = list(Exercise.objects.values())

    response = dry_run(bob_client, export_csv(bob_client))

    result = response.context["result"]
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert result.totals["skip"] == 40
    assert result.totals["update"] == result.totals["new"] == 0
    confirm = response.context["confirm_form"].initial
    assert bob_client.post(PROCESS_IMPORT, confirm).status_code == 302
    assert list(Exercise.objects.values()) == before


def test_an_imported_dosing_change_becomes_the_clinics_copy(bob_client, clinic):
    rows = list(csv.DictReader(io.StringIO(export_csv(bob_client).decode("utf-8"))))
    nordic = next(row for row in rows if row["code"] == "nordic_curl")
    nordic["dosing"] = "3 × 6, twice a week, in season"
    nordic["sets"] = "3"
    nordic["pathways"] = "recurrent_strain"
    changed = io.StringIO()
    writer = csv.DictWriter(changed, fieldnames=rows[0].keys())
    writer.writeheader()
    writer.writerows(rows)

    response = dry_run(bob_client, changed.getvalue().encode("utf-8"))

    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert (result.totals["update"], result.totals["skip"]) == (1, 39)
    bob_client.post(PROCESS_IMPORT, response.context["confirm_form"].initial)
    exercise = Exercise.objects.get(clinic=clinic, code="nordic_curl")
    assert exercise.dosing == "3 × 6, twice a week, in season"
    assert [pathway.code for pathway in exercise.pathways.all()] == ["recurrent_strain"]
    assert [pillar.number for pillar in exercise.pillars.all()] == [3]
    assert engine_library(clinic_id=clinic.pk).get("nordic_curl").tags == ("recurrent_strain",)
    shared = Exercise.objects.get(clinic=None, code="nordic_curl")
    assert shared.dosing != exercise.dosing
    # Imported again, the clinic's copy is updated in place: no second copy.
    assert (
        dry_run(bob_client, changed.getvalue().encode("utf-8")).context["result"].totals["skip"]
        == 40
    )


def test_an_import_naming_an_unknown_pathway_or_no_pillar_is_refused(bob_client):
    content = (
        b"code,name,plain_name,pillars,pathways,evidence_level\n"
        b"nordic_curl,Nordic,Kneeling slow lower,3,recurrent_strain,RCT\n"
        b"wall_sit,Wall sit,Wall sit,3,made_up,low\n"
        b"step_up,Step-up,Step up,,running,low\n"
    )

    response = dry_run(bob_client, content)

    page = response.content.decode()
    assert response.context["result"].has_validation_errors()
    assert "No pathways with code made_up" in page
    assert NO_PILLAR in page
    assert "confirm_form" not in response.context or not response.context["confirm_form"]
    assert not Exercise.objects.filter(code__in=["wall_sit", "step_up"]).exists()
    assert Exercise.objects.get(code="nordic_curl").name == "Nordic hamstring curl"


@pytest.fixture
def signed_note_with(seeded, patient, alice):
    """A signed note whose plan holds the given exercise (the clinic's copy or a shared one)."""
    from evaluations.services import plan_review
    from evaluations.services.signing import sign_evaluation
    from tests.factories import TEST_PASSWORD, answer_red_flags_negative, make_evaluation

    def make(exercise):
        evaluation = answer_red_flags_negative(
            make_evaluation(patient, alice, symptomatic_side="left")
        )
        plan_review.generate_plan(evaluation=evaluation)
        plan_review.add_library_exercise(evaluation=evaluation, exercise=exercise)
        return sign_evaluation(evaluation=evaluation, user=alice, password=TEST_PASSWORD)

    return make


def delete_refusal_page(client, exercise):
    return client.post(
        reverse("admin:evaluations_exercise_delete", args=[exercise.pk]), {"post": "yes"}
    )


def test_an_exercise_on_a_signed_note_is_not_deleted_and_the_admin_says_why(
    bob_client, clinic, signed_note_with
):
    nordic = bobs_copy(clinic, "nordic_curl")
    signed_note_with(nordic)

    single = delete_refusal_page(bob_client, nordic)
    bulk = bob_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [nordic.pk], "post": "yes"}
    )

    reason = escape(IN_USE.format(name=nordic, count=1))
    assert single.status_code == bulk.status_code == 200
    assert reason in single.content.decode() and reason in bulk.content.decode()
    assert Exercise.objects.filter(pk=nordic.pk).exists()


def test_the_bulk_delete_refuses_shared_exercises_for_a_clinic_admin(bob_client):
    shared = Exercise.objects.get(code="nordic_curl")

    response = bob_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [shared.pk], "post": "yes"}
    )

    assert escape(SHARED_NOT_YOURS.format(name=shared)) in response.content.decode()
    assert Exercise.objects.filter(pk=shared.pk).exists()


def test_the_csv_export_neutralises_every_formula_cell(bob_client, clinic):
    formulas = {
        "name": "=1+2",
        "plain_name": "@SUM(1+1)",
        "target": "+1+1",
        "description": "-2+3",
        "cautions": "\t=cmd",
        "regression": "\r=cmd",
    }
    Exercise.objects.filter(pk=bobs_copy(clinic, "nordic_curl").pk).update(**formulas)

    exported = export_csv(bob_client)

    row = next(
        r for r in csv.DictReader(io.StringIO(exported.decode())) if r["code"] == "nordic_curl"
    )
    for column, value in formulas.items():
        assert row[column] == f"'{value}", column


def test_a_neutralised_cell_imports_back_as_it_was(bob_client, clinic):
    nordic = bobs_copy(clinic, "nordic_curl")
    Exercise.objects.filter(pk=nordic.pk).update(name="=1+2", target="-2", plain_name="@x")

    result = dry_run(bob_client, export_csv(bob_client)).context["result"]

    assert result.totals["skip"] == len(result.rows)
    assert result.totals["update"] == 0


def test_an_excel_cp1252_file_imports_and_each_bad_row_names_its_column_and_value(bob_client):
    content = (
        "code,name,plain_name,pillars,evidence_level\n"
        "wall_sit,Wall sit – Müller’s,Wall sit,4,low\n"
        "step_up,Step-up,Step up,4,bogus\n"
    ).encode("cp1252")

    response = dry_run(bob_client, content)

    page = response.content.decode()
    assert "UnicodeDecodeError" not in page
    invalid = response.context["result"].invalid_rows
    assert [row.number for row in invalid] == [2]
    assert "<code>evidence_level</code>" in page
    assert escape(ROW_VALUE.format(message="", value="bogus")).strip() in page
    assert "validation-error-count" not in page  # no bare red counts


def test_a_utf8_file_with_a_bom_imports_its_accents(bob_client, clinic):
    content = "code,name,plain_name,pillars,evidence_level\nwall_sit,Müller’s sit,Sit,4,low\n"

    response = dry_run(bob_client, content.encode("utf-8-sig"))

    bob_client.post(PROCESS_IMPORT, response.context["confirm_form"].initial)
    assert Exercise.objects.get(clinic=clinic, code="wall_sit").name == "Müller’s sit"


def test_a_file_in_no_known_encoding_is_named_in_plain_words(bob_client):
    response = dry_run(bob_client, b"code,name\nwall_sit,\x81\x8d\x8f\n")

    assert escape(UNREADABLE_FILE) in response.content.decode()


def test_an_unexpected_import_error_shows_no_traceback_with_debug_off(
    bob_client, settings, monkeypatch
):
    from evaluations.admin import ExerciseResource

    settings.DEBUG = False

    def fail(self, dataset, **kwargs):
        raise RuntimeError("the import broke")

    monkeypatch.setattr(ExerciseResource, "before_import", fail)

    response = dry_run(bob_client, b"code,name\nwall_sit,Wall sit\n")

    page = response.content.decode()
    assert "the import broke" in page
    assert "Traceback" not in page and 'File "' not in page and ".py" not in page


def test_the_change_form_asks_whether_it_is_done_one_side_at_a_time(bob_client, clinic):
    copy = bobs_copy(clinic, "bridge_hold")
    assert 'name="one_side_at_a_time"' in bob_client.get(change_url(copy)).content.decode()
    response = bob_client.post(change_url(copy), form_data(copy, one_side_at_a_time="on"))
    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.one_side_at_a_time
