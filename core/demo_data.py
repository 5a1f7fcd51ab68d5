"""Demo data the apps register in their `demo.py` (`manage.py load_demo`).

Each app's loader gets the shared `world` (what the loaders before it made: sites, the
project, …) and adds what it makes; loaders run by their `order` (the sites come
first: the project's coordinators are members for a site).
"""

from collections.abc import Callable
from types import SimpleNamespace
from typing import IO

from core.registry import Registry

Loader = Callable[..., None]

_loaders: Registry[tuple[int, Loader]] = Registry("demo")


def loader(*, order: int) -> Callable[[Loader], Loader]:
    """Registers `load(world, *, stdout)` as an app's demo data, run at `order`."""

    def decorator(load: Loader) -> Loader:
        _loaders.register((order, load))
        return load

    return decorator


def load_all(*, stdout: IO[str] | None = None) -> SimpleNamespace:
    world = SimpleNamespace()
    for _order, load in sorted(_loaders, key=lambda item: item[0]):
        load(world, stdout=stdout)
    return world
