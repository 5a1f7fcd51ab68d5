"""Two tabs on one schema, and a server that fails mid-save, in real Chromium (issue 12).

Nothing typed is lost: a refused tab stays refused until its person chooses; different
answers from two tabs are both saved; the same answer changed in two tabs shows both
versions side by side; a third tab arriving mid-conflict; 5xx and lost connections are
retried until the words reach the server.
"""

import re

import pytest
from playwright.sync_api import expect

from e2e.conftest import axe_violations, login
from e2e.test_schema_journeys import SAVED, field, glumsoe_week
from testing.models import Answer, SubmissionStatus


def stored(submission, key):
    found = Answer.objects.filter(submission=submission, question__key=key).first()
    return None if found is None else found.form_value


def open_tabs(new_page, submission, count=2):
    url = f"/submissions/{submission.pk}/fill/"
    tabs = []
    for _n in range(count):
        tab = new_page()
        login(tab, "tovholder-glumsoe")
        tab.goto(tab.base_url + url)
        tabs.append(tab)
    return tabs


def saved(tab):
    expect(tab.locator("#autosave-status")).to_have_text(SAVED, timeout=15000)


def autosaved(tab, label, text):
    """Type `text` into the field and wait for the autosave it causes (its answer)."""
    with tab.expect_response(
        lambda r: r.url.endswith("/autosave/") and r.request.method == "POST"
    ) as answer:
        field(tab, label).fill(text)
    return answer.value


def chose(tab, label):
    """Choose a version in the conflict panel and wait for the save it causes."""
    with tab.expect_response(
        lambda r: r.url.endswith("/autosave/") and r.request.method == "POST"
    ) as answer:
        panel(tab).get_by_label(label).check()
    return answer.value


def panel(tab):
    return tab.get_by_role("group", name=re.compile("ændret"))


@pytest.mark.parametrize("button", ["Gem kladde", "Send skemaet"])
def test_a_refused_tab_cannot_overwrite_with_a_button(new_page, demo, button):
    submission = glumsoe_week(40)
    tab_a, tab_b = open_tabs(new_page, submission)
    assert autosaved(tab_a, "Observationer", "Skrevet i fane A").status == 200

    field(tab_b, "Observationer").fill("Skrevet i fane B – må ikke gå tabt")
    expect(panel(tab_b)).to_be_visible(timeout=15000)
    expect(panel(tab_b)).to_contain_text("Skrevet i fane A")
    expect(panel(tab_b)).to_contain_text("Skrevet i fane B – må ikke gå tabt")
    assert axe_violations(tab_b) == []  # the page with both versions (WCAG)

    # The trial's sequence: the refused tab presses the button. Still refused.
    tab_b.get_by_role("button", name=button).click()
    expect(tab_b.locator("#error-summary")).to_contain_text("ændret både her")
    expect(tab_b.locator("#error-summary")).not_to_contain_text(
        "Formularen blev ikke gemt"
    )
    expect(panel(tab_b)).to_contain_text("Skrevet i fane A")
    expect(field(tab_b, "Observationer")).to_have_value(
        "Skrevet i fane B – må ikke gå tabt"
    )
    assert stored(submission, "observationer") == "Skrevet i fane A"
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT

    # Pressing again does not get through either.
    tab_b.get_by_role("button", name=button).click()
    expect(panel(tab_b)).to_be_visible()
    assert stored(submission, "observationer") == "Skrevet i fane A"
    # Tab A is told nothing false: its text is still what is stored.
    expect(field(tab_a, "Observationer")).to_have_value("Skrevet i fane A")
    for tab in (tab_a, tab_b):  # no script errors (a 409 is logged as a failed load)
        assert [e for e in tab.console_errors if "status of 409" not in e] == []


def test_two_tabs_editing_different_answers_both_save(new_page, demo):
    submission = glumsoe_week(40)
    tab_a, tab_b = open_tabs(new_page, submission)
    assert autosaved(tab_a, "Observationer", "Fra fane A").status == 200
    assert autosaved(tab_b, "Antal tilmeldte", "23").status == 200
    assert stored(submission, "observationer") == "Fra fane A"
    assert stored(submission, "antal-1") == 23
    # Tab B brought A's text in (B had not touched that field) without a reload.
    expect(field(tab_b, "Observationer")).to_have_value("Fra fane A")
    # And B's next change keeps A's text.
    assert autosaved(tab_b, "Antal tilmeldte", "24").status == 200
    assert stored(submission, "observationer") == "Fra fane A"
    assert stored(submission, "antal-1") == 24


