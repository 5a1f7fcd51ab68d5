"""The tally at the counter in real Chromium: taps through a network drop and a reload
while offline (the service worker serves the page; the taps wait in the browser), sent
once when the network is back, an ended session, the keyboard, and 320 px."""

import json
import re

from django.contrib.sessions.models import Session
from django.urls import reverse
from playwright.sync_api import expect

from e2e.conftest import axe_violations, login
from testing.models import Answer, Submission, Tap

TRAVEL_TALKS = "Tæl én: Antal samtaler om rejser"
REFERRALS = "Tæl én: Antal henvisninger til biblioteket"


def ringsted_week_42():
    return Submission.objects.get(
        run__site__name__startswith="Ringsted",
        kind="week",
        week__week=42,
        week__year=2017,
    )


def figures(submission):
    return dict(
        Answer.objects.filter(
            submission=submission, question__key__in=["antal-1", "antal-2"]
        ).values_list("question__key", "value_integer")
    )


def totals_of(page, name):
    """The "I dag: n · Ugen i alt: n" line under a question's button."""
    button = page.get_by_role("button", name=name)
    return page.locator(f"#{button.get_attribute('aria-describedby')}")


def wait_until_kept_offline(page):
    """The service worker runs and holds this page for when the network is gone."""
    page.wait_for_function(
        "() => navigator.serviceWorker.ready.then(() => caches.keys())"
        ".then(keys => Promise.all(keys.map(k => caches.open(k)"
        ".then(c => c.match(location.href)))))"
        ".then(found => found.some(Boolean))",
        timeout=20000,
    )


def test_counting_through_a_network_drop_counts_every_tap_once(new_page, demo):
    submission = ringsted_week_42()
    assert figures(submission) == {"antal-1": 6, "antal-2": 5}
    page = new_page()
    login(page, "tovholder-ringsted")
    page.goto(page.base_url + reverse("testing:submission_fill", args=[submission.pk]))
    page.get_by_role("link", name="Tæl ved skranken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tæl ved skranken")
    assert axe_violations(page) == []
    wait_until_kept_offline(page)

    # Online: two taps, sent at once.
    page.get_by_role("button", name=TRAVEL_TALKS).click()
    page.get_by_role("button", name=TRAVEL_TALKS).click()
    sync = page.locator("#tally-sync")
    expect(sync).to_have_text("Alle tryk er sendt.")
    expect(totals_of(page, TRAVEL_TALKS)).to_contain_text("Ugen i alt: 8")
    expect(page.locator("#tally-announce")).to_have_text(
        "Antal samtaler om rejser: 2 i dag, 8 i ugen i alt."
    )
    assert figures(submission)["antal-1"] == 8

    # The undo takes this device's last tap back.
    page.get_by_role(
        "button", name="Fortryd sidste tryk (Antal samtaler om rejser)"
    ).click()
    expect(sync).to_have_text("Alle tryk er sendt.")
    expect(totals_of(page, TRAVEL_TALKS)).to_contain_text("Ugen i alt: 7")

    # Offline: three taps wait in the browser.
    page.context.set_offline(True)
    page.get_by_role("button", name=TRAVEL_TALKS).click()
    page.get_by_role("button", name=TRAVEL_TALKS).click()
    page.get_by_role("button", name=REFERRALS).click()
    expect(sync).to_contain_text("3 tryk venter på at blive sendt.")
    expect(totals_of(page, TRAVEL_TALKS)).to_contain_text("Ugen i alt: 9")
    waiting = json.loads(
        page.evaluate(f"localStorage.getItem('synergi-tally-queue:{submission.pk}')")
    )
    assert len(waiting) == 3
    assert figures(submission) == {"antal-1": 7, "antal-2": 5}

    # A reload while offline: the service worker serves the page, the taps are there.
    response = page.reload()
    assert response is not None and response.from_service_worker
    expect(page.get_by_role("heading", level=1)).to_have_text("Tæl ved skranken")
    expect(sync).to_contain_text("3 tryk venter på at blive sendt.")
    expect(totals_of(page, REFERRALS)).to_contain_text("Ugen i alt: 6")
    expect(totals_of(page, TRAVEL_TALKS)).to_contain_text("Ugen i alt: 9")

    # Keyboard only: Tab to the first button and press Enter (focus visible).
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('tally-button')"):
            break
    focused = page.evaluate(
        "[document.activeElement.textContent.trim(),"
        " getComputedStyle(document.activeElement).outlineStyle]"
    )
    assert focused == ["+1" + TRAVEL_TALKS, "solid"]  # "+1" is seen, not read
    page.keyboard.press("Enter")
    expect(sync).to_contain_text("4 tryk venter på at blive sendt.")

    # Back online: sent in order, each counted once.
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(sync).to_have_text("Alle tryk er sendt.", timeout=20000)
    assert figures(submission) == {"antal-1": 7 + 3, "antal-2": 5 + 1}
    expect(totals_of(page, TRAVEL_TALKS)).to_contain_text("Ugen i alt: 10")

    # The same taps sent again (a second tab replaying its queue) count nothing.
    taps_before = Tap.objects.count()
    page.evaluate(
        f"localStorage.setItem('synergi-tally-queue:{submission.pk}', "
        f"JSON.stringify({json.dumps(waiting)}))"
    )
    page.reload()
    expect(sync).to_have_text("Alle tryk er sendt.", timeout=20000)
    assert Tap.objects.count() == taps_before
    assert figures(submission) == {"antal-1": 10, "antal-2": 6}

    # The schema page shows the tallied figures.
    page.get_by_role("link", name="Til skemaet").click()
    expect(
        page.get_by_label(re.compile(r"^\s*Antal samtaler om rejser"))
    ).to_have_value("10")
    expect(
        page.get_by_label(re.compile(r"^\s*Antal henvisninger til biblioteket"))
    ).to_have_value("6")
    # Only the requests the browser could not make while it was offline failed.
    assert [
        e for e in page.console_errors if "ERR_INTERNET_DISCONNECTED" not in e
    ] == []


def test_an_ended_session_keeps_the_taps_until_a_new_login(new_page, demo):
    submission = ringsted_week_42()
    page = new_page(width=320)
    login(page, "tovholder-ringsted")
    page.goto(page.base_url + reverse("testing:submission_tally", args=[submission.pk]))
    # At 320 px: nothing scrolls sideways, and axe finds nothing.
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
    assert axe_violations(page) == []

    Session.objects.all().delete()
    page.get_by_role("button", name=REFERRALS).click()
    problem = page.get_by_role("alert").filter(has_text="Log ind igen")
    expect(problem).to_contain_text("Log ind igen – 1 tryk venter")
    assert figures(submission)["antal-2"] == 5

    # Signing in again in another tab: the waiting tap is sent on the next try.
    other = page.context.new_page()
    other.base_url = page.base_url
    login(other, "tovholder-ringsted")
    expect(page.locator("#tally-sync")).to_have_text(
        "Alle tryk er sendt.", timeout=30000
    )
    expect(problem).to_be_hidden()
    assert figures(submission)["antal-2"] == 6
