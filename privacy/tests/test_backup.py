"""Backup and restore: scripts/backup dumps the database, scripts/restore-check restores
the dump into a scratch database and proves it by comparing every table's row count."""

import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def test_a_backup_restores_with_every_row(transactional_db, tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (pg_dump and pg_restore)")
    with override_settings(DEMO_PASSWORD=None), open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": settings.MEDIA_ROOT,
    }
    backup = subprocess.run(
        [ROOT / "scripts" / "backup", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    dump = backup.stdout.strip().splitlines()[-1]
    assert Path(dump).stat().st_size > 10_000
    check = subprocess.run(
        [ROOT / "scripts" / "restore-check", dump],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert check.returncode == 0, check.stderr
    assert "every row count matches" in check.stdout

    # A database that no longer matches the dump is reported, not passed.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO sites_municipality (created_at, updated_at, name, code) "
            "VALUES (now(), now(), 'Ekstra Kommune', 999)"
        )
    check = subprocess.run(
        [ROOT / "scripts" / "restore-check", dump],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert check.returncode == 1
    assert "sites_municipality" in check.stderr