def test_the_same_answer_waits_for_a_choice_keep_mine(new_page, demo):
    submission = glumsoe_week(40)
    tab_a, tab_b = open_tabs(new_page, submission)
    assert autosaved(tab_a, "Observationer", "A's udgave").status == 200
    field(tab_b, "Observationer").fill("B's udgave")
    expect(panel(tab_b)).to_be_visible(timeout=15000)
    # Another autosave from B (a different field) keeps both texts as they are.
    field(tab_b, "Antal tilmeldte").fill("12")
    expect(tab_b.locator("#autosave-status")).to_contain_text("undtagen", timeout=15000)
    assert stored(submission, "observationer") == "A's udgave"
    assert stored(submission, "antal-1") == 12
    expect(field(tab_b, "Observationer")).to_have_value("B's udgave")

    assert chose(tab_b, "Behold min").status == 200
    expect(panel(tab_b)).to_have_count(0)
    assert stored(submission, "observationer") == "B's udgave"


def test_the_same_answer_waits_for_a_choice_keep_the_saved(new_page, demo):
    submission = glumsoe_week(40)
    tab_a, tab_b = open_tabs(new_page, submission)
    assert autosaved(tab_a, "Observationer", "A's udgave").status == 200
    field(tab_b, "Observationer").fill("B's udgave")
    expect(panel(tab_b)).to_be_visible(timeout=15000)
    assert chose(tab_b, "Behold den gemte").status == 200
    expect(panel(tab_b)).to_have_count(0)
    expect(field(tab_b, "Observationer")).to_have_value("A's udgave")
    assert stored(submission, "observationer") == "A's udgave"


def test_a_third_tab_arriving_mid_conflict(new_page, demo):
    submission = glumsoe_week(40)
    tab_a, tab_b = open_tabs(new_page, submission)
    assert autosaved(tab_a, "Observationer", "A").status == 200
    field(tab_b, "Observationer").fill("B")
    expect(panel(tab_b)).to_be_visible(timeout=15000)

    (tab_c,) = open_tabs(new_page, submission, count=1)
    expect(field(tab_c, "Observationer")).to_have_value("A")
    assert autosaved(tab_c, "Observationer", "C kom til").status == 200

    assert chose(tab_b, "Behold min").status == 409
    expect(panel(tab_b)).to_contain_text("ændret igen", timeout=15000)
    expect(panel(tab_b)).to_contain_text("C kom til")
    assert stored(submission, "observationer") == "C kom til"
    assert chose(tab_b, "Behold min").status == 200
    assert stored(submission, "observationer") == "B"


def fail_first(page, pattern, times, *, abort=False):
    """Answer the first `times` POSTs to URLs matching `pattern` with 500 (or drop the
    connection), then let them through. Returns the list of failed attempts."""
    failed = []

    def handle(route):
        if route.request.method == "POST" and len(failed) < times:
            failed.append(route.request.url)
            if abort:
                route.abort("connectionreset")
            else:
                route.fulfill(status=500, body="Server Error (500)")
            return
        route.continue_()

    page.route(re.compile(pattern), handle)
    return failed


@pytest.mark.parametrize("abort", [False, True], ids=["500", "no-connection"])
def test_autosave_retries_server_errors_until_the_text_arrives(new_page, demo, abort):
    submission = glumsoe_week(39)
    (page,) = open_tabs(new_page, submission, count=1)
    failed = fail_first(page, r".*/autosave/$", 2, abort=abort)
    field(page, "Observationer").fill("Skrevet mens databasen var nede")
    expect(page.locator("#autosave-status")).to_have_text(
        "Ikke gemt endnu – prøver igen", timeout=15000
    )
    expect(page.get_by_text(re.compile("genindlæs", re.I))).to_have_count(0)
    saved(page)
    assert len(failed) == 2
    assert stored(submission, "observationer") == "Skrevet mens databasen var nede"


