"""Writes for photos: a photo question's uploads, re-encoded to bare pixels."""

import errno
import io
import logging

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from core.media_storage import save_new, write_errors
from core.services import ActionRefused

from ..models import Photo, Question, Submission, SubmissionAction, SubmissionEvent

logger = logging.getLogger(__name__)

PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_LONG_SIDE = 2400
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# A phone's multi-picture JPEG (MPO: the photo plus a depth map or a preview) is a
# JPEG whose first picture is the photo: it is kept, stored as a plain JPEG.
PHOTO_READ_AS = {"MPO": "JPEG"}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class PhotoStorageFailed(ActionRefused):
    """The photo was fine, but the media storage would not take it (HTTP 507)."""


def _pixels_only(image: Image.Image) -> Image.Image:
    """The image with nothing but its pixels: no comment, EXIF, XMP or ICC profile
    (a PNG's transparency is part of the pixels and stays). Colours described by an
    embedded profile (a phone's Display P3) are converted to sRGB first, so they look
    the same without it."""
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA"):
        try:
            converted = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB
            )
            if converted is not None:  # None only when converting in place
                image = converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # an unreadable profile: keep the pixels as they are
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    return image


def photo_reencode(upload: UploadedFile) -> tuple[bytes, str, int, int]:
    """Check an upload is a real JPEG/PNG/WebP photo and re-encode it.

    Re-encoding keeps only pixels, turned the way the camera said: EXIF (GPS,
    camera serial), XMP, comments, colour profiles and anything hidden after the image
    data (a polyglot's HTML or script) are gone. Returns (bytes, content type,
    width, height).
    """
    if (upload.size or 0) > PHOTO_MAX_BYTES:
        raise ActionRefused(_("Billedet er for stort (højst 10 MB)."))
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            fmt = probe.format  # None: no format PIL knows
            kind = PHOTO_READ_AS.get(fmt, fmt) if fmt else None
            width, height = probe.size
        if kind not in PHOTO_FORMATS:
            raise ActionRefused(_("Kun fotos i JPEG, PNG eller WebP kan uploades."))
        if width * height > PHOTO_MAX_PIXELS:
            raise ActionRefused(
                _("Billedet har for mange pixels (højst 40 megapixel).")
            )
        upload.seek(0)
        with Image.open(upload) as opened:
            opened.load()  # the first picture of a multi-picture file
            image = ImageOps.exif_transpose(opened)
            image.thumbnail((PHOTO_LONG_SIDE, PHOTO_LONG_SIDE))
            image = _pixels_only(image)
            if kind == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            save_kwargs = (
                {"quality": 85} if kind in ("JPEG", "WEBP") else {"optimize": True}
            )
            image.save(out, format=kind, **save_kwargs)
            return out.getvalue(), PHOTO_FORMATS[kind], image.width, image.height
    except Image.DecompressionBombError as error:
        raise ActionRefused(
            _("Billedet har for mange pixels (højst 40 megapixel).")
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ActionRefused(_("Filen kan ikke læses som et foto.")) from error


def _storage_refusal(error: Exception) -> ActionRefused:
    """What the coordinator is told when the media storage would not take a photo."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = _("Der er ikke plads til flere fotos lige nu.")
    else:
        reason = _("Lageret til fotos tager ikke imod filer lige nu.")
    return PhotoStorageFailed(
        _(
            "Fotoet blev ikke gemt. %(reason)s Dine svar i skemaet er ikke berørt. "
            "Prøv igen senere, og sig det til konsulenten, hvis det bliver ved."
        )
        % {"reason": reason}
    )


@transaction.atomic
def photo_add(
    *,
    submission: Submission,
    question: Question,
    upload: UploadedFile,
    user: User,
) -> Photo:
    """Store a re-encoded photo for a photo question of an editable schema.

    When the media storage fails (disk full, read-only, no permission, the object
    store refusing), nothing is kept, no row and no file, and PhotoStorageFailed
    says so; the rest of the schema is not touched."""
    if not submission.is_editable:
        raise ActionRefused(_("Skemaet er indsendt og kan ikke ændres."))
    if not question.definition.takes_photos:
        raise ActionRefused(_("Spørgsmålet tager ikke imod fotos."))
    data, content_type, width, height = photo_reencode(upload)
    photo = Photo(
        submission=submission,
        question=question,
        content_type=content_type,
        width=width,
        height=height,
        uploaded_by=user,
    )
    storage = photo.file.storage
    name = photo.file.field.generate_filename(photo, "upload")
    try:
        photo.file = save_new(storage, name, ContentFile(data))
    except write_errors() as error:
        logger.error(
            "photo not stored: %s (%s)",
            type(error).__name__,
            errno.errorcode.get(getattr(error, "errno", None) or 0, "-"),
        )
        raise _storage_refusal(error) from error
    try:
        photo.save()
        SubmissionEvent.objects.create(
            submission=submission,
            action=SubmissionAction.PHOTO_ADDED,
            by=user,
            at=timezone.now(),
            changed=[question.key],
        )
    except BaseException:
        try:
            storage.delete(photo.file.name)
        except write_errors():
            logger.warning("could not remove a stored photo after a failed save")
        raise
    return photo


@transaction.atomic
def photo_remove(*, photo: Photo, user: User) -> None:
    submission = photo.submission
    if not submission.is_editable:
        raise ActionRefused(_("Skemaet er indsendt og kan ikke ændres."))
    key = photo.question.key
    photo.file.delete(save=False)
    photo.delete()
    SubmissionEvent.objects.create(
        submission=submission,
        action=SubmissionAction.PHOTO_REMOVED,
        by=user,
        at=timezone.now(),
        changed=[key],
    )
