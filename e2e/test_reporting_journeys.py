"""The steering group reads the test's results in Chromium: the dashboard in Danish,
its filters as URLs, an initiative across its sites, and the two downloads."""

import csv
import io
import re
from decimal import Decimal

from django.db.models import Sum
from openpyxl import load_workbook
from playwright.sync_api import expect

from e2e.conftest import login
from sites.models import Site
from testing.models import Answer, Submission, SubmissionStatus

COUNTED = [SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED]


def counted_total(question_text, site_name):
    """What the page should show: the sum of a question's answers in submitted and
    approved schemas at one site, straight from the database."""
    return Answer.objects.filter(
        question__text=question_text,
        submission__status__in=COUNTED,
        submission__run__site__name=site_name,
    ).aggregate(total=Sum("value_integer"))["total"]


def test_steering_group_reads_filters_drills_down_and_downloads(page, demo):
    login(page, "styregruppe-1")
    page.get_by_role("link", name="Resultater", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resultater")
    # The page leads with the verdicts: which criteria were met where.
    verdicts = page.locator("#verdicts-heading")
    expect(verdicts).to_have_text("Er succeskriterierne opfyldt?")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    dashboard_url = page.url
    initiatives = page.locator("article")
    expect(initiatives).to_have_count(3)

    # The figures match the submissions.
    question, roskilde = "Antal henvisninger til IT-hjælp", "Roskilde Bibliotek"
    expected = counted_total(question, roskilde + " (med Borgerservice)")
    assert expected > 0
    row = page.locator("table.figures-table tr", has_text=question)
    expect(row.locator("td").nth(1)).to_have_text(str(expected))
    approved = Submission.objects.filter(status=SubmissionStatus.APPROVED).count()
    expect(page.locator(".totals")).to_contain_text(f"{approved} godkendt")

    # Filtering gives a URL of its own; the back button returns to the whole view.
    ringsted = Site.objects.get(name="Ringsted Bibliotek og Borgerservice")
    page.get_by_label("Sted", exact=True).select_option(label=ringsted.name)
    page.get_by_role("button", name="Filtrér").click()
    expect(page).to_have_url(re.compile(rf"[?&]site={ringsted.pk}(&|$)"))
    expect(initiatives).to_have_count(1)
    expect(initiatives.first).to_contain_text("Rejseudstilling i venteområdet")
    page.go_back()
    expect(page).to_have_url(dashboard_url)
    expect(initiatives).to_have_count(3)

    # One initiative across its two sites.
    initiatives.get_by_role(
        "link", name="Kom godt i gang med pensionisttilværelsen"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Resultater: Kom godt i gang med pensionisttilværelsen"
    )
    progress = page.locator("table.matrix-table")
    expect(progress).to_contain_text("Glumsø Bibliotek (med Borgerservice)")
    expect(progress).to_contain_text("Næstved Bibliotek og Borgerservice")
    expect(page.locator("figure.chart img").first).to_have_attribute(
        "alt", re.compile("^Graf: ")
    )

    # Its schemas as Excel: one row per schema, the values as numbers.
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent skemaerne (Excel)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(
        io.BytesIO(download.value.path().read_bytes()), read_only=True
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("Tiltag", "Sted", "Periode", "Uge")
    column = header.index("Antal tilmeldte")
    status = header.index("Status")
    assert {r[0] for r in rows[1:]} == {"Kom godt i gang med pensionisttilværelsen"}
    for site in (
        "Glumsø Bibliotek (med Borgerservice)",
        "Næstved Bibliotek og Borgerservice",
    ):
        in_sheet = sum(
            r[column] or 0
            for r in rows[1:]
            if r[1] == site and r[status] in ("Indsendt", "Godkendt")
        )
        assert in_sheet == counted_total("Antal tilmeldte", site)
    assert (
        len(rows) - 1
        == Submission.objects.filter(
            run__initiative__name="Kom godt i gang med pensionisttilværelsen"
        ).count()
    )

    # Every schema as CSV for Danish Excel: semicolons, decimal commas, a BOM.
    page.goto(dashboard_url)
    csv_link = page.get_by_role("link", name="Testskemaer (CSV)")
    page.get_by_role("button", name="Hent data").click()
    try:
        expect(csv_link).to_be_visible(timeout=5000)
    except AssertionError:  # the menu did not open (clicked before its script ran)
        page.get_by_role("button", name="Hent data").click()
        expect(csv_link).to_be_visible()
    with page.expect_download(timeout=60000) as download:
        csv_link.click()
    body = open(download.value.path(), encoding="utf-8").read()
    assert body.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert table[0][:7] == ["Tiltag", "Sted", "Periode", "Uge", "År", "Frist", "Status"]
    assert len(table) - 1 == Submission.objects.count()
    hours = table[0].index("Timer brugt på tiltaget")
    decimals = [r[hours] for r in table[1:] if r[hours]]
    assert decimals and all("." not in value for value in decimals)
    in_csv = sum(
        Decimal(r[hours].replace(",", "."))
        for r in table[1:]
        if r[hours] and r[6] in ("Indsendt", "Godkendt")
    )
    in_database = Answer.objects.filter(
        question__text="Timer brugt på tiltaget", submission__status__in=COUNTED
    ).aggregate(total=Sum("value_decimal"))["total"]
    assert in_csv == in_database
    assert page.console_errors == []
