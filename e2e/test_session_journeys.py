"""The warning before a session ends, in Chromium: it appears in a live region with a
button, and the button gives the session more time and a new key without leaving the
page; at the absolute limit it says when to sign in again, with no button; and the page
asks the server before it warns (another tab may have kept the session going, or it may
have ended already)."""

import re

from django.conf import settings as django_settings
from playwright.sync_api import expect

from e2e.conftest import login


def session_cookie(page):
    (cookie,) = [
        c
        for c in page.context.cookies()
        if c["name"] == django_settings.SESSION_COOKIE_NAME
    ]
    return cookie


def test_the_user_is_warned_and_can_stay_signed_in(page, demo, settings):
    settings.SESSION_IDLE_SECONDS = 306  # the warning comes 300 s before: after ~6 s
    settings.SESSION_WARNING_SECONDS = 300
    login(page, "tovholder-roskilde")
    first_key = session_cookie(page)["value"]
    assert session_cookie(page)["expires"] == -1  # ends with the browser
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
    assert session_cookie(page)["value"] != first_key  # a new session key
    assert session_cookie(page)["expires"] == -1
    page.reload()  # still signed in with it
    assert page.url == page.base_url + "/"
    assert page.console_errors == []


def test_at_the_absolute_limit_the_warning_has_no_button(page, demo, settings):
    settings.SESSION_ABSOLUTE_SECONDS = 306
    settings.SESSION_WARNING_SECONDS = 300
    login(page, "tovholder-roskilde")
    region = page.locator("#session-warning")
    expect(region).to_have_attribute("data-final", "true")
    expect(region).to_contain_text(
        "fordi det er længe siden, du loggede ind", timeout=15000
    )
    expect(region.get_by_role("button")).to_have_count(0)
    assert page.console_errors == []


def test_the_page_asks_the_server_before_it_warns(page, demo, settings):
    settings.SESSION_IDLE_SECONDS = 306
    settings.SESSION_WARNING_SECONDS = 300
    login(page, "tovholder-roskilde")
    region = page.locator("#session-warning")
    first_end = int(region.get_attribute("data-expires-at"))
    # Meanwhile the session got much longer (as when another tab is in use): the page
    # learns the new end instead of warning.
    settings.SESSION_IDLE_SECONDS = 3600
    page.wait_for_function(
        "end => parseInt(document.getElementById('session-warning')"
        ".dataset.expiresAt, 10) > end",
        arg=first_end + 3000,
        timeout=15000,
    )
    expect(region).not_to_contain_text("Du bliver snart logget ud")
    assert page.console_errors == []


def test_a_session_that_has_ended_is_told_as_ended(page, demo, settings):
    from django.contrib.sessions.models import Session

    settings.SESSION_IDLE_SECONDS = 306
    settings.SESSION_WARNING_SECONDS = 300
    login(page, "tovholder-roskilde")
    Session.objects.all().delete()  # ended on the server (e.g. signed out elsewhere)
    region = page.locator("#session-warning")
    expect(region).to_contain_text("Du er logget ud", timeout=15000)
    expect(region.get_by_role("button")).to_have_count(0)


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
