"""One cache for everything that is the same for every visitor (published offers, coverage).

Entries are keyed by a catalogue version; any change to offers, themes, providers, areas
or commitments bumps the version once the transaction commits, so every app server sees
the change at once. Keys hold only names, area codes and ages: never a postcode.

Each app server also keeps what it has read in its own memory, under the same versioned key
(a few hundred entries, for at most as long as the shared cache would), so a request reads
only the version from Redis. Those values are shared by every request the process answers:
treat what cached() returns as read-only (frozen dataclasses, tuples, and lists and dicts
that nobody changes).
"""

import contextlib
import contextvars
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "catalogue:version"
LOCAL_ENTRIES = 256

_local: OrderedDict = OrderedDict()  # key -> (expires at, value), least recently used first
_local_lock = threading.Lock()
# The version one request reads everything at (offers.page_cache pins it): one read of Redis
# per request, and one consistent catalogue for the whole answer.
_pinned = contextvars.ContextVar("catalogue_version", default=None)


def catalogue_version() -> int:
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        # If the cache is down, get() answers None again; any number will do then,
        # because nothing will be found under it either.
        version = cache.get(VERSION_KEY) or 0
    return version


@contextlib.contextmanager
def pinned_version(version: int):
    """Within the block, catalogue_version() is this version (no read of the cache)."""
    token = _pinned.set(version)
    try:
        yield
    finally:
        _pinned.reset(token)


def bump_catalogue_version() -> None:
    """Call after any write that bypasses model signals (bulk updates, raw SQL)."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, time.time_ns(), timeout=None))


def _recall(key: str):
    with _local_lock:
        found = _local.get(key)
        if found is None:
            return None
        if found[0] < time.monotonic():
            del _local[key]
            return None
        _local.move_to_end(key)
        return found[1]


def _remember(key: str, value, timeout: int) -> None:
    with _local_lock:
        _local[key] = (time.monotonic() + timeout, value)
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def cached(name: str, build, *parts, timeout: int = 3600):
    """Return build() cached under name + the catalogue version + parts."""
    version = catalogue_version()
    key = ":".join(["catalogue", name, str(version), *map(str, parts)])
    # Version 0: the cache is down and the version unknown, so nothing may be kept here.
    value = _recall(key) if version else None
    if value is not None:
        return value
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=timeout)
    if version:
        _remember(key, value, timeout)
    return value
