"""The chain in the browser's terms: pages, forms, who may do what, what they cost."""

import datetime
import re

import pytest
from django.urls import reverse

from initiatives.models import (
    Decision,
    Idea,
    IdeaPhase,
    IdeaScore,
    Initiative,
    SolutionSpace,
    Term,
    TimelineItem,
)
from initiatives.tests.factories import (
    IdeaFactory,
    IdeaScoreFactory,
    InitiativeFactory,
    InitiativeSiteFactory,
    InterviewFactory,
    QuoteFactory,
    ScreeningCriterionFactory,
    TimelineItemFactory,
)
from projects.models import Role
from projects.tests.factories import MembershipFactory, UserFactory
from sites.tests.factories import CitizenServiceFactory, SiteFactory


def test_coordinator_proposes_an_idea_for_their_site(client_for, world):
    response = client_for("coordinator_a").post(
        reverse("initiatives:idea_create", args=[world.project.pk]),
        {
            "title": "IT-café om lørdagen",
            "description": "Frivillige hjælper med NemID.",
            "site": world.site_a.pk,
        },
    )
    idea = Idea.objects.get(title="IT-café om lørdagen")
    assert response["Location"] == idea.get_absolute_url()
    assert (idea.proposer, idea.site, idea.phase, idea.project) == (
        world.users["coordinator_a"],
        world.site_a,
        IdeaPhase.PROPOSED,
        world.project,
    )
    assert idea.transitions.get().to_state == "proposed"


def test_coordinator_cannot_propose_for_another_site(client_for, world):
    response = client_for("coordinator_a").post(
        reverse("initiatives:idea_create", args=[world.project.pk]),
        {"title": "Smuglet", "description": "x", "site": world.site_b.pk},
    )
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert "Angiv stedet eller workshopgruppen" not in response.content.decode()
    assert not Idea.objects.filter(title="Smuglet").exists()


def test_an_idea_needs_a_site_or_a_group(client_for, world):
    response = client_for("consultant").post(
        reverse("initiatives:idea_create", args=[world.project.pk]),
        {"title": "Uden ophav", "description": "x"},
    )
    assert response.status_code == 200
    assert (
        "Angiv stedet eller workshopgruppen, idéen kommer fra."
        in response.content.decode()
    )


def test_coordinator_edits_their_idea_only_while_it_is_proposed(client_for, world):
    client = client_for("coordinator_a")
    url = reverse("initiatives:idea_update", args=[world.idea_a.pk])
    data = {
        "title": "Rejseudstilling ved nummerskærmen",
        "description": "Ny tekst",
        "site": world.site_a.pk,
    }
    assert client.post(url, data).status_code == 302
    world.idea_a.refresh_from_db()
    assert world.idea_a.title == "Rejseudstilling ved nummerskærmen"
    Idea.objects.filter(pk=world.idea_a.pk).update(phase=IdeaPhase.SCREENED)
    assert client.post(url, {**data, "title": "Ændret igen"}).status_code == 403
    world.idea_a.refresh_from_db()
    assert world.idea_a.title == "Rejseudstilling ved nummerskærmen"


def test_score_outside_the_scale_gets_a_danish_error_and_nothing_is_saved(
    client_for, world
):
    url = reverse("initiatives:idea_score", args=[world.idea_a.pk])
    response = client_for("coordinator_b").post(
        url, {f"criterion_{world.criterion.pk}": "7"}
    )
    assert response.status_code == 200
    assert "Scoren skal være mellem 1 og 5." in response.content.decode()
    assert not IdeaScore.objects.exists()
    response = client_for("coordinator_b").post(
        url, {f"criterion_{world.criterion.pk}": "4"}
    )
    assert response.status_code == 302
    assert IdeaScore.objects.get().value == 4


def test_idea_page_shows_mean_and_spread_of_the_scores(client_for, world):
    for scorer, value in (
        ("consultant", 2),
        ("coordinator_a", 4),
        ("coordinator_b", 5),
    ):
        IdeaScoreFactory(
            idea=world.idea_a,
            criterion=world.criterion,
            scorer=world.users[scorer],
            value=value,
        )
    html = client_for("steering").get(world.idea_a.get_absolute_url()).content.decode()
    row = re.search(r"Værdi for borgerne.*?</tr>", html, re.S).group(0)
    assert "3,7" in row  # mean (2 + 4 + 5) / 3
    assert "2–5" in row  # lowest–highest
    assert "1,25" in row  # population standard deviation
    assert '<td class="text-end">3</td>' in row


