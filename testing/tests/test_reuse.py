"""A new project from an earlier one, and test kits: what is copied, the weeks, one
transaction, one copy per page, the kit file's round trip and its checks."""

import datetime
import json
from unittest import mock

import pytest

from initiatives.models import (
    Decision,
    Idea,
    Initiative,
    InitiativeStatus,
    Interview,
    Meeting,
    Quote,
    ScreeningCriterion,
    Term,
    Theme,
    TimelineItem,
)
from initiatives.tests.factories import TimelineItemFactory
from projects.models import AuditAction, AuditEvent, Invitation, Membership, Project
from testing import kits, services
from testing.models import (
    CopyRecord,
    Question,
    SchemaTemplate,
    Submission,
    TestGuide,
    TestKit,
    TestRun,
)
from testing.reuse import GROUPS, copy_plan, shift_schedule_week, week_label

ALL = list(GROUPS)


def week(year, number):
    return datetime.date.fromisocalendar(year, number, 1)


@pytest.fixture
def source(world):
    """The world's project with a criterion whose baseline was measured at site A."""
    guide = world.guide
    guide.criteria = [
        {
            "key": "henvisninger",
            "measure": "sum",
            "comparison": "above_baseline",
            "target": "20",
            "period": "week",
            "applies": "each",
            "question_key": "antal",
            "baselines": {str(world.site_a.pk): "4"},
        }
    ]
    guide.schedule = [["2017-W37", "Start"], ["2017-W52", "Jul"]]
    guide.save()
    return world.project


WEEK_12_2018 = datetime.date(2018, 3, 19)


def copy(world, *, name="Synergi 2018", start=WEEK_12_2018, groups=ALL, key="a" * 32):
    project, created = services.project_copy(
        source=world.project,
        name=name,
        starts_week=start,
        groups=groups,
        user=world.users["consultant"],
        key=key,
    )
    return project, created


def test_the_copy_has_the_reusable_parts_and_nothing_personal(world, source):
    """Criteria, vocabularies, timeline, initiatives with guide (criteria without
    baselines) and schemas as version 1, the sites; no people, evidence, ideas,
    decisions, meetings, runs or answers."""
    project, created = copy(world)
    assert created
    assert list(project.criteria.values_list("name", flat=True)) == [
        "Værdi for borgerne"
    ]
    assert list(project.terms.values_list("name", flat=True)) == ["Nye pensionister"]
    assert project.themes.count() == 1
    assert project.solution_spaces.get().sites.count() == 0
    assert set(project.sites.all()) == {world.site_a, world.site_b}
    initiative = Initiative.objects.get(project=project)
    assert initiative.name == world.initiative.name
    assert initiative.status == InitiativeStatus.PLANNED
    assert initiative.idea is None
    assert initiative.test_sites.count() == 0
    guide = TestGuide.objects.get(initiative=initiative)
    assert guide.versions.count() == 0  # a draft, not published
    assert guide.purpose == world.guide.purpose
    assert guide.criteria[0]["question_key"] == "antal"
    assert guide.criteria[0]["baselines"] == {}
    template = SchemaTemplate.objects.get(initiative=initiative)
    assert list(template.versions.values_list("number", flat=True)) == [1]
    keys = set(
        Question.objects.filter(section__version__template=template).values_list(
            "key", flat=True
        )
    )
    assert {"antal", "foto", "citater"} <= keys
    assert Question.objects.get(
        section__version__template=template, key="citater"
    ).holds_personal_data
    # Nothing personal and nothing of the old project's work.
    assert list(
        Membership.objects.filter(project=project).values_list("user", "role")
    ) == [(world.users["consultant"].pk, "consultant")]
    for model, path in [
        (Invitation, "project"),
        (Interview, "project"),
        (Quote, "project"),
        (Idea, "project"),
        (Decision, "project"),
        (Meeting, "project"),
        (TestRun, "project"),
        (Submission, "run__project"),
    ]:
        assert model.objects.filter(**{path: project}).count() == 0, model
    # The source is unchanged.
    assert Initiative.objects.filter(project=world.project).count() == 1
    # The audit trail names the source.
    event = AuditEvent.objects.get(action=AuditAction.COPIED)
    assert event.project_id == project.pk
    assert f"fra forløb {world.project.pk}: Forløbet" == event.detail


