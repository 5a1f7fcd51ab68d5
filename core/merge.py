"""Three-way merge of a page's save with what others saved since the page was loaded.

Every editable value on a page travels with a *base token*: a fingerprint of the value
the page showed when it was loaded (or last brought up to date). When the page saves,
each value falls in one of these cases, compared with what is stored now ("theirs"):

- the page's value equals what is stored → nothing to do;
- the page did not change it (mine = base) but someone else did → keep theirs (the page
  is stale there and is told the new value: ``refresh``);
- only the page changed it (theirs = base) → apply mine;
- both changed it, differently → a conflict: nothing is written until a person chooses
  "behold min" or "behold den gemte". The choice names the stored value it was made
  against (``seen``); if that has changed again meanwhile (a third session), the choice
  no longer counts and the conflict is shown anew.

A page that has no base token for a value (an old page, a test client) falls back on the
version it was loaded with: same version → nobody saved since, so base = theirs;
otherwise base is unknown and any difference is a conflict.

The same rules serve the test schemas, the consultant's review and the catalogue forms.
"""

import datetime
import decimal
import hashlib
import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import models

KEEP_MINE = "mine"
KEEP_THEIRS = "theirs"
Choice = Literal["mine", "theirs"]


def canonical(value: Any) -> Any:
    """A JSON-able form of a value in which equal answers look equal.

    Empty values (None, "", [], an empty queryset) are all None; text has its line
    endings made uniform and outer white space removed (browsers send CRLF); decimals
    lose trailing zeros (2.50 = 2.5); models become their primary key; collections of
    models or choices become sorted lists (their order on the page means nothing).
    """
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet):
        value = list(value)
    if value is None:
        return None
    if isinstance(value, str):
        text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        return text or None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, decimal.Decimal | float):
        number = decimal.Decimal(str(value))
        return format(number.normalize(), "f") if number else "0"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        items = [canonical(item) for item in value]
        items = [item for item in items if item is not None]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True)) or None
    return str(value)


def token(value: Any) -> str:
    """The fingerprint of a value (a short hash of its canonical form)."""
    encoded = json.dumps(canonical(value), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Conflict:
    """A value both sides changed: the page's (mine) and the stored one (theirs)."""

    key: str
    mine: Any
    theirs: Any

    @property
    def theirs_token(self) -> str:
        return token(self.theirs)


@dataclass
class Merge:
    """What a save does per key.

    `apply`: the page's values to write. `refresh`: keys where the stored value stands
    and the page shows an older one (their stored values). `conflicts`: keys both sides
    changed, waiting for a person. `tokens`: the base token the page should hold for each
    key it is now up to date on (the keys written, and those refreshed or resolved)."""

    apply: dict[str, Any] = field(default_factory=dict)
    refresh: dict[str, Any] = field(default_factory=dict)
    conflicts: dict[str, Conflict] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def has_conflicts(self) -> bool:
        return bool(self.conflicts)


def three_way(
    *,
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    base: Mapping[str, str],
    choices: Mapping[str, tuple[str, str]] | None = None,
    same_version: bool = False,
    own: Collection[str] = (),
) -> Merge:
    """Merge the page's values (`mine`) into the stored ones (`theirs`).

    `base` maps key → the token the page loaded; `choices` maps key → (choice, token of
    the stored value the choice was made against); `same_version` says the page was
    loaded at the stored version (then a missing base token means "unchanged since");
    `own` names the keys whose stored value this same page wrote last (its answer may
    have been lost on the way back: the page still knows what it sent, so the stored
    value is its base). Keys in `mine` but not in `theirs` are treated as stored empty.
    """
    choices = choices or {}
    result = Merge()
    for key, value in mine.items():
        stored = theirs.get(key)
        t_mine, t_theirs = token(value), token(stored)
        t_base = base.get(key) or (t_theirs if same_version else None)
        if key in own:
            t_base = t_theirs
        if t_mine == t_theirs:
            result.tokens[key] = t_theirs
        elif t_mine == t_base:
            result.refresh[key] = stored
            result.tokens[key] = t_theirs
        elif t_theirs == t_base:
            result.apply[key] = value
            result.tokens[key] = t_mine
        else:
            choice, seen = choices.get(key, (None, None))
            if seen == t_theirs and choice == KEEP_MINE:
                result.apply[key] = value
                result.tokens[key] = t_mine
            elif seen == t_theirs and choice == KEEP_THEIRS:
                result.refresh[key] = stored
                result.tokens[key] = t_theirs
            else:
                result.conflicts[key] = Conflict(key=key, mine=value, theirs=stored)
    return result


TOKEN_PATTERN = re.compile(r"[0-9a-f]{20}")


def posted_token(data: Mapping[str, Any], name: str) -> str:
    """A token a page posted under `name`, or "" when it posted none or something
    that is not a token (a tampered page: treated as a page that showed nothing, so
    it is neither stored nor compared)."""
    value = data.get(name)
    if isinstance(value, str) and TOKEN_PATTERN.fullmatch(value):
        return value
    return ""


def posted_bases(data: Mapping[str, Any], keys: Iterable[str]) -> dict[str, str]:
    """The base tokens a page posted (`base-<key>`), for the keys given."""
    return {key: posted_token(data, f"base-{key}") for key in keys}


def posted_choices(
    data: Mapping[str, Any], keys: Iterable[str]
) -> dict[str, tuple[str, str]]:
    """The conflict choices a page posted (`resolve-<key>` and `seen-<key>`)."""
    found = {}
    for key in keys:
        choice = data.get(f"resolve-{key}")
        if choice in (KEEP_MINE, KEEP_THEIRS):
            found[key] = (choice, posted_token(data, f"seen-{key}"))
    return found
