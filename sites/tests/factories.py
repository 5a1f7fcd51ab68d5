import datetime

import factory

from sites.models import (
    CitizenService,
    HoursKind,
    Municipality,
    OpeningHours,
    ServiceCategory,
    ServiceLevel,
    ServiceOffering,
    ServicePoint,
    Site,
)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Kommune {n}")


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    name = factory.Sequence(lambda n: f"Bibliotek {n} (med Borgerservice)")
    municipality = factory.SubFactory(MunicipalityFactory)
    borgerservice_since = 2015
    staff_count = 10


class ServicePointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePoint

    name = factory.Sequence(lambda n: f"Lokalbibliotek {n}")
    municipality = factory.SubFactory(MunicipalityFactory)


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    site = factory.SubFactory(SiteFactory)
    weekday = 1
    opens_at = datetime.time(10, 0)
    closes_at = datetime.time(15, 0)
    kind = HoursKind.FULL


class CitizenServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CitizenService

    name = factory.Sequence(lambda n: f"Ydelse {n}")
    category = ServiceCategory.OTHER


class ServiceOfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceOffering

    service = factory.SubFactory(CitizenServiceFactory)
    site = factory.SubFactory(SiteFactory)
    level = ServiceLevel.FULL