def test_a_move_back_without_reason_is_refused(client_for, world):
    Idea.objects.filter(pk=world.idea_a.pk).update(phase=IdeaPhase.SHORTLISTED)
    response = client_for("consultant").post(
        reverse("initiatives:idea_move", args=[world.idea_a.pk]),
        {"to_phase": "proposed", "reason": "", "expected_phase": "shortlisted"},
    )
    assert response.status_code == 200
    assert (
        "Skriv en begrundelse, når idéen flyttes tilbage." in response.content.decode()
    )
    world.idea_a.refresh_from_db()
    assert world.idea_a.phase == IdeaPhase.SHORTLISTED


def test_a_decision_without_rationale_is_refused(client_for, world):
    response = client_for("steering").post(
        reverse("initiatives:idea_decide", args=[world.idea_presented.pk]),
        {"outcome": "selected", "rationale": "", "decided_on": "2017-08-16"},
    )
    assert response.status_code == 200
    assert "Skriv styregruppens begrundelse." in response.content.decode()
    assert not Decision.objects.filter(idea=world.idea_presented).exists()


def test_the_second_of_two_simultaneous_decisions_is_told_and_changes_nothing(
    client_for, world, client
):
    url = reverse("initiatives:idea_decide", args=[world.idea_presented.pk])
    steering = client_for("steering")
    assert steering.get(url).status_code == 200
    from django.test import Client

    consultant = Client()
    consultant.force_login(world.users["consultant"])
    assert consultant.get(url).status_code == 200  # both have the form open
    assert (
        steering.post(
            url,
            {
                "outcome": "selected",
                "rationale": "Afprøves",
                "decided_on": "2017-08-16",
            },
        ).status_code
        == 302
    )
    response = consultant.post(
        url, {"outcome": "rejected", "rationale": "Nej tak", "decided_on": "2017-08-16"}
    )
    assert response.status_code == 409
    assert "Intet er overskrevet" in response.content.decode()
    decision = Decision.objects.get(idea=world.idea_presented)
    assert (decision.outcome, decision.decided_by) == (
        "selected",
        world.users["steering"],
    )


def test_consultant_turns_a_selected_idea_into_an_initiative_at_two_sites(
    client_for, world
):
    url = reverse("initiatives:initiative_create", args=[world.idea_selected.pk])
    client = client_for("consultant")
    form_html = client.get(url).content.decode()
    assert 'value="Husk at bestille pas"' in form_html  # prefilled from the idea
    response = client.post(
        url,
        {
            "name": "Husk at bestille pas til ferien",
            "description": "Plakat og infoskærm.",
            f"site_{world.site_a.pk}": "on",
            f"coordinator_{world.site_a.pk}": world.users["coordinator_a"].pk,
            f"site_{world.site_b.pk}": "on",
            f"coordinator_{world.site_b.pk}": world.users["coordinator_b"].pk,
        },
    )
    initiative = Initiative.objects.get(idea=world.idea_selected)
    assert response["Location"] == initiative.get_absolute_url()
    assert {(s.site, s.coordinator) for s in initiative.test_sites.all()} == {
        (world.site_a, world.users["coordinator_a"]),
        (world.site_b, world.users["coordinator_b"]),
    }
    assert initiative.transitions.get().to_state == "planned"
    # The idea now has its initiative and cannot get another.
    assert client.get(url).status_code == 404


def test_an_initiative_without_a_site_is_refused(client_for, world):
    url = reverse("initiatives:initiative_create", args=[world.idea_selected.pk])
    response = client_for("consultant").post(
        url, {"name": "Uden sted", "description": "x"}
    )
    assert response.status_code == 200
    assert "Vælg mindst ét sted, hvor tiltaget afprøves." in response.content.decode()
    assert not Initiative.objects.filter(idea=world.idea_selected).exists()


def test_a_test_site_needs_its_coordinator(client_for, world):
    lonely = SiteFactory(name="Sted uden tovholder")
    world.project.sites.add(lonely)
    url = reverse("initiatives:initiative_create", args=[world.idea_selected.pk])
    response = client_for("consultant").post(
        url, {"name": "X", "description": "x", f"site_{lonely.pk}": "on"}
    )
    assert response.status_code == 200
    assert (
        "Sted uden tovholder har ingen tovholder i forløbet."
        in response.content.decode()
    )


