"""Browser journeys in real headless Chromium (Debian's `chromium`, driven by Playwright).

Never run `playwright install`: the browser is the system's /usr/bin/chromium.
Without it these tests are skipped and the run ends with a line saying how to
install it (`apt-get install chromium`); CI (.ci/run) installs it, so there they run.
"""

import os
import shutil
import urllib.request

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.test import override_settings
from django.test.testcases import LiveServerThread

CHROMIUM = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
)
HAVE_CHROMIUM = os.path.exists(CHROMIUM)
SKIP_REASON = (
    "Browser tests skipped: Chromium not found. Install it with "
    "`sudo apt-get install chromium` (or set CHROMIUM_PATH) and run `make test` again."
)
DEMO_PASSWORD = "e2e-demo-adgangskode"

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# the tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class SerialWSGIServer(WSGIServer):
    """The live server, one request at a time (Django then closes each connection).

    On SQLite the tests' database lives in memory, and Django hands the live server's
    request threads the test's one connection: two requests at once (a page's three
    chart images) shared it, and a query could come back empty: a chart answered 404
    now and then in CI. On PostgreSQL each thread has its own connection and the
    threaded server stays."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


if "sqlite" in settings.DATABASES["default"]["ENGINE"]:
    LiveServerThread.server_class = SerialWSGIServer


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "e2e" in item.nodeid.split("/")[0]:
            item.add_marker(pytest.mark.browser)
            if not HAVE_CHROMIUM:
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


def pytest_terminal_summary(terminalreporter):
    if not HAVE_CHROMIUM:
        terminalreporter.write_line(SKIP_REASON, yellow=True, bold=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db):
    """The study's demo data, with a password for the demo users."""
    with (
        override_settings(DEMO_PASSWORD=DEMO_PASSWORD),
        open(os.devnull, "w") as devnull,
    ):
        call_command("load_demo", stdout=devnull)


@pytest.fixture
def new_page(browser, live_server, transactional_db):
    """new_page(width=1280) → a page in a fresh browser context (no cookies) that
    records console errors. Every context is closed when the test ends, and the live
    server has answered its last request, before the test's rows are deleted (asking
    for transactional_db here orders the teardowns so): a page's late autosave or
    upload no longer writes into tables being emptied ("FOREIGN KEY constraint
    failed" at teardown, now and then)."""
    contexts = []

    def _new_page(width=1280):
        context = browser.new_context(
            locale="da-DK", viewport={"width": width, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda msg: msg.type == "error" and page.console_errors.append(msg.text),
        )
        page.base_url = live_server.url
        return page

    yield _new_page
    for context in contexts:
        context.close()
    # The serial server answers this only after any request still in progress.
    try:
        urllib.request.urlopen(live_server.url + "/healthz", timeout=30).close()  # noqa: S310 (our own http:// live server)
    except OSError:
        pass


@pytest.fixture
def page(new_page):
    return new_page()


def login(page, username):
    page.goto(page.base_url + "/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(page.base_url + "/")


WCAG_RULES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def axe_violations(page):
    """WCAG 2.1 A/AA violations axe-core finds on the page as it is now, one line each
    (rule, impact, help, the first elements)."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=WCAG_RULES).response["violations"]
    return [
        f"{page.url}: {v['id']} ({v['impact']}) {v['help']} — "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in found
    ]
