"""`manage.py render_pdf` for batch printing and benchmarks."""

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_evaluation


@pytest.mark.parametrize("kind", ["report", "handout"])
def test_it_writes_the_pdf_to_the_file(patient, alice, tmp_path, kind):
    evaluation = make_evaluation(patient, alice)
    target = tmp_path / f"{kind}.pdf"
    call_command("render_pdf", str(evaluation.public_id), "--kind", kind, "-o", str(target))
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_a_bad_id_is_a_clear_error(tmp_path, value):
    target = tmp_path / "out.pdf"
    with pytest.raises(CommandError, match="evaluation") as error:
        call_command("render_pdf", value, "-o", str(target))
    assert error.value.returncode == 2
    assert not target.exists()
