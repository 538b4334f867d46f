"""Progression ladders in the admin: bob (clinic admin) reads the shared ladders, copies one
and edits its levels; a broken ladder gets a clear error and nothing is saved; dana (the other
clinic's admin) never sees bob's copy; bob sets his clinic's home-programme limit."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from evaluations.admin import LADDERS_COPIED
from evaluations.forms.ladders import CHECK_LINE, LadderLevelForm
from evaluations.library import copy_ladder_to_clinic, engine_library, set_active
from evaluations.models import Exercise, Ladder, LadderLevel
from patients.models import Membership
from tests.factories import make_clinician

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:evaluations_ladder_changelist")
ADD = reverse("admin:evaluations_ladder_add")
LEVEL_FIELDS = ["rung", "exercise_code", "criterion", "stage_limits", "capacity"]


def staff_client(user):
    # The demo makes clinic admins staff without any model permission; so does this.
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def bob_client(bob, seeded):
    return staff_client(bob)


@pytest.fixture
def dana_client(other_clinic, seeded):
    return staff_client(make_clinician(other_clinic, "dana", role=Membership.Role.CLINIC_ADMIN))


@pytest.fixture
def hinge(clinic, seeded):
    """Bob's clinic's copy of the hip-hinge ladder: dowel drill → RDL → single-leg RDL."""
    shared = Ladder.objects.get(clinic=None, code="hinge")
    return copy_ladder_to_clinic(ladder=shared, clinic_id=clinic.pk)[0]


def change_url(ladder):
    return reverse("admin:evaluations_ladder_change", args=[ladder.pk])


def level_rows(ladder):
    """Each stored level as its row of the form shows it (stage limits and checks as text)."""
    rows = []
    for level in ladder.levels.all():
        form = LadderLevelForm(instance=level)
        rows.append({"id": level.pk, **{name: form[name].value() for name in LEVEL_FIELDS}})
    return rows


def posted(ladder_fields, rows, *, initial=0):
    """The change form as the browser posts it: the ladder's fields and one row per level
    (the first ``initial`` rows are stored levels), then the blank row for a new level."""
    rows = [*rows, dict.fromkeys(LEVEL_FIELDS, "")]
    data = {
        **ladder_fields,
        "levels-TOTAL_FORMS": len(rows),
        "levels-INITIAL_FORMS": initial,
        "levels-MIN_NUM_FORMS": 0,
        "levels-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            if name == "DELETE":
                value = "on" if value else ""
            data[f"levels-{index}-{name}"] = "" if value is None else value
    return data


def edit(client, ladder, change):
    """Post the ladder's change form with ``change`` applied to its rows (a list of dicts)."""
    rows = level_rows(ladder)
    initial = len(rows)
    change(rows)
    fields = {"name": ladder.name, "pathway": ladder.pathway, "position": ladder.position}
    return client.post(change_url(ladder), posted(fields, rows, initial=initial))


def stored(ladder):
    return [level.as_plan_level() for level in ladder.levels.all()]


def test_bob_adds_a_ladder_with_its_levels_and_his_plans_use_it(bob_client, clinic):
    fields = {"code": "glutes", "name": "Glutes", "pathway": "", "position": 20}
    rows = [
        {"rung": 1, "exercise_code": "side_lying_hip_abduction", "criterion": "Start here."},
        {"rung": 2, "exercise_code": "band_lateral_walk", "criterion": "3 × 15 side-lying."},
    ]

    response = bob_client.post(ADD, posted(fields, rows))

    assert response.status_code == 302
    glutes = Ladder.objects.get(code="glutes")
    assert glutes.clinic == clinic
    assert [level.exercise_code for level in glutes.levels.all()] == [
        "side_lying_hip_abduction",
        "band_lateral_walk",
    ]
    codes = [ladder.code for ladder in engine_library(clinic_id=clinic.pk).ladders.ladders]
    assert "glutes" in codes
    assert "glutes" not in [
        ladder.code for ladder in engine_library(clinic_id=None).ladders.ladders
    ]


def test_bob_reorders_two_levels_of_his_copy(bob_client, hinge):
    def swap(rows):
        rows[1]["rung"], rows[2]["rung"] = 3, 2

    response = edit(bob_client, hinge, swap)

    assert response.status_code == 302
    assert [level.exercise_code for level in hinge.levels.all()] == [
        "hip_hinge_dowel",
        "single_leg_rdl",
        "romanian_deadlift",
    ]
    library = engine_library(clinic_id=hinge.clinic_id)
    mine = next(ladder for ladder in library.ladders.ladders if ladder.code == "hinge")
    assert [level.code for level in mine.levels] == [
        "hip_hinge_dowel",
        "single_leg_rdl",
        "romanian_deadlift",
    ]


