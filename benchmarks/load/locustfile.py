"""Locust: 30 coordinators autosave and send schemas while 10 steering group members
read dashboards. Conflicts (two coordinators of a site on the same schema) must be
answered 409, never 500; every successful "Send" must be a submitted schema afterwards.

Run by benchmarks/load/run.sh against the production settings over HTTPS; it writes
sent.txt (one schema id per successful send). As a browser does, it takes the CSRF
token from the page's form (the cookie is `__Host-csrftoken`, HTTPS only, and its
name is the deployment's business), and sends an Origin header (Django checks it on
HTTPS POSTs).
"""

import os
import random
import re
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, between, events, task

PASSWORD = "last-test-adgangskode-2026"
SENT = Path(__file__).with_name("sent.txt")
CONFLICTS = Path(__file__).with_name("conflicts.txt")
FILL = re.compile(r'href="(/submissions/(\d+)/fill/)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Fields(HTMLParser):
    """The form's inputs: (tag, type, name, value) for every input and textarea."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("input", "textarea"):
            a = dict(attrs)
            self.found.append(
                (tag, a.get("type", ""), a.get("name", ""), a.get("value"))
            )

    def version(self):
        for _tag, _type, name, value in self.found:
            if name == "version" and value is not None:
                return int(value)
        return None

    def answers(self):
        values = {}
        for tag, kind, name, value in self.found:
            if not name.startswith("q_"):
                continue
            if kind == "number":
                values[name] = str(random.randint(0, 20))
            elif kind == "radio":
                values.setdefault(name, value)
            elif tag == "textarea":
                values[name] = "Travl uge ved skranken. " * random.randint(1, 4)
        return values


@events.test_start.add_listener
def _reset(environment, **kwargs):
    SENT.write_text("")
    CONFLICTS.write_text("")


def conflict(kind):
    with CONFLICTS.open("a") as conflicts:
        conflicts.write(f"{kind}\n")


def csrf(page):
    """The CSRF token of a page's form (the hidden csrfmiddlewaretoken input)."""
    found = CSRF.search(page.text)
    return found.group(1) if found else ""


class Member(HttpUser):
    abstract = True
    username_prefix = ""

    def on_start(self):
        number = type(self).spawned = getattr(type(self), "spawned", -1) + 1
        self.username = f"{self.username_prefix}{number % self.population:02d}"
        # run.sh's self-signed certificate: checked, not ignored.
        self.client.verify = os.environ.get("LOAD_CA_BUNDLE") or True
        self.client.headers["Origin"] = self.host.rstrip("/")
        page = self.client.get("/login/", name="/login/")
        response = self.client.post(
            "/login/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": csrf(page),
            },
            name="/login/ (POST)",
            allow_redirects=False,
        )
        assert response.status_code == 302, response.status_code


class Coordinator(Member):
    weight = 3
    population = 30
    username_prefix = "last-tovholder-"
    wait_time = between(1, 3)

    @task
    def fill_and_send_a_schema(self):
        listing = self.client.get("/my-schemas/", name="/my-schemas/")
        links = FILL.findall(listing.text)
        if not links:
            return
        url, pk = random.choice(links)
        page = self.client.get(url, name="/submissions/[id]/fill/")
        form = Fields(page.text)
        version = form.version()
        if version is None:
            return  # sent by a colleague meanwhile
        values = form.answers()
        token = csrf(page)
        headers = {"X-CSRFToken": token, "HX-Request": "true"}
        for _ in range(random.randint(1, 3)):  # typing: a few autosaves
            with self.client.post(
                url.replace("/fill/", "/autosave/"),
                {**values, "version": version},
                headers=headers,
                name="/submissions/[id]/autosave/",
                catch_response=True,
            ) as response:
                if response.status_code == 409:
                    response.success()  # the conflict answer: expected under load
                    conflict("autosave")
                    return
                if response.status_code != 200:
                    response.failure(f"autosave {response.status_code}")
                    return
                version = Fields(response.text).version()
        with self.client.post(
            url,
            {
                **values,
                "version": version,
                "submit_schema": "1",
                "csrfmiddlewaretoken": token,
            },
            name="/submissions/[id]/fill/ (send)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                with SENT.open("a") as sent:
                    sent.write(f"{pk}\n")
                response.success()
            elif response.status_code == 409:
                response.success()
                conflict("send")
            else:
                response.failure(f"send {response.status_code}")


class SteeringMember(Member):
    weight = 1
    population = 10
    username_prefix = "last-styregruppe-"
    wait_time = between(2, 5)

    @task(3)
    def dashboard(self):
        self.client.get("/projects/1/dashboard/", name="/projects/[id]/dashboard/")

    @task(1)
    def initiative(self):
        self.client.get("/initiatives/1/results/", name="/initiatives/[id]/results/")
        self.client.get("/initiatives/1/trend.svg", name="/initiatives/[id]/trend.svg")