def test_steering_follows_an_initiative_back_to_idea_scores_decision_and_evidence(
    client_for, world
):
    initiative = InitiativeFactory(idea=world.idea_selected)
    world.idea_selected.evidence.add(world.quote)
    IdeaScoreFactory(idea=world.idea_selected, criterion=world.criterion, value=4)
    html = client_for("steering").get(initiative.get_absolute_url()).content.decode()
    assert world.idea_selected.get_absolute_url() in html
    assert "Værdi for borgerne" in html and "4,0" in html
    assert "Udvalgt til afprøvning" in html and "Billigt og let at afprøve." in html
    assert world.quote.text in html


def test_speaker_labels_of_unconsented_quotes_are_hidden_from_the_steering_group(
    client_for, world
):
    secret = QuoteFactory(
        project=world.project,
        speaker_label="Karina, 44 år, nyt pas",
        consent_to_publish=False,
        age_band="30-49",
        text="Jeg synes, bøger er kedelige.",
    )
    world.idea_a.evidence.add(secret)
    for url in (
        reverse("initiatives:evidence", args=[world.project.pk]),
        world.idea_a.get_absolute_url(),
    ):
        steering = client_for("steering").get(url).content.decode()
        assert "Jeg synes, bøger er kedelige." in steering
        assert "Karina" not in steering
        assert "Borger, 30–49 år" in steering
        assert world.quote.speaker_label in steering  # consented: shown
        assert "Karina, 44 år" in client_for("coordinator_b").get(url).content.decode()
        assert "Karina, 44 år" in client_for("consultant").get(url).content.decode()


def test_the_steering_group_reads_a_quote_once_the_consultant_has_reviewed_it(
    client_for, world
):
    """A quote not yet reviewed may hold what nobody outside the project group should
    read (a citizen's health, say): the steering group sees neither it nor a search
    hit for it; where an idea cites it, a note says a quote awaits review."""
    pending = QuoteFactory(
        project=world.project,
        reviewed=False,
        consent_to_publish=False,
        text="Jeg kommer her, fordi jeg er syg og ikke kan køre bil.",
    )
    world.idea_a.evidence.add(pending)
    evidence = reverse("initiatives:evidence", args=[world.project.pk])
    steering = client_for("steering")
    for url in (evidence, world.idea_a.get_absolute_url()):
        html = steering.get(url).content.decode()
        assert "ikke kan køre bil" not in html, url
        assert world.quote.text in html, url  # reviewed quotes are shown
    assert "Et citat, som konsulenten ikke har gennemgået endnu." in (
        steering.get(world.idea_a.get_absolute_url()).content.decode()
    )
    assert "Ingen citater matcher filtret." in (
        steering.get(evidence, {"q": "køre bil"}).content.decode()
    )
    for role in ("consultant", "coordinator_a", "coordinator_b"):
        assert "ikke kan køre bil" in client_for(role).get(evidence).content.decode()
    pending.reviewed = True
    pending.save()
    assert "ikke kan køre bil" in steering.get(evidence).content.decode()


def test_evidence_table_counts_interviews_by_service_and_age_band(client_for, world):
    driving = CitizenServiceFactory(name="Kørekort")
    for band in ("70+", "70+", "18-29"):
        InterviewFactory(
            project=world.project, site=world.site_b, service=driving, age_band=band
        )
    html = (
        client_for("steering")
        .get(reverse("initiatives:evidence", args=[world.project.pk]))
        .content.decode()
    )
    assert "4 interviews fordelt på ydelse og alder" in html
    table = re.search(
        r'<table class="table table-sm table-bordered interview-table">.*?</table>',
        html,
        re.S,
    ).group(0)

    def cells(row):
        return re.findall(r'<td class="text-end[^"]*">(?:<span[^>]*>)?(\d+)', row)

    rows = {
        m.group(1): cells(m.group(2))
        for m in re.finditer(r'<th scope="row">([^<]+)</th>(.*?)</tr>', table, re.S)
    }
    assert rows["Kørekort"] == ["0", "1", "0", "0", "2", "3"]
    assert rows["Pas"] == ["0", "0", "0", "1", "0", "1"]
    assert rows["I alt"] == ["0", "1", "0", "1", "2", "4"]


