import datetime

import factory
from django.contrib.auth import get_user_model

from projects.models import Membership, Project, Role

# First names tests write into quotes, comments and strangers' accounts to check that
# they stay hidden; a random account name must never be one of them, or a test that
# asserts "Karina" is absent fails by chance.
NAMES_TESTS_HIDE = frozenset(
    {"Birthe", "Elvira", "Frida", "Ingeborg", "Kaj", "Karina", "Lone"}
)
_faker = factory.Faker._get_faker(locale="da_DK")


def _first_name() -> str:
    while (name := _faker.first_name()) in NAMES_TESTS_HIDE:
        pass
    return name


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = factory.LazyFunction(_first_name)
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
