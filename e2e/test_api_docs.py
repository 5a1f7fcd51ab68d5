"""The read API's browsable docs (Swagger UI, served by the app) under the app's
Content-Security-Policy: rendered, no CSP violation, no WCAG 2.1 A/AA violation,
usable at 320 px."""

from e2e.conftest import axe_violations
from e2e.test_accessibility_sweep import signed_in


def _open_docs(page):
    violations = []
    page.on(
        "console",
        lambda msg: (
            "Content Security Policy" in msg.text and violations.append(msg.text)
        ),
    )
    response = page.goto(page.base_url + "/api/v1/docs/")
    assert response.status == 200
    assert "Content-Security-Policy" in response.headers or (
        "content-security-policy" in response.headers
    )
    page.locator(".opblock").first.wait_for()
    return violations


def test_the_docs_render_under_the_csp_without_wcag_violations(
    transactional_db, world, new_page
):
    _client, page = signed_in(new_page, world.users["steering"])
    violations = _open_docs(page)
    assert page.locator(
        ".opblock-summary-path", has_text="/api/v1/submissions/"
    ).count()
    assert violations == []
    assert page.console_errors == []
    assert axe_violations(page) == []
    # Opened by keyboard: the list of schemas with its filters and the answer shape.
    control = page.locator(
        ".opblock-summary-control", has_text="/api/v1/submissions/"
    ).first
    control.focus()
    page.keyboard.press("Enter")
    page.locator(".parameters-container").first.wait_for()
    assert page.locator(".parameter__name", has_text="updated_since").count()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})
    page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    )
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
    assert axe_violations(page) == []
    # The breaker's find: axe's landmark rules (best practice) too; one main.
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options={"resultTypes": ["violations"]}).response
    landmarks = [v["id"] for v in found["violations"] if v["id"].startswith("landmark")]
    assert landmarks == []
    assert page.locator("main").count() == 1
    # A way back into the app.
    page.get_by_role("link", name="Tilbage til Synergi").click()
    page.wait_for_url(page.base_url + "/")


def test_the_docs_need_a_sign_in(transactional_db, world, page):
    page.goto(page.base_url + "/api/v1/docs/")
    assert "/login/" in page.url
