"""Reminders to coordinators about schemas that are due or overdue.

Safe to run every day: a schema is mentioned to a coordinator at most once per ISO
week (ReminderLog has a unique row per schema, recipient and week).
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import OPEN_STATUSES, ReminderLog, Submission


def due_submissions(*, today):
    """Open schemas whose week has begun (due now or overdue), with their coordinators."""
    monday = today - datetime.timedelta(days=today.weekday())
    return (
        Submission.objects.filter(status__in=OPEN_STATUSES, week__lte=monday)
        .select_related("run__initiative", "run__site")
        .prefetch_related("run__coordinators")
        .order_by("due_on", "pk")
    )


def send_reminders(*, today, base_url=""):
    """Send each coordinator one e-mail listing what they owe and have not been told
    about this week. Returns the number of e-mails sent."""
    iso = today.isocalendar()
    already = set(
        ReminderLog.objects.filter(iso_year=iso.year, iso_week=iso.week).values_list(
            "submission_id", "recipient_id"
        )
    )
    owed = defaultdict(list)
    for submission in due_submissions(today=today):
        for user in submission.run.coordinators.all():
            if user.email and (submission.pk, user.pk) not in already:
                owed[user].append(submission)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user, submissions in owed.items():
            with transaction.atomic():
                try:
                    ReminderLog.objects.bulk_create(
                        ReminderLog(
                            submission=s,
                            recipient=user,
                            iso_year=iso.year,
                            iso_week=iso.week,
                        )
                        for s in submissions
                    )
                except IntegrityError:
                    continue  # another run of the job got there first
                body = render_to_string(
                    "testing/email/reminder.txt",
                    {
                        "user": user,
                        "submissions": submissions,
                        "today": today,
                        "url": base_url + reverse("testing:my_submissions"),
                    },
                )
                send_mail(
                    subject=translation.gettext(
                        "Synergi: testskemaer der venter på dig"
                    ),
                    message=body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[user.email],
                )
                sent += 1
    return sent
