"""Charts as server-side SVG (pygal), the same for the pages and the PDF catalogue.

A chart is returned with what makes it accessible without the picture (WCAG 1.1.1):
a text summary and the data as a table. Series differ by line pattern as well as
colour (WCAG 1.4.1). The SVG is embedded as a data: URI in an <img>, so pygal's
own styles and script never run in the page (and the CSP stays strict).
"""

import base64
import functools
import hashlib
import math
import re
from dataclasses import dataclass, field
from functools import cached_property

import pygal
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from pygal.style import Style

from . import numbers, selectors

# The URL parameter that switches the charts between the counts and the counts per
# open hour (?visning=pr-time); anything else shows the counts.
VIEW_PARAMETER = "visning"
PER_HOUR = "pr-time"


def wants_per_hour(query) -> bool:
    """True when the request's query (request.GET) asks for figures per open hour."""
    return query.get(VIEW_PARAMETER) == PER_HOUR


SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
# pygal names each chart with a random uuid and stamps it with today's date.
CHART_UUID = re.compile(r"chart-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}")
GENERATED = re.compile(r"<!--Generated with pygal[^>]*-->")
CACHED_CHARTS = 256  # SVGs of ~10 kB each, per worker process
SCALE_RANGE = (1, 5)  # a rating scale's chart always shows its whole range

# Colours with at least 3:1 contrast against white, and a line pattern each.
SERIES_LOOK = [
    ("#1d3f6e", None),
    ("#b35c00", "8,4"),
    ("#146c43", "2,4"),
    ("#6f42c1", "12,4,2,4"),
    ("#8a1c1c", "4,4"),
    ("#495057", "16,6"),
]
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#495057",
    colors=tuple(colour for colour, _pattern in SERIES_LOOK),
    # The catalogue's typeface (static/vendor/source-sans-3-5.3.1, declared by
    # static/css/catalogue.css); a page without it falls back to the next.
    font_family='"Source Sans 3", "DejaVu Sans", "Liberation Sans", Arial, sans-serif',
    # Light, solid grid lines: guides, not the subject.
    guide_stroke_color="#dde2e8",
    guide_stroke_dasharray="0",
    major_guide_stroke_color="#dde2e8",
    major_guide_stroke_dasharray="0",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=15,
    value_font_size=12,
)


@dataclass
class Chart:
    """A rendered chart and its text alternatives."""

    title: str
    x_labels: list
    series: list  # [(label, [value or None per x label])]
    svg: str = ""
    src: str = ""  # a URL that serves the SVG, when the page should not embed it
    summary: str = ""
    rows: list = field(default_factory=list)  # [(x label, [value per series])]
    per_hour: bool = False  # the values are counts per open hour
    key: str = ""  # the question's key, for a chart of one question

    @cached_property
    def data_uri(self):
        return (
            "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()
        )

    @property
    def is_empty(self):
        return not any(v is not None for _label, values in self.series for v in values)


def _number(value):
    return numbers.figure(value)


def _rate(value):
    return numbers.rate(value)


def summarise(
    title, x_labels, series, *, mean=False, answers=None, per_hour=False, missing=None
):
    """One or two Danish sentences saying what the chart shows.

    Counts are summed ("i alt"). With `mean` (a 1–5 scale, whose weekly values are
    means) nothing is summed: each series gets its mean over all its answers and n,
    the number of answers (`answers`: per series, the answers behind each value).
    With `per_hour` the values are counts per open hour, which are not summed either:
    each series gets the mean of its weeks; `missing` gives, per series, why it has
    no values ("ingen åbningstider registreret")."""
    parts = []
    for index, (label, values) in enumerate(series):
        weights = answers[index] if answers else [1] * len(values)
        known = [
            (x, v, n)
            for x, v, n in zip(x_labels, values, weights, strict=True)
            if v is not None
        ]
        if not known:
            if missing and missing[index]:
                parts.append(
                    _("%(series)s: %(missing)s")
                    % {"series": label, "missing": missing[index]}
                )
            continue
        high_x, high_v, _n = max(known, key=lambda item: item[1])
        if per_hour:
            parts.append(
                _(
                    "%(series)s: gennemsnit %(mean)s pr. åbningstime, højest %(high)s i %(week)s"
                )
                % {
                    "series": label,
                    "mean": _rate(sum(v for _x, v, _n in known) / len(known)),
                    "high": _rate(high_v),
                    "week": high_x,
                }
            )
            continue
        if mean:
            count = sum(n for _x, _v, n in known)
            parts.append(
                _(
                    "%(series)s: gennemsnit %(mean)s (n = %(n)s), højest %(high)s i %(week)s"
                )
                % {
                    "series": label,
                    "mean": _number(sum(v * n for _x, v, n in known) / count),
                    "n": count,
                    "high": _number(high_v),
                    "week": high_x,
                }
            )
            continue
        parts.append(
            _("%(series)s: i alt %(total)s, højest %(high)s i %(week)s")
            % {
                "series": label,
                "total": _number(sum(v for _x, v, _n in known)),
                "high": _number(high_v),
                "week": high_x,
            }
        )
    if not parts or not x_labels:
        return _("%(title)s: ingen tal endnu.") % {"title": title}
    return _("%(title)s, %(first)s til %(last)s. %(parts)s.") % {
        "title": title,
        "first": x_labels[0],
        "last": x_labels[-1],
        "parts": "; ".join(parts),
    }


