"""Conditions and computed answers in real Chromium, on the demo's schemas: the weekly
schema without the final evaluation's section and the final schema with it; a question
appearing when "Ja" is picked; a computed share updating while typing, and the server
storing the same."""

import re
from decimal import Decimal

from playwright.sync_api import expect

from e2e.conftest import axe_violations, login
from testing.models import Answer, Submission


def roskilde(kind, week=None):
    found = Submission.objects.filter(run__site__name__startswith="Roskilde", kind=kind)
    if week is not None:
        found = found.filter(week__week=week, week__year=2017)
    return found.get()


def test_the_weekly_schema_asks_what_applies_and_computes_the_share(new_page, demo):
    submission = roskilde("week", 42)
    page = new_page()
    login(page, "tovholder-roskilde")
    page.goto(page.base_url + f"/submissions/{submission.pk}/fill/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("uge 42")
    # The final evaluation's questions are not in a weekly schema at all.
    expect(page.get_by_text("Slutevaluering", exact=True)).to_have_count(0)
    expect(page.get_by_text("Jeres anbefaling")).to_have_count(0)

    # "Hvad skal justeres?" appears when "Ja" is picked, and goes again on "Nej".
    adjust = page.locator('[data-question="hvad-justeres"]')
    yes_no = page.locator("#div_id_q_justering")
    yes_no.get_by_label("Nej").check()
    expect(adjust).to_be_hidden()
    yes_no.get_by_label("Ja").check()
    expect(adjust).to_be_visible()
    adjust.get_by_role("textbox").fill("Kortet skal have åbningstiderne på forsiden.")

    # The same-day share is computed while typing: "–" when it cannot be.
    share = page.get_by_label("Andel, der kom til IT-hjælpen samme dag (%)")
    page.get_by_label(re.compile(r"^\s*Antal henvisninger til IT-hjælp")).fill("0")
    page.get_by_label(re.compile(r"^\s*Antal, der kom til IT-hjælpen")).fill("2")
    expect(share).to_have_value("–")
    page.get_by_label(re.compile(r"^\s*Antal henvisninger til IT-hjælp")).fill("8")
    expect(share).to_have_value("25")
    page.get_by_label(re.compile(r"^\s*Antal, der kom til IT-hjælpen")).fill("3")
    expect(share).to_have_value("37,5")
    assert axe_violations(page) == []

    with page.expect_navigation():
        page.get_by_role("button", name="Gem kladde").click()
    expect(page.get_by_role("status").first).to_contain_text("Kladden er gemt")
    stored = {
        a.question.key: a
        for a in Answer.objects.filter(submission=submission).select_related("question")
    }
    assert stored["andel-samme-dag"].value_decimal == Decimal("37.50")  # the server's
    assert stored["hvad-justeres"].value_text.startswith("Kortet skal")
    assert not stored["hvad-justeres"].hidden

    # "Nej" again: the text is kept in the history, not counted, and not shown.
    yes_no.get_by_label("Nej").check()
    expect(adjust).to_be_hidden()
    with page.expect_navigation():
        page.get_by_role("button", name="Gem kladde").click()
    expect(page.get_by_role("status").first).to_contain_text("Kladden er gemt")
    kept = Answer.objects.get(submission=submission, question__key="hvad-justeres")
    assert kept.hidden and kept.value_text.startswith("Kortet skal")
    expect(page.locator('[data-question="hvad-justeres"]')).to_be_hidden()


def test_the_final_schema_asks_the_final_questions_at_320_px(new_page, demo):
    submission = roskilde("final")
    page = new_page(width=320)
    login(page, "tovholder-roskilde")
    page.goto(page.base_url + f"/submissions/{submission.pk}/fill/")
    expect(page.get_by_text("Slutevaluering", exact=True)).to_be_visible()
    expect(page.get_by_text("Jeres anbefaling")).to_be_visible()
    assert page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"
    )
    assert axe_violations(page) == []


def test_an_event_is_added_filled_and_removed_on_the_page(new_page, demo):
    from testing.models import RepeatEntry

    submission = Submission.objects.get(
        run__site__name__startswith="Næstved", kind="week", week__week=40
    )
    page = new_page()
    login(page, "tovholder-naestved")
    page.goto(page.base_url + f"/submissions/{submission.pk}/fill/")
    expect(page.get_by_role("group", name="Arrangementer i ugen 2")).to_be_visible()
    page.get_by_role("button", name="Tilføj til “Arrangementer i ugen”").click()
    third = page.get_by_role("group", name="Arrangementer i ugen 3")
    expect(third).to_be_visible()
    third.get_by_label(re.compile(r"^\s*Arrangementets titel")).fill("Højtlæsning")
    entry = RepeatEntry.objects.filter(submission=submission).latest("created_at")
    for _wait in range(30):  # the autosave a few seconds after typing stops
        saved = Answer.objects.filter(
            entry=entry, question__key="arrangement-titel", value_text="Højtlæsning"
        )
        if saved.exists():
            break
        page.wait_for_timeout(500)
    assert saved.exists()
    # Removing asks first; then the entry is gone from the page and not counted.
    page.once("dialog", lambda dialog: dialog.accept())
    third.get_by_role("button", name=re.compile("Fjern")).click()
    expect(page.get_by_role("group", name="Arrangementer i ugen 3")).to_have_count(0)
    entry.refresh_from_db()
    assert entry.removed_at is not None
    assert Answer.objects.get(entry=entry, question__key="arrangement-titel").hidden


def test_the_logic_still_works_after_a_refused_send(new_page, demo):
    """ "Send" with a required answer missing shows the form again (in place, by the
    page script): conditions and the computed share keep working on the new form."""
    submission = roskilde("week", 42)
    page = new_page()
    login(page, "tovholder-roskilde")
    page.goto(page.base_url + f"/submissions/{submission.pk}/fill/")
    referrals = page.get_by_label(re.compile(r"^\s*Antal henvisninger til IT-hjælp"))
    referrals.fill("")
    page.locator("#div_id_q_justering").get_by_label("Nej").check()
    page.get_by_role("button", name="Send skemaet").click()
    expect(page.get_by_text("Skemaet er ikke sendt", exact=False).first).to_be_visible()
    page.locator("#div_id_q_justering").get_by_label("Ja").check()
    expect(page.locator('[data-question="hvad-justeres"]')).to_be_visible()
    page.get_by_label(re.compile(r"^\s*Antal henvisninger til IT-hjælp")).fill("160")
    page.get_by_label(re.compile(r"^\s*Antal, der kom til IT-hjælpen")).fill("23")
    # 23/160 = 14.375 %: rounded as the server rounds it.
    expect(
        page.get_by_label("Andel, der kom til IT-hjælpen samme dag (%)")
    ).to_have_value("14,38")
