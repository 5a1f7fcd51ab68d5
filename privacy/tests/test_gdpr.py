"""GDPR commands: export, erase (account, citizen, their catalogue PDFs) and purge."""

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from core import inventory
from initiatives.models import Quote
from initiatives.tests.factories import QuoteFactory
from privacy import gdpr
from reporting.models import CatalogueRender, RenderStatus
from testing.models import Answer, Photo

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_every_model_with_citizen_data_has_a_purge_rule():
    labels = {
        name.rsplit(".", 1)[0]
        for name in inventory.fields(
            category=inventory.CITIZEN, retention=inventory.PURGE
        )
    }
    assert labels == set(gdpr.PURGE_PLAN)


def test_export_of_a_user_lists_their_account_and_what_they_did(world):
    coordinator = world.users["coordinator_a"]
    data = json.loads(run("gdpr_export", "--user", coordinator.username))
    assert data["account"]["fields"]["username"] == coordinator.username
    assert "password" not in data["account"]["fields"]
    assert data["memberships"]
    kinds = {(row["model"], row["as"]) for row in data["rows_that_name_the_user"]}
    assert ("testing.Submission", "last_saved_by") in kinds
    assert ("testing.Photo", "uploaded_by") in kinds


def test_export_of_a_citizen_finds_their_quotes(world):
    QuoteFactory(
        project=world.project, speaker_label="Ingeborg Skov, 61 år", text="Fint."
    )
    data = json.loads(run("gdpr_export", "--speaker", "ingeborg"))
    assert [q["fields"]["speaker_label"] for q in data["quotes"]] == [
        "Ingeborg Skov, 61 år"
    ]


def test_erasing_a_user_anonymises_the_account_and_ends_their_sessions(client, world):
    coordinator = world.users["coordinator_a"]
    client.force_login(coordinator)
    assert "Vil anonymisere" in run("gdpr_erase", "--user", coordinator.username)
    out = run("gdpr_erase", "--user", coordinator.username, "--yes")
    assert "sessions 1" in out
    coordinator.refresh_from_db()
    assert coordinator.username == f"slettet-{coordinator.pk}"
    assert not coordinator.is_active and not coordinator.has_usable_password()
    assert (coordinator.first_name, coordinator.email) == ("", "")
    # The schema they saved still says who saved it: now the anonymised account.
    world.draft.refresh_from_db()
    assert world.draft.last_saved_by == coordinator
    assert client.get(reverse("home")).status_code == 302  # signed out


def test_erasing_a_user_removes_their_second_factor_and_their_invitations(world):
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from projects.models import Invitation, Role
    from projects.services import invitation_create, user_create_for_invitation

    invitation = invitation_create(
        project=world.project,
        email="slet.mig@kommune.dk",
        role=Role.STEERING,
        site=None,
        invited_by=world.users["consultant"],
    )
    person = user_create_for_invitation(invitation=invitation, password=None)
    # A second, still open invitation to the same address (another role).
    invitation_create(
        project=world.project,
        email="SLET.MIG@kommune.dk",
        role=Role.CONSULTANT,
        site=None,
        invited_by=world.users["consultant"],
    )
    TOTPDevice.objects.create(user=person, name="app")
    StaticDevice.objects.create(user=person, name="gendannelse").token_set.create(
        token="abcd1234"
    )
    out = run("gdpr_erase", "--user", person.username, "--yes")
    assert "second_factor_devices 2" in out and "invitations 2" in out
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert not StaticDevice.objects.filter(user=person).exists()
    assert not Invitation.objects.filter(email__icontains="slet.mig").exists()
    assert not Invitation.objects.filter(
        accepted_at__isnull=True, revoked_at__isnull=True
    ).exists()


