"""The catalogue's method in figures: what the data says was done, so no text has to
restate a count by hand (the consultant's texts add to these, never repeat them).

Read once per catalogue, in a fixed number of queries.
"""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q
from django.utils import formats

from initiatives.models import Idea, Interview, InterviewLength
from projects.models import Project
from testing.models import (
    AdvisoryVisit,
    PhoneInterview,
    Submission,
    SubmissionStatus,
    TestRun,
)

SENT: list[str] = [SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED]


@dataclass(frozen=True)
class MethodFacts:
    """The figures of a project's method, from its data."""

    interviews: int
    long_interviews: int
    interview_sites: int
    interviews_from: datetime.date | None
    interviews_to: datetime.date | None
    sites: int
    municipalities: int
    ideas: int
    tested_initiatives: int
    test_from: datetime.date | None  # the Monday of the first test week
    test_to: datetime.date | None  # the Monday of the last test week
    schemas_due: int
    schemas_sent: int
    schemas_approved: int
    visits: int
    visit_sites: int
    phone_interviews: int

    @property
    def short_interviews(self) -> int:
        return self.interviews - self.long_interviews

    @property
    def interview_months(self) -> str:
        """When the interviews were held: "maj 2017", or "maj 2017–juni 2017"."""
        if self.interviews_from is None or self.interviews_to is None:
            return ""
        first, last = (
            formats.date_format(day, "YEAR_MONTH_FORMAT").lower()
            for day in (self.interviews_from, self.interviews_to)
        )
        if first == last:
            return first
        if self.interviews_from.year == self.interviews_to.year:
            month = formats.date_format(self.interviews_from, "F").lower()
            return f"{month}–{last}"  # "maj–juni 2017"
        return f"{first}–{last}"

    @property
    def test_weeks(self) -> int:
        """How many weeks the test ran, from its first to its last week (0: none)."""
        if self.test_from is None or self.test_to is None:
            return 0
        return (self.test_to - self.test_from).days // 7 + 1

    @property
    def test_week_numbers(self) -> tuple[int, int] | None:
        """(first, last) ISO week number of the test."""
        if self.test_from is None or self.test_to is None:
            return None
        return self.test_from.isocalendar()[1], self.test_to.isocalendar()[1]

    @property
    def test_year(self) -> int | None:
        return self.test_to.isocalendar()[0] if self.test_to else None


def method_facts(*, project: Project) -> MethodFacts:
    """The project's method in figures (seven queries)."""
    interviews = Interview.objects.filter(project=project).aggregate(
        total=Count("pk"),
        long=Count("pk", filter=Q(length=InterviewLength.LONG)),
        sites=Count("site", distinct=True),
        first=Min("held_on"),
        last=Max("held_on"),
    )
    sites = project.sites.aggregate(
        total=Count("pk", distinct=True),
        municipalities=Count("municipality", distinct=True),
    )
    runs = TestRun.objects.filter(project=project).aggregate(
        first=Min("starts_week"),
        last=Max("ends_week"),
        initiatives=Count("initiative", distinct=True),
    )
    schemas = Submission.objects.filter(run__project=project).aggregate(
        due=Count("pk"),
        sent=Count("pk", filter=Q(status__in=SENT)),
        approved=Count("pk", filter=Q(status=SubmissionStatus.APPROVED)),
    )
    visits = AdvisoryVisit.objects.filter(project=project).aggregate(
        total=Count("pk"), sites=Count("site", distinct=True)
    )
    return MethodFacts(
        interviews=interviews["total"],
        long_interviews=interviews["long"],
        interview_sites=interviews["sites"],
        interviews_from=interviews["first"],
        interviews_to=interviews["last"],
        sites=sites["total"],
        municipalities=sites["municipalities"],
        ideas=Idea.objects.filter(project=project).count(),
        tested_initiatives=runs["initiatives"],
        test_from=runs["first"],
        test_to=runs["last"],
        schemas_due=schemas["due"],
        schemas_sent=schemas["sent"],
        schemas_approved=schemas["approved"],
        visits=visits["total"],
        visit_sites=visits["sites"],
        phone_interviews=PhoneInterview.objects.filter(project=project).count(),
    )


# A number followed by what the facts count: a text that says "45 interviews" or
# "seks uger" restates a figure the catalogue prints from the data.
NUMBER_WORDS = (
    r"to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tyve|tredive|fyrre|halvtreds"
)
COUNTED_NOUNS = (
    r"interviews?|borgere|uger?|testuger|skemaer|testskemaer|besøg|"
    r"rådgivningsbesøg|telefoninterviews?|idéer|ideer|steder|kommuner|tiltag"
)
RESTATED = re.compile(
    rf"\b(?:\d+|{NUMBER_WORDS})\s+(?:\w+\s+)?(?:{COUNTED_NOUNS})\b", re.IGNORECASE
)


def restated_counts(text: str) -> list[str]:
    """The phrases of a text that restate a count the catalogue computes (e.g. "45
    interviews", "seks uger"), for the consultant to take out."""
    return [match.group(0) for match in RESTATED.finditer(text or "")]