def test_the_timeline_keeps_its_offsets_across_a_year_boundary(world, source):
    """Items keep their distance to the first; ISO years are counted right (2017
    has 52 weeks, 2020 has 53: three weeks after week 52 2020 is week 2 2021)."""
    TimelineItem.objects.filter(project=world.project).delete()
    TimelineItemFactory(
        project=world.project,
        title="Første",
        starts_week=week(2017, 51),
        ends_week=week(2017, 52),
    )
    TimelineItemFactory(
        project=world.project,
        title="Efter nytår",
        starts_week=week(2018, 2),
        ends_week=week(2018, 3),
    )
    project, _created = copy(world, start=week(2020, 52))
    items = list(TimelineItem.objects.filter(project=project).order_by("starts_week"))
    assert [(i.starts_week, i.ends_week) for i in items] == [
        (week(2020, 52), week(2020, 53)),
        (week(2021, 2), week(2021, 3)),
    ]
    assert not any(i.done for i in items)
    plan = copy_plan(project=world.project, starts_week=week(2020, 52))
    assert [row.new_label for row in plan.timeline] == [
        "uge 52 2020 – uge 53 2020",
        "uge 2 2021 – uge 3 2021",
    ]
    assert [row.old_label for row in plan.timeline] == [
        "uge 51 2017 – uge 52 2017",
        "uge 2 2018 – uge 3 2018",
    ]
    # The guide's schedule moves with it (5 weeks back and 3 years on).
    guide = TestGuide.objects.get(initiative__project=project)
    assert guide.schedule == [["2020-W38", "Start"], ["2020-W53", "Jul"]]


def test_week_labels_use_the_iso_year():
    assert week_label(datetime.date(2018, 12, 31)) == "uge 1 2019"
    assert week_label(datetime.date(2021, 1, 4)) == "uge 1 2021"
    assert week_label(datetime.date(2020, 12, 28)) == "uge 53 2020"
    assert shift_schedule_week("2017-W52", datetime.timedelta(weeks=1)) == "2018-W01"
    assert (
        shift_schedule_week("ikke en uge", datetime.timedelta(weeks=1)) == "ikke en uge"
    )


def test_unticked_groups_are_not_copied(world, source):
    project, _created = copy(world, groups=["criteria"])
    assert project.criteria.count() == 1
    assert project.terms.count() == 0
    assert project.timeline.count() == 0
    assert project.sites.count() == 0
    assert Theme.objects.filter(project=project).count() == 0
    assert Initiative.objects.filter(project=project).count() == 0


def test_a_failure_mid_copy_leaves_nothing(world, source):
    """The copy is one transaction: a failure while copying the schemas leaves no
    project, criteria, terms, timeline or initiative behind."""
    before = {
        model: model.objects.count()
        for model in (
            Project,
            ScreeningCriterion,
            Term,
            TimelineItem,
            Initiative,
            CopyRecord,
        )
    }
    with (
        mock.patch(
            "testing.services.reuse._template_copy", side_effect=RuntimeError("boom")
        ),
        pytest.raises(RuntimeError),
    ):
        copy(world)
    assert {model: model.objects.count() for model in before} == before
    assert not Project.objects.filter(name="Synergi 2018").exists()


def test_the_same_page_sent_twice_makes_one_project(world, source):
    first, created = copy(world)
    again, created_again = copy(world)
    assert (created, created_again) == (True, False)
    assert first == again
    assert Project.objects.filter(name="Synergi 2018").count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.COPIED).count() == 1


def test_a_taken_name_is_refused_in_danish(world, source):
    from core.services import ActionRefused

    with pytest.raises(ActionRefused, match="Der findes allerede et forløb"):
        copy(world, name="Forløbet")


# Test kits


