"""offers.cache: the shared, versioned cache, and each process's own copy of what it read."""

import pytest
from django.core.cache import cache

from offers import cache as catalogue


class Builds:
    """A build function that counts its calls."""

    def __init__(self, value="from the database"):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return [self.value, self.calls]


def value_keys(name: str) -> list[str]:
    return [key for key in cache._cache if f":catalogue:{name}:" in key]


def test_a_value_is_built_once_then_read_from_this_process():
    build = Builds()
    first = catalogue.cached("test-list", build, "E09000019")
    assert build.calls == 1 and len(value_keys("test-list")) == 1
    # Gone from the shared cache: this process still has it under the same version.
    cache.delete_many([key.split(":", 2)[2] for key in value_keys("test-list")])
    assert catalogue.cached("test-list", build, "E09000019") is first
    assert build.calls == 1


def test_another_process_reads_it_from_the_shared_cache():
    build = Builds()
    catalogue.cached("test-list", build, "E09000019")
    catalogue._local.clear()  # as a new app server would start
    assert catalogue.cached("test-list", build, "E09000019") == ["from the database", 1]
    assert build.calls == 1


def test_a_new_catalogue_version_builds_again(db, django_capture_on_commit_callbacks):
    build = Builds()
    catalogue.cached("test-list", build)
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.bump_catalogue_version()
    assert catalogue.cached("test-list", build) == ["from the database", 2]


def test_a_pinned_version_is_used_without_reading_the_cache():
    version = catalogue.catalogue_version()
    with catalogue.pinned_version(12345):
        assert catalogue.catalogue_version() == 12345
        cache.set(catalogue.VERSION_KEY, 67890)
        assert catalogue.catalogue_version() == 12345
    assert catalogue.catalogue_version() == 67890 != version


def test_only_so_many_values_are_kept_in_a_process():
    for n in range(catalogue.LOCAL_ENTRIES + 10):
        catalogue.cached("test-many", Builds(n), n)
    assert len(catalogue._local) == catalogue.LOCAL_ENTRIES
    kept = [key.rsplit(":", 1)[1] for key in catalogue._local]
    assert kept[0] == "10" and kept[-1] == str(catalogue.LOCAL_ENTRIES + 9)


def test_a_value_is_kept_no_longer_than_the_shared_cache_keeps_it(monkeypatch):
    build = Builds()
    catalogue.cached("test-list", build, timeout=60)
    now = catalogue.time.monotonic()
    monkeypatch.setattr(catalogue.time, "monotonic", lambda: now + 61)
    cache.clear()  # the shared copy has expired too (and with it the version)
    assert catalogue.cached("test-list", build, timeout=60) == ["from the database", 2]


@pytest.mark.parametrize("backend", ["django.core.cache.backends.dummy.DummyCache"])
def test_without_a_working_cache_nothing_is_kept(settings, backend):
    """The version is unknown (0) when the cache is down: every read goes to the database."""
    settings.CACHES = {"default": {"BACKEND": backend}}
    build = Builds()
    assert catalogue.catalogue_version() == 0
    assert catalogue.cached("test-list", build) == ["from the database", 1]
    assert catalogue.cached("test-list", build) == ["from the database", 2]
    assert not any(":0:" in key for key in catalogue._local)


@pytest.fixture(autouse=True)
def empty_process_cache():
    catalogue._local.clear()
    yield
    catalogue._local.clear()
