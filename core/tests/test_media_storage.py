"""Media on an S3-compatible object store (django-storages), as several app servers
use it: photos, catalogue PDFs and erasure all work through the bucket, and nothing
is written to the local MEDIA_ROOT. moto plays the object store in-process."""

import io
from pathlib import Path

import boto3
import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from moto import mock_aws
from pypdf import PdfReader

from core.media_storage import media_storage
from reporting import services as reporting_services
from reporting.models import CatalogueRender, RenderStatus
from reporting.pdf import LocalFilesOnly, RefusedURL
from testing.tests.factories import image_upload

BUCKET = "synergi-media"
REGION = "eu-north-1"
S3_ENVIRONMENT = {
    "MEDIA_S3_BUCKET": BUCKET,
    "MEDIA_S3_REGION": REGION,
    "MEDIA_S3_PREFIX": "synergi/",
    "MEDIA_S3_ACCESS_KEY_ID": "test-key",
    "MEDIA_S3_SECRET_ACCESS_KEY": "test-secret",
}


def test_without_a_bucket_media_are_files_under_media_root():
    assert media_storage({}) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    assert media_storage({"MEDIA_S3_BUCKET": "  "})["BACKEND"].endswith(
        "FileSystemStorage"
    )


def test_a_bucket_selects_private_s3_storage_with_the_given_options():
    config = media_storage(
        {**S3_ENVIRONMENT, "MEDIA_S3_ENDPOINT_URL": "https://s3.example.dk"}
    )
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    assert config["OPTIONS"] == {
        "bucket_name": BUCKET,
        "file_overwrite": False,
        "default_acl": "private",
        "querystring_auth": True,
        "location": "synergi",
        "endpoint_url": "https://s3.example.dk",
        "region_name": REGION,
        "access_key": "test-key",
        "secret_key": "test-secret",
    }


@pytest.fixture
def bucket(settings):
    """An empty (moto) bucket that the app's default storage writes to."""
    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": media_storage(S3_ENVIRONMENT),
        }

        def keys():
            listing = client.list_objects_v2(Bucket=BUCKET)
            return sorted(item["Key"] for item in listing.get("Contents", []))

        client.keys = keys
        yield client


@pytest.fixture
def s3_world(bucket, world):
    """The shared test world, its photo and PDF stored in the bucket."""
    return world


def local_media_files():
    root = Path(django_settings.MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()}


def test_the_world_stores_its_files_in_the_bucket(bucket, s3_world):
    assert type(default_storage._wrapped).__name__ == "S3Storage"
    keys = bucket.keys()
    assert f"synergi/{s3_world.photo.file.name}" in keys
    assert f"synergi/{s3_world.render.file.name}" in keys


def test_a_photo_uploaded_through_the_page_lands_in_the_bucket_and_is_served(
    bucket, s3_world, client_for
):
    before_local = local_media_files()
    before = set(bucket.keys())
    url = reverse(
        "testing:photo_upload",
        args=[s3_world.draft.pk, s3_world.photo_question.pk],
    )
    response = client_for("coordinator_a").post(
        url,
        {"photo": image_upload(name="foto.jpg", kind="JPEG")},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    (new_key,) = set(bucket.keys()) - before
    assert new_key.startswith("synergi/photos/") and new_key.endswith(".jpg")
    assert local_media_files() == before_local  # nothing on this machine's disk

    photo = s3_world.draft.photos.order_by("-pk").first()
    served = client_for("coordinator_a").get(photo.get_absolute_url())
    assert served.status_code == 200
    body = b"".join(served.streaming_content)
    stored = bucket.get_object(Bucket=BUCKET, Key=new_key)["Body"].read()
    assert body == stored and body.startswith(b"\xff\xd8")  # the re-encoded JPEG
    assert client_for("coordinator_b").get(photo.get_absolute_url()).status_code == 404


def test_the_catalogue_pdf_embeds_a_photo_from_the_bucket_and_is_stored_there(
    bucket, s3_world, client, django_capture_on_commit_callbacks
):
    s3_world.chapter.photos.set([s3_world.photo])
    consultant = s3_world.users["consultant"]
    with django_capture_on_commit_callbacks(execute=True):
        render = reporting_services.render_request(
            catalogue=s3_world.catalogue, user=consultant
        )
    render.refresh_from_db()
    assert render.status == RenderStatus.DONE, render.error
    assert f"synergi/{render.file.name}" in bucket.keys()

    client.force_login(consultant)
    response = client.get(
        reverse("reporting:render_download", args=[s3_world.project.pk, render.pk])
    )
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    images = {image.name for page in reader.pages for image in page.images}
    assert len(images) == 1  # the photo, read from the bucket by the fetcher


def test_the_fetcher_refuses_missing_and_escaping_names_in_the_bucket(bucket, s3_world):
    fetcher = LocalFilesOnly()
    media = fetcher.media_prefix
    found = fetcher.fetch(f"{media}{s3_world.photo.file.name}")
    assert found.read().startswith(b"\x89PNG")
    for url in (f"{media}photos/findes-ikke.png", f"{media}photos/../../x"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 2


def test_erasure_and_purge_delete_the_objects(
    bucket, s3_world, django_capture_on_commit_callbacks
):
    s3_world.project.ends_on = s3_world.project.starts_on
    s3_world.project.personal_data_retention_days = 0
    s3_world.project.save()
    photo_key = f"synergi/{s3_world.photo.file.name}"
    pdf_key = f"synergi/{s3_world.render.file.name}"
    assert {photo_key, pdf_key} <= set(bucket.keys())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("gdpr_purge", stdout=io.StringIO())
    assert photo_key not in bucket.keys() and pdf_key not in bucket.keys()
    assert not CatalogueRender.objects.filter(catalogue=s3_world.catalogue).exists()


def test_a_photo_the_object_store_refuses_is_told_on_the_page_and_not_kept(
    bucket, s3_world, client_for
):
    """The bucket is gone (or refuses writes): botocore's error becomes a clear
    message (507), no row is kept and nothing is written anywhere."""
    for key in bucket.keys():
        bucket.delete_object(Bucket=BUCKET, Key=key)
    bucket.delete_bucket(Bucket=BUCKET)
    before_local = local_media_files()
    photos = s3_world.draft.photos.count()
    url = reverse(
        "testing:photo_upload",
        args=[s3_world.draft.pk, s3_world.photo_question.pk],
    )
    response = client_for("coordinator_a").post(
        url,
        {"photo": image_upload(name="foto.jpg", kind="JPEG")},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 507
    assert "Fotoet blev ikke gemt." in response.content.decode()
    assert s3_world.draft.photos.count() == photos
    assert local_media_files() == before_local
