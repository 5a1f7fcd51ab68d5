"""Pages with a stable order: a cursor over the rows' id (DRF's CursorPagination).

The order is the id, which never changes and is unique, so paging through a list
while rows are added or changed gives every row once: a row added behind the cursor
shows on a later page, one added before it on none of the remaining pages (ask again
with `updated_since`). `page_size` is 1–500 (100 when not given). A cursor or page
size that is not one answers 400 with the reason, never 500."""

import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.request import Request

from core.params import LARGEST_ID

# What a cursor DRF wrote is made of (base64, URL-safe or not).
CURSOR_CHARACTERS = re.compile(r"[A-Za-z0-9+/=_-]{1,200}")

MAX_PAGE_SIZE = 500


class IdCursorPagination(CursorPagination):
    ordering = "pk"
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    cursor_query_param = "cursor"
    invalid_cursor_message = _(
        "Ugyldig markør (cursor): brug linket i 'next' eller 'previous' som det er."
    )

    def decode_cursor(self, request: Request) -> Cursor | None:
        # DRF's decoding skips what is not base64 ("\x00" read as no cursor: the
        # first page); a cursor given is one of ours or refused.
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is not None and not CURSOR_CHARACTERS.fullmatch(encoded):
            raise ValidationError({"cursor": [self.invalid_cursor_message]})
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise ValidationError({"cursor": [self.invalid_cursor_message]}) from None
        if cursor is not None and cursor.position is not None:
            position = cursor.position
            if not (
                position.isascii()
                and position.isdigit()
                and 0 <= int(position) <= LARGEST_ID
            ):
                raise ValidationError({"cursor": [self.invalid_cursor_message]})
        return cursor

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (
            raw.isascii()
            and raw.isdigit()
            and len(raw) <= 4
            and 1 <= int(raw) <= MAX_PAGE_SIZE
        ):
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Sidestørrelsen skal være et helt tal fra 1 til %(max)s.")
                        % {"max": MAX_PAGE_SIZE}
                    ]
                }
            )
        return int(raw)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                    "default": self.page_size,
                }
                parameter["description"] = str(
                    _("Rækker pr. side (1–500, som standard 100).")
                )
            elif parameter["name"] == self.cursor_query_param:
                parameter["description"] = str(
                    _(
                        "Markøren for næste side: brug linket i 'next'. Rækkerne står "
                        "i id-orden, så ingen række kommer to gange eller mangler, "
                        "når der kommer nye til undervejs."
                    )
                )
        return parameters