def test_erasing_a_citizen_deletes_their_quotes_and_the_catalogue_pdfs(
    world, django_capture_on_commit_callbacks
):
    quote = QuoteFactory(
        project=world.project,
        speaker_label="Ingeborg Skov, 61 år",
        consent_to_publish=True,
        reviewed=True,
    )
    world.chapter.quotes.add(quote)
    other = QuoteFactory(project=world.project, speaker_label="Karl, 40 år")
    storage = world.render.file.storage
    pdf_name = world.render.file.name
    assert storage.exists(pdf_name)
    assert "1 citater" in run("gdpr_erase", "--speaker", "Ingeborg")
    assert Quote.objects.filter(pk=quote.pk).exists()  # not without --yes
    with django_capture_on_commit_callbacks(execute=True):
        out = run("gdpr_erase", "--speaker", "Ingeborg", "--yes")
    assert "quotes 1" in out and "catalogue_pdfs 1" in out
    assert not Quote.objects.filter(pk=quote.pk).exists()
    assert Quote.objects.filter(pk=other.pk).exists()
    assert not CatalogueRender.objects.filter(catalogue=world.catalogue).exists()
    assert not storage.exists(pdf_name)


def test_purge_waits_for_the_retention_period_then_empties_citizen_data(
    world, django_capture_on_commit_callbacks
):
    project = world.project
    project.ends_on = datetime.date(2017, 12, 1)
    project.personal_data_retention_days = 365
    project.save()
    QuoteFactory(project=project, speaker_label="Ingeborg Skov, 61 år")
    Answer.objects.filter(submission=world.draft).update(value_text="Ingeborg sagde …")
    photo_name = world.photo.file.name
    storage = world.photo.file.storage

    assert gdpr.purge(today=datetime.date(2018, 12, 1)) == {}  # a year: not yet
    dry = gdpr.purge(today=datetime.date(2018, 12, 2), dry_run=True)
    assert dry[project.name]["initiatives.Quote"] >= 1
    assert Quote.objects.filter(project=project).exists()

    with django_capture_on_commit_callbacks(execute=True):
        report = gdpr.purge(today=datetime.date(2018, 12, 2))
    counts = report[project.name]
    assert counts["testing.Photo"] == 1 and counts["reporting.CatalogueRender"] == 1
    assert not Quote.objects.filter(project=project).exists()
    assert not Photo.objects.filter(pk=world.photo.pk).exists()
    assert not storage.exists(photo_name)
    assert not Answer.objects.filter(submission=world.draft).exclude(value_text="")
    # Figures stay: the numbers of the schemas are not personal data.
    assert Answer.objects.filter(submission=world.submitted, value_integer=5).exists()
    assert get_user_model().objects.filter(pk=world.users["consultant"].pk).exists()


def test_purge_command_says_what_it_did(world):
    world.project.ends_on = datetime.date.today()
    world.project.save()
    assert "Ingen forløb" in run("gdpr_purge", "--dry-run")
    world.project.ends_on = datetime.date(2000, 1, 1)
    world.project.starts_on = datetime.date(1999, 1, 1)
    world.project.save()
    out = run("gdpr_purge", "--dry-run")
    assert "Ville slette" in out and world.project.name in out


def test_a_catalogue_pdf_file_is_deleted_with_its_row(world):
    render = CatalogueRender.objects.create(
        catalogue=world.catalogue, status=RenderStatus.DONE
    )
    render.file.save("x.pdf", ContentFile(b"%PDF"), save=True)
    assert render.file.storage.exists(render.file.name)


def test_erasing_a_citizen_reaches_every_text_that_names_them(
    world, django_capture_on_commit_callbacks
):
    """G3: after the erasure no row of any model holds the name, whether it was in a
    quote, an interview note, a free-text answer or a staff text; other words stay."""
    from django.apps import apps
    from django.db import models as django_models

    from initiatives.tests.factories import InterviewFactory

    name = "Ingeborg Skov"
    QuoteFactory(project=world.project, speaker_label=f"{name}, 61 år")
    interview = InterviewFactory(
        project=world.project, notes=f"Talte med {name} om NemID. Bolig-spørgsmål."
    )
    Answer.objects.filter(submission=world.draft).update(
        value_text="ingeborg skov kom igen i dag"
    )
    world.theme.barriers = f"Som {name} sagde: skranken er for høj."
    world.theme.save()
    # A different word that merely contains the name's letters is not touched.
    bystander = QuoteFactory(project=world.project, text="Ingeborgskovvej er lukket.")

    preview = run("gdpr_erase", "--speaker", name)
    assert "andre tekster" in preview and "initiatives.Interview" in preview
    exported = json.loads(run("gdpr_export", "--speaker", name))
    assert {r["model"] for r in exported["other_texts_naming_them"]} >= {
        "initiatives.Interview",
        "testing.Answer",
        "initiatives.Theme",
    }
    with django_capture_on_commit_callbacks(execute=True):
        out = run("gdpr_erase", "--speaker", name, "--yes")
    assert "quotes 1" in out

    for model in apps.get_models():
        text_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, django_models.CharField | django_models.TextField)
        ]
        for field in text_fields:
            assert not model.objects.filter(
                **{f"{field}__icontains": "ingeborg skov"}
            ).exists(), (model, field)
    interview.refresh_from_db()
    assert interview.notes == "Talte med [slettet] om NemID. Bolig-spørgsmål."
    assert Quote.objects.filter(pk=bystander.pk).exists()
    assert not CatalogueRender.objects.exists()


