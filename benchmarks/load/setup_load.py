"""Build the load-test database: the demo data plus 30 coordinators and 10 steering
group members with a known password, and ~620 schemas (three initiatives at every site, weekly through 2026) to fill in.

    .venv/bin/python benchmarks/load/setup_load.py     (run.sh calls it, with the
    production settings; the database is LOAD_DATABASE, default synergi_load)
"""

import datetime
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
SERVER = os.environ.get("BENCH_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("LOAD_DATABASE", "synergi_load")
PASSWORD = "last-test-adgangskode-2026"
COORDINATORS, STEERING = 30, 10


def main():
    import psycopg2

    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    connection.close()
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "synergy.settings.dev")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test.utils import override_settings

    from benchmarks.builders import initiative_in_test
    from projects import services as project_services
    from projects.models import Project, Role
    from testing import services
    from testing.models import Cadence, TestRun

    call_command("migrate", verbosity=0)
    with override_settings(DEMO_PASSWORD=None), open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)
    project = Project.objects.get()
    sites = list(project.sites.order_by("name"))
    template_run = TestRun.objects.filter(project=project).first()
    consultant = project.memberships.filter(role=Role.CONSULTANT).first().user
    steering = project.memberships.filter(role=Role.STEERING).first().user
    # Three initiatives at every site, a schema a week through 2026: ~620 to fill in.
    for number in range(1, 4):
        initiative = initiative_in_test(
            project=project,
            idea_title=f"Belastningstest {number}",
            name=f"Belastningstest {number}",
            description="Skemaer til belastningstesten.",
            group_name="Last",
            rationale="Belastningstest.",
            decided_on=datetime.date(2026, 1, 2),
            test_sites={},
            consultant=consultant,
            steering=steering,
        )
        for site in sites:
            services.run_save(
                initiative=initiative,
                site=site,
                template=template_run.template,
                starts_week=datetime.date(2026, 1, 5),
                ends_week=datetime.date(2026, 12, 28),
                cadence=Cadence.WEEKLY,
            )
    User = get_user_model()
    for n in range(COORDINATORS):
        user = User.objects.create_user(f"last-tovholder-{n:02d}", password=PASSWORD)
        project_services.membership_create(
            project=project,
            user=user,
            role=Role.COORDINATOR,
            site=sites[n % len(sites)],
        )
    for n in range(STEERING):
        user = User.objects.create_user(f"last-styregruppe-{n:02d}", password=PASSWORD)
        project_services.membership_create(
            project=project, user=user, role=Role.STEERING
        )
    from django.db import connection as db

    with db.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{DATABASE}: project {project.pk}, {len(sites)} sites, schemas to fill in")


if __name__ == "__main__":
    main()
