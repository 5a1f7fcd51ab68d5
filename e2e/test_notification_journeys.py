"""The notifications' pages in Chromium: axe on the list (with unread items) and the
choices, wide and at 320 px; opening a notification from the list reads it."""

import tempfile
from pathlib import Path

from django.urls import reverse

from e2e.conftest import axe_violations
from e2e.test_accessibility_sweep import NARROW, WIDE, signed_in
from notifications.models import NotificationKind
from notifications.services import notify

# Screenshots to look at, in the system's temporary folder.
SCREENSHOTS = str(Path(tempfile.gettempdir()) / "synergi-notifications-{name}-320.png")


def test_the_notification_pages_pass_axe_and_reflow(transactional_db, world, new_page):
    coordinator = world.users["coordinator_a"]
    notify(
        kind=NotificationKind.SCHEMA_RETURNED,
        recipients=[coordinator],
        project=world.project,
        target=world.submitted,
        actor=world.users["consultant"],
        summary="Tallet for uge 2 mangler.\nAntal henvisninger: pr. dag eller uge?",
    )
    _client, page = signed_in(new_page, coordinator)
    problems = []
    for name in ("notification_list", "notification_preferences"):
        url = page.base_url + reverse(f"notifications:{name}")
        for size in (WIDE, NARROW):
            page.set_viewport_size(size)
            assert page.goto(url).status == 200
            problems += [f"{name} {size['width']}: {v}" for v in axe_violations(page)]
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > NARROW["width"]:
            problems.append(f"{name}: {width} px wide at 320 px")
        page.screenshot(path=SCREENSHOTS.format(name=name), full_page=True)
    assert problems == []

    # The bell names the count; opening the notification leads to the schema.
    page.set_viewport_size(WIDE)
    page.goto(page.base_url + reverse("notifications:notification_list"))
    bell = page.get_by_role("link", name="Notifikationer, 1 ulæst")
    assert bell.count() == 1
    page.get_by_role("button", name=str(world.submitted)).click()
    page.wait_for_url(f"**{world.submitted.get_absolute_url()}")
    assert page.get_by_role("link", name="Notifikationer, ingen ulæste").count() == 1
