"""A coordinator fills in and sends a schema with the keyboard alone (WCAG 2.1.1),
and every element that takes focus on the way shows it (WCAG 2.4.7)."""

import re

from playwright.sync_api import expect

from testing.models import Submission, SubmissionStatus

FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
  return {
    names: [label, e.getAttribute("aria-label") || "", e.innerText || ""]
      .map((text) => text.replace(/\\s+/g, " ").trim()).filter(Boolean),
    tag: e.tagName,
    visible: style.outlineStyle !== "none" || style.boxShadow !== "none",
  };
}"""


def tab_to(page, pattern, *, presses=150):
    """Press Tab until the focused element's label or text matches; each element
    passed on the way must show its focus."""
    wanted = re.compile(pattern)
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "BODY":  # focus is in the browser's own UI for a moment
            continue
        assert focused["visible"], f"no visible focus on {focused}"
        if any(wanted.search(name) for name in focused["names"]):
            return focused
    raise AssertionError(f"{pattern!r} cannot be reached with Tab; last: {focused}")


def test_coordinator_fills_and_sends_a_schema_by_keyboard(page, demo):
    submission = Submission.objects.get(
        run__site__name__startswith="Glumsø", kind="week", week__week=40
    )
    page.goto(page.base_url + "/login/")
    tab_to(page, r"Brugernavn")
    page.keyboard.type("tovholder-glumsoe")
    tab_to(page, r"Adgangskode")
    page.keyboard.type("e2e-demo-adgangskode")
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + "/")

    tab_to(page, r"^Mine skemaer")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mine skemaer")
    tab_to(page, r"Udfyld.*uge 40")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("uge 40")

    tab_to(page, r"^Antal tilmeldte")
    page.keyboard.type("9")
    tab_to(page, r"^Antal henvisninger til arrangementet")
    page.keyboard.type("2")
    tab_to(page, r"^1 – ")  # the 1–5 scale: a radio group, chosen with arrows
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    tab_to(page, r"^Observationer")
    page.keyboard.type("Alt gjort med tastaturet.")
    tab_to(page, r"Send skemaet")
    page.keyboard.press("Enter")

    expect(page.get_by_role("status").first).to_contain_text("Skemaet er indsendt")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    answers = {
        a.question.text: a for a in submission.answers.select_related("question")
    }
    assert answers["Antal tilmeldte"].value_integer == 9
    assert answers["Observationer"].value_text == "Alt gjort med tastaturet."
    scale = next(a for a in answers.values() if a.question.kind == "scale")
    assert scale.value_integer == 3  # 1, then two presses of the right arrow
    assert page.console_errors == []
