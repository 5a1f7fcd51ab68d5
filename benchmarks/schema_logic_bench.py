"""Benchmark: what schema logic (issue 16) costs, on the demo's schemas.

- A save of the schema page (the service `submission_merge_draft`, one changed answer)
  with the demo's conditions and computed answer, against the same save with every
  condition cleared (the schema as it was before issue 16), alternately in one run.
- The schema page (GET) with 2 entries of a repeated section and with 22.
- The tally at the counter: one request carrying 1 tap, and one carrying 50.

Run from the project root (it needs PostgreSQL; it creates and drops its own database):

    .venv/bin/python benchmarks/schema_logic_bench.py [--repeat 40] [--keep]
"""

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import benchmarks.reporting_bench as base  # noqa: E402

base.BENCH_DB = "synergi_bench_logic"


def _median_ms(timings):
    return statistics.median(timings), base.percentile(timings, 0.95)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    base.recreate_database()
    base.setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    base.analyze()

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    from django.urls import reverse

    from testing import services
    from testing.models import Question, RepeatEntry, Section, Submission

    users = get_user_model().objects
    roskilde = Submission.objects.get(
        run__site__name__startswith="Roskilde", kind="week", week__week=42
    )
    coordinator = users.get(username="tovholder-roskilde")
    saved = {
        "sections": dict(Section.objects.values_list("pk", "condition")),
        "questions": dict(Question.objects.values_list("pk", "condition")),
    }

    def with_logic(on):
        for model, stored in (
            (Section, saved["sections"]),
            (Question, saved["questions"]),
        ):
            for pk, condition in stored.items():
                model.objects.filter(pk=pk).update(condition=condition if on else {})

    def save_once(n, values):
        submission = Submission.objects.get(pk=roskilde.pk)
        start = time.perf_counter()
        services.submission_save_draft(
            submission=submission,
            values=values(n),
            user=coordinator,
            expected_version=submission.version,
        )
        return (time.perf_counter() - start) * 1000

    series = {
        "a count changed": lambda n: {"antal-1": 5 + n % 7},
        "Ja/Nej flipped": lambda n: {"justering": "yes" if n % 2 else "no"},
    }
    print("Save of the schema page (service), ms p50 / p95:")
    for name, values in series.items():
        timings = {True: [], False: []}
        for n in range(3):
            save_once(n, values)
        for n in range(0, args.repeat, 5):
            for on in (True, False):  # alternately: the machine's noise falls on both
                with_logic(on)
                save_once(n, values)  # settles the hidden marks the switch changed
                for k in range(1, 6):
                    timings[on].append(save_once(n + k, values))
        with_logic(True)
        for on, label in ((False, "without conditions"), (True, "with conditions")):
            p50, p95 = _median_ms(timings[on])
            print(f"  {name}, {label:>18}: {p50:6.1f} / {p95:6.1f}")

    # The schema page with 2 entries, then 22.
    naestved = Submission.objects.get(
        run__site__name__startswith="Næstved", kind="week", week__week=40
    )
    client = Client()
    client.force_login(users.get(username="tovholder-naestved"))
    url = reverse("testing:submission_fill", args=[naestved.pk])
    few = base.time_page(client, url, args.repeat)
    for seen in range(RepeatEntry.objects.filter(submission=naestved).count(), 22):
        services.submission_entry_add(
            submission=naestved,
            section_key="arrangementer-i-ugen",
            user=users.get(username="tovholder-naestved"),
            seen=seen,
        )
    many = base.time_page(client, url, args.repeat)
    print("Schema page with a repeated section, ms p50 / p95:")
    print(f"  {'2 entries':>20}: {few[0]:6.1f} / {few[1]:6.1f}")
    print(f"  {'22 entries':>20}: {many[0]:6.1f} / {many[1]:6.1f}")

    # The tally: a request with 1 tap and one with 50.
    ringsted = Submission.objects.get(
        run__site__name__startswith="Ringsted", kind="week", week__week=42
    )
    counter = users.get(username="tovholder-ringsted")
    tally = {1: [], 50: []}
    for _ in range(args.repeat):
        for size in (1, 50):
            taps = [
                {"id": str(uuid.uuid4()), "question": "antal-1", "delta": 1}
                for _tap in range(size)
            ]
            start = time.perf_counter()
            result = services.tally_record_taps(
                submission=Submission.objects.get(pk=ringsted.pk),
                taps=taps,
                user=counter,
            )
            tally[size].append((time.perf_counter() - start) * 1000)
            assert len(result.applied) == size
    print("Tally at the counter (service), ms p50 / p95:")
    for size in (1, 50):
        p50, p95 = _median_ms(tally[size])
        print(f"  {f'{size} tap(s) a request':>20}: {p50:6.1f} / {p95:6.1f}")
    if not args.keep:
        base.drop_database()


if __name__ == "__main__":
    main()
