"""How many of a site's due schemas were sent by their deadline."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboards import selectors
from dashboards.selectors.progress import deadline_end
from initiatives.tests.factories import InitiativeFactory
from projects.models import Role
from projects.tests.factories import MembershipFactory, UserFactory
from sites.tests.factories import SiteFactory
from testing import services
from testing.models import QuestionKind, SubmissionAction, SubmissionEvent
from testing.tests.factories import QuestionFactory, SectionFactory, TestRunFactory

from .conftest import submit

pytestmark = pytest.mark.django_db

# Weeks 37–41 of 2017; the schemas are due on the Sundays 17/9, 24/9, 1/10, 8/10, 15/10.
TODAY = datetime.date(2017, 10, 9)  # weeks 37–40 are due, week 41 is not


def sent_at(submission, moment):
    """Move the schema's "submitted" events to `moment` (as if sent then)."""
    SubmissionEvent.objects.filter(
        submission=submission, action=SubmissionAction.SUBMITTED
    ).update(at=moment)


def local(day, hour, minute=0):
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute))
    )


@pytest.fixture
def deadlines():
    """Ringsted, weeks 37–41:
    37 sent on its due day at 23:59 (on time), 38 sent a minute after midnight
    (late), 39 never sent (late), 40 first sent on time, sent back and sent again
    late (on time: the first sending counts), 41 sent early but not due yet."""
    initiative = InitiativeFactory(name="Frister")
    site = SiteFactory(name="Ringsted")
    run = TestRunFactory(
        initiative=initiative,
        project=initiative.project,
        site=site,
        starts_week=datetime.date(2017, 9, 11),
        ends_week=datetime.date(2017, 10, 9),
        cadence="weekly",
    )
    services.run_sync_submissions(run=run)
    QuestionFactory(
        section=SectionFactory(version__template=run.template),
        key="antal",
        kind=QuestionKind.INTEGER,
    )
    user = UserFactory()
    w37, w38, _w39, w40, w41 = run.submissions.order_by("week")
    assert w37.due_on == datetime.date(2017, 9, 17)
    submit(w37, {"antal": 1}, user)
    sent_at(w37, local(w37.due_on, 23, 59))
    submit(w38, {"antal": 1}, user)
    sent_at(w38, local(w38.due_on + datetime.timedelta(days=1), 0, 1))
    w40 = submit(w40, {"antal": 1}, user)
    sent_at(w40, local(w40.due_on, 12))
    w40 = services.submission_return(
        submission=w40,
        user=user,
        comment="Ret tallet",
        answer_comments={},
        expected_version=w40.version,
    )
    submit(w40, {"antal": 2}, user)  # sent again now (2017 is long past): late
    submit(w41, {"antal": 1}, user)
    sent_at(w41, local(w41.due_on - datetime.timedelta(days=3), 9))
    return initiative, site


def test_deadline_is_the_end_of_the_due_day_in_local_time():
    end = deadline_end(datetime.date(2017, 9, 17))
    assert end == local(datetime.date(2017, 9, 18), 0)
    assert str(end.tzinfo) == "Europe/Copenhagen"


def test_on_time_counts_due_schemas_sent_by_their_deadline(
    deadlines, django_assert_num_queries
):
    initiative, site = deadlines
    with django_assert_num_queries(1):
        rates = selectors.on_time_rates(
            initiative_ids=[initiative.pk], site_ids=None, today=TODAY
        )
    on_time = rates[initiative.pk, site.pk]
    # 37 and 40 on time; 38 late, 39 never sent; 41 not due yet.
    assert (on_time.on_time, on_time.due, on_time.percent) == (2, 4, 50)
    assert str(on_time) == "Til tiden: 2 af 4 (50 %)"
    # The progress matrix says the same (no query more).
    progress = selectors.matrix(initiatives=[initiative], site_ids=None, today=TODAY)
    assert progress[initiative.pk][0].on_time == on_time


def test_nothing_due_yet_and_due_today(deadlines):
    initiative, site = deadlines
    before = selectors.on_time_rates(
        initiative_ids=[initiative.pk],
        site_ids=None,
        today=datetime.date(2017, 9, 17),  # week 37's due day: sent, so counted
    )[initiative.pk, site.pk]
    assert (before.on_time, before.due) == (1, 1)
    # Week 38's due day: not sent by then, but not late before the day is over.
    due_today = selectors.on_time_rates(
        initiative_ids=[initiative.pk],
        site_ids=None,
        today=datetime.date(2017, 9, 24),
    )[initiative.pk, site.pk]
    assert (due_today.on_time, due_today.due) == (1, 1)
    first = selectors.on_time_rates(
        initiative_ids=[initiative.pk],
        site_ids=None,
        today=datetime.date(2017, 9, 12),
    )[initiative.pk, site.pk]
    assert first.due == 0 and first.percent is None
    assert str(first) == "Til tiden: ingen frist endnu"
    # A site the user does not see is not counted.
    assert (
        selectors.on_time_rates(
            initiative_ids=[initiative.pk], site_ids={0}, today=TODAY
        )
        == {}
    )


def test_on_time_is_shown_beside_the_progress(client, deadlines):
    initiative, site = deadlines
    project = initiative.project
    project.sites.add(site)
    client.force_login(MembershipFactory(project=project, role=Role.STEERING).user)
    # Today (long after 2017) all five are due: 37, 40 and 41 were sent on time.
    dashboard = client.get(reverse("reporting:dashboard", args=[project.pk]))
    assert "3 af 5 (60 %)" in dashboard.content.decode()
    results = client.get(reverse("reporting:initiative_results", args=[initiative.pk]))
    assert "3 af 5 (60 %)" in results.content.decode()
    overview = client.get(
        reverse("reporting:site_overview", args=[project.pk, site.pk])
    )
    assert "Til tiden: 3 af 5 (60 %)" in overview.content.decode()