def test_bob_sets_a_measured_criterion_as_lines_of_text(bob_client, hinge):
    def measured(rows):
        rows[2]["capacity"] = "at_least hamstring.single_leg_bridge_reps 15\ngate R7"
        rows[2]["stage_limits"] = "acute_strain 3"

    assert edit(bob_client, hinge, measured).status_code == 302
    top = hinge.levels.get(exercise_code="single_leg_rdl")
    assert top.capacity == [
        {"kind": "at_least", "subject": "hamstring.single_leg_bridge_reps", "value": 15},
        {"kind": "gate", "subject": "R7"},
    ]
    assert top.stage_limits == [{"pathway": "acute_strain", "stage": 3}]


def typing_in(typed):
    """A change of the rows: ``typed`` is {row index: {field: value}}."""

    def change(rows):
        for index, fields in typed.items():
            rows[index].update(fields)

    return change


# (what is wrong, what is typed into which row (0 = the bottom level), words of the error)
BROKEN = [
    ("a gap", {2: {"rung": 4}}, "Ladder 'hinge' has a gap: its rungs are [1, 2, 4], not 1 to 3"),
    (
        "an exercise twice",
        {2: {"exercise_code": "hip_hinge_dowel"}},
        "Ladder 'hinge' has a cycle: 'hip_hinge_dowel' comes back on a later rung.",
    ),
    ("a level deleted, none moved down", {1: {"DELETE": True}}, "its rungs are [1, 3]"),
    ("no levels", {row: {"DELETE": True} for row in range(3)}, "Ladder 'hinge' has no levels."),
    (
        "an unknown kind of check",
        {1: {"capacity": "at_most hamstring.single_leg_bridge_reps 3"}},
        "unknown check 'at_most': use flag, at_least, gate.",
    ),
    (
        "an unknown finding",
        {1: {"capacity": "flag hamstring.feels_fine"}},
        "flag check 'hamstring.feels_fine': no such yes/no finding",
    ),
    (
        "an unknown gate",
        {1: {"capacity": "gate R99"}},
        "gate check 'R99': no such gate; the gates are R6, R7, R19.",
    ),
    (
        "no number to reach",
        {1: {"capacity": "at_least hamstring.single_leg_bridge_reps"}},
        CHECK_LINE.format(line="at_least hamstring.single_leg_bridge_reps"),
    ),
    (
        "an unknown pathway",
        {1: {"stage_limits": "sacroiliac 2"}},
        "unknown pathway 'sacroiliac': use acute_strain",
    ),
    (
        "a stage out of range",
        {1: {"stage_limits": "acute_strain 4"}},
        "acute_strain has stages 1 to 3, not 4.",
    ),
    (
        "a stage that is not a number",
        {1: {"stage_limits": "acute_strain two"}},
        "“acute_strain two”: write a pathway and a stage number",
    ),
]


