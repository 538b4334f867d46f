"""What the report's findings tables show a reader (issue 12, items 1, 4, 5 and 7)."""

import logging

import pytest
import tinyhtml5
from django.urls import reverse

from evaluations.models.sections import SECTIONS
from evaluations.reports.documents import render_handout, render_report, report_html
from evaluations.views.reports import RENDER_FAILED
from tests.factories import make_evaluation
from tests.reports.helpers import fill, text

RETRY_ADVICE = "try again in a minute"


def _cells(row):
    return ["".join(cell.itertext()).strip() for cell in row if cell.tag.endswith(("}td", "}th"))]


def table_of(html, label):
    """(header cells, row cells) of the report table row whose finding is `label`."""
    document = tinyhtml5.parse(html)
    for table in document.iter("{http://www.w3.org/1999/xhtml}table"):
        rows = list(table.iter("{http://www.w3.org/1999/xhtml}tr"))
        for row in rows[1:]:
            cells = _cells(row)
            if cells and cells[0] == label:
                return _cells(rows[0]), cells
    raise AssertionError(f"no row {label!r}")


@pytest.fixture
def right_sided(patient, alice):
    return make_evaluation(patient, alice, symptomatic_side="right")


def test_free_text_neural_notes_print_as_text_in_the_report(right_sided):
    fill(right_sided, "neural", neuro_notes="Reflexes normal")
    _, _, pdf = render_report(right_sided)
    assert "Neurological screen notes Reflexes normal" in text(pdf)


def test_the_report_of_a_note_with_neural_notes_opens(alice_client, right_sided):
    fill(right_sided, "neural", neuro_notes="Reflexes normal")
    response = alice_client.get(reverse("evaluations:report_pdf", args=[right_sided.public_id]))
    assert response.status_code == 200


def test_every_free_text_finding_prints_as_typed(right_sided):
    """Derived from the declarations: any text field of any section, never formatted as a number."""
    typed = {}
    for section in SECTIONS:
        for field in section.finding_fields():
            if field.get_internal_type() in ("TextField", "CharField") and not field.choices:
                typed.setdefault(section, {})[field.name] = f"typed {field.name} 5"
    for section, values in typed.items():
        fill(right_sided, section._meta.get_field("evaluation").remote_field.related_name, **values)
    html = report_html(right_sided)
    for section in (s for s in typed if s.slug not in ("history", "red-flags")):
        for name, value in typed[section].items():
            assert value in html, name


def test_a_finding_without_a_side_gets_one_result_column(right_sided):
    fill(right_sided, "hamstring", tender="positive", resisted_knee_flexion_painful="positive")
    fill(right_sided, "hamstring", knee_flexor_mmt_90_left="5", knee_flexor_mmt_90_right="4")
    fill(right_sided, "gait", overstriding="positive")
    html = report_html(right_sided)
    for label in ("Tender on palpation", "Painful resisted knee flexion", "Overstriding"):
        header, row = table_of(html, label)
        assert header == ["Finding", "Result", "Normal"], label
        assert row[1] == "Positive", label
    header, row = table_of(html, "Knee flexion MMT at 90°")
    assert header == ["Finding", "Left", "Right", "LSI", "Normal"]
    assert row[1:3] == ["5", "4"]


@pytest.mark.parametrize(
    ("section", "name"),
    [
        ("function", "walking_normal_stride_pain_free"),
        ("function", "brisk_walk_30min_pain_free"),
        ("hamstring", "submax_isometric_90_pain_free"),
    ],
)
def test_a_gate_criterion_met_is_not_flagged_and_not_met_is(right_sided, section, name):
    row = getattr(right_sided, section)
    label = str(row._meta.get_field(name).verbose_name)
    assert label.endswith("?")
    label = label[:1].upper() + label[1:]
    fill(right_sided, section, **{name: "positive"})
    met = report_html(right_sided)
    fill(right_sided, section, **{name: "negative"})
    not_met = report_html(right_sided)
    assert table_of(met, label)[1][1] == "Met"
    assert "<span>Met</span>" in met and 'class="flag">Met' not in met
    assert table_of(not_met, label)[1][1] == "Not met"
    assert 'class="flag">Not met' in not_met


