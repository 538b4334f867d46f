"""``manage.py plan``: JSON or text for a valid file, exit code 2 and field names otherwise."""

import json
from io import StringIO
from pathlib import Path

import pytest

django_settings = pytest.importorskip("django.conf").settings
pytestmark = pytest.mark.skipif(
    not django_settings.configured, reason="needs Django settings (runs under pytest-django)"
)

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def run(*args) -> str:
    from django.core.management import call_command

    out = StringIO()
    call_command("plan", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_plan_as_json():
    plan = json.loads(run(str(EXAMPLES / "eric.json")))
    assert plan["blocked"] is False
    assert [p["pillar"] for p in plan["pillars"]] == [1, 2, 3, 4, 5]
    assert any(p["code"] == "hamstring_tendinopathy" for p in plan["pathways"])


def test_it_prints_readable_text():
    text = run(str(EXAMPLES / "sean.json"), "--text")
    assert "Pillar 3: Strengthening the right areas" in text
    assert "Sacroiliac joint pain" in text


def test_a_broken_file_exits_2_naming_the_field(tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"hip": {"rom_flexion": {"left": 200}}}), "utf-8")
    with pytest.raises(CommandError) as raised:
        run(str(path))
    assert raised.value.returncode == 2
    assert "hip.rom_flexion.left" in str(raised.value)


def test_a_missing_file_exits_2(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as raised:
        run(str(tmp_path / "missing.json"))
    assert raised.value.returncode == 2
