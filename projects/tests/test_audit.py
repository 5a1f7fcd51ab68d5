"""The audit trail: one event per change, export and PDF download, with ids and field
names but never values; refused requests leave none; GDPR commands log themselves."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Theme
from initiatives.tests.factories import QuoteFactory
from privacy import gdpr
from projects.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def only_event():
    events = list(AuditEvent.objects.all())
    assert len(events) == 1, events
    return events[0]


def test_an_edit_writes_one_event_with_the_changed_fields_not_their_values(
    client_for, world
):
    theme = world.theme
    response = client_for("consultant").post(
        reverse("initiatives:theme_update", args=[theme.pk]),
        {
            "name": "Digital selvbetjening for alle",
            "synergy": theme.synergy,
            "barriers": "Nye barrierer ved skranken",
            "position": theme.position,
        },
    )
    assert response.status_code == 302
    event = only_event()
    assert event.user == world.users["consultant"]
    assert event.action == AuditAction.UPDATED
    assert (event.object_type, event.object_ids) == ("initiatives.theme", [theme.pk])
    assert event.project_id == world.project.pk
    assert event.fields == ["barriers", "name"]
    assert event.detail == "initiatives:theme_update"
    stored = json.dumps([event.fields, event.detail, event.object_ids])
    assert "selvbetjening" not in stored and "barrierer" not in stored


def test_create_and_delete_each_write_one_event(client_for, world):
    client = client_for("consultant")
    client.post(
        reverse("initiatives:theme_create", args=[world.project.pk]),
        {"name": "Nyt tema", "synergy": "", "barriers": "", "position": 3},
    )
    created = Theme.objects.get(name="Nyt tema")
    event = only_event()
    assert (event.action, event.object_ids) == (AuditAction.CREATED, [created.pk])
    assert "name" in event.fields
    AuditEvent.objects.all().delete()
    response = client.post(reverse("initiatives:theme_delete", args=[created.pk]))
    assert response.status_code == 302 and not Theme.objects.filter(pk=created.pk)
    event = only_event()
    assert (event.action, event.object_type, event.object_ids) == (
        AuditAction.DELETED,
        "initiatives.theme",
        [created.pk],
    )


def test_an_export_and_a_pdf_download_are_logged_but_ordinary_pages_are_not(
    client_for, world
):
    client = client_for("steering")
    assert client.get(reverse("reporting:dashboard", args=[world.project.pk]))
    assert not AuditEvent.objects.exists()
    url = reverse(
        "reporting:export",
        kwargs={"project_pk": world.project.pk, "table": "submissions", "fmt": "csv"},
    )
    assert client.get(url).status_code == 200
    event = only_event()
    assert event.action == AuditAction.EXPORTED
    assert event.user == world.users["steering"]
    assert event.detail == "reporting:export table=submissions fmt=csv"
    AuditEvent.objects.all().delete()
    consultant = client_for("consultant")
    download = reverse(
        "reporting:render_download", args=[world.project.pk, world.render.pk]
    )
    assert consultant.get(download).status_code == 200
    event = only_event()
    assert (event.action, event.object_type, event.object_ids) == (
        AuditAction.PDF_DOWNLOADED,
        "reporting.cataloguerender",
        [world.render.pk],
    )


def test_refused_and_invisible_requests_write_no_event_but_a_security_log(
    client_for, world, caplog
):
    with caplog.at_level("WARNING", logger="security"):
        forbidden = client_for("steering").post(
            reverse("initiatives:theme_update", args=[world.theme.pk]), {}
        )
        hidden = client_for("outsider").post(
            reverse("initiatives:theme_update", args=[world.theme.pk]), {}
        )
    assert (forbidden.status_code, hidden.status_code) == (403, 404)
    assert not AuditEvent.objects.exists()
    refused = [r for r in caplog.records if r.getMessage() == "access refused"]
    assert [(r.user_id, r.status) for r in refused] == [
        (world.users["steering"].pk, 403),
        (world.users["outsider"].pk, 404),
    ]


def test_schema_saves_are_in_the_schema_history_not_twice(client_for, world):
    fill = reverse("testing:submission_fill", args=[world.draft.pk])
    client_for("coordinator_a").post(fill, {"version": world.draft.version})
    assert not AuditEvent.objects.exists()


def test_gdpr_commands_log_ids_and_never_the_name(
    world, django_capture_on_commit_callbacks
):
    quote = QuoteFactory(project=world.project, speaker_label="Ingeborg Skov, 61 år")
    call_command("gdpr_export", "--speaker", "Ingeborg", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "gdpr_erase", "--speaker", "Ingeborg", "--yes", stdout=io.StringIO()
        )
    exported, erased = AuditEvent.objects.order_by("pk")
    assert (exported.action, exported.object_ids) == (
        AuditAction.PERSONAL_DATA_EXPORTED,
        [quote.pk],
    )
    assert (erased.action, erased.object_type, erased.object_ids) == (
        AuditAction.PERSONAL_DATA_ERASED,
        "initiatives.quote",
        [quote.pk],
    )
    assert erased.user is None  # a command, not a user of the app
    for event in (exported, erased):
        assert "Ingeborg" not in json.dumps([event.detail, event.fields, str(event)])


def test_events_older_than_the_retention_period_are_purged(world, settings):
    settings.AUDIT_RETENTION_DAYS = 30
    old = AuditEvent.objects.create(
        action=AuditAction.UPDATED, at=timezone.now() - datetime.timedelta(days=31)
    )
    recent = AuditEvent.objects.create(
        action=AuditAction.UPDATED, at=timezone.now() - datetime.timedelta(days=29)
    )
    assert gdpr.purge_audit_trail(dry_run=True) == 1
    assert AuditEvent.objects.filter(pk=old.pk).exists()
    out = io.StringIO()
    call_command("gdpr_purge", stdout=out)
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()
    assert "Log over handlinger" in out.getvalue()


def test_the_admin_shows_the_trail_read_only(client_for, world, admin_client):
    AuditEvent.objects.create(action=AuditAction.UPDATED, object_type="sites.site")
    listing = admin_client.get(reverse("admin:synergy_auditevent_changelist"))
    assert listing.status_code == 200
    assert "sites.site" in listing.content.decode()
    assert admin_client.get(reverse("admin:synergy_auditevent_add")).status_code == 403


def test_erasures_are_applied_again_after_restoring_an_older_backup(
    world, settings, tmp_path, django_capture_on_commit_callbacks
):
    """G4: the erasure log lives outside the database, so a restored backup that
    still holds the person is cleaned again by gdpr_reapply_erasures."""
    from django.contrib.auth import get_user_model

    from initiatives.models import Quote

    settings.GDPR_ERASURE_LOG = tmp_path / "erasures.jsonl"
    quote = QuoteFactory(project=world.project, speaker_label="Ingeborg Skov, 61 år")
    backup = {f.attname: getattr(quote, f.attname) for f in Quote._meta.concrete_fields}
    coordinator = world.users["coordinator_b"]
    old_name = coordinator.username
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "gdpr_erase", "--speaker", "Ingeborg", "--yes", stdout=io.StringIO()
        )
        call_command("gdpr_erase", "--user", old_name, "--yes", stdout=io.StringIO())
    lines = settings.GDPR_ERASURE_LOG.read_text().splitlines()
    assert [json.loads(line)["kind"] for line in lines] == ["quote", "user"]
    assert "Ingeborg" not in "".join(lines) and old_name not in "".join(lines)

    # "Restore" the backup taken before the erasures: the rows come back.
    Quote.objects.create(**backup)
    get_user_model().objects.filter(pk=coordinator.pk).update(username=old_name)

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("gdpr_reapply_erasures", stdout=out)
    assert "quotes 1" in out.getvalue() and "users 1" in out.getvalue()
    assert not Quote.objects.filter(speaker_label__contains="Ingeborg").exists()
    coordinator.refresh_from_db()
    assert coordinator.username == f"slettet-{coordinator.pk}"
    # Re-applying does not lengthen the log; running it again finds nothing to do.
    assert len(settings.GDPR_ERASURE_LOG.read_text().splitlines()) == 2
    again = io.StringIO()
    call_command("gdpr_reapply_erasures", stdout=again)
    assert "quotes 0" in again.getvalue() and "users 0" in again.getvalue()


def test_a_form_shown_again_with_errors_or_a_refused_delete_writes_nothing(
    client_for, world
):
    client = client_for("consultant")
    invalid = client.post(
        reverse("initiatives:theme_update", args=[world.theme.pk]), {"name": ""}
    )
    assert invalid.status_code == 200  # the form again, with its error
    # A municipality with sites cannot be deleted (the sites protect it).
    refused = client.post(
        reverse("sites:municipality_delete", args=[world.municipality.pk])
    )
    assert refused.status_code == 302
    assert type(world.municipality).objects.filter(pk=world.municipality.pk).exists()
    assert not AuditEvent.objects.exists()


def test_admin_changes_are_audited_with_their_model_and_ids(world, admin_client):
    """Admin add, change and delete each write an event naming the model and ids
    (they used to be logged with an empty object type)."""
    from django.contrib.auth import get_user_model

    from sites.models import Municipality

    admin_user = get_user_model().objects.get(username="admin")
    municipality = world.municipality
    response = admin_client.post(
        reverse("admin:sites_municipality_change", args=[municipality.pk]),
        {"name": "Roskilde Kommune (ny)", "code": 265},
    )
    assert response.status_code == 302
    event = only_event()
    assert (event.action, event.object_type, event.object_ids) == (
        AuditAction.UPDATED,
        "sites.municipality",
        [municipality.pk],
    )
    assert event.user == admin_user
    assert event.fields == ["name"]
    assert "Roskilde" not in json.dumps([event.fields, event.detail])

    AuditEvent.objects.all().delete()
    admin_client.post(
        reverse("admin:sites_municipality_add"), {"name": "Køge Kommune", "code": 259}
    )
    created = Municipality.objects.get(name="Køge Kommune")
    event = only_event()
    assert (event.action, event.object_type, event.object_ids) == (
        AuditAction.CREATED,
        "sites.municipality",
        [created.pk],
    )

    AuditEvent.objects.all().delete()
    spare = Municipality.objects.create(name="Lejre Kommune")
    admin_client.post(
        reverse("admin:sites_municipality_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [created.pk, spare.pk],
            "post": "yes",
        },
    )
    assert not Municipality.objects.filter(pk__in=[created.pk, spare.pk]).exists()
    event = only_event()
    assert (event.action, event.object_type, sorted(event.object_ids)) == (
        AuditAction.DELETED,
        "sites.municipality",
        sorted([created.pk, spare.pk]),
    )


def test_an_admin_change_to_a_project_object_names_its_project(world, admin_client):
    term = world.term
    response = admin_client.post(
        reverse("admin:initiatives_term_change", args=[term.pk]),
        {
            "project": world.project.pk,
            "vocabulary": term.vocabulary,
            "name": term.name,
            "description": "Ny beskrivelse",
            "position": term.position,
        },
    )
    assert response.status_code == 302
    event = only_event()
    assert (event.object_type, event.object_ids, event.project_id) == (
        "initiatives.term",
        [term.pk],
        world.project.pk,
    )
    assert event.fields == ["description"]


def test_signing_in_to_the_admin_writes_no_event(world, client):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser(
        "chef", "chef@example.invalid", "korrekt-hest-batteri-hæfteklamme"
    )
    response = client.post(
        reverse("admin:login"),
        {"username": "chef", "password": "korrekt-hest-batteri-hæfteklamme"},
    )
    assert response.status_code == 302
    assert not AuditEvent.objects.exists()
