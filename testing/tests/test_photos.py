"""Photo uploads with real bad files: only re-encoded pixels are kept."""

import io
import re
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from synergy.services import ActionRefused
from testing import services
from testing.models import Photo
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
