import datetime

import pytest
from django.core.exceptions import ValidationError

from initiatives.forms import (
    LinesField,
    QuoteForm,
    ScreeningCriterionForm,
    ServiceSynergyCardForm,
    TermForm,
    WeekField,
)
from initiatives.tests.factories import (
    IdeaScoreFactory,
    InterviewFactory,
    ScreeningCriterionFactory,
    ServiceSynergyCardFactory,
    TermFactory,
)
from projects.tests.factories import ProjectFactory
from sites.tests.factories import CitizenServiceFactory, SiteFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text,monday",
    [
        ("2017-W34", datetime.date(2017, 8, 21)),
        ("2017-w01", datetime.date(2017, 1, 2)),
        ("2020-W53", datetime.date(2020, 12, 28)),
    ],
)
def test_week_field_reads_iso_weeks(text, monday):
    assert WeekField().clean(text) == monday


@pytest.mark.parametrize("text", ["uge 34", "2017-W54", "2017", "34/2017"])
def test_week_field_refuses_other_text(text):
    with pytest.raises(ValidationError, match="2017-W34"):
        WeekField().clean(text)


def test_week_field_shows_a_date_as_its_week():
    assert WeekField().prepare_value(datetime.date(2017, 8, 23)) == "2017-W34"


def test_lines_field_keeps_order_and_drops_blank_lines():
    field = LinesField(required=False)
    assert field.clean("  første\n\nanden  \n") == ["første", "anden"]
    assert field.prepare_value(["a", "b"]) == "a\nb"


def test_terms_are_unique_per_vocabulary_ignoring_case():
    term = TermFactory(name="Nye pensionister")
    same = TermForm(
        project=term.project,
        data={"vocabulary": "target_group", "name": "NYE PENSIONISTER"},
    )
    assert same.errors["name"] == ["Ordlisten har allerede dette begreb."]
    other_vocabulary = TermForm(
        project=term.project,
        data={"vocabulary": "quote_tag", "name": "Nye pensionister"},
    )
    assert other_vocabulary.is_valid(), other_vocabulary.errors
    other_project = TermForm(
        project=ProjectFactory(),
        data={"vocabulary": "target_group", "name": "Nye pensionister"},
    )
    assert other_project.is_valid(), other_project.errors


def test_card_title_defaults_to_the_service_and_one_card_per_service():
    project = ProjectFactory()
    service = CitizenServiceFactory(name="Vielse")
    form = ServiceSynergyCardForm(project=project, data={"service": service.pk})
    assert form.is_valid(), form.errors
    assert form.save().title == "Vielse"
    again = ServiceSynergyCardForm(project=project, data={"service": service.pk})
    assert again.errors["service"] == [
        "Forløbet har allerede et kort for denne ydelse."
    ]
    group = ServiceSynergyCardForm(project=project, data={})
    assert group.errors["title"] == [
        "Giv kortet en titel, når det ikke handler om én ydelse."
    ]


def test_card_channels_are_stored_as_keys():
    card = ServiceSynergyCardFactory()
    form = ServiceSynergyCardForm(
        project=card.project,
        instance=card,
        data={"service": card.service.pk, "channels": ["oral", "screen"]},
    )
    assert form.is_valid(), form.errors
    assert form.save().get_channels_display() == [
        "Mundtlig henvisning under betjening",
        "Info på skærm",
    ]


def test_criterion_scale_cannot_shrink_below_given_scores():
    score = IdeaScoreFactory(value=5)
    criterion = score.criterion
    form = ScreeningCriterionForm(
        project=criterion.project,
        instance=criterion,
        data={"name": criterion.name, "scale_min": 1, "scale_max": 4},
    )
    assert form.errors["scale_max"] == [
        "1 afgivne scorer ligger uden for den nye skala."
    ]
    reversed_scale = ScreeningCriterionForm(
        project=ScreeningCriterionFactory().project,
        data={"name": "X", "scale_min": 5, "scale_max": 1},
    )
    assert reversed_scale.errors["scale_max"] == [
        "Den højeste score skal være større end den laveste."
    ]


def test_a_quote_must_match_its_interview():
    interview = InterviewFactory()
    other_site = SiteFactory()
    interview.project.sites.add(interview.site, other_site)
    form = QuoteForm(
        project=interview.project,
        data={
            "text": "x",
            "speaker_label": "Lone",
            "interview": interview.pk,
            "site": other_site.pk,
        },
    )
    assert not form.is_valid()
    assert form.errors["site"] == [f"Passer ikke med interviewet ({interview.site})."]
