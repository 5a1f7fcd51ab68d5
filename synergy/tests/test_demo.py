"""The demo data: the study's facts, loaded once however often the command runs."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Max
from django.test import override_settings
from django.utils.html import escape

from projects.models import Membership, Project, Role
from sites.models import (
    HoursKind,
    Municipality,
    OpeningHours,
    ServiceOffering,
    ServicePoint,
    Site,
)
from sites.selectors import week_table

pytestmark = pytest.mark.django_db


def snapshot():
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sites", "synergy", "initiatives", "auth"}:
            queryset = model._default_manager.all()
            names = {f.name for f in model._meta.concrete_fields}
            latest = (
                queryset.aggregate(m=Max("updated_at"))["m"]
                if "updated_at" in names
                else None
            )
            passwords = (
                sorted(queryset.values_list("password", flat=True))
                if "password" in names
                else None
            )
            state[model._meta.label] = (queryset.count(), latest, passwords)
    return state


def load():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_running_the_demo_twice_changes_nothing():
    load()
    first = snapshot()
    load()
    assert snapshot() == first


def test_demo_holds_the_four_sites_of_the_study():
    load()
    assert set(Municipality.objects.values_list("name", flat=True)) == {
        "Roskilde Kommune",
        "Næstved Kommune",
        "Ringsted Kommune",
    }
    assert set(Site.objects.values_list("name", flat=True)) == {
        "Roskilde Bibliotek (med Borgerservice)",
        "Ringsted Bibliotek og Borgerservice",
        "Næstved Bibliotek og Borgerservice",
        "Glumsø Bibliotek (med Borgerservice)",
    }
    assert {p.name for p in ServicePoint.objects.all()} >= {
        "Rådhuset",
        "Viby Bibliotek",
        "Jyllinge Bibliotek",
        "Fensmark Bibliotek",
        "Fuglebjerg Bibliotek",
    }
    roskilde = Site.objects.get(name__startswith="Roskilde")
    # The deck's 16 are Roskilde Kommune's staff, not the library's own.
    assert (roskilde.borgerservice_since, roskilde.staff_count) == (2015, None)
    glumsoe = Site.objects.get(name__startswith="Glumsø")
    assert glumsoe.municipality.name == "Næstved Kommune"


def hours_per_week(place, kind):
    week = week_table(place=place)
    return dict(
        zip([k for k, _label in week["kinds"]], week["totals"], strict=True)
    ).get(kind)


def test_demo_opening_hours_add_up_to_the_decks_weekly_totals():
    load()
    assert (
        hours_per_week(Site.objects.get(name__startswith="Ringsted"), HoursKind.FULL)
        == 29
    )
    naestved = Site.objects.get(name__startswith="Næstved")
    assert hours_per_week(naestved, HoursKind.FULL) == 28
    assert hours_per_week(naestved, HoursKind.LIGHT) == 44
    assert (
        hours_per_week(Site.objects.get(name__startswith="Glumsø"), HoursKind.LIGHT)
        == 19
    )
    assert (
        hours_per_week(ServicePoint.objects.get(name="Rådhuset"), HoursKind.FULL) == 24
    )
    assert (
        hours_per_week(
            ServicePoint.objects.get(name="Fensmark Bibliotek"), HoursKind.FULL
        )
        == 4.5
    )
    assert not OpeningHours.objects.filter(
        site__isnull=True, service_point__isnull=True
    ).exists()


def test_demo_services_differ_between_full_and_light_sites():
    load()
    glumsoe = Site.objects.get(name__startswith="Glumsø")
    assert not ServiceOffering.objects.filter(site=glumsoe, level="full").exists()
    assert ServiceOffering.objects.filter(
        site=glumsoe, level="light", service__name="Oprettelse af NemID"
    ).exists()
    ringsted = Site.objects.get(name__startswith="Ringsted")
    assert ServiceOffering.objects.filter(
        site=ringsted, level="full", service__name="Vielse"
    ).exists()


def test_demo_project_and_people():
    load()
    project = Project.objects.get(name="Bibliotek og borgerservice – synergi")
    assert project.starts_on.year == 2017 and project.sites.count() == 4
    roles = list(
        Membership.objects.filter(project=project).values_list("role", flat=True)
    )
    assert roles.count(Role.CONSULTANT) == 1
    assert roles.count(Role.COORDINATOR) == 4
    assert roles.count(Role.STEERING) == 2
    coordinated = set(
        Membership.objects.filter(role=Role.COORDINATOR).values_list(
            "site__name", flat=True
        )
    )
    assert coordinated == set(Site.objects.values_list("name", flat=True))


def test_demo_has_a_catalogue_editor_group_with_the_consultant_in_it():
    """The installation-wide catalogue editor role is a Django group in the demo; the
    consultant holds it (as a superuser they could anyway, but the group shows where
    the role is given)."""
    from django.contrib.auth.models import Group

    load()
    editors = Group.objects.get(name="Katalogredaktører")
    assert list(editors.permissions.values_list("codename", flat=True)) == [
        "change_shared_catalogue"
    ]
    assert list(editors.user_set.values_list("username", flat=True)) == ["konsulent"]
    coordinator = get_user_model().objects.get(username="tovholder-roskilde")
    assert not coordinator.has_perm("sites.change_shared_catalogue")


def test_without_dev_settings_demo_users_have_no_password():
    output = load()
    User = get_user_model()
    assert User.objects.count() == 7
    assert not any(u.has_usable_password() for u in User.objects.all())
    assert "ingen adgangskode" in output
    assert not User.objects.filter(
        username__in=["admin", "root", "test", "demo"]
    ).exists()


@override_settings(DEMO_PASSWORD="en-demo-adgangskode")
def test_with_dev_settings_demo_users_can_log_in(client):
    output = load()
    assert "en-demo-adgangskode" in output
    response = client.post(
        "/login/",
        {"username": "tovholder-glumsoe", "password": "en-demo-adgangskode"},
    )
    assert response.status_code == 302 and response.url == "/"


def test_demo_evidence_matches_the_decks_figures():
    from initiatives.models import Interview, Quote
    from initiatives.selectors import interview_table

    load()
    project = Project.objects.get()
    table = interview_table(project=project)
    assert table["total"] == 45 == Interview.objects.count()
    assert table["column_totals"] == [1, 4, 16, 12, 12]
    totals = {service: total for service, _cells, total in table["rows"]}
    assert (totals["Pas"], totals["Kørekort"]) == (15, 9)
    assert Interview.objects.filter(length="long").count() == 5
    # The field work's quotes (the deck's 20), each from its interview; the others are
    # the citizens' words the coordinators wrote into approved schemas (one per
    # initiative), from their test week.
    field = Quote.objects.filter(test_week__isnull=True)
    assert field.count() == 20
    assert 0 < field.filter(consent_to_publish=False).count() < 5
    assert not field.filter(interview__isnull=True).exists()
    from_tests = Quote.objects.filter(test_week__isnull=False)
    assert from_tests.count() == 3
    assert not from_tests.filter(interview__isnull=False).exists()
    for quote in from_tests:
        assert quote.initiatives.count() == 1 and quote.site is not None


def test_demo_ideas_cover_every_phase_and_initiatives_the_three_municipalities():
    from initiatives.models import (
        Idea,
        IdeaPhase,
        Initiative,
        InitiativeSite,
        SolutionSpace,
        Theme,
    )

    load()
    assert Theme.objects.count() == 3 and SolutionSpace.objects.count() == 5
    assert set(Idea.objects.values_list("phase", flat=True)) == set(IdeaPhase.values)
    assert set(Idea.objects.exclude(outcome="").values_list("outcome", flat=True)) == {
        "selected",
        "parked",
        "rejected",
    }
    assert Initiative.objects.count() == 3
    tested = set(
        InitiativeSite.objects.values_list("site__municipality__name", flat=True)
    )
    assert tested == {"Roskilde Kommune", "Næstved Kommune", "Ringsted Kommune"}
    for test_site in InitiativeSite.objects.select_related("site", "coordinator"):
        assert Membership.objects.filter(
            user=test_site.coordinator, site=test_site.site, role=Role.COORDINATOR
        ).exists()


def test_demo_marks_the_questions_that_ask_for_citizens_words(client):
    """Every "Citater fra borgere" question (one per initiative's schema) holds
    personal data; the steering group sees that such an answer is hidden."""
    from testing.models import Answer, Question

    load()
    marked = Question.objects.filter(holds_personal_data=True)
    assert marked.count() >= 3
    assert set(marked.values_list("text", flat=True)) == {"Citater fra borgere"}
    assert not Question.objects.filter(
        text="Citater fra borgere", holds_personal_data=False
    ).exists()
    answer = (
        Answer.objects.filter(question__in=marked)
        .exclude(value_text="")
        .select_related("submission")
        .first()
    )
    client.force_login(get_user_model().objects.get(username="styregruppe-1"))
    html = client.get(answer.submission.get_absolute_url()).content.decode()
    assert "Skjult: personoplysninger" in html
    words = answer.value_text.split("”")[0].strip("“")  # the citizen's own words
    assert len(words) > 20
    assert words not in html and escape(words) not in html


def test_demo_criteria_follow_from_the_demo_figures():
    """The guides' criteria as rules: some met, some not, one with too little data."""
    from dashboards.selectors import Status, initiative_verdicts
    from initiatives.models import Initiative

    load()
    initiatives = list(Initiative.objects.filter(test_runs__isnull=False).distinct())
    verdicts = {
        v.initiative.name: v
        for v in initiative_verdicts(initiatives=initiatives, site_ids=None).values()
    }
    travel = verdicts["Rejseudstilling i venteområdet"]
    assert [c.overall.status for c in travel.criteria] == [Status.MET, Status.MET]
    referrals = verdicts["Henvisning til IT-hjælp ved skranken"]
    assert [c.overall.status for c in referrals.criteria] == [
        Status.NOT_MET,
        Status.NOT_MET,
        Status.MET,  # 20 % above the baseline entered for Roskilde
    ]
    assert referrals.criteria[2].sites[0].baseline == 4
    pension = verdicts["Kom godt i gang med pensionisttilværelsen"]
    # 15 signed up already, with schemas still missing; the staff's experience has
    # too few schemas behind it at both sites.
    assert [c.overall.status for c in pension.criteria] == [Status.MET, Status.NO_DATA]
    assert pension.criteria[0].overall.value >= 15
    assert (
        "Tal for 2 af 7 uger med frist" in pension.criteria[1].sites[0].overall.reason
    )


def test_demo_tally_counts_ringsteds_last_week_on_two_tablets():
    """Ringsted's draft for week 42 went on counting at the counter after it was
    saved: seven taps from two tablets, one of them undone, added to its figures."""
    import datetime

    from testing.models import Answer, Submission, SubmissionAction, Tap

    load()
    draft = Submission.objects.get(
        run__site__name="Ringsted Bibliotek og Borgerservice",
        run__initiative__name="Rejseudstilling i venteområdet",
        kind="week",
        week=datetime.date(2017, 10, 16),
    )
    assert draft.status == "draft"
    taps = Tap.objects.filter(submission=draft)
    assert taps.count() == 7 and not taps.filter(applied=False).exists()
    assert taps.values("device").distinct().count() == 2
    assert taps.filter(delta=-1).count() == 1
    assert {
        a.question.key: a.value_integer
        for a in Answer.objects.filter(
            submission=draft, question__key__in=["antal-1", "antal-2"]
        )
    } == {"antal-1": 3 + 3, "antal-2": 3 + 2}
    saved, tallied = (
        draft.events.filter(action=action).get()
        for action in (SubmissionAction.SAVED, SubmissionAction.TALLIED)
    )
    assert saved.at < tallied.at == draft.last_saved_at
    assert {t.tapped_at.date() for t in taps} == {datetime.date(2017, 10, 20)}
    assert Tap.objects.count() == 7  # no other schema is tallied
    load()
    assert Tap.objects.count() == 7


def test_the_steering_group_reads_every_demo_initiatives_results(client):
    """The computed share (IT-hjælp's "Andel … (%)") has a mean and a range, never a
    sum or a rate per open hour, on the results page and in the catalogue."""
    from django.contrib.auth.models import User
    from django.urls import reverse

    from initiatives.models import Initiative
    from reporting import pdf
    from reporting.models import Catalogue

    load()
    client.force_login(User.objects.get(username="styregruppe-1"))
    for initiative in Initiative.objects.filter(test_runs__isnull=False).distinct():
        page = client.get(reverse("reporting:initiative_results", args=[initiative.pk]))
        assert page.status_code == 200, initiative.name
    it_help = Initiative.objects.get(name="Henvisning til IT-hjælp ved skranken")
    body = client.get(
        reverse("reporting:initiative_results", args=[it_help.pk])
    ).content.decode()
    assert "Andel, der kom til IT-hjælpen samme dag (%)" in body
    html = pdf.catalogue_html(catalogue=Catalogue.objects.get())
    assert "179,5" not in html  # the five weekly shares summed


def test_loading_the_demo_tells_nobody_anything():
    """The demo's events are 2017's: no notification under anyone's bell and no mail
    queued when the worker starts."""
    from notifications.models import MailSchedule, Notification

    assert not Notification.objects.exists()
    assert not MailSchedule.objects.exists()
