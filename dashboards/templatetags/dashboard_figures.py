"""Figures in the page's language (dashboards.numbers): `{{ value|figure }}` 1.234 or
2,5; `{{ value|rate }}` 3,4 or 0,08; `{{ share|percent }}` 40 %. "–" for None."""

from typing import Any

from django import template

from .. import numbers

register = template.Library()


@register.filter
def figure(value: Any) -> str:
    return numbers.figure(None if value in (None, "") else value)


@register.filter
def rate(value: Any) -> str:
    return numbers.rate(None if value in (None, "") else value)


@register.filter
def percent(value: Any) -> str:
    return numbers.percent(None if value in (None, "") else value)
