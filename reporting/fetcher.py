"""WeasyPrint reads every image, stylesheet and font of a catalogue or meeting pack
through `LocalFilesOnly`, which serves the app's own static files and media files from
disk (or the media storage) and refuses everything else, so nothing a user typed into
a text field can make the server fetch a URL (`http:`, `file:` or any other).

Its own module, so both pdf.py and the layout processes of pdf_parts.py use it
without importing each other."""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger("reporting.pdf")

# The catalogue's HTML is laid out as if it lived here; nothing is ever fetched from
# this address: LocalFilesOnly maps its /static/ and /media/ paths to files.
BASE_URL = "https://katalog.synergi.invalid/"


class RefusedURL(ValueError):
    pass


class LocalFilesOnly(URLFetcher):
    """A WeasyPrint URL fetcher that serves static and media files and nothing else."""

    def __init__(self):
        super().__init__(timeout=1)
        self.refused = []
        self.static_prefix = BASE_URL + settings.STATIC_URL.lstrip("/")
        self.media_prefix = BASE_URL + settings.MEDIA_URL.lstrip("/")

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)  # decoded in memory, no network
        try:
            if url.startswith(self.static_prefix):
                body = self._static(url.removeprefix(self.static_prefix))
            elif url.startswith(self.media_prefix):
                body = self._media(url.removeprefix(self.media_prefix))
            else:
                raise RefusedURL(url)
        except (RefusedURL, OSError) as error:
            self.refused.append(url)
            logger.warning("catalogue: refused or unreadable resource %s", url)
            raise RefusedURL(f"not a file of the app: {url}") from error
        content_type = mimetypes.guess_type(url.split("?")[0])[0]
        return URLFetcherResponse(
            url,
            body,
            headers={"Content-Type": content_type or "application/octet-stream"},
        )

    @staticmethod
    def _static(name):
        name = name.split("?")[0]
        if ".." in Path(name).parts:
            raise RefusedURL(name)
        found = finders.find(name)
        if not found and settings.STATIC_ROOT:
            candidate = Path(settings.STATIC_ROOT, name).resolve()
            if candidate.is_relative_to(Path(settings.STATIC_ROOT).resolve()):
                found = candidate if candidate.is_file() else None
        if not found:
            raise RefusedURL(name)
        return Path(found).read_bytes()

    @staticmethod
    def _media(name):
        name = unquote(name.split("?")[0])
        if ".." in Path(name).parts:
            raise RefusedURL(name)
        try:
            with default_storage.open(name) as handle:  # the storage refuses traversal
                return handle.read()
        except Exception as error:  # a missing file, or an object store's own errors
            raise RefusedURL(name) from error
