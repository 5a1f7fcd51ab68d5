"""Fuzzing the forms with hypothesis: whatever is typed into a schema, a quote or a site,
the answer is the form with its errors (200/422) or a redirect, never a server error,
and what was saved reads back exactly (as the form cleans it: stripped of outer space).

Bounded (HYPOTHESIS_EXAMPLES, default 25 per form) so the suite stays quick in CI.
"""

import os

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from initiatives.models import Quote
from sites.models import Site
from testing.models import Answer, QuestionKind, Submission
from testing.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: a failure can be repeated
)
# Any text, control characters and NUL included (surrogates cannot be sent as UTF-8).
ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=300
)
NUMBERISH = st.one_of(
    ANY_TEXT,
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["1,5", "1.5", "1e3", "٣", "-0", " 7 ", "9" * 40]),
)


def cleaned(text):
    return text.strip()


@pytest.fixture
def text_question(world):
    return QuestionFactory(
        section=world.section, key="noter", text="Noter", kind=QuestionKind.LONG_TEXT
    )


@FUZZ
@given(number=NUMBERISH, note=ANY_TEXT)
def test_a_schema_takes_any_input_without_a_server_error(
    client_for, world, text_question, number, note
):
    client = client_for("coordinator_a")
    submission = Submission.objects.get(pk=world.draft.pk)
    with transaction.atomic():
        response = client.post(
            reverse("testing:submission_autosave", args=[submission.pk]),
            {"version": submission.version, "q_antal": number, "q_noter": note},
        )
    assert response.status_code in (200, 422), (number, note, response.status_code)
    if response.status_code == 200:
        saved = Answer.objects.filter(submission=submission, question__key="noter")
        value = saved.first().value_text if saved.exists() else ""
        assert value == cleaned(note)


@FUZZ
@given(text=ANY_TEXT, speaker=ANY_TEXT)
def test_a_quote_takes_any_input_without_a_server_error(
    client_for, world, text, speaker
):
    client = client_for("consultant")
    before = Quote.objects.count()
    response = client.post(
        reverse("initiatives:quote_create", args=[world.project.pk]),
        {"text": text, "speaker_label": speaker},
    )
    assert response.status_code in (200, 302), (text, speaker, response.status_code)
    if response.status_code == 302:
        quote = Quote.objects.latest("pk")
        assert Quote.objects.count() == before + 1
        assert (quote.text, quote.speaker_label) == (cleaned(text), cleaned(speaker))


@FUZZ
@given(name=ANY_TEXT, address=ANY_TEXT, since=NUMBERISH)
def test_a_site_takes_any_input_without_a_server_error(
    client_for, world, name, address, since
):
    client = client_for("consultant")
    response = client.post(
        reverse("sites:site_create"),
        {
            "name": name,
            "municipality": world.municipality.pk,
            "integration_degree": 1,
            "borgerservice_since": since,
            "address": address,
        },
    )
    assert response.status_code in (200, 302), (name, address, response.status_code)
    if response.status_code == 302:
        site = Site.objects.latest("pk")
        assert (site.name, site.address) == (cleaned(name), cleaned(address))