@pytest.mark.parametrize("abort", [False, True], ids=["500", "no-connection"])
def test_a_send_answered_500_is_retried_and_loses_nothing(new_page, demo, abort):
    submission = glumsoe_week(39)
    (page,) = open_tabs(new_page, submission, count=1)
    field(page, "Antal tilmeldte").fill("11")
    field(page, "Antal henvisninger til arrangementet").fill("4")
    page.get_by_role("radio", name="4", exact=True).check()
    failed = fail_first(page, r".*/fill/$", 1, abort=abort)
    # The last words are typed and sent at once, before any autosave.
    field(page, "Observationer").fill("Sidste ord før Send")
    page.get_by_role("button", name="Send skemaet").click()
    expect(page.locator("#autosave-status")).to_have_text(
        "Ikke sendt endnu – prøver igen", timeout=10000
    )
    expect(field(page, "Observationer")).to_have_value("Sidste ord før Send")
    expect(page.get_by_role("status").first).to_contain_text(
        "Skemaet er indsendt", timeout=20000
    )
    assert len(failed) == 1
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert stored(submission, "observationer") == "Sidste ord før Send"


def test_a_send_with_a_missing_answer_says_the_draft_is_saved(new_page, demo):
    submission = glumsoe_week(39)
    (page,) = open_tabs(new_page, submission, count=1)
    # Required questions are marked before anything fails.
    expect(page.locator("#required-note")).to_contain_text("skal besvares")
    expect(page.locator("label", has_text="Antal tilmeldte")).to_contain_text("*")
    field(page, "Observationer").fill("Halvt udfyldt")
    page.get_by_role("button", name="Send skemaet").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Skemaet er ikke sendt")
    expect(summary).to_contain_text("gemt som kladde")
    expect(summary).not_to_contain_text("Formularen blev ikke gemt")
    expect(field(page, "Observationer")).to_have_value("Halvt udfyldt")
    assert stored(submission, "observationer") == "Halvt udfyldt"
    assert page.console_errors == []


ERROR_PAGE = (
    '<!doctype html><html lang="da"><body><main id="main">'
    "<h1>Siden findes ikke</h1></main></body></html>"
)


@pytest.mark.parametrize("status", [400, 403, 404])
def test_a_send_refused_by_the_server_keeps_the_form_and_says_so(
    new_page, demo, status
):
    """The trial: with production settings a 403/404/400 page has a <main>; the page
    script swapped it in and the form with the typed words was gone."""
    submission = glumsoe_week(39)
    (page,) = open_tabs(new_page, submission, count=1)

    def refuse(route):
        if route.request.method == "POST":
            route.fulfill(status=status, body=ERROR_PAGE, content_type="text/html")
        else:
            route.continue_()

    page.route(re.compile(r".*/(fill|autosave)/$"), refuse)
    field(page, "Observationer").fill("Må ikke forsvinde")
    page.get_by_role("button", name="Send skemaet").click()
    alert = page.get_by_role("alert").filter(has_text="Ikke sendt")
    expect(alert).to_contain_text(f"fejl {status}")
    expect(field(page, "Observationer")).to_have_value("Må ikke forsvinde")
    expect(page.get_by_text("Siden findes ikke")).to_have_count(0)
    # Autosave is told the same instead of hanging at "Gemmer …".
    field(page, "Observationer").fill("Må ikke forsvinde – heller ikke nu")
    expect(page.locator("#autosave-status")).to_contain_text("Ikke gemt", timeout=15000)
    expect(page.locator("#autosave-status")).not_to_contain_text("Gemmer")
    # Once the server takes it again, the next press sends it.
    page.unroute(re.compile(r".*/(fill|autosave)/$"))
    page.get_by_role("button", name="Send skemaet").click()
    expect(page.locator("#error-summary")).to_contain_text("Skemaet er ikke sendt")
    assert stored(submission, "observationer") == ("Må ikke forsvinde – heller ikke nu")


def test_a_save_whose_answer_is_lost_does_not_conflict_with_itself(new_page, demo):
    """The trial: the server stored the text but the answer was lost on the way back;
    the next save met the user's own text as "changed elsewhere"."""
    submission = glumsoe_week(39)
    (page,) = open_tabs(new_page, submission, count=1)
    lost = []

    def lose_the_answer(route):
        if route.request.method == "POST" and not lost:
            route.fetch()  # the server saves it …
            lost.append(route.request.url)
            route.abort("connectionreset")  # … but the page never hears
        else:
            route.continue_()

    page.route(re.compile(r".*/autosave/$"), lose_the_answer)
    field(page, "Observationer").fill("Linje et")
    expect(page.locator("#autosave-status")).to_have_text(
        "Ikke gemt endnu – prøver igen", timeout=15000
    )
    assert stored(submission, "observationer") == "Linje et"
    field(page, "Observationer").fill("Linje et\nlinje to")
    saved(page)
    expect(panel(page)).to_have_count(0)
    assert stored(submission, "observationer") == "Linje et\nlinje to"
