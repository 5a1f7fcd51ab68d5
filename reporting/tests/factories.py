"""Test data for the catalogue: another tested initiative with its own chapter."""

import itertools

from initiatives.tests.factories import (
    DecidedIdeaFactory,
    InitiativeFactory,
    QuoteFactory,
)
from reporting import services
from testing import services as testing_services
from testing.tests.factories import TestRunFactory

_numbers = itertools.count(1)


def chapter_for(world):
    """A chapter for a new initiative tested at site A, with a picked quote."""
    number = next(_numbers)
    initiative = InitiativeFactory(
        idea=DecidedIdeaFactory(project=world.project, title=f"Tiltag nr. {number}")
    )
    run = TestRunFactory(
        initiative=initiative, project=world.project, site=world.site_a
    )
    testing_services.run_sync_submissions(run=run)
    chapter = services.chapter_add(catalogue=world.catalogue, initiative=initiative)
    quote = QuoteFactory(project=world.project, consent_to_publish=True, reviewed=True)
    quote.initiatives.add(initiative)
    chapter.quotes.add(quote)
    return chapter
