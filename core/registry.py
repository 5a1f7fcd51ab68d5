"""Registries through which each app contributes what it knows to the layers below it.

The core cannot import the apps built on it, so an app declares its navigation entries
(`<app>/navigation.py`), its personal-data inventory (`<app>/personal_data.py`) and its
demo data (`<app>/demo.py`) in modules of those names; a registry imports them from
every installed app the first time it is read (as Django's admin finds `admin.py`), in
INSTALLED_APPS order, so what the apps register comes in layer order.
"""

from collections.abc import Iterator

from django.utils.module_loading import autodiscover_modules


class Registry[T]:
    def __init__(self, module_name: str) -> None:
        self.module_name = module_name
        self._items: list[T] = []
        self._discovered = False

    def register(self, item: T) -> T:
        self._items.append(item)
        return item

    def discover(self) -> None:
        if not self._discovered:
            self._discovered = True
            autodiscover_modules(self.module_name)

    def __iter__(self) -> Iterator[T]:
        self.discover()
        return iter(list(self._items))
