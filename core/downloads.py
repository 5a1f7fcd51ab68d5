"""File names of downloads (the catalogue PDF, the exports) that keep Danish letters."""

from urllib.parse import quote

from django.utils.text import slugify

# For clients that only read the plain `filename`: the letters Danes write instead.
DANISH_LETTERS = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
)


def attachment(*parts: object, extension: str) -> str:
    """A Content-Disposition header for a download named by `parts` (a title, a date…).

    `filename*` (RFC 6266/8187) keeps the letters as written ("glumsø"); the plain
    `filename` is the ASCII fallback, transliterated rather than dropped ("glumsoe")."""
    words = [str(part) for part in parts if str(part).strip()]
    name = "-".join(slugify(word, allow_unicode=True) for word in words)
    fallback = "-".join(slugify(word.translate(DANISH_LETTERS)) for word in words)
    return (
        f'attachment; filename="{fallback or "download"}.{extension}"; '
        f"filename*=UTF-8''{quote(name or 'download')}.{extension}"
    )
