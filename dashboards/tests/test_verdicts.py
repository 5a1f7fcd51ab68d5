"""Success criteria judged per site, week and overall: met, not met, too little data."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from dashboards.selectors.verdicts import Status, initiative_verdicts
from projects.tests.factories import UserFactory
from testing import services
from testing.criteria import Applies, Comparison, Criterion, Measure, Period
from testing.models import TestGuide, TestGuideVersion

pytestmark = pytest.mark.django_db


def publish(initiative, criteria, *, on=datetime.date(2017, 9, 1)):
    guide, _ = TestGuide.objects.get_or_create(initiative=initiative)
    guide.criteria = [c.to_stored() for c in criteria]
    guide.save()
    version = services.guide_publish(guide=guide, user=UserFactory(), change_note="")
    TestGuideVersion.objects.filter(pk=version.pk).update(
        published_at=timezone.make_aware(
            datetime.datetime.combine(on, datetime.time(9))
        )
    )
    return version


def rule(key, **kwargs):
    defaults = {
        "measure": Measure.SUM,
        "comparison": Comparison.AT_LEAST,
        "target": Decimal(4),
        "question_key": "antal",
    }
    return Criterion(key=key, **{**defaults, **kwargs})


def judged(initiative, site_ids=None, today=None):
    return initiative_verdicts(
        initiatives=[initiative], site_ids=site_ids, today=today
    )[initiative.pk]


def test_a_weekly_sum_is_judged_per_week_per_site_and_overall(every_kind):
    initiative, ringsted, roskilde = every_kind
    publish(initiative, [rule("a")])
    verdict = judged(initiative).criteria[0]
    ring = verdict.for_site(ringsted.pk)
    weeks = dict(ring.weeks)
    assert (weeks[37].status, weeks[37].value) == (Status.NOT_MET, 3)
    assert (weeks[38].status, weeks[38].value) == (Status.MET, 5)
    assert weeks[39].status == Status.NO_DATA  # a draft is not counted
    assert weeks[39].reason == "Skemaet for uge 39 er ikke indsendt."
    assert (ring.overall.status, ring.overall.value) == (Status.MET, 4)
    assert ring.overall.reason == "Gennemsnit pr. uge; opfyldt i 1 af 2 uger."
    rosk = verdict.for_site(roskilde.pk)
    assert rosk.overall.status == Status.NO_DATA
    assert rosk.overall.reason == (
        "Tal for 1 af 3 uger med frist; der skal mindst 2 til."
    )
    assert verdict.overall.status == Status.MET
    assert verdict.overall.reason == (
        "Opfyldt på 1 af 2 steder. 1 sted har for lidt data."
    )
    assert (
        "Antal: summen i gennemsnit pr. uge skal være mindst 4 på hvert sted"
        == verdict.sentence
    )


def test_not_met_at_one_site_and_met_at_another_is_partly(every_kind):
    initiative, ringsted, roskilde = every_kind
    # Before week 38 is due only week 37 counts: Ringsted 3, Roskilde 7.
    publish(initiative, [rule("a", target=Decimal(5))])
    verdict = judged(initiative, today=datetime.date(2017, 9, 18)).criteria[0]
    assert verdict.for_site(ringsted.pk).overall.status == Status.NOT_MET
    assert verdict.for_site(roskilde.pk).overall.status == Status.MET
    assert verdict.overall.status == Status.PARTLY
    assert dict(verdict.for_site(roskilde.pk).weeks)[38].status == Status.PENDING


def test_a_scale_is_judged_by_its_mean_and_shares_in_percent(every_kind):
    initiative, ringsted, _roskilde = every_kind
    publish(
        initiative,
        [
            rule(
                "s",
                measure=Measure.MEAN,
                question_key="oplevelse",
                target=Decimal(3),
                period=Period.TEST,
            ),
            rule(
                "y",
                measure=Measure.SHARE_YES,
                question_key="justering",
                comparison=Comparison.AT_MOST,
                target=Decimal(50),
                period=Period.TEST,
            ),
            rule(
                "c",
                measure=Measure.SHARE_CHOICE,
                question_key="reaktion",
                choice="Positivt",
                target=Decimal(60),
                period=Period.TEST,
            ),
            rule(
                "b",
                measure=Measure.SUM,
                comparison=Comparison.BETWEEN,
                target=Decimal(1),
                target_high=Decimal(2),
                question_key="kanaler",
                period=Period.TEST,
            ),
        ],
    )
    scale, yes, choice, _between = judged(initiative).criteria
    assert scale.for_site(ringsted.pk).overall.value == 3  # (4 + 2) / 2, never 6
    assert scale.for_site(ringsted.pk).overall.status == Status.MET
    assert yes.for_site(ringsted.pk).overall.value == 50
    assert yes.for_site(ringsted.pk).overall.value_text == "50 %"
    assert yes.for_site(ringsted.pk).overall.status == Status.MET
    assert choice.for_site(ringsted.pk).overall.value == 50
    assert choice.for_site(ringsted.pk).overall.status == Status.NOT_MET


def test_a_target_changed_mid_test_judges_each_week_by_the_rule_of_its_time(every_kind):
    initiative, ringsted, _roskilde = every_kind
    publish(initiative, [rule("a", target=Decimal(5))], on=datetime.date(2017, 9, 1))
    publish(initiative, [rule("a", target=Decimal(3))], on=datetime.date(2017, 9, 20))
    verdict = judged(initiative).criteria[0]
    weeks = dict(verdict.for_site(ringsted.pk).weeks)
    assert weeks[37].status == Status.NOT_MET  # 3 < 5, the target of week 37
    assert weeks[38].status == Status.MET  # 5 ≥ 3
    assert verdict.for_site(ringsted.pk).overall.status == Status.MET  # mean 4 ≥ 3
    assert len(verdict.changes) == 1 and "mindst 5" in verdict.changes[0]
    assert "mindst 3" in verdict.changes[0]


def test_above_baseline_needs_a_baseline_per_site(every_kind):
    initiative, ringsted, roskilde = every_kind
    above = {"comparison": Comparison.ABOVE_BASELINE, "target": Decimal(20)}
    publish(
        initiative,
        [
            rule("high", baselines={str(ringsted.pk): Decimal(4)}, **above),
            rule("low", baselines={str(ringsted.pk): Decimal(3)}, **above),
        ],
    )
    high, low = judged(initiative, today=datetime.date(2017, 9, 18)).criteria
    # Ringsted's weeks: 3 and 5, a mean of 4: not 20 % above 4, but above 3.
    assert high.for_site(ringsted.pk).overall.status == Status.NOT_MET
    assert high.for_site(ringsted.pk).baseline == 4
    assert high.for_site(ringsted.pk).overall.reason.startswith(
        "Udgangspunkt 4, mål mindst 4,8."
    )
    assert low.for_site(ringsted.pk).overall.status == Status.MET
    assert high.for_site(roskilde.pk).overall.status == Status.NO_DATA
    assert high.for_site(roskilde.pk).overall.reason == (
        "Der er intet udgangspunkt at sammenligne med."
    )


def test_an_unanswered_question_in_a_counted_week_is_too_little_data(every_kind):
    initiative, _ringsted, roskilde = every_kind
    publish(initiative, [rule("t", question_key="timer", target=Decimal(1))])
    verdict = judged(initiative, today=datetime.date(2017, 9, 18)).criteria[0]
    week = dict(verdict.for_site(roskilde.pk).weeks)[37]
    assert week.status == Status.NO_DATA
    assert week.reason == "Spørgsmålet er ikke besvaret i uge 37."


def test_all_sites_together_and_a_coordinator_sees_no_combined_figure(every_kind):
    initiative, ringsted, roskilde = every_kind
    publish(
        initiative,
        [
            rule(
                "all", period=Period.TEST, applies=Applies.ALL_SITES, target=Decimal(10)
            )
        ],
    )
    early = judged(initiative, today=datetime.date(2017, 9, 18)).criteria[0]
    assert (early.overall.status, early.overall.value) == (Status.MET, 15)  # 3 + 5 + 7
    assert early.for_site(ringsted.pk).overall.status == Status.COMBINED
    late = judged(initiative).criteria[0]
    # Roskilde's weeks 38 and 39 are missing, but a sum can only grow: already met.
    assert (late.overall.status, late.overall.value) == (Status.MET, 15)
    assert late.overall.reason == "Målet er nået, selv om der mangler skemaer."
    week = dict(late.for_site(ringsted.pk).weeks)[37]
    assert (week.status, week.value) == (Status.COMBINED, 3)  # not judged on its own
    mine = judged(initiative, site_ids={ringsted.pk}, today=datetime.date(2017, 9, 18))
    assert mine.criteria[0].overall.status == Status.NO_DATA
    assert {s.site_id for s in mine.criteria[0].sites} == {ringsted.pk}
    assert roskilde.pk not in {site for site, _name in mine.sites}


def test_a_sum_not_yet_reached_with_schemas_missing_is_too_little_data(every_kind):
    initiative, *_ = every_kind
    publish(
        initiative,
        [
            rule(
                "all",
                period=Period.TEST,
                applies=Applies.ALL_SITES,
                target=Decimal(100),
            )
        ],
    )
    verdict = judged(initiative).criteria[0]
    assert verdict.overall.status == Status.NO_DATA
    assert verdict.overall.reason == "Roskilde har for få indsendte skemaer."


def test_counting_schemas_and_the_final_evaluation(every_kind):
    initiative, ringsted, _roskilde = every_kind
    publish(
        initiative,
        [
            rule(
                "n",
                measure=Measure.SCHEMAS,
                question_key="",
                period=Period.TEST,
                target=Decimal(2),
            ),
            rule("f", period=Period.FINAL),
        ],
    )
    schemas, final = judged(initiative).criteria
    assert schemas.for_site(ringsted.pk).overall.value == 2
    assert schemas.for_site(ringsted.pk).overall.status == Status.MET
    assert schemas.sentence.startswith("Antal indsendte skemaer over hele afprøvningen")
    # The runs are weekly only: there is no final schema to judge.
    assert final.for_site(ringsted.pk).overall.status == Status.NO_DATA


def test_an_unpublished_guide_has_no_verdicts(every_kind):
    initiative, *_ = every_kind
    TestGuide.objects.create(initiative=initiative, criteria=[rule("a").to_stored()])
    verdicts = judged(initiative)
    assert not verdicts.published and verdicts.criteria == []


def test_verdicts_cost_the_same_queries_for_more_initiatives(
    every_kind, django_assert_max_num_queries
):
    from initiatives.tests.factories import InitiativeFactory

    initiative, *_ = every_kind
    publish(initiative, [rule("a")])
    others = [InitiativeFactory(project=initiative.project) for _ in range(5)]
    with django_assert_max_num_queries(5):
        initiative_verdicts(initiatives=[initiative, *others], site_ids=None)


def test_the_dashboard_leads_with_the_verdicts_per_site(client, every_kind):
    from django.urls import reverse

    from projects.models import Role
    from projects.tests.factories import MembershipFactory

    initiative, ringsted, roskilde = every_kind
    project = initiative.project
    project.sites.add(ringsted, roskilde)
    publish(initiative, [rule("a")])
    client.force_login(MembershipFactory(project=project, role=Role.STEERING).user)
    text = client.get(
        reverse("reporting:dashboard", args=[project.pk])
    ).content.decode()
    verdicts = text.index("Er succeskriterierne opfyldt?")
    assert verdicts < text.index("Fremdrift og tal pr. tiltag")
    table = text[verdicts : text.index("Fremdrift og tal pr. tiltag")]
    assert (
        "Antal: summen i gennemsnit pr. uge skal være mindst 4 på hvert sted" in table
    )
    assert "✓</span> Opfyldt" in table and "?</span> For lidt data" in table
    assert "Tal for 1 af 3 uger med frist; der skal mindst 2 til." in table
    assert 'Ringsted: opfyldt <span class="small">(1 af 1 kriterie opfyldt)' in table
    assert "Roskilde: for lidt data" in table
    assert "<title>Resultater" in text
    coordinator = MembershipFactory(
        project=project, role=Role.COORDINATOR, site=ringsted
    )
    client.force_login(coordinator.user)
    mine = client.get(
        reverse("reporting:dashboard", args=[project.pk])
    ).content.decode()
    assert (
        "Roskilde"
        not in mine[mine.index("Er succeskriterierne opfyldt?") :].split(
            "Fremdrift og tal pr. tiltag"
        )[0]
    )
    results = client.get(reverse("reporting:initiative_results", args=[initiative.pk]))
    assert "Uge for uge" in results.content.decode()


def test_quotes_and_visits_about_the_initiative_stand_beside_its_figures(
    client, every_kind
):
    from django.urls import reverse

    from initiatives.tests.factories import QuoteFactory
    from projects.models import Role
    from projects.tests.factories import MembershipFactory
    from testing.tests.factories import AdvisoryVisitFactory

    initiative, ringsted, roskilde = every_kind
    project = initiative.project
    project.sites.add(ringsted, roskilde)
    about = QuoteFactory(
        project=project,
        site=ringsted,
        text="Kortet hjalp mig.",
        consent_to_publish=True,
        reviewed=True,
    )
    about.initiatives.add(initiative)
    QuoteFactory(
        project=project,
        site=ringsted,
        text="Et andet tiltag.",
        consent_to_publish=True,
        reviewed=True,
    )
    unconsented = QuoteFactory(
        project=project, site=ringsted, text="Uden samtykke.", consent_to_publish=False
    )
    unconsented.initiatives.add(initiative)
    there = AdvisoryVisitFactory(
        project=project, site=roskilde, notes="Skiltet er lille."
    )
    there.initiatives.add(initiative)
    url = reverse("reporting:initiative_results", args=[initiative.pk])
    client.force_login(MembershipFactory(project=project, role=Role.STEERING).user)
    text = client.get(url).content.decode()
    assert "Kortet hjalp mig." in text and "Skiltet er lille." in text
    assert "Et andet tiltag." not in text and "Uden samtykke." not in text
    coordinator = MembershipFactory(
        project=project, role=Role.COORDINATOR, site=ringsted
    )
    client.force_login(coordinator.user)
    mine = client.get(url).content.decode()
    assert "Kortet hjalp mig." in mine and "Skiltet er lille." not in mine


def test_a_site_is_met_at_a_glance_only_when_every_criterion_is(every_kind):
    initiative, ringsted, roskilde = every_kind
    publish(
        initiative,
        [
            rule("a", target=Decimal(1)),  # met at Ringsted (weeks 37 and 38)
            rule("f", period=Period.FINAL),  # no final schema: too little data
        ],
    )
    glance = dict(judged(initiative).site_summaries())
    ringsted_glance = glance["Ringsted"]
    assert ringsted_glance.status == Status.PARTLY
    assert ringsted_glance.reason == "1 af 2 kriterier opfyldt; 1 med for lidt data"
    assert glance["Roskilde"].status == Status.NO_DATA


def test_a_coordinator_is_told_an_initiative_is_not_tested_at_their_site(
    client, every_kind
):
    from django.urls import reverse

    from projects.models import Role
    from projects.tests.factories import MembershipFactory
    from sites.tests.factories import SiteFactory

    initiative, ringsted, roskilde = every_kind
    elsewhere = SiteFactory(name="Glumsø")
    initiative.project.sites.add(ringsted, roskilde, elsewhere)
    publish(initiative, [rule("a")])
    coordinator = MembershipFactory(
        project=initiative.project, role=Role.COORDINATOR, site=elsewhere
    )
    client.force_login(coordinator.user)
    text = client.get(
        reverse("reporting:initiative_results", args=[initiative.pk])
    ).content.decode()
    assert "Tiltaget afprøves ikke på dit sted." in text
    assert "Tiltaget er ikke i afprøvning." not in text
    assert "Ringsted" not in text


def test_the_steering_groups_verdict_stands_beside_the_criteria(client, every_kind):
    from django.urls import reverse

    from initiatives import services as initiative_services
    from initiatives.models import Initiative, InitiativeStatus
    from projects.models import Role
    from projects.tests.factories import MembershipFactory

    initiative, ringsted, roskilde = every_kind
    initiative.project.sites.add(ringsted, roskilde)
    Initiative.objects.filter(pk=initiative.pk).update(status=InitiativeStatus.IN_TEST)
    publish(initiative, [rule("a")])
    steering = MembershipFactory(project=initiative.project, role=Role.STEERING).user
    initiative_services.initiative_verdict_record(
        initiative_id=initiative.pk,
        outcome="adjust",
        rationale="Flere uger med tal.",
        decided_on=datetime.date(2017, 11, 1),
        meeting_id=None,
        user=steering,
    )
    client.force_login(steering)
    text = client.get(
        reverse("reporting:dashboard", args=[initiative.project_id])
    ).content.decode()
    glance = text[text.index("Er succeskriterierne opfyldt?") :]
    assert "Styregruppens beslutning" in glance
    assert "Justér og fortsæt</span>" in glance
