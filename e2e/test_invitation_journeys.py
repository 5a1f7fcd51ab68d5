"""People in, the right way, in Chromium: the consultant sets up a new project and its
people entirely in the app (a coordinator and a steering group member invited by
e-mail), the coordinator takes the mailed link and is in; a stale tab's second
acceptance and a revoked link are told so; a returned schema's comment is answered
and resolved. axe checks every new page at 1280 and 320 px."""

import re

from playwright.sync_api import expect

from e2e.conftest import axe_violations, login
from projects.models import Invitation, Membership, Project, Role

LINK = re.compile(r"https?://[^/\s]+(/projects/invitation/[^\s]+/)")
PASSWORD = "en-lang-og-god-adgangskode-2017"


def _invite(page, email, role_label, site=None):
    page.get_by_role("link", name="Tilføj deltager").click()
    page.get_by_label("… eller personens e-mailadresse").fill(email)
    page.get_by_label("Rolle").select_option(label=role_label)
    if site:
        page.get_by_label("Sted").select_option(label=site)
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text(f"Invitationen er sendt til {email}.")).to_be_visible()


def test_a_new_project_gets_its_people_by_invitation(new_page, demo, mailoutbox):
    consultant = new_page()
    login(consultant, "konsulent")
    consultant.goto(consultant.base_url + "/projects/add/")
    consultant.get_by_label("Navn").fill("Synergi 2018")
    consultant.get_by_label("Styrende spørgsmål").fill(
        "Hvordan bliver biblioteket borgernes indgang?"
    )
    consultant.locator("#id_starts_on").fill("2018-01-08")
    consultant.locator("#id_ends_on").fill("2018-06-29")
    consultant.get_by_label("Roskilde Bibliotek (med Borgerservice)").check()
    consultant.get_by_role("button", name="Gem").click()
    expect(consultant.get_by_role("heading", level=1)).to_have_text("Synergi 2018")
    project = Project.objects.get(name="Synergi 2018")

    _invite(
        consultant,
        "ny.tovholder@roskilde.dk",
        "Tovholder",
        "Roskilde Bibliotek (med Borgerservice)",
    )
    _invite(consultant, "styregruppe@roskilde.dk", "Styregruppe")
    pending = consultant.get_by_role("list", name="Inviteret, venter på svar")
    expect(pending).to_contain_text("ny.tovholder@roskilde.dk")
    expect(pending).to_contain_text("styregruppe@roskilde.dk")
    assert axe_violations(consultant) == []

    mails = {m.to[0]: m for m in mailoutbox}
    link = LINK.search(mails["ny.tovholder@roskilde.dk"].body).group(1)
    steering_link = LINK.search(mails["styregruppe@roskilde.dk"].body).group(1)

    # The coordinator opens the mailed link on a phone-sized screen.
    coordinator = new_page(width=320)
    coordinator.goto(coordinator.base_url + link)
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(
        "Tag imod invitationen"
    )
    assert axe_violations(coordinator) == []
    assert coordinator.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth"
    )
    # A second tab of the same link, left open.
    stale = coordinator.context.new_page()
    stale.goto(coordinator.base_url + link)

    coordinator.get_by_label("Fornavn").fill("Nina")
    coordinator.get_by_label("Efternavn").fill("Nygaard")
    coordinator.locator("#id_password1").fill("kort")
    coordinator.locator("#id_password2").fill("kort")
    coordinator.get_by_role("button", name="Opret konto og tag imod").click()
    # Too short: told beside the field, the names kept.
    expect(coordinator.get_by_label("Fornavn")).to_have_value("Nina")
    assert not Membership.objects.filter(
        project=project, role=Role.COORDINATOR
    ).exists()
    coordinator.locator("#id_password1").fill(PASSWORD)
    coordinator.locator("#id_password2").fill(PASSWORD)
    coordinator.get_by_role("button", name="Opret konto og tag imod").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Synergi 2018")
    expect(coordinator.get_by_text("Velkommen til Synergi.")).to_be_visible()
    membership = Membership.objects.get(project=project, role=Role.COORDINATOR)
    assert membership.user.email == "ny.tovholder@roskilde.dk"
    assert membership.site.name.startswith("Roskilde Bibliotek")

    # The stale tab's form: the link is used; nothing more is made.
    stale.get_by_label("Fornavn").fill("Anden")
    stale.locator("#id_password1").fill(PASSWORD)
    stale.locator("#id_password2").fill(PASSWORD)
    stale.get_by_role("button", name="Opret konto og tag imod").click()
    # Signing in in the other tab made this tab's form stale: said in words.
    expect(stale.get_by_role("heading", level=1)).to_have_text("Siden var forældet")
    stale.goto(stale.url)
    expect(stale.get_by_text("Invitationen er allerede brugt.")).to_be_visible()
    assert (
        Membership.objects.filter(project=project, role=Role.COORDINATOR).count() == 1
    )

    # The consultant revokes the steering group's invitation; its link says so.
    consultant.reload()
    consultant.get_by_role(
        "button", name="Træk tilbage styregruppe@roskilde.dk"
    ).click()
    expect(
        consultant.get_by_text("Invitationen til styregruppe@roskilde.dk er trukket")
    ).to_be_visible()
    reader = new_page()
    reader.goto(reader.base_url + steering_link)
    expect(reader.get_by_text("Invitationen er trukket tilbage.")).to_be_visible()
    assert axe_violations(reader) == []
    assert Invitation.objects.get(email="styregruppe@roskilde.dk").revoked_at
    # (The reader's page answered 410, which Chromium logs; nothing else may.)
    for page in (consultant, coordinator):
        assert page.console_errors == []


