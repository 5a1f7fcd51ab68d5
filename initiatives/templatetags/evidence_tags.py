"""How a quote's speaker is shown: by name only to those allowed to see it."""

from django import template

register = template.Library()


@register.simple_tag
def speaker(quote, user):
    """The speaker label, or “Borger, 50–69 år” where the user may not see who spoke."""
    if user.has_perm("initiatives.view_quote_speaker", quote):
        return quote.speaker_label
    return quote.anonymous_label
