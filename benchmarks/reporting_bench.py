"""Benchmark: the dashboard, an initiative's results and the exports, at demo size and at
a large size (20 sites, 200 initiatives, 8 weeks, ~3,000 schemas, ~40,000 answers).

Run from the project root (it needs PostgreSQL; it creates and drops its own database):

    .venv/bin/python benchmarks/reporting_bench.py [--repeat 30] [--keep]

Server time is measured in-process with Django's test client (request → response, the
response fully rendered or streamed), so it is the time a gunicorn worker would spend,
without the network. Each page is requested three times to warm up, then `--repeat`
times; p50 and p95 are reported.
Exports are timed once each, then downloaded again under tracemalloc for their peak
Python memory.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = "synergi_bench"
WARM_UP = 3
SERVER = os.environ.get("BENCH_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")


def setup_django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "synergy.settings.dev"
    os.environ["DATABASE_URL"] = f"{SERVER}/{BENCH_DB}"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def recreate_database():
    import psycopg2

    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
        cursor.execute(f'CREATE DATABASE "{BENCH_DB}"')
    connection.close()


def drop_database():
    import psycopg2
    from django.db import connections

    connections.close_all()
    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
    connection.close()


def build_large(*, sites=20, initiatives=200, weeks=8, questions=13):
    """A synthetic project. The project, its people, ideas and initiatives are made
    by the services, as in the app; the schemas, runs, submissions and answers, whose
    number is the point, are written with bulk_create (minutes would go on services)."""
    import random

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from benchmarks.builders import initiative_in_test
    from projects import services as project_services
    from projects.models import Role
    from sites.models import Municipality, Site
    from testing.models import (
        Answer,
        PeriodKind,
        Question,
        QuestionKind,
        SchemaTemplate,
        SchemaVersion,
        Section,
        Submission,
        SubmissionStatus,
        TestRun,
    )

    rng = random.Random(2017)
    User = get_user_model()
    municipality = Municipality.objects.create(name="Storkommune")
    site_list = Site.objects.bulk_create(
        Site(name=f"Bibliotek {n:02d}", municipality=municipality) for n in range(sites)
    )
    steering = User.objects.create_user("bench-steering", password=None)
    consultant = User.objects.create_user("bench-consultant", password=None)
    coordinators = User.objects.bulk_create(
        User(username=f"bench-coord-{n}") for n in range(sites)
    )
    project = project_services.project_create(
        name="Stort forløb",
        guiding_question="Hvordan?",
        starts_on=datetime.date(2017, 8, 21),
        ends_on=datetime.date(2017, 12, 1),
        sites=site_list,
        consultant=consultant,
    )
    project_services.membership_create(
        project=project, user=steering, role=Role.STEERING
    )
    for coordinator, site in zip(coordinators, site_list, strict=True):
        project_services.membership_create(
            project=project, user=coordinator, role=Role.COORDINATOR, site=site
        )
    # ~375 test sites: most initiatives at two sites, a few at one
    initiative_list, initiative_sites = [], []
    for n in range(initiatives):
        chosen = rng.sample(site_list, 2 if n % 8 else 1)
        initiative = initiative_in_test(
            project=project,
            idea_title=f"Idé {n}",
            name=f"Tiltag {n:03d}",
            description="x",
            group_name="G",
            rationale="Afprøves.",
            decided_on=datetime.date(2017, 9, 4),
            test_sites={site: coordinators[site_list.index(site)] for site in chosen},
            consultant=consultant,
            steering=steering,
        )
        initiative_list.append(initiative)
        initiative_sites.append(chosen)
    templates = SchemaTemplate.objects.bulk_create(
        SchemaTemplate(initiative=i, name="Ugeskema") for i in initiative_list
    )
    versions = SchemaVersion.objects.bulk_create(
        SchemaVersion(template=t, number=1) for t in templates
    )
    sections = Section.objects.bulk_create(
        Section(version=v, title="Ugen", position=1) for v in versions
    )
    kinds = (
        [QuestionKind.INTEGER] * 5
        + [QuestionKind.DECIMAL] * 2
        + [QuestionKind.SCALE] * 2
        + [QuestionKind.LONG_TEXT] * (questions - 9)
    )
    question_rows = Question.objects.bulk_create(
        Question(section=s, key=f"q{k}", position=k, kind=kind, text=f"Spørgsmål {k}")
        for s in sections
        for k, kind in enumerate(kinds)
    )
    by_section = {}
    for q in question_rows:
        by_section.setdefault(q.section_id, []).append(q)
    runs = []
    first_week = datetime.date(2017, 9, 11)
    for initiative, template, chosen in zip(
        initiative_list, templates, initiative_sites, strict=True
    ):
        for site in chosen:
            runs.append(
                TestRun(
                    project=project,
                    initiative=initiative,
                    site=site,
                    template=template,
                    starts_week=first_week,
                    ends_week=first_week + datetime.timedelta(weeks=weeks - 1),
                    cadence="weekly",
                )
            )
    runs = TestRun.objects.bulk_create(runs)
    statuses = (
        [SubmissionStatus.APPROVED] * 4
        + [SubmissionStatus.SUBMITTED] * 2
        + [SubmissionStatus.DRAFT, SubmissionStatus.RETURNED]
    )
    now = timezone.now()
    submissions = []
    for run in runs:
        for w in range(weeks):
            monday = first_week + datetime.timedelta(weeks=w)
            submissions.append(
                Submission(
                    run=run,
                    kind=PeriodKind.WEEK,
                    week=monday,
                    due_on=monday + datetime.timedelta(days=6),
                    status=rng.choice(statuses),
                    version=2,
                    submitted_at=now,
                    schema_version_id=versions[templates.index(run.template)].pk,
                )
            )
    submissions = Submission.objects.bulk_create(submissions, batch_size=1000)
    section_of_version = {s.version_id: s.pk for s in sections}
    # A form value per kind, stored where the kind's definition says
    # (testing/question_kinds.py). The ~200,000 answers are bulk-created rather than
    # saved one schema at a time through testing.services: the services' per-save
    # event and version bookkeeping would make building the data take hours.
    value_of = {
        QuestionKind.INTEGER: lambda: rng.randint(0, 20),
        QuestionKind.DECIMAL: lambda: rng.randint(0, 80) / 4,
        QuestionKind.SCALE: lambda: rng.randint(1, 5),
        QuestionKind.LONG_TEXT: lambda: "Observationer fra ugen. " * 3,
    }
    answers = [
        Answer(
            submission=submission,
            question=q,
            **q.definition.columns(value_of[q.kind]()),
        )
        for submission in submissions
        for q in by_section[section_of_version[submission.schema_version_id]]
    ]
    Answer.objects.bulk_create(answers, batch_size=5000)
    return project, steering, len(submissions), len(answers)


def analyze():
    """Planner statistics, as autovacuum would gather them after a bulk load (without
    them PostgreSQL guesses one row per table and nests loops over 200,000 pairs)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def percentile(values, share):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * (len(ordered) - 1))))
    return ordered[index]


