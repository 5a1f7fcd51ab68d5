"""Two pages on one schema never lose a word (issue 12.1): saves merge per answer.

The journeys the trial found: a stale tab whose autosave was refused must not get its
next “Gem kladde” or “Send skemaet” through over the other tab's text; two tabs
editing different answers both get saved; the same answer changed on both sides shows
both versions until a person chooses; a third tab arriving mid-conflict.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from core.merge import token
from testing.models import Answer, QuestionKind, SubmissionStatus
from testing.tests.factories import QuestionFactory


def fill_url(submission):
    return reverse("testing:submission_fill", args=[submission.pk])


def autosave_url(submission):
    return reverse("testing:submission_autosave", args=[submission.pk])


def answer(submission, key):
    found = Answer.objects.filter(submission=submission, question__key=key).first()
    return None if found is None else found.form_value


@pytest.fixture
def notes(world):
    return QuestionFactory(
        section=world.section, key="noter", text="Noter", kind=QuestionKind.LONG_TEXT
    )


class Tab:
    """One browser tab on the schema page: what it loaded, and what it posts."""

    def __init__(self, user, submission):
        self.client = Client()
        self.client.force_login(user)
        self.submission = submission
        self.reload()

    def reload(self):
        html = self.client.get(fill_url(self.submission)).content.decode()
        self.version = re.search(r'name="version" value="(\d+)"', html).group(1)
        self.bases = dict(re.findall(r'name="(base-q_[\w-]+)" value="(\w+)"', html))
        self.page = re.search(r'name="page" value="(\w+)"', html).group(1)
        return html

    def data(self, **answers):
        return {"version": self.version, "page": self.page, **self.bases, **answers}

    def autosave(self, **answers):
        response = self.client.post(autosave_url(self.submission), self.data(**answers))
        if response.status_code == 200:
            # What the page script does with the answer: new version and tokens.
            html = response.content.decode()
            self.version = re.search(r'name="version"[^>]*value="(\d+)"', html).group(1)
            self.apply_sync(html)
        return response

    def apply_sync(self, html):
        import html as htmllib
        import json

        found = re.search(r'data-sync="([^"]*)"', html)
        sync = json.loads(htmllib.unescape(found.group(1)))
        for name, value in sync["bases"].items():
            self.bases[f"base-{name}"] = value
        for name, refresh in sync["refresh"].items():
            self.bases[f"base-{name}"] = refresh["base"]
        return sync

    def press(self, button, **answers):
        return self.client.post(
            fill_url(self.submission), {**self.data(**answers), button: "1"}
        )


@pytest.fixture
def tabs(world, notes):
    """Two tabs of the same coordinator, both opened before either saved."""
    user = world.users["coordinator_a"]
    return Tab(user, world.draft), Tab(user, world.draft)


@pytest.mark.parametrize("button", ["save_draft", "submit_schema"])
def test_a_refused_tab_stays_refused_until_its_person_chooses(world, tabs, button):
    a, b = tabs
    assert a.autosave(q_noter="A's tekst", q_antal="3").status_code == 200
    refused = b.autosave(q_noter="B's tekst", q_antal="3")
    assert refused.status_code == 409
    # The refusal does not move B's page on: no new version in the answer.
    assert 'name="version"' not in refused.content.decode()

    # B presses the button with the same stale page: refused again, A's text stays.
    response = b.press(button, q_noter="B's tekst", q_antal="3")
    assert response.status_code == 409
    html = response.content.decode()
    assert "Formularen blev ikke gemt" not in html
    assert 'conflict-mine">B&#x27;s tekst<' in html
    assert 'conflict-theirs">A&#x27;s tekst<' in html
    world.draft.refresh_from_db()
    assert world.draft.status == SubmissionStatus.DRAFT
    assert answer(world.draft, "noter") == "A's tekst"

    # And again: a page in conflict stays in conflict however often it is sent.
    again = b.press(button, q_noter="B's tekst", q_antal="3")
    assert again.status_code == 409
    assert answer(world.draft, "noter") == "A's tekst"


def test_two_tabs_editing_different_answers_both_get_saved(world, tabs):
    a, b = tabs
    assert a.autosave(q_noter="Fra fane A", q_antal="3").status_code == 200
    response = b.autosave(q_noter="", q_antal="17")
    assert response.status_code == 200
    assert answer(world.draft, "antal") == 17
    assert answer(world.draft, "noter") == "Fra fane A"
    # B is told A's text and its token, to bring in where B has not typed.
    sync = b.apply_sync(response.content.decode())
    assert sync["refresh"]["q_noter"]["value"] == ["Fra fane A"]
    # B's next save (it brought A's text in) keeps both.
    assert b.autosave(q_noter="Fra fane A", q_antal="18").status_code == 200
    assert (answer(world.draft, "antal"), answer(world.draft, "noter")) == (
        18,
        "Fra fane A",
    )


def test_a_tab_that_did_not_bring_in_the_other_text_does_not_erase_it(world, tabs):
    """B never applied A's text (B's field still shows empty): B's saves keep A's text."""
    a, b = tabs
    a.autosave(q_noter="Fra fane A", q_antal="3")
    stale = b.bases["base-q_noter"]
    b.autosave(q_noter="", q_antal="17")
    b.bases["base-q_noter"] = stale  # the page script could not bring A's text in
    assert b.autosave(q_noter="", q_antal="19").status_code == 200
    assert answer(world.draft, "noter") == "Fra fane A"
    assert answer(world.draft, "antal") == 19


def test_the_same_answer_shows_both_versions_until_someone_chooses(world, tabs):
    a, b = tabs
    a.autosave(q_noter="A skrev dette", q_antal="3")
    response = b.autosave(q_noter="B skrev noget andet", q_antal="3")
    html = response.content.decode()
    assert response.status_code == 409
    assert 'id="conflict-q_noter" class="answer-conflict" hx-swap-oob="true"' in html
    assert "A skrev dette" in html and "B skrev noget andet" in html
    assert "gemt af" in html  # who saved the other version, and when
    seen = re.search(r'name="seen-q_noter" value="(\w+)"', html).group(1)
    assert seen == token("A skrev dette")

    # Autosaving again with the panel on the page does not resend it (focus stays).
    again = b.autosave(
        q_noter="B skrev noget andet", q_antal="3", **{"seen-q_noter": seen}
    )
    assert again.status_code == 409
    assert 'id="conflict-q_noter"' not in again.content.decode()
    assert answer(world.draft, "noter") == "A skrev dette"

    # B keeps their own: saved, the panel goes away.
    chosen = b.autosave(
        q_noter="B skrev noget andet",
        q_antal="3",
        **{"seen-q_noter": seen, "resolve-q_noter": "mine"},
    )
    assert chosen.status_code == 200
    assert (
        '<div id="conflict-q_noter" class="answer-conflict" hx-swap-oob="true"></div>'
        in (chosen.content.decode())
    )
    assert answer(world.draft, "noter") == "B skrev noget andet"


def test_keeping_the_saved_version_brings_it_into_the_page(world, tabs):
    a, b = tabs
    a.autosave(q_noter="A skrev dette", q_antal="3")
    b.autosave(q_noter="B skrev", q_antal="3")
    chosen = b.autosave(
        q_noter="B skrev",
        q_antal="3",
        **{"seen-q_noter": token("A skrev dette"), "resolve-q_noter": "theirs"},
    )
    assert chosen.status_code == 200
    sync = b.apply_sync(chosen.content.decode())
    assert sync["refresh"]["q_noter"]["value"] == ["A skrev dette"]
    assert answer(world.draft, "noter") == "A skrev dette"


def test_a_third_tab_arriving_mid_conflict(world, tabs):
    a, b = tabs
    a.autosave(q_noter="A", q_antal="3")
    b.autosave(q_noter="B", q_antal="3")  # B is in conflict with A
    c = Tab(world.users["coordinator_a"], world.draft)  # C opens now: sees A's text
    assert "A</textarea>" in c.reload()
    assert c.autosave(q_noter="C", q_antal="3").status_code == 200
    # B chooses against A's version, which is no longer the stored one.
    late = b.autosave(
        q_noter="B",
        q_antal="3",
        **{"seen-q_noter": token("A"), "resolve-q_noter": "mine"},
    )
    assert late.status_code == 409
    html = late.content.decode()
    assert "ændret igen et andet sted" in html
    assert 'conflict-theirs">C<' in html
    assert answer(world.draft, "noter") == "C"


def test_without_javascript_the_choice_is_made_on_the_page_and_saved(world, tabs):
    a, b = tabs
    a.autosave(q_noter="A", q_antal="3")
    response = b.press("save_draft", q_noter="B", q_antal="3")
    assert response.status_code == 409
    html = response.content.decode()
    seen = re.search(r'name="seen-q_noter" value="(\w+)"', html).group(1)
    base = re.search(r'name="base-q_noter" value="(\w+)"', html).group(1)
    assert base == b.bases["base-q_noter"]  # still the page's old base: in conflict
    done = b.client.post(
        fill_url(world.draft),
        {
            **b.data(q_noter="B", q_antal="3"),
            "seen-q_noter": seen,
            "resolve-q_noter": "mine",
            "save_draft": "1",
        },
    )
    assert done.status_code == 302
    assert answer(world.draft, "noter") == "B"


def test_sending_a_page_that_was_out_of_date_asks_for_a_look_first(world, tabs):
    a, b = tabs
    a.autosave(q_noter="A's bemærkning", q_antal="3")
    response = b.press("submit_schema", q_noter="", q_antal="4")
    assert response.status_code == 409
    html = response.content.decode()
    assert "ændret et andet sted, mens du skrev" in html
    assert "A&#x27;s bemærkning</textarea>" in html  # brought into the page
    world.draft.refresh_from_db()
    assert world.draft.status == SubmissionStatus.DRAFT
    assert answer(world.draft, "antal") == 4  # B's change is saved as a draft
    # Sent again from the page as it now is: submitted, with both texts.
    b.version = re.search(r'name="version" value="(\d+)"', html).group(1)
    b.bases = dict(re.findall(r'name="(base-q_[\w-]+)" value="(\w+)"', html))
    done = b.press("submit_schema", q_noter="A's bemærkning", q_antal="4")
    assert done.status_code == 302
    world.draft.refresh_from_db()
    assert world.draft.status == SubmissionStatus.SUBMITTED
    assert answer(world.draft, "noter") == "A's bemærkning"


def test_a_page_sent_with_htmx_gets_a_client_redirect(world, tabs):
    a, _b = tabs
    response = a.client.post(
        fill_url(world.draft),
        {**a.data(q_noter="x", q_antal="3"), "submit_schema": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == world.draft.get_absolute_url()


def test_submitted_elsewhere_keeps_the_words_on_the_page(world, tabs):
    a, b = tabs
    assert a.press("submit_schema", q_noter="A", q_antal="3").status_code == 302
    response = b.autosave(q_noter="B's lange tekst", q_antal="3")
    assert response.status_code == 409
    assert "indsendt" in response.content.decode()
    page = b.press("save_draft", q_noter="B's lange tekst", q_antal="3")
    assert page.status_code == 409
    assert "B&#x27;s lange tekst</textarea>" in page.content.decode()
    assert answer(world.draft, "noter") == "A"


def test_a_save_whose_answer_was_lost_does_not_conflict_with_itself(world, tabs):
    """The page's save reached the server but its answer never came back (a lost
    connection, or the next save cut it short): the page still has its old tokens.
    Its next save must not meet its own text as somebody else's."""
    a, b = tabs
    before = dict(a.bases)
    assert a.autosave(q_noter="Linje et", q_antal="3").status_code == 200
    a.bases, a.version = before, "0"  # the answer was lost: nothing applied
    again = a.autosave(q_noter="Linje et\nlinje to", q_antal="3")
    assert again.status_code == 200
    assert answer(world.draft, "noter") == "Linje et\nlinje to"
    # Another page is still somebody else: its change of the same answer conflicts.
    assert b.autosave(q_noter="Fra B", q_antal="3").status_code == 409
    assert answer(world.draft, "noter") == "Linje et\nlinje to"
