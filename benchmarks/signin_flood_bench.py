"""Benchmark: does a flood of sign-ins with new usernames slow everybody else down?

Run from the project root (it needs PostgreSQL; it creates and drops its own database):

    .venv/bin/python benchmarks/signin_flood_bench.py [--flooders 6] [--requests 60]
        [--global-limit 30 --address-limit 15 [--tuned-only]]

It builds a database with the demo data, then, for each configuration, starts gunicorn
(3 workers, the dev settings with DEBUG off, the production password hasher, behind a
pretend proxy: TRUST_X_REAL_IP) and measures, as a signed-in coordinator at one address,
the time of the home page (request to last byte, over loopback):

1. quiet: nobody else is there;
2. one-address flood: `--flooders` clients sign in as fast as they can with a new
   username each time and a wrong password, all from one address (X-Real-IP);
3. many-address flood: the same, each attempt from another address (a botnet).

Configurations: "limits off" (the per-address and per-minute limits set out of reach:
only django-axes' username + address lockout, as before), "limits on" (the defaults: 30
failures per address per 15 minutes, 60 a minute in all) and, with --global-limit N
(and --address-limit M), "tuned": N a minute in all (M per address); --tuned-only
measures that one alone. Each flood runs until its first refusal (or
--settle seconds) before the page is timed: the figures are the flood's steady state;
the time to the first refusal is reported. During each flood a second coordinator also
signs in from an office address; its answer and time are reported. Each configuration
starts with empty counts (cache and django-axes' tables). The rows are printed as they
are measured, with the machine's load average (other work on it shows there).
"""

import argparse
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "synergi_signin_bench")
PORT = int(os.environ.get("BENCH_PORT", "8056"))
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "synergi-demo-2017"  # the dev settings' demo password
MEASURED_USER, OFFICE_USER = "tovholder-roskilde", "tovholder-ringsted"
USER_ADDRESS, OFFICE_ADDRESS, ATTACKER = (
    "198.51.100.20",
    "198.51.100.21",
    "203.0.113.66",
)
OFF = {
    "LOGIN_ADDRESS_FAILURE_LIMIT": "100000000",
    "LOGIN_GLOBAL_FAILURES_PER_MINUTE": "100000000",
}


def sql(database, *statements):
    import psycopg2

    connection = psycopg2.connect(f"{SERVER}/{database}")
    connection.autocommit = True
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    connection.close()


def environment(extra=None):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{SERVER}/{DATABASE}",
        DJANGO_SETTINGS_MODULE="synergy.settings.dev",
        DEBUG="False",
        LOG_LEVEL="ERROR",
        TRUST_X_REAL_IP="True",
        DEMO_PASSWORD=PASSWORD,
    )
    env.update(extra or {})
    return env


def build():
    sql(
        "postgres",
        f'DROP DATABASE IF EXISTS "{DATABASE}"',
        f'CREATE DATABASE "{DATABASE}"',
    )
    python = sys.executable
    for command in (["migrate", "--no-input"], ["load_demo"]):
        subprocess.run(
            [python, "manage.py", *command],
            cwd=ROOT,
            env=environment(),
            check=True,
            stdout=subprocess.DEVNULL,
        )


def start_server(extra):
    sql(DATABASE, "DELETE FROM synergi_cache", "DELETE FROM axes_accessattempt")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "synergy.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "3",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment(extra),
    )
    import requests

    for _ in range(300):
        try:
            requests.get(f"{BASE}/healthz", timeout=5)
            return process
        except requests.RequestException:
            time.sleep(0.2)
    stop_server(process)
    raise SystemExit("gunicorn did not start")


