"""Benchmark the report and the handout: WeasyPrint against headless Chromium (issue 7).

    .venv/bin/python bench/bench_pdf.py [--repeat 7] [--patient RPT-1004]

Builds a throwaway SQLite demo database (library, demo clinics, their plans), then, in this
warm process, times each PDF of one demo patient (Eric, the typical case, unless told) from
the evaluation to the bytes. Side by side it prints the same HTML with headless Chromium:
one-shot (`chromium --headless --print-to-pdf`, a new browser per print, as a server
without a resident browser would) and through a resident browser (Playwright, page.pdf()).
A child process renders one report to measure peak memory. Medians of --repeat runs; the
figures also go to bench/out/pdf_results.json.

It also times a signed note's reprints from storage (the stored bytes of its report and
handout, read and checked against their SHA-256, as the view serves them) against a fresh
render of the same document.

Targets: report ≤ 0.5 s and ≤ 0.5× one-shot Chromium, handout ≤ 0.4 s and ≤ 0.3× one-shot
Chromium, peak memory of one render ≤ 200 MB, a reprint from storage ≥ 20× faster than a render.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TARGETS = {"report": 0.5, "handout": 0.4}
# Issue 19: each document as a fraction of one-shot Chromium printing the same HTML (every
# demo patient's home programme has 4 items, the handout's limit).
RATIO_TARGETS = {"report": 0.5, "handout": 0.3}
MEMORY_TARGET_MB = 200
REPRINT_TARGET_RATIO = 20
TYPICAL = "RPT-1004"


def setup_django(database):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    # The stored PDFs of the reprint measurement go beside the throwaway database.
    os.environ["MEDIA_ROOT"] = str(Path(database).parent / "media")
    # The demo loader refuses to run without DEBUG: it must never touch a real clinic.
    os.environ["DEBUG"] = "1"
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()


def build_demo(database):
    setup_django(database)
    from django.core.management import call_command

    from evaluations.models import Evaluation
    from evaluations.services.plan_review import generate_plan

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_library", stdout=quiet)
        call_command("load_demo", stdout=quiet)
    for evaluation in Evaluation.objects.all():
        generate_plan(evaluation=evaluation)


def evaluation_of(record_number):
    from evaluations.models import Evaluation

    return Evaluation.objects.get(patient__record_number=record_number)


def median_seconds(action, repeat):
    action()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def chromium_html(html):
    """The document for a browser: its /static/ assets as files on disk."""
    static = (ROOT / "static").as_uri()
    return html.replace('"/static/', f'"{static}/').replace("'/static/", f"'{static}/")


def one_shot(html_file, pdf_file, profile):
    subprocess.run(
        [
            CHROMIUM,
            *CHROMIUM_ARGS,
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf_file}",
            html_file.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


def measure(args):
    from evaluations.reports import documents

    evaluation = evaluation_of(args.patient)
    results = {"patient": args.patient, "repeat": args.repeat, "documents": {}}
    work = args.work
    files = {}
    # WeasyPrint first: Playwright's event loop would make Django refuse database calls.
    for kind in ("report", "handout"):
        render = getattr(documents, f"render_{kind}")
        html_file = work / f"{kind}.html"
        html_file.write_text(chromium_html(getattr(documents, f"{kind}_html")(evaluation)))
        files[kind] = html_file
        weasy = median_seconds(lambda render=render: render(evaluation), args.repeat)
        cold = median_seconds(
            lambda f=html_file, k=kind: one_shot(f, work / f"{k}-chromium.pdf", work / "profile"),
            args.repeat,
        )
        results["documents"][kind] = {
            "weasyprint_s": weasy,
            "chromium_one_shot_s": cold,
            "ratio_to_one_shot": weasy / cold,
            "target_s": TARGETS[kind],
            "target_ratio": RATIO_TARGETS[kind],
            "meets_target": weasy <= TARGETS[kind] and weasy / cold <= RATIO_TARGETS[kind],
        }
    results["reprints"] = reprint_from_storage(evaluation, args.repeat)
    results["all_patients"] = all_patients(args.repeat)
    results["memory"] = memory_of_one_render(args)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS[1:]
        )
        page = browser.new_page()
        for kind, html_file in files.items():

            def resident(f=html_file):
                page.goto(f.as_uri())
                page.pdf(prefer_css_page_size=True)

            row = results["documents"][kind]
            row["chromium_resident_s"] = median_seconds(resident, args.repeat)
            row["ratio_to_resident"] = row["weasyprint_s"] / row["chromium_resident_s"]
        browser.close()
    return results


def reprint_from_storage(evaluation, repeat):
    """A signed note's report and handout served from storage against a fresh render of each."""
    from evaluations.models import Evaluation
    from evaluations.reports import documents
    from evaluations.services.documents import (
        current_documents,
        issue_signed_documents,
        stored_bytes,
    )

    # The throwaway SQLite database has no triggers: the note is marked signed directly, so
    # the measurement needs none of signing's checks. The hash only seeds the records' chain.
    Evaluation.objects.filter(pk=evaluation.pk).update(
        status=Evaluation.Status.SIGNED,
        signed_by=evaluation.clinician,
        signed_at=evaluation.updated_at,
        content_hash="0" * 64,
    )
    note = Evaluation.objects.get(pk=evaluation.pk)
    issue_signed_documents(evaluation=note, by=note.clinician)
    figures = {}
    for kind, stored in current_documents(note).items():
        render = getattr(documents, f"render_{kind}")
        fresh = median_seconds(lambda render=render: render(note), repeat)
        from_storage = median_seconds(lambda stored=stored: stored_bytes(stored), repeat)
        ratio = fresh / from_storage
        figures[kind] = {
            "fresh_render_s": fresh,
            "from_storage_s": from_storage,
            "ratio": ratio,
            "target_ratio": REPRINT_TARGET_RATIO,
            "meets_target": ratio >= REPRINT_TARGET_RATIO,
        }
    return figures


