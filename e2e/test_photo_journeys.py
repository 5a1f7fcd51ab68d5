"""Photos in real Chromium: when the media storage is full, the coordinator is told
so beside the photo question, and the schema they are filling in stays as it was."""

import errno
import io
import re
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from PIL import Image
from playwright.sync_api import expect

from e2e.conftest import login
from testing.models import Photo, Submission


def full_disk(self, name, content):
    """FileSystemStorage on a full disk: the file is created, writing it fails."""
    path = Path(self.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    raise OSError(errno.ENOSPC, "No space left on device")


def photo_files():
    return {p.name for p in (Path(settings.MEDIA_ROOT) / "photos").glob("*")}


def jpeg():
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (29, 63, 110)).save(out, format="JPEG")
    return out.getvalue()


def test_a_full_photo_storage_is_told_beside_the_question(page, demo, monkeypatch):
    submission = Submission.objects.get(
        run__site__name__startswith="Glumsø", kind="week", week__week=40
    )
    login(page, "tovholder-glumsoe")
    page.goto(page.base_url + f"/submissions/{submission.pk}/fill/")
    observations = page.get_by_label(re.compile(r"^\s*Observationer\s*\*?\s*$"))
    observations.fill("Skrevet før uploadet – må ikke gå tabt")

    # The live server runs in this process: its storage now meets a full disk.
    monkeypatch.setattr(FileSystemStorage, "_save", full_disk)
    files, rows = photo_files(), Photo.objects.count()
    page.get_by_label("Vælg foto til “Foto af tiltaget”").set_input_files(
        {"name": "udstilling.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}
    )
    page.get_by_role("button", name="Upload foto").click()

    alert = page.get_by_role("alert").filter(has_text="Fotoet blev ikke gemt.")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Der er ikke plads til flere fotos lige nu.")
    expect(observations).to_have_value("Skrevet før uploadet – må ikke gå tabt")
    assert Photo.objects.count() == rows
    assert photo_files() == files  # no file of zero bytes left behind
    # Chromium reports the 507 itself; nothing else went wrong on the page.
    assert [e for e in page.console_errors if "507" not in e] == []


def test_a_schema_with_a_photo_is_sent_and_a_photo_removed_without_losing_text(
    page, demo
):
    """A photo's "Fjern" sat in a form of its own inside the schema's form: its end
    tag ended the schema's form, and "Send skemaet" sent nothing. Now the photo goes
    in place (htmx), what was typed stays, and the schema is sent."""
    from testing.models import SubmissionStatus

    submission = Submission.objects.filter(
        run__site__name__startswith="Glumsø", photos__isnull=False
    ).first()
    Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.DRAFT)
    login(page, "tovholder-glumsoe")
    page.goto(page.base_url + f"/submissions/{submission.pk}/fill/")
    strays = page.evaluate(
        "[...document.querySelectorAll('#submission-form button[type=submit]')]"
        ".filter(b => !b.getAttribute('form') && !(b.form && b.form.id === 'submission-form')).map(b => b.outerHTML)"
    )
    assert strays == []
    observations = page.get_by_label(re.compile(r"^\s*Observationer\s*\*?\s*$"))
    observations.fill("Skrevet før fotoet blev fjernet")
    photos = Photo.objects.filter(submission=submission).count()
    page.get_by_role("button", name=re.compile(r"^Fjern foto 1")).first.click()
    expect(page.get_by_role("button", name=re.compile(r"^Fjern foto"))).to_have_count(
        photos - 1
    )
    assert Photo.objects.filter(submission=submission).count() == photos - 1
    expect(observations).to_have_value("Skrevet før fotoet blev fjernet")
    page.get_by_role("button", name="Send skemaet").click()
    page.wait_for_url(re.compile(r"/submissions/\d+/$"))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert "Skrevet før fotoet blev fjernet" in str(
        submission.answers.get(question__key="observationer").value_text
    )
    assert page.console_errors == []
