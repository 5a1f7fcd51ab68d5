"""Reading one cell's value: dates as Danes write them, age bands, yes/no, the
stored key of a key column, and the name a person most likely meant."""

from __future__ import annotations

import datetime
import difflib
import re

from ..models import AgeBand
from .columns import normalize

AGE_BANDS = {
    AgeBand.UNDER_18: (0, 17),
    AgeBand.FROM_18: (18, 29),
    AgeBand.FROM_30: (30, 49),
    AgeBand.FROM_50: (50, 69),
    AgeBand.FROM_70: (70, 130),
}
YES = {"ja", "j", "yes", "y", "x", "1", "sand", "true", "samtykke"}
NO = {"nej", "n", "no", "0", "falsk", "false"}
SHORT = {"kort", "k", "short", "s"}
LONG = {"langt", "lang", "l", "long"}
DMY = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})$")
ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


def key_of(text: str) -> str:
    """The stored key of a key column's value: case and spacing ignored."""
    return "k:" + " ".join(text.casefold().split())


def suggestion(value: str, names: list[str]) -> str | None:
    """The name the person most likely meant: one that starts the value or that
    the value starts ("Pasfornyelse" → "Pas"), else the closest spelling."""
    wanted = normalize(value)
    by_normal = {normalize(n): n for n in names}
    starts = [
        n
        for n in by_normal
        if len(n) >= 3 and (wanted.startswith(n) or n.startswith(wanted))
    ]
    if starts and len(wanted) >= 3:
        return by_normal[max(starts, key=len)]
    close = difflib.get_close_matches(wanted, list(by_normal), n=1, cutoff=0.6)
    return by_normal[close[0]] if close else None


def parse_date(text: str) -> datetime.date | None:
    """A date as a Dane writes it (12-05-2017, 12.5.2017, 12/05/17) or ISO; None
    when it is not one."""
    match = DMY.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            if year < 100:
                year += 2000
            return datetime.date(year, month, day)
        match = ISO.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return datetime.date(year, month, day)
    except ValueError:
        return None
    return None


def parse_age_band(text: str) -> str | None:
    """An age band from its value ("18-29"), its label ("18–29 år") or an age."""
    compact = re.sub(r"\s+|år|aar|years?", "", text.casefold())
    compact = compact.replace("–", "-").replace("—", "-")
    for band in AGE_BANDS:
        if compact == band.value:
            return band.value
    if compact.isdigit() and len(compact) <= 3:
        age = int(compact)
        for band, (low, high) in AGE_BANDS.items():
            if low <= age <= high:
                return band.value
    return None
