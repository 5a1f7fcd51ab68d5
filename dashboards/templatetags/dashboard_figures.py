"""Figures in the page's language (dashboards.numbers): `{{ value|figure }}` 1.234 or
2,5; `{{ value|rate }}` 3,4 or 0,08; `{{ share|percent }}` 40 %. "–" for None."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


@register.simple_tag
def summary_result(summary: Any) -> str:
    """One Summary in a few words, by its kind (never a sum for a scale): the same
    as a template would write, without the cost of an include per table cell."""
    if summary.is_empty:
        return format_html(
            '<span class="text-body-secondary">{}</span>', _("ingen svar")
        )
    if summary.is_numbers:
        return _("gennemsnit %(mean)s (%(range)s)") % {
            "mean": numbers.figure(summary.mean),
            "range": summary.range,
        }
    if summary.is_scale:
        counts = " / ".join(str(value.count) for value in summary.distribution)
        return format_html(
            '{} <span class="text-body-secondary">({}: {})</span>',
            _("gennemsnit %(mean)s") % {"mean": numbers.figure(summary.mean)},
            _("1–5"),
            counts,
        )
    if summary.is_yes_no:
        return _("%(share)s ja") % {"share": numbers.percent(summary.yes_share)}
    if summary.is_choices:
        return ", ".join(
            f"{choice.label} {choice.count} ({numbers.percent(choice.share)})"
            for choice in summary.choices
        )
    return ngettext("%(n)s svar", "%(n)s svar", summary.answers) % {
        "n": summary.answers
    }


@register.simple_tag
def rate_cell(rate: Any) -> str:
    """A figure per open hour or per staff member: the figure, or "–" and why not
    ("–" alone for a figure that has no rate: a computed share)."""
    if rate is None:
        return "–"
    if rate.value is not None:
        return numbers.rate(rate.value)
    if rate.missing:
        return format_html(
            '–<small class="d-block text-body-secondary rate-missing">{}</small>',
            rate.missing,
        )
    return "–"
