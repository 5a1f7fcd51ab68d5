"""The catalogue's web edition: publishing it under an unguessable link, revoking it,
what the link serves without a login (the edition, its PDF, its photos only), the
audit trail, and reading it inside the app."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from initiatives.tests.factories import DecidedIdeaFactory, InitiativeFactory
from projects.models import AuditAction, AuditEvent, Role
from projects.tests.factories import MembershipFactory, ProjectFactory, UserFactory
from reporting import pdf, selectors, services
from reporting.models import CataloguePublication, RenderStatus
from testing import services as testing_services
from testing.models import Photo
from testing.tests.factories import TestRunFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world):
    """The world's catalogue, its chapter showing the world's photo, published."""
    world.chapter.photos.add(world.photo)
    return services.publication_publish(
        catalogue=world.catalogue, user=world.users["consultant"]
    )


def _unmasked(content):
    return re.sub(rb'(nonce|name="csrfmiddlewaretoken" value)="[^"]*"', b"", content)


def edition_url(publication, name="reporting:publication", **kwargs):
    return reverse(name, kwargs={"token": publication.token, **kwargs})


# Services


def test_publish_snapshots_the_web_edition_under_a_long_random_token(world, published):
    assert len(published.token) >= 43  # secrets.token_urlsafe(32): 256 bits
    assert published.is_live and published.published_by == world.users["consultant"]
    html = published.html
    assert '<html lang="da">' in html
    assert 'class="skip-link" href="#main"' in html and '<main id="main">' in html
    assert "<header" in html and "<footer" in html
    assert "Forhåndsvisning" not in html  # no preview bar
    assert world.catalogue.title in html
    # Photos and the PDF are served under the token, never the in-app photo URL.
    assert published.photo_ids == [world.photo.pk]
    assert (
        edition_url(published, "reporting:publication_photo", photo_id=world.photo.pk)
        in html
    )
    assert reverse("testing:photo", args=[world.photo.pk]) not in html
    assert edition_url(published, "reporting:publication_pdf") in html
    # No finished PDF of this content existed: one was requested for the edition.
    assert published.render is not None and published.render.is_pending
    assert published.pdf_hash == pdf.content_hash(
        pdf.catalogue_html(catalogue=world.catalogue)
    )


def test_the_edition_shows_what_was_published_not_later_drafts(world, published):
    world.catalogue.title = "En senere kladde af titlen"
    world.catalogue.save()
    response = Client().get(edition_url(published))
    assert response.status_code == 200
    assert "En senere kladde af titlen" not in response.content.decode()


def test_publishing_again_revokes_the_previous_link(world, published):
    again = services.publication_publish(
        catalogue=world.catalogue, user=world.users["consultant"]
    )
    published.refresh_from_db()
    assert again.token != published.token
    assert not published.is_live and published.revoked_by == world.users["consultant"]
    assert selectors.live_publication(catalogue=world.catalogue) == again
    assert Client().get(edition_url(published)).status_code == 404
    assert Client().get(edition_url(again)).status_code == 200


def test_revoke_is_final_and_a_second_revoke_changes_nothing(world, published):
    services.publication_revoke(publication=published, user=world.users["consultant"])
    published.refresh_from_db()
    first = published.revoked_at
    assert first is not None
    services.publication_revoke(publication=published, user=world.users["steering"])
    published.refresh_from_db()
    assert published.revoked_at == first
    assert published.revoked_by == world.users["consultant"]
    assert selectors.live_publication(catalogue=world.catalogue) is None


def test_publish_takes_a_finished_pdf_of_the_same_content(world):
    html = pdf.catalogue_html(catalogue=world.catalogue)
    world.render.content_hash = pdf.content_hash(html)
    world.render.save()
    publication = services.publication_publish(
        catalogue=world.catalogue, user=world.users["consultant"]
    )
    assert publication.render == world.render
    assert world.catalogue.renders.count() == 1  # nothing new requested


# The consultant's page and the audit trail


def test_publish_and_revoke_through_the_page_are_audited(client_for, world):
    consultant = client_for("consultant")
    publish = reverse("reporting:publication_publish", args=[world.project.pk])
    page = consultant.get(publish)
    assert "Alle, der har linket, kan læse kataloget" in page.content.decode()
    response = consultant.post(publish)
    assert response.status_code == 302
    publication = CataloguePublication.objects.get()
    event = AuditEvent.objects.filter(action=AuditAction.PUBLISHED).get()
    assert event.object_type == "reporting.cataloguepublication"
    assert event.object_ids == [publication.pk]
    assert event.project_id == world.project.pk
    assert event.user == world.users["consultant"]

    manage = consultant.get(reverse("reporting:catalogue", args=[world.project.pk]))
    text = manage.content.decode()
    assert publication.token in text and "Tilbagekald" in text

    revoke = reverse("reporting:publication_revoke", args=[world.project.pk])
    assert consultant.post(revoke).status_code == 302
    event = AuditEvent.objects.filter(action=AuditAction.REVOKED).get()
    assert event.object_ids == [publication.pk]
    manage = consultant.get(reverse("reporting:catalogue", args=[world.project.pk]))
    assert "Webudgaven er ikke offentliggjort." in manage.content.decode()
    # Nothing live to revoke: 404.
    assert consultant.get(revoke).status_code == 404


def test_only_the_consultant_publishes(client_for, world):
    publish = reverse("reporting:publication_publish", args=[world.project.pk])
    for role in ("coordinator_a", "steering"):
        assert client_for(role).post(publish).status_code == 403
    assert not CataloguePublication.objects.exists()


# The link, without a login


def test_anonymous_reads_the_live_edition_with_strict_headers(published):
    response = Client().get(edition_url(published))
    assert response.status_code == 200
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Referrer-Policy"] == "no-referrer"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in response.content.decode()  # no inline script


@pytest.mark.parametrize(
    "token",
    ["unknown", "x" * 43, "a" * 500, "..", "%2e%2e", "ÆØÅ"],
)
def test_unknown_and_malformed_tokens_are_404(db, token):
    assert Client().get(f"/k/{token}/").status_code == 404


def test_a_revoked_link_is_the_same_404_as_an_unknown_one(world, published):
    token = published.token
    services.publication_revoke(publication=published, user=world.users["consultant"])
    revoked = Client().get(f"/k/{token}/")
    unknown = Client().get(f"/k/{'Q' * len(token)}/")
    assert revoked.status_code == unknown.status_code == 404
    # The same page, but for the nonce and CSRF mask each response has its own.
    # (the page names its own address, in the language switch's "next").
    assert _unmasked(revoked.content.replace(token.encode(), b"T")) == _unmasked(
        unknown.content.replace(b"Q" * len(token), b"T")
    )
    for path in ("pdf/", f"foto/{world.photo.pk}/"):
        assert Client().get(f"/k/{token}/{path}").status_code == 404


def test_the_pdf_keeps_danish_letters_in_its_name(world, published):
    world.catalogue.title = "Katalog for Næstved og Køge"
    world.catalogue.save()
    again = services.publication_publish(
        catalogue=world.catalogue, user=world.users["consultant"]
    )
    CataloguePublication.objects.filter(pk=again.pk).update(render=world.render)
    response = Client().get(edition_url(again, "reporting:publication_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''katalog-for-n%C3%A6stved-og-k%C3%B8ge" in disposition
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_pdf_on_its_way_is_503_with_retry_after(published):
    assert published.render.status == RenderStatus.QUEUED
    response = Client().get(edition_url(published, "reporting:publication_pdf"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "PDF'en er på vej" in response.content.decode()


def test_the_link_serves_its_own_photos_only(world, published):
    own = Client().get(
        edition_url(published, "reporting:publication_photo", photo_id=world.photo.pk)
    )
    assert own.status_code == 200
    assert own["Content-Type"] == world.photo.content_type
    # A photo of the same project that the edition does not show.
    unshown = Photo.objects.get(pk=world.photo.pk)
    unshown.pk = None
    unshown.save()
    assert (
        Client()
        .get(edition_url(published, "reporting:publication_photo", photo_id=unshown.pk))
        .status_code
        == 404
    )
    # Another project's photo, even if the list named it.
    other = ProjectFactory()
    initiative = InitiativeFactory(idea=DecidedIdeaFactory(project=other))
    run = TestRunFactory(initiative=initiative, project=other, site=world.site_a)
    testing_services.run_sync_submissions(run=run)
    foreign = Photo.objects.get(pk=world.photo.pk)
    foreign.pk = None
    foreign.submission = run.submissions.first()
    foreign.save()
    CataloguePublication.objects.filter(pk=published.pk).update(
        photo_ids=[world.photo.pk, foreign.pk]
    )
    assert (
        Client()
        .get(edition_url(published, "reporting:publication_photo", photo_id=foreign.pk))
        .status_code
        == 404
    )


def test_stylesheet_addresses_follow_todays_static_files(settings):
    html = (
        '<link rel="stylesheet" href="/static/css/catalogue.0123456789ab.css">'
        "<p>/static/css/catalogue.0123456789ab.css</p>"
    )
    fixed = pdf.current_static_urls(html)
    assert 'href="/static/css/catalogue.css"' in fixed
    assert "<p>/static/css/catalogue.0123456789ab.css</p>" in fixed  # text untouched


# Inside the app


def test_members_read_the_edition_in_the_app(client_for, world, published):
    url = reverse("reporting:publication_read", args=[world.project.pk])
    for role in ("steering", "coordinator_a", "coordinator_b", "consultant"):
        response = client_for(role).get(url)
        assert response.status_code == 200, role
        text = response.content.decode()
        assert world.catalogue.title in text
        assert "Tilbage til" in text and "<!--synergi:app-bar-->" not in text


def test_a_coordinator_of_another_project_cannot_read_it(client, world, published):
    stranger = UserFactory()
    MembershipFactory(user=stranger, role=Role.COORDINATOR, site=world.site_b)
    client.force_login(stranger)
    url = reverse("reporting:publication_read", args=[world.project.pk])
    assert client.get(url).status_code == 404


def test_nothing_published_is_a_clear_empty_state(client_for, world):
    response = client_for("steering").get(
        reverse("reporting:publication_read", args=[world.project.pk])
    )
    assert response.status_code == 200
    assert "ikke offentliggjort endnu" in response.content.decode()


def test_the_project_navigation_leads_members_to_it(client_for, world):
    response = client_for("steering").get(
        reverse("reporting:dashboard", args=[world.project.pk])
    )
    assert reverse("reporting:publication_read", args=[world.project.pk]) in (
        response.content.decode()
    )


def test_erasing_a_citizen_takes_the_published_editions_down(world, published):
    from privacy import gdpr

    gdpr.erase_speaker(world.quote.speaker_label or "Inger")
    assert not CataloguePublication.objects.filter(pk=published.pk).exists()
