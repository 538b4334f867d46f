"""The exercise library in the admin: bob (clinic admin) keeps it; alice (clinician) cannot."""

import csv
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse
from PIL import Image

from evaluations.admin import ACTIVATED, DEACTIVATED, NO_PILLAR, NO_PREVIEW
from evaluations.library import engine_library, seed_exercise_library
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


def test_the_change_form_reads_in_sections_with_the_builtin_drawing(bob_client):
    bridge = Exercise.objects.get(code="bridge_hold")

    response = bob_client.get(reverse("admin:evaluations_exercise_change", args=[bridge.pk]))

    page = response.content.decode()
    for heading in ["Identity", "For the clinician", "For the patient", "Dosing", "Evidence"]:
        assert f">{heading}" in page
    assert '<img src="/static/img/exercises/bridge_hold.svg" alt="Hip lift hold"' in page
    assert 'type="checkbox" name="pillars"' in page
    assert "selectfilter" in page  # pathways in the two-box filter widget
    assert "deletelink" not in page  # seeded: switch it off instead


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


def test_a_clinic_admin_edits_an_exercise_in_the_change_form(bob_client):
    nordic = Exercise.objects.get(code="nordic_curl")
    url = reverse("admin:evaluations_exercise_change", args=[nordic.pk])

    response = bob_client.post(url, form_data(nordic, sets="2", dosing="2 × 5 weekly"))

    assert response.status_code == 302
    nordic.refresh_from_db()
    assert nordic.sets == 2
    assert nordic.dosing == "2 × 5 weekly"
    assert engine_library().get("nordic_curl").dosing == "2 × 5 weekly"


def test_the_change_form_keeps_the_dosing_ranges_of_the_model(bob_client):
    nordic = Exercise.objects.get(code="nordic_curl")
    url = reverse("admin:evaluations_exercise_change", args=[nordic.pk])

    response = bob_client.post(url, form_data(nordic, sets="50"))

    assert response.status_code == 200
    assert "less than or equal to 20" in response.content.decode()
    nordic.refresh_from_db()
    assert nordic.sets == 2


def test_a_clinic_admin_adds_an_exercise_with_no_drawing_yet(bob_client):
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
    assert [p.number for p in wall_sit.pillars.all()] == [4]
    assert engine_library().get("wall_sit").tags == ("running",)
    change = reverse("admin:evaluations_exercise_change", args=[wall_sit.pk])
    assert NO_PREVIEW in bob_client.get(change).content.decode()


def test_an_added_exercise_can_be_deleted_but_a_seeded_one_cannot(bob_client):
    bridge = Exercise.objects.get(code="bridge_hold")
    wall_sit = Exercise.objects.create(code="wall_sit", name="Wall sit", plain_name="Wall sit")

    refused = bob_client.post(reverse("admin:evaluations_exercise_delete", args=[bridge.pk]))
    deleted = bob_client.post(
        reverse("admin:evaluations_exercise_delete", args=[wall_sit.pk]), {"post": "yes"}
    )

    assert refused.status_code == 403
    assert deleted.status_code == 302
    assert Exercise.objects.filter(code="bridge_hold").exists()
    assert not Exercise.objects.filter(code="wall_sit").exists()


def test_the_actions_switch_exercises_off_and_on(bob_client):
    selected = list(Exercise.objects.filter(pillars__number=5).values_list("pk", flat=True))

    response = bob_client.post(
        CHANGELIST, {"action": "deactivate", "_selected_action": selected}, follow=True
    )

    assert DEACTIVATED.format(count=3) in response.content.decode()
    assert Exercise.objects.filter(active=False).count() == 3
    assert len(engine_library()) == 37

    response = bob_client.post(
        CHANGELIST, {"action": "activate", "_selected_action": selected}, follow=True
    )

    assert ACTIVATED.format(count=3) in response.content.decode()
    assert len(engine_library()) == 40


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


def test_an_imported_dosing_change_updates_that_exercise(bob_client):
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
    exercise = Exercise.objects.get(code="nordic_curl")
    assert exercise.dosing == "3 × 6, twice a week, in season"
    assert [pathway.code for pathway in exercise.pathways.all()] == ["recurrent_strain"]
    assert engine_library().get("nordic_curl").tags == ("recurrent_strain",)


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
