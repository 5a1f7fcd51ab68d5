import datetime

import factory
from django.contrib.auth import get_user_model

from projects.models import Membership, Project, Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password("korrekt-hest-batteri-hæfteklamme")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Forløb {n}")
    guiding_question = (
        "Hvordan kan bibliotek og borgerservice skabe synergi til gavn for borgerne?"
    )
    purpose = "At udvikle, afprøve, tilpasse og evaluere konkrete synergitiltag."
    starts_on = datetime.date(2017, 8, 21)
    ends_on = datetime.date(2017, 12, 1)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    project = factory.SubFactory(ProjectFactory)
    role = Role.STEERING
    site = None
