import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from initiatives.tests.factories import InitiativeFactory
from sites.tests.factories import SiteFactory
from testing.models import (
    AdvisoryVisit,
    InterviewQuestion,
    PhoneInterview,
    Question,
    QuestionKind,
    SchemaTemplate,
    SchemaVersion,
    Section,
    TestGuide,
    TestRun,
)


class SchemaTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchemaTemplate

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Ugeskema {n}")


class SchemaVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchemaVersion

    template = factory.SubFactory(SchemaTemplateFactory)
    number = 1


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(SchemaVersionFactory)
    title = factory.Sequence(lambda n: f"Afsnit {n}")
    position = factory.Sequence(lambda n: n)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    key = factory.Sequence(lambda n: f"spoergsmaal-{n}")
    position = factory.Sequence(lambda n: n)
    kind = QuestionKind.INTEGER
    text = factory.Sequence(lambda n: f"Antal henvisninger {n}")


class TestGuideFactory(factory.django.DjangoModelFactory):
    __test__ = False  # not a pytest test class, whatever its name

    class Meta:
        model = TestGuide

    initiative = factory.SubFactory(InitiativeFactory)
    purpose = "At afprøve en rejseudstilling."
    activities = ["Stil udstillingen op", "Nævn den ved betjening"]


class TestRunFactory(factory.django.DjangoModelFactory):
    __test__ = False  # not a pytest test class, whatever its name

    class Meta:
        model = TestRun

    initiative = factory.SubFactory(InitiativeFactory)
    project = factory.SelfAttribute("initiative.project")
    site = factory.SubFactory(SiteFactory)
    template = factory.SubFactory(
        SchemaTemplateFactory, initiative=factory.SelfAttribute("..initiative")
    )
    starts_week = datetime.date(2017, 9, 11)
    ends_week = datetime.date(2017, 10, 16)


class AdvisoryVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdvisoryVisit

    site = factory.SubFactory(SiteFactory)
    visited_on = datetime.date(2017, 9, 27)
    notes = "Udstillingen står godt."


class InterviewQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewQuestion

    text = factory.Sequence(lambda n: f"Spørgsmål {n}?")


class PhoneInterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhoneInterview

    site = factory.SubFactory(SiteFactory)
    held_on = datetime.date(2017, 10, 24)


def image_upload(name="foto.png", kind="PNG", size=(64, 48), exif=None, extra=b""):
    """A real image file as an upload (optionally with EXIF and bytes appended after it)."""
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 40, 40))
    if exif is not None:
        image.save(out, format=kind, exif=exif)
    else:
        image.save(out, format=kind)
    return SimpleUploadedFile(
        name, out.getvalue() + extra, content_type=f"image/{kind.lower()}"
    )
