"""Figures computed from known data, the dashboard's cost, exports read back, and access."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from dashboards import charts, selectors
from dashboards.tests.conftest import submit
from initiatives.tests.factories import InitiativeFactory, QuoteFactory
from projects.models import Role
from projects.tests.factories import MembershipFactory, UserFactory
from sites.tests.factories import SiteFactory
from testing import services
from testing.models import QuestionKind, Submission, TestGuide
from testing.tests.factories import QuestionFactory, SectionFactory, TestRunFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def known():
    """An initiative at two sites over two weeks with known answers.

    Site 1: week 37 → 3 referrals, 2,5 hours, scale 4 (approved); week 38 → 5, 1,5, 2 (submitted).
    Site 2: week 37 → 7 (submitted); week 38 → 100 (draft: not counted).
    """
    initiative = InitiativeFactory(name="Rejseudstilling")
    user = UserFactory()
    site_one, site_two = SiteFactory(name="Ringsted"), SiteFactory(name="Roskilde")
    runs = []
    template = None
    for site in (site_one, site_two):
        run = TestRunFactory(
            initiative=initiative,
            project=initiative.project,
            site=site,
            starts_week=datetime.date(2017, 9, 11),
            ends_week=datetime.date(2017, 9, 18),
            cadence="weekly",
            **({"template": template} if template else {}),
        )
        template = run.template
        services.run_sync_submissions(run=run)
        runs.append(run)
    section = SectionFactory(version__template=template)
    QuestionFactory(
        section=section,
        key="antal",
        text="Antal henvisninger",
        kind=QuestionKind.INTEGER,
    )
    QuestionFactory(
        section=section, key="timer", text="Timer", kind=QuestionKind.DECIMAL
    )
    QuestionFactory(
        section=section, key="oplevelse", text="Oplevelse", kind=QuestionKind.SCALE
    )
    QuestionFactory(
        section=section, key="noter", text="Noter", kind=QuestionKind.LONG_TEXT
    )
    one_37, one_38 = runs[0].submissions.order_by("week")
    two_37, two_38 = runs[1].submissions.order_by("week")
    approved = submit(
        one_37,
        {"antal": 3, "timer": Decimal("2.5"), "oplevelse": 4, "noter": "Travl uge"},
        user,
    )
    services.submission_approve(
        submission=approved, user=user, expected_version=approved.version
    )
    submit(one_38, {"antal": 5, "timer": Decimal("1.5"), "oplevelse": 2}, user)
    submit(two_37, {"antal": 7}, user)
    services.submission_save_draft(
        submission=two_38, values={"antal": 100}, user=user, expected_version=0
    )
    return initiative, site_one, site_two


def by(figure_list, key, site):
    return next(f for f in figure_list if f.key == key and f.site == site)


def test_figures_sum_per_site_and_week_counting_only_submitted_and_approved(known):
    initiative, _one, _two = known
    figure_list = selectors.figures(initiative_ids=[initiative.pk], site_ids=None)[
        initiative.pk
    ]
    ringsted = by(figure_list, "antal", "Ringsted")
    assert ringsted.by_week == {37: (3, 1), 38: (5, 1)}
    assert (ringsted.total, ringsted.answers, ringsted.mean) == (8, 2, 4)
    roskilde = by(figure_list, "antal", "Roskilde")
    assert roskilde.by_week == {37: (7, 1)}  # the draft's 100 is not counted
    hours = by(figure_list, "timer", "Ringsted")
    assert hours.total == Decimal("4.00") and hours.mean == Decimal("2.00")
    scale = by(figure_list, "oplevelse", "Ringsted")
    assert not scale.can_sum and scale.mean == 3
    assert {f.key for f in figure_list} == {
        "antal",
        "timer",
        "oplevelse",
    }  # text is not a figure


def test_figures_for_a_coordinator_cover_their_site_only(known):
    initiative, one, _two = known
    figure_list = selectors.figures(initiative_ids=[initiative.pk], site_ids={one.pk})[
        initiative.pk
    ]
    assert {f.site for f in figure_list} == {"Ringsted"}


def test_weekly_series_for_the_chart(known):
    initiative, _one, _two = known
    figure_list = selectors.figures(initiative_ids=[initiative.pk], site_ids=None)[
        initiative.pk
    ]
    labels, series = selectors.weekly_series(figure_list, "antal")
    assert labels == ["uge 37", "uge 38"]
    assert series == [("Ringsted", [3.0, 5.0]), ("Roskilde", [7.0, None])]


def test_matrix_states_per_week(known):
    initiative, _one, _two = known
    progress = selectors.matrix(
        initiatives=[initiative], site_ids=None, today=datetime.date(2017, 9, 20)
    )
    states = {p.run.site.name: p.weeks for p in progress[initiative.pk]}
    assert states == {
        "Ringsted": [("37", "approved"), ("38", "submitted")],
        "Roskilde": [("37", "submitted"), ("38", "draft")],
    }
    later = selectors.matrix(
        initiatives=[initiative], site_ids=None, today=datetime.date(2017, 10, 2)
    )
    # A draft past its due date is a draft that is overdue.
    assert dict(later[initiative.pk][1].weeks)["38"] == "draft-overdue"


@pytest.mark.parametrize(
    "values, scale, expected",
    [
        ([8, 6, 7, 3], False, ((0, 10), [0, 2, 4, 6, 8, 10])),  # 8 → headroom
        ([4, 1, 2], False, ((0, 5), [0, 1, 2, 3, 4, 5])),
        ([29], False, ((0, 30), [0, 10, 20, 30])),
        ([0.12, 0.05], False, ((0, 0.15), [0, 0.05, 0.1, 0.15])),
        ([], False, ((0, 1), [0, 1])),
        ([3.4, 4.1], True, ((1, 5), [1, 2, 3, 4, 5])),  # a scale: always 1–5
    ],
)
def test_a_chart_axis_has_room_above_its_highest_value(values, scale, expected):
    y_range, ticks = charts.y_axis(values, scale=scale)
    assert (y_range, ticks) == expected
    assert not values or scale or y_range[1] > max(values)


def test_chart_is_in_the_catalogue_typeface_with_light_guides():
    svg = charts.weekly_line_chart(
        title="Tilfredshed",
        x_labels=["uge 37", "uge 38"],
        series=[("Ringsted", [3.5, 4.0])],
        mean=True,
    ).svg
    assert "Source Sans 3" in svg and "DejaVu Sans, " not in svg.split("Source")[0]
    assert "#dde2e8" in svg
    labels = re.findall(r'class="axis y[^"]*".*?</g></g>', svg, re.S)
    assert labels and all(f">{n}</text>" in labels[0] for n in "12345")


def test_chart_has_a_summary_a_table_and_patterns_not_only_colours():
    chart = charts.weekly_line_chart(
        title="Antal henvisninger",
        x_labels=["uge 37", "uge 38"],
        series=[("Ringsted", [3, 5]), ("Roskilde", [7, None])],
    )
    assert chart.summary == (
        "Antal henvisninger, uge 37 til uge 38. Ringsted: i alt 8, højest 5 i uge 38; Roskilde: i alt 7, højest 7 i uge 37."
    )
    assert chart.rows == [("uge 37", [3, 7]), ("uge 38", [5, None])]
    assert chart.svg.startswith("<svg") and "stroke-dasharray" in chart.svg.replace(
        ": ", ":"
    )
    assert chart.data_uri.startswith("data:image/svg+xml;base64,")


def test_a_chart_is_drawn_once_until_its_numbers_or_language_change():
    charts._line_svg.cache_clear()
    arguments = {
        "title": "Antal henvisninger",
        "x_labels": ["uge 37", "uge 38"],
        "series": [("Ringsted", [3, 5])],
    }
    first = charts.weekly_line_chart(**arguments)
    again = charts.weekly_line_chart(**arguments)
    assert again.svg is first.svg
    assert charts._line_svg.cache_info().misses == 1
    changed = charts.weekly_line_chart(
        **{**arguments, "series": [("Ringsted", [3, 6])]}
    )
    assert changed.svg != first.svg
    with translation.override("en"):
        english = charts.weekly_line_chart(**arguments)
    assert charts._line_svg.cache_info().misses == 3
    assert english.svg is not first.svg


def test_dashboard_figures_match_the_submissions(client, known):
    initiative, _one, _two = known
    steering = MembershipFactory(project=initiative.project, role=Role.STEERING).user
    client.force_login(steering)
    html = client.get(
        reverse("reporting:dashboard", args=[initiative.project.pk])
    ).content.decode()
    assert "Rejseudstilling" in html
    assert '<td class="text-end">8</td>' in html  # Ringsted's referrals in total
    assert "Ringsted: i alt 8, højest 5 i uge 38" in html


def test_dashboard_links_its_charts_and_the_link_changes_with_the_numbers(
    client, known
):
    initiative, one, two = known
    steering = MembershipFactory(project=initiative.project, role=Role.STEERING).user
    client.force_login(steering)
    url = reverse("reporting:dashboard", args=[initiative.project.pk])
    chart_url = reverse("reporting:initiative_chart", args=[initiative.pk])
    html = client.get(url).content.decode()
    assert "data:image/svg+xml" not in html  # the page does not carry the SVG
    src = re.search(rf'src="({re.escape(chart_url)}\?v=\w+)"', html).group(1)
    assert src in client.get(url).content.decode()  # same numbers, same link

    image = client.get(src)
    assert image.status_code == 200
    assert image["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert image["Content-Security-Policy"].startswith("default-src 'none'")
    svg = image.content.decode()
    assert svg.startswith("<svg") and "<script" not in svg
    assert "Rejseudstilling: Antal henvisninger" in svg

    draft = Submission.objects.get(run__site=two, status="draft")
    submit(draft, {"antal": 4}, UserFactory())
    assert src not in client.get(url).content.decode()  # new numbers, new link


def test_dashboard_filters_have_their_own_url(client, known):
    initiative, one, _two = known
    other = InitiativeFactory(idea__project=initiative.project, name="Andet tiltag")
    client.force_login(
        MembershipFactory(project=initiative.project, role=Role.STEERING).user
    )
    url = reverse("reporting:dashboard", args=[initiative.project.pk])
    initiative.project.sites.add(one)
    assert "Andet tiltag" in client.get(url).content.decode()
    filtered = client.get(url, {"site": one.pk}).content.decode()
    assert "Rejseudstilling" in filtered and "Andet tiltag" not in filtered
    assert other.name not in client.get(url, {"status": "in_test"}).content.decode()


def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_csv_export_opens_in_danish_excel(client, known):
    initiative, _one, _two = known
    client.force_login(
        MembershipFactory(project=initiative.project, role=Role.STEERING).user
    )
    response = client.get(
        reverse("reporting:export", args=[initiative.project.pk, "submissions", "csv"])
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    rows = read_csv(response)
    header = rows[0]
    assert header[:7] == ["Tiltag", "Sted", "Periode", "Uge", "År", "Frist", "Status"]
    assert header[9:] == ["Antal henvisninger", "Timer", "Oplevelse", "Noter"]
    first = rows[1]
    assert first[:7] == [
        "Rejseudstilling",
        "Ringsted",
        "Uge",
        "37",
        "2017",
        "17-09-2017",
        "Godkendt",
    ]
    assert first[9:] == ["3", "2,50", "4", "Travl uge"]
    assert len(rows) == 5  # header and four schemas, drafts included with their status


def test_initiatives_asking_the_same_question_share_a_column(client, known):
    """Project-wide, a column per distinct question wording, not per initiative."""
    initiative, site_one, _two = known
    other = InitiativeFactory(project=initiative.project, name="Læsehjørne")
    run = TestRunFactory(
        initiative=other,
        project=initiative.project,
        site=site_one,
        starts_week=datetime.date(2017, 9, 11),
        ends_week=datetime.date(2017, 9, 11),
        cadence="weekly",
    )
    services.run_sync_submissions(run=run)
    section = SectionFactory(version__template=run.template)
    QuestionFactory(
        section=section, key="henvist", text="Antal henvisninger", kind="integer"
    )
    QuestionFactory(section=section, key="bøger", text="Bøger udlånt", kind="integer")
    submit(run.submissions.get(), {"henvist": 9, "bøger": 12}, UserFactory())
    client.force_login(
        MembershipFactory(project=initiative.project, role=Role.STEERING).user
    )
    rows = read_csv(
        client.get(
            reverse(
                "reporting:export", args=[initiative.project.pk, "submissions", "csv"]
            )
        )
    )
    assert rows[0][9:] == [
        "Antal henvisninger",
        "Bøger udlånt",
        "Timer",
        "Oplevelse",
        "Noter",
    ]
    læsehjørne = next(row for row in rows if row[0] == "Læsehjørne")
    assert læsehjørne[9:] == ["9", "12", "", "", ""]
    rejse = next(row for row in rows if row[0] == "Rejseudstilling")
    assert rejse[9:] == ["3", "", "2,50", "4", "Travl uge"]
    # One initiative's export has only its own questions.
    rows = read_csv(
        client.get(
            reverse(
                "reporting:export", args=[initiative.project.pk, "submissions", "csv"]
            ),
            {"initiative": other.pk},
        )
    )
    assert rows[0][9:] == ["Antal henvisninger", "Bøger udlånt"]
    assert len(rows) == 2


def test_a_reworded_question_keeps_one_column_with_the_newest_wording(known):
    initiative, _one, _two = known
    template = initiative.schema_templates.get()
    newer = SectionFactory(version__template=template, version__number=2)
    QuestionFactory(
        section=newer,
        key="antal",
        text="Antal borgere henvist til borgerservice",
        kind=QuestionKind.INTEGER,
    )
    texts, column_of = selectors.export_columns(
        project=initiative.project, initiative=initiative
    )
    assert texts == [
        "Antal borgere henvist til borgerservice",
        "Timer",
        "Oplevelse",
        "Noter",
    ]
    assert (
        column_of[(initiative.pk, "antal")] == "Antal borgere henvist til borgerservice"
    )


def test_xlsx_export_has_typed_cells(client, known):
    initiative, _one, _two = known
    client.force_login(
        MembershipFactory(project=initiative.project, role=Role.CONSULTANT).user
    )
    response = client.get(
        reverse("reporting:export", args=[initiative.project.pk, "submissions", "xlsx"])
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Tiltag", "Sted", "Periode")
    first = rows[1]
    assert first[5] == datetime.datetime(2017, 9, 17)  # a real date
    assert first[9:12] == (3, 2.5, 4)  # real numbers
    assert isinstance(first[7], datetime.datetime)  # submitted at


def test_every_kind_of_answer_reaches_both_exports(client, known):
    """Yes/no, choices, dates and text come out as Excel understands them."""
    initiative, _one, two = known
    template = initiative.schema_templates.get()
    section = SectionFactory(version__template=template, version__number=2)
    for key, text, kind in [
        ("skiltet", "Var udstillingen skiltet?", QuestionKind.YES_NO),
        ("hvor", "Hvor kom borgerne fra?", QuestionKind.MULTIPLE_CHOICE),
        ("dato", "Dato for opstilling", QuestionKind.DATE),
    ]:
        QuestionFactory(
            section=section,
            key=key,
            text=text,
            kind=kind,
            choices=["Skranken", "Hylderne"] if key == "hvor" else [],
        )
    draft = Submission.objects.get(run__site=two, status="draft")
    draft.schema_version = section.version
    draft.save()
    services.submission_save_draft(
        submission=draft,
        values={
            "skiltet": "yes",
            "hvor": ["Skranken", "Hylderne"],
            "dato": datetime.date(2017, 9, 20),
        },
        user=UserFactory(),
        expected_version=draft.version,
    )
    client.force_login(
        MembershipFactory(project=initiative.project, role=Role.CONSULTANT).user
    )
    url = reverse(
        "reporting:export", args=[initiative.project.pk, "submissions", "csv"]
    )
    rows = read_csv(client.get(url))
    columns = rows[0]
    row = next(r for r in rows if r[6] == "Kladde")
    assert row[columns.index("Var udstillingen skiltet?")] == "Ja"
    assert row[columns.index("Hvor kom borgerne fra?")] == "Skranken, Hylderne"
    assert row[columns.index("Dato for opstilling")] == "20-09-2017"
    url = reverse(
        "reporting:export", args=[initiative.project.pk, "submissions", "xlsx"]
    )
    sheet = list(
        load_workbook(
            io.BytesIO(b"".join(client.get(url).streaming_content))
        ).active.iter_rows(values_only=True)
    )
    row = next(r for r in sheet if r[6] == "Kladde")
    assert row[columns.index("Var udstillingen skiltet?")] == "Ja"
    assert row[columns.index("Dato for opstilling")] == datetime.datetime(2017, 9, 20)


def test_a_coordinator_exports_only_their_own_site(client, known):
    initiative, one, _two = known
    coordinator = MembershipFactory(
        project=initiative.project, role=Role.COORDINATOR, site=one
    ).user
    client.force_login(coordinator)
    rows = read_csv(
        client.get(
            reverse(
                "reporting:export", args=[initiative.project.pk, "submissions", "csv"]
            )
        )
    )
    assert {row[1] for row in rows[1:]} == {"Ringsted"}
    matrix_rows = read_csv(
        client.get(
            reverse("reporting:export", args=[initiative.project.pk, "matrix", "csv"])
        )
    )
    assert [row[1] for row in matrix_rows[1:]] == ["Ringsted"]


def test_unconsented_speakers_never_reach_the_steering_group(client, known):
    initiative, _one, _two = known
    QuoteFactory(
        project=initiative.project,
        speaker_label="Karina, 44 år",
        consent_to_publish=False,
        text="Bøger er kedelige.",
    )
    QuoteFactory(
        project=initiative.project,
        speaker_label="Lone, 61 år",
        consent_to_publish=True,
        reviewed=True,
        text="Jeg afleverer bøger.",
    )
    client.force_login(
        MembershipFactory(project=initiative.project, role=Role.STEERING).user
    )
    html = client.get(
        reverse("reporting:dashboard", args=[initiative.project.pk])
    ).content.decode()
    assert "Lone, 61 år" in html
    assert "Karina" not in html and "Bøger er kedelige." not in html
    for table in ("submissions", "matrix"):
        for fmt in ("csv", "xlsx"):
            body = b"".join(
                client.get(
                    reverse(
                        "reporting:export", args=[initiative.project.pk, table, fmt]
                    )
                ).streaming_content
            )
            assert b"Karina" not in body


def _grow(project, initiative_count):
    user = UserFactory()
    for n in range(initiative_count):
        initiative = InitiativeFactory(idea__project=project, name=f"Tiltag {n}")
        for site_n in range(2):
            site = SiteFactory()
            project.sites.add(site)
            run = TestRunFactory(
                initiative=initiative, project=project, site=site, cadence="weekly"
            )
            services.run_sync_submissions(run=run)
            section = SectionFactory(version__template=run.template)
            QuestionFactory(section=section, key="antal", kind=QuestionKind.INTEGER)
            for submission in list(run.submissions.order_by("week"))[:3]:
                submit(submission, {"antal": n + site_n}, user)


@pytest.mark.parametrize("page", ["dashboard", "initiative_results", "site_overview"])
def test_reporting_pages_cost_the_same_queries_at_two_sizes(
    client, known, count_queries, page
):
    initiative, one, _two = known
    project = initiative.project
    project.sites.add(one)
    # With published success criteria, so the verdicts are judged too.
    guide = TestGuide.objects.create(
        initiative=initiative,
        criteria=[
            {
                "key": "a",
                "measure": "sum",
                "comparison": "gte",
                "target": "4",
                "question_key": "antal",
            },
        ],
    )
    services.guide_publish(guide=guide, user=UserFactory(), change_note="")
    client.force_login(MembershipFactory(project=project, role=Role.STEERING).user)
    urls = {
        "dashboard": reverse("reporting:dashboard", args=[project.pk]),
        "initiative_results": reverse(
            "reporting:initiative_results", args=[initiative.pk]
        ),
        "site_overview": reverse("reporting:site_overview", args=[project.pk, one.pk]),
    }
    small, response = count_queries(lambda: client.get(urls[page]))
    assert response.status_code == 200
    _grow(project, 6)
    large, response = count_queries(lambda: client.get(urls[page]))
    assert response.status_code == 200
    assert large == small, (
        f"{page}: {small} queries with little data, {large} with more"
    )
    assert small <= 24


def test_submissions_are_streamed_in_batches(client, known, count_queries):
    """The export reads answers per batch of schemas, not per schema."""
    initiative, _one, _two = known
    client.force_login(
        MembershipFactory(project=initiative.project, role=Role.STEERING).user
    )
    url = reverse(
        "reporting:export", args=[initiative.project.pk, "submissions", "csv"]
    )
    small, _response = count_queries(
        lambda: b"".join(client.get(url).streaming_content)
    )
    _grow(initiative.project, 4)
    large, _response = count_queries(
        lambda: b"".join(client.get(url).streaming_content)
    )
    assert large == small
    assert Submission.objects.count() > 20


def test_export_file_names_keep_danish_letters(client, known):
    initiative, _one, _two = known
    project = initiative.project
    project.name = "Synergi i Glumsø"
    project.save()
    client.force_login(MembershipFactory(project=project, role=Role.STEERING).user)
    response = client.get(
        reverse("reporting:export", args=[project.pk, "matrix", "xlsx"])
    )
    disposition = response["Content-Disposition"]
    assert 'filename="synergi-i-glumsoe-fremdrift-' in disposition
    assert "filename*=UTF-8''synergi-i-glums%C3%B8-fremdrift-" in disposition
    assert disposition.endswith(".xlsx")


def test_a_scale_is_never_summed_in_a_chart_its_summary_or_table(client, known):
    """A 1–5 scale: the weeks show the mean, the summary the mean and n; counts
    are still summed."""
    initiative, _one, _two = known
    figure_list = selectors.figures(initiative_ids=[initiative.pk], site_ids=None)[
        initiative.pk
    ]
    by_title = {c.title: c for c in charts.figure_charts(figure_list)}
    scale = by_title["Oplevelse"]
    assert scale.summary == (
        "Oplevelse, uge 37 til uge 38. "
        "Ringsted: gennemsnit 3 (n = 2), højest 4 i uge 37."
    )
    assert "i alt" not in scale.summary
    assert by_title["Antal henvisninger"].summary.startswith(
        "Antal henvisninger, uge 37 til uge 38. Ringsted: i alt 8"
    )

    steering = MembershipFactory(project=initiative.project, role=Role.STEERING).user
    client.force_login(steering)
    html = client.get(
        reverse("reporting:initiative_results", args=[initiative.pk])
    ).content.decode()
    assert "Ringsted: gennemsnit 3 (n = 2), højest 4 i uge 37" in html
    assert "Ringsted: i alt 6" not in html


def test_a_scale_weeks_value_is_its_mean_when_a_week_has_several_answers():
    figure = selectors.Figure(
        key="oplevelse",
        text="Oplevelse",
        kind=QuestionKind.SCALE,
        site="Ringsted",
        by_week={37: (Decimal(9), 2), 38: (Decimal(4), 1)},  # 4 + 5, then 4
    )
    labels, series = selectors.weekly_series([figure], "oplevelse")
    assert series == [("Ringsted", [4.5, 4.0])]
    chart = charts.weekly_line_chart(
        title="Oplevelse",
        x_labels=labels,
        series=series,
        mean=True,
        answers=selectors.weekly_answers([figure], "oplevelse"),
    )
    # (4 + 5 + 4) / 3, not the mean of the weekly means, and never "i alt 8,5".
    assert "Ringsted: gennemsnit 4,3 (n = 3), højest 4,5 i uge 37" in chart.summary
    assert chart.rows == [("uge 37", [4.5]), ("uge 38", [4.0])]


def between(html, start, end):
    html = html[html.index(start) :]
    return html[: html.index(end)]


def test_the_dashboard_says_a_schemas_state_as_its_coordinator_sees_it(client, known):
    """Roskilde's week-38 draft is past its deadline (the schemas are from 2017): the
    coordinator sees "Kladde" and "forsinket", and so does the steering group, in
    the cell, in the legend and in the counts; no "mangler", no "0 kladde"."""
    initiative, _one, two = known
    project = initiative.project
    client.force_login(
        MembershipFactory(project=project, role=Role.COORDINATOR, site=two).user
    )
    mine = client.get(reverse("testing:my_submissions")).content.decode()
    overdue = between(mine, 'id="overdue"', "</section>")
    assert "uge 38" in overdue
    assert ">Kladde</span>" in overdue and "</span> forsinket</span>" in overdue

    client.force_login(MembershipFactory(project=project, role=Role.STEERING).user)
    html = client.get(
        reverse("reporting:dashboard", args=[project.pk])
    ).content.decode()
    assert 'title="uge 38: Kladde, forsinket"' in html
    assert "mangler" not in html and "kommende" not in html

    cells = re.findall(r'<span class="visually-hidden">: ([^<]+)</span></li>', html)
    assert sorted(cells) == ["Godkendt", "Indsendt", "Indsendt", "Kladde, forsinket"]
    legend = re.findall(
        r'<span aria-hidden="true">[^<]+</span> ([^<:]+)',
        between(html, 'id="week-legend"', "</p>"),
    )
    assert legend == [
        "Godkendt",
        "Indsendt",
        "Sendt tilbage",
        "Kladde",
        "Ikke påbegyndt",
        "forsinket",
    ]
    for cell in cells:  # every word in a cell is explained by the legend
        assert set(cell.split(", ")) <= set(legend)

    totals = re.findall(
        r'<span aria-hidden="true">[^<]+</span> ([^<]+)</span></li>',
        between(html, 'class="list-inline mb-1 totals"', "</ul>"),
    )
    # The counts agree with the cells, zeros are left out, plurals are plurals.
    assert totals == ["1 godkendt", "2 indsendte", "1 kladde", "1 forsinket"]


def test_state_counts_are_pluralised_and_leave_out_zeros():
    from testing.states import state_counts

    lines = state_counts(
        {"approved": 0, "submitted": 1, "draft": 3, "not_started": 13, "overdue": 14}
    )
    assert [text for _icon, _css, text in lines] == [
        "1 indsendt",
        "3 kladder",
        "13 ikke påbegyndte",
        "14 forsinkede",
    ]
    with translation.override("en"):
        lines = state_counts({"draft": 1, "overdue": 2})
        assert [str(text) for _icon, _css, text in lines] == ["1 draft", "2 overdue"]
