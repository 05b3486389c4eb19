"""Fixtures for the production-readiness tests: the real Redis, separate PostgreSQL
databases, a TCP proxy that can cut the database off, and a gunicorn to serve through it."""

import os
import socket
import uuid

import pytest
from django.conf import settings

from tests.compact_portal import services

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def redis_caches(prefix: str, location: str = REDIS_URL) -> dict:
    """CACHES as production sets them (compact_portal/settings.py), with our own prefix."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "LOG_IGNORED_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
            },
        }
    }


@pytest.fixture
def redis_cache(settings):
    """The default cache on the real Redis at 127.0.0.1:6379, under a key prefix of this
    test's own, so parallel runs never meet; its keys are deleted afterwards."""
    if not services.redis_answers(REDIS_URL):
        pytest.skip(f"Redis is not running at {REDIS_URL}")
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = redis_caches(prefix)
    settings.DJANGO_REDIS_LOGGER = "compact_portal.cache"
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    from django.core.cache import cache

    yield prefix
    # Never cache.clear(): on Redis that is FLUSHDB for everyone.
    cache.delete_pattern("*")


@pytest.fixture
def unique_ratelimit_prefix(settings):
    """Rate-limit counters of this test's own (the cache outlives a test)."""
    settings.RATELIMIT_CACHE_PREFIX = f"rl-{uuid.uuid4().hex}:"
    return settings.RATELIMIT_CACHE_PREFIX


@pytest.fixture
def free_port():
    """A free TCP port on 127.0.0.1 in this task's range (8700-8799)."""
    return services.free_port()


def suite_on_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


# For tests that build PostgreSQL databases of their own (faults, backups): they run in
# the suite's PostgreSQL pass (CI runs both), not twice.
needs_postgres = pytest.mark.skipif(
    not suite_on_postgres(),
    reason="PostgreSQL only: runs when the suite runs on PostgreSQL (DATABASE_URL=postgres://…)",
)


def port_is_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="session")
def portal_database_template():
    """A prod_* PostgreSQL database, migrated and loaded with the Compact's data once per
    session; tests copy it (CREATE DATABASE … TEMPLATE) instead of migrating again."""
    name = services.unique_name("template")
    services.create_database(name)
    try:
        services.migrate_and_load(name)
        yield name
    finally:
        services.drop_database(name)
