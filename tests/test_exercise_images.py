"""Every seeded exercise has a printable line illustration (issue 7, clinical reference §4)."""

from pathlib import Path
from xml.etree import ElementTree

import pytest

from evaluations.plan.library import load_seed_library

IMAGE_DIR = Path(__file__).resolve().parent.parent / "static" / "img" / "exercises"
SVG = "{http://www.w3.org/2000/svg}"

# From the seed itself, so an exercise added to evaluations/data/exercises.json is covered.
EXERCISE_CODES = [exercise.code for exercise in load_seed_library()]


def parse(code):
    return ElementTree.parse(IMAGE_DIR / f"{code}.svg").getroot()


def test_every_drawing_is_of_a_seeded_exercise_and_every_seeded_exercise_has_one():
    assert {path.stem for path in IMAGE_DIR.glob("*.svg")} == set(EXERCISE_CODES)


@pytest.mark.parametrize("code", EXERCISE_CODES)
def test_exercise_has_a_well_formed_svg_with_a_title(code):
    root = parse(code)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 240 160"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text.strip()


@pytest.mark.parametrize("code", EXERCISE_CODES)
def test_exercise_image_runs_no_script_and_fetches_nothing(code):
    for element in parse(code).iter():
        assert element.tag not in {f"{SVG}script", f"{SVG}foreignObject", f"{SVG}image"}
        for name, value in element.attrib.items():
            assert not name.endswith("href"), f"{code}: {name}={value}"
            assert not name.lower().startswith("on"), f"{code}: {name}"
            assert "url(" not in value, f"{code}: {name}={value}"


# Uploaded pictures (issue 20 #10, issue 12 #12): limited, re-encoded, served to their clinic.


@pytest.fixture
def admin_client(client, clinic, seeded, settings, tmp_path):
    from patients.models import Membership
    from tests.factories import make_clinician

    settings.MEDIA_ROOT = tmp_path
    bob = make_clinician(clinic, "bob", role=Membership.Role.CLINIC_ADMIN)
    bob.is_staff = True
    bob.save()
    client.force_login(bob)
    return client


def picture(size, fmt="PNG", mode="RGB"):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    content = io.BytesIO()
    Image.new(mode, size, 1 if mode == "1" else "white").save(content, fmt)
    return SimpleUploadedFile(f"upload.{fmt.lower()}", content.getvalue(), f"image/{fmt.lower()}")


def upload(client, clinic, image):
    from django.forms.models import model_to_dict
    from django.urls import reverse

    from evaluations.library import copy_to_clinic
    from evaluations.models import Exercise

    shared = Exercise.objects.get(clinic=None, code="bridge_hold")
    exercise, _ = copy_to_clinic(exercise=shared, clinic_id=clinic.pk)
    data = {
        k: v
        for k, v in model_to_dict(exercise, exclude=["id", "image", "clinic"]).items()
        if v is not None
    }
    data["pillars"] = [p.pk for p in data["pillars"]]
    data["pathways"] = [p.pk for p in data["pathways"]]
    data["active"] = "on"
    url = reverse("admin:evaluations_exercise_change", args=[exercise.pk])
    response = client.post(url, {**data, "image": image})
    exercise.refresh_from_db()
    return response, exercise


@pytest.mark.django_db
def test_an_upload_is_stored_at_most_1600_pixels_and_served_to_its_clinic(admin_client, clinic):
    from PIL import Image

    from evaluations.images import MAX_SIDE

    response, exercise = upload(admin_client, clinic, picture((3200, 2000), "JPEG"))

    assert response.status_code == 302
    with Image.open(exercise.image.path) as stored:
        assert max(stored.size) == MAX_SIDE
    served = admin_client.get(exercise.illustration_url)
    assert served.status_code == 200
    assert "private" in served["Cache-Control"]


@pytest.mark.django_db
def test_a_picture_is_a_404_for_another_clinic_and_a_login_for_a_visitor(
    admin_client, clinic, charlie
):
    from django.test import Client

    _, exercise = upload(admin_client, clinic, picture((40, 40)))
    outsider = Client()
    outsider.force_login(charlie)

    assert outsider.get(exercise.illustration_url).status_code == 404
    assert Client().get(exercise.illustration_url).status_code == 302
    assert admin_client.get("/media/exercises/not-there.png").status_code == 404


@pytest.mark.django_db
def test_a_picture_with_too_many_pixels_is_refused_with_its_size(admin_client, clinic):
    from django.utils.html import escape

    from evaluations.models.exercise import IMAGE_TOO_MANY_PIXELS

    response, exercise = upload(admin_client, clinic, picture((6000, 5000), mode="1"))

    assert response.status_code == 200
    assert (
        escape(IMAGE_TOO_MANY_PIXELS.format(width=6000, height=5000)) in response.content.decode()
    )
    assert not exercise.image


@pytest.mark.django_db
def test_a_picture_over_10_mb_is_refused(admin_client, clinic, monkeypatch):
    from evaluations.models import exercise as exercise_module

    monkeypatch.setattr(exercise_module, "MAX_IMAGE_BYTES", 1000)
    response, exercise = upload(admin_client, clinic, picture((400, 400), "BMP"))

    assert response.status_code == 200
    assert "the most a picture may be is 10 MB" in response.content.decode()
    assert not exercise.image


@pytest.mark.django_db(transaction=True)
def test_a_replaced_picture_and_a_deleted_exercises_picture_leave_the_disk(admin_client, clinic):
    from django.urls import reverse

    _, exercise = upload(admin_client, clinic, picture((40, 40)))
    first = Path(exercise.image.path)
    _, exercise = upload(admin_client, clinic, picture((50, 50)))
    second = Path(exercise.image.path)

    assert not first.exists() and second.exists()
    admin_client.post(
        reverse("admin:evaluations_exercise_delete", args=[exercise.pk]), {"post": "yes"}
    )
    assert not second.exists()
