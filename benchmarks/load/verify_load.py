"""After a load run: every schema the load test sent is submitted in the database (no
submission lost), and locust saw no server errors. Prints the figures; exit 1 if not."""

import csv
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "synergy.settings.dev")
import django  # noqa: E402

django.setup()
from testing.models import Submission  # noqa: E402

sent = {int(line) for line in (HERE / "sent.txt").read_text().split()}
submitted = set(
    Submission.objects.filter(
        pk__in=sent, status__in=["submitted", "approved"]
    ).values_list("pk", flat=True)
)
lost = sorted(sent - submitted)
rows = list(csv.DictReader((HERE / "results_stats.csv").open()))
total = next(r for r in rows if r["Name"] == "Aggregated")
failures = list(csv.DictReader((HERE / "results_failures.csv").open()))
server_errors = [f for f in failures if " 5" in f["Error"] or "50" in f["Error"]]
print("| request | count | failures | p50 ms | p95 ms | req/s |")
print("|---|---:|---:|---:|---:|---:|")
for row in rows:
    print(
        f"| {row['Type']} {row['Name']} | {row['Request Count']} | "
        f"{row['Failure Count']} | {row['50%']} | {row['95%']} | "
        f"{float(row['Requests/s']):.1f} |"
    )
conflicts = (HERE / "conflicts.txt").read_text().split()
print(
    f"\nConflicts answered 409: {conflicts.count('autosave')} autosaves, "
    f"{conflicts.count('send')} sends."
)
print(
    f"Schemas sent: {len(sent)}, submitted in the database: {len(submitted)}, "
    f"lost: {len(lost)}; failures: {total['Failure Count']} "
    f"({len(server_errors)} server errors)."
)
sys.exit(1 if lost or int(total["Failure Count"]) else 0)
