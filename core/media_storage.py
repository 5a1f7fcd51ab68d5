"""Where uploaded photos and catalogue PDFs are stored, chosen by the environment.

By default they are files under MEDIA_ROOT (one machine, or a folder every machine
mounts). With MEDIA_S3_BUCKET set they go to an S3-compatible object store through
django-storages, so app servers and task workers on several machines share them without
a shared disk. The bucket stays private: files are only ever read by the app (photos go
through an authorised view, PDFs are downloaded through the catalogue page), never by
a URL handed to the browser.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the settings import this module: it imports nothing of Django's
    from django.core.files.base import File
    from django.core.files.storage import Storage

logger = logging.getLogger(__name__)

FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3 = "storages.backends.s3.S3Storage"


def media_storage(environ: Mapping[str, str]) -> dict[str, Any]:
    """The STORAGES["default"] entry for this environment (a mapping like os.environ)."""
    bucket = environ.get("MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        return dict(FILESYSTEM)
    options = {
        "bucket_name": bucket,
        # Names are made unique by the app (uuid4); never overwrite an existing object.
        "file_overwrite": False,
        "default_acl": "private",
        "querystring_auth": True,
        "location": environ.get("MEDIA_S3_PREFIX", "").strip("/"),
    }
    optional = {
        "endpoint_url": "MEDIA_S3_ENDPOINT_URL",  # MinIO, Ceph, a Danish cloud's S3
        "region_name": "MEDIA_S3_REGION",
        "access_key": "MEDIA_S3_ACCESS_KEY_ID",
        "secret_key": "MEDIA_S3_SECRET_ACCESS_KEY",
    }
    for option, variable in optional.items():
        if environ.get(variable):
            options[option] = environ[variable]
    # Without keys, boto3 finds credentials itself (AWS_* variables, an instance role).
    return {"BACKEND": S3, "OPTIONS": options}


def write_errors() -> tuple[type[Exception], ...]:
    """The exceptions a storage raises when it cannot take a file: the file system's
    (disk full, read-only, no permission: all OSError) and an object store's
    (botocore's, when django-storages is in use)."""
    errors: list[type[Exception]] = [OSError]
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - botocore is in requirements.txt
        pass
    else:
        errors += [BotoCoreError, ClientError]
    return tuple(errors)


def save_new(storage: Storage, name: str, content: File[Any]) -> str:
    """Store `content` under the new name `name` and return the name it was given.

    When the storage fails part-way (a full disk leaves a file of zero bytes behind,
    Django's FileSystemStorage does not remove it), what it wrote under that name is
    deleted before the error is raised again, so a failed upload leaves no file."""
    errors = write_errors()
    try:
        return storage.save(name, content)
    except errors:
        try:
            if storage.exists(name):
                storage.delete(name)
        except errors:
            logger.warning("could not remove the partial file after a failed write")
        raise
