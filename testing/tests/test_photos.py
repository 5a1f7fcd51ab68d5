"""Photo uploads with real bad files: only re-encoded pixels are kept."""

import errno
import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageCms, PngImagePlugin

from core.services import ActionRefused
from testing import services
from testing.models import Photo, Submission
from testing.tests.factories import image_upload


def png_claiming(width, height):
    """A tiny PNG file whose header claims a huge image (a decompression bomb)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 10))
        + chunk(b"IEND", b"")
    )


def test_an_ordinary_photo_is_stored_under_a_generated_name(world):
    upload = image_upload(name="../../x.jpg", kind="JPEG")
    photo = services.photo_add(
        submission=world.draft,
        question=world.photo_question,
        upload=upload,
        user=world.users["coordinator_a"],
    )
    assert re.fullmatch(r"photos/[0-9a-f]{32}\.jpg", photo.file.name)
    assert (photo.content_type, photo.width, photo.height) == ("image/jpeg", 64, 48)


def test_gps_and_camera_data_are_removed(world):
    exif = Image.Exif()
    exif[0x0110] = "Kamera med serienummer 12345"  # Model
    exif[0x8825] = {1: "N", 2: (55.0, 38.0, 30.0)}  # GPSInfo
    upload = image_upload(kind="JPEG", exif=exif.tobytes())
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif()  # the upload really has EXIF
    upload.seek(0)
    photo = services.photo_add(
        submission=world.draft,
        question=world.photo_question,
        upload=upload,
        user=world.users["coordinator_a"],
    )
    with photo.file.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()
        assert b"serienummer" not in stored.read()


def test_a_polyglot_is_stored_as_pixels_only(world):
    upload = image_upload(extra=b"<html><script>alert(1)</script></html>")
    photo = services.photo_add(
        submission=world.draft,
        question=world.photo_question,
        upload=upload,
        user=world.users["coordinator_a"],
    )
    with photo.file.open("rb") as stored:
        content = stored.read()
    assert b"<script>" not in content and content.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "upload,message",
    [
        (
            SimpleUploadedFile(
                "side.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"
            ),
            "kan ikke læses",
        ),
        (
            SimpleUploadedFile(
                "tegning.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"/>',
                "image/svg+xml",
            ),
            "kan ikke læses",
        ),
        (
            SimpleUploadedFile("bombe.png", png_claiming(20000, 20000), "image/png"),
            "for mange pixels",
        ),
        (
            SimpleUploadedFile(
                "stor.jpg", b"\xff\xd8" + b"0" * (11 * 1024 * 1024), "image/jpeg"
            ),
            "for stort",
        ),
    ],
    ids=["html-as-jpg", "svg", "decompression-bomb", "11-mb"],
)
def test_bad_files_are_refused_with_a_danish_message(world, upload, message):
    with pytest.raises(ActionRefused, match=message):
        services.photo_add(
            submission=world.draft,
            question=world.photo_question,
            upload=upload,
            user=world.users["coordinator_a"],
        )
    assert Photo.objects.count() == 1  # only the world's own photo


def test_a_gif_is_refused(world):
    with pytest.raises(ActionRefused, match="JPEG, PNG eller WebP"):
        services.photo_add(
            submission=world.draft,
            question=world.photo_question,
            upload=image_upload(kind="GIF"),
            user=world.users["coordinator_a"],
        )


def test_upload_through_the_page_shows_the_error_and_keeps_the_schema(
    client_for, world
):
    url = reverse(
        "testing:photo_upload", args=[world.draft.pk, world.photo_question.pk]
    )
    bad = SimpleUploadedFile("side.jpg", b"<html></html>", "image/jpeg")
    response = client_for("coordinator_a").post(
        url, {"photo": bad}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "Filen kan ikke læses som et foto." in response.content.decode()
    response = client_for("coordinator_a").post(
        url, {"photo": image_upload()}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.content.decode().count("<img") == 2


def test_photos_are_served_only_to_those_who_may_see_the_schema(client_for, world):
    url = world.photo.get_absolute_url()
    response = client_for("coordinator_a").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client_for("coordinator_b").get(url).status_code == 404
    assert client_for("outsider").get(url).status_code == 404
    assert client_for("anonymous").get(url).status_code == 302


def test_photos_cannot_be_added_to_a_submitted_schema(world):
    with pytest.raises(ActionRefused, match="indsendt"):
        services.photo_add(
            submission=world.submitted,
            question=world.photo_question,
            upload=image_upload(),
            user=world.users["coordinator_a"],
        )


# When the media storage will not take the photo


def media_files():
    root = Path(settings.MEDIA_ROOT) / "photos"
    return {p.name: p.stat().st_size for p in root.glob("*") if p.is_file()}


def full_disk(self, name, content):
    """FileSystemStorage on a full disk: the file is created, writing it fails."""
    path = Path(self.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    raise OSError(errno.ENOSPC, "No space left on device")


def read_only(self, name, content):
    """FileSystemStorage on a file system mounted read-only."""
    raise OSError(errno.EROFS, "Read-only file system")


def no_permission(self, name, content):
    """FileSystemStorage on a folder the app may not write to."""
    raise PermissionError(errno.EACCES, "Permission denied")


STORAGE_FAILURES = pytest.mark.parametrize(
    "failure, message",
    [
        (full_disk, "Der er ikke plads til flere fotos lige nu."),
        (read_only, "Lageret til fotos tager ikke imod filer lige nu."),
        (no_permission, "Lageret til fotos tager ikke imod filer lige nu."),
    ],
    ids=["disk-full", "read-only", "permission-denied"],
)


@STORAGE_FAILURES
def test_a_storage_failure_keeps_no_row_and_no_file(
    world, monkeypatch, failure, message
):
    monkeypatch.setattr(FileSystemStorage, "_save", failure)
    files, rows = media_files(), Photo.objects.count()
    with pytest.raises(services.PhotoStorageFailed, match=message):
        services.photo_add(
            submission=world.draft,
            question=world.photo_question,
            upload=image_upload(kind="JPEG"),
            user=world.users["coordinator_a"],
        )
    assert Photo.objects.count() == rows
    assert media_files() == files  # not even a file of zero bytes


@STORAGE_FAILURES
def test_a_storage_failure_is_told_on_the_page_and_the_draft_is_untouched(
    client_for, world, monkeypatch, failure, message
):
    monkeypatch.setattr(FileSystemStorage, "_save", failure)
    files, rows = media_files(), Photo.objects.count()
    draft = Submission.objects.get(pk=world.draft.pk)
    answers = list(draft.answers.values_list("question__key", "value_integer"))
    events = draft.events.count()
    url = reverse(
        "testing:photo_upload", args=[world.draft.pk, world.photo_question.pk]
    )
    client = client_for("coordinator_a")

    response = client.post(url, {"photo": image_upload()}, HTTP_HX_REQUEST="true")
    assert response.status_code == 507  # swapped in by htmx (htmx_config.html)
    html = response.content.decode()
    assert f'id="photos-{world.photo_question.pk}"' in html
    assert message in html and "Dine svar i skemaet er ikke berørt." in html
    assert html.count("<img") == 1  # the photo already there is still listed

    response = client.post(url, {"photo": image_upload()}, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()  # the message on the schema page

    assert Photo.objects.count() == rows and media_files() == files
    after = Submission.objects.get(pk=world.draft.pk)
    assert (after.status, after.version) == (draft.status, draft.version)
    assert list(after.answers.values_list("question__key", "value_integer")) == answers
    assert after.events.count() == events


# What the stored file carries


def stored_bytes(photo):
    with photo.file.open("rb") as stored:
        return stored.read()


def test_a_jpeg_comment_is_not_stored(world):
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(
        out, format="JPEG", comment=b"Bent Hansen, Parkvej 3, ring 12345678"
    )
    assert b"\xff\xfe" in out.getvalue()  # the upload has a COM segment
    photo = services.photo_add(
        submission=world.draft,
        question=world.photo_question,
        upload=SimpleUploadedFile("foto.jpg", out.getvalue(), "image/jpeg"),
        user=world.users["coordinator_a"],
    )
    content = stored_bytes(photo)
    assert content.startswith(b"\xff\xd8")
    assert b"\xff\xfe" not in content and b"Parkvej" not in content
    with Image.open(io.BytesIO(content)) as image:
        assert "comment" not in image.info


def test_xmp_and_colour_profile_are_not_stored_and_orientation_is_applied(world):
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to view
    Image.new("RGB", (64, 48), (200, 40, 40)).save(
        out,
        format="JPEG",
        exif=exif.tobytes(),
        xmp=b"<x:xmpmeta>Optaget hos Bent Hansen</x:xmpmeta>",
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    )
    photo = services.photo_add(
        submission=world.draft,
        question=world.photo_question,
        upload=SimpleUploadedFile("foto.jpg", out.getvalue(), "image/jpeg"),
        user=world.users["coordinator_a"],
    )
    content = stored_bytes(photo)
    assert b"Bent Hansen" not in content and b"ICC_PROFILE" not in content
    assert b"Exif" not in content
    with Image.open(io.BytesIO(content)) as image:
        assert image.size == (48, 64)  # turned upright, as the camera said
        assert not {"icc_profile", "xmp", "exif"} & set(image.info)
    assert (photo.width, photo.height) == (48, 64)


def test_a_png_colour_profile_and_text_are_not_stored(world):
    out = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Bent Hansen")
    Image.new("RGB", (64, 48), (200, 40, 40)).save(
        out,
        format="PNG",
        pnginfo=info,
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    )
    photo = services.photo_add(
        submission=world.draft,
        question=world.photo_question,
        upload=SimpleUploadedFile("foto.png", out.getvalue(), "image/png"),
        user=world.users["coordinator_a"],
    )
    content = stored_bytes(photo)
    assert b"iCCP" not in content and b"Bent Hansen" not in content


def test_a_phones_multi_picture_jpeg_keeps_its_first_picture(world):
    first = Image.new("RGB", (64, 48), (200, 40, 40))
    second = Image.new("RGB", (32, 24), (20, 40, 200))
    out = io.BytesIO()
    first.save(out, format="MPO", save_all=True, append_images=[second])
    with Image.open(io.BytesIO(out.getvalue())) as probe:
        assert probe.format == "MPO" and probe.n_frames == 2
    photo = services.photo_add(
        submission=world.draft,
        question=world.photo_question,
        upload=SimpleUploadedFile("IMG_0001.JPG", out.getvalue(), "image/jpeg"),
        user=world.users["coordinator_a"],
    )
    assert photo.file.name.endswith(".jpg")
    assert (photo.content_type, photo.width, photo.height) == ("image/jpeg", 64, 48)
    with Image.open(io.BytesIO(stored_bytes(photo))) as stored:
        assert stored.format == "JPEG"  # one picture, not a multi-picture file
        assert getattr(stored, "n_frames", 1) == 1
        red, _green, blue = stored.convert("RGB").getpixel((10, 10))
        assert red > 150 and blue < 100  # the first picture's red, not the blue one
