"""Requests per second of the app under gunicorn on loopback, loaded by wrk while logged in.

The mix (list, search, evaluation form and plan pages of forty patients) is written to a file
that bench/mix.lua rotates over; each search kind has its own session, since the search box
keeps its query in the session. wrk counts every answer other than 200 as an error.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from evaluations.models import Evaluation
from patients.idle_logoff import SessionStore
from patients.models import Patient, User
from patients.views import SEARCH_SESSION_KEY

from .build import BENCH_USERNAME
from .pages import LOGIN_BACKEND
from .urls import FLOOR_PATH

HERE = Path(__file__).resolve().parent
PORT = 8765
PATIENTS_IN_MIX = 40


class Skipped(Exception):
    """Throughput cannot be measured on this machine; the message says what is missing."""


def gunicorn_path():
    path = Path(sys.executable).with_name("gunicorn")
    if not path.exists():
        raise Skipped(
            "gunicorn is not installed in the venv (pip install gunicorn); throughput skipped"
        )
    return path


def wrk_path():
    path = shutil.which("wrk")
    if path:
        return path
    if os.geteuid() != 0:
        raise Skipped("wrk is not installed (apt-get install wrk, as root); throughput skipped")
    print("installing wrk with apt-get …", flush=True)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    if subprocess.run(["apt-get", "install", "-y", "wrk"], **quiet).returncode != 0:
        subprocess.run(["apt-get", "update"], **quiet)
        subprocess.run(["apt-get", "install", "-y", "wrk"], **quiet)
    path = shutil.which("wrk")
    if not path:
        raise Skipped("apt-get could not install wrk; throughput skipped")
    return path


def _session(user, query=None):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = LOGIN_BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if query is not None:
        session[SEARCH_SESSION_KEY] = query
    session.create()
    return session.session_key


def request_mix():
    """(path, session key) lines: a quarter each list, search, evaluation form and plan page."""
    user = User.objects.get(username=BENCH_USERNAME)
    plain = _session(user)
    drafts = (
        Evaluation.objects.filter(patient__clinic=user.clinic, status=Evaluation.Status.DRAFT)
        .select_related("patient")
        .order_by("patient_id")[:PATIENTS_IN_MIX]
    )
    lines = []
    for n, draft in enumerate(drafts):
        patient = draft.patient
        query = _search_for(patient, n % 3)
        lines += [
            (f"/patients/?page={n % 5 + 1}", plain),
            ("/patients/", _session(user, query)),
            (draft.get_absolute_url(), plain),
            (f"/evaluations/{draft.public_id}/plan/", plain),
        ]
    return lines


def _search_for(patient: Patient, kind):
    if kind == 0:
        return patient.family_name[:3].lower()
    if kind == 1:
        return patient.record_number
    return f"{patient.date_of_birth:%d/%m/%Y}"


def _wait_until_up(url, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within 30 s")


def _run_wrk(wrk, url, mix_file, seconds, connections):
    command = [
        wrk,
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "5s",
        "-s",
        str(HERE / "mix.lua"),
        url,
        "--",
        mix_file,
        settings.SESSION_COOKIE_NAME,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK_JSON "))
    result = json.loads(line.removeprefix("WRK_JSON "))
    result["requests_per_s"] = round(result["requests"] / result["duration_s"], 1)
    result["errors"] = sum(
        result[k] for k in ("non_200", "connect_errors", "read_errors", "write_errors", "timeouts")
    )
    return result


def measure(*, env, workers, seconds=30, connections=10):
    """Requests per second of the mix, and of the floor view alone with the same server."""
    gunicorn, wrk = gunicorn_path(), wrk_path()
    user = User.objects.get(username=BENCH_USERNAME)
    mix_file = _write_mix(request_mix())
    floor_file = _write_mix([(FLOOR_PATH, _session(user))])
    url = f"http://127.0.0.1:{PORT}"
    command = [
        str(gunicorn),
        "config.wsgi",
        f"--bind=127.0.0.1:{PORT}",
        f"--workers={workers}",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, cwd=HERE.parent, env=env)
    try:
        _wait_until_up(f"{url}/login/", server)
        # Every worker loads its templates and the engine's library before the timed run.
        _run_wrk(wrk, url, mix_file, 3, connections)
        floor = _run_wrk(wrk, url, floor_file, seconds, connections)
        result = _run_wrk(wrk, url, mix_file, seconds, connections)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        os.unlink(mix_file)
        os.unlink(floor_file)
    return result | {
        "floor": floor,
        "ratio_to_floor": round(result["requests_per_s"] / floor["requests_per_s"], 3),
        "workers": workers,
        "connections": connections,
        "seconds": seconds,
    }


def _write_mix(lines):
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as handle:
        handle.writelines(f"{path}\t{session}\n" for path, session in lines)
        return handle.name