@pytest.mark.parametrize(("problem", "typed", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_ladder_gets_a_clear_error_and_nothing_is_saved(
    bob_client, hinge, problem, typed, message
):
    before = stored(hinge)

    response = edit(bob_client, hinge, typing_in(typed))

    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert stored(hinge) == before


def test_a_level_naming_a_deleted_exercise_is_refused_until_fixed(bob_client, clinic, hinge):
    own = Exercise.objects.create(
        clinic=clinic, code="our_hinge_drill", name="Our hinge drill", plain_name="Hinge"
    )
    hinge.levels.create(rung=4, exercise_code="our_hinge_drill", criterion="Our words.")
    own.delete()
    before = stored(hinge)

    page = bob_client.get(change_url(hinge)).content.decode()
    response = edit(bob_client, hinge, lambda rows: None)

    assert "our_hinge_drill — not in the library" in page
    assert (
        escape(
            "Ladder 'hinge' level 4 names 'our_hinge_drill', which is not in the exercise library "
            "(deleted or switched off)."
        )
        in response.content.decode()
    )
    assert stored(hinge) == before


def test_a_level_naming_a_switched_off_exercise_is_refused(bob_client, hinge):
    set_active(exercises=Exercise.objects.filter(code="single_leg_rdl"), active=False)

    response = edit(bob_client, hinge, lambda rows: None)

    assert escape("level 3 names 'single_leg_rdl', which is not in the exercise library") in (
        response.content.decode()
    )
    listed = bob_client.get(CHANGELIST).content.decode()
    assert "single_leg_rdl" in listed and "switched off" in listed


def test_the_shared_ladders_are_read_only_for_bob_until_he_copies_one(bob_client, clinic):
    shared = Ladder.objects.get(clinic=None, code="bridge")
    before = stored(shared)

    page = bob_client.get(change_url(shared)).content.decode()
    refused = edit(bob_client, shared, lambda rows: rows.pop())
    copied = bob_client.post(reverse("admin:evaluations_ladder_copy", args=[shared.pk]))

    assert "Copy to my clinic" in page
    assert refused.status_code == 403
    assert stored(shared) == before
    copy = Ladder.objects.get(clinic=clinic, code="bridge")
    assert copied["Location"] == change_url(copy)
    assert stored(copy) == before


def test_the_copy_action_copies_the_selected_shared_ladders(bob_client, clinic):
    selected = list(Ladder.objects.filter(code__in=["calf", "foot"]).values_list("pk", flat=True))

    response = bob_client.post(
        CHANGELIST, {"action": "copy_to_my_clinic", "_selected_action": selected}, follow=True
    )

    assert escape(LADDERS_COPIED.format(count=2)) in response.content.decode()
    assert set(Ladder.objects.filter(clinic=clinic).values_list("code", flat=True)) == {
        "calf",
        "foot",
    }


def test_the_list_shows_each_library_once_and_finds_a_ladder_by_exercise(bob_client, hinge):
    listed = bob_client.get(CHANGELIST).context["cl"].result_list
    found = bob_client.get(CHANGELIST, {"q": "single_leg_rdl"}).context["cl"].result_list

    assert sorted(ladder.code for ladder in listed) == sorted(
        Ladder.objects.filter(clinic=None).values_list("code", flat=True)
    )
    assert hinge in listed
    assert {ladder.code for ladder in found} == {"hinge", "tendon"}


def test_dana_never_sees_bobs_copy(dana_client, hinge):
    assert dana_client.get(change_url(hinge)).status_code == 404
    assert hinge not in dana_client.get(CHANGELIST).context["cl"].result_list
    before = stored(hinge)
    assert edit(dana_client, hinge, typing_in({2: {"rung": 4}})).status_code == 404
    assert stored(hinge) == before


def test_a_clinician_gets_no_ladder_admin(client, alice, seeded):
    alice.is_staff = True
    alice.save()
    client.force_login(alice)
    assert client.get(CHANGELIST).status_code == 403


def test_a_seeded_shared_ladder_cannot_be_deleted(admin_client, seeded):
    shared = Ladder.objects.get(clinic=None, code="bridge")
    response = admin_client.post(
        reverse("admin:evaluations_ladder_delete", args=[shared.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert LadderLevel.objects.filter(ladder=shared).exists()


CLINIC_LIMIT_FIELDS = ["name", "address", "phone", "email", "paper_size", "time_zone"]


def clinic_form(clinic, **changes):
    data = {name: getattr(clinic, name) for name in CLINIC_LIMIT_FIELDS}
    return {**data, "home_programme_limit": clinic.home_programme_limit, **changes}


def test_bob_sets_his_clinics_home_programme_limit(bob_client, clinic):
    url = reverse("admin:patients_clinic_change", args=[clinic.pk])

    response = bob_client.post(url, clinic_form(clinic, home_programme_limit=3))

    assert response.status_code == 302
    clinic.refresh_from_db()
    assert clinic.home_programme_limit == 3


@pytest.mark.parametrize("limit", [2, 7])
def test_a_home_programme_limit_outside_3_to_6_is_refused_in_the_admin(bob_client, clinic, limit):
    url = reverse("admin:patients_clinic_change", args=[clinic.pk])

    response = bob_client.post(url, clinic_form(clinic, home_programme_limit=limit, phone="1"))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["home_programme_limit"]
    assert errors == ["The home programme limit must be 3 to 6."]
    clinic.refresh_from_db()
    assert clinic.home_programme_limit == 4
    assert clinic.phone != "1"


def test_bob_never_sees_another_clinics_settings(bob_client, other_clinic):
    url = reverse("admin:patients_clinic_change", args=[other_clinic.pk])
    assert bob_client.get(url).status_code == 404
    listed = bob_client.get(reverse("admin:patients_clinic_changelist")).context["cl"]
    assert other_clinic not in listed.result_list
