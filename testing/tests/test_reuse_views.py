"""The pages of reuse: the preview and copy, the kit library, export and import."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives.models import Initiative
from projects.models import Project, Role
from projects.tests.factories import MembershipFactory, ProjectFactory, UserFactory
from testing import kits, services
from testing.models import TestKit

from .test_reuse import good_document


def copy_url(project):
    return reverse("testing:project_copy", args=[project.pk])


def page_form(response):
    """The hidden fields of the copy page as shown."""
    form = response.context["form"]
    return {
        "key": form["key"].value(),
        "plan": form["plan"].value() or form.initial.get("plan"),
    }


def test_the_preview_lists_what_is_copied_with_old_and_new_weeks(client_for, world):
    consultant = client_for("consultant")
    response = consultant.post(
        copy_url(world.project),
        {
            "name": "Synergi 2018",
            "starts_week": "2018-W12",
            "groups": ["criteria", "vocabularies", "timeline", "initiatives", "sites"],
            "key": "0" * 32,
            "action": "preview",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Værdi for borgerne" in text
    assert "Nye pensionister" in text
    assert "uge 12 2018" in text
    assert world.initiative.name in text
    assert "Sted A" in text
    assert not Project.objects.filter(name="Synergi 2018").exists()


def test_copying_from_the_preview_makes_the_project_once(client_for, world):
    consultant = client_for("consultant")
    data = {
        "name": "Synergi 2018",
        "starts_week": "2018-W12",
        "groups": ["criteria", "vocabularies", "timeline", "initiatives"],
        "key": "1" * 32,
    }
    preview = consultant.post(copy_url(world.project), {**data, "action": "preview"})
    data.update(page_form(preview), action="copy")
    first = consultant.post(copy_url(world.project), data)
    project = Project.objects.get(name="Synergi 2018")
    assert first.status_code == 302 and first["Location"] == project.get_absolute_url()
    # A double click or the back button and send again: the same project.
    second = consultant.post(copy_url(world.project), data)
    assert (
        second.status_code == 302 and second["Location"] == project.get_absolute_url()
    )
    assert Project.objects.filter(name="Synergi 2018").count() == 1
    assert Initiative.objects.filter(project=project).count() == 1
    page = consultant.get(project.get_absolute_url(), follow=True)
    assert "Synergi 2018" in page.content.decode()


def test_a_stale_preview_copies_nothing_and_shows_the_new_one(client_for, world):
    """The source changed (or the form did) since the preview: the new preview is
    shown with a warning, nothing is made."""
    consultant = client_for("consultant")
    data = {
        "name": "Synergi 2018",
        "starts_week": "2018-W12",
        "groups": ["criteria"],
        "key": "2" * 32,
    }
    preview = consultant.post(copy_url(world.project), {**data, "action": "preview"})
    data.update(page_form(preview), action="copy")
    world.criterion.name = "Gennemførlighed"
    world.criterion.save()
    response = consultant.post(copy_url(world.project), data)
    assert response.status_code == 200
    assert "Oversigten er ændret" in response.content.decode()
    assert "Gennemførlighed" in response.content.decode()
    assert not Project.objects.filter(name="Synergi 2018").exists()
    # Changing the start week without looking again is stale too.
    data.update(page_form(response), starts_week="2018-W20")
    response = consultant.post(copy_url(world.project), data)
    assert "Oversigten er ændret" in response.content.decode()
    assert not Project.objects.filter(name="Synergi 2018").exists()


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("2021-W53", "2021 har ikke nogen uge 53"),
        ("2018-W99", "Angiv en uge som år og ugenummer"),
        ("1800-W10", "Vælg en uge mellem år 2000 og 2100"),
        ("99999999999999999999-W1", "Angiv en uge"),
        ("x\x00", "Angiv en uge"),
    ],
)
def test_a_wrong_week_is_said_in_danish(client_for, world, week, message):
    response = client_for("consultant").post(
        copy_url(world.project),
        {"name": "Ny", "starts_week": week, "key": "3" * 32, "action": "copy"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Project.objects.filter(name="Ny").exists()


def test_a_consultant_cannot_copy_a_project_they_are_not_in(client_for, world):
    other = ProjectFactory(name="Et andet forløb")
    consultant = client_for("consultant")
    assert consultant.get(copy_url(other)).status_code == 404
    assert (
        consultant.post(
            copy_url(other),
            {
                "name": "Kopi",
                "starts_week": "2018-W12",
                "key": "4" * 32,
                "action": "copy",
            },
        ).status_code
        == 404
    )
    assert not Project.objects.filter(name="Kopi").exists()
    # The list to start from does not offer it either.
    page = consultant.get(reverse("testing:project_copy_start")).content.decode()
    assert "Forløbet" in page and "Et andet forløb" not in page


@pytest.mark.parametrize("role", ["coordinator_a", "steering"])
def test_members_who_are_not_consultants_are_refused(client_for, world, role):
    client = client_for(role)
    assert client.get(copy_url(world.project)).status_code == 403
    assert client.get(reverse("testing:testkit_list")).status_code == 403
    kit, _created = services.testkit_create(
        initiative=world.initiative,
        name="Kit",
        description="",
        user=world.users["consultant"],
    )
    for name in ("testkit_detail", "testkit_export", "testkit_start", "testkit_delete"):
        assert client.get(reverse(f"testing:{name}", args=[kit.pk])).status_code == 404


# The library


@pytest.fixture
def kit(world):
    kit, _created = services.testkit_create(
        initiative=world.initiative,
        name="IT-hjælp",
        description="",
        user=world.users["consultant"],
    )
    return kit


def test_the_library_lists_kits_and_says_when_it_is_empty(client_for, world):
    consultant = client_for("consultant")
    empty = consultant.get(reverse("testing:testkit_list")).content.decode()
    assert "Biblioteket har ingen testkits endnu" in empty
    response = consultant.post(
        reverse("testing:testkit_create", args=[world.initiative.pk]),
        {"name": "IT-hjælp", "description": "Ved skranken"},
    )
    kit = TestKit.objects.get()
    assert response["Location"] == kit.get_absolute_url()
    listed = consultant.get(reverse("testing:testkit_list")).content.decode()
    assert "IT-hjælp" in listed and "Ved skranken" in listed


def test_the_library_pages_26_kits(client_for, world):
    for n in range(26):
        services.testkit_create(
            initiative=world.initiative,
            name=f"Kit {n:02d}",
            description="",
            user=world.users["consultant"],
        )
    consultant = client_for("consultant")
    first = consultant.get(reverse("testing:testkit_list")).content.decode()
    second = consultant.get(
        reverse("testing:testkit_list") + "?page=2"
    ).content.decode()
    assert "Kit 00" in first and "Kit 25" not in first
    assert "Kit 25" in second
    assert (
        consultant.get(reverse("testing:testkit_list") + "?page=9").status_code == 404
    )


def test_export_is_the_documented_json(client_for, world, kit):
    response = client_for("consultant").get(
        reverse("testing:testkit_export", args=[kit.pk])
    )
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="testkit-it-hjaelp.json"'
    )
    document = json.loads(response.content)
    assert document == kit.document
    assert kits.read_document(document) == kit.document


def test_import_says_exactly_what_is_wrong(client_for, world):
    document = good_document()
    document["schemas"][0]["sections"][0]["questions"][0]["kind"] = "slider"
    response = client_for("consultant").post(
        reverse("testing:testkit_import"),
        {"file": SimpleUploadedFile("kit.json", json.dumps(document).encode())},
    )
    assert response.status_code == 200
    assert (
        "schemas[0].sections[0].questions[0].kind: ukendt spørgsmålstype &#x27;slider&#x27;"
        in response.content.decode()
    )
    assert TestKit.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "fil er tom"),
        (b"\xff\xfe\x00{", "Filen er ikke tekst i UTF-8"),
        (b'{"a": "\\u0000"}', "Filen indeholder NUL-tegn"),
        (
            b'{"format": "synergi-testkit", "version": 1, "name": "x", "schemas": [{"name": "s", "sections": [{"title": "t", "questions": [{"key": "a", "kind": "yes_no", "text": "?", "condition": {"rules": [{"question": "b", "test": "eq", "value": "\\u0000"}]}}]}]}]}',
            "Filen indeholder NUL-tegn",
        ),
        (b"x" * (kits.MAX_BYTES + 10), "Filen er for stor"),
        (
            b'{"format": "synergi-testkit", "version": 7}',
            "version 7 kan ikke læses her",
        ),
        # The breaker's find: valid JSON, but a number Python will not read.
        (
            b'{"format": "synergi-testkit", "version": ' + b"9" * 5000 + b"}",
            "et tal med for mange cifre",
        ),
    ],
)
def test_import_of_hostile_files_never_fails(client_for, world, content, message):
    response = client_for("consultant").post(
        reverse("testing:testkit_import"),
        {"file": SimpleUploadedFile("kit.json", content)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert TestKit.objects.count() == 0


def test_import_of_a_good_file_and_the_format_page(client_for, world):
    consultant = client_for("consultant")
    page = consultant.get(reverse("testing:testkit_import")).content.decode()
    assert reverse("testing:testkit_format") in page
    assert (
        "synergi-testkit"
        in consultant.get(reverse("testing:testkit_format")).content.decode()
    )
    response = consultant.post(
        reverse("testing:testkit_import"),
        {"file": SimpleUploadedFile("kit.json", json.dumps(good_document()).encode())},
    )
    kit = TestKit.objects.get()
    assert response["Location"] == kit.get_absolute_url()
    assert kit.name == "Rejseudstilling"


def test_starting_from_a_kit_only_in_ones_own_projects(client_for, world, kit):
    other = ProjectFactory(name="Et andet forløb")
    consultant = client_for("consultant")
    url = reverse("testing:testkit_start", args=[kit.pk])
    refused = consultant.post(url, {"project": other.pk, "name": "X", "key": "5" * 32})
    assert refused.status_code == 200
    assert "Marker en gyldig valgmulighed" in refused.content.decode()
    data = {"project": world.project.pk, "name": "Fra kittet", "key": "6" * 32}
    first = consultant.post(url, data)
    initiative = Initiative.objects.get(name="Fra kittet")
    assert first["Location"] == initiative.get_absolute_url()
    again = consultant.post(url, data)
    assert again["Location"] == initiative.get_absolute_url()
    assert Initiative.objects.filter(name="Fra kittet").count() == 1
    detail = consultant.get(initiative.get_absolute_url()).content.decode()
    assert "Tiltaget er ikke lavet af en idé i dette forløb" in detail


def test_only_who_made_a_kit_deletes_it(client_for, world, kit):
    other = UserFactory(username="anden-konsulent")
    MembershipFactory(user=other, project=ProjectFactory(), role=Role.CONSULTANT)
    client = client_for("consultant")
    client.force_login(other)
    url = reverse("testing:testkit_delete", args=[kit.pk])
    assert (
        client.get(reverse("testing:testkit_detail", args=[kit.pk])).status_code == 200
    )
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    owner = client_for("consultant")
    confirm = owner.get(url)
    assert "beholder deres guide og skemaer" in confirm.content.decode()
    assert owner.post(url)["Location"] == reverse("testing:testkit_list")
    assert not TestKit.objects.exists()


@pytest.mark.parametrize("key", ["\x00", "x" * 5000, "'; drop table x; --", ""])
def test_a_hostile_one_time_key_is_a_stale_page_not_an_error(client_for, world, key):
    """Never looked up as given (PostgreSQL refuses NUL in a query)."""
    consultant = client_for("consultant")
    response = consultant.post(
        copy_url(world.project),
        {"name": "Ny", "starts_week": "2018-W12", "key": key, "action": "copy"},
    )
    assert response.status_code == 200
    assert not Project.objects.filter(name="Ny").exists()
    kit, _created = services.testkit_create(
        initiative=world.initiative,
        name="Kit",
        description="",
        user=world.users["consultant"],
    )
    response = consultant.post(
        reverse("testing:testkit_start", args=[kit.pk]),
        {"project": world.project.pk, "name": "Ny", "key": key},
    )
    assert response.status_code == 200
    assert not Initiative.objects.filter(name="Ny").exists()
