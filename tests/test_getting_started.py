"""Getting started (README "Two commands"): make run's port and Python, manage.py's first words,
and the hashed lock file every `make` target installs from."""

import os
import re
import subprocess
import sys
import tomllib

from django.conf import settings

BASE_DIR = settings.BASE_DIR


def run(command, **env):
    return subprocess.run(
        command, cwd=BASE_DIR, env={**os.environ, **env}, capture_output=True, text=True
    )


def test_manage_py_without_a_secret_key_says_what_to_do_in_one_line():
    # Empty counts as unset, so a developer's own .env cannot hide the message from this test.
    result = run([sys.executable, "manage.py", "check"], SECRET_KEY="", DEBUG="0")
    assert result.returncode != 0
    assert result.stderr.strip() == settings.MISSING_SECRET_KEY
    assert "cp .env.example .env" in settings.MISSING_SECRET_KEY


def test_the_example_env_file_is_enough_to_run_manage_py(tmp_path):
    example = (BASE_DIR / ".env.example").read_text()
    values = dict(
        line.split("=", 1) for line in example.splitlines() if line and not line.startswith("#")
    )
    assert values["DEBUG"] == "1" and values["DATABASE_URL"].startswith("sqlite:///")
    result = run([sys.executable, "manage.py", "check"], SECRET_KEY="", **values)
    assert result.returncode == 0, result.stderr


def test_make_run_serves_on_the_port_asked_for():
    result = run(["make", "-n", "run", "PORT=8001"])
    assert result.returncode == 0, result.stderr
    assert "runserver 127.0.0.1:8001" in result.stdout


def test_make_prefers_python3_11_when_the_default_python3_is_another(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, version in (("python3", "3.12"), ("python3.11", "3.11")):
        fake = bin_dir / name
        fake.write_text(f"#!/bin/sh\necho {version}\n")
        fake.chmod(0o755)
    venv = tmp_path / "venv"
    result = run(
        ["make", "-n", f"VENV={venv}", f"{venv}/bin/.installed"],
        PATH=f"{bin_dir}:{os.environ['PATH']}",
    )
    assert f"{bin_dir}/python3.11 -m venv {venv}" in result.stdout


def test_make_stops_with_one_sentence_without_python_3_11(tmp_path):
    fake = tmp_path / "python3"
    fake.write_text("#!/bin/sh\necho 3.12\n")
    fake.chmod(0o755)
    venv = tmp_path / "venv"
    result = run(["make", f"VENV={venv}", f"PYTHON={fake}", f"{venv}/bin/.installed"])
    assert result.returncode != 0
    assert "wholebody needs Python 3.11" in result.stderr
    assert not venv.exists()


def locked_versions():
    """requirements.lock as {normalised name: version}."""
    from packaging.utils import canonicalize_name

    lock = (BASE_DIR / "requirements.lock").read_text()
    pins = re.findall(r"^([A-Za-z0-9._-]+)==([^\s;]+)", lock, re.M)
    return {canonicalize_name(name): version for name, version in pins}


def test_the_lock_pins_every_dependency_of_pyproject_within_its_range():
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    locked = locked_versions()
    for line in wanted:
        requirement = Requirement(line)
        version = locked.get(canonicalize_name(requirement.name))
        assert version in requirement.specifier, f"{line}: locked {version}; run make lock"


def test_every_locked_version_carries_its_hashes():
    entries = re.split(r"\n(?=[A-Za-z0-9])", (BASE_DIR / "requirements.lock").read_text())
    pinned = [entry for entry in entries if "==" in entry.split("\n", 1)[0]]
    assert len(pinned) == len(locked_versions())
    for entry in pinned:
        assert "--hash=sha256:" in entry, entry.split("\n", 1)[0]


def test_make_installs_the_hashed_lock_and_then_wholebody_alone(tmp_path):
    venv = tmp_path / "venv"
    result = run(["make", "-n", f"VENV={venv}", f"{venv}/bin/.installed"])
    assert result.returncode == 0, result.stderr
    installs = [line for line in result.stdout.splitlines() if " install " in line]
    assert installs[-2:] == [
        f"{venv}/bin/pip install --quiet --require-hashes -r requirements.lock",
        f"{venv}/bin/pip install --quiet --no-deps -e .",
    ]


def test_make_lock_compiles_the_app_and_its_dev_extras_with_hashes():
    result = run(["make", "-n", "lock"])
    assert result.returncode == 0, result.stderr
    command = " ".join(result.stdout.split())
    assert "uv pip compile pyproject.toml --extra dev" in command
    assert "--generate-hashes" in command and "--output-file requirements.lock" in command
