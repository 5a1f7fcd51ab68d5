"""Test schemas in real Chromium: drafts that survive a reload, the review loop, and a
session that runs out while typing (two tabs on one schema: test_merge_journeys.py)."""

import re

from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from e2e.conftest import login
from testing.models import (
    Answer,
    AnswerComment,
    Question,
    Submission,
    SubmissionStatus,
)


def field(page, label):
    """The form field with this label (crispy marks required ones with a trailing *)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def glumsoe_week(number):
    return Submission.objects.get(
        run__site__name__startswith="Glumsø",
        kind="week",
        week__week=number,
        week__year=2017,
    )


SAVED = re.compile(r"Gemt kl\. \d\d:\d\d")


def test_coordinator_fills_reloads_submits_and_the_consultant_returns_then_approves(
    new_page, demo
):
    submission = glumsoe_week(39)
    coordinator = new_page()
    login(coordinator, "tovholder-glumsoe")
    coordinator.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Mine skemaer"
    ).click()
    coordinator.get_by_role("link", name=re.compile(r"Udfyld.*uge 39")).click()
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text("uge 39")

    # Half the schema, then wait for the autosave.
    field(coordinator, "Antal tilmeldte").fill("11")
    field(coordinator, "Observationer").fill("Mange spurgte til digital post.")
    expect(coordinator.get_by_role("status").filter(has_text="Gemt")).to_have_text(
        SAVED, timeout=15000
    )
    coordinator.reload()
    expect(field(coordinator, "Antal tilmeldte")).to_have_value("11")
    expect(field(coordinator, "Observationer")).to_have_value(
        "Mange spurgte til digital post."
    )

    # Finish and submit.
    field(coordinator, "Antal henvisninger til arrangementet").fill("4")
    coordinator.get_by_role(
        "radio", name="4", exact=True
    ).check()  # staff experience, 1–5
    coordinator.get_by_role("button", name="Send skemaet").click()
    expect(coordinator.get_by_role("status").first).to_contain_text(
        "Skemaet er indsendt"
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED

    # The consultant returns it with a comment on one answer.
    consultant = new_page()
    login(consultant, "konsulent")
    consultant.goto(consultant.base_url + f"/submissions/{submission.pk}/review/")
    consultant.get_by_text("Kommentér svaret").nth(1).click()
    consultant.get_by_label(
        "Kommentar til “Antal henvisninger til arrangementet”"
    ).fill("Er det talt hele ugen?")
    consultant.get_by_label("Kommentar til tovholderen").fill("Tak – se kommentaren.")
    consultant.get_by_role("button", name="Send tilbage til tovholderen").click()
    expect(consultant.get_by_role("status").first).to_contain_text("sendt tilbage")
    assert (
        AnswerComment.objects.get(submission=submission).text
        == "Er det talt hele ugen?"
    )

    # The coordinator sees the comment, fixes the answer and sends it again.
    coordinator.goto(coordinator.base_url + f"/submissions/{submission.pk}/fill/")
    expect(coordinator.get_by_text("Er det talt hele ugen?")).to_be_visible()
    expect(coordinator.get_by_text("Tak – se kommentaren.")).to_be_visible()
    field(coordinator, "Antal henvisninger til arrangementet").fill("6")
    coordinator.get_by_role("button", name="Send skemaet").click()
    expect(coordinator.get_by_role("status").first).to_contain_text(
        "Skemaet er indsendt"
    )

    consultant.goto(consultant.base_url + f"/submissions/{submission.pk}/review/")
    consultant.get_by_role("button", name="Godkend").click()
    expect(consultant.get_by_role("status").first).to_contain_text("godkendt")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED
    assert (
        Answer.objects.get(submission=submission, question__key="antal-2").value_integer
        == 6
    )
    for page in (coordinator, consultant):
        assert page.console_errors == []


def test_a_session_that_runs_out_while_typing_loses_nothing(new_page, demo):
    submission = glumsoe_week(41)
    page = new_page()
    login(page, "tovholder-glumsoe")
    page.goto(page.base_url + f"/submissions/{submission.pk}/fill/")
    Session.objects.all().delete()  # the session runs out on the server
    field(page, "Observationer").fill("Skrevet mens sessionen udløb")
    banner = page.get_by_role("alert").filter(has_text="Du er blevet logget ud")
    expect(banner).to_be_visible(timeout=15000)
    expect(field(page, "Observationer")).to_have_value("Skrevet mens sessionen udløb")
    assert not Answer.objects.filter(
        submission=submission, question__key="observationer"
    ).exists()

    # Log in again in another window of the same browser, then come back.
    other = page.context.new_page()
    other.base_url = page.base_url
    login(other, "tovholder-glumsoe")
    other.close()
    page.bring_to_front()
    page.evaluate("window.dispatchEvent(new Event('focus'))")
    expect(page.get_by_role("status").filter(has_text="Gemt")).to_have_text(
        SAVED, timeout=20000
    )
    expect(banner).to_be_hidden()
    assert (
        Answer.objects.get(
            submission=submission, question__key="observationer"
        ).value_text
        == "Skrevet mens sessionen udløb"
    )


def test_the_schema_fits_a_320px_screen(new_page, demo):
    submission = glumsoe_week(39)
    page = new_page(width=320)
    login(page, "tovholder-glumsoe")
    for path in ("/my-schemas/", f"/submissions/{submission.pk}/fill/"):
        page.goto(page.base_url + path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 320, f"{path} scrolls sideways: {width}px"


def test_a_help_text_with_markup_is_shown_as_text_and_moves_nothing(new_page, demo):
    """The trial: a consultant's help text with <meta http-equiv=refresh> sent the
    coordinator's browser elsewhere (crispy-forms printed help texts unescaped)."""
    submission = glumsoe_week(39)
    question = submission.run.template.versions.order_by("-number").first()
    question = Question.objects.filter(section__version=question, key="observationer")
    question.update(
        help_text='<meta http-equiv="refresh" content="0;url=/accounts/">Se guiden'
    )
    page = new_page()
    login(page, "tovholder-glumsoe")
    url = page.base_url + f"/submissions/{submission.pk}/fill/"
    page.goto(url)
    page.wait_for_timeout(1500)
    assert page.url == url
    expect(page.get_by_text('<meta http-equiv="refresh"', exact=False)).to_be_visible()
