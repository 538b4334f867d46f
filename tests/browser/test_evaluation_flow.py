import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from evaluations.models import Evaluation
from patients.demo import DEMO_PASSWORD
from patients.models import Patient

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Section by section: (section slug, {field: value}); selects are chosen by value.
FINDINGS = [
    (
        "history",
        {
            "weeks_since_onset": "12",
            "pain_sitting": "yes",
            "sit_bone_pain": "yes",
            "sitting_hours_per_day": "7.5",
            "pain_now": "4",
            "occupation": "Golf caddie",
        },
    ),
    (
        "hip",
        {
            "hhd_hip_flexors_n_left": "160",
            "hhd_hip_flexors_n_right": "200",
            "mmt_hip_extensors_left": "4+",
            "rom_flexion_left": "115",
        },
    ),
    ("pelvis", {"sij_distraction": "positive_familiar", "sij_thigh_thrust": "negative"}),
    ("core", {"aslr_left": "2", "mcgill_extension_s": "90", "mcgill_flexion_s": "120"}),
    ("foot", {"fpi_total": "7", "heel_raise_count_left": "18", "heel_raise_count_right": "25"}),
    ("gait", {"runner": "no", "trendelenburg_left": "positive"}),
    ("neural", {"slr_angle_left": "70", "slr_angle_right": "80", "crossed_slr": "negative"}),
    (
        "hamstring",
        {"puranen_orava": "positive_familiar", "tender": "positive", "tender_distance_cm": "1.5"},
    ),
    ("function", {"load_test_pain": "3", "load_test_settled_next_morning": "yes"}),
]


def fill(page, slug, field, value):
    locator = page.locator(f"#id_{slug}_{field}")
    if locator.evaluate("el => el.tagName") == "SELECT":
        locator.select_option(value)
    else:
        locator.fill(value)


def open_section(page, slug):
    page.locator(f"#tab-{slug}").click()
    # A section's form loads when its tab opens.
    expect(page.locator(f"#section-{slug} form.section-form")).to_be_visible()


def wait_saved(page, slug):
    expect(page.locator(f"#status-{slug}")).to_have_text(re.compile(r"^Saved"), timeout=10_000)


def test_a_therapist_fills_an_evaluation_and_finds_it_all_after_reload(page, log_in, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    log_in("demo-pt", DEMO_PASSWORD)
    craig = Patient.objects.get(record_number="RPT-1002")
    page.goto(craig.get_absolute_url())
    page.get_by_role("button", name="New evaluation").click()
    page.wait_for_url(re.compile(r"/evaluations/[0-9a-f-]{36}/$"))
    evaluation = Evaluation.objects.filter(patient=craig).order_by("-created_at").first()
    page.locator("#id_header_symptomatic_side").select_option("left")
    page.get_by_role("button", name="Save visit details").click()

    open_section(page, "red-flags")
    for select in page.locator("#section-red-flags select").all():
        select.select_option("no")
    wait_saved(page, "red-flags")

    for slug, values in FINDINGS:
        open_section(page, slug)
        for field, value in values.items():
            fill(page, slug, field, value)
        wait_saved(page, slug)

    # A value out of range: the message appears next to the field, the rest stays saved.
    open_section(page, "hip")
    fill(page, "hip", "rom_flexion_right", "170")
    error = page.locator("#err-id_hip_rom_flexion_right")
    expect(error).to_have_text("Enter a value from 0 to 140°.")
    expect(page.locator("#id_hip_rom_flexion_right")).to_have_class(re.compile("is-invalid"))
    expect(page.locator("#status-hip")).to_contain_text("1 field needs attention")
    fill(page, "hip", "rom_flexion_right", "120")
    wait_saved(page, "hip")
    expect(error).to_have_text("")

    open_section(page, "outcomes")
    page.locator("#id_outcomes_psfs_activity_1").fill("Walking the course")
    page.locator("#id_outcomes_psfs_score_1").select_option("6")
    wait_saved(page, "outcomes")

    page.reload()
    open_section(page, "hip")
    assert page.locator("#id_hip_hhd_hip_flexors_n_left").input_value() == "160.0"
    assert page.locator("#id_hip_rom_flexion_right").input_value() == "120"
    assert page.locator("#id_hip_mmt_hip_extensors_left").input_value() == "4+"
    # Derived figures come back too: 160 / 200 N on the symptomatic left side = 80 %.
    expect(page.locator("#lsi-hhd_hip_flexors_n")).to_contain_text("80 %")
    expect(page.locator("#derived-summary")).to_contain_text("Hip flexor strength (HHD): 80 %")
    open_section(page, "pelvis")
    assert page.locator("#id_pelvis_sij_distraction").input_value() == "positive_familiar"
    open_section(page, "history")
    assert page.locator("#id_history_occupation").input_value() == "Golf caddie"
    open_section(page, "outcomes")
    expect(page.locator("#derived-outcomes")).to_contain_text("PSFS: mean 6.0/10")
    open_section(page, "core")
    expect(page.locator("#derived-core")).to_contain_text("flexion/extension 1.33")
    expect(page.locator("#badge-red-flags")).to_contain_text("30")

    evaluation.refresh_from_db()
    assert evaluation.symptomatic_side == "left"
    assert evaluation.red_flags.recorded_count() == 30
    assert evaluation.neural.crossed_slr == "negative"
    assert evaluation.neural.slump_familiar_symptoms == ""
