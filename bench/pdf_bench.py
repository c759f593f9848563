"""Time the referral letter and treatment plan renders against WeasyPrint's floor: a trivial one-page HTML.

Run: .venv/bin/python bench/pdf_bench.py [runs]. Uses a throwaway SQLite file under the system temp folder (a
worker process must open it for the queue figure), so it never touches var/db.sqlite3. Prints figures; asserts
nothing (target: each document within 2x the trivial render). The last figure is "generate" to "ready" through the
real queue: a job is requested as the page does, and a running `manage.py db_worker` picks it up and stores the PDF.
"""

from __future__ import annotations

import cProfile
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
DB_FILE = Path(tempfile.mkdtemp(prefix="pdf-bench-")) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB_FILE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from weasyprint import HTML  # noqa: E402

from reports.context import document_context_build  # noqa: E402
from reports.pdf import (  # noqa: E402
    PDF_VARIANT,
    LocalFilesFetcher,
    document_render,
    font_config,
    html_render,
    pdf_layout,
    pdf_render,
    stylesheet,
)

TRIVIAL = "<!doctype html><html lang='en'><head><title>t</title></head><body><p>Hello, world.</p></body></html>"


def exam_prepare():  # type: ignore[no-untyped-def]
    """Build one completed piriformis exam on the current release, through the real services."""
    from exams.models import RedFlagAnswer
    from exams.services import exam_complete
    from protocols.registry import protocol_current, protocol_versions_sync
    from tests.factories import ClinicFactory, ExamFactory, FindingFactory, MembershipFactory, PatientFactory

    call_command("migrate", verbosity=0)
    protocol_versions_sync()
    clinic = ClinicFactory(name="Riverside Physio")
    clinician = MembershipFactory(clinic=clinic).user
    current = protocol_current()  # what a clinician's new exam is recorded under (its plans carry exercise guides)
    exam = ExamFactory(patient=PatientFactory(clinic=clinic), clinician=clinician, protocol_version=current.version)
    for code in current.red_flags:
        RedFlagAnswer.objects.create(exam=exam, code=code, present=False)
    for maneuver in ("fair", "seated_piriformis_stretch", "active_piriformis", "sij_thigh_thrust"):
        FindingFactory(exam=exam, maneuver=maneuver, side="left", result="positive", familiar_pain=True)
    # The clinician confirms the diagnosis the findings point to, as the summary screen lets them.
    exam_complete(exam=exam, final_diagnosis="piriformis_syndrome", override_reason="The examination fits it best.")
    exam.refresh_from_db()
    return exam


