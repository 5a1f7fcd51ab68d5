"""Benchmark: the results page with success criteria judged (issue 15), against the same
page without criteria ("today's dashboard", where judging costs one query), at demo size
and at the large synthetic size (20 sites, 200 initiatives, 8 weeks, ~3,000 schemas).

Run from the project root (it needs PostgreSQL; it creates and drops its own database):

    .venv/bin/python benchmarks/verdicts_bench.py [--repeat 30] [--keep]

Both variants are timed in the same run, alternately, so the machine's noise falls on
both. Every initiative of the large project gets three criteria (a weekly sum, a mean
over the test, a share of schemas) in a published guide.
"""

import argparse
import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.reporting_bench import (  # noqa: E402
    analyze,
    build_large,
    drop_database,
    recreate_database,
    setup_django,
    time_page,
)

CRITERIA = [
    {
        "key": "sum",
        "measure": "sum",
        "question_key": "q0",
        "comparison": "gte",
        "target": "8",
        "period": "week",
        "applies": "each",
    },
    {
        "key": "mean",
        "measure": "mean",
        "question_key": "q7",
        "comparison": "gte",
        "target": "3",
        "period": "test",
        "applies": "each",
    },
    {
        "key": "all",
        "measure": "schemas",
        "question_key": "",
        "comparison": "gte",
        "target": "10",
        "period": "test",
        "applies": "all",
    },
]


def publish_criteria(project):
    """A published guide with CRITERIA for every initiative of the project."""
    from django.utils import timezone

    from testing.models import TestGuide, TestGuideVersion

    guides = TestGuide.objects.bulk_create(
        TestGuide(initiative=i, criteria=CRITERIA)
        for i in project.initiatives.exclude(test_guide__isnull=False)
    )
    TestGuideVersion.objects.bulk_create(
        TestGuideVersion(
            guide=g,
            number=1,
            criteria=CRITERIA,
            published_at=timezone.make_aware(datetime.datetime(2017, 9, 1, 9)),
        )
        for g in guides
    )


def set_criteria(project, criteria):
    from testing.models import TestGuideVersion

    TestGuideVersion.objects.filter(guide__initiative__project=project).update(
        criteria=criteria
    )


def compare(label, project, user, repeat, switch):
    """p50/p95 of the results page with the criteria and with none (`switch(on)`)."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(user)
    url = reverse("reporting:dashboard", args=[project.pk])
    rows = {}
    for variant in ("with verdicts", "without criteria", "with verdicts (again)"):
        switch(variant != "without criteria")
        rows[variant] = time_page(client, url, repeat)
    switch(True)
    print(f"\n## {label}\n| results page (page 1) | p50 ms | p95 ms |\n|---|---:|---:|")
    for variant, (p50, p95) in rows.items():
        print(f"| {variant} | {p50:.1f} | {p95:.1f} |")
    return rows


def pack_pdf(project, user, initiatives=20):
    """A meeting pack for `initiatives` initiatives in test (the rest decided), made
    as the worker makes it: the seconds it takes and the progress the page shows."""
    import time

    from initiatives.models import InitiativeStatus, Meeting
    from reporting import rendering
    from reporting.models import MeetingPackRender, RenderStatus

    keep = list(
        project.initiatives.order_by("name").values_list("pk", flat=True)[:initiatives]
    )
    project.initiatives.exclude(pk__in=keep).update(status=InitiativeStatus.RECOMMENDED)
    meeting = Meeting.objects.create(
        project=project, title="Styregruppemøde", held_on=datetime.date(2017, 11, 1)
    )
    render = MeetingPackRender.objects.create(meeting=meeting, requested_by=user)
    seen = []
    original = rendering._progress

    def progress(render_id, value, step, model=None):
        seen.append((round(time.perf_counter() - start, 2), value))
        return original(render_id, value, step, model or MeetingPackRender)

    rendering._progress = progress
    start = time.perf_counter()
    rendering.pack_render_run(render_id=render.pk)
    elapsed = time.perf_counter() - start
    rendering._progress = original
    render.refresh_from_db()
    assert render.status == RenderStatus.DONE, render.error
    print(
        f"\n## Meeting pack PDF, {initiatives} initiatives (large project)\n"
        f"{elapsed:.1f} s in the worker, {render.pages} pages, "
        f"{render.size / 1024:.0f} KB; progress the page saw (s, %): {seen}"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    recreate_database()
    setup_django()
    from django.core.management import call_command

    from projects.models import Project, Role
    from testing.models import TestGuideVersion

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    demo = Project.objects.get()
    steering = demo.memberships.filter(role=Role.STEERING).first().user
    stored = {
        v.pk: v.criteria
        for v in TestGuideVersion.objects.filter(guide__initiative__project=demo)
    }

    def set_demo(criteria):
        for pk, value in stored.items():
            TestGuideVersion.objects.filter(pk=pk).update(
                criteria=value if criteria else []
            )

    # The demo's guides hold different criteria each: restored per version.
    small = compare(
        "Demo size (4 sites, 3 initiatives in test)",
        demo,
        steering,
        args.repeat,
        set_demo,
    )
    large_project, user, schemas, answers = build_large()
    publish_criteria(large_project)
    analyze()
    print(f"\n(large: {schemas} schemas, {answers} answers)")
    large = compare(
        "Large size",
        large_project,
        user,
        args.repeat,
        lambda on: set_criteria(large_project, CRITERIA if on else []),
    )
    pack_pdf(large_project, user)
    demo_p50 = small["with verdicts"][0]
    large_p50 = large["with verdicts"][0]
    today = large["without criteria"][0]
    print(
        f"\nlarge/demo with verdicts: {large_p50 / demo_p50:.2f}× (budget 2×); "
        f"with/without criteria at large size: {large_p50 / today:.2f}× (budget 1.3×)"
    )
    if not args.keep:
        drop_database()


if __name__ == "__main__":
    main()
