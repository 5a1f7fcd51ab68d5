"""A timeline milestone that follows the test schemas is done only when they are in:
never "Udført" beside schemas that are still missing."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from initiatives import selectors as initiative_selectors
from initiatives.models import TimelineItem, TimelineTracks
from initiatives.tests.factories import TimelineItemFactory
from projects.models import Role
from testing import services
from testing.models import OPEN_STATUSES, Submission

pytestmark = pytest.mark.django_db

DEMO_MILESTONE = "Udfyldning af testskemaer gøres færdig og sendes"


def row_of(html, item):
    row = html[html.index(f'id="item-{item.pk}"') :]
    return row[: row.index("</tr>")]


def missing_by(item):
    return Submission.objects.filter(
        run__project=item.project_id,
        status__in=OPEN_STATUSES,
        due_on__lte=item.due_by,
    ).count()


def test_the_demo_milestone_in_week_42_says_how_many_schemas_are_missing(client):
    call_command("load_demo", stdout=io.StringIO())
    item = TimelineItem.objects.get(title=DEMO_MILESTONE)
    missing = missing_by(item)
    # The demo's weekly schemas due by week 42 that are not in (not started, drafts,
    # sent back); the final evaluations are due a week later.
    assert missing == 11
    client.force_login(get_user_model().objects.get(username="konsulent"))
    html = client.get(
        reverse("initiatives:timelineitem_list", args=[item.project_id])
    ).content.decode()
    row = row_of(html, item)
    assert "Udført" not in row
    assert f"{missing} skemaer mangler" in row
    assert "Forsinket" in row  # week 42 of 2017 is long past

    # The coordinators' home page lists it as overdue, with the same count.
    client.force_login(get_user_model().objects.get(username="tovholder-glumsoe"))
    home = client.get(reverse("home")).content.decode()
    overdue = home[home.index(f'id="overdue-{item.project_id}"') :]
    assert DEMO_MILESTONE in overdue and f"{missing} skemaer mangler" in overdue


def test_a_schema_milestone_is_done_when_its_schemas_are_in(client_for, world):
    """The world's run starts in week 37 of 2017; the milestone ends with the
    week-37 schema's deadline in it: done only once that schema is sent."""
    first = world.run.submissions.order_by("week", "-kind").first()
    milestone = TimelineItemFactory(
        project=world.project,
        title="Skemaerne for uge 37 er sendt",
        responsible_role=Role.COORDINATOR,
        starts_week=first.week,
        ends_week=first.due_on - datetime.timedelta(days=first.due_on.weekday()),
        tracks=TimelineTracks.SCHEMAS,
        done=True,  # ticked by hand, too early
    )
    assert missing_by(milestone) == 1
    url = reverse("initiatives:timelineitem_list", args=[world.project.pk])
    row = row_of(client_for("consultant").get(url).content.decode(), milestone)
    assert "Udført" not in row and "1 skema mangler" in row
    (item,) = initiative_selectors.timeline_progress(
        project=world.project, items=[milestone]
    )
    assert (item.missing, item.is_done) == (1, False)

    services.submission_submit(
        submission=first,
        values={"antal": 2},
        user=world.users["coordinator_a"],
        expected_version=first.version,
    )
    row = row_of(client_for("consultant").get(url).content.decode(), milestone)
    assert "Udført" in row and "mangler" not in row


def test_an_item_that_follows_nothing_is_done_when_marked(client_for, world):
    url = reverse("initiatives:timelineitem_list", args=[world.project.pk])
    world.timeline_item.done = True
    world.timeline_item.save()
    html = client_for("consultant").get(url).content.decode()
    assert "Udført" in row_of(html, world.timeline_item)


def test_the_timeline_costs_the_same_queries_with_more_milestones(
    client_for, world, django_assert_max_num_queries
):
    url = reverse("initiatives:timelineitem_list", args=[world.project.pk])
    client = client_for("consultant")
    client.get(url)
    for _n in range(2):
        TimelineItemFactory(project=world.project, tracks=TimelineTracks.SCHEMAS)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _n in range(10):
        TimelineItemFactory(project=world.project, tracks=TimelineTracks.SCHEMAS)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
