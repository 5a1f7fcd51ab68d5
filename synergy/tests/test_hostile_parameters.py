"""Hostile query parameters and posted values never make a server error.

Every URL of the URL × role table (url_matrix.py) is opened by a role that may use it
with hostile values ("abc", "-1", "1e9", a number past 64 bits, SQL, a NUL byte, empty,
repeated) in every parameter the view reads. Which parameters a view reads is not
listed by hand: the request's QueryDicts record every key the view asks for (a probe
request finds them), and every filter of the view's filterset is added. The answer
must be the page (with the filter's error beside the field), a redirect, 400 or 404
for a GET, and a form error (200/409/422), a redirect, 400 or 404 for a POST.

POSTs send the page's own form as the browser would, with one field replaced at a
time: ids, numbers, choices, dates and hidden fields, and every key the view reads
besides its form. Free-text fields are left to the hypothesis fuzzing
(test_fuzzing.py), which sends any text, NUL included.
"""

from contextlib import contextmanager
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.http import Http404, QueryDict
from django.test import Client
from django.urls import resolve, reverse

from core.params import id_or_404
from synergy.tests.url_matrix import MATRIX

HOSTILE = [
    "abc",
    "-1",
    "1e9",
    "99999999999999999999",
    "'; drop table synergy_project; --",
    "\x00",
    "",
    ["1", "abc"],  # repeated
]
# Posted fields that are not free text: SQL reads as "abc" to every number and choice.
POST_HOSTILE = [value for value in HOSTILE if not str(value).startswith("'")]
GET_ANSWERS = {200, 302, 400, 404}
POST_ANSWERS = {200, 302, 400, 404, 409, 422}
# Signed-in roles, the consultant first (the role that may use most pages).
SIGNED_IN = ["consultant", "coordinator_a", "steering", "coordinator_b", "outsider"]
PROBE = "_probe"
# Text a person types: fuzzed with any text in test_fuzzing.py, not here.
FREE_TEXT = {"text", "email", "password", "search", "url", "tel", "textarea"}


@contextmanager
def keys_read():
    """Record every key the code asks a request's GET or POST for."""
    read = []

    def recording(name):
        original = getattr(QueryDict, name)

        def method(self, key, *args, **kwargs):
            read.append(key)
            return original(self, key, *args, **kwargs)

        return method

    with mock.patch.multiple(
        QueryDict,
        **{
            name: recording(name)
            for name in ("get", "__getitem__", "getlist", "__contains__")
        },
    ):
        yield read


class PageForms(HTMLParser):
    """What a browser sends for the page's forms that post to `path`: {name: values},
    and the kind of each field (an input's type, "select" or "textarea")."""

    def __init__(self, html, path):
        super().__init__()
        self.path = path
        self.data, self.kinds = {}, {}
        self._inside = False
        self._select = self._textarea = None
        self._options = []
        self.feed(html)

    def _add(self, name, value, kind):
        self.kinds.setdefault(name, kind)
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            action = a.get("action") or self.path
            self._inside = (a.get("method") or "get").lower() == "post" and (
                action.split("?")[0] == self.path
            )
            return
        if not self._inside or not a.get("name") or "disabled" in a:
            return
        name = a["name"]
        if name == "csrfmiddlewaretoken":
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                self.kinds.setdefault(name, kind)
                return
            if kind in {"checkbox", "radio"}:
                self.kinds.setdefault(name, kind)
                if "checked" in a:
                    self._add(name, a.get("value", "on"), kind)
                return
            self._add(name, a.get("value") or "", kind)
        elif tag == "select":
            self._select, self._options = name, []
            self.kinds.setdefault(name, "select")
            self._multiple = "multiple" in a
        elif tag == "option" and self._select:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self._textarea = name
            self._add(name, "", "textarea")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            chosen = [value for value, selected in self._options if selected]
            if not chosen and self._options and not self._multiple:
                chosen = [self._options[0][0]]
            for value in chosen:
                self._add(self._select, value, "select")
            self._select = None


def _role(name, statuses, allowed):
    return next((r for r in SIGNED_IN if statuses[r] in allowed), None)


def _get_role(name):
    return _role(name, MATRIX[name][1], {200})


def _post_role(name):
    row = MATRIX[name]
    statuses = row[3] if len(row) > 3 else row[1]
    # 405: the page is POST-only for that role (no GET); None: not in the table.
    return _role(name, statuses, {200, 405, None})


def _client(world, role):
    client = Client(raise_request_exception=False)
    client.force_login(world.users[role])
    return client


def _failure(response, method, url, key, value):
    reason = ""
    if getattr(response, "exc_info", None):
        reason = f": {response.exc_info[1]!r}"
    return f"{method} {url} {key}={value!r} answered {response.status_code}{reason}"


GET_URLS = sorted(n for n in MATRIX if _get_role(n))
POST_URLS = sorted(n for n, row in MATRIX.items() if row[2] and _post_role(n))


def _families(keys):
    """One key per family of merge fields ("base-…", "resolve-…", "seen-…"): each
    family is read by one function for every field (core/merge.py)."""
    chosen = {}
    for key in sorted(keys):
        family = key.split("-", 1)[0] + "-" if "-" in key else key
        chosen.setdefault(family, key)
    return sorted(chosen.values())