def test_quotes_filter_by_service_site_and_tag(client_for, world):
    tag = Term.objects.create(
        project=world.project, vocabulary="quote_tag", name="Ventetid"
    )
    other = QuoteFactory(
        project=world.project, text="Om ventetiden.", site=world.site_b
    )
    other.tags.add(tag)
    url = reverse("initiatives:evidence", args=[world.project.pk])
    client = client_for("coordinator_a")
    assert (
        world.quote.text
        in client.get(url, {"service": world.service.pk}).content.decode()
    )
    assert (
        "Om ventetiden."
        not in client.get(url, {"service": world.service.pk}).content.decode()
    )
    assert "Om ventetiden." in client.get(url, {"tag": tag.pk}).content.decode()
    assert (
        world.quote.text
        not in client.get(url, {"site": world.site_b.pk}).content.decode()
    )


def test_solution_space_question_must_be_a_question_and_recommendations_keep_their_order(
    client_for, world
):
    url = reverse("initiatives:solutionspace_create", args=[world.project.pk])
    data = {
        "theme": world.theme.pk,
        "name": "Mundtlig henvisning",
        "guiding_question": "Henvisninger",
        "recommendations": "Lav medarbejderguides\n\nKoblinger mellem behov og tilbud\n",
    }
    response = client_for("consultant").post(url, data)
    assert response.status_code == 200
    assert (
        "Formulér det styrende spørgsmål som et spørgsmål" in response.content.decode()
    )
    data["guiding_question"] = "Hvordan kan vi støtte medarbejderne i at henvise?"
    assert client_for("consultant").post(url, data).status_code == 302
    space = SolutionSpace.objects.get(name="Mundtlig henvisning")
    assert space.recommendations == [
        "Lav medarbejderguides",
        "Koblinger mellem behov og tilbud",
    ]
    html = client_for("steering").get(space.get_absolute_url()).content.decode()
    assert html.index("Lav medarbejderguides") < html.index(
        "Koblinger mellem behov og tilbud"
    )


def test_a_theme_of_another_project_cannot_be_chosen(client_for, world):
    from initiatives.tests.factories import ThemeFactory

    foreign = ThemeFactory()
    response = client_for("consultant").post(
        reverse("initiatives:solutionspace_create", args=[world.project.pk]),
        {"theme": foreign.pk, "name": "X", "guiding_question": "Hvordan?"},
    )
    assert response.status_code == 200
    assert not SolutionSpace.objects.filter(name="X").exists()


def test_home_page_shows_what_is_due_and_overdue_for_the_role(client_for, world):
    today = datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday())
    TimelineItemFactory(
        project=world.project,
        title="Udfyld testskemaer",
        responsible_role=Role.COORDINATOR,
        starts_week=monday,
        ends_week=monday,
    )
    TimelineItemFactory(
        project=world.project,
        title="Send resultatkatalog",
        responsible_role=Role.CONSULTANT,
        starts_week=monday - datetime.timedelta(weeks=3),
        ends_week=monday - datetime.timedelta(weeks=2),
    )
    coordinator = client_for("coordinator_a").get(reverse("home")).content.decode()
    assert (
        "Udfyld testskemaer" in coordinator
        and "Send resultatkatalog" not in coordinator
    )
    consultant = client_for("consultant").get(reverse("home")).content.decode()
    overdue = consultant[consultant.index("Forsinket") :]
    assert "Send resultatkatalog" in overdue and "Udfyld testskemaer" not in consultant


def test_marking_a_timeline_item_done(client_for, world):
    url = reverse("initiatives:timelineitem_done", args=[world.timeline_item.pk])
    response = client_for("consultant").post(
        url, {"done": "1", "next": "https://evil.example/"}
    )
    assert response["Location"] == world.timeline_item.get_absolute_url()
    world.timeline_item.refresh_from_db()
    assert world.timeline_item.done


