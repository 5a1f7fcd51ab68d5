"""Benchmark: the PDF results catalogue with 10, 50 and 200 chapters.

Run from the project root (needs PostgreSQL; creates and drops its own database):

    .venv/bin/python benchmarks/catalogue_bench.py [--sizes 10 50 200] [--keep]

It builds the large synthetic project of reporting_bench.py (200 initiatives, 3,000
schemas), gives the catalogue a chapter with texts and two picked quotes for each
initiative, then for each size runs, in a fresh process (so peak memory is its own):

- the app's work: the selectors, the charts and the template → one HTML string;
- WeasyPrint's work on that same HTML: layout and writing the PDF.

Peak memory is the process's maximum resident set size (ru_maxrss) minus what it held
before the work began.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import reporting_bench  # noqa: E402

reporting_bench.BENCH_DB = "synergi_bench_catalogue"

TEXT = (
    "Medarbejderne henviste borgere videre ved skranken, og flere kom samme dag. "
    "I travle uger blev det glemt; en fast sætning hjalp. "
) * 3


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare():
    """The large project and its catalogue (one chapter per initiative)."""
    from initiatives.services import quote_create
    from projects.models import Role
    from reporting import selectors, services
    from reporting.models import Claim, Recommendation

    project, _steering, submissions, answers = reporting_bench.build_large()
    reporting_bench.analyze()
    catalogue = services.catalogue_create(project=project)
    consultant = project.memberships.get(role=Role.CONSULTANT).user
    for index, chapter in enumerate(
        catalogue.chapters.select_related("initiative").order_by("position")
    ):
        # Two quotes said about the chapter's initiative (offered only then).
        quotes = [
            quote_create(
                project=project,
                text=f"Det var nemt at få hjælp, og jeg kommer igen (borger {n}).",
                speaker_label=f"Borger {n}, 40 år",
                initiatives=[chapter.initiative],
                consent_to_publish=True,
                reviewed=True,
                user=consultant,
            )
            for n in (2 * index, 2 * index + 1)
        ]
        services.chapter_update(
            chapter=chapter,
            where_and_how=TEXT,
            what_worked=TEXT,
            what_did_not=TEXT,
            learnings=TEXT,
            recommendation=Recommendation.CONTINUE,
            recommendation_text=TEXT,
            quotes=quotes,
        )
        # Its claims cite two figures and a quote (numbered notes, sources appendix).
        for question in selectors.chapter_figures(chapter=chapter)[:2]:
            services.evidence_add(
                chapter=chapter,
                claim=Claim.WHAT_WORKED,
                source=f"figure:{question.key}",
            )
        services.evidence_add(
            chapter=chapter, claim=Claim.RECOMMENDATION, source=f"quote:{quotes[0].pk}"
        )
    return catalogue, submissions, answers


def child(size, variant):
    """One measurement in this (fresh) process; prints JSON. `variant`: "whole" lays
    the catalogue out as one document in this process (as before), "parts" in parts
    by the pool of processes (reporting/pdf_parts.py)."""
    reporting_bench.setup_django()
    from django.conf import settings

    from reporting import pdf
    from reporting.models import Catalogue

    catalogue = Catalogue.objects.get(project__name="Stort forløb")
    keep = list(
        catalogue.chapters.order_by("position").values_list("pk", flat=True)[:size]
    )
    catalogue.chapters.exclude(pk__in=keep).update(included=False)
    catalogue.chapters.filter(pk__in=keep).update(included=True)
    import weasyprint  # noqa: F401 - imported before the baseline is taken

    baseline = rss_mb()
    start = time.perf_counter()
    html = pdf.catalogue_html(catalogue=catalogue)
    app_seconds = time.perf_counter() - start
    app_peak = rss_mb() - baseline
    if variant == "parts":
        # In parts at every size, for the comparison (the app lays a catalogue out
        # in parts only when one document would exceed CATALOGUE_MEMORY_LIMIT_MB).
        settings.CATALOGUE_MEMORY_LIMIT_MB = 0
    start = time.perf_counter()
    content, pages, refused = pdf.html_to_pdf(html, in_parts=variant == "parts")
    weasy_seconds = time.perf_counter() - start
    # The pool's processes run side by side: count each at the largest one's peak.
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    processes = settings.CATALOGUE_LAYOUT_PROCESSES if variant == "parts" else 0
    print(
        json.dumps(
            {
                "size": size,
                "variant": variant,
                "pages": pages,
                "app_seconds": app_seconds,
                "weasy_seconds": weasy_seconds,
                "app_peak_mb": app_peak,
                "peak_mb": rss_mb() - baseline + processes * children,
                "estimate_mb": pdf.estimated_peak_mb(html, in_parts=variant == "parts"),
                "pdf_kb": len(content) / 1024,
                "html_kb": len(html) / 1024,
                "refused": len(refused),
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--variants", nargs="+", default=["whole", "parts"], choices=["whole", "parts"]
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--variant", default="parts", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.variant)
        return
    reporting_bench.recreate_database()
    reporting_bench.setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    _catalogue, submissions, answers = prepare()
    print(
        f"(built 200 initiatives, {submissions} schemas, {answers} answers and their "
        f"catalogue in {time.perf_counter() - start:.0f} s)\n"
    )
    print(
        "| chapters | layout | pages | app s | WeasyPrint s | app / WeasyPrint "
        "| total s | s per page | peak MB | MB per page | estimate MB | PDF KB |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, variant in [(s, v) for s in args.sizes for v in args.variants]:
        output = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--variant", variant],
            check=True,
            capture_output=True,
            text=True,
            env=os.environ,
        ).stdout
        r = json.loads(output.strip().splitlines()[-1])
        total = r["app_seconds"] + r["weasy_seconds"]
        print(
            f"| {r['size']} | {r['variant']} | {r['pages']} | {r['app_seconds']:.2f} "
            f"| {r['weasy_seconds']:.2f} | {100 * r['app_seconds'] / r['weasy_seconds']:.0f} % "
            f"| {total:.1f} | {total / r['pages']:.3f} | {r['peak_mb']:.0f} "
            f"| {r['peak_mb'] / r['pages']:.2f} | {r['estimate_mb']} "
            f"| {r['pdf_kb']:.0f} |",
            flush=True,
        )
    if not args.keep:
        reporting_bench.drop_database()


if __name__ == "__main__":
    main()
