"""The consultant's review from a page that is out of date loses nothing (issue 12.1)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Role
from projects.tests.factories import MembershipFactory, UserFactory
from testing import services
from testing.models import AnswerComment, SubmissionAction, SubmissionStatus


def review_url(submission):
    return reverse("testing:submission_review", args=[submission.pk])


class ReviewPage:
    def __init__(self, user, submission):
        self.client = Client()
        self.client.force_login(user)
        self.submission = submission
        html = self.client.get(review_url(submission)).content.decode()
        self.hidden = dict(re.findall(r'name="(base-a_[\w-]+)" value="(\w+)"', html))
        self.hidden["version"] = re.search(r'name="version" value="(\d+)"', html)[1]
        self.comment_field = re.search(r'name="(comment_\d+)"', html)[1]

    def press(self, action, comment="", answer_comment=""):
        return self.client.post(
            review_url(self.submission),
            {
                **self.hidden,
                "action": action,
                "comment": comment,
                self.comment_field: answer_comment,
            },
        )


@pytest.fixture
def second_consultant(world):
    user = UserFactory(username="konsulent-2", first_name="Karin")
    MembershipFactory(user=user, project=world.project, role=Role.CONSULTANT)
    return user


def test_a_second_consultant_adds_comments_to_a_return_made_meanwhile(
    world, second_consultant
):
    a = ReviewPage(world.users["consultant"], world.submitted)
    b = ReviewPage(second_consultant, world.submitted)
    assert a.press("return", "Tjek tallet.", "Hele ugen?").status_code == 302

    response = b.press("return", "Mangler fotos.", "Er det rigtigt?")
    assert response.status_code == 409
    html = response.content.decode()
    assert "har sendt skemaet tilbage" in html
    assert "Tjek tallet." in html  # the other review, beside this one
    assert "Mangler fotos.</textarea>" in html and "Er det rigtigt?</textarea>" in html
    assert "Føj mine kommentarer til tilbagesendelsen" in html

    b.hidden["version"] = re.search(r'name="version" value="(\d+)"', html)[1]
    assert (
        b.press("add_comments", "Mangler fotos.", "Er det rigtigt?").status_code == 302
    )
    world.submitted.refresh_from_db()
    assert world.submitted.status == SubmissionStatus.RETURNED
    assert "Tjek tallet." in world.submitted.return_comment
    assert "Mangler fotos." in world.submitted.return_comment
    assert set(
        AnswerComment.objects.filter(submission=world.submitted).values_list(
            "text", flat=True
        )
    ) == {"Hele ugen?", "Er det rigtigt?"}
    assert world.submitted.events.filter(action=SubmissionAction.COMMENTED).count() == 1


def test_a_review_of_an_approved_schema_keeps_the_comments_on_the_page(
    world, second_consultant
):
    a = ReviewPage(world.users["consultant"], world.submitted)
    b = ReviewPage(second_consultant, world.submitted)
    assert a.press("approve").status_code == 302
    response = b.press("return", "Min lange kommentar.")
    assert response.status_code == 409
    html = response.content.decode()
    assert "har godkendt skemaet" in html
    assert "Min lange kommentar.</textarea>" in html
    assert "Føj mine kommentarer" not in html
    world.submitted.refresh_from_db()
    assert world.submitted.status == SubmissionStatus.APPROVED


def test_a_review_of_answers_changed_since_is_shown_again_first(world):
    consultant = world.users["consultant"]
    page = ReviewPage(consultant, world.submitted)
    # Meanwhile: returned (by someone), changed and sent again by the coordinator.
    returned = services.submission_return(
        submission=world.submitted,
        user=consultant,
        comment="Ret tallet.",
        answer_comments={},
        expected_version=world.submitted.version,
    )
    coordinator = world.users["coordinator_a"]
    services.submission_submit(
        submission=returned,
        values={"antal": 9},
        user=coordinator,
        expected_version=returned.version,
    )
    response = page.press("approve", answer_comment="Flot.")
    assert response.status_code == 409
    html = response.content.decode()
    assert "Tovholderen har ændret disse svar" in html
    assert "Ændret, siden du åbnede siden" in html
    assert "Flot.</textarea>" in html
    world.submitted.refresh_from_db()
    assert world.submitted.status == SubmissionStatus.SUBMITTED
    # The page is now up to date: the next press counts.
    page.hidden = dict(re.findall(r'name="(base-a_[\w-]+)" value="(\w+)"', html))
    page.hidden["version"] = re.search(r'name="version" value="(\d+)"', html)[1]
    assert page.press("approve").status_code == 302
    world.submitted.refresh_from_db()
    assert world.submitted.status == SubmissionStatus.APPROVED
