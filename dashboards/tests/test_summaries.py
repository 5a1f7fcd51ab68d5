"""Every question kind summarised as its kind says, per site, overall and per week,
with figures per open hour and per staff member; the pages that show them."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from dashboards import charts, selectors
from dashboards.selectors.buckets import FINAL
from projects.models import Role
from projects.tests.factories import MembershipFactory, UserFactory
from sites.models import HoursKind
from sites.tests.factories import OpeningHoursFactory, SiteFactory
from testing import services
from testing.tests.factories import TestRunFactory

from .conftest import submit

pytestmark = pytest.mark.django_db


def summaries_of(initiative, **options):
    return selectors.initiative_summaries(
        initiative_ids=[initiative.pk], site_ids=None, **options
    )[initiative.pk]


def rows(question):
    """{site name: SiteSummary} of a question, "Alle steder" for the overall."""
    return {site.name: site for site in question.rows}


def weeks(site):
    return {week.week: week.summary for week in site.weeks}


@pytest.fixture
def with_hours(every_kind):
    """Ringsted keeps 10 borgerservice hours a week (full and light overlap on
    Monday; library and outreach hours do not count) and 10 staff; Roskilde has no
    opening hours and no staff count stored."""
    initiative, ringsted, roskilde = every_kind
    for weekday, opens, closes, kind in [
        (1, 10, 15, HoursKind.FULL),
        (1, 14, 17, HoursKind.LIGHT),  # 14–15 overlaps: counted once → 7 hours
        (2, 9, 12, HoursKind.LIGHT),  # 3 hours
        (3, 8, 20, HoursKind.LIBRARY),  # not borgerservice
        (4, 9, 11, HoursKind.OUTREACH),  # not at the site
    ]:
        OpeningHoursFactory(
            site=ringsted,
            weekday=weekday,
            opens_at=datetime.time(opens),
            closes_at=datetime.time(closes),
            kind=kind,
        )
    roskilde.staff_count = None
    roskilde.save()
    return every_kind


def test_questions_come_in_the_schemas_order_and_photos_are_left_out(every_kind):
    initiative, *_ = every_kind
    summary = summaries_of(initiative)
    assert [q.key for q in summary.questions] == [
        "antal",
        "timer",
        "oplevelse",
        "justering",
        "reaktion",
        "kanaler",
        "dato",
        "noter",
        "citater",
    ]
    assert [s.name for s in summary.sites] == ["Ringsted", "Roskilde"]


def test_numbers_have_sum_mean_range_and_n_per_site_week_and_overall(every_kind):
    initiative, *_ = every_kind
    antal = rows(summaries_of(initiative).question("antal"))
    ringsted = antal["Ringsted"]
    assert (ringsted.whole.total, ringsted.whole.mean) == (8, 4)
    assert (ringsted.whole.low, ringsted.whole.high, ringsted.whole.answers) == (
        3,
        5,
        2,
    )
    assert ringsted.whole.range == "3–5"
    by_week = weeks(ringsted)
    assert list(by_week) == [37, 38, 39]  # the draft week is there, empty
    assert (by_week[37].total, by_week[38].total) == (3, 5)
    assert by_week[39].is_empty and by_week[39].total is None
    roskilde = antal["Roskilde"]
    assert roskilde.whole.total == 7 and roskilde.whole.answers == 1
    assert weeks(roskilde)[38].is_empty  # not started
    overall = antal["Alle steder"]
    assert (overall.whole.total, overall.whole.mean, overall.whole.answers) == (
        15,
        5,
        3,
    )
    assert overall.whole.range == "3–7"
    assert weeks(overall)[37].total == 10 and weeks(overall)[37].answers == 2
    assert ringsted.whole.describe() == "i alt 8, gennemsnit 4 (3–5), n = 2"

    timer = rows(summaries_of(initiative).question("timer"))
    assert timer["Ringsted"].whole.total == Decimal("4")
    assert timer["Ringsted"].whole.mean == Decimal("2")
    assert timer["Ringsted"].whole.range == "1,5–2,5"
    # Roskilde never answered it: a site with no answers, no figures, no error.
    assert timer["Roskilde"].whole.is_empty
    assert timer["Roskilde"].whole.total is None
    assert timer["Roskilde"].whole.describe() == "ingen svar"


def test_a_scale_has_its_mean_and_distribution_and_never_a_sum(every_kind):
    initiative, *_ = every_kind
    scale = rows(summaries_of(initiative).question("oplevelse"))
    ringsted = scale["Ringsted"].whole
    assert ringsted.total is None and ringsted.mean == 3
    assert [(c.label, c.count) for c in ringsted.distribution] == [
        ("1", 0),
        ("2", 1),
        ("3", 0),
        ("4", 1),
        ("5", 0),
    ]
    assert ringsted.answers == 2 and ringsted.per_hour is None
    overall = scale["Alle steder"].whole
    assert overall.total is None
    assert overall.mean == Decimal(11) / 3  # (4 + 2 + 5) / 3
    assert overall.describe() == (
        "gennemsnit 3,7 (n = 3), fordeling 1–5: 0 / 1 / 0 / 1 / 1"
    )
    assert "i alt" not in overall.describe()
    assert weeks(scale["Ringsted"])[38].mean == 2


def test_yes_no_is_the_share_that_said_ja(every_kind):
    initiative, *_ = every_kind
    yes_no = rows(summaries_of(initiative).question("justering"))
    assert (yes_no["Ringsted"].whole.yes, yes_no["Ringsted"].whole.answers) == (1, 2)
    assert yes_no["Ringsted"].whole.yes_share == 0.5
    assert yes_no["Roskilde"].whole.yes_share == 1
    assert yes_no["Alle steder"].whole.describe() == "67 % ja (2 af 3)"
    assert weeks(yes_no["Ringsted"])[39].yes_share is None  # no answers: no share


def test_choices_are_counted_with_their_share_of_the_answering_schemas(every_kind):
    initiative, *_ = every_kind
    summary = summaries_of(initiative)
    single = rows(summary.question("reaktion"))["Alle steder"].whole
    assert [(c.label, c.count, round(c.share, 3)) for c in single.choices] == [
        ("Positivt", 2, 0.667),
        ("Negativt", 1, 0.333),
    ]
    assert single.answers == 3
    multiple = rows(summary.question("kanaler"))["Ringsted"].whole
    # Two schemas answered; "Skranke" in both, "Telefon" in one: shares of the
    # answering schemas, adding up past 100 %.
    assert multiple.answers == 2
    assert [(c.label, c.count, c.share) for c in multiple.choices] == [
        ("Skranke", 2, 1.0),
        ("Telefon", 1, 0.5),
    ]
    assert multiple.describe() == "Skranke 2 (100 %), Telefon 1 (50 %), n = 2"
    # Roskilde did not answer it: every choice counted 0, no share.
    roskilde = rows(summary.question("kanaler"))["Roskilde"].whole
    assert [(c.count, c.share) for c in roskilde.choices] == [(0, None), (0, None)]


def test_dates_and_text_are_counted(every_kind):
    initiative, *_ = every_kind
    summary = summaries_of(initiative)
    for key in ("dato", "noter", "citater"):
        found = rows(summary.question(key))
        assert found["Ringsted"].whole.answers == 1
        assert found["Roskilde"].whole.answers == 0
        assert found["Ringsted"].whole.describe() == "1 svar"
    # Not asked for: no texts are read.
    assert summary.question("noter").texts is None


def test_a_site_with_no_schemas_answered_has_empty_summaries(every_kind):
    initiative, ringsted, _roskilde = every_kind
    template = initiative.schema_templates.get()
    run = TestRunFactory(
        initiative=initiative,
        project=initiative.project,
        site=SiteFactory(name="Slagelse"),
        template=template,
        starts_week=datetime.date(2017, 9, 11),
        ends_week=datetime.date(2017, 9, 18),
        cadence="weekly_final",
    )
    services.run_sync_submissions(run=run)
    summary = summaries_of(initiative)
    for question in summary.questions:
        slagelse = rows(question)["Slagelse"]
        assert slagelse.whole.is_empty
        assert [w.week for w in slagelse.weeks] == [37, 38, FINAL]
        assert all(w.summary.is_empty for w in slagelse.weeks)
    assert [w.label for w in rows(summary.question("antal"))["Slagelse"].weeks] == [
        "uge 37",
        "uge 38",
        "slutevaluering",
    ]


def test_figures_per_open_hour_and_per_staff_member(with_hours):
    initiative, ringsted, roskilde = with_hours
    antal = rows(summaries_of(initiative).question("antal"))
    ring = antal["Ringsted"]
    assert ring.capacity.hours == Decimal("10.00") and ring.capacity.staff == 10
    assert weeks(ring)[37].per_hour.value == Decimal("0.3")  # 3 / 10 hours
    assert weeks(ring)[38].per_hour.value == Decimal("0.5")
    assert ring.whole.per_hour.value == Decimal("0.4")  # 8 / (10 h × 2 weeks)
    assert ring.whole.per_staff.value == Decimal("0.4")  # 8 / (10 staff × 2 weeks)
    assert weeks(ring)[39].per_hour.value is None  # no figure that week
    assert weeks(ring)[39].per_hour.missing == ""
    assert ring.whole.describe_rates() == (
        "0,40 pr. åbningstime, 0,40 pr. medarbejder pr. uge"
    )
    ros = antal["Roskilde"]
    assert ros.whole.per_hour.value is None
    assert ros.whole.per_hour.missing == "ingen åbningstider registreret"
    assert ros.whole.per_staff.missing == "antal medarbejdere ikke registreret"
    assert ros.whole.describe_rates() == (
        "– pr. åbningstime (ingen åbningstider registreret), "
        "– pr. medarbejder pr. uge (antal medarbejdere ikke registreret)"
    )
    overall = antal["Alle steder"].whole
    assert overall.per_hour.value is None
    assert overall.per_hour.missing == "ikke alle steder har åbningstider registreret"
    # Hours are summed too: per hour, never a scale.
    timer = rows(summaries_of(initiative).question("timer"))["Ringsted"]
    assert timer.whole.per_hour.value == Decimal("0.2")
    assert (
        rows(summaries_of(initiative).question("justering"))["Ringsted"].whole.per_hour
        is None
    )


def test_the_overall_rate_divides_by_the_hours_of_the_same_weeks(with_hours):
    initiative, ringsted, roskilde = with_hours
    OpeningHoursFactory(
        site=roskilde,
        weekday=5,
        opens_at=datetime.time(10),
        closes_at=datetime.time(14),
        kind=HoursKind.FULL,
    )
    antal = rows(summaries_of(initiative).question("antal"))
    assert antal["Roskilde"].whole.per_hour.value == Decimal("1.75")  # 7 / 4 h
    # (3 + 5 + 7) / (10 + 10 + 4): each site-week with a figure brings its hours.
    assert antal["Alle steder"].whole.per_hour.value == Decimal(15) / Decimal(24)
    assert weeks(antal["Alle steder"])[37].per_hour.value == Decimal(10) / Decimal(14)


def test_results_page_shows_a_table_per_question_in_danish_numbers(client, with_hours):
    initiative, *_ = with_hours
    client.force_login(
        MembershipFactory(project=initiative.project, role=Role.CONSULTANT).user
    )
    response = client.get(reverse("reporting:initiative_results", args=[initiative.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("antal", "timer", "oplevelse", "justering", "kanaler", "citater"):
        assert f'id="question-{key}"' in html
    antal = section(html, "antal")
    assert re.search(r"Hele testen</th>\s*<td[^>]*>8</td><td[^>]*>4</td>", antal)
    assert "0,40" in antal and "ingen åbningstider registreret" in antal
    assert "1,5–2,5" in section(html, "timer")
    assert "67 %" in section(html, "justering")  # all sites: 2 of 3 said Ja
    assert "2 (100 %)" in section(html, "kanaler")
    oplevelse = section(html, "oplevelse")
    assert "I alt" not in oplevelse  # a scale has no sum column
    assert re.search(r"Hele testen</th>\s*<td[^>]*>3,7</td>", oplevelse)


def section(html, key):
    start = html.index(f'id="question-{key}"')
    return html[start : html.index("</section>", start)]


def test_text_answers_follow_who_may_read_personal_data(client, every_kind):
    """A question holding personal data: its answers are shown to the consultant and
    the site's coordinator, never to the steering group; other text answers to
    every member who sees the page."""
    initiative, ringsted, _roskilde = every_kind
    project = initiative.project
    url = reverse("reporting:initiative_results", args=[initiative.pk])
    client.force_login(MembershipFactory(project=project, role=Role.STEERING).user)
    steering = client.get(url).content.decode()
    assert "Travl uge" in section(steering, "noter")
    assert "Godt kort." not in steering and "Lone, 61" not in steering
    assert "vises kun for konsulenten og stedets tovholder" in section(
        steering, "citater"
    )

    client.force_login(MembershipFactory(project=project, role=Role.CONSULTANT).user)
    consultant = client.get(url).content.decode()
    assert "Godt kort." in section(consultant, "citater")
    assert "vises kun for" not in section(consultant, "citater")

    client.force_login(
        MembershipFactory(project=project, role=Role.COORDINATOR, site=ringsted).user
    )
    assert "Godt kort." in client.get(url).content.decode()


def test_a_scale_is_never_summed_on_any_page_or_chart(client, every_kind):
    """Ringsted's scale answers add up to 6, all sites' to 11: neither appears as a
    total anywhere; the scale is shown by its mean (the catalogue:
    reporting/tests/test_catalogue_summaries.py)."""
    initiative, ringsted, _roskilde = every_kind
    project = initiative.project
    project.sites.add(ringsted)
    client.force_login(MembershipFactory(project=project, role=Role.CONSULTANT).user)
    pages = {
        "dashboard": reverse("reporting:dashboard", args=[project.pk]),
        "results": reverse("reporting:initiative_results", args=[initiative.pk]),
        "site": reverse("reporting:site_overview", args=[project.pk, ringsted.pk]),
    }
    for name, url in pages.items():
        for query in ("", "?visning=pr-time"):
            html = client.get(url + query).content.decode()
            scale_rows = re.findall(
                r"<tr>\s*<th scope=\"row\">Oplevelse</th>.*?</tr>", html, re.S
            )
            for row in scale_rows:
                cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
                assert cells[1].strip() == "–", (name, row)  # the "I alt" cell
            assert "Oplevelse, uge" not in html or "gennemsnit" in html
            for summed in ("i alt 6", "i alt 11", "i alt 16"):
                assert not re.search(rf"Oplevelse[^.]*{summed}", html), name
    figure_list = selectors.figures(initiative_ids=[initiative.pk], site_ids=None)[
        initiative.pk
    ]
    for per_hour in (False, True):
        for chart in charts.figure_charts(figure_list, per_hour=per_hour):
            if chart.title.startswith("Oplevelse"):
                assert "i alt" not in chart.summary
                assert "gennemsnit 3 (n = 2)" in chart.summary
                assert "pr. åbningstime" not in chart.title


def test_dashboard_shows_each_kind_compactly_with_figures_per_open_hour(
    client, with_hours
):
    initiative, ringsted, _roskilde = with_hours
    project = initiative.project
    client.force_login(MembershipFactory(project=project, role=Role.STEERING).user)
    html = client.get(
        reverse("reporting:dashboard", args=[project.pk])
    ).content.decode()
    table = html[html.index('class="table table-sm figures-table"') :]
    table = table[: table.index("</table>")]
    assert "gennemsnit 4 (3–5)" in table  # Ringsted's count
    assert "gennemsnit 3" in table and "0 / 1 / 0 / 1 / 0" in table  # its scale
    assert "50 % ja" in table
    assert "Skranke 2 (100 %), Telefon 1 (50 %)" in table
    assert "0,40" in table and "ingen åbningstider registreret" in table
    assert "Travl uge" not in html and "Dato" not in table  # no texts or dates here


def test_the_chart_toggle_has_its_own_url_and_says_which_it_shows(client, with_hours):
    initiative, *_ = with_hours
    project = initiative.project
    client.force_login(MembershipFactory(project=project, role=Role.STEERING).user)
    url = reverse("reporting:initiative_results", args=[initiative.pk])

    raw = client.get(url).content.decode()
    assert "Antal, uge 37 til uge 38. Ringsted: i alt 8, højest 5 i uge 38" in raw
    assert re.search(r'aria-current="true"[^>]*>Antal</a>', raw)
    assert 'href="?visning=pr-time"' in raw

    per_hour = client.get(url, {"visning": "pr-time"}).content.decode()
    assert re.search(r'aria-current="true"[^>]*>Pr\. åbningstime</a>', per_hour)
    assert (
        "Antal pr. åbningstime, uge 37 til uge 38. "
        "Ringsted: gennemsnit 0,40 pr. åbningstime, højest 0,50 i uge 38; "
        "Roskilde: ingen åbningstider registreret." in per_hour
    )
    assert (
        '<caption class="caption-top small">Antal pr. åbningstime</caption>' in per_hour
    )
    assert '<td class="text-end">0,30</td>' in per_hour  # week 37: 3 / 10 hours
    assert "Ringsted: i alt 8" not in per_hour
    # A scale is drawn by its mean either way.
    assert "Oplevelse, uge 37 til uge 38" in per_hour

    # Anything else shows the counts; never an error.
    other = client.get(url, {"visning": "<script>"})
    assert other.status_code == 200
    assert "Ringsted: i alt 8" in other.content.decode()


def test_the_dashboards_linked_chart_follows_the_toggle(client, with_hours):
    initiative, ringsted, _roskilde = with_hours
    project = initiative.project
    client.force_login(MembershipFactory(project=project, role=Role.STEERING).user)
    url = reverse("reporting:dashboard", args=[project.pk])
    html = client.get(url, {"visning": "pr-time"}).content.decode()
    src = re.search(r'<img src="([^"]*trend\.svg[^"]*)"', html).group(1)
    src = src.replace("&amp;", "&")
    assert "visning=pr-time" in src
    svg = client.get(src).content.decode()
    assert "Antal pr. åbningstime" in svg
    assert "Antal pr. åbningstime" not in client.get(src.split("&")[0]).content.decode()


def test_summaries_cost_the_same_queries_however_much_data(count_queries, every_kind):
    initiative, *_ = every_kind

    def load():
        return selectors.initiative_summaries(
            initiative_ids=[initiative.pk],
            site_ids=None,
            with_texts=True,
            personal_site_ids=None,
        )

    small, _ = count_queries(load)
    template = initiative.schema_templates.get()
    user = UserFactory()
    for n in range(3):
        site = SiteFactory()
        OpeningHoursFactory(site=site)
        run = TestRunFactory(
            initiative=initiative,
            project=initiative.project,
            site=site,
            template=template,
            cadence="weekly",
        )
        services.run_sync_submissions(run=run)
        for submission in run.submissions.all()[:2]:
            submit(submission, {"antal": n, "noter": f"Uge {n}", "oplevelse": 3}, user)
    large, summary = count_queries(load)
    assert large == small == 6
    assert len(summary[initiative.pk].sites) == 5


@pytest.mark.parametrize("role", [Role.STEERING, Role.CONSULTANT])
@pytest.mark.parametrize("page", ["dashboard", "initiative_results"])
def test_pages_with_every_kind_cost_the_same_queries_at_two_sizes(
    client, count_queries, with_hours, page, role
):
    initiative, ringsted, roskilde = with_hours
    project = initiative.project
    project.sites.add(ringsted, roskilde)
    client.force_login(MembershipFactory(project=project, role=role).user)
    url = (
        reverse("reporting:dashboard", args=[project.pk])
        if page == "dashboard"
        else reverse("reporting:initiative_results", args=[initiative.pk])
    )
    small, response = count_queries(lambda: client.get(url, {"visning": "pr-time"}))
    assert response.status_code == 200
    template = initiative.schema_templates.get()
    user = UserFactory()
    for n in range(4):
        site = SiteFactory()
        project.sites.add(site)
        OpeningHoursFactory(site=site)
        run = TestRunFactory(
            initiative=initiative,
            project=project,
            site=site,
            template=template,
            cadence="weekly",
        )
        services.run_sync_submissions(run=run)
        for submission in run.submissions.all()[:3]:
            submit(
                submission,
                {"antal": n, "citater": "“Fint.”", "justering": "yes", "kanaler": []},
                user,
            )
    large, response = count_queries(lambda: client.get(url, {"visning": "pr-time"}))
    assert response.status_code == 200
    assert large == small, (
        f"{page}: {small} queries with little data, {large} with more"
    )
