#!/usr/bin/env bash
# The load scenario on loopback with the production settings (synergy.settings.prod):
# gunicorn (3 workers) serving HTTPS itself with a throw-away self-signed certificate,
# so the HTTPS-only `__Host-` cookies, the SSL redirect and the CSRF Origin check are
# the production ones; PostgreSQL; 30 coordinators and 10 steering group members for
# DURATION (default 2m). Needs .venv (the app) and .venv-load (locust: see
# requirements.txt beside this file). The server's log goes to server.log here.
#
#   PORT (8055), LOAD_DATABASE (synergi_load), BENCH_DATABASE_SERVER
#   (postgres://postgres@127.0.0.1:5432), WORKERS (3), DURATION (2m),
#   USERS (40), APP_VENV (.venv), LOCUST (.venv-load/bin/locust)
set -euo pipefail
cd "$(dirname "$0")/../.."
here=benchmarks/load
app="${APP_VENV:-.venv}"
port="${PORT:-8055}"
server="${BENCH_DATABASE_SERVER:-postgres://postgres@127.0.0.1:5432}"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/synergi-load.XXXXXX")"
gunicorn_pid=""
cleanup() {
  if [ -n "$gunicorn_pid" ]; then kill "$gunicorn_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

export LOAD_DATABASE="${LOAD_DATABASE:-synergi_load}"
export DATABASE_URL="$server/$LOAD_DATABASE" DJANGO_SETTINGS_MODULE=synergy.settings.prod
export SECRET_KEY="load-$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export ALLOWED_HOSTS=127.0.0.1,localhost LOG_LEVEL=WARNING LOG_FORMAT=plain
export STATIC_ROOT="$scratch/static" MEDIA_ROOT="$scratch/media"
export GDPR_ERASURE_LOG="$scratch/gdpr-erasures.jsonl"

# A certificate for 127.0.0.1 that only this run trusts (the locustfile checks the
# server's certificate against LOAD_CA_BUNDLE).
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$scratch/key.pem" -out "$scratch/cert.pem" 2>/dev/null
export LOAD_CA_BUNDLE="$scratch/cert.pem"

"$app/bin/python" "$here/setup_load.py"
"$app/bin/python" manage.py collectstatic --no-input -v 0
"$app/bin/gunicorn" synergy.wsgi --bind "127.0.0.1:$port" --workers "${WORKERS:-3}" \
  --certfile "$scratch/cert.pem" --keyfile "$scratch/key.pem" \
  --timeout 60 --log-level warning >"$here/server.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 50); do
  curl --silent --cacert "$scratch/cert.pem" "https://127.0.0.1:$port/healthz" \
    >/dev/null && break
  sleep 0.2
done
LOCUST="${LOCUST:-.venv-load/bin/locust}"
"$LOCUST" -f "$here/locustfile.py" --headless -u "${USERS:-40}" -r 10 -t "${DURATION:-2m}" \
  --host "https://127.0.0.1:$port" --csv "$here/results" --only-summary || true
"$app/bin/python" "$here/verify_load.py"
