"""What a timeline item waits for, counted by the app that keeps it.

A timeline item (initiatives.TimelineItem) may follow something another app keeps,
such as the test schemas: then it is done only when none of them is missing, however
it was marked. initiatives cannot import testing, so testing registers its count
here (from its AppConfig.ready) and the timeline asks by name.
"""

import datetime
from collections.abc import Callable, Iterable
from typing import Any

# counter(*, project, deadlines) → {deadline: how many are missing}
Counter = Callable[..., dict[datetime.date, int]]

_counters: dict[str, Counter] = {}


def register(name: str) -> Callable[[Counter], Counter]:
    """@register("schemas") on counter(*, project, deadlines) → {deadline: missing}."""

    def decorator(counter: Counter) -> Counter:
        _counters[name] = counter
        return counter

    return decorator


def missing(
    name: str, *, project: Any, deadlines: Iterable[datetime.date]
) -> dict[datetime.date, int]:
    """{deadline: how many of `name` are missing with a deadline on or before it};
    empty when no app counts `name`."""
    counter = _counters.get(name)
    if counter is None or not deadlines:
        return {}
    return counter(project=project, deadlines=sorted(set(deadlines)))
