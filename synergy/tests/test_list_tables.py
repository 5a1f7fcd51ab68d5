"""List pages are drawn from table classes (core/tables.py) by one generic template.

Every list view of the URL conf has a table class, unless it shows its rows as
something other than a table (cards, grouped lists, a dashboard). Sorting works on
every column that allows it, in both directions, and any other `?sort=` is ignored;
every table has a caption, column headers with scope="col", and aria-sort on the
column the rows are sorted by (only there).
"""

import re
from html.parser import HTMLParser

import pytest
from django.template.loader import get_template
from django.urls import get_resolver, reverse

from core.generic import ObjectListView
from core.tables import Table
from synergy.tests.test_urls import URLS
from synergy.tests.url_matrix import MATRIX

# Lists whose rows are not a table: each says what it shows instead.
NOT_TABLES = {
    "initiatives:idea_list": "ideas grouped by phase, as lists",
    "initiatives:evidence": "the interview matrix and the quotes as cards",
    "testing:advisoryvisit_list": "visits as cards",
    "testing:interviewquestion_list": "a numbered list of questions",
    "testing:phoneinterview_list": "a list of interviews",
    "reporting:dashboard": "a dashboard",
}


def _view_class(callback):
    return getattr(callback, "view_class", None)


LIST_VIEWS = {
    name: _view_class(callback)
    for name, callback in URLS.items()
    if _view_class(callback) and issubclass(_view_class(callback), ObjectListView)
}
TABLE_LISTS = sorted(name for name in LIST_VIEWS if name not in NOT_TABLES)


def test_the_url_conf_has_lists():
    assert get_resolver().url_patterns
    assert len(TABLE_LISTS) >= 11, TABLE_LISTS


@pytest.mark.parametrize("name", sorted(LIST_VIEWS))
def test_every_list_view_uses_a_table_class(name):
    view = LIST_VIEWS[name]
    if name in NOT_TABLES:
        assert view.table_class is None, f"{name} has a table now: drop its exemption"
        return
    assert view.table_class is not None, f"{name}: set table_class"
    assert issubclass(view.table_class, Table)
    template = get_template(view.template_name).origin.name
    with open(template, encoding="utf-8") as source:
        head = source.read(200)
    assert view.template_name == "generic/object_list.html" or (
        '{% extends "generic/object_list.html" %}' in head
    ), f"{name}: a list page is the generic list page (or extends it)"


class TableMarkup(HTMLParser):
    """The tables of a page: caption text, column headers (scope, aria-sort, link)."""

    def __init__(self, html):
        super().__init__()
        self.tables = []
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append({"caption": "", "headers": [], "row_headers": 0})
        elif not self.tables:
            return
        table = self.tables[-1] if self.tables else None
        if tag == "caption":
            self._in = "caption"
        elif tag == "th" and a.get("scope") == "row":
            table["row_headers"] += 1
        elif tag == "th":
            table["headers"].append(
                {"scope": a.get("scope"), "aria_sort": a.get("aria-sort"), "href": None}
            )
            self._in = "th"
        elif tag == "a" and self._in == "th":
            table["headers"][-1]["href"] = a.get("href")

    def handle_endtag(self, tag):
        if tag in ("caption", "th"):
            self._in = None

    def handle_data(self, data):
        if self._in == "caption":
            self.tables[-1]["caption"] += data


def _fill(world):
    """A row in the lists the world leaves empty."""
    from initiatives.tests.factories import MeetingFactory, TimelineItemFactory

    TimelineItemFactory(project=world.project)
    MeetingFactory(project=world.project)
    # A kit in the library of test kits.
    MATRIX["testing:testkit_detail"][0](world)


def _url(name, world):
    return reverse(name, kwargs=MATRIX[name][0](world))


def _orderable(table_class):
    return [
        name
        for name, column in table_class.base_columns.items()
        if table_class.sort_alias(name)
    ]


@pytest.mark.parametrize("name", TABLE_LISTS)
def test_each_sortable_column_sorts_both_ways_and_says_so(client_for, world, name):
    _fill(world)
    client = client_for("consultant")
    table_class = LIST_VIEWS[name].table_class
    url = _url(name, world)
    plain = TableMarkup(client.get(url).content.decode()).tables
    assert plain, f"{name}: no table on the page (give the world a row)"
    for table in plain:
        assert table["caption"].strip()
        assert all(header["scope"] == "col" for header in table["headers"])
        assert not any(header["aria_sort"] for header in table["headers"])
    for column in _orderable(table_class):
        for alias, state in ((column, "ascending"), (f"-{column}", "descending")):
            response = client.get(url, {"sort": alias})
            assert response.status_code == 200, (name, alias)
            [table, *_] = TableMarkup(response.content.decode()).tables
            sorted_headers = [h for h in table["headers"] if h["aria_sort"]]
            assert [h["aria_sort"] for h in sorted_headers] == [state], (name, alias)
            # The sorted column's link turns the order round.
            turned = column if alias.startswith("-") else f"-{column}"
            assert sorted_headers[0]["href"].endswith(f"sort={turned}")


@pytest.mark.parametrize("name", TABLE_LISTS)
@pytest.mark.parametrize(
    "sort",
    ["nope", "-", "--name", "name,pk", "pk", "__class__", "Name", "actions", " name"],
)
def test_an_unknown_sort_is_ignored(client_for, world, name, sort):
    client = client_for("consultant")
    response = client.get(_url(name, world), {"sort": sort})
    assert response.status_code == 200
    for table in TableMarkup(response.content.decode()).tables:
        assert not any(header["aria_sort"] for header in table["headers"])


def test_sorting_orders_the_rows_and_keeps_the_filter(client_for, world):
    from sites.tests.factories import SiteFactory

    for name in ("Ølstykke", "Brøndby", "Assens"):
        SiteFactory(name=f"Filter {name}", municipality=world.site_a.municipality)
    client = client_for("steering")
    url = reverse("sites:site_list")

    def names(sort):
        html = client.get(url, {"q": "Filter", "sort": sort}).content.decode()
        return re.findall(r'<th scope="row"><a href="[^"]+">Filter (\w+)</a>', html)

    assert names("name") == ["Assens", "Brøndby", "Ølstykke"]
    assert names("-name") == ["Ølstykke", "Brøndby", "Assens"]
    html = client.get(url, {"q": "Filter", "page": "1"}).content.decode()
    [table] = TableMarkup(html).tables
    links = [h["href"] for h in table["headers"] if h["href"]]
    assert links and all(link.startswith("?q=Filter&") for link in links)
    assert not any("page=" in link for link in links)
    # The filter form keeps the sort.
    html = client.get(url, {"q": "Filter", "sort": "-name"}).content.decode()
    assert '<input type="hidden" name="sort" value="-name">' in html


def test_sorting_adds_no_queries(client_for, world, count_queries):
    client = client_for("consultant")
    url = reverse("sites:municipality_list")
    plain, _ = count_queries(lambda: client.get(url))
    by_count, _ = count_queries(lambda: client.get(url, {"sort": "-site_count"}))
    assert by_count == plain


def test_a_row_header_names_each_row(client_for, world):
    html = client_for("consultant").get(reverse("sites:site_list")).content.decode()
    [table] = TableMarkup(html).tables
    assert table["row_headers"] == 2  # Sted A and Sted B
