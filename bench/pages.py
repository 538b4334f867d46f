"""Server time and query count of the pages a therapist uses, measured in-process, each as a
multiple of the floor: a logged-in view that does nothing but pass the middleware (bench/urls.py).

Django's test Client runs the whole request (middleware, view, template) without a socket;
the time is wall time around one GET. Queries are counted in a separate request, so the
timed ones carry no capture overhead.
"""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from evaluations.models import Evaluation
from patients.models import Patient, User

from .build import BENCH_USERNAME
from .urls import FLOOR_PATH

WARMUP = 5
# The backend that loads a session's user (django-axes, when listed first, only guards logins).
LOGIN_BACKEND = "patients.auth.ClinicModelBackend"


def targets():
    """The pages to measure, as (name, search query or None, path), for bench-pt's first patient
    (ten visits: nine signed notes and a draft)."""
    user = User.objects.get(username=BENCH_USERNAME)
    patient = (
        Patient.objects.filter(clinic=user.clinic, evaluations__clinician=user)
        .order_by("id")
        .first()
    )
    visits = list(patient.evaluations.order_by("visit_date"))
    draft = next(e for e in visits if e.is_draft)
    signed = next(e for e in visits if e.is_signed)
    return user, [
        ("patient list", "", "/patients/"),
        ("search: name prefix", patient.family_name[:3].lower(), "/patients/"),
        ("search: record number", patient.record_number, "/patients/"),
        ("search: date of birth", f"{patient.date_of_birth:%d/%m/%Y}", "/patients/"),
        (f"patient page, {len(visits)} visits", None, patient.get_absolute_url()),
        ("evaluation form", None, draft.get_absolute_url()),
        ("plan page", None, f"/evaluations/{draft.public_id}/plan/"),
        ("signed note", None, signed.get_absolute_url()),
    ]


def _summary(times_ms):
    ordered = sorted(times_ms)
    quartiles = statistics.quantiles(ordered, n=4)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 2),
        "spread_ms": round(quartiles[2] - quartiles[0], 2),
        "min_ms": round(ordered[0], 2),
        "max_ms": round(ordered[-1], 2),
        "runs": len(ordered),
    }


def measure(runs):
    """Each page's server time in ms (median, p95, spread = interquartile range) and its ratio
    to the floor view, timed in alternation with the page so both see the same machine load."""
    user, pages = targets()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user, backend=LOGIN_BACKEND)
    results = {"floor": _measure_floor(client, runs)}
    for name, query, path in pages:
        if query is not None:
            client.post("/patients/", {"q": query})
        query_count = _warm_and_count(client, path)
        times, floor_times = [], []
        for _ in range(runs):
            floor_times.append(_timed(client, FLOOR_PATH))
            times.append(_timed(client, path))
        floor = statistics.median(floor_times)
        results[name] = {
            "queries": query_count,
            **_summary(times),
            "floor_median_ms": round(floor, 2),
            "ratio": round(statistics.median(times) / floor, 2),
        }
    return results


def _measure_floor(client, runs):
    query_count = _warm_and_count(client, FLOOR_PATH)
    return {"queries": query_count, **_summary([_timed(client, FLOOR_PATH) for _ in range(runs)])}


def _warm_and_count(client, path):
    for _ in range(WARMUP):
        _get(client, path)
    with CaptureQueriesContext(connection) as queries:
        _get(client, path)
    # Counted now: the next request's start clears the connection's query log.
    return len(queries)


def _timed(client, path):
    start = time.perf_counter()
    _get(client, path)
    return (time.perf_counter() - start) * 1000


def _get(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}")
    return response


def evaluation_count():
    return Evaluation.objects.count()


def patients_in_measured_clinic():
    return Patient.objects.filter(clinic=User.objects.get(username=BENCH_USERNAME).clinic).count()