def weekly_line_chart(
    *,
    title,
    x_labels,
    series,
    width=720,
    height=320,
    src="",
    mean=False,
    answers=None,
    per_hour=False,
    missing=None,
):
    """A line per series over the weeks. `series`: [(label, [value or None])].

    With `src` the SVG is not drawn here: the page links to it (the browser fetches
    it from that URL) and gets only the text summary and the table from this call.
    `mean`: the values are weekly means (a 1–5 scale), summarised by their mean and
    n, never by a sum; `answers` gives the n behind each value. `per_hour`: the
    values are counts per open hour (never summed; `missing`: per series, why it has
    none)."""
    result = Chart(
        title=title, x_labels=list(x_labels), series=series, src=src, per_hour=per_hour
    )
    if not src:
        result.svg = _line_svg(
            title,
            tuple(x_labels),
            tuple((label, tuple(values)) for label, values in series),
            width,
            height,
            translation.get_language(),
            per_hour,
            mean,
        )
    result.summary = summarise(
        title,
        x_labels,
        series,
        mean=mean,
        answers=answers,
        per_hour=per_hour,
        missing=missing,
    )
    result.rows = [
        (x, [values[i] for _label, values in series]) for i, x in enumerate(x_labels)
    ]
    return result


def y_axis(values, *, scale=False):
    """(range, tick values) of a chart's y axis. A 1–5 scale shows 1–5; counts start
    at 0 and end one "nice" step (1, 2 or 5 × 10ⁿ) at or above the highest value, a
    step higher when the highest value would touch the top: its dot and line stay
    inside the plot."""
    if scale:
        low, high = SCALE_RANGE
        return (low, high), list(range(low, high + 1))
    known = [v for v in values if v is not None]
    top = max(known, default=0)
    low = min(0, min(known, default=0))
    if top <= 0:
        return (low, 1), [low, 1] if low else [0, 1]
    raw = top / 4  # about four steps
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if step < 1 and top >= 1 and all(float(v).is_integer() for v in known):
        step = 1  # whole counts get whole ticks
    high = math.ceil(top / step) * step
    if high - top < step * 0.1:
        high += step  # headroom above the highest point
    count = round((high - low) / step)
    ticks = [round(low + i * step, 10) for i in range(count + 1)]
    return (low, ticks[-1]), ticks


@functools.lru_cache(maxsize=CACHED_CHARTS)
def _line_svg(
    title, x_labels, series, width, height, language, per_hour=False, scale=False
):
    """The SVG, a pure function of its arguments, so remembered per process: the
    dashboard draws the same charts at every visit until new schemas come in, and
    pygal spends ~5 ms on each. The language is in the key for labels and numbers.
    `scale`: the values are means of a 1–5 scale (its axis shows 1–5)."""
    y_range, y_ticks = y_axis(
        [v for _label, values in series for v in values], scale=scale
    )
    chart = pygal.Line(
        style=STYLE,
        js=[],
        width=width,
        height=height,
        title=title,
        show_dots=True,
        dots_size=4,
        legend_at_bottom=True,
        legend_at_bottom_columns=min(3 if width >= 600 else 1, max(1, len(series))),
        truncate_legend=-1,
        truncate_label=-1,
        x_label_rotation=30 if width < 600 and len(x_labels) > 6 else 0,
        range=y_range,
        y_labels=y_ticks,
        show_y_guides=True,
        show_x_guides=False,
        allow_interruptions=True,
        include_x_axis=not scale,
        disable_xml_declaration=True,
        no_data_text=_("Ingen tal endnu"),
        value_formatter=_rate if per_hour else _number,
    )
    chart.x_labels = x_labels
    for index, (label, values) in enumerate(series):
        _colour, pattern = SERIES_LOOK[index % len(SERIES_LOOK)]
        chart.add(
            label, list(values), stroke_style={"width": 3, "dasharray": pattern or "0"}
        )
    # pygal's inline <script> only carries its tooltip settings; it is never needed
    # (the SVG is an image or part of a PDF) and would be code in our origin.
    return _stable(SCRIPT.sub("", chart.render(is_unicode=True)))