@pytest.fixture
def kit(world, source):
    kit, _created = services.testkit_create(
        initiative=world.initiative,
        name="IT-hjælp",
        description="Henvisning ved skranken.",
        user=world.users["consultant"],
    )
    return kit


def test_a_kit_is_a_snapshot_without_sites(world, kit):
    document = kit.document
    assert document["format"] == "synergi-testkit" and document["version"] == 1
    assert document["guide"]["criteria"][0]["baselines"] == {}
    keys = [
        q["key"] for s in document["schemas"][0]["sections"] for q in s["questions"]
    ]
    assert {"antal", "foto", "citater"} <= set(keys)
    # Later edits of the initiative do not change the kit.
    world.guide.purpose = "Noget helt andet"
    world.guide.save()
    kit.refresh_from_db()
    assert kit.document["guide"]["purpose"] != "Noget helt andet"
    assert all(c["baselines"] == {} for c in kit.document["guide"]["criteria"])


def test_the_same_kit_twice_is_one_kit(world, kit):
    again, created = services.testkit_create(
        initiative=world.initiative,
        name="IT-hjælp",
        description="Henvisning ved skranken.",
        user=world.users["consultant"],
    )
    assert (again, created) == (kit, False)
    assert TestKit.objects.count() == 1


def test_export_then_import_gives_an_equal_kit(world, kit):
    """Round trip: the exported file, imported into an empty library (another
    installation), is the same kit."""
    raw = kits.dumps(kit.document)
    original = kit.document
    kit.delete()
    imported, created = services.testkit_import(
        document=kits.read_file(raw),
        filename="kit.json",
        user=world.users["consultant"],
    )
    assert created
    assert imported.document == original
    assert imported.name == "IT-hjælp"
    assert AuditEvent.objects.filter(action=AuditAction.IMPORTED).count() == 1


def test_an_initiative_started_from_an_imported_kit_can_be_filled(world, kit):
    """The schema made from the kit is one a coordinator fills and sends."""
    raw = kits.dumps(kit.document)
    kit.delete()
    imported, _created = services.testkit_import(
        document=kits.read_file(raw),
        filename="kit.json",
        user=world.users["consultant"],
    )
    initiative, created = services.testkit_start(
        kit=imported,
        project=world.project,
        name="IT-hjælp igen",
        user=world.users["consultant"],
        key="c" * 32,
    )
    assert created and initiative.idea is None
    assert initiative.status == InitiativeStatus.PLANNED
    template = initiative.schema_templates.get()
    assert list(template.versions.values_list("number", flat=True)) == [1]
    assert (
        TestGuide.objects.get(initiative=initiative).criteria[0]["question_key"]
        == "antal"
    )
    run = services.run_save(
        initiative=initiative,
        site=world.site_a,
        template=template,
        starts_week=week(2017, 37),
        ends_week=week(2017, 38),
        coordinators=[world.users["coordinator_a"]],
    )
    submission = run.submissions.order_by("week").first()
    draft = services.submission_save_draft(
        submission=submission,
        values={"antal": 7},
        user=world.users["coordinator_a"],
        expected_version=0,
    )
    sent = services.submission_submit(
        submission=draft,
        values={"antal": 7},
        user=world.users["coordinator_a"],
        expected_version=draft.version,
    )
    assert sent.status == "submitted"
    assert sent.answers.get(question__key="antal").value_integer == 7
    # The same start page sent again makes no second initiative.
    again, created_again = services.testkit_start(
        kit=imported,
        project=world.project,
        name="IT-hjælp igen",
        user=world.users["consultant"],
        key="c" * 32,
    )
    assert (again, created_again) == (initiative, False)


def good_document():
    return json.loads(
        (
            __import__("pathlib").Path(__file__).resolve().parents[2]
            / "docs"
            / "testkit-format.md"
        )
        .read_text(encoding="utf-8")
        .split("```json")[1]
        .split("```")[0]
    )