def test_hostile_query_parameters_never_make_a_server_error(world):
    """Every page a signed-in role may open (one world for all: GETs change nothing),
    each parameter it reads, each hostile value."""
    clients = {role: _client(world, role) for role in SIGNED_IN}
    failures, walked = [], 0
    for name in GET_URLS:
        client = clients[_get_role(name)]
        url = reverse(name, kwargs=MATRIX[name][0](world))
        with keys_read() as read:
            probe = client.get(url, {PROBE: "1"})
        if probe.status_code not in GET_ANSWERS:
            failures.append(_failure(probe, "GET", url, PROBE, "1"))
        view = getattr(resolve(url).func, "view_class", None)
        filterset = getattr(view, "filterset_class", None)
        keys = set(read) | set(filterset.base_filters if filterset else ())
        keys.discard(PROBE)
        for key in sorted(keys):
            for value in HOSTILE:
                response = client.get(url, {key: value})
                walked += 1
                if response.status_code not in GET_ANSWERS:
                    failures.append(_failure(response, "GET", url, key, value))
    assert not failures, "\n".join(failures)
    # The walk found the parameters: the filters, the page number, the export's
    # initiative, the guide's version, the vocabulary of a new term.
    assert walked >= 30 * len(HOSTILE)


@pytest.mark.parametrize("name", POST_URLS)
def test_hostile_posted_values_never_make_a_server_error(world, name):
    """Every page that takes a POST, as a role that may use it (a fresh world each):
    its form as shown, with one id, number, choice or hidden field replaced."""
    client = _client(world, _post_role(name))
    url = reverse(name, kwargs=MATRIX[name][0](world))
    page = client.get(url)
    form = PageForms(page.content.decode(), url) if page.status_code == 200 else None
    data = dict(form.data) if form else {}
    kinds = form.kinds if form else {}
    with keys_read() as read:
        probe = client.post(url, {**data, PROBE: "1"})
    assert probe.status_code in POST_ANSWERS, _failure(probe, "POST", url, PROBE, "")
    keys = {k for k in set(read) | set(kinds) if kinds.get(k) not in FREE_TEXT}
    keys -= {PROBE, "csrfmiddlewaretoken"}
    failures = []
    for key in _families(keys):
        for value in POST_HOSTILE:
            response = client.post(url, {**data, key: value})
            if response.status_code not in POST_ANSWERS:
                failures.append(_failure(response, "POST", url, key, value))
    assert not failures, "\n".join(failures)


def test_out_of_range_ids_find_nothing_and_crash_nothing(world):
    """`pk__in` with an id no column can hold (what a multiple choice of posted ids
    asks) finds nothing instead of crashing (OverflowError on SQLite)."""
    from sites.models import Site

    site = world.site_a
    assert list(Site.objects.filter(pk__in=[10**20])) == []
    assert list(Site.objects.filter(pk__in=[site.pk, 10**20, -(10**20)])) == [site]


@pytest.mark.parametrize(
    "value", ["abc", "1e9", "-1", "0", "99999999999999999999", "\x00", "١"]
)
def test_an_export_for_an_unknown_initiative_is_404(client_for, world, value):
    url = reverse(
        "reporting:export",
        kwargs={"project_pk": world.project.pk, "table": "submissions", "fmt": "csv"},
    )
    client = client_for("consultant")
    assert client.get(url, {"initiative": value}).status_code == 404
    assert client.get(url, {"initiative": world.initiative.pk}).status_code == 200
    assert client.get(url, {"initiative": ""}).status_code == 200  # all initiatives


def test_a_chapter_for_an_unknown_initiative_is_404(client_for, world):
    url = reverse("reporting:chapter_add", kwargs={"project_pk": world.project.pk})
    client = client_for("consultant")
    for value in ("abc", "", "99999999999999999999"):
        assert client.post(url, {"initiative": value}).status_code == 404
    assert client.post(url).status_code == 404


def test_an_invalid_filter_shows_the_page_with_the_error_in_danish(client_for, world):
    """A filter value that is not a choice (an edited or stale link) is not applied:
    the page is shown (200) with the error beside the filter, and the other filters
    still apply."""
    url = reverse("reporting:dashboard", kwargs={"project_pk": world.project.pk})
    response = client_for("consultant").get(url, {"site": "abc", "status": "stopped"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Marker en gyldig valgmulighed" in html
    assert 'id="error_1_id_site"' in html
    results = reverse("reporting:initiative_results", args=[world.initiative.pk])
    assert results not in html  # status=stopped still filters the initiative out
    everything = client_for("consultant").get(url, {"site": "abc"})
    assert results in everything.content.decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", 1), ("42", 42), (str(2**63 - 1), 2**63 - 1)],
)
def test_id_or_404_reads_ids(value, expected):
    assert id_or_404(value) == expected


@pytest.mark.parametrize(
    "value",
    [None, "", "0", "-1", "abc", "1e9", " 1", "1 ", "+1", "٣", "\x00", str(2**63)],
)
def test_id_or_404_refuses_everything_else(value):
    with pytest.raises(Http404):
        id_or_404(value)