def _stable(svg):
    """The same chart gives the same SVG: pygal's random id becomes a digest of the
    chart and its date stamp goes, so a catalogue whose numbers have not changed
    hashes the same and its PDF is reused (reporting.rendering.run_render)."""
    svg = GENERATED.sub("", svg)
    digest = hashlib.sha256(CHART_UUID.sub("chart", svg).encode()).hexdigest()[:16]
    return CHART_UUID.sub(f"chart-{digest}", svg)


def _per_hour_title(text, per_hour):
    return _("%(title)s pr. åbningstime") % {"title": text} if per_hour else text


def _missing_hours(chosen):
    """Per series (site) of a per-hour chart: why it has no values, or ""."""
    return [
        "" if figure.hours else _("ingen åbningstider registreret") for figure in chosen
    ]


def _chart_of(figure_list, key, *, per_hour, title_for, **options):
    """The weekly chart of one question (None: no weeks with answers). `per_hour`
    applies to counts only; a scale is drawn by its weekly means either way."""
    chosen = [f for f in figure_list if f.key == key]
    figure = chosen[0]
    per_hour = per_hour and figure.can_sum
    labels, series = selectors.weekly_series(figure_list, key, per_hour=per_hour)
    if not labels:
        return None
    chart = weekly_line_chart(
        title=_per_hour_title(title_for(figure), per_hour),
        x_labels=labels,
        series=series,
        mean=not figure.can_sum,
        answers=selectors.weekly_answers(figure_list, key),
        per_hour=per_hour,
        missing=_missing_hours(chosen) if per_hour else None,
        **options,
    )
    chart.key = key
    return chart


def figure_charts(
    figure_list, *, title_for=str, keys=None, width=720, height=320, per_hour=False
):
    """A weekly chart for each numeric question of an initiative (one series per site);
    `keys` limits them to some questions; `per_hour`: counts per open hour. Used by
    the pages and the catalogue."""
    result = []
    for key in dict.fromkeys(f.key for f in figure_list):
        if keys is not None and key not in keys:
            continue
        chart = _chart_of(
            figure_list,
            key,
            per_hour=per_hour,
            title_for=lambda figure: title_for(figure.text),
            width=width,
            height=height,
        )
        if chart is not None:
            result.append(chart)
    return result


def trend_chart(*, initiative, figure_list, linked=False, per_hour=False):
    """The dashboard's chart of an initiative: its first count question, week by week,
    a line per site (None when it has no numbers yet); `per_hour`: per open hour.
    `linked`: the page links to the SVG (InitiativeChartView draws it, and the
    browser fetches it beside the page) instead of embedding it; the URL carries a
    digest of the numbers, so a browser refetches it only when they change."""
    key = selectors.first_count_question(figure_list)
    if not key:
        return None
    chart = _chart_of(
        figure_list,
        key,
        per_hour=per_hour,
        title_for=lambda figure: f"{initiative.name}: {figure.text}",
        height=280,
        # Linked: not drawn here (a placeholder src); its URL is made below, from the
        # numbers the chart shows.
        src="-" if linked else "",
    )
    if chart is None or not linked:
        return chart
    digest = hashlib.sha256(
        repr(
            (chart.title, chart.x_labels, chart.series, translation.get_language())
        ).encode()
    ).hexdigest()[:16]
    chart.src = reverse("reporting:initiative_chart", args=[initiative.pk]) + (
        f"?v={digest}" + (f"&{VIEW_PARAMETER}={PER_HOUR}" if chart.per_hour else "")
    )
    return chart