def test_timeline_weeks_are_typed_as_iso_weeks(client_for, world):
    url = reverse("initiatives:timelineitem_create", args=[world.project.pk])
    data = {
        "title": "Rådgivningsbesøg",
        "kind": "activity",
        "starts_week": "2017-W41",
        "ends_week": "2017-W38",
        "responsible_role": "consultant",
    }
    response = client_for("consultant").post(url, data)
    assert "Slutugen kan ikke ligge før startugen." in response.content.decode()
    response = client_for("consultant").post(url, {**data, "starts_week": "uge 38"})
    assert "Angiv en uge som år og ugenummer, fx 2017-W34." in response.content.decode()
    client_for("consultant").post(
        url, {**data, "starts_week": "2017-W38", "ends_week": "2017-W41"}
    )
    item = TimelineItem.objects.get(title="Rådgivningsbesøg")
    assert (item.starts_week, item.ends_week) == (
        datetime.date(2017, 9, 18),
        datetime.date(2017, 10, 9),
    )
    html = (
        client_for("steering")
        .get(reverse("initiatives:timelineitem_list", args=[world.project.pk]))
        .content.decode()
    )
    assert "uge 38–41 2017" in html


def _grow(world, n):
    """n more of everything the idea, initiative and evidence pages show."""
    users = [
        MembershipFactory(
            project=world.project, role=Role.COORDINATOR, site=world.site_a
        ).user
        for _ in range(2)
    ]
    criteria = [ScreeningCriterionFactory(project=world.project) for _ in range(2)]
    for i in range(n):
        idea = IdeaFactory(
            project=world.project,
            site=world.site_a if i % 2 else None,
            solution_space=world.solution_space,
        )
        idea.services.add(world.service)
        idea.evidence.add(
            QuoteFactory(
                project=world.project, site=world.site_b, service=world.service
            )
        )
        for user in users:
            for criterion in criteria:
                IdeaScoreFactory(idea=idea, criterion=criterion, scorer=user, value=3)
        IdeaScoreFactory(
            idea=world.idea_a, criterion=criteria[i % 2], scorer=UserFactory(), value=4
        )
        world.idea_a.evidence.add(QuoteFactory(project=world.project))
        InterviewFactory(
            project=world.project, site=world.site_a, service=CitizenServiceFactory()
        )
        initiative = InitiativeFactory(
            idea=IdeaFactory(project=world.project, phase="decided", outcome="selected")
        )
        InitiativeSiteFactory(initiative=initiative, site=world.site_a)
        InitiativeSiteFactory(initiative=world.initiative, site=SiteFactory())


@pytest.mark.parametrize(
    "page",
    [
        "idea_list",
        "idea_detail",
        "evidence",
        "initiative_list",
        "initiative_detail",
        "decision_list",
        "analysis",
    ],
)
def test_pages_cost_the_same_queries_at_two_sizes(
    client_for, world, count_queries, page
):
    urls = {
        "idea_list": reverse("initiatives:idea_list", args=[world.project.pk]),
        "idea_detail": world.idea_a.get_absolute_url(),
        "evidence": reverse("initiatives:evidence", args=[world.project.pk]),
        "initiative_list": reverse(
            "initiatives:initiative_list", args=[world.project.pk]
        ),
        "initiative_detail": world.initiative.get_absolute_url(),
        "decision_list": reverse("initiatives:decision_list", args=[world.project.pk]),
        "analysis": reverse("initiatives:analysis", args=[world.project.pk]),
    }
    client = client_for("consultant")
    small, response = count_queries(lambda: client.get(urls[page]))
    assert response.status_code == 200
    _grow(world, 6)
    large, response = count_queries(lambda: client.get(urls[page]))
    assert response.status_code == 200
    assert large == small, (
        f"{page}: {small} queries with little data, {large} with more"
    )
    assert small <= 25


def test_large_ids_reach_forms_without_a_thousands_separator(client_for, world):
    """Found on PostgreSQL, where ids grow large: “7.258” is not a valid choice."""
    big = UserFactory(pk=12345, username="tovholder-stor")
    MembershipFactory(
        user=big, project=world.project, role=Role.COORDINATOR, site=world.site_b
    )
    url = reverse("initiatives:initiative_create", args=[world.idea_selected.pk])
    html = client_for("consultant").get(url).content.decode()
    assert 'value="12345"' in html and "12.345" not in html
    response = client_for("consultant").post(
        url,
        {
            "name": "Stort id",
            "description": "x",
            f"site_{world.site_b.pk}": "on",
            f"coordinator_{world.site_b.pk}": "12345",
        },
    )
    assert response.status_code == 302
    assert (
        Initiative.objects.get(idea=world.idea_selected).test_sites.get().coordinator
        == big
    )
