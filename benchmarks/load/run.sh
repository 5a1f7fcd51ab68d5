#!/usr/bin/env bash
# The load scenario on loopback: gunicorn (3 workers) on PostgreSQL, 30 coordinators and
# 10 steering group members for DURATION (default 2m). Needs .venv (the app) and
# .venv-load (locust: see requirements.txt beside this file).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=benchmarks/load
server="${BENCH_DATABASE_SERVER:-postgres://postgres@127.0.0.1:5432}"
export DATABASE_URL="$server/synergi_load" DJANGO_SETTINGS_MODULE=synergy.settings.dev
export DEBUG=False LOG_LEVEL=WARNING
.venv/bin/python "$here/setup_load.py"
.venv/bin/gunicorn synergy.wsgi --bind 127.0.0.1:8055 --workers "${WORKERS:-3}" \
  --timeout 60 --log-level warning &
gunicorn_pid=$!
trap 'kill $gunicorn_pid 2>/dev/null' EXIT
sleep 3
LOCUST="${LOCUST:-.venv-load/bin/locust}"
"$LOCUST" -f "$here/locustfile.py" --headless -u 40 -r 10 -t "${DURATION:-2m}" \
  --host http://127.0.0.1:8055 --csv "$here/results" --only-summary || true
.venv/bin/python "$here/verify_load.py"
