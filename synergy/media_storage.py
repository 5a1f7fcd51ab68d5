"""Where uploaded photos and catalogue PDFs are stored, chosen by the environment.

By default they are files under MEDIA_ROOT (one machine, or a folder every machine
mounts). With MEDIA_S3_BUCKET set they go to an S3-compatible object store through
django-storages, so app servers and task workers on several machines share them without
a shared disk. The bucket stays private: files are only ever read by the app (photos go
through an authorised view, PDFs are downloaded through the catalogue page), never by
a URL handed to the browser.
"""

FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3 = "storages.backends.s3.S3Storage"


def media_storage(environ):
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
