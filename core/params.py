"""Ids read from a query string or a posted form field, never trusted as they come.

Path ids are checked by the URL pattern (`<int:pk>`); an id in `?initiative=…` or a
posted field is text anyone can change. `id_or_404` turns it into a number the
database can hold, or answers 404 as for an id the user may not see.
"""

import re

from django.http import Http404

# Ids are bigint: at most 2**63 - 1, nineteen digits.
LARGEST_ID = 2**63 - 1
DIGITS = re.compile(r"[0-9]{1,19}")


def id_or_404(value: str | None) -> int:
    """The id in `value`: a whole number from 1 to LARGEST_ID, else Http404."""
    if value is None or not DIGITS.fullmatch(value):
        raise Http404
    number = int(value)
    if not 1 <= number <= LARGEST_ID:
        raise Http404
    return number
