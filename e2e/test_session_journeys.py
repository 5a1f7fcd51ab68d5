"""The warning before a session ends, in Chromium: it appears in a live region with a
button, and the button gives a new full session without leaving the page."""

import re

from playwright.sync_api import expect

from e2e.conftest import login


def test_the_user_is_warned_and_can_stay_signed_in(page, demo, settings):
    settings.SESSION_COOKIE_AGE = 306  # the warning comes 300 s before: after ~6 s
    settings.SESSION_WARNING_SECONDS = 300
    login(page, "tovholder-roskilde")
    region = page.locator("#session-warning")
    expect(region).to_have_attribute("aria-live", "assertive")
    first_end = int(region.get_attribute("data-expires-at"))
    expect(region).to_contain_text("Du bliver snart logget ud", timeout=15000)
    expect(region).to_contain_text(re.compile(r"kl\. \d\d:\d\d"))
    button = region.get_by_role("button", name="Forbliv logget ind")
    button.focus()
    page.keyboard.press("Enter")  # by keyboard alone
    expect(region).to_contain_text("Du er stadig logget ind.")
    assert int(region.get_attribute("data-expires-at")) >= first_end
    assert page.console_errors == []


def test_the_password_field_is_masked_and_accepts_a_pasted_password(page, demo):
    """ASVS 6.2.6/6.2.7: type=password, and pasting (from a password manager) works."""
    from e2e.conftest import DEMO_PASSWORD

    page.goto(page.base_url + "/login/")
    field = page.get_by_label("Adgangskode")
    assert field.get_attribute("type") == "password"
    assert field.get_attribute("autocomplete") == "current-password"
    page.get_by_label("Brugernavn").fill("tovholder-roskilde")
    field.focus()
    # A real paste event carrying the password; nothing may cancel it.
    accepted = page.evaluate(
        """(password) => {
            const field = document.activeElement;
            const data = new DataTransfer();
            data.setData('text/plain', password);
            const event = new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true});
            const notCancelled = field.dispatchEvent(event);
            if (notCancelled) { field.value = password; }
            return notCancelled;
        }""",
        DEMO_PASSWORD,
    )
    assert accepted
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(page.base_url + "/")