def test_a_coordinator_answers_a_comment_and_the_consultant_resolves_it(new_page, demo):
    from testing.models import AnswerComment, AnswerCommentReply

    comment = AnswerComment.objects.select_related("submission__run").first()
    coordinator_user = comment.submission.run.coordinators.first()
    url = f"/submissions/{comment.submission_id}/"

    coordinator = new_page(width=320)
    login(coordinator, coordinator_user.username)
    coordinator.goto(coordinator.base_url + url)
    thread = coordinator.locator(f"#comment-{comment.pk}")
    expect(thread).to_contain_text("Beskriv gerne en konkret situation fra ugen.")
    thread.get_by_label("Dit svar").fill(
        "Tallet er højt, fordi en skoleklasse var på besøg tirsdag."
    )
    thread.get_by_role("button", name="Send svar").click()
    expect(coordinator.get_by_text("Dit svar er sendt.")).to_be_visible()
    expect(coordinator.locator(f"#comment-{comment.pk}")).to_contain_text(
        "en skoleklasse var på besøg"
    )
    assert axe_violations(coordinator) == []
    assert coordinator.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth"
    )

    # The coordinator starts a second reply in the open tab …
    coordinator.locator(f"#comment-{comment.pk}").get_by_label("Dit svar").fill(
        "Og onsdag kom der også mange."
    )

    consultant = new_page()
    login(consultant, "konsulent")
    consultant.goto(consultant.base_url + url)
    # The reply reached the consultant: the bell counts it, the list has it.
    consultant.get_by_role(
        "link", name=re.compile(r"^Notifikationer, \d+ ulæst")
    ).click()
    expect(consultant.locator("main")).to_contain_text("Nyt svar i en kommentartråd")
    expect(consultant.locator("main")).to_contain_text("en skoleklasse var på besøg")
    consultant.goto(consultant.base_url + url)
    thread = consultant.locator(f"#comment-{comment.pk}")
    expect(thread).to_contain_text("en skoleklasse var på besøg")
    thread.get_by_role("button", name="Marker som løst").click()
    expect(consultant.get_by_text("Kommentaren er markeret som løst.")).to_be_visible()
    expect(consultant.locator("body")).to_contain_text("Kommentar løst")
    assert axe_violations(consultant) == []

    # … and sends it after the thread was resolved: refused, the words kept.
    coordinator.locator(f"#comment-{comment.pk}").get_by_role(
        "button", name="Send svar"
    ).click()
    expect(
        coordinator.get_by_text("Dit svar er ikke sendt; det står stadig i feltet.")
    ).to_be_visible()
    expect(
        coordinator.get_by_label("Dit svar, som ikke blev sendt", exact=False)
    ).to_have_value("Og onsdag kom der også mange.")
    assert AnswerCommentReply.objects.filter(comment=comment).count() == 1
    assert consultant.console_errors == []


def test_a_coordinator_removed_while_typing_is_told_the_schema_is_no_longer_theirs(
    new_page, demo
):
    """Removing someone ends their access at once: the open schema's next autosave is
    refused (404), and the page says why, with the words still in the field."""
    from testing.models import Submission, SubmissionStatus

    submission = (
        Submission.objects.filter(
            run__site__name__startswith="Glumsø", status=SubmissionStatus.NOT_STARTED
        ).first()
        or Submission.objects.filter(
            run__site__name__startswith="Glumsø", status=SubmissionStatus.DRAFT
        ).first()
    )
    page = new_page()
    login(page, "tovholder-glumsoe")
    page.goto(page.base_url + f"/submissions/{submission.pk}/fill/")
    field = page.locator("#submission-form textarea").first
    Membership.objects.filter(
        user__username="tovholder-glumsoe", project=submission.run.project
    ).delete()
    field.fill("Skrevet efter, at jeg blev fjernet")
    expect(page.get_by_role("alert")).to_contain_text(
        "du har ikke længere adgang til dette skema"
    )
    expect(field).to_have_value("Skrevet efter, at jeg blev fjernet")
