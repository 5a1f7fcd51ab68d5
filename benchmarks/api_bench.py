"""Benchmark: the read API listing the large synthetic project's 3,000 schemas with
their answers page by page (and the same as one CSV file), on PostgreSQL.

Run from the project root (it creates and drops its own database, `apiread_bench`):

    .venv/bin/python benchmarks/api_bench.py [--repeat 5] [--keep]

The project is the reporting benchmark's (benchmarks/reporting_bench.py build_large:
20 sites, 200 initiatives, 8 weeks, ~3,000 schemas, ~39,000 answers). The steering
group and the consultant each walk `/api/v1/submissions/?project=…` from the first
page to the last by following `next`, at 100 and at 500 rows a page, `--repeat`
times; the table gives the time of a whole walk (p50 and p95 over the walks), the
p50/p95 of one page over every page of every walk, and the SQL queries per page
(the same on every page). Then `submissions.csv` (one row per answer) is downloaded
once for the time and again under tracemalloc for the peak Python memory.
Server time is measured in-process with Django's test client (request to the last
byte), as in the other benchmarks: a gunicorn worker's time, without the network.
"""

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import reporting_bench  # noqa: E402

reporting_bench.BENCH_DB = "apiread_bench"


def walk(client, url):
    """Every page of a list from `url`: (seconds per page, queries per page, rows)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages, queries, rows = [], [], 0
    while url:
        connection.queries_log.clear()  # the log keeps 9,000: count from empty
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            body = response.json()
            pages.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(captured.captured_queries))
        rows += len(body["results"])
        url = body["next"]
    return pages, queries, rows


def measure(client, project, label, repeat, page_size):
    from django.urls import reverse

    url = (
        reverse("api:submission_list") + f"?project={project.pk}&page_size={page_size}"
    )
    walk(client, url)  # warm up
    walks, pages, firsts, queries, rows = [], [], [], set(), 0
    for _ in range(repeat):
        start = time.perf_counter()
        page_times, page_queries, rows = walk(client, url)
        walks.append(time.perf_counter() - start)
        pages += page_times
        firsts.append(page_times[0])
        queries |= set(page_queries)
    print(
        f"| {label} | {page_size} | {rows} | {len(pages) // repeat} "
        f"| {statistics.median(walks):.2f} | {reporting_bench.percentile(walks, 0.95):.2f} "
        f"| {statistics.median(pages) * 1000:.0f} "
        f"| {reporting_bench.percentile(pages, 0.95) * 1000:.0f} "
        f"| {statistics.median(firsts) * 1000:.0f} "
        f"| {', '.join(str(q) for q in sorted(queries))} |"
    )


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return sum(len(chunk) for chunk in response.streaming_content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    reporting_bench.recreate_database()
    reporting_bench.setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from projects.models import Role

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    project, steering, submissions, answers = reporting_bench.build_large()
    reporting_bench.analyze()
    print(
        f"(built in {time.perf_counter() - start:.0f} s: {submissions} schemas, "
        f"{answers} answers)\n"
    )
    settings.ALLOWED_HOSTS = ["*"]
    consultant = project.memberships.get(role=Role.CONSULTANT).user
    print(
        "| reader | rows a page | schemas | pages | whole walk p50 s | p95 s "
        "| one page p50 ms | p95 ms | first page p50 ms | queries a page |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    )
    clients = {}
    for label, user in (("steering group", steering), ("consultant", consultant)):
        clients[label] = client = Client()
        client.force_login(user)
        for page_size in (100, 500):
            measure(client, project, label, args.repeat, page_size)
    client = clients["steering group"]
    url = reverse("api:submission_csv") + f"?project={project.pk}"
    start = time.perf_counter()
    size = download(client, url)
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    download(client, url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        "\n| file | seconds | peak Python memory MB | size KB |\n|---|---:|---:|---:|\n"
        f"| submissions.csv (one row per answer) | {elapsed:.2f} | "
        f"{peak / 1024 / 1024:.1f} | {size / 1024:.0f} |"
    )
    if not args.keep:
        reporting_bench.drop_database()


if __name__ == "__main__":
    main()