def test_citizens_words_in_answers_are_exported_and_erased_with_the_citizen(
    client_for, world, django_capture_on_commit_callbacks
):
    """An answer to a question marked as holding personal data ("Citater fra
    borgere") that names Birthe is listed by gdpr_export --speaker; gdpr_erase
    --speaker replaces her name in it and deletes the quote made from it."""
    response = client_for("consultant").post(
        reverse("testing:answer_quote_create", args=[world.personal_answer.pk]),
        {
            "text": "Jeg kommer her hver uge for at låne lydbøger.",
            "speaker_label": "Birthe, 67 år",
            "site": world.site_a.pk,
        },
    )
    assert response.status_code == 302
    quote = Quote.objects.get(speaker_label="Birthe, 67 år")

    exported = json.loads(run("gdpr_export", "--speaker", "Birthe"))
    assert [q["pk"] for q in exported["quotes"]] == [quote.pk]
    answers = [
        row
        for row in exported["other_texts_naming_them"]
        if row["model"] == "testing.Answer"
    ]
    assert [row["pk"] for row in answers] == [world.personal_answer.pk]
    assert answers[0]["fields"]["value_text"] == world.personal_answer.value_text
    assert answers[0]["naming_fields"] == ["value_text"]

    with django_capture_on_commit_callbacks(execute=True):
        run("gdpr_erase", "--speaker", "Birthe", "--yes")
    assert not Quote.objects.filter(pk=quote.pk).exists()
    world.personal_answer.refresh_from_db()
    assert world.personal_answer.value_text == (
        "“Jeg kommer her hver uge for at låne lydbøger.” ([slettet], 67 år)"
    )


def test_citizens_words_in_answers_are_purged_with_the_quotes(world):
    """After the project's retention period the marked answers are emptied, as the
    quotes are deleted; the figures of the same schema stay."""
    project = world.project
    project.ends_on = datetime.date(2017, 12, 1)
    project.personal_data_retention_days = 365
    project.save()
    gdpr.purge(today=datetime.date(2018, 12, 1))
    world.personal_answer.refresh_from_db()
    assert "Birthe" in world.personal_answer.value_text  # not yet
    report = gdpr.purge(today=datetime.date(2018, 12, 2))
    assert report[project.name]["testing.Answer"] >= 1
    world.personal_answer.refresh_from_db()
    assert world.personal_answer.value_text == ""
    assert not Quote.objects.filter(project=project).exists()
    assert Answer.objects.filter(submission=world.submitted, value_integer=5).exists()


@pytest.mark.parametrize("command", ["gdpr_erase", "gdpr_export"])
@pytest.mark.parametrize(
    "who", [("--speaker", ""), ("--speaker", "  "), ("--user", "")]
)
def test_a_blank_name_is_refused_not_matched_against_every_text(world, command, who):
    """A blank name matches every quote and text as a "whole word": `gdpr_erase
    --speaker "" --yes` erased them all, and `--user ""` searched quotes for None
    (found by mypy)."""
    from django.core.management.base import CommandError

    QuoteFactory(project=world.project, speaker_label="Ingeborg", text="Fint.")
    quotes = Quote.objects.count()
    with pytest.raises(CommandError):
        run(command, *who, "--yes") if command == "gdpr_erase" else run(command, *who)
    assert Quote.objects.count() == quotes
    with pytest.raises(ValueError):
        gdpr.erase_speaker(" ")
