"""The results catalogue: curating, the PDF read back as text, safety of what it
fetches, reuse of an unchanged PDF, failures, and who may do what."""

import io
import re
import socket

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from pypdf import PdfReader

from core.services import ActionRefused
from initiatives.tests.factories import QuoteFactory
from reporting import pdf, selectors, services
from reporting.models import DEFAULT_TITLE, Recommendation, RenderStatus
from reporting.tests.factories import chapter_for
from testing.models import Photo

pytestmark = pytest.mark.django_db


def pdf_text(render):
    render.refresh_from_db()
    with render.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def make_pdf(catalogue, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        render = services.render_request(catalogue=catalogue, user=user)
    render.refresh_from_db()
    assert render.status == RenderStatus.DONE, render.error
    return render


@pytest.fixture
def curated(world):
    """The world's chapter with texts, a picked quote, and quotes that must stay out."""
    chapter = world.chapter
    chapter.what_worked = "Borgerne fandt vej til IT-hjælpen samme dag."
    chapter.recommendation = Recommendation.CONTINUE
    chapter.recommendation_text = "Fortsæt med kortet ved skranken."
    chapter.save()
    picked = QuoteFactory(
        project=world.project,
        text="Det var rart at blive vist videre med det samme.",
        speaker_label="Inger, 72 år",
        consent_to_publish=True,
        reviewed=True,
    )
    chapter.quotes.add(picked)
    unpicked = QuoteFactory(
        project=world.project,
        text="Dette citat er ikke valgt til kataloget.",
        consent_to_publish=True,
        reviewed=True,
    )
    unconsented = QuoteFactory(
        project=world.project,
        text="Uden samtykke må dette aldrig trykkes.",
        speaker_label="Hemmelig Person",
        consent_to_publish=False,
        reviewed=True,
    )
    # Offered for the chapter only when linked to its initiative (and its sites).
    for quote in (picked, unpicked, unconsented):
        quote.initiatives.add(chapter.initiative)
    # Even if it were attached behind the form's back, the selector leaves it out.
    chapter.quotes.add(unconsented)
    return {"picked": picked, "unpicked": unpicked, "unconsented": unconsented}


def test_the_pdf_holds_toc_chapters_figures_and_picked_quotes_only(
    world, curated, django_capture_on_commit_callbacks
):
    render = make_pdf(
        world.catalogue, world.users["consultant"], django_capture_on_commit_callbacks
    )
    reader, text = pdf_text(render)
    name = world.initiative.name
    # In the table of contents (with its page number) and as the chapter's heading.
    assert text.count(name) >= 3  # contents, summary table, chapter (and header)
    toc = reader.pages[2].extract_text()
    assert "Indhold" in toc and name in toc
    assert any(
        line.strip().endswith(str(n))
        for line in toc.splitlines()
        for n in range(4, 9)
        if name in line
    )
    # The figures: the submitted schema said 5 (the draft's 3 is not counted).
    assert "Antal henvisninger" in text
    figures_line = next(
        line
        for line in text.splitlines()
        if "Antal henvisninger" in line and "Sted A" in line
    )
    assert " 5" in figures_line
    assert "Det var rart at blive vist videre med det samme." in text
    assert "Inger, 72 år" in text
    assert "ikke valgt til kataloget" not in text
    assert "Uden samtykke" not in text and "Hemmelig Person" not in text
    assert "Borgerne fandt vej til IT-hjælpen samme dag." in text
    assert "Side 3 af" in text  # page numbers in the footer
    assert reader.metadata.title == "Katalog med resultater af afprøvede tiltag"
    assert reader.trailer["/Root"]["/Lang"] == "da"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]  # a tagged PDF
    assert render.pages == len(reader.pages) and render.size > 1000


