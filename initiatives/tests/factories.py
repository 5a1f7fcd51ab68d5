import datetime

import factory

from initiatives.models import (
    AgeBand,
    Decision,
    DecisionOutcome,
    Idea,
    IdeaPhase,
    IdeaScore,
    Initiative,
    InitiativeSite,
    Interview,
    Meeting,
    Quote,
    ScreeningCriterion,
    ServiceSynergyCard,
    SolutionSpace,
    Term,
    Theme,
    TimelineItem,
    Vocabulary,
)
from projects.tests.factories import ProjectFactory, UserFactory
from sites.tests.factories import CitizenServiceFactory, SiteFactory


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    project = factory.SubFactory(ProjectFactory)
    vocabulary = Vocabulary.TARGET_GROUP
    name = factory.Sequence(lambda n: f"Målgruppe {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Tema {n}")


class SolutionSpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SolutionSpace

    project = factory.SelfAttribute("theme.project")
    theme = factory.SubFactory(ThemeFactory)
    name = factory.Sequence(lambda n: f"Løsningsrum {n}")
    guiding_question = "Hvordan kan vi bruge venteområder til at vise udvalgte tilbud?"
    recommendations = ["Bogudstillinger", "Infoskærm tæt på nummerskærmen"]


class ServiceSynergyCardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceSynergyCard

    project = factory.SubFactory(ProjectFactory)
    service = factory.SubFactory(CitizenServiceFactory)
    title = factory.SelfAttribute("service.name")
    library_synergy = "Rejseguides, lydbøger til bilen."


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    project = factory.SubFactory(ProjectFactory)
    site = factory.SubFactory(SiteFactory)
    service = factory.SubFactory(CitizenServiceFactory)
    age_band = AgeBand.FROM_50
    held_on = datetime.date(2017, 5, 10)


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    project = factory.SubFactory(ProjectFactory)
    text = "Så kan jeg bruge ventetiden til at aflevere bøger på biblioteket."
    speaker_label = factory.Sequence(lambda n: f"Lone{n}, 61 år, nyt pas")
    age_band = AgeBand.FROM_50
    consent_to_publish = True
    reviewed = True


class ScreeningCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScreeningCriterion

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Kriterie {n}")


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Idé {n}")
    description = "Rejseudstilling i venteområdet."
    group_name = "Gruppe 1"
    proposer = factory.SubFactory(UserFactory)
    phase = IdeaPhase.PROPOSED


class DecidedIdeaFactory(IdeaFactory):
    class Meta:
        skip_postgeneration_save = True

    phase = IdeaPhase.DECIDED
    outcome = DecisionOutcome.SELECTED

    @factory.post_generation
    def decision(self, create, extracted, **kwargs):
        if create:
            Decision.objects.create(
                project=self.project,
                idea=self,
                outcome=self.outcome,
                rationale="Billigt og let at afprøve.",
                decided_on=datetime.date(2017, 8, 15),
                decided_by=self.proposer,
            )


class IdeaScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdeaScore

    idea = factory.SubFactory(IdeaFactory)
    criterion = factory.SubFactory(ScreeningCriterionFactory)
    scorer = factory.SubFactory(UserFactory)
    value = 3


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    project = factory.SelfAttribute("idea.project")
    idea = factory.SubFactory(DecidedIdeaFactory)
    name = factory.SelfAttribute("idea.title")
    description = "Rejseudstilling og mundtlig henvisning."


class InitiativeSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeSite

    initiative = factory.SubFactory(InitiativeFactory)
    site = factory.SubFactory(SiteFactory)
    coordinator = factory.SubFactory(UserFactory)


class TimelineItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimelineItem

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    starts_week = datetime.date(2017, 8, 21)
    ends_week = datetime.date(2017, 8, 21)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    project = factory.SubFactory(ProjectFactory)
    title = "Styregruppemøde"
    held_on = datetime.date(2017, 12, 12)