def test_a_centralising_patient_is_not_flagged(right_sided):
    fill(right_sided, "pelvis", centralisation="positive")
    html = report_html(right_sided)
    assert table_of(html, "Centralisation on repeated movements")[1][1] == "Positive"
    assert 'class="flag">Positive' not in html


def test_a_positive_test_is_still_flagged(right_sided):
    fill(right_sided, "hamstring", tender="positive")
    assert 'class="flag">Positive' in report_html(right_sided)


def test_the_report_prints_a_half_percent_lsi_rounded_up_like_the_side_panel(right_sided):
    # Right is involved: 165 / 200 = 82.5 %, which a reader rounds to 83 %.
    fill(right_sided, "hip", hhd_hip_flexors_n_left=200, hhd_hip_flexors_n_right=165)
    html = report_html(right_sided)
    assert table_of(html, "Hip flexors HHD")[1][3].startswith("83 %")
    _, _, pdf = render_report(right_sided)
    assert "82 %" not in text(pdf) and "83 %" in text(pdf)


def test_the_evaluation_page_shows_one_lsi_in_the_cell_and_the_side_panel(
    alice_client, right_sided
):
    fill(right_sided, "hip", hhd_hip_flexors_n_left=200, hhd_hip_flexors_n_right=165)
    page = alice_client.get(f"{right_sided.get_absolute_url()}?section=hip").content.decode()
    cell = page.split('id="lsi-hhd_hip_flexors_n"', 1)[1].split("</span>", 1)[0]
    panel = page.split('data-testid="lsi-list"', 1)[1].split("</li>", 1)[0]
    assert "83 %" in cell and "83 %" in panel


def test_a_render_fault_logs_the_note_id_and_says_retrying_will_not_help(
    alice_client, right_sided, patient, monkeypatch, caplog
):
    def broken(_evaluation):
        raise ValueError("Unknown format code 'g' for object of type 'str'")

    monkeypatch.setattr("evaluations.reports.report_context.region_rows", lambda *a: broken(a))
    with caplog.at_level(logging.ERROR):
        response = alice_client.get(reverse("evaluations:report_pdf", args=[right_sided.public_id]))
    page = response.content.decode()
    assert RENDER_FAILED in page and RETRY_ADVICE not in page
    assert str(right_sided.public_id) in page
    [record] = [r for r in caplog.records if r.name == "evaluations.views.reports"]
    assert record.exc_info and str(right_sided.public_id) in record.getMessage()
    logged = caplog.text
    assert patient.family_name not in logged and patient.record_number not in logged


def test_both_documents_render_with_every_section_filled(right_sided):
    fill(right_sided, "neural", neuro_notes="Reflexes normal")
    fill(right_sided, "history", occupation="Nurse", aggravating_factors="Sitting")
    assert render_report(right_sided)[2].startswith(b"%PDF")
    assert render_handout(right_sided)[2].startswith(b"%PDF")


def _section_head(page, slug):
    form = page.split(f'data-section="{slug}"', 1)[1].split("</form>", 1)[0]
    return form.split("<thead>", 1)[1].split("</thead>", 1)[0]


@pytest.mark.parametrize(
    ("slug", "sided"), [("history", False), ("red-flags", False), ("hip", True)]
)
def test_a_section_shows_side_headings_only_when_it_has_sides(
    alice_client, right_sided, slug, sided
):
    page = alice_client.get(f"{right_sided.get_absolute_url()}?section={slug}").content.decode()
    head = _section_head(page, slug)
    assert (">Left<" in head, ">LSI<" in head) == (sided, sided)