def median_ms(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Return the median (wall ms, CPU ms) of `runs` calls after one warm-up; CPU time resists a busy machine."""
    action()  # warm-up: the first layout fills WeasyPrint's and fontconfig's caches
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def python_calls(action: Callable[[], object]) -> int:
    """Count the Python function calls of one warm call: a measure of the work that a busy machine does not move."""
    action()
    profile = cProfile.Profile()
    profile.runcall(action)
    return sum(entry.callcount for entry in profile.getstats())


def peak_memory(action: Callable[[], object]) -> tuple[float, float]:
    """Return (tracemalloc peak MiB, ru_maxrss growth MiB) of one call."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20, (rss_after - rss_before) / 1024  # ru_maxrss is in KiB on Linux


def line(label: str, figures: tuple[float, float], floor: tuple[float, float] | None = None) -> str:
    text = f"{label:<44} {figures[0]:7.1f} ms wall  {figures[1]:7.1f} ms CPU"
    if floor:
        text += f"  ratio {figures[0] / floor[0]:4.1f}x wall, {figures[1] / floor[1]:4.1f}x CPU"
    return text


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    exam = exam_prepare()
    contexts = {kind: document_context_build(exam=exam, kind=kind) for kind in ("referral_letter", "treatment_plan")}
    letter = html_render(contexts["referral_letter"])
    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # First render in the process: the RSS high-water mark still moves, so its growth is meaningful.
    traced, rss_growth = peak_memory(lambda: pdf_render(letter, paper_size="A4"))
    print(
        f"peak memory of the first letter render: tracemalloc {traced:.1f} MiB (Python heap), "
        f"ru_maxrss growth {rss_growth:.1f} MiB (process, incl. fonts and Pango)"
    )
    traced, _ = peak_memory(lambda: pdf_render(letter, paper_size="A4"))
    print(f"peak memory of a warm letter render: tracemalloc {traced:.1f} MiB")
    print(f"median of {runs} runs after one warm-up, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    floor = median_ms(lambda: HTML(string=TRIVIAL).write_pdf(), runs)
    lean = median_ms(
        lambda: HTML(string=TRIVIAL, url_fetcher=LocalFilesFetcher()).write_pdf(font_config=font_config()), runs
    )
    print(line("trivial one-page HTML, WeasyPrint defaults", floor))
    print(line("trivial, our fetcher + shared fonts", lean))
    trivial_calls = python_calls(lambda: HTML(string=TRIVIAL).write_pdf())
    for kind, context in contexts.items():
        pages = len(PdfReader(io.BytesIO(document_render(context))).pages)
        print(line(f"{kind} ({pages} pages), render", median_ms(lambda c=context: document_render(c), runs), floor))
        print(line("  of which template to HTML", median_ms(lambda c=context: html_render(c), runs)))
        halves(html_render(context), runs, trivial_calls)
        print(
            line(
                "  context + queries (before rendering)",
                median_ms(lambda k=kind: document_context_build(exam=exam, kind=k), runs),
            )
        )
    fresh = median_ms(
        lambda: HTML(string=letter, url_fetcher=LocalFilesFetcher()).write_pdf(
            stylesheets=[stylesheet("A4")], pdf_variant="pdf/ua-1"
        ),
        runs,
    )
    print(line("letter with a fresh FontConfiguration", fresh))
    where_the_time_goes(letter, runs)
    rss_total = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_start) / 1024
    print(f"ru_maxrss growth over all renders: {rss_total:.1f} MiB")
    from reports.card import card_context

    card = card_context(exam.clinic)
    print(line("safety-net card (1 page), render", median_ms(lambda: document_render(card), runs), floor))
    queue_figures(exam, max(3, runs // 2))


def halves(html: str, runs: int, trivial_calls: int) -> None:
    """Split a render as reports.pdf runs it: layout (cascade, boxes, line breaking), then painting and writing.

    The call count is the work itself, free of the machine's load: the ratio to the trivial page's calls says how
    much more WeasyPrint has to do, where the time ratio also carries the trivial page's fixed costs.
    """
    laid_out = pdf_layout(html, paper_size="A4")
    print(line("  of which layout", median_ms(lambda: pdf_layout(html, paper_size="A4"), runs)))
    print(
        line(
            "  of which painting and writing the PDF",
            median_ms(lambda: laid_out.write_pdf(pdf_variant=PDF_VARIANT), runs),
        )
    )
    calls = python_calls(lambda: pdf_render(html, paper_size="A4"))
    print(f"  work: {calls:,} Python calls, {calls / trivial_calls:.0f}x the trivial page's {trivial_calls:,}")


def where_the_time_goes(letter: str, runs: int) -> None:
    """Split the letter's cost: its letterhead with the whole style sheet, and its text with no style sheet at all.

    The first is close to the trivial page and the second close to the full letter, so the cost is WeasyPrint laying
    out the text line by line (Pango line breaking, inline boxes, list markers), not the cascade or the fonts; the
    content the issue asks for is what takes the time.
    """
    import re

    head_only = re.sub(r"</header>.*</body>", "</header></body>", letter, flags=re.DOTALL)
    fetch = LocalFilesFetcher
    sheet = stylesheet("A4")
    letterhead = median_ms(
        lambda: HTML(string=head_only, url_fetcher=fetch()).write_pdf(
            stylesheets=[sheet], font_config=font_config(), pdf_variant="pdf/ua-1"
        ),
        runs,
    )
    bare = median_ms(
        lambda: HTML(string=letter, url_fetcher=fetch()).write_pdf(font_config=font_config(), pdf_variant="pdf/ua-1"),
        runs,
    )
    print(line("  letterhead only, whole style sheet", letterhead))
    print(line("  letter text with no style sheet at all", bare))


def queue_figures(exam, runs: int) -> None:  # type: ignore[no-untyped-def]
    """Time "generate" to "ready" through the DB queue with a real db_worker process polling every 0.1 s."""
    from reports.jobs import document_request
    from reports.models import DocumentJob, JobStatus

    root = Path(__file__).resolve().parents[1]
    command = [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay"]
    worker = subprocess.Popen(command, cwd=root, env=os.environ.copy(), stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        times = []
        for i in range(runs + 1):
            start = time.perf_counter()
            job = document_request(exam=exam, kind="referral_letter", user=exam.clinician)
            while DocumentJob.objects.filter(pk=job.pk, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).exists():
                time.sleep(0.01)
            if i:  # the first job also pays the worker's start-up (imports, fonts)
                times.append((time.perf_counter() - start) * 1000)
        status = DocumentJob.objects.get(pk=job.pk).status
        print(
            f"{'generate to ready through the queue':<44} {statistics.median(times):7.1f} ms wall median of {runs}, "
            f"max {max(times):.1f} ms (worker polls every 0.1 s; last job {status})"
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)


if __name__ == "__main__":
    main()