def time_page(client, url, repeat, before=None):
    for _ in range(WARM_UP):  # templates compiled, connection open, caches filled
        client.get(url)
    timings = []
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        else:
            response.content  # noqa: B018
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), percentile(timings, 0.95)


def _download(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return sum(len(chunk) for chunk in response.streaming_content)


def time_export(client, url):
    """Seconds for the whole download (untraced), then a second download under
    tracemalloc for the peak Python memory (tracing slows Python several times over)."""
    start = time.perf_counter()
    size = _download(client, url)
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    _download(client, url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / 1024 / 1024, size / 1024


def measure(label, project, user, repeat):
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from dashboards import charts
    from initiatives.models import Initiative

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(user)
    middle = Initiative.objects.filter(project=project).order_by("name")[
        Initiative.objects.filter(project=project).count() // 2
    ]
    site = project.sites.order_by("name").first()
    pages = {
        "dashboard (page 1)": reverse("reporting:dashboard", args=[project.pk]),
        "dashboard (filtered by site)": reverse(
            "reporting:dashboard", args=[project.pk]
        )
        + f"?site={site.pk}",
        "initiative results": reverse("reporting:initiative_results", args=[middle.pk]),
        "site overview": reverse("reporting:site_overview", args=[project.pk, site.pk]),
    }
    print(f"\n## {label}")
    print("| page | p50 ms | p95 ms |\n|---|---:|---:|")
    results = {}
    for name, url in pages.items():
        p50, p95 = time_page(client, url, repeat)
        results[name] = (p50, p95)
        print(f"| {name} | {p50:.1f} | {p95:.1f} |")
    # The same page with every chart drawn afresh (as after new schemas come in).
    p50, p95 = time_page(
        client, pages["dashboard (page 1)"], repeat, before=charts._line_svg.cache_clear
    )
    results["dashboard, charts not yet drawn"] = (p50, p95)
    print(f"| dashboard (page 1), charts not yet drawn | {p50:.1f} | {p95:.1f} |")
    # The browser then fetches each chart the page links to, beside the page.
    chart = reverse("reporting:initiative_chart", args=[middle.pk])
    for name, before in (
        ("one chart image (drawn before)", None),
        ("one chart image (drawn afresh)", charts._line_svg.cache_clear),
    ):
        p50, p95 = time_page(client, chart, repeat, before=before)
        results[name] = (p50, p95)
        print(f"| {name} | {p50:.1f} | {p95:.1f} |")
    print(
        "\n| export | seconds | peak Python memory MB | size KB |\n|---|---:|---:|---:|"
    )
    for fmt in ("csv", "xlsx"):
        seconds, peak, size = time_export(
            client, reverse("reporting:export", args=[project.pk, "submissions", fmt])
        )
        results[f"export {fmt}"] = seconds
        print(f"| schemas as {fmt.upper()} | {seconds:.2f} | {peak:.1f} | {size:.0f} |")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--keep", action="store_true", help="keep the benchmark database afterwards"
    )
    args = parser.parse_args()
    recreate_database()
    setup_django()
    from django.core.management import call_command
    from django.test.utils import override_settings

    from projects.models import Project, Role

    call_command("migrate", verbosity=0)
    with override_settings(DEMO_PASSWORD=None), open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)
    analyze()
    demo = Project.objects.get()
    steering = demo.memberships.filter(role=Role.STEERING).first().user
    demo_results = measure(
        "Demo size (the 2017 study: 3 initiatives, 4 sites, 28 schemas)",
        demo,
        steering,
        args.repeat,
    )

    start = time.perf_counter()
    project, steering, submissions, answers = build_large()
    analyze()
    print(
        f"\n(built the large project in {time.perf_counter() - start:.0f} s: {submissions} schemas, {answers} answers)"
    )
    large_results = measure(
        f"Large size (20 sites, 200 initiatives, {submissions} schemas, {answers} answers)",
        project,
        steering,
        args.repeat,
    )
    for name in ("dashboard (page 1)", "dashboard, charts not yet drawn"):
        ratio = large_results[name][1] / demo_results[name][1]
        print(f"\n{name.capitalize()}: p95 large / demo {ratio:.2f}×")
    if not args.keep:
        drop_database()


if __name__ == "__main__":
    main()