def stop_server(process):
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def new_session(address):
    import requests

    session = requests.Session()
    session.headers["X-Real-IP"] = address
    page = session.get(f"{BASE}/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    return session, token


def sign_in(address, username, password):
    session, token = new_session(address)
    started = time.perf_counter()
    response = session.post(
        f"{BASE}/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        allow_redirects=False,
    )
    return session, response.status_code, time.perf_counter() - started


def page_times(session, count):
    times = []
    for _ in range(count):
        started = time.perf_counter()
        response = session.get(f"{BASE}/")
        response.raise_for_status()
        times.append(time.perf_counter() - started)
    return times


class Flood:
    """`clients` threads signing in with a new username each time, wrong password."""

    def __init__(self, clients, spread):
        self.clients, self.spread = clients, spread
        self.stop = threading.Event()
        self.refused = threading.Event()
        self.statuses = Counter()
        self.lock = threading.Lock()

    def _run(self):
        session, token = new_session(ATTACKER)
        while not self.stop.is_set():
            if self.spread:
                session.headers["X-Real-IP"] = (
                    f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
                )
            response = session.post(
                f"{BASE}/login/",
                data={
                    "username": f"x-{uuid.uuid4().hex[:12]}",
                    "password": "forkert-forkert",
                    "csrfmiddlewaretoken": token,
                },
                allow_redirects=False,
            )
            with self.lock:
                self.statuses[response.status_code] += 1
            if response.status_code == 429:
                self.refused.set()

    def start(self, settle):
        """Start, and wait for the first refusal (at most `settle` seconds)."""
        self.threads = [threading.Thread(target=self._run) for _ in range(self.clients)]
        self.started = time.perf_counter()
        for thread in self.threads:
            thread.start()
        self.refused.wait(settle)
        self.settled = time.perf_counter() - self.started
        with self.lock:
            self.statuses_settling = Counter(self.statuses)
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.started - self.settled
        self.stop.set()
        for thread in self.threads:
            thread.join()
        # What the flood got while the page was timed.
        self.measured = self.statuses - self.statuses_settling


def ms(seconds):
    return f"{seconds * 1000:.0f}"


def summary(times):
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return ms(statistics.median(times)), ms(p95)


def row(*cells):
    print("| " + " | ".join(cells) + " |", flush=True)


def load():
    return f"{os.getloadavg()[0]:.1f}"


def measure(label, extra, args):
    process = start_server(extra)
    try:
        session, status, _ = sign_in(USER_ADDRESS, MEASURED_USER, PASSWORD)
        assert status == 302, status
        page_times(session, 5)  # warm up
        times = page_times(session, args.requests)
        row(label, "quiet", *summary(times), "", "", "", load())
        for name, spread in (
            ("one-address flood", False),
            ("many-address flood", True),
        ):
            with Flood(args.flooders, spread).start(args.settle) as flood:
                times = page_times(session, args.requests)
                _, office_status, office_seconds = sign_in(
                    OFFICE_ADDRESS, OFFICE_USER, PASSWORD
                )
                now_load = load()
            refused = (
                f"{flood.settled:.0f} s"
                if flood.refused.is_set() and flood.settled < args.settle
                else f"none in {args.settle} s"
            )
            total = sum(flood.measured.values())
            answers = ", ".join(
                f"{n} × {code}" for code, n in sorted(flood.measured.items())
            )
            row(
                label,
                name,
                *summary(times),
                refused,
                f"{total / flood.seconds:.1f}/s ({answers})",
                f"{office_status} in {office_seconds:.2f} s",
                now_load,
            )
            sql(DATABASE, "DELETE FROM synergi_cache", "DELETE FROM axes_accessattempt")
            time.sleep(1)
    finally:
        stop_server(process)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flooders", type=int, default=6)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--settle", type=int, default=120)
    parser.add_argument("--global-limit", type=int)
    parser.add_argument("--address-limit", type=int)
    parser.add_argument("--tuned-only", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()
    build()
    configurations = [("limits off (before)", OFF), ("limits on (defaults)", {})]
    if args.tuned_only:
        configurations = []
    if args.global_limit:
        tuned = {"LOGIN_GLOBAL_FAILURES_PER_MINUTE": str(args.global_limit)}
        label = f"limits on, {args.global_limit} a minute in all"
        if args.address_limit:
            tuned["LOGIN_ADDRESS_FAILURE_LIMIT"] = str(args.address_limit)
            label += f", {args.address_limit} per address"
        configurations.append((label, tuned))
    row(
        "configuration",
        "while",
        "home p50 ms",
        "home p95 ms",
        "first refusal after",
        "flood while timed (answers)",
        "office sign-in",
        "load avg",
    )
    row("---", "---", "---:", "---:", "---", "---", "---", "---:")
    try:
        for label, extra in configurations:
            measure(label, extra, args)
    finally:
        if not args.keep:
            sql("postgres", f'DROP DATABASE IF EXISTS "{DATABASE}"')


if __name__ == "__main__":
    main()
