"""Repeated sections: one entry per event in the week, added and removed by the
coordinator, saved per entry, counted, and exported one row per entry."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.merge import token
from core.services import ActionRefused
from dashboards.selectors.buckets import answer_buckets
from testing import services
from testing.models import Answer, Question, QuestionKind, RepeatEntry, Submission
from testing.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(world):
    """A repeated section "Arrangementer" with a title and a count per entry."""
    Question.objects.filter(section=world.section).update(position=1)
    section = services.schema_section_save(
        template=world.schema, title="Arrangementer", position=5, repeats=True
    )
    version = section.version
    QuestionFactory(
        section=section,
        key="titel",
        text="Titel",
        kind=QuestionKind.SHORT_TEXT,
        position=1,
        required=True,
    )
    QuestionFactory(
        section=section,
        key="deltagere",
        text="Antal deltagere",
        kind=QuestionKind.INTEGER,
        position=2,
    )
    draft = Submission.objects.get(pk=world.draft.pk)
    if draft.schema_version_id != version.pk:
        Submission.objects.filter(pk=draft.pk).update(schema_version=version)
    return section


def _draft(world):
    return Submission.objects.get(pk=world.draft.pk)


def _add(world, seen):
    return services.submission_entry_add(
        submission=_draft(world),
        section_key="arrangementer",
        user=world.users["coordinator_a"],
        seen=seen,
    )


def test_entries_are_added_once_per_press_and_saved_per_entry(world, events):
    first = _add(world, seen=0)
    again = _add(world, seen=0)  # the same press twice (a double click)
    assert again == first
    second = _add(world, seen=1)
    assert RepeatEntry.objects.filter(submission=world.draft).count() == 2
    draft = services.submission_save_draft(
        submission=_draft(world),
        values={
            f"titel@{first.uid.hex}": "Pension og bibliotek",
            f"deltagere@{first.uid.hex}": 14,
            f"titel@{second.uid.hex}": "Spørg om digital post",
            f"deltagere@{second.uid.hex}": 9,
            "deltagere@" + "0" * 32: 1000,  # no such entry: not saved
        },
        user=world.users["coordinator_a"],
        expected_version=_draft(world).version,
    )
    stored = Answer.objects.filter(submission=draft, entry__isnull=False)
    assert sorted(a.value_integer for a in stored if a.value_integer) == [9, 14]
    buckets = answer_buckets(
        initiative_ids=[world.initiative.pk], site_ids=None, keys=["deltagere"]
    )
    # Only sent schemas are counted; the draft's entries are not yet.
    assert not any(
        b.total
        for b in buckets.get(
            (world.initiative.pk, world.site_a.pk, "deltagere"), {}
        ).values()
    )


def test_a_removed_entry_keeps_its_answers_hidden_and_uncounted(world, events):
    entry = _add(world, seen=0)
    services.submission_save_draft(
        submission=_draft(world),
        values={f"titel@{entry.uid.hex}": "Aflyst", f"deltagere@{entry.uid.hex}": 3},
        user=world.users["coordinator_a"],
        expected_version=_draft(world).version,
    )
    services.submission_entry_remove(
        submission=_draft(world), uid=entry.uid.hex, user=world.users["coordinator_a"]
    )
    services.submission_entry_remove(  # a double click: no change, no error
        submission=_draft(world), uid=entry.uid.hex, user=world.users["coordinator_a"]
    )
    kept = Answer.objects.filter(entry=entry)
    assert kept.count() == 2 and all(a.hidden for a in kept)
    with pytest.raises(ActionRefused):
        services.submission_entry_remove(
            submission=_draft(world),
            uid="ikke-et-id",
            user=world.users["coordinator_a"],
        )
    # A required question of a removed entry does not hold the schema back.
    draft = services.submission_save_draft(
        submission=_draft(world),
        values={"antal": 2},
        user=world.users["coordinator_a"],
        expected_version=_draft(world).version,
    )
    assert (
        services.submission_submit(
            submission=draft,
            values={"antal": 2},
            user=world.users["coordinator_a"],
            expected_version=draft.version,
        ).status
        == "submitted"
    )


def test_each_live_entry_must_answer_its_required_questions(world, events):
    entry = _add(world, seen=0)
    draft = services.submission_save_draft(
        submission=_draft(world),
        values={"antal": 2, f"deltagere@{entry.uid.hex}": 5},
        user=world.users["coordinator_a"],
        expected_version=_draft(world).version,
    )
    with pytest.raises(ActionRefused, match="Titel"):
        services.submission_submit(
            submission=draft,
            values={"antal": 2},
            user=world.users["coordinator_a"],
            expected_version=draft.version,
        )


def test_a_sent_schema_takes_no_entries(world, events):
    with pytest.raises(ActionRefused):
        services.submission_entry_add(
            submission=world.submitted,
            section_key="arrangementer",
            user=world.users["coordinator_a"],
            seen=0,
        )
    with pytest.raises(ActionRefused):
        services.submission_entry_add(
            submission=_draft(world),
            section_key="ikke-et-afsnit",
            user=world.users["coordinator_a"],
            seen=0,
        )


def test_the_page_adds_fills_and_removes_entries(client_for, world, events):
    client = client_for("coordinator_a")
    url = reverse("testing:submission_fill", args=[world.draft.pk])
    draft = _draft(world)
    response = client.post(
        url,
        {
            "version": draft.version,
            "q_antal": "4",
            "add_entry": "arrangementer",
            "seen-entries-arrangementer": "0",
        },
    )
    assert response.status_code == 302
    entry = RepeatEntry.objects.get(submission=draft)
    # A new address, not only a new "#": the page script loads the page again.
    assert response["Location"].endswith(
        f"?entry={entry.uid.hex}#entry-{entry.uid.hex}"
    )
    assert (
        Answer.objects.get(submission=draft, question__key="antal").value_integer == 4
    )
    page = client.get(url).content.decode()
    assert "Arrangementer 1" in page and f'name="q_titel@{entry.uid.hex}"' in page
    draft = _draft(world)
    response = client.post(
        url,
        {
            "version": draft.version,
            "q_antal": "4",
            "save_draft": "1",
            f"q_titel@{entry.uid.hex}": "Kaffe og pension",
            f"q_deltagere@{entry.uid.hex}": "12",
            # The page holds a base token for each field it shows (core.merge).
            f"base-q_titel@{entry.uid.hex}": token(None),
            f"base-q_deltagere@{entry.uid.hex}": token(None),
        },
    )
    assert response.status_code == 302
    assert (
        Answer.objects.get(entry=entry, question__key="deltagere").value_integer == 12
    )
    detail = client.get(reverse("testing:submission_detail", args=[draft.pk]))
    assert "Kaffe og pension" in detail.content.decode()
    draft = _draft(world)
    for hostile in ("<script>", "0" * 32, "x" * 500):
        response = client.post(url, {"version": draft.version, "remove_entry": hostile})
        assert response.status_code == 302  # a clear message, never a 500
    response = client.post(
        url, {"version": _draft(world).version, "remove_entry": entry.uid.hex}
    )
    assert response.status_code == 302
    assert RepeatEntry.objects.get(pk=entry.pk).removed_at is not None
    assert "Kaffe og pension" not in client.get(url).content.decode()


def test_the_export_has_a_sheet_with_a_row_per_entry(client_for, world, events):
    first, second = _add(world, seen=0), _add(world, seen=1)
    draft = services.submission_save_draft(
        submission=_draft(world),
        values={
            "antal": 7,
            f"titel@{first.uid.hex}": '=HYPERLINK("x")',
            f"deltagere@{first.uid.hex}": 14,
            f"titel@{second.uid.hex}": "Digital post",
            f"deltagere@{second.uid.hex}": 9,
        },
        user=world.users["coordinator_a"],
        expected_version=_draft(world).version,
    )
    services.submission_submit(
        submission=draft,
        values={"antal": 7},
        user=world.users["coordinator_a"],
        expected_version=draft.version,
    )
    client = client_for("consultant")
    response = client.get(
        reverse("reporting:export", args=[world.project.pk, "submissions", "xlsx"])
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames[1] == "gentagelser"
    main = list(workbook.worksheets[0].values)
    assert "Titel" not in main[0]  # an entry's questions are not columns of a schema
    rows = list(workbook.worksheets[1].values)
    assert rows[0][:7] == ("Tiltag", "Sted", "Periode", "Uge", "År", "Afsnit", "Nr.")
    body = sorted(rows[1:], key=lambda r: r[6])
    assert [(r[5], r[6]) for r in body] == [("Arrangementer", 1), ("Arrangementer", 2)]
    titles = rows[0].index("Titel")
    assert body[0][titles] == '=HYPERLINK("x")'  # text, not a formula
    assert body[1][rows[0].index("Antal deltagere")] == 9
    csv = client.get(
        reverse("reporting:export", args=[world.project.pk, "entries", "csv"])
    )
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert "Digital post" in text and "'=HYPERLINK" in text
    # Counted: the sum of the entries' participants in the week.
    buckets = answer_buckets(
        initiative_ids=[world.initiative.pk], site_ids=None, keys=["deltagere"]
    )
    week = draft.week.isocalendar().week
    assert (
        buckets[(world.initiative.pk, world.site_a.pk, "deltagere")][week].total == 23
    )


def test_pages_cost_the_same_queries_with_one_entry_or_many(
    client_for, world, events, count_queries
):
    client = client_for("coordinator_a")
    urls = [
        reverse("testing:submission_fill", args=[world.draft.pk]),
        reverse("testing:submission_detail", args=[world.draft.pk]),
    ]

    def fill(entries):
        values = {"antal": 1}
        for entry in entries:
            values[f"titel@{entry.uid.hex}"] = "Arrangement"
            values[f"deltagere@{entry.uid.hex}"] = 5
        services.submission_save_draft(
            submission=_draft(world),
            values=values,
            user=world.users["coordinator_a"],
            expected_version=_draft(world).version,
        )

    fill([_add(world, seen=0)])
    small = [count_queries(lambda url=url: client.get(url))[0] for url in urls]
    fill(
        list(RepeatEntry.objects.filter(submission=world.draft))
        + [_add(world, seen=n) for n in range(1, 6)]
    )
    large = [count_queries(lambda url=url: client.get(url))[0] for url in urls]
    assert large == small


def test_words_typed_into_an_entry_removed_elsewhere_are_not_lost_silently(
    client_for, world, events
):
    entry = _add(world, seen=0)
    client = client_for("coordinator_a")
    services.submission_entry_remove(  # in another tab
        submission=_draft(world), uid=entry.uid.hex, user=world.users["coordinator_a"]
    )
    page_version = _draft(world).version
    response = client.post(
        reverse("testing:submission_autosave", args=[world.draft.pk]),
        {
            "version": page_version,
            "q_antal": "6",
            f"q_titel@{entry.uid.hex}": "Højtlæsning for pensionister",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "fjernet et andet sted" in html and "Højtlæsning for pensionister" in html
    assert (
        Answer.objects.get(submission=world.draft, question__key="antal").value_integer
        == 6
    )
    assert not Answer.objects.filter(value_text="Højtlæsning for pensionister").exists()
    response = client.post(
        reverse("testing:submission_fill", args=[world.draft.pk]),
        {
            "version": _draft(world).version,
            "save_draft": "1",
            "q_antal": "6",
            f"q_titel@{entry.uid.hex}": "Højtlæsning for pensionister",
        },
    )
    assert response.status_code == 409
    assert "Højtlæsning for pensionister" in response.content.decode()


def test_an_entry_added_elsewhere_is_no_conflict_for_a_page_without_it(
    client_for, world, events
):
    client = client_for("coordinator_a")
    page_version = _draft(world).version  # tab A opens the schema: no entries
    other = _add(world, seen=0)  # tab B adds an entry and names it
    services.submission_save_draft(
        submission=_draft(world),
        values={f"titel@{other.uid.hex}": "B's arrangement"},
        user=world.users["coordinator_a"],
        expected_version=_draft(world).version,
    )
    response = client.post(  # tab A saves what it has: its own answer only
        reverse("testing:submission_autosave", args=[world.draft.pk]),
        {
            "version": page_version,
            "page": "a" * 32,
            "q_antal": "9",
            "base-q_antal": token(3),
        },
    )
    assert response.status_code == 200, response.content.decode()[:500]
    assert Answer.objects.get(entry=other, question__key="titel").value_text == (
        "B's arrangement"
    )
    assert (
        Answer.objects.get(submission=world.draft, question__key="antal").value_integer
        == 9
    )


def test_an_untouched_removed_entry_is_no_loss(client_for, world, events):
    entry = _add(world, seen=0)
    services.submission_save_draft(
        submission=_draft(world),
        values={f"deltagere@{entry.uid.hex}": 6},
        user=world.users["coordinator_a"],
        expected_version=_draft(world).version,
    )
    services.submission_entry_remove(  # in another tab
        submission=_draft(world), uid=entry.uid.hex, user=world.users["coordinator_a"]
    )
    response = client_for("coordinator_a").post(
        reverse("testing:submission_autosave", args=[world.draft.pk]),
        {
            "version": _draft(world).version,
            "q_antal": "5",
            "base-q_antal": token(3),
            # The page still shows the removed entry as it loaded it.
            f"q_deltagere@{entry.uid.hex}": "6",
            f"base-q_deltagere@{entry.uid.hex}": token(6),
        },
    )
    assert response.status_code == 200
    assert "fjernet" not in response.content.decode()


def test_the_same_press_adds_one_entry_and_another_page_adds_its_own(world, events):
    def add(page, seen):
        return services.submission_entry_add(
            submission=_draft(world),
            section_key="arrangementer",
            user=world.users["coordinator_a"],
            seen=seen,
            page=page,
        )

    first = add("a" * 32, 0)
    assert add("a" * 32, 0) == first  # a double click
    other = add("b" * 32, 0)  # another tab, which also showed no entries
    assert other != first
    assert RepeatEntry.objects.filter(submission=world.draft).count() == 2
