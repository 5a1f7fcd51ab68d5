"""The second factor in Chromium: a consultant who must have one signs in, sets up the
app from the QR page (the code computed here from the secret shown in text), is shown
the recovery codes once, signs out, and signs in again with a code. The new pages pass
axe at 1280 and 320 px without sideways scrolling, and the CSP blocks nothing (the
QR code is inline SVG)."""

from base64 import b32decode

from django_otp.oath import totp
from playwright.sync_api import expect

from e2e.conftest import DEMO_PASSWORD, axe_violations
from projects.models import Role
from projects.tests.factories import MembershipFactory, UserFactory

NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1280, "height": 900}


def code_for(secret_text, drift=0):
    key = "".join(secret_text.split()).upper()
    key += "=" * (-len(key) % 8)
    return f"{totp(b32decode(key), drift=drift):06d}"


def checked(page, shots, name):
    """axe at both widths, nothing wider than 320 px; a screenshot at 320 px."""
    problems = [f"{name}: {v}" for v in axe_violations(page)]
    page.set_viewport_size(NARROW)
    page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    )
    width = page.evaluate("document.scrollingElement.scrollWidth")
    if width > NARROW["width"]:
        problems.append(f"{name}: {width} px wide at 320 px")
    problems += [f"{name} (320 px): {v}" for v in axe_violations(page)]
    page.screenshot(path=shots / f"{name}-320.png", full_page=True)
    page.set_viewport_size(WIDE)
    return problems


def sign_in(page, username):
    page.goto(page.base_url + "/login/?next=/projects/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()


def test_a_consultant_sets_up_the_app_and_signs_in_with_a_code(
    page, settings, tmp_path
):
    settings.TWO_FACTOR_REQUIRED_FOR = ["consultant"]
    user = UserFactory(username="konsulent-2fa", password=DEMO_PASSWORD)
    MembershipFactory(user=user, role=Role.CONSULTANT)
    problems = []

    sign_in(page, "konsulent-2fa")
    page.wait_for_url("**/konto/to-trin/opsaet/?next=%2Fprojects%2F")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sæt to-trinsbekræftelse op"
    )
    qr = page.get_by_role("img", name="QR-kode med nøglen til din autentificeringsapp")
    box = qr.bounding_box()
    assert box and box["width"] >= 150 and box["height"] >= 150
    problems += checked(page, tmp_path, "enrol")
    secret = page.locator("#secret").inner_text()

    page.get_by_label("Kode fra din app").fill(code_for(secret))
    page.get_by_role("button", name="Bekræft og slå til").click()
    page.wait_for_url("**/konto/to-trin/gendannelseskoder/**")
    expect(page.get_by_role("heading", name="Gem dem nu")).to_be_visible()
    codes = page.get_by_role("list", name="Dine nye gendannelseskoder")
    expect(codes.get_by_role("listitem")).to_have_count(10)
    problems += checked(page, tmp_path, "recovery-codes")
    page.get_by_role("link", name="Jeg har gemt dem – fortsæt").click()
    page.wait_for_url(page.base_url + "/projects/")

    page.locator(".dropdown-toggle").last.click()
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url("**/login/")

    sign_in(page, "konsulent-2fa")
    page.wait_for_url("**/konto/to-trin/kode/?next=%2Fprojects%2F")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kode fra din app")
    problems += checked(page, tmp_path, "verify")
    # The code of the next time step: the one that set up the app is used.
    page.get_by_label("Kode fra din app").fill(code_for(secret, drift=1))
    page.get_by_role("button", name="Fortsæt").click()
    page.wait_for_url(page.base_url + "/projects/")

    page.goto(page.base_url + "/konto/to-trin/")
    expect(page.get_by_text("To-trinsbekræftelse er slået til.")).to_be_visible()
    problems += checked(page, tmp_path, "overview")
    assert problems == []
    assert page.console_errors == []


def test_a_coordinator_may_turn_it_on_and_off_again(page, settings, tmp_path):
    """Optional for a coordinator: set up from the overview, turned off with a code
    (the turn-off page checked by axe at both widths)."""
    settings.TWO_FACTOR_REQUIRED_FOR = ["consultant"]
    user = UserFactory(username="tovholder-2fa", password=DEMO_PASSWORD)
    MembershipFactory(user=user, role=Role.STEERING)
    problems = []
    sign_in(page, "tovholder-2fa")
    page.wait_for_url(page.base_url + "/projects/")
    page.goto(page.base_url + "/konto/to-trin/")
    expect(page.get_by_text("To-trinsbekræftelse er ikke slået til.")).to_be_visible()
    page.get_by_role("link", name="Sæt to-trinsbekræftelse op").click()
    secret = page.locator("#secret").inner_text()
    page.get_by_label("Kode fra din app").fill(code_for(secret))
    page.get_by_role("button", name="Bekræft og slå til").click()
    page.get_by_role("link", name="Jeg har gemt dem – fortsæt").click()
    page.goto(page.base_url + "/konto/to-trin/")
    page.get_by_role("link", name="Slå to-trinsbekræftelse fra").click()
    problems += checked(page, tmp_path, "disable")
    # A wrong code first: refused, still on.
    page.get_by_label("Kode fra din app").fill("000000")
    page.get_by_role("button", name="Slå to-trinsbekræftelse fra").click()
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    page.wait_for_timeout(1500)  # one wrong code: the next try waits a second
    page.get_by_label("Kode fra din app").fill(code_for(secret, drift=1))
    page.get_by_role("button", name="Slå to-trinsbekræftelse fra").click()
    expect(page.get_by_text("To-trinsbekræftelse er slået fra.")).to_be_visible()
    assert problems == []
    assert page.console_errors == []