def all_patients(repeat):
    from evaluations.models import Evaluation
    from evaluations.reports.documents import render_handout, render_report

    figures = {}
    for evaluation in Evaluation.objects.select_related("patient").order_by(
        "patient__record_number"
    ):
        figures[evaluation.patient.record_number] = {
            "name": evaluation.patient.given_name,
            "report_s": median_seconds(lambda e=evaluation: render_report(e), max(3, repeat // 2)),
            "handout_s": median_seconds(
                lambda e=evaluation: render_handout(e), max(3, repeat // 2)
            ),
        }
    return figures


def memory_of_one_render(args):
    child = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(args.database), "--patient", args.patient],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def memory_child(args):
    """One cold render of each PDF in a fresh process: peak RSS and Python allocations."""
    setup_django(args.memory_child)
    from evaluations.reports.documents import render_handout, render_report

    evaluation = evaluation_of(args.patient)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    resident_before = _resident_mb()
    tracemalloc.start()
    render_report(evaluation)
    render_handout(evaluation)
    _, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "process_peak_rss_mb": peak,
                "rss_before_render_mb": before,
                "resident_before_render_mb": resident_before,
                "resident_after_render_mb": _resident_mb(),
                "render_rss_growth_mb": peak - before,
                "python_allocations_peak_mb": python_peak / 2**20,
                "target_mb": MEMORY_TARGET_MB,
                "meets_target": peak <= MEMORY_TARGET_MB,
            }
        )
    )


def _resident_mb():
    """The process's resident memory now (Linux), where ru_maxrss only gives the peak."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def report(results):
    print(f"Patient {results['patient']}, median of {results['repeat']} runs (seconds)")
    header = (
        f"{'document':9} {'WeasyPrint':>10} {'Chromium 1-shot':>16} {'ratio':>6} "
        f"{'Chromium resident':>18} {'ratio':>6} {'target':>7}"
    )
    print(header)
    for kind, row in results["documents"].items():
        verdict = "meets" if row["meets_target"] else "MISSES"
        print(
            f"{kind:9} {row['weasyprint_s']:>10.3f} {row['chromium_one_shot_s']:>16.3f} "
            f"{row['ratio_to_one_shot']:>6.2f} {row['chromium_resident_s']:>18.3f} "
            f"{row['ratio_to_resident']:>6.2f} {'≤ ' + str(row['target_s']):>7} {verdict}"
        )
    for kind, reprint in results["reprints"].items():
        print(
            f"\nSigned {kind} reprinted from storage {reprint['from_storage_s'] * 1000:.2f} ms, "
            f"fresh render {reprint['fresh_render_s']:.3f} s: {reprint['ratio']:.0f}× faster — "
            f"{'meets' if reprint['meets_target'] else 'MISSES'} the ≥ {REPRINT_TARGET_RATIO}× "
            "target"
        )
    print("\nWeasyPrint, every demo patient (median seconds):")
    for record, row in results["all_patients"].items():
        name, report_s, handout_s = row["name"], row["report_s"], row["handout_s"]
        print(f"  {record} {name:8} report {report_s:.3f}  handout {handout_s:.3f}")
    memory = results["memory"]
    verdict = "meets" if memory["meets_target"] else "MISSES"
    print(
        "\nOne report + one handout in a fresh process: peak RSS "
        f"{memory['process_peak_rss_mb']:.0f} MB (resident with Django and WeasyPrint loaded: "
        f"{memory['resident_before_render_mb']:.0f} MB, after: "
        f"{memory['resident_after_render_mb']:.0f} MB; "
        f"Python allocations peak {memory['python_allocations_peak_mb']:.0f} MB) — {verdict} "
        f"the {MEMORY_TARGET_MB} MB target"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed runs; the median is shown")
    parser.add_argument("--patient", default=TYPICAL, help="record number of a demo patient")
    parser.add_argument("--memory-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args)
        return
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as work:
        args.database, args.work = Path(work) / "demo.sqlite3", Path(work)
        build_demo(args.database)
        results = measure(args)
    report(results)
    OUT.mkdir(exist_ok=True)
    (OUT / "pdf_results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nFigures written to {(OUT / 'pdf_results.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
