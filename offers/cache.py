"""One cache for everything that is the same for every visitor (published offers, coverage).

Entries are keyed by a catalogue version; any change to offers, themes, providers, areas
or commitments bumps the version once the transaction commits, so every app server sees
the change at once. Keys hold only names, area codes and ages: never a postcode.
"""

import time

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "catalogue:version"


def catalogue_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        # If the cache is down, get() answers None again; any number will do then,
        # because nothing will be found under it either.
        version = cache.get(VERSION_KEY) or 0
    return version


def bump_catalogue_version() -> None:
    """Call after any write that bypasses model signals (bulk updates, raw SQL)."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, time.time_ns(), timeout=None))


def cached(name: str, build, *parts, timeout: int = 3600):
    """Return build() cached under name + the catalogue version + parts."""
    key = ":".join(["catalogue", name, str(catalogue_version()), *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=timeout)
    return value
