"""What a timeline item waits for, counted by the app that keeps it.

A timeline item (initiatives.TimelineItem) may follow something another app keeps,
such as the test schemas: then it is done only when none of them is missing, however
it was marked. initiatives cannot import testing, so testing registers its count
here (from its AppConfig.ready) and the timeline asks by name.
"""

_counters = {}


def register(name):
    """@register("schemas") on counter(*, project, deadlines) → {deadline: missing}."""

    def decorator(counter):
        _counters[name] = counter
        return counter

    return decorator


def missing(name, *, project, deadlines):
    """{deadline: how many of `name` are missing with a deadline on or before it};
    empty when no app counts `name`."""
    counter = _counters.get(name)
    if counter is None or not deadlines:
        return {}
    return counter(project=project, deadlines=sorted(set(deadlines)))