def problems_of(raw):
    with pytest.raises(kits.KitProblems) as caught:
        kits.read_file(raw if isinstance(raw, bytes) else json.dumps(raw).encode())
    return caught.value.problems


def test_the_documented_example_is_a_kit(db):
    document = kits.read_file(json.dumps(good_document()).encode())
    assert document["schemas"][0]["sections"][0]["questions"][0]["key"] == "udlaan"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["schemas"][0]["sections"][0]["questions"][0].update(
                kind="slider"
            ),
            "schemas[0].sections[0].questions[0].kind: ukendt spørgsmålstype 'slider'",
        ),
        (
            lambda d: d.update(version=2),
            "version: testkittets version 2 kan ikke læses",
        ),
        (lambda d: d.update(format="noget"), "format: filen er ikke et testkit"),
        (
            lambda d: d["schemas"][0]["sections"][0].update(title=""),
            "schemas[0].sections[0].title: mangler",
        ),
        (
            lambda d: d["guide"]["criteria"][0].update(question_key="findes-ikke"),
            "guide.criteria[0].question_key: intet spørgsmål i testkittets skemaer "
            "har nøglen “findes-ikke”",
        ),
        (
            lambda d: d["schemas"][0]["sections"][0]["questions"][0].update(
                choices=["a"]
            ),
            "schemas[0].sections[0].questions[0].choices: bruges ikke af denne",
        ),
        (
            lambda d: d["schemas"][0]["sections"][0]["questions"][0].update(
                condition={"sites": [1]}
            ),
            "schemas[0].sections[0].questions[0].condition.sites: et testkit kan ikke",
        ),
        (
            lambda d: d["schemas"][0]["sections"][0]["questions"][0].update(
                min_value="1.5"
            ),
            "schemas[0].sections[0].questions[0].min_value: skal være et helt tal",
        ),
        (lambda d: d.update(extra=1), "extra: ukendt felt"),
        (
            lambda d: d["guide"]["criteria"][0].update(baselines={"3": "4"}),
            "guide.criteria[0].baselines: et testkit har ingen udgangspunkter",
        ),
        (
            lambda d: d["schemas"][0]["sections"][0]["questions"].append(
                dict(d["schemas"][0]["sections"][0]["questions"][0])
            ),
            "schemas[0].sections[0].questions[1].key: “udlaan” findes to gange",
        ),
    ],
)
def test_what_is_wrong_is_said_with_its_path(db, change, expected):
    document = good_document()
    change(document)
    assert any(p.startswith(expected) for p in problems_of(document)), problems_of(
        document
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "Filen er tom."),
        (b"   \n", "Filen er tom."),
        (b"{not json", "Filen er ikke gyldig JSON (linje 1, tegn 2)."),
        ("æøå".encode("latin-1"), "Filen er ikke tekst i UTF-8."),
        (b'{"format": "synergi-testkit\x00"}', "Filen indeholder NUL-tegn"),
        (b"[1, 2]", "Filen er ikke et testkit: den skal være et JSON-objekt."),
        (b"[" * 100000, "Filen er ikke gyldig JSON"),
        (b" " * (kits.MAX_BYTES + 1) + b"{}", "Filen er for stor"),
        (b'{"format": "synergi-testkit", "version": NaN}', "Filen er ikke gyldig JSON"),
        (b'{"format": "synergi-testkit", "version": true}', "version: testkittets"),
    ],
)
def test_a_file_that_is_not_a_kit_is_said_so(db, raw, expected):
    assert problems_of(raw)[0].startswith(expected)


def test_the_library_is_the_consultants(world, kit):
    """Scope.consultants: a consultant of any project sees every kit; coordinators,
    the steering group and people in no project see none."""
    from projects.tests.factories import UserFactory

    assert list(TestKit.objects.visible_to(world.users["consultant"])) == [kit]
    for role in ("coordinator_a", "steering", "outsider"):
        assert list(TestKit.objects.visible_to(world.users[role])) == [], role
    admin = UserFactory(username="admin-bruger", is_superuser=True)
    assert list(TestKit.objects.visible_to(admin)) == [kit]
