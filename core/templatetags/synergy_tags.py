"""Template helpers shared by every app: ISO weeks and numbers in the Danish way, dates
with weekday."""

import datetime
from collections.abc import Mapping
from typing import Any

from django import template
from django.utils import formats
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.forms import plain_number

register = template.Library()


@register.filter
def iso_week(value: datetime.date | None) -> int | str:
    """The ISO week number of a date (Danish weeks are ISO weeks): 34."""
    if not value:
        return ""
    return value.isocalendar().week


@register.filter(expects_localtime=True)
def weekday_date(value: datetime.date | None) -> str:
    """“mandag 16. august 2017” / “Monday 16 August 2017”: the weekday, then the
    language's DATE_FORMAT (synergy/formats)."""
    if not value:
        return ""
    return f"{formats.date_format(value, 'l')} {formats.date_format(value)}"


@register.simple_tag
def iso_week_range(
    starts_on: datetime.date | None, ends_on: datetime.date | None
) -> str:
    """“uge 34–48 2017”, or “uge 50 2017 – uge 2 2018” across a year boundary."""
    if not starts_on or not ends_on:
        return ""
    start, end = starts_on.isocalendar(), ends_on.isocalendar()
    if start.year == end.year:
        if start.week == end.week:
            return _("uge %(week)s %(year)s") % {"week": start.week, "year": start.year}
        return _("uge %(start)s–%(end)s %(year)s") % {
            "start": start.week,
            "end": end.week,
            "year": start.year,
        }
    return _("uge %(start)s %(start_year)s – uge %(end)s %(end_year)s") % {
        "start": start.week,
        "start_year": start.year,
        "end": end.week,
        "end_year": end.year,
    }


@register.filter
def get_item(mapping: Mapping[Any, Any] | None, key: Any) -> Any:
    """mapping[key] in a template, or None: `{{ answers|get_item:question.pk }}`."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.filter
def week_label(value: Any) -> Any:
    """“2017-W36” (how weeks are stored and typed) → “uge 36 2017”."""
    try:
        year, week = str(value).upper().split("-W")
        return _("uge %(week)s %(year)s") % {"week": int(week), "year": int(year)}
    except ValueError:
        return value


@register.filter(name="plain_number")
def plain_number_filter(value: Any) -> str:
    """A number as a person writes it, in the page's language: 500 (not 500,00), 2,5
    (not 2,50), 1.250 (Danish grouping). Empty for None."""
    if value is None or value == "":
        return ""
    number = plain_number(value)
    if number is None:  # not reached: value is not None
        return ""
    return number_format(number, force_grouping=True)
