"""The catalogue's note references: a text with the numbers of the sources it cites."""

from collections.abc import Sequence
from typing import Any

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def note_refs(sources: Sequence[Any]) -> SafeString:
    """<sup> with a link per source to its entry in the sources appendix."""
    if not sources:
        return mark_safe("")
    links = format_html_join(
        mark_safe('<span class="note-sep">,</span>'),
        '<a href="#{}" class="note-ref" aria-label="Kilde {}">{}</a>',
        ((source.anchor, source.number, source.number) for source in sources),
    )
    return format_html('<sup class="notes">{}</sup>', links)


@register.simple_tag
def cited(text: str, sources: Sequence[Any]) -> SafeString:
    """The text as paragraphs (escaped, like |linebreaks), with the note numbers of
    `sources` at the end of its last paragraph."""
    html = str(linebreaks_filter(text, autoescape=True))
    refs = note_refs(sources)
    if refs and html.endswith("</p>"):
        html = html[: -len("</p>")] + refs + "</p>"
    elif refs:
        html += str(refs)
    return mark_safe(html)  # noqa: S308 - built from escaped parts above


register.simple_tag(note_refs, name="note_refs")


@register.filter
def no_final_stop(text: str) -> str:
    """The text without its final full stop (the sentence around it adds one)."""
    return str(text or "").rstrip().rstrip(".")