def test_html_in_a_text_field_is_printed_as_text_and_fetches_nothing(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    attempts = []

    def no_network(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "create_connection", no_network)
    chapter = world.chapter
    chapter.what_worked = (
        'Godt <img src="http://127.0.0.1:9/x"> <script>alert(1)</script>'
    )
    chapter.save()
    world.catalogue.colophon = '<img src="file:///etc/passwd">'
    world.catalogue.save()
    html = pdf.catalogue_html(catalogue=world.catalogue)
    assert '<img src="http://127.0.0.1:9/x">' not in html
    assert "&lt;img src=&quot;http://127.0.0.1:9/x&quot;&gt;" in html
    _content, _pages, refused = pdf.html_to_pdf(html)
    assert refused == [] and attempts == []
    render = make_pdf(
        world.catalogue, world.users["consultant"], django_capture_on_commit_callbacks
    )
    _reader, text = pdf_text(render)
    assert '<img src="http://127.0.0.1:9/x">' in text.replace("\n", " ")
    assert attempts == []


def test_the_fetcher_serves_app_files_and_refuses_everything_else(monkeypatch):
    monkeypatch.setattr(
        socket,
        "create_connection",
        lambda *a, **k: pytest.fail("the fetcher opened a connection"),
    )
    html = (
        '<img src="http://127.0.0.1:9/x"><img src="file:///etc/passwd">'
        '<img src="/static/../../etc/passwd"><img src="ftp://example.org/x">'
        '<link rel="stylesheet" href="/static/css/catalogue.css">'
    )
    _content, _pages, refused = pdf.html_to_pdf(html)
    assert sorted(refused) == sorted(
        [
            "http://127.0.0.1:9/x",
            "file:///etc/passwd",
            pdf.BASE_URL + "etc/passwd",
            "ftp://example.org/x",
        ]
    )


def test_an_unchanged_catalogue_is_served_again_without_rendering(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    first = make_pdf(
        world.catalogue, world.users["consultant"], django_capture_on_commit_callbacks
    )
    calls = []
    real = pdf.html_to_pdf
    monkeypatch.setattr(
        pdf, "html_to_pdf", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    again = make_pdf(
        world.catalogue, world.users["consultant"], django_capture_on_commit_callbacks
    )
    assert calls == [] and again.reused
    assert (again.file.name, again.content_hash) == (
        first.file.name,
        first.content_hash,
    )
    world.chapter.learnings = "En ny erfaring."
    world.chapter.save()
    changed = make_pdf(
        world.catalogue, world.users["consultant"], django_capture_on_commit_callbacks
    )
    assert calls == [1] and not changed.reused
    assert changed.content_hash != first.content_hash
    assert changed.file.name != first.file.name


def test_a_failed_generation_shows_the_error_and_keeps_the_previous_pdf(
    client, world, django_capture_on_commit_callbacks, monkeypatch
):
    good = make_pdf(
        world.catalogue, world.users["consultant"], django_capture_on_commit_callbacks
    )
    world.chapter.learnings = "Ændret, så den skal dannes igen."
    world.chapter.save()

    def broken(*args, **kwargs):
        raise RuntimeError("skrifttypen mangler")

    monkeypatch.setattr(pdf, "html_to_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        failed = services.render_request(
            catalogue=world.catalogue, user=world.users["consultant"]
        )
    failed.refresh_from_db()
    assert failed.status == RenderStatus.FAILED
    assert "skrifttypen mangler" in failed.error
    assert selectors.latest_finished_render(catalogue=world.catalogue) == good
    client.force_login(world.users["consultant"])
    page = client.get(reverse("reporting:catalogue", args=[world.project.pk]))
    body = page.content.decode()
    assert "Kataloget kunne ikke dannes." in body and "skrifttypen mangler" in body
    assert (
        reverse("reporting:render_download", args=[world.project.pk, good.pk]) in body
    )


def test_an_unreadable_photo_is_left_out_with_a_note_in_the_preview(
    client, world, django_capture_on_commit_callbacks
):
    broken = Photo.objects.create(
        submission=world.photo.submission,
        question=world.photo.question,
        content_type="image/png",
        width=10,
        height=10,
    )
    broken.file.save("broken.png", ContentFile(b"not an image"), save=True)
    world.chapter.photos.set([world.photo, broken])
    client.force_login(world.users["consultant"])
    preview = client.get(
        reverse("reporting:catalogue_preview", args=[world.project.pk])
    )
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "kan ikke læses og kommer ikke med i PDF" in body
    assert reverse("testing:photo", args=[world.photo.pk]) in body
    render = make_pdf(
        world.catalogue, world.users["consultant"], django_capture_on_commit_callbacks
    )
    reader, text = pdf_text(render)
    assert "kan ikke læses" not in text
    # One picture in the file (the readable photo; charts are vector graphics).
    images = {image.name for page in reader.pages for image in page.images}
    assert len(images) == 1


def test_the_chapter_form_refuses_a_quote_without_consent(client, world, curated):
    client.force_login(world.users["consultant"])
    url = reverse("reporting:chapter_edit", args=[world.chapter.pk])
    page = client.get(url)
    loaded_at = page.context["form"].initial["loaded_at"]
    body = page.content.decode()
    assert curated["picked"].text in body and curated["unconsented"].text not in body
    response = client.post(
        url,
        {
            "included": "on",
            "quotes": [curated["unconsented"].pk],
            "loaded_at": loaded_at,
        },
    )
    assert response.status_code == 200
    assert "Citatet kan ikke vælges" in response.content.decode()
    response = client.post(
        url,
        {
            "included": "on",
            "quotes": [curated["picked"].pk],
            "recommendation": "adjust",
            "loaded_at": loaded_at,
        },
    )
    assert response.status_code == 302
    world.chapter.refresh_from_db()
    assert world.chapter.recommendation == "adjust"
    assert list(world.chapter.quotes.all()) == [curated["picked"]]


def test_the_chapter_service_refuses_an_unpublishable_quote_for_any_caller(
    world, curated
):
    """Not only the form: a script or loader calling the service cannot pick a quote
    without consent either; nothing of that save is written."""
    with pytest.raises(ActionRefused):
        services.chapter_update(
            chapter=world.chapter,
            what_worked="Ændret",
            quotes=[curated["picked"], curated["unconsented"]],
        )
    world.chapter.refresh_from_db()
    assert world.chapter.what_worked == "Borgerne fandt vej til IT-hjælpen samme dag."


def test_a_save_without_a_page_writes_the_values_given_and_leaves_the_rest(world):
    """The demo loader's way: values given are written over what is stored (no merge
    with a page), values not given (None) stay as stored."""
    result = services.catalogue_update(
        catalogue=world.catalogue, subtitle="Fire steder", author="Actant"
    )
    assert result.merge.conflicts == {}
    world.catalogue.refresh_from_db()
    assert (world.catalogue.subtitle, world.catalogue.author) == (
        "Fire steder",
        "Actant",
    )
    assert world.catalogue.title == DEFAULT_TITLE


def test_chapters_can_be_reordered_and_the_pdf_follows(client, world):
    other = chapter_for(world)
    client.force_login(world.users["consultant"])
    assert [c.pk for c in world.catalogue.chapters.all()] == [
        world.chapter.pk,
        other.pk,
    ]
    response = client.post(
        reverse("reporting:chapter_move", args=[other.pk]), {"direction": "-1"}
    )
    assert response.status_code == 302
    assert [c.pk for c in world.catalogue.chapters.all()] == [
        other.pk,
        world.chapter.pk,
    ]
    html = pdf.catalogue_html(catalogue=world.catalogue)
    assert html.index(f'id="tiltag-{other.initiative.pk}"') < html.index(
        f'id="tiltag-{world.initiative.pk}"'
    )
    refused = client.post(
        reverse("reporting:chapter_move", args=[other.pk]),
        {"direction": "-1"},
        follow=True,
    )
    assert "Kapitlet er allerede først." in refused.content.decode()


def test_a_second_request_while_one_is_running_does_not_queue_another(world):
    first = services.render_request(
        catalogue=world.catalogue, user=world.users["consultant"]
    )
    second = services.render_request(
        catalogue=world.catalogue, user=world.users["consultant"]
    )
    assert first == second
    assert world.catalogue.renders.filter(status=RenderStatus.QUEUED).count() == 1


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_pdf_is_made_by_the_worker_not_the_request(client, world):
    from django_tasks_db.models import DBTaskResult

    client.force_login(world.users["consultant"])
    response = client.post(reverse("reporting:render_request", args=[world.project.pk]))
    assert response.status_code == 302
    render = world.catalogue.renders.order_by("-pk").first()
    assert render.status == RenderStatus.QUEUED  # the request only queued it
    assert DBTaskResult.objects.count() == 1
    status = client.get(reverse("reporting:render_status", args=[world.project.pk]))
    assert 'hx-trigger="every 2s"' in status.content.decode()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    render.refresh_from_db()
    assert render.status == RenderStatus.DONE and render.progress == 100
    status = client.get(reverse("reporting:render_status", args=[world.project.pk]))
    assert "Hent PDF" in status.content.decode()
    download = client.get(
        reverse("reporting:render_download", args=[world.project.pk, render.pk])
    )
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_catalogue_costs_the_same_queries_for_more_chapters(world, count_queries):
    def chapters_queries():
        queries, chapters = count_queries(
            lambda: selectors.catalogue_chapters(catalogue=world.catalogue)
        )
        assert all(c.runs for c in chapters)
        return queries

    few = chapters_queries()
    for _ in range(4):
        chapter_for(world)
    assert chapters_queries() == few


def test_a_save_over_a_newer_save_is_refused_and_keeps_the_text(client, world):
    client.force_login(world.users["consultant"])
    url = reverse("reporting:chapter_edit", args=[world.chapter.pk])
    form = client.get(url).context["form"]
    loaded_at = form.initial["loaded_at"]
    # Somebody else saves the chapter in the meantime.
    client.post(
        url, {"included": "on", "learnings": "Først gemt.", "loaded_at": loaded_at}
    )
    world.chapter.refresh_from_db()
    assert world.chapter.learnings == "Først gemt."
    response = client.post(
        url, {"included": "on", "learnings": "Min lange tekst.", "loaded_at": loaded_at}
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "siden du åbnede siden" in body and "Min lange tekst." in body
    world.chapter.refresh_from_db()
    assert world.chapter.learnings == "Først gemt."


class ChapterPage:
    """A consultant's tab on a chapter's form: what it loaded, and what it posts."""

    def __init__(self, user, chapter):
        self.client = Client()
        self.client.force_login(user)
        self.url = reverse("reporting:chapter_edit", args=[chapter.pk])
        self.reload()

    def reload(self):
        response = self.client.get(self.url)
        form = response.context["form"]
        self.fields = {
            name: form[name].value() for name in form.fields if name != "loaded_at"
        }
        self.hidden = {"loaded_at": form.initial["loaded_at"]} | {
            f"base-{name}": token for name, token in form.base_tokens.items()
        }
        return response

    def save(self, **changes):
        data = {**self.hidden}
        for name, value in {**self.fields, **changes}.items():
            if value in (None, False, []):
                continue
            data[name] = "on" if value is True else value
        return self.client.post(self.url, data)


def test_two_consultants_editing_different_texts_of_a_chapter_both_save(world):
    user = world.users["consultant"]
    first, second = ChapterPage(user, world.chapter), ChapterPage(user, world.chapter)
    assert first.save(what_worked="Det virkede.").status_code == 302
    assert second.save(learnings="Vi lærte meget.").status_code == 302
    world.chapter.refresh_from_db()
    assert (world.chapter.what_worked, world.chapter.learnings) == (
        "Det virkede.",
        "Vi lærte meget.",
    )


def test_the_same_chapter_text_shows_both_versions_until_someone_chooses(world):
    user = world.users["consultant"]
    first, second = ChapterPage(user, world.chapter), ChapterPage(user, world.chapter)
    first.save(learnings="Første udgave.")
    response = second.save(learnings="Anden udgave.", what_worked="Ny tekst.")
    assert response.status_code == 409
    body = response.content.decode()
    assert "Formularen blev ikke gemt" not in body  # part of it was saved
    assert "Ikke alt er gemt" in body and "siden du åbnede siden" in body
    assert 'conflict-mine">Anden udgave.<' in body
    assert 'conflict-theirs">Første udgave.<' in body
    world.chapter.refresh_from_db()
    assert world.chapter.learnings == "Første udgave."
    assert world.chapter.what_worked == "Ny tekst."  # the rest is saved
    # Saving the same page again without choosing: still refused.
    assert second.save(learnings="Anden udgave.").status_code == 409
    world.chapter.refresh_from_db()
    assert world.chapter.learnings == "Første udgave."
    # Choosing "Behold min" against the stored version saves it.
    seen = re.search(r'name="seen-learnings" value="(\w+)"', body).group(1)
    done = second.client.post(
        second.url,
        {
            **second.hidden,
            "included": "on",
            "learnings": "Anden udgave.",
            "what_worked": "Ny tekst.",
            "resolve-learnings": "mine",
            "seen-learnings": seen,
        },
    )
    assert done.status_code == 302
    world.chapter.refresh_from_db()
    assert world.chapter.learnings == "Anden udgave."


def test_a_chapter_choice_made_against_an_older_version_does_not_count(world):
    user = world.users["consultant"]
    first, second = ChapterPage(user, world.chapter), ChapterPage(user, world.chapter)
    first.save(learnings="A")
    body = second.save(learnings="B").content.decode()
    seen = re.search(r'name="seen-learnings" value="(\w+)"', body).group(1)
    third = ChapterPage(user, world.chapter)  # arrives mid-conflict
    assert third.save(learnings="C").status_code == 302
    late = second.client.post(
        second.url,
        {
            **second.hidden,
            "included": "on",
            "learnings": "B",
            "resolve-learnings": "mine",
            "seen-learnings": seen,
        },
    )
    assert late.status_code == 409
    assert "ændret igen" in late.content.decode()
    world.chapter.refresh_from_db()
    assert world.chapter.learnings == "C"


def test_the_downloaded_pdf_keeps_the_danish_letters_of_its_title(client, world):
    """filename* carries the title as written; the plain filename is an ASCII
    fallback that spells the letters out instead of dropping them."""
    world.catalogue.title = "Synergi i Næstved og Glumsø"
    world.catalogue.save()
    client.force_login(world.users["consultant"])
    response = client.get(
        reverse("reporting:render_download", args=[world.project.pk, world.render.pk])
    )
    assert response.status_code == 200
    day = f"{world.render.finished_at:%Y-%m-%d}"
    assert response["Content-Disposition"] == (
        f'attachment; filename="synergi-i-naestved-og-glumsoe-{day}.pdf"; '
        "filename*=UTF-8''synergi-i-n%C3%A6stved-og-glums%C3%B8-" + day + ".pdf"
    )
    response.close()


def test_the_render_area_is_one_fragment_with_the_finished_pdfs(client, world):
    """What htmx polls is the whole area: when the PDF is ready the fragment holds
    the download and the list, and nothing says no PDF has been made."""
    client.force_login(world.users["consultant"])
    html = client.get(
        reverse("reporting:render_status", args=[world.project.pk])
    ).content.decode()
    assert "Hent PDF" in html and "Dannede kataloger" in html
    assert "Der er ikke dannet noget katalog endnu." not in html
    download = reverse(
        "reporting:render_download", args=[world.project.pk, world.render.pk]
    )
    assert html.count(f'href="{download}"') == 2  # the button and the list's line


def test_the_preview_bar_speaks_the_readers_language(client, world):
    """The catalogue itself is Danish; the bar above the preview is the interface."""
    client.force_login(world.users["consultant"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    url = reverse("reporting:catalogue_preview", args=[world.project.pk])
    html = client.get(url).content.decode()
    assert "Back to the catalogue" in html and "Tilbage til kataloget" not in html
    assert '<html lang="da">' in html or 'lang="da"' in html


def test_the_admin_lists_the_pdfs_but_neither_adds_nor_changes_them(
    admin_client, world
):
    """A PDF's state belongs to the services and the worker: read-only in the admin."""
    changelist = reverse("admin:reporting_cataloguerender_changelist")
    assert admin_client.get(changelist).status_code == 200
    add = reverse("admin:reporting_cataloguerender_add")
    assert admin_client.get(add).status_code == 403
    change = reverse("admin:reporting_cataloguerender_change", args=[world.render.pk])
    admin_client.post(change, {"status": RenderStatus.QUEUED, "progress": 0})
    world.render.refresh_from_db()
    assert world.render.status == RenderStatus.DONE and world.render.progress == 100
